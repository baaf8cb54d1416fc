"""Stage 1, read: files -> documents (text, date, title, identity).

Texts saved from the web open with a header of ``Key: value`` lines (``URL: ...``,
``Date: ...``, ``Title: ...``) ended by a blank line.  The header is metadata, not prose:
``Document.text`` keeps the file's text with the header's characters replaced by spaces
(its newlines kept), so that every offset the later stages record still indexes the file.

The document's date comes, in this order, from a ``Date:`` header, a dateline among the
text's first lines, a date in the URL's path, and a year the text speaks of in the present
("2025 marks the 35th anniversary"); with none of these the document is undated.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import quote, urlsplit, urlunsplit

from .. import reference
from ..dates import MONTH_RE, YEAR_RE, DateValue, parse_absolute, parse_japanese
from ..errors import InputError

# The largest file (or record of a JSON lines file) read by default: a long document is
# read section by section (``sections``), so memory hardly grows with it (bench/memory.py:
# a build's peak 0.56 GB for 1 MB, 0.58 GB for 2 MB).
DEFAULT_MAX_BYTES = 10_000_000
# The dateline is looked for in this many first non-empty lines.
DATELINE_WINDOW = 8
TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 3
# A newswire dateline without a year ("Ulan Bator, Oct. 22 (Jiji Press)--") is on, or
# shortly before, the date the page was posted; it may be this many days after it (a page
# posted in another time zone).
DATELINE_AFTER_POSTED_DAYS = 2
# Years a web address can carry (htmldate takes the same range).
URL_MIN_YEAR = 1990


@dataclass(frozen=True)
class Document:
    """A source text and what is known about it before any NLP."""

    doc_id: str          # from its path in the corpus: its identity (``document_id``)
    file_name: str       # its path in the corpus ("visit.txt", "2024/visit.txt")
    text: str            # the file's text, its metadata header blanked out (same offsets)
    sha256: str
    title: str
    date: DateValue | None
    # "header", "dateline", "url", "dateline, year from ..." (header, posting date, url),
    # "dateline, year inferred from text", "inferred from text", or "none"
    date_source: str
    place: str | None = None     # where a newswire dateline says it was written ("TOKYO")
    url: str | None = None       # the page's address (an IRI), from the header
    source: str | None = None    # the outlet the header names ("Source: Jiji Press")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the readable part of an IRI."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


# ---------------------------------------------------------------- identity

# A file at the top of the corpus named so (lower-case ASCII letters and digits, words
# joined by "-" or "_", ".txt", up to 200 characters before it) keeps the id it has always
# had, its stem with "_" read as "-" ("seed-01-mofa.txt" -> seed-01-mofa, "000_ca6a.txt"
# -> 000-ca6a): the only names two of which can share an id ("a-b.txt" and "a_b.txt"; the
# one read second is refused).  Every other path's id is a readable slug and a digest of
# the path, after "_" (which no slug holds): "visit a.txt" -> visit-a_44cd536669,
# "sub/visit a.txt" -> sub-visit-a_1bb6c5cc8e, "日本.txt" -> 日本_0e5c846452.
_PLAIN_NAME = re.compile(r"(?=.{1,200}\.txt$)[a-z0-9]+(?:[-_][a-z0-9]+)*\.txt")
PATH_DIGEST_CHARS = 10
# The readable part of an id is cut to this many characters (a name of 255 bytes holds
# it, in four-byte characters, with the digest and the cache's ".json.gz.tmp").
ID_SLUG_MAX_CHARS = 48


def document_slug(text: str) -> str:
    """TEXT's words in lower case joined by hyphens, letters of every script kept as
    written ("日本", "монгол", "ülaanbaatar"); "x" when it has none."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).lower())
    slug = "-".join(words)[:ID_SLUG_MAX_CHARS].strip("-")
    return unicodedata.normalize("NFC", slug) or "x"


def document_id(path: str) -> str:
    """The id of the document at PATH in the corpus ("sub/visit a.txt", "/"-separated):
    two paths never share one (but for the plain names above), whatever their spaces,
    hyphens, case, folders or script."""
    path = unicodedata.normalize("NFC", path)
    if _PLAIN_NAME.fullmatch(path):
        return path.removesuffix(".txt").replace("_", "-")
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:PATH_DIGEST_CHARS]
    pure = PurePosixPath(path)
    readable = str(pure.with_suffix("")) if pure.suffix else path
    return f"{document_slug(readable)}_{digest}"


# ---------------------------------------------------------------- metadata header

# The keys a header line may have (compared in lower case, "-" and "_" read as spaces).
URL_KEYS = ("url", "link", "source url", "original url", "canonical url", "permalink")
DATE_KEYS = ("date", "published", "publication date", "date published", "published date",
             "published on", "pubdate", "issued", "posted", "posted on")
TITLE_KEYS = ("title", "headline")
SOURCE_KEYS = ("source", "publisher", "site", "site name", "outlet", "agency", "newspaper")
HEADER_KEYS = frozenset({
    *URL_KEYS, *DATE_KEYS, *TITLE_KEYS, *SOURCE_KEYS,
    "author", "authors", "byline", "updated", "modified", "last modified", "date modified",
    "language", "lang", "retrieved", "accessed", "saved", "downloaded", "section",
    "category", "tags", "keywords"})
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{0,30}?)\s*:[ \t]*(?P<value>.*)$")


@dataclass(frozen=True)
class Header:
    """The ``Key: value`` lines a file opens with: fields by lower-case key (the first of
    each), and the length of the header with the blank line ending it."""

    fields: dict[str, str]
    length: int

    def get(self, keys: Iterable[str]) -> str | None:
        return next((self.fields[k] for k in keys if self.fields.get(k)), None)


def _header_key(line: str) -> tuple[str, str] | None:
    m = _HEADER_LINE.match(line)
    if m is None:
        return None
    key = re.sub(r"[\s_-]+", " ", m.group("key").strip().lower())
    return (key, m.group("value").strip()) if key in HEADER_KEYS else None


