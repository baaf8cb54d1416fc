"""Exports: the store as Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML.

Dataset formats (TriG, N-Quads, JSON-LD) keep each document's named graph; triple formats
(Turtle, N-Triples, RDF/XML) hold the union of all graphs.  Output is sorted, so the same
store always exports to the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from ..errors import ExportError
from ..query import queries
from ..rdf.vocab import PREFIXES, jsonld_context
from ..store.backend import AnyStore
from ..store.sparql import library


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
FORMATS_BY_EXTENSION = {f.extension: f for f in FORMATS.values()}
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


def sorted_quads(store: AnyStore) -> list[ox.Quad]:
    """The documents' graphs in canonical order (the default graph, their union, is not
    exported twice)."""
    return list(ox.parse(store.canonical_nquads(), format=ox.RdfFormat.N_QUADS))


def union_triples(store: AnyStore) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(store.canonical_union(),
                                       format=ox.RdfFormat.N_TRIPLES)]


def compact_jsonld(quads: list[ox.Quad]) -> bytes:
    """JSON-LD compacted with the graph's context, embedded inline (loads offline): keys
    such as "visitor" and "startDate", every IRI under its family's prefix
    ("countries:japan", "doc:seed-01#char=0,80"), typed dates kept as typed values.
    rdflib writes the graph as JSON-LD, PyLD (the JSON-LD reference processor) compacts it
    (rdflib leaves whole the IRIs whose rest holds a '/' or '#'; PyLD's own reading of
    N-Quads takes 20 s for 13,000 quads)."""
    # for JSON-LD only: the commands that do not write it start without rdflib and PyLD
    import rdflib
    from pyld import jsonld

    def no_remote_documents(url: str, options: Any = None) -> Any:
        raise ExportError(f"JSON-LD export: no document is fetched ({url})")

    dataset = rdflib.Dataset()
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    expanded = json.loads(dataset.serialize(format="json-ld"))
    document = jsonld.compact(expanded, jsonld_context(),
                              {"documentLoader": no_remote_documents})
    return json.dumps(_in_order(document), indent=1, sort_keys=True,
                      ensure_ascii=False).encode("utf-8")


def _in_order(value: Any, ordered: bool = False) -> Any:
    """JSON-LD with every unordered array (node lists, multiple values) sorted, so that the
    same graph always gives the same bytes (rdflib's order follows Python's hashing)."""
    if isinstance(value, dict):
        return {k: (v if k == "@context" else _in_order(v, k == "@list"))
                for k, v in value.items()}
    if isinstance(value, list):
        items = [_in_order(v) for v in value]
        return items if ordered else sorted(
            items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def export(store: AnyStore, fmt: Format, output: BinaryIO | Path) -> None:
    target = str(output) if isinstance(output, Path) else output
    if fmt.name == "jsonld":
        data = compact_jsonld(sorted_quads(store))
        try:
            if isinstance(output, Path):
                output.write_bytes(data)
            else:
                output.write(data)
        except OSError as err:
            raise ExportError(f"{output}: cannot write ({err.strerror or err})") from None
        return
    prefixes = PREFIXES if fmt.rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG,
                                              ox.RdfFormat.RDF_XML) else None
    try:
        if fmt.rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES):
            # the canonical form itself: sorted lines, written as they are
            data = store.canonical_nquads() if fmt.dataset else store.canonical_union()
            if isinstance(output, Path):
                output.write_bytes(data)
            else:
                output.write(data)
            return
        quads = sorted_quads(store) if fmt.dataset else union_triples(store)
        ox.serialize(quads, target, fmt.rdf_format, prefixes=prefixes)
    except OSError as err:
        raise ExportError(f"{output}: cannot write ({err.strerror or err})") from None


VOID_FILE = "void.ttl"


def class_counts(store: AnyStore) -> dict[str, int]:
    result = queries.run(store, library("stats.rq"), "stats")
    return {cls.value.rsplit("#", 1)[-1]: int(count.value) for cls, count in result.rows}


def export_all(store: AnyStore, folder: Path, stem: str = "jmgraph") -> list[Path]:
    """Every format into FOLDER (jmgraph.ttl, jmgraph.trig, jmgraph.nq, ...) and a VoID/DCAT
    description of the dataset beside them (void.ttl)."""
    # here: exporting one format needs no rendering (nor the resolution's types it reads)
    from ..rdf.render import dataset_description

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in FORMATS.values():
        path = folder / f"{stem}.{fmt.extension}"
        export(store, fmt, path)
        written.append(path)
    files = {p.name: FORMATS_BY_EXTENSION[p.suffix.lstrip(".")].rdf_format.media_type
             for p in written}
    # the endpoint it is served at: the remote store's, else `jmgraph serve`'s default
    served = store.sparql_endpoint
    description = dataset_description(len(store), class_counts(store), files,
                                      *([served] if served else []))
    void = folder / VOID_FILE
    ox.serialize(description, str(void), ox.RdfFormat.TURTLE,
                 prefixes={**PREFIXES, "void": "http://rdfs.org/ns/void#",
                           "dcat": "http://www.w3.org/ns/dcat#"})
    written.append(void)
    return written
