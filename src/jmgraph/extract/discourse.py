"""The discourse around a sentence: what dates an event whose own sentence gives no date.

A text sets the time of its events once and then tells them: a release opens with its date
and a headline ("Japan-Mongolia Summit Meeting" above "March 28, 2006"), a section heading
carries the day ("1. Summit Meeting (August 10, 14:35-15:55)"), a paragraph's first sentence
names the day the next ones happened on, a wire story says "on Sunday" of the day before
its dateline.  ``context_date`` reads, for a sentence without a date of its own, the one
that governs it:

1. the closest sentence before it in its section that gives a date, or dates an event it
   tells ("During her visit, X met A. She also met B."), a few sentences back;
2. the heading the sentence sits under, when the heading is dated;
3. the text's own date, when the sentence speaks of the present ("is visiting") or the
   text's headline names an event (a report of that day: "Summit Meeting", "X visits Y").

With none of these the event stays undated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Span, Token

from .. import reference
from ..dates import DateRange, DateValue, Tense
from .context import (
    SAME_DAY,
    DocContext,
    first_date_in,
    in_bound_clause,
    pair_subject,
    resolve_date,
    table_row_date,
)

# A sentence that is a whole line with no sentence end and at most this many words is a
# heading ("Japan-Mongolia Summit Meeting", "1. Outline", "(2) Politics and security").
HEADING_MAX_WORDS = 14
# An item of a list: "- held talks with ...", "• met ..."
LIST_MARK = re.compile(r"^\s*[-•*–]\s")
# A line ending with a colon is a heading ("Outline:") only when this short.
COLON_HEADING_MAX_WORDS = 4
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s*$")
# Words for the day a text is written on, which the model does not always read as dates.
THE_DAY = re.compile(r"\b(?:earlier|later)\s+(?:in\s+the\s+day|today)\b|\bthis\s+"
                     r"(?:morning|afternoon|evening)\b|\btoday\b|\btonight\b", re.I)
# A wire report's dateline inside a page: "TOKYO, February 25 (MONTSAME).", "ULAANBAATAR,
# March 3 (Xinhua) --"
WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,30},\s+(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+"
    r"[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)\s*\([A-Za-z][^)]{0,39}\)\s*(?:[.:]|--|—|–)")
# How many words into a sentence a date still opens it ("In August 1991", "On 24 May 2031")
FRONTED_WORDS = 2
# How many sentences back a wire dateline still dates "today"
WIRE_LOOK_BACK = 8
# "On the following day, ...": the day after the one told before
NEXT_DAY = re.compile(r"\bthe\s+(?:following|next)\s+day\b", re.I)
# "had held a meeting the previous day": the day before the one told
PREVIOUS_DAY = re.compile(r"\bthe\s+(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b"
                          r"(?!\s+(?:the|his|her|their|its|a|an)\b)", re.I)
# "Three years later, ...", "the following year": that long after the time told before
LATER = re.compile(r"\b(?:(?P<n>\d{1,2}|[a-z]+)\s+(?P<unit>year|month)s?\s+later"
                   r"|the\s+(?:following|next)\s+(?P<unit1>year|month))\b", re.I)
# "Following the signing, ...", "After the talks, ...": the time of the event named, told
# before (each noun with the words that tell that event)
AFTER_EVENT = re.compile(r"^\W*(?:following|after|prior\s+to|before|at\s+the\s+end\s+of|"
                         r"upon\s+the\s+"
                         r"conclusion\s+of)\s+(?:the|their|this)\s+(?:\w+\s+)?"
                         r"(?P<noun>signing|ceremony|talks|meeting|summit|audience|dinner|"
                         r"luncheon|lunch)\b", re.I)
EVENT_TOLD: dict[str, re.Pattern[str]] = {
    "signing": re.compile(r"\bsign(?:ed|ing|s)?\b|\bexchanged\s+notes\b", re.I),
    "ceremony": re.compile(r"\bceremony\b|\bsign(?:ed|ing)\b", re.I),
    "talks": re.compile(r"\btalks\b|\bmet\b|\bmeeting\b|\bsummit\b", re.I),
}
EVENT_TOLD.update(meeting=EVENT_TOLD["talks"], summit=EVENT_TOLD["talks"])
# How many sentences back a date still governs an undated sentence of the same section.
LOOK_BACK = 4
# A day of the month named alone: "On the 25th, ..."
DAY_ALONE = re.compile(r"\b[Oo]n\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b")
# How many sentences back "the two ministers", "their talks" still name a meeting's persons.
PAIR_LOOK_BACK = 8
# The words by which a headline names the kind of event its text reports.
HEADLINE_KINDS: dict[str, re.Pattern[str]] = {
    "meeting": re.compile(r"\b(?:summit|meeting|meets?|talks?|telephone|courtesy call|lunch|"
                          r"dinner|conversation|consultations?|audience)\b", re.I),
    "visit": re.compile(r"\b(?:visits?|visiting|trip|tour|arrives?)\b", re.I),
    "agreement": re.compile(r"\b(?:sign\w*|agreement|statement|notes|memorandum|adopt\w*)\b",
                            re.I),
}
# A photo caption: page furniture, not prose ("Photograph of the two leaders ...",
# "photo(President X and Minister Y)", "Summit Meeting(Photo)").
CAPTION = re.compile(r"^\W*(?:photo(?:graph)?s?|image|caption|picture)\b|\(photos?\)\s*$", re.I)
# Lines read as the text's headline block: its first lines, up to the first paragraph of prose.
HEADLINE_LINES = 8


def _since(token: Token) -> bool:
    """Whether TOKEN stands in a "since ..." phrase or clause."""
    return any(a.lower_ == "since" for a in token.ancestors) or any(
        c.lower_ == "since" and c.dep_ == "mark" for c in token.children)


def _subject_is(sent: Span, word: str) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == word
               for c in sent.root.children)


@dataclass
class Discourse:
    """Where each sentence of a document sits: its line, whether it is a heading, the
    heading above it, and the kinds of event the text's headline names."""

    ctx: DocContext
    heading_of: list[int | None] = field(default_factory=list)   # sentence -> heading above
    is_heading: list[bool] = field(default_factory=list)
    event_dates: dict[int, DateValue] = field(default_factory=dict)   # sentence -> its event's
    pairs: dict[int, list[str]] = field(default_factory=dict)   # sentence -> who met there
    # sentence -> whether it is a row of a list or table ("- 1991: ..."): an entry of its
    # own, which borrows no date or persons from the rows before it
    is_row: list[bool] = field(default_factory=list)
    wire_days: dict[int, DateValue | None] = field(default_factory=dict)  # sentence -> its
    #                                         wire report's day (see wire_day)

    def __post_init__(self) -> None:
        current: int | None = None
        text = self.ctx.doc.text
        for i, sent in enumerate(self.ctx.sentences):
            heading = _is_heading(text, sent)
            self.is_heading.append(heading)
            self.heading_of.append(current)
            self.is_row.append(table_row_date(self.ctx.text(sent)) is not None)
            if heading:
                current = i

    @cached_property
    def headline_kinds(self) -> frozenset[str]:
        """The kinds of event the headline block names (the lines above the first prose)."""
        kinds: set[str] = set()
        for i, sent in enumerate(self.ctx.sentences[:HEADLINE_LINES]):
            if not self.ctx.text(sent).strip() or self.is_caption(sent) or \
                    self._is_date_line(i):
                continue                  # the blanked header, captions, the dateline
            if not self.is_heading[i]:
                break
            words = self.ctx.text(sent)
            kinds.update(k for k, pattern in HEADLINE_KINDS.items() if pattern.search(words))
        return frozenset(kinds)

    def note_event(self, sent: Span, date: DateValue | None, trigger: Token | None = None
                   ) -> None:
        """An event of SENT is dated DATE: the sentences after it are read in its time; not
        one told as what came before ("relations have grown since X's visit to Japan in
        February last year": the sentences after it are of the text's time)."""
        if date is not None and not (trigger is not None and _since(trigger)):
            self.event_dates.setdefault(self.ctx.index_of(sent), date)

    def _is_date_line(self, index: int) -> bool:
        """A heading that is only a date (the text's dateline), not a section's title."""
        sent = self.ctx.sentences[index]
        dated = sum(len(e) for e in self.ctx.dates(sent))
        words = [t for t in sent if not t.is_punct and not t.is_space]
        return dated > 0 and dated >= len(words) - 1

    @cached_property
    def _date_lines(self) -> list[int]:
        """The headings that are only a date."""
        return [i for i, heading in enumerate(self.is_heading)
                if heading and self._is_date_line(i)]

    def _is_entry_date(self, index: int) -> bool:
        """A date heading over an entry of a list of entries ("February 2002" above what
        happened then), not the text's dateline: one of several date headings."""
        return len(self._date_lines) > 1 and index in self._date_lines

    def note_meeting(self, sent: Span, participants: list[str]) -> None:
        """A meeting of PARTICIPANTS is told in SENT ("their talks" after it are theirs)."""
        self.pairs.setdefault(self.ctx.index_of(sent), list(participants))

    def last_meeting(self, index: int) -> list[str] | None:
        """The participants of the meeting told closest before sentence INDEX (or in it)."""
        for back in range(index, max(-1, index - 1 - PAIR_LOOK_BACK), -1):
            if back in self.pairs:
                return self.pairs[back]
            if self.is_row[back]:
                break                     # a row's persons are its own
        return None

    def _meeting_continued(self, index: int, tense: Tense) -> DateValue | None:
        """The day of the meeting that sentence INDEX goes on telling: its subject is the
        pair that met ("Both ministers reviewed ...", and "They also signed ..." after
        it), whatever other events were told in between ("It is the first visit ... since
        the two countries upgraded their relations during the state visit of 2022")."""
        sent = self.ctx.sentences[index]
        if pair_subject(sent) is None:
            before = self._sentences_before(index, 1)
            if not (_subject_is(sent, "they") and before
                    and pair_subject(self.ctx.sentences[before[0]]) is not None):
                return None
        for back in range(index - 1, max(-1, index - 1 - PAIR_LOOK_BACK), -1):
            if self.is_heading[back] or self.is_row[back]:
                return None
            met = self.event_dates.get(back) if back in self.pairs else None
            if met is not None and not self._still_to_come(met, tense):
                return met              # (not one still to come: "will receive X")
        return None

    def _sentences_before(self, index: int, count: int) -> list[int]:
        """The COUNT sentences before INDEX, closest first, passing over those with no word
        (a list's number, "2.", that the parser makes a sentence of its own)."""
        found: list[int] = []
        for back in range(index - 1, -1, -1):
            if len(found) == count:
                break
            if any(t.is_alpha for t in self.ctx.sentences[back]):
                found.append(back)
        return found

    def _fronted_date(self, index: int, tense: Tense) -> DateRange | None:
        """The date sentence INDEX opens with ("In August 1991, ..."), which sets the time
        of all it tells."""
        sent = self.ctx.sentences[index]
        words = [t for t in sent if not t.is_punct and not t.is_space]
        opening = {t.i for t in words[:FRONTED_WORDS]}
        return first_date_in(self.ctx, [e for e in self.ctx.dates(sent)
                                        if e.start in opening and frames(e)], tense)

    def wire_day(self, index: int) -> DateValue | None:
        """The day of a wire report's dateline a few sentences before INDEX (or opening it)
        inside a page of another date: "TOKYO, February 25 (MONTSAME). Talks ... were held
        today" in a weekly of March 5."""
        if index not in self.wire_days:
            self.wire_days[index] = self._wire_day(index)
        return self.wire_days[index]

    def _wire_day(self, index: int) -> DateValue | None:
        ctx = self.ctx
        if ctx.date is None:
            return None
        for back in [index, *self._sentences_before(index, WIRE_LOOK_BACK)]:
            m = WIRE_DATELINE.match(ctx.text(ctx.sentences[back]).strip())
            if m is not None:
                found = resolve_date(ctx, m.group("date"), "past")
                return found.start if found is not None and found.end is None and \
                    found.start.precision == "day" else None
        return None

    def is_caption(self, sent: Span) -> bool:
        return bool(CAPTION.search(self.ctx.text(sent)))

    def _still_to_come(self, date: DateValue | None, tense: Tense) -> bool:
        """Whether DATE is after the text's own, for an event told in the past ("On 1
        December, the Emperor will receive X. 3. The two leaders decided ...": not then)."""
        ctx = self.ctx
        return tense == "past" and date is not None and ctx.date is not None and \
            date.first_day() > ctx.date.last_day()

    def date_of_event_told(self, sent: Span, noun: str, tense: Tense) -> DateRange | None:
        """The date of the last event before SENT that a sentence tells as NOUN ("state
        visit", "summit")."""
        return self._date_of_event_told(self.ctx.index_of(sent), noun, tense)

    def _date_of_event_told(self, index: int, noun: str, tense: Tense) -> DateRange | None:
        """"Following the signing, ...": the date of the last sentence before INDEX (in its
        section) that tells a NOUN ("signed", "exchanged notes")."""
        ctx = self.ctx
        told = _event_told(noun)
        for back in self._sentences_before(index, PAIR_LOOK_BACK):
            if self.is_heading[back]:
                return None
            if not told.search(ctx.text(ctx.sentences[back])):
                continue
            # the date the sentence is set on ("X, who is visiting from May 10 to 12, held
            # a meeting on May 11"), else that of the event read in it
            found = first_date_in(ctx, [e for e in ctx.dates(ctx.sentences[back])
                                        if frames(e)], tense)
            if found is not None:
                return found
            if back in self.event_dates:
                return DateRange(self.event_dates[back])
            # ("The overview of the meeting is as follows.": the one before tells its date)
        return None

    def context_date(self, sent: Span, tense: Tense, kind: str | None = None
                     ) -> DateRange | None:
        """The date that governs SENT when it gives none itself (see the module's doc); a
        day the sentence names alone ("On the 25th, ...") is that day of its month."""
        found = self._context_date(sent, tense, kind)
        if found is not None and found.start.precision == "day" and \
                PREVIOUS_DAY.search(self.ctx.text(sent)):
            return DateRange(DateValue.from_date(found.start.first_day() - dt.timedelta(days=1)))
        day = DAY_ALONE.search(self.ctx.text(sent))
        if found is None or day is None or found.start.month is None:
            return found
        try:
            return DateRange(DateValue(found.start.year, found.start.month, int(day.group(1))))
        except ValueError:
            return found

    def _context_date(self, sent: Span, tense: Tense, kind: str | None = None
                      ) -> DateRange | None:
        ctx = self.ctx
        index = ctx.index_of(sent)
        if ctx.date is not None and THE_DAY.search(ctx.text(sent)):
            wired = self.wire_day(index)
            if wired is not None:
                return DateRange(wired)    # "TOKYO, February 25 (MONTSAME). ... held today"
            if ctx.date.precision == "day":
                return DateRange(ctx.date)     # "earlier in the day", "this morning"
        if self.is_heading[index] and index + 1 < len(ctx.sentences) and \
                self._is_date_line(index + 1):
            # "Outline of X's Visit to Y" above "(August 10-11, 2006)": the heading's date
            found = first_date_in(ctx, ctx.dates(ctx.sentences[index + 1]), tense)
            if found:
                return found
        text = ctx.text(sent)
        next_day = NEXT_DAY.search(text) is not None
        previous_day = PREVIOUS_DAY.search(text) is not None
        a_day = SAME_DAY.search(text) is not None or previous_day   # "the same day": a day
        row = table_row_date(text)
        if row is not None:
            return DateRange(row)          # "- 2022: ... makes a state visit": the row's date
        after = AFTER_EVENT.search(text)
        if after is not None:
            found = self._date_of_event_told(index, after.group("noun").lower(), tense)
            if found is not None:
                return _later(found, text)
        met = self._meeting_continued(index, tense)
        if met is not None:
            return DateRange(met)
        for back in self._sentences_before(index, LOOK_BACK):
            if self.is_caption(ctx.sentences[back]):
                continue
            if back not in self.event_dates and NEXT_DAY.search(ctx.text(ctx.sentences[back])):
                next_day = True            # "On the following day, ... . He then met ..."
                continue
            if self.is_heading[back]:
                break
            if a_day:
                # "the same day" is the day the sentence before is set on ("On the
                # afternoon of September 1, X, who is visiting from August 31, ..."), not
                # that of an event told in a clause of it
                framing = first_date_in(ctx, [e for e in ctx.dates(ctx.sentences[back])
                                              if frames(e)], tense)
                if framing is not None and framing.start.precision == "day" and \
                        framing.end is None and not self._still_to_come(framing.start, tense):
                    return framing
            if back in self.event_dates:
                if self._still_to_come(self.event_dates[back], tense) or (
                        a_day and self.event_dates[back] is not None
                        and self.event_dates[back].precision != "day"):
                    continue            # "the same day": a day, not the year told in between
                fronted = self._fronted_date(back, tense)
                if fronted is not None and not fronted.start.compatible(
                        self.event_dates[back]):
                    # "In August 1991 he became the first ... to visit China after the 1989
                    # crackdown ... . There he held talks": the time the sentence opens with
                    return _later(_after(fronted, next_day), text)
                return _later(_after(DateRange(self.event_dates[back]), next_day), text)
            found = first_date_in(ctx, [e for e in ctx.dates(ctx.sentences[back])
                                        if frames(e)], tense)
            if found and a_day and found.start.precision != "day":
                continue            # "the same day": a day ("earlier this month" told between)
            if found and not self._still_to_come(found.start, tense):
                return _later(_after(found, next_day), text)
        heading = self.heading_of[index]
        if heading is not None and (not self._is_date_line(heading)
                                    or self._is_entry_date(heading)):
            found = first_date_in(ctx, ctx.dates(ctx.sentences[heading]), tense)
            if found:
                return found
        if ctx.date is None or tense == "future":
            return None
        if tense == "present" or (kind is not None and self.headline_kinds):
            return DateRange(ctx.date)
        return None