def read_header(text: str) -> Header:
    """The metadata header TEXT opens with: ``Key: value`` lines of known keys ended by a
    blank line (none when the text does not open so)."""
    fields: dict[str, str] = {}
    length = 0
    for line in text.split("\n"):
        if not line.strip():
            if fields:                       # the blank line ending the header
                return Header(fields, min(length + len(line) + 1, len(text)))
            break
        found = _header_key(line)
        if found is None:
            break
        fields.setdefault(*found)
        length += len(line) + 1
    return Header({}, 0)


def blank_header(text: str, header: Header) -> str:
    """TEXT with the header's characters replaced by spaces and its newlines kept: the
    NLP does not read it, and every offset still indexes the file's text."""
    return re.sub(r"[^\n]", " ", text[:header.length]) + text[header.length:]


_IRI_SAFE = {"netloc": "!$&'()*+,;=:@[]%-._~", "path": "!$&'()*+,;=:@/%-._~",
             "query": "!$&'()*+,;=:@/?%-._~"}


# [user[:password]@]host[:port], the host a name or an IP literal
_NETLOC = re.compile(r"^(?:[^@/\[\]]*@)?(?:[^@/:\[\]]+|\[[0-9A-Fa-f:.]+\])(?::\d*)?$")


def _iri_part(text: str, part: str) -> str:
    """TEXT with the ASCII characters an IRI may not hold in PART percent-encoded
    (letters of other scripts are kept: an IRI may hold them)."""
    safe = _IRI_SAFE[part]
    return "".join(c if _iri_char(c, safe) else quote(c, safe="") for c in text)


def _iri_char(c: str, safe: str) -> bool:
    if c.isascii():
        return c.isalnum() or c in safe
    return c.isprintable() and not c.isspace()


def normalise_url(value: str) -> str | None:
    """A header's URL as an absolute IRI (characters no IRI may hold percent-encoded; a
    bare "www.host/page" taken as http), or None for no address at all."""
    value = value.strip().strip("<>").strip()
    if not value:
        return None
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value):
        if not re.match(r"^[\w-]+(?:\.[\w-]+)+(?:[/?#:]|$)", value):
            return None
        value = "http://" + value
    value = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", value)    # a stray "%"
    try:
        parts = urlsplit(value)
    except ValueError:                 # "http://[::1/": no address
        return None
    netloc = _iri_part(parts.netloc, "netloc")
    if not _NETLOC.match(netloc):      # no host, a port that is no number, ...
        return None
    return urlunsplit((parts.scheme.lower(), netloc,
                       _iri_part(parts.path, "path"), _iri_part(parts.query, "query"),
                       _iri_part(parts.fragment, "query")))


# ---------------------------------------------------------------- dates in the URL

_URL_YEAR_MONTH = re.compile(
    rf"/(?P<year>{YEAR_RE})(?:[/_.-](?P<month>\d{{1,2}})|(?P<month2>\d{{2}})(?P<day2>\d{{2}})?)"
    r"(?=[/_.-]|$)")


def _day_stands_alone(url: str, date: DateValue) -> bool:
    """Whether the URL writes DATE's day as a number of its own ("/2024/08/05/", not the
    "5" opening "/2024/08/5c2b7e1f..." an article's hash)."""
    y, m, d = date.year, date.month or 0, date.day or 0
    return re.search(rf"{y}[/_.-]?0?{m}[/_.-]?0?{d}(?![0-9A-Za-z])", urlsplit(url).path) is not None


