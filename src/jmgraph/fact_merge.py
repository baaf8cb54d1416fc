"""Rows of many documents (``fact_rows``) merged into one node per fact: a holding per
person and office, a visit per visitors, destination and date, a meeting per participants
and date, a partnership per parties and level, an agreement per instrument.

Each merge reads only the rows of its group (the same holding; visits with the same
destination and visitors; meetings with the same participants; partnerships with the same
parties) in corpus order: the documents in order, each one's rows in order.  Merged nodes
come out in the order their slugs are given in (``unique_slug``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from .dates import DateValue
from .extract.agreements import content_words, is_generic_label
from .fact_rows import AgreementRow, HoldingRow, MeetingRow, Stone
from .read import slugify
from .resolved import (
    Agreement,
    Holding,
    Meeting,
    MilestoneNode,
    Partnership,
    Visit,
    add_source,
    merge_sources,
    unique_slug,
)


class _Slugged(Protocol):
    slug: str


T = TypeVar("T", bound=_Slugged)


def slugged(merged: Iterable[T], base: Callable[[T], str]) -> dict[str, T]:
    """MERGED by slug: each one's BASE, or BASE-2, BASE-3... when an earlier one has it."""
    result: dict[str, T] = {}
    for item in merged:
        item.slug = unique_slug(base(item), result)
        result[item.slug] = item
    return result


# ---------------------------------------------------------------- holdings


def merge_holdings(rows: Iterable[HoldingRow]) -> dict[str, Holding]:
    """One holding per person and office, with the dates each document attests."""
    holdings: dict[str, Holding] = {}
    for r in rows:
        h = holdings.get(r.slug)
        if h is None:
            h = holdings[r.slug] = Holding(r.slug, r.person, r.office.slug, defaultdict(set))
        if r.date:
            h.dates[r.evidence.doc_id].add(r.date)
        h.former = h.former or r.former
        add_source(h.sources, r.evidence)
    return holdings


# ---------------------------------------------------------------- visits


def merge_visits(pending: Iterable[Visit]) -> list[Visit]:
    """Visits of the same visitors to the same destination, both happened or both not,
    with compatible dates (one a prefix of the other), merged: the most precise first."""
    merged: list[Visit] = []
    same: dict[tuple, list[Visit]] = defaultdict(list)   # destination, visitors, happened
    for v in sorted(pending, key=lambda v: (-len(v.start.iso), v.start.iso)):
        key = (v.destination, frozenset(v.visitors), v.status == "occurred")
        twin = next((m for m in same[key] if m.start.compatible(v.start)), None)
        if twin is None:
            merged.append(v)
            same[key].append(v)
            continue
        merge_sources(twin.sources, v.sources)
        twin.offices.extend(o for o in v.offices if o not in twin.offices)
        twin.end = twin.end or v.end
        twin.place = twin.place or v.place
    return merged


def visit_slug(v: Visit) -> str:
    return f"{v.start.iso}-{'-'.join(v.visitors)}-{v.destination}"


def visit_sentences(visits: dict[str, Visit]) -> dict[tuple[str, int], str]:
    """(document, where a sentence starts) -> the visit stated there (the last by slug
    when a sentence states several)."""
    return {(doc, e.start): slug for slug, v in sorted(visits.items())
            for doc, evidence in v.sources.items() for e in evidence}


# ---------------------------------------------------------------- meetings


def merge_meetings(rows: Iterable[MeetingRow],
                   visit_at: dict[tuple[str, int], str]) -> list[Meeting]:
    """Meetings of the same participants on compatible dates merged, each linked to the
    visit stated in its visit's sentence (VISIT_AT: ``visit_sentences``)."""
    pending = []
    for r in rows:
        m = r.meeting
        if r.visit_sentence is not None:
            (doc,) = m.sources
            m.visit = visit_at.get((doc, r.visit_sentence))
        pending.append(m)
    merged: list[Meeting] = []
    same: dict[frozenset, list[Meeting]] = defaultdict(list)
    for m in sorted(pending, key=lambda m: (-len(m.date.iso), m.date.iso)):
        twin = next((x for x in same[frozenset(m.participants)]
                     if x.date.compatible(m.date)), None)
        if twin is None:
            merged.append(m)
            same[frozenset(m.participants)].append(m)
            continue
        merge_sources(twin.sources, m.sources)
        twin.place = twin.place or m.place
        twin.visit = twin.visit or m.visit
        if twin.kind == "meeting":
            twin.kind = m.kind
    return merged


def meeting_slug(m: Meeting) -> str:
    return f"{m.date.iso}-{'-'.join(m.participants)}"


# ---------------------------------------------------------------- partnerships


