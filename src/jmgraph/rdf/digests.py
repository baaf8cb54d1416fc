"""What each document's graph was made from, as a digest: ``add`` rewrites only the graphs
whose part of the resolution changed, without making or reading the others.

A digest covers what a document's graph renders of its part of the resolution
(``partition.part``: the facts it states, what it alone says of each) in a canonical form
(sets and dicts sorted), and the version of the code that turns a part into RDF
(``rdf.RENDERING_VERSION``, tied to the graphs of a golden corpus) with the reference data
it reads, so that a new version of either is never mistaken for an unchanged graph.  The
parts are not made to be digested.  The facts' corpus-wide descriptions are in graphs of their own
(``rdf.descriptions``): a new description changes no document's digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from operator import attrgetter

from ..resolve.partition import KINDS, PER_DOCUMENT, Stated, entities
from ..resolve.resolved import Agreement, Person, Resolution
from .render import RENDERING_VERSION

# The reference data a graph is rendered with (labels of countries, kinds of offices).
RENDERING_DATA = ("countries.json", "offices.json")


@cache
def _rendering() -> bytes:
    h = hashlib.sha256(f"jmgraph rendering {RENDERING_VERSION}\n".encode())
    for name in RENDERING_DATA:
        h.update((resources.files("jmgraph") / "data" / name).read_bytes())
    return h.digest()


def rendering() -> str:
    """The digest of this version's rendering (``rdf.RENDERING_VERSION``) and of the data it
    reads: a store whose graphs were made by another has every graph's digest differ (each
    graph is compared once)."""
    return _rendering().hex()


@cache
def code_version() -> str:
    """The digest of every module and data file of this version of jmgraph: what is kept
    from an earlier run and made by its code (``fact_groups``) is made again by another."""
    package = resources.files("jmgraph")
    h = hashlib.sha256()
    for path in sorted(_package_files(package), key=str):
        h.update(str(path.relative_to(package)).encode())       # type: ignore[attr-defined]
        h.update(path.read_bytes())
    return h.hexdigest()


def _package_files(folder: Traversable) -> Iterator[Traversable]:
    for item in folder.iterdir():
        if item.is_dir():
            if item.name != "__pycache__":
                yield from _package_files(item)
        elif item.name.endswith((".py", ".json")):
            yield item


@cache
def _values(cls: type) -> Callable[[object], tuple] | None:
    """A function giving an instance of dataclass CLS as the tuple of its field values
    (None for other types)."""
    if not is_dataclass(cls):
        return None
    get = attrgetter(*(f.name for f in fields(cls)))
    return (lambda v: (get(v),)) if len(fields(cls)) == 1 else get


def _canonical(value: object) -> object:
    """What JSON makes of the values it has no form for: a dataclass instance as its type's
    name and field values, a set sorted."""
    values = _values(type(value))
    if values is not None:
        return [type(value).__name__, *values(value)]
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    raise TypeError(f"no canonical form for {type(value).__name__}")


# Canonical JSON of resolved data, encoded (dataclasses and sets included) by json's C code.
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False,
                           default=_canonical).encode


def canonical(value: object) -> str:
    """VALUE (resolved data: dataclasses, sets, dicts...) as canonical JSON: equal values,
    equal texts, whatever order their sets were filled in."""
    return _encode(value)


def _own(entity: object, doc_id: str) -> dict[str, object]:
    """What a document's graph renders of ENTITY for DOC_ID (``rdf.document_graphs``):
    what it holds for that document alone (None: nothing, as a narrowed part has it), a
    person's names there but its label, an agreement's milestones stated there (a
    holding's holder, stated with it, is in its slug).  Its corpus-wide description is in
    a graph of its own."""
    plain: dict[str, object] = {}
    for name in PER_DOCUMENT:
        held = getattr(entity, name, None)
        if isinstance(held, dict):
            plain[name] = held.get(doc_id)
    if isinstance(entity, Person):
        plain["names"] = sorted(entity.names.get(doc_id, set()) - {entity.label})
    if isinstance(entity, Agreement):
        plain["milestones"] = [[m.slug, _own(m, doc_id)] for m in entity.milestones
                               if doc_id in m.sources]
    return plain


def part_digests(r: Resolution, index: dict[str, Stated]) -> dict[str, str]:
    """Document id -> the digest of what its graph renders of its part of R (INDEX:
    ``partition.stated(r)``): equal digests, equal graphs."""
    digests: dict[str, str] = {}
    for doc_id, holds in index.items():
        content: dict[str, object] = {"document": r.documents[doc_id]}
        for kind in KINDS:
            content[kind] = [[slug, _own(entities(r, kind)[slug], doc_id)]
                             for slug in sorted(holds.slugs.get(kind, []))]
        h = hashlib.sha256(_rendering())
        h.update(_encode(content).encode())
        digests[doc_id] = h.hexdigest()
    return digests
