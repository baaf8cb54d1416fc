"""Stage 4, resolve: the extractions of a whole corpus -> one node per person and per event.

Plain data in, plain data out.  Every resolved item keeps the evidence of each document
that states it (``sources``), so that the RDF stage can write it into each document's
named graph and link it to every sentence it was read from.

Identity rules (no list of names anywhere):
- persons: the referring name (the capitalised family name of MOFA style, or the one-word
  form the text uses), compatible initials and given names, word sets in either order
  ("Kishida Fumio" = "Fumio Kishida"), one-letter misspellings of long names; a title
  standing alone ("the Crown Prince") joins the one person the corpus names in that office
  at a compatible date;
- visits and meetings: same persons, same destination, compatible dates (one a prefix of
  the other);
- partnerships: same level (a shorter name that starts a longer one is the same level);
- agreements: same specific name; instruments with generic names ("Joint Statement") are
  told apart by their dates.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from . import reference
from .dates import DateValue
from .extract.agreements import content_words, is_generic_label
from .extract.model import (
    AgreementFact,
    Capacity,
    DocumentInfo,
    Evidence,
    Extraction,
    PersonMention,
)
from .read import slugify

GENERIC_TITLES = frozenset({"Minister", "Chairman", "Ambassador", "Governor", "Mayor"})
# Edit distance allowed between two spellings of one long name (by the name's length).
MISSPELLING_MIN_LENGTH = 8
MISSPELLING_MAX_EDITS = 1


Sources = dict[str, list[Evidence]]


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


def _unique(base: str, taken: Container[str]) -> str:
    """BASE, or BASE-2, BASE-3, ... when BASE is taken."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass
class Person:
    slug: str
    label: str
    names: dict[str, set[str]]            # doc_id -> names as written there
    sources: Sources = field(default_factory=dict)
    gender: str | None = None


@dataclass
class Office:
    slug: str
    label: str
    role: str
    country: str | None
    organisation: str | None


@dataclass
class Holding:
    slug: str
    person: str
    office: str
    dates: dict[str, set[DateValue]]      # doc_id -> dates attested there
    former: bool = False
    sources: Sources = field(default_factory=dict)


@dataclass
class Visit:
    slug: str
    visitors: list[str]
    destination: str
    start: DateValue
    end: DateValue | None
    status: str
    offices: list[str]
    place: str | None
    sources: Sources = field(default_factory=dict)


@dataclass
class Meeting:
    slug: str
    participants: list[str]
    date: DateValue
    kind: str
    place: str | None
    status: str
    visit: str | None
    sources: Sources = field(default_factory=dict)


@dataclass
class Partnership:
    slug: str
    label: str
    alt_labels: set[str]
    parties: list[str]
    start: DateValue | None
    sources: Sources = field(default_factory=dict)


@dataclass
class MilestoneNode:
    slug: str
    stage: str
    date: DateValue | None
    status: str
    sources: Sources = field(default_factory=dict)


@dataclass
class Agreement:
    slug: str
    label: str
    alt_labels: set[str]
    kind: str
    milestones: list[MilestoneNode]
    signatories: list[str]
    amount: str | None
    currency: str | None
    parties: list[str]
    sources: Sources = field(default_factory=dict)


@dataclass
class Resolution:
    documents: dict[str, DocumentInfo]
    persons: dict[str, Person]
    offices: dict[str, Office]
    holdings: dict[str, Holding]
    visits: dict[str, Visit]
    meetings: dict[str, Meeting]
    partnerships: dict[str, Partnership]
    agreements: dict[str, Agreement]
    countries: set[str]

    def counts(self) -> dict[str, int]:
        return {"documents": len(self.documents), "persons": len(self.persons),
                "offices held": len(self.holdings), "visits": len(self.visits),
                "meetings": len(self.meetings), "partnerships": len(self.partnerships),
                "agreements": len(self.agreements)}


# ---------------------------------------------------------------- persons


_UNSET = object()


