"""--endpoint: the graph in a remote SPARQL 1.1 store, here a real Oxigraph server (the
`oxigraph` package's binary, writable) on a free loopback port."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph.errors import QueryError, StoreError
from jmgraph.outputs import export
from jmgraph.outputs.serve import server_binary
from jmgraph.query import queries
from jmgraph.store.backend import Target, opened
from jmgraph.store.remote import Endpoint, RemoteStore

from ..conftest import ROOT, SEEDS, cache_of, free_port, run_cli, start_server, stop_server

ADDED = ("Ulaanbaatar, 12 May 2031 - Prime Minister Sora Tanaka of Japan arrived in "
         "Ulaanbaatar today on an official visit to Mongolia.\n")


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    proc = start_server([server_binary(), "serve", "--location", str(tmp_path / "server"),
                         "--bind", f"127.0.0.1:{port}"], f"http://127.0.0.1:{port}/")
    yield f"http://127.0.0.1:{port}/query"
    stop_server(proc)


def _nquads(*args: str) -> bytes:
    result = run_cli("export", "--format", "nquads", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout.encode("utf-8")


def test_endpoint_services_default_to_the_query_endpoints_siblings() -> None:
    e = Endpoint.from_url("http://h:7878/query")
    assert (e.update_url, e.graph_store_url) == ("http://h:7878/update", "http://h:7878/store")
    f = Endpoint.from_url("http://h:3030/ds/sparql", graph_store_url="http://h:3030/ds/data")
    assert (f.update_url, f.graph_store_url) == ("http://h:3030/ds/update",
                                                  "http://h:3030/ds/data")
    g = Endpoint.from_url("https://h/repositories/x")
    assert g.update_url == "https://h/repositories/x/update"
    with pytest.raises(StoreError, match="give the http"):
        Endpoint.from_url("ftp://h/query")


@pytest.mark.slow
def test_unreachable_endpoint_is_one_clear_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run_cli("query", "visits", "--endpoint", url)
    assert result.returncode == 1
    assert f"{url}: cannot reach the SPARQL endpoint" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_add_query_export_through_an_endpoint_equal_the_embedded_store(
        endpoint: str, seed_store: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = run_cli("build", "--endpoint", endpoint, "--cache", str(cache))
    assert built.returncode == 0, built.stderr
    assert f"Built {endpoint}: 5 ingested" in built.stdout
    assert _nquads("--endpoint", endpoint) == _nquads("--store", str(seed_store))

    # every saved query, run through the endpoint, gives the embedded store's rows
    target = Target(seed_store, Endpoint.from_url(endpoint), cache)
    folder = ROOT / "queries"
    for name, saved in queries.saved(folder).items():
        text = queries.bind(saved, {"person": "Batbold"} if "person" in saved.params else {})
        with opened(target) as remote, opened(Target(seed_store)) as local:
            got, want = queries.run(remote, text, name), queries.run(local, text, name)
        assert got.columns == want.columns, name
        if "ORDER BY" in saved.text:
            assert got.rows == want.rows, name
        else:
            assert sorted(map(str, got.rows)) == sorted(map(str, want.rows)), name

    # add: the new document's graph through the Graph Store Protocol, the union refreshed
    new = tmp_path / "2031-visit.txt"
    new.write_text(ADDED, encoding="utf-8")
    local = tmp_path / "local"
    shutil.copytree(seed_store, local, symlinks=True)
    for args in (("--endpoint", endpoint, "--cache", str(cache)), ("--store", str(local))):
        added = run_cli("add", str(new), *args)
        assert added.returncode == 0, added.stderr
        assert "graphs written: 2031-visit" in added.stdout
    assert _nquads("--endpoint", endpoint) == _nquads("--store", str(local))
    out = tmp_path / "out"
    assert run_cli("export", "--endpoint", endpoint, "--dir", str(out)).returncode == 0
    assert f"void:sparqlEndpoint <{endpoint}>" in (out / "void.ttl").read_text()
    rows = run_cli("query", "visits", "--endpoint", endpoint, "--param", "fromYear=2031")
    assert "Sora Tanaka" in rows.stdout
    again = run_cli("add", str(new), "--endpoint", endpoint, "--cache", str(cache))
    assert "0 ingested, 1 unchanged" in again.stdout

    # graphs made by another version: the graph made again from the extractions kept
    for folder in (cache / "extractions", local / "current" / "extractions"):
        (folder / "rendering.sha256").write_text("0" * 64 + "\n")
    new.write_text(ADDED.replace("2031", "2032"), encoding="utf-8")
    for args in (("--endpoint", endpoint, "--cache", str(cache)), ("--store", str(local))):
        added = run_cli("add", str(new), *args)
        assert added.returncode == 0, added.stderr
        assert "made again from the extractions kept" in added.stderr
    assert _nquads("--endpoint", endpoint) == _nquads("--store", str(local))
    rows = run_cli("query", "visits", "--endpoint", endpoint, "--param", "fromYear=2032")
    assert "Sora Tanaka" in rows.stdout


@pytest.mark.slow
def test_build_through_an_endpoint_leaves_other_graphs_alone_and_drops_stale_ones(
        endpoint: str, tmp_path: Path) -> None:
    theirs = ox.NamedNode("http://example.org/their-own-graph")
    e = Endpoint.from_url(endpoint)
    e.put_graph(theirs, [ox.Triple(ox.NamedNode("http://example.org/s"),
                                   ox.NamedNode("http://example.org/p"), ox.Literal("o"))])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, corpus)
    target = Target(tmp_path / "store", e, tmp_path / "cache")
    from jmgraph import pipeline

    pipeline.build(corpus, target)
    with opened(target) as s:
        first = s.document_ids()
    assert len(first) == 2
    (corpus / sorted(p.name for p in corpus.iterdir())[0]).unlink()
    pipeline.build(corpus, target)
    with opened(target) as s:
        assert s.document_ids() == first[1:]           # the removed document's graph is gone
        assert all(q.graph_name != theirs for q in s.named_quads())    # not exported
        union = set(s.union_triples())
        assert union == {q.triple for q in s.named_quads()}
        assert isinstance(s, RemoteStore)
    (tmp_path / "empty").mkdir()                          # a build that reads nothing
    with pytest.raises(pipeline.NothingRead):
        pipeline.build(tmp_path / "empty", target)
    with opened(target) as s:                             # changes nothing, here or there
        assert s.document_ids() == first[1:] and cache_of(s).doc_ids() == set(first[1:])
    new = tmp_path / "2031-visit.txt"
    new.write_text(ADDED, encoding="utf-8")
    pipeline.add([new], target)                           # the union refreshed on the server
    with opened(target) as s:
        assert set(s.union_triples()) == {q.triple for q in s.named_quads()}
    assert len(e.get_graph(theirs)) == 1                  # the user's graph is untouched


def test_the_union_pruning_reads_jmgraphs_graphs_only() -> None:
    from importlib import resources

    from jmgraph.rdf.graphs import graph_iri

    text = (resources.files("jmgraph") / "sparql" / "prune-union.ru").read_text()
    assert f'STRSTARTS(STR(?g), "{graph_iri("").value}")' in text


@pytest.mark.slow
def test_malformed_query_through_an_endpoint_reports_the_servers_message(
        endpoint: str, tmp_path: Path) -> None:
    target = Target(tmp_path, Endpoint.from_url(endpoint), tmp_path / "cache")
    with opened(target) as s, pytest.raises(QueryError, match=r"bad: malformed SPARQL: .+"):
        queries.run(s, "SELECT * WHERE { ?s ?p }", "bad")
    with opened(target) as s:
        assert queries.run(s, "ASK { ?s ?p ?o }", "ask").rows[0][0].value == "false"
        assert export.sorted_quads(s) == []
