"""A picture of the visits between two states per year, from the saved query ``timeline``.

Visits from the second state to the first are drawn above the axis, the other direction
below it; each bar is stacked by the visitor's kind of office, planned (or postponed,
cancelled) visits hollow.  A visit no text dates has no year to be drawn in: it is left
out, and counted (``Timeline.undated``) in the picture's note of what is not drawn.
``counts`` turns the query's rows into plain data; ``figure`` draws that data; ``draw``
writes the file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import JmgraphError
from ..query.queries import Result

KINDS = ("head of state", "head of government", "foreign minister", "other")
COLOURS = {"head of state": "#b2182b", "head of government": "#2166ac",
           "foreign minister": "#1b7837", "other": "#8c8c8c"}
OCCURRED = "occurred"
FORMATS = ("svg", "png", "pdf")
BAR_WIDTH = 0.8


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

    def direction(self, origin: str, destination: str) -> Counter[Key]:
        return Counter({k: n for k, n in self.counts.items()
                        if k.origin == origin and k.destination == destination})

    @property
    def years(self) -> list[int]:
        return sorted({k.year for k in self.counts})

    def total(self) -> int:
        return sum(self.counts.values())


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
        tally[Key(int(year), canon.get(origin.lower(), origin),
                  canon.get((value("destination") or "").lower(), value("destination") or ""),
                  kind if kind in KINDS else "other", value("status") == OCCURRED)] += n
    return Timeline(states, tally, without_origin, undated)


def figure(timeline: Timeline):  # -> matplotlib.figure.Figure
    """The picture as a matplotlib figure (drawn headless, nothing shown)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    first, second = timeline.states
    years = timeline.years
    fig = Figure(figsize=(max(8.0, 0.28 * (years[-1] - years[0] + 1) + 2) if years else 8.0,
                          5.5), layout="constrained")
    ax = fig.add_subplot()
    for origin, destination, sign in ((second, first, 1), (first, second, -1)):
        part = timeline.direction(origin, destination)
        base: Counter[int] = Counter()
        for happened in (True, False):
            for kind in KINDS:
                for year in years:
                    n = part.get(Key(year, origin, destination, kind, happened), 0)
                    if not n:
                        continue
                    colour = COLOURS[kind]
                    ax.bar(year, sign * n, BAR_WIDTH, bottom=sign * base[year],
                           color=colour if happened else "white", edgecolor=colour,
                           linewidth=1.2, gid=f"{origin}>{destination}|{kind}|{happened}")
                    base[year] += n
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("year")
    ax.set_ylabel("visits")
    for y, va, text in ((0.98, "top", f"{second} \u2192 {first}"),
                        (0.02, "bottom", f"{first} \u2192 {second}")):
        ax.text(0.99, y, text, transform=ax.transAxes, ha="right", va=va, weight="bold")
    ax.set_title(f"Visits between {first} and {second}, by the visitor's office")
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    if years:
        ax.set_xlim(years[0] - 1, years[-1] + 1)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    handles = [Patch(color=COLOURS[k], label=k) for k in KINDS]
    handles.append(Patch(facecolor="white", edgecolor="black",
                         label="hollow: planned, postponed or cancelled"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small",
              frameon=False)
    left_out = [f"{n} {what}" for n, what in (
        (timeline.without_origin, "visit(s) whose visitor's state is not known"),
        (timeline.undated, "undated visit(s)")) if n]
    if left_out:
        ax.annotate(f"{' and '.join(left_out)} are not drawn", xy=(0, -0.16),
                    xycoords="axes fraction", fontsize="small", color="#555555")
    return fig


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

    fig = figure(timeline)
    # the same graph gives the same file: no creation date, fixed SVG ids
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None},
                "png": {"Software": None}}[fmt]
    try:
        with matplotlib.rc_context({"svg.hashsalt": "jmgraph"}):
            fig.savefig(output, format=fmt, metadata=metadata, dpi=150)
    except OSError as err:
        raise TimelineError(f"{output}: cannot write ({err.strerror or err})") from None
