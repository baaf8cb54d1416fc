"""The resolved corpus as plain data: one node per person, office held and event, each with
the evidence of every document that states it (``sources``), as ``resolve`` makes them and
the RDF stage reads them."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from ..dates import DateValue
from ..extract.model import DocumentInfo, Evidence
from ..kinds import FACT_KINDS

Sources = dict[str, list[Evidence]]


def unique_slug(base: str, taken: Container[str]) -> str:
    """BASE, or BASE-2, BASE-3, ... when BASE is taken."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def add_source(sources: Sources, evidence: Evidence) -> None:
    """EVIDENCE added to SOURCES, unless a sentence at the same place is there."""
    bucket = sources.get(evidence.doc_id)
    if bucket is None:
        sources[evidence.doc_id] = [evidence]
        return
    start, end = evidence.start, evidence.end
    for e in bucket:
        if e.start == start and e.end == end:
            return
    bucket.append(evidence)


def add_sources(sources: Sources, evidence: Iterable[Evidence]) -> None:
    """Each of EVIDENCE added to SOURCES (``add_source``)."""
    for e in evidence:
        add_source(sources, e)


def merge_sources(into: Sources, other: Sources) -> None:
    for evidence in other.values():
        for e in evidence:
            add_source(into, e)


def normalized_label(label: str) -> str:
    """A name as a text writes it, its white space made single spaces."""
    return re.sub(r"\s+", " ", label).strip()


@dataclass
class Person:
    slug: str
    label: str
    names: dict[str, set[str]]            # doc_id -> names as written there
    sources: Sources = field(default_factory=dict)
    gender: str | None = None


@dataclass
class Office:
    slug: str
    label: str
    role: str
    country: str | None
    organisation: str | None


@dataclass
class Holding:
    slug: str
    person: str
    office: str
    dates: dict[str, set[DateValue]]      # doc_id -> dates attested there
    former: bool = False
    sources: Sources = field(default_factory=dict)


@dataclass
class Visit:
    slug: str
    visitors: list[str]
    destination: str
    start: DateValue | None               # None: no text dates it
    end: DateValue | None
    status: str
    offices: list[str]
    place: str | None
    sources: Sources = field(default_factory=dict)


@dataclass
class Meeting:
    slug: str
    participants: list[str]
    date: DateValue | None                # None: no text dates it
    kind: str
    place: str | None
    status: str
    visit: str | None
    sources: Sources = field(default_factory=dict)


@dataclass
class Partnership:
    slug: str
    label: str
    alt_labels: set[str]
    parties: list[str]
    start: DateValue | None
    sources: Sources = field(default_factory=dict)


@dataclass
class MilestoneNode:
    slug: str
    stage: str
    date: DateValue | None
    status: str
    sources: Sources = field(default_factory=dict)


@dataclass
class Agreement:
    slug: str
    label: str
    alt_labels: set[str]
    kind: str
    milestones: list[MilestoneNode]
    signatories: list[str]
    amount: str | None
    currency: str | None
    parties: list[str]
    sources: Sources = field(default_factory=dict)
    # doc_id -> the signatories that document names (those it credits: ``kinds.credited_in``)
    signed: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Resolution:
    documents: dict[str, DocumentInfo]
    persons: dict[str, Person]
    offices: dict[str, Office]
    holdings: dict[str, Holding]
    visits: dict[str, Visit]
    meetings: dict[str, Meeting]
    partnerships: dict[str, Partnership]
    agreements: dict[str, Agreement]
    countries: set[str]

    def counts(self) -> dict[str, int]:
        return summary_counts(len(self.documents), len(self.persons), {
            kind.name: len(getattr(self, kind.name)) for kind in FACT_KINDS})


def summary_counts(documents: int, persons: int, facts: dict[str, int]) -> dict[str, int]:
    """What a build or add reports: its DOCUMENTS, PERSONS and FACTS by kind (``kinds``),
    under the names the summary prints."""
    return {"documents": documents, "persons": persons,
            **{k.counted: facts[k.name] for k in FACT_KINDS}}


def stating_documents(entity: object) -> set[str]:
    """The documents that state ENTITY (an agreement's milestones included)."""
    sources: Sources = entity.sources  # type: ignore[attr-defined]
    if isinstance(entity, Agreement):
        return set(sources).union(*(m.sources for m in entity.milestones))
    return set(sources)
