from __future__ import annotations

import pytest

from .helpers import read_text

pytestmark = pytest.mark.slow


def _levels(text: str) -> set[tuple]:
    return {(p.label, p.date.iso if p.date else None) for p in read_text(text).partnerships}


@pytest.mark.parametrize(("text", "expected"), [
    ("In 2008, Japan and Mongolia elevated their relationship to a \u201cComprehensive "
     "Strategic Partnership\u201d.", ("Comprehensive Strategic Partnership", "2008")),
    ("Diplomatic relations between Japan and Mongolia were established on February 24, 1972.",
     ("Diplomatic Relations", "1972-02-24")),
    ("Japan and Mongolia launched an Extended Partnership in March 2001.",
     ("Extended Partnership", "2001-03")),
    # the pair's names before the level's
    ("The Mongolia-Japan Strategic Partnership, which the two countries declared in November "
     "2010, grew.", ("Strategic Partnership", "2010-11")),
    # newswire, lower case in quotes
    ("TOKYO, Nov. 29, 2022 (Kyodo) -- Japan and Mongolia agreed Tuesday to upgrade bilateral "
     "ties to a \"special strategic partnership.\"",
     ("Special Strategic Partnership", "2022-11-29")),
    # encyclopedia, lower case, no quotes
    ("In May 1998 Japan and Mongolia agreed to build a comprehensive partnership.",
     ("Comprehensive Partnership", "1998-05")),
    # a participle after the level's name
    ("Minister Ren Kato of Japan said the Special Strategic Partnership "
     "established in 2022 with Mongolia opened a new chapter.",
     ("Special Strategic Partnership", "2022")),
    # of several dates in the sentence, the one of the verb that begins the level
    ("President Bat Dorj of Mongolia paid a state visit to Japan in May 2003, and in 2009 the two "
     "countries agreed to build a strategic partnership.", ("Strategic Partnership", "2009")),
])
def test_partnerships_level_and_the_date_it_began(text: str, expected: tuple) -> None:
    assert expected in _levels(text)


def test_partnerships_anniversary_is_not_when_relations_began() -> None:
    found = _levels("Japan and Mongolia: 2022 marks the 50th anniversary of the establishment "
                    "of diplomatic relations between Japan and Mongolia.")
    assert not any(label == "Diplomatic Relations" for label, _ in found)

    # the anniversary's own time is not the beginning either; a date of the beginning is
    found = _levels("Ulaanbaatar, June 7, 2031\nOfficials hope the 60th anniversary of "
                    "diplomatic relations between Japan and Mongolia next year will help.")
    assert not any(label == "Diplomatic Relations" for label, _ in found)
    found = _levels("Tokyo, May 2, 2032\nThe year marks the 60th anniversary of the "
                    "establishment of diplomatic relations between Japan and Mongolia on "
                    "February 24, 1972.")
    assert ("Diplomatic Relations", "1972-02-24") in found


def test_partnerships_economic_partnership_agreement_is_not_a_level() -> None:
    found = _levels("Japan and Mongolia signed an Economic Partnership Agreement in 2015.")
    assert not found
    found = _levels("The Agreement between Mongolia and Japan for an Economic Partnership "
                    "entered into force in 2016.")
    assert not found


def test_partnerships_other_pairs_of_states_are_left_out() -> None:
    found = _levels("Japan and Mongolia are partners. In 2019, Russia and Mongolia established "
                    "a Comprehensive Strategic Partnership between Russia and Mongolia.")
    assert not found


def test_partnerships_a_partnership_in_a_field_is_no_level() -> None:
    found = _levels("In 2019 Japan and Mongolia launched a partnership in education and an "
                    "economic partnership agreement.")
    assert not found


def test_partnerships_a_timeline_dates_what_its_entries_name() -> None:
    found = _levels("Japan and Mongolia: a timeline\n\n"
                    "- 24 February 1972: Diplomatic relations established.\n"
                    "- May 1998: President Bold visits Japan; the sides agree on a "
                    "\"Comprehensive Partnership\".\n"
                    "- November 2010: President Dorj visits Japan; \"Strategic Partnership\".\n"
                    "- 2022: the 50th anniversary of diplomatic relations.\n")
    assert found == {("Diplomatic Relations", "1972-02-24"),
                     ("Comprehensive Partnership", "1998-05"),
                     ("Strategic Partnership", "2010-11")}


