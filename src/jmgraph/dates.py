"""Dates as texts give them: parse, resolve against a document date, type at their precision.

A ``DateValue`` keeps only what the text says: a year, a year and month, or a full date.
``parse_expression`` reads one date expression (an entity's text such as "last November",
"from February 28 to March 5", "1989.10") and resolves it against the document's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from . import reference

Tense = Literal["past", "future", "present"] | None

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

# Seasons as their first month (northern hemisphere, as in texts about Japan and Mongolia).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
MIN_YEAR, MAX_YEAR = 1800, 2099
# How far a date without a year may lie on the wrong side of the document date before
# it is taken to belong to the neighbouring year ("on December 28" in a January text).
YEAR_ROLLOVER_DAYS = 45


@dataclass(frozen=True, order=True)
class DateValue:
    """A calendar date at the precision a text gives: year, year-month or full date."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            dt.date(self.year, self.month, self.day)  # raises on 30 February

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def xsd_type(self) -> str:
        return {"day": "date", "month": "gYearMonth", "year": "gYear"}[self.precision]

    def covers(self, other: DateValue) -> bool:
        """Is OTHER the same date or a more precise date inside this one?"""
        return self.year == other.year and (
            self.month is None or (self.month == other.month
                                   and (self.day is None or self.day == other.day)))

    def compatible(self, other: DateValue) -> bool:
        return self.covers(other) or other.covers(self)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @classmethod
    def from_iso(cls, text: str) -> DateValue:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    @classmethod
    def from_date(cls, day: dt.date) -> DateValue:
        return cls(day.year, day.month, day.day)


@dataclass(frozen=True)
class DateRange:
    """What one expression denotes: a start and, for ranges, an end."""

    start: DateValue
    end: DateValue | None = None


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _safe(year: int, month: int | None = None, day: int | None = None) -> DateValue | None:
    try:
        return DateValue(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _place_in_year(
    month: int, day: int | None, anchor: DateValue | None, tense: Tense
) -> DateValue | None:
    """A month (and day) with no year: the anchor's year, or a neighbour by the tense."""
    if anchor is None:
        return None
    value = _safe(anchor.year, month, day)
    if value is None:
        return None
    if anchor.month is None:
        return value
    ref = anchor.first_day() if anchor.day else anchor.first_day().replace(day=15)
    delta = (value.first_day() - ref).days
    if tense == "past" and delta > YEAR_ROLLOVER_DAYS:
        return _safe(anchor.year - 1, month, day)
    if tense == "future" and delta < -YEAR_ROLLOVER_DAYS:
        return _safe(anchor.year + 1, month, day)
    return value


# ---------------------------------------------------------------- absolute forms

_ABSOLUTE = [
    # 2020-10-09, 2020/10/09
    (re.compile(rf"^({YEAR_RE})[-/.](\d{{1,2}})[-/.](\d{{1,2}})$"), "ymd"),
    # 1989.10, 2013/03, 2013-03 (tables)
    (re.compile(rf"^({YEAR_RE})[./-](\d{{1,2}})$"), "ym"),
    # 22.10.2015 (the day first, as dotted dates are written in Europe and Mongolia)
    (re.compile(rf"^(\d{{1,2}})\.(\d{{1,2}})\.({YEAR_RE})$"), "dmy dotted"),
    # 06.2012 (a month, dotted)
    (re.compile(rf"^(0[1-9]|1[0-2])\.({YEAR_RE})$"), "my dotted"),
    # October 9, 2020 / Oct. 9 2020 / October 9th, 2020
    (re.compile(rf"^({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({YEAR_RE})$", re.I), "mdy"),
    # 9 October 2020
    (re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE}),?\s+({YEAR_RE})$", re.I),
     "dmy"),
    # October 2020 / Oct. 2020 / October of 2020
    (re.compile(rf"^({MONTH_RE}),?\s+(?:of\s+)?({YEAR_RE})$", re.I), "my"),
    # 2020 October (tables that put the year first)
    (re.compile(rf"^({YEAR_RE}),?\s+({MONTH_RE})$", re.I), "ym words"),
    # 2020 (also "2013~", "2013-"); "late 2022", "mid-2016", "the end of 2021": the year
    (re.compile(rf"^(?:(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]*)?"
                rf"({YEAR_RE})\s*[~\-–]?$", re.I), "y"),
]


