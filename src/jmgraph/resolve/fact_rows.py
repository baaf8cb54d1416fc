"""What one document contributes to the resolved corpus, before anything is merged: its
facts with their persons resolved (slugs) and their offices completed, one row each.

Rows are made per document from its extraction and the corpus's persons; ``resolve``
merges the rows of all documents (``fact_merge``).  A visit or meeting the text does not
date is a row all the same (undated: its ``start`` or ``date`` is None).  A row keeps its
place in its document, so that rows merged group by group are merged in the order the
whole corpus would be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import reference
from ..dates import DateValue
from ..extract.model import Capacity, Evidence, Extraction
from ..extract.persons import is_specific
from .offices import OfficeBook
from .person_table import PersonTable
from .resolved import Agreement, Meeting, Office, Partnership, Visit, normalized_label

# A milestone of an agreement as one text states it: stage, date, status, sentence.
Stone = tuple[str, DateValue | None, str, Evidence]

# Where an undated document ranks among the dates' ISO texts: after every one.
UNDATED = "~"


def written(doc_id: str, date: DateValue | None) -> str:
    """When document DOC_ID was written, as text that orders documents by it (as SQLite's
    MIN does too): its DATE's ISO text (an undated one after every dated one), then its
    name."""
    return f"{date.iso if date else UNDATED}\t{doc_id}"


@dataclass
class HoldingRow:
    """A person named in an office (an office fact, or the capacity of a visitor)."""

    person: str
    office: Office
    former: bool
    date: DateValue | None
    evidence: Evidence

    @property
    def slug(self) -> str:
        return f"{self.person}/{self.office.slug}"


@dataclass
class MeetingRow:
    meeting: Meeting              # its visit not yet known (visits are merged first)
    visit_sentence: int | None    # where the visit it belongs to is stated


@dataclass
class AgreementRow:
    agreement: Agreement
    stones: list[Stone]


@dataclass
class DocumentRows:
    doc_id: str
    written: str = ""                  # when its document was written (``written``)
    holdings: list[HoldingRow] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    agreements: list[AgreementRow] = field(default_factory=list)
    named: list[tuple[str, Evidence]] = field(default_factory=list)   # every mention
    offices: dict[str, Office] = field(default_factory=dict)           # the offices used
    countries: set[str] = field(default_factory=set)                   # the countries used


# The parties every agreement of the corpus is written between.
AGREEMENT_PARTIES = reference.pair()


def document_rows(x: Extraction, persons: PersonTable, offices: OfficeBook) -> DocumentRows:
    """The rows of extraction X, its persons read from PERSONS and their offices from
    OFFICES."""
    doc = x.document.doc_id
    rows = DocumentRows(doc, written(doc, x.document.date))
    person_of = persons.person_of

    def person(mid: str) -> str | None:
        return person_of.get((doc, mid))

    def office_for(slug: str, capacity: Capacity) -> Office | None:
        found = offices(slug, capacity)
        if found is not None:
            rows.offices.setdefault(found.slug, found)
            if found.country:
                rows.countries.add(found.country)
        return found

    def hold(slug: str, capacity: Capacity, date: DateValue | None, evidence: Evidence) -> None:
        found = office_for(slug, capacity)
        if found is not None:
            rows.holdings.append(HoldingRow(slug, found, capacity.former, date, evidence))

    for f in x.offices:
        slug = person(f.person)
        if slug is not None:
            hold(slug, f.capacity, f.date, f.evidence)
    for v in x.visits:
        for mid, cap in v.capacities.items():
            slug = person(mid)
            if slug and is_specific(cap):
                hold(slug, cap, v.start, v.evidence)
    for v in x.visits:
        visitors = sorted({p for m in v.visitors if (p := person(m))})
        if not visitors:
            continue
        used: list[str] = []
        for mid, cap in sorted(v.capacities.items()):
            slug = person(mid)
            found = office_for(slug, cap) if slug else None
            if found and found.slug not in used:
                used.append(found.slug)
        rows.countries.add(v.destination)
        rows.visits.append(Visit("", visitors, v.destination, v.start, v.end, v.status, used,
                                 v.place, {doc: [v.evidence]}))
    for m in x.meetings:
        people = sorted({p for mid in m.participants if (p := person(mid))})
        if len(people) < 2:
            continue
        sentence = x.visits[m.visit].evidence.start if m.visit is not None else None
        rows.meetings.append(MeetingRow(
            Meeting("", people, m.date, m.kind, m.place, m.status, None, {doc: [m.evidence]}),
            sentence))
    for p in x.partnerships:
        rows.countries.update(p.parties)
        rows.partnerships.append(Partnership("", normalized_label(p.label), {p.label},
                                             sorted(p.parties), p.date, {doc: [p.evidence]}))
    for a in x.agreements:
        signatories = sorted({p for mid in a.signatories if (p := person(mid))})
        rows.agreements.append(AgreementRow(
            Agreement("", normalized_label(a.label), set(), a.kind, [], signatories, a.amount,
                      a.currency, list(AGREEMENT_PARTIES), {doc: [a.evidence]}),
            [(m.stage, m.date, m.status, a.evidence) for m in a.milestones]))
    for m in x.persons:
        slug = person(m.mid)
        if slug is not None:
            rows.named.append((slug, m.evidence or Evidence(doc, m.start, m.end, m.name)))
    return rows