def merge_partnerships(items: Iterable[Partnership]) -> list[Partnership]:
    """Partnerships of the same parties merged when one level's name starts the other's
    (a shorter name is the same level); levels no text dates are left out."""
    merged: list[Partnership] = []
    for p in sorted(items, key=lambda p: (-len(p.label), p.label)):
        twin = next((m for m in merged if m.parties == p.parties and
                     (m.label.lower() == p.label.lower()
                      or m.label.lower().startswith(p.label.lower() + " "))), None)
        if twin is None:
            merged.append(p)
            continue
        twin.alt_labels |= p.alt_labels | {p.label}
        twin.start = _earliest(twin.start, p.start)
        merge_sources(twin.sources, p.sources)
    dated = [p for p in merged if p.start is not None]
    for p in dated:
        p.alt_labels.discard(p.label)
    return dated


def partnership_slug(p: Partnership) -> str:
    return f"{'-'.join(p.parties)}/{slugify(p.label)}"


def by_partnership_slug(merged: Iterable[Partnership]) -> dict[str, Partnership]:
    """MERGED by slug (a later level whose name slugs alike takes an earlier one's place)."""
    result: dict[str, Partnership] = {}
    for p in merged:
        p.slug = partnership_slug(p)
        result[p.slug] = p
    return result


def _earliest(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None or b is None:
        return a or b
    if a.compatible(b):
        return a if len(a.iso) >= len(b.iso) else b
    return min(a, b, key=lambda d: d.iso)


# ---------------------------------------------------------------- agreements


def merge_agreements(rows: Iterable[AgreementRow]) -> dict[str, Agreement]:
    """Wordings of one instrument merged: the same specific name, or names sharing most of
    their content words; instruments with generic names ("Joint Statement") are told apart
    by their dates, and one no text dates is left out."""
    merged: list[tuple[Agreement, list[Stone]]] = []
    candidates: dict[str, set[int]] = defaultdict(set)   # probe -> merged
    for row in sorted(rows, key=lambda r: (-len(r.agreement.label), r.agreement.label)):
        item, stones = row.agreement, row.stones
        probes = _agreement_probes(item, stones)
        near = sorted({i for p in probes for i in candidates.get(p, [])})
        found = next((i for i in near
                      if _same_agreement(merged[i][0], merged[i][1], item, stones)), None)
        if found is None:
            merged.append((item, list(stones)))
            for p in probes:
                candidates[p].add(len(merged) - 1)
            continue
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
        merge_sources(a.sources, item.sources)
    result: dict[str, Agreement] = {}
    for a, stones in merged:
        dates = sorted((d for _, d, _, _ in stones if d), key=lambda d: d.iso)
        if is_generic_label(a.label):
            if not dates:
                continue          # "a joint statement" with no date names nothing
            first = max((d for d in dates if d.compatible(dates[0])), key=lambda d: len(d.iso))
            base = f"{slugify(a.label)}-{first.iso}"
        else:
            base = slugify(a.label)[:80].strip("-")
        slug = a.slug = unique_slug(base, result)
        a.milestones = _milestones(slug, stones)
        result[slug] = a
    return result


def _dates(stones: list[Stone]) -> list[DateValue]:
    return [d for _, d, _, _ in stones if d]


def _agreement_probes(a: Agreement, stones: list[Stone]) -> set[str]:
    """What two wordings of one instrument share: a content word; for generic names ("Joint
    Statement"), told apart by their dates, the kind and the year of a date (compatible
    dates share their year)."""
    if is_generic_label(a.label):
        return {f"kind:{a.kind}:{d.year}" for d in _dates(stones)}
    return content_words(a.label)


def _same_agreement(a: Agreement, a_stones: list[Stone], b: Agreement,
                    b_stones: list[Stone]) -> bool:
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


def _milestones(slug: str, stones: list[Stone]) -> list[MilestoneNode]:
    nodes: dict[tuple[str, str], MilestoneNode] = {}
    for stage, date, status, evidence in stones:
        if date is None and stage == "mentioned":
            continue
        key = (stage, date.iso if date else "")
        twin = next((n for k, n in nodes.items() if k[0] == stage and n.date and date
                     and n.date.compatible(date)), None)
        if twin is not None:
            if len(date.iso) > len(twin.date.iso):
                twin.date = date
            add_source(twin.sources, evidence)
            continue
        if key not in nodes:
            node_slug = f"{slug}/{slugify(stage)}" + (f"-{date.iso}" if date else "")
            nodes[key] = MilestoneNode(node_slug, stage, date, status)
        add_source(nodes[key].sources, evidence)
    return sorted(nodes.values(), key=lambda n: (n.date.iso if n.date else "9999", n.stage))
