"""Shared per-document context for the extractors: sentences, dates, spans, persons."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from .. import reference
from ..dates import MONTH_RE, DateRange, DateValue, Tense, parse_absolute, parse_expression
from ..ingest.annotate import SPANS_KEY
from ..ingest.read import Document
from .model import Evidence, PersonMention, VisitFact

if TYPE_CHECKING:
    from .discourse import Discourse

# A row of a table of visits starts with its date: "1989.10", "2004/11", "March 2003",
# "Nov. 2005", "2007 February", "2015", then a separator or a space.
# A row of a table or list of visits: "2013.03 Prime Minister S. ABE", "March 2013 | ...",
# "- 2003 (December): Prime Minister X"
TABLE_ROW = re.compile(
    rf"^\s*(?:[-•*–]\s*)?(?P<date>(?:1[89]|20)\d\d[./-]\d{{1,2}}(?:[./-]\d{{1,2}})?"
    rf"|{MONTH_RE}\s+(?:1[89]|20)\d\d|(?:1[89]|20)\d\d\s+{MONTH_RE}(?![a-z])"
    rf"|(?P<year>(?:1[89]|20)\d\d)\s*\((?P<month>{MONTH_RE})\)|(?:1[89]|20)\d\d)"
    rf"(?=[\s|:,\t-])\s*[|:,\t-]?\s*\S", re.I)


def table_row_date(text: str) -> DateValue | None:
    """The date a table row starts with, if the line is a row."""
    m = TABLE_ROW.match(text)
    if m is None:
        return None
    if m.group("month"):
        return parse_absolute(f"{m.group('month')} {m.group('year')}")
    return parse_absolute(m.group("date"))


_HEADING_LEAD = (r"^\s*(?:\(?\d+\)|\d+\.|[ivx]+\)|\([A-Z][a-z]+\))?\s*"
                 r"(?:(?:vip|official|high-level|major)\s+)?")
_PLACE = r"[A-Z][\w']+(?: [A-Z][\w']+)*"
# "... (1990-)", "... by Japanese Prime Ministers:"
_HEADING_TAIL = r"\s*(?:\(.*\))?\s*(?:\bby\s+[\w\s'-]{3,60}?)?\s*:?\s*$"
TABLE_HEADING = re.compile(
    _HEADING_LEAD + rf"(?:(?:visits?|trips?)\s+)?(?P<open>\()?(?:from\s+)?(?P<origin>{_PLACE})"
    rf"\s*(?:\bto\b|→|->|=>|⇒)\s*(?P<dest>{_PLACE})(?(open)\))" + _HEADING_TAIL, re.I)
TABLE_HEADING_TO = re.compile(
    _HEADING_LEAD + rf"(?:visits?|trips?)\s+to\s+(?P<dest>{_PLACE})" + _HEADING_TAIL, re.I)


def _heading_place(words: str) -> reference.Country | None:
    """The state a heading's place words name: "Mongolia", "Mongolia by Japanese Prime
    Ministers" (the longest run of words from the first that names one)."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        found = reference.country_any(" ".join(parts[:n]))
        if found is not None:
            return found
    return None




def table_direction(line: str) -> tuple[reference.Country | None,
                                        reference.Country | None] | None:
    """The states a heading of a table of visits names, from and to ("From Mongolia to
    Japan", "Visits to Mongolia by Japanese Prime Ministers": no origin); None when LINE is
    no such heading."""
    heading = TABLE_HEADING.match(line) or TABLE_HEADING_TO.match(line)
    if heading is None:
        return None
    return (_heading_place(heading.groupdict().get("origin") or ""),
            _heading_place(heading.group("dest")))


@dataclass(frozen=True)
class Cell:
    text: str
    start: int                  # character offsets in the document
    end: int


@dataclass(frozen=True)
class TableRow:
    """A row of a table of visits: its cells by column, and the state the visits go to
    as its destination cell or the heading above the table says."""

    cells: dict[str, Cell]
    destination: str | None
    origin: str | None = None      # the visitors' state, as a section heading names it
    notes: tuple[Cell, ...] = ()   # the row's other cells ("Notes": "Met President X")


