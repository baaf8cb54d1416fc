from __future__ import annotations

import pyoxigraph as ox

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity
from jmgraph.rdf import document_iri, graph_iri, to_quads
from jmgraph.resolve import resolve
from jmgraph.vocab import JM, PROV, XSD, resource

from .factories import Doc


def _store(per_doc: dict[str, list[ox.Quad]]) -> ox.Store:
    store = ox.Store()
    for quads in per_doc.values():
        store.extend(quads)
    return store


def test_rdf_each_document_has_its_own_graph_and_a_shared_fact_is_in_both() -> None:
    a, b = Doc("a", DateValue(2016, 9, 1)), Doc("b")
    cap = Capacity("Prime Minister", "japan")
    a.visit([a.person("Sato Kenji", capacity=cap)], "mongolia", DateValue(2016, 8))
    b.visit([b.person("Kenji Sato", capacity=cap)], "mongolia", DateValue(2016, 8))
    per_doc = to_quads(resolve([a.x, b.x]))
    assert set(per_doc) == {"a", "b"}
    visit = resource("visit", "2016-08-sato-kenji-mongolia")
    for doc in ("a", "b"):
        quads = per_doc[doc]
        assert all(q.graph_name == graph_iri(doc) for q in quads)
        assert ox.Quad(visit, PROV.wasDerivedFrom, document_iri(doc), graph_iri(doc)) in quads
        assert any(q.subject == visit and q.predicate == JM.evidence for q in quads)


def test_rdf_dates_are_typed_at_their_precision() -> None:
    a = Doc("a", DateValue(2016, 9, 1))
    p = a.person("Sato Kenji")
    a.visit([p], "mongolia", DateValue(2016, 8))
    a.partnership("Strategic Partnership", DateValue(2010))
    store = _store(to_quads(resolve([a.x])))
    dates = {q.object for q in store if q.predicate in (JM.startDate, JM.publicationDate)}
    assert dates == {ox.Literal("2016-08", datatype=XSD.gYearMonth),
                     ox.Literal("2010", datatype=XSD.gYear),
                     ox.Literal("2016-09-01", datatype=XSD.date)}


def test_rdf_sentences_carry_offsets_text_and_document() -> None:
    a = Doc("a")
    a.visit([a.person("Sato Kenji")], "mongolia", DateValue(2016, 8))
    store = _store(to_quads(resolve([a.x])))
    sentences = {q.subject for q in store if q.object == JM.Sentence}
    assert sentences
    for s in sentences:
        props = {q.predicate for q in store.quads_for_pattern(s, None, None)}
        assert {JM.beginIndex, JM.endIndex, JM.text, JM.inDocument} <= props


def test_rdf_planned_status_and_capacity() -> None:
    a = Doc("a")
    p = a.person("Sato Kenji", capacity=Capacity("Prime Minister", "japan"))
    a.visit([p], "mongolia", DateValue(2030, 1), status="planned",
            capacities={p: Capacity("Prime Minister", "japan")})
    store = _store(to_quads(resolve([a.x])))
    (visit,) = {q.subject for q in store if q.object == JM.Visit}
    assert list(store.quads_for_pattern(visit, JM.status, JM.Planned))
    assert list(store.quads_for_pattern(visit, JM.inCapacityOf,
                                        resource("office", "japan", "prime-minister")))
