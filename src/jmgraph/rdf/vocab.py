"""The ontology's terms, declared once (as rdflib does in ``namespace/_SKOS.py``).

Every IRI the project writes comes from here.  ``JM.Visit`` is a known term; ``JM.Visti``
raises ``AttributeError`` instead of silently minting a new IRI.  A test checks that this
module and ``ontology/jm.ttl`` declare the same terms.
"""

from __future__ import annotations

from typing import Final

import pyoxigraph as ox

from ..kinds import FACT_KINDS

ONTOLOGY_IRI: Final = "https://w3id.org/jmgraph/ontology"
JM_NS: Final = "https://w3id.org/jmgraph/ontology#"
ID_NS: Final = "https://w3id.org/jmgraph/id/"


class _Namespace:
    """A closed namespace: only the declared local names resolve."""

    def __init__(self, base: str, terms: dict[str, str]) -> None:
        self._base = base
        self._terms = terms
        self._nodes = {name: ox.NamedNode(base + name) for name in terms}

    def __getattr__(self, name: str) -> ox.NamedNode:
        try:
            return self.__dict__["_nodes"][name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self._base}") from None

    def __iter__(self):
        return iter(self._terms)

    def __contains__(self, name: object) -> bool:
        return name in self._terms

    @property
    def base(self) -> str:
        return self._base

    def comment(self, name: str) -> str:
        return self._terms[name]


# Each term with the rdfs:comment it has in ontology/jm.ttl (abridged where long).
JM: Final = _Namespace(JM_NS, {
    # classes
    "Person": "A human being named or described in a text.",
    "Country": "A sovereign state, normalised from its names, demonyms and cities.",
    "Organisation": "A body other than a state in which a post is held.",
    "Office": "A post of a state or organisation.",
    "OfficeHolding": "A person holding an office, with the dates the texts attest it.",
    "Event": "Something that happened or is planned between states.",
    "Visit": "A person's travel to a country in an official capacity.",
    "Meeting": "Talks between two or more persons.",
    "Partnership": "A named level of the relationship between two states.",
    "Agreement": "A named instrument between states.",
    "Milestone": "A dated stage in the life of an agreement.",
    "Document": "A source text.",
    "Sentence": "A sentence or table line of a document, located by character offsets.",
    "EventStatus": "Whether an event happened or is planned, postponed or cancelled.",
    "Stage": "A stage an agreement reaches.",
    "OfficeKind": "What kind of post an office is.",
    # individuals
    "Occurred": "The text states that the event took place.",
    "Planned": "The text states that the event is planned, expected or announced.",
    "Postponed": "The text states that the event was postponed.",
    "Cancelled": "The text states that the event was cancelled.",
    "NegotiationLaunched": "The parties agreed to start negotiating.",
    "Negotiating": "The parties are negotiating or coordinating the text.",
    "AgreedInPrinciple": "The parties reached an agreement in principle.",
    "Signed": "The instrument was signed, issued or exchanged.",
    "InForce": "The instrument entered into force.",
    "Mentioned": "The text refers to the instrument without stating a stage.",
    "HeadOfState": "A post whose holder is the state's head.",
    "HeadOfGovernment": "A post whose holder heads the government.",
    "ForeignMinister": "The minister for foreign affairs.",
    "OtherOffice": "Any other post.",
    # properties
    "country": "The state an office belongs to.",
    "organisation": "The organisation an office belongs to.",
    "role": "The office's role without its state.",
    "officeKind": "What kind of post the office is.",
    "holder": "The person holding the office.",
    "office": "The office held.",
    "attestedOn": "A date on which a text shows the person in the office.",
    "former": "True when a text calls the person a former holder of the office.",
    "visitor": "A person who travels on the visit.",
    "destination": "The country visited.",
    "place": "The city or venue named for an event.",
    "inCapacityOf": "The office the visitor held on the visit.",
    "participant": "A person taking part in the meeting.",
    "duringVisit": "The visit on which the meeting took place.",
    "meetingType": "How the text names the meeting.",
    "startDate": "When the event or partnership began.",
    "endDate": "When the event ended.",
    "status": "Whether the event happened or is planned, postponed or cancelled.",
    "party": "A state that is party to a partnership or agreement.",
    "milestone": "A dated stage of the agreement.",
    "stage": "The stage the milestone marks.",
    "date": "When the milestone was reached or is expected.",
    "signatory": "A person who signed the agreement.",
    "agreementType": "The kind of instrument.",
    "amount": "A sum the agreement provides.",
    "currency": "ISO 4217 code of jm:amount.",
    "evidence": "A sentence the fact was read from.",
    "inDocument": "The document a sentence belongs to.",
    "beginIndex": "Offset of the sentence's first character.",
    "endIndex": "Offset just past the sentence's last character.",
    "text": "The sentence's text as it stands in the document.",
    "fileName": "The document's file name.",
    "sha256": "Hex SHA-256 of the document's bytes.",
    "publicationDate": "The document's date as detected.",
    "dateSource": "How the publication date was found: header, dateline, url, inferred, none.",
    "factCount": "How many facts are derived from the document.",
})


