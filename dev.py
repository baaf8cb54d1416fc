#!/usr/bin/env python3
"""Set up the project and run its jobs, with nothing but Python 3.11+.

    python3 dev.py demo     create .venv, install jmgraph and the spaCy model, build the
                            graph of seeds/ into the store, write the exports and the
                            timeline picture to out/
    python3 dev.py test     create .venv, install jmgraph with its test tools, run the
                            whole test suite (extra arguments go to pytest; a bare
                            `pytest` in .venv is the quick run, without the slow tests)
    python3 dev.py lint     ruff over src/ and tests/

Idempotent: the virtual environment is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".jmgraph-installed"


def run(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text().strip() == wanted:
        return
    if sys.version_info < (3, 11):
        sys.exit(f"jmgraph needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"creating {VENV.relative_to(ROOT)}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing jmgraph, its dependencies and the spaCy model", flush=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> None:
    job = argv[0] if argv else "help"
    if job == "demo":
        setup()
        run(BIN / "jmgraph", "build", "--export-dir", ROOT / "out", *argv[1:])
        if not argv[1:]:                       # the default store: draw its timeline too
            run(BIN / "jmgraph", "timeline", "-o", ROOT / "out" / "timeline.svg")
    elif job == "test":
        setup()
        # every test (a bare pytest leaves out those marked slow: pyproject.toml), each
        # property test drawing all its examples (tests/conftest.py); ARGS may narrow it
        run(BIN / "python", "-m", "pytest", "-m", "", "--hypothesis-profile=full", *argv[1:])
    elif job == "lint":
        setup()
        run(BIN / "ruff", "check", "src", "tests", "bench", *argv[1:])
    else:
        print(__doc__)
        sys.exit(0 if job == "help" else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
