"""Stage 1, read: files -> documents (text, date, title, identity)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .dates import MONTH_RE, YEAR_RE, DateValue, parse_absolute, years_in
from .errors import InputError

DEFAULT_MAX_BYTES = 5_000_000
# The dateline is looked for in this many first non-empty lines.
DATELINE_WINDOW = 8
TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 3


@dataclass(frozen=True)
class Document:
    """A source text and what is known about it before any NLP."""

    doc_id: str          # slug of the file name: the document's identity in the graph
    file_name: str
    text: str
    sha256: str
    title: str
    date: DateValue | None
    date_source: str     # "dateline", "inferred from text", or "none"
    place: str | None = None     # where a newswire dateline says it was written ("TOKYO")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the readable part of an IRI."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)"
_DATELINE_FORMS = [
    # "October 9, 2020", "17:04 JST, August 5, 2024", "Aug. 5, 2024 17:04 JST", "2024-08-05"
    re.compile(rf"^(?:{_TIME},?\s+)?(?P<date>{MONTH_RE}\s+\d{{1,2}},?\s+{YEAR_RE})"
               rf"(?:,?\s+{_TIME})?\.?$", re.I),
    re.compile(rf"^(?:{_TIME},?\s+)?(?P<date>\d{{1,2}}\s+{MONTH_RE},?\s+{YEAR_RE})"
               rf"(?:,?\s+{_TIME})?\.?$", re.I),
    re.compile(rf"^(?P<date>{YEAR_RE}-\d{{2}}-\d{{2}})(?:[T\s]{_TIME})?$", re.I),
    # "Published: October 9, 2020", "Updated on 9 October 2020"
    re.compile(rf"^(?:published|posted|updated|date)\s*(?:on)?\s*:?\s*(?P<date>"
               rf"(?:{MONTH_RE}\s+\d{{1,2}},?|\d{{1,2}}\s+{MONTH_RE},?)\s+{YEAR_RE})", re.I),
    # a byline ending with the date: "By Jane Doe, Senior Fellow, 12 January 2021",
    # "By Staff Writer | January 12, 2021"
    re.compile(rf"^by\s+[^\n]{{1,80}}?\s*[,|·•–—-]\s*(?P<date>(?:{MONTH_RE}\s+\d{{1,2}},?|"
               rf"\d{{1,2}}\s+{MONTH_RE},?)\s+{YEAR_RE})\.?$", re.I),
    # "TOKYO, Aug. 5, 2024 (Kyodo) -", "ULAANBAATAR, March 3 (Reuters) --",
    # "Ulaanbaatar, May 14, 2025 /MONTSAME/."
    re.compile(rf"^[A-Z][A-Z .'-]+,\s+(?P<date>{MONTH_RE}\s+\d{{1,2}}(?:,?\s+{YEAR_RE})?)"
               r"\s*(?:(?:\([^)]*\))?\s*[-–—]|/[^/\n]{2,40}/)", re.I),
]
_PRESENT_YEAR = re.compile(
    rf"\b(?P<year>{YEAR_RE})\s+(?:marks|celebrates|commemorates)\b"
    rf"|\bthis\s+year\s*\(\s*(?P<year2>{YEAR_RE})\s*\)", re.I)


def find_dateline(lines: list[str]) -> tuple[DateValue | None, str | None]:
    """The document's date from a dateline near the top, and the dateline's text."""
    seen = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > DATELINE_WINDOW:
            break
        for form in _DATELINE_FORMS:
            m = form.match(stripped)
            if m:
                date = parse_absolute(m.group("date"))
                if date is None:
                    # A dateline without a year ("Nov. 29"): keep the month and day for later.
                    return None, stripped
                return date, stripped
    return None, None


DATELINE_PLACE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'-]*[A-Za-z]),\s")


def dateline_place(dateline: str | None) -> str | None:
    """The place a newswire dateline opens with ("TOKYO, Nov. 29, 2022 (Kyodo) --"), if
    it has one (a bare date, "October 9, 2020", has none)."""
    m = DATELINE_PLACE.match(dateline or "")
    if m is None or parse_absolute(m.group("place")) or MONTH_ONLY.match(m.group("place")):
        return None
    return m.group("place")


MONTH_ONLY = re.compile(rf"^{MONTH_RE}\s*\d*$", re.I)


def infer_year(text: str) -> int | None:
    """A year for an undated text: the one it speaks of in the present, else the latest."""
    m = _PRESENT_YEAR.search(text)
    if m:
        return int(m.group("year") or m.group("year2"))
    years = years_in(text)
    return max(years) if years else None


def find_title(lines: list[str], dateline: str | None) -> str:
    candidates = [ln.strip() for ln in lines if ln.strip() and ln.strip() != dateline][:5]
    for line in candidates:
        if len(line.split()) >= TITLE_MIN_WORDS:
            return line[:TITLE_MAX_CHARS]
    return candidates[0][:TITLE_MAX_CHARS] if candidates else ""


def decode(data: bytes, name: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM); anything else is refused clearly."""
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
    """Build a Document from a file's bytes (the unit tests call this directly)."""
    text = decode(data, file_name)
    if not text.strip():
        raise InputError(f"{file_name}: the file is empty; nothing to read")
    lines = text.split("\n")
    date, dateline = find_dateline(lines)
    source = "dateline"
    if date is None:
        year = infer_year(text)
        date = DateValue(year) if year else None
        source = "inferred from text" if date else "none"
        if dateline and date:
            partial = re.search(rf"({MONTH_RE})\s+(\d{{1,2}})", dateline, re.I)
            if partial:
                full = parse_absolute(f"{partial.group(1)} {partial.group(2)} {date.year}")
                if full:
                    date, source = full, "dateline, year inferred from text"
    return Document(
        doc_id=slugify(Path(file_name).stem),
        file_name=Path(file_name).name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        title=find_title(lines, dateline),
        date=date,
        date_source=source,
        place=dateline_place(dateline),
    )


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file; every problem becomes an InputError naming the file."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {size} bytes is over the limit of {max_bytes}; split the file or raise "
                "--max-bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give the .txt files in it") from None
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied)") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None
    return make_document(path.name, data)


def corpus_files(directory: Path) -> list[Path]:
    """Every .txt file of a corpus folder, in a stable order."""
    if not directory.is_dir():
        raise InputError(f"{directory}: no such folder; give --corpus a folder of .txt files")
    return sorted(p for p in directory.rglob("*.txt") if p.is_file())


def read_all(paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES
             ) -> Iterator[Document | InputError]:
    """Documents, or the error each unreadable file gave, one per path, streaming."""
    for path in paths:
        try:
            yield read_document(path, max_bytes)
        except InputError as err:
            yield err
