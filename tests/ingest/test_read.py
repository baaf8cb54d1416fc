from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph.dates import DateValue
from jmgraph.errors import InputError
from jmgraph.ingest.read import (
    CorpusFile,
    Document,
    corpus_files,
    corpus_name,
    document_id,
    make_document,
    read_all,
    read_document,
    slugify,
    walk_corpus,
)
from jmgraph.rdf.graphs import is_description
from jmgraph.rdf.render import document_iri

from ..conftest import ROOT


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
    # the latest year a text mentions is no date of it
    ("By the way, 12 January 2021 was a cold day in Ulaanbaatar and the year 2019 was too.",
     None, "none"),
    ("An analysis. In 2016 the two sides met, and a new plan runs to 2030.", None, "none"),
    # ... but a year it speaks of in the present is
    ("An analysis. In 2022 the leaders met. 2025 marks the 80th anniversary of the end of the "
     "war, and a visit is planned for 2026.", "2025", "inferred from text"),
    ("A review. Relations deepened in 2014, and this year (2019) a new plan begins.", "2019",
     "inferred from text"),
    ("TOKYO, Nov. 29 (Reuters) - Talks ended. 2024 marks ten years since the plan of 2014.",
     "2024-11-29", "dateline, year inferred from text"),
    # a dateline without a year and nothing else to give it one: undated
    ("TOKYO, Nov. 29 (Reuters) - Talks ended. The 2024 summit was the first since 2019.",
     None, "none"),
    ("A text with no date at all.", None, "none"),
])
def test_read_document_date_from_dateline_or_text(text: str, date: str | None,
                                                  source: str) -> None:
    doc = make_document("x.txt", text.encode())
    assert (doc.date.iso if doc.date else None) == date
    assert doc.date_source == source


@pytest.mark.parametrize(("text", "date"), [
    # a weekday first
    ("Leaders Hold Talks\n\nWednesday, April 17, 2013\n\nThe two leaders met.", "2013-04-17"),
    ("Thu, 5 June 2014\nThe two leaders met.", "2014-06-05"),
    # numeric, the month first (US style), with a weekday and a time
    ("Item: 99120\nMon, 11/04/2019 - 22:15\n\nThe two leaders met.", "2019-11-04"),
    ("ULAANBAATAR | Sat Mar 30, 2013 8:41am EDT\n\nThe two leaders met.", "2013-03-30"),
    ("2025.07.08  |  News\n\nThe two leaders met.", "2025-07-08"),
    ("(AFP) – Nov 19, 2010\n\nTOKYO — The two leaders met.", "2010-11-19"),
    ("07/30/2012 - 08:05\nThe two leaders met.", "2012-07-30"),
    ("30/07/2012\nThe two leaders met.", "2012-07-30"),         # no 30th month: day first
    # numeric, the year first, with a time and a section's name glued to it
    ("2018.05.14 08:41\nThe two leaders met.", "2018-05-14"),
    ("2018.05.14 08:41Politics\n\nSummit Held\nThe two leaders met.", "2018-05-14"),
    ("Diplomacy\nreporter@example.org\n2019-11-02 09:12:45\n\nThe two leaders met.",
     "2019-11-02"),
    ("2019-11-02T09:12:45+08:00\nThe two leaders met.", "2019-11-02"),
    # a time after a hyphen, a section's name after spaces, a source line with separators
    ("WIRE NEWS\n\n2016/03/14-19:41\n\nThe two leaders met.", "2016-03-14"),
    ("2016.03.14  Politics\n\nThe two leaders met.", "2016-03-14"),
    ("Talks Held\n\nWIRE NEWS - Mar 14, 2016 - 12:31 | Politics, All\n\nThe two leaders met.",
     "2016-03-14"),
    # place, day month year, an agency in brackets and a colon
    ("Ulaanbaatar, 14 March 2016 (ABC): The two leaders met.", "2016-03-14"),
    ("Osaka, 2 May 2016\nThe two leaders met in 2015 and 2017.", "2016-05-02"),
    # a scraper's "date" prefix, with what followed it on the page
    (" date 2016-03-14 Headlines from Asia\n\nThe two leaders met.", "2016-03-14"),
    (" date 2016-03-14 The two leaders met on Monday.", "2016-03-14"),
    # the month and the year on lines of their own
    ("Official Visit of the President\nNovember\n2003\nForeign Ministry\nThe visit.",
     "2003-11"),
    ("Report\n\nMarch 2011\n\nThe two leaders met.", "2011-03"),
    # a date alone on its line
    ("Foreign Minister to Visit Japan\n\nApril 3, 2008\n\n1. The minister will visit.",
     "2008-04-03"),
    # a range of days: its first
    ("Visit to Mongolia\n\nSaturday, March 29, 2031 - Sunday, March 30, 2031\n\nHe went.",
     "2031-03-29"),
    # a Japanese ministry's page: the date in the Japanese calendar
    ("外務省\nVisit of the Foreign Minister\n\n平成21年3月9日\n\n1. The minister came.",
     "2009-03-09"),
    ("News\n２０３１年４月１日（火）\nThe minister came.", "2031-04-01"),
    # dotted, the day first, with what a magazine puts after it
    ("TRADE\n07.06.2031 | By B.Dorj | 6 min read\n\nThe minister came.", "2031-06-07"),
    ("NEWS\n2031.12.09  |  Views: 412\n\nThe minister came.", "2031-12-09"),
    # a joint statement's date and place under its title
    ("Joint Statement\n\n29 November 2031, Tokyo\n\n1. The two leaders met.", "2031-11-29"),
])
def test_read_dateline_forms(text: str, date: str) -> None:
    doc = make_document("x.txt", text.encode())
    assert (doc.date.iso if doc.date else None, doc.date_source) == (date, "dateline")