def date_from_url(url: str | None) -> DateValue | None:
    """The date a web address's path gives, at its precision: "/2013/09/30/..." a day,
    "/2024/08/...", "/202408/...", "/201110_..." a month.  Full dates are htmldate's (which
    reads the address only: nothing is fetched); the year-month forms, which it does not
    read, are matched here."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date  # imported when a URL needs it
    from htmldate.utils import Extractor

    options = Extractor(extensive=False, max=dt.datetime(2099, 12, 31),
                        min=dt.datetime(URL_MIN_YEAR, 1, 1), original=True, format="%Y-%m-%d")
    found = extract_url_date(url, options)
    if found and _day_stands_alone(url, DateValue.from_iso(found)):
        return DateValue.from_iso(found)
    for m in _URL_YEAR_MONTH.finditer(urlsplit(url).path):
        year, month = int(m.group("year")), int(m.group("month") or m.group("month2"))
        day = int(m.group("day2")) if m.group("day2") else None
        if year < URL_MIN_YEAR:
            continue
        try:
            return DateValue(year, month, day)
        except ValueError:
            continue
    # an article number that opens with its day: "AJ201101110041", "k=2012032300742"
    for m in _URL_STAMP.finditer(url):
        try:
            found_day = DateValue(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if found_day.year >= URL_MIN_YEAR:
            return found_day
    return None


# An article number in a URL that begins with its date: letters, "=" or "/" before it,
# none or three to six more digits after it ("AJ201101110041", "idUSBRE92T03L20130330",
# "/20130331p2g00m0dm008000c").
_URL_STAMP = re.compile(rf"(?:(?<=[A-Za-z=])|(?<=[A-Za-z]_)|(?<=/))(?P<y>{YEAR_RE})"
                        r"(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{3,6})?(?![0-9])")


# ---------------------------------------------------------------- datelines

_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_TIME = r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)"
# a time as in "2021-07-26 17:28:23", "2024-02-29T19:22:00+09:00" (case-sensitive)
_CLOCK = r"(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4}))?)"
_MDY = rf"{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR_RE}"
_DMY = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE},?\s+{YEAR_RE}"
_YMD = rf"{YEAR_RE}(?P<sep>[-./])\d{{1,2}}(?P=sep)\d{{1,2}}"
_DATELINE_FORMS = [
    # a range of days, dated by its first (the day the report opens with): "Saturday, March
    # 30, 2013 - Sunday, March 31, 2013"
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?P<date>{_MDY}|{_DMY})\s*[-–—]\s*(?:{_WEEKDAY},?\s+)?"
               rf"(?:{_MDY}|{_DMY})\.?$", re.I),
    # "October 9, 2020", "Tuesday, March 28, 2006", "17:04 JST, August 5, 2024",
    # "Aug. 5, 2024 17:04 JST", "9 October 2020"
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?:{_TIME},?\s+)?(?P<date>{_MDY}|{_DMY})"
               rf"(?:,?\s+(?:[-–—|]\s*)?{_TIME})?\.?$", re.I),
    # "2024-08-05", "2021-07-26 17:28:23", "2024.02.29 19:22", "2024.02.29 19:22Nation" (a
    # section's name glued to it)
    re.compile(rf"^(?P<date>{_YMD})"
               rf"(?:(?:T|\s+|-){_CLOCK}(?:\s*[A-Z][A-Za-z&]*)?)?"
               r"(?:\s+(?:[|·•]\s*)?[A-Z][A-Za-z&]*(?:[ ,]+[A-Z][A-Za-z&]*){0,2}"
               r"|\s*[|·•]\s*[^|]{0,40})?$"),      # "2011.12.09  |  Views: 412"
    # the day first, dotted: "22.10.2015 | 24 photos", "07.06.2021 | By A.B | 6 min read"
    re.compile(rf"^(?P<date>\d{{1,2}}\.\d{{1,2}}\.{YEAR_RE})(?:\s+{_CLOCK})?"
               r"(?:\s*[|·•–—-]\s*.{0,60})?$"),
    # an agency in brackets before the date: "(AFP) – Nov 19, 2010"
    re.compile(rf"^\([A-Z][A-Za-z .&-]{{1,30}}\)\s*[-–—:]\s*(?P<date>{_MDY}|{_DMY})$", re.I),
    # a source line with the date between separators: "KYODO NEWS - Aug 9, 2024 - 12:31 |
    # Politics, All", "ULAANBAATAR | Sat Mar 30, 2013 8:41am EDT"
    re.compile(rf"^[A-Z][A-Za-z .&]{{1,30}}\s+[-–—|·]\s+(?:{_WEEKDAY},?\s+)?"
               rf"(?P<date>{_MDY}|{_DMY})(?:,?\s+{_TIME})?"
               rf"(?:\s+[-–—|·].{{0,60}})?$", re.I),
    # US style with the month first: "10/23/2015 - 01:39", "Fri, 10/23/2015 - 01:39"
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?P<mdy>\d{{1,2}}/\d{{1,2}}/{YEAR_RE})"
               rf"(?:\s*[-–—,|]?\s*{_TIME})?$", re.I),
    # a month and year alone: "February 2001" (``find_datelines`` also reads "February" and
    # "2001" on lines of their own)
    re.compile(rf"^(?P<date>{MONTH_RE},?\s+{YEAR_RE})$", re.I),
    # "Published: October 9, 2020", "Updated on 9 October 2020", a scraper's
    # "date 2022-12-01 News from Japan"
    re.compile(rf"^(?:published|posted|updated|date)\s*(?:on)?\s*:?\s*"
               rf"(?P<date>(?:{MONTH_RE}\s+\d{{1,2}},?|\d{{1,2}}\s+{MONTH_RE},?)\s+{YEAR_RE}"
               rf"|{_YMD})(?![\d./-])", re.I),
    # a byline ending with the date: "By Jane Doe, Senior Fellow, 12 January 2021",
    # "By Staff Writer | January 12, 2021"
    re.compile(rf"^by\s+[^\n]{{1,80}}?\s*[,|·•–—-]\s*(?P<date>(?:{MONTH_RE}\s+\d{{1,2}},?|"
               rf"\d{{1,2}}\s+{MONTH_RE},?)\s+{YEAR_RE})\.?$", re.I),
    # newswire: "TOKYO, Aug. 5, 2024 (Kyodo) -", "ULAANBAATAR, March 3 (Reuters) --",
    # "Ulaanbaatar, May 14, 2025 /MONTSAME/.", "Tokyo, 30 November 2022 (TDI):"
    re.compile(rf"^(?P<place>[A-Z][A-Z .'-]+),\s+(?P<date>{MONTH_RE}\s+\d{{1,2}}(?:,?\s+{YEAR_RE})?"
               rf"|\d{{1,2}}\s+{MONTH_RE}(?:,?\s+{YEAR_RE})?)"
               r"\s*(?:(?:\([^)]*\))?\s*[-–—:]|/[^/\n]{2,40}/)", re.I),
    # a place and a full date alone on their line: "Tokyo, 3 March 2027", or the date
    # first: "29 November 2022, Tokyo"
    re.compile(rf"^(?P<place>[A-Z][A-Z .'-]+),\s+(?P<date>{_MDY}|{_DMY})\.?$", re.I),
    re.compile(rf"^(?P<date>{_MDY}|{_DMY}),\s+(?P<place>[A-Z][A-Za-z .'-]{{1,30}})$", re.I),
]
_MONTH_ALONE = re.compile(rf"^{MONTH_RE}$", re.I)
_YEAR_ALONE = re.compile(rf"^{YEAR_RE}$")
_MONTH_DAY = re.compile(rf"({MONTH_RE})\s+(\d{{1,2}})|(\d{{1,2}})\s+({MONTH_RE})", re.I)
_PRESENT_YEAR = re.compile(
    rf"\b(?P<year>{YEAR_RE})\s+(?:marks|celebrates|commemorates)\b"
    rf"|\bthis\s+year\s*\(\s*(?P<year2>{YEAR_RE})\s*\)", re.I)


_ANNIVERSARY_YEAR = re.compile(
    rf"\bthis\s+year\s+(?:marks|is|celebrates)\s+the\s+(?P<nth>\d{{1,3}})(?:st|nd|rd|th)\s+"
    rf"anniversary\b[^.]{{0,80}}?\b(?:in|of)\s+(?P<year>{YEAR_RE})\b", re.I)

# "the 45th anniversary of diplomatic ties ... is being marked this year", "this year marks
# the 50th anniversary of the establishment of diplomatic relations"
_RELATIONS_ANNIVERSARY = re.compile(
    r"\b(?P<nth>\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?"
    r"(?:establishment\s+of\s+)?(?:the\s+)?(?:bilateral\s+)?diplomatic\s+(?:relations|ties)\b",
    re.I)
_THIS_YEAR = re.compile(r"\bthis\s+year\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+")


@dataclass(frozen=True)
class Dateline:
    """A line near the top giving the document's date (or only a month and day)."""

    text: str                                   # the line(s) as written, stripped
    date: DateValue | None                      # None: a month and day without a year
    month_day: tuple[int, int] | None = None    # of a dateline without a year
    place: str | None = None                    # a newswire dateline's place


