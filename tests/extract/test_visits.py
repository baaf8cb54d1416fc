from __future__ import annotations

import pytest

from jmgraph.extract.model import Extraction

from .helpers import last_names, person_names, read_text

pytestmark = pytest.mark.slow


def _named_visits(x: Extraction) -> set[tuple]:
    """(the visitors' names, destination, start) of each visit X tells."""
    return {(" ".join(sorted(person_names(x, v.visitors))), v.destination, v.start.iso)
            for v in x.visits}


def _visits(text: str) -> set[tuple]:
    x = read_text(text)
    return {(frozenset(person_names(x, v.visitors)), v.destination,
             v.start.iso if v.start else None, v.end.iso if v.end else None, v.status)
            for v in x.visits}


@pytest.mark.parametrize(("text", "expected"), [
    # press release, "who is visiting", date from the sentence
    ("Japan-Mongolia Relations\n\nMarch 14, 2019\nOn March 14, Mr. TANAKA Hiroshi, Minister for "
     "Foreign Affairs of Japan, held a meeting with H.E. Mr. Ganbold DORJSUREN, Minister for "
     "Foreign Affairs of Mongolia, who is visiting Japan.",
     ({"Dorjsuren"}, "japan", "2019-03-14", None, "occurred")),
    # possessive visit noun, table-of-contents style heading
    ("Prime Minister Sato's visit to Mongolia in August 2016.",
     ({"Sato"}, "mongolia", "2016-08", None, "occurred")),
    # newswire, planned with a range resolved against the dateline
    ("ULAANBAATAR, June 12, 2023 (Montsame) -- Prime Minister Luvsannyam GANTUMUR will pay an "
     "official visit to Japan from June 20 to 23, the government said.",
     ({"Gantumur"}, "japan", "2023-06-20", "2023-06-23", "planned")),
    # a city stands for its country; weekday against the dateline
    ("TOKYO, Aug. 7, 2024 (Kyodo) -- Mongolian President Ochirbat ENKHJARGAL arrived in "
     "Tokyo on Tuesday for a four-day state visit.",
     ({"Enkhjargal"}, "japan", "2024-08-06", None, "occurred")),
    # relative month, past
    ("July 13, 2023\nPresident Bold's visit to Japan last November was a success.",
     ({"Bold"}, "japan", "2022-11", None, "occurred")),
    # postponed
    ("May 20, 2020\nThe visit of Foreign Minister Tanaka to Mongolia in June 2020 was postponed "
     "because of the pandemic.",
     ({"Tanaka"}, "mongolia", "2020-06", None, "postponed")),
    # expected, two visitors
    ("March 1, 2025\nEmperor Hiroaki and Empress Sayako are expected to visit Mongolia in "
     "July 2025.",
     ({"Hiroaki", "Sayako"}, "mongolia", "2025-07", None, "planned")),
    # news agency: the sentence's "Last year" gives the year of its days
    ("Ulaanbaatar, May 14, 2025 /MONTSAME/. Last year, Emperor Hiroaki paid a state visit to "
     "Mongolia from July 6 to 13.",
     ({"Hiroaki"}, "mongolia", "2024-07-06", "2024-07-13", "occurred")),
    # encyclopedia: "In 1999," frames the month and day that follow
    ("March 3, 2021\nIn 1999, Prime Minister Ichiro Sato visited Mongolia on July 6.",
     ({"Ichiro Sato"}, "mongolia", "1999-07-06", None, "occurred")),
    # a year that qualifies a noun frames nothing: the day is the text's own year
    ("March 3, 2021\nForeign Minister Jiro Kato, recalling the 2015 joint statement, visited "
     "Mongolia on February 20.",
     ({"Jiro Kato"}, "mongolia", "2021-02-20", None, "occurred")),
    # newswire: "visiting X" in a story datelined in the host's capital
    ("TOKYO, Nov. 29, 2022 (Kyodo) -- Japanese Prime Minister Kenji Morita held talks Tuesday "
     "with visiting Mongolian President Bat-Ochir Ganzorig.",
     ({"Bat-Ochir Ganzorig"}, "japan", "2022-11-29", None, "occurred")),
    # "visiting" before the name, the place in the sentence
    ("May 6, 2025\nOn May 5, President Tserendorj Nyamjav received the visiting Japanese "
     "Foreign Minister Jiro Kato in Ulaanbaatar.",
     ({"Jiro Kato"}, "mongolia", "2025-05-05", None, "occurred")),
    # news agency: "who is in Mongolia on a working visit"
    ("Ulaanbaatar, May 14, 2025 /MONTSAME/. The Speaker met Nukaga Fukushiro, Speaker of the "
     "House of Representatives of Japan, who is in Mongolia on a working visit from May 12 "
     "to 15.",
     ({"Nukaga Fukushiro"}, "mongolia", "2025-05-12", "2025-05-15", "occurred")),
    # returned home after a visit of so many days: the days before
    ("KYODO NEWS - Jul 13, 2031 - 18:42 | Japan, All\nEmperor Hiroaki returned to Japan on "
     "Sunday after an eight-day state visit to Mongolia.",
     ({"Hiroaki"}, "mongolia", "2031-07-06", "2031-07-13", "occurred")),
    # a visit in a clause bound by "after", dated in that clause ("late 2029": the year)
    ("July 13, 2031\nThe trip came after Dorj Bat extended an invitation during his state "
     "visit to Japan in late 2029.",
     ({"Dorj Bat"}, "japan", "2029", None, "occurred")),
    # the earlier visits a visit follows, on the verb of the clause
    ("Ulaanbaatar, July 15, 2031\nPresident Dorj Bat welcomed Prime Minister Ren Kato on his "
     "third visit to Mongolia, following the visits in March 2027 and October 2029.",
     ({"Ren Kato"}, "mongolia", "2029-10", None, "occurred")),
    # "the first by a Japanese prime minister": his state, so the other of the pair
    ("When Tokyo and Ulaanbaatar established diplomatic relations, few expected much. Ren "
     "Kato's visit in August 2029, the first by a Japanese prime minister, was followed by "
     "a donors' meeting for Mongolia.",
     ({"Ren Kato"}, "mongolia", "2029-08", None, "occurred")),
    # a stop on a tour
    ("December 15, 2031\nForeign minister Ren Kato's stop in Ulaanbaatar in October 2030 was "
     "one of the first in-person visits.",
     ({"Ren Kato"}, "mongolia", "2030-10", None, "occurred")),
    # a visit "paid by" its visitor
    ("Ulaanbaatar, February 6, 2031\nTies grew as a result of the state visit paid by "
     "President of Mongolia U.Bat to Japan in November 2029.",
     ({"Bat"}, "japan", "2029-11", None, "occurred")),
    # "on a visit" beside the person, or opening the clause
    ("Tokyo, May 3, 2031\nMr. Sanj BAATAR, Chairman of the State Great Hural of Mongolia, on "
     "an official visit to Japan, called on the Speaker on May 2.",
     ({"Baatar"}, "japan", "2031-05-02", None, "occurred")),
    ("Tokyo, May 3, 2031\nOn his first visit to Mongolia in 2029, Prime Minister Taro Yamada "
     "met President Batbold.",
     ({"Taro Yamada"}, "mongolia", "2029", None, "occurred")),
    # a visit the parties agree on is still to come, whatever tense they agreed in
    ("Tokyo, May 3, 2031\nThe ministers agreed on a visit to Japan by President Batbold next "
     "year.",
     ({"Batbold"}, "japan", "2032", None, "planned")),
])
def test_visits_in_many_styles(text: str, expected: tuple) -> None:
    visitors, *rest = expected
    assert (frozenset(visitors), *rest) in _visits(text)


