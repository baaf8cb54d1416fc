from __future__ import annotations

import pytest

from .helpers import person_names, read_text

pytestmark = pytest.mark.slow


def _agreements(text: str) -> dict[str, list[tuple]]:
    x = read_text(text)
    return {a.label: [(m.stage, m.date.iso if m.date else None, m.status) for m in a.milestones]
            for a in x.agreements}


def test_agreements_quoted_name_signed_with_signatories_and_amount() -> None:
    x = read_text('May 3, 2024\nOn May 3, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of '
                  'Japan, held talks with H.E. Ms. Oyunaa BAYARMAA, Minister for Foreign Affairs'
                  ' of Mongolia. The two ministers then signed the exchange of notes on the '
                  '"Ulaanbaatar Heating Improvement Loan" of 12.5 billion yen.')
    (agreement,) = x.agreements
    assert agreement.label == "Ulaanbaatar Heating Improvement Loan"
    assert [(m.stage, m.date.iso) for m in agreement.milestones] == [("signed", "2024-05-03")]
    assert person_names(x, agreement.signatories) == {"Tanaka", "Bayarmaa"}
    assert (agreement.amount, agreement.currency) == ("12500000000", "JPY")


def test_agreements_negotiation_launched_and_acronym_later() -> None:
    found = _agreements(
        "In June 2019, the two governments launched negotiations on a Japan-Mongolia Investment "
        "Protection Agreement (IPA). In May 2021, the IPA was signed.")
    stages = found["Japan-Mongolia Investment Protection Agreement"]
    assert ("negotiation launched", "2019-06", "occurred") in stages
    assert ("signed", "2021-05", "occurred") in stages


def test_agreements_planned_signing_is_planned() -> None:
    found = _agreements("September 2, 2024\nThe Cultural Exchange Agreement is expected to be "
                        "signed next year.")
    assert found["Cultural Exchange Agreement"] == [("signed", "2025", "planned")]


def test_agreements_toward_a_time_is_a_horizon_not_a_plan() -> None:
    found = _agreements(
        "Tokyo, June 3, 2004\nOn June 3, the two prime ministers signed a Joint Declaration on a "
        "partnership between their countries toward the 21st century.\nThey also agreed to "
        "work toward signing an agreement on investment.")
    assert found["Joint Declaration"] == [("signed", "2004-06-03", "occurred")]


def test_agreements_a_stage_with_no_date_after_it_takes_the_one_before() -> None:
    found = _agreements(
        "In July 2031, the Japan-Mongolia Investment Agreement, which was signed in February "
        "2029, entered into force.")
    assert sorted(found["Japan-Mongolia Investment Agreement"]) == [
        ("in force", "2031-07", "occurred"), ("signed", "2029-02", "occurred")]


def test_agreements_generic_joint_statements_are_told_apart_by_date() -> None:
    x = read_text("President Bold's visit to Japan in May 2016. The two countries issued a "
                  "\u201cJoint Statement\u201d.\n\nPrime Minister Sato's visit to Mongolia in "
                  "July 2018. The two countries issued a \u201cJoint Statement\u201d.")
    dates = sorted(m.date.iso for a in x.agreements for m in a.milestones)
    assert dates == ["2016-05", "2018-07"]
    assert len(x.agreements) == 2


def test_agreements_plural_and_generic_mentions_name_no_instrument() -> None:
    assert not _agreements("Through ODA and Economic Partnership Agreements, Japan invests.")
    assert not _agreements("The two sides reached an agreement in principle on many points.")


def test_agreements_formal_titles_keep_their_parties_and_subject() -> None:
    found = _agreements(
        "March 3, 2031\nThe two ministers reviewed the implementation of the Agreement between "
        "Japan and Mongolia for an Economic Partnership, which entered into force in June "
        "2016.")
    assert found == {"Agreement between Japan and Mongolia for an Economic Partnership": [
        ("in force", "2016-06", "occurred")]}
    found = _agreements(
        "TOKYO, Nov 29 (Kyodo) - The Agreement between the Government of Japan and the "
        "Government of Mongolia concerning the Transfer of Defense Equipment and Technology "
        "was signed on Tuesday.")
    assert list(found) == ["Agreement between the Government of Japan and the Government of "
                           "Mongolia concerning the Transfer of Defense Equipment and Technology"]


def test_agreements_a_title_ends_before_a_date_or_another_instrument() -> None:
    found = _agreements("May 8, 2026\nMongolia and Japan signed the Agreement on Trade and "
                        "Investment on Monday and the Memorandum on Tourism on May 7.")
    assert set(found) == {"Agreement on Trade and Investment", "Memorandum on Tourism"}


