"""Whole short texts in the styles the extractor meets: MOFA releases of telephone talks and
courtesy calls, wire copy, cancellations, analyses with bullet lists."""

from __future__ import annotations

import pytest

from .helpers import person_names, read_text

pytestmark = pytest.mark.slow


def test_styles_telephone_talk_release() -> None:
    x = read_text("Japan-Mongolia Summit Telephone Talk\n\nJanuary 18, 2021\n\nOn January 18, "
                  "Mr. SATO Kenji, Prime Minister of Japan, held a telephone talk with H.E. Mr. "
                  "Batbayar GANZORIG, Prime Minister of Mongolia.")
    (meeting,) = x.meetings
    assert (meeting.kind, meeting.date.iso) == ("telephone talks", "2021-01-18")
    assert person_names(x, meeting.participants) == {"Sato", "Ganzorig"}
    assert not x.visits                     # a telephone talk is no visit


def test_styles_courtesy_call_by_a_visiting_speaker() -> None:
    x = read_text("December 6, 2022\nOn December 6, Mr. ITO Kaori, Minister for Foreign "
                  "Affairs, received a courtesy call from Mr. Gombo DAVAADORJ, Chairman of the "
                  "State Great Khural (Parliament) of Mongolia, who is visiting Japan.")
    (meeting,) = x.meetings
    assert meeting.kind == "courtesy call"
    (visit,) = x.visits
    assert (visit.destination, visit.start.iso) == ("japan", "2022-12-06")
    (cap,) = visit.capacities.values()
    assert (cap.role, cap.country) == ("Chairman of the State Great Khural", "mongolia")


def test_styles_wire_copy_without_a_date_and_a_relative_clause() -> None:
    x = read_text("TOKYO (Reuters) - Mongolian Prime Minister Batbayar Ganzorig-Od met "
                  "Japanese Prime Minister Kenji Sato in Tokyo on Thursday.\n\nGanzorig-Od, who "
                  "arrived in Tokyo on Wednesday for a four-day visit, is also scheduled to meet "
                  "Emperor Hiroaki on Friday.")
    arrival = [v for v in x.visits if v.destination == "japan"]
    assert arrival and all(v.status == "occurred" for v in arrival)   # the plan is the meeting's
    planned = [m for m in x.meetings if m.status == "planned"]
    assert [person_names(x, m.participants) for m in planned] == [
        {"Batbayar Ganzorig-Od", "Hiroaki"}]


def test_styles_cancelled_trip() -> None:
    x = read_text("ULAANBAATAR, April 2, 2020 (Montsame) -- The official visit of Foreign "
                  "Minister Dorj Bayarsaikhan to Japan, planned for April 14-16, has been "
                  "cancelled due to the pandemic.")
    (visit,) = x.visits
    assert (visit.status, visit.start.iso, visit.end.iso) == ("cancelled", "2020-04-14",
                                                               "2020-04-16")


def test_styles_analysis_with_bullets_and_several_dates() -> None:
    x = read_text(
        "Key milestones:\n"
        "\u2022 1998: Prime Minister Kenji Sato and President Dorj Bayar declared a "
        "\"Comprehensive Partnership\".\n"
        "\u2022 2015: the Economic Partnership Agreement (EPA) was signed in Tokyo on February 10, "
        "2015; it entered into force on June 7, 2016.\n\n"
        "Japanese Prime Minister Kenji Sato visited Mongolia twice, in 2013 and 2015.")
    assert {(p.label, p.date.iso) for p in x.partnerships} == {("Comprehensive Partnership",
                                                                "1998")}
    (epa,) = x.agreements
    assert [(m.stage, m.date.iso) for m in epa.milestones] == [("signed", "2015-02-10"),
                                                               ("in force", "2016-06-07")]
    assert sorted(v.start.iso for v in x.visits) == ["2013", "2015"]


def test_styles_grant_signed_on_the_same_day() -> None:
    x = read_text("March 3, 2023\n\nOn March 3, Mr. KOBAYASHI Ken, Ambassador of Japan to "
                  "Mongolia, paid a courtesy call on H.E. Mr. Batbayar GANZORIG, Prime Minister "
                  "of Mongolia.\n\nOn the same day, the two sides signed the Exchange of Notes "
                  "concerning Grant Aid for \"The Project for the Improvement of Water Supply in "
                  "Darkhan\" (1.2 billion yen).")
    (grant,) = x.agreements
    assert grant.label == "Project for the Improvement of Water Supply in Darkhan"
    assert [(m.stage, m.date.iso) for m in grant.milestones] == [("signed", "2023-03-03")]
    assert (grant.amount, grant.currency) == ("1200000000", "JPY")


def test_styles_state_visit_audience_summit_and_joint_signing() -> None:
    x = read_text(
        "Mongolian President Received in Audience by the Emperor\n\nNovember 30, 2022\n\n"
        "On November 30, President Batbayar GANZORIG of Mongolia, who is on an official visit to "
        "Japan, had an audience with His Majesty Emperor Hiroaki at the Imperial Palace.\n"
        "On the same day, Prime Minister Sato Kenji and President Ganzorig held a summit meeting, "
        "and the two leaders signed the \"Joint Statement on the Establishment of a Special "
        "Strategic Partnership\".")
    names = {p.key or " ".join(p.words) for p in x.persons}
    assert "Received" not in names                          # a verb in a headline
    (visit,) = x.visits
    assert (visit.destination, visit.start.iso, visit.capacities[visit.visitors[0]].country) == (
        "japan", "2022-11-30", "mongolia")
    kinds = {(m.kind, m.date.iso) for m in x.meetings}
    assert kinds == {("audience", "2022-11-30"), ("summit", "2022-11-30")}
    assert {(p.label, p.date.iso) for p in x.partnerships} == {
        ("Special Strategic Partnership", "2022-11-30")}
    (statement,) = x.agreements
    assert person_names(x, statement.signatories) == {"Ganzorig", "Sato Kenji"}


def test_styles_talks_with_a_counterpart() -> None:
    x = read_text("ULAANBAATAR, Sept. 5, 2019 (Xinhua) -- Mongolian Foreign Minister Dorj "
                  "Bayarsaikhan and his Japanese counterpart Kenji Sato held talks here on "
                  "Thursday.")
    (meeting,) = x.meetings
    assert person_names(x, meeting.participants) == {"Dorj Bayarsaikhan", "Kenji Sato"}
    assert meeting.date.iso == "2019-09-05"


def test_styles_announcement_of_a_visit_with_a_scheduled_summit() -> None:
    x = read_text(
        "Visit to Japan by H.E. Mr. Batbayar GANZORIG, Prime Minister of Mongolia\n\n"
        "November 20, 2023\n\n1. H.E. Mr. Batbayar GANZORIG, Prime Minister of Mongolia, will "
        "visit Japan from November 28 to December 1.\n2. During his stay in Japan, Prime "
        "Minister Ganzorig is scheduled to hold a summit meeting with Mr. SATO Kenji, Prime "
        "Minister of Japan.")
    (visit,) = x.visits
    assert (visit.status, visit.start.iso, visit.end.iso) == ("planned", "2023-11-28",
                                                               "2023-12-01")
    (meeting,) = x.meetings
    assert (meeting.kind, meeting.status, meeting.date.iso) == ("summit", "planned",
                                                                "2023-11")


def test_styles_an_invitation_is_not_a_visit() -> None:
    x = read_text("April 5, 2024\nMinister Bayarmaa invited Minister Sato to visit Mongolia "
                  "next year.")
    assert not x.visits
