"""Writing the graphs one document at a time gives exactly the graphs written all at once."""

from __future__ import annotations

from jmgraph.annotate import annotate_many
from jmgraph.dates import DateValue
from jmgraph.extract import extract
from jmgraph.extract.model import Capacity
from jmgraph.partition import parts
from jmgraph.rdf import to_quads
from jmgraph.read import corpus_files, read_document
from jmgraph.resolve import resolve

from .conftest import SEEDS
from .factories import Doc


def _same_graphs(resolution) -> None:
    whole = to_quads(resolution)
    one_by_one = {doc: to_quads(part).get(doc, []) for doc, part in parts(resolution)}
    assert sorted(one_by_one) == sorted(whole)
    for doc_id, quads in whole.items():
        assert set(one_by_one[doc_id]) == set(quads), doc_id


def test_the_seed_corpus_one_document_at_a_time() -> None:
    documents = [read_document(p) for p in corpus_files(SEEDS)]
    extractions = [extract(d, doc) for d, doc in
                   zip(documents, annotate_many(d.text for d in documents), strict=True)]
    _same_graphs(resolve(extractions))


def test_a_fact_two_documents_state_is_narrowed_to_each() -> None:
    a, b = Doc("a", DateValue(2016, 9, 1)), Doc("b")
    cap = Capacity("Prime Minister", "japan")
    a.visit([a.person("Sato Kenji", capacity=cap)], "mongolia", DateValue(2016, 8))
    b.visit([b.person("Kenji Sato", capacity=cap)], "mongolia", DateValue(2016, 8))
    resolution = resolve([a.x, b.x])
    narrowed = dict(parts(resolution))
    (visit,) = resolution.visits.values()
    assert set(visit.sources) == {"a", "b"}
    assert set(narrowed["a"].visits[visit.slug].sources) == {"a"}
    assert set(narrowed["b"].visits[visit.slug].sources) == {"b"}
    _same_graphs(resolution)