def test_agreements_entry_into_force_is_a_stage_and_would_is_planned() -> None:
    assert _agreements(
        "December 1, 2024\nThe two leaders welcomed the entry into force of the Agreement "
        "between Japan and Mongolia on Social Security in August 2024.") == {
        "Agreement between Japan and Mongolia on Social Security": [
            ("in force", "2024-08", "occurred")]}
    assert _agreements(
        "June 10, 2025\nThe leaders looked forward to the entry into force of the "
        "Japan-Mongolia Agreement on Social Security.") == {
        "Japan-Mongolia Agreement on Social Security": [("in force", None, "planned")]}
    # reported speech: "would launch" is still to come; launching is one stage
    assert _agreements(
        "June 10, 2025\nThe ministers confirmed that the two countries would launch "
        "negotiations on a Japan-Mongolia Agreement on the Mutual Recognition of Driving "
        "Licences later this year.") == {
        "Japan-Mongolia Agreement on the Mutual Recognition of Driving Licences": [
            ("negotiation launched", "2025", "planned")]}


def test_agreements_encyclopedia_en_dash_both_signers_and_the_agreement_in_force() -> None:
    x = read_text("Japan–Mongolia relations\n\nIn February 2015, Prime Minister Bat-Ochir "
                  "Ganzorig and Prime Minister Kenji Morita signed the Japan–Mongolia Economic "
                  "Partnership Agreement in Tokyo. The agreement entered into force on 7 June "
                  "2016.")
    (fact,) = x.agreements
    assert fact.label == "Japan-Mongolia Economic Partnership Agreement"
    assert person_names(x, fact.signatories) == {"Bat-Ochir Ganzorig", "Kenji Morita"}
    assert {(m.stage, m.date.iso) for m in fact.milestones} == {
        ("signed", "2015-02"), ("in force", "2016-06-07")}


def test_agreements_an_acronym_no_text_defines_is_the_instrument_it_stands_for() -> None:
    x = read_text("An analysis, 2021\nThe two governments concluded the Japan-Mongolia EPA, "
                  "Mongolia's first free trade agreement, in 2015.")
    (fact,) = x.agreements
    assert (fact.label, fact.kind) == ("Japan-Mongolia Economic Partnership Agreement",
                                       "Economic Partnership Agreement")
    # defined in the text: the name it was defined for, once
    x = read_text("The Japan-Mongolia Economic Partnership Agreement (EPA) was signed on 10 "
                  "May 2014. The EPA entered into force on 7 June 2016.")
    assert [f.label for f in x.agreements] == ["Japan-Mongolia Economic Partnership Agreement"]


def test_agreements_the_agreement_with_two_named_is_neither() -> None:
    x = read_text("May 2, 2016\nJapan and Mongolia signed the Agreement on Customs Cooperation "
                  "and the Treaty on Legal Assistance. The agreement entered into force on 7 "
                  "June 2016.")
    assert all(m.stage == "signed" for f in x.agreements for m in f.milestones)


@pytest.mark.parametrize(("text", "signers"), [
    ("The Agreement on Youth Exchange was signed on 2 May 2019 in Tokyo by Foreign Minister "
     "Jiro Kato and Mongolian Prime Minister Tserendorj Nyamjav.",
     {"Jiro Kato", "Tserendorj Nyamjav"}),
    # the parser makes the agent one noun phrase
    ("The Exchange of Notes was signed by Ambassador Jiro Kato and Finance Minister Bold "
     "Tumur on March 3, 2021.", {"Jiro Kato", "Bold Tumur"}),
    # witnesses are no signers
    ("The Exchange of Notes on the Grant Aid was signed by the two sides in the presence of "
     "Prime Minister Kenji Morita and President Bat-Ochir Ganzorig.", set()),
])
def test_agreements_signed_by_the_persons_of_the_agent_phrase(text: str, signers: set) -> None:
    x = read_text(text)
    (agreement,) = x.agreements
    assert person_names(x, agreement.signatories) == signers


def test_agreements_a_signing_the_days_report_welcomes_is_that_days() -> None:
    text = ("Japan-Mongolia Summit Meeting\n\nApril 3, 2031\n\nOn April 3, Ms. SAITO Emi, Prime "
            "Minister of Japan, held a summit meeting with H.E. Mr. Bat-Ochir GANZORIG, Prime "
            "Minister of Mongolia.\n1. The two leaders exchanged views on the region.\n"
            "2. The two leaders welcomed the signing of the Memorandum of Cooperation in the "
            "Field of Disaster Risk Reduction.")
    (fact,) = read_text(text).agreements
    assert fact.label == "Memorandum of Cooperation in the Field of Disaster Risk Reduction"
    assert [(m.stage, m.date.iso) for m in fact.milestones] == [("signed", "2031-04-03")]