def _event_told(noun: str) -> re.Pattern[str]:
    return EVENT_TOLD.get(noun) or re.compile(rf"\b{re.escape(noun)}\b", re.I)


# The links by which a date sets the time of its whole sentence: "On May 2, X met Y",
# "X met Y in 2019", "X, on Thursday, agreed"; not "exports, which totaled ... in 2012"
# or "statistics for 2012".
FRAMING_DEPS = frozenset({"pobj", "prep", "npadvmod", "advmod", "appos", "nummod", "pcomp",
                          "conj", "compound"})
FRAMING_STEPS = 5


def frames(ent: Span) -> bool:
    """Whether the date ENT sets the time of its sentence's main clause."""
    if in_bound_clause(ent.root):
        return False                        # "since he returned to power in 2012"
    t = ent.root
    for _ in range(FRAMING_STEPS):
        if t.dep_ == "ROOT" or t.head.i == t.i:
            return True
        if t.dep_ not in FRAMING_DEPS and not (t.head.dep_ == "ROOT" and t.dep_ == "advcl"):
            return False
        t = t.head
    return False


def _after(found: DateRange, next_day: bool) -> DateRange:
    """FOUND, or the day after it when the sentence says "the following day"."""
    start = found.end or found.start
    if not next_day or start.precision != "day":
        return found
    return DateRange(DateValue.from_date(start.first_day() + dt.timedelta(days=1)))


