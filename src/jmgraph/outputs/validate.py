"""SHACL validation of the graph (the union of all documents' graphs) with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from ..errors import JmgraphError
from ..rdf.vocab import PREFIXES


class ShapesError(JmgraphError):
    """The shapes file cannot be read."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


def _short(term: object) -> str:
    if term is None:
        return ""
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and "/" not in text[len(ns):]:
            return f"{prefix}:{text[len(ns):]}"
    return text


def data_graph(triples: list[ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                format="nt")
    return graph


def load_shapes(path: Path) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise ShapesError(f"{path}: no such shapes file; pass --shapes FILE") from None
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise ShapesError(f"{path}: not valid Turtle ({err})") from None


def validate(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, list[Violation]]:
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                          advanced=True, allow_warnings=True)
    violations = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=_short(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            value=_short(results.value(result, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation"))
    return bool(conforms), sorted(violations, key=str)
