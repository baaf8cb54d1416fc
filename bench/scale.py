"""A store of about N triples made from the seed graph, in the shape of a large corpus.

A large corpus restates the same facts in many documents, and names many more persons and
events than five texts do, but not a new set per document.  So the seed graph is copied
with its documents (graphs, documents, sentences) renamed in every copy, and its persons
and events renamed in every group of ``GROUP`` copies: each fact is stated by ``GROUP``
documents, and each group brings its own persons (their names rewritten, so that a name
matches the persons of one group) and events.  States and offices are shared by all.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from jmgraph import pipeline
from jmgraph.rdf.vocab import ID_NS, JM, RDFS, SKOS
from jmgraph.store.local import GraphStore, opened

ROOT = Path(__file__).resolve().parents[1]
GROUP = 20                                   # documents stating each fact
SHARED_KINDS = ("country/", "office/")       # the same states and offices in every copy
PER_COPY_KINDS = ("doc/", "graph/")          # one per copy: the documents
NAME_PROPERTIES = {RDFS.label, SKOS.prefLabel, SKOS.altLabel}
LETTERS = 26


def _suffix(term: ox.NamedNode, copy: int) -> ox.Term:
    local = term.value[len(ID_NS):]
    if local.startswith(SHARED_KINDS):
        return term
    n = copy if local.startswith(PER_COPY_KINDS) else copy // GROUP
    if not n:
        return term
    if "#" in term.value:
        base, fragment = term.value.split("#", 1)
        return ox.NamedNode(f"{base}-c{n}#{fragment}")
    return ox.NamedNode(f"{term.value}-c{n}")


def _rename(term: ox.Term, copy: int) -> ox.Term:
    if isinstance(term, ox.NamedNode) and term.value.startswith(ID_NS):
        return _suffix(term, copy)
    return term


def group_name(name: str, group: int) -> str:
    """A person's name as group GROUP spells it: letters shifted, so that no group's names
    contain another's ("Batbold" in group 1 is "Cbucpme"; groups past 25 add a letter)."""
    if not group:
        return name
    cycle, step = divmod(group - 1, LETTERS - 1)      # 25 shifts, then a letter more
    shift = step + 1
    extra = "" if not cycle else chr(ord("a") + (cycle - 1) % LETTERS) * (1 + cycle // LETTERS)

    def rot(c: str) -> str:
        if not c.isascii() or not c.isalpha():
            return c
        base = ord("a") if c.islower() else ord("A")
        return chr(base + (ord(c) - base + shift) % LETTERS)

    return " ".join("".join(map(rot, word)) + extra for word in name.split(" "))


def _copy(q: ox.Quad, copy: int) -> ox.Quad:
    obj = _rename(q.object, copy)
    if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ID_NS + "person/") \
            and q.predicate in NAME_PROPERTIES and isinstance(obj, ox.Literal):
        obj = ox.Literal(group_name(obj.value, copy // GROUP))
    elif q.predicate == JM.fileName and copy and isinstance(obj, ox.Literal):
        stem, dot, extension = obj.value.rpartition(".")
        obj = ox.Literal(f"{stem}-c{copy}{dot}{extension}")     # one file per document
    return ox.Quad(_rename(q.subject, copy), q.predicate, obj, _rename(q.graph_name, copy))


def seed_quads(tmp: Path) -> list[ox.Quad]:
    store = tmp / "seed-store"
    if not (store / "current").exists():
        pipeline.build(ROOT / "seeds", store)
    with opened(store) as s:
        return list(s.named_quads())


def scaled_store(path: Path, triples: int, tmp: Path) -> int:
    """Write a store of at least TRIPLES quads at PATH; returns the number of copies."""
    quads = seed_quads(tmp)
    copies = max(1, -(-triples // len(quads)))
    store = GraphStore.new_generation(path)
    store.load_new([_copy(q, c) for c in range(copies) for q in quads])
    store.publish()
    return copies