def column_table_rows(text: str) -> list[TableRow]:
    """The rows of tables of visits in TEXT (cells separated by tabs or by "|"), each as its
    cells by column ("date", "end", "visitor", "position", "destination"), under a header
    row that names the columns ("Date<TAB>Visitor<TAB>Position<TAB>Destination", "Start |
    End | Visitor | Office"); a table with no destination column goes where the last
    heading above it that names a destination says ("Visits from Mongolia to Japan", "List
    of visits to Mongolia")."""
    rows: list[TableRow] = []
    columns: dict[str, int] | None = None
    heading: str | None = None                  # the destination the last heading names
    origin: str | None = None                   # the state a section's heading names
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        separator = cell_separator(line)
        if separator is None:
            columns = None                      # the table has ended
            direction = table_direction(line.strip()) if line.strip() else None
            if direction is not None:
                heading = direction[1].key if direction[1] else None
            if line.strip():
                # a heading that is a state's name alone ("Japan", "Japan[edit]"): the
                # state of the visitors its section lists
                named = reference.country_named(line.strip())
                origin = named.key if named is not None else origin
            continue
        cells = _cells(line, start, separator)
        if columns is None:
            columns = _table_columns([c.text for c in cells])
            continue
        by_kind = {kind: cells[i] for kind, i in columns.items() if i < len(cells)}
        if "date" not in by_kind or "visitor" not in by_kind:
            continue
        place = by_kind["destination"].text if "destination" in by_kind else ""
        state = next((c.key for w in re.split(r"[,;/]", place)
                      if (c := reference.country_any(w.strip())) is not None), heading)
        notes = tuple(c for i, c in enumerate(cells) if i not in columns.values() and c.text)
        rows.append(TableRow(by_kind, state, origin if origin != state else None, notes))
    return rows


# A row of cells separated by "|" has at least this many of them ("a | b | c").
PIPE_ROW_MIN_BARS = 2


def cell_separator(line: str) -> str | None:
    """How LINE's cells are separated, if it is a row of a table: by tabs or by bars."""
    if "\t" in line:
        return "\t"
    if line.count("|") >= PIPE_ROW_MIN_BARS:
        return "|"
    return None


def _cells(line: str, start: int, separator: str) -> list[Cell]:
    """LINE's cells with their offsets (START is the line's); the empty cells a row of
    bars opens and ends with ("| a | b |") are not cells."""
    cells, at = [], start
    parts = line.split(separator)
    for k, raw in enumerate(parts):
        lead = len(raw) - len(raw.lstrip())
        if not (separator == "|" and not raw.strip() and k in (0, len(parts) - 1)):
            cells.append(Cell(raw.strip(), at + lead, at + lead + len(raw.strip())))
        at += len(raw) + 1
    return cells


def _table_columns(cells: list[str]) -> dict[str, int] | None:
    names = [c.strip().lower() for c in cells]
    found = {kind: next((i for i, c in enumerate(names) if c in words), -1)
             for kind, words in TABLE_COLUMNS.items()}
    if min(found["date"], found["visitor"]) < 0:
        return None
    return {kind: i for kind, i in found.items() if i >= 0}


TABLE_COLUMNS = {kind: frozenset(words) for kind, words in
                 reference.lexicon_table("visit_table_columns").items()}