def test_visits_table_rows_under_a_heading_take_direction_and_office_state() -> None:
    x = read_text("Diplomatic Visits\nFrom Mongolia to Japan (1990-)\nYear Name\n"
                  "1996.05 President P. OCHIRBAT\n2003.11 Minister for Foreign Affairs "
                  "L.ERDENEBAT\n")
    rows = sorted((v.start.iso, v.destination, next(iter(v.capacities.values())).country)
                  for v in x.visits)
    assert rows == [("1996-05", "japan", "mongolia"), ("2003-11", "japan", "mongolia")]



def test_visits_a_bulleted_list_of_visits_with_the_month_in_brackets() -> None:
    x = read_text("High-level visits\nFrom Japan to Mongolia:\n- 1991 (August): Prime "
                  "Minister Ren Kato\n- 2006: Prime Minister Jiro Ueda (official visit)\n")
    assert {(tuple(person_names(x, v.visitors)), v.destination, v.start.iso)
            for v in x.visits} == {(("Ren Kato",), "mongolia", "1991-08"),
                                   (("Jiro Ueda",), "mongolia", "2006")}


@pytest.mark.parametrize("text", [
    "Defense Minister Ren Kato of Japan became on Thursday the first holder of his post to "
    "visit Mongolia in a decade.",
    "Prime Minister Ren Kato is the first Japanese leader to visit Mongolia since 2006.",
])
def test_visits_the_first_to_visit_is_a_visit(text: str) -> None:
    assert {(next(iter(v[0])), v[1]) for v in _visits(text)} == {("Ren Kato", "mongolia")}


@pytest.mark.parametrize(("text", "expected"), [
    # encyclopedia: a second date "and again in ..." is a second visit
    ("Prime Minister Kenji Morita visited Ulaanbaatar in April 2012, and again in September "
     "2012.",
     {("2012-04", "mongolia"), ("2012-09", "mongolia")}),
    ("Foreign Minister Jiro Kato visited Mongolia in 2016 and in 2019.",
     {("2016", "mongolia"), ("2019", "mongolia")}),
    # "again" on a preposition of the verb itself; months in the dateline's year
    ("Tokyo, 3 March 2027\nPresident Bat-Ochir Ganzorig came to Japan in January, and again "
     "in February.", {("2027-01", "japan"), ("2027-02", "japan")}),
    # a date on another verb is not the visit's
    ("Prime Minister Kenji Morita visited Mongolia in May 2015 and met President Ganzorig in "
     "June 2015.", {("2015-05", "mongolia")}),
])
def test_visits_told_again_are_each_a_visit(text: str, expected: set) -> None:
    assert {(v[2], v[1]) for v in _visits(text)} == expected


@pytest.mark.parametrize("text", [
    # the second visitor with no verb of its own ("gapping")
    "Prime Minister Kenji Morita travelled to Mongolia in May 2012 and Prime Minister "
    "Jiro Ueda in June 2016.",
    # each visitor with a date in brackets
    "Prime Minister Kenji Morita (2012) and Prime Minister Jiro Ueda (2016) visited "
    "Mongolia.",
])
def test_visits_each_visitor_with_a_date_of_their_own(text: str) -> None:
    found = {(next(iter(v[0])), v[2]) for v in _visits(text)}
    assert {(who, when[:4]) for who, when in found} == {("Kenji Morita", "2012"),
                                                        ("Jiro Ueda", "2016")}


def test_visits_a_date_in_an_aside_that_bounds_another_time_is_not_the_visits() -> None:
    found = _visits("URL: https://news.example.com/2031/05/12/a/\n\nTOKYO -- President Bat "
                    "Dorj arrived in Tokyo early Monday on a five-day official visit, his "
                    "first since taking office last summer.")
    assert {v[2] for v in found} == {"2031-05-12"}


def test_visits_negated_visit_is_not_a_fact() -> None:
    assert not _visits("May 1, 2021\nPrime Minister Sato did not visit Mongolia in 2020.")


def test_visits_repeated_mentions_in_one_text_are_one_visit() -> None:
    found = _visits("April 2, 2018\nMr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, "
                    "visited Mongolia on April 1. Minister Tanaka's visit to Mongolia was the "
                    "first since 2015. His visit to Mongolia ended on April 2.")
    assert len(found) == 1


def test_visits_capacity_at_the_time() -> None:
    x = read_text("2025 marks an anniversary. Akihito previously visited Mongolia in 1998, "
                  "when he was the crown prince.")
    (visit,) = x.visits
    assert visit.start.iso == "1998"
    assert next(iter(visit.capacities.values())).role == "Crown Prince"


def test_visits_tables_in_other_layouts() -> None:
    x = read_text("VIP Visits\n\n(1) Japan \u2192 Mongolia\nYear | Name\n"
                  "1995.08 | Minister for Foreign Affairs Y. SUZUKI\n"
                  "March 2003 | Prime Minister J. TANAKA (Official Visit)\n\n"
                  "(2) Visits to Japan\n2004/11\tPresident N. DORJ (State Visit)\n"
                  "Nov. 2005\tMinister for External Relations Ts. GANBAT\n")
    rows = sorted((v.start.iso, v.destination, next(iter(v.capacities.values())).role,
                   next(iter(v.capacities.values())).country) for v in x.visits)
    assert rows == [("1995-08", "mongolia", "Minister for Foreign Affairs", "japan"),
                    ("2003-03", "mongolia", "Prime Minister", "japan"),
                    ("2004-11", "japan", "President", "mongolia"),
                    ("2005-11", "japan", "Minister for Foreign Affairs", "mongolia")]


def test_visits_table_with_the_direction_in_brackets_and_the_year_first() -> None:
    x = read_text("High-level visits (Mongolia to Japan)\n\nYear | Visitor\n"
                  "2007 February | President Bat-Ochir Ganzorig (state visit)\n"
                  "2017 March | Prime Minister Tserendorj Nyamjav\n\n"
                  "High-level visits (Japan to Mongolia)\n\n"
                  "2013 March | Prime Minister Kenji Morita\n"
                  "2031 August | Prime Minister Kenji Morita (planned)\n")
    rows = sorted((v.start.iso, person_names(x, v.visitors).pop(), v.destination, v.status)
                  for v in x.visits)
    assert rows == [("2007-02", "Bat-Ochir Ganzorig", "japan", "occurred"),
                    ("2013-03", "Kenji Morita", "mongolia", "occurred"),
                    ("2017-03", "Tserendorj Nyamjav", "japan", "occurred"),
                    ("2031-08", "Kenji Morita", "mongolia", "planned")]


