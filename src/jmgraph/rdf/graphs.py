"""The named graphs of the dataset, and the canonical form of their quads: what the stores
need of the RDF stage, without the rendering (``render``) and the resolution it reads.

A document's graph is ``id/graph/<document>``, a fact's description graph
``id/graph/<kind>/<slug>`` (its key is the fact's path under the resources' namespace).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .vocab import ID_NS, resource


def graph_iri(key: str) -> ox.NamedNode:
    """The named graph of KEY: a document id, or a description's key (``description_key``)."""
    return resource("graph", key)


def description_key(node: ox.NamedNode) -> str:
    """The key of the graph describing NODE (one of jmgraph's resources): its path under
    the resources' namespace, ``kind/slug``; a document id has no slash."""
    return node.value.removeprefix(ID_NS)


def described_node(key: str) -> ox.NamedNode:
    """The node a description's graph KEY describes (the inverse of ``description_key``)."""
    return ox.NamedNode(ID_NS + key)


def is_description(key: str) -> bool:
    """Whether graph KEY is a description's (``kind/slug``), not a document's."""
    return "/" in key


def sorted_lines(data: bytes) -> bytes:
    """N-Triples or N-Quads with their lines sorted: the canonical form of an export (each
    statement is one line; newlines inside literals are escaped)."""
    lines = [line for line in data.split(b"\n") if line]
    lines.sort()
    return b"".join(line + b"\n" for line in lines)


def canonical_nquads(quads: Iterable[ox.Quad]) -> bytes:
    return sorted_lines(ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS) or b"")


def canonical_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return sorted_lines(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"")
