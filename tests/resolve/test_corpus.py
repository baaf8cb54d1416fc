from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity
from jmgraph.resolve import person_clusters
from jmgraph.resolve.corpus import resolve
from jmgraph.resolve.person_clusters import ClusterIndex, Record, cluster_records

from ..conftest import examples
from ..factories import Doc
from ..person_rows import person_rows, records_of, shape

PM_JP = Capacity("Prime Minister", "japan")
FM_MN = Capacity("Minister for Foreign Affairs", "mongolia")


def test_resolve_name_order_and_short_forms_are_one_person() -> None:
    a, b = Doc("a"), Doc("b")
    pa = a.person("Sato Kenji", capacity=PM_JP)
    pb = b.person("Kenji Sato", capacity=PM_JP)
    pb2 = b.person("Sato", key="Sato", same_as=None)
    a.visit([pa], "mongolia", DateValue(2016, 8))
    b.visit([pb2], "mongolia", DateValue(2016, 8, 15))
    del pb
    r = resolve([a.x, b.x])
    assert len(r.persons) == 1
    (visit,) = r.visits.values()
    assert visit.start.iso == "2016-08-15"            # the more precise date wins
    assert set(visit.sources) == {"a", "b"}            # one fact, two sources


def test_resolve_initials_keep_namesakes_apart_and_misspellings_together() -> None:
    a = Doc("a")
    a.person("S. OTANI", key="Otani", initials=("S",))
    a.person("K. OTANI", key="Otani", initials=("K",))
    a.person("D.ERDENEBILEG", key="Erdenebileg", initials=("D",))
    b = Doc("b")
    b.person("D.ERDNEBILEG", key="Erdnebileg", initials=("D",))
    for d in (a, b):
        for p in d.x.persons:
            d.visit([p.mid], "japan", DateValue(2001, 1 + len(d.x.visits)))
    r = resolve([a.x, b.x])
    slugs = sorted(r.persons)
    assert len([s for s in slugs if s.startswith("otani")]) == 2
    assert len([s for s in slugs if s.startswith("erd")]) == 1


def test_resolve_title_alone_joins_the_named_holder_of_that_office() -> None:
    table, essay = Doc("table"), Doc("essay")
    cp = Capacity("Crown Prince", "japan")
    title = table.person("the Crown Prince", capacity=cp, title_only=True)
    table.visit([title], "mongolia", DateValue(1998, 7), capacities={title: cp})
    named = essay.person("Hiroaki", key="Hiroaki")
    essay.visit([named], "mongolia", DateValue(1998), capacities={named: Capacity("Crown Prince")})
    r = resolve([table.x, essay.x])
    assert list(r.persons) == ["hiroaki"]
    (visit,) = r.visits.values()
    assert visit.start.iso == "1998-07" and set(visit.sources) == {"table", "essay"}


def test_resolve_visit_without_a_date_is_a_fact_with_no_date() -> None:
    a = Doc("a")
    p = a.person("Sato Kenji")
    a.visit([p], "mongolia", None)
    (visit,) = resolve([a.x]).visits.values()
    assert (visit.slug, visit.start) == ("undated-sato-kenji-mongolia", None)
    assert visit.sources == {"a": [a.x.visits[0].evidence]}


def test_resolve_country_of_an_office_comes_from_the_persons_other_mentions() -> None:
    a = Doc("a")
    p1 = a.person("Bayarmaa", key="Bayarmaa", capacity=FM_MN)
    p2 = a.person("Bayarmaa", key="Bayarmaa", capacity=Capacity("Minister for Foreign Affairs"),
                  same_as=p1)
    a.visit([p2], "japan", DateValue(2019, 5), capacities={p2: Capacity("Minister for Foreign "
                                                                        "Affairs")})
    r = resolve([a.x])
    assert list(r.offices) == ["mongolia/minister-for-foreign-affairs"]
    (visit,) = r.visits.values()
    assert visit.offices == ["mongolia/minister-for-foreign-affairs"]