def test_visits_visiting_with_no_place_known_is_no_visit() -> None:
    assert not _visits("March 2, 2024\nPrime Minister Kenji Morita held talks on Tuesday with "
                       "visiting Mongolian President Bat-Ochir Ganzorig.")


def test_visits_set_off_on_a_trip() -> None:
    found = _visits("An analysis, 2024\nPrime Minister Kenji Morita reciprocated with a trip "
                    "to Ulaanbaatar in August 2023. Foreign Minister Jiro Kato embarked on a "
                    "tour of Mongolia in May 2019.")
    assert found == {(frozenset({"Kenji Morita"}), "mongolia", "2023-08", None, "occurred"),
                     (frozenset({"Jiro Kato"}), "mongolia", "2019-05", None, "occurred")}


@pytest.mark.parametrize(("text", "expected"), [
    # "the visit of <title> <name> to <country>", dated by its relative clause
    ("2030-09-04 11:02:10\n\nUlaanbaatar /MONTSAME/. The visit of Prime Minister of Mongolia "
     "D.Enkh to Japan which took place between August 28 and 31 wraps up today.",
     [({"Enkh"}, "japan", "2030-08-28", "2030-08-31", "occurred")]),
    # "the first ... to visit X since <date>, when Y visited the country": two visits
    ("Ulan Bator, May 2, 2031 (Jiji Press)--Japanese Prime Minister Ren Kato met the press. "
     "Kato is the first Japanese prime minister to visit Mongolia since June 2024 when Kenji "
     "Morita visited the country.",
     [({"Ren Kato"}, "mongolia", "2031-05-02", None, "occurred"),
      ({"Kenji Morita"}, "mongolia", "2024-06", None, "occurred")]),
    # "it has been 20 years since X first visited ..."
    ("URL: https://example.org/feature/203105_kato/\n\nIt has been 20 years since Mr. Ren Kato "
     "first visited the young democracy of Mongolia as Prime Minister of Japan.",
     [({"Ren Kato"}, "mongolia", "2011", None, "occurred")]),
])
def test_visits_in_the_wordings_real_texts_use(text: str, expected: list[tuple]) -> None:
    assert _visits(text) == {(frozenset(v[0]), *v[1:]) for v in expected}


def test_visits_with_no_destination_go_to_the_datelines_state() -> None:
    found = _visits("Tokyo, 3 December 2032 (TDI): President Dorj Bat of Mongolia and Prime "
                    "Minister Ren Kato held talks. President Bat's state visit coincides with "
                    "the anniversary.")
    assert found == {(frozenset({"Dorj Bat"}), "japan", "2032-12-03", None, "occurred")}


def test_visits_arrived_here_on_a_visit() -> None:
    found = _visits("URL: https://news.example.org/2016/05/18/x/\n\nPresident B.Dash of "
                    "Mongolia arrived here early Monday on a three-day official visit to Japan.")
    assert found == {(frozenset({"Dash"}), "japan", "2016-05-16", None, "occurred")}


def test_visits_a_table_row_under_the_year_above_and_a_range_of_months() -> None:
    found = _visits("VIP Visits\n(2) From Mongolia to Japan\nYear\tName\n2028\tFebruary: Minister "
                    "for Foreign Affairs Dorj\n\tDecember: Prime Minister Bat\n2029\t"
                    "November-December: President Tumen (State Visit)\n")
    assert {(v[0], v[2]) for v in found} == {(frozenset({"Dorj"}), "2028-02"),
                                             (frozenset({"Bat"}), "2028-12"),
                                             (frozenset({"Tumen"}), "2029-11")}


def test_visits_trips_the_visit_follows_are_the_same_persons_to_the_same_place() -> None:
    found = _visits("ULAN BATOR, July 14, 2031 (Xinhua) -- Japanese Prime Minister Ren Kato "
                    "arrived here earlier in the day. It is Kato's third visit to Mongolia since "
                    "he took office in 2028, following trips in March 2029 and October 2030.")
    assert {v[2] for v in found} == {"2031-07-14", "2029-03", "2030-10"}


def test_visits_years_later_count_from_the_visit_told_before() -> None:
    found = _visits("President Bat Dorj of Mongolia visited Japan in March 2010. Two years "
                    "later, Prime Minister Ren Kato of Japan travelled to Ulaanbaatar. The "
                    "following year, Kato went to Mongolia again.")
    assert {(next(iter(v[0])), v[2]) for v in found} == {
        ("Bat Dorj", "2010-03"), ("Ren Kato", "2012"), ("Ren Kato", "2013")}


def test_visits_leaving_after_a_visit_of_some_days() -> None:
    found = _visits("URL: https://news.example.mn/2031-07-23-x\n\nPrime Minister Ren Kato of "
                    "Japan left Ulaanbaatar on Wednesday after a two-day visit.")
    assert found == {(frozenset({"Ren Kato"}), "mongolia", "2031-07-22", "2031-07-23",
                      "occurred")}


def test_visits_a_visitor_of_no_state_said_comes_from_the_other_of_the_pair() -> None:
    x = read_text("Japan and Mongolia\n\nPrime Minister Ren Kato visited Mongolia in May "
                  "2031.")
    assert [(o.capacity.role, o.capacity.country) for o in x.offices] == [
        ("Prime Minister", "japan")]
    assert [c.country for v in x.visits for c in v.capacities.values()] == ["japan"]
    # not when the text names a third state and not the other of the pair
    x = read_text("Prime Minister Ren Kato visited Mongolia in May 2031, after China.")
    assert [o.capacity.country for o in x.offices] == [None]


def test_visits_no_one_visits_their_own_state() -> None:
    found = _visits("At the invitation of the Prime Minister of Japan, H.E. Mr. Ren Kato, the "
                    "President of Mongolia, H.E. Mr. Dorj Bat, paid an official visit to Japan "
                    "from May 2 to 5, 2031.")
    assert found == {(frozenset({"Dorj Bat"}), "japan", "2031-05-02", "2031-05-05",
                      "occurred")}


def test_visits_a_heading_that_says_whose_visits_and_rows_of_several_dates() -> None:
    x = read_text("(Reference) Visits to Mongolia by Japanese Prime Ministers\n"
                  "- August 1991: Prime Minister Ren Kato\n"
                  "- March 2013, October 2015: Prime Minister Jiro Ueda\n")
    assert {(tuple(person_names(x, v.visitors)), v.destination, v.start.iso)
            for v in x.visits} == {(("Ren Kato",), "mongolia", "1991-08"),
                                   (("Jiro Ueda",), "mongolia", "2013-03"),
                                   (("Jiro Ueda",), "mongolia", "2015-10")}


