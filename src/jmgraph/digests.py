"""What each document's graph was made from, as a digest: ``add`` rewrites only the graphs
whose part of the resolution changed, without making or reading the others.

A digest covers a document's part of the resolution (``partition.part``) in a canonical
form (sets and dicts sorted) and the code and reference data that turn a part into RDF,
so that a new version of either is never mistaken for an unchanged graph.  The parts are
not made to be digested: an entity's part in a document is its corpus-wide description
(digested once, however many documents state it) and what it holds for that document.
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

from .partition import KINDS, PER_DOCUMENT, Stated, entities
from .resolved import Resolution

# The modules and data a graph is rendered (rdf.to_quads and what it reads) and digested with.
RENDERING_MODULES = ("rdf.py", "vocab.py", "partition.py", "reference.py", "digests.py",
                     "plain.py")
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


def rendering() -> str:
    """The digest of this version's rendering code and data: a store whose graphs were
    made by another has every graph's digest differ (each graph is compared once)."""
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


def _wide(entity: object) -> dict[str, object]:
    """ENTITY without what it holds per document, nor an agreement's milestones (a graph
    describes only those its document states: ``_own``)."""
    return {f.name: getattr(entity, f.name) for f in fields(entity)  # type: ignore[arg-type]
            if f.name not in PER_DOCUMENT and f.name != "milestones"}


def _own(entity: object, doc_id: str) -> dict[str, object]:
    """What ENTITY holds for DOC_ID alone (None: nothing, as a narrowed part has it)."""
    plain: dict[str, object] = {}
    for name in PER_DOCUMENT:
        held = getattr(entity, name, None)
        if isinstance(held, dict):
            plain[name] = held.get(doc_id)
    milestones = getattr(entity, "milestones", None)
    if milestones is not None:
        plain["milestones"] = [[_wide(m), _own(m, doc_id)] for m in milestones
                               if doc_id in m.sources]
    return plain


class _WideDigests:
    """The digest of each entity's corpus-wide description, made once."""

    def __init__(self, r: Resolution) -> None:
        self.r = r
        self.made: dict[tuple[str, str], str] = {}

    def __call__(self, kind: str, slug: str) -> str:
        key = (kind, slug)
        found = self.made.get(key)
        if found is None:
            wide = _wide(entities(self.r, kind)[slug])
            found = self.made[key] = hashlib.sha256(_encode(wide).encode()).hexdigest()
        return found


def part_digests(r: Resolution, index: dict[str, Stated]) -> dict[str, str]:
    """Document id -> the digest of its part of R (INDEX: ``partition.stated(r)``): equal
    digests, equal graphs."""
    wide = _WideDigests(r)
    digests: dict[str, str] = {}
    for doc_id, holds in index.items():
        content: dict[str, object] = {"document": r.documents[doc_id]}
        for kind in KINDS:
            content[kind] = [[slug, wide(kind, slug), _own(entities(r, kind)[slug], doc_id)]
                             for slug in sorted(holds.slugs.get(kind, []))]
        stated_persons = set(holds.slugs.get("persons", []))
        content["named"] = [[slug, wide("persons", slug), r.persons[slug].names.get(doc_id)]
                            for slug in sorted(holds.named - stated_persons)]
        used = {r.holdings[h].office for h in holds.slugs.get("holdings", [])}
        used.update(o for v in holds.slugs.get("visits", []) for o in r.visits[v].offices)
        content["offices"] = {slug: r.offices[slug] for slug in used}
        h = hashlib.sha256(_rendering())
        h.update(_encode(content).encode())
        digests[doc_id] = h.hexdigest()
    return digests