def test_resolve_generic_agreements_are_told_apart_by_date() -> None:
    a, b = Doc("a"), Doc("b")
    a.agreement("Joint Statement", "Joint Statement", "signed", DateValue(2016, 5))
    a.agreement("Joint Statement", "Joint Statement", "signed", DateValue(2018, 7))
    b.agreement("Joint Statement", "Joint Statement", "signed", DateValue(2018))
    b.agreement("Joint Statement", "Joint Statement", "signed", None)
    r = resolve([a.x, b.x])
    assert sorted(r.agreements) == ["joint-statement-2016-05", "joint-statement-2018-07"]
    assert set(r.agreements["joint-statement-2018-07"].sources) == {"a", "b"}


def test_resolve_specific_agreement_names_merge_across_wordings() -> None:
    a, b = Doc("a"), Doc("b")
    a.agreement("Agreement on the Transfer of Defense Equipment and Technology", "Agreement",
                "negotiating", DateValue(2024, 8))
    b.agreement("Defense Equipment and Technology Transfer Agreement", "Agreement", "signed",
                DateValue(2025, 3))
    r = resolve([a.x, b.x])
    (agreement,) = r.agreements.values()
    assert [m.stage for m in agreement.milestones] == ["negotiating", "signed"]


def test_resolve_an_agreement_is_named_by_the_earliest_text_and_labelled_by_the_longest() -> None:
    # a press release names the instrument; a later analysis words it at length, an undated
    # note shorter still: the earliest dated text names it, the longest wording labels it
    release = Doc("z-release", DateValue(2022, 11, 29))
    release.agreement("Defense Equipment Transfer Agreement", "Agreement", "signed",
                      DateValue(2022, 11, 29))
    analysis = Doc("a-analysis", DateValue(2023, 2))
    analysis.agreement("Agreement on the Transfer of Defense Equipment and Technology",
                       "Agreement", "signed", DateValue(2022, 11))
    note = Doc("0-note")
    note.agreement("Defense Equipment Agreement", "Agreement", "signed", None)
    r = resolve([release.x, analysis.x, note.x])
    (agreement,) = r.agreements.values()
    assert agreement.slug == "defense-equipment-transfer-agreement"
    assert agreement.label == "Agreement on the Transfer of Defense Equipment and Technology"
    assert agreement.alt_labels == {"Defense Equipment Transfer Agreement",
                                    "Defense Equipment Agreement"}
    # texts of one day: the first by name; the analysis re-dated before the release
    analysis.x.document.date = DateValue(2022, 11, 29)
    assert list(resolve([release.x, analysis.x, note.x]).agreements) == [
        "agreement-on-the-transfer-of-defense-equipment-and-technology"]


def test_resolve_partnership_short_name_is_the_same_level() -> None:
    a, b = Doc("a"), Doc("b")
    a.partnership("Special Strategic Partnership", DateValue(2022))
    b.partnership("Special Strategic Partnership for Peace and Prosperity", DateValue(2022, 11))
    r = resolve([a.x, b.x])
    (level,) = r.partnerships.values()
    assert level.label == "Special Strategic Partnership for Peace and Prosperity"
    assert level.start.iso == "2022-11"
    assert level.alt_labels == {"Special Strategic Partnership"}


def test_resolve_meetings_merge_across_documents_by_compatible_dates() -> None:
    a, b = Doc("a"), Doc("b")
    m = [a.person("Sato Kenji", capacity=PM_JP), a.person("Bayarmaa", key="Bayarmaa")]
    n = [b.person("Kenji Sato"), b.person("Bayarmaa", key="Bayarmaa")]
    a.meeting(m, DateValue(2021, 11, 3))
    b.meeting(n, DateValue(2021, 11))
    b.meeting(n, DateValue(2023, 1))
    r = resolve([a.x, b.x])
    assert sorted(x.date.iso for x in r.meetings.values()) == ["2021-11-03", "2023-01"]


