from __future__ import annotations

import pytest

from .helpers import last_names, person_names, read_text

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
    assert found == {(frozenset({"Bayarmaa", who}), "2024-05")     # a day of the visit
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



@pytest.mark.parametrize("text", [
    "Tokyo, May 2 (Jiji Press)--President Dorj Bat of Mongolia will visit Japan next week. "
    "During his stay, Bat is slated to meet with Emperor Hiroaki and hold talks with Prime "
    "Minister Ren Kato.",
    "Tokyo, May 2 (Jiji Press)--President Dorj Bat of Mongolia will visit Japan next week. "
    "Bat will meet Emperor Hiroaki and hold talks with Prime Minister Ren Kato.",
])
def test_meetings_a_plan_covers_the_verbs_joined_to_it(text: str) -> None:
    x = read_text(text)
    assert {(frozenset(person_names(x, m.participants)), m.status) for m in x.meetings} == {
        (frozenset({"Dorj Bat", "Hiroaki"}), "planned"),
        (frozenset({"Dorj Bat", "Ren Kato"}), "planned")}


def test_meetings_the_leader_of_a_delegation_received() -> None:
    found = _meetings("Ulaanbaatar, May 14, 2031 /MONTSAME/. Prime Minister B.Tumen received a "
                      "delegation led by Vice Minister for Foreign Affairs of Japan Ren Kato on "
                      "May 13.")
    assert found == {(frozenset({"Tumen", "Ren Kato"}), "2031-05-13")}


@pytest.mark.parametrize(("text", "expected"), [
    # "spoke with"
    ("June 9, 2030\nOn June 7, Prime Minister Kato spoke with Prime Minister Bold of Mongolia.",
     {(frozenset({"Kato", "Bold"}), "2030-06-07")}),
    # passive, "held between"
    ("July 10, 2031\nA summit meeting was held between Prime Minister Ren Kato and Prime "
     "Minister Dorj Bat on July 10.",
     {(frozenset({"Ren Kato", "Dorj Bat"}), "2031-07-10")}),
    # the parser hangs "with" on the place
    ("November 3, 2032\nOn November 3, Mr. Ren Kato, Prime Minister of Japan, had a meeting at "
     "the Prime Minister's Office with Mr. Dorj Bat, President of Mongolia.",
     {(frozenset({"Ren Kato", "Dorj Bat"}), "2032-11-03")}),
    # a relative clause's person is not met: "in the suite of President Y"
    ("March 5, 2033\nOn March 1, Mr. Ren Kato, Minister for Foreign Affairs, held talks with "
     "Mr. Dorj Bat, Minister of Foreign Affairs of Mongolia, who is visiting Japan in the "
     "suite of President Tumen Ochir.",
     {(frozenset({"Ren Kato", "Dorj Bat"}), "2033-03-01")}),
    # several on the side that meets: one meeting of all
    ("Tokyo, Dec. 1 (Jiji Press)--Japanese Emperor Hiroaki and Empress Aiko met with visiting "
     "Mongolian President Dorj Bat on Thursday.",
     {(frozenset({"Hiroaki", "Aiko", "Dorj Bat"}), None)}),
    # "separately met with A and B": two meetings
    ("Ulan Bator, March 30 (Jiji Press)--Japanese Prime Minister Ren Kato separately met with "
     "Mongolian President Dorj Bat and Prime Minister Tumen Ochir.",
     {(frozenset({"Ren Kato", "Dorj Bat"}), None), (frozenset({"Ren Kato", "Tumen Ochir"}), None)}),
    # items of a list under a lead-in that names the visitor
    ("May 4, 2034\nDuring the visit, Foreign Minister Dorj Bat:\n"
     "- held official talks with Foreign Minister Ren Kato on May 3;\n"
     "- was received by Prime Minister Aki Mori on May 4.",
     {(frozenset({"Dorj Bat", "Ren Kato"}), "2034-05-03"),
      (frozenset({"Dorj Bat", "Aki Mori"}), "2034-05-04")}),
    # the two named before "held talks" when the parser makes "talks" the head of it all
    ("June 2, 2035\nJapanese Prime Minister Ren Kato and Mongolian President Dorj Bat "
     "held talks in Tokyo on June 1.",
     {(frozenset({"Ren Kato", "Dorj Bat"}), "2035-06-01")}),
])
def test_meetings_in_the_wordings_real_texts_use(text: str, expected: set[tuple]) -> None:
    assert _meetings(text) == expected


@pytest.mark.parametrize("text", [
    # two persons of two states agreeing: they met
    "Japanese Defense Minister Ren Kato and his Mongolian counterpart, Dorj Bat, on "
    "Thursday agreed to deepen defense ties.",
    # a participle opens the sentence; "the two leaders" are the two named before
    "Japanese Prime Minister Ren Kato and Mongolian President Dorj Bat spoke by phone. "
    "Meeting for an hour in New York, the two leaders agreed to work together.",
    # "their talks" after a meeting told
    "Prime Minister Ren Kato met Mongolian President Dorj Bat. A summary of their talks follows.",
    # "both leaders"
    "Japanese Prime Minister Ren Kato and Mongolian President Dorj Bat arrived. "
    "The official talks were held between both leaders.",
])
def test_meetings_of_persons_named_before(text: str) -> None:
    assert {frozenset(p) for p, _ in _meetings(text)} == {frozenset({"Ren Kato", "Dorj Bat"})}


def test_meetings_a_photo_caption_is_no_meeting() -> None:
    assert not _meetings("Photograph of Prime Minister Kato meeting with Prime Minister Bat")


def test_meetings_what_one_person_agrees_or_a_clause_discusses_is_no_meeting() -> None:
    assert not _meetings("Prime Minister Ren Kato agreed to the plan.")
    assert not _meetings("As discussed during her meeting with officials, Japanese Emperor "
                         "Hiroaki and Empress Aiko are expected to visit Mongolia.")


def test_meetings_calls_on_a_and_on_b_are_two() -> None:
    found = _meetings("August 23, 2030\n3. On August 22, Minister Ren Kato paid courtesy calls on "
                      "President Dorj Bat and on Mr. Tumen Ochir, Prime Minister of Mongolia.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2030-08-22"),
                     (frozenset({"Ren Kato", "Tumen Ochir"}), "2030-08-22")}