def _with_offices(x: Extraction) -> set[tuple]:
    """Each visit as (visitors, destination, start, the offices it names them in)."""
    return {(tuple(person_names(x, v.visitors)), v.destination, v.start.iso,
             tuple((c.role, c.country) for c in v.capacities.values())) for v in x.visits}


def test_visits_a_table_with_tab_separated_columns_under_a_header_row() -> None:
    x = read_text("High-level visits\n"
                  "Date\tVisitor\tPosition\tDestination\tNotes\n"
                  "August 1991\tRen Kato\tPrime Minister\tUlaanbaatar\tFirst visit\n"
                  "May 1998\tNatsagiin Bagabandi\tPresident\tTokyo\tJoint statement\n"
                  "November–December 2022\tUkhnaagiin Tumur\tPresident\tTokyo\tState visit\n"
                  "\n"
                  "See also\n")
    found = _with_offices(x)
    assert found == {
        (("Ren Kato",), "mongolia", "1991-08", (("Prime Minister", "japan"),)),
        (("Natsagiin Bagabandi",), "japan", "1998-05", (("President", "mongolia"),)),
        (("Ukhnaagiin Tumur",), "japan", "2022-11", (("President", "mongolia"),))}
    assert {(o.capacity.role, o.capacity.country) for o in x.offices} >= {
        ("Prime Minister", "japan"), ("President", "mongolia")}


def test_visits_a_table_with_bars_between_cells_under_sections_by_state() -> None:
    x = read_text("List of official visits to Mongolia\n\n"
                  "Korea\n"
                  "Start | End | Visitor | Office | Notes\n"
                  "2031-05-17 | 2031-05-18 | Kim Dae-sung | President | Met President Dorj Bat\n"
                  "\nJapan\n"
                  "| Start | End | Visitor | Office | Notes |\n"
                  "| 2029-08-13 | 2029-08-14 | Ren Kato | Prime Minister | Met President "
                  "Dorj Bat |\n"
                  "| 2030-07 | — | Jiro Ueda | Minister for Foreign Affairs | |\n")
    found = _with_offices(x)
    assert found == {
        (("Kim Dae-sung",), "mongolia", "2031-05-17", (("President", "south-korea"),)),
        (("Ren Kato",), "mongolia", "2029-08-13", (("Prime Minister", "japan"),)),
        (("Jiro Ueda",), "mongolia", "2030-07", (("Minister for Foreign Affairs", "japan"),))}
    assert {v.end.iso for v in x.visits if v.end} == {"2031-05-18", "2029-08-14"}
    # the notes tell whom the visitor met
    assert {(frozenset(person_names(x, m.participants)), m.date.iso) for m in x.meetings} == {
        (frozenset({"Kim Dae-sung", "Dorj Bat"}), "2031-05"),
        (frozenset({"Ren Kato", "Dorj Bat"}), "2029-08")}


def test_visits_a_visit_told_in_a_since_clause_keeps_its_date() -> None:
    found = _visits("Ren Kato would have been the first Japanese prime minister to visit "
                    "Mongolia since Jiro Ueda traveled to Ulaanbaatar in 2016.")
    assert ("Jiro Ueda", "2016") in {(next(iter(v[0])), v[2]) for v in found}


def test_visits_a_name_in_apposition_to_the_subject_and_companions() -> None:
    found = _visits("The crown prince's younger brother, Prince Hiroaki, visited Mongolia with "
                    "Princess Aiko in 2002.")
    assert found == {(frozenset({"Prince Hiroaki", "Princess Aiko"}), "mongolia", "2002", None,
                      "occurred")}


@pytest.mark.parametrize(("text", "who", "when"), [
    # a visit noun after "since" goes where the visit it is measured from goes
    ("Speaker G.Tumur is the first Speaker of the Mongolian Parliament to visit Japan since "
     "M.Bold's official visit in March 2017.", "Bold", "2017-03"),
    ("This was the first visit to Mongolia by a Japanese Foreign Minister since the visit by "
     "Mr. Ren Kato in August 2010.", "Ren Kato", "2010-08"),
    # a visit welcomed is one
    ("The ministers welcomed the successful working visit of Prime Minister L.Tumur to Japan "
     "in July 2031.", "Tumur", "2031-07"),
])
def test_visits_named_in_passing(text: str, who: str, when: str) -> None:
    assert (who, when) in {(next(iter(v[0])), v[2]) for v in _visits(text)}


def test_visits_those_accompanying_a_visitor_make_the_visit_too() -> None:
    found = _visits("URL: https://news.example.mn/2031/02/10/x\n\nPM Ch.Tumur is paying an "
                    "official visit to Japan on February 9-12. He is accompanied by Minister "
                    "of Foreign Affairs L.Bold, Minister of Finance J.Dorj and other officials.")
    assert found == {(frozenset({"Tumur"}), "japan", "2031-02-09", "2031-02-12", "occurred"),
                     (frozenset({"Bold", "Dorj"}), "japan", "2031-02-09", "2031-02-12",
                      "occurred")}


def test_visits_accompanied_by_a_spouse_named_with_madame() -> None:
    found = _visits("At the invitation of the Government of Japan, His Excellency Mr. Dorj "
                    "Bat, President of Mongolia, accompanied by Madame Tumen Saran, paid a State "
                    "Visit to Japan from November 28 to December 1, 2031.")
    assert found == {(frozenset({"Dorj Bat", "Tumen Saran"}), "japan", "2031-11-28",
                      "2031-12-01", "occurred")}


def test_visits_no_one_visits_their_own_state_as_any_mention_tells() -> None:
    found = _visits("PRESIDENT D.BAT RECEIVES THE AMBASSADOR OF JAPAN\n\nOn January 19, 2031, "
                    "President of Mongolia D.Bat received Ambassador Ren Kato of Japan. "
                    "President D.Bat asked him to convey his invitation to Prime Minister Jiro "
                    "Ueda to pay a visit to Mongolia.")
    assert not any("Bat" in v[0] for v in found)


def test_visits_a_plane_carrying_the_imperial_couple_arrived_near_the_capital() -> None:
    x = read_text("Tokyo, July 6, 2031 (Kyodo) -- The Emperor and Empress greeted the Crown "
                  "Prince at the airport. A government plane carrying the Imperial couple left "
                  "Haneda Airport earlier in the day and arrived at Chinggis Khaan International "
                  "Airport near the Mongolian capital after a flight of five hours.")
    assert {(frozenset(person_names(x, v.visitors)), v.destination, v.start.iso)
            for v in x.visits} == {(frozenset({"Emperor", "Empress"}), "mongolia",
                                    "2031-07-06")}