FUTURE_WORDS = re.compile(r"\b(later|next|coming|upcoming|forthcoming)\b", re.I)
PAST_WORDS = re.compile(r"\b(last|previous|past|earlier|ago)\b", re.I)


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, as ``doc.sents`` gives them, read from one array (``doc.sents``
    makes a Token object for every token of the text to find where sentences start)."""
    n = len(doc)
    if n == 0:
        return []
    starts = doc.to_array([SENT_START]).astype(np.int64).ravel()
    bounds = [0, *(int(i) for i in np.nonzero(starts[1:] == 1)[0] + 1), n]
    return [doc[a:b] for a, b in pairwise(bounds)]


@dataclass
class DocContext:
    document: Document
    doc: Doc
    sentences: list[Span]
    persons: list[PersonMention] = field(default_factory=list)
    token_person: dict[int, str] = field(default_factory=dict)   # token index -> mid
    partner: dict[str, str] = field(default_factory=dict)   # mid -> the other of a royal pair
    by_mid: dict[str, PersonMention] = field(default_factory=dict)
    rep: dict[str, str] = field(default_factory=dict)             # mid -> same person's first mid
    # visits told only as a count ("came to Y three times as prime minister"): no visit
    # of the graph, but what they say of their visitors' offices holds
    visit_series: list[VisitFact] = field(default_factory=list)
    _token_sentence: list[int] = field(default_factory=list)
    _sentence_index: dict[int, int] = field(default_factory=dict)
    _spans: dict[tuple[str, int], list[Span]] = field(default_factory=dict)
    _ents: dict[int, list[Span]] = field(default_factory=dict)     # sentence -> entities
    _ent_at: dict[int, Span] = field(default_factory=dict)         # token -> its entity
    _texts: list[str] = field(default_factory=list)                 # sentence texts
    _attrs: np.ndarray | None = None                                # LEMMA, LOWER per token
    ministers: list[Token] = field(default_factory=list)            # "Minister" tokens
    years: dict[tuple[int, Tense], DateValue | None] = field(default_factory=dict)
    discourse: Discourse | None = None    # set by ``extract``: what dates an undated sentence
    _countries: list[tuple[int, str]] | None = None                 # (offset, country key)

    def __post_init__(self) -> None:
        self._token_sentence = [0] * len(self.doc)
        for i, sent in enumerate(self.sentences):
            self._sentence_index[sent.start] = i
            self._token_sentence[sent.start:sent.end] = [i] * (sent.end - sent.start)
        text = self.doc.text                 # Span.text rebuilds a string from its tokens
        self._texts = [text[s.start_char:s.end_char] for s in self.sentences]
        self._attrs = self.doc.to_array([LEMMA, LOWER]) if len(self.doc) else None
        for ent in self.doc.ents:            # Span.ents rescans the whole Doc: index once
            self._ents.setdefault(self._token_sentence[ent.start], []).append(ent)
            for i in range(ent.start, ent.end):
                self._ent_at[i] = ent
        for span in self.doc.spans.get(SPANS_KEY, []):
            index = self._token_sentence[span.start] if len(self.doc) else 0
            if span.end <= self.sentences[index].end:
                self._spans.setdefault((span.label_, index), []).append(span)

    def country_before(self, char: int) -> str | None:
        """The country (or the state of a city) the text names last before offset CHAR."""
        if self._countries is None:
            self._countries = []
            for ent in self.doc.ents:
                if ent.label_ in ("GPE", "LOC"):
                    c = reference.country_any(re.sub(r"^the\s+", "", ent.text, flags=re.I))
                    if c is not None:
                        self._countries.append((ent.start_char, c.key))
        return next((key for at, key in reversed(self._countries) if at < char), None)

    def countries_named(self) -> set[str]:
        """Every country the text names (by name, demonym or city)."""
        self.country_before(0)
        return {key for _, key in self._countries or ()}

    def sentence_of_offset(self, char: int) -> Span:
        """The sentence holding character offset CHAR."""
        starts = [s.start_char for s in self.sentences]
        return self.sentences[max(0, bisect_right(starts, char) - 1)]

    def index_of(self, sent: Span) -> int:
        return self._sentence_index[sent.start]

    def text(self, sent: Span) -> str:
        """The sentence's text (Span.text rebuilds it on every call)."""
        return self._texts[self.index_of(sent)]

    def tokens_where(self, lemmas: Iterable[str] = (), lowers: Iterable[str] = ()) -> list[Token]:
        """The tokens whose lemma or lower-case form is one of those given, in order:
        triggers are looked up, not searched for token by token."""
        if self._attrs is None:
            return []
        strings = self.doc.vocab.strings
        hit = np.zeros(len(self.doc), dtype=bool)
        if lemmas:
            forms = {f for w in lemmas for f in (w, w.capitalize())}   # "Visit" in headings
            hit |= np.isin(self._attrs[:, 0], np.array([strings[w] for w in forms],
                                                        dtype=np.uint64))
        if lowers:
            hit |= np.isin(self._attrs[:, 1], np.array([strings[w] for w in lowers],
                                                        dtype=np.uint64))
        return [self.doc[int(i)] for i in np.nonzero(hit)[0]]

    def sentence_of(self, token: Token) -> Span:
        return self.sentences[self._token_sentence[token.i]]

    def in_sentence(self, tokens: list[Token], sent: Span) -> list[Token]:
        return [t for t in tokens if sent.start <= t.i < sent.end]

    def by_sentence(self, tokens: list[Token]) -> list[tuple[Span, list[Token]]]:
        """TOKENS grouped by their sentence, in order."""
        groups: dict[int, list[Token]] = {}
        for tok in tokens:
            groups.setdefault(self._token_sentence[tok.i], []).append(tok)
        return [(self.sentences[i], toks) for i, toks in groups.items()]

    @property
    def date(self) -> DateValue | None:
        return self.document.date

    def evidence(self, sent: Span) -> Evidence:
        raw = self.text(sent)
        stripped = raw.strip()
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        return Evidence(self.document.doc_id, start, start + len(stripped), stripped)

    def sentence_index(self, token: Token) -> int:
        return self._token_sentence[token.i]

    def ents(self, sent: Span) -> list[Span]:
        """The named entities inside SENT."""
        return self._ents.get(self.index_of(sent), [])

    def entity_at(self, token: Token) -> Span | None:
        return self._ent_at.get(token.i)

    def dates(self, sent: Span) -> list[Span]:
        return [e for e in self.ents(sent) if e.label_ == "DATE"]

    def spans(self, label: str, sent: Span) -> list[Span]:
        """The rule spans of LABEL inside SENT."""
        return list(self._spans.get((label, self.index_of(sent)), ()))

    def add_person(self, mention: PersonMention, tokens: range) -> None:
        self.persons.append(mention)
        self.by_mid[mention.mid] = mention
        for i in tokens:
            other = self.token_person.get(i)
            if other is not None and mention.royal and self.by_mid[other].royal:
                # "Prince and Princess X": two persons named by the same words
                self.partner[mention.mid] = other
            self.token_person[i] = mention.mid


