"""Merging reads what rows say, not where: the nodes do not depend on the order of the rows
(nor of the documents), a row saying again what another says changes no node but its
sentences, and the rows of one group (the same destination and visitors; the same
participants; the same parties) merged alone give the nodes the whole corpus's rows give —
what keeping merged facts per group relies on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.extract.model import Evidence
from jmgraph.plain import to_plain
from jmgraph.resolve.fact_merge import (
    meeting_key,
    meeting_slug,
    merge_agreements,
    merge_meetings,
    merge_partnerships,
    merge_visits,
    slugged,
    visit_key,
    visit_slug,
)
from jmgraph.resolve.fact_rows import AgreementRow, MeetingRow
from jmgraph.resolve.partition import PER_DOCUMENT
from jmgraph.resolve.resolved import Agreement, Meeting, Partnership, Visit

from ..conftest import examples

DATES = st.builds(lambda y, m, d: DateValue(y, m, d if m else None),
                  st.sampled_from([2019, 2020]), st.sampled_from([None, 5, 6]),
                  st.sampled_from([None, 1, 2]))
UNDATED_OR_DATES = st.one_of(st.none(), DATES)     # a visit's or meeting's: None, undated
PERSONS = st.lists(st.sampled_from(["abe", "bat", "sato"]), min_size=1, max_size=2,
                   unique=True).map(sorted)
PLACES = st.sampled_from([None, "Tokyo", "Ulaanbaatar"])


def _evidence(n: int) -> Evidence:
    return Evidence(f"d{n // 3}", n, n + 1, "A sentence.")   # three rows per document


def _sources(n: int) -> dict[str, list[Evidence]]:
    e = _evidence(n)
    return {e.doc_id: [e]}


VISIT_ROWS = st.lists(st.tuples(PERSONS, st.sampled_from(["japan", "mongolia"]),
                                UNDATED_OR_DATES,
                                st.sampled_from(["occurred", "planned", "announced"]),
                                PLACES, st.one_of(st.none(), DATES)), max_size=25)


def _visits(draw: list[tuple]) -> list[Visit]:
    return [Visit("", visitors, destination, start, end, status, [], place, _sources(n))
            for n, (visitors, destination, start, status, place, end) in enumerate(draw)]


def _meetings(draw: list[tuple]) -> list[MeetingRow]:
    return [MeetingRow(Meeting("", people, date, kind, place, "occurred", None, _sources(n)),
                       None)
            for n, (people, date, kind, place) in enumerate(draw)]


MEETING_ROWS = st.lists(st.tuples(
    st.lists(st.sampled_from(["abe", "bat", "sato"]), min_size=2, max_size=3,
             unique=True).map(sorted),
    UNDATED_OR_DATES, st.sampled_from(["meeting", "summit", "talks"]), PLACES), max_size=25)

PARTNERSHIP_ROWS = st.lists(st.tuples(
    st.sampled_from(["Strategic Partnership", "Strategic Partnership for Peace and Prosperity",
                     "Comprehensive Partnership", "strategic partnership"]),
    st.sampled_from([("japan", "mongolia"), ("china", "mongolia")]),
    st.one_of(st.none(), DATES)), max_size=20)


def _partnerships(draw: list[tuple]) -> list[Partnership]:
    return [Partnership("", label, {label}, list(parties), date, _sources(n))
            for n, (label, parties, date) in enumerate(draw)]


AGREEMENT_ROWS = st.lists(st.tuples(
    st.sampled_from(["Joint Statement", "Loan Agreement for the New Ulaanbaatar Airport",
                     "Agreement on the New Ulaanbaatar Airport", "Economic Partnership "
                     "Agreement", "Mid-term Action Plan"]),
    st.lists(st.tuples(st.sampled_from(["signed", "entered into force", "mentioned"]),
                       st.one_of(st.none(), DATES)), max_size=2),
    st.lists(st.sampled_from(["abe", "bat"]), max_size=2, unique=True).map(sorted)),
    max_size=15)


def _agreements(draw: list[tuple]) -> list[AgreementRow]:
    rows = []
    for n, (label, stones, signatories) in enumerate(draw):
        e = _evidence(n)
        rows.append(AgreementRow(
            Agreement("", label, set(), "Agreement", [], signatories, None, None,
                      ["japan", "mongolia"], {e.doc_id: [e]}),
            [(stage, date, "occurred", e) for stage, date in stones]))
    return rows


def _plain(nodes: object) -> object:
    return to_plain(nodes)


def _shuffled(order: list[int], items: list) -> list:
    return [items[i] for i in order]


def _orders(size: int) -> st.SearchStrategy[list[int]]:
    return st.permutations(list(range(size)))


MERGES: dict[str, tuple[st.SearchStrategy, Callable[[list], object], Callable[[list], list]]] = {
    "visits": (VISIT_ROWS, lambda rows: slugged(merge_visits(rows), visit_slug), _visits),
    "meetings": (MEETING_ROWS, lambda rows: merge_meetings(rows, {}), _meetings),
    "partnerships": (PARTNERSHIP_ROWS, merge_partnerships, _partnerships),
    "agreements": (AGREEMENT_ROWS, merge_agreements, _agreements),
}


def _order_independent(kind: str) -> Callable[[], None]:
    rows_of, merge, make = MERGES[kind][0], MERGES[kind][1], MERGES[kind][2]

    @settings(max_examples=examples(150), deadline=None)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        draw = data.draw(rows_of)
        order = data.draw(_orders(len(draw)))
        assert _plain(merge(_shuffled(order, make(draw)))) == _plain(merge(make(draw)))

    return check


test_visits_do_not_depend_on_the_order_of_rows = _order_independent("visits")
test_meetings_do_not_depend_on_the_order_of_rows = _order_independent("meetings")
test_partnerships_do_not_depend_on_the_order_of_rows = _order_independent("partnerships")
test_agreements_do_not_depend_on_the_order_of_rows = _order_independent("agreements")


def _wide(nodes: object) -> object:
    """Plain nodes without what they hold per document (their sentences, a holding's
    dates, an agreement's signatories as each document names them)."""
    if isinstance(nodes, dict):
        return {k: _wide(v) for k, v in nodes.items() if k not in PER_DOCUMENT}
    if isinstance(nodes, list):
        return [_wide(v) for v in nodes]
    return nodes


@settings(max_examples=examples(150), deadline=None)
@given(st.data())
def test_a_row_saying_again_what_another_says_changes_only_sentences(
        data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(MERGES)))
    rows_of, merge, make = MERGES[kind]
    draw = data.draw(rows_of.filter(bool))
    again = data.draw(st.sampled_from(draw))
    alone, twice = _plain(merge(make(draw))), _plain(merge(make([*draw, again])))
    assert _wide(twice) == _wide(alone)


