"""Hypothesis strategies drawing small corpora of extractions (no spaCy): a few persons
whose names vary in order and share keys, with capacities complete or not, visits and
meetings (some on visits) dated or not, partnerships and agreements whose labels vary,
titles standing alone, and documents dated or not."""

from __future__ import annotations

from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity, Extraction

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
    st.tuples(st.just("meeting"), st.sets(st.integers(0, 2), min_size=2, max_size=3),
              st.one_of(st.none(), DATES), st.booleans()),
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
    st.lists(FACTS, max_size=5),
    st.booleans(),                         # a title standing alone ("the Ambassador")
    st.one_of(st.none(), DATES))           # the document's date


def document(doc_id: str, contents: tuple) -> Extraction:
    """The extraction of document DOC_ID saying CONTENTS (drawn from ``CONTENTS``; the
    document undated when they do not give its date)."""
    people, facts, lone_title, *date = contents
    d = Doc(doc_id, date[0] if date else None)
    mids = [d.person(NAMES[n][0], key=NAMES[n][1], capacity=CAPACITIES[c]) for n, c in people]
    if lone_title:              # no named person is an ambassador: it names nobody
        d.person("the Ambassador", capacity=Capacity("Ambassador", "japan"), title_only=True)

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


# Undated facts (``fact_merge``: an undated visit or meeting is one only with undated ones).
# Sato's visit to Mongolia and his meeting with Bat on it, undated, as a text tells them.
UNDATED_VISIT = ("visit", {0}, "mongolia", None, "occurred")
UNDATED_TOLD = ([(0, 1), (2, 0)], [UNDATED_VISIT, ("meeting", {0, 1}, None, True)], False)
# The same visit stated, undated, by two texts.
SAME_UNDATED = [("a", UNDATED_TOLD), ("b", UNDATED_TOLD)]
# An undated and a dated visit of Sato to Mongolia (and meetings on each), in two texts; then
# the first text dates its visit too, and the dated one is told undated by a third.
_DATED_TOLD = ([(0, 1), (2, 0)], [("visit", {0}, "mongolia", DateValue(2019, 5, None),
                                   "occurred"), ("meeting", {0, 1}, DateValue(2019, 5, 2),
                                                 True)], False)
UNDATED_AND_DATED = [("a", UNDATED_TOLD), ("b", _DATED_TOLD), ("c", UNDATED_TOLD),
                     ("a", _DATED_TOLD)]
