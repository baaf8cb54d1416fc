from __future__ import annotations

import pytest

from .helpers import read_text

pytestmark = pytest.mark.slow


def _persons(text: str) -> dict[str, tuple]:
    x = read_text(text)
    out = {}
    for p in x.persons:
        if p.same_as and p.same_as != p.mid:
            continue
        cap = p.capacity
        out[p.key or " ".join(p.words)] = (
            cap.role if cap else None, cap.country if cap else None,
            cap.organisation if cap else None, cap.former if cap else None)
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # MOFA style: family name in capitals, office in apposition
    ("On May 2, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, held talks with "
     "H.E. Ms. Oyunaa BAYARMAA, Minister for Foreign Affairs of Mongolia.",
     {"Tanaka": ("Minister for Foreign Affairs", "japan", None, False),
      "Bayarmaa": ("Minister for Foreign Affairs", "mongolia", None, False)}),
    # newswire: demonym + title + Western-order name
    ("Mongolian President Ochirbat Enkhjargal and Japanese Prime Minister Kenji Sato spoke "
     "by telephone on Monday.",
     {"Ochirbat Enkhjargal": ("President", "mongolia", None, False),
      "Kenji Sato": ("Prime Minister", "japan", None, False)}),
    # a plural title shared by the names after it, the demonyms in turn
    ("Japanese and Mongolian Foreign Ministers Kenji Ito and D.Batbayar held talks, and "
     "Prime Ministers Taro Yamada, Goro Mori and Kenta Abe sent messages.",
     {"Kenji Ito": ("Minister for Foreign Affairs", "japan", None, False),
      "Batbayar": ("Minister for Foreign Affairs", "mongolia", None, False),
      "Taro Yamada": ("Prime Minister", None, None, False),
      "Goro Mori": ("Prime Minister", None, None, False),
      "Kenta Abe": ("Prime Minister", None, None, False)}),
    # "his counterpart" of one who went to the other state
    ("In October 2031 Foreign Minister Kenta Abe visited Ulaanbaatar and met his counterpart "
     "Batbayar Ganbold.",
     {"Kenta Abe": ("Minister for Foreign Affairs", "japan", None, False),
      "Batbayar Ganbold": ("Minister for Foreign Affairs", "mongolia", None, False)}),
    # posts in organisations, and "former"
    ("She also met former Japanese Prime Minister Mori Takeshi and Japan Foundation President "
     "Ueda Naoko.",
     {"Mori Takeshi": ("Prime Minister", "japan", None, True),
      "Ueda Naoko": ("President", None, "Japan Foundation", False)}),
    # table rows with initials
    ("1995.04 Minister for Foreign Affairs Ts. GOMBOSUREN\n"
     "2001.09 Minister of Land, Infrastructure and Transport K.OGIWARA\n",
     {"Gombosuren": ("Minister for Foreign Affairs", None, None, False),
      "Ogiwara": ("Minister of Land, Infrastructure and Transport", None, None, False)}),
    # accented letters in names (transliterations with diacritics)
    ("Mongolian Prime Minister Dashiin Tömörbaatar met Japanese Prime Minister Kōji Hayashida.",
     {"Dashiin Tömörbaatar": ("Prime Minister", "mongolia", None, False),
      "Kōji Hayashida": ("Prime Minister", "japan", None, False)}),
    # "his Mongolian counterpart X": the possessor's office, in that state
    ("Foreign Minister Jiro Kato of Japan held talks with his Mongolian counterpart, Bold "
     "Tumur, in Tokyo.",
     {"Jiro Kato": ("Minister for Foreign Affairs", "japan", None, False),
      "Bold Tumur": ("Minister for Foreign Affairs", "mongolia", None, False)}),
    # variants of one office normalise to the canonical role
    ("Speaker of the State Great Khural Gombojav ZANDAN received Defense Minister Ito Kaori.",
     {"Zandan": ("Chairman of the State Great Khural", None, None, False),
      "Ito Kaori": ("Minister of Defence", None, None, False)}),
])
def test_persons_names_and_offices_in_many_styles(text: str, expected: dict) -> None:
    found = _persons(text)
    for key, cap in expected.items():
        assert key in found, (key, found)
        assert found[key] == cap, (key, found[key])


