from __future__ import annotations

import pytest

from jmgraph.ingest.annotate import annotate, continues, plural_title

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("line", "following", "expected"), [
    ("On May 3, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, held talks with",
     "H.E. Ms. Oyunaa BAYARMAA, Minister for Foreign Affairs of Mongolia.", True),
    ("The minister said that the two countries would", "continue to cooperate.", True),
    ("held talks with H.E. Ms.", "Oyunaa BAYARMAA of Mongolia.", True),
    ("2014.04 Minister of Land, Infrastructure, Transport and Tourism A. OHTA",
     "From Mongolia to Japan (1997-)", False),
    ("Japan and Mongolia agreed to strengthen cooperation in many fields, saying",
     "Economic Ties", False),
    ("A complete sentence that ends here with a full stop and is long enough.",
     "Another sentence begins on the next line and is also long enough.", False),
    ("From Japan to Mongolia", "Year Name", False),
    ("Year Name", "1989.10 Minister for Foreign Affairs S. UNO", False),
])
def test_annotate_wrapped_lines_continue_rows_and_headings_do_not(line: str, following: str,
                                                                  expected: bool) -> None:
    assert continues(line, following) is expected


def test_annotate_sentences_of_a_mixed_text() -> None:
    doc = annotate("Relations\n\nMay 3, 2026\nOn May 3, Mr. TANAKA Hiroshi, Minister for Foreign"
                   " Affairs of Japan, held talks with H.E. Ms.\nOyunaa BAYARMAA, who is "
                   "visiting Japan. Then they\nwent home.\nFrom Japan to Mongolia\n"
                   "2013.03 Prime Minister S. ABE\n2005.03 Minister for Foreign Affairs Ts. "
                   "MUNKH-ORGIL\nTOKYO, Aug. 7, 2024 (Kyodo) -- The minister arrived.\n"
                   "Ulaanbaatar, May 14, 2025 /MONTSAME/. Last year, the Emperor came.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "Relations", "May 3, 2026",
        "On May 3, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, held talks with "
        "H.E. Ms.\nOyunaa BAYARMAA, who is visiting Japan.", "Then they\nwent home.",
        "From Japan to Mongolia", "2013.03 Prime Minister S. ABE",
        "2005.03 Minister for Foreign Affairs Ts. MUNKH-ORGIL",
        "TOKYO, Aug. 7, 2024 (Kyodo) --", "The minister arrived.",
        "Ulaanbaatar, May 14, 2025 /MONTSAME/.", "Last year, the Emperor came."]


def test_annotate_marks_offices_honorifics_and_agreement_kinds() -> None:
    doc = annotate("H.E. Mr. Bold, Foreign Minister, signed the Exchange of Notes.")
    found = {(s.label_, s.text) for s in doc.spans["jm"]}
    assert {("HONORIFIC", "H.E."), ("HONORIFIC", "Mr."), ("OFFICE", "Foreign Minister"),
            ("AGREEMENT_KIND", "Exchange of Notes")} <= found


def test_annotate_chunks_rejoin_to_the_text() -> None:
    from jmgraph.ingest.annotate import chunks

    text = ("A paragraph. " * 30 + "\n\n") * 40
    pieces = chunks(text, size=1000)
    assert "".join(pieces) == text and all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert "".join(chunks("x" * 2500, size=1000)) == "x" * 2500


def test_annotate_a_text_longer_than_spacys_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import jmgraph.ingest.annotate as annotate_module

    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 200)
    text = "Prime Minister Sato visited Mongolia in March 2013.\n\n" * 10
    assert len(annotate_module.chunks(text)) > 1
    doc = annotate_module.annotate(text)
    assert doc.text == text
    offices = [s for s in doc.spans["jm"] if s.label_ == "OFFICE"]
    assert [s.start_char for s in offices] == [i * 53 for i in range(10)]


def test_annotate_batches_hold_a_bounded_text() -> None:
    from jmgraph.ingest.annotate import batches

    pieces = [("x" * n, (i, 1)) for i, n in enumerate([40, 40, 30, 100, 10, 10, 10, 10])]
    sizes = [[len(t) for t, _ in b] for b in batches(pieces, size=3, chars=100)]
    assert sizes == [[40, 40], [30], [100], [10, 10, 10], [10]]


