"""Stage 4b, name persons: clusters of person records (``person_clusters``) -> one Person
per cluster with a slug, and the person each mention in each document names.

A cluster is read through its ``Summary``: its records folded into what naming reads of
them (the commonest referring name, the longest spelling, its first record, its given
names, the roles it holds, ...).  Summaries are what ``person_blocks`` keeps in SQLite, so
that a changed document re-clusters its own block; ``named_persons`` keeps the persons
named and names again only those a change reaches.  Naming is corpus-wide: a title standing
alone ("the Crown Prince") joins the one person the corpus shows in that office, and
persons sharing a name are told apart by a given name or a digest of their first mention.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass, field
from operator import attrgetter
from typing import NamedTuple

from ..extract.model import Capacity
from ..ingest.read import slugify
from .person_clusters import Record, cluster_records, key_of
from .resolved import Person, unique_slug

Place = tuple[str, str]          # a record's document and representative mention


@dataclass
class Summary:
    """A cluster of records folded in the cluster's order (ties go to what came first)."""

    first: Place                                   # its first record in corpus order
    keys: Counter = field(default_factory=Counter)  # referring names, as often as written
    royal_label: str | None = None                 # the label of its first royal record
    longest: tuple[int, list[str]] | None = None   # most name words (then the words)...
    longest_display: str = ""                      # ... and that record's longest spelling
    best_display: tuple[int, int, str] | None = None   # the label: most words, longest
    given: str | None = None                       # its first given name, alphabetically
    gender: str | None = None
    roles: set[str] = field(default_factory=set)   # roles its named records hold
    names: dict[str, set[str]] = field(default_factory=dict)   # doc -> names written there
    mids: list[Place] = field(default_factory=list)            # (doc, mention id)
    capacities: dict[Capacity, None] = field(default_factory=dict)

    def fold(self, r: Record) -> None:
        self.first = min(self.first, (r.doc_id, r.rep))
        self.keys.update(r.keys)
        if self.royal_label is None and r.royal:
            self.royal_label = _key_label(r)
        longest = (len(r.words), sorted(r.words))
        if self.longest is None or longest > self.longest:
            self.longest, self.longest_display = longest, max(r.display, key=len, default="")
        for d in r.display:
            best = (len(d.split()), len(d), d)
            if self.best_display is None or best > self.best_display:
                self.best_display = best
        key = key_of(r)
        given = [w for w in r.words if w != key]
        if given:
            self.given = min(given) if self.given is None else min(self.given, *given)
        self.gender = self.gender or r.gender
        self.roles |= r.roles
        self.names.setdefault(r.doc_id, set()).update(r.names)
        self.mids.extend((r.doc_id, mid) for mid in r.mids)
        self.capacities.update(r.capacities)

    @property
    def base(self) -> str:
        """The slug its name gives (persons sharing it are told apart in ``name``)."""
        if self.keys:
            return slugify(self.keys.most_common(1)[0][0])
        return slugify(self.longest_display)

    @property
    def label(self) -> str:
        if self.royal_label is not None:
            return self.royal_label
        return self.best_display[2] if self.best_display else ""

    def to_json(self) -> list:
        return [list(self.first), list(self.keys.items()), self.royal_label,
                list(self.longest) if self.longest else None, self.longest_display,
                list(self.best_display) if self.best_display else None, self.given,
                self.gender, sorted(self.roles),
                {doc: sorted(names) for doc, names in self.names.items()},
                [list(m) for m in self.mids], [astuple(c) for c in self.capacities]]

    @classmethod
    def from_json(cls, data: list) -> Summary:
        (first, keys, royal_label, longest, longest_display, best_display, given, gender,
         roles, names, mids, capacities) = data
        return cls((first[0], first[1]), Counter(dict(keys)), royal_label,
                   (longest[0], longest[1]) if longest else None, longest_display,
                   (best_display[0], best_display[1], best_display[2]) if best_display
                   else None, given, gender, set(roles),
                   {doc: set(n) for doc, n in names.items()}, [(d, m) for d, m in mids],
                   {Capacity(*c): None for c in capacities})


def _key_label(r: Record) -> str:
    return r.keys.most_common(1)[0][0] if r.keys else " ".join(sorted(r.words)).title()


def summarize(cluster: Iterable[Record]) -> Summary:
    """CLUSTER's records folded, in its order."""
    records = list(cluster)
    summary = Summary(min((r.doc_id, r.rep) for r in records))
    for r in records:
        summary.fold(r)
    return summary


@dataclass
class PersonTable:
    """The persons of a corpus and who each mention names."""

    persons: dict[str, Person] = field(default_factory=dict)
    person_of: dict[Place, str] = field(default_factory=dict)     # (doc, mid) -> slug
    # slug -> the capacities the corpus shows the person in, each once
    capacities: dict[str, dict[Capacity, None]] = field(default_factory=dict)
    lone_titles: set[str] = field(default_factory=set)  # titles that joined no named person


