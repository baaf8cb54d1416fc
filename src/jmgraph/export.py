"""Exports: the store as Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML.

Dataset formats (TriG, N-Quads, JSON-LD) keep each document's named graph; triple formats
(Turtle, N-Triples, RDF/XML) hold the union of all graphs.  Output is sorted, so the same
store always exports to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .errors import ExportError
from .store import GraphStore
from .vocab import PREFIXES


@dataclass(frozen=True)
class Format:
    name: str
    rdf_format: ox.RdfFormat
    extension: str
    dataset: bool


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", ox.RdfFormat.TURTLE, "ttl", False),
    Format("trig", ox.RdfFormat.TRIG, "trig", True),
    Format("nquads", ox.RdfFormat.N_QUADS, "nq", True),
    Format("ntriples", ox.RdfFormat.N_TRIPLES, "nt", False),
    Format("jsonld", ox.RdfFormat.JSON_LD, "jsonld", True),
    Format("rdfxml", ox.RdfFormat.RDF_XML, "rdf", False),
)}
ALIASES = {"ttl": "turtle", "nq": "nquads", "nt": "ntriples", "json-ld": "jsonld",
           "xml": "rdfxml", "rdf": "rdfxml"}


def get_format(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ExportError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_path(path: Path) -> Format:
    ext = path.suffix.lstrip(".").lower()
    for f in FORMATS.values():
        if f.extension == ext:
            return f
    return get_format(ext) if ext else FORMATS["turtle"]


def sorted_quads(store: GraphStore) -> list[ox.Quad]:
    return sorted(store.db, key=str)


def union_triples(store: GraphStore) -> list[ox.Triple]:
    return sorted({q.triple for q in store.db}, key=str)


def export(store: GraphStore, fmt: Format, output: BinaryIO | Path) -> None:
    target = str(output) if isinstance(output, Path) else output
    prefixes = PREFIXES if fmt.rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG,
                                              ox.RdfFormat.RDF_XML) else None
    data = sorted_quads(store) if fmt.dataset else union_triples(store)
    try:
        ox.serialize(data, target, fmt.rdf_format, prefixes=prefixes)
    except OSError as err:
        raise ExportError(f"{output}: cannot write ({err.strerror or err})") from None


def export_all(store: GraphStore, folder: Path, stem: str = "jmgraph") -> list[Path]:
    """Every format into FOLDER: jmgraph.ttl, jmgraph.trig, jmgraph.nq, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in FORMATS.values():
        path = folder / f"{stem}.{fmt.extension}"
        export(store, fmt, path)
        written.append(path)
    return written