@settings(max_examples=examples(200), deadline=None)
@given(VISIT_ROWS)
def test_visits_merged_group_by_group_are_the_corpus_merged_whole(draw: list[tuple]) -> None:
    whole = slugged(merge_visits(_visits(draw)), visit_slug)
    by_group: dict[tuple, list[Visit]] = defaultdict(list)
    for v in _visits(draw):
        by_group[(v.destination, tuple(v.visitors))].append(v)
    nodes = [n for g in by_group.values() for n in merge_visits(g)]
    apart = slugged(sorted(nodes, key=visit_key), visit_slug)   # slugs given in key order
    assert _plain(apart) == _plain(whole)


@settings(max_examples=examples(200), deadline=None)
@given(MEETING_ROWS)
def test_meetings_merged_group_by_group_are_the_corpus_merged_whole(draw: list[tuple]) -> None:
    whole = merge_meetings(_meetings(draw), {})
    by_group: dict[tuple, list[MeetingRow]] = defaultdict(list)
    for r in _meetings(draw):
        by_group[tuple(r.meeting.participants)].append(r)
    nodes = [n for g in by_group.values() for n in merge_meetings(g, {})]
    assert _plain(sorted(nodes, key=meeting_key)) == _plain(whole)


@settings(max_examples=examples(200), deadline=None)
@given(PARTNERSHIP_ROWS)
def test_partnerships_merged_by_parties_are_the_corpus_merged_whole(draw: list[tuple]) -> None:
    whole = merge_partnerships(_partnerships(draw))
    apart: dict[str, Partnership] = {}
    by_parties: dict[tuple, list[Partnership]] = defaultdict(list)
    for p in _partnerships(draw):
        by_parties[tuple(p.parties)].append(p)
    for group in by_parties.values():
        apart.update(merge_partnerships(group))
    assert _plain(dict(sorted(apart.items()))) == _plain(dict(sorted(whole.items())))