def _us_date(text: str, weekday: str | None = None, day_first: bool = False
             ) -> DateValue | None:
    """A date in figures with slashes: "10/23/2015" month first, "23/10/2015" (no 23rd
    month) day first; when both read, the one on the WEEKDAY the line gives ("Wed,
    03/06/2013"), else month first unless DAY_FIRST (a site of a country that writes the
    day first: "06/02/2024" on a Mongolian site)."""
    first, second, year = (int(p) for p in text.split("/"))
    readings = []
    for month, day in ((first, second), (second, first)):
        try:
            readings.append(DateValue(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        named = [d for d in readings
                 if d.first_day().strftime("%a").lower() == weekday[:3].lower()]
        readings = named or readings
    if len(readings) == 2 and readings[0] != readings[1] and day_first:
        return readings[1]
    return readings[0] if readings else None


def day_first_site(url: str | None) -> bool:
    """Whether the site a URL names writes dates day first: a country's own domain
    ("parliament.mn"), not the United States' or a generic one (".com", ".org")."""
    host = (urlsplit(url).hostname or "") if url else ""
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return len(tld) == 2 and tld not in MONTH_FIRST_DOMAINS


# Country domains whose sites write a date's month first
MONTH_FIRST_DOMAINS = frozenset({"us"})


def _month_day(text: str) -> tuple[int, int] | None:
    m = _MONTH_DAY.search(text)
    if m is None:
        return None
    month = parse_absolute(f"{m.group(1) or m.group(4)} 2000")
    day = int(m.group(2) or m.group(3))
    return (month.month, day) if month and month.month else None


def _dateline(line: str, day_first: bool = False) -> Dateline | None:
    if not line.isascii():                          # "平成10年5月15日", "2022年11月29日（火）"
        japanese = parse_japanese(line)
        if japanese is not None:
            return Dateline(line, japanese)
    for form in _DATELINE_FORMS:
        m = form.match(line)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("mdy"):
            weekday = re.match(_WEEKDAY, line, re.I)
            date = _us_date(groups["mdy"], weekday.group(0) if weekday else None, day_first)
            return Dateline(line, date) if date else None
        date = parse_absolute(m.group("date"))
        place = groups.get("place")
        if place is not None and (parse_absolute(place) or MONTH_ONLY.match(place)
                                  or re.fullmatch(_WEEKDAY, place, re.I)):
            place = None
        if date is None:
            month_day = _month_day(m.group("date"))
            return Dateline(line, None, month_day, place) if month_day else None
        return Dateline(line, date, None, place)
    return None


def find_datelines(lines: list[str], day_first: bool = False) -> list[Dateline]:
    """The datelines among the first DATELINE_WINDOW non-empty LINES, in order."""
    stripped = [s for s in (ln.strip() for ln in lines) if s][:DATELINE_WINDOW]
    found: list[Dateline] = []
    for i, line in enumerate(stripped):
        nxt = stripped[i + 1] if i + 1 < len(stripped) else ""
        if _MONTH_ALONE.match(line) and _YEAR_ALONE.match(nxt):     # "February" / "2001"
            date = parse_absolute(f"{line} {nxt}")
            if date:
                found.append(Dateline(f"{line}\n{nxt}", date))
            continue
        dateline = _dateline(line, day_first) or _masthead_date(line) or \
            _date_cell(line, day_first)
        if dateline:
            found.append(dateline)
    return found


# A weekday and a full date inside a short line of the page's head: a newspaper's masthead,
# "No. 9 (300)  *  Wednesday, March 5, 1997"
_MASTHEAD_DATE = re.compile(rf"(?:^|[\s*|•·–-]){_WEEKDAY},?\s+(?P<date>{_MDY}|{_DMY})\s*$",
                            re.I)
MASTHEAD_MAX_WORDS = 12


# A page's info line of cells between bars: "Politics | 2023-05-16 | 14:07"
INFO_CELLS = re.compile(r"\s[|•·]\s")
INFO_MAX_CELLS = 6
INFO_CELL_MAX_WORDS = 5


def _date_cell(line: str, day_first: bool) -> Dateline | None:
    """The day a cell of a short info line gives ("Politics | 2023-05-16 | 14:07")."""
    cells = [c.strip() for c in INFO_CELLS.split(line)]
    if not 1 < len(cells) <= INFO_MAX_CELLS or \
            any(len(c.split()) > INFO_CELL_MAX_WORDS for c in cells):
        return None
    for cell in cells:
        found = _dateline(cell, day_first)
        if found is not None and found.date is not None and found.date.precision == "day":
            return Dateline(line, found.date)
    return None


def _masthead_date(line: str) -> Dateline | None:
    m = _MASTHEAD_DATE.search(line)
    if m is None or len(line.split()) > MASTHEAD_MAX_WORDS:
        return None
    date = parse_absolute(m.group("date"))
    return Dateline(line, date) if date is not None and date.precision == "day" else None


def find_dateline(lines: list[str]) -> tuple[DateValue | None, str | None]:
    """The document's date from the first dateline near the top, and the dateline's text
    (a dateline without a year gives no date)."""
    found = find_datelines(lines)
    return (found[0].date, found[0].text) if found else (None, None)


DATELINE_PLACE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'-]*[A-Za-z]),\s")
# A newspaper's place line with no date: "ULAN BATOR — Prime Minister ...", "TOKYO (Kyodo) --"
PLACE_LINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]*[A-Z])\s*(?:—|–|--|\()")


def place_line(lines: list[str]) -> str | None:
    """The place of a report that opens a line in capitals before a dash ("ULAN BATOR —
    Prime Minister X ..."), when it is a known place, among the text's first lines."""
    for line in [s for s in (ln.strip() for ln in lines) if s][:DATELINE_WINDOW]:
        m = PLACE_LINE.match(line)
        if m and reference.country_any(m.group("place").title()) is not None:
            return m.group("place")
    return None


def dateline_place(dateline: str | None) -> str | None:
    """The place a newswire dateline opens with ("TOKYO, Nov. 29, 2022 (Kyodo) --"), if
    it has one (a bare date, "October 9, 2020", has none)."""
    m = DATELINE_PLACE.match(dateline or "")
    if m is None or parse_absolute(m.group("place")) or MONTH_ONLY.match(m.group("place")) \
            or re.fullmatch(_WEEKDAY, m.group("place"), re.I):
        return None
    return m.group("place")


MONTH_ONLY = re.compile(rf"^{MONTH_RE}\s*\d*$", re.I)


def infer_year(text: str) -> int | None:
    """The year an undated text speaks of in the present ("2025 marks the 35th
    anniversary", "this year (2025)"), if it says one.  The latest year a text mentions is
    no date of it: it may be a past year as well as a plan's."""
    m = _PRESENT_YEAR.search(text)
    if m:
        return int(m.group("year") or m.group("year2"))
    m = _ANNIVERSARY_YEAR.search(text)        # "this year marks the 10th anniversary of
    if m:                                     # the signing, in 2015, of ..."
        return int(m.group("year")) + int(m.group("nth"))
    return _relations_anniversary_year(text)


def _relations_anniversary_year(text: str) -> int | None:
    """The year of "this year marks the 45th anniversary of diplomatic relations": the
    year the pair's relations began and the anniversary's number, when the sentence names
    neither a year nor a state outside the pair."""
    pair = set(reference.pair())
    for sentence in _SENTENCE.finditer(text):
        said = sentence.group()
        m = _RELATIONS_ANNIVERSARY.search(said)
        if m is None or not _THIS_YEAR.search(said) or re.search(rf"\b{YEAR_RE}\b", said):
            continue
        others = {c.key for word in re.findall(r"[A-Z][a-z]+", said)
                  if (c := reference.country_any(word)) is not None} - pair
        if not others:
            return reference.pair_relations_since() + int(m.group("nth"))
    return None


def year_for(month: int, day: int, reference: DateValue) -> DateValue | None:
    """A dateline's month and day in the year that puts it on or shortly before
    REFERENCE, the date the page gives elsewhere."""
    try:
        same = DateValue(reference.year, month, day)
    except ValueError:                                   # 29 February
        same = None
    if reference.month is None:
        return same
    latest = reference.last_day() + dt.timedelta(days=DATELINE_AFTER_POSTED_DAYS)
    if same is not None and same.first_day() <= latest:
        return same
    try:
        return DateValue(reference.year - 1, month, day)
    except ValueError:
        return None


def date_header(value: str | None) -> DateValue | None:
    """A ``Date:`` header's date: "2020-10-09", "2020-10-09T10:30:00+09:00", "October 9,
    2020", "Fri, 10/23/2015", "2013-03", ..."""
    if not value:
        return None
    value = value.strip()
    date = parse_absolute(value)
    if date is not None:
        return date
    m = re.match(rf"^(?P<date>{_YMD})[T\s]", value)
    if m:
        return parse_absolute(m.group("date"))
    m = re.match(rf"^(?:{_WEEKDAY},?\s+)?(?P<date>{_MDY}|{_DMY})\b", value, re.I)
    if m:
        return parse_absolute(m.group("date"))
    dateline = _dateline(value)
    return dateline.date if dateline else None


# A saved encyclopedia page's reference marks and edit links: "1972.[1]", "visits[edit]"
REFERENCE_MARK = re.compile(r"\[(?:\d{1,3}|[a-z]|edit|citation needed|note \d{1,3})\]")


def blank_reference_marks(text: str) -> str:
    """The text with reference marks and edit links blanked (offsets kept): they are page
    furniture, and glued to a date ("24 February 1972.[1]") they hide it."""
    return REFERENCE_MARK.sub(lambda m: " " * len(m.group()), text)


# A heading over links to other pages: "Related press releases", "See also", "More stories"
SIDEBAR_HEADING = re.compile(
    r"^\s*(?:related(?:\s+\w+){0,2}|see\s+also|more\s+(?:stories|news|articles)|other\s+news|"
    r"latest\s+news|recommended(?:\s+\w+)?|read\s+more|you\s+may\s+also\s+like|"
    r"most\s+(?:read|popular)|back\s+to\s+\w+(?:\s+\w+)?)\s*:?\s*$", re.I)
# A line this long is prose again: the list of links has ended.
SIDEBAR_LINE_MAX_WORDS = 20


def blank_sidebars(text: str) -> str:
    """The text with the lists of links to other pages blanked (offsets kept): a heading
    such as "Related press releases" and the short lines under it are page furniture, and
    the other pages' titles ("Signing of Grant Agreement with ...") state nothing here."""
    lines = text.split("\n")
    blanking = False
    for n, line in enumerate(lines):
        if SIDEBAR_HEADING.match(line):
            blanking = True
        elif blanking and len(line.split()) > SIDEBAR_LINE_MAX_WORDS:
            blanking = False
        if blanking:
            lines[n] = " " * len(line)
    return "\n".join(lines)


def document_date(header: Header, datelines: list[Dateline], url: str | None,
                  text: str) -> tuple[DateValue | None, str]:
    """The document's date and where it was found (``Document.date_source``)."""
    given = date_header(header.get(DATE_KEYS))
    if given is not None and given.precision == "day":
        return given, "header"
    full = next((d.date for d in datelines if d.date is not None), None)
    url_date = date_from_url(url)
    year = infer_year(text)
    yearless = next((d.month_day for d in datelines if d.month_day), None)
    if yearless is not None:
        for reference, source in ((given, "header"), (full, "posting date"),
                                  (url_date, "url"),
                                  (DateValue(year) if year else None, "")):
            if reference is None:
                continue
            date = year_for(*yearless, reference)
            if date is not None:
                return date, (f"dateline, year from {source}" if source
                              else "dateline, year inferred from text")
    if given is not None:
        return given, "header"
    if full is not None:
        return full, "dateline"
    if url_date is not None:
        return url_date, "url"
    return (DateValue(year), "inferred from text") if year else (None, "none")


# ---------------------------------------------------------------- title

# Page furniture: lines of a saved page that are no title.
_BREADCRUMB = re.compile(r"\s[>»›]\s")
_FURNITURE = re.compile(
    r"^(?:[\w .'-]{1,20}\s*:|\d+|\S+@\S+\.\w+|\(?photos?\b.*|(?:.*(?:\s{2}|[|>»›]))?\s*"
    r"(?:top|home|menu)|.*[-–|]\s*(?:english|japanese|mongolian)|.*-icon)$", re.I)


def is_furniture(line: str, crumbs: set[str]) -> bool:
    """A line of the page's frame rather than of its story: a label with no value ("ID :"),
    a number, an e-mail address, a photo credit, navigation ("Top > News > ...", a line
    ending in "TOP", a section named in the breadcrumb trail, a site's name and language,
    icons), or a line with no Latin letter."""
    return bool(_FURNITURE.match(line) or _BREADCRUMB.search(line) or _MENU.match(line)
                or line.lower() in crumbs or not re.search(r"[A-Za-z]", line))


# A menu: three or more items of a word or two set apart by wide spaces ("Politics  Economy
# Society  World")
_MENU = re.compile(r"^\S+(?: \S+)?(?:\s{2,}\S+(?: \S+)?){2,}$")


def find_title(lines: list[str], dateline: str | Iterable[str] | None) -> str:
    """The first line of the text that reads as a title: not a dateline nor page
    furniture, and of TITLE_MIN_WORDS words (else the first line left)."""
    skip = {dateline} if isinstance(dateline, str) else set(dateline or ())
    skip = {part for text in skip for part in text.split("\n")}
    stripped = [ln.strip() for ln in lines if ln.strip()]
    crumbs = {part.strip().lower() for ln in stripped if _BREADCRUMB.search(ln)
              for part in _BREADCRUMB.split(ln)}
    candidates = [ln for ln in stripped if ln not in skip and not is_furniture(ln, crumbs)][:5]
    for line in candidates:
        if len(line.split()) >= TITLE_MIN_WORDS:
            return line[:TITLE_MAX_CHARS]
    return candidates[0][:TITLE_MAX_CHARS] if candidates else ""


def _utf16(data: bytes) -> str | None:
    """The UTF-16 encoding DATA is in, by its byte order mark or, without one, by the
    zero bytes of its first characters (Latin letters: every other byte, one in two at
    least); None for none."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096 - (min(len(data), 4096) % 2)]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if 2 * odd.count(0) >= len(odd) and 0 not in even:      # mostly Latin, little-endian
        return "utf-16-le"
    if 2 * even.count(0) >= len(even) and 0 not in odd:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), or UTF-16 (as Windows' Notepad saves
    "Unicode"); anything else is refused clearly."""
    if (utf16 := _utf16(data)) is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 (it opens as UTF-16 does); convert "
                             "it, e.g. 'iconv -f utf-16 -t utf-8'") from None
        if "\x00" not in text[:4096]:
            return text.replace("\r\n", "\n").replace("\r", "\n")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not text; "
                         "give a plain-text (.txt) file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{name}: line {line}: not valid UTF-8 (byte 0x{data[err.start]:02x}); "
            "convert it, e.g. 'iconv -f cp1252 -t utf-8'"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_document(file_name: str, data: bytes) -> Document:
    """Build a Document from a file's bytes and its path in the corpus, FILE_NAME (its
    identity; the unit tests call this directly), read as its suffix says: a web page
    (``.html``, ``.htm``), Markdown (``.md``, ``.markdown``), else text."""
    kind = file_kind(file_name)
    if kind == "html":
        return html_document(file_name, data)
    if kind == "markdown":
        return markdown_document(file_name, data)
    text = decode(data, file_name)
    if not text.strip():
        raise InputError(f"{file_name}: the file is empty; nothing to read")
    header = read_header(text)
    text = blank_header(text, header)
    return _document(file_name, document_id(file_name), hashlib.sha256(data).hexdigest(), text,
                     header, "only a header of 'Key: value' lines; no text after it")


