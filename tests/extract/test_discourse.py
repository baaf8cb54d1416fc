"""The discourse that dates an event its own sentence leaves undated: the sentence before,
the heading above, the headline of a day's report, the present of the text; and where it
stops (a statistic's year in a clause is no time frame)."""

from __future__ import annotations

import pytest

from .helpers import last_names, person_names, read_text

pytestmark = pytest.mark.slow


def _meetings(text: str) -> set[tuple]:
    x = read_text(text)
    return {(frozenset(person_names(x, m.participants)), m.date.iso if m.date else None)
            for m in x.meetings}


@pytest.mark.parametrize(("text", "expected"), [
    # a release: the headline names the summit, the dateline dates it
    ("Japan-Mongolia Summit Meeting\n\nThursday, April 9, 2026\n\nPrime Minister Kenji Sato "
     "held a meeting with Mr. Dorjiin Ganbold, Prime Minister of Mongolia, at the Official "
     "Residence.",
     {(frozenset({"Kenji Sato", "Dorjiin Ganbold"}), "2026-04-09")}),
    # a numbered section: the sentence before gives the day
    ("Visit of the Foreign Minister\n\nMay 3, 2027\n\n(2) In the morning of May 2, Foreign "
     "Minister Aiko Mori paid a courtesy call on President Bat Erdene. She also held a "
     "meeting with Foreign Minister Tsend Naran.",
     {(frozenset({"Aiko Mori", "Bat Erdene"}), "2027-05-02"),
      (frozenset({"Aiko Mori", "Tsend Naran"}), "2027-05-02")}),
    # a section heading carries the day
    ("Outline of the Visit\n\nJune 30, 2031\n\n1. Summit Meeting (June 28, 10:00-11:00)\n\n"
     "Prime Minister Ren Kato held talks with President Bold Tumur.",
     {(frozenset({"Ren Kato", "Bold Tumur"}), "2031-06-28")}),
])
def test_discourse_dates_an_undated_meeting(text: str, expected: set[tuple]) -> None:
    assert _meetings(text) == expected


def test_discourse_a_statistics_year_in_a_clause_is_no_time_frame() -> None:
    found = _meetings(
        "An analysis\n\nMongolian President Bold Tumur visited Tokyo on March 3, 2015. Exports, "
        "which totaled 12 billion yen in 2012, grew. President Tumur and Japanese Prime "
        "Minister Ren Kato held talks.")
    assert found == {(frozenset({"Bold Tumur", "Ren Kato"}), "2015-03-03")}


def test_discourse_a_visit_spoken_of_in_the_present_is_the_texts_day() -> None:
    x = read_text("URL: https://news.example.org/2019/11/05/speaker-visit/\n\n"
                  "Speaker G.Zandan is paying an official visit to Japan.")
    (visit,) = x.visits
    assert (visit.destination, visit.start.iso) == ("japan", "2019-11-05")


@pytest.mark.parametrize(("text", "date"), [
    ("URL: https://news.example.org/2016/05/18/x/\n\nPresident B.Dash arrived here early "
     "Monday on a three-day official visit to Japan.", "2016-05-16"),
    ("Politics\n2030-09-04 11:02:10\n\nUlaanbaatar /MONTSAME/. The visit of Prime Minister of "
     "Mongolia D.Enkh to Japan which took place between August 28 and 31 wraps up today.",
     "2030-08-28"),
    ("September 20, 2033\nPrime Minister Kato recalled President Dash's visit to Japan in "
     "November last year (2032).", "2032-11"),
])
def test_discourse_dates_in_the_forms_wire_stories_use(text: str, date: str) -> None:
    x = read_text(text)
    assert [v.start.iso for v in x.visits] == [date]