def test_meetings_two_of_two_states_reaching_agreement_met() -> None:
    found = _meetings("Prime Minister Ren Kato of Japan left Ulaanbaatar in July 2031 after a "
                      "visit during which he and his Mongolian counterpart Dorj Bat reached "
                      "broad agreement on trade.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2031-07")}


def test_meetings_met_many_times_is_no_meeting_told() -> None:
    assert not _meetings("Prime Minister Ren Kato of Japan and President Dorj Bat of Mongolia "
                         "have met frequently since Kato returned to power in December 2030.")


def test_meetings_calls_on_a_and_on_b_with_the_second_on_the_verb() -> None:
    found = _meetings("June 17, 2031\nOn June 16, Minister Ren Kato of Japan also paid separate "
                      "courtesy calls on H.E. Mr. Dorj Bat, President of Mongolia, and on H.E. "
                      "Mr. Tumen Ochir, Prime Minister of Mongolia.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2031-06-16"),
                     (frozenset({"Ren Kato", "Tumen Ochir"}), "2031-06-16")}


@pytest.mark.parametrize(("text", "expected"), [
    # "where" a clause dated before
    ("In May 2028, President Dorj Bat of Mongolia traveled to Tokyo, where he and Prime "
     "Minister Ren Kato agreed to build a comprehensive partnership.", "2028-05"),
    # "where" hung on a verb deeper in the clause
    ("URL: https://news.example.org/2030/12/20/x\n\nIn February, Defense Minister Gursediin "
     "Bat traveled to Tokyo, where he and his Japanese counterpart Kato Ren agreed to consider "
     "a framework for equipment transfers and signed a revised memorandum.", "2030-02"),
    # "agreed with", joined to a dated verb
    ("President Dorj Bat of Mongolia visited Tokyo in November 2030 and agreed with Prime "
     "Minister Ren Kato of Japan to build a strategic partnership.", "2030-11"),
])
def test_meetings_agreeing_dated_by_the_clause_it_belongs_to(text: str, expected: str) -> None:
    assert {when for _, when in _meetings(text)} == {expected}


