"""`jmgraph timeline`: the picture is drawn from the graph's real counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest

from jmgraph.outputs import timeline
from jmgraph.query import queries
from jmgraph.query.queries import Result
from jmgraph.rdf.vocab import JM, RDF, RDFS
from jmgraph.store.local import opened

from ..conftest import ROOT, run_cli

STATES = ("Japan", "Mongolia")
RANK = {JM.HeadOfState: "head of state", JM.HeadOfGovernment: "head of government",
        JM.ForeignMinister: "foreign minister", JM.OtherOffice: "other"}


def _row(year: int | None, origin: str | None, destination: str, kind: str, status: str,
         n: int) -> list[ox.Term | None]:
    return [None if year is None else ox.Literal(str(year)),
            None if origin is None else ox.Literal(origin), ox.Literal(destination),
            ox.Literal(kind), ox.Literal(status), ox.Literal(str(n))]


COLUMNS = ["year", "origin", "destination", "kind", "status", "visits"]


def test_counts_from_query_rows() -> None:
    result = Result(COLUMNS, [
        _row(2019, "Mongolia", "Japan", "head of state", "occurred", 2),
        _row(2019, "japan", "Mongolia", "foreign minister", "planned", 1),
        _row(2020, None, "Japan", "other", "occurred", 3),
    ])
    data = timeline.counts(result, STATES)
    assert data.total() == 3
    assert data.without_origin == 3
    assert data.direction("Mongolia", "Japan") == Counter(
        {timeline.Key(2019, "Mongolia", "Japan", "head of state", True): 2})
    assert data.direction("Japan", "Mongolia") == Counter(
        {timeline.Key(2019, "Japan", "Mongolia", "foreign minister", False): 1})


def test_undated_visits_are_counted_not_drawn() -> None:
    """A row with no year counts visits no text dates: not drawn (whatever their origin),
    and the picture says how many are left out."""
    result = Result(COLUMNS, [
        _row(2019, "Mongolia", "Japan", "head of state", "occurred", 2),
        _row(None, "Mongolia", "Japan", "head of state", "occurred", 4),
        _row(None, None, "Japan", "other", "planned", 1),
        _row(2020, None, "Japan", "other", "occurred", 3),
    ])
    data = timeline.counts(result, STATES)
    assert (data.total(), data.undated, data.without_origin) == (2, 5, 3)
    assert _bars(timeline.figure(data)) == {(2019, 1): 2}
    notes = [t.get_text() for t in timeline.figure(data).axes[0].texts]
    assert "3 visit(s) whose visitor's state is not known and 5 undated visit(s) are not " \
        "drawn" in notes
    only_undated = timeline.counts(Result(COLUMNS, result.rows[:2]), STATES)
    assert [t.get_text() for t in timeline.figure(only_undated).axes[0].texts
            if "not drawn" in t.get_text()] == ["4 undated visit(s) are not drawn"]


def test_figure_bars_are_the_counts() -> None:
    data = timeline.counts(Result(COLUMNS, [
        _row(2001, "Mongolia", "Japan", "head of state", "occurred", 2),
        _row(2001, "Mongolia", "Japan", "other", "planned", 1),
        _row(2003, "Japan", "Mongolia", "head of government", "occurred", 1),
    ]), STATES)
    bars = _bars(timeline.figure(data))
    assert bars == {(2001, 1): 3, (2003, -1): 1}
    hollow = [p for p in timeline.figure(data).axes[0].patches
              if p.get_facecolor()[:3] == (1.0, 1.0, 1.0)]
    assert [abs(p.get_height()) for p in hollow] == [1]


def test_unknown_picture_format_and_empty_graph_are_refused(tmp_path: Path) -> None:
    data = timeline.counts(Result(COLUMNS, []), STATES)
    with pytest.raises(timeline.TimelineError, match="write the picture as svg, png, pdf"):
        timeline.draw(data, tmp_path / "t.gif")
    with pytest.raises(timeline.TimelineError, match="no dated visits between Japan and"):
        timeline.draw(data, tmp_path / "t.svg")


def _bars(fig) -> dict[tuple[int, int], int]:
    """Visits drawn per (year, side of the axis: 1 above, -1 below)."""
    out: Counter[tuple[int, int]] = Counter()
    for patch in fig.axes[0].patches:
        height = patch.get_height()
        year = round(patch.get_x() + patch.get_width() / 2)
        out[(year, 1 if height > 0 else -1)] += round(abs(height))
    return dict(out)


def _expected(store_path: Path) -> tuple[Counter[timeline.Key], int, int]:
    """The counts, worked out in Python from the graph's triples (not by the saved query)."""
    with opened(store_path) as s:
        triples = list(s.union_triples())
    by_subject: dict[ox.Term, dict[ox.NamedNode, list[ox.Term]]] = defaultdict(
        lambda: defaultdict(list))
    for t in triples:
        by_subject[t.subject][t.predicate].append(t.object)

    def one(node: ox.Term, prop: ox.NamedNode) -> ox.Term:
        return by_subject[node][prop][0]

    order = list(RANK)
    counts: Counter[timeline.Key] = Counter()
    without_origin = undated = 0
    for node, props in by_subject.items():
        if JM.Visit not in props[RDF.type]:
            continue
        destination = one(one(node, JM.destination), RDFS.label).value
        if destination not in STATES:
            continue
        if not props[JM.startDate]:
            undated += 1
            continue
        offices = props[JM.inCapacityOf]
        kinds = [one(o, JM.officeKind) for o in offices]
        kind = RANK[min(kinds, key=order.index)] if kinds else "other"
        origins = {one(one(o, JM.country), RDFS.label).value for o in offices
                   if by_subject[o][JM.country]} & set(STATES) - {destination}
        if not origins:
            without_origin += 1
            continue
        year = int(one(node, JM.startDate).value[:4])
        counts[timeline.Key(year, origins.pop(), destination, kind,
                            one(node, JM.status) == JM.Occurred)] += 1
    return counts, without_origin, undated


