from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.errors import StoreError
from jmgraph.extract.model import Capacity
from jmgraph.incremental.person_blocks import BlockStore, _dumps, _loads, blocks, placed_records
from jmgraph.resolve.person_clusters import UNSET, Record, cluster_records

from ..conftest import examples
from ..factories import Doc
from ..person_rows import DOCUMENTS, person_rows, record_of, records_of, shape


def _record(doc: str, n: int, given_: set[str], key: str, weak: bool = False) -> Record:
    record = record_of(n, (doc, key, given_, set(), weak, None))
    assert record is not None
    return record


def _reps(found: list[list[Record]]) -> list[list[str]]:
    return [sorted(r.rep for r in b) for b in found]


def test_blocks_keep_apart_persons_who_cannot_be_one_and_together_those_who_can() -> None:
    records = [_record("a", 1, {"taro"}, "sato"),
               _record("a", 2, {"kenji"}, "kato"),
               _record("b", 3, set(), "sato"),
               _record("b", 4, {"ichiro"}, "sato", weak=True),
               _record("c", 5, set(), "kato")]
    assert _reps(blocks(records)) == [["p1", "p3", "p4"], ["p2", "p5"]]


def test_blocks_leave_title_only_records_out() -> None:
    title = Record("a", "p1", words={"crown", "prince"}, title_only="Crown Prince", key=UNSET)
    assert _reps(blocks([title, _record("a", 2, set(), "sato")])) == [["p2"]]


def _clusters_by_block(records: list[Record]) -> list[list[str]]:
    return sorted(shape([c for b in blocks(records) for c in cluster_records(b)]))


@settings(max_examples=examples(200), deadline=None)
@given(person_rows(max_size=16))
def test_clustering_each_block_is_clustering_the_corpus(rows: list) -> None:
    """The decomposition incremental resolution rests on: the clusters of every block are
    the clusters of the whole, each with its records in the same order (labels and slugs
    read that order)."""
    records = records_of(rows)
    assert _clusters_by_block(records) == sorted(shape(cluster_records(records_of(rows))))


def test_a_record_kept_in_sqlite_is_read_back_the_same() -> None:
    r = Record("doc", "p3", words={"sato", "taro"}, keys=Counter({"Sato": 2, "Taro": 2}),
                initials={"T"}, names={"Taro Sato", "Mr. Sato"}, display=["Taro Sato", "Sato"],
                gender="male", royal=None, title_only=None, weak=True, mids=["p3", "p7"],
                capacities={Capacity("Prime Minister", "japan"): None,
                            Capacity("Minister", None, "the UN", True): None},
                roles={"Prime Minister"}, key=UNSET)
    back = _loads("doc", "p3", _dumps(r))
    assert back == r
    assert list(back.keys) == ["Sato", "Taro"]        # ties of most_common read this order


def _placed(rows: list, version: int) -> dict[str, list]:
    """Rows as each document's placed records (reps numbered apart per VERSION)."""
    docs: dict[str, list] = {d: [] for d in DOCUMENTS}
    for n, row in enumerate(rows):
        r = record_of(n + 1000 * version, row)
        if r is not None:
            docs[row[0]].append(((row[0], len(docs[row[0]])), r))
    return docs


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DOCUMENTS), person_rows(max_size=6)),
                min_size=1, max_size=6))
def test_blocks_kept_in_sqlite_recluster_as_the_corpus_would(tmp_path_factory, edits: list
                                                             ) -> None:
    """Documents added and changed one at a time: the clusters of the blocks the store
    hands back (dropping the ones it drops) are always the corpus's clusters."""
    store = BlockStore(tmp_path_factory.mktemp("blocks") / "persons.sqlite")
    corpus: dict[str, list] = {}
    clusters: dict[int, list[list[Record]]] = {}
    for version, (doc, rows) in enumerate(edits):
        rows = [(doc, *row[1:]) for row in rows]
        placed = _placed(rows, version)[doc]
        dropped, made = store.replace({doc}, placed)
        for number in dropped:
            del clusters[number]
        clusters.update((number, cluster_records(b)) for number, b in made.items())
        corpus[doc] = placed
        everything = [r for d in sorted(corpus) for _, r in corpus[d]]
        assert sorted(shape([c for cs in clusters.values() for c in cs])) == \
            sorted(shape(cluster_records(everything)))
        assert sorted(store.all_blocks()) == sorted(clusters)
    store.close()


def test_a_document_touches_only_the_blocks_of_its_persons(tmp_path: Path) -> None:
    one, two = Doc("one"), Doc("two")
    one.person("Taro Sato", key="Sato")
    one.person("Kenji Kato", key="Kato")
    two.person("Sato", key="Sato")
    store = BlockStore(tmp_path / "persons.sqlite")
    _, first = store.replace(set(), placed_records(one.x))
    dropped, made = store.replace({"two"}, placed_records(two.x))
    kato = next(n for n, b in first.items() if b[0].rep == "p2")
    assert kato not in dropped and len(dropped) == 1
    assert _reps(list(made.values())) == [["p1", "p1"]]
    assert [r.doc_id for r in next(iter(made.values()))] == ["one", "two"]
    store.close()


def test_an_unreadable_block_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "persons.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"persons\.sqlite"):
        BlockStore(bad)