# The Japanese calendar: "平成10年5月15日", "2022年11月29日", "令和元年11月" (after NFKC, which
# turns full-width digits into ASCII), and a romanised era year: "Heisei 10", "Reiwa 4".
_JAPANESE = re.compile(r"^(?:(?P<era>[^\W\d_]{2})\s*(?P<n>元|\d{1,2})|(?P<y>\d{4}))\s*年"
                       r"(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"
                       r"(?:\s*[(（][^)）]{1,4}[)）])?$")
_ERA_YEAR = re.compile(r"^(?P<era>[A-Za-zōŌ]+)\s+(?P<n>\d{1,2}|gannen)$", re.I)


def _era_year(era: str, n: str) -> int | None:
    first = reference.japanese_eras().get(era.lower())
    if first is None:
        return None
    return first if n in ("元", "gannen") else first + int(n) - 1


# A romanised era year inside an English date: "August of Heisei 3", "Heisei 22 (2010)"
_ERA_IN_TEXT = re.compile(r"(?:\bof\s+)?\b(?P<era>[A-Z][a-zō]+)\s+(?P<n>\d{1,2}|gannen)\b"
                          r"(?:\s*\((?P<y>\d{4})\)?)?")


def _era_to_year(m: re.Match[str]) -> str:
    year = _era_year(m.group("era"), m.group("n").lower())
    if year is None:
        return m.group(0)
    return m.group("y") or str(year)


