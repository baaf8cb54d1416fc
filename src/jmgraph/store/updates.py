"""SPARQL Update texts the stores send when documents' graphs are replaced: the graphs'
new data, and the change of their union (the default graph) that follows."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .sparql import library, with_values


def insert_data(triples: Iterable[ox.Triple], graph: ox.NamedNode | None = None) -> str:
    """``INSERT DATA`` of TRIPLES into GRAPH (the default graph when None)."""
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    return f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}" if graph else \
        f"INSERT DATA {{\n{body}\n}}"


def union_change(old: Iterable[ox.Quad], new: Iterable[ox.Quad]
                 ) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """What replacing graphs (their OLD quads by NEW ones) does to their union: the triples
    that join it (stated now, not before) and those that may leave it (stated before, not
    now: they stay when another graph states them)."""
    before = {q.triple for q in old}
    after = {q.triple for q in new}
    return list(after - before), list(before - after)


def union_updates(old: Iterable[ox.Quad], new: Iterable[ox.Quad]) -> list[str]:
    """The operations that bring the union up to date once graphs holding OLD quads hold
    NEW ones (run after the graphs are replaced); only those triples are touched."""
    joining, leaving = union_change(old, new)
    operations = []
    if leaving:
        rows = [[str(t.subject), str(t.predicate), str(t.object)] for t in leaving]
        operations.append(with_values(library("prune-union.ru"), ["s", "p", "o"], rows,
                                      "prune-union"))
    if joining:
        operations.append(insert_data(joining))
    return operations
