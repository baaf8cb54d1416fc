"""Stage 5, to RDF: a Resolution -> quads, in named graphs of two kinds.

The only module that builds triples.  A **document's graph** (``id/graph/<document>``)
holds what that document says: its own node and sentences, and for every fact it states,
``prov:wasDerivedFrom`` the document and ``jm:evidence`` the sentences (with what it alone
gives of a fact: the names it writes a person by, the dates it attests a holding on).  A
**description graph** (``id/graph/<kind>/<slug>``, one per fact stated anywhere) holds the
fact's corpus-wide description: its type, label, dates, parties, persons... and the offices
and countries it refers to.  A fact stated by two documents is one node, described once and
derived from both; the union of the graphs is the knowledge graph.  A new wording of a fact
many documents state changes its description graph, not theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

import pyoxigraph as ox

from .. import reference
from ..dates import DateValue
from ..extract.model import DocumentInfo, Evidence
from ..resolve.resolved import Agreement, Person, Resolution, Sources, stating_documents
from .graphs import description_key, graph_iri
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

# The version of how a corpus's parts are rendered as graphs (this module, ``partition``,
# ``vocab``, the dates' literals, ...): bumped whenever the graphs of the golden corpus
# change (tests/rendering_golden.py, which records them under each version), so that a
# store's graphs made by another version are made again by its next ``add``.
RENDERING_VERSION = 2

STATUS = {"occurred": JM.Occurred, "planned": JM.Planned, "postponed": JM.Postponed,
          "cancelled": JM.Cancelled}
OFFICE_KIND = {"head of state": JM.HeadOfState, "head of government": JM.HeadOfGovernment,
               "foreign minister": JM.ForeignMinister, "other": JM.OtherOffice}
STAGE = {"negotiation launched": JM.NegotiationLaunched, "negotiating": JM.Negotiating,
         "agreed in principle": JM.AgreedInPrinciple, "signed": JM.Signed,
         "in force": JM.InForce, "mentioned": JM.Mentioned}

Triple: TypeAlias = "tuple[ox.NamedNode, ox.NamedNode, ox.Term]"
Pairs: TypeAlias = "list[tuple[ox.NamedNode, ox.Term]]"


def document_iri(doc_id: str) -> ox.NamedNode:
    return resource("doc", doc_id)


def sentence_iri(evidence: Evidence) -> ox.NamedNode:
    """RFC 5147-style: the document's IRI with a #char=begin,end fragment."""
    return ox.NamedNode(f"{ID_NS}doc/{evidence.doc_id}#char={evidence.start},{evidence.end}")


def date_literal(date: DateValue) -> ox.Literal:
    return ox.Literal(date.iso, datatype=getattr(XSD, date.xsd_type))


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _dated(date: DateValue | None) -> str:
    """What an event's label ends with: its date, nothing when no text dates it."""
    return f", {date.iso}" if date else ""


@dataclass
class _Fact:
    """A fact node as rendered: its description (DESCRIBED, when stated anywhere), and
    what each stating document says of it (SOURCES, and OWN: further triples by document)."""

    node: ox.NamedNode
    described: list[Triple]
    sources: Sources
    own: dict[str, list[Triple]] = field(default_factory=dict)
    stated: bool | None = None          # by default, when it has sources

    def __post_init__(self) -> None:
        if self.stated is None:
            self.stated = bool(self.sources)


def _about(node: ox.NamedNode, pairs: Pairs) -> list[Triple]:
    return [(node, p, o) for p, o in pairs]


def _country(key: str) -> list[Triple]:
    node = resource("country", key)
    return _about(node, [(RDF.type, JM.Country),
                         (RDFS.label, text(reference.country_by_key(key).label))])


def _office(r: Resolution, slug: str) -> list[Triple]:
    office = r.offices[slug]
    node = resource("office", slug)
    out = _about(node, [(RDF.type, JM.Office), (RDFS.label, text(office.label)),
                        (JM.role, text(office.role)),
                        (JM.officeKind, OFFICE_KIND[reference.office_kind(office.role)])])
    if office.country:
        out.append((node, JM.country, resource("country", office.country)))
        out += _country(office.country)
    return out


