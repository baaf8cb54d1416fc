"""Stage 5, to RDF: a Resolution -> quads, one named graph per document.

The only module that builds triples.  Each document's graph holds the statements that
document supports: its own node and sentences, and every fact it states, with
``prov:wasDerivedFrom`` the document and ``jm:evidence`` the sentences.  A fact stated by
two documents is one node described in both graphs; the union is the knowledge graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from . import reference
from .dates import DateValue
from .extract.model import DocumentInfo, Evidence
from .resolved import Resolution, Sources
from .vocab import (
    DCAT,
    DCTERMS,
    ID_NS,
    JM,
    ONTOLOGY_IRI,
    PROV,
    RDF,
    RDFS,
    SKOS,
    VOID,
    XSD,
    resource,
)

STATUS = {"occurred": JM.Occurred, "planned": JM.Planned, "postponed": JM.Postponed,
          "cancelled": JM.Cancelled}
OFFICE_KIND = {"head of state": JM.HeadOfState, "head of government": JM.HeadOfGovernment,
               "foreign minister": JM.ForeignMinister, "other": JM.OtherOffice}
STAGE = {"negotiation launched": JM.NegotiationLaunched, "negotiating": JM.Negotiating,
         "agreed in principle": JM.AgreedInPrinciple, "signed": JM.Signed,
         "in force": JM.InForce, "mentioned": JM.Mentioned}


def graph_iri(doc_id: str) -> ox.NamedNode:
    return resource("graph", doc_id)


def document_iri(doc_id: str) -> ox.NamedNode:
    return resource("doc", doc_id)


def sentence_iri(evidence: Evidence) -> ox.NamedNode:
    """RFC 5147-style: the document's IRI with a #char=begin,end fragment."""
    return ox.NamedNode(f"{ID_NS}doc/{evidence.doc_id}#char={evidence.start},{evidence.end}")



def date_literal(date: DateValue) -> ox.Literal:
    return ox.Literal(date.iso, datatype=getattr(XSD, date.xsd_type))


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


class _Writer:
    """Collects triples per document graph."""

    def __init__(self) -> None:
        self.graphs: dict[str, list[tuple[ox.NamedNode, ox.NamedNode, ox.Term]]] = \
            defaultdict(list)
        self.sentences: dict[str, dict[tuple[int, int], Evidence]] = defaultdict(dict)

    def add(self, doc: str, s: ox.NamedNode, p: ox.NamedNode, o: ox.Term) -> None:
        self.graphs[doc].append((s, p, o))

    def fact(self, node: ox.NamedNode, sources: Sources,
             triples: list[tuple[ox.NamedNode, ox.Term]]) -> None:
        """Write a fact's triples and provenance into each supporting document's graph."""
        for doc, evidence in sorted(sources.items()):
            for p, o in triples:
                self.add(doc, node, p, o)
            self.add(doc, node, PROV.wasDerivedFrom, document_iri(doc))
            for e in evidence:
                self.add(doc, node, JM.evidence, sentence_iri(e))
                self.sentences[doc][(e.start, e.end)] = e


def _country_triples(key: str) -> list[tuple[ox.NamedNode, ox.Term]]:
    return [(RDF.type, JM.Country), (RDFS.label, text(reference.country_by_key(key).label))]


