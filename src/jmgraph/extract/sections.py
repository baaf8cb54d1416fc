"""A long document read section by section: annotated and extracted in pieces, their
extractions joined into the document's.

A document longer than ``annotate.CHUNK_CHARS`` is cut where ``annotate.chunks`` cuts it
(at a paragraph, else a line, a sentence, a word) and each section is annotated and
extracted as a text of its own, with the document's date, title and place: memory holds
one section's annotations, not the document's, and the extraction's time grows with the
sections' length, not with the document's (resolving a pronoun or a title weighs the
persons named before it).  A person named in one section and referred to in another
("the President") is resolved within its section; documents this long are books and
reports, not press releases, which are read whole as before.

Each section's extraction is moved to the document's offsets and joined: its persons'
ids (``PersonMention.mid``) are made unique ("s2p3": person p3 of the section 2), and
every reference to them, to a sentence (by index) or to a visit (by index) follows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from ..ingest.annotate import CHUNK_CHARS, chunks
from ..ingest.read import Document
from .model import Evidence, Extraction

Section = tuple[Document, int, int]        # the section as a document, its offset, index


def sections(document: Document) -> list[Section]:
    """DOCUMENT's sections: itself when it is short, else its pieces (``chunks``), each a
    Document holding its text (offsets in it), with where it starts in the document."""
    if len(document.text) <= CHUNK_CHARS:
        return [(document, 0, 0)]
    out: list[Section] = []
    offset = 0
    for k, piece in enumerate(chunks(document.text)):
        out.append((replace(document, text=piece), offset, k))
        offset += len(piece)
    return out


def extract_by_sections(documents: Iterable[Document],
                        annotate_many: Callable[[Iterable[str]], Iterator[object]],
                        extract: Callable[[Document, object], Extraction],
                        count_sentences: Callable[[object], int]) -> Iterator[Extraction]:
    """The extraction of each of DOCUMENTS, in order, a long one read section by section
    (ANNOTATE_MANY annotates texts, EXTRACT extracts a document from its annotations,
    COUNT_SENTENCES tells how many sentences an annotated text has)."""
    pending: deque[list[Section]] = deque()

    def texts() -> Iterator[str]:
        for document in documents:
            parts = sections(document)
            pending.append(parts)
            for section, _, _ in parts:
                yield section.text

    done: list[tuple[Extraction, int, int]] = []
    for doc in annotate_many(texts()):
        parts = pending[0]
        section, offset, _ = parts[len(done)]
        if len(parts) == 1:
            pending.popleft()
            yield extract(section, doc)
            continue
        done.append((extract(section, doc), offset, count_sentences(doc)))
        if len(done) == len(parts):
            pending.popleft()
            yield joined(done)
            done = []


def joined(parts: list[tuple[Extraction, int, int]]) -> Extraction:
    """The extraction of a document from those of its sections (each with its offset in
    the document and its number of sentences), moved to the document's offsets."""
    whole = Extraction(parts[0][0].document)
    sentences = 0
    for k, (x, offset, count) in enumerate(parts):
        _move(x, k, offset, sentences, len(whole.visits))
        whole.persons += x.persons
        whole.offices += x.offices
        whole.visits += x.visits
        whole.meetings += x.meetings
        whole.partnerships += x.partnerships
        whole.agreements += x.agreements
        sentences += count
    return whole


def _move(x: Extraction, k: int, offset: int, sentences: int, visits: int) -> None:
    """Section K's extraction X at the document's offsets (its text starts at OFFSET, after
    SENTENCES sentences and VISITS visits), its persons' ids made unique (in place)."""
    if k == 0:
        return
    moved: dict[tuple[int, int], Evidence] = {}

    def at(e: Evidence) -> Evidence:
        key = (e.start, e.end)
        if key not in moved:
            moved[key] = replace(e, start=e.start + offset, end=e.end + offset)
        return moved[key]

    def mid(m: str) -> str:
        return f"s{k}{m}"

    for p in x.persons:
        p.mid = mid(p.mid)
        p.same_as = mid(p.same_as) if p.same_as is not None else None
        p.start += offset
        p.end += offset
        p.sentence += sentences
        p.evidence = at(p.evidence) if p.evidence is not None else None
    for o in x.offices:
        o.person = mid(o.person)
        o.evidence = at(o.evidence)
    for v in x.visits:
        v.visitors = [mid(m) for m in v.visitors]
        v.capacities = {mid(m): c for m, c in v.capacities.items()}
        v.evidence = at(v.evidence)
    for m in x.meetings:
        m.participants = [mid(p) for p in m.participants]
        m.visit = m.visit + visits if m.visit is not None else None
        m.evidence = at(m.evidence)
    for p in x.partnerships:
        p.evidence = at(p.evidence)
    for a in x.agreements:
        a.signatories = [mid(s) for s in a.signatories]
        a.evidence = at(a.evidence)