def test_annotate_a_long_stretch_with_no_sentence_end_is_cut_into_bounded_sentences(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import jmgraph.ingest.annotate as annotate_module

    monkeypatch.setattr(annotate_module, "MAX_SENTENCE_TOKENS", 40)
    monkeypatch.setattr(annotate_module, "CHUNK_CHARS", 700)      # and in pieces
    words = "Prime Minister Sato visited Mongolia and met President Elbegdorj in Ulaanbaatar "
    text = words * 20 + "then, " + words * 5 + ". A short sentence follows.\n" + words * 3
    doc = annotate_module.annotate(text)
    assert doc.text == text and len(annotate_module.chunks(text)) > 1
    sentences = list(doc.sents)
    assert all(len(s) <= 40 for s in sentences)
    assert any(s[0].i > 0 and doc[s[0].i - 1].text == "," for s in sentences)  # after a comma
    assert "A short sentence follows." in [s.text.strip() for s in sentences]


def test_annotate_a_day_left_out_of_a_date_joins_it() -> None:
    doc = annotate("- 24 February 1972: Diplomatic relations established.\n"
                   "- 3 ministers met in May 2001.")
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == ["24 February 1972", "May 2001"]


@pytest.mark.parametrize(("text", "first"), [
    ("Tokyo, Dec. 1 (Jiji Press)--Japanese Emperor Hiroaki met him.",
     "Tokyo, Dec. 1 (Jiji Press)--"),
    ("TOKYO, Japan (Reuters) — Japanese Prime Minister Ren Kato met him.",
     "TOKYO, Japan (Reuters) —"),
    ("Tokyo, 30 November 2031 (TDI): The President met him.", "Tokyo, 30 November 2031 (TDI):"),
    ("ULAN BATOR (Kyodo) Crown Prince Hiroaki arrived.", "ULAN BATOR (Kyodo)"),
    # the agency's name with no brackets
    ("TOKYO, March 9 Kyodo - Foreign Minister Ren Kato and his counterpart Dorj Bat agreed.",
     "TOKYO, March 9 Kyodo -"),
    ("Jiro Ueda, Secretary-General of the party, met him.",
     "Jiro Ueda, Secretary-General of the party, met him."),
    ("Prime Minister Ren Kato (left) - and his guest - met.",
     "Prime Minister Ren Kato (left) - and his guest - met."),
])
def test_annotate_a_wire_dateline_is_a_sentence_of_its_own(text: str, first: str) -> None:
    assert next(annotate(text).sents).text.strip() == first


def test_annotate_rows_of_a_tab_separated_table_do_not_run_on() -> None:
    from jmgraph.ingest.annotate import continues
    assert not continues("August 1991\tRen Kato\tPrime Minister\tUlaanbaatar\tFirst visit by a",
                         "May 1998\tNatsagiin Bagabandi\tPresident\tTokyo\tJoint statement")


def test_annotate_a_name_goes_on_after_its_joined_initial_at_a_sentences_end() -> None:
    doc = annotate(
        "Abe visits Mongolia for second time\n\nJapanese Prime Minister Ren Kato arrived in "
        "Ulaanbaatar on Thursday for a one-day working visit, his second trip to Mongolia since "
        "taking office in December 2012. Upon arrival, Kato met with Prime Minister Ch.Bold at "
        "the State Palace, where the two leaders agreed to speed up the implementation of the "
        "Economic Partnership Agreement. Kato later paid a courtesy call on President "
        "Ts.Tumurbaatar.\nKato's first visit to Mongolia as prime minister was in March 2013.\n")
    assert any(s.text.strip().endswith("President Ts.Tumurbaatar.") for s in doc.sents)


def test_annotate_a_range_of_days_left_out_of_a_date_joins_it() -> None:
    doc = annotate("Prime Minister Ren Kato visits Mongolia on 10–11 August, in the Year of "
                   "Mongolia.")
    assert "10–11 August" in [e.text for e in doc.ents if e.label_ == "DATE"]


@pytest.mark.parametrize(("title", "plural"), [
    ("Prime Minister", "Prime Ministers"),
    ("Minister for Foreign Affairs", "Ministers for Foreign Affairs"),
    ("Chairman of the State Great Khural", "Chairmen of the State Great Khural"),
    ("Foreign Minister", "Foreign Ministers"),
    ("PM", None),
    ("His Majesty the Emperor", None),
])
def test_annotate_plural_of_a_title_is_its_head_words(title: str, plural: str | None) -> None:
    assert plural_title(title) == plural


def test_annotate_a_date_in_figures_is_a_date() -> None:
    doc = annotate("The sides reached agreement on 22.07.2031 and signed it on 2032.02.10.")
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == ["22.07.2031", "2032.02.10"]


@pytest.mark.parametrize(("text", "date"), [
    ("From the 6th to the 13th of July 2031, the Minister toured Mongolia.",
     "the 6th to the 13th of July 2031"),
    ("On the 29th of November, the two leaders met in Tokyo.", "the 29th of November"),
    ("The talks ended on the 3rd of May, 2032 in Ulaanbaatar.", "the 3rd of May, 2032"),
])
def test_annotate_days_written_the_nth_of_a_month_are_one_date(text: str, date: str) -> None:
    assert date in [e.text for e in annotate(text).ents if e.label_ == "DATE"]


def test_annotate_a_month_of_an_era_year_is_one_date() -> None:
    doc = annotate("In August of Heisei 3, the Prime Minister visited Mongolia.")
    assert "August of Heisei 3" in [e.text for e in doc.ents if e.label_ == "DATE"]


@pytest.mark.parametrize("date", ["29 November-2 December 2032", "November 29 - December 2, 2032"])
def test_annotate_a_range_across_two_months_is_one_date(date: str) -> None:
    doc = annotate(f"The President paid a state visit to Tokyo on {date}.")
    assert date in [e.text for e in doc.ents if e.label_ == "DATE"]


def test_annotate_a_closing_bracket_ends_no_sentence() -> None:
    doc = annotate("The minister signed a loan agreement with the President of the Japan "
                   "International Cooperation Agency (JICA) Tanaka Ichiro yesterday, on May 25. "
                   "The loan (2.5 billion yen.) Comes later.")
    sentences = [s.text for s in doc.sents]
    assert sentences[0].endswith("yesterday, on May 25.")