def parse_japanese(text: str) -> DateValue | None:
    """A date in the Japanese way of writing: "平成10年5月15日" (1998-05-15), "2022年11月29日
    （火）", "令和元年" (2019), "Heisei 10" (1998)."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _ERA_YEAR.match(t)
    if m:
        year = _era_year(m.group("era"), m.group("n").lower())
        return _safe(year) if year else None
    m = _JAPANESE.match(t)
    if m is None:
        return None
    year = int(m.group("y")) if m.group("y") else _era_year(m.group("era"), m.group("n"))
    if year is None:
        return None
    month, day = m.group("m"), m.group("d")
    return _safe(year, int(month) if month else None, int(day) if day else None)


def parse_absolute(text: str) -> DateValue | None:
    """A date that carries its own year: "October 9, 2020", "1989.10", "2013", ..."""
    if not text.isascii() or text[:1] in "HhRrSsTtMm":
        japanese = parse_japanese(text)
        if japanese is not None:
            return japanese
    t = re.sub(r"\s+", " ", text.strip().strip(",;()")).strip()
    t = re.sub(r"^(?:in|on|of|since|from|by|the year|year)\s+", "", t, flags=re.I)
    for pattern, kind in _ABSOLUTE:
        m = pattern.match(t)
        if not m:
            continue
        g = m.groups()
        if kind == "ymd":
            return _safe(int(g[0]), int(g[1]), int(g[2]))
        if kind == "ym":
            return _safe(int(g[0]), int(g[1]))
        if kind == "dmy dotted":
            return _safe(int(g[2]), int(g[1]), int(g[0]))
        if kind == "my dotted":
            return _safe(int(g[1]), int(g[0]))
        if kind == "mdy":
            return _safe(int(g[2]), _month(g[0]), int(g[1]))
        if kind == "dmy":
            return _safe(int(g[2]), _month(g[1]), int(g[0]))
        if kind == "my":
            return _safe(int(g[1]), _month(g[0]))
        if kind == "ym words":
            return _safe(int(g[0]), _month(g[1]))
        if kind == "y":
            return _safe(int(g[0]))
    return None


# ---------------------------------------------------------------- one point, any form

_QUALIFIER = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|end\s+of|beginning\s+of)[-\s]*"
_POINT_MDY = re.compile(
    rf"^(?:{_QUALIFIER})?({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+({YEAR_RE}))?$", re.I)
_POINT_DMY = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})(?:,?\s+({YEAR_RE}))?$", re.I)
_POINT_MY = re.compile(rf"^(?:{_QUALIFIER})?({MONTH_RE})(?:,?\s+(?:of\s+)?({YEAR_RE}))?$", re.I)
_SEASON = re.compile(
    rf"^(?:(?:early|late|mid)[-\s]*)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?({YEAR_RE}))?$",
    re.I)
_RELATIVE = re.compile(
    r"^(?:(?:earlier|later|early|late|mid|the\s+end\s+of|end\s+of)[-\s]*)?"
    r"(this|next|last|past|previous|coming)\s+(week|month|year|spring|summer|autumn|fall|winter"
    rf"|{MONTH_RE})$",
    re.I)
# A part of a year named before it ("the second half of", "the first quarter of"): the date
# is the year's, at the year's precision.
_PART_OF_YEAR = re.compile(r"^(?:the\s+)?(?:first|second|third|fourth|latter|last|final)\s+"
                           r"(?:half|quarter)\s+of\s+(?:the\s+)?", re.I)
_WEEKDAY = re.compile(r"^(?:(?:this|last|next|early|late|on)\s+)?(monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|"
                      r"night))?$", re.I)
_DAY_ALONE = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)$", re.I)
_WEEKDAY_FIRST = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,\s+(?=\S)", re.I)
# A month (or a day of it) in a year named by its distance from the text's ("November last
# year", "February 10 last year").
_MONTH_OF_RELATIVE_YEAR = re.compile(
    rf"^(?:(?:early|mid|late)[-\s]*)?({MONTH_RE})\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?"
    r"(?:of\s+)?(this|last|next|previous|past)\s+year$", re.I)


def _point(text: str, anchor: DateValue | None, tense: Tense) -> DateValue | None:
    t = re.sub(r"\s+", " ", text.strip().strip(",;()")).strip()
    t = re.sub(r"^(?:in|on|of|since|from|by|during|around|until|till|through|the)\s+", "", t,
               flags=re.I)
    t = re.sub(r"\s+or\s+later$|\s+or\s+earlier$|\s+onwards?$", "", t, flags=re.I)
    t = _PART_OF_YEAR.sub("", t)          # "the second half of this year": the year
    t = _WEEKDAY_FIRST.sub("", t)         # "Thursday, April 9, 2026": the date
    absolute = parse_absolute(t)
    if absolute is not None:
        return absolute
    m = _POINT_MDY.match(t)
    if m:
        month, day, year = _month(m.group(1)), int(m.group(2)), m.group(3)
        if month is None:
            return None
        return _safe(int(year), month, day) if year else _place_in_year(month, day, anchor, tense)
    m = _POINT_DMY.match(t)
    if m:
        day, month, year = int(m.group(1)), _month(m.group(2)), m.group(3)
        if month is None:
            return None
        return _safe(int(year), month, day) if year else _place_in_year(month, day, anchor, tense)
    m = _POINT_MY.match(t)
    if m:
        month, year = _month(m.group(1)), m.group(2)
        if month is None:
            return None
        return _safe(int(year), month) if year else _place_in_year(month, None, anchor, tense)
    m = _SEASON.match(t)
    if m:
        if m.group(2):
            return _safe(int(m.group(2)))
        return _safe(anchor.year) if anchor else None
    m = _RELATIVE.match(t)
    if m and anchor is not None:
        return _relative(m.group(1).lower(), m.group(2).lower(), anchor)
    m = _DAY_ALONE.match(t)
    if m and anchor is not None and anchor.month is not None:
        return _safe(anchor.year, anchor.month, int(m.group(1)))   # "on the 30th"
    m = _MONTH_OF_RELATIVE_YEAR.match(t)
    if m and anchor is not None:           # "November last year", "February 10 last year"
        step = {"this": 0, "next": 1, "last": -1, "previous": -1, "past": -1}[m.group(3).lower()]
        return _safe(anchor.year + step, _month(m.group(1)),
                     int(m.group(2)) if m.group(2) else None)
    m = _WEEKDAY.match(t)
    if m and anchor is not None:
        return _weekday(WEEKDAYS[m.group(1).lower()], anchor, tense)
    m = _AGO.match(t)
    if m and anchor is not None:
        return _ago(m, anchor)
    if re.fullmatch(r"today|this\s+morning|this\s+afternoon|this\s+evening|tonight", t, re.I):
        return anchor
    if re.fullmatch(r"yesterday", t, re.I) and anchor and anchor.day:
        return DateValue.from_date(anchor.first_day() - dt.timedelta(days=1))
    if re.fullmatch(r"tomorrow", t, re.I) and anchor and anchor.day:
        return DateValue.from_date(anchor.first_day() + dt.timedelta(days=1))
    return None


# "five years ago", "two months ago", "Five years ago today" (that very day)
_AGO = re.compile(r"^(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>year|month|week|day)s?\s+ago"
                  r"(?P<today>\s+today)?$", re.I)


def _ago(m: re.Match[str], anchor: DateValue) -> DateValue | None:
    """N units before ANCHOR, at the unit's precision (the day itself after "... today")."""
    word = m.group("n").lower()
    n = 1 if word in ("a", "an", "one") else reference.number_word(word)
    if not n:
        return None
    unit = m.group("unit").lower()
    if unit == "year":
        if m.group("today") and anchor.day is not None:
            return _safe(anchor.year - n, anchor.month, anchor.day)
        return _safe(anchor.year - n)
    if unit == "month" and anchor.month is not None:
        year, month = _shift_month(anchor.year, anchor.month, -n)
        return _safe(year, month)
    if unit in ("week", "day") and anchor.day is not None:
        days = n * (7 if unit == "week" else 1)
        return DateValue.from_date(anchor.first_day() - dt.timedelta(days=days))
    return None