def _level_dates(text: str) -> dict[str, str | None]:
    return {p.label: (p.date.iso if p.date else None) for p in read_text(text).partnerships}


def test_partnerships_the_level_left_behind_does_not_begin() -> None:
    found = _level_dates("Japan-Mongolia Summit Meeting\nMay 3, 2031\n(2) Both sides agreed to "
                         "elevate their relations between Japan and Mongolia from a "
                         "\u201cComprehensive Partnership\u201d to a \u201cStrategic "
                         "Partnership.\u201d")
    assert found == {"Strategic Partnership": "2031-05-03"}


@pytest.mark.parametrize("text", [
    # an intention is no beginning
    "In 1990, the President said Mongolia wished to establish diplomatic relations with Japan.",
    # strengthening a level that exists
    "Ulan Bator, May 3, 2031 (Jiji Press)--Japan and Mongolia announced a package to "
    "strengthen their strategic partnership.",
])
def test_partnerships_what_does_not_begin_a_level(text: str) -> None:
    assert not any(date for date in _level_dates(text).values())


@pytest.mark.parametrize(("text", "expected"), [
    # each level dated by the date after it
    ("Japan and Mongolia. The strategic partnership was proclaimed during the President's "
     "visit in November 2030, and ties were lifted to a special strategic partnership when "
     "the Prime Minister visited in May 2033.",
     {"Strategic Partnership": "2030-11", "Special Strategic Partnership": "2033-05"}),
    # a year in brackets after each level, whatever the verb
    ("(2) Relations between Japan and Mongolia have developed from a \u201cComprehensive "
     "Partnership\u201d (2001) through a \u201cStrategic Partnership\u201d (2015).",
     {"Comprehensive Partnership": "2001", "Strategic Partnership": "2015"}),
    # a relative clause without "which" that begins it
    ("Japan and Mongolia. The memorandum will lift the strategic partnership the two "
     "countries established in March 2031 to a new level.",
     {"Strategic Partnership": "2031-03"}),
    # the date inside the words of the verb that begins it, not the one of a clause before
    ("Japan and Mongolia, which established diplomatic relations in 2028, agreed in 2036 to "
     "build a \"strategic partnership\".",
     {"Strategic Partnership": "2036", "Diplomatic Relations": "2028"}),
    # an analysis: produced by a visit, dated by the sentence's frame
    ("Japan and Mongolia. The high point came in early May 2034, when the President's "
     "state visit to Tokyo produced the 'Special Strategic Partnership for Peace and "
     "Prosperity'.",
     {"Special Strategic Partnership for Peace and Prosperity": "2034-05"}),
    # "since" right after the level's name: when it began
    ("Japan and Mongolia have been building a Strategic Partnership since 2031, based on "
     "shared values.", {"Strategic Partnership": "2031"}),
    # the level's name in apposition to a label, then the verb
    ("Japan and Mongolia. Their relationship was already called a \"strategic partnership\", "
     "a label adopted in 2031 under a predecessor.", {"Strategic Partnership": "2031"}),
    # a date in a clause after the level that begins nothing is not the level's
    ("During the President's visit to Japan in May 2031 the two governments proclaimed a "
     "'comprehensive partnership', which the Prime Minister reaffirmed when he visited "
     "Mongolia in July 2032.", {"Comprehensive Partnership": "2031-05"}),
    # "decided to build", in a when-clause of a recollection
    ("Minister Bat of Mongolia recalled his visit to Japan in November 2031, when the two "
     "countries decided to build a \"Strategic Partnership.\"",
     {"Strategic Partnership": "2031-11"}),
    # the earlier level, upgraded, does not begin then
    ("In 2036, the President of Mongolia and the Prime Minister of Japan agreed to build a "
     "Strategic Partnership, upgrading the earlier \"comprehensive partnership\".",
     {"Strategic Partnership": "2036"}),
    # "which A and B agreed upon during ... in May last year"
    ("Tokyo, May 21, 2032\nMinister Kato stated that Japan attaches importance to the "
     "\"comprehensive partnership\" with Mongolia which President Bat and then Prime "
     "Minister Sato agreed upon during the President's visit to Japan in May last year.",
     {"Comprehensive Partnership": "2031-05"}),
    # strengthened, but the relative clause says when it was launched; another state named
    ("Tokyo, July 7, 2039\n4. It is expected that the visit will further strengthen the "
     "\"comprehensive partnership\" between Japan and Mongolia, which was launched in 2031, "
     "and that the leaders will discuss regional issues such as North Korea.",
     {"Comprehensive Partnership": "2031"}),
    # a fact sheet's row; a participle right after the name
    ("Japan and Mongolia\nDiplomatic relations with Japan: established in February 2031",
     {"Diplomatic Relations": "2031-02"}),
    ("Tokyo, June 20, 2036\nPrime Minister Kato stated that the \"Special Strategic "
     "Partnership\" between Japan and Mongolia, established during President Bat's state "
     "visit to Japan in November 2032, is developing steadily.",
     {"Special Strategic Partnership": "2032-11"}),
    # a reduced relative the parser makes a clause under "wants"
    ("Tokyo, Jan. 11, 2032\nBat told Kato that Mongolia wants to make the \"strategic "
     "partnership\" agreed on when he visited Tokyo in November and held talks with Sato "
     "more substantial, and that Japanese firms would be welcome in Mongolia.",
     {"Strategic Partnership": "2031-11"}),
])
def test_partnerships_dated_level_by_level(text: str, expected: dict) -> None:
    found = _level_dates(text)
    assert {k: v for k, v in found.items() if v} == expected