def _person(p: Person) -> list[Triple]:
    node = resource("person", p.slug)
    return _about(node, [(RDF.type, JM.Person), (RDFS.label, text(p.label)),
                         (SKOS.prefLabel, text(p.label))])


def _facts(r: Resolution) -> Iterator[_Fact]:
    """Every fact node of R, as rendered."""
    for slug, p in r.persons.items():
        node = resource("person", slug)
        own = {doc: [(node, SKOS.altLabel, text(name))
                     for name in sorted(p.names.get(doc, set()) - {p.label})]
               for doc in p.sources}
        yield _Fact(node, _person(p), p.sources, own)

    for h in r.holdings.values():
        office = r.offices[h.office]
        node, person = resource("holding", h.slug), resource("person", h.person)
        pairs: Pairs = [(RDF.type, JM.OfficeHolding), (JM.holder, person),
                        (JM.office, resource("office", office.slug)),
                        (RDFS.label, text(f"{r.persons[h.person].label}, {office.label}"))]
        if h.former:
            pairs.append((JM.former, ox.Literal("true", datatype=XSD.boolean)))
        own = {doc: [(node, JM.attestedOn, date_literal(d))
                     for d in sorted(h.dates.get(doc, set()), key=lambda d: d.iso)]
               for doc in h.sources}
        yield _Fact(node, _about(node, pairs) + _office(r, h.office), h.sources, own)
        yield _Fact(person, _person(r.persons[h.person]), h.sources)  # stated with it

    for v in r.visits.values():
        names = " and ".join(r.persons[p].label for p in v.visitors)
        country = reference.country_by_key(v.destination).label
        node = resource("visit", v.slug)
        pairs = [(RDF.type, JM.Visit),
                 (RDFS.label, text(f"Visit of {names} to {country}{_dated(v.start)}")),
                 (JM.destination, resource("country", v.destination))]
        if v.start:                              # an undated visit has no start date
            pairs.append((JM.startDate, date_literal(v.start)))
        pairs.append((JM.status, STATUS[v.status]))
        pairs += [(JM.visitor, resource("person", p)) for p in v.visitors]
        pairs += [(JM.inCapacityOf, resource("office", o)) for o in v.offices]
        if v.end:
            pairs.append((JM.endDate, date_literal(v.end)))
        if v.place:
            pairs.append((JM.place, text(v.place)))
        described = _about(node, pairs) + _country(v.destination)
        for o in v.offices:
            described += _office(r, o)
        yield _Fact(node, described, v.sources)

    for m in r.meetings.values():
        names = " and ".join(r.persons[p].label for p in m.participants)
        node = resource("meeting", m.slug)
        pairs = [(RDF.type, JM.Meeting), (RDFS.label, text(f"Meeting of {names}{_dated(m.date)}"))]
        if m.date:                               # an undated meeting has no date
            pairs.append((JM.startDate, date_literal(m.date)))
        pairs += [(JM.meetingType, text(m.kind)), (JM.status, STATUS[m.status])]
        pairs += [(JM.participant, resource("person", p)) for p in m.participants]
        if m.place:
            pairs.append((JM.place, text(m.place)))
        if m.visit:
            pairs.append((JM.duringVisit, resource("visit", m.visit)))
        yield _Fact(node, _about(node, pairs), m.sources)

    for p in r.partnerships.values():
        node = resource("partnership", p.slug)
        pairs = [(RDF.type, JM.Partnership), (RDFS.label, text(p.label))]
        pairs += [(SKOS.altLabel, text(a)) for a in sorted(p.alt_labels)]
        pairs += [(JM.party, resource("country", c)) for c in p.parties]
        if p.start:
            pairs.append((JM.startDate, date_literal(p.start)))
        described = _about(node, pairs)
        for c in p.parties:
            described += _country(c)
        yield _Fact(node, described, p.sources)

    for a in r.agreements.values():
        yield from _agreement(a)


