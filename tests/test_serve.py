"""The real Oxigraph server, started by `jmgraph serve`, queried with a standard client."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from jmgraph import queries
from jmgraph.store import opened

from .conftest import ROOT, answer_rows, saved_query_answer

pytestmark = pytest.mark.slow


def _remote(url: str, text: str) -> list[tuple]:
    client = SPARQLWrapper(url + "/query")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    names = result["head"]["vars"]
    return sorted(tuple(b.get(n, {}).get("value", "") for n in names)
                  for b in result["results"]["bindings"])


@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_serve_saved_queries_over_http_match_local_results(served_seed: str, seed_store: Path,
                                                          name: str) -> None:
    saved = queries.find(name, ROOT / "queries")
    text = queries.bind(saved, {"person": "Batbold"} if "person" in saved.params else {})
    with opened(seed_store) as s:
        local = queries.run(s.db, text, name)
    expected = sorted(tuple("" if v is None else v.value for v in row) for row in local.rows)
    assert _remote(served_seed, text) == expected



@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_serve_saved_queries_as_saved_over_http_answer_with_their_defaults(
        served_seed: str, seed_store: Path, name: str) -> None:
    """The README's curl: the file as it is, sent over HTTP with no value bound, gives the
    rows `jmgraph query NAME` prints with no --param."""
    text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    expected = saved_query_answer(seed_store, name)
    assert expected["results"]["bindings"]
    assert _remote(served_seed, text) == sorted(
        tuple(value for _, value, _ in row) for row in answer_rows(expected))

def test_serve_refuses_updates(served_seed: str, seed_store: Path) -> None:
    request = urllib.request.Request(
        served_seed + "/update", data=b"update=DROP+ALL", method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=5)
    with opened(seed_store) as s:
        assert len(s) > 0


def test_serve_shows_its_query_page(served_seed: str) -> None:
    page = urllib.request.urlopen(served_seed + "/", timeout=5).read().decode("utf-8", "replace")
    assert "<html" in page.lower()