@pytest.mark.slow
def test_timeline_of_the_seed_graph_is_its_real_counts(seed_store: Path, tmp_path: Path) -> None:
    saved = queries.find("timeline", ROOT / "queries")
    with opened(seed_store) as s:
        data = timeline.counts(queries.run(s, queries.bind(saved, {}), "timeline"), STATES)
    expected, without_origin, undated = _expected(seed_store)
    assert data.counts == expected
    assert (data.without_origin, data.undated) == (without_origin, undated)
    assert data.direction("Mongolia", "Japan") and data.direction("Japan", "Mongolia")

    drawn: Counter[tuple[int, int]] = Counter()
    for key, n in expected.items():
        drawn[(key.year, 1 if key.destination == "Japan" else -1)] += n
    assert _bars(timeline.figure(data)) == dict(drawn)

    svg, png = tmp_path / "t.svg", tmp_path / "t.png"
    result = run_cli("timeline", "--store", str(seed_store), "-o", str(svg))
    assert result.returncode == 0, result.stderr
    total = sum(expected.values())
    assert f"wrote {svg}: {total} visits drawn" in result.stdout
    ElementTree.parse(svg)                                   # well-formed SVG
    first = svg.read_bytes()
    assert run_cli("timeline", "--store", str(seed_store), "-o", str(svg)).returncode == 0
    assert svg.read_bytes() == first                         # same graph, same picture
    assert run_cli("timeline", "--store", str(seed_store), "-o", str(png)).returncode == 0
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# ---------------------------------------------------------------- the SVG as read back
SVG = "{http://www.w3.org/2000/svg}"


def _groups(svg: bytes) -> dict[str, ElementTree.Element]:
    """The picture's groups by id."""
    root = ElementTree.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}


def _text(element: ElementTree.Element) -> str:
    return " ".join("".join(t.itertext()) for t in element.iter(f"{SVG}text"))


def _title(element: ElementTree.Element) -> str:
    title = element.find(f"{SVG}title")
    return "" if title is None else title.text or ""


