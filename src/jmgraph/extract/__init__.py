"""Stage 3, extract: one annotated document -> the facts it states (plain data).

One module per fact type; each is a plain function over a ``DocContext``.  They need spaCy,
so they are imported when a document is extracted: the model (``extract.model``), which the
store and the queries read, is imported without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import DocumentInfo, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..ingest.read import Document


def extract(document: Document, doc: Doc) -> Extraction:
    """Every fact DOCUMENT states, read from its annotated ``doc``."""
    from .agreements import find_agreements
    from .context import DocContext, sentences
    from .discourse import Discourse
    from .meetings import find_meetings
    from .partnerships import find_partnerships
    from .persons import cluster_persons, find_persons
    from .visits import find_visits, state_of_visitors

    ctx = DocContext(document, doc, sentences(doc))
    ctx.discourse = Discourse(ctx)
    offices = find_persons(ctx)
    cluster_persons(ctx)
    visits = find_visits(ctx)
    state_of_visitors(ctx, visits, offices)
    meetings = find_meetings(ctx, visits)
    info = DocumentInfo(document.doc_id, document.file_name, document.sha256, document.title,
                        document.date, document.date_source, document.url, document.source)
    return Extraction(
        document=info, persons=ctx.persons, offices=offices, visits=visits, meetings=meetings,
        partnerships=find_partnerships(ctx), agreements=find_agreements(ctx))