def test_meetings_a_meeting_denied_is_none() -> None:
    assert not _meetings("Prime Minister Dorj Bat of Mongolia was away in the provinces and did "
                         "not meet Defense Minister Ren Kato of Japan.")


def test_meetings_entries_under_date_headings_take_their_dates() -> None:
    found = _meetings("Visits by the Speakers\n\nFebruary 2028\nMr. Dorj BAT, Chairman of the "
                      "State Great Hural of Mongolia, paid a courtesy call on President KATO "
                      "Ren.\n\nMarch 2031\nMr. Tumen OCHIR, Chairman of the State Great Hural of "
                      "Mongolia, held a meeting with President UEDA Jiro.\n")
    assert {when for _, when in found} == {"2028-02", "2031-03"}


def test_meetings_signing_after_talks_on_a_day() -> None:
    found = _meetings("- 2030: President Dorj Bat of Mongolia visits Tokyo; after talks on 19 "
                      "November he and Prime Minister Ren Kato of Japan sign a joint statement.")
    assert found == {(frozenset({"Dorj Bat", "Ren Kato"}), "2030-11-19")}


def test_meetings_a_meeting_that_frames_the_clause_of_its_host() -> None:
    found = _meetings("March 3, 2031\nIn a meeting with President Dorj Bat of Mongolia on "
                      "March 2, Prime Minister Ren Kato of Japan pledged support.")
    assert found == {(frozenset({"Dorj Bat", "Ren Kato"}), "2031-03-02")}


def test_meetings_during_their_stay_is_the_visit_told_last_before() -> None:
    x = read_text("State Visit to Japan by His Excellency Mr. Dorj Bat, President of Mongolia"
                  "\n\nNovember 18, 2030\n\n1. President Dorj Bat of Mongolia will make a State "
                  "Visit to Japan from November 28 to December 1, 2030.\n\n2. During their "
                  "stay in Japan, Prime Minister Ren Kato of Japan will hold a summit meeting "
                  "with the President.\n\n(Reference) President Dorj Bat previously visited "
                  "Japan in December 2028.")
    assert {(m.date.iso if m.date else None, m.status) for m in x.meetings} == {
        ("2030-11", "planned")}


def test_meetings_his_counterpart_is_the_name_right_after_it() -> None:
    found = _meetings("In January 2028, Kato Ren, then Japan's defense minister, visited "
                      "Ulaanbaatar. In February 2030, Defense Minister Gursediin Bat traveled "
                      "to Tokyo, where he and his Japanese counterpart Ueda Jiro agreed to "
                      "consider a framework for equipment transfers.")
    assert (frozenset({"Gursediin Bat", "Ueda Jiro"}), "2030-02") in found


def test_meetings_agreeing_during_a_visit_dated_by_it() -> None:
    found = _meetings("Prime Minister Ren Kato of Japan and President Dorj Bat of Mongolia "
                      "concurred on upgrading the relationship during President Dorj Bat's "
                      "visit to Japan in November 2030.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2030-11")}


def test_meetings_calls_on_each_person_named_after_on_up_to_the_next_verb() -> None:
    found = _meetings("June 17, 2031\nOn June 16, Minister Kato Ren also paid courtesy calls on "
                      "President of Mongolia Kh.Bat and Prime Minister U.Tumur, and laid flowers "
                      "at the memorial.")
    assert {frozenset(p) for p, _ in found} == {frozenset({"Kato Ren", "Bat"}),
                                               frozenset({"Kato Ren", "Tumur"})}


@pytest.mark.parametrize("following", [
    "Following the signing, the Minister held a meeting with the Ambassador.",
    "After the signing ceremony, the Minister held a meeting with the Ambassador.",
])
def test_meetings_after_the_signing_is_dated_by_the_signing(following: str) -> None:
    # a date told in between, in what someone said, is not the meeting's
    found = _meetings(
        "Ulaanbaatar, March 15, 2031 /MONTSAME/. Minister of Foreign Affairs D.Tsetseg and "
        "Ambassador of Japan SUZUKI Ken yesterday signed the notes on a grant.\nAmbassador "
        "SUZUKI Ken said that ties were upgraded during the visit of President B.Dorj to "
        f"Japan in November 2029.\n{following}")
    assert [when for _, when in found] == ["2031-03-14"]


