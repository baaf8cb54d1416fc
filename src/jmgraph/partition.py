"""A corpus's Resolution split by document: the part of it each document states, so that
each document's graph can be written (and stored) one at a time instead of all at once.

A part keeps every entity with evidence in the document, its sources (and a person's names,
a holding's dates) narrowed to that document (what a document's graph holds of a fact is
what that document says of it, plus the fact's corpus-wide description), and the persons
those entities name, for their labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import TypeVar

from .resolve import Agreement, Resolution

T = TypeVar("T")
# The fields of resolved entities keyed by document id: sources (every entity), a person's
# names as each document writes them, a holding's dates as each document attests them.
PER_DOCUMENT = ("sources", "names", "dates")


def _narrow(entity: T, doc_id: str) -> T:
    """ENTITY with what it holds per document narrowed to DOC_ID."""
    changes: dict[str, object] = {}
    for name in PER_DOCUMENT:
        held = getattr(entity, name, None)
        if isinstance(held, dict):
            changes[name] = {doc_id: held[doc_id]} if doc_id in held else {}
    return replace(entity, **changes)


def _agreement_docs(a: Agreement) -> set[str]:
    return set(a.sources).union(*(m.sources for m in a.milestones))


def _narrow_agreement(a: Agreement, doc_id: str) -> Agreement:
    narrowed = _narrow(a, doc_id)
    narrowed.milestones = [_narrow(m, doc_id) for m in a.milestones]
    return narrowed


def parts(r: Resolution) -> Iterator[tuple[str, Resolution]]:
    """(document id, the part of R that document states), in document order."""
    index: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kinds = {"persons": r.persons, "holdings": r.holdings, "visits": r.visits,
             "meetings": r.meetings, "partnerships": r.partnerships}
    for kind, entities in kinds.items():
        for slug, entity in entities.items():
            for doc_id in entity.sources:
                index[doc_id][kind].append(slug)
    for slug, agreement in r.agreements.items():
        for doc_id in _agreement_docs(agreement):
            index[doc_id]["agreements"].append(slug)
    for doc_id in sorted(r.documents):
        stated = index.get(doc_id, {})
        picked = {kind: {s: _narrow(kinds[kind][s], doc_id) for s in stated.get(kind, [])}
                  for kind in kinds}
        persons = {p: replace(_narrow(r.persons[p], doc_id), sources={})
                   for p in _persons_named(r, stated)}
        persons.update(picked["persons"])
        yield doc_id, Resolution(
            documents={doc_id: r.documents[doc_id]},
            persons=persons,
            offices=r.offices,
            holdings=picked["holdings"],
            visits=picked["visits"],
            meetings=picked["meetings"],
            partnerships=picked["partnerships"],
            agreements={s: _narrow_agreement(r.agreements[s], doc_id)
                        for s in stated.get("agreements", [])},
            countries=r.countries,
        )


def _persons_named(r: Resolution, stated: dict[str, list[str]]) -> set[str]:
    """The persons the document's facts name (their labels go into the facts' labels)."""
    named = {r.holdings[s].person for s in stated.get("holdings", [])}
    for s in stated.get("visits", []):
        named.update(r.visits[s].visitors)
    for s in stated.get("meetings", []):
        named.update(r.meetings[s].participants)
    return named