# Nouns of what is still to come: "preparations for the state visit in July"
PLAN_NOUNS = reference.rule_words("plan_nouns")


def tense_of(token: Token) -> Tense:
    """Past, future or present, from the verb governing TOKEN and its auxiliaries."""
    verb = token
    for _ in range(4):
        if (verb.pos_ in ("VERB", "AUX") and verb.tag_ != "VBG") or verb.dep_ == "ROOT":
            break                       # a participle ("following their summit") has none
        if verb.i != token.i and verb.pos_ == "NOUN" and verb.lemma_.lower() in PLAN_NOUNS:
            return "future"             # "confirmed preparations for the visit in July"
        verb = verb.head
    chain = [verb, *list(verb.ancestors)[:2]]
    for v in chain:
        lemmas = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if lemmas & {"will", "shall", "'ll"}:
            return "future"
        if v.lemma_ in ("expect", "plan", "schedule", "set", "intend", "aim", "arrange") and \
                any(c.dep_ == "xcomp" for c in v.children):
            return "future"
        if v.tag_ in ("VBD", "VBN") or lemmas & {"had", "did", "was", "were", "has", "have"}:
            return "past"
    return "present"


def resolve_date(ctx: DocContext, text: str, tense: Tense,
                 anchor: DateValue | None = None, day: DateValue | None = None
                 ) -> DateRange | None:
    """TEXT read as a date; partial and relative dates against ANCHOR, else against DAY
    (the day the passage was written: the document's date when none is given)."""
    day = day or ctx.date
    if FUTURE_WORDS.search(text):
        tense = "future"
        anchor = None                # "next month" counts from the day the text was written
    elif PAST_WORDS.search(text):
        tense = "past"
        anchor = None
    found = _parse(text, anchor, tense) if anchor else None
    return found or _parse(text, day, tense)


