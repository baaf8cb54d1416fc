"""Stage 4b kept: the persons of a corpus named as ``person_table.name_persons`` names them,
kept in SQLite beside their blocks (``person_blocks``) and named again only where a change
reaches, so that ``add`` reads the persons of the documents it makes and no others.

What naming reads of a cluster changes only when its block is made again, or when the
titles of one of its roles change hands: a title standing alone ("the Crown Prince") joins
the one cluster holding its role, so a role's titles are linked again when one cluster held
or holds it, and otherwise only the titles of the documents changed are named again (they
stand alone before and after).  Those clusters are folded again; every person's slug is
made again from the persons' heads (``person_table.slugs``, cheap: a few columns per
person); and the documents where a person's slug, digest, mentions or names changed have
their views (``person_table.document_view``) made again.  A new version of jmgraph names
every person again, once.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import astuple
from typing import NamedTuple

from ..extract.model import Capacity
from ..rdf.digests import code_version
from ..resolve.person_clusters import Record
from ..resolve.person_table import (
    Head,
    PersonTable,
    Place,
    Summary,
    document_view,
    head,
    person_digest,
    slug_options,
    slugs,
    summarize,
)
from ..resolve.resolved import Person
from ..store.sqlite_tables import SqliteTables

SCHEMA = """
CREATE TABLE IF NOT EXISTS person_named (
    first_doc TEXT NOT NULL, first_rep TEXT NOT NULL,   -- its first record: who it is
    slug TEXT NOT NULL UNIQUE,
    block INTEGER, cluster INTEGER,      -- its cluster (a person_cluster rowid); NULL: a title
    title_role TEXT,                     -- standing alone, and then the role it names
    base TEXT NOT NULL, given TEXT,
    roles TEXT NOT NULL,                 -- JSON: the roles its cluster's records hold
    label TEXT NOT NULL, gender TEXT,
    capacities TEXT NOT NULL,            -- JSON
    digest TEXT NOT NULL,                -- person_table.person_digest
    PRIMARY KEY (first_doc, first_rep)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_named_block ON person_named (block);
CREATE INDEX IF NOT EXISTS person_named_base ON person_named (base);
CREATE INDEX IF NOT EXISTS person_named_title ON person_named (title_role);
CREATE TABLE IF NOT EXISTS person_role (            -- the roles each cluster's records hold
    role TEXT NOT NULL, first_doc TEXT NOT NULL, first_rep TEXT NOT NULL,
    PRIMARY KEY (role, first_doc, first_rep)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_mention (
    doc TEXT NOT NULL, mid TEXT NOT NULL, slug TEXT NOT NULL,
    PRIMARY KEY (doc, mid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_mention_slug ON person_mention (slug);
CREATE TABLE IF NOT EXISTS person_names (
    slug TEXT NOT NULL, doc TEXT NOT NULL,
    names TEXT NOT NULL,                 -- JSON: the names it is written with there
    PRIMARY KEY (slug, doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_names_doc ON person_names (doc);
CREATE TABLE IF NOT EXISTS person_view (
    doc TEXT PRIMARY KEY, view TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

NAMED_TABLES = ("person_named", "person_role", "person_mention", "person_names", "person_view",
                "person_meta")


class _Kept(NamedTuple):
    """A person as kept: what naming again reads of one whose records did not change."""

    slug: str
    block: int | None
    cluster: int | None
    title_role: str | None
    base: str
    given: str | None
    roles: frozenset[str]
    digest: str


_KEPT = ("SELECT first_doc, first_rep, slug, block, cluster, title_role, base, given, roles, "
         "digest FROM person_named")


class _Named(NamedTuple):
    """A person named again: its cluster (None for a title standing alone) and summary."""

    block: int | None
    cluster: int | None
    title_role: str | None
    summary: Summary


# A person's mentions and names in each document: doc -> (mention ids, names), sorted.
_Where = dict[str, tuple[list[str], list[str]]]


def _capacities(data: str) -> dict[Capacity, None]:
    return {Capacity(*c): None for c in json.loads(data)}


class NamedPersons(SqliteTables):
    """The named persons of the person blocks' file (its ``person_cluster`` summaries and
    title-only ``person_record`` rows are what they are named from)."""

    # reading ----------------------------------------------------------------
    def digests(self) -> dict[str, str]:
        """Slug -> ``person_table.person_digest`` of every person."""
        with self._guarded("read"):
            return dict(self.db.execute("SELECT slug, digest FROM person_named"))

    def views(self) -> dict[str, str]:
        """Document -> ``person_table.document_view`` of every document naming a person."""
        with self._guarded("read"):
            return dict(self.db.execute("SELECT doc, view FROM person_view"))

    def lone_titles(self) -> set[str]:
        with self._guarded("read"):
            return {s for (s,) in self.db.execute(
                "SELECT slug FROM person_named WHERE cluster IS NULL")}

    def person_table(self, docs: Collection[str] | None = None, slugs: Collection[str] = ()
                     ) -> PersonTable:
        """The corpus's persons as ``name_persons`` names them; with DOCS, only what those
        documents read: the persons they mention and SLUGS, their names in DOCS alone."""
        with self._guarded("read"):
            if docs is None:
                mentions = self.db.execute("SELECT doc, mid, slug FROM person_mention")
                names = self.db.execute("SELECT slug, doc, names FROM person_names")
                persons = self.db.execute(
                    "SELECT slug, label, gender, capacities, cluster FROM person_named "
                    "ORDER BY slug != base, base, first_doc, first_rep")
            else:
                listed = sorted(docs)
                mentions = self._run("SELECT doc, mid, slug FROM person_mention "
                                     "WHERE doc IN ({})", listed)
                names = self._run("SELECT slug, doc, names FROM person_names "
                                  "WHERE doc IN ({})", listed)
            table = PersonTable(person_of={(d, m): s for d, m, s in mentions})
            written: dict[str, dict[str, set[str]]] = defaultdict(dict)
            for slug, doc, found in names:
                written[slug][doc] = set(json.loads(found))
            if docs is not None:
                wanted = sorted(set(table.person_of.values()) | set(slugs))
                persons = self._run("SELECT slug, label, gender, capacities, cluster "
                                    "FROM person_named WHERE slug IN ({})", wanted)
            for slug, label, gender, capacities, cluster in persons:
                table.persons[slug] = Person(slug=slug, label=label,
                                             names=written.get(slug, {}), gender=gender)
                table.capacities[slug] = _capacities(capacities)
                if cluster is None:
                    table.lone_titles.add(slug)
            if docs is not None:
                table.lone_titles = self.lone_titles()
        return table

    # naming again -------------------------------------------------------------
    def _stale(self) -> bool:
        found = self.db.execute(
            "SELECT value FROM person_meta WHERE key = 'version'").fetchone()
        return found is None or found[0] != code_version()

    def _kept(self, where: str = "", values: Sequence = ()) -> dict[Place, _Kept]:
        """The persons kept (WHERE: a condition on ``person_named`` with ``{}`` standing
        for VALUES; none: every person)."""
        rows = (self._run(f"{_KEPT} WHERE {where}", values) if where
                else self.db.execute(_KEPT))
        roles_of: dict[str, frozenset[str]] = {}        # few distinct lists: each read once
        return {(d, r): _Kept(slug, block, cluster, role, base, given, roles_of.get(roles)
                              or roles_of.setdefault(roles, frozenset(json.loads(roles))),
                              digest)
                for d, r, slug, block, cluster, role, base, given, roles, digest in rows}

    def _at(self, places: Collection[Place]) -> dict[Place, _Kept]:
        """The persons kept whose first records are PLACES."""
        found: dict[Place, _Kept] = {}
        for doc, rep in sorted(places):
            found |= self._kept("first_doc = ? AND first_rep = ?", [doc, rep])
        return found

    def _holders(self, roles: Collection[str]) -> dict[str, list[Place]]:
        """Role -> the persons whose clusters hold it, for each of ROLES."""
        found: dict[str, list[Place]] = {r: [] for r in roles}
        for role, doc, rep in self._run("SELECT role, first_doc, first_rep FROM person_role "
                                        "WHERE role IN ({})", sorted(roles)):
            found[role].append((doc, rep))
        return found

    def _counts(self, roles: Collection[str]) -> Counter[str]:
        """How many clusters hold each of ROLES."""
        return Counter(dict(self._run("SELECT role, COUNT(*) FROM person_role "
                                      "WHERE role IN ({}) GROUP BY role", sorted(roles))))

    def _slugs_again(self, kept: dict[Place, _Kept], gone: set[Place], fresh: list[Head]
                     ) -> dict[Place, str]:
        """The slugs ``person_table.slugs`` gives over every person, for the persons of
        each name that one of GONE (of KEPT) or FRESH (named again) bears; those names'
        persons are added to KEPT.  The persons of other names keep theirs, unless a slug
        changed here is one another name's persons may take, or one given here was passed
        over for one such a person holds: then every person is given one again (KEPT then
        holds every person)."""
        names = {kept[f].base for f in gone} | {h.base for h in fresh}
        kept |= self._kept("base IN ({})", sorted(names))
        heads = [Head(f, k.base, k.given) for f, k in kept.items()
                 if f not in gone and k.base in names] + fresh
        wanted = sorted({o for h in heads for o in slug_options(h)})
        taken = {slug: slug == base for slug, base in self._run(   # is it a name's first
            "SELECT slug, base FROM person_named WHERE slug IN ({})", wanted)
            if base not in names}
        named = slugs(heads, taken)
        changed = ({k.slug for k in kept.values() if k.base in names}
                   ^ {slug for slug, _ in named})
        prefixes = sorted({s[:i] for s in changed for i, c in enumerate(s) if c == "-"}
                          - names)
        shared = any(self._run("SELECT 1 FROM person_named WHERE base IN ({}) "
                               "AND slug != base", prefixes))
        if not shared and all(_chose_freely(slug, h, taken) for slug, h in named):
            return {h.first: slug for slug, h in named}
        kept |= self._kept()
        return {h.first: slug for slug, h in slugs(
            [Head(f, k.base, k.given) for f, k in kept.items() if f not in gone] + fresh)}

    def _summaries(self, sql: str, values: Collection[int]
                   ) -> list[tuple[int, int, Summary]]:
        return [(rowid, block, Summary.from_json(json.loads(data)))
                for rowid, block, data in self._run(sql, sorted(values))]

    def _name_again(self, dropped: Collection[int], made: Collection[int],
                    docs: Collection[str], roles: Collection[str],
                    titles: Callable[[Collection[str] | None], list[Record]]) -> None:
        """Persons named again, in the caller's transaction, once the blocks DROPPED were
        replaced by those MADE (by number), the records of DOCS having left or come, among
        them titles standing alone of ROLES; TITLES: the title-only records of the corpus
        of some roles (None: every one), in corpus order."""
        every = self._stale()
        if every:                                  # another version named them: all again
            for table in NAMED_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            made = [b for (b,) in self.db.execute("SELECT DISTINCT block FROM person_cluster")]
            every_title = titles(None)
            docs = {t.doc_id for t in every_title}
            roles = {t.title_only for t in every_title if t.title_only}
        kept = self._kept("block IN ({})", sorted(set(dropped)))
        direct = set(kept)
        fresh = self._summaries("SELECT rowid, block, data FROM person_cluster "
                                "WHERE block IN ({}) ORDER BY rowid", made)
        reach = (set(roles) | {r for f in direct for r in kept[f].roles}
                 | {r for _, _, s in fresh for r in s.roles})
        before = self._holders(reach)              # role -> its holders, kept
        after = {r: [f for f in before[r] if f not in direct]
                 + [s.first for _, _, s in fresh if r in s.roles] for r in reach}
        # roles whose titles join a person, before or after: every title of theirs is
        # linked again, and the one holder of each (it gains or loses their titles)
        linked = {r for r in reach if len(before[r]) == 1 or len(after[r]) == 1}
        made_again = direct | {s.first for _, _, s in fresh}
        holding = {found[0] for r in linked for found in (before[r], after[r])
                   if len(found) == 1 and found[0] not in made_again}
        kept |= self._at(holding)
        titles_kept = self._kept("cluster IS NULL AND title_role IN ({})", sorted(reach))
        kept |= titles_kept
        gone = direct | holding | {f for f, k in titles_kept.items() if (
            k.title_role in linked or f[0] in docs)}
        again = [_Named(block, rowid, None, s) for rowid, block, s in fresh + self._summaries(
            "SELECT rowid, block, data FROM person_cluster WHERE rowid IN ({}) ORDER BY rowid",
            {kept[f].cluster for f in holding})]
        # how many clusters hold each role the clusters named again hold; the titles that
        # may be named again: those of REACH and of the roles they may join
        held = {r for n in again for r in n.summary.roles}
        count = self._counts(held - reach)
        for r in reach:
            count[r] = len(after[r])
        again += _fold_titles(again, titles(reach | held), linked, reach, set(docs), count)
        slug_of = self._slugs_again(kept, gone, [head(n.summary) for n in again])
        self._write_named(kept, gone, again, slug_of, every)
        self.db.execute("INSERT OR REPLACE INTO person_meta VALUES ('version', ?)",
                        (code_version(),))

    def _write_named(self, kept: dict[Place, _Kept], gone: set[Place], again: list[_Named],
                     slug_of: dict[Place, str], every: bool) -> None:
        """The persons GONE dropped, AGAIN written with their slugs (SLUG_OF, by first
        record), those KEPT whose slug changed renamed, and the views of the documents
        where any of them changed made again."""
        moved = {f: slug_of[f] for f, k in kept.items()
                 if f not in gone and slug_of.get(f, k.slug) != k.slug}
        rows_before = self._names_rows({kept[f].slug for f in gone | moved.keys()})
        before = self._where({kept[f].slug for f in gone | moved.keys()}, rows_before)
        digest_before = {k.slug: k.digest for k in kept.values()}
        # persons named again under the slug they had: only their changed mentions and
        # names are written (a person named in thousands of documents is common)
        stay = {n.summary.first for n in again if n.summary.first in gone
                and slug_of[n.summary.first] == kept[n.summary.first].slug}
        self._change("DELETE FROM person_named WHERE slug IN ({})",
                     sorted(kept[f].slug for f in gone))
        for table in ("person_mention", "person_names"):
            self._change(f"DELETE FROM {table} WHERE slug IN ({{}})",
                         sorted(kept[f].slug for f in gone - stay))
        self.db.executemany("DELETE FROM person_role WHERE first_doc = ? AND first_rep = ?",
                            sorted(gone))
        for table in ("person_named", "person_mention", "person_names"):
            # two steps: a slug can pass from one person to another
            self.db.executemany(f"UPDATE {table} SET slug = ? WHERE slug = ?",
                                (("\x00" + kept[f].slug, kept[f].slug) for f in moved))
            self.db.executemany(f"UPDATE {table} SET slug = ? WHERE slug = ?",
                                ((slug, "\x00" + kept[f].slug) for f, slug in moved.items()))
        after: dict[str, tuple[str, _Where]] = {
            slug: (digest_before[kept[f].slug], before[kept[f].slug])
            for f, slug in moved.items()}
        rows, mentions, names, roles = [], [], [], []
        unsaid: list[tuple[str, str]] = []              # (doc, mid) no longer the person's
        unnamed: list[tuple[str, str]] = []             # (slug, doc)
        for n in again:
            s = n.summary
            slug = slug_of[s.first]
            if n.cluster is not None:
                roles += [(role, *s.first) for role in sorted(s.roles)]
            digest = person_digest(s.capacities, s.label, s.gender, n.cluster is None)
            rows.append((*s.first, slug, n.block, n.cluster, n.title_role, s.base, s.given,
                         json.dumps(sorted(s.roles), ensure_ascii=False), s.label, s.gender,
                         json.dumps([astuple(c) for c in s.capacities], ensure_ascii=False),
                         digest))
            mids: dict[str, list[str]] = defaultdict(list)
            for doc, mid in dict.fromkeys(s.mids):
                mids[doc].append(mid)
            where = {doc: (sorted(mids.get(doc, [])), sorted(s.names.get(doc, ())))
                     for doc in s.names.keys() | mids.keys()}
            after[slug] = (digest, where)
            was = before[slug] if s.first in stay else {}
            mentions += [(doc, mid, slug) for doc, found in mids.items()
                         for mid in set(found) - set(was.get(doc, ([], []))[0])]
            unsaid += [(doc, mid) for doc, (found, _) in was.items()
                       for mid in set(found) - set(mids.get(doc, ()))]
            written = {doc: json.dumps(sorted(found), ensure_ascii=False)
                       for doc, found in s.names.items()}
            had = rows_before.get(slug, {}) if s.first in stay else {}
            names += [(slug, doc, text) for doc, text in written.items() if had.get(doc) != text]
            unnamed += [(slug, doc) for doc in had.keys() - written.keys()]
        self.db.executemany("INSERT INTO person_named VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO person_role VALUES (?, ?, ?)", roles)
        self.db.executemany("DELETE FROM person_mention WHERE doc = ? AND mid = ?", unsaid)
        self.db.executemany("DELETE FROM person_names WHERE slug = ? AND doc = ?", unnamed)
        self.db.executemany("INSERT INTO person_mention VALUES (?, ?, ?)", mentions)
        self.db.executemany("INSERT OR REPLACE INTO person_names VALUES (?, ?, ?)", names)
        if every:
            docs = {doc for doc, _, _ in mentions}
        else:
            old = {k.slug: (k.digest, before[k.slug]) for f, k in kept.items()
                   if f in gone or f in moved}
            docs = _changed_documents(old, after)
        self._view_again(docs)

    def _names_rows(self, slugs: Iterable[str]) -> dict[str, dict[str, str]]:
        """Slug -> document -> the JSON of its names there, for each of SLUGS."""
        found: dict[str, dict[str, str]] = defaultdict(dict)
        for slug, doc, names in self._run(
                "SELECT slug, doc, names FROM person_names WHERE slug IN ({})", sorted(slugs)):
            found[slug][doc] = names
        return found

    def _where(self, slugs: Collection[str], names_rows: Mapping[str, Mapping[str, str]]
               ) -> dict[str, _Where]:
        """Where each of SLUGS is mentioned and named (NAMES_ROWS: ``_names_rows`` of
        them), by document."""
        mids: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for slug, doc, mid in self._run(
                "SELECT slug, doc, mid FROM person_mention WHERE slug IN ({})", sorted(slugs)):
            mids[slug][doc].append(mid)
        names = {slug: {doc: sorted(json.loads(found)) for doc, found in rows.items()}
                 for slug, rows in names_rows.items()}
        return {slug: {doc: (sorted(mids[slug].get(doc, [])), names.get(slug, {}).get(doc, []))
                       for doc in mids[slug].keys() | names.get(slug, {}).keys()}
                for slug in slugs}

    def _view_again(self, docs: Collection[str]) -> None:
        listed = sorted(docs)
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for doc, mid, slug in self._run(
                "SELECT doc, mid, slug FROM person_mention WHERE doc IN ({})", listed):
            found[doc].append((mid, slug))
        digests = dict(self._run("SELECT slug, digest FROM person_named WHERE slug IN ({})",
                                 sorted({s for pairs in found.values() for _, s in pairs})))
        names: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for slug, doc, written in self._run(
                "SELECT slug, doc, names FROM person_names WHERE doc IN ({})", listed):
            names[doc][slug] = json.loads(written)
        self._change("DELETE FROM person_view WHERE doc IN ({})", listed)
        self.db.executemany("INSERT INTO person_view VALUES (?, ?)", (
            (doc, document_view(pairs, digests, names[doc]))
            for doc, pairs in sorted(found.items())))


def _chose_freely(slug: str, h: Head, taken: Mapping[str, bool]) -> bool:
    """Whether the person of H took SLUG as it would among every person: its name's first,
    or an option that none of TAKEN holding another name's person (not its first) made it
    pass over."""
    if slug == h.base:
        return True
    options = slug_options(h)
    return slug in options and not any(
        taken.get(o) is False for o in options[:options.index(slug)])


def _fold_titles(clusters: list[_Named], titles: list[Record], linked: set[str],
                 reach: set[str], docs: set[str], count: Mapping[str, int]) -> list[_Named]:
    """The TITLES that join one of CLUSTERS folded into it (as ``person_table.name_persons``
    links them: a title joins the one cluster holding its role), in corpus order; returns
    the titles named again that stand alone.  Named again: the titles of LINKED roles (one
    cluster held or holds them: CLUSTERS hold every role of REACH any cluster holds), those
    of DOCS of the other roles of REACH (they stand alone before and after), and those
    joining one of CLUSTERS (COUNT: how many clusters of the corpus hold each role)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(clusters):
        for role in n.summary.roles:
            holders[role].append(i)
    lone: list[_Named] = []
    for t in titles:
        role = t.title_only or ""
        found = holders.get(role, [])
        joins = found[0] if found and count.get(role) == 1 else None
        if role in linked or (role in reach and t.doc_id in docs):
            if joins is None:
                lone.append(_Named(None, None, role, summarize([t])))
            else:
                clusters[joins].summary.fold(t)
        elif role not in reach and joins is not None:
            clusters[joins].summary.fold(t)
    return lone


def _changed_documents(before: Mapping[str, tuple[str, _Where]],
                       after: Mapping[str, tuple[str, _Where]]) -> set[str]:
    """The documents whose view of a person changed, given each changed person's digest
    and where it is mentioned and named BEFORE and AFTER (by slug)."""
    docs: set[str] = set()
    for slug in before.keys() | after.keys():
        a, b = before.get(slug), after.get(slug)
        if a is None or b is None or a[0] != b[0]:
            docs |= set(a[1] if a else {}) | set(b[1] if b else {})
        else:
            docs |= {d for d in a[1].keys() | b[1].keys() if a[1].get(d) != b[1].get(d)}
    return docs

