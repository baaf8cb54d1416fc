from __future__ import annotations

import json
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity, Extraction
from jmgraph.fact_groups import KINDS, FactGroups
from jmgraph.fact_rows import document_rows
from jmgraph.offices import OfficeBook
from jmgraph.person_clusters import person_records
from jmgraph.person_table import persons_of
from jmgraph.plain import to_plain
from jmgraph.resolve import resolve

from .factories import Doc

DOCUMENTS = ["a", "b", "c", "d"]
NAMES = [("Sato Kenji", "Sato"), ("Kenji Sato", "Sato"), ("Bat Erdene", "Bat"),
         ("Suzuki Ichiro", "Suzuki"), ("Ichiro Suzuki", "Suzuki")]
CAPACITIES = [None, Capacity("Prime Minister", "japan"), Capacity("Prime Minister"),
              Capacity("Minister for Foreign Affairs", "mongolia"), Capacity("Minister")]
DATES = st.builds(lambda y, m, d: DateValue(y, m, d if m else None),
                  st.sampled_from([2019, 2020]), st.sampled_from([None, 5]),
                  st.sampled_from([None, 1, 2]))
FACTS = st.one_of(
    st.tuples(st.just("visit"), st.sets(st.integers(0, 2), min_size=1, max_size=2),
              st.sampled_from(["japan", "mongolia"]), st.one_of(st.none(), DATES),
              st.sampled_from(["occurred", "planned"])),
    st.tuples(st.just("meeting"), st.sets(st.integers(0, 2), min_size=2, max_size=3), DATES,
              st.booleans()),
    st.tuples(st.just("partnership"), st.sampled_from(
        ["Strategic Partnership", "Strategic Partnership for Peace", "strategic partnership"]),
        st.one_of(st.none(), DATES)),
    st.tuples(st.just("agreement"), st.sampled_from(
        ["Economic Partnership Agreement", "Agreement on Economic Partnership",
         "Joint Statement", "Memorandum on Defence Equipment"]),
        st.sampled_from(["treaty", "statement"]), st.one_of(st.none(), DATES),
        st.sets(st.integers(0, 2), max_size=1)),
)
CONTENTS = st.tuples(
    st.lists(st.tuples(st.integers(0, len(NAMES) - 1), st.integers(0, len(CAPACITIES) - 1)),
             min_size=1, max_size=3),
    st.lists(FACTS, max_size=5))


def _document(doc_id: str, contents: tuple) -> Extraction:
    people, facts = contents
    d = Doc(doc_id)
    mids = [d.person(NAMES[n][0], key=NAMES[n][1], capacity=CAPACITIES[c]) for n, c in people]

    def who(indexes: set[int]) -> list[str]:
        return [mids[i % len(mids)] for i in sorted(indexes)]

    for fact in facts:
        if fact[0] == "visit":
            _, visitors, destination, date, status = fact
            d.visit(who(visitors), destination, date, status,
                    capacities={m: c for m in who(visitors)
                                if (c := CAPACITIES[people[mids.index(m)][1]])})
        elif fact[0] == "meeting":
            _, participants, date, on_visit = fact
            d.meeting(who(participants), date)
            if on_visit and d.x.visits:
                d.x.meetings[-1].visit = len(d.x.visits) - 1
        elif fact[0] == "partnership":
            d.partnership(fact[1], fact[2])
        else:
            _, label, kind, date, signatories = fact
            d.agreement(label, kind, "signed", date, who(signatories))
    return d.x


def _plain(nodes: dict) -> str:
    return json.dumps(to_plain(nodes), sort_keys=True, default=sorted)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DOCUMENTS), st.one_of(st.none(), CONTENTS)),
                min_size=1, max_size=6))
def test_facts_merged_group_by_group_are_the_corpus_resolved_whole(tmp_path_factory,
                                                                   edits: list) -> None:
    """Documents added, changed and dropped one at a time: the nodes kept per group are
    always those resolving the whole corpus gives (slugs, links and sources)."""
    corpus: dict[str, Extraction] = {}
    before: dict[str, bytes] = {}
    with FactGroups(tmp_path_factory.mktemp("facts") / "facts.sqlite") as store:
        for doc, contents in edits:
            if contents is None:
                corpus.pop(doc, None)
            else:
                corpus[doc] = _document(doc, contents)
            before = _step(store, corpus, before)


def _step(store: FactGroups, corpus: dict[str, Extraction], before: dict[str, bytes]
          ) -> dict[str, bytes]:
    """CORPUS's changed rows given to STORE, its nodes checked against the corpus resolved
    whole; returns the rows given."""
    xs = [corpus[d] for d in sorted(corpus)]
    table = persons_of(person_records(xs))
    book = OfficeBook(table.capacities)
    rows = {x.document.doc_id: document_rows(x, table, book) for x in xs}
    now = {d: pickle.dumps(r) for d, r in rows.items()}
    store.update(before.keys() - now.keys(), [rows[d] for d in now if before.get(d) != now[d]])
    whole = resolve(xs)
    for kind in KINDS:
        assert _plain(store.nodes(kind)) == _plain(getattr(whole, kind)), kind
    return now


def test_a_slug_shared_across_groups_moves_and_the_meetings_on_it_follow(tmp_path) -> None:
    """Visits of "Bat-Erdene" and of "Bat" with "Erdene" on one day share a slug's base:
    the first document's takes it, the other's is "-2" until the first is dropped; a
    meeting on the renamed visit is linked to its new slug."""
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
    with FactGroups(tmp_path / "facts.sqlite") as store:
        before = _step(store, corpus, {})
        assert sorted(store.nodes("visits")) == ["2019-05-01-bat-erdene-japan",
                                                 "2019-05-01-bat-erdene-japan-2"]
        (meeting,) = store.nodes("meetings").values()
        assert meeting.visit == "2019-05-01-bat-erdene-japan-2"          # type: ignore[attr-defined]
        del corpus["a"]
        before = _step(store, corpus, before)
        (meeting,) = store.nodes("meetings").values()
        assert meeting.visit == "2019-05-01-bat-erdene-japan"            # type: ignore[attr-defined]
        corpus["a"] = pair()
        _step(store, corpus, before)