def test_meetings_he_of_a_sentence_whose_subject_was_he_and_another() -> None:
    found = _meetings("Prime Minister Ren Kato spoke in Tokyo in 2028. In February 2029 he and "
                      "Prime Minister D.Bat signed the agreement in Tokyo. His interest did not "
                      "end there. He received President B.Dorj in Tokyo in December 2030.")
    assert (frozenset({"Ren Kato", "Dorj"}), "2030-12") in found


def test_meetings_a_clause_about_someone_names_none_of_the_two() -> None:
    # newswire: the second sentence's "his" is Kato's, and the clause about Kato's post
    # names neither a party nor the date
    x = read_text(
        "ULAANBAATAR (Reuters) - Japanese Foreign Minister Ren Kato said on Friday during a "
        "visit to Ulaanbaatar that Japan would lend Mongolia 25 billion yen.\nKato, who kept "
        "his post when Prime Minister Jiro Ueda formed his cabinet last month, signed an "
        "exchange of notes on the loan with his Mongolian counterpart, Batbayar Ganbold, "
        "after talks at the foreign ministry.\nThe two ministers agreed to cooperate on "
        "North Korea.", )
    pairs = {frozenset(person_names(x, m.participants)) for m in x.meetings}
    assert all("Jiro Ueda" not in pair for pair in pairs)
    assert any("Batbayar Ganbold" in pair for pair in pairs)
    assert ("Minister for Foreign Affairs", "mongolia") in {
        (o.capacity.role, o.capacity.country) for o in x.offices
        if "Batbayar Ganbold" in person_names(x, [o.person])}
    # "said ... during a visit to Ulaanbaatar": Kato's visit
    assert {v.destination for v in x.visits} == {"mongolia"}


def test_meetings_she_of_a_weekly_briefing_is_the_minister_not_one_named_in_passing() -> None:
    x = read_text(
        "Date: 2031-03-07\n\nForeign Minister Dorj Saraa wrapped up an official visit to Japan "
        "on Wednesday.\nOn Monday the minister sat down with her Japanese counterpart, Kato "
        "Ren. The two confirmed preparations for the state visit of Emperor Hiroaki and "
        "Empress Sayako to Mongolia in July.\nOn Tuesday she was received by Prime Minister "
        "Ueda Jiro. The premier, who took office in October, told her that Japan values "
        "Mongolia. During the week she also called on Chief Cabinet Secretary Mori Ken.")
    found = {(frozenset(person_names(x, m.participants)), m.date.iso if m.date else None)
             for m in x.meetings}
    assert found == {(frozenset({"Dorj Saraa", "Kato Ren"}), "2031-03-03"),
                     (frozenset({"Dorj Saraa", "Ueda Jiro"}), "2031-03-04"),
                     (frozenset({"Dorj Saraa", "Mori Ken"}), "2031-03-05")}
    # the visit wrapped up is the minister's; the one prepared for is still to come
    assert {(v.destination, v.status) for v in x.visits} == {("japan", "occurred"),
                                                             ("mongolia", "planned")}
    assert {v.start.iso for v in x.visits if v.destination == "mongolia"} == {"2031-07"}


def test_meetings_an_embassy_newsletter_of_dated_entries() -> None:
    x = read_text(
        "Newsletter No. 9\n\n■ 03.05.2031  Courtesy call on the Minister\nAmbassador SATO Ken "
        "paid a courtesy call on Minister of Foreign Affairs D.BAT. The Ambassador "
        "congratulated the Minister on the results of his official visit to Japan in "
        "February, during which he held talks with Foreign Minister KATO Ren.\n\n"
        "■ 24-26.05.2031  Visit of the Friendship League\nA delegation led by Mr. UEDA Jiro, "
        "Chairman of the League, visited Mongolia. On the 25th, the delegation was received "
        "by Prime Minister B.DORJ and by Chairman of the State Great Khural S.TUMUR.")
    def family(mids: list[str]) -> frozenset[str]:
        return frozenset(name.split()[0] for name in person_names(x, mids))

    found = {(family(m.participants), m.date.iso if m.date else None) for m in x.meetings}
    assert found == {(frozenset({"Sato", "Bat"}), "2031-05-03"),
                     # "his visit ..., during which he": the Minister's, in the entry's year
                     (frozenset({"Bat", "Kato"}), "2031-02"),
                     # "received by A and by B": one by one; "the delegation": its leader
                     (frozenset({"Ueda", "Dorj"}), "2031-05-25"),
                     (frozenset({"Ueda", "Tumur"}), "2031-05-25")}
    visits = {(family(v.visitors), v.destination, v.start.iso, v.end.iso if v.end else None)
              for v in x.visits}
    assert visits == {(frozenset({"Bat"}), "japan", "2031-02", None),
                      (frozenset({"Ueda"}), "mongolia", "2031-05-24", "2031-05-26")}