@pytest.mark.parametrize(("text", "date", "source"), [
    # the posting date the page shows: the dateline is on it or shortly before it
    ("Sun, 03/12/2017 - 10:20\n\nTalks Held\n\nUlaanbaatar, March 11 (Kyodo)--The "
     "ministers met.", "2017-03-11", "dateline, year from posting date"),
    ("Tue, 01/02/2018 - 06:10\n\nSeoul, Dec. 30 (Kyodo)--The ministers met.",
     "2017-12-30", "dateline, year from posting date"),
    (" date 2019-06-02 Asia News\n\nBeijing, June 1 (Jiji Press)--The ministers met.",
     "2019-06-01", "dateline, year from posting date"),
    # a posting date a day earlier than the dateline (another time zone)
    ("2019-06-01 23:50\n\nTokyo, June 2 (Kyodo)--The ministers met.", "2019-06-02",
     "dateline, year from posting date"),
    # the header's date, at month precision
    ("URL: https://example.org/item/4411\nDate: 2021-01\n\nOsaka, Dec. 28 (Kyodo)--The "
     "ministers met.", "2020-12-28", "dateline, year from header"),
    # the URL's date
    ("URL: https://example.org/wire/2015/11/02/talks/\n\nGeneva, Nov. 1 (Kyodo)--The "
     "ministers met.", "2015-11-01", "dateline, year from url"),
    ("URL: https://example.org/wire/201601_talks.html\n\nGeneva, Dec. 31 (Kyodo)--The "
     "ministers met.", "2015-12-31", "dateline, year from url"),
])
def test_read_dateline_without_a_year_takes_it_from_the_pages_other_date(
        text: str, date: str, source: str) -> None:
    doc = make_document("x.txt", text.encode())
    assert (doc.date.iso if doc.date else None, doc.date_source) == (date, source)
    assert doc.place is not None


@pytest.mark.parametrize(("url", "date"), [
    ("https://news.example.org/2013/09/30/ministers-meet/", "2013-09-30"),
    ("http://example.mn/2016/04/21/12345/", "2016-04-21"),
    ("https://example.jp/diplomacy/202105/18visit.html", "2021-05"),
    ("https://example.jp/feature/201207_visit_report.php", "2012-07"),
    ("https://example.jp/press/2009/6/0611.html", "2009-06"),
    ("https://example.jp/press/2009/11/1120_01.html", "2009-11"),
    ("https://example.org/news/20140317/talks", "2014-03-17"),
    # an article's hash after the month is no day
    ("https://news.example.org/news/2016/03/5c2b7e1f0a2c-talks.html", "2016-03"),
    # an article number that opens with its day
    ("http://www.example.com/article/AJ201101110041", "2011-01-11"),
    ("https://example.jp/news/view?k=2012032300742", "2012-03-23"),
    ("https://example.jp/en/news/yjj2024092300189/", "2024-09-23"),
    ("https://www.example.com/article/us-japan-mongolia-idUSBRE92T03L20130330", "2013-03-30"),
    ("http://example.jp/english/news/20130331p2g00m0dm008000c.html", "2013-03-31"),
    # no date in it
    ("https://example.org/read/271234", None),
    ("https://example.org/item/AB99991332001", None),
    ("https://example.org/?p=2016", None),
    ("https://example.org/region/visit9907/outline.html", None),
    ("https://example.org/2016/13/talks.html", None),             # no 13th month
])
def test_read_date_from_the_url(url: str, date: str | None) -> None:
    doc = make_document("x.txt", f"URL: {url}\n\nThe two ministers met.".encode())
    assert (doc.date.iso if doc.date else None) == date
    assert doc.date_source == ("url" if date else "none")
    assert doc.url == url


