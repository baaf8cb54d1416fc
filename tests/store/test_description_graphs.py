from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph.rdf.graphs import described_node, graph_iri
from jmgraph.store import description_graphs
from jmgraph.store.description_records import DescriptionRecords
from jmgraph.store.local import GraphStore

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def described(key: str, label: str) -> tuple[str, list[ox.Quad]]:
    return key, [ox.Quad(described_node(key), LABEL, ox.Literal(label), graph_iri(key))]


@pytest.fixture
def store(tmp_path: Path):
    s = GraphStore.create(tmp_path / "s")
    yield s
    s.close()


def labels(store: GraphStore, key: str) -> set[str]:
    return {q.object.value for q in store.graph_quads(key)}


def test_graph_digest_is_the_graphs_not_its_order_or_repeats() -> None:
    (_, (q,)), (_, (r,)) = described("person/a", "A"), described("person/b", "B")
    digest = description_graphs.graph_digest
    assert digest([q, r]) == digest([r, q, q]) != digest([q])


def test_a_description_whose_recorded_digest_matches_is_neither_read_nor_written(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with DescriptionRecords(tmp_path / "d.sqlite") as records:
        description_graphs.write(store, [described("person/a", "A"), described("visit/b", "B")],
                                 records, None, 10)
        read: list[str] = []
        real = GraphStore.graph_quads
        monkeypatch.setattr(GraphStore, "graph_quads",
                            lambda self, key: read.append(key) or real(self, key))
        written = description_graphs.write(
            store, [described("person/a", "A"), described("visit/b", "B2")], records, None, 10)
        assert written == ["visit/b"] and "person/a" not in read
        assert labels(store, "visit/b") == {"B2"}
        read.clear()                       # no digest recorded (an older store): compared
        records.forget(["person/a"])
        assert description_graphs.write(
            store, [described("person/a", "A"), described("visit/b", "B2")], records, None,
            10) == [] and read == ["person/a"]
        assert set(records.digests()) == {"person/a", "visit/b"}


def test_a_write_stopped_after_a_graph_is_stored_leaves_no_digest_standing_for_it(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its digest is forgotten before the graph is written: the next write, back to the old
    description, compares it with the store and writes it (the old digest would say it is
    stored)."""
    with DescriptionRecords(tmp_path / "d.sqlite") as records:
        description_graphs.write(store, [described("person/a", "old")], records, None, 10)
        with monkeypatch.context() as m:
            m.setattr(DescriptionRecords, "save", lambda *a, **k: (_ for _ in ()).throw(
                KeyboardInterrupt))
            with pytest.raises(KeyboardInterrupt):
                description_graphs.write(store, [described("person/a", "new")], records, None,
                                         10)
        assert labels(store, "person/a") == {"new"}
        assert description_graphs.write(store, [described("person/a", "old")], records,
                                        None, 10) == ["person/a"]
        assert labels(store, "person/a") == {"old"}
