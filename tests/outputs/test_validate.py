from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import rdflib

from jmgraph.dates import DateValue
from jmgraph.errors import JmgraphError
from jmgraph.outputs import validate
from jmgraph.rdf.render import to_quads
from jmgraph.resolve.corpus import resolve

from ..conftest import ROOT
from ..factories import Doc

JM = rdflib.Namespace("https://w3id.org/jmgraph/ontology#")

SHAPES = ROOT / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return validate.load_shapes(SHAPES)


def _graph() -> rdflib.Graph:
    a = Doc("a", DateValue(2016, 9, 1))
    sato, bold = a.person("Sato Kenji"), a.person("Bold", key="Bold")
    a.visit([sato], "mongolia", DateValue(2016, 8))
    a.meeting([sato, bold], DateValue(2016, 8, 2))
    triples = [q.triple for quads in to_quads(resolve([a.x])).values() for q in quads]
    return validate.data_graph(triples)


def _node(graph: rdflib.Graph, cls: str) -> rdflib.URIRef:
    return next(iter(graph.subjects(rdflib.RDF.type, JM[cls])))


def test_validate_a_made_graph_conforms(shapes: rdflib.Graph) -> None:
    conforms, violations = validate.validate(_graph(), shapes)
    assert conforms, [str(v) for v in violations]


def test_validate_an_undated_visit_and_meeting_conform(shapes: rdflib.Graph) -> None:
    """A visit and a meeting no text dates have no start date: the graph still conforms."""
    a = Doc("a")
    sato, bold = a.person("Sato Kenji"), a.person("Bold", key="Bold")
    a.visit([sato], "mongolia", None)
    a.meeting([sato, bold], None)
    triples = [q.triple for quads in to_quads(resolve([a.x])).values() for q in quads]
    graph = validate.data_graph(triples)
    assert not list(graph.triples((None, JM.startDate, None)))
    assert len(list(graph.subjects(rdflib.RDF.type, JM.Visit))) == 1
    assert len(list(graph.subjects(rdflib.RDF.type, JM.Meeting))) == 1
    conforms, violations = validate.validate(graph, shapes)
    assert conforms, [str(v) for v in violations]


def _break_destination(g: rdflib.Graph) -> None:
    g.remove((_node(g, "Visit"), JM.destination, None))


def _two_start_dates(g: rdflib.Graph) -> None:
    year = rdflib.Literal("2017", datatype=rdflib.namespace.XSD.gYear)
    g.add((_node(g, "Visit"), JM.startDate, year))


def _untyped_date(g: rdflib.Graph) -> None:
    visit = _node(g, "Visit")
    g.remove((visit, JM.startDate, None))
    g.add((visit, JM.startDate, rdflib.Literal("August 2016")))


def _lonely_meeting(g: rdflib.Graph) -> None:
    meeting = _node(g, "Meeting")
    g.remove((meeting, JM.participant, next(g.objects(meeting, JM.participant))))


def _no_source(g: rdflib.Graph) -> None:
    g.remove((_node(g, "Visit"), rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
              None))


def _negative_offset(g: rdflib.Graph) -> None:
    sentence = _node(g, "Sentence")
    g.set((sentence, JM.beginIndex, rdflib.Literal(-3, datatype=rdflib.namespace.XSD.integer)))


@pytest.mark.parametrize(("breaker", "expected"), [
    (_break_destination, "jm:destination: a visit has one destination Country"),
    (_two_start_dates, "jm:startDate: a visit has at most one typed start date"),
    (_untyped_date, "jm:startDate"),
    (_lonely_meeting, "jm:participant: a meeting has two or more participants"),
    (_no_source, "a fact without a source document"),
    (_negative_offset, "jm:beginIndex"),
])
def test_validate_each_broken_rule_is_reported(
        shapes: rdflib.Graph, breaker: Callable[[rdflib.Graph], None], expected: str) -> None:
    graph = _graph()
    breaker(graph)
    conforms, violations = validate.validate(graph, shapes)
    assert not conforms
    assert any(expected in str(v) for v in violations), [str(v) for v in violations]


@pytest.mark.slow
def test_validate_the_seed_graph_conforms(seed_store: Path, shapes: rdflib.Graph) -> None:
    from jmgraph.outputs import export
    from jmgraph.store.local import opened

    with opened(seed_store) as s:
        data = validate.data_graph(export.union_triples(s))
    conforms, violations = validate.validate(data, shapes)
    assert conforms, [str(v) for v in violations]


def test_validate_missing_shapes_file(tmp_path: Path) -> None:
    with pytest.raises(JmgraphError, match="no such shapes file"):
        validate.load_shapes(tmp_path / "none.ttl")


def test_validate_every_shape_path_is_a_known_term(shapes: rdflib.Graph) -> None:
    from jmgraph.rdf.vocab import JM as VOCAB
    from jmgraph.rdf.vocab import JM_NS

    paths = {str(p) for p in shapes.objects(None, rdflib.URIRef(
        "http://www.w3.org/ns/shacl#path"))}
    ours = {p.removeprefix(JM_NS) for p in paths if p.startswith(JM_NS)}
    assert ours and ours <= set(VOCAB)
