"""Merging is group by group: the rows of one group (the same destination and visitors;
the same participants; the same parties) merged alone give the nodes the whole corpus's
rows give, in the order of their first row — what keeping merged facts per group relies
on."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.dates import DateValue
from jmgraph.extract.model import Evidence
from jmgraph.fact_merge import (
    by_partnership_slug,
    merge_meetings,
    merge_partnerships,
    merge_visits,
    slugged,
    visit_slug,
)
from jmgraph.fact_rows import MeetingRow
from jmgraph.resolved import Meeting, Partnership, Visit

DATES = st.builds(lambda y, m, d: DateValue(y, m, d if m else None),
                  st.sampled_from([2019, 2020]), st.sampled_from([None, 5, 6]),
                  st.sampled_from([None, 1, 2]))
PERSONS = st.lists(st.sampled_from(["abe", "bat", "sato"]), min_size=1, max_size=2,
                   unique=True).map(sorted)


def _evidence(n: int) -> Evidence:
    return Evidence(f"d{n // 3}", n, n + 1, "A sentence.")   # three rows per document


def _visits(draw: list[tuple]) -> list[Visit]:
    return [Visit("", visitors, destination, start, None, status, [], None,
                  {(e := _evidence(n)).doc_id: [e]})
            for n, (visitors, destination, start, status) in enumerate(draw)]


def _seen(nodes: list[Visit]) -> list[tuple]:
    return [(v.slug, sorted((d, e.start) for d, es in v.sources.items() for e in es))
            for v in nodes]


VISIT_ROWS = st.lists(st.tuples(PERSONS, st.sampled_from(["japan", "mongolia"]), DATES,
                                st.sampled_from(["occurred", "planned"])), max_size=25)


@settings(max_examples=200, deadline=None)
@given(VISIT_ROWS)
def test_visits_merged_group_by_group_are_the_corpus_merged_whole(draw: list[tuple]) -> None:
    whole = slugged(merge_visits(_visits(draw)), visit_slug)
    rows = _visits(draw)
    first_row = {id(v): n for n, v in enumerate(rows)}
    by_group: dict[tuple, list[Visit]] = defaultdict(list)
    for v in rows:
        by_group[(v.destination, tuple(v.visitors))].append(v)
    nodes = [n for g in by_group.values() for n in merge_visits(g)]
    # the corpus's order of nodes: most precise date first, then the first row's place
    nodes.sort(key=lambda v: (-len(v.start.iso), v.start.iso, first_row[id(v)]))
    apart = slugged(nodes, visit_slug)
    assert _seen(list(apart.values())) == _seen(list(whole.values()))
    assert [(v.start, v.status, v.visitors) for v in apart.values()] == [
        (v.start, v.status, v.visitors) for v in whole.values()]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(["abe", "bat", "sato"]), min_size=2,
                                   max_size=3, unique=True).map(sorted), DATES), max_size=25))
def test_meetings_merged_group_by_group_are_the_corpus_merged_whole(draw: list[tuple]) -> None:
    def rows() -> list[MeetingRow]:
        return [MeetingRow(Meeting("", people, date, "meeting", None, "occurred", None,
                                   {(e := _evidence(n)).doc_id: [e]}), None)
                for n, (people, date) in enumerate(draw)]

    whole = merge_meetings(rows(), {})
    fresh = rows()
    first_row = {id(r.meeting): n for n, r in enumerate(fresh)}
    by_group: dict[tuple, list[MeetingRow]] = defaultdict(list)
    for r in fresh:
        by_group[tuple(r.meeting.participants)].append(r)
    nodes = [n for g in by_group.values() for n in merge_meetings(g, {})]
    nodes.sort(key=lambda m: (-len(m.date.iso), m.date.iso, first_row[id(m)]))
    assert [(m.date, m.participants, m.sources) for m in nodes] == [
        (m.date, m.participants, m.sources) for m in whole]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Strategic Partnership",
                                           "Strategic Partnership for Peace and Prosperity",
                                           "Comprehensive Partnership", "strategic partnership"]),
                          st.sampled_from([("japan", "mongolia"), ("china", "mongolia")]),
                          st.one_of(st.none(), DATES)), max_size=20))
def test_partnerships_merged_by_parties_are_the_corpus_merged_whole(draw: list[tuple]) -> None:
    def rows() -> list[Partnership]:
        return [Partnership("", label, {label}, list(parties), date,
                            {(e := _evidence(n)).doc_id: [e]})
                for n, (label, parties, date) in enumerate(draw)]

    whole = by_partnership_slug(merge_partnerships(rows()))
    apart: dict[str, Partnership] = {}
    by_parties: dict[tuple, list[Partnership]] = defaultdict(list)
    for p in rows():
        by_parties[tuple(p.parties)].append(p)
    for group in by_parties.values():
        apart.update(by_partnership_slug(merge_partnerships(group)))
    assert sorted(apart) == sorted(whole)
    for slug, p in whole.items():
        q = apart[slug]
        assert (q.label, q.alt_labels, q.start, q.sources) == (
            p.label, p.alt_labels, p.start, p.sources)