def _document(file_name: str, doc_id: str, sha256: str, text: str, header: Header,
              nothing_left: str) -> Document:
    """The Document of TEXT (its metadata out of it), with what HEADER says of it (a
    file's header, a page's or a record's metadata)."""
    text = blank_reference_marks(text)
    text = blank_sidebars(text)
    if not text.strip():
        raise InputError(f"{file_name}: {nothing_left}")
    lines = text.split("\n")
    url = normalise_url(header.get(URL_KEYS) or "")
    datelines = find_datelines(lines, day_first_site(url))
    date, date_source = document_date(header, datelines, url, text)
    title = header.get(TITLE_KEYS)
    return Document(
        doc_id=doc_id,
        file_name=file_name,
        text=text,
        sha256=sha256,
        title=title[:TITLE_MAX_CHARS] if title else find_title(lines, [d.text for d in datelines]),
        date=date,
        date_source=date_source,
        place=next((d.place for d in datelines if d.place), None) or place_line(lines),
        url=url,
        source=header.get(SOURCE_KEYS),
    )


# ---------------------------------------------------------------- other formats

# The files a corpus reads, by suffix (in any case).
SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
            ".htm": "html", ".jsonl": "records"}


def file_kind(name: str) -> str | None:
    """How a file so named is read ("text", "markdown", "html", "records"), None when a
    corpus does not read it."""
    lower = name.lower()
    return next((kind for suffix, kind in SUFFIXES.items()
                 if lower.endswith(suffix) and len(lower) > len(suffix)), None)