def test_agreements_an_analysis_dates_no_signing_by_its_own_date() -> None:
    text = ("April 3, 2031\nAn analysis of the ties. The two leaders welcomed the signing of the "
            "Memorandum of Cooperation in the Field of Disaster Risk Reduction.")
    (fact,) = read_text(text).agreements
    assert [m.date for m in fact.milestones] == [None]


@pytest.mark.parametrize(("text", "label", "stage", "date"), [
    # an instrument named by its description, in lower case; the news item's day
    ("URL: https://news.example.org/2031/04/02/x/\n\nJapan and Mongolia have signed an "
     "agreement on the transfer of medical equipment and services, the ministry said.",
     "Agreement on the Transfer of Medical Equipment and Services", "signed", "2031-04-02"),
    # "a pact for ..."; agreed in principle on a weekday before the dateline
    ("New York, Sept. 22, 2030 (Jiji Press)--Japanese Prime Minister Ren Kato and Mongolian "
     "President Dorj Bat on Sunday confirmed that the two countries have reached an agreement "
     "in negotiations on concluding a bilateral pact for space technology transfers.",
     "Pact for Space Technology Transfers", "agreed in principle", "2030-09-22"),
    # "letters on ... were exchanged"
    ("Japan-Mongolia Summit Meeting\nMarch 28, 2030\nAfter the meeting, letters on yen loans "
     "for the development of small enterprises were exchanged in the presence of the two "
     "leaders.",
     "Letters on Yen Loans", "signed", "2030-03-28"),
    # a noun before the instrument says what it is on
    ("February 2031\nThe Prime Minister attended the signing ceremony for an investment "
     "agreement on February 14.", "Investment Agreement", "signed", "2031-02-14"),
    # "a revised memorandum of ..."
    ("2029.05.10 10:00\n\nThe two ministers signed a revised memorandum of cooperation in "
     "fisheries on Thursday.", "Memorandum of Cooperation in Fisheries", "signed", "2029-05-10"),
])
def test_agreements_named_by_description(text: str, label: str, stage: str, date: str) -> None:
    found = _agreements(text)
    assert found[label][0][:2] == (stage, date)


def test_agreements_a_quoted_sentence_is_no_name() -> None:
    found = _agreements("“I hope the EPA will foster investment,” he told reporters.")
    assert not any(label.startswith("I hope") for label in found)


def test_agreements_a_loan_project_written_with_hyphens() -> None:
    found = _agreements("November 19, 2030\nThe exchange of notes on the Three-Step-Loan Project "
                        "for Rural Water Supply was signed on November 19.")
    assert found == {"Three-Step-Loan Project for Rural Water Supply": [
        ("signed", "2030-11-19", "occurred")]}


def test_agreements_signers_between_persons() -> None:
    x = read_text("November 19, 2030\nThe exchange of notes on the Rural Water Loan was signed "
                  "between Mr. Ren Kato, Minister for Foreign Affairs of Japan, and Mr. Dorj "
                  "Bat, Minister for Foreign Affairs of Mongolia.")
    (agreement,) = x.agreements
    assert person_names(x, agreement.signatories) == {"Ren Kato", "Dorj Bat"}


def test_agreements_dated_by_the_stage_verb_that_governs_the_instrument() -> None:
    found = _agreements("Relations were established in 1962, and an agreement on fisheries "
                        "cooperation was signed in 1968, bringing the two countries closer.")
    assert found == {"Agreement on Fisheries Cooperation": [("signed", "1968", "occurred")]}
    found = _agreements("Ulan Bator, Oct. 2, 2031 (Jiji Press)--Japan completed its procedures "
                        "in May, after the two countries signed the Japan-Mongolia Investment "
                        "Agreement in February.")
    assert found["Japan-Mongolia Investment Agreement"][0][:2] == ("signed", "2031-02")


def test_agreements_the_days_news_yields_to_the_day_the_text_gives() -> None:
    found = _agreements("URL: https://news.example.org/2031/02/12/x/\n\nJapan and Mongolia have "
                        "signed a bilateral investment agreement. The agreement was signed by "
                        "the two prime ministers in Tokyo on Tuesday.")
    assert found == {"Investment Agreement": [("signed", "2031-02-11", "occurred")]}


