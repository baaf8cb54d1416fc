from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.digests import part_digests
from jmgraph.extract.model import Extraction
from jmgraph.fact_groups import KINDS, FactGroups
from jmgraph.fact_rows import document_rows
from jmgraph.offices import OfficeBook
from jmgraph.partition import part, stated
from jmgraph.person_clusters import person_records
from jmgraph.person_table import PersonTable, persons_of
from jmgraph.plain import to_plain
from jmgraph.resolve import resolve
from jmgraph.resolved import Resolution

from .corpus_strategies import CONTENTS, DOCUMENTS, document
from .factories import Doc


def _plain(value: object) -> str:
    return json.dumps(to_plain(value), sort_keys=True, default=sorted)


def _wide(nodes: dict) -> str:
    """NODES without what they hold per document."""
    def bare(v: dict) -> dict:
        v = {k: x for k, x in v.items() if k not in ("sources", "dates")}
        if "milestones" in v:
            v["milestones"] = [bare(m) for m in v["milestones"]]
        return v
    return json.dumps({s: bare(v) for s, v in to_plain(nodes).items()},  # type: ignore[union-attr]
                      sort_keys=True, default=sorted)


@dataclass
class Kept:
    """What an incremental store keeps: the rows it was given and each document's part."""

    rows: dict[str, bytes] = field(default_factory=dict)
    parts: dict[str, Resolution] = field(default_factory=dict)
    persons: dict[str, tuple] = field(default_factory=dict)      # what names a person


def _persons(table: PersonTable) -> dict[str, tuple]:
    return {slug: (p.label, p.gender, slug in table.lone_titles)
            for slug, p in table.persons.items()}


def _step(store: FactGroups, corpus: dict[str, Extraction], kept: Kept) -> Resolution:
    """CORPUS's changed rows given to STORE and the parts it says changed made again; every
    kept part (and the nodes) checked against the corpus resolved whole, which is returned."""
    xs = [corpus[d] for d in sorted(corpus)]
    table = persons_of(person_records(xs))
    book = OfficeBook(table.capacities)
    rows = {x.document.doc_id: document_rows(x, table, book) for x in xs}
    now = {d: pickle.dumps(r) for d, r in rows.items()}
    gone = kept.rows.keys() - now.keys()
    affected = store.update(gone, [rows[d] for d in now if kept.rows.get(d) != now[d]])
    named = _persons(table)
    affected |= store.naming({p for p in named.keys() | kept.persons.keys()
                              if named.get(p) != kept.persons.get(p)})
    kept.rows, kept.persons = now, named
    for d in gone:
        kept.parts.pop(d)
    kept.parts.update(store.parts(affected, persons_of(person_records(xs)),
                                  {x.document.doc_id: x.document for x in xs}))
    whole = resolve(xs)
    for kind in KINDS:
        assert _wide(store.nodes(kind)) == _wide(getattr(whole, kind)), kind
    index = stated(whole)
    assert sorted(kept.parts) == sorted(index)
    digests = part_digests(whole, index)
    for doc, holds in index.items():
        expected = part(whole, doc, holds)
        got = kept.parts[doc]
        for kind in ("persons", *KINDS):
            assert _plain(getattr(got, kind)) == _plain(getattr(expected, kind)), (doc, kind)
        assert part_digests(got, stated(got))[doc] == digests[doc], doc
    assert store.counts(table.lone_titles) == {
        "persons": len(whole.persons), "holdings": len(whole.holdings),
        "visits": len(whole.visits), "meetings": len(whole.meetings),
        "partnerships": len(whole.partnerships), "agreements": len(whole.agreements)}
    return whole


# One instrument's milestone stated by two texts, the second dating it to the day: the
# first text's part shows the milestone as the corpus now dates it.
REFINED = [(doc, ([(0, 0)], [("agreement", "Economic Partnership Agreement", "treaty", date,
                              set())], False))
           for doc, date in (("a", DateValue(2019, 5, None)), ("b", DateValue(2019, 5, 1)))]


@settings(max_examples=150, deadline=None)
@example(edits=REFINED)
@given(st.lists(st.tuples(st.sampled_from(DOCUMENTS), st.one_of(st.none(), CONTENTS)),
                min_size=1, max_size=6))
def test_parts_kept_by_content_are_the_corpus_resolved_whole(tmp_path_factory,
                                                             edits: list) -> None:
    """Documents added, changed and dropped one at a time, only the parts the store says
    changed made again: every document's part (its nodes, their sentences, its persons)
    and its digest are always those resolving the whole corpus gives, and so are the
    nodes and counts."""
    corpus: dict[str, Extraction] = {}
    kept = Kept()
    with FactGroups(tmp_path_factory.mktemp("facts") / "facts.sqlite") as store:
        for doc, contents in edits:
            if contents is None:
                corpus.pop(doc, None)
            else:
                corpus[doc] = document(doc, contents)
            _step(store, corpus, kept)


def test_a_slug_shared_across_groups_moves_and_the_meetings_on_it_follow(tmp_path) -> None:
    """Visits of "Bat-Erdene" and of "Bat" with "Erdene" on one day share a slug's base:
    the pair's visit takes it (its key sorts first), the other's is "-2" until the pair's
    is dropped; a meeting on the renamed visit is linked to its new slug, in its part."""
    def pair() -> Extraction:
        a = Doc("a")
        bat, erdene = a.person("Bat", key="Bat"), a.person("Erdene", key="Erdene")
        a.visit([bat, erdene], "japan", DateValue(2019, 5, 1))
        return a.x

    b = Doc("b")
    one = b.person("Bat-Erdene", key="Bat-Erdene")
    host = b.person("Sato Kenji", key="Sato")
    b.visit([one], "japan", DateValue(2019, 5, 1))
    b.meeting([one, host], DateValue(2019, 5, 1))
    b.x.meetings[0].visit = 0
    corpus = {"a": pair(), "b": b.x}
    kept = Kept()
    with FactGroups(tmp_path / "facts.sqlite") as store:
        _step(store, corpus, kept)
        assert sorted(store.nodes("visits")) == ["2019-05-01-bat-erdene-japan",
                                                 "2019-05-01-bat-erdene-japan-2"]
        (meeting,) = kept.parts["b"].meetings.values()
        assert meeting.visit == "2019-05-01-bat-erdene-japan-2"
        del corpus["a"]
        _step(store, corpus, kept)
        (meeting,) = kept.parts["b"].meetings.values()
        assert meeting.visit == "2019-05-01-bat-erdene-japan"
        corpus["a"] = pair()
        _step(store, corpus, kept)
        (meeting,) = kept.parts["b"].meetings.values()
        assert meeting.visit == "2019-05-01-bat-erdene-japan-2"