def test_partnerships_a_numbered_statement_dates_a_level_by_the_meeting_paragraphs_before() -> None:
    # each paragraph's number ("2.") is a sentence of its own to the parser
    x = read_text(
        "Joint Statement\n\n14 May 2034, Tokyo\n\n1. President Dorj Bat of Mongolia paid a "
        "State Visit to Japan from 13 to 16 May 2034. On 14 May, President Bat held a summit "
        "meeting with Prime Minister Ren Kato of Japan. On 16 May, the Emperor will receive "
        "President Bat.\n\n2. The two leaders recalled that, since the establishment of "
        "diplomatic relations on 24 February 1972, the relationship has developed steadily.\n\n"
        "3. The two leaders decided to elevate the bilateral relationship to a \"Special "
        "Strategic Partnership\".")
    assert {(p.label, p.date.iso if p.date else None) for p in x.partnerships} == {
        ("Diplomatic Relations", "1972-02-24"), ("Special Strategic Partnership", "2034-05-14")}


@pytest.mark.parametrize("text", [
    "Tokyo, May 2, 2036\nThe President expressed his hope that the visit will become a "
    "milestone that elevates the relations between Japan and Mongolia to a new level of "
    "\"Special Strategic Partnership.\"",
    "Tokyo, May 2, 2036\nThe two sides will establish a Strategic Partnership between Japan "
    "and Mongolia next year.",
])
def test_partnerships_a_hope_or_a_plan_begins_no_level(text: str) -> None:
    assert {d for _, d in _levels(text)} <= {None}


def test_partnerships_a_when_clause_begins_a_level_whatever_the_main_clause_says() -> None:
    assert _levels("When Tokyo and Ulaanbaatar established diplomatic relations in February "
                   "1972, few expected much of the tie between Japan and Mongolia.") == {
        ("Diplomatic Relations", "1972-02")}


def test_partnerships_the_level_to_which_the_leaders_agreed_then() -> None:
    x = read_text("Visit of the Foreign Minister of Mongolia to Japan\n\nJuly 2031\n\nThe two "
                  "ministers agreed that the anniversary year provided a valuable opportunity "
                  "to advance the \"comprehensive partnership\" to which the leaders of the two "
                  "countries agreed in 2028.")
    assert [(p.label, p.date.iso) for p in x.partnerships] == [("Comprehensive Partnership",
                                                                 "2028")]


@pytest.mark.parametrize(("text", "expected"), [
    ("August 4, 2031\n\nMinister Sato of Japan said he would like to further develop the "
     "\"Strategic Partnership,\" established in November 2027, to a new stage with Mongolia.",
     [("Strategic Partnership", "2027-11")]),
    ("June 17, 2031\n\nJapan-Mongolia relations\nStrategic Partnership: since November 2027\n",
     [("Strategic Partnership", "2027-11")]),
    ("October 5, 2031\n\nIn November 2027, when President Bold Dorj of Mongolia visited "
     "Japan, ties were upgraded to a \"strategic partnership\", the label under which the "
     "two countries signed the Economic Partnership Agreement in February 2029.",
     [("Strategic Partnership", "2027-11")]),
])
def test_partnerships_dated_by_the_words_right_after_them(text: str, expected: list) -> None:
    x = read_text(text)
    assert [(p.label, p.date.iso if p.date else None) for p in x.partnerships] == expected
