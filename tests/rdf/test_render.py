from __future__ import annotations

import pyoxigraph as ox

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity
from jmgraph.rdf.graphs import description_key, graph_iri, is_description
from jmgraph.rdf.render import RENDERING_VERSION, document_iri, to_quads
from jmgraph.rdf.vocab import JM, PROV, RDF, RDFS, SKOS, XSD, resource
from jmgraph.resolve.corpus import resolve

from .. import rendering_golden
from ..factories import Doc


def _store(per_doc: dict[str, list[ox.Quad]]) -> ox.Store:
    store = ox.Store()
    for quads in per_doc.values():
        store.extend(quads)
    return store


def test_rdf_each_document_has_its_own_graph_and_a_shared_fact_one_description() -> None:
    a, b = Doc("a", DateValue(2016, 9, 1)), Doc("b")
    cap = Capacity("Prime Minister", "japan")
    a.visit([a.person("Sato Kenji", capacity=cap)], "mongolia", DateValue(2016, 8))
    b.visit([b.person("Kenji Sato", capacity=cap)], "mongolia", DateValue(2016, 8))
    graphs = to_quads(resolve([a.x, b.x]))
    visit = resource("visit", "2016-08-sato-kenji-mongolia")
    person = resource("person", "sato-kenji")
    key = description_key(visit)
    assert key == "visit/2016-08-sato-kenji-mongolia" and is_description(key)
    assert {k for k in graphs if not is_description(k)} == {"a", "b"}
    assert {k for k in graphs if is_description(k)} == {
        key, "person/sato-kenji", "holding/sato-kenji/japan/prime-minister"}
    for doc in ("a", "b"):
        quads = graphs[doc]
        assert all(q.graph_name == graph_iri(doc) for q in quads)
        assert ox.Quad(visit, PROV.wasDerivedFrom, document_iri(doc), graph_iri(doc)) in quads
        assert any(q.subject == visit and q.predicate == JM.evidence for q in quads)
        # what the document says: provenance, and the name it writes the person by
        assert not any(q.subject == visit and q.predicate == RDF.type for q in quads)
    assert {q.object.value for q in graphs["b"] if q.predicate == SKOS.altLabel} == \
        {"Kenji Sato"}
    assert not any(q.predicate == SKOS.altLabel for q in graphs["a"])
    # the fact's description, once, in its own graph, with the country it names
    described = graphs[key]
    assert all(q.graph_name == graph_iri(key) for q in described)
    assert ox.Quad(visit, RDF.type, JM.Visit, graph_iri(key)) in described
    assert ox.Quad(visit, JM.visitor, person, graph_iri(key)) in described
    assert ox.Quad(resource("country", "mongolia"), RDF.type, JM.Country,
                   graph_iri(key)) in described
    assert not any(q.predicate in (PROV.wasDerivedFrom, JM.evidence) for q in described)


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


def test_rdf_an_undated_visit_and_meeting_have_no_date_and_all_else() -> None:
    """A visit and a meeting no text dates: no jm:startDate, a label with no date; visitor,
    destination, status, office, participants and provenance as a dated one has them."""
    a = Doc("a")
    cap = Capacity("Prime Minister", "japan")
    p = a.person("Sato Kenji", capacity=cap)
    q = a.person("Bat Erdene")
    a.visit([p], "mongolia", None, status="planned", capacities={p: cap})
    a.meeting([p, q], None)
    store = _store(to_quads(resolve([a.x])))
    visit = resource("visit", "undated-sato-kenji-mongolia")
    meeting = resource("meeting", "undated-bat-erdene-sato-kenji")
    assert not list(store.quads_for_pattern(None, JM.startDate, None))
    for node in (visit, meeting):
        assert list(store.quads_for_pattern(node, PROV.wasDerivedFrom, document_iri("a")))
        assert list(store.quads_for_pattern(node, JM.evidence, None))
    props = {(q.predicate, q.object) for q in store.quads_for_pattern(visit, None, None)}
    assert {(RDF.type, JM.Visit), (JM.visitor, resource("person", "sato-kenji")),
            (JM.destination, resource("country", "mongolia")), (JM.status, JM.Planned),
            (JM.inCapacityOf, resource("office", "japan", "prime-minister")),
            (RDFS.label, ox.Literal("Visit of Sato Kenji to Mongolia"))} <= props
    props = {(q.predicate, q.object) for q in store.quads_for_pattern(meeting, None, None)}
    assert {(RDF.type, JM.Meeting), (JM.participant, resource("person", "sato-kenji")),
            (JM.participant, resource("person", "bat-erdene")),
            (RDFS.label, ox.Literal("Meeting of Bat Erdene and Sato Kenji"))} <= props


def test_the_golden_corpus_renders_as_recorded_under_this_rendering_version() -> None:
    """The graphs of the golden corpus are those recorded for ``RENDERING_VERSION``: a
    change of how graphs are made cannot ship under the version of the graphs it makes
    differently (stores would keep stale graphs after ``add``)."""
    got = rendering_golden.render()
    known = rendering_golden.recorded()
    assert RENDERING_VERSION in known, (
        f"no golden graphs recorded under rendering version {RENDERING_VERSION}: "
        "record them with `.venv/bin/python -m tests.rendering_golden`")
    assert rendering_golden.digest(got) == known[RENDERING_VERSION], (
        f"the graphs of the golden corpus changed under rendering version "
        f"{RENDERING_VERSION}: bump RENDERING_VERSION in src/jmgraph/rdf/render.py and record them "
        "with `.venv/bin/python -m tests.rendering_golden`")
    assert got == rendering_golden.NQUADS.read_bytes()
