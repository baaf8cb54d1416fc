"""Helpers: run the real pipeline (spaCy model and rules) over a text written for a test."""

from __future__ import annotations

from jmgraph.extract import extract
from jmgraph.extract.model import Extraction
from jmgraph.ingest.annotate import annotate
from jmgraph.ingest.read import make_document


def read_text(text: str, name: str = "t.txt") -> Extraction:
    document = make_document(name, text.encode())
    return extract(document, annotate(document.text))


def person_names(x: Extraction, mids: list[str]) -> set[str]:
    """The referring names of persons (their key, else their words)."""
    by_mid = {p.mid: p for p in x.persons}
    return {(by_mid[m].key or " ".join(by_mid[m].words)) for m in mids}


def last_names(x: Extraction, mids: list[str]) -> frozenset[str]:
    """The last word of each person's referring name ("Kato" of "Ren Kato"): what tests
    compare when the model may name a person with or without the given name."""
    return frozenset(name.split()[-1] for name in person_names(x, mids))