def test_agreements_a_quoted_level_is_no_instrument_but_a_programme_of_it_is() -> None:
    found = _agreements("Tokyo, 3 May 2031 (TDI): The two sides adopted the 10-year Action "
                        "Program of the \u201cSpecial Partnership for Peace\u201d with goals.")
    assert list(found) == ["Action Program"]


@pytest.mark.parametrize("text", [
    "Tokyo, July 22 (Jiji Press)--Japan and Mongolia have reached a broad agreement on a "
    "bilateral investment treaty, the leaders confirmed.",
    "The pact would be the first free trade agreement for Mongolia.",
    "Japan, Mongolia Reach Broad Agreement on Trade Pact\n\nThe talks went well.",
])
def test_agreements_agreeing_and_predicates_name_no_instrument(text: str) -> None:
    found = _agreements(text)
    assert not any(label.startswith(("Broad", "Free Trade Agreement for", "Mongolia Reach"))
                   for label in found), found


@pytest.mark.parametrize(("text", "label"), [
    ("June 28, 2031\n1. On June 27, Notes were exchanged between the two governments "
     "concerning grant aid of up to 1,452 million yen for a school project.",
     "Notes concerning Grant Aid"),
    ("In the presence of the two leaders, a memorandum of cooperation in the field of "
     "fisheries and other documents were also signed.",
     "Memorandum of Cooperation in the Field of Fisheries"),
    ("The sides are expected to sign a mid-term action plan for the partnership.",
     "Mid-term Action Plan for the Partnership"),
])
def test_agreements_more_instruments_named_by_description(text: str, label: str) -> None:
    assert label in _agreements(text)


def test_agreements_a_plan_to_do_something_is_no_instrument() -> None:
    assert not _agreements("Japan announced a plan to plant trees, and a framework of dialogue.")


def test_agreements_the_pairs_name_before_an_instrument_is_the_same_instrument() -> None:
    x = read_text("Japan-Mongolia EPA takes effect\n\nTOKYO, June 7, 2031 (Xinhua) -- The "
                  "economic partnership agreement between Japan and Mongolia entered into "
                  "force on Tuesday.")
    assert len(x.agreements) == 1


def test_agreements_an_envoys_letters_of_credence_are_no_instrument() -> None:
    assert not _agreements("On January 19, 2031, President Dorj Bat of Mongolia received the "
                           "Letters of Credence of Mr. Ren Kato, Ambassador of Japan.")


def test_agreements_an_exchange_of_notes_on_what_it_is_on() -> None:
    found = _agreements("In October 2030 Foreign Minister Ren Kato of Japan visited Mongolia "
                        "and signed an exchange of notes on a crisis response support loan "
                        "with his counterpart Dorj Bat.")
    assert found == {"Exchange of Notes on a Crisis Response Support Loan":
                     [("signed", "2030-10", "occurred")]}


def test_agreements_each_instrument_its_own_stage_date() -> None:
    found = _agreements("A loan for the airport was signed in May 2028; Prime Minister Dorj "
                        "Bat of Mongolia came to Tokyo to sign the Japan-Mongolia Economic "
                        "Partnership Agreement in February 2030.")
    assert found["Japan-Mongolia Economic Partnership Agreement"] == [
        ("signed", "2030-02", "occurred")]


def test_agreements_a_verb_before_agreement_names_no_instrument() -> None:
    assert not _agreements("In separate meetings that day with President Dorj Bat of Mongolia, "
                           "Prime Minister Ren Kato of Japan secured agreement to bring the pact "
                           "into force at an early date.")


def test_agreements_a_date_in_a_clause_about_a_signer_is_not_the_signing() -> None:
    found = _agreements(
        "Tokyo, October 9, 2031\nOn Friday, Kato, who kept his post when Prime Minister Ueda "
        "formed his cabinet last month, signed the Exchange of Notes on the loan.")
    assert found["Exchange of Notes"] == [("signed", "2031-10-03", "occurred")]