# Words the model's DATE entities run on into ("between July 21 and 25 wraps"): a date
# that does not read is read again without its last words, at most this many.
TRAILING_WORDS = 2


def _parse(text: str, anchor: DateValue | None, tense: Tense) -> DateRange | None:
    words = text.split()
    for cut in range(min(TRAILING_WORDS, len(words) - 1) + 1):
        if cut and words[-cut].lower() in reference.lexicon("period_nouns"):
            break                       # "the 21st century" is no 21st day

        found = parse_expression(" ".join(words[:len(words) - cut]), anchor, tense)
        if found is not None:
            return found
    return None


BOUND_WORDS = reference.rule_words("bound_words")
# "In 2019, ...", "Last year, ...", "during 2019": a year the sentence's events fall in
YEAR_FRAME_WORDS = reference.rule_words("year_frame_words")
YEAR_FRAME_DEPS = frozenset({"npadvmod", "advmod", "ROOT"})


def _after_a_person_since(ctx: DocContext, date: Token) -> bool:
    """"... since X in 2006" (X's visit, an event the sentence leaves unsaid), wherever the
    parser hangs "in 2006"."""
    doc = date.doc
    before = date.left_edge.i - 1
    return before >= 1 and doc[before].lower_ in ("in", "on") and \
        doc[before - 1].i in ctx.token_person and doc[before - 1].dep_ == "pobj" and \
        doc[before - 1].head.lower_ in ("since", "after", "before", "until")


def _of_a_person(ctx: DocContext, date: Token) -> bool:
    """A bound date hung on a person's name, as of an event the sentence leaves unsaid:
    "the first ... to visit Y since X in 2006" (X's visit, not the sentence's)."""
    t = date
    for _ in range(CLAUSE_STEPS_UP):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return False
        t = t.head
        if t.i in ctx.token_person:
            return True
    return False


CLAUSE_STEPS_UP = 6


def clause_verb(token: Token) -> Token:
    """The verb of the clause TOKEN stands in (TOKEN itself when it is one)."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def in_bound_clause(token: Token) -> bool:
    """TOKEN stands in a clause that bounds a time ("since he took office in 2017")."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in BOUND_WORDS:
            return True                     # "(visited Y) after the election in 2017"
        t = t.head
    # a bound word on the clause's verb: "since he took office in 2017"; a phrase bound on
    # it ("left Y on Wednesday after a visit") bounds only what it holds
    return any(c.dep_ == "mark" and c.lower_ in BOUND_WORDS for c in t.children) or \
        (t.dep_ == "pcomp" and t.head.lower_ in BOUND_WORDS)


# Words before a date that make it the end of a span of time ("an action plan running to
# 2031", "valid through 2030"), not when something happened.
END_WORDS = reference.rule_words("end_words")


def _is_bound(ent: Span) -> bool:
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in BOUND_WORDS | END_WORDS


