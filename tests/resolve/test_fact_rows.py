from __future__ import annotations

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity
from jmgraph.resolve.fact_rows import document_rows
from jmgraph.resolve.offices import OfficeBook
from jmgraph.resolve.person_clusters import person_records
from jmgraph.resolve.person_table import persons_of

from ..factories import Doc

PM = Capacity("Prime Minister", "japan")


def _rows(doc: Doc):  # type: ignore[no-untyped-def]
    table = persons_of(person_records([doc.x]))
    return document_rows(doc.x, table, OfficeBook(table.capacities))


def test_rows_name_persons_by_slug_and_complete_their_offices() -> None:
    d = Doc("d")
    sato = d.person("Sato Kenji", key="Sato", capacity=PM)
    bat = d.person("Bat Erdene", key="Bat")
    d.visit([sato], "mongolia", DateValue(2019, 5), capacities={sato: Capacity("Prime Minister")})
    d.meeting([sato, bat], DateValue(2019, 5, 2))
    rows = _rows(d)
    (visit,) = rows.visits
    assert visit.visitors == ["sato"] and visit.offices == ["japan/prime-minister"]
    assert [h.slug for h in rows.holdings] == ["sato/japan/prime-minister"] * 2
    (meeting,) = rows.meetings
    assert meeting.meeting.participants == ["bat", "sato"] and meeting.visit_sentence is None
    assert {slug for slug, _ in rows.named} == {"sato", "bat"}
    assert rows.countries == {"japan", "mongolia"}
    assert set(rows.offices) == {"japan/prime-minister"}


def test_facts_resolution_cannot_use_are_no_rows_but_their_offices_are_held() -> None:
    d = Doc("d")
    sato = d.person("Sato Kenji", key="Sato")
    d.visit([sato], "mongolia", DateValue(2019), capacities={sato: PM})
    d.x.visits[0].visitors = []                                   # no visitor: no visit
    d.meeting([sato], DateValue(2019))                            # one participant
    rows = _rows(d)
    assert rows.visits == [] and rows.meetings == []
    assert [h.slug for h in rows.holdings] == ["sato/japan/prime-minister"]


def test_undated_visits_and_meetings_are_rows() -> None:
    """A visit or meeting the text does not date is kept, undated, with its sentence (the
    office of its visitor held as of no date)."""
    d = Doc("d")
    sato = d.person("Sato Kenji", key="Sato", capacity=PM)
    bat = d.person("Bat Erdene", key="Bat")
    d.visit([sato], "mongolia", None, capacities={sato: PM})
    d.meeting([sato, bat], None)
    d.x.meetings[0].visit = 0
    rows = _rows(d)
    (visit,) = rows.visits
    assert (visit.visitors, visit.destination, visit.start) == (["sato"], "mongolia", None)
    assert visit.offices == ["japan/prime-minister"]
    assert visit.sources == {"d": [d.x.visits[0].evidence]}
    (meeting,) = rows.meetings
    assert (meeting.meeting.participants, meeting.meeting.date) == (["bat", "sato"], None)
    assert meeting.meeting.sources == {"d": [d.x.meetings[0].evidence]}
    assert meeting.visit_sentence == d.x.visits[0].evidence.start
    assert rows.countries == {"japan", "mongolia"}


def test_a_meeting_on_a_visit_keeps_the_sentence_of_that_visit() -> None:
    d = Doc("d")
    a, b = d.person("Sato Kenji", key="Sato"), d.person("Bat Erdene", key="Bat")
    d.visit([a], "mongolia", DateValue(2019, 5))
    d.meeting([a, b], DateValue(2019, 5, 2))
    d.x.meetings[0].visit = 0
    (meeting,) = _rows(d).meetings
    assert meeting.visit_sentence == d.x.visits[0].evidence.start