def test_agreements_a_joint_statement_that_is_the_text_itself() -> None:
    x = read_text(
        "(Provisional Translation)\n\nJoint Statement between Japan and Mongolia\ntowards a "
        "New Partnership\n\n29 November 2031, Tokyo\n\n1. At the invitation of the Government "
        "of Japan, President Dorj BAT paid a State Visit to Japan from 28 November to 1 "
        "December 2031. On 29 November, President BAT held a summit meeting with Prime "
        "Minister KATO Ren. On 1 December, the Emperor will receive President BAT.\n\n"
        "2. The two leaders adopted the \"Japan-Mongolia Action Plan for the New Partnership\" "
        "as a roadmap.")
    found = {a.label: [(m.stage, m.date.iso if m.date else None, m.status)
                       for m in a.milestones] for a in x.agreements}
    # the title: the statement itself, of the text's date, not a plan ("towards")
    assert found["Joint Statement between Japan and Mongolia"] == [
        ("mentioned", "2031-11-29", "occurred")]
    # adopted on the day the text reports, not on the day still to come told before it
    assert found["Japan-Mongolia Action Plan for the New Partnership"] == [
        ("signed", "2031-11-29", "occurred")]


def test_agreements_a_list_with_each_stage_in_brackets() -> None:
    found = _agreements(
        "Japan-Mongolia Relations (Basic Data)\n\nOctober 2035\n\n7. Bilateral Treaties and "
        "Agreements\nAgreement on Cultural Exchange (signed 1981); Agreement concerning the "
        "Promotion of Investment (signed February 2031); Agreement on Social Security (entered "
        "into force June 2034)")
    assert found == {
        "Agreement on Cultural Exchange": [("signed", "1981", "occurred")],
        "Agreement concerning the Promotion of Investment": [("signed", "2031-02", "occurred")],
        "Agreement on Social Security": [("in force", "2034-06", "occurred")]}


def test_agreements_issued_in_a_when_clause_on_a_date() -> None:
    x = read_text('Tokyo, October 2035\nThe two countries agreed on a "Strategic Partnership" '
                  'in November 2030 and upgraded it to a "Special Strategic Partnership" in '
                  'November 2032, when the "Japan-Mongolia Action Plan for the Special '
                  'Strategic Partnership (2032-2041)" was issued.')
    assert [(m.stage, m.date.iso) for a in x.agreements for m in a.milestones] == [
        ("signed", "2032-11")]
    # a level's name inside an instrument's name is no level begun
    assert {(p.label, p.date.iso) for p in x.partnerships} == {
        ("Strategic Partnership", "2030-11"), ("Special Strategic Partnership", "2032-11")}


def test_agreements_an_encyclopedia_infobox_gives_its_instruments_stages() -> None:
    x = read_text("URL: https://en.wikipedia.org/wiki/X\nTitle: Japan–Mongolia Investment "
                  "Agreement\n\nJapan–Mongolia Investment Agreement\nType\tInvestment treaty\n"
                  "Signed\t10 February 2031\nEffective\t7 June 2032\n\nThe Japan–Mongolia "
                  "Investment Agreement is a bilateral treaty between Japan and Mongolia.")
    stones = {(m.stage, m.date.iso if m.date else None) for a in x.agreements
              for m in a.milestones}
    assert {("signed", "2031-02-10"), ("in force", "2032-06-07")} <= stones
    assert all("Type" not in a.label for a in x.agreements)


@pytest.mark.parametrize(("text", "label", "expected"), [
    # a stage told as done at a past date, in a sentence that also plans something else
    ("May 3, 2034\nThe two leaders welcomed the progress in the negotiations on the Japan-"
     "Mongolia Economic Partnership Agreement, launched in March 2031, and confirmed that they "
     "would accelerate the negotiations.", "Japan-Mongolia Economic Partnership Agreement",
     ("negotiating", "2031-03", "occurred")),
    ("May 3, 2034\nSpeaker Sato noted that the Japan-Mongolia Economic Partnership Agreement, "
     "which was signed in Tokyo in February 2031, is the first such agreement for Mongolia, and "
     "said that he hopes the two countries will make full use of it.",
     "Japan-Mongolia Economic Partnership Agreement", ("signed", "2031-02", "occurred")),
    # negotiations under way: as of the text's date, not a plan
    ("July 27, 2034\nThe two ministers welcomed that the negotiations on the Agreement "
     "concerning the Transfer of Defense Equipment and Technology have reached their final "
     "stage, and confirmed that they would continue to coordinate toward its early signing.",
     "Agreement concerning the Transfer of Defense Equipment and Technology",
     ("negotiating", "2034-07-27", "occurred")),
    # "exchanged views" is no signing
    ("June 1, 2034\nThe sides also exchanged views on the implementation of the Mongolia-Japan "
     "Economic Partnership Agreement, which came into force last June.",
     "Mongolia-Japan Economic Partnership Agreement", ("in force", "2033-06", "occurred")),
    # a timeline in the present tense
    ("- 2031: Prime Minister Ren Kato and President Dorj Bat sign the Japan-Mongolia Economic "
     "Partnership Agreement in Tokyo on 10 February.",
     "Japan-Mongolia Economic Partnership Agreement", ("signed", "2031-02-10", "occurred")),
    # a year written before the instrument
    ("June 1, 2034\nThrough the 2040s the relationship rested largely on a 2031 agreement on "
     "economic cooperation between Japan and Mongolia.", "Agreement on Economic Cooperation",
     ("signed", "2031", "occurred")),
])
def test_agreements_stage_and_status_as_the_sentence_tells_them(
        text: str, label: str, expected: tuple) -> None:
    assert _agreements(text)[label] == [expected]


