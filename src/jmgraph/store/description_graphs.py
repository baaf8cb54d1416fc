"""The facts' description graphs (``rdf.descriptions``) written into a store: each written
only when it differs from the stored one (its recorded digest first, the store when none
is recorded), dropped once no document states its fact; their sizes and digests kept
beside the extraction cache (``description_records``).

``add`` makes again the descriptions of the facts the documents it rewrites state (a fact
whose description changed is stated by one of them), and drops those no document states
any longer, among the facts those documents stated before (kept in the records before any
graph is written, and for as long as the descriptions are not: a run stopped in between
leaves them to the next).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..batches import batched
from ..rdf.graphs import canonical_nquads, described_node, description_key, is_description
from ..rdf.render import document_iri
from ..rdf.vocab import ID_NS
from .description_records import DescriptionRecords
from .sparql import library, with_values

if TYPE_CHECKING:
    from .backend import AnyStore

# Facts or documents bound into one query's VALUES.
VALUES_PER_QUERY = 500
# Descriptions rendered whose recorded digests are read at a time (when not all are).
DIGESTS_PER_READ = 500


def _keys(rows: Iterable) -> set[str]:
    return {description_key(row["fact"]) for row in rows
            if isinstance(row["fact"], ox.NamedNode) and row["fact"].value.startswith(ID_NS)}


def _stated(store: AnyStore, query: str, variable: str, iris: Iterable[str]) -> set[str]:
    """The description keys of the facts saved QUERY (VARIABLE bound to each of IRIS,
    VALUES_PER_QUERY at a time) finds."""
    found: set[str] = set()
    for chunk in batched(sorted(iris), VALUES_PER_QUERY):
        text = with_values(library(f"{query}.rq"), [variable], [[iri] for iri in chunk], query)
        found |= _keys(store.query(text))                      # type: ignore[arg-type]
    return found


def stated_in(store: AnyStore, docs: Collection[str]) -> set[str]:
    """The description keys of the facts the stored graphs of DOCS state."""
    return _stated(store, "stated-in", "doc", (str(document_iri(d)) for d in docs))


def still_stated(store: AnyStore, keys: Collection[str]) -> set[str]:
    """Those of KEYS whose facts some stored document's graph states."""
    return _stated(store, "still-stated", "fact", (str(described_node(k)) for k in keys))


def write(store: AnyStore, rendered: Iterable[tuple[str, list[ox.Quad]]],
          records: DescriptionRecords, dropping: Collection[str] | None,
          per_transaction: int) -> list[str]:
    """The RENDERED descriptions written where they differ from the stored ones, and
    those of DROPPING (description keys) no document states any longer dropped (None:
    RENDERED is every description, and every other stored one is dropped); PER_TRANSACTION
    graphs at a time.  Recorded in RECORDS; returns the keys of the graphs written."""
    sizes: dict[str, int | None] = {}
    digests: dict[str, str] = {}
    written: list[str] = []
    # every description rendered: all the digests read at once; else those rendered alone
    everything = records.digests() if dropping is None else None

    def changed() -> Iterator[tuple[str, list[ox.Quad]]]:
        for chunk in batched(rendered, DIGESTS_PER_READ):
            recorded = everything if everything is not None else records.digests(
                [key for key, _ in chunk])
            for key, quads in chunk:
                sizes[key] = len(quads)
                digests[key] = graph_digest(quads)
                if recorded.get(key) != digests[key] and store.graph_quads(key) != set(quads):
                    yield key, quads

    def replace(graphs: dict[str, list[ox.Quad]]) -> None:
        records.forget(graphs)
        store.replace_graphs(graphs)
        written.extend(graphs)

    for batch in batched(changed(), per_transaction):
        replace(dict(batch))
    if dropping is None:
        gone = {k for k in store.graph_keys() if is_description(k)} - sizes.keys()
    else:
        candidates = set(dropping) - sizes.keys()
        gone = candidates - still_stated(store, candidates)
    for batch in batched(sorted(gone), per_transaction):
        replace({key: [] for key in batch})
    sizes.update((key, None) for key in gone)
    records.save(sizes, whole=dropping is None, digests=digests)
    return written


def graph_digest(quads: Iterable[ox.Quad]) -> str:
    """The digest of a graph of QUADS (of its canonical N-Quads): equal graphs, equal
    digests."""
    return hashlib.sha256(canonical_nquads(set(quads))).hexdigest()