def test_persons_royal_pair_is_two_persons() -> None:
    found = _persons("2001.07 T.I.H. Prince and Princess HITACHI\n")
    assert {"Prince Hitachi", "Princess Hitachi"} <= set(found)


def test_persons_title_alone_stands_for_its_holder() -> None:
    x = read_text("Visits from Japan to Mongolia\n1999.05 H.I.H. the Crown Princess\n")
    titled = [p for p in x.persons if p.title_only]
    assert titled and titled[0].capacity.role == "Crown Princess"


def test_persons_later_mentions_join_the_first_in_the_document() -> None:
    x = read_text("Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, arrived. "
                  "Minister Tanaka then said that Tanaka's visit was useful.")
    reps = {p.same_as for p in x.persons}
    assert len(reps) == 1


def test_persons_not_names_in_headlines_and_capitalised_phrases() -> None:
    found = _persons("Japan Premier Ito Vows to Tighten Screening of Foreign Workers\n"
                     "The Signing Ceremony and the Joint Press Occasion were held.")
    assert "Tighten Screening" not in found
    assert "Signing Ceremony" not in found
    assert "Ito Vows" not in found


@pytest.mark.parametrize("headline", ["Mongolia, Japan Foreign Ministers Meet in Astana",
                                      "Japan, Mongolia Defense Ministers Hold Talks"])
def test_persons_a_plural_title_in_a_headline_takes_no_verb_as_a_name(headline: str) -> None:
    assert not _persons(f"{headline}\n\nJuly 11, 2035\n\nThe ministers met in the capital.")


@pytest.mark.parametrize("text", [
    "Why Mongolia Matters\n\nBy Sarah Lee, Senior Fellow\n\nThe minister arrived.",
    "The talks ended.\nReporting by Jane Smith; Editing by John Doe",
])
def test_persons_bylines_and_credits_are_not_actors(text: str) -> None:
    assert not _persons(text)


@pytest.mark.parametrize(("text", "name"), [
    # Mongolian media write the father's initial joined to the name
    ("Prime Minister D.Ganzorig met the press.", "Ganzorig"),
    ("Speaker B.Oyun-Dash visits Japan for talks.", "Oyun-Dash"),
    ("The talks were chaired by Ts.Naranbaatar of the ministry.", "Naranbaatar"),
    ("Minister T. Bayarsaikhan thanked the hosts.", "Bayarsaikhan"),
])
def test_persons_joined_initials(text: str, name: str) -> None:
    assert name in _persons(text)


def test_persons_a_name_in_apposition_to_a_title() -> None:
    found = _persons("The President of Mongolia, Dorjiin Ganbaatar, and Japanese Prime Minister "
                     "Ren Kato met.")
    assert found["Dorjiin Ganbaatar"][:2] == ("President", "mongolia")


@pytest.mark.parametrize(("text", "name"), [
    # the parser leaves "counterpart" and the name apart
    ("Japanese Prime Minister Ren Kato and his Mongolian counterpart Dorj Bat signed a deal.",
     "Dorj Bat"),
    # "visiting": the other state of the pair from the one the sentence is in
    ("The deal was signed by Prime Minister Ren Kato and his visiting counterpart Dorj Bat "
     "at the prime minister's office in Tokyo on Tuesday.", "Dorj Bat"),
])
def test_persons_a_counterpart_holds_the_office_in_the_other_state(text: str, name: str
                                                                   ) -> None:
    assert _persons(text)[name][:2] == ("Prime Minister", "mongolia")


def test_persons_a_title_before_a_verb_is_a_subject_of_its_own() -> None:
    found = _persons("Kato, Mongolian premier agree to expand trade")
    assert found["Kato"][:2] != ("Prime Minister", "mongolia")


def test_persons_a_heading_keeps_a_whole_name_that_ends_in_a_possessive() -> None:
    found = _persons("Outline of Prime Minister Kenji Morita's Visit to Mongolia\n\nPrime "
                     "Minister Morita arrived.")
    assert "Kenji Morita" in found


