from __future__ import annotations

from jmgraph.extract.model import Capacity
from jmgraph.resolve.offices import OfficeBook, complete, office

PM = Capacity("Prime Minister", "japan")
FM = Capacity("Minister for Foreign Affairs", "mongolia")


def test_a_bare_generic_title_is_the_persons_one_specific_office() -> None:
    assert complete(Capacity("Minister"), [FM, Capacity("President", "mongolia")]) == FM
    assert complete(Capacity("Minister", former=True), [FM]) == Capacity(
        FM.role, FM.country, None, True)


def test_a_generic_title_with_several_candidates_or_none_is_no_office() -> None:
    finance = Capacity("Minister of Finance", "mongolia")
    assert complete(Capacity("Minister"), [FM, finance]) is None
    assert complete(Capacity("Minister"), []) is None


def test_a_role_without_state_takes_the_one_state_the_person_holds_it_in() -> None:
    assert complete(Capacity("Prime Minister"), [PM]) == PM
    both = [PM, Capacity("Prime Minister", "mongolia")]
    assert complete(Capacity("Prime Minister"), both) == Capacity("Prime Minister")


def test_office_nodes_of_states_organisations_and_bare_roles() -> None:
    assert office(PM).slug == "japan/prime-minister"
    assert office(PM).label == "Prime Minister of Japan"
    un = office(Capacity("Secretary-General", organisation="the United Nations"))
    assert (un.slug, un.label) == ("united-nations/secretary-general",
                                   "Secretary-General of the United Nations")
    assert office(Capacity("Ambassador")).slug == "ambassador"


def test_the_office_book_completes_from_the_persons_capacities_once() -> None:
    book = OfficeBook({"sato": {PM: None}})
    first = book("sato", Capacity("Prime Minister"))
    assert first is not None and first.slug == "japan/prime-minister"
    assert book("sato", Capacity("Prime Minister")) is first
    assert book("tanaka", Capacity("Minister")) is None