def test_milestones_keep_each_texts_sentence() -> None:
    """A signing stated by two texts, one more precise: one milestone, both sentences."""
    rows = _agreements([("Agreement on the New Ulaanbaatar Airport",
                         [("signed", DateValue(2019, 5))], []),
                        ("Agreement on the New Ulaanbaatar Airport",
                         [("signed", DateValue(2019, 5, 2))], []),
                        ("Agreement on the New Ulaanbaatar Airport",
                         [("mentioned", None)], [])])
    (a,) = merge_agreements(rows).values()
    (m,) = a.milestones
    assert m.date == DateValue(2019, 5, 2)
    assert sorted(m.sources) == ["d0"]                    # rows 0 and 1: document d0
    assert [e.start for e in m.sources["d0"]] == [0, 1]
    assert [e.start for e in a.sources["d0"]] == [0, 1, 2]


def test_a_partnership_worded_longer_is_relabelled_not_renamed() -> None:
    """A longer wording of a level becomes its label; its slug, made from the shortest name
    the label starts with, stays (every document stating it keeps its graph)."""
    from jmgraph.resolve.corpus import resolve

    from ..factories import Doc

    a, b = Doc("a", DateValue(2015, 1, 1)), Doc("b", DateValue(2022, 1, 1))
    a.partnership("Strategic Partnership", DateValue(2010))
    b.partnership("Strategic Partnership for Peace and Prosperity", DateValue(2022))
    (before,) = resolve([a.x]).partnerships.values()
    (after,) = resolve([a.x, b.x]).partnerships.values()
    assert after.label == "Strategic Partnership for Peace and Prosperity"
    assert after.alt_labels == {"Strategic Partnership"}
    assert after.slug == before.slug == "japan-mongolia/strategic-partnership"


def _visit(n: int, start: DateValue | None, status: str = "occurred",
           visitors: tuple[str, ...] = ("abe",)) -> Visit:
    return Visit("", list(visitors), "mongolia", start, None, status, [], None, _sources(n))


def test_an_undated_visit_merges_only_with_undated_ones() -> None:
    """Two texts telling, undated, of Abe's visit to Mongolia are one visit; a dated visit
    of his there stays apart (which one the undated is, no text says); in any order."""
    rows = [_visit(0, DateValue(2019, 5)), _visit(3, None), _visit(6, None),
            _visit(7, DateValue(2019)), _visit(9, None, status="planned")]
    for order in (rows, rows[::-1], [rows[1], rows[4], rows[0], rows[2], rows[3]]):
        merged = slugged(merge_visits(order), visit_slug)
        assert {slug: (v.start, v.status, sorted(v.sources)) for slug, v in merged.items()} == {
            "2019-05-abe-mongolia": (DateValue(2019, 5), "occurred", ["d0", "d2"]),
            "undated-abe-mongolia": (None, "occurred", ["d1", "d2"]),
            "undated-abe-mongolia-2": (None, "planned", ["d3"])}
        assert list(merged) == ["2019-05-abe-mongolia", "undated-abe-mongolia",
                                "undated-abe-mongolia-2"]       # the undated last


def test_an_undated_meeting_merges_only_with_undated_ones() -> None:
    def row(n: int, date: DateValue | None) -> MeetingRow:
        return MeetingRow(Meeting("", ["abe", "bat"], date, "talks", None, "occurred", None,
                                  _sources(n)), None)

    rows = [row(0, None), row(3, DateValue(2019, 5, 2)), row(6, None), row(7, DateValue(2019))]
    for order in (rows, rows[::-1]):
        merged = slugged(merge_meetings(order, {}), meeting_slug)
        assert {slug: (m.date, sorted(m.sources)) for slug, m in merged.items()} == {
            "2019-05-02-abe-bat": (DateValue(2019, 5, 2), ["d1", "d2"]),
            "undated-abe-bat": (None, ["d0", "d2"])}


def test_undated_slugs_never_meet_dated_ones() -> None:
    """An undated visit's key sorts after every dated one's, and its slug, ``undated-...``,
    is no dated visit's (those start with their year)."""
    undated, dated = _visit(0, None), _visit(1, DateValue(2019))
    assert visit_key(dated) < visit_key(undated)
    assert visit_slug(undated) == "undated-abe-mongolia"
    assert visit_slug(dated) == "2019-abe-mongolia"
    assert meeting_slug(Meeting("", ["abe", "bat"], None, "talks", None, "occurred", None)) \
        == "undated-abe-bat"
