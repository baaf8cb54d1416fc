"""Stage 4, resolve: the extractions of a whole corpus -> one node per person and per event.

Plain data in, plain data out (``resolved``).  Every resolved item keeps the evidence of
each document that states it (``sources``), so that the RDF stage can write it into each
document's named graph and link it to every sentence it was read from.

Persons are clustered (``person_clusters``) and named (``person_table``) first; then:
- visits and meetings: same persons, same destination, compatible dates (one a prefix of
  the other);
- partnerships: same level (a shorter name that starts a longer one is the same level);
- agreements: same specific name; instruments with generic names ("Joint Statement") are
  told apart by their dates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from . import reference
from .dates import DateValue
from .extract.agreements import content_words, is_generic_label
from .extract.model import AgreementFact, Capacity, Evidence, Extraction, PersonMention
from .person_clusters import person_records
from .person_table import PersonTable, persons_of
from .read import slugify
from .resolved import (
    Agreement,
    Holding,
    Meeting,
    MilestoneNode,
    Office,
    Partnership,
    Person,
    Resolution,
    Sources,
    Visit,
    unique_slug,
)

GENERIC_TITLES = frozenset({"Minister", "Chairman", "Ambassador", "Governor", "Mayor"})


def _add_source(sources: Sources, evidence: Evidence) -> None:
    bucket = sources.get(evidence.doc_id)
    if bucket is None:
        sources[evidence.doc_id] = [evidence]
        return
    start, end = evidence.start, evidence.end
    for e in bucket:
        if e.start == start and e.end == end:
            return
    bucket.append(evidence)


def _merge_sources(into: Sources, other: Sources) -> None:
    for evidence in other.values():
        for e in evidence:
            _add_source(into, e)


# ---------------------------------------------------------------- offices


def _office(capacity: Capacity) -> Office:
    role = reference.role_in_state(capacity.role, capacity.country)
    if capacity.organisation:
        org = re.sub(r"^the\s+", "", capacity.organisation, flags=re.I)
        return Office(slug=f"{slugify(org)}/{slugify(role)}", label=f"{role} of the {org}",
                      role=role, country=None, organisation=org)
    if capacity.country:
        country = reference.country_by_key(capacity.country)
        return Office(slug=f"{capacity.country}/{slugify(role)}",
                      label=f"{role} of {country.label}", role=role, country=capacity.country,
                      organisation=None)
    return Office(slug=slugify(role), label=role, role=role, country=None, organisation=None)


def _complete(capacity: Capacity, known: list[Capacity]) -> Capacity | None:
    """A capacity with its state filled in from the person's other mentions of the role;
    a bare generic title ("Minister") becomes the person's one specific office."""
    if capacity.role in GENERIC_TITLES:
        specific = {(c.role, c.country, c.organisation) for c in known
                    if c.role not in GENERIC_TITLES and capacity.role.split()[-1] in c.role.split()}
        if len(specific) == 1:
            role, country, org = specific.pop()
            return Capacity(role, country, org, capacity.former)
        return None
    if capacity.country or capacity.organisation:
        return capacity
    states = {c.country for c in known if c.role == capacity.role and c.country}
    orgs = {c.organisation for c in known if c.role == capacity.role and c.organisation}
    if len(states) == 1 and not orgs:
        return Capacity(capacity.role, states.pop(), None, capacity.former)
    if len(orgs) == 1 and not states:
        return Capacity(capacity.role, None, orgs.pop(), capacity.former)
    return capacity


# ---------------------------------------------------------------- the whole corpus


