"""Rows of many documents (``fact_rows``) merged into one node per fact: a holding per
person and office, a visit per visitors, destination and date, a meeting per participants
and date, a partnership per parties and level, an agreement per instrument.  A visit or
meeting no text dates is merged only with others no text dates (it is never guessed to be
one of the dated ones), and its slug says so (``undated-...``).

A merge reads what rows say, not where: each row's content (its ``*_key``: the row
without the sentence it was read from) is merged once, in the order of the keys, and every
row's sentences then go to the node its content went to (``Plan.route``).  So a merge
does not depend on the order of documents or rows, many rows saying one thing cost one
step, and rows can be merged group by group (the same holding; visits with the same
destination and visitors; meetings with the same participants; partnerships with the same
parties): what keeping merged facts per group relies on.  A node's sentences are sorted
per document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Generic, Protocol, TypeVar

from ..dates import DateValue
from ..extract import agreements as _wording
from ..ingest.read import slugify
from .fact_rows import AgreementRow, HoldingRow, MeetingRow
from .resolved import (
    Agreement,
    Holding,
    Meeting,
    MilestoneNode,
    Partnership,
    Sources,
    Visit,
    add_source,
    add_sources,
    unique_slug,
)


@cache
def content_words(label: str) -> frozenset[str]:
    """``extract.agreements.content_words`` of LABEL, once per label (a merge of the
    corpus's agreements asks it of each content, most of them sharing a few labels)."""
    return frozenset(_wording.content_words(label))


def is_generic_label(label: str) -> bool:
    return not content_words(label)


# What a row says, as plain values that sort: rows with one key merge into one node, and
# keys sorted are the order contents are merged in.
Key = tuple


class _Slugged(Protocol):
    slug: str


class _Sourced(Protocol):
    sources: Sources


S = TypeVar("S", bound=_Slugged)
N = TypeVar("N", bound=_Sourced)
R = TypeVar("R")


@dataclass
class Plan(Generic[N]):
    """Merged nodes without their sentences, in the order slugs are given in, and the node
    each content merged into (None: a content that makes no node)."""

    nodes: list[N]
    route: dict[Key, N | None] = field(default_factory=dict)


def _iso(date: DateValue | None) -> str:
    return date.iso if date is not None else ""


# The first word of the slug of a visit or meeting no text dates, in place of the date a
# dated one's starts with (a digit: the two never meet).
UNDATED = "undated"


def _when(date: DateValue | None) -> tuple[int, str]:
    """An event's date as the first items of its key: the most precise first, an undated
    one (None) after every dated one."""
    iso = _iso(date)
    return (-len(iso), iso)


def same_time(a: DateValue | None, b: DateValue | None) -> bool:
    """Whether A and B can date one event: compatible dates (one a prefix of the other), or
    neither given (an undated mention is not guessed to be a dated one)."""
    if a is None or b is None:
        return a is None and b is None
    return a.compatible(b)


def _slug_date(date: DateValue | None) -> str:
    return date.iso if date is not None else UNDATED


def _said(rows: Iterable[R], key: Callable[[R], Key]) -> list[tuple[Key, R]]:
    """One row per content of ROWS, in the order contents merge in."""
    first: dict[Key, R] = {}
    for r in rows:
        first.setdefault(key(r), r)
    return sorted(first.items(), key=lambda item: item[0])


def sort_sources(sources: Sources) -> None:
    """Each document's sentences in SOURCES in their order in the document."""
    for evidence in sources.values():
        evidence.sort(key=lambda e: (e.start, e.end))


def _filled(plan: Plan[N], rows: Iterable[R], key: Callable[[R], Key],
            sources: Callable[[R], Sources]) -> list[N]:
    """PLAN's nodes with the sentences of ROWS (each row's to its content's node)."""
    for r in rows:
        node = plan.route[key(r)]
        if node is not None:
            for evidence in sources(r).values():
                add_sources(node.sources, evidence)
    for node in plan.nodes:
        sort_sources(node.sources)
    return plan.nodes


def slugged(merged: Iterable[S], base: Callable[[S], str]) -> dict[str, S]:
    """MERGED by slug: each one's BASE, or BASE-2, BASE-3... when an earlier one has it."""
    result: dict[str, S] = {}
    for item in merged:
        item.slug = unique_slug(base(item), result)
        result[item.slug] = item
    return result


# ---------------------------------------------------------------- holdings


def holding_key(r: HoldingRow) -> Key:
    return (r.slug, r.former, _iso(r.date))


def plan_holdings(rows: Iterable[HoldingRow]) -> Plan[Holding]:
    """One holding per person and office, former when any text says so."""
    plan: Plan[Holding] = Plan([])
    by_slug: dict[str, Holding] = {}
    for key, r in _said(rows, holding_key):
        h = by_slug.get(r.slug)
        if h is None:
            h = by_slug[r.slug] = Holding(r.slug, r.person, r.office.slug, defaultdict(set))
            plan.nodes.append(h)
        h.former = h.former or r.former
        plan.route[key] = h
    return plan


def merge_holdings(rows: Iterable[HoldingRow]) -> dict[str, Holding]:
    """ROWS merged (``plan_holdings``), with the dates and sentences each document
    attests, by slug."""
    said = list(rows)
    plan = plan_holdings(said)
    for r in said:
        h = plan.route[holding_key(r)]
        if h is not None and r.date:
            h.dates[r.evidence.doc_id].add(r.date)
    return {h.slug: h for h in _filled(plan, said, holding_key,
                                       lambda r: {r.evidence.doc_id: [r.evidence]})}


# ---------------------------------------------------------------- visits


def visit_key(v: Visit) -> Key:
    """A visit's content; its first items (date, most precise first, undated last;
    destination; visitors; status) tell apart the nodes a corpus merges into, in the order
    their slugs are given."""
    return (*_when(v.start), v.destination, tuple(v.visitors), v.status,
            _iso(v.end), tuple(v.offices), v.place or "")


def plan_visits(rows: Iterable[Visit]) -> Plan[Visit]:
    """Visits of the same visitors to the same destination, both happened or both not,
    with compatible dates (one a prefix of the other) or both undated, merged: the most
    precise first."""
    plan: Plan[Visit] = Plan([])
    same: dict[tuple, list[Visit]] = defaultdict(list)   # destination, visitors, happened
    for key, v in _said(rows, visit_key):
        group = (v.destination, frozenset(v.visitors), v.status == "occurred")
        twin = next((m for m in same[group] if same_time(m.start, v.start)), None)
        if twin is None:
            twin = replace(v, visitors=list(v.visitors), offices=list(v.offices), sources={})
            plan.nodes.append(twin)
            same[group].append(twin)
        else:
            twin.offices.extend(o for o in v.offices if o not in twin.offices)
            twin.end = twin.end or v.end
            twin.place = twin.place or v.place
        plan.route[key] = twin
    return plan


def merge_visits(rows: Iterable[Visit]) -> list[Visit]:
    """ROWS merged (``plan_visits``), with their sentences."""
    said = list(rows)
    return _filled(plan_visits(said), said, visit_key, lambda v: v.sources)


def visit_slug(v: Visit) -> str:
    """Its date (``undated`` when none), visitors and destination."""
    return f"{_slug_date(v.start)}-{'-'.join(v.visitors)}-{v.destination}"


def visit_sentences(visits: dict[str, Visit]) -> dict[tuple[str, int], str]:
    """(document, where a sentence starts) -> the visit stated there (the last by slug
    when a sentence states several)."""
    return {(doc, e.start): slug for slug, v in sorted(visits.items())
            for doc, evidence in v.sources.items() for e in evidence}


# ---------------------------------------------------------------- meetings


def meeting_key(m: Meeting) -> Key:
    """A meeting's content; its first items (date, most precise first, undated last;
    participants) tell apart the nodes a corpus merges into, in the order their slugs are
    given."""
    return (*_when(m.date), tuple(m.participants), m.kind, m.place or "",
            m.status, m.visit or "")


def linked(rows: Iterable[MeetingRow], visit_at: dict[tuple[str, int], str]) -> list[Meeting]:
    """The meetings of ROWS, each linked to the visit stated in its visit's sentence
    (VISIT_AT: ``visit_sentences``)."""
    meetings = []
    for r in rows:
        m = r.meeting
        if r.visit_sentence is not None:
            (doc,) = m.sources
            m.visit = visit_at.get((doc, r.visit_sentence))
        meetings.append(m)
    return meetings


def plan_meetings(rows: Iterable[Meeting]) -> Plan[Meeting]:
    """Meetings of the same participants on compatible dates (or both undated) merged."""
    plan: Plan[Meeting] = Plan([])
    same: dict[frozenset, list[Meeting]] = defaultdict(list)
    for key, m in _said(rows, meeting_key):
        group = frozenset(m.participants)
        twin = next((x for x in same[group] if same_time(x.date, m.date)), None)
        if twin is None:
            twin = replace(m, participants=list(m.participants), sources={})
            plan.nodes.append(twin)
            same[group].append(twin)
        else:
            twin.place = twin.place or m.place
            twin.visit = twin.visit or m.visit
            if twin.kind == "meeting":
                twin.kind = m.kind
        plan.route[key] = twin
    return plan


def merge_meetings(rows: Iterable[MeetingRow],
                   visit_at: dict[tuple[str, int], str]) -> list[Meeting]:
    """ROWS linked to their visits (``linked``) and merged (``plan_meetings``), with their
    sentences."""
    said = linked(rows, visit_at)
    return _filled(plan_meetings(said), said, meeting_key, lambda m: m.sources)


def meeting_slug(m: Meeting) -> str:
    """Its date (``undated`` when none) and participants."""
    return f"{_slug_date(m.date)}-{'-'.join(m.participants)}"


# ---------------------------------------------------------------- partnerships


def partnership_key(p: Partnership) -> Key:
    return (-len(p.label), p.label, tuple(p.parties), _iso(p.start), tuple(sorted(p.alt_labels)))


def plan_partnerships(rows: Iterable[Partnership]) -> Plan[Partnership]:
    """Partnerships of the same parties merged when one level's name starts the other's
    (a shorter name is the same level); levels no text dates are left out, and of levels
    whose shortest names slug alike the last in merge order is kept."""
    merged: list[Partnership] = []
    route: dict[Key, Partnership] = {}
    for key, p in _said(rows, partnership_key):
        twin = next((m for m in merged if m.parties == p.parties and
                     (m.label.lower() == p.label.lower()
                      or m.label.lower().startswith(p.label.lower() + " "))), None)
        if twin is None:
            twin = replace(p, alt_labels=set(p.alt_labels), parties=list(p.parties), sources={})
            merged.append(twin)
        else:
            twin.alt_labels |= p.alt_labels | {p.label}
            twin.start = _earliest(twin.start, p.start)
        route[key] = twin
    kept: dict[str, Partnership] = {}
    for p in merged:
        if p.start is not None:
            p.alt_labels.discard(p.label)
            p.slug = partnership_slug(p)
            kept[p.slug] = p
    nodes = list(kept.values())
    return Plan(nodes, {k: p if kept.get(p.slug) is p else None for k, p in route.items()})


def merge_partnerships(rows: Iterable[Partnership]) -> dict[str, Partnership]:
    """ROWS merged (``plan_partnerships``), with their sentences, by slug."""
    said = list(rows)
    return {p.slug: p for p in _filled(plan_partnerships(said), said, partnership_key,
                                       lambda p: p.sources)}


def partnership_slug(p: Partnership) -> str:
    """The parties and the level's shortest name its label starts with (the label is the
    longest): a longer wording of the level, which becomes its label, does not rename it,
    nor every document stating it."""
    names = {p.label, *(a for a in p.alt_labels if p.label.lower().startswith(a.lower()))}
    shortest = min(names, key=lambda name: (len(name), name))
    return f"{'-'.join(p.parties)}/{slugify(shortest)}"


def _earliest(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None or b is None:
        return a or b
    if a.compatible(b):
        return a if len(a.iso) >= len(b.iso) else b
    return min(a, b, key=lambda d: d.iso)


# ---------------------------------------------------------------- agreements

# A milestone as a text states it, without the sentence: stage, date, status.
SaidStone = tuple[str, DateValue | None, str]


def stone_key(stone: SaidStone) -> Key:
    stage, date, status = stone
    return (stage, _iso(date), status)


def agreement_key(row: AgreementRow) -> Key:
    a = row.agreement
    return (-len(a.label), a.label, a.kind, tuple(a.signatories), a.amount or "",
            a.currency or "", tuple(stone_key(s[:3]) for s in row.stones))


@dataclass
class AgreementPlan(Plan[Agreement]):
    """Agreements merged, and for each, the milestone each stated milestone went to."""

    milestones: dict[str, dict[Key, MilestoneNode | None]] = field(default_factory=dict)


def plan_agreements(rows: Iterable[AgreementRow], first: Mapping[Key, str] | None = None
                    ) -> AgreementPlan:
    """Wordings of one instrument merged: the same specific name, or names sharing most of
    their content words; instruments with generic names ("Joint Statement") are told apart
    by their dates, and one no text dates is left out.  Each is labelled by its longest
    wording, and named (its slug) by the wording of the earliest document stating it, as
    FIRST gives for each content (``fact_rows.written``; the longest of that document's):
    a later text wording it at more length relabels it and does not rename it in every
    document stating it."""
    first = first or {}
    merged: list[tuple[Agreement, list[SaidStone]]] = []
    names: list[tuple[tuple[str, Key], str]] = []       # the earliest wording of each
    candidates: dict[str, set[int]] = defaultdict(set)   # probe -> merged
    went: dict[Key, int] = {}
    for key, row in _said(rows, agreement_key):
        item = row.agreement
        stones = [s[:3] for s in row.stones]
        probes = _agreement_probes(item, stones)
        near = sorted({i for p in probes for i in candidates.get(p, [])})
        found = next((i for i in near
                      if _same_agreement(merged[i][0], merged[i][1], item, stones)), None)
        rank = (first.get(key, ""), key)
        if found is None:
            merged.append((replace(item, alt_labels=set(item.alt_labels),
                                   signatories=list(item.signatories), milestones=[],
                                   parties=list(item.parties), sources={}, signed={}),
                           list(stones)))
            names.append((rank, item.label))
            went[key] = len(merged) - 1
            for p in probes:
                candidates[p].add(len(merged) - 1)
            continue
        went[key] = found
        if is_generic_label(item.label):
            for p in probes:          # a generic instrument is found by each of its years
                candidates[p].add(found)
        a, s = merged[found]
        if item.label != a.label:
            a.alt_labels.add(item.label)
        a.signatories = sorted(set(a.signatories) | set(item.signatories))
        a.amount = a.amount or item.amount
        a.currency = a.currency or item.currency
        s.extend(stones)
        names[found] = min(names[found], (rank, item.label))
    plan = AgreementPlan([])
    taken: set[str] = set()
    kept: list[Agreement | None] = []
    for (a, stones), (_, name) in zip(merged, names, strict=True):
        dates = sorted(_dates(stones), key=lambda d: d.iso)
        if is_generic_label(a.label):
            if not dates:
                kept.append(None)  # "a joint statement" with no date names nothing
                continue
            first_date = max((d for d in dates if d.compatible(dates[0])),
                             key=lambda d: len(d.iso))
            base = f"{slugify(name)}-{first_date.iso}"
        else:
            base = slugify(name)[:80].strip("-")
        a.slug = unique_slug(base, taken)
        taken.add(a.slug)
        a.milestones, plan.milestones[a.slug] = _milestones(a.slug, stones)
        plan.nodes.append(a)
        kept.append(a)
    plan.route = {key: kept[i] for key, i in went.items()}
    return plan


def merge_agreements(rows: Iterable[AgreementRow], written: Mapping[str, str] | None = None
                     ) -> dict[str, Agreement]:
    """ROWS merged (``plan_agreements``), with their sentences (each milestone's too), by
    slug; WRITTEN: when each document was written (``fact_rows.written``)."""
    said = list(rows)
    when = written or {}
    first: dict[Key, str] = {}
    for row in said:
        key = agreement_key(row)
        for doc in row.agreement.sources:
            first[key] = min(first.get(key, when.get(doc, "")), when.get(doc, ""))
    plan = plan_agreements(said, first)
    for row in said:
        a = plan.route[agreement_key(row)]
        if a is None:
            continue
        for evidence in row.agreement.sources.values():
            add_sources(a.sources, evidence)
        add_signed(a, row)
        went = plan.milestones[a.slug]
        for stage, date, status, evidence in row.stones:
            milestone = went[stone_key((stage, date, status))]
            if milestone is not None:
                add_source(milestone.sources, evidence)
    for a in plan.nodes:
        sort_sources(a.sources)
        for m in a.milestones:
            sort_sources(m.sources)
    return {a.slug: a for a in plan.nodes}


def add_signed(a: Agreement, row: AgreementRow) -> None:
    """The signatories ROW names recorded in agreement A (the one it went to) for its
    document: those that document credits (``kinds.credited_in``)."""
    if row.agreement.signatories:
        for doc in row.agreement.sources:
            a.signed.setdefault(doc, set()).update(row.agreement.signatories)


def _dates(stones: list[SaidStone]) -> list[DateValue]:
    return [d for _, d, _ in stones if d]


def _agreement_probes(a: Agreement, stones: list[SaidStone]) -> frozenset[str]:
    """What two wordings of one instrument share: a content word; for generic names ("Joint
    Statement"), told apart by their dates, the kind and the year of a date (compatible
    dates share their year)."""
    if is_generic_label(a.label):
        return frozenset(f"kind:{a.kind}:{d.year}" for d in _dates(stones))
    return content_words(a.label)


def _same_agreement(a: Agreement, a_stones: list[SaidStone], b: Agreement,
                    b_stones: list[SaidStone]) -> bool:
    if is_generic_label(a.label) or is_generic_label(b.label):
        if a.label.lower() != b.label.lower() and a.kind != b.kind:
            return False
        if is_generic_label(a.label) != is_generic_label(b.label):
            return False
        da, db = _dates(a_stones), _dates(b_stones)
        return bool(da and db and any(x.compatible(y) for x in da for y in db))
    if a.label.lower() == b.label.lower():
        return True
    ca, cb = content_words(a.label), content_words(b.label)
    shared = ca & cb
    return len(shared) >= 2 and len(shared) / min(len(ca), len(cb)) >= 0.6


def _milestones(slug: str, stones: list[SaidStone]
                ) -> tuple[list[MilestoneNode], dict[Key, MilestoneNode | None]]:
    """The milestones of agreement SLUG from the milestones its texts state (each once, in
    order), and the milestone each went to (None: a mention with no date)."""
    nodes: dict[tuple[str, str], MilestoneNode] = {}
    went: dict[Key, MilestoneNode | None] = {}
    for stone in stones:
        key = stone_key(stone)
        if key in went:
            continue
        stage, date, status = stone
        if date is None and stage == "mentioned":
            went[key] = None
            continue
        twin = next((n for k, n in nodes.items() if k[0] == stage and n.date and date
                     and n.date.compatible(date)), None)
        if twin is not None:
            if len(date.iso) > len(twin.date.iso):  # type: ignore[union-attr]
                twin.date = date
            went[key] = twin
            continue
        at = (stage, _iso(date))
        if at not in nodes:
            node_slug = f"{slug}/{slugify(stage)}" + (f"-{date.iso}" if date else "")
            nodes[at] = MilestoneNode(node_slug, stage, date, status)
        went[key] = nodes[at]
    ordered = sorted(nodes.values(), key=lambda n: (n.date.iso if n.date else "9999", n.stage))
    return ordered, went