def _link_titles(summaries: list[Summary], titles: Iterable[Record]) -> list[Summary]:
    """"the Crown Prince" joins the one named person the corpus shows in that office (its
    summary in SUMMARIES folds it); a title that fits no one, or several, stands alone.
    Returns the lone titles' own summaries."""
    holders: dict[str, list[Summary]] = defaultdict(list)
    for s in summaries:
        for role in s.roles:
            holders[role].append(s)
    lone: list[Summary] = []
    for r in titles:
        found = holders.get(r.title_only or "", [])
        if len(found) == 1:
            found[0].fold(r)
        else:
            lone.append(summarize([r]))
    return lone


class Head(NamedTuple):
    """What a person's slug is made from: its first record, the slug its name gives, and its
    first given name."""

    first: Place
    base: str
    given: str | None


_first = attrgetter("first")


def head(s: Summary) -> Head:
    return Head(s.first, s.base, s.given)


def slug_options(h: Head) -> list[str]:
    """The slugs a person who is not the first of its name may take, in order: its name
    with its given name, else with a digest of its first mention."""
    digest = hashlib.sha1("/".join(h.first).encode()).hexdigest()[:8]
    return ([f"{h.base}-{slugify(h.given)}"] if h.given else []) + [f"{h.base}-{digest}"]


def slugs(heads: Iterable[Head], taken: Iterable[str] = ()
          ) -> list[tuple[str, Head]]:
    """A slug per person, unique, and depending only on the person's own mentions: persons
    sharing a name are told apart by a given name, else by a digest of their first mention
    (not by a counter, which would renumber persons whenever a document is added).  In
    order: the first person of each name by name, then the others by name and first
    record.  TAKEN: slugs other persons hold (the heads are some names' persons only)."""
    groups: dict[str, list[Head]] = {}
    for h in heads:
        groups.setdefault(h.base, []).append(h)
    named: list[tuple[str, Head]] = []
    rest: list[Head] = []
    for base in sorted(groups):
        group = groups[base]
        if len(group) > 1:
            group.sort(key=_first)
            rest += group[1:]
        named.append((base, group[0]))
    used = {slug for slug, _ in named} | set(taken)
    for h in rest:
        options = slug_options(h)
        slug = next((o for o in options if o not in used), None)
        slug = slug or unique_slug(options[-1], used)
        used.add(slug)
        named.append((slug, h))
    return named


def name_persons(summaries: list[Summary], titles: Iterable[Record]) -> PersonTable:
    """The persons of the clusters SUMMARIES sum up and of the title-only records TITLES
    (in corpus order)."""
    lone = _link_titles(summaries, titles)
    lone_ids = {id(s) for s in lone}
    table = PersonTable()
    everyone = {s.first: s for s in summaries + lone}
    for slug, h in slugs(head(s) for s in everyone.values()):
        s = everyone[h.first]
        table.persons[slug] = Person(slug=slug, label=s.label, names=s.names,
                                     gender=s.gender)
        table.person_of.update(dict.fromkeys(s.mids, slug))
        table.capacities[slug] = s.capacities
        if id(s) in lone_ids:
            table.lone_titles.add(slug)
    return table


def persons_of(records: list[Record]) -> PersonTable:
    """The persons of a corpus's records (``person_clusters.person_records``)."""
    clusters = cluster_records(records)
    return name_persons([summarize(c) for c in clusters], [r for r in records if r.title_only])


def person_digest(capacities: Iterable[Capacity], label: str, gender: str | None,
                  lone: bool) -> str:
    """A digest of what a document's rows and part read of a person beyond its own
    mentions: the CAPACITIES the corpus shows the person in (offices are completed from
    them), its LABEL, its GENDER, and whether it is a title standing alone (LONE)."""
    shown = sorted(repr((c.role, c.country, c.organisation, c.former)) for c in capacities)
    return hashlib.sha1(repr((shown, label, gender, lone)).encode()).hexdigest()


def person_digests(table: PersonTable) -> dict[str, str]:
    """Slug -> ``person_digest`` of each person of TABLE."""
    return {slug: person_digest(table.capacities.get(slug, {}), p.label, p.gender,
                                slug in table.lone_titles)
            for slug, p in table.persons.items()}


def document_view(mentions: Iterable[tuple[str, str]], digests: Mapping[str, str],
                  names: Mapping[str, Iterable[str]]) -> str:
    """A digest of what a document's rows and part read of its persons: the person each of
    its MENTIONS ((mention id, slug)) names, each such person's digest (DIGESTS) and the
    NAMES it is written with there (by slug).  Equal views, equal rows (from one
    extraction)."""
    return hashlib.sha1(repr([(mid, slug, digests[slug], sorted(names.get(slug, ())))
                              for mid, slug in sorted(mentions)]).encode()).hexdigest()


def document_views(table: PersonTable, digests: Mapping[str, str]) -> dict[str, str]:
    """Document -> its ``document_view`` (DIGESTS: ``person_digests(table)``)."""
    mentions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (doc, mid), slug in table.person_of.items():
        mentions[doc].append((mid, slug))
    persons = table.persons
    return {doc: document_view(found, digests, {slug: persons[slug].names.get(doc, ())
                                                for _, slug in found})
            for doc, found in mentions.items()}
