from __future__ import annotations

import pytest

from .helpers import person_names, read_text

pytestmark = pytest.mark.slow


def _meetings(text: str) -> set[tuple]:
    x = read_text(text)
    return {(frozenset(person_names(x, m.participants)), m.date.iso if m.date else None)
            for m in x.meetings}


def test_meetings_held_a_meeting_with() -> None:
    found = _meetings("March 14, 2019\nOn March 14, Mr. TANAKA Hiroshi, Minister for Foreign "
                      "Affairs of Japan, held a meeting with H.E. Mr. Ganbold DORJSUREN, "
                      "Minister for Foreign Affairs of Mongolia.")
    assert (frozenset({"Tanaka", "Dorjsuren"}), "2019-03-14") in found


def test_meetings_one_per_counterpart_and_dated_by_the_visit() -> None:
    found = _meetings(
        "Mongolian Foreign Minister Oyunaa BAYARMAA visited Japan from May 3 to 6, 2024. "
        "During her visit, Bayarmaa met with Prime Minister Sato Kenji, Chief Cabinet "
        "Secretary Ito Mari and Foreign Minister Tanaka Hiroshi.")
    assert found == {(frozenset({"Bayarmaa", who}), "2024-05-03")
                     for who in ("Sato Kenji", "Ito Mari", "Tanaka Hiroshi")}


def test_meetings_met_with_a_dated_newswire() -> None:
    found = _meetings("Prime Minister Kenji Sato met with Mongolian President Ochirbat "
                      "Enkhjargal in Tokyo in November 2021.")
    assert (frozenset({"Kenji Sato", "Ochirbat Enkhjargal"}), "2021-11") in found


def test_meetings_pronoun_subject_is_resolved() -> None:
    found = _meetings("October 2, 2022\nMs. Oyunaa BAYARMAA, Minister for Foreign Affairs of "
                      "Mongolia, arrived in Tokyo on October 1. On October 2, she held talks "
                      "with Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan.")
    assert (frozenset({"Bayarmaa", "Tanaka"}), "2022-10-02") in found


def test_meetings_received_a_titled_guest_the_parser_hangs_elsewhere() -> None:
    found = _meetings("Ulaanbaatar, May 14, 2025 /MONTSAME/. Prime Minister of Mongolia "
                      "Batbayar Tsogt received Japanese Ambassador to Mongolia Sato Hideo on "
                      "Tuesday.")
    assert (frozenset({"Batbayar Tsogt", "Sato Hideo"}), "2025-05-13") in found


def test_meetings_held_with_a_titled_guest_the_parser_hangs_outside_the_phrase() -> None:
    found = _meetings("March 14, 2024\nOn 12 March, State Secretary G. Tumur held "
                      "consultations with Director-General of the Asian Affairs Bureau of Japan "
                      "Mr. SUZUKI Ren in Ulaanbaatar.")
    assert (frozenset({"Tumur", "Suzuki"}), "2024-03-12") in found


def test_meetings_the_japanese_minister_is_the_minister_of_that_state_named_before() -> None:
    found = _meetings("September 5, 2024\nMr. Suzuki Ren, Minister of Defense of Japan, and "
                      "Ms. Sarnai Bold, Minister for Foreign Affairs of Mongolia, met on 3 "
                      "September. On 4 September, the Japanese minister paid a courtesy call on "
                      "President Bat-Ochir Ganzorig.")
    assert (frozenset({"Suzuki Ren", "Bat-Ochir Ganzorig"}), "2024-09-04") in found
    assert not any("Sarnai Bold" in m and "Bat-Ochir Ganzorig" in m for m, _ in found)


def test_meetings_receiving_a_thing_is_no_meeting() -> None:
    assert not _meetings("May 14, 2025\nPrime Minister Batbayar Tsogt received a letter from "
                         "Prime Minister Sato Hideo on Tuesday.")


def test_meetings_she_in_a_clause_of_her_own_visit_is_the_visitor() -> None:
    found = _meetings("An analysis, 2025\nPrime Minister Kenji Morita went to Ulaanbaatar in "
                      "2023. Foreign Minister Oyunaa Bayarmaa's February 2025 visit to Tokyo, "
                      "during which she held talks with her counterpart Jiro Kato, mattered.")
    assert found == {(frozenset({"Oyunaa Bayarmaa", "Jiro Kato"}), "2025-02")}


def test_meetings_the_minister_and_her_counterpart_are_the_ones_named_before() -> None:
    x = read_text("Ulaanbaatar, 18 June 2031\nMinister for Foreign Affairs of Mongolia Ms. "
                  "Oyunaa Bayarmaa will pay an official visit to Japan on 20-23 June 2031 at "
                  "the invitation of Minister for Foreign Affairs of Japan Mr. Jiro Kato. During "
                  "the visit, the Minister is expected to hold talks with her Japanese "
                  "counterpart and to pay a courtesy call on Prime Minister Kenji Morita.")
    found = {(frozenset(person_names(x, m.participants)), m.status) for m in x.meetings}
    assert found == {(frozenset({"Oyunaa Bayarmaa", "Jiro Kato"}), "planned"),
                     (frozenset({"Oyunaa Bayarmaa", "Kenji Morita"}), "planned")}