def test_meetings_the_same_day_is_a_day_not_a_year_told_in_between() -> None:
    found = _meetings(
        "Ulaanbaatar, September 2, 2031\nOn September 1, Foreign Minister Aiko Sato of Japan "
        "delivered a lecture. She noted that Japan has been the largest donor since 2021, "
        "when Prime Minister Ren Kato became the first Japanese head of government to visit "
        "Mongolia.\nEarlier the same day the Minister paid a courtesy call on President "
        "Dorj Bat.")
    assert [when for _, when in found] == ["2031-09-01"]


def test_meetings_his_counterpart_at_the_time_named_after_a_comma() -> None:
    x = read_text("Tokyo, Dec. 16, 2032 (Jiji Press)--Japan and Mongolia have signed an "
                  "agreement.\n\nQ: When was it agreed?\n\nA: Less than a year. Then Japanese "
                  "Defense Minister Ren Kato and his Mongolian counterpart at the time, Gursediin "
                  "Tumenbayar, agreed in Tokyo on Feb. 29 to consider building a framework.")
    assert {(last_names(x, m.participants), m.date.iso)
            for m in x.meetings} == {(frozenset({"Kato", "Tumenbayar"}), "2032-02-29")}


def test_meetings_the_one_met_that_the_parser_makes_an_adverb() -> None:
    found = _meetings("TOKYO, Nov. 29 (Kyodo) -- Foreign Minister Dorj Bat met Foreign "
                      "Minister Ren Kato.")
    assert {frozenset(n.split()[-1] for n in people) for people, _ in found} == {
        frozenset({"Bat", "Kato"})}


def test_meetings_the_same_day_is_the_day_the_sentence_before_is_set_on() -> None:
    found = _meetings(
        "Ulaanbaatar, March 5, 2031\nOn the morning of March 4, Ms. Aiko Sato, Minister for "
        "Foreign Affairs of Japan, who is paying an official visit to Mongolia from March 3 "
        "to 5, opened an exhibition.\nIn the afternoon of the same day the Minister paid "
        "courtesy calls on President D.Bat and Prime Minister S.Tumur and held talks with "
        "Minister for Foreign Affairs G.Ganbold at the State Palace.")
    assert found == {(frozenset(p), "2031-03-04") for p in (
        {"Aiko Sato", "Bat"}, {"Aiko Sato", "Tumur"}, {"Aiko Sato", "Ganbold"})}


def test_meetings_a_plan_running_to_a_year_does_not_date_the_talks() -> None:
    found = _meetings(
        "Tokyo, January 10, 2036\nThe high point came in late November 2035, when President "
        "Dorj Bat of Mongolia made a state visit to Tokyo. In his talks with Prime Minister "
        "Ren Kato the two sides adopted a ten-year action plan running to 2045.")
    assert found == {(frozenset({"Dorj Bat", "Ren Kato"}), "2035-11")}


def test_meetings_this_was_his_nth_meeting_is_the_one_told_and_keeps_its_day() -> None:
    # "A and visiting B agreed": B is a subject the parser makes an object; a date in the
    # clause joined by "and" does not date "this was his fifth meeting"
    found = _meetings(
        "Tokyo, May 6, 2036 (Jiji Press)--Japanese Prime Minister Ren Kato and visiting "
        "Mongolian President Dorj Bat agreed Tuesday on a bilateral investment pact. Kato "
        "visited Mongolia in March last year, and this was his fifth meeting with Bat.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2036-05-06")}