def test_agreements_following_the_meeting_is_the_day_its_sentence_is_set_on() -> None:
    found = _agreements(
        "January 11, 2034\nMinister of Defense Ren Kato, who is visiting Mongolia from January "
        "10 to 12, held a meeting with Minister of Defense Dorj Bat on January 11. The summary "
        "of the meeting is as follows.\n1. Defense relations\n(1) Minister Bat welcomed the "
        "visit.\n2. Signing of the Memorandum\nFollowing the meeting, the two Ministers signed "
        "the \"Memorandum on Defense Cooperation and Exchanges\".")
    assert found["Memorandum on Defense Cooperation and Exchanges"] == [
        ("signed", "2034-01-11", "occurred")]


def test_agreements_on_the_occasion_of_which_takes_the_events_date() -> None:
    found = _agreements(
        "March 5, 2038\n3. High-level exchanges have been active, including the official visit "
        "to Japan by Mr. Dorj Bat, President of Mongolia, in February last year, on the "
        "occasion of which the leaders of the two countries adopted the \"Japan-Mongolia Basic "
        "Action Plan for the coming decade,\" and the official visit to Japan by the Chairman "
        "of the State Great Khural last month.")
    assert found["Japan-Mongolia Basic Action Plan for the coming decade"] == [
        ("signed", "2037-02", "occurred")]


def test_agreements_the_notes_concerning_the_loan_are_the_loans_and_a_name_keeps_and() -> None:
    found = _agreements(
        "October 9, 2036\n(Photo) Signing ceremony of the Exchange of Notes\n(2) Minister Kato "
        "explained that Japan had decided to extend the Crisis Response Emergency Support Loan "
        "of up to 25 billion yen. Following the meeting, the Exchange of Notes concerning the "
        "loan was signed by the two Ministers.")
    assert list(found) == ["Crisis Response Emergency Support Loan"]
    assert ("signed", "2036-10-09", "occurred") in found["Crisis Response Emergency Support Loan"]
    named = _agreements("August 25, 2036\n1. On August 25, an Exchange of Notes concerning a "
                        "Japanese ODA loan of up to 8.5 billion yen for the \"Fiscal and Social "
                        "Reforms Support Program\" was signed in Ulaanbaatar.")
    assert "Fiscal and Social Reforms Support Program" in named


def test_agreements_a_name_with_a_possessive_party_and_its_short_form_are_one() -> None:
    found = _agreements(
        "Tokyo, 2040\nIn March 2031 the Agreement between Japan and the Mongolian People's "
        "Republic concerning Economic Cooperation was signed.\n2031.3  Signing of the "
        "Agreement concerning Economic Cooperation")
    assert list(found) == [
        "Agreement between Japan and the Mongolian People's Republic concerning Economic "
        "Cooperation"]


def test_agreements_a_described_instrument_keeps_the_bodies_it_is_between() -> None:
    found = _agreements(
        "September 5, 2036\nOn September 4, Speaker F.Sato held official talks with Chairman "
        "D.Bat at the State Palace, and the two Speakers signed a memorandum on cooperation "
        "between the State Great Khural and the House of Representatives.")
    assert list(found) == ["Memorandum on Cooperation between the State Great Khural and the "
                           "House of Representatives"]


@pytest.mark.parametrize(("text", "label", "expected"), [
    # each stage its own time: signed last year, in force on a day to come
    ("April 19, 2036\nThe two sides welcomed that the Japan-Mongolia Economic Partnership "
     "Agreement, which was signed in Tokyo in February last year, will enter into force on "
     "June 7, and confirmed that they will make use of it.",
     "Japan-Mongolia Economic Partnership Agreement",
     [("signed", "2035-02", "occurred"), ("in force", "2036-06-07", "planned")]),
    # what a plan follows is done
    ("Tokyo, Oct. 11, 2036 (Jiji Press)--Kato and Bat confirmed that the two countries will "
     "sign an agreement on the transfer of defense equipment and technology at an early date, "
     "following an agreement in principle reached on the pact in September.",
     "Agreement on the Transfer of Defense Equipment and Technology",
     [("agreed in principle", "2036-09", "occurred")]),
])
def test_agreements_each_stage_done_or_to_come_as_its_own_words_say(
        text: str, label: str, expected: list) -> None:
    assert _agreements(text)[label] == expected