def _relative(which: str, unit: str, anchor: DateValue) -> DateValue | None:
    step = {"this": 0, "coming": 1, "next": 1, "last": -1, "past": -1, "previous": -1}[which]
    if unit == "year":
        return _safe(anchor.year + step)
    if unit in ("month", "week"):
        if anchor.month is None:
            return _safe(anchor.year) if step == 0 else None
        if unit == "week":
            if step == 0:
                return _safe(anchor.year, anchor.month)
            if anchor.day is None:
                return None
            day = anchor.first_day() + dt.timedelta(days=7 * step)
            return _safe(day.year, day.month)
        year, month = _shift_month(anchor.year, anchor.month, step)
        return _safe(year, month)
    if unit in SEASONS:
        return _safe(anchor.year + (step if step else 0))
    month = _month(unit)
    if month is None:
        return None
    # "last November": the latest November before the anchor's month; "next March": the first
    # after it; "this July": July of the anchor's year.
    if step == 0 or anchor.month is None:
        return _safe(anchor.year + (step if anchor.month is None else 0), month)
    if step < 0:
        return _safe(anchor.year if month < anchor.month else anchor.year - 1, month)
    return _safe(anchor.year if month > anchor.month else anchor.year + 1, month)


def _weekday(weekday: int, anchor: DateValue, tense: Tense) -> DateValue | None:
    if anchor.day is None:
        return None
    day = anchor.first_day()
    diff = weekday - day.weekday()
    diff = (diff % 7 or 7) if tense == "future" else -((-diff) % 7)
    return DateValue.from_date(day + dt.timedelta(days=diff))