def to_quads(r: Resolution) -> dict[str, list[ox.Quad]]:
    """Every document's quads, keyed by document id (a document with no fact still has its
    own description)."""
    w = _Writer()
    countries_used: dict[str, set[str]] = defaultdict(set)   # doc -> country keys
    offices_used: dict[str, set[str]] = defaultdict(set)

    for slug, p in r.persons.items():
        node = resource("person", slug)
        base = [(RDF.type, JM.Person), (RDFS.label, text(p.label)),
                (SKOS.prefLabel, text(p.label))]
        for doc, evidence in sorted(p.sources.items()):
            triples = list(base)
            for name in sorted(p.names.get(doc, set())):
                if name != p.label:
                    triples.append((SKOS.altLabel, text(name)))
            w.fact(node, {doc: evidence}, triples)

    for h in r.holdings.values():
        office = r.offices[h.office]
        triples = [(RDF.type, JM.OfficeHolding), (JM.holder, resource("person", h.person)),
                   (JM.office, resource("office", office.slug)),
                   (RDFS.label, text(f"{r.persons[h.person].label}, {office.label}"))]
        if h.former:
            triples.append((JM.former, ox.Literal("true", datatype=XSD.boolean)))
        for doc, evidence in sorted(h.sources.items()):
            dated = triples + [(JM.attestedOn, date_literal(d))
                               for d in sorted(h.dates.get(doc, set()), key=lambda d: d.iso)]
            w.fact(resource("holding", h.slug), {doc: evidence}, dated)
            offices_used[doc].add(h.office)
            w.fact(resource("person", h.person), {doc: evidence},
                   [(RDF.type, JM.Person), (RDFS.label, text(r.persons[h.person].label))])

    for v in r.visits.values():
        names = " and ".join(r.persons[p].label for p in v.visitors)
        country = reference.country_by_key(v.destination).label
        label = f"Visit of {names} to {country}, {v.start.iso}"
        triples = [(RDF.type, JM.Visit), (RDFS.label, text(label)),
                   (JM.destination, resource("country", v.destination)),
                   (JM.startDate, date_literal(v.start)), (JM.status, STATUS[v.status])]
        triples += [(JM.visitor, resource("person", p)) for p in v.visitors]
        triples += [(JM.inCapacityOf, resource("office", o)) for o in v.offices]
        if v.end:
            triples.append((JM.endDate, date_literal(v.end)))
        if v.place:
            triples.append((JM.place, text(v.place)))
        w.fact(resource("visit", v.slug), v.sources, triples)
        for doc in v.sources:
            countries_used[doc].add(v.destination)
            offices_used[doc].update(v.offices)

    for m in r.meetings.values():
        names = " and ".join(r.persons[p].label for p in m.participants)
        triples = [(RDF.type, JM.Meeting), (RDFS.label, text(f"Meeting of {names}, {m.date.iso}")),
                   (JM.startDate, date_literal(m.date)), (JM.meetingType, text(m.kind)),
                   (JM.status, STATUS[m.status])]
        triples += [(JM.participant, resource("person", p)) for p in m.participants]
        if m.place:
            triples.append((JM.place, text(m.place)))
        if m.visit:
            triples.append((JM.duringVisit, resource("visit", m.visit)))
        w.fact(resource("meeting", m.slug), m.sources, triples)

    for p in r.partnerships.values():
        triples = [(RDF.type, JM.Partnership), (RDFS.label, text(p.label))]
        triples += [(SKOS.altLabel, text(a)) for a in sorted(p.alt_labels)]
        triples += [(JM.party, resource("country", c)) for c in p.parties]
        if p.start:
            triples.append((JM.startDate, date_literal(p.start)))
        w.fact(resource("partnership", p.slug), p.sources, triples)
        for doc in p.sources:
            countries_used[doc].update(p.parties)

    for a in r.agreements.values():
        node = resource("agreement", a.slug)
        triples = [(RDF.type, JM.Agreement), (RDFS.label, text(a.label)),
                   (JM.agreementType, text(a.kind))]
        triples += [(SKOS.altLabel, text(x)) for x in sorted(a.alt_labels)]
        triples += [(JM.signatory, resource("person", s)) for s in a.signatories]
        triples += [(JM.party, resource("country", c)) for c in a.parties]
        if a.amount:
            triples.append((JM.amount, ox.Literal(a.amount, datatype=XSD.decimal)))
        if a.currency:
            triples.append((JM.currency, text(a.currency)))
        for m in a.milestones:
            mnode = resource("agreement", m.slug)
            mtriples = [(RDF.type, JM.Milestone), (JM.stage, STAGE[m.stage]),
                        (JM.status, STATUS[m.status]),
                        (RDFS.label, text(f"{a.label}: {m.stage}"
                                          + (f", {m.date.iso}" if m.date else "")))]
            if m.date:
                mtriples.append((JM.date, date_literal(m.date)))
            w.fact(mnode, m.sources, mtriples)
            for doc in m.sources:
                w.add(doc, node, JM.milestone, mnode)
        w.fact(node, a.sources, triples)
        for doc in a.sources:
            countries_used[doc].update(a.parties)

    # offices and countries each document refers to, described in its graph
    for doc, slugs in offices_used.items():
        for slug in sorted(slugs):
            office = r.offices[slug]
            node = resource("office", slug)
            w.add(doc, node, RDF.type, JM.Office)
            w.add(doc, node, RDFS.label, text(office.label))
            w.add(doc, node, JM.role, text(office.role))
            w.add(doc, node, JM.officeKind, OFFICE_KIND[reference.office_kind(office.role)])
            if office.country:
                w.add(doc, node, JM.country, resource("country", office.country))
                countries_used[doc].add(office.country)
    for doc, keys in countries_used.items():
        for key in sorted(keys):
            for p, o in _country_triples(key):
                w.add(doc, resource("country", key), p, o)

    for info in r.documents.values():
        _document(w, info)
    return {doc: _quads(doc, triples) for doc, triples in w.graphs.items()}


