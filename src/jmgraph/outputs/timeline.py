"""A picture of the visits between two states per year, from the saved query ``timeline``.

Visits from the second state to the first are drawn above the axis, the other direction
below it; each bar is stacked by the visitor's kind of office, planned (or postponed,
cancelled) visits hollow, the visitors' names beside the stack, a tick for every year.  A
visit no text dates has no year to be drawn in: it is left out, and counted
(``Timeline.undated``) in the picture's note of what is not drawn.  A source line says
what the graph was read from (how many documents, of which years), and the years no
document of the corpus is dated in are shaded: no bar there may mean nothing was read.
In SVG each bar has a ``<title>`` (its year, direction, office, status and visitors: a
tooltip) and its text stays text.  ``counts`` and ``with_documents`` turn the queries'
rows into plain data; ``figure`` draws that data; ``svg`` and ``draw`` write it.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path

from ..errors import JmgraphError
from ..query.queries import Result

KINDS = ("head of state", "head of government", "foreign minister", "other")
COLOURS = {"head of state": "#b2182b", "head of government": "#2166ac",
           "foreign minister": "#1b7837", "other": "#8c8c8c"}
OCCURRED = "occurred"
FORMATS = ("svg", "png", "pdf")
BAR_WIDTH = 0.8
NO_DOCUMENT = "#eeeeee"          # the years no document of the corpus is dated in
NAME_SIZE = 6                    # points: the visitors' names beside the bars
# the same graph gives the same file: fixed SVG ids; text kept as text (readable, findable)
SVG_RC = {"svg.hashsalt": "jmgraph", "svg.fonttype": "none"}


class TimelineError(JmgraphError):
    """The picture cannot be drawn or written."""


@dataclass(frozen=True)
class Key:
    year: int
    origin: str
    destination: str
    kind: str
    happened: bool       # False: planned, postponed or cancelled


@dataclass
class Timeline:
    states: tuple[str, str]
    counts: Counter[Key]
    without_origin: int          # dated visits between the states whose visitor's state is unknown
    undated: int = 0             # visits between the states no text dates (not drawn)
    names: dict[Key, tuple[str, ...]] = field(default_factory=dict)   # the visitors' names
    documents: Counter[int | None] = field(default_factory=Counter)  # per year (None: undated)
    source: str = ""             # what the graph was read from (a store, an endpoint)

    def direction(self, origin: str, destination: str) -> Counter[Key]:
        return Counter({k: n for k, n in self.counts.items()
                        if k.origin == origin and k.destination == destination})

    @property
    def years(self) -> list[int]:
        return sorted({k.year for k in self.counts})

    def total(self) -> int:
        return sum(self.counts.values())

    def source_line(self) -> str:
        """What the picture was drawn from: the documents, the years they are dated in."""
        where = f" in {self.source}" if self.source else ""
        total = sum(self.documents.values())
        if not total:
            return f"Source: the graph{where}" if where else ""
        dated = sorted(y for y in self.documents if y is not None)
        line = f"Source: {total} document{'s' if total != 1 else ''}{where}"
        if dated:
            line += f", dated {dated[0]}" + (f"\u2013{dated[-1]}" if dated[-1] != dated[0]
                                            else "")
        if self.documents.get(None):
            line += f" ({self.documents[None]} undated)"
        return line

    def years_without_documents(self) -> list[int]:
        """The years drawn (the axis's, first to last visit) no document is dated in; none
        when the documents are not known."""
        years = self.years
        if not self.documents or not years:
            return []
        return [y for y in range(years[0], years[-1] + 1) if not self.documents.get(y)]


def counts(result: Result, states: tuple[str, str]) -> Timeline:
    """The rows of the ``timeline`` query as counts per year, direction, kind and status;
    a row with no year counts undated visits, one with no origin visits whose visitor's
    state is not known."""
    need = {"year", "origin", "destination", "kind", "status", "visits"}
    if not need <= set(result.columns):
        raise TimelineError(f"the timeline query must return {', '.join(sorted(need))}")
    col = {c: i for i, c in enumerate(result.columns)}
    canon = {s.lower(): s for s in states}
    tally: Counter[Key] = Counter()
    names: dict[Key, tuple[str, ...]] = {}
    without_origin = undated = 0
    for row in result.rows:
        def value(name: str, row: list = row) -> str | None:
            term = row[col[name]]
            return None if term is None else term.value

        n = int(value("visits") or 0)
        origin, year = value("origin"), value("year")
        if year is None:
            undated += n
            continue
        if origin is None:
            without_origin += n
            continue
        kind = value("kind") or "other"
        key = Key(int(year), canon.get(origin.lower(), origin),
                  canon.get((value("destination") or "").lower(), value("destination") or ""),
                  kind if kind in KINDS else "other", value("status") == OCCURRED)
        tally[key] += n
        if "visitors" in col and value("visitors"):
            named = {*names.get(key, ()), *value("visitors").split(" / ")}
            names[key] = tuple(sorted(named))
    return Timeline(states, tally, without_origin, undated, names)


def with_documents(timeline: Timeline, result: Result, source: str = "") -> Timeline:
    """TIMELINE with the documents per year of publication (the rows of the library's
    ``document-years.rq``: year, documents) and what the graph was read from."""
    documents: Counter[int | None] = Counter()
    for year, n in result.rows:
        documents[None if year is None else int(year.value)] += int(n.value) if n else 0
    return replace(timeline, documents=documents, source=source)


def bar_id(key: Key) -> str:
    """The SVG id of a bar (unique in the picture)."""
    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"

    return (f"bar-{key.year}-{slug(key.origin)}-{slug(key.destination)}-{slug(key.kind)}-"
            f"{'occurred' if key.happened else 'not-made'}")


def bar_title(key: Key, n: int, names: tuple[str, ...]) -> str:
    """A bar's tooltip: its year, direction, office, status and visitors."""
    status = "" if key.happened else ", planned, postponed or cancelled"
    who = f": {', '.join(names)}" if names else ""
    return (f"{key.year}: {n} visit{'s' if n != 1 else ''} {key.origin} \u2192 "
            f"{key.destination}, {key.kind}{status}{who}")


def figure(timeline: Timeline, links: bool = False):  # -> matplotlib.figure.Figure
    """The picture as a matplotlib figure (drawn headless, nothing shown); with LINKS each
    bar links to the page of its year's visits (``/visits/YEAR``, in SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    first, second = timeline.states
    years = timeline.years
    fig = Figure(figsize=(max(8.0, 0.28 * (years[-1] - years[0] + 1) + 2) if years else 8.0,
                          6.0), layout="constrained")
    ax = fig.add_subplot()
    stacked: dict[tuple[int, int], list[str]] = {}       # (year, side): names, in stack order
    ends: dict[tuple[int, int], int] = {}                # (year, side): the stack's height
    for origin, destination, sign in ((second, first, 1), (first, second, -1)):
        part = timeline.direction(origin, destination)
        base: Counter[int] = Counter()
        for happened in (True, False):
            for kind in KINDS:
                for year in years:
                    key = Key(year, origin, destination, kind, happened)
                    n = part.get(key, 0)
                    if not n:
                        continue
                    colour = COLOURS[kind]
                    [bar] = ax.bar(year, sign * n, BAR_WIDTH, bottom=sign * base[year],
                                   color=colour if happened else "white", edgecolor=colour,
                                   linewidth=1.2, gid=bar_id(key))
                    if links:
                        bar.set_url(f"/visits/{year}")
                    base[year] += n
                    names = stacked.setdefault((year, sign), [])
                    names += [m for m in timeline.names.get(key, ()) if m not in names]
        ends.update({(year, sign): height for year, height in base.items()})
    for year in timeline.years_without_documents():
        ax.axvspan(year - 0.5, year + 0.5, color=NO_DOCUMENT, linewidth=0, zorder=0,
                   gid=f"no-document-{year}")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("year")
    ax.set_ylabel("visits")
    for va, text in (("bottom", f"\u2191 {second} \u2192 {first}"),
                     ("top", f"\u2193 {first} \u2192 {second}")):    # beside the axis, right
        ax.text(1.01, 0, text, transform=ax.get_yaxis_transform(), ha="left", va=va,
                weight="bold")
    ax.set_title(f"Visits between {first} and {second}, by the visitor's office")
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    if years:
        ax.set_xlim(years[0] - 1, years[-1] + 1)
    ax.xaxis.set_major_locator(matplotlib.ticker.MultipleLocator(1))      # every year
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    labels = []
    for (year, sign), names in sorted(stacked.items()):
        if names:
            labels.append(ax.annotate(
                " / ".join(names), xy=(year, sign * ends[(year, sign)]), xytext=(0, 2 * sign),
                textcoords="offset points", rotation=90, ha="center",
                va="bottom" if sign > 0 else "top", fontsize=NAME_SIZE, color="#333333",
                gid=f"names-{year}-{'above' if sign > 0 else 'below'}"))
    handles = [Patch(color=COLOURS[k], label=k) for k in KINDS]
    handles.append(Patch(facecolor="white", edgecolor="black",
                         label="hollow: planned, postponed or cancelled"))
    if timeline.years_without_documents():
        handles.append(Patch(color=NO_DOCUMENT, label="shaded: no document of the\n"
                             "corpus dated in that year"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small",
              frameon=False)
    left_out = [f"{n} {what}" for n, what in (
        (timeline.without_origin, "visit(s) whose visitor's state is not known"),
        (timeline.undated, "undated visit(s)")) if n]
    notes = [line for line in (timeline.source_line(),
                               f"{' and '.join(left_out)} are not drawn" if left_out else "")
             if line]
    if notes:
        ax.annotate("\n".join(notes), xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label),
                    xytext=(0, -4), textcoords="offset points", va="top", fontsize="small",
                    color="#555555")
    _make_room(fig, ax, labels)
    return fig


def _make_room(fig, ax, labels: list) -> None:
    """Widen the y axis until every name beside a bar is inside it (names are sized in
    points, the axis in visits: each widening makes them take fewer visits)."""
    if not labels:
        return
    for _ in range(8):
        fig.draw_without_rendering()
        to_data = ax.transData.inverted()
        low, high = ax.get_ylim()
        ys = [y for t in labels for _, y in to_data.transform(t.get_window_extent().corners())]
        margin = 0.06 * (high - low)          # and room for the rendering's own metrics
        need_low, need_high = min(low, min(ys) - margin), max(high, max(ys) + margin)
        if need_low >= low - 1e-9 and need_high <= high + 1e-9:
            return
        ax.set_ylim(need_low, need_high)


def svg(timeline: Timeline, links: bool = False) -> bytes:
    """The picture as SVG: each bar with a ``<title>`` (a tooltip), text as text; with
    LINKS each bar links to its year's visits."""
    import matplotlib

    fig = figure(timeline, links)
    out = io.BytesIO()
    with matplotlib.rc_context(SVG_RC):
        fig.savefig(out, format="svg", metadata={"Date": None})
    titles = {bar_id(k): bar_title(k, n, timeline.names.get(k, ()))
              for k, n in timeline.counts.items()}
    titles |= {f"no-document-{y}": f"{y}: no document of the corpus is dated in this year"
               for y in timeline.years_without_documents()}

    def titled(match: re.Match) -> str:
        title = titles.get(match.group(2))
        return match.group(1) + (f"\n   <title>{escape(title)}</title>" if title else "")

    return re.sub(r'(<g id="([^"]+)">)', titled, out.getvalue().decode("utf-8")).encode()


def draw(timeline: Timeline, output: Path) -> None:
    """Write the picture; the format follows the file's extension (svg, png, pdf)."""
    fmt = output.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise TimelineError(f"{output}: write the picture as {', '.join(FORMATS)} "
                            "(from the file's extension)")
    if not timeline.counts:
        raise TimelineError(f"no dated visits between {' and '.join(timeline.states)} in the "
                            "graph; nothing to draw")
    import matplotlib

    try:
        if fmt == "svg":
            output.write_bytes(svg(timeline))
            return
        fig = figure(timeline)
        # the same graph gives the same file: no creation date
        metadata = {"pdf": {"CreationDate": None, "ModDate": None},
                    "png": {"Software": None}}[fmt]
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(output, format=fmt, metadata=metadata, dpi=150)
    except OSError as err:
        raise TimelineError(f"{output}: cannot write ({err.strerror or err})") from None