def _metadata(values: dict[str, object]) -> Header:
    """A header of the metadata VALUES (by key, as a header's: "url", "date", ...)."""
    return Header({k: str(v).strip() for k, v in values.items()
                   if isinstance(v, str | int | float) and str(v).strip()}, 0)


def html_document(file_name: str, data: bytes) -> Document:
    """A saved web page: its main text, title, date and canonical URL as trafilatura
    finds them (the date from the page's metadata only: a date in the text is read as in
    any text).  Offsets index the main text."""
    import trafilatura  # imported when a page is read

    try:
        page = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except (ValueError, TypeError) as err:    # not a page lxml can read
        raise InputError(f"{file_name}: not a web page that can be read ({err})") from None
    if page is None or not (page.text or "").strip():
        raise InputError(f"{file_name}: no main text found in the page; save the article's "
                         "page, or its text as .txt")
    header = _metadata({"url": page.url, "date": page.date, "title": page.title,
                        "source": page.sitename})
    text = page.text.replace("\r\n", "\n").replace("\r", "\n")
    return _document(file_name, document_id(file_name), hashlib.sha256(data).hexdigest(), text,
                     header, "no main text found in the page")


# Markdown's marks, blanked (offsets kept: a mark becomes spaces, or a tab between a
# table's cells): front matter, fenced code, link targets, heading marks, emphasis, ...
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_MARKDOWN_BLANKED = [re.compile(p, re.M) for p in (
    r"^[ \t]*(?:```|~~~).*?(?:^[ \t]*(?:```|~~~)[^\n]*$|\Z)",  # a fenced block of code
    r"<!--.*?-->",                                  # comments
    r"!\[[^\]\n]*\]\([^)\n]*\)",                    # images
    r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$",           # link definitions
    r"(?<![\w\]])\[(?=[^\]\n]*\](?:\(|\[))",          # a link's "["
    r"\]\([^)\n]*\)|\]\[[^\]\n]*\]",                 # a link's target: "[text](url)"
    r"</?[A-Za-z][^>\n]*>",                         # HTML tags
    r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)|[ \t]+#+[ \t]*$",   # heading marks
    r"^[ \t]{0,3}(?:[=-][ \t]*){3,}$|^[ \t]{0,3}(?:[*_][ \t]*){3,}$",  # rules, underlines
    r"^[ \t]{0,3}(?:>[ \t]?)+",                     # quotation marks of a block
    r"\*\*|__|~~|`+|\\(?=[^\w\s])",                  # emphasis, code, escapes
    r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)",
    r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$",  # a table's rule
)]
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)