def test_svg_has_yearly_ticks_names_tooltips_a_source_line_and_years_with_no_document() -> None:
    rows = [_row(2001, "Mongolia", "Japan", "head of state", "occurred", 2),
            _row(2001, "Mongolia", "Japan", "other", "planned", 1),
            _row(2004, "Japan", "Mongolia", "head of government", "occurred", 1)]
    rows[0].append(ox.Literal("Dorj / Bat"))
    rows[1].append(ox.Literal("Tsetseg"))
    rows[2].append(None)
    data = timeline.with_documents(
        timeline.counts(Result([*COLUMNS, "visitors"], rows), STATES),
        Result(["year", "documents"], [[ox.Literal("2001"), ox.Literal("2")],
                                       [ox.Literal("2003"), ox.Literal("1")],
                                       [None, ox.Literal("1")]]), "the test store")
    groups = _groups(timeline.svg(data))
    ticks = [_text(g) for i, g in groups.items() if i.startswith("xtick_")]
    assert ticks == [str(y) for y in range(2000, 2006)]                 # one a year
    assert _text(groups["names-2001-above"]) == "Bat / Dorj / Tsetseg"   # beside the stack
    assert "names-2004-below" not in groups                              # no name known
    assert _title(groups["bar-2001-mongolia-japan-head-of-state-occurred"]) == (
        "2001: 2 visits Mongolia \u2192 Japan, head of state: Bat, Dorj")
    assert _title(groups["bar-2001-mongolia-japan-other-not-made"]) == (
        "2001: 1 visit Mongolia \u2192 Japan, other, planned, postponed or cancelled: Tsetseg")
    assert _title(groups["bar-2004-japan-mongolia-head-of-government-occurred"]).startswith(
        "2004: 1 visit Japan \u2192 Mongolia")
    shaded = sorted(i for i in groups if i.startswith("no-document-"))
    assert shaded == ["no-document-2002", "no-document-2004"]
    assert _title(groups["no-document-2002"]) == (
        "2002: no document of the corpus is dated in this year")
    every_text = _text(ElementTree.fromstring(timeline.svg(data)))
    assert "Source: 4 documents in the test store, dated 2001\u20132003 (1 undated)" in every_text
    assert "no document of the" in every_text                             # the legend says so
    assert timeline.svg(data) == timeline.svg(data)                       # the same bytes


def test_svg_marks_no_year_when_the_documents_are_not_known() -> None:
    data = timeline.counts(Result(COLUMNS, [
        _row(2001, "Mongolia", "Japan", "head of state", "occurred", 1),
        _row(2009, "Japan", "Mongolia", "other", "occurred", 1)]), STATES)
    groups = _groups(timeline.svg(data))
    assert not [i for i in groups if i.startswith("no-document-")]
    assert "Source:" not in _text(ElementTree.fromstring(timeline.svg(data)))


@pytest.mark.slow
def test_timeline_svg_of_the_seed_graph_names_every_visitor_and_its_source(
        seed_store: Path, tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    result = run_cli("timeline", "--store", str(seed_store), "-o", str(svg))
    assert result.returncode == 0, result.stderr
    groups = _groups(svg.read_bytes())
    bars = {i: _title(g) for i, g in groups.items() if i.startswith("bar-")}
    drawn = int(result.stdout.split(": ", 1)[1].split()[0])
    assert sum(int(t.split(": ", 1)[1].split()[0]) for t in bars.values()) == drawn
    names = " ".join(_text(g) for i, g in groups.items() if i.startswith("names-"))
    assert "Elbegdorj" in names and "Abe" in names
    with opened(seed_store) as s:
        dated = {int(t.object.value[:4]) for t in s.union_triples()
                 if t.predicate == JM.publicationDate}
    years = sorted({int(i.split("-")[1]) for i in bars})
    assert sorted(int(i.rsplit("-", 1)[1]) for i in groups if i.startswith("no-document-")) \
        == [y for y in range(years[0], years[-1] + 1) if y not in dated]
    assert f"Source: 5 documents in {seed_store}" in _text(ElementTree.parse(svg).getroot())