def _frames_year(ent: Span) -> bool:
    """Whether ENT sets the time of its sentence ("In 2019,", "Last year,") rather than
    qualifying a noun ("the 2022 joint statement")."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return before in YEAR_FRAME_WORDS or ent.root.dep_ in YEAR_FRAME_DEPS


def sentence_year(ctx: DocContext, sent: Span, tense: Tense) -> DateValue | None:
    """The one year the sentence sets its events in ("Last year, the Emperor visited ...
    from July 6 to 13"), against which its days and months without a year are read; worked
    out once per sentence and tense."""
    key = (ctx.index_of(sent), tense)
    if key not in ctx.years:
        ctx.years[key] = _sentence_year(ctx, sent, tense)
    return ctx.years[key]


def is_prose_row(sent: Span) -> bool:
    """A row of a list that tells what happened in a sentence of its own ("- 1991: In August,
    X becomes the first ... to visit Y"), not a table's cells ("2013.03 Prime Minister X")."""
    return any(t.pos_ == "VERB" for t in sent)


def _sentence_year(ctx: DocContext, sent: Span, tense: Tense) -> DateValue | None:
    own = _own_year(ctx, sent, tense)
    if own is not None:
        return own[0]
    # "High-level exchanges were active in 2016. In June, ... In July, ...": a year a
    # sentence before sets, in the same section, until a sentence gives another; in a text
    # written on a known day (news), a month alone is read against that day instead
    if ctx.date is not None and ctx.date.precision != "year":
        return None
    index = ctx.index_of(sent)
    for back in range(index - 1, max(-1, index - 1 - YEAR_CARRY_SENTENCES), -1):
        before = ctx.sentences[back]
        if ctx.discourse is not None and ctx.discourse.is_heading[back]:
            return None
        found = _own_year(ctx, before, tense)
        if found is not None:
            return found[0] if found[1] else None
    return None


SUBORDINATE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis"})


def in_main_clause(token: Token) -> bool:
    """Whether TOKEN stands in its sentence's main clause ("In June, the EPA, which was
    signed in February 2015, entered into force": "June" does, "February 2015" does not)."""
    t = token
    while t.head.i != t.i:
        if t.dep_ in SUBORDINATE_DEPS:
            return False
        t = t.head
    return True


# How many sentences back a year set by one sentence ("in 2016") still dates the months
# and days of the next ones
YEAR_CARRY_SENTENCES = 8


def _own_year(ctx: DocContext, sent: Span, tense: Tense) -> tuple[DateValue | None, bool] | None:
    """The year SENT sets its events in, and whether the next sentences may take it: None
    when the sentence names no date; (None, False) when it names dates of no one year."""
    row = table_row_date(ctx.text(sent))
    if row is not None and row.precision == "year":
        return row, False                   # "- 1991: In August, ...": the row's year
    years = set()
    dated = False
    others: set[int] = set()          # the years of its dates that name more than a year
    for ent in ctx.dates(sent):
        if _is_bound(ent):
            continue
        found = resolve_date(ctx, ent.text, tense, ctx.date)
        if found is None:
            continue
        if not _frames_year(ent) or found.start.precision != "year" or found.end is not None:
            if parse_absolute(ent.text) is not None and in_main_clause(ent.root):
                dated = True                # "X visited Y in February 2015": a date of its own
            if found.start.precision != "year" and re.search(r"\d{4}|\byear\b", ent.text):
                others.add(found.start.year)
            continue
        years.add(found.start)
    if len(years) == 1 and others - {next(iter(years)).year}:
        return None, False              # "established in 2010, ... in March last year and
        #                                 ... in September": no one year for the month alone
    if len(years) == 1:
        return years.pop(), True
    return (None, False) if years or dated else None


def _heading_anchor(ctx: DocContext, sent: Span) -> DateValue | None:
    """In a text with no date of its own, the date of the heading SENT stands under ("■
    03.05.2018 Courtesy call ..."), against which its months and days are read."""
    if ctx.date is not None or ctx.discourse is None:
        return None
    heading = ctx.discourse.heading_of[ctx.index_of(sent)]
    if heading is None:
        return None
    return next((d for e in ctx.dates(ctx.sentences[heading])
                 if (d := parse_absolute(e.text)) is not None), None)


def first_date_in(ctx: DocContext, spans: list[Span], tense: Tense) -> DateRange | None:
    """The first span that reads as a date; "since 2015", "before 2020" are bounds, not the
    date of an event, and are passed over. A day or month without a year is read in the
    year its sentence names, else against the document's date; a year followed by a day in
    it ("In 1999, ... visited Mongolia on July 6") gives the day, and a year that only
    qualifies a noun ("recalling the 2015 joint statement") gives way to any other date."""
    year: tuple[DateRange, bool] | None = None        # a year found first; does it frame?
    for ent in spans:
        if _is_bound(ent):
            continue
        sent = ctx.sentence_of(ent.root)
        anchor = sentence_year(ctx, sent, tense) or _heading_anchor(ctx, sent)
        wired = ctx.discourse.wire_day(ctx.index_of(sent)) if ctx.discourse else None
        here = resolve_date(ctx, ent.text, tense, anchor, wired)
        if here is None:
            continue
        if here.start.precision == "year" and here.end is None:
            year = year or (here, _frames_year(ent))
            continue
        if year is None or not year[1] or year[0].start.covers(here.start):
            return here
        return year[0]
    return year[0] if year else None


SAME_DAY = re.compile(r"\b(?:on |at )?(?:(?:the\s+same|that)\s+(?:day|morning|afternoon|evening)"
                      r"|the same occasion|the same time)\b", re.I)
LOOK_BACK_SENTENCES = 3


def previous_date(ctx: DocContext, index: int, tense: Tense) -> DateRange | None:
    """The date of the closest sentence before that gives one (a few sentences back)."""
    for back in range(index - 1, max(-1, index - 1 - LOOK_BACK_SENTENCES), -1):
        found = first_date_in(ctx, ctx.dates(ctx.sentences[back]), tense)
        if found:
            return found
    return None


def date_here_or_before(ctx: DocContext, sent: Span, tense: Tense) -> DateRange | None:
    """The sentence's date; "on the same day" points back to the previous one."""
    found = first_date_in(ctx, ctx.dates(sent), tense)
    if found is None and SAME_DAY.search(sent.text):
        found = previous_date(ctx, ctx.index_of(sent), tense)
    return found


# Nouns of events: a date hung on one of them is that event's ("his third visit, following
# trips in March 2013 and October 2015").
EVENT_NOUNS = reference.rule_words("event_nouns")


def _of_another_event(date_root: Token, trigger: Token) -> bool:
    """Whether the date hangs on another event's noun between it and TRIGGER."""
    t = date_root
    for _ in range(6):
        if t.i == trigger.i or t.head.i == t.i or (t.pos_ in ("VERB", "AUX")
                                                   and trigger.head.i == t.i):
            return False              # (the verb the trigger is the object of dates it)
        t = t.head
        if t.i != trigger.i and t.lemma_.lower() in EVENT_NOUNS and t.pos_ == "NOUN":
            return True
    return False


def clauses_about_persons(sent: Span, event: Token | None = None) -> set[int]:
    """The tokens of SENT's relative clauses about a person ("X, who kept his post when Y
    formed his cabinet last month, signed ..."), but for one that tells EVENT."""
    return {t.i for c in sent if c.dep_ == "relcl"
            and (event is None or event.i not in {x.i for x in c.subtree})
            and (c.left_edge.lower_ in ("who", "whom", "whose")
                 or any(w.lower_ in ("who", "whom", "whose") for w in c.children))
            for t in c.subtree}


def _clauses_about_elsewhere(event: Token) -> set[int]:
    """The tokens of relative clauses on a place the event comes from ("came to Y directly
    from Central Asia, where on August 28 she had launched ..."): that place's time."""
    verb = clause_verb(event)
    origins = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
               for o in p.children if o.dep_ == "pobj"]
    return {t.i for o in origins for c in o.subtree if c.dep_ == "relcl" for t in c.subtree}


def _in_other_main_clause(date: Token, event: Token) -> bool:
    """Whether DATE stands in a clause joined to the EVENT's by "and", with a subject of its
    own ("X visited Y in March last year, and this was his fifth meeting with Z"), or in
    what a verb outside the event's clause says ("welcomed X's visit, and stated that he
    recalls his visit in March")."""
    a, b = clause_verb(date), clause_verb(event)
    if a.i == b.i:
        return False
    for t in (date, *date.ancestors):
        if t.i == event.i:
            break
        if t.dep_ == "ccomp" and t.i > t.head.i and event.i not in {x.i for x in t.subtree}:
            return True         # "welcomed X's visit, and stated that ... in March": said
    joined = (a.dep_ == "conj" and a.head.i == b.i) or (b.dep_ == "conj" and b.head.i == a.i)

    def has_subject(verb: Token) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    # (a date put first sets the time of the clauses after it: "In August 1991 X became
    # the first ... ; in Ulaanbaatar he held talks with Y")
    return joined and date.i > a.i and has_subject(a) and has_subject(b)


def date_near(ctx: DocContext, token: Token, sent: Span, tense: Tense,
              fallback_previous: bool = False, among: list[Span] | None = None
              ) -> DateRange | None:
    """The date of an event: in the trigger's subtree, else in its sentence (or AMONG the
    sentence's dates given), else (when asked) in the sentence before it."""
    subtree = {t.i for t in token.subtree}
    ents = ctx.dates(sent) if among is None else among
    # a date in a relative clause about a person is that clause's ("talks with X, who was
    # appointed on July 8"), unless the event is told in it
    others = clauses_about_persons(sent, token) | _clauses_about_elsewhere(token)
    ents = [e for e in ents if e.root.i not in others and not _of_another_event(e.root, token)
            and not _in_other_main_clause(e.root, token)]
    # a date in a clause that bounds another time is that clause's ("arrived early Monday
    # on a visit, his first since taking office last summer", "have met often since he
    # returned to power in 2012"), not the event's, unless the event is told in it ("since
    # X travelled to Y in 2016")
    clause = clause_verb(token)
    while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head                # "since I visited Y in March and held talks"
    free = [e for e in ents if not _after_a_person_since(ctx, e.root) and (
        not in_bound_clause(e.root) or (clause_verb(e.root).i in (clause.i, token.i)
                                        and not _of_a_person(ctx, e.root)))]
    # the trigger's own date first ("X is promoted in May; Y tours Mongolia in July"), then
    # any in its phrase
    own = [e for e in free if e.root.head.i == token.i or (
        e.root.head.dep_ == "prep" and e.root.head.head.i == token.i)]
    inside = [e for e in free if e.start in subtree]
    found = first_date_in(ctx, own, tense) or first_date_in(ctx, inside, tense)
    if found:
        return found
    ordered = sorted(free, key=lambda e: abs(e.start - token.i))
    found = first_date_in(ctx, ordered, tense)
    if found or not fallback_previous:
        return found
    index = ctx.sentence_index(token)
    if index > 0:
        previous = ctx.sentences[index - 1]
        return first_date_in(ctx, ctx.dates(previous), tense)
    return None


YEAR_NUMBER = re.compile(r"(?:1[89]|20)\d\d")
# How far up from an event's word the clause on "the year" may open
YEAR_CLAUSE_STEPS = 6


def year_told_by(token: Token) -> int | None:
    """The year a clause on "the year" tells, for the events in it ("did not begin until
    2013, the year X made his first trip to Y, in late March": late March of 2013)."""
    for t in [token, *token.ancestors][:YEAR_CLAUSE_STEPS]:
        noun = t.head if t.dep_ == "relcl" and t.head.lower_ == "year" else next(
            (c for c in t.children if c.lower_ == "year" and c.dep_ == "npadvmod"
             and c.i < t.i), None)
        if noun is not None:
            before = [noun.doc[j] for j in range(max(0, noun.left_edge.i - 2),
                                                 noun.left_edge.i)]
            for c in (noun.head, *noun.children, *before):     # "until 2013, the year ..."
                if YEAR_NUMBER.fullmatch(c.text):
                    return int(c.text)
            return None
    return None


def in_year(date: DateValue | None, year: int | None) -> DateValue | None:
    """DATE moved into YEAR (a month or day a text gives without its year)."""
    if date is None or year is None or date.year == year:
        return date
    return DateValue(year, date.month, date.day)


# The plural nouns that name persons ("both ministers", "the two leaders").
PERSON_PAIR_NOUNS = reference.rule_words("person_pair_nouns")


def pair_subject(sent: Span) -> Token | None:
    """The plural noun naming two persons that is the subject of SENT's main clause ("Both
    ministers", "The two leaders")."""
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")
                 and c.lower_ in PERSON_PAIR_NOUNS
                 and any(d.lower_ in ("two", "both") for d in c.children)), None)


def to_infinitive(verb: Token) -> bool:
    """Whether VERB is told with "to" ("visited Tokyo to sign", "agreed to start")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)