def blank_markdown(text: str) -> str:
    """Markdown's marks in TEXT replaced by spaces (its newlines kept), the cells of a
    table separated by tabs: the prose is left where it was, and every offset still
    indexes the file."""
    for pattern in _MARKDOWN_BLANKED:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return _TABLE_ROW.sub(lambda m: _cells(m.group()), text)


def _cells(row: str) -> str:
    """A table row with its outer bars blanked and the inner ones made tabs."""
    first, last = row.index("|"), row.rindex("|")
    return row[:first] + " " + row[first + 1:last].replace("|", "\t") + " " + row[last + 1:]


def markdown_document(file_name: str, data: bytes) -> Document:
    """A Markdown file: its front matter (YAML between "---" lines: title, date, url, ...)
    or a header of ``Key: value`` lines is metadata, and its marks are blanked; offsets
    index the file."""
    text = decode(data, file_name)
    if not text.strip():
        raise InputError(f"{file_name}: the file is empty; nothing to read")
    header = read_header(text)
    front = _FRONT_MATTER.match(text)
    if front is not None:
        header = Header(_front_matter(front.group("yaml") or "", file_name), front.end())
    text = blank_markdown(blank_header(text, header))
    return _document(file_name, document_id(file_name), hashlib.sha256(data).hexdigest(), text,
                     header, "no text after its front matter")


def _front_matter(source: str, file_name: str) -> dict[str, str]:
    """The fields of a Markdown file's front matter, by lower-case key."""
    import yaml

    try:
        values = yaml.safe_load(source)
    except yaml.YAMLError as err:
        # where what is not closed opens, else where the parser stopped
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        raise InputError(f"{file_name}: {where}front matter that is not YAML; correct it or "
                         "remove the lines between the '---'") from None
    if not isinstance(values, dict):
        return {}
    fields = {re.sub(r"[\s_-]+", " ", str(k).strip().lower()): v for k, v in values.items()}
    return {k: v.isoformat() if isinstance(v, dt.date) else str(v).strip()
            for k, v in fields.items() if isinstance(v, str | int | float | dt.date)
            and str(v).strip()}


# The fields of a record of a JSON lines file, as trafilatura (``--json``) and news-please
# write them: each field's keys, the first given taken.
RECORD_TEXT_KEYS = ("text", "maintext", "raw_text")
RECORD_FIELDS = {"url": ("url", "canonical_url", "source"),
                 "date": ("date", "date_publish", "published", "pubdate"),
                 "title": ("title",),
                 "source": ("sitename", "source-hostname", "source_domain", "hostname")}


ONE_RECORD = 'each line is one record {"text": ..., "url": ..., "date": ..., "title": ...}'


def record_id(file_name: str, key: str) -> str:
    """The id of the record of KEY (its URL, else "line=N") in the JSON lines file
    FILE_NAME: readable words (the file's stem and the end of the record's address) and a
    digest of both."""
    digest = hashlib.sha256(f"{file_name}#{key}".encode()).hexdigest()[:PATH_DIGEST_CHARS]
    stem = PurePosixPath(file_name).stem
    tail = [p for p in urlsplit(key).path.split("/") if p] if "://" in key else [key]
    last = PurePosixPath(tail[-1]).stem if tail else ""
    return f"{document_slug(f'{stem} {last}')}_{digest}"


def record_document(file_name: str, line: int, data: bytes, seen: dict[str, int]
                    ) -> Document:
    """The document of the record on line LINE of the JSON lines file FILE_NAME: its
    "text", with its "url", "date" and "title".  Its identity is the file's path and its
    URL (else its line: ``jm:fileName`` "feed.jsonl#line=3"); SEEN holds the URLs of the
    lines read before (a URL twice is refused)."""
    where = f"{file_name}: line {line}"
    try:
        record = json.loads(data)
    except UnicodeDecodeError as err:
        raise InputError(f"{where}: not valid UTF-8 (byte 0x{data[err.start]:02x}); "
                         "write the file in UTF-8") from None
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not JSON ({err.msg} at column {err.colno}); {ONE_RECORD}"
                         ) from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: not a JSON object; {ONE_RECORD}")
    text = next((record[k] for k in RECORD_TEXT_KEYS if isinstance(record.get(k), str)
                 and record[k].strip()), None)
    if text is None:
        raise InputError(f'{where}: no "text" (the article\'s text) in the record; it is '
                         "skipped")
    header = _metadata({field: next((record[k] for k in keys if record.get(k)), None)
                        for field, keys in RECORD_FIELDS.items()})
    url = normalise_url(header.get(("url",)) or "")
    if url is not None and url in seen:
        raise InputError(f"{where}: the same url as line {seen[url]} ({url}); a document "
                         "is read once: remove one of them")
    key = url or f"line={line}"
    if url is not None:
        seen[url] = line
    name = f"{file_name}#{key}"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _document(name, record_id(file_name, key), hashlib.sha256(data).hexdigest(), text,
                     header, "no text in the record")


