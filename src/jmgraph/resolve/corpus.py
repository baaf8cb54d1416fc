"""Stage 4, resolve: the extractions of a whole corpus -> one node per person and per event.

Plain data in, plain data out (``resolved``): ``resolve`` is one pure function.  Every
resolved item keeps the evidence of each document that states it (``sources``), so that
the RDF stage can write it into each document's named graph and link it to every
sentence it was read from.

Persons are clustered (``person_clusters``) and named (``person_table``) first; each
document's facts then become rows (``fact_rows``: persons and offices resolved), and the
rows of the corpus are merged (``fact_merge``):
- visits and meetings: same persons, same destination, compatible dates (one a prefix of
  the other), or both undated (an undated one is never guessed to be a dated one);
- partnerships: same level (a shorter name that starts a longer one is the same level);
- agreements: same specific name; instruments with generic names ("Joint Statement") are
  told apart by their dates; each is named by the wording of the earliest document stating
  it.
A person is stated wherever a fact credits them (in the sentences of each document stating
it; a signatory only where the document names them), and, when no fact does, wherever a
text names them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..extract.model import DocumentInfo, Evidence, Extraction
from ..kinds import FACT_KINDS, credited_in
from .fact_merge import (
    meeting_slug,
    merge_agreements,
    merge_holdings,
    merge_meetings,
    merge_partnerships,
    merge_visits,
    slugged,
    sort_sources,
    visit_sentences,
    visit_slug,
)
from .fact_rows import DocumentRows, document_rows
from .offices import OfficeBook
from .person_clusters import person_records
from .person_table import PersonTable, persons_of
from .resolved import (
    Person,
    Resolution,
    add_source,
    add_sources,
)


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """The corpus of EXTRACTIONS resolved: what ``build`` writes, and what the resolution
    ``add`` keeps up to date (``incremental``) is tested against.  A pure function: the
    same extractions, in any order, give the same Resolution."""
    xs = sorted(extractions, key=lambda e: e.document.doc_id)
    table = persons_of(person_records(xs))
    return merged([x.document for x in xs], corpus_rows(xs, table), table)


def corpus_rows(extractions: Iterable[Extraction], persons: PersonTable) -> list[DocumentRows]:
    """The rows of each of EXTRACTIONS (``fact_rows``), in document order, their persons
    named by PERSONS."""
    offices = OfficeBook(persons.capacities)
    return [document_rows(x, persons, offices)
            for x in sorted(extractions, key=lambda e: e.document.doc_id)]


def merged(documents: Iterable[DocumentInfo], rows: list[DocumentRows], persons: PersonTable
           ) -> Resolution:
    """The corpus of DOCUMENTS resolved from their ROWS (``corpus_rows``, in document
    order) and its PERSONS (their sources are filled in here)."""
    holdings = merge_holdings(h for r in rows for h in r.holdings)
    visits = slugged(merge_visits(v for r in rows for v in r.visits), visit_slug)
    meetings = slugged(merge_meetings((m for r in rows for m in r.meetings),
                                      visit_sentences(visits)), meeting_slug)
    partnerships = merge_partnerships(p for r in rows for p in r.partnerships)
    agreements = merge_agreements((a for r in rows for a in r.agreements),
                                  {r.doc_id: r.written for r in rows})
    return Resolution(
        documents={d.doc_id: d for d in sorted(documents, key=lambda d: d.doc_id)},
        persons=_stated_persons(persons, rows, {
            "holdings": holdings, "visits": visits, "meetings": meetings,
            "partnerships": partnerships, "agreements": agreements}),
        offices={slug: o for r in rows for slug, o in r.offices.items()},
        holdings=holdings,
        visits=visits,
        meetings=meetings,
        partnerships=partnerships,
        agreements=agreements,
        countries={c for r in rows for c in r.countries},
    )


def _stated_persons(table: PersonTable, rows: list[DocumentRows], facts: dict[str, dict]
                    ) -> dict[str, Person]:
    """Every person the corpus states, with the sentences that state them: those its FACTS
    (by kind) credit, in each document stating them (``kinds.credited_in``), and those only
    named (a title standing alone that names nobody is no person)."""
    persons = table.persons
    for kind in FACT_KINDS:
        for fact in facts[kind.name].values():
            for doc, evidence in fact.sources.items():
                for slug in credited_in(fact, doc):
                    add_sources(persons[slug].sources, evidence)
    result = {slug: p for slug, p in persons.items() if p.sources}
    named: dict[str, list[Evidence]] = {}
    for r in rows:
        for slug, evidence in r.named:
            if slug not in result and slug not in table.lone_titles:
                named.setdefault(slug, []).append(evidence)
    for slug, p in persons.items():
        for evidence in named.get(slug, []):
            add_source(p.sources, evidence)
        if slug in named:
            result[slug] = p
    for p in result.values():
        sort_sources(p.sources)
    return result