class _Builder:
    def __init__(self, extractions: list[Extraction], persons: PersonTable | None) -> None:
        self.x = sorted(extractions, key=lambda e: e.document.doc_id)
        table = persons if persons is not None else persons_of(person_records(self.x))
        self.person_of = table.person_of                  # (doc, mid) -> person slug
        self.persons: dict[str, Person] = table.persons
        # person -> the capacities the corpus shows them in, each once
        self.capacities: dict[str, dict[Capacity, None]] = table.capacities
        self.lone_titles = table.lone_titles
        self.offices: dict[str, Office] = {}
        self.holdings: dict[str, Holding] = {}
        self.countries: set[str] = set()
        # (person, capacity as written) -> the office, made once (persons hold few offices,
        # stated in many facts)
        self.office_of: dict[tuple[str, Capacity], Office | None] = {}

    def person(self, doc: str, mid: str) -> str | None:
        return self.person_of.get((doc, mid))

    # offices ------------------------------------------------------------
    def office_for(self, person: str, capacity: Capacity) -> Office | None:
        """The office PERSON holds in CAPACITY, completed from the person's other
        capacities (all known once persons are resolved)."""
        key = (person, capacity)
        if key in self.office_of:
            return self.office_of[key]
        full = _complete(capacity, list(self.capacities.get(person, {})))
        office = None if full is None else _office(full)
        if office is not None:
            self.offices.setdefault(office.slug, office)
            if office.country:
                self.countries.add(office.country)
        self.office_of[key] = office
        return office

    def resolve_holdings(self) -> None:
        for x in self.x:
            doc = x.document.doc_id
            for f in x.offices:
                person = self.person(doc, f.person)
                if person is None:
                    continue
                self._hold(person, f.capacity, f.date, f.evidence)
            for v in x.visits:
                for mid, cap in v.capacities.items():
                    person = self.person(doc, mid)
                    if person and cap.role not in GENERIC_TITLES:
                        self._hold(person, cap, v.start, v.evidence)

    def _hold(self, person: str, capacity: Capacity, date: DateValue | None,
              evidence: Evidence) -> None:
        office = self.office_for(person, capacity)
        if office is None:
            return
        slug = f"{person}/{office.slug}"
        h = self.holdings.get(slug)
        if h is None:
            h = self.holdings[slug] = Holding(slug, person, office.slug, defaultdict(set))
        if date:
            h.dates[evidence.doc_id].add(date)
        h.former = h.former or capacity.former
        _add_source(h.sources, evidence)
        _add_source(self.persons[person].sources, evidence)

    # visits ---------------------------------------------------------------
    def resolve_visits(self) -> dict[str, Visit]:
        pending: list[Visit] = []
        for x in self.x:
            doc = x.document.doc_id
            for v in x.visits:
                visitors = sorted({p for m in v.visitors if (p := self.person(doc, m))})
                if not visitors or v.start is None:
                    continue
                offices = []
                for mid, cap in sorted(v.capacities.items()):
                    person = self.person(doc, mid)
                    office = self.office_for(person, cap) if person else None
                    if office and office.slug not in offices:
                        offices.append(office.slug)
                self.countries.add(v.destination)
                item = Visit("", visitors, v.destination, v.start, v.end, v.status, offices,
                             v.place)
                _add_source(item.sources, v.evidence)
                for p in visitors:
                    _add_source(self.persons[p].sources, v.evidence)
                pending.append(item)
        merged: list[Visit] = []
        same: dict[tuple, list[Visit]] = defaultdict(list)   # destination, visitors, happened
        for v in sorted(pending, key=lambda v: (-len(v.start.iso), v.start.iso)):
            key = (v.destination, frozenset(v.visitors), v.status == "occurred")
            twin = next((m for m in same[key] if m.start.compatible(v.start)), None)
            if twin is None:
                merged.append(v)
                same[key].append(v)
                continue
            _merge_sources(twin.sources, v.sources)
            twin.offices.extend(o for o in v.offices if o not in twin.offices)
            twin.end = twin.end or v.end
            twin.place = twin.place or v.place
        result: dict[str, Visit] = {}
        for v in merged:
            v.slug = unique_slug(f"{v.start.iso}-{'-'.join(v.visitors)}-{v.destination}", result)
            result[v.slug] = v
        return result

    # meetings -------------------------------------------------------------
    def resolve_meetings(self, visits: dict[str, Visit],
                         visit_keys: dict[tuple[str, int], str]) -> dict[str, Meeting]:
        pending: list[Meeting] = []
        for x in self.x:
            doc = x.document.doc_id
            for m in x.meetings:
                people = sorted({p for mid in m.participants if (p := self.person(doc, mid))})
                if len(people) < 2 or m.date is None:
                    continue
                visit = visit_keys.get((doc, m.visit)) if m.visit is not None else None
                item = Meeting("", people, m.date, m.kind, m.place, m.status, visit)
                _add_source(item.sources, m.evidence)
                pending.append(item)
        merged: list[Meeting] = []
        same: dict[frozenset, list[Meeting]] = defaultdict(list)
        for m in sorted(pending, key=lambda m: (-len(m.date.iso), m.date.iso)):
            twin = next((x for x in same[frozenset(m.participants)]
                         if x.date.compatible(m.date)), None)
            if twin is None:
                merged.append(m)
                same[frozenset(m.participants)].append(m)
                continue
            _merge_sources(twin.sources, m.sources)
            twin.place = twin.place or m.place
            twin.visit = twin.visit or m.visit
            if twin.kind == "meeting":
                twin.kind = m.kind
        result: dict[str, Meeting] = {}
        for m in merged:
            m.slug = unique_slug(f"{m.date.iso}-{'-'.join(m.participants)}", result)
            result[m.slug] = m
        return result

    def visit_index(self, visits: dict[str, Visit]) -> dict[tuple[str, int], str]:
        """(doc, index of a visit in its extraction) -> resolved visit slug."""
        by_evidence = {(doc, e.start): slug for slug, r in sorted(visits.items())
                       for doc, evidence in r.sources.items() for e in evidence}
        index: dict[tuple[str, int], str] = {}
        for x in self.x:
            doc = x.document.doc_id
            for i, v in enumerate(x.visits):
                slug = by_evidence.get((doc, v.evidence.start))
                if slug is not None:
                    index[(doc, i)] = slug
        return index

    # partnerships ---------------------------------------------------------
    def resolve_partnerships(self) -> dict[str, Partnership]:
        items: list[Partnership] = []
        for x in self.x:
            for p in x.partnerships:
                label = _level_label(p.label)
                self.countries.update(p.parties)
                item = Partnership("", label, {p.label}, sorted(p.parties), p.date)
                _add_source(item.sources, p.evidence)
                items.append(item)
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
            _merge_sources(twin.sources, p.sources)
        result = {}
        for p in merged:
            if p.start is None:
                continue        # a level no text of the corpus dates is not recorded
            p.alt_labels.discard(p.label)
            p.slug = f"{'-'.join(p.parties)}/{slugify(p.label)}"
            result[p.slug] = p
        return result

    # agreements -----------------------------------------------------------
    def resolve_agreements(self) -> dict[str, Agreement]:
        items: list[tuple[Agreement, list[tuple[str, DateValue | None, str, Evidence]]]] = []
        for x in self.x:
            doc = x.document.doc_id
            text_parties = ["japan", "mongolia"]
            for a in x.agreements:
                signatories = sorted({p for mid in a.signatories if (p := self.person(doc, mid))})
                item = Agreement("", _agreement_label(a), set(), a.kind, [], signatories,
                                 a.amount, a.currency, text_parties)
                _add_source(item.sources, a.evidence)
                items.append((item, [(m.stage, m.date, m.status, a.evidence)
                                     for m in a.milestones]))
        merged: list[tuple[Agreement, list]] = []
        candidates: dict[str, set[int]] = defaultdict(set)   # probe -> merged
        for item, stones in sorted(items, key=lambda i: (-len(i[0].label), i[0].label)):
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
            _merge_sources(a.sources, item.sources)
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


