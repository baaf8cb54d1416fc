from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from jmgraph.rdf.vocab import JM, JM_NS

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "jm.ttl"
CORE = {"Person", "Country", "Office", "OfficeHolding", "Visit", "Meeting", "Partnership",
        "Agreement", "Planned", "Occurred", "country", "holder", "office", "visitor",
        "destination", "startDate", "endDate", "status", "inCapacityOf", "participant"}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY)


def test_vocab_module_and_ontology_declare_the_same_terms(ontology: rdflib.Graph) -> None:
    declared = {str(s).removeprefix(JM_NS) for s in ontology.subjects(RDF.type, None)
                if str(s).startswith(JM_NS)}
    assert declared == set(JM)


def test_vocab_keeps_the_core_vocabulary_of_the_scorer() -> None:
    assert set(JM) >= CORE


def test_vocab_every_term_has_label_and_comment(ontology: rdflib.Graph) -> None:
    for name in JM:
        iri = rdflib.URIRef(JM_NS + name)
        assert ontology.value(iri, RDFS.label) is not None, name
        assert ontology.value(iri, RDFS.comment) is not None, name


def test_vocab_ontology_header(ontology: rdflib.Graph) -> None:
    assert (None, RDF.type, OWL.Ontology) in ontology


def test_vocab_unknown_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        JM.Visti  # noqa: B018


def test_vocab_jsonld_context_file_is_the_generated_one() -> None:
    import json

    from jmgraph.rdf.vocab import jsonld_context

    committed = json.loads((ONTOLOGY.parent / "context.jsonld").read_text(encoding="utf-8"))
    assert committed == jsonld_context()


def test_vocab_object_properties_are_the_ontologys(ontology: rdflib.Graph) -> None:
    from jmgraph.rdf.vocab import OBJECT_PROPERTIES

    declared = {str(s).removeprefix(JM_NS) for s in ontology.subjects(RDF.type,
                                                                     OWL.ObjectProperty)}
    assert declared == set(OBJECT_PROPERTIES)