def test_persons_a_weekday_in_brackets_is_no_name() -> None:
    found = _persons("On May 3 (Fri), Mr. Ren Kato, Prime Minister of Japan, had a meeting.")
    assert "Fri" not in found


@pytest.mark.parametrize(("text", "name", "office"), [
    # an envoy to one state of the pair is the other's
    ("Also present were Mr. Bat Dorj, Ambassador to Japan, and others.", "Bat Dorj",
     ("Ambassador", "mongolia")),
    ("Japan's new Ambassador to Mongolia (from May 1), Mr. Kenji Sato, paid a call.",
     "Kenji Sato", ("Ambassador", "japan")),
    ("The note was signed by Japanese Ambassador to Ulaanbaatar Jiro Kato.", "Jiro Kato",
     ("Ambassador", "japan")),
    # a qualifier is part of the title
    ("On the Japanese side, Deputy Chief Cabinet Secretary Ren Ito attended.", "Ren Ito",
     ("Deputy Chief Cabinet Secretary", None)),
    # a portfolio after or before "Minister", not the name after it
    ("Attendees included Minister for Road Development Batyn Tsend and others.", "Batyn Tsend",
     ("Minister for Road Development", "mongolia")),
    ("Finance Minister Kenji Mori of Japan spoke first.", "Kenji Mori",
     ("Minister of Finance", "japan")),
    # an organisation named by its acronym, or owned by a state
    ("Ms. Aiko Ono, President of JICA, signed.", "Aiko Ono", ("President", None)),
    ("President of the Japan International Cooperation Agency (JICA) Aiko Ono spoke.",
     "Aiko Ono", ("President", None)),
    ("Jiro Ueda, Secretary-General of Japan's ruling Liberal Democratic Party, met him.",
     "Jiro Ueda", ("Secretary-General", "japan")),
    # a parliament's presiding officer named with the state inside the title
    ("He met President of Japan's House of Councilors Ichiro Mori on Tuesday.", "Ichiro Mori",
     ("President of the House of Councillors", "japan")),
    # a Mongolian name's shape tells the state the text leaves unsaid
    ("Speaker G.Tumurbaatar visits Tokyo.", "Tumurbaatar", ("Speaker", "mongolia")),
    ("Prime Minister L.Oyun-Erdene spoke.", "Oyun-Erdene", ("Prime Minister", "mongolia")),
    # a Japanese name written the Mongolian way tells no state
    ("Minister K.Okada met him.", "Okada", ("Minister", None)),
])
def test_persons_offices_as_real_texts_write_them(text: str, name: str,
                                                  office: tuple) -> None:
    assert _persons(text)[name][:2] == office


def test_persons_an_attendee_list_gives_each_title_to_the_name_after_it() -> None:
    found = _persons("Present were Chief of Staff of the Office of the President Z.Dorj, Vice "
                     "Minister for Foreign Affairs B.Tsetseg and Minister D.Bold.")
    assert found["Dorj"][0] is None                   # not "President"
    assert found["Tsetseg"][0] == "Vice-Minister for Foreign Affairs"


@pytest.mark.parametrize(("text", "not_a_person"), [
    ("The exercise, code-named Steppe Quest, began.", "Steppe Quest"),
    ("He visited Nagano Prefecture and the giant Oyu Khad coalfield.", "Oyu Khad"),
    ("June 15 PM Depart Narita\n17 AM Arrive Tokyo", "Depart Narita"),
])
def test_persons_places_sites_and_times_are_no_persons(text: str, not_a_person: str) -> None:
    found = _persons(text)
    assert not any(not_a_person in name or name in not_a_person for name in found), found


def test_persons_two_titles_joined_are_both_held() -> None:
    x = read_text("Present were Deputy Prime Minister and Minister of Economy Ch.Dorj and others.")
    assert {f.capacity.role for f in x.offices} == {"Deputy Prime Minister",
                                                    "Minister of Economy"}


@pytest.mark.parametrize(("text", "name", "office"), [
    ("At the invitation of the Prime Minister of Japan Mr Ren Kato, the visit began.",
     "Ren Kato", ("Prime Minister", "japan")),
    ("Economy, Trade and Industry Minister Jiro Ueda spoke.", "Jiro Ueda",
     ("Minister of Economy, Trade and Industry", None)),
    ("Mr. Aiko Ono, President of the Japan International Cooperation Agency, came.",
     "Aiko Ono", ("President", None)),
])
def test_persons_more_offices_as_real_texts_write_them(text: str, name: str,
                                                       office: tuple) -> None:
    assert _persons(text)[name][:2] == office