@pytest.mark.parametrize(("text", "visits"), [
    # "the Imperial couple" and "His Majesty" are the royal pair named before
    ("Ulaanbaatar, July 8, 2031 /MONTSAME/. The President received Emperor Hiroaki and "
     "Empress Aiko of Japan. The Imperial couple arrived in Ulaanbaatar on Sunday.",
     {(frozenset({"Hiroaki", "Aiko"}), "mongolia", "2031-07-06")}),
    ("May 2, 2031\nThe President received Emperor Hiroaki of Japan. He recalled that His "
     "Majesty had first come to Mongolia in 2009.",
     {(frozenset({"Hiroaki"}), "mongolia", "2009")}),
    # "earlier in the day": the text's day, though the model reads no date in it
    ("ULAN BATOR, July 14, 2031 (Xinhua) -- Earlier in the day, Chinese Premier Wang Lei "
     "arrived in Ulan Bator for the summit.",
     {(frozenset({"Wang Lei"}), "mongolia", "2031-07-14")}),
    # a title standing as subject is who "he" is next; "On the 30th" in the text's month
    ("Visit to Mongolia\n\nSaturday, March 30, 2030\n\nPrime Minister Ren Kato visited "
     "Mongolia. On the 30th, the Prime Minister arrived in Ulaanbaatar and met Mr. Dorj Bat, "
     "Prime Minister of Mongolia.",
     {(frozenset({"Ren Kato"}), "mongolia", "2030-03-30")}),
])
def test_discourse_visits_of_persons_named_before(text: str, visits: set[tuple]) -> None:
    x = read_text(text)
    assert {(frozenset(person_names(x, v.visitors)), v.destination,
             v.start.iso if v.start else None) for v in x.visits} == visits


def test_discourse_the_title_standing_as_subject_is_he_in_the_next_sentence() -> None:
    found = _meetings("Visit to Mongolia\n\nMarch 31, 2030\n\nPrime Minister Ren Kato visited "
                      "Mongolia. He met Mr. Dorj Bat, Prime Minister of Mongolia. The next day, "
                      "the Prime Minister offered flowers. He then met with Mr. Tumen Ochir, "
                      "Chairman of the State Great Khural.")
    assert frozenset({"Ren Kato", "Tumen Ochir"}) in {p for p, _ in found}
    assert frozenset({"Dorj Bat", "Tumen Ochir"}) not in {p for p, _ in found}


def test_discourse_a_relative_clause_about_a_person_dates_nothing_else() -> None:
    found = _meetings("ULAN BATOR, July 14, 2031 (Xinhua) -- Ren Kato is expected to hold talks "
                      "with Prime Minister Dorj Bat, who was appointed on July 8.")
    assert (frozenset({"Ren Kato", "Dorj Bat"}), "2031-07-08") not in found


def test_discourse_the_following_day_is_the_day_after_the_one_told() -> None:
    found = _meetings("Visit to Mongolia\n\nMay 3, 2031\n\nOn May 3, Prime Minister Ren Kato met "
                      "Mr. Dorj Bat, Prime Minister of Mongolia. On the following day, the Prime "
                      "Minister laid flowers. He then met with Mr. Tumen Ochir, Chairman of the "
                      "State Great Khural.")
    assert (frozenset({"Ren Kato", "Tumen Ochir"}), "2031-05-04") in found


def test_discourse_the_two_are_the_persons_just_joined_by_and() -> None:
    found = _meetings("ULAN BATOR, Jan. 10, 2032 (Xinhua) -- The memorandum was signed by "
                      "visiting Japanese Defense Minister Ren Kato and his Mongolian counterpart, "
                      "Dorj Bat, after the two held talks.")
    assert {p for p, _ in found} == {frozenset({"Ren Kato", "Dorj Bat"})}


def test_discourse_a_participle_tells_no_present() -> None:
    found = _meetings("URL: https://news.example.org/2031/02/11/x/\n\nThe treaty was signed by "
                      "Prime Minister Ren Kato and his visiting counterpart Dorj Bat in Tokyo on "
                      "Tuesday. Trade grew. Exports grew. Imports grew too. At a news conference "
                      "following their summit, Kato praised the treaty.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2031-02-11")}


def test_discourse_the_same_day_passes_over_a_month_told_between() -> None:
    x = read_text("2031-05-26 14:07:11\n\nTokyo /MONTSAME/. Minister of Finance B.Bold signed "
                  "a loan agreement with Kenji Sato yesterday, on May 25. The Exchange of Notes "
                  "on the loan was signed in Ulaanbaatar earlier this month. On the same day, "
                  "Minister B.Bold met with Minister of Finance of Japan Ichiro Tanaka.")
    (meeting,) = [m for m in x.meetings if "Tanaka" in last_names(x, m.participants)]
    assert meeting.date.iso == "2031-05-25"