def read_records(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
                 ) -> Iterator[Document | InputError]:
    """The documents of a JSON lines file, one per line (streaming: a line at a time), or
    the error each bad line gives (over MAX_BYTES, not JSON, no text, ...); blank lines
    are skipped."""
    file_name = path.name if name is None else name
    seen: dict[str, int] = {}
    with _file_errors(path):
        stream = path.open("rb")
    with stream:
        line = 0
        while True:
            with _file_errors(path):
                data = stream.readline(max_bytes + 1)
            if not data:
                return
            line += 1
            if len(data) > max_bytes and not data.endswith(b"\n"):
                size = len(data) + _skip_line(stream)
                yield InputError(f"{file_name}: line {line}: {size} bytes is over the limit "
                                 f"of {max_bytes}; split the record or raise --max-bytes")
                continue
            if not data.strip():
                continue
            try:
                data = data.removeprefix(b"\xef\xbb\xbf")          # a byte order mark
                yield record_document(file_name, line, data, seen)
            except InputError as err:
                yield err


def _skip_line(stream: IO[bytes]) -> int:
    """The rest of the current line read and dropped (a chunk at a time); its size."""
    size = 0
    while chunk := stream.readline(1 << 20):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return size


@contextmanager
def _file_errors(path: Path) -> Iterator[None]:
    """Every problem reading PATH as an InputError naming it."""
    try:
        yield
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: a link to {os.readlink(path)}, which does not exist; "
                             "remove it or point it at a text") from None
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give the texts in it") from None
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied)") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(f"{path}: a symbolic link that leads back to itself (a loop); "
                             "remove it or point it at a text") from None
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  name: str | None = None) -> Document:
    """Read one file, NAME its path in the corpus (default: its file name); every problem
    becomes an InputError naming the file."""
    with _file_errors(path):
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {size} bytes is over the limit of {max_bytes}; split the file or raise "
                "--max-bytes")
        data = path.read_bytes()
    return make_document(path.name if name is None else name, data)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
              ) -> Iterator[Document | InputError]:
    """The documents of one file (one, or a JSON lines file's one per record), or the
    error of each that cannot be read."""
    if file_kind(path.name if name is None else name) == "records":
        try:
            yield from read_records(path, max_bytes, name)
        except InputError as err:
            yield err
        return
    try:
        yield read_document(path, max_bytes, name)
    except InputError as err:
        yield err


@dataclass(frozen=True)
class CorpusFile:
    """A file to read, and its path in the corpus (its identity: ``document_id``)."""

    path: Path
    name: str


def is_text_name(name: str) -> bool:
    """Whether a corpus reads a file so named: ".txt", ".md", ".html", ".jsonl", ... (any
    case: ``SUFFIXES``)."""
    return file_kind(name) is not None


def walk_corpus(directory: Path) -> list[CorpusFile | InputError]:
    """Every text of a corpus folder and its subfolders (links to folders followed), in
    the order of their paths in it; and, in its place, each path a build cannot read as a
    text: a folder named like one (the texts in it are read), a file that is no regular
    file (a pipe, a device), a folder that cannot be listed, a link to a folder it is in
    or the corpus is in (a loop, not followed).  Links that lead nowhere or in a circle,
    being named like texts, are given as texts: reading them says what they are."""
    if not directory.is_dir():
        raise InputError(f"{directory}: no such folder; give --corpus a folder of texts")
    found: list[tuple[tuple[str, ...], CorpusFile | InputError]] = []

    def walk(folder: Path, parts: tuple[str, ...], above: frozenset[str]) -> None:
        try:
            with os.scandir(folder) as listing:
                names = [entry.name for entry in listing]
        except OSError as err:
            found.append((parts, InputError(
                f"{folder}: folder cannot be read ({err.strerror}); its texts are not read")))
            return
        for name in names:
            path, here = folder / name, (*parts, name)
            try:
                mode = path.stat().st_mode           # a link's target
            except OSError:
                mode = 0                             # nowhere, or a loop: read says which
            if stat.S_ISDIR(mode):
                real = os.path.realpath(path)
                if is_text_name(name):
                    found.append((here, InputError(
                        f"{path}: is a folder, not a text (the texts in it are read); "
                        "rename it")))
                if any(Path(folder_above).is_relative_to(real) for folder_above in above):
                    found.append((here, InputError(
                        f"{path}: a link to a folder it is in (a loop), not followed; "
                        "remove it")))
                else:
                    walk(path, here, above | {real})
            elif not is_text_name(name):
                continue
            elif mode and not stat.S_ISREG(mode):
                found.append((here, InputError(
                    f"{path}: not a regular file (a pipe, socket or device); give a text")))
            else:
                found.append((here, CorpusFile(path, "/".join(here))))

    walk(directory, (), frozenset({os.path.realpath(directory)}))
    return [item for _, item in sorted(found, key=lambda f: f[0])]


def corpus_files(directory: Path) -> list[Path]:
    """The texts of a corpus folder (``walk_corpus``), in a stable order."""
    return [f.path for f in walk_corpus(directory) if isinstance(f, CorpusFile)]


def corpus_name(path: Path, corpus: Path | None) -> str:
    """PATH's path in the corpus folder CORPUS (its identity), "/"-separated; its file name
    when it is not in that folder (or none is known): a file from elsewhere is taken as
    one at the top of the corpus."""
    if corpus is not None:
        root = corpus.resolve()
        for candidate in (Path(os.path.abspath(path)), path.parent.resolve() / path.name):
            if candidate.is_relative_to(root) and candidate != root:
                return candidate.relative_to(root).as_posix()
    return path.name


def read_all(items: Iterable[Path | CorpusFile | InputError],
             max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Documents, or the error each unreadable file gave (or ITEMS gave in its place), one
    per item (a JSON lines file: one per record), streaming; a bare path is named in the
    corpus by its file name."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        path, name = (item.path, item.name) if isinstance(item, CorpusFile) else (item, None)
        yield from read_file(path, max_bytes, name)