def test_read_the_url_is_read_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """htmldate reads the address only: nothing is fetched."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    doc = make_document("x.txt", b"URL: https://example.org/2012/10/05/a/\n\nText.")
    assert doc.date == DateValue(2012, 10, 5)


def test_read_order_of_the_date_sources() -> None:
    body = "Some Headline Here\nApril 3, 2008\nThe two leaders met. 2010 marks a new era."
    url = "URL: https://example.org/2009/05/06/x/\n"
    assert make_document("x.txt", f"{url}Date: 2007-01-02\n\n{body}".encode()).date_source \
        == "header"
    doc = make_document("x.txt", f"{url}\n{body}".encode())
    assert (doc.date, doc.date_source) == (DateValue(2008, 4, 3), "dateline")
    doc = make_document("x.txt", f"{url}\n{body.replace('April 3, 2008', '')}".encode())
    assert (doc.date, doc.date_source) == (DateValue(2009, 5, 6), "url")
    doc = make_document("x.txt", body.replace("April 3, 2008", "").encode())
    assert (doc.date, doc.date_source) == (DateValue(2010), "inferred from text")


@pytest.mark.parametrize(("value", "date"), [
    ("2007-01-02", "2007-01-02"),
    ("2007-01-02T10:30:00+09:00", "2007-01-02"),
    ("2007-01-02 10:30", "2007-01-02"),
    ("January 2, 2007", "2007-01-02"),
    ("Tue, 2 Jan 2007 10:30:00 GMT", "2007-01-02"),
    ("01/02/2007", "2007-01-02"),
    ("2007-01", "2007-01"),
])
def test_read_date_header(value: str, date: str) -> None:
    doc = make_document("x.txt", f"URL: https://example.org/a\nDate: {value}\n\nText."
                        .encode())
    assert (doc.date.iso if doc.date else None, doc.date_source) == (date, "header")


HEADED = ("URL: https://news.example.org/world/ministers-meet\n"
          "title: Foreign Ministers Meet in Ulaanbaatar\n"
          "Source: Example Wire\n"
          "Author: A. Writer\n"
          "\n"
          "Ulaanbaatar /EXW/. Foreign Minister Tanaka Hiroshi held talks with his Mongolian "
          "counterpart on Monday.\n")


def test_read_header_is_metadata_with_the_offsets_of_the_file() -> None:
    doc = make_document("x.txt", HEADED.encode())
    assert (doc.url, doc.title, doc.source) == (
        "https://news.example.org/world/ministers-meet",
        "Foreign Ministers Meet in Ulaanbaatar", "Example Wire")
    header_end = HEADED.index("\n\n") + 2
    # the same length and lines as the file; the header's characters blanked
    assert len(doc.text) == len(HEADED)
    assert doc.text[header_end:] == HEADED[header_end:]
    assert not doc.text[:header_end].strip()
    assert [len(line) for line in doc.text.split("\n")] == \
        [len(line) for line in HEADED.split("\n")]


@pytest.mark.parametrize("text", [
    "Summary: the two ministers met.\n\nMore text.",            # no key of a header
    "URL: https://example.org/a\nThe two ministers met.",         # not ended by a blank line
    "The two ministers met.\nURL: https://example.org/a\n\nMore text.",
])
def test_read_only_a_header_at_the_top_is_metadata(text: str) -> None:
    doc = make_document("x.txt", text.encode())
    assert doc.text == text and doc.url is None


def test_read_a_file_with_only_a_header_is_refused() -> None:
    with pytest.raises(InputError, match="only a header"):
        make_document("head.txt", b"URL: https://example.org/a\nDate: 2020-01-02\n\n")


@pytest.mark.parametrize(("url", "iri"), [
    ("https://example.org/a b/c", "https://example.org/a%20b/c"),
    ("www.example.org/page", "http://www.example.org/page"),
    ("<https://example.org/x>", "https://example.org/x"),
    ("https://example.org/x[1]?q=\"a\"#f#g", "https://example.org/x%5B1%5D?q=%22a%22#f%23g"),
    ("https://example.org/100%/é", "https://example.org/100%25/é"),
    ("not an address", None),
    ("http://[::1/", None),
])
def test_read_url_becomes_an_iri(url: str, iri: str | None) -> None:
    import pyoxigraph as ox

    doc = make_document("x.txt", f"URL: {url}\n\nText.".encode())
    assert doc.url == iri
    if iri:
        ox.NamedNode(iri)


def test_read_the_graph_names_the_documents_url_and_title() -> None:
    import pyoxigraph as ox

    from jmgraph.extract.model import DocumentInfo, Extraction
    from jmgraph.rdf.render import document_iri, to_quads
    from jmgraph.rdf.vocab import DCTERMS
    from jmgraph.resolve.corpus import resolve

    d = make_document("x.txt", HEADED.encode())
    info = DocumentInfo(d.doc_id, d.file_name, d.sha256, d.title, d.date, d.date_source, d.url,
                        d.source)
    quads = to_quads(resolve([Extraction(info)]))[d.doc_id]
    about = {(q.predicate, q.object) for q in quads if q.subject == document_iri(d.doc_id)}
    assert (DCTERMS.source, ox.NamedNode("https://news.example.org/world/ministers-meet")) \
        in about
    assert (DCTERMS.title, ox.Literal("Foreign Ministers Meet in Ulaanbaatar")) in about
    # an extraction cached before documents had a URL still reads
    data = Extraction(info).to_json()
    del data["document"]["url"], data["document"]["source"]
    assert Extraction.from_json(data).document.url is None


@pytest.mark.slow
def test_read_evidence_offsets_index_the_file_with_its_header() -> None:
    from jmgraph.extract import extract
    from jmgraph.ingest.annotate import annotate

    raw = ("URL: https://example.org/2019/03/04/sato-visit/\n"
           "Title: Prime Minister Sato Kenji Visits Mongolia\n"
           "\n"
           "Prime Minister Sato Kenji Visits Mongolia\n"
           "Prime Minister Sato Kenji of Japan visited Mongolia on March 3. He held talks with "
           "President Batbold Tsend of Mongolia in Ulaanbaatar.\n")
    doc = make_document("x.txt", raw.encode())
    header_end = raw.index("\n\n") + 2
    x = extract(doc, annotate(doc.text))
    evidence = [f.evidence for f in (*x.persons, *x.offices, *x.visits, *x.meetings)]
    assert evidence and x.visits
    for e in evidence:
        assert e.start >= header_end                       # nothing is read from the header
        assert raw[e.start:e.end] == e.text
    assert x.document.url == "https://example.org/2019/03/04/sato-visit/"
    assert x.document.date == DateValue(2019, 3, 4) and x.document.date_source == "url"


def test_read_seed_texts_are_dated() -> None:
    from ..conftest import SEEDS

    docs = [read_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert all(d.date for d in docs), [d.file_name for d in docs if not d.date]


def test_read_title_skips_short_section_labels() -> None:
    doc = make_document("a.txt", b"Asia\n\nMay 1, 2020\nTalks between the two foreign ministers\n"
)
    assert doc.title == "Talks between the two foreign ministers"


@pytest.mark.parametrize(("text", "title"), [
    # navigation: a banner ending in "TOP", a breadcrumb trail and the sections it names
    ("Site of the Cabinet   TOP\nHome > News and Events > May, 2012\nNews and Events\n"
     "Leaders Agree on Aid Plan\nMay 3, 2012\nText.", "Leaders Agree on Aid Plan"),
    # labels without values, numbers, a posting date, photo credits, icons
    ("No :\n55012\nSat, 05/04/2013 - 10:00\nWriter :\n\nMINISTERS AGREE ON NEW LOAN\n\nText.",
     "MINISTERS AGREE ON NEW LOAN"),
    ("(Photo: Public Relations Office)\n• share-icon\nMinisters Sign an Aid Note\nText.",
     "Ministers Sign an Aid Note"),
    # a site's name and language, and a line in another script
    ("Example Daily - English\n外相会談\nForeign Ministers Hold Talks\nText.",
     "Foreign Ministers Hold Talks"),
    # a title may end with such a word
    ("Menu\nPrime Minister Returns Home\nText.", "Prime Minister Returns Home"),
    # the header's title wins
    ("Title: The Header's Own Title\n\nAnother Line of Several Words\nText.",
     "The Header's Own Title"),
    # the header is never the title
    ("URL: https://example.org/page/with/many/words\nAuthor: Some Writer Here\n\n"
     "Ministers Meet Again\nText.", "Ministers Meet Again"),
])
def test_read_title_skips_page_furniture(text: str, title: str) -> None:
    assert make_document("a.txt", text.encode()).title == title


def test_read_bom_and_crlf_are_normalised() -> None:
    doc = make_document("a.txt", "\ufeffMay 1, 2020\r\nLine two\r\n".encode())
    assert doc.text == "May 1, 2020\nLine two\n"
    assert doc.date == DateValue(2020, 5, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_read_utf16_is_read_as_text(encoding: str) -> None:
    text = "May 1, 2020\r\nPrime Minister Abe visited Ulaanbaatar (Улаанбаатар).\r\n"
    doc = make_document("a.txt", text.encode(encoding))
    assert doc.text == text.replace("\r\n", "\n") and doc.date == DateValue(2020, 5, 1)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"\xff\xfe\x00\x00", "binary"),
    ("Odd".encode("utf-16-le") + b"x", "not valid UTF-16"),
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
    ("Tokyo, 30 May 2018 (ABC): The ministers met.", "Tokyo"),
    ("Osaka, 2 May 2016\nThe ministers met.", "Osaka"),
    ("Tuesday, March 6, 2018\nA story.", None),
    ("Fri, 03/09/2018 - 10:00\n\nSeoul, March 8 (Kyodo)--The ministers met.", "Seoul"),
    # a place line in capitals with no date: a known place only
    ("Aug 14, 2031\n\nULAN BATOR — The Prime Minister arrived Tuesday.", "ULAN BATOR"),
    ("Aug 14, 2031\n\nTOKYO (Kyodo) -- The Prime Minister arrived Tuesday.", "TOKYO"),
    ("Aug 14, 2031\n\nBREAKING NEWS — The Prime Minister arrived Tuesday.", None),
])
def test_read_the_place_a_dateline_names(text: str, place: str | None) -> None:
    assert make_document("x.txt", text.encode()).place == place


def test_read_an_anniversary_this_year_tells_the_year() -> None:
    doc = make_document("x.txt", b"Ministers spoke on 14 May. They noted that this year marks "
                        b"the 30th anniversary of the treaty signed in 1996.")
    assert (doc.date.iso, doc.date_source) == ("2026", "inferred from text")


@pytest.mark.parametrize(("text", "year"), [
    ("The minister noted that the 25th anniversary of diplomatic ties between the two "
     "countries is being celebrated this year.", "1997"),
    ("This year marks the 40th anniversary of the establishment of diplomatic relations "
     "between Mongolia and Japan, he said.", "2012"),
    # another pair's anniversary, or a year named, tells nothing of this text's year
    ("This year marks the 30th anniversary of diplomatic relations between Mongolia and "
     "Kazakhstan.", None),
    ("In 2022, the 50th anniversary of diplomatic relations was marked; this year the "
     "ministers met again.", None),
    ("The 50th anniversary of diplomatic relations will be marked in a few years.", None),
])
def test_read_this_years_anniversary_of_the_pairs_relations(text: str,
                                                            year: str | None) -> None:
    doc = make_document("x.txt", text.encode())
    assert (doc.date.iso if doc.date else None) == year


def test_read_an_encyclopedia_pages_reference_marks_are_blanked() -> None:
    text = "Relations were established on 24 February 1972.[1] See visits[edit] below."
    doc = make_document("x.txt", text.encode())
    assert doc.text == text.replace("[1]", "   ").replace("[edit]", "      ")


# Names whose ids were their slugs before a document's identity was its path, and stay so.
PLAIN_NAMES = ["000_ca6a9554b82ed4af.txt", "seed-01-mofa.txt", "new_visit.txt", "001.txt",
               "2024-03-01-visit.txt", "a.txt"]
# Paths that differ by a space, a hyphen, case, a folder, the extension's case or script.
ODD_PATHS = ["visit a.txt", "visit-a.txt", "Visit-A.txt", "VISIT A.txt", "visit  a.txt",
             "visit-a.TXT", "visit-a.Txt", "sub/visit a.txt", "sub/visit-a.txt",
             "sub/sub/visit-a.txt", "sub-visit-a.txt", "sub/Visit-A.txt", "visit-a.md",
             "visit.a.txt", "日本.txt", "モンゴル.txt", "日本/モンゴル.txt", "Улаанбаатар.txt",
             "улаанбаатар.txt", "Монгол Улс.txt", "Ülaanbaatar.txt", "!!!.txt", "???.txt",
             "x.txt", "x_.txt", "_x.txt", "x--y.txt", "x-y.txt", "x" * 201 + ".txt",
             "日本" * 120 + ".txt"]


@pytest.mark.parametrize("name", PLAIN_NAMES)
def test_read_ids_of_plain_names_are_what_they_were(name: str) -> None:
    assert document_id(name) == slugify(Path(name).stem)
    assert make_document(name, b"Some text.").doc_id == slugify(Path(name).stem)


def test_read_paths_differing_by_space_hyphen_case_folder_or_script_have_distinct_ids() -> None:
    ids = [document_id(p) for p in ODD_PATHS]
    assert len(set(ids)) == len(ODD_PATHS), sorted(ids)
    assert document_id("visit-a.txt") == "visit-a"           # the plain name keeps its id
    assert document_id("visit a.txt").startswith("visit-a_")  # the others a digest besides
    assert document_id("sub/visit a.txt").startswith("sub-visit-a_")
    assert document_id("x_.txt") != document_id("x.txt")


@pytest.mark.parametrize(("path", "readable"), [
    ("日本.txt", "日本_"), ("モンゴル.txt", "モンゴル_"), ("日本/モンゴル.txt", "日本-モンゴル_"),
    ("Улаанбаатар айлчлал.txt", "улаанбаатар-айлчлал_"), ("Ülaanbaatar.txt", "ülaanbaatar_"),
    ("2024/Visit of the PM.TXT", "2024-visit-of-the-pm_"),
])
def test_read_ids_of_japanese_and_mongolian_names_are_readable(path: str,
                                                              readable: str) -> None:
    assert document_id(path).startswith(readable)


@pytest.mark.parametrize("path", PLAIN_NAMES + ODD_PATHS)
def test_read_an_id_is_an_iri_a_graph_key_and_a_file_name(path: str) -> None:
    doc_id = document_id(path)
    assert ox.NamedNode(document_iri(doc_id).value + "#char=0,1")   # a valid IRI
    assert not is_description(doc_id) and "#" not in doc_id and doc_id == doc_id.strip()
    assert len(f"{doc_id}.json.tmp".encode()) <= 255            # the cache's file name
    # the same path written in decomposed Unicode (as some file systems give it) is one
    assert document_id(unicodedata.normalize("NFD", path)) == doc_id


def test_read_a_documents_name_is_its_path_in_the_corpus() -> None:
    doc = make_document("sub/visit a.txt", b"Some text.")
    assert (doc.file_name, doc.doc_id) == ("sub/visit a.txt", document_id("sub/visit a.txt"))


def _write(path: Path, text: str = "May 1, 2020\nSome text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _walked(folder: Path) -> list[str]:
    """What walking FOLDER gives: each text's path in it, or an error's message."""
    return [f.name if isinstance(f, CorpusFile) else f"! {f}" for f in walk_corpus(folder)]


def _read(folder: Path) -> list[str]:
    """What reading the corpus FOLDER gives: each document's path in it, or an error's
    message."""
    return [d.file_name if isinstance(d, Document) else f"! {d}"
            for d in read_all(walk_corpus(folder))]


def test_read_a_corpus_is_its_folder_and_subfolders_and_any_case_of_txt(tmp_path: Path) -> None:
    for name in ("b.txt", "A.TXT", "c.Txt", "sub/d.txt", "sub/deeper/e.txt", ".hidden.txt",
                 "notes.md", "sub/readme", ".txt", "photo.jpg", "page.HTML"):
        _write(tmp_path / name)
    assert _walked(tmp_path) == [".hidden.txt", "A.TXT", "b.txt", "c.Txt", "notes.md",
                                 "page.HTML", "sub/d.txt", "sub/deeper/e.txt"]
    assert corpus_files(tmp_path) == [tmp_path / n for n in _walked(tmp_path)]
    (tmp_path / "page.HTML").write_text("<html><body><p>May 1, 2020. Some text of a page "
                                         "that is long enough.</p></body></html>")
    docs = list(read_all(walk_corpus(tmp_path)))
    assert [d.file_name for d in docs] == _walked(tmp_path)           # type: ignore[union-attr]


def test_read_a_corpus_reads_linked_folders_and_reports_every_path_it_skips(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "a.txt")
    _write(corpus / "folder.txt" / "inner.txt")         # a folder named like a text
    _write(tmp_path / "elsewhere" / "linked.txt")
    (corpus / "linked").symlink_to(tmp_path / "elsewhere")     # a link to a folder: read
    (corpus / "up").symlink_to(tmp_path)                # a link to a folder it is in: a loop
    (corpus / "folder.txt" / "back").symlink_to("..")
    (corpus / "self.txt").symlink_to("self.txt")        # a link to itself
    (corpus / "gone.txt").symlink_to("missing.txt")     # a link to nothing
    os.mkfifo(corpus / "pipe.txt")                      # would block a read
    walked = _walked(corpus)
    assert [w for w in walked if not w.startswith("!")] == [
        "a.txt", "folder.txt/inner.txt", "gone.txt", "linked/linked.txt", "self.txt"]
    skipped = [w for w in walked if w.startswith("!")]
    assert len(skipped) == 4
    assert f"! {corpus / 'folder.txt'}: is a folder, not a text" in skipped[0]
    assert f"! {corpus / 'folder.txt' / 'back'}: a link to a folder it is in (a loop)" \
        in skipped[1]
    assert f"! {corpus / 'pipe.txt'}: not a regular file" in skipped[2]
    assert f"! {corpus / 'up'}: a link to a folder it is in (a loop)" in skipped[3]
    read = {str(r).split(":")[0] if isinstance(r, InputError) else r.file_name: r
            for r in read_all(walk_corpus(corpus))}
    assert "a link to missing.txt, which does not exist" in str(read[str(corpus / "gone.txt")])
    assert "leads back to itself (a loop)" in str(read[str(corpus / "self.txt")])
    assert read["linked/linked.txt"].doc_id == document_id("linked/linked.txt")  # type: ignore


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_read_a_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    (tmp_path / "mem.txt").symlink_to("/proc/self/mem")     # unreadable, even by root
    [error] = read_all(walk_corpus(tmp_path))
    assert isinstance(error, InputError)
    assert str(error) == f"{tmp_path / 'mem.txt'}: cannot be read (Input/output error)"


NOBODY = 65534


def _read_by_a_user(folder: Path) -> list[str]:
    """``_read(FOLDER)`` by a user whom modes bind: this process's, or, when it is root's
    (root reads any file), that of a process run as nobody."""
    if os.geteuid() != 0:
        return _read(folder)
    code = ("import json, sys; from pathlib import Path; from tests.ingest.test_read import _read; "
            "print(json.dumps(_read(Path(sys.argv[1]))))")
    done = subprocess.run([sys.executable, "-c", code, str(folder)], user=NOBODY, group=NOBODY,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder any user may read (pytest's are root's alone when it runs as
    root)."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.slow
def test_read_a_folder_or_file_that_cannot_be_read_is_reported(shared_tmp: Path) -> None:
    _write(shared_tmp / "a.txt").chmod(0o644)
    _write(shared_tmp / "closed" / "b.txt")
    _write(shared_tmp / "secret.txt").chmod(0)
    (shared_tmp / "closed").chmod(0)
    assert _read_by_a_user(shared_tmp) == [
        "a.txt",
        f"! {shared_tmp / 'closed'}: folder cannot be read (Permission denied); its texts are "
        "not read",
        f"! {shared_tmp / 'secret.txt'}: cannot be read (permission denied)"]


def test_read_a_missing_corpus_folder_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder; give --corpus a folder"):
        walk_corpus(tmp_path / "none")


def test_read_a_files_name_in_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    corpus = _write(tmp_path / "corpus" / "sub" / "x.txt").parents[1]
    (tmp_path / "link").symlink_to(corpus)
    assert corpus_name(corpus / "sub" / "x.txt", corpus) == "sub/x.txt"
    assert corpus_name(corpus / "sub" / "x.txt", tmp_path / "link") == "sub/x.txt"
    assert corpus_name(tmp_path / "link" / "sub" / "x.txt", corpus) == "sub/x.txt"
    monkeypatch.chdir(corpus / "sub")
    assert corpus_name(Path("x.txt"), corpus) == "sub/x.txt"
    assert corpus_name(Path("../sub/./x.txt"), corpus) == "sub/x.txt"
    # outside the corpus, or none known: the file's name
    assert corpus_name(tmp_path / "other" / "y.txt", corpus) == "y.txt"
    assert corpus_name(corpus / "sub" / "x.txt", None) == "x.txt"


def test_read_a_list_of_links_to_other_pages_is_blanked() -> None:
    text = ("On October 9, JICA signed a loan agreement with the Government of Mongolia.\n\n"
            "Related press releases\nSigning of Japanese ODA Loan Agreements with the "
            "Philippines\nSigning of Grant Agreement with Kyrgyz Republic\n")
    doc = make_document("x.txt", text.encode())
    assert "Philippines" not in doc.text and "Kyrgyz" not in doc.text
    assert len(doc.text) == len(text) and doc.text.startswith("On October 9, JICA signed")


@pytest.mark.parametrize(("url", "line", "date"), [
    # a country's own site writes the day first; a generic one the month
    ("https://www.parliament.example.mn/en/n/3", "06/02/2031", "2031-02-06"),
    ("https://news.example.org/a", "06/02/2031", "2031-06-02"),
    # the weekday the line gives decides, wherever the site is
    ("https://news.example.mn/a", "Mon, 06/02/2031 - 10:20", "2031-06-02"),
    # a number over 12 is the day
    ("https://news.example.org/a", "23/10/2031", "2031-10-23"),
])
def test_read_a_date_with_slashes_is_read_as_its_site_writes_it(url: str, line: str,
                                                                date: str) -> None:
    doc = make_document("x.txt", f"URL: {url}\n\nNews\n{line}\n\nThe ministers met.".encode())
    assert doc.date is not None and doc.date.iso == date


# ---------------------------------------------------------------- other formats

INPUTS = Path(__file__).parents[1] / "data" / "inputs"


def test_read_a_web_page_is_its_main_text_title_date_and_canonical_url() -> None:
    doc = read_document(INPUTS / "visit-2013.html")
    assert doc.title == "Prime Minister Abe visits Mongolia"
    assert doc.url == "https://www.mofa.go.jp/region/asia-paci/mongolia/visit-2013.html"
    assert (doc.date, doc.date_source) == (DateValue(2013, 3, 30), "header")
    assert doc.source == "Ministry of Foreign Affairs of Japan"
    assert "met with President Tsakhia Elbegdorj in Ulaanbaatar." in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text      # the page's frame
    assert doc.doc_id == document_id("visit-2013.html")


def test_read_a_page_with_no_main_text_is_one_clear_line() -> None:
    with pytest.raises(InputError, match=r"^empty.html: no main text found in the page; "):
        make_document("empty.html", b"<html><head><title>T</title></head><body></body></html>")


def test_read_markdown_front_matter_is_metadata_and_marks_are_blanked() -> None:
    raw = (INPUTS / "elbegdorj-tokyo.md").read_text(encoding="utf-8")
    doc = read_document(INPUTS / "elbegdorj-tokyo.md")
    assert (doc.title, doc.url) == ("President Elbegdorj in Tokyo",
                                    "https://example.org/news/elbegdorj-tokyo")
    assert (doc.date, doc.date_source) == (DateValue(2013, 9, 26), "header")
    assert len(doc.text) == len(raw)                       # offsets index the file
    for words in ("Tsakhia Elbegdorj", "Prime Minister Shinzo Abe", "Strategic Partnership"):
        assert doc.text.index(words) == raw.index(words)
    for mark in ("---", "#", "**", "_Japan_", "](", "[", "`", ">", "|", "photo.jpg"):
        assert mark not in doc.text
    assert " Date \t Visitor \t Destination " in doc.text     # a table's cells: tab-separated


@pytest.mark.parametrize(("text", "message"), [
    ("---\ntitle: [unclosed\n---\nText.", r"^n.md: line 2: front matter that is not YAML"),
    ("---\ntitle: Only metadata\n---\n", r"^n.md: no text after its front matter"),
])
def test_read_bad_markdown_is_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        make_document("n.md", text.encode())


def test_read_json_lines_one_document_per_record_and_one_line_per_bad_record() -> None:
    read = list(read_all([INPUTS / "feed.jsonl"]))
    docs = [d for d in read if isinstance(d, Document)]
    assert [d.file_name for d in docs] == [
        "feed.jsonl#https://example.org/2013/03/30/abe", "feed.jsonl#line=5",
        "feed.jsonl#https://example.org/2021/11/29/battsetseg"]
    abe, kishida, battsetseg = docs
    assert (abe.title, abe.date, abe.url) == ("Abe in Ulaanbaatar", DateValue(2013, 3, 30),
                                              "https://example.org/2013/03/30/abe")
    assert abe.text.startswith("Prime Minister Shinzo Abe visited Mongolia")
    # news-please's fields, and trafilatura's ("source" is the page's address)
    assert (kishida.title, kishida.date, kishida.source, kishida.url) == (
        "Kishida in Mongolia", DateValue(2015, 5, 1), "news.example", None)
    assert (battsetseg.url, battsetseg.source) == (
        "https://example.org/2021/11/29/battsetseg", "Kyodo")
    assert (battsetseg.date, battsetseg.date_source) == (DateValue(2021, 11, 29),
                                                         "dateline, year from url")
    assert len({d.doc_id for d in docs}) == 3 and len({d.sha256 for d in docs}) == 3
    assert [str(e) for e in read if isinstance(e, InputError)] == [
        "feed.jsonl: line 2: not JSON (Expecting value at column 1); each line is one record "
        '{"text": ..., "url": ..., "date": ..., "title": ...}',
        'feed.jsonl: line 3: no "text" (the article\'s text) in the record; it is skipped',
        "feed.jsonl: line 6: the same url as line 1 (https://example.org/2013/03/30/abe); a "
        "document is read once: remove one of them",
        "feed.jsonl: line 7: not a JSON object; each line is one record "
        '{"text": ..., "url": ..., "date": ..., "title": ...}']


def test_read_a_records_id_is_stable_its_files_path_and_its_url_or_line(tmp_path: Path
                                                                          ) -> None:
    lines = (INPUTS / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    ids = {d.file_name: d.doc_id for d in read_all([INPUTS / "feed.jsonl"])
           if isinstance(d, Document)}
    moved = tmp_path / "feed.jsonl"                   # the records reordered
    moved.write_text("\n".join([lines[7], "", "", "", lines[4], lines[0]]) + "\n")
    again = {d.file_name: d.doc_id for d in read_all([moved]) if isinstance(d, Document)}
    assert again == ids                                # the line-numbered one stayed put
    named = {d.file_name: d.doc_id for d in read_all([CorpusFile(moved, "sub/feed.jsonl")])
             if isinstance(d, Document)}
    assert not set(named.values()) & set(ids.values())           # another file, other ids
    assert ids["feed.jsonl#line=5"].startswith("feed-line-5_")
    assert ids["feed.jsonl#https://example.org/2013/03/30/abe"].startswith("feed-abe_")


def test_read_a_record_over_max_bytes_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    small = '{"text": "Prime Minister Abe visited Mongolia."}'
    feed.write_text(f'{small}\n{{"text": "{"x" * 5000}"}}\n{small}\n', encoding="utf-8")
    read = list(read_all([feed], max_bytes=1000))
    assert [d.file_name for d in read if isinstance(d, Document)] == [
        "big.jsonl#line=1", "big.jsonl#line=3"]
    assert [str(e) for e in read if isinstance(e, InputError)] == [
        "big.jsonl: line 2: 5013 bytes is over the limit of 1000; split the record or raise "
        "--max-bytes"]


def test_read_a_weekday_date_on_a_newspaper_masthead_dates_the_page(tmp_path: Path) -> None:
    page = tmp_path / "weekly.txt"
    page.write_text("URL: http://www.example.mn/archive/2031/09/politics.htm\n\nTHE WEEKLY\n"
                    "No. 9 (300)  *  Wednesday, March 5, 2031\n\nPOLITICS\n\nThe Premier "
                    "returned home on Saturday.\n", encoding="utf-8")
    document = read_document(page)
    assert (document.date.iso, document.date_source) == ("2031-03-05", "dateline")


def test_read_a_date_cell_of_an_info_line_dates_the_page_and_a_menu_is_no_title(
        tmp_path: Path) -> None:
    page = tmp_path / "news.txt"
    page.write_text("URL: https://news.example.mn/en/797342/\n\nNews\nPolitics  Economy  "
                    "Society  World  Sports\n\nMinister Kato visits Mongolia\n\nPolitics | "
                    "2031-05-16 | 14:07\n\nMinister Kato met Minister Bat on Monday.\n",
                    encoding="utf-8")
    document = read_document(page)
    assert (document.date.iso, document.title) == ("2031-05-16", "Minister Kato visits Mongolia")