def test_meetings_hospitality_shown_to_a_visitor_and_a_call_paid_on_a_host() -> None:
    x = read_text(
        "November 17, 2036\nPrime Minister Ren Kato expressed his gratitude for the warm "
        "hospitality extended to Mr. SATO Aiko, Minister for Foreign Affairs, during his "
        "visit to Mongolia last month. Prime Minister Dorj Bat, recalling the courtesy call "
        "paid on him by Minister Sato, stated that Japan's support is a great help.")
    assert {(last_names(x, v.visitors), v.start.iso) for v in x.visits} == {
        (frozenset({"Sato"}), "2036-10")}
    assert {(last_names(x, m.participants), m.date.iso) for m in x.meetings} == {
        (frozenset({"Bat", "Sato"}), "2036-10")}


def test_meetings_their_talks_are_those_of_the_two_both_ministers_named() -> None:
    found = _meetings(
        "Astana, 11 July 2035: The Minister for Foreign Affairs of Mongolia, Dorj Bat, met "
        "with the Minister for Foreign Affairs of Japan, Ren Kato, on 10 July.\nBoth ministers "
        "welcomed the State Visit of Emperor Hiroaki to Mongolia. It is the first such visit.\n"
        "Minister Bat noted that the talks between Emperor Hiroaki and President Tumur Ganbold "
        "on 8 July showed deep friendship.\nPrime Minister Sukh Bold also valued the visit, she "
        "added.\nFurthermore, the two ministers recalled their talks in Tokyo in March.")
    assert found == {(frozenset({"Dorj Bat", "Ren Kato"}), "2035-07-10"),
                     (frozenset({"Hiroaki", "Tumur Ganbold"}), "2035-07-08"),
                     (frozenset({"Dorj Bat", "Ren Kato"}), "2035-03")}


def test_meetings_a_delegation_led_by_its_chairman_and_a_visit_announced() -> None:
    # the ALL-CAPS headline names the President without his office; the prose gives it
    x = read_text(
        "PRESIDENT OF MONGOLIA D.BAT RECEIVES DELEGATION OF FRIENDSHIP LEAGUE\n\n2036.08.16\n\n"
        "On August 16, President of Mongolia Dorj Bat received a delegation of the Japan-"
        "Mongolia Parliamentary Friendship League led by its Chairman Ren Kato, Member of the "
        "House of Representatives of Japan.\n\nThe President noted that this year marks an "
        "anniversary, and informed the delegation that he will pay a State Visit to Japan in "
        "late November at the invitation of the Government of Japan.")
    assert {(last_names(x, m.participants), m.date.iso) for m in x.meetings} == {
        (frozenset({"Bat", "Kato"}), "2036-08-16")}
    assert {(last_names(x, v.visitors), v.destination, v.start.iso, v.status)
            for v in x.visits} == {(frozenset({"Bat"}), "japan", "2036-11", "planned")}


def test_meetings_him_is_not_the_clauses_own_subject() -> None:
    found = _meetings(
        "July 14, 2036\n\nEmperor Hiroaki and Empress Sayako visited Mongolia from July 6 to 13. "
        "The Emperor had been there before. The programme peaked on the 8th, when the couple "
        "were welcomed by President D.Bat at the square and held talks with him and First Lady "
        "S.Tuya, followed by a banquet.")
    assert any({"Hiroaki", "Bat"} <= {n.split()[-1] for n in people} and when == "2036-07-08"
               for people, when in found)


def test_meetings_today_in_a_wire_report_inside_a_weekly_is_the_wires_day() -> None:
    found = _meetings(
        "THE WEEKLY\nNo. 9 (300)  *  Wednesday, March 5, 2031\n\nThe following is the report "
        "filed from Tokyo during the visit.\n\nTOKYO, February 25 (MONTSAME). Talks between "
        "Prime Minister D.Bat and the Prime Minister of Japan Mr Ren Kato were held today at "
        "the Prime Minister's Official Residence.")
    assert found == {(frozenset({"Bat", "Ren Kato"}), "2031-02-25")}


def test_meetings_there_he_held_talks_in_the_time_the_sentence_before_opens_with() -> None:
    found = _meetings(
        "Tokyo, Jan. 14, 2040\nIn August 2031 Prime Minister Ren Kato became the first leader "
        "of a Group of Seven nation to visit China after the 2029 crackdown, and from Beijing "
        "flew on to Ulan Bator. There he held talks with President Dorj Bat.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2031-08")}


