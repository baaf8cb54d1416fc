"""A corpus's Resolution split by document: the part of it each document states, so that
each document's graph can be written (and stored) one at a time instead of all at once.

A part keeps every entity with evidence in the document, its sources (and a person's names,
a holding's dates) narrowed to that document, and an agreement's milestones those the
document states (a document's graph holds what that document says of a fact), with its
corpus-wide fields whole (its description graph can be made from any part stating it), and
the persons those entities name, for their labels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from ..kinds import ENTITY_KINDS, FACT_KINDS, credited
from .resolved import Agreement, Resolution, stating_documents

T = TypeVar("T")
# The fields of resolved entities keyed by document id: sources (every entity), a person's
# names as each document writes them, a holding's dates as each document attests them, an
# agreement's signatories as each document names them.
PER_DOCUMENT = ("sources", "names", "dates", "signed")
# The kinds of entities a document states, each a dict of Resolution keyed by slug.
KINDS = ENTITY_KINDS
# The kinds whose labels name their persons: a part stating one names them.
_NAMING = tuple(k.name for k in FACT_KINDS if k.labelled_by_persons)


@dataclass
class Stated:
    """What one document's part holds: the slugs of the entities it states, by kind, and
    the persons its facts name (stated or not)."""

    slugs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    named: set[str] = field(default_factory=set)


def _narrow(entity: T, doc_id: str) -> T:
    """ENTITY with what it holds per document narrowed to DOC_ID."""
    changes: dict[str, object] = {}
    for name in PER_DOCUMENT:
        held = getattr(entity, name, None)
        if isinstance(held, dict):
            changes[name] = {doc_id: held[doc_id]} if doc_id in held else {}
    return replace(entity, **changes)


def _narrow_agreement(a: Agreement, doc_id: str) -> Agreement:
    narrowed = _narrow(a, doc_id)
    narrowed.milestones = [_narrow(m, doc_id) for m in a.milestones if doc_id in m.sources]
    return narrowed


def entities(r: Resolution, kind: str) -> dict:
    """R's entities of KIND (one of KINDS), by slug."""
    return getattr(r, kind)


def stated(r: Resolution) -> dict[str, Stated]:
    """Document id -> what its part holds, for every document of R."""
    index = {doc_id: Stated() for doc_id in sorted(r.documents)}
    for kind in KINDS:
        for slug, entity in entities(r, kind).items():
            for doc_id in stating_documents(entity):
                index[doc_id].slugs[kind].append(slug)
    for s in index.values():
        s.named = {p for kind in _NAMING for slug in s.slugs.get(kind, [])
                   for p in credited(entities(r, kind)[slug])}
    return index


def part(r: Resolution, doc_id: str, holds: Stated) -> Resolution:
    """The part of R document DOC_ID states (HOLDS: its entry of ``stated(r)``)."""
    picked = {kind: {s: _narrow(entities(r, kind)[s], doc_id)
                     for s in holds.slugs.get(kind, [])}
              for kind in KINDS if kind != "agreements"}
    persons = {p: replace(_narrow(r.persons[p], doc_id), sources={}) for p in holds.named}
    persons.update(picked["persons"])
    return Resolution(
        documents={doc_id: r.documents[doc_id]},
        persons=persons,
        offices=r.offices,
        holdings=picked["holdings"],
        visits=picked["visits"],
        meetings=picked["meetings"],
        partnerships=picked["partnerships"],
        agreements={s: _narrow_agreement(r.agreements[s], doc_id)
                    for s in holds.slugs.get("agreements", [])},
        countries=r.countries,
    )


def parts(r: Resolution) -> Iterator[tuple[str, Resolution]]:
    """(document id, the part of R that document states), in document order."""
    for doc_id, holds in stated(r).items():
        yield doc_id, part(r, doc_id, holds)
