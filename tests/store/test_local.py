from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph.errors import StoreError
from jmgraph.rdf.graphs import graph_iri
from jmgraph.store.extraction_cache import carry
from jmgraph.store.local import GraphStore, opened

from ..conftest import cache_of

S = ox.NamedNode("https://w3id.org/jmgraph/id/person/x")
P = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def test_store_replace_graph_swaps_a_documents_statements(tmp_path: Path) -> None:
    store = GraphStore.create(tmp_path / "s")
    g = graph_iri("a")
    store.replace_graph("a", [ox.Quad(S, P, ox.Literal("one"), g)])
    store.replace_graph("b", [ox.Quad(S, P, ox.Literal("kept"), graph_iri("b"))])
    store.replace_graph("a", [ox.Quad(S, P, ox.Literal('two "quoted"\n}'), g)])
    assert {q.object.value for q in store.graph_quads("a")} == {'two "quoted"\n}'}
    assert {q.object.value for q in store.graph_quads("b")} == {"kept"}
    assert store.document_ids() == ["a", "b"]
    store.close()


def test_store_publish_switches_generations_and_keeps_one_before(tmp_path: Path) -> None:
    path = tmp_path / "s"
    GraphStore.create(path).close()
    for label in ("one", "two", "three"):
        new = GraphStore.new_generation(path)
        new.replace_graph("a", [ox.Quad(S, P, ox.Literal(label), graph_iri("a"))])
        new.publish()
    with opened(path) as store:
        assert {q.object.value for q in store.graph_quads("a")} == {"three"}
    assert len(list(path.glob("gen-*"))) == 2


def test_store_publish_keeps_the_new_generation_of_a_store_named_by_a_relative_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("s")
    GraphStore.create(path).close()
    for label in ("one", "two"):
        new = GraphStore.new_generation(path)
        new.replace_graph("a", [ox.Quad(S, P, ox.Literal(label), graph_iri("a"))])
        new.publish()
        with opened(path) as store:
            assert {q.object.value for q in store.graph_quads("a")} == {label}
    assert len(list(path.glob("gen-*"))) == 2


def test_store_discarded_generation_leaves_the_current_one(tmp_path: Path) -> None:
    path = tmp_path / "s"
    first = GraphStore.create(path)
    first.replace_graph("a", [ox.Quad(S, P, ox.Literal("kept"), graph_iri("a"))])
    first.close()
    GraphStore.new_generation(path).discard()
    with opened(path) as store:
        assert {q.object.value for q in store.graph_quads("a")} == {"kept"}


def test_store_a_killed_runs_generation_is_removed_and_the_last_good_one_kept(
        tmp_path: Path) -> None:
    path = tmp_path / "s"
    GraphStore.create(path).close()
    second = GraphStore.new_generation(path)
    second.replace_graph("a", [ox.Quad(S, P, ox.Literal("good"), graph_iri("a"))])
    second.publish()
    good = sorted(g.name for g in path.glob("gen-*"))           # the current and the one before
    killed = subprocess.Popen(
        [sys.executable, "-c",
         "import time; from pathlib import Path; from jmgraph.store.local import GraphStore;"
         f"s=GraphStore.new_generation(Path({str(path)!r})); print('made', flush=True);"
         "time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    assert killed.stdout.readline().strip() == "made"
    killed.kill()
    killed.wait()
    assert len(list(path.glob("gen-*"))) == 3                  # a partial generation left
    with opened(path, writable=True):                          # the next writer (an add)
        assert sorted(g.name for g in path.glob("gen-*")) == good     # removes it
    killed_again = GraphStore.new_generation(path)             # a build killed: its lock
    killed_again.lock.close()                                  # gone with its process
    third = GraphStore.new_generation(path)
    assert sorted(g.name for g in path.glob("gen-*")) == [*good, third.generation.name]
    third.publish()
    # the last good generation is the one kept before the new one
    assert sorted(g.name for g in path.glob("gen-*")) == [good[1], third.generation.name]


def test_store_successor_holds_the_extractions_and_the_lock_until_published(
        tmp_path: Path) -> None:
    path = tmp_path / "s"
    first = GraphStore.create(path)
    first.replace_graph("a", [ox.Quad(S, P, ox.Literal("old"), graph_iri("a"))])
    (cache_of(first).folder / "a.json").write_text('{"document": {"sha256": "x"}}')
    cache_of(first).save_rendering("0" * 64)           # the old graphs' records are not carried
    successor = first.successor(carry)
    assert first.lock is None and successor.writable
    assert cache_of(successor).doc_ids() == {"a"} and cache_of(successor).sha256("a") == "x"
    assert cache_of(successor).rendering() is None and successor.document_ids() == []
    with pytest.raises(StoreError, match="store is in use by another jmgraph process"):
        GraphStore.open(path, writable=True)
    with opened(path) as reader:                     # readers see the old one meanwhile
        assert {q.object.value for q in reader.graph_quads("a")} == {"old"}
    successor.replace_graph("a", [ox.Quad(S, P, ox.Literal("new"), graph_iri("a"))])
    successor.publish()
    with opened(path, writable=True) as store:         # the lock released
        assert {q.object.value for q in store.graph_quads("a")} == {"new"}
    with opened(path) as reader, pytest.raises(StoreError, match="opened read-only"):
        reader.successor(carry)


def test_store_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no jmgraph store here; create it with 'jmgraph build"):
        GraphStore.open(tmp_path / "nothing")


@pytest.mark.slow
def test_store_second_writer_is_told_the_store_is_in_use(tmp_path: Path) -> None:
    path = tmp_path / "s"
    GraphStore.create(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from pathlib import Path; from jmgraph.store.local import GraphStore;"
         f"s=GraphStore.open(Path({str(path)!r}), writable=True); print('open', flush=True);"
         "time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="store is in use by another jmgraph process"):
            GraphStore.open(path, writable=True)
        with pytest.raises(StoreError, match="store is in use by another jmgraph process"):
            GraphStore.new_generation(path)             # a build too
        with opened(path) as reader:           # readers still work while a writer holds it
            assert len(reader) == 0
    finally:
        holder.kill()
        holder.wait()
