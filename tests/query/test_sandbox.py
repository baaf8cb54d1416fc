"""Hostile queries: checked before the engine sees them, run in a worker process that a
crash or the time limit ends (the real engine over the seed store, and the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jmgraph.query import sandbox

from ..conftest import run_cli

NESTED = "SELECT * WHERE { " + "{" * 3000 + "}" * 3000 + " }"
CARTESIAN = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
             "?m ?n2 ?o }")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/jmgraph/ontology#Document> }"


def test_depth_counts_brackets_of_code_only() -> None:
    assert sandbox.depth('SELECT * WHERE { {{ }} "{{{{" <a> # {{{{{\n }') == 3
    assert sandbox.depth(NESTED) == 3001
    assert sandbox.depth("SELECT * WHERE { FILTER((1 + (2)) > 0) }") == 4


def test_services_are_read_from_code_only() -> None:
    text = ('SELECT * { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } SERVICE SILENT ?x { } '
            '"SERVICE <http://a/>" # SERVICE <http://b/>\n}')
    assert sandbox.services(text) == ["<http://127.0.0.1:1/q>", "?x"]


@pytest.mark.parametrize(("text", "limits", "said"), [
    ("SELECT * WHERE { ?s ?p ?o }" + " " * 200, sandbox.Limits(max_bytes=100),
     "more than the 100 a query may have"),
    (NESTED, sandbox.Limits(), "brackets nested 3001 deep, more than the 64"),
    ("SELECT * { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }", sandbox.Limits(),
     "SERVICE <http://127.0.0.1:9/q> is not allowed (allowed: none"),
    ("SELECT * { SERVICE ?where { ?s ?p ?o } }",
     sandbox.Limits(allow_service=frozenset({"http://127.0.0.1:9/q"})), "SERVICE ?where"),
])
def test_check_refuses_in_one_line(text: str, limits: sandbox.Limits, said: str) -> None:
    with pytest.raises(sandbox.QueryRefused, match=r"^query: ") as err:
        sandbox.check(text, limits)
    assert said in str(err.value) and "\n" not in str(err.value)


def test_check_lets_an_allowed_service_through() -> None:
    sandbox.check("SELECT * { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }",
                  sandbox.Limits(allow_service=frozenset({"http://127.0.0.1:9/q"})))


@pytest.mark.slow
def test_a_crash_of_the_engine_is_an_error_and_the_next_query_runs(seed_store: Path) -> None:
    unchecked = sandbox.Limits(max_depth=10**6)     # let the probe reach the engine
    with pytest.raises(sandbox.QueryCrashed, match=r"died on it \(SIGSEGV\)"):
        sandbox.run(seed_store, [NESTED], unchecked)
    (answer,) = sandbox.run(seed_store, [COUNT], sandbox.Limits(), results_format="csv")
    assert answer.data == b"n\r\n5\r\n"


@pytest.mark.slow
def test_a_query_past_the_time_limit_is_stopped(seed_store: Path) -> None:
    with pytest.raises(sandbox.QueryTimeout, match=r"stopped after 1 s"):
        sandbox.run(seed_store, [CARTESIAN], sandbox.Limits(timeout=1))
    assert not [w for w in sandbox._RUNNING if w.is_alive()]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "options", "said"), [
    (NESTED, [], "brackets nested 3001 deep"),
    ("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", [], None),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/query> { ?s ?p ?o } }", [],
     "is not allowed"),
    (CARTESIAN, ["--timeout", "1"], "stopped after 1 s, the time limit"),
])
def test_query_command_survives_hostile_queries(seed_store: Path, tmp_path: Path, text: str,
                                                options: list[str], said: str | None) -> None:
    file = tmp_path / "probe.rq"
    file.write_text(text, encoding="utf-8")
    result = run_cli("query", str(file), "--store", str(seed_store), *options)
    if said is None:                    # it runs, or fails in one line: never a signal
        assert result.returncode in (0, 1)
        assert result.returncode == 0 or result.stderr.count("\n") == 1
    else:
        assert result.returncode == 1
        assert result.stderr.startswith("Error: probe: ") and said in result.stderr
        assert result.stderr.count("\n") == 1