def test_visits_a_state_visit_of_their_majesties_worked_toward_is_planned() -> None:
    found = _visits("The two ministers confirmed that they would work closely toward the "
                    "state visit of Their Majesties the Emperor and Empress of Japan to "
                    "Mongolia next year.")
    assert found == {(frozenset({"Emperor", "Empress"}), "mongolia", None, None, "planned")}


def test_visits_would_visit_is_a_plan() -> None:
    found = _visits("Prime Minister Ren Kato of Japan said he would visit Mongolia in the "
                    "summer of 2031.")
    assert {v[4] for v in found} == {"planned"}


def test_visits_a_tab_separated_table_under_a_heading_that_gives_the_direction() -> None:
    x = read_text("Visits from Mongolia to Japan (Heads of State and Government)\n\n"
                  "Date\tVisitor\tPosition\tType of visit\n"
                  "1998.05\tN.Tumur\tPresident\tOfficial visit\n"
                  "2010.11\tTs.Bold\tPresident\tWorking visit\n\n"
                  "Visits from Japan to Mongolia\n\n"
                  "Date\tVisitor\tPosition\tRemarks\n"
                  "2012.01\tRen Kato\tMinister of Defense\t\n")
    found = _with_offices(x)
    assert found == {
        (("Tumur",), "japan", "1998-05", (("President", "mongolia"),)),
        (("Bold",), "japan", "2010-11", (("President", "mongolia"),)),
        (("Ren Kato",), "mongolia", "2012-01", (("Minister of Defence", "japan"),))}


def test_visits_a_timeline_of_rows_told_in_sentences() -> None:
    x = read_text("Timeline\n"
                  "- 1991: In August, Ren Kato becomes the first Japanese prime minister to "
                  "visit Mongolia and holds talks with President Dorj Bat.\n"
                  "- 2016: The agreement enters into force on 7 June.\n"
                  "- 2022: President Tumen Ochir makes a state visit to Japan; at their summit "
                  "on 29 November he and Prime Minister Jiro Ueda of Japan upgrade ties.\n")
    assert {(tuple(person_names(x, v.visitors)), v.destination, v.start.iso)
            for v in x.visits} == {(("Ren Kato",), "mongolia", "1991-08"),
                                   (("Tumen Ochir",), "japan", "2022")}
    assert {(frozenset(person_names(x, m.participants)), m.date.iso) for m in x.meetings} == {
        (frozenset({"Ren Kato", "Dorj Bat"}), "1991-08"),
        (frozenset({"Tumen Ochir", "Jiro Ueda"}), "2022-11-29")}


def test_visits_the_date_of_its_own_verb_before_another_clause_of_the_sentence() -> None:
    found = _visits("- 2007: Dorj Bat is promoted to yokozuna in May; Crown Prince Hiroaki of "
                    "Japan tours Mongolia in July.")
    assert {v[2] for v in found} == {"2007-07"}


def test_visits_a_headlines_visit_is_the_one_the_text_tells_first() -> None:
    found = _visits("State Visit to Japan by His Excellency Mr. Dorj Bat, President of Mongolia"
                    "\n\nNovember 18, 2030\n\n1. President Dorj Bat of Mongolia will make a State "
                    "Visit to Japan from November 28 to December 1, 2030.\n\n(Reference) "
                    "President Dorj Bat previously visited Japan in December 2028.")
    assert found == {(frozenset({"Dorj Bat"}), "japan", "2030-11-28", "2030-12-01", "planned"),
                     (frozenset({"Dorj Bat"}), "japan", "2028-12", None, "occurred")}


@pytest.mark.parametrize(("text", "expected"), [
    # "since X in 2006": X's visit, and not the date of the visit the sentence tells
    ("URL: https://news.example.com/2031/03/31/x\n\nPrime Minister Ren Kato is the first "
     "Japanese prime minister to visit Mongolia since Jiro Ueda in 2006.",
     {("Jiro Ueda", "2006"), ("Ren Kato", "2031-03-31")}),
    # "traveled there": the place named before; a royal pair named by one name, two visitors
    ("It is the first visit to Mongolia by a member of the Imperial family since Prince and "
     "Princess Hiroaki traveled there in 2002.",
     {("Prince Hiroaki", "2002"), ("Princess Hiroaki", "2002")}),
    # "the first visit to Y in nine years, since the visit of X in 2010"
    ("URL: https://news.example.mn/2031/06/17/x\n\nMinister D.Bat noted that this is the first "
     "visit to Mongolia by a Japanese Foreign Minister in nine years, since the visit of then "
     "Foreign Minister Kato Ren in 2010.", {("Kato Ren", "2010")}),
])
def test_visits_measured_from_an_earlier_one(text: str, expected: set) -> None:
    found = {(who, v[2]) for v in _visits(text) for who in v[0]}
    assert expected <= found


@pytest.mark.parametrize(("text", "expected"), [
    # attending an event held in a place of the pair is visiting it
    ("URL: https://news.example.jp/2031/08/13/x\n\nThe visit would have been the first by a "
     "Japanese Prime Minister to Mongolia since Jiro Ueda attended the 11th Asia-Europe "
     "Meeting (ASEM) Summit held in Ulaanbaatar in July 2016.", ("Jiro Ueda", "2016-07")),
    # the verb the visit is the object of dates it
    ("URL: https://news.example.jp/2031/07/14/x\n\nThe Government believes that this visit, "
     "which followed President Ukhnaagiin Tumur's State Visit to Japan in 2022, has deepened "
     "the friendship.", ("Ukhnaagiin Tumur", "2022")),
])
def test_visits_told_by_other_verbs(text: str, expected: tuple) -> None:
    assert expected in {(who, v[2]) for v in _visits(text) for who in v[0]}


def test_visits_i_in_a_quotation_is_its_speaker() -> None:
    x = read_text("URL: https://news.example.jp/2031/07/22/x\n\nPresident Dorj Bat of Mongolia "
                  "arrived in Tokyo on Monday. Prime Minister Ren Kato of Japan said, \"Since I "
                  "visited Ulaanbaatar in March last year and held talks with you, Mr. "
                  "President, our cooperation has made great strides.\"")
    assert (("Ren Kato",), "mongolia", "2030-03") in {
        (tuple(person_names(x, v.visitors)), v.destination, v.start.iso) for v in x.visits}
    assert {(frozenset(person_names(x, m.participants)), m.date.iso) for m in x.meetings} >= {
        (frozenset({"Ren Kato", "Dorj Bat"}), "2030-03")}


def test_visits_as_an_office_is_the_office_then_and_held() -> None:
    x = read_text("President Tsakhiagiin Bold previously visited Japan as Prime Minister of "
                  "Mongolia in December 2028.")
    assert [(c.role, c.country) for v in x.visits for c in v.capacities.values()] == [
        ("Prime Minister", "mongolia")]
    assert ("Prime Minister", "mongolia") in {(o.capacity.role, o.capacity.country)
                                              for o in x.offices}


