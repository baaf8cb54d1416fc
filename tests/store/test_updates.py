"""Replacing documents' graphs keeps their union exact: the default graph always holds
each triple of jmgraph's graphs once and nothing else, checked on a real store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.rdf.graphs import graph_iri
from jmgraph.store.local import GraphStore
from jmgraph.store.updates import insert_data, union_change

from ..conftest import examples

S = [ox.NamedNode(f"https://w3id.org/jmgraph/id/person/p{i}") for i in range(3)]
P = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
OBJECTS = [ox.Literal("one"), ox.Literal('two "quoted"\n}'), ox.Literal("три")]
TRIPLES = [ox.Triple(s, P, o) for s in S for o in OBJECTS]
DOCS = ["a", "b", "c"]


def _quads(doc: str, triples: list[ox.Triple]) -> list[ox.Quad]:
    return [ox.Quad(t.subject, t.predicate, t.object, graph_iri(doc)) for t in triples]


def _union_is_exact(store: GraphStore) -> None:
    assert set(store.union_triples()) == {q.triple for q in store.named_quads()}


def test_union_change_names_what_joins_and_what_may_leave() -> None:
    old = _quads("a", TRIPLES[:2])
    new = _quads("a", TRIPLES[1:3])
    joining, leaving = union_change(old, new)
    assert joining == [TRIPLES[2]]
    assert leaving == [TRIPLES[0]]


def test_insert_data_escapes_literals_and_names_the_graph() -> None:
    text = insert_data([TRIPLES[1]], graph_iri("a"))
    assert text.startswith(f"INSERT DATA {{ GRAPH {graph_iri('a')} {{")
    assert '"two \\"quoted\\"\\n}"' in text
    assert insert_data([TRIPLES[0]]).startswith("INSERT DATA {\n")


def test_a_triple_another_graph_states_stays_in_the_union(tmp_path: Path) -> None:
    store = GraphStore.create(tmp_path / "s")
    store.replace_graphs({"a": _quads("a", TRIPLES[:2]), "b": _quads("b", TRIPLES[:1])})
    store.replace_graph("a", _quads("a", TRIPLES[2:3]))
    assert set(store.union_triples()) == {TRIPLES[0], TRIPLES[2]}
    store.replace_graph("b", [])
    assert set(store.union_triples()) == {TRIPLES[2]}
    _union_is_exact(store)
    store.close()


def test_other_graphs_of_the_dataset_do_not_keep_a_triple_in_the_union(
        tmp_path: Path) -> None:
    store = GraphStore.create(tmp_path / "s")
    store.replace_graph("a", _quads("a", TRIPLES[:1]))
    theirs = ox.NamedNode("http://example.org/someone-elses-graph")
    store.db.add(ox.Quad(TRIPLES[0].subject, P, TRIPLES[0].object, theirs))
    store.replace_graph("a", [])
    assert set(store.union_triples()) == set()
    store.close()


REPLACEMENTS = st.lists(
    st.dictionaries(st.sampled_from(DOCS), st.sets(st.sampled_from(TRIPLES), max_size=5),
                    min_size=1, max_size=3),
    min_size=1, max_size=6)


@settings(max_examples=examples(40), deadline=None)
@given(REPLACEMENTS)
def test_any_sequence_of_replacements_keeps_the_union_exact(
        steps: list[dict[str, set[ox.Triple]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore.create(Path(tmp) / "s")
        for step in steps:
            store.replace_graphs({doc: _quads(doc, sorted(ts, key=str))
                                  for doc, ts in step.items()})
            _union_is_exact(store)
        store.close()
