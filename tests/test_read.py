from __future__ import annotations

from pathlib import Path

import pytest

from jmgraph.dates import DateValue
from jmgraph.errors import InputError
from jmgraph.read import make_document, read_document, slugify


@pytest.mark.parametrize(("text", "date", "source"), [
    ("Japan-Mongolia Relations\n\nOctober 9, 2020\nTitle of release\nBody.", "2020-10-09",
     "dateline"),
    ("Headline here\n17:04 JST, August 5, 2024\nBody text.", "2024-08-05", "dateline"),
    ("ULAANBAATAR, March 3, 2025 (Montsame) -- The minister arrived.", "2025-03-03",
     "dateline"),
    ("Ulaanbaatar, May 14, 2025 /MONTSAME/. The minister arrived.", "2025-05-14", "dateline"),
    ("Published: 12 June 2019\nSome news.", "2019-06-12", "dateline"),
    # a byline that ends with the date
    ("Why Mongolia Matters\nBy Jane Doe, Senior Fellow, 12 January 2021\nIn 2019 ...",
     "2021-01-12", "dateline"),
    ("Why Mongolia Matters\nBy Staff Writer | Jan. 12, 2021\nText.", "2021-01-12", "dateline"),
    ("By the way, 12 January 2021 was a cold day in Ulaanbaatar and the year 2019 was too.",
     "2021", "inferred from text"),
    ("TOKYO, Nov. 29 (Reuters) - Talks ended. The 2024 summit was the first since 2019.",
     "2024-11-29", "dateline, year inferred from text"),
    ("An analysis. In 2022 the leaders met. 2025 marks the 80th anniversary of the end of the "
     "war, and a visit is planned for 2026.", "2025", "inferred from text"),
    ("A text with no date at all.", None, "none"),
])
def test_read_document_date_from_dateline_or_text(text: str, date: str | None,
                                                  source: str) -> None:
    doc = make_document("x.txt", text.encode())
    assert (doc.date.iso if doc.date else None) == date
    assert doc.date_source == source


def test_read_title_skips_short_section_labels() -> None:
    doc = make_document("a.txt", b"Asia\n\nMay 1, 2020\nTalks between the two foreign ministers\n"
)
    assert doc.title == "Talks between the two foreign ministers"


def test_read_bom_and_crlf_are_normalised() -> None:
    doc = make_document("a.txt", "\ufeffMay 1, 2020\r\nLine two\r\n".encode())
    assert doc.text == "May 1, 2020\nLine two\n"
    assert doc.date == DateValue(2020, 5, 1)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ("Caf\u00e9 in Ulaanbaatar".encode("latin-1"), "line 1: not valid UTF-8"),
])
def test_read_bad_input_is_refused_with_the_file_named(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        make_document("bad.txt", data)
    assert "bad.txt" in str(err.value)


def test_read_missing_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_text("x" * 100)
    with pytest.raises(InputError, match="over the limit of 10"):
        read_document(big, max_bytes=10)


def test_read_slug_is_readable_ascii() -> None:
    assert slugify("000_ca6a9554b82ed4af") == "000-ca6a9554b82ed4af"
    assert slugify("Ülaanbaatar Talks (2025)") == "ulaanbaatar-talks-2025"


@pytest.mark.parametrize(("text", "place"), [
    ("TOKYO, Nov. 29, 2022 (Kyodo) -- Talks were held.", "TOKYO"),
    ("Ulaanbaatar, May 14, 2025 /MONTSAME/. The minister arrived.", "Ulaanbaatar"),
    ("Japan-Mongolia Relations\n\nOctober 9, 2020\nA release.", None),
    ("17:04 JST, August 5, 2024\nA story.", None),
])
def test_read_the_place_a_dateline_names(text: str, place: str | None) -> None:
    assert make_document("x.txt", text.encode()).place == place
