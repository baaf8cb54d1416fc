"""A store of about N triples: the seed graph copied with renamed resources.

Each copy gets its own persons, events and documents (IRIs suffixed with the copy's
number), so that queries meet a graph of realistic shape at any size.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from jmgraph import pipeline
from jmgraph.store import GraphStore, opened
from jmgraph.vocab import ID_NS

ROOT = Path(__file__).resolve().parents[1]
SHARED_KINDS = ("country/", "office/")      # the same states and offices in every copy


def _rename(term: ox.Term, copy: int) -> ox.Term:
    if isinstance(term, ox.NamedNode) and term.value.startswith(ID_NS) and \
            not term.value[len(ID_NS):].startswith(SHARED_KINDS) and copy:
        value = term.value
        if "#" in value:
            base, fragment = value.split("#", 1)
            return ox.NamedNode(f"{base}-c{copy}#{fragment}")
        return ox.NamedNode(f"{value}-c{copy}")
    return term


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
    store.load_new([ox.Quad(_rename(q.subject, c), q.predicate, _rename(q.object, c),
                            _rename(q.graph_name, c))
                    for c in range(copies) for q in quads])
    store.publish()
    return copies
