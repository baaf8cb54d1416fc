"""Shared fixtures: the seed graph built once per session, helpers over small texts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests draw a fifth of their examples in the quick run (a bare `pytest`, which
# also leaves out the tests marked slow) and all of them in the full run (`python3 dev.py
# test`, CI: `--hypothesis-profile=full`); their @example cases run in both.
settings.register_profile("full", max_examples=100)
settings.register_profile("quick", max_examples=20)
settings.load_profile("quick")


def examples(full: int) -> int:
    """How many examples a property test drawing FULL in the full run draws in this one."""
    return max(1, full * settings.default.max_examples // 100)


ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built into a store (once per test session)."""
    from jmgraph import pipeline

    path = tmp_path_factory.mktemp("seed") / "store"
    report = pipeline.build(SEEDS, path)
    assert not report.failed
    return path


@pytest.fixture(scope="session")
def seed_export(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every export format of the seed graph, in one folder."""
    from jmgraph.outputs import export
    from jmgraph.store.local import opened

    folder = tmp_path_factory.mktemp("out")
    with opened(seed_store) as store:
        export.export_all(store, folder)
    return folder


def cache_of(store):
    """The extraction cache of an open store (embedded or remote)."""
    from jmgraph.store.extraction_cache import ExtractionCache

    return ExtractionCache(store.cache_folder)


def store_nquads(store: Path) -> bytes:
    """The documents' graphs of the store at STORE as canonical (sorted) N-Quads."""
    import io

    from jmgraph.outputs import export
    from jmgraph.store.local import opened

    with opened(store) as s:
        buf = io.BytesIO()
        export.export(s, export.FORMATS["nquads"], buf)
        return buf.getvalue()


def store_graphs(store: Path) -> dict[str, set]:
    """Graph key (a document id, or a description's ``kind/slug``) -> the quads of that
    graph, in the store at STORE."""
    from jmgraph.store.local import opened

    with opened(store) as s:
        return {k: s.graph_quads(k) for k in s.graph_keys()}


def run_cli(*args: str, env: dict | None = None):
    """Run the installed CLI in a subprocess, as a user would."""
    import os
    import subprocess

    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "jmgraph.cli", *args], capture_output=True,
                          text=True, env=full_env, cwd=ROOT)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(cmd: list[str], url: str, timeout: float = 30):
    """Start a server process and wait until URL answers; the process."""
    import subprocess
    import time
    import urllib.error
    import urllib.request

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return proc
        except urllib.error.HTTPError:
            return proc                     # it answers, if only to say 404
        except (urllib.error.URLError, OSError):    # not listening yet, or slow to answer
            if proc.poll() is not None:
                pytest.fail(f"server exited: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    proc.kill()
    pytest.fail(f"{cmd[0]} did not answer within {timeout} s")


def stop_server(proc) -> None:
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def served_seed(seed_store: Path):
    """`jmgraph serve` over the seed store on a free loopback port; its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server([sys.executable, "-m", "jmgraph.cli", "serve", "--store",
                         str(seed_store), "--port", str(port)], url + "/")
    yield url
    stop_server(proc)


def saved_query_answer(store: Path, name: str) -> dict:
    """What `jmgraph query NAME --format json` prints over STORE with no parameter given
    (the documented defaults; a paged listing's first page), as SPARQL 1.1 JSON results."""
    import json

    from click.testing import CliRunner

    from jmgraph.cli import main

    result = CliRunner().invoke(main, ["query", name, "--format", "json", "--store", str(store),
                                       "--queries", str(ROOT / "queries")])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def answer_rows(answer: dict) -> list[tuple[tuple[str, str, str], ...]]:
    """The rows of ANSWER (SPARQL 1.1 JSON results) in order: per column (type, value,
    datatype or language) of its term, ("", "", "") when unbound.  A plain string's datatype
    is dropped (written by some engines, not others) and a typed literal's type is "literal"
    (JSON results 1.0's "typed-literal")."""
    rows = []
    for binding in answer["results"]["bindings"]:
        row = []
        for column in answer["head"]["vars"]:
            term = binding.get(column)
            if term is None:
                row.append(("", "", ""))
                continue
            kind = "literal" if term["type"] == "typed-literal" else term["type"]
            datatype = term.get("datatype", term.get("xml:lang", ""))
            if datatype == "http://www.w3.org/2001/XMLSchema#string":
                datatype = ""
            row.append((kind, term["value"], datatype))
        rows.append(tuple(row))
    return rows
