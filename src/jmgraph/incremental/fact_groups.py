"""The corpus's merged facts kept in SQLite by what rows say, so that a changed document
merges again only what changed, and its graph (and the graphs it changes) can be made
without resolving the corpus.

A group is what ``fact_merge`` merges a kind of rows within: one holding (person and
office), visits with one destination and visitors, meetings with one set of participants,
partnerships between one set of parties; agreements are one group (wordings of an
instrument are found by shared content words across the corpus).  What is kept:

- each document's rows (``doc_rows``) and, for each row, its group and content key
  (``doc_said``: what the document says);
- each group's distinct contents, with how many rows say them (``said``): a group is
  merged again only when a content appears or disappears, from its distinct contents (a
  group of 8,000 documents saying the same few things merges a few contents);
- the merged nodes, without their sentences (``node``), and the node each content went to
  (``route``);
- when each document was written (``doc_written``) and, for an agreement's contents, the
  earliest document saying each (``said_first``): an instrument is named by the wording of
  the earliest, so its group is merged again when that changes too (a document re-dated,
  or the earliest one gone).

A document's part of the resolution (``parts``: what ``partition.part`` gives of the
corpus resolved whole) is its rows, each given its content's node and the document's
sentences.  A node renamed or dropped changes the part of every document stating it; a
node whose description alone changed (``rdf.descriptions``: no document's graph holds it)
needs one of them made again, to render it.  An agreement's new signatory is such a
change: a document credits the signatories it names (``kinds.credited_in``, kept per
content in ``said_credit``), not those other texts name.

Visits and meetings of different groups can share a slug's base: slugs are
given again over the nodes whose bases share a root (``-2`` suffixes stripped), in key
order, as the whole corpus gives them.  A meeting's content names its visit's slug, so the
meetings of documents whose visits changed are read again.

Rows and nodes are pickled: they are made and read only by this module, from the store's
own cache (``extraction_cache``), never from outside.
"""

from __future__ import annotations

import json
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ..extract.model import DocumentInfo
from ..kinds import FACT_KINDS, credited, credited_in, merge_order
from ..rdf.digests import canonical
from ..resolve.fact_merge import (
    AgreementPlan,
    Key,
    Plan,
    add_signed,
    agreement_key,
    holding_key,
    linked,
    meeting_key,
    meeting_slug,
    partnership_key,
    plan_agreements,
    plan_holdings,
    plan_meetings,
    plan_partnerships,
    plan_visits,
    sort_sources,
    stone_key,
    visit_key,
    visit_slug,
)
from ..resolve.fact_rows import DocumentRows
from ..resolve.partition import PER_DOCUMENT
from ..resolve.person_table import PersonTable
from ..resolve.resolved import (
    Person,
    Resolution,
    Sources,
    add_source,
    add_sources,
    unique_slug,
)
from ..store.sqlite_tables import SqliteTables

# The kinds of nodes kept, in the order they are settled (a meeting names its visit's slug).
KINDS = tuple(k.name for k in merge_order())

SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_rows (doc TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS doc_said (doc TEXT NOT NULL, kind TEXT NOT NULL,
                                     grp TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS doc_said_doc ON doc_said (doc);
CREATE INDEX IF NOT EXISTS doc_said_key ON doc_said (kind, grp, key);
CREATE TABLE IF NOT EXISTS said (
    kind TEXT NOT NULL, grp TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (kind, grp, key));
CREATE TABLE IF NOT EXISTS said_credit (       -- the persons each content credits
    kind TEXT NOT NULL, grp TEXT NOT NULL, key TEXT NOT NULL, person TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS said_credit_key ON said_credit (kind, grp, key);
CREATE TABLE IF NOT EXISTS node (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, grp TEXT NOT NULL, slug TEXT NOT NULL,
    root TEXT NOT NULL, rank BLOB NOT NULL, data BLOB NOT NULL,
    credits TEXT NOT NULL);                       -- the persons it credits, a JSON list
CREATE INDEX IF NOT EXISTS node_grp ON node (kind, grp);
CREATE UNIQUE INDEX IF NOT EXISTS node_slug ON node (kind, slug);
CREATE INDEX IF NOT EXISTS node_root ON node (kind, root);
CREATE TABLE IF NOT EXISTS route (kind TEXT NOT NULL, grp TEXT NOT NULL, key TEXT NOT NULL,
                                  node INTEGER, PRIMARY KEY (kind, grp, key));
CREATE INDEX IF NOT EXISTS route_node ON route (node);
CREATE TABLE IF NOT EXISTS credit (person TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS credit_person ON credit (person);
CREATE INDEX IF NOT EXISTS credit_doc ON credit (doc);
CREATE TABLE IF NOT EXISTS named (person TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS named_person ON named (person);
CREATE INDEX IF NOT EXISTS named_doc ON named (doc);
CREATE TABLE IF NOT EXISTS office (slug TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS made (doc TEXT PRIMARY KEY, sha256 TEXT NOT NULL,
                                 view TEXT NOT NULL, document BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS person (slug TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (doc TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc_written (doc TEXT PRIMARY KEY, written TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS said_first (        -- a dated kind's contents: who said it first
    kind TEXT NOT NULL, grp TEXT NOT NULL, key TEXT NOT NULL, written TEXT NOT NULL,
    PRIMARY KEY (kind, grp, key));
"""

_PICKLE = pickle.HIGHEST_PROTOCOL


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, _PICKLE)


def _text(*values: object) -> str:
    return json.dumps(values, ensure_ascii=False)


@dataclass(frozen=True)
class _Kind:
    """How rows of a kind are grouped, told apart and merged."""

    rows: Callable[[DocumentRows], list]
    group: Callable[[Any], str]
    key: Callable[[Any], Key]
    plan: Callable[..., Plan]
    credits: Callable[[Any], list[str]]         # the persons a row credits in its document
    base: Callable[[Any], str] | None = None    # slugs given over the kind (visits, meetings)
    dated: bool = False     # planned knowing when each content was first written


SPECS: dict[str, _Kind] = {
    "holdings": _Kind(lambda r: r.holdings, lambda h: h.slug, holding_key, plan_holdings,
                      lambda h: [h.person]),
    "visits": _Kind(lambda r: r.visits, lambda v: _text(v.destination, v.visitors),
                    visit_key, plan_visits, credited, visit_slug),
    "partnerships": _Kind(lambda r: r.partnerships, lambda p: _text(p.parties),
                          partnership_key, plan_partnerships, credited),
    "agreements": _Kind(lambda r: r.agreements, lambda a: "", agreement_key, plan_agreements,
                        lambda a: credited(a.agreement), dated=True),
    "meetings": _Kind(lambda r: [], lambda m: _text(m.participants), meeting_key,
                      plan_meetings, credited, meeting_slug),
}


def _root(slug: str) -> str:
    """A slug without its ``-2``, ``-3``... suffixes: slugs given from bases with different
    roots never meet."""
    return re.sub(r"(-\d+)+$", "", slug)


def _wanted(table: str, alias: str) -> str:
    """``wanted w`` (``FactGroups._pairs``) joined with TABLE, as ALIAS, on each content
    wanted (kind, group and key)."""
    return (f"wanted w CROSS JOIN {table} {alias} ON {alias}.kind = w.kind "
            f"AND {alias}.grp = w.grp AND {alias}.key = w.key")


def _bare(node: Any) -> Any:
    """NODE without what it holds per document (``partition.PER_DOCUMENT``; an agreement's
    milestones likewise): the part every document stating it shares."""
    changes: dict[str, object] = {name: {} for name in PER_DOCUMENT if hasattr(node, name)}
    if hasattr(node, "milestones"):
        changes["milestones"] = [_bare(m) for m in node.milestones]
    return replace(node, **changes)


class Made(NamedTuple):
    """What a document's rows were made from: its document (the version of its extraction)
    and the view of its persons (``person_table.document_views``)."""

    document: DocumentInfo
    view: str


@dataclass
class _Node:
    grp: str
    node: Any
    rank: Key = ()
    milestones: dict[Key, str | None] = field(default_factory=dict)  # an agreement's
    id: int = 0

    @property
    def data(self) -> bytes:
        return _dumps((self.node, self.milestones))



def _shared(node: Any) -> str:
    """What every document stating NODE renders of it, as canonical JSON (a set pickled in
    another order is the same node): all of it but an agreement's milestones, rendered only
    where stated."""
    return canonical(replace(node, milestones=[]) if hasattr(node, "milestones") else node)


def _stones_changed(old: Any, new: Any) -> set[str]:
    """The slugs of the milestones of agreement OLD that NEW does not have alike (a
    milestone is labelled with its agreement's label: all of them when that changed)."""
    before = {m.slug: (old.label, canonical(m)) for m in getattr(old, "milestones", [])}
    after = {m.slug: (new.label, canonical(m)) for m in getattr(new, "milestones", [])}
    return {slug for slug in before.keys() | after.keys() if before.get(slug) != after.get(slug)}


def _stated_stones(key: str, routes: dict[Key, str | None]) -> set[str]:
    """The milestones an agreement's content (KEY, ``agreement_key`` as text: its stones
    last) states, by slug, given the routes of its node's milestones."""
    return {m for stone in json.loads(key)[0][-1] if (m := routes.get(tuple(stone))) is not None}


class FactGroups(SqliteTables):
    """A corpus's fact rows and merged nodes in SQLite, by group and content."""

    SCHEMA = SCHEMA
    WHAT = "merged facts"

    # reading ----------------------------------------------------------------
    def documents(self) -> set[str]:
        with self._guarded("read"):
            return {d for (d,) in self.db.execute("SELECT doc FROM doc_rows")}

    def nodes(self, kind: str) -> dict[str, Any]:
        """Every node of KIND, by slug, without its sentences."""
        with self._guarded("read"):
            return {slug: pickle.loads(data)[0] for slug, data in self.db.execute(
                "SELECT slug, data FROM node WHERE kind = ? ORDER BY slug", (kind,))}

    def counts(self, lone_titles: Collection[str]) -> dict[str, int]:
        """Nodes by kind, and the persons stated: credited by a fact, or only named (a
        title standing alone, one of LONE_TITLES, names nobody)."""
        with self._guarded("read"):
            found = dict(self.db.execute("SELECT kind, COUNT(*) FROM node GROUP BY kind"))
            credited = {p for (p,) in self.db.execute("SELECT DISTINCT person FROM credit")}
            named = {p for (p,) in self.db.execute("SELECT DISTINCT person FROM named")}
        persons = len(credited | (named - set(lone_titles)))
        return {"persons": persons, **{k: found.get(k, 0) for k in KINDS}}

    def naming(self, persons: Collection[str]) -> set[str]:
        """The documents whose parts name any of PERSONS (whose label, say, changed)."""
        with self._guarded("read"):
            return self._naming(persons)

    def _naming(self, persons: Collection[str]) -> set[str]:
        return {d for table in ("named", "credit") for (d,) in self._run(
            f"SELECT DISTINCT doc FROM {table} WHERE person IN ({{}})", sorted(persons))}

    def rows_of(self, docs: Collection[str]) -> dict[str, DocumentRows]:
        return {d: pickle.loads(data) for d, data in self._run(
            "SELECT doc, data FROM doc_rows WHERE doc IN ({})", sorted(docs))}

    def made(self) -> dict[str, tuple[str, str]]:
        """Document -> the version (SHA-256) of the extraction its rows were made from, and
        the view of the persons they were made with (``person_table.document_views``)."""
        with self._guarded("read"):
            return {d: (sha, view) for d, sha, view in self.db.execute(
                "SELECT doc, sha256, view FROM made")}

    def version(self) -> str | None:
        """The version of jmgraph (``digests.code_version``) the tables were filled by, None
        when they are not complete (never filled, or a fill that stopped)."""
        with self._guarded("read"):
            found = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return found[0] if found else None

    def pending(self) -> set[str]:
        """The documents whose parts changed with the updates so far and whose graphs are
        not yet written (``settled``)."""
        with self._guarded("read"):
            return {d for (d,) in self.db.execute("SELECT doc FROM pending")}

    def settled(self, docs: Collection[str]) -> None:
        """DOCS' graphs written: no longer pending."""
        with self._guarded("update"), self.db:
            self._change("DELETE FROM pending WHERE doc IN ({})", sorted(docs))

    # updating ---------------------------------------------------------------
    def fill(self, rows: Iterable[DocumentRows], made: Mapping[str, Made],
             persons: Mapping[str, str], version: str) -> None:
        """The tables made again from a corpus's ROWS (what each was MADE from, the digests
        of its PERSONS: see ``update``), filled by VERSION, nothing pending."""
        with self._guarded("update"), self.db:
            for (table,) in self.db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                self.db.execute(f"DELETE FROM {table}")
        self.update([], rows, made, persons)
        with self._guarded("update"), self.db:
            self.db.execute("DELETE FROM pending")
            self.db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))

    def update(self, gone: Collection[str], fresh: Iterable[DocumentRows],
               made: Mapping[str, Made] | None = None,
               persons: Mapping[str, str] | None = None) -> set[str]:
        """Drop the rows of the documents GONE and of those FRESH gives (a changed
        document, or one whose persons changed), add FRESH's (each MADE from a document
        and a view of its persons), and merge again what they change, in one transaction.
        Returns the documents whose parts may have changed (GONE and FRESH's among them):
        those saying something whose node changed or went elsewhere, those naming a person
        now credited by some fact and not before, or the other way round, and those naming
        a person whose digest changed, given the digests of every person (PERSONS,
        ``person_table.person_digests``).  They are pending until ``settled``."""
        new = {r.doc_id: r for r in fresh}
        docs = sorted(set(gone) | new.keys())
        with self._guarded("update"), self.db:
            self._change("DELETE FROM made WHERE doc IN ({})", docs)
            self.db.executemany("INSERT INTO made VALUES (?, ?, ?, ?)", (
                (d, m.document.sha256, m.view, _dumps(m.document))
                for d, m in sorted((made or {}).items())))
            delta: dict[str, Counter] = defaultdict(Counter)      # kind -> (grp, key) -> n
            reps: dict[tuple[str, str, str], Any] = {}
            for kind, grp, key in self._run(
                    "SELECT kind, grp, key FROM doc_said WHERE doc IN ({})", docs):
                delta[kind][(grp, key)] -= 1
            for table in ("doc_said", "doc_rows", "named", "doc_written"):
                self._change(f"DELETE FROM {table} WHERE doc IN ({{}})", docs)
            said: list[tuple[str, str, str, str]] = []
            for doc, rows in new.items():
                for kind in KINDS:
                    spec = SPECS[kind]
                    for row in spec.rows(rows):
                        grp, key = spec.group(row), _text(spec.key(row))
                        said.append((doc, kind, grp, key))
                        delta[kind][(grp, key)] += 1
                        reps.setdefault((kind, grp, key), row)
            self.db.executemany("INSERT INTO doc_rows VALUES (?, ?)",
                                ((d, _dumps(r)) for d, r in new.items()))
            self.db.executemany("INSERT INTO doc_written VALUES (?, ?)",
                                ((d, r.written) for d, r in new.items()))
            self.db.executemany("INSERT INTO named VALUES (?, ?)", sorted(
                {(slug, d) for d, r in new.items() for slug, _ in r.named}))
            self.db.executemany("INSERT INTO office VALUES (?, ?) ON CONFLICT DO NOTHING",
                                ((s, _dumps(o)) for r in new.values()
                                 for s, o in r.offices.items()))
            self.db.executemany("INSERT INTO doc_said VALUES (?, ?, ?, ?)", said)
            affected = set(docs)
            visits_moved: set[str] = set()
            for kind in KINDS:
                if kind == "meetings":
                    self._relink(new, visits_moved - set(gone) - new.keys(), delta, reps)
                moved = self._settle(kind, delta[kind], reps, affected)
                if kind == "visits":
                    visits_moved = moved
                affected |= moved
            affected |= self._credit(sorted(affected))
            if persons is not None:
                affected |= self._naming(self._persons_changed(persons))
            self.db.executemany("INSERT OR IGNORE INTO pending VALUES (?)",
                                ((d,) for d in sorted(affected)))
        return affected

    def _persons_changed(self, digests: Mapping[str, str]) -> set[str]:
        """The persons whose digest is not the one kept, kept as given in DIGESTS."""
        kept = dict(self.db.execute("SELECT slug, digest FROM person"))
        changed = {s for s in kept.keys() | digests.keys() if kept.get(s) != digests.get(s)}
        self._change("DELETE FROM person WHERE slug IN ({})", sorted(changed))
        self.db.executemany("INSERT INTO person VALUES (?, ?)",
                            sorted((s, digests[s]) for s in changed if s in digests))
        return changed

    def _credit(self, docs: Sequence[str]) -> set[str]:
        """The persons the facts of DOCS credit recorded again; returns the documents naming
        a person now credited somewhere who was not, or the other way round (a person no
        fact credits is stated where named)."""
        credits = self._credits_of(docs)
        touched = {p for (p,) in self._run(
            "SELECT DISTINCT person FROM credit WHERE doc IN ({})", docs)}
        touched.update(p for p, _ in credits)
        before = self._credited(touched)
        self._change("DELETE FROM credit WHERE doc IN ({})", docs)
        self.db.executemany("INSERT INTO credit VALUES (?, ?)", credits)
        flipped = sorted(before ^ self._credited(touched))
        return {d for (d,) in self._run(
            "SELECT DISTINCT doc FROM named WHERE person IN ({})", flipped)}

    def _relink(self, new: dict[str, DocumentRows], docs: Collection[str],
                delta: dict[str, Counter], reps: dict[tuple[str, str, str], Any]) -> None:
        """The meetings of the documents NEW gives and of DOCS said again, each naming its
        visit's slug as it is now."""
        spec = SPECS["meetings"]
        rows = {**self.rows_of(docs), **new}
        for kind, grp, key in self._run(
                "SELECT kind, grp, key FROM doc_said WHERE kind = 'meetings' AND doc IN ({})",
                sorted(rows)):
            delta[kind][(grp, key)] -= 1
        self._change("DELETE FROM doc_said WHERE kind = 'meetings' AND doc IN ({})",
                     sorted(rows))
        said = []
        at = self._visit_slugs(rows.values())
        for doc, r in rows.items():
            for m in linked(r.meetings, at):
                grp, key = spec.group(m), _text(spec.key(m))
                said.append((doc, "meetings", grp, key))
                delta["meetings"][(grp, key)] += 1
                reps.setdefault(("meetings", grp, key), m)
        self.db.executemany("INSERT INTO doc_said VALUES (?, ?, ?, ?)", said)

    def _visit_slugs(self, rows: Iterable[DocumentRows]) -> dict[tuple[str, int], str]:
        """(document, sentence) -> the visit stated there (the last by slug), for ROWS."""
        visits = [v for r in rows for v in r.visits]
        found: dict[tuple[str, int], str] = {}
        for v, slug in zip(visits, self._routes("visits", visits), strict=True):
            if slug is None:
                continue
            for doc, evidence in v.sources.items():
                for e in evidence:
                    if slug > found.get((doc, e.start), ""):
                        found[(doc, e.start)] = slug
        return found

    def _routes(self, kind: str, rows: list) -> list[str | None]:
        """The slug of the node each of ROWS (of KIND) went to."""
        spec = SPECS[kind]
        pairs = [(spec.group(row), _text(spec.key(row))) for row in rows]
        if not pairs:
            return []
        found = {(g, k): slug for g, k, slug in self._pairs(
            f"SELECT w.grp, w.key, n.slug FROM {_wanted('route', 'r')} "
            "LEFT JOIN node n ON n.id = r.node", kind, set(pairs))}
        return [found.get(p) for p in pairs]

    def _settle(self, kind: str, delta: Counter, reps: dict[tuple[str, str, str], Any],
                made: Collection[str]) -> set[str]:
        """DELTA (rows added or dropped per content) applied to KIND's contents; the groups
        whose contents changed merged again.  Returns the documents whose part changed, and
        for each node whose description alone changed, one document stating it (one of
        those whose parts are MADE anyway when there is one)."""
        pairs = sorted(p for p, n in delta.items() if n)
        counts = {(g, k): n for g, k, n in self._pairs(
            f"SELECT s.grp, s.key, s.n FROM {_wanted('said', 's')}", kind, pairs)}
        changed: set[str] = set()
        for (grp, key), n in delta.items():
            if not n:
                continue
            now = counts.get((grp, key), 0) + n
            if now <= 0:
                for table in ("said", "said_credit"):
                    self.db.execute(f"DELETE FROM {table} WHERE kind = ? AND grp = ? "
                                    "AND key = ?", (kind, grp, key))
                changed.add(grp)
            elif (grp, key) in counts:
                self.db.execute("UPDATE said SET n = ? WHERE kind = ? AND grp = ? AND key = ?",
                                (now, kind, grp, key))
            else:
                row = reps[(kind, grp, key)]
                self.db.execute("INSERT INTO said VALUES (?, ?, ?, ?, ?)",
                                (kind, grp, key, now, _dumps(row)))
                self.db.executemany("INSERT INTO said_credit VALUES (?, ?, ?, ?)", (
                    (kind, grp, key, p) for p in sorted(set(SPECS[kind].credits(row)))))
                changed.add(grp)
        if SPECS[kind].dated:
            changed |= self._first_written(kind, delta.keys())
        if not changed:
            return set()
        return self._merge(kind, sorted(changed), made)

    def _first_written(self, kind: str, pairs: Collection[tuple[str, str]]) -> set[str]:
        """When each of PAIRS (KIND's contents, group and key) was first written, as the
        documents saying it now tell, recorded again; returns the groups where that
        changed (a content appearing or going among them)."""
        now = {(g, k): first for g, k, first in self._pairs(
            f"SELECT d.grp, d.key, MIN(t.written) FROM {_wanted('doc_said', 'd')} "
            "JOIN doc_written t ON t.doc = d.doc GROUP BY d.grp, d.key", kind, pairs)}
        then = {(g, k): first for g, k, first in self._pairs(
            f"SELECT s.grp, s.key, s.written FROM {_wanted('said_first', 's')}", kind, pairs)}
        moved = sorted(p for p in now.keys() | then.keys() if now.get(p) != then.get(p))
        self.db.executemany("DELETE FROM said_first WHERE kind = ? AND grp = ? AND key = ?",
                            ((kind, g, k) for g, k in moved))
        self.db.executemany("INSERT INTO said_first VALUES (?, ?, ?, ?)",
                            ((kind, g, k, now[(g, k)]) for g, k in moved if (g, k) in now))
        return {g for g, _ in moved}

    def _pairs(self, sql: str, kind: str, pairs: Iterable[tuple[str, str]]) -> Iterator[tuple]:
        """SQL, which joins ``wanted w`` (kind, grp, key), run on KIND's PAIRS (grp, key);
        SQL says ``wanted w CROSS JOIN``: SQLite then reads the few pairs wanted first and
        looks each up, rather than reading the whole table joined."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted "
                        "(kind TEXT NOT NULL, grp TEXT NOT NULL, key TEXT NOT NULL)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT INTO wanted VALUES (?, ?, ?)",
                            ((kind, grp, key) for grp, key in pairs))
        yield from self.db.execute(sql)

    def _merge(self, kind: str, groups: list[str], made_anyway: Collection[str]) -> set[str]:
        """KIND's GROUPS merged again from their contents; returns the documents whose part
        changed (those saying a content whose node was renamed or dropped, or went
        elsewhere), and one document stating each node whose description alone changed:
        its graph (``rdf.descriptions``) is rendered from any document's part, and the
        documents' own graphs do not hold it (``digests``)."""
        spec = SPECS[kind]
        contents: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        for grp, key, data in self._run(
                f"SELECT grp, key, data FROM said WHERE kind = '{kind}' AND grp IN ({{}})",
                groups):
            contents[grp].append((key, pickle.loads(data)))
        old_nodes: dict[int, tuple[str, bytes]] = {}
        for node_id, slug, data in self._run(
                f"SELECT id, slug, data FROM node WHERE kind = '{kind}' AND grp IN ({{}})",
                groups):
            old_nodes[node_id] = (slug, data)
        old_route: dict[tuple[str, str], str | None] = {}
        for grp, key, node_id in self._run(
                f"SELECT grp, key, node FROM route WHERE kind = '{kind}' AND grp IN ({{}})",
                groups):
            old_route[(grp, key)] = old_nodes[node_id][0] if node_id is not None else None
        first: dict[tuple[str, str], str] = {}
        if spec.dated:
            first = {(g, k): w for g, k, w in self._run(
                "SELECT grp, key, written FROM said_first "
                f"WHERE kind = '{kind}' AND grp IN ({{}})", groups)}
        made: list[_Node] = []
        route: dict[tuple[str, str], _Node | None] = {}
        for grp in groups:
            rows = [row for _, row in contents[grp]]
            if spec.dated:
                plan = spec.plan(rows, {spec.key(row): first[(grp, key)]
                                        for key, row in contents[grp]})
            else:
                plan = spec.plan(rows)
            by_id = {id(n): _Node(grp, n) for n in plan.nodes}
            for n in by_id.values():
                if spec.base is not None:
                    n.rank = spec.key(n.node)
                if isinstance(plan, AgreementPlan):
                    n.milestones = {k: m.slug if m is not None else None
                                    for k, m in plan.milestones[n.node.slug].items()}
                n.node = _bare(n.node)
            made.extend(by_id.values())
            for key, row in contents[grp]:
                target = plan.route[spec.key(row)]
                route[(grp, key)] = by_id[id(target)] if target is not None else None
        self._change("DELETE FROM node WHERE id IN ({})", sorted(old_nodes))
        self._change(f"DELETE FROM route WHERE kind = '{kind}' AND grp IN ({{}})", groups)
        renamed: set[str] = set()
        if spec.base is not None:
            dropped = {_root(slug) for slug, _ in old_nodes.values()}
            renamed = self._give_slugs(kind, made, spec.base, dropped)
        old_data = {slug: data for slug, data in old_nodes.values()}
        was = {slug: pickle.loads(data) for slug, data in old_data.items()}
        changed_slugs = set(renamed)
        redescribed: set[str] = set()               # kept slugs, descriptions changed
        changed_stones: set[str] = set()           # an agreement's milestones, by slug
        for n in made:
            data = n.data
            old = old_data.pop(n.node.slug, None)
            if old is None:
                changed_slugs.add(n.node.slug)
            elif old != data:
                before = was[n.node.slug][0]
                changed_stones |= _stones_changed(before, n.node)
                if kind in NAMING and credited(before) != credited(n.node):
                    changed_slugs.add(n.node.slug)     # each stating document names them
                elif _shared(before) != _shared(n.node):
                    redescribed.add(n.node.slug)   # signatories too: each document credits
                    #                                those it names (``kinds.credited_in``)
            n.id = self.db.execute(
                "INSERT INTO node (kind, grp, slug, root, rank, data, credits) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, n.grp, n.node.slug, _root(n.node.slug), _dumps(n.rank), data,
                 json.dumps(credited(n.node)))).lastrowid
        changed_slugs |= old_data.keys()                        # dropped
        self.db.executemany("INSERT INTO route VALUES (?, ?, ?, ?)", (
            (kind, grp, key, n.id if n is not None else None)
            for (grp, key), n in route.items()))
        moved = [p for p, n in route.items()
                 if (n.node.slug if n is not None else None) != old_route.get(p, "")
                 or (n is not None and n.node.slug in changed_slugs)]
        moved += [p for p, slug in old_route.items()
                  if p not in route or (slug is not None and slug in changed_slugs)]
        # what states each node (and milestone) whose description alone changed
        stating: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        for p, n in route.items():
            if n is not None and n.node.slug in redescribed:
                stating[("node", n.node.slug)].add(p)
        if kind == "agreements":             # a document renders the milestones it states
            for p in route.keys() | old_route.keys():
                n, slug = route.get(p), old_route.get(p)
                now = _stated_stones(p[1], n.milestones if n is not None else {})
                then = _stated_stones(p[1], was[slug][1] if slug in was else {})
                if now != then:
                    moved.append(p)
                for stone in now & changed_stones:
                    stating[("milestone", stone)].add(p)
        affected = {d for (d,) in self._pairs(
            f"SELECT DISTINCT d.doc FROM {_wanted('doc_said', 'd')}", kind, set(moved))}
        if renamed:
            affected |= {d for (d,) in self._run(
                "SELECT DISTINCT doc_said.doc FROM node JOIN route ON route.node = node.id "
                "JOIN doc_said ON doc_said.kind = route.kind AND doc_said.grp = route.grp "
                f"AND doc_said.key = route.key WHERE node.kind = '{kind}' "
                "AND node.slug IN ({})", sorted(renamed))}
        return affected | self._one_each(kind, stating, affected | set(made_anyway))

    def _one_each(self, kind: str, stating: Mapping[Any, Collection[tuple[str, str]]],
                  made: Collection[str]) -> set[str]:
        """One document saying one of the contents (group, key) each of STATING gives: none
        when one of the documents MADE does, else the first by name."""
        wanted = {p for contents in stating.values() for p in contents}
        docs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
        for grp, key, doc in self._pairs(
                f"SELECT d.grp, d.key, d.doc FROM {_wanted('doc_said', 'd')}", kind, wanted):
            docs_of[(grp, key)].add(doc)
        chosen: set[str] = set()
        for contents in stating.values():
            docs = set().union(*(docs_of[p] for p in contents))
            if docs and docs.isdisjoint(made):
                chosen.add(min(docs))
        return chosen

    def _give_slugs(self, kind: str, made: list[_Node], base: Callable[[Any], str],
                    dropped: set[str]) -> set[str]:
        """Slugs given to MADE and given again to the kept nodes whose bases share a root
        with theirs or with the slugs of nodes DROPPED (roots), in key order; returns the
        kept nodes' old and new slugs when renamed."""
        roots = sorted({_root(base(n.node)) for n in made} | dropped)
        everything: list[tuple[Key, int, Any]] = [
            (pickle.loads(rank), 0, (node_id, slug, data))
            for node_id, slug, rank, data in self._run(
                f"SELECT id, slug, rank, data FROM node WHERE kind = '{kind}' AND root IN ({{}})",
                roots)]
        everything += [(n.rank, 1, n) for n in made]
        everything.sort(key=lambda item: item[0])
        taken: set[str] = set()
        renamed: set[str] = set()
        moves: list[tuple[int, str, Any]] = []
        for _, is_made, item in everything:
            if is_made:
                item.node.slug = unique_slug(base(item.node), taken)
                taken.add(item.node.slug)
                continue
            node_id, slug, data = item
            node, milestones = pickle.loads(data)
            given = unique_slug(base(node), taken)
            taken.add(given)
            if given != slug:
                node.slug = given
                moves.append((node_id, given, _dumps((node, milestones))))
                renamed.update((slug, given))
        # two steps: a slug can pass from one kept node to another
        self.db.executemany("UPDATE node SET slug = ? WHERE id = ?",
                            ((f"\x00{i}", i) for i, _, _ in moves))
        self.db.executemany("UPDATE node SET slug = ?, root = ?, data = ? WHERE id = ?",
                            ((g, _root(g), d, i) for i, g, d in moves))
        return renamed

    # parts ------------------------------------------------------------------
    def parts(self, docs: Collection[str], persons: PersonTable,
              documents: Mapping[str, DocumentInfo] | None = None) -> dict[str, Resolution]:
        """The parts of DOCS still in the corpus, as ``partition.part`` gives them of the
        corpus resolved whole: their persons named by PERSONS, each document described by
        DOCUMENTS (by default, the one its rows were made from)."""
        with self._guarded("read"):
            rows = self.rows_of(docs)
            if documents is None:
                documents = {d: pickle.loads(data) for d, data in self._run(
                    "SELECT doc, document FROM made WHERE doc IN ({})", sorted(rows))}
            facts = {d: self._facts(r) for d, r in rows.items()}
            offices = {s: pickle.loads(data) for s, data in self.db.execute(
                "SELECT slug, data FROM office")}
            return {d: self._part(rows[d], facts[d], persons, offices, documents[d])
                    for d in sorted(rows)}

    def credits(self, docs: Collection[str]) -> set[str]:
        """The persons the facts of DOCS credit."""
        with self._guarded("read"):
            return {p for p, _ in self._credits_of(sorted(docs))}

    def _credits_of(self, docs: Sequence[str]) -> list[tuple[str, str]]:
        """(person, document): the persons the facts of DOCS credit there (what each of
        its contents that makes a node credits: ``kinds.credited_in``)."""
        return sorted(set(self._run(
            "SELECT c.person, d.doc FROM doc_said d JOIN route r "
            "ON r.kind = d.kind AND r.grp = d.grp AND r.key = d.key "
            "JOIN said_credit c ON c.kind = d.kind AND c.grp = d.grp AND c.key = d.key "
            "WHERE r.node IS NOT NULL AND d.doc IN ({})", docs)))

    def _credited(self, slugs: Collection[str]) -> set[str]:
        """Those of SLUGS some fact credits."""
        return {p for (p,) in self._run(
            "SELECT DISTINCT person FROM credit WHERE person IN ({})", sorted(slugs))}

    def _node(self, kind: str, slug: str) -> tuple[Any, dict[Key, str | None]]:
        (data,) = self.db.execute("SELECT data FROM node WHERE kind = ? AND slug = ?",
                                  (kind, slug)).fetchone()
        return pickle.loads(data)

    def _facts(self, rows: DocumentRows) -> dict[str, dict[str, Any]]:
        """The fact nodes ROWS state, each with this document's sentences (a holding its
        dates, an agreement's milestones theirs), by kind and slug."""
        doc = rows.doc_id
        facts: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
        milestone_of: dict[str, dict[Key, str | None]] = {}

        def node(kind: str, slug: str) -> Any:
            found = facts[kind].get(slug)
            if found is None:
                found, milestone_of[slug] = self._node(kind, slug)
                facts[kind][slug] = found
            return found

        for h in rows.holdings:
            n = node("holdings", h.slug)
            if h.date:
                n.dates.setdefault(doc, set()).add(h.date)
            add_sources(n.sources, [h.evidence])
        for v, slug in zip(rows.visits, self._routes("visits", rows.visits), strict=True):
            if slug is not None:
                add_sources(node("visits", slug).sources, v.sources.get(doc, []))
        meetings = linked(rows.meetings, self._visit_slugs([rows]))
        for m, slug in zip(meetings, self._routes("meetings", meetings), strict=True):
            if slug is not None:
                add_sources(node("meetings", slug).sources, m.sources.get(doc, []))
        for p, slug in zip(rows.partnerships, self._routes("partnerships", rows.partnerships),
                           strict=True):
            if slug is not None:
                add_sources(node("partnerships", slug).sources, p.sources.get(doc, []))
        for a, slug in zip(rows.agreements, self._routes("agreements", rows.agreements),
                           strict=True):
            if slug is None:
                continue
            n = node("agreements", slug)
            add_sources(n.sources, a.agreement.sources.get(doc, []))
            add_signed(n, a)
            by_slug = {m.slug: m for m in n.milestones}
            for stage, date, status, evidence in a.stones:
                target = milestone_of[slug].get(stone_key((stage, date, status)))
                if target is not None:
                    add_source(by_slug[target].sources, evidence)
        for n in facts["agreements"].values():     # a part holds the milestones it states
            n.milestones = [m for m in n.milestones if doc in m.sources]
        for found in facts.values():
            for n in found.values():
                sort_sources(n.sources)
                for m in getattr(n, "milestones", []):
                    sort_sources(m.sources)
        return facts

    def _part(self, rows: DocumentRows, facts: dict[str, dict[str, Any]],
              persons: PersonTable, offices: dict[str, Any], document: DocumentInfo) -> Resolution:
        doc = rows.doc_id
        stated: dict[str, Sources] = defaultdict(dict)
        named_by_facts: set[str] = set()
        for kind, found in facts.items():
            for n in found.values():
                for p in credited_in(n, doc):
                    for e in n.sources.get(doc, []):
                        add_source(stated[p], e)
                if kind in NAMING:
                    named_by_facts.update(credited(n))
        anywhere = self._credited({slug for slug, _ in rows.named})
        for slug, evidence in rows.named:
            if slug not in anywhere and slug not in persons.lone_titles:
                add_source(stated[slug], evidence)
        people: dict[str, Person] = {}
        for slug in sorted(named_by_facts | stated.keys()):
            p = persons.persons[slug]
            sources = stated.get(slug, {})
            sort_sources(sources)
            people[slug] = replace(p, names={doc: p.names[doc]} if doc in p.names else {},
                                   sources=dict(sources))
        return Resolution(
            documents={doc: document},
            persons=people,
            offices=offices,
            holdings=facts["holdings"],
            visits=facts["visits"],
            meetings=facts["meetings"],
            partnerships=facts["partnerships"],
            agreements=facts["agreements"],
            countries=set(),
        )


# The kinds whose persons a document's graph names (for their labels).
NAMING = tuple(k.name for k in FACT_KINDS if k.labelled_by_persons)
