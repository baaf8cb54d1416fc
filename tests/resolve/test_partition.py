"""Writing the graphs one document at a time gives exactly the graphs written all at once:
the documents' graphs and the facts' descriptions."""

from __future__ import annotations

import pytest

from jmgraph.dates import DateValue
from jmgraph.extract import extract
from jmgraph.extract.model import Capacity
from jmgraph.ingest.annotate import annotate_many
from jmgraph.ingest.read import corpus_files, read_document
from jmgraph.rdf.graphs import is_description
from jmgraph.rdf.render import descriptions, document_graphs, to_quads
from jmgraph.resolve.corpus import resolve
from jmgraph.resolve.partition import parts

from ..conftest import SEEDS
from ..factories import Doc


def _same_graphs(resolution) -> None:
    """Each document's graph made from its part is the one made of the whole; each fact's
    description made from any part stating it is the whole's, and every description is
    made from some part."""
    whole = to_quads(resolution)
    one_by_one = {doc: document_graphs(part).get(doc, []) for doc, part in parts(resolution)}
    assert sorted(one_by_one) == sorted(k for k in whole if not is_description(k))
    for doc_id, quads in one_by_one.items():
        assert set(quads) == set(whole[doc_id]), doc_id
    described: set[str] = set()
    for _, part in parts(resolution):
        for key, quads in descriptions(part):
            assert set(quads) == set(whole[key]), key
            described.add(key)
    assert described == {k for k in whole if is_description(k)}


@pytest.mark.slow
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
