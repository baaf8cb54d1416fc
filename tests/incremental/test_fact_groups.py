from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.extract.model import Extraction
from jmgraph.incremental.fact_groups import KINDS, FactGroups
from jmgraph.plain import to_plain
from jmgraph.rdf.digests import part_digests
from jmgraph.rdf.graphs import canonical_nquads
from jmgraph.rdf.render import descriptions, document_graphs
from jmgraph.resolve.corpus import resolve
from jmgraph.resolve.fact_rows import document_rows
from jmgraph.resolve.offices import OfficeBook
from jmgraph.resolve.partition import PER_DOCUMENT, part, stated
from jmgraph.resolve.person_clusters import person_records
from jmgraph.resolve.person_table import PersonTable, persons_of
from jmgraph.resolve.resolved import Resolution

from ..conftest import examples
from ..corpus_strategies import (
    CONTENTS,
    DOCUMENTS,
    SAME_UNDATED,
    UNDATED_AND_DATED,
    UNDATED_TOLD,
    document,
)
from ..factories import Doc


def _plain(value: object) -> str:
    return json.dumps(to_plain(value), sort_keys=True, default=sorted)


def _wide(nodes: dict) -> str:
    """NODES without what they hold per document."""
    def bare(v: dict) -> dict:
        v = {k: x for k, x in v.items() if k not in PER_DOCUMENT}
        if "milestones" in v:
            v["milestones"] = [bare(m) for m in v["milestones"]]
        return v
    return json.dumps({s: bare(v) for s, v in to_plain(nodes).items()},  # type: ignore[union-attr]
                      sort_keys=True, default=sorted)


@dataclass
class Kept:
    """What an incremental store keeps: the rows it was given, each document's part (its
    graph) and each fact's description, rendered from the parts made again."""

    rows: dict[str, bytes] = field(default_factory=dict)
    parts: dict[str, Resolution] = field(default_factory=dict)
    persons: dict[str, tuple] = field(default_factory=dict)      # what names a person
    descriptions: dict[str, bytes] = field(default_factory=dict)
    made: set[str] = field(default_factory=set)    # the documents the last step made again


def _described(*parts: Resolution) -> dict[str, bytes]:
    return {key: canonical_nquads(quads) for key, quads in descriptions(*parts)}


def _persons(table: PersonTable) -> dict[str, tuple]:
    return {slug: (p.label, p.gender, slug in table.lone_titles)
            for slug, p in table.persons.items()}


def _step(store: FactGroups, corpus: dict[str, Extraction], kept: Kept) -> Resolution:
    """CORPUS's changed rows given to STORE and the parts it says changed made again, the
    descriptions they render kept (those no part states dropped); every kept part's graph,
    every description (and the nodes) checked against the corpus resolved whole, which is
    returned."""
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
    kept.rows, kept.persons, kept.made = now, named, affected
    for d in gone:
        kept.parts.pop(d)
    made = store.parts(affected, persons_of(person_records(xs)),
                       {x.document.doc_id: x.document for x in xs})
    kept.parts.update(made)
    kept.descriptions.update(_described(*made.values()))
    still = _described(*kept.parts.values()).keys()
    kept.descriptions = {k: v for k, v in kept.descriptions.items() if k in still}
    whole = resolve(xs)
    for kind in KINDS:
        assert _wide(store.nodes(kind)) == _wide(getattr(whole, kind)), kind
    assert kept.descriptions == _described(whole)
    index = stated(whole)
    assert sorted(kept.parts) == sorted(index)
    digests = part_digests(whole, index)
    graphs = document_graphs(whole)
    for doc, holds in index.items():
        expected = part(whole, doc, holds)
        got = kept.parts[doc]
        assert _plain(got.persons) == _plain(expected.persons), doc
        assert canonical_nquads(document_graphs(got)[doc]) == canonical_nquads(graphs[doc])
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
# One instrument stated by two texts naming the same person, the second naming them its
# signatory: the person is credited with the instrument's sentence in the first text too.
_VISIT = ("visit", {0}, "japan", None, "occurred")
SIGNED = [("b", ([(0, 1)], [_VISIT, ("agreement", "Economic Partnership Agreement", "treaty",
                                     None, set()), _VISIT], False)),
          ("a", ([(0, 0)], [_VISIT, ("agreement", "Economic Partnership Agreement", "treaty",
                                     None, {0})], False))]