def test_visits_an_earlier_visit_with_no_place_goes_where_the_persons_other_visit_goes() -> None:
    found = _visits("Prime Minister Ren Kato of Japan visited Ulaanbaatar on October 22, 2030. "
                    "During his first visit, in March 2028, he and Mongolia's leaders agreed "
                    "to speed up the talks.")
    assert {(v[1], v[2]) for v in found} == {("mongolia", "2030-10-22"), ("mongolia", "2028-03")}


def test_visits_he_is_the_one_an_earlier_he_stands_for() -> None:
    found = _visits("Prime Minister Ren Kato of Japan called off his trip. He was to attend a "
                    "summit in Astana and hold talks with President Dorj Bat of Kazakhstan. He "
                    "was then to fly to Ulaanbaatar.")
    assert {who for v in found if v[1] == "mongolia" for who in v[0]} == {"Ren Kato"}


def test_visits_a_visit_that_coincides_with_something_is_under_way() -> None:
    found = _visits("Tokyo, 30 November 2031 (TDI): The talks were held.\nFiftieth Anniversary\n"
                    "The Mongolian President Dorj Bat's state visit, which coincides with the "
                    "fiftieth anniversary of diplomatic ties, was welcomed by the Japanese Prime "
                    "Minister.")
    assert {(v[1], v[2]) for v in found} == {("japan", "2031-11-30")}


@pytest.mark.parametrize("text", [
    "Ren Kato is the first Japanese prime minister to visit Mongolia since August 2006 when "
    "Jiro Ueda visited the country.",
    "URL: https://news.example.com/2031/03/31/x\n\nPrime Minister Ren Kato is the first "
    "Japanese prime minister to visit Mongolia since Jiro Ueda in 2006.",
])
def test_visits_the_first_holder_since_another_gives_that_other_the_office(text: str) -> None:
    x = read_text(text)
    assert ("Prime Minister", "japan") in {
        (o.capacity.role, o.capacity.country) for o in x.offices
        if "Jiro Ueda" in person_names(x, [o.person])}


def test_visits_no_holder_has_visited_since_another() -> None:
    x = read_text("TOKYO, March 29, 2036\nNo Japanese prime minister has visited Mongolia "
                  "since Jiro Ueda in 2029.")
    assert {(" ".join(person_names(x, v.visitors)), v.destination, v.start.iso)
            for v in x.visits} == {("Jiro Ueda", "mongolia", "2029")}
    assert ("Prime Minister", "japan") in {(o.capacity.role, o.capacity.country)
                                           for o in x.offices}


def test_visits_the_first_holder_of_a_states_office_since_another() -> None:
    x = read_text("Speaker G.Tumur is the first Speaker of the Mongolian Parliament to visit "
                  "Japan since Jiro Ueda's official visit in March 2017.")
    assert ("Chairman of the State Great Khural", "mongolia") in {
        (o.capacity.role, o.capacity.country) for o in x.offices
        if "Jiro Ueda" in person_names(x, [o.person])}


def test_visits_a_count_of_visits_tells_none_but_the_ones_it_introduces() -> None:
    x = read_text("URL: https://news.example.mn/2031/07/12/a/\n\nRen Kato came to Ulaanbaatar "
                  "three times as prime minister. The first trip came in March 2023. In July "
                  "2026 he came a third time, for a summit.")
    assert {(" ".join(sorted(last_names(x, v.visitors))), v.destination, v.start.iso)
            for v in x.visits if v.start} == {("Kato", "mongolia", "2023-03"),
                                              ("Kato", "mongolia", "2026-07")}
    assert all(v.start for v in x.visits)       # "three times" is no visit of its own
    # "as prime minister" of a visit to Mongolia: Japan's
    assert {(o.capacity.role, o.capacity.country) for o in x.offices} == {
        ("Prime Minister", "japan")}


def test_visits_months_of_a_yearbook_take_the_year_its_section_sets() -> None:
    # a text with no day of writing: "In July" is in the year the section is about
    text = ("Diplomatic Yearbook 2033\n\nMongolia\n\nHigh-level exchanges were active in 2032."
            "\n\nIn June, the Investment Agreement, which was signed in February 2030, entered "
            "into force.\n\nIn July, Prime Minister Ren Kato visited Mongolia.")
    assert ("mongolia", "2032-07") in {(v[1], v[2]) for v in _visits(text)}
    # a text written on a known day reads a month alone against that day
    news = "Tokyo, March 3, 2033\nHigh-level exchanges were active in 2030. In July, " \
           "Prime Minister Ren Kato visited Mongolia."
    assert ("mongolia", "2032-07") in {(v[1], v[2]) for v in _visits(news)}


def test_visits_a_clause_the_parser_hangs_on_the_invitation_keeps_its_visitor() -> None:
    x = read_text("Ulaanbaatar, 9 December 2031\nAt the invitation of the Speaker of the House "
                  "of Representatives of Japan YAMADA Taro, the Chairman of the State Great "
                  "Khural (Parliament) of Mongolia D.BATBOLD is paying an official visit to "
                  "Japan from 6 to 10 December 2031.")
    assert {(frozenset(person_names(x, v.visitors)), v.destination, v.start.iso)
            for v in x.visits} == {(frozenset({"Batbold"}), "japan", "2031-12-06")}
    assert ("Chairman of the State Great Khural", "mongolia") in {
        (o.capacity.role, o.capacity.country) for o in x.offices
        if "Batbold" in person_names(x, [o.person])}


def test_visits_a_transcript_welcome_on_his_first_visit() -> None:
    # the speaker label says who "I" is; "his" is the one welcomed; "would like" is manners
    x = read_text("Joint Press Announcement\n\nTuesday, February 10, 2032\n\nPRIME MINISTER "
                  "KATO: I would like to extend a heartfelt welcome to Prime Minister Dorj "
                  "Bat on his first visit to Japan since assuming office last November.")
    assert {(" ".join(person_names(x, v.visitors)), v.destination, v.start.iso, v.status)
            for v in x.visits} == {("Dorj Bat", "japan", "2032-02-10", "occurred")}


def test_visits_a_lecture_report_dates_each_visit_by_its_own_clause() -> None:
    x = read_text(
        "News\n2031.09.02\n\nOn the afternoon of September 1, Ms. Aiko SATO, Minister for "
        "Foreign Affairs of Japan, who is paying an official visit to Mongolia from August 31 "
        "to September 2, delivered a lecture.\nShe noted that Japan has been the largest donor to "
        "Mongolia since 2021, when Prime Minister Ren Kato became the first Japanese head of "
        "government "
        "to visit the country. She said she had come to Ulaanbaatar directly from Central "
        "Asia, where on August 28 she had launched a dialogue.")
    assert {(" ".join(sorted(last_names(x, v.visitors))), v.destination, v.start.iso)
            for v in x.visits} == {("Sato", "mongolia", "2031-08-31"),
                                   ("Kato", "mongolia", "2021")}


