"""Stage 4a, resolve persons: each document's mentions of a person pooled into a record, and
the records of the corpus naming one person clustered.

Identity rules (no list of names anywhere): the referring name (the capitalised family name
of MOFA style, or the one-word form the text uses), compatible initials and given names,
word sets in either order ("Kishida Fumio" = "Fumio Kishida"), one-letter misspellings of
long names.  Records are found by their probes instead of by scanning them all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from ..extract.model import Capacity, Extraction, PersonMention

# Edit distance allowed between two spellings of one long name (by the name's length).
MISSPELLING_MIN_LENGTH = 8
MISSPELLING_MAX_EDITS = 1


UNSET = object()


@dataclass
class Record:
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
    identity: int | None = None   # its identity's number in the ClusterIndex placing it


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


def key_of(record: Record) -> str | None:
    if record.key is UNSET:
        record.key = record.keys.most_common(1)[0][0].lower() if record.keys else None
    return record.key  # type: ignore[return-value]


def _initials_fit(initials: set[str], words: set[str], key: str | None) -> bool:
    """Do initials ("Ts") fit given names ("tsakhia")?  No given names: no conflict."""
    given = {w for w in words if w != key}
    if not initials or not given:
        return True
    return any(w.startswith(i.lower()) for i in initials for w in given)


def same_person(a: Record, b: Record) -> bool:
    if a.title_only or b.title_only:
        return False
    if a.royal or b.royal:
        return a.royal == b.royal and key_of(a) == key_of(b)
    ka, kb = key_of(a), key_of(b)
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


def person_records(extractions: list[Extraction]) -> list[Record]:
    """The persons of each document, its mentions of one person pooled into one record, with
    the capacities the document shows them in; in corpus order."""
    records: dict[tuple[str, str], Record] = {}
    for x in extractions:
        doc = x.document.doc_id
        rep_of: dict[str, str] = {}
        for m in x.persons:
            rep = rep_of[m.mid] = m.same_as or m.mid
            r = records.setdefault((doc, rep), Record(doc, rep, key=UNSET))
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


def _given(r: Record) -> set[str]:
    """R's name words other than its referring name (given names, patronymics)."""
    key = key_of(r)
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


def _royal_probe(r: Record) -> str:
    return f"r:{r.royal}|{key_of(r) or ''}"


def _subsets(words: set[str]) -> list[str] | None:
    """Every non-empty subset of WORDS, each as one string; None past SUBSET_WORDS_MAX."""
    if len(words) > SUBSET_WORDS_MAX:
        return None
    ordered = sorted(words)
    return [" ".join(c) for n in range(1, len(ordered) + 1) for c in combinations(ordered, n)]


def _word_probes(r: Record, kind: str) -> set[str]:
    subsets = _subsets(r.words)
    probes = {f"{kind}all:{' '.join(sorted(r.words))}"} | {f"{kind}w:{w}" for w in r.words}
    if subsets is None:
        probes.update(f"{kind}big:{w}" for w in r.words)
    else:
        probes.update(f"{kind}sub:{s}" for s in subsets)
    return probes


def _word_lookups(r: Record, kinds: str) -> set[str]:
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


def probes_of(r: Record) -> set[str]:
    """What a record is registered under, so that every record it can be the same person
    as (see ``same_person``) finds it by one of its ``lookups_of``."""
    if r.royal:
        return {_royal_probe(r)}
    key = key_of(r)
    if not key:
        return _word_probes(r, "n")
    probes = _word_probes(r, "k")
    given = _given(r) or {""}
    for form in _forms(key, looking=False):
        probes.add("f:" + form)
        probes.update(f"{form}|{g}" for g in given)
    return probes


def lookups_of(r: Record) -> set[str]:
    """The probes that find every record R can be the same person as (see ``same_person``): two
    records with referring names, by the forms of the names (and a shared given name unless
    one has none); a record without one, by holding or being held in the other's words."""
    if r.royal:
        return {_royal_probe(r)}
    key = key_of(r)
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


def identity_of(r: Record) -> tuple:
    """What ``same_person`` reads of a record: records with one identity fit the same records."""
    return (frozenset(r.words), key_of(r), frozenset(r.initials), r.royal, r.title_only)


class ClusterIndex:
    """Clusters of records, found by their probes instead of by scanning them all; each
    cluster's distinct identities kept apart from its records, so that testing a record
    against a cluster named in thousands of documents tests a handful of spellings, and
    ``same_person`` computed once per pair of identities (it reads nothing else)."""

    def __init__(self) -> None:
        self.clusters: dict[int, list[Record]] = {}
        self.identities: dict[int, dict[int, Record]] = {}   # cluster -> identity -> record
        self.docs: dict[int, set[str]] = {}
        self.by_probe: dict[str, set[int]] = defaultdict(set)
        self.next_id = 0
        self.identity_ids: dict[tuple, int] = {}
        self.same: dict[tuple[int, int], bool] = {}
        # identity -> its probes and lookups (they read only what the identity holds)
        self.probes: dict[int, set[str]] = {}
        self.lookups: dict[int, set[str]] = {}

    def identity(self, r: Record) -> int:
        """R's identity (see ``identity_of``) as a small number, the same for equal ones."""
        if r.identity is None:
            r.identity = self.identity_ids.setdefault(identity_of(r), len(self.identity_ids))
        return r.identity

    def is_same(self, a: Record, b: Record) -> bool:
        pair = (self.identity(a), self.identity(b))
        found = self.same.get(pair)
        if found is None:
            found = self.same[pair] = same_person(a, b)
        return found

    def _of_identity(self, table: dict[int, set[str]], r: Record,
                     make: Callable[[Record], set[str]]) -> set[str]:
        """MAKE(R), made once per identity and kept in TABLE."""
        own = self.identity(r)
        found = table.get(own)
        if found is None:
            found = table[own] = make(r)
        return found

    def candidates(self, r: Record) -> list[int]:
        found: set[int] = set()
        for probe in self._of_identity(self.lookups, r, lookups_of):
            found |= self.by_probe.get(probe, set())
        return sorted(c for c in found if c in self.clusters)

    def fits(self, r: Record) -> list[int]:
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

    def add(self, r: Record, cluster: int | None = None) -> int:
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
        for probe in self._of_identity(self.probes, r, probes_of):
            self.by_probe[probe].add(cluster)
        return cluster

    def merge(self, into: int, other: int) -> None:
        del self.identities[other], self.docs[other]
        for r in self.clusters.pop(other):
            self.add(r, into)


def _pool(r: Record, m: PersonMention) -> None:
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


def cluster_records(records: list[Record], index: ClusterIndex | None = None
             ) -> list[list[Record]]:
    """Union of records naming the same person; strong records first, then weak ones
    joining the single strong cluster they fit."""
    strong = [r for r in records if not r.weak and not r.title_only]
    index = index or ClusterIndex()
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