def test_resolve_is_deterministic_whatever_the_order_of_documents() -> None:
    a, b = Doc("a"), Doc("b")
    pa = a.person("Sato Kenji", capacity=PM_JP)
    pb = b.person("Bayarmaa", key="Bayarmaa", capacity=FM_MN)
    a.visit([pa], "mongolia", DateValue(2016, 8))
    b.visit([pb], "japan", DateValue(2019, 5))
    one, two = resolve([a.x, b.x]), resolve([b.x, a.x])
    assert one.visits.keys() == two.visits.keys() and one.persons.keys() == two.persons.keys()


def test_resolve_a_generic_title_is_named_as_its_state_names_it() -> None:
    a = Doc("a")
    speaker = a.person("Gombo Davaadorj", capacity=Capacity("Speaker", "mongolia"))
    a.visit([speaker], "japan", DateValue(2023, 4),
            capacities={speaker: Capacity("Speaker", "mongolia")})
    r = resolve([a.x])
    assert list(r.offices) == ["mongolia/chairman-of-the-state-great-khural"]


def test_resolve_a_lone_title_in_no_fact_makes_no_person() -> None:
    a = Doc("a")
    a.person("the Emperor", capacity=Capacity("Emperor"), title_only=True)
    assert not resolve([a.x]).persons


def test_resolve_a_lone_title_signing_an_agreement_is_a_person_stated_there() -> None:
    a = Doc("a")
    title = a.person("the Crown Prince", capacity=Capacity("Crown Prince"), title_only=True)
    a.agreement("Water Supply Loan", "loan", "signed", DateValue(2020, 5, 1), [title])
    r = resolve([a.x])
    (agreement,) = r.agreements.values()
    (signatory,) = agreement.signatories
    assert r.persons[signatory].sources == agreement.sources


def _namesakes(doc: Doc) -> None:
    doc.person("S. OTANI", key="Otani", initials=("S",))
    doc.person("K. OTANI", key="Otani", initials=("K",))
    for p in doc.x.persons:
        doc.visit([p.mid], "japan", DateValue(2001, 1 + len(doc.x.visits)))


def test_resolve_a_document_about_others_renames_nobody() -> None:
    a, b, c = Doc("a"), Doc("b"), Doc("c")
    _namesakes(a)
    b.visit([b.person("Kenji SATO", key="Sato")], "mongolia", DateValue(2010, 5))
    c.visit([c.person("Bat-Erdene GANBOLD", key="Ganbold")], "japan", DateValue(2011))
    before = resolve([a.x, b.x])
    after = resolve([a.x, b.x, c.x])
    otanis = sorted(s for s in before.persons if s.startswith("otani"))
    assert len(otanis) == 2 and len(set(otanis)) == 2
    assert set(before.persons) <= set(after.persons)
    assert set(before.visits) <= set(after.visits)


def test_resolve_a_long_name_misspelt_one_letter_shorter_is_one_person_either_way() -> None:
    for first, second in (("Narantsetseg", "Narantsetsg"), ("Narantsetsg", "Narantsetseg"),
                          ("Ganzorig", "Ganzrig"), ("Ganzrig", "Ganzorig")):
        a, b = Doc("a"), Doc("b")
        a.person(f"D. {first}", key=first, initials=("D",))
        b.person(f"D. {second}", key=second, initials=("D",))
        assert len(resolve([a.x, b.x]).persons) == 1, (first, second)


@settings(max_examples=examples(150), deadline=None)
@given(person_rows(), st.sampled_from([1, 2, person_clusters.SUBSET_WORDS_MAX]))
def test_cluster_index_finds_every_cluster_a_full_scan_finds(rows: list, most_words: int
                                                             ) -> None:
    """The probe index is only a shortcut: clustering through it gives the clusters that
    testing every record against every cluster gives (also for records with more name words
    than are registered by every subset)."""
    class FullScan(ClusterIndex):
        def candidates(self, r: Record) -> list[int]:
            return sorted(self.clusters)

    default = person_clusters.SUBSET_WORDS_MAX
    person_clusters.SUBSET_WORDS_MAX = most_words
    try:
        full_scan = cluster_records(records_of(rows), FullScan())
        assert shape(cluster_records(records_of(rows))) == shape(full_scan)
    finally:
        person_clusters.SUBSET_WORDS_MAX = default