@pytest.mark.parametrize(("text", "expected"), [
    ("July 14, 2031\nEmperor Hiroaki spent a full week in Mongolia (July 6 to 13).",
     {("mongolia", "2031-07-06")}),
    ("July 14, 2031\nMinister Ren Kato stayed in Ulaanbaatar for three days in June.",
     {("mongolia", "2031-06")}),
    # staying at home, or for years, is no visit
    ("July 14, 2031\nPrincess Aiko stayed in Tokyo.", set()),
    ("July 14, 2031\nRen Kato spent ten years in Mongolia as a student.", set()),
])
def test_visits_a_short_stay_is_a_visit(text: str, expected: set) -> None:
    assert {(v[1], v[2]) for v in _visits(text)} == expected


def test_visits_each_name_of_a_visitor_cell_visits() -> None:
    # "A and B" in one cell, which the model may read as a place
    found = _visits(
        "List of visits to Mongolia\n\nJapan[edit]\nStart | End | Visitor | Office | Notes\n"
        "2031-07-06 | 2031-07-13 | Hiroaki and Sayako | Emperor and Empress | State visit\n\n"
        "Korea[edit]\nStart | End | Visitor | Office")
    assert {(v[0], v[2]) for v in found} == {(frozenset({"Hiroaki", "Sayako"}), "2031-07-06")}


@pytest.mark.parametrize(("text", "expected"), [
    # a title standing alone as the subject, then "he"
    ("Tokyo, March 3, 2036\nThe Emperor watched wrestling at the festival when he visited "
     "Mongolia in 2027 as Crown Prince.", ("Emperor", "mongolia", "2027")),
    # "whose visit", "the first to Y"
    ("Tokyo, March 3, 2036\nIn July 2035 President Dorj Bat hosted Prime Minister Ren Kato, "
     "whose official visit was the first to Mongolia by a Japanese leader in a decade.",
     ("Ren Kato", "mongolia", "2035-07")),
    # days written "the 6th to the 13th of July"
    ("Tokyo, March 3, 2036\nFrom the 6th to the 13th of July 2035, Prime Minister Ren Kato "
     "made an official visit to Mongolia.", ("Ren Kato", "mongolia", "2035-07-06")),
])
def test_visits_by_whom_a_clause_or_title_says(text: str, expected: tuple) -> None:
    x = read_text(text)
    assert _named_visits(x) == {expected}


def test_visits_welcomed_visit_is_under_way_and_a_date_said_in_another_clause_is_not_its() -> None:
    x = read_text(
        "September 17, 2036\n\n(1) Prime Minister Ren Kato welcomed Prime Minister Dorj Bat's "
        "visit to Japan, and stated that he recalls with pleasure the warm hospitality he "
        "received during his visit to Mongolia in March, when the two Prime Ministers held "
        "talks in Ulaanbaatar.")
    assert _named_visits(x) == {("Dorj Bat", "japan", "2036-09-17"),
                                   ("Ren Kato", "mongolia", "2036-03")}
    assert {(last_names(x, m.participants), m.date.iso) for m in x.meetings} == {
        (frozenset({"Kato", "Bat"}), "2036-03")}


def test_visits_a_date_put_first_sets_the_time_of_the_clause_after_a_semicolon() -> None:
    x = read_text("In August 2031 Prime Minister Kenji Tanaka became the first Japanese leader "
                  "to visit Mongolia; in Ulaanbaatar he held talks with President Dorj Bat "
                  "and promised assistance.")
    assert {(last_names(x, m.participants), m.date.iso) for m in x.meetings} == {
        (frozenset({"Tanaka", "Bat"}), "2031-08")}


def test_visits_their_majesties_the_emperor_and_empress_both_visit() -> None:
    found = _visits(
        "May 22, 2036\n\n2. Prime Minister Ren Kato stated that Their Majesties the Emperor and "
        "Empress of Japan will pay a State Visit to Mongolia in July. In response, Chairman "
        "Dorj Bat stated that the people of Mongolia are eagerly awaiting Their Majesties' "
        "visit.")
    assert {(v[0], v[1], v[2], v[4]) for v in found} == {
        (frozenset({"Emperor", "Empress"}), "mongolia", "2036-07", "planned")}


def test_visits_greetings_extended_to_a_guest_make_his_visit_the_guests() -> None:
    found = _visits(
        "July 10, 2036\n\nOpening the meeting, Prime Minister Dorj Bat of Mongolia extended his "
        "greetings to Prime Minister Ren Kato of Japan, stating that his visit was symbolic of "
        "the expansion of the partnership between Japan and Mongolia.")
    assert {(v[0], v[1]) for v in found} <= {(frozenset({"Ren Kato"}), "mongolia")}


def test_visits_the_first_japanese_prime_minister_to_visit_held_that_office() -> None:
    x = read_text("Tokyo, Jan. 3, 2040\nIn August of Heisei 3, Toshiki Kaifu became the first "
                  "Japanese prime minister to visit Mongolia.")
    assert [(v.destination, v.start.iso, v.capacities[v.visitors[0]].role)
            for v in x.visits] == [("mongolia", "1991-08", "Prime Minister")]


def test_visits_since_x_came_is_xs_visit_to_the_place_of_the_first_one() -> None:
    found = _visits(
        "TOKYO, March 9, 2035 (Kyodo) -- Foreign Minister Dorj Bat met Foreign Minister Ren "
        "Kato. Bat, who arrived Tuesday on a five-day visit, is the first Mongolian foreign "
        "minister to visit Japan since Minister Sanjaagiin Bayar came in July 2032.")
    assert {(v[0], v[1], v[2]) for v in found} >= {
        (frozenset({"Sanjaagiin Bayar"}), "japan", "2032-07")}


def test_visits_his_visit_that_anothers_visit_follows_is_that_owners() -> None:
    x = read_text(
        "December 3, 2033\n\nAt the outset, Prime Minister Ren Kato welcomed President Dorj "
        "Bat's second visit to Japan following his official visit in May 2028. Prime Minister "
        "Kato also noted that Prime Minister Sukh Bold had visited Japan only last month.")
    assert _named_visits(x) >= {("Dorj Bat", "japan", "2028-05"),
                                   ("Sukh Bold", "japan", "2033-11")}


def test_visits_the_first_visit_by_a_title_since_x_in_a_date_is_xs_visit() -> None:
    x = read_text("May 18, 2039\n(c) Minister Kato informed Minister Bat that Prime Minister "
                  "Ren Sato will visit Mongolia in July this year, the first visit by a Japanese "
                  "Prime Minister since Prime Minister Toshiki Kaifu in August 2031.")
    found = {(" ".join(sorted(person_names(x, v.visitors))), v.destination, v.start.iso,
              v.status) for v in x.visits}
    assert ("Toshiki Kaifu", "mongolia", "2031-08", "occurred") in found


