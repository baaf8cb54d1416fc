"""The kinds of facts, declared once: what each is called at each stage, the persons it
credits, what it refers to.  Each stage has one place per kind beside it (``fact_rows``
makes its rows, ``fact_merge`` merges them, ``incremental.fact_groups.SPECS`` keeps them,
``rdf`` renders them); the lists of kinds every stage walks are read from here.

Adding a kind: declare it here (and its node in ``resolved``), then its rows, its merge, its
keeping and its rendering, one place each; the saved queries that read it are listed here
(a test checks they name its class).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactKind:
    name: str           # its field of a Resolution and of a document's rows ("visits")
    node: str           # its resolved dataclass (``resolved``)
    resource: str       # its IRIs' and description graphs' path (id/visit/..., ``vocab``)
    rdf_class: str      # its class in the ontology (jm:Visit)
    counted: str        # how the summaries of build and add name it
    credits: str        # the field of its node naming the persons it credits (its
    #                     sentences state them): one slug, or a list of them
    labelled_by_persons: bool   # its label names those persons (a document's graph
    #                             stating it names them too)
    refers_to: str | None = None    # a kind whose slugs its nodes name (merged after it)
    queries: tuple[str, ...] = ()   # the saved queries (queries/*.rq) that read it
    # the field of its node naming, per document, the persons that document credits, when
    # the documents stating one node can credit different persons (an agreement's
    # signatories: each document names its own); otherwise each credits them all
    credited_by_document: str = ""


FACT_KINDS: tuple[FactKind, ...] = (
    FactKind("holdings", "Holding", "holding", "OfficeHolding", "offices held", "person",
             True, queries=("office-holders", "person-timeline")),
    FactKind("visits", "Visit", "visit", "Visit", "visits", "visitors", True,
             queries=("visits", "visits-by-office", "person-timeline", "timeline")),
    FactKind("meetings", "Meeting", "meeting", "Meeting", "meetings", "participants", True,
             refers_to="visits", queries=("meetings", "person-timeline")),
    FactKind("partnerships", "Partnership", "partnership", "Partnership", "partnerships",
             "", False, queries=("partnerships",)),
    FactKind("agreements", "Agreement", "agreement", "Agreement", "agreements",
             "signatories", False, queries=("agreements", "person-timeline"),
             credited_by_document="signed"),
)
BY_NAME = {k.name: k for k in FACT_KINDS}
BY_NODE = {k.node: k for k in FACT_KINDS}
# The kinds of entities a document's part holds: its persons, and its facts.
ENTITY_KINDS = ("persons", *(k.name for k in FACT_KINDS))


def credited(node: object) -> list[str]:
    """The persons NODE (a resolved fact) credits with its sentences: a holding's holder, a
    visit's visitors, a meeting's participants, an agreement's signatories (stated where
    the signing is); none for other nodes."""
    kind = BY_NODE.get(type(node).__name__)
    if kind is None or not kind.credits:
        return []
    found = getattr(node, kind.credits)
    return [found] if isinstance(found, str) else list(found)


def credited_in(node: object, doc_id: str) -> list[str]:
    """The persons NODE (a resolved fact) credits with the sentences of document DOC_ID:
    those that document names for it (an agreement's signatories it names), else all it
    credits (``credited``).  A person is stated in a document's graph only by a fact the
    document itself credits them with: a signatory another text names leaves this
    document's graph as it is."""
    kind = BY_NODE.get(type(node).__name__)
    if kind is None or not kind.credited_by_document:
        return credited(node)
    return sorted(getattr(node, kind.credited_by_document).get(doc_id, ()))


def merge_order() -> tuple[FactKind, ...]:
    """The kinds in an order where each comes after the kind it refers to."""
    return tuple(sorted(FACT_KINDS, key=lambda k: k.refers_to is not None))