def test_meetings_the_two_named_before_held_the_meeting_whatever_the_parse() -> None:
    found = _meetings("Tokyo, 25 January 2036 (TDI): Foreign Minister of Mongolia Batmunkh "
                      "Tsetseg and Japanese Foreign Minister Yoshimasa Kato held the Mongolia-"
                      "Japan Foreign Ministers' Meeting in Tokyo on Tuesday.")
    assert {(frozenset(n.split()[-1] for n in people), when) for people, when in found} == {
        (frozenset({"Tsetseg", "Kato"}), "2036-01-22")}


def test_meetings_their_telephone_talk_and_what_their_verbs_are_about() -> None:
    found = _meetings(
        "August 28, 2037\n5. At the signing ceremony, Minister Dorj Bat stated that the loan "
        "carries out the commitment made by Prime Minister Ren Kato to President Tumur Ganbold "
        "at their telephone talk on July 14, shortly after the President's inauguration.")
    assert found == {(frozenset({"Ren Kato", "Tumur Ganbold"}), "2037-07-14")}
    welcomed = _meetings(
        "October 9, 2037\nOn October 9, Minister Ren Kato held a Foreign Ministers' Meeting "
        "with Minister Dorj Bat. (3) Both Ministers welcomed the opening of the new airport in "
        "July this year and agreed to work toward the resumption of flights.\n(4) Minister Kato "
        "congratulated Minister Bat on his assumption of office in June, and the two Ministers "
        "confirmed that they would advance the partnership.")
    assert {when for _, when in welcomed} == {"2037-10-09"}


def test_meetings_the_two_concurred_during_a_visit_then() -> None:
    found = _meetings(
        "September 21, 2036\nOn September 20, Prime Minister Ren Kato held a working lunch "
        "with President Dorj Bat of Mongolia.\nPrime Minister Kato mentioned that the two "
        "leaders concurred on "
        "upgrading the bilateral relationship to a \"Special Strategic Partnership\", during "
        "President Dorj Bat's visit to Japan in November last year, marking an anniversary.")
    assert found == {(frozenset({"Ren Kato", "Dorj Bat"}), "2036-09-20"),
                     (frozenset({"Ren Kato", "Dorj Bat"}), "2035-11")}


def test_meetings_a_summit_of_other_states_is_none_of_theirs() -> None:
    x = read_text("August 3, 2031\nOn August 3, Mr. Kenji Sato, Minister for Foreign Affairs of "
                  "Japan, held a meeting with Mr. Bold Dorj, Minister for Foreign Affairs of "
                  "Mongolia. The two ministers exchanged views on the situation in North Korea "
                  "following the U.S.-North Korea Summit in June.")
    assert [m.date.iso for m in x.meetings] == ["2031-08-03"]


def test_meetings_the_ministers_meeting_held_before_is_the_two_who_met() -> None:
    x = read_text("August 3, 2031\nOn August 3, Mr. Kenji Sato, Minister for Foreign Affairs of "
                  "Japan, held a Foreign Ministers' Meeting with Mr. Bold Dorj, Minister for "
                  "Foreign Affairs of Mongolia.\n1. Minister Sato stated that he highly valued "
                  "the fruitful Foreign Ministers' Meeting held in Tokyo in February, when "
                  "Minister Dorj paid an official visit to Japan.")
    assert sorted((sorted(last_names(x, m.participants)), m.date.iso) for m in x.meetings) == [
        (["Dorj", "Sato"], "2031-02"), (["Dorj", "Sato"], "2031-08-03")]


def test_meetings_the_previous_day_of_the_days_event_not_of_a_visit_since() -> None:
    x = read_text("February 14, 2031\n\nOn February 14, Prime Minister Kenji Sato received a "
                  "courtesy call from "
                  "Mr. Bold Dorj, Chairman of the State Great Hural of Mongolia, who is visiting "
                  "Japan.\n\nPrime "
                  "Minister Sato said that relations had made great progress since President "
                  "Tumur Bat's visit to Japan in February last year.\n\nChairman Dorj said that "
                  "he had held a meeting the previous day with Mr. Ichiro Tanaka, Speaker of the "
                  "House of Representatives.")
    dates = {frozenset(last_names(x, m.participants)): m.date.iso for m in x.meetings}
    assert dates[frozenset({"Dorj", "Tanaka"})] == "2031-02-13"