def test_visits_the_office_a_visit_was_made_in_with_its_portfolio() -> None:
    x = read_text("September 22, 2031\nMinister Sato stated that he cherishes the memory of "
                  "his visit to Mongolia in January last year as Minister of State for "
                  "Regional Revitalization, when he discussed mining.")
    (visit,) = x.visits
    assert visit.start.iso == "2030-01"
    assert [c.role for c in visit.capacities.values()] == [
        "Minister of State for Regional Revitalization"]


def test_visits_a_visit_with_no_place_beside_one_with_a_place_goes_there_too() -> None:
    x = read_text("July 9, 2031\n\nUlaanbaatar /MONTSAME/ Prime Minister of Mongolia Mr "
                  "B.Dorj on Monday received Mr Kenji Sato, who is here on a working visit. Mr "
                  "Sato is the third Japanese cabinet member to visit Mongolia this year after "
                  "the visit of Prime Minister Ichiro Tanaka in late March.")
    found = {(next(iter(last_names(x, v.visitors))), v.destination, v.start.iso)
             for v in x.visits}
    # the visit under way is the day's (not "this year"); the other one's place is the same
    assert found == {("Sato", "mongolia", "2031-07-07"), ("Tanaka", "mongolia", "2031-03")}


def test_visits_a_chronology_row_dates_the_visit_prose_tells_by_year() -> None:
    x = read_text("Chapter VII\n\nIn 2027, relations grew. In the following year, Prime Minister "
                  "Kenji SATO visited Mongolia.\n\nChronology\n\n2028.7  Prime Minister Sato "
                  "visits Mongolia\n2029.2  President Dorj visits Japan\n")
    assert sorted((next(iter(last_names(x, v.visitors))), v.start.iso) for v in x.visits) == [
        ("Dorj", "2029-02"), ("Sato", "2028-07")]


def test_visits_hospitality_extended_to_a_couple_during_their_visit() -> None:
    x = read_text("July 2031\n\nMinister Sato of Japan expressed her gratitude to Mongolia for "
                  "the warm hospitality extended to Their Imperial Highnesses Prince and "
                  "Princess Hitachi during their visit to Mongolia from July 9 to 16.")
    (visit,) = x.visits
    # two persons of one name: the Prince and the Princess
    assert sorted(person_names(x, visit.visitors)) == ["Prince Hitachi", "Princess Hitachi"]
    assert (visit.start.iso, visit.end.iso) == ("2031-07-09", "2031-07-16")


def test_visits_her_second_following_her_visit_in_june_when_she_met() -> None:
    x = read_text("March 11, 2031\n\n(1) At the outset, Minister Sato welcomed Minister "
                  "Bolormaa's visit to Japan, her second following her visit in June last year, "
                  "when she held talks with then Minister for Foreign Affairs Tanaka Hanako.")
    visits = sorted((next(iter(last_names(x, v.visitors))), v.start.iso) for v in x.visits)
    assert visits == [("Bolormaa", "2030-06"), ("Bolormaa", "2031-03-11")]
    assert [(sorted(last_names(x, m.participants)), m.date.iso) for m in x.meetings] == [
        (["Bolormaa", "Hanako"], "2030-06")]  # (a family name first: its last word)


def test_visits_by_x_after_the_visit_whatever_the_parser_hangs_it_on() -> None:
    x = read_text("March 11, 2031\n\nThe two countries elevated their relationship in November "
                  "2029 on the occasion of the State Visit to Japan by Mr. Bold Dorj.")
    assert [(next(iter(last_names(x, v.visitors))), v.destination, v.start.iso)
            for v in x.visits] == [("Dorj", "japan", "2029-11")]


@pytest.mark.parametrize(("text", "expected"), [
    # a month told in a clause on "the year": of that year
    ("July 5, 2031\nConstruction did not begin until 2027, the year Prime Minister Kenji Sato "
     "made his first trip to Mongolia, in late March, and held talks with Prime Minister Bold "
     "Dorj.", ("Sato", "mongolia", "2027-03")),
    # a visit told as what came just before a dated event: that year
    ("July 5, 2031\nThe project has a long history. Japan and Mongolia signed the first loan "
     "agreement for the port, worth ¥18.8 billion, in May 2024, shortly after then Foreign "
     "Minister Bold Dorj had visited Tokyo to seek support for the plan.",
     ("Dorj", "japan", "2024")),
])
def test_visits_dated_by_the_year_or_event_their_clause_hangs_on(text: str,
                                                                 expected: tuple) -> None:
    x = read_text(text)
    assert [(next(iter(last_names(x, v.visitors))), v.destination, v.start.iso)
            for v in x.visits] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # a count of visits with their dates listed after a colon: each one
    ("February 24, 2031\nNo Japanese leader invested more in Mongolia than Takeshi Nakamura, who "
     "visited the country three times as prime minister: in March 2023, shortly after "
     "returning to office; in October 2025; and in July 2026, for a summit in Ulaanbaatar.",
     [("mongolia", "2023-03", "occurred"), ("mongolia", "2025-10", "occurred"),
      ("mongolia", "2026-07", "occurred")]),
    # "his visits in A and B" after the one told: two more to the same place
    ("May 10, 2031\nPrime Minister Kenji Sato will visit Mongolia in July to attend a "
     "summit. It will be Mr. Sato's third visit to Mongolia, after his visits in March 2028 "
     "and October 2029.",
     [("mongolia", "2028-03", "occurred"), ("mongolia", "2029-10", "occurred"),
      ("mongolia", "2031-07", "planned")]),
])
def test_visits_several_told_with_their_dates(text: str, expected: list) -> None:
    x = read_text(text)
    assert sorted((v.destination, v.start.iso, v.status) for v in x.visits) == expected


def test_visits_his_own_visit_in_a_month_beside_other_years() -> None:
    x = read_text("April 8, 2031\n\nUlaanbaatar /MONTSAME/ Prime Minister of Mongolia B.Dorj on "
                  "Monday received Mr Kenji Tanaka. The Premier noted that the strategic "
                  "partnership between the two countries, established in 2027, was given new "
                  "momentum by the visit of Japanese Prime Minister Ichiro Sato to Mongolia in "
                  "March last year and by his own visit to Tokyo in September, when he and Mr "
                  "Sato signed a joint statement.")
    # his own: the Premier's; September: of last year, not of the partnership's year
    assert sorted((next(iter(last_names(x, v.visitors))), v.destination, v.start.iso)
                  for v in x.visits) == [("Dorj", "japan", "2030-09"),
                                         ("Sato", "mongolia", "2030-03")]


def test_visits_arrived_here_under_a_place_line_with_no_date() -> None:
    x = read_text("Aug 14, 2031\n\nULAN BATOR — Prime Minister Kenji Sato pledged Tuesday that "
                  "Japan would stand by Mongolia.\n\nSato, who arrived here Tuesday morning from "
                  "Beijing, held talks with President Bold Dorj at the State Palace.")
    assert [(v.destination, v.start.iso) for v in x.visits] == [("mongolia", "2031-08-12")]