def _closed(base: str, *names: str) -> _Namespace:
    return _Namespace(base, dict.fromkeys(names, ""))


VOID: Final = _closed("http://rdfs.org/ns/void#", "Dataset", "triples", "classPartition",
                      "class", "entities", "sparqlEndpoint", "vocabulary", "feature")
DCAT: Final = _closed("http://www.w3.org/ns/dcat#", "Dataset", "Distribution", "distribution",
                      "mediaType")
RDF: Final = _closed("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS: Final = _closed("http://www.w3.org/2000/01/rdf-schema#", "label", "comment", "subClassOf")
SKOS: Final = _closed("http://www.w3.org/2004/02/skos/core#", "prefLabel", "altLabel")
XSD: Final = _closed(
    "http://www.w3.org/2001/XMLSchema#",
    "date", "gYearMonth", "gYear", "string", "boolean", "decimal",
    "dateTime", "integer",
)
PROV: Final = _closed("http://www.w3.org/ns/prov#", "wasDerivedFrom")
DCTERMS: Final = _closed("http://purl.org/dc/terms/", "title", "issued", "description",
                         "license", "format", "source")
SCHEMA: Final = _closed("https://schema.org/", "name", "givenName", "familyName")

# Prefixes used when writing Turtle/TriG and JSON-LD, and prepended to saved queries.
RESOURCE_KINDS: Final = ("person", "country", "office", *(k.resource for k in FACT_KINDS),
                         "doc", "graph")
PREFIXES: Final[dict[str, str]] = {
    "jm": JM_NS,
    **{kind: f"{ID_NS}{kind}/" for kind in RESOURCE_KINDS},
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "skos": SKOS.base,
    "xsd": XSD.base,
    "prov": PROV.base,
    "dcterms": DCTERMS.base,
    "schema": SCHEMA.base,
}


# The properties whose values are resources (owl:ObjectProperty in ontology/jm.ttl).
OBJECT_PROPERTIES: Final = frozenset({
    "country", "organisation", "holder", "office", "visitor", "destination", "inCapacityOf",
    "participant", "duringVisit", "status", "officeKind", "party", "milestone", "stage",
    "signatory", "evidence", "inDocument",
})
# The object properties whose values are the ontology's own individuals (jm:Occurred,
# jm:HeadOfState, jm:Signed): written by their names in JSON-LD ("status": "Occurred").
VOCAB_VALUED: Final = frozenset({"status", "officeKind", "stage"})
# Literal types fixed by the ontology (other literals keep their own datatype).
LITERAL_TYPES: Final = {"beginIndex": "xsd:integer", "endIndex": "xsd:integer",
                        "factCount": "xsd:integer",
                        "amount": "xsd:decimal", "former": "xsd:boolean"}
OTHER_TERMS: Final = {
    "label": ("rdfs", "label", False), "comment": ("rdfs", "comment", False),
    "prefLabel": ("skos", "prefLabel", False), "altLabel": ("skos", "altLabel", False),
    "wasDerivedFrom": ("prov", "wasDerivedFrom", True), "title": ("dcterms", "title", False),
}


# In JSON-LD a prefix named like a term ("country", "office": properties) would be that
# term: those IRI families take another name there ("countries:japan").
JSONLD_PREFIX_NAMES: Final = {"country": "countries", "office": "offices"}


def jsonld_prefixes() -> dict[str, str]:
    """PREFIXES as the JSON-LD context names them: one prefix for each IRI family."""
    terms = set(JM) | set(OTHER_TERMS)
    named = {JSONLD_PREFIX_NAMES.get(p, p): ns for p, ns in PREFIXES.items()}
    if clash := sorted(set(named) & terms):
        raise ValueError(f"JSON-LD prefixes named like terms: {clash}; "
                         "name them in JSONLD_PREFIX_NAMES")
    return dict(sorted(named.items()))


def jsonld_context() -> dict:
    """The JSON-LD context of the graph (ontology/context.jsonld is written from it)."""
    context: dict = jsonld_prefixes()
    for name in JM:
        if name[0].isupper():
            context[name] = f"jm:{name}"                      # classes and individuals
        elif name in OBJECT_PROPERTIES:
            context[name] = {"@id": f"jm:{name}",
                             "@type": "@vocab" if name in VOCAB_VALUED else "@id"}
        elif name in LITERAL_TYPES:
            context[name] = {"@id": f"jm:{name}", "@type": LITERAL_TYPES[name]}
        else:
            context[name] = f"jm:{name}"
    for term, (prefix, local, is_resource) in OTHER_TERMS.items():
        context[term] = {"@id": f"{prefix}:{local}", "@type": "@id"} if is_resource \
            else f"{prefix}:{local}"
    return {"@context": context}


def resource(kind: str, *parts: str) -> ox.NamedNode:
    """The IRI of a resource: ``id/{kind}/{part}/{part}``; parts must already be slugs."""
    return ox.NamedNode(ID_NS + "/".join((kind, *parts)))