def _document(w: _Writer, info: DocumentInfo) -> None:
    doc = info.doc_id
    node = document_iri(doc)
    w.add(doc, node, RDF.type, JM.Document)
    w.add(doc, node, DCTERMS.title, text(info.title))
    w.add(doc, node, JM.fileName, text(info.file_name))
    w.add(doc, node, JM.sha256, text(info.sha256))
    w.add(doc, node, JM.dateSource, text(info.date_source))
    if info.date:
        w.add(doc, node, JM.publicationDate, date_literal(info.date))
    facts = {s for s, p, _ in w.graphs[doc] if p == PROV.wasDerivedFrom}
    w.add(doc, node, JM.factCount, ox.Literal(str(len(facts)), datatype=XSD.integer))
    for (start, end), e in sorted(w.sentences.get(doc, {}).items()):
        s = sentence_iri(e)
        w.add(doc, s, RDF.type, JM.Sentence)
        w.add(doc, s, JM.inDocument, node)
        w.add(doc, s, JM.beginIndex, ox.Literal(str(start), datatype=XSD.integer))
        w.add(doc, s, JM.endIndex, ox.Literal(str(end), datatype=XSD.integer))
        w.add(doc, s, JM.text, text(e.text))


def _quads(doc: str, triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.Term]]
           ) -> list[ox.Quad]:
    graph = graph_iri(doc)
    return list(dict.fromkeys(ox.Quad(s, p, o, graph) for s, p, o in triples))


DATASET_IRI = "dataset"
DEFAULT_ENDPOINT = "http://127.0.0.1:7878/query"


def dataset_description(triples: int, classes: dict[str, int], files: dict[str, str],
                        endpoint: str = DEFAULT_ENDPOINT) -> list[ox.Triple]:
    """VoID and DCAT: what the dataset holds (triples, entities per class), where to query
    it and the files it is distributed as (file name -> media type)."""
    node = resource(DATASET_IRI)
    out = [ox.Triple(node, RDF.type, VOID.Dataset), ox.Triple(node, RDF.type, DCAT.Dataset),
           ox.Triple(node, DCTERMS.title, text("jmgraph: Japan-Mongolia relations")),
           ox.Triple(node, DCTERMS.description, text(
               "Visits, meetings, offices, partnerships and agreements read from texts about "
               "Japan-Mongolia relations, each fact linked to its source sentence.")),
           ox.Triple(node, VOID.triples, ox.Literal(str(triples), datatype=XSD.integer)),
           ox.Triple(node, VOID.vocabulary, ox.NamedNode(ONTOLOGY_IRI)),
           ox.Triple(node, VOID.sparqlEndpoint, ox.NamedNode(endpoint))]
    for name, count in sorted(classes.items()):
        part = resource(DATASET_IRI, "class", name)
        out += [ox.Triple(node, VOID.classPartition, part),
                ox.Triple(part, getattr(VOID, "class"), getattr(JM, name)),  # a keyword
                ox.Triple(part, VOID.entities, ox.Literal(str(count), datatype=XSD.integer))]
    for file_name, media_type in sorted(files.items()):
        dist = resource(DATASET_IRI, "distribution", file_name)
        out += [ox.Triple(node, DCAT.distribution, dist),
                ox.Triple(dist, RDF.type, DCAT.Distribution),
                ox.Triple(dist, DCTERMS.title, text(file_name)),
                ox.Triple(dist, DCAT.mediaType, text(media_type))]
    return out


def sorted_lines(data: bytes) -> bytes:
    """N-Triples or N-Quads with their lines sorted: the canonical form of an export (each
    statement is one line; newlines inside literals are escaped)."""
    lines = [line for line in data.split(b"\n") if line]
    lines.sort()
    return b"".join(line + b"\n" for line in lines)


def canonical_nquads(quads: Iterable[ox.Quad]) -> bytes:
    return sorted_lines(ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS) or b"")


def canonical_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return sorted_lines(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"")