def test_meetings_the_rows_of_a_visits_schedule_are_the_visitors() -> None:
    x = read_text("Visit to Japan by Mr. Bold Dorj, Minister for Foreign Affairs of Mongolia\n\n"
                  "July 2031\n\n1. Mr. Bold Dorj, Minister for Foreign Affairs of Mongolia, "
                  "visited Japan from July 22 to 26.\n\n2. Schedule\n(1) July 23 (Wed): "
                  "Foreign Ministers' Meeting with Ms. Hanako Sato, Minister for Foreign "
                  "Affairs\n(2) July 24 (Thu): Courtesy call on Prime Minister Ichiro Tanaka; "
                  "meeting with Mr. Jiro Suzuki, Minister of Finance\n")
    assert sorted((sorted(last_names(x, m.participants)), m.date.iso) for m in x.meetings) == [
        (["Dorj", "Sato"], "2031-07-23"), (["Dorj", "Suzuki"], "2031-07-24"),
        (["Dorj", "Tanaka"], "2031-07-24")]


def test_meetings_a_joint_signing_dated_by_its_when_clause() -> None:
    x = read_text("March 28, 2031\n1. On March 27, the two ministers signed the notes.\n2. "
                  "This cooperation is one of the items of the Joint Statement, which Prime "
                  "Minister Kenji Sato and Prime Minister Bold Dorj signed when Prime Minister "
                  "Dorj visited Japan in September 2030.")
    dates = {frozenset(last_names(x, m.participants)): m.date.iso for m in x.meetings}
    assert dates[frozenset({"Sato", "Dorj"})] == "2030-09"


def test_meetings_a_journey_made_to_sign_with_someone() -> None:
    x = read_text("July 5, 2031\nIn February 2029, when Prime Minister Bold Dorj visited Tokyo "
                  "to sign the bilateral economic partnership agreement with Prime Minister "
                  "Kenji Sato, the two "
                  "governments also agreed on an additional loan.")
    assert [(sorted(last_names(x, m.participants)), m.date.iso) for m in x.meetings] == [
        (["Dorj", "Sato"], "2029-02")]


def test_meetings_a_strategic_dialogue_held_and_the_two_prime_ministers() -> None:
    x = read_text("March 27, 2031\n\n1. On March 26, Mr. SATO Kenji, Vice-Minister for "
                  "Foreign Affairs of Japan, and Ms. Bold DORJ, Vice Minister for Foreign "
                  "Affairs of Mongolia, held the 9th Japan-Mongolia Vice-Ministerial Strategic "
                  "Dialogue in Tokyo.\n\n(a) Both sides welcomed the frequent exchanges, "
                  "including the summit meeting of Prime Minister TANAKA Ichiro with President "
                  "Tumur BAT in September last year, and the official visit to Japan by Prime "
                  "Minister Ganbold BAYAR in December last year, during which the two Prime "
                  "Ministers issued a joint statement.")
    found = sorted((sorted(n.upper() for n in last_names(x, m.participants)),
                    m.date.iso if m.date else None) for m in x.meetings)
    # the two Prime Ministers are not the Vice-Ministers
    assert [(names[0], date) for names, date in found] == [
        ("BAT", "2030-09"), ("BAYAR", "2030-12"), ("DORJ", "2031-03-26")], found


def test_meetings_a_meeting_and_dinner_held_with_a_guest_and_a_call_prior_to_it() -> None:
    x = read_text("February 20, 2031\n\nOn February 20, Mr. Kenji Sato, Minister for Foreign "
                  "Affairs, held a Foreign Ministers' Meeting followed by a working dinner with "
                  "H.E. Mr. Bold Dorj, Minister for Foreign Affairs of Mongolia. This is "
                  "Minister Dorj's third visit to Japan, following his visits in September 2029 "
                  "and June 2030. Prior to the meeting, Minister Dorj paid a courtesy call on "
                  "Mr. Ichiro Tanaka, Prime Minister.")
    assert sorted((sorted(last_names(x, m.participants)), m.date.iso) for m in x.meetings) == [
        (["Dorj", "Sato"], "2031-02-20"), (["Dorj", "Tanaka"], "2031-02-20")]