@pytest.mark.parametrize(("text", "label"), [
    # "concerning" that the parser hangs on the verb still says what the notes are on
    ("June 3, 2031\nOn the 2nd, the Ambassador and the Minister of Health signed the Exchange "
     "of Notes concerning the grant aid for the Project for Rural Clinics Improvement.",
     "Exchange of Notes concerning the Grant Aid for the Project for Rural Clinics Improvement"),
    # a possessive does not cut the name short
    ("June 3, 2031\nThe two ministers also signed the Exchange of Notes on Mongolia's grant "
     "aid for the Irrigation Renewal Programme.",
     "Exchange of Notes on Mongolia's Grant Aid for the Irrigation Renewal Programme"),
])
def test_agreements_what_an_exchange_of_notes_is_on_whatever_the_parse(
        text: str, label: str) -> None:
    assert list(_agreements(text)) == [label]


def test_agreements_a_headline_of_the_pages_date_is_the_signing_the_text_dates() -> None:
    found = _agreements(
        "Signing of Exchange of Notes concerning a Japanese ODA Loan to Mongolia\n\n"
        "March 9, 2031\n\n"
        "1. On March 6, an Exchange of Notes concerning a loan of up to 9 billion yen for the "
        '"Urban Transport Support Program" was signed in Ulaanbaatar.\n\n'
        "2. Following the Exchange of Notes, the Loan Agreement is scheduled to be signed "
        "between JICA and the Government of Mongolia in April.")
    # what the plan follows is done; what is scheduled is a later stage of the same loan
    assert found == {"Urban Transport Support Program": [("signed", "2031-03-06", "occurred")]}


def test_agreements_both_ministers_go_on_telling_their_meeting() -> None:
    found = _agreements(
        "February 8, 2031\nThe Foreign Minister of Mongolia, Bold Ganbaatar, and Japanese "
        "Foreign Minister Kenji Sato held talks in Tokyo on Thursday. It was the first visit "
        "by a Mongolian foreign minister since the two countries upgraded their ties during "
        "the state visit of President Tumur Dorj to Tokyo on 10-12 May 2030. Both ministers "
        "reviewed the Action Plan adopted during the state visit. They also signed a "
        "memorandum on cooperation in disaster prevention.")
    # the memorandum: the day of their talks, not of the visit told in between
    assert found["Memorandum on Cooperation in Disaster Prevention"] == [
        ("signed", "2031-02-06", "occurred")]
    # the plan: adopted during the visit its sentence names
    assert found["Action Plan"] == [("signed", "2030-05-10", "occurred")]


@pytest.mark.parametrize(("text", "expected"), [
    # what the notes are on, told before them ("on which")
    ("June 8, 2031\nSato told Dorj that Japan will provide medical equipment through grant aid "
     "worth some 2 billion yen, an exchange of notes on which was signed in Ulan Bator on "
     "Monday.", {"Exchange of Notes on Grant Aid": [("signed", "2031-06-02", "occurred")]}),
    # ... or named before them: the named loan is the instrument
    ("March 10, 2031\nThe Prime Minister thanked Japan for the River Flood Emergency Support "
     "Loan, the Exchange of Notes for which was signed in Ulaanbaatar in October last year.",
     {"River Flood Emergency Support Loan": [("signed", "2030-10", "occurred")]}),
    # a loan for a project named by its project
    ("March 28, 2031\n1. On March 27, Mr. Kenji Sato, Ambassador of Japan to Mongolia, and "
     "Mr. Bold Dorj, Minister of Finance of Mongolia, signed the Exchange of Notes concerning a "
     "Japanese ODA loan of up to 6 billion yen for the Rural Water Supply Improvement Project.",
     {"Rural Water Supply Improvement Project": [("signed", "2031-03-27", "occurred")]}),
    # a stage told done in a clause of its own, beside a plan
    ("March 12, 2031\nThe two ministers confirmed that they would make full use of the "
     "Japan-Mongolia Cultural Exchange Agreement, which entered into force in June 2029.",
     {"Japan-Mongolia Cultural Exchange Agreement": [("in force", "2029-06", "occurred")]}),
    # the ninth country to sign: done
    ("April 18, 2031\nMongolia became the ninth country to sign a Memorandum of Cooperation "
     "with Japan on seasonal workers on Wednesday.",
     {"Memorandum of Cooperation": [("signed", "2031-04-16", "occurred")]}),
    # a document signed is an instrument; the programme it is on is no level of relations
    ("Ulaanbaatar, January 9, 2031 /MONTSAME/ Mongolia and Japan signed Tuesday a bilateral "
     "document on the Clean Air Cooperation Partnership.",
     {"Document on the Clean Air Cooperation Partnership": [
         ("signed", "2031-01-07", "occurred")]}),
    ("August 11, 2031\nHe said that he and Minister B.Dorj had signed a Memorandum of "
     "Cooperation in the field of mineral resources, including rare metals.",
     {"Memorandum of Cooperation in the Field of Mineral Resources": [
         ("signed", None, "occurred")]}),
])
def test_agreements_instruments_as_aid_pages_tell_them(text: str, expected: dict) -> None:
    found = _agreements(text)
    assert found == expected
    assert not read_text(text).partnerships