def test_persons_a_line_in_capitals_names_no_one_by_its_titles() -> None:
    found = _persons("PRESIDENT OF MONGOLIA HOLDS TALKS WITH PRIME MINISTER OF JAPAN REN KATO\n"
                     "The talks were held.")
    assert not any("With" in name or "WITH" in name for name in found)


@pytest.mark.parametrize(("text", "name"), [
    # a salutation and a table cell are title case, and end with the name
    ("Your Excellency President Ukhnaagiin Tumur,\nMadam Bolor,\n\nThank you.",
     "Ukhnaagiin Tumur"),
    ("Envoy\nAmbassador Ren Kato\tAmbassador Dorj Bat\n", "Ren Kato"),
    ("(1) Points in the Statement of Mr. Miyeegombyn Tumur, Prime Minister of Mongolia\n\n"
     "The Prime Minister spoke.", "Miyeegombyn Tumur"),
    # a rank of sumo before a wrestler's one name
    ("He met Mongolian wrestlers, among them yokozuna Hakuto and others.", "Hakuto"),
])
def test_persons_whole_names_on_title_case_lines_and_after_ranks(text: str, name: str) -> None:
    assert name in _persons(text)


def test_persons_an_office_in_apposition_after_then_or_a_former() -> None:
    found = _persons("The relationship began in January 2012, when Kato Ren, then Japan's "
                     "defense minister, visited Ulaanbaatar and signed the memorandum with his "
                     "counterpart Luvsanvandan Bold.")
    assert found["Kato Ren"][:2] == ("Minister of Defence", "japan")
    assert found["Luvsanvandan Bold"][:2] == ("Minister of Defence", "mongolia")


@pytest.mark.parametrize("text", [
    "Japan hopes to take part in the development of the country's giant Tavan Tolgoi "
    "coalfield, the sources said.",
    "Abe agreed to deepen cooperation in developing resources, including the giant Tavan "
    "Tolgoi coal deposit and rare earths.",
])
def test_persons_a_site_named_like_a_person_is_none(text: str) -> None:
    assert "Tavan Tolgoi" not in _persons(text)


def test_persons_one_name_an_office_gives_is_no_weak_mention() -> None:
    x = read_text("TOKYO, March 9, 2035 (Kyodo) -- Foreign Minister Ren Kato and his Mongolian "
                  "counterpart Munkh-Orgil agreed Wednesday to develop ties.")
    named = {p.name: p for p in x.persons}
    assert not named["Munkh-Orgil"].weak
    assert named["Munkh-Orgil"].capacity.role == "Minister for Foreign Affairs"


@pytest.mark.parametrize(("text", "role"), [
    # a title in lower case after the name, as news agencies write it
    ("TOKYO, Jan. 11 (Kyodo) -- Kenji Sato, minister of state for regional revitalization, "
     "met Mongolian Prime Minister Bold Dorj on Monday.",
     "Minister of State for Regional Revitalization"),
    ("\"We hope to build a relationship,\" Takeshi Nakamura, minister of economy, trade and "
     "industry, told Bold Dorj.", "Minister of Economy, Trade and Industry"),
    # a portfolio in words of its own, closed by the apposition's comma or another title
    ("Mr Kenji Sato, the Minister of State for the Disaster Recovery Issue and Chairman of "
     "the Reconstruction Agency of Japan, met Bold Dorj.",
     "Minister of State for the Disaster Recovery Issue"),
])
def test_persons_a_portfolio_however_the_title_is_written(text: str, role: str) -> None:
    x = read_text(text)
    assert role in {o.capacity.role for o in x.offices}, x.offices


def test_persons_a_lower_case_minister_without_a_name_before_is_no_title() -> None:
    x = read_text("The minister of a country that exports coal met Bold Dorj on Monday.")
    assert not any("Minister" in o.capacity.role for o in x.offices)