def _level_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip()


def _earliest(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None or b is None:
        return a or b
    if a.compatible(b):
        return a if len(a.iso) >= len(b.iso) else b
    return min(a, b, key=lambda d: d.iso)


def _agreement_label(a: AgreementFact) -> str:
    return re.sub(r"\s+", " ", a.label).strip()


def _dates(stones: list) -> list[DateValue]:
    return [d for _, d, _, _ in stones if d]


def _agreement_probes(a: Agreement, stones: list) -> set[str]:
    """What two wordings of one instrument share: a content word; for generic names ("Joint
    Statement"), told apart by their dates, the kind and the year of a date (compatible
    dates share their year)."""
    if is_generic_label(a.label):
        return {f"kind:{a.kind}:{d.year}" for d in _dates(stones)}
    return content_words(a.label)


def _same_agreement(a: Agreement, a_stones: list, b: Agreement, b_stones: list) -> bool:
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


def _milestones(slug: str, stones: list) -> list[MilestoneNode]:
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
            _add_source(twin.sources, evidence)
            continue
        if key not in nodes:
            node_slug = f"{slug}/{slugify(stage)}" + (f"-{date.iso}" if date else "")
            nodes[key] = MilestoneNode(node_slug, stage, date, status)
        _add_source(nodes[key].sources, evidence)
    return sorted(nodes.values(), key=lambda n: (n.date.iso if n.date else "9999", n.stage))


def resolve(extractions: Iterable[Extraction], persons: PersonTable | None = None
            ) -> Resolution:
    """The corpus of EXTRACTIONS resolved.  PERSONS: its persons when already named (by
    ``person_blocks``; their sources are filled in here), else they are named here."""
    b = _Builder(list(extractions), persons)
    b.resolve_holdings()
    visits = b.resolve_visits()
    meetings = b.resolve_meetings(visits, b.visit_index(visits))
    partnerships = b.resolve_partnerships()
    agreements = b.resolve_agreements()
    for m in meetings.values():
        for p in m.participants:
            _merge_sources(b.persons[p].sources, m.sources)
    for a in agreements.values():          # a signatory is stated where the signing is
        for p in a.signatories:
            _merge_sources(b.persons[p].sources, a.sources)
    persons = {slug: p for slug, p in b.persons.items() if p.sources}
    return Resolution(
        documents={x.document.doc_id: x.document for x in b.x},
        persons=_sourced_persons(b, persons),
        offices=b.offices,
        holdings=b.holdings,
        visits=visits,
        meetings=meetings,
        partnerships=partnerships,
        agreements=agreements,
        countries=b.countries,
    )


def _sourced_persons(b: _Builder, with_facts: dict[str, Person]) -> dict[str, Person]:
    """Every person the corpus names: those in facts, and those only named."""
    result = dict(with_facts)
    mentions_of: dict[str, list[tuple[str, PersonMention]]] = defaultdict(list)
    for x in b.x:
        for m in x.persons:
            slug = b.person_of.get((x.document.doc_id, m.mid))
            if slug is not None and slug not in result:
                mentions_of[slug].append((x.document.doc_id, m))
    for slug, p in b.persons.items():
        if slug in result or slug in b.lone_titles:
            continue                # "the Emperor" in no fact and linked to nobody: no node
        mentions = mentions_of.get(slug, [])
        if not mentions:
            continue
        for doc, m in mentions:
            _add_source(p.sources, m.evidence or Evidence(doc, m.start, m.end, m.name))
        result[slug] = p
    return result