# An instrument named by a first text, worded at more length by a later one: it is not
# renamed, and the milestone only the first text states is labelled with the longer wording.
REWORDED = [("a", ([(0, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None,
                               set())], False, DateValue(2019, 5, 1))),
            ("b", ([(0, 0)], [("agreement", "Agreement on Economic Partnership", "treaty",
                               DateValue(2019, None, None), set())], False,
                   DateValue(2020, None, None)))]

# The first text re-dated after the second: the instrument takes the second's wording.
_SAYS = ([(0, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None, set())],
         False)
REDATED = [("a", (*_SAYS, DateValue(2020, None, None))), REWORDED[1],
           ("a", (*_SAYS, DateValue(2021, None, None)))]


@settings(max_examples=examples(150), deadline=None)
@example(edits=REFINED)
@example(edits=[*REFINED, ("b", None)])   # the day dropped: only "a" states it
@example(edits=SIGNED)
@example(edits=REWORDED)
@example(edits=REDATED)
@example(edits=[*SAME_UNDATED, ("a", None), ("c", UNDATED_TOLD), ("b", None)])
@example(edits=[*UNDATED_AND_DATED, ("b", None), ("c", None)])
@given(st.lists(st.tuples(st.sampled_from(DOCUMENTS), st.one_of(st.none(), CONTENTS)),
                min_size=1, max_size=6))
def test_parts_kept_by_content_are_the_corpus_resolved_whole(tmp_path_factory,
                                                             edits: list) -> None:
    """Documents added, changed and dropped one at a time, only the parts the store says
    changed made again: every document's graph (its part's digest, its persons) and every
    fact's description, rendered from the parts made again, are always those resolving the
    whole corpus gives, and so are the nodes and counts."""
    corpus: dict[str, Extraction] = {}
    kept = Kept()
    with FactGroups(tmp_path_factory.mktemp("facts") / "facts.sqlite") as store:
        for doc, contents in edits:
            if contents is None:
                corpus.pop(doc, None)
            else:
                corpus[doc] = document(doc, contents)
            _step(store, corpus, kept)


def test_a_new_wording_of_a_fact_many_texts_state_makes_one_part_again(tmp_path) -> None:
    """A longer wording of the partnership three texts state becomes its label: its
    description changes, not the texts' own graphs (its slug stays), so the new text's
    part alone is made again (and renders the new description, ``_step``); the wording
    dropped, one of the three is made again to render the description as it was."""
    def text(doc_id: str, label: str) -> Extraction:
        d = Doc(doc_id)
        d.partnership(label, DateValue(2015, 2, 10))
        return d.x

    corpus = {d: text(d, "Strategic Partnership") for d in ("a", "b", "c")}
    kept = Kept()
    with FactGroups(tmp_path / "facts.sqlite") as store:
        _step(store, corpus, kept)
        corpus["d"] = text("d", "Strategic Partnership for Peace and Prosperity")
        _step(store, corpus, kept)
        (node,) = store.nodes("partnerships").values()
        assert node.label == "Strategic Partnership for Peace and Prosperity"
        assert kept.made == {"d"}
        del corpus["d"]
        _step(store, corpus, kept)
        assert kept.made == {"a", "d"}


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


def test_an_undated_visit_is_kept_apart_from_the_dated_one(tmp_path) -> None:
    """Sato's visit told undated by two texts is one node, apart from his dated visit there
    (no text says which it was), and so are the meetings on them; the undated visit goes
    when no text tells it any more."""
    corpus: dict[str, Extraction] = {}
    kept = Kept()
    with FactGroups(tmp_path / "facts.sqlite") as store:
        for doc, contents in UNDATED_AND_DATED[:3]:
            corpus[doc] = document(doc, contents)
            _step(store, corpus, kept)
        visits = store.nodes("visits")
        assert sorted(visits) == ["2019-05-sato-mongolia", "undated-sato-mongolia"]
        assert visits["undated-sato-mongolia"].start is None
        assert sorted(store.nodes("meetings")) == ["2019-05-02-bat-sato", "undated-bat-sato"]
        for doc in ("a", "c"):
            (visit,) = kept.parts[doc].visits.values()
            (meeting,) = kept.parts[doc].meetings.values()
            assert visit.slug == meeting.visit == "undated-sato-mongolia"
        corpus["a"] = document("a", UNDATED_AND_DATED[3][1])       # "a" dates it now
        _step(store, corpus, kept)
        assert list(kept.parts["a"].visits) == ["2019-05-sato-mongolia"]
        del corpus["c"]
        _step(store, corpus, kept)
        assert sorted(store.nodes("visits")) == ["2019-05-sato-mongolia"]
        assert sorted(store.nodes("meetings")) == ["2019-05-02-bat-sato"]