def test_agreements_a_loan_its_headline_its_notes_and_its_loan_agreement() -> None:
    found = _agreements(
        "Mongolia and Japan sign JPY 20 billion policy loan agreement in Tokyo\n\n"
        "2031-05-26 14:07:11\n\n"
        "Tokyo /MONTSAME/. Minister of Finance B.Dorj signed a loan agreement on the Fiscal "
        "Stability Support Policy Loan with Kenji Sato yesterday, on May 25. The Exchange of "
        "Notes on the loan was signed in Ulaanbaatar earlier this month. A Loan Agreement "
        "between the Japan Bank and the Government of Mongolia is expected to be signed in "
        "June.")
    # the headline's loan agreement and the one still to come are the loan's; its notes,
    # signed earlier this month, are an instrument of their own
    assert found == {"Fiscal Stability Support Policy Loan": [("signed", "2031-05-25",
                                                               "occurred")],
                     "Exchange of Notes": [("signed", "2031-05", "occurred")]}


def test_agreements_two_aid_instruments_each_by_its_project() -> None:
    found = _agreements(
        "Signing of Exchanges of Notes concerning Japanese ODA Loan and Grant Aid to Mongolia\n"
        "\nDecember 20, 2031\n\n1. On December 19, in Ulaanbaatar, the Ambassador of Japan and "
        "the Minister of Finance of Mongolia signed and exchanged notes concerning a Japanese "
        "ODA loan of up to 12.0 billion yen for the Darkhan Water Supply Improvement Project, "
        "and notes concerning grant aid of up to 1.5 billion yen for the Project for the "
        "Improvement of Snow Removal Equipment in Erdenet City.")
    # the headline over both names neither alone
    assert found == {
        "Darkhan Water Supply Improvement Project": [("signed", "2031-12-19", "occurred")],
        "Project for the Improvement of Snow Removal Equipment": [
            ("signed", "2031-12-19", "occurred")]}


@pytest.mark.parametrize(("text", "label", "date"), [
    # what the aid is for, before the notes "on which"
    ("April 17, 2031\nThe minister thanked Japan for the grant aid for the provision of "
     "medical equipment, the Exchange of Notes on which was signed in Ulaanbaatar on April 10.",
     "Exchange of Notes on Grant Aid for the Provision of Medical Equipment", "2031-04-10"),
    # a hyphenated word and a list are part of the name
    ("May 4, 2031\nThe two ministers signed a memorandum on the implementation of "
     "capacity-building cooperation in the field of engineering.",
     "Memorandum on the Implementation of Capacity-building Cooperation in the Field of "
     "Engineering", None),
    ("April 8, 2031\nThe two ministers signed a memorandum of cooperation in the fields of "
     "road, railway and aviation on April 7.",
     "Memorandum of Cooperation in the Fields of Road, Railway and Aviation", "2031-04-07"),
    # a clause on something else neither cuts the name short nor dates the signing
    ("November 26, 2031\nOn Wednesday, the two signed a memorandum of cooperation on urban "
     "development of the Tuul Valley around the new airport, which opened in July this year.",
     "Memorandum of Cooperation on Urban Development of the Tuul Valley Around the New Airport",
     "2031-11-26"),
])
def test_agreements_described_names_and_their_dates(text: str, label: str,
                                                    date: str | None) -> None:
    found = _agreements(text)
    assert [(s, d) for s, d, _ in found[label]] == [("signed", date)], found
