"""jmgraph installed as a package (`pip install .`, not editable) runs from anywhere: the
saved queries, the ontology and the package's data ship in the wheel and are found there.

The project is installed into a fresh virtual environment without its dependencies, which
are made visible from this environment's site-packages (a .pth file: the .pth files there,
the editable install's among them, are not run), so that the jmgraph run is the installed
copy, in a folder outside the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONPATH" and not k.startswith("JMGRAPH_")}
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env)
    assert proc.returncode == 0, f"{args}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh environment with jmgraph installed from the checkout."""
    env = tmp_path_factory.mktemp("installed") / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", ROOT, cwd=env)
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
               cwd=env).stdout.strip()
    (Path(site) / "jmgraph-test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env / "bin"


def test_installed_package_builds_and_queries(installed: Path, tmp_path: Path) -> None:
    where = run(installed / "python", "-c", "import jmgraph.cli; print(jmgraph.cli.__file__)",
                cwd=tmp_path).stdout
    assert Path(where.strip()).is_relative_to(installed.parent), where   # not the checkout

    jmgraph = installed / "jmgraph"
    built = run(jmgraph, "build", "--corpus", SEEDS, "--store", "store", cwd=tmp_path)
    assert "5 ingested, 0 unchanged, 0 failed" in built.stdout
    assert (tmp_path / "store" / "current").is_symlink()

    visits = run(jmgraph, "query", "visits", "--param", "visitor=Elbegdorj", "--store",
                 "store", cwd=tmp_path).stdout
    assert "visit:2013-09-elbegdorj-japan" in visits and "Tsakhia Elbegdorj" in visits
    assert "(4 rows)" in visits

    listed = run(jmgraph, "queries", cwd=tmp_path).stdout
    saved = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert saved and all(f"{name}: " in listed for name in saved)

    # with the shapes shipped in the package
    checked = run(jmgraph, "validate", "--store", "store", cwd=tmp_path).stdout
    assert "the graph conforms to" in checked
    assert "site-packages/jmgraph/ontology/shapes.ttl" in checked


def test_the_wheel_ships_the_files_edited_in_the_checkout(installed: Path) -> None:
    package = Path(run(installed / "python", "-c",
                       "import jmgraph; print(jmgraph.__file__)", cwd=installed).stdout.strip()
                   ).parent
    for folder, packaged, pattern in [("queries", "saved_queries", "*.rq"),
                                      ("ontology", "ontology", "*"),
                                      ("src/jmgraph/sparql", "sparql", "*"),
                                      ("src/jmgraph/patterns", "patterns", "*.jsonl"),
                                      ("src/jmgraph/data", "data", "*.json")]:
        files = sorted(p.name for p in (ROOT / folder).glob(pattern))
        assert files, folder
        for name in files:
            assert (package / packaged / name).read_bytes() == \
                (ROOT / folder / name).read_bytes(), f"{packaged}/{name}"
