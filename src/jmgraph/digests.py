"""What each document's graph was made from, as a digest: ``add`` rewrites only the graphs
whose part of the resolution changed, without making or reading the others.

A digest covers a document's part of the resolution (``partition.parts``) in a canonical
form (sets and dicts sorted) and the code and reference data that turn a part into RDF,
so that a new version of either is never mistaken for an unchanged graph.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from functools import cache
from importlib import resources

from .resolve import Resolution

# The modules and data a graph is rendered with (rdf.to_quads and what it reads).
RENDERING_MODULES = ("rdf.py", "vocab.py", "partition.py", "reference.py", "digests.py")
RENDERING_DATA = ("countries.json", "offices.json")


@cache
def _rendering() -> bytes:
    package = resources.files("jmgraph")
    h = hashlib.sha256()
    for name in RENDERING_MODULES:
        h.update((package / name).read_bytes())
    for name in RENDERING_DATA:
        h.update((package / "data" / name).read_bytes())
    return h.digest()


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names (None for other types), read once per type."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def _canonical(value: object) -> object:
    """VALUE as plain lists and scalars, in an order that does not depend on the process:
    dicts by key, sets sorted (Python orders a set of strings differently in each run)."""
    if value is None or isinstance(value, str | int | float):
        return value
    names = _field_names(type(value))
    if names is not None:
        return [type(value).__name__, *[_canonical(getattr(value, n)) for n in names]]
    if isinstance(value, dict):
        return [[k, _canonical(v)] for k, v in sorted(value.items())]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=repr)
    return [_canonical(v) for v in value]  # type: ignore[attr-defined]


def part_digest(part: Resolution) -> str:
    """The digest of one document's part: equal digests, equal graphs."""
    used = {h.office for h in part.holdings.values()}
    used.update(o for v in part.visits.values() for o in v.offices)
    content = [part.documents, part.persons, {s: part.offices[s] for s in used},
               part.holdings, part.visits, part.meetings, part.partnerships, part.agreements]
    h = hashlib.sha256(_rendering())
    h.update(json.dumps(_canonical(content), ensure_ascii=False).encode())
    return h.hexdigest()