@dataclass
class _Record:
    """One person of one document: its mentions pooled."""

    doc_id: str
    rep: str
    words: set[str] = field(default_factory=set)
    keys: Counter = field(default_factory=Counter)
    initials: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    display: list[str] = field(default_factory=list)
    gender: str | None = None
    royal: str | None = None
    title_only: str | None = None
    weak: bool = True
    mids: list[str] = field(default_factory=list)     # its mentions, in the document's order
    # the capacities its mentions and the document's visits show it in, each once
    capacities: dict[Capacity, None] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)      # roles it holds (not a title alone)
    key: object = None            # the most frequent referring name, computed once
    identity: int | None = None   # its identity's number in the _ClusterIndex placing it


def _edits(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > MISSPELLING_MAX_EDITS:
        return MISSPELLING_MAX_EDITS + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _key_of(record: _Record) -> str | None:
    if record.key is _UNSET:
        record.key = record.keys.most_common(1)[0][0].lower() if record.keys else None
    return record.key  # type: ignore[return-value]


def _initials_fit(initials: set[str], words: set[str], key: str | None) -> bool:
    """Do initials ("Ts") fit given names ("tsakhia")?  No given names: no conflict."""
    given = {w for w in words if w != key}
    if not initials or not given:
        return True
    return any(w.startswith(i.lower()) for i in initials for w in given)


def _same(a: _Record, b: _Record) -> bool:
    if a.title_only or b.title_only:
        return False
    if a.royal or b.royal:
        return a.royal == b.royal and _key_of(a) == _key_of(b)
    ka, kb = _key_of(a), _key_of(b)
    if ka and kb:
        if ka != kb and not (max(len(ka), len(kb)) >= MISSPELLING_MIN_LENGTH
                             and a.initials & b.initials
                             and _edits(ka, kb) <= MISSPELLING_MAX_EDITS):
            return False
        if a.initials and b.initials and not a.initials & b.initials:
            return False
        ga, gb = a.words - {ka}, b.words - {kb}
        if ga and gb and not (ga & gb):
            return False
        return _initials_fit(a.initials, b.words, kb) and _initials_fit(b.initials, a.words, ka)
    if a.words and b.words and (a.words <= b.words or b.words <= a.words):
        key = ka or kb
        if key and key not in (a.words & b.words):
            return False
        return _initials_fit(a.initials, b.words, kb) and _initials_fit(b.initials, a.words, ka)
    return False


def _records(extractions: list[Extraction]) -> list[_Record]:
    """The persons of each document, its mentions of one person pooled into one record, with
    the capacities the document shows them in; in corpus order."""
    records: dict[tuple[str, str], _Record] = {}
    for x in extractions:
        doc = x.document.doc_id
        rep_of: dict[str, str] = {}
        for m in x.persons:
            rep = rep_of[m.mid] = m.same_as or m.mid
            r = records.setdefault((doc, rep), _Record(doc, rep, key=_UNSET))
            _pool(r, m)
        for v in x.visits:
            for mid, cap in v.capacities.items():
                r = records.get((doc, rep_of.get(mid, mid)))
                if r is not None:
                    r.capacities[cap] = None
                    r.roles.add(cap.role)
    return list(records.values())


def _deletions(word: str) -> set[str]:
    """WORD with one letter left out, in every way."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


# Probes.  Two records with referring names meet at a form of the name ("=" as written,
# "~" one letter away), alone ("f:") or with a given name ("|"); a record without one meets
# a record whose name words hold its words ("sub:") or are held in them ("all:"), the
# prefix telling whether the registered record has a referring name ("k") or not ("n");
# a royal record meets one of the same title and referring name only ("r:").
# Records with more name words than this are not registered under every subset of them:
# they are found by any one of their words ("big:", "w:"); names have two to four words.
SUBSET_WORDS_MAX = 6


def _given(r: _Record) -> set[str]:
    """R's name words other than its referring name (given names, patronymics)."""
    key = _key_of(r)
    return r.words - {key} if key else set()


def _forms(key: str, looking: bool) -> set[str]:
    """The forms under which a referring name is registered (LOOKING false) or looked for:
    two long names one letter apart meet at one of them."""
    forms = {"=" + key}
    if len(key) >= MISSPELLING_MIN_LENGTH:
        deletions = _deletions(key)
        forms.add("~" + key)
        forms.update("~" + d for d in deletions)          # one letter changed
        if looking:
            forms.update("=" + d for d in deletions)      # a name one letter shorter
    elif looking and len(key) >= MISSPELLING_MIN_LENGTH - MISSPELLING_MAX_EDITS:
        forms.add("~" + key)                              # a long name one letter longer
    return forms


def _royal_probe(r: _Record) -> str:
    return f"r:{r.royal}|{_key_of(r) or ''}"


def _subsets(words: set[str]) -> list[str] | None:
    """Every non-empty subset of WORDS, each as one string; None past SUBSET_WORDS_MAX."""
    if len(words) > SUBSET_WORDS_MAX:
        return None
    ordered = sorted(words)
    return [" ".join(c) for n in range(1, len(ordered) + 1) for c in combinations(ordered, n)]


def _word_probes(r: _Record, kind: str) -> set[str]:
    subsets = _subsets(r.words)
    probes = {f"{kind}all:{' '.join(sorted(r.words))}"} | {f"{kind}w:{w}" for w in r.words}
    if subsets is None:
        probes.update(f"{kind}big:{w}" for w in r.words)
    else:
        probes.update(f"{kind}sub:{s}" for s in subsets)
    return probes


def _word_lookups(r: _Record, kinds: str) -> set[str]:
    """The probes of the records of KINDS whose name words hold R's or are held in them."""
    subsets = _subsets(r.words)
    found: set[str] = set()
    for kind in kinds:
        found.add(f"{kind}sub:{' '.join(sorted(r.words))}")
        found.update(f"{kind}big:{w}" for w in r.words)
        if subsets is None:
            found.update(f"{kind}w:{w}" for w in r.words)
        else:
            found.update(f"{kind}all:{s}" for s in subsets)
    return found


def _probes(r: _Record) -> set[str]:
    """What a record is registered under, so that every record it can be the same person
    as (see ``_same``) finds it by one of its ``_lookups``."""
    if r.royal:
        return {_royal_probe(r)}
    key = _key_of(r)
    if not key:
        return _word_probes(r, "n")
    probes = _word_probes(r, "k")
    given = _given(r) or {""}
    for form in _forms(key, looking=False):
        probes.add("f:" + form)
        probes.update(f"{form}|{g}" for g in given)
    return probes


def _lookups(r: _Record) -> set[str]:
    """The probes that find every record R can be the same person as (see ``_same``): two
    records with referring names, by the forms of the names (and a shared given name unless
    one has none); a record without one, by holding or being held in the other's words."""
    if r.royal:
        return {_royal_probe(r)}
    key = _key_of(r)
    if not key:
        return _word_lookups(r, "nk")
    found = _word_lookups(r, "n")
    given = _given(r)
    for form in _forms(key, looking=True):
        if given:
            found.add(f"{form}|")
            found.update(f"{form}|{g}" for g in given)
        else:
            found.add("f:" + form)
    return found


def _identity(r: _Record) -> tuple:
    """What ``_same`` reads of a record: records with one identity fit the same records."""
    return (frozenset(r.words), _key_of(r), frozenset(r.initials), r.royal, r.title_only)


class _ClusterIndex:
    """Clusters of records, found by their probes instead of by scanning them all; each
    cluster's distinct identities kept apart from its records, so that testing a record
    against a cluster named in thousands of documents tests a handful of spellings, and
    ``_same`` computed once per pair of identities (it reads nothing else)."""

    def __init__(self) -> None:
        self.clusters: dict[int, list[_Record]] = {}
        self.identities: dict[int, dict[int, _Record]] = {}   # cluster -> identity -> record
        self.docs: dict[int, set[str]] = {}
        self.by_probe: dict[str, set[int]] = defaultdict(set)
        self.next_id = 0
        self.identity_ids: dict[tuple, int] = {}
        self.same: dict[tuple[int, int], bool] = {}
        # identity -> its probes and lookups (they read only what the identity holds)
        self.probes: dict[int, set[str]] = {}
        self.lookups: dict[int, set[str]] = {}

    def identity(self, r: _Record) -> int:
        """R's identity (see ``_identity``) as a small number, the same for equal ones."""
        if r.identity is None:
            r.identity = self.identity_ids.setdefault(_identity(r), len(self.identity_ids))
        return r.identity

    def is_same(self, a: _Record, b: _Record) -> bool:
        pair = (self.identity(a), self.identity(b))
        found = self.same.get(pair)
        if found is None:
            found = self.same[pair] = _same(a, b)
        return found

    def _of_identity(self, table: dict[int, set[str]], r: _Record,
                     make: Callable[[_Record], set[str]]) -> set[str]:
        """MAKE(R), made once per identity and kept in TABLE."""
        own = self.identity(r)
        found = table.get(own)
        if found is None:
            found = table[own] = make(r)
        return found

    def candidates(self, r: _Record) -> list[int]:
        found: set[int] = set()
        for probe in self._of_identity(self.lookups, r, _lookups):
            found |= self.by_probe.get(probe, set())
        return sorted(c for c in found if c in self.clusters)

    def fits(self, r: _Record) -> list[int]:
        """The clusters R fits (it is the same person as one of their records), in order."""
        own = self.identity(r)

        def fit(c: int) -> bool:
            spellings = self.identities[c]
            twin = spellings.get(own)                   # the commonest case, tested first
            if twin is not None and self.is_same(r, twin):
                return True
            return any(self.is_same(r, o) for o in spellings.values())

        return [c for c in self.candidates(r) if fit(c)]

    def compatible(self, a: int, b: int) -> bool:
        """Is every named record of cluster A the same person as every one of B?"""
        return all(self.is_same(x, y) for x in self.identities[a].values()
                   for y in self.identities[b].values() if x.keys and y.keys)

    def add(self, r: _Record, cluster: int | None = None) -> int:
        if cluster is None:
            cluster = self.next_id
            self.next_id += 1
            self.clusters[cluster], self.identities[cluster] = [], {}
            self.docs[cluster] = set()
        self.clusters[cluster].append(r)
        self.docs[cluster].add(r.doc_id)
        spellings = self.identities[cluster]
        own = self.identity(r)
        if own in spellings:
            return cluster              # its probes name the cluster already
        spellings[own] = r
        for probe in self._of_identity(self.probes, r, _probes):
            self.by_probe[probe].add(cluster)
        return cluster

    def merge(self, into: int, other: int) -> None:
        del self.identities[other], self.docs[other]
        for r in self.clusters.pop(other):
            self.add(r, into)


def _pool(r: _Record, m: PersonMention) -> None:
    r.words |= {w.lower() for w in m.words}
    if m.key:
        r.keys[m.key] += 1
    r.initials |= set(m.initials)
    r.names.add(m.name)
    r.display.append(" ".join(m.words))
    r.gender = r.gender or m.gender
    r.royal = r.royal or m.royal
    if m.title_only and m.capacity:
        r.title_only = m.capacity.role
    r.weak = r.weak and m.weak
    r.mids.append(m.mid)
    if m.capacity:
        r.capacities[m.capacity] = None
        if not m.title_only:
            r.roles.add(m.capacity.role)


def _cluster(records: list[_Record], index: _ClusterIndex | None = None
             ) -> list[list[_Record]]:
    """Union of records naming the same person; strong records first, then weak ones
    joining the single strong cluster they fit."""
    strong = [r for r in records if not r.weak and not r.title_only]
    index = index or _ClusterIndex()
    for r in records:
        r.identity = None         # numbered by this index, not by one that clustered it before
    for r in sorted(strong, key=lambda r: (-len(r.words), -len(r.initials), r.doc_id, r.rep)):
        fits = index.fits(r)
        if not fits:
            index.add(r)
            continue
        # a record can bridge two clusters only when both are fully compatible with it
        target = fits[0]
        index.add(r, target)
        for other in fits[1:]:
            if index.compatible(target, other):
                index.merge(target, other)
    for r in [r for r in records if r.weak and not r.title_only]:
        fits = index.fits(r)
        same_doc = [c for c in fits if r.doc_id in index.docs[c]]
        if len(same_doc) == 1:
            index.add(r, same_doc[0])
        elif len(fits) == 1:
            index.add(r, fits[0])
    return [index.clusters[c] for c in sorted(index.clusters)]


def _person_slug(cluster: list[_Record]) -> str:
    royal = next((r.royal for r in cluster if r.royal), None)
    keys: Counter = Counter()
    for r in cluster:
        keys.update(r.keys)
    if royal and keys:
        return slugify(keys.most_common(1)[0][0])
    if keys:
        return slugify(keys.most_common(1)[0][0])
    longest = max((r for r in cluster), key=lambda r: (len(r.words), sorted(r.words)))
    return slugify(max(longest.display, key=len))


def _person_slugs(clusters: list[list[_Record]]) -> list[tuple[str, list[_Record]]]:
    """A slug per person, unique, and depending only on the person's own mentions: persons
    sharing a name are told apart by a given name, else by a digest of their first mention
    (not by a counter, which would renumber persons whenever a document is added)."""
    groups: dict[str, list[list[_Record]]] = defaultdict(list)
    for cluster in clusters:
        groups[_person_slug(cluster)].append(cluster)
    first = {id(c): min((r.doc_id, r.rep) for r in c) for c in clusters}
    named: list[tuple[str, list[_Record]]] = []
    rest: list[tuple[str, list[_Record]]] = []
    for base, group in sorted(groups.items()):
        group.sort(key=lambda c: first[id(c)])
        named.append((base, group[0]))
        rest += [(base, c) for c in group[1:]]
    used = {slug for slug, _ in named}
    for base, cluster in rest:
        given = sorted({w for r in cluster for w in r.words if w != _key_of(r)})
        digest = hashlib.sha1("/".join(first[id(cluster)]).encode()).hexdigest()[:8]
        options = [f"{base}-{slugify(g)}" for g in given[:1]] + [f"{base}-{digest}"]
        slug = next((o for o in options if o not in used), None)
        slug = slug or _unique(f"{base}-{digest}", used)
        used.add(slug)
        named.append((slug, cluster))
    return named


def _person_label(cluster: list[_Record]) -> str:
    royal = next((r for r in cluster if r.royal), None)
    if royal:
        return _key_label(royal)
    displays = [d for r in cluster for d in r.display]
    return max(displays, key=lambda d: (len(d.split()), len(d), d))


def _key_label(r: _Record) -> str:
    return r.keys.most_common(1)[0][0] if r.keys else " ".join(sorted(r.words)).title()


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
    def __init__(self, extractions: list[Extraction]) -> None:
        self.x = sorted(extractions, key=lambda e: e.document.doc_id)
        self.person_of: dict[tuple[str, str], str] = {}   # (doc, mid) -> person slug
        self.persons: dict[str, Person] = {}
        # person -> the capacities the corpus shows them in, each once
        self.capacities: dict[str, dict[Capacity, None]] = defaultdict(dict)
        self.offices: dict[str, Office] = {}
        self.holdings: dict[str, Holding] = {}
        self.countries: set[str] = set()
        self.lone_titles: set[str] = set()
        # (person, capacity as written) -> the office, made once (persons hold few offices,
        # stated in many facts)
        self.office_of: dict[tuple[str, Capacity], Office | None] = {}

    # persons ------------------------------------------------------------
    def resolve_persons(self) -> None:
        records = _records(self.x)
        clusters = _cluster(records)
        self._link_titles(records, clusters)
        for slug, cluster in _person_slugs(clusters):
            names: dict[str, set[str]] = defaultdict(set)
            person = Person(slug=slug, label=_person_label(cluster), names=names)
            for r in cluster:
                names[r.doc_id] |= r.names
                person.gender = person.gender or r.gender
                for mid in r.mids:
                    self.person_of[(r.doc_id, mid)] = slug
                self.capacities[slug].update(r.capacities)
            self.persons[slug] = person

    def _link_titles(self, records: list[_Record], clusters: list[list[_Record]]) -> None:
        """"the Crown Prince" joins the one named person the corpus shows in that office."""
        by_role: dict[str, dict[int, list[_Record]]] = defaultdict(dict)   # role -> clusters
        for c in clusters:
            for r in c:
                for role in r.roles:
                    by_role[role].setdefault(id(c), c)
        for r in records:
            if not r.title_only:
                continue
            holders = list(by_role.get(r.title_only, {}).values())
            if len(holders) == 1:
                holders[0].append(r)
            else:
                clusters.append([r])
                self.lone_titles.add(_person_slug([r]))

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
            v.slug = _unique(f"{v.start.iso}-{'-'.join(v.visitors)}-{v.destination}", result)
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
            m.slug = _unique(f"{m.date.iso}-{'-'.join(m.participants)}", result)
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
            slug = a.slug = _unique(base, result)
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


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    b = _Builder(list(extractions))
    b.resolve_persons()
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