def _agreement(a: Agreement) -> Iterator[_Fact]:
    node = resource("agreement", a.slug)
    pairs: Pairs = [(RDF.type, JM.Agreement), (RDFS.label, text(a.label)),
                    (JM.agreementType, text(a.kind))]
    pairs += [(SKOS.altLabel, text(x)) for x in sorted(a.alt_labels)]
    pairs += [(JM.signatory, resource("person", s)) for s in a.signatories]
    pairs += [(JM.party, resource("country", c)) for c in a.parties]
    if a.amount:
        pairs.append((JM.amount, ox.Literal(a.amount, datatype=XSD.decimal)))
    if a.currency:
        pairs.append((JM.currency, text(a.currency)))
    described = _about(node, pairs)
    for c in a.parties:
        described += _country(c)
    # stated by its milestones' documents too
    yield _Fact(node, described, a.sources, stated=bool(stating_documents(a)))
    for m in a.milestones:
        mnode = resource("agreement", m.slug)
        mpairs: Pairs = [(RDF.type, JM.Milestone), (JM.stage, STAGE[m.stage]),
                         (JM.status, STATUS[m.status]),
                         (RDFS.label, text(f"{a.label}: {m.stage}"
                                           + (f", {m.date.iso}" if m.date else "")))]
        if m.date:
            mpairs.append((JM.date, date_literal(m.date)))
        yield _Fact(mnode, [(node, JM.milestone, mnode), *_about(mnode, mpairs)], m.sources)


def descriptions(*resolutions: Resolution) -> Iterator[tuple[str, list[ox.Quad]]]:
    """(key, quads) of the description graph of every fact RESOLUTIONS state, one at a
    time, each once (a fact is described alike in every part stating it, and a holder
    rendered twice)."""
    seen: set[str] = set()
    for r in resolutions:
        for fact in _facts(r):
            key = description_key(fact.node)
            if fact.stated and key not in seen:
                seen.add(key)
                yield key, _quads(key, fact.described)


def document_graphs(r: Resolution) -> dict[str, list[ox.Quad]]:
    """Every document's graph of R, by document id (a document with no fact still has its
    own description)."""
    graphs: dict[str, list[Triple]] = defaultdict(list)
    sentences: dict[str, dict[tuple[int, int], Evidence]] = defaultdict(dict)
    for fact in _facts(r):
        for doc, evidence in sorted(fact.sources.items()):
            graphs[doc].append((fact.node, PROV.wasDerivedFrom, document_iri(doc)))
            for e in evidence:
                graphs[doc].append((fact.node, JM.evidence, sentence_iri(e)))
                sentences[doc][(e.start, e.end)] = e
            graphs[doc] += fact.own.get(doc, [])
    for info in r.documents.values():
        graphs[info.doc_id] += _document(info, graphs[info.doc_id],
                                         sentences.get(info.doc_id, {}))
    return {doc: _quads(doc, triples) for doc, triples in graphs.items()}


def to_quads(r: Resolution) -> dict[str, list[ox.Quad]]:
    """Every graph of R by key: the documents' and the descriptions of the facts they
    state."""
    return {**document_graphs(r), **dict(descriptions(r))}


def _document(info: DocumentInfo, stated: list[Triple],
              sentences: dict[tuple[int, int], Evidence]) -> list[Triple]:
    node = document_iri(info.doc_id)
    out: list[Triple] = _about(node, [
        (RDF.type, JM.Document), (DCTERMS.title, text(info.title)),
        (JM.fileName, text(info.file_name)), (JM.sha256, text(info.sha256)),
        (JM.dateSource, text(info.date_source))])
    if info.date:
        out.append((node, JM.publicationDate, date_literal(info.date)))
    if info.url:
        out.append((node, DCTERMS.source, ox.NamedNode(info.url)))
    facts = {s for s, p, _ in stated if p == PROV.wasDerivedFrom}
    out.append((node, JM.factCount, ox.Literal(str(len(facts)), datatype=XSD.integer)))
    for (start, end), e in sorted(sentences.items()):
        s = sentence_iri(e)
        out += _about(s, [(RDF.type, JM.Sentence), (JM.inDocument, node),
                          (JM.beginIndex, ox.Literal(str(start), datatype=XSD.integer)),
                          (JM.endIndex, ox.Literal(str(end), datatype=XSD.integer)),
                          (JM.text, text(e.text))])
    return out


def _quads(key: str, triples: list[Triple]) -> list[ox.Quad]:
    graph = graph_iri(key)
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