# ---------------------------------------------------------------- ranges

_RANGE_SAME_MONTH = re.compile(
    rf"^({MONTH_RE})\s+(\d{{1,2}})\s*(?:-|–|to|and|through|until)\s*(\d{{1,2}}),?(?:\s+({YEAR_RE}))?$",
    re.I)
_RANGE_DAYS_FIRST = re.compile(
    rf"^(\d{{1,2}})\s*(?:-|–|to|and)\s*(\d{{1,2}})\s+({MONTH_RE}),?(?:\s+({YEAR_RE}))?$", re.I)
_RANGE_SPLIT = re.compile(r"\s+(?:to|until|till|through)\s+|\s*[–]\s*|\s+-\s+"
                          # a hyphen between a month and a day: "29 November-2 December
                          # 2022", "November 29-December 2, 2022"
                          r"|(?<=[a-z])-(?=\d{1,2}\s)|(?<=\d)-(?=[A-Z][a-z]+\s)", re.I)
# days of one month in figures, dotted: "24-26.05.2018"
_RANGE_DOTTED = re.compile(rf"^(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})\.(\d{{1,2}})\.({YEAR_RE})$")


def parse_expression(text: str, anchor: DateValue | None = None,
                     tense: Tense = None) -> DateRange | None:
    """Read a date expression, resolving relative and partial dates against ANCHOR."""
    t = re.sub(r"\s+", " ", text.strip().strip(",;().")).strip()
    t = _ERA_IN_TEXT.sub(_era_to_year, t)            # "August of Heisei 3": August 1991
    # "only last month", "just in May 2020", "as recently as 2019": the date itself
    t = re.sub(r"^(?:only|just|as (?:early|late|recently) as)\s+(?=\S)", "", t, flags=re.I)
    t = re.sub(r"^(?:from|between|in|on|during|the period)\s+", "", t, flags=re.I)
    m = _RANGE_SAME_MONTH.match(t)
    if m:
        month = _month(m.group(1))
        year = m.group(4)
        if month is None:
            return None
        first = int(m.group(2))
        last = int(m.group(3))
        if year:
            start, end = _safe(int(year), month, first), _safe(int(year), month, last)
        else:
            start = _place_in_year(month, first, anchor, tense)
            end = _safe(start.year, month, last) if start else None
        return DateRange(start, end) if start else None
    m = _RANGE_DOTTED.match(t)
    if m:
        first, last, month, year = (int(g) for g in m.groups())
        start, end = _safe(year, month, first), _safe(year, month, last)
        return DateRange(start, end) if start and end else None
    m = _RANGE_DAYS_FIRST.match(t)
    if m:
        month = _month(m.group(3))
        if month is None:
            return None
        year = m.group(4)
        start = (_safe(int(year), month, int(m.group(1))) if year
                 else _place_in_year(month, int(m.group(1)), anchor, tense))
        end = _safe(start.year, month, int(m.group(2))) if start else None
        return DateRange(start, end) if start else None
    parts = _RANGE_SPLIT.split(t)
    if len(parts) == 2 and all(parts):
        first, second = parts
        end = _point(second, anchor, tense)
        # "February 28 to March 5, 2025": the year written once, at the end.
        start = _point(first, end if end and end.precision != "year" else anchor, tense)
        if start is None and end is not None:
            start = _point(f"{first} {end.year}", anchor, tense)
        if start is not None and end is not None and end < start and end.precision == "day" \
                and not re.search(YEAR_RE, second):
            end = _safe(end.year + 1, end.month, end.day)
        if start is not None:
            return DateRange(start, end)
        return None
    point = _point(t, anchor, tense)
    return DateRange(point) if point else None


def years_in(text: str) -> list[int]:
    """Four-digit years (1800-2099) that stand alone in TEXT."""
    return [int(y) for y in re.findall(rf"(?<![\d.,/-])({YEAR_RE})(?![\d%])", text)]