def _later(found: DateRange, text: str) -> DateRange:
    """FOUND moved on by the time TEXT says passed ("Three years later": the year three
    after FOUND's; "two months later": the month), at that precision."""
    m = LATER.search(text)
    if m is None:
        return found
    n = 1 if m.group("unit1") else (
        1 if m.group("n").lower() in ("a", "an") else reference.number_word(m.group("n")))
    if not n:
        return found
    start = found.end or found.start
    if (m.group("unit") or m.group("unit1")).lower() == "year":
        return DateRange(DateValue(start.year + n))
    if start.month is None:
        return found
    months = start.year * 12 + start.month - 1 + n
    return DateRange(DateValue(months // 12, months % 12 + 1))


def _is_heading(text: str, sent: Span) -> bool:
    """A whole line, short, with no sentence end."""
    start = sent.start_char
    end = start + len(text[start:sent.end_char].rstrip())
    before = text[text.rfind("\n", 0, start) + 1:start]
    newline = text.find("\n", end)
    after = text[end:newline if newline >= 0 else len(text)]
    words = text[start:end].split()
    if text[start:end].rstrip().endswith((";", ",")) or LIST_MARK.match(text[start:end]):
        return False                      # an item of a list
    if text[start:end].endswith(":") and len(words) > COLON_HEADING_MAX_WORDS:
        return False                      # "The overview of the meeting is as follows:"
    return bool(not before.strip() and not after.strip()
                and 0 < len(words) <= HEADING_MAX_WORDS
                and not SENTENCE_END.search(text[start:end]))
