"""The corpus's merged facts kept in SQLite group by group, so that a changed document
re-merges only the groups its rows are in, not the corpus.

A group is what ``fact_merge`` merges a kind of rows within: the rows of one holding
(person and office), of visits with one destination and visitors, of meetings with one set
of participants, of partnerships between one set of parties; agreements are one group
(wordings of an instrument are found by shared content words across the corpus).  The
rows of a group merge into the nodes the whole corpus's rows give (``tests/test_fact_merge.py``).

Slugs are the one thing that crosses groups: visits and meetings of different groups can
share a slug's base, and the corpus gives ``-2``, ``-3``... in the order of the nodes' keys
(``fact_merge.visit_key``, ``meeting_key``).  Each node keeps its key as its rank, and
slugs are given again over every node of the kind when a group changes.  A meeting is
linked to the visit stated in its visit's sentence, so the meetings of documents whose
visits changed are merged again too.

Rows and nodes are pickled: they are made and read only by this module, from the store's
own cache (``extraction_cache``), never from outside.
"""

from __future__ import annotations

import json
import pickle
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from .fact_merge import (
    meeting_key,
    meeting_slug,
    merge_agreements,
    merge_holdings,
    merge_meetings,
    merge_partnerships,
    merge_visits,
    visit_key,
    visit_sentences,
    visit_slug,
)
from .fact_rows import DocumentRows
from .resolved import stating_documents, unique_slug
from .sqlite_tables import SqliteTables

# The kinds of nodes kept, in the order they are merged (a meeting reads its visit's slug).
KINDS = ("holdings", "visits", "partnerships", "agreements", "meetings")
# The kinds whose slugs are given over the whole corpus (a base shared across groups).
RANKED = ("visits", "meetings")

SCHEMA = """
CREATE TABLE IF NOT EXISTS fact_row (
    kind TEXT NOT NULL, grp TEXT NOT NULL, doc TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (kind, grp, doc));
CREATE INDEX IF NOT EXISTS fact_row_doc ON fact_row (doc);
CREATE TABLE IF NOT EXISTS fact_node (
    kind TEXT NOT NULL, grp TEXT NOT NULL, slug TEXT NOT NULL, base TEXT NOT NULL,
    rank BLOB NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS fact_node_grp ON fact_node (kind, grp);
CREATE INDEX IF NOT EXISTS fact_node_slug ON fact_node (kind, slug);
CREATE TABLE IF NOT EXISTS fact_node_doc (kind TEXT NOT NULL, slug TEXT NOT NULL,
                                          doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS fact_node_doc_doc ON fact_node_doc (kind, doc);
CREATE INDEX IF NOT EXISTS fact_node_doc_slug ON fact_node_doc (kind, slug);
"""

Group = tuple[str, str]                       # kind, the group's key as text
Placed = tuple[str, int, object]              # document, the row's rank in it, the row


def _key(*values: object) -> str:
    return json.dumps(values, ensure_ascii=False)


def groups_of(rows: DocumentRows) -> dict[Group, list[tuple[int, object]]]:
    """ROWS by group, each with its rank among its document's rows of its kind."""
    found: dict[Group, list[tuple[int, object]]] = defaultdict(list)
    for n, h in enumerate(rows.holdings):
        found[("holdings", h.slug)].append((n, h))
    for n, v in enumerate(rows.visits):
        found[("visits", _key(v.destination, v.visitors))].append((n, v))
    for n, m in enumerate(rows.meetings):
        found[("meetings", _key(m.meeting.participants))].append((n, m))
    for n, p in enumerate(rows.partnerships):
        found[("partnerships", _key(p.parties))].append((n, p))
    for n, a in enumerate(rows.agreements):
        found[("agreements", "")].append((n, a))
    return found


@dataclass
class _Node:
    slug: str
    base: str
    rank: tuple
    node: object


@dataclass
class Changes:
    """The slugs of the nodes an update made, dropped or changed, by kind (a renamed node
    under both its slugs)."""

    slugs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class FactGroups(SqliteTables):
    """A corpus's fact rows and merged nodes in SQLite, by group."""

    SCHEMA = SCHEMA
    WHAT = "merged facts"

    # reading ----------------------------------------------------------------
    def nodes(self, kind: str) -> dict[str, object]:
        """Every node of KIND, by slug."""
        with self._guarded("read"):
            return {slug: pickle.loads(data) for slug, data in self.db.execute(
                "SELECT slug, data FROM fact_node WHERE kind = ?", (kind,))}

    def _group_rows(self, group: Group) -> list[Placed]:
        placed: list[Placed] = []
        for doc, data in self.db.execute(
                "SELECT doc, data FROM fact_row WHERE kind = ? AND grp = ? ORDER BY doc", group):
            placed.extend((doc, n, row) for n, row in pickle.loads(data))
        return placed

    def _visit_at(self, docs: Collection[str]) -> dict[tuple[str, int], str]:
        """``fact_merge.visit_sentences`` of the visits DOCS state, for DOCS."""
        slugs = sorted({s for (s,) in self._run(
            "SELECT DISTINCT slug FROM fact_node_doc WHERE kind = 'visits' AND doc IN ({})",
            sorted(docs))})
        visits = {slug: pickle.loads(data) for slug, data in self._run(
            "SELECT slug, data FROM fact_node WHERE kind = 'visits' AND slug IN ({})", slugs)}
        return {at: slug for at, slug in visit_sentences(visits).items() if at[0] in docs}

    # updating ---------------------------------------------------------------
    def update(self, gone: Collection[str], fresh: Iterable[DocumentRows]) -> Changes:
        """Drop the rows of the documents GONE and of those FRESH gives (a changed
        document, or one whose persons changed), add FRESH's, and merge again the groups
        they touch, in one transaction.  Returns what changed."""
        new = {r.doc_id: groups_of(r) for r in fresh}
        docs = sorted(set(gone) | new.keys())
        changes = Changes()
        with self._guarded("update"), self.db:
            touched: dict[str, set[str]] = defaultdict(set)
            for kind, grp in self._run(
                    "SELECT DISTINCT kind, grp FROM fact_row WHERE doc IN ({})", docs):
                touched[kind].add(grp)
            self._change("DELETE FROM fact_row WHERE doc IN ({})", docs)
            self.db.executemany("INSERT INTO fact_row VALUES (?, ?, ?, ?)", (
                (kind, grp, doc, pickle.dumps(rows, pickle.HIGHEST_PROTOCOL))
                for doc, groups in new.items() for (kind, grp), rows in groups.items()))
            for groups in new.values():
                for kind, grp in groups:
                    touched[kind].add(grp)
            for kind in KINDS:
                if kind == "meetings":
                    touched[kind] |= self._meetings_on(changes.slugs["visits"])
                self._merge(kind, sorted(touched[kind]), changes)
        return changes

    def _meetings_on(self, visits: Collection[str]) -> set[str]:
        """The meeting groups with rows in the documents of the visits VISITS names (old
        or new): their links to visits may have changed."""
        docs = sorted({d for (d,) in self._run(
            "SELECT DISTINCT doc FROM fact_node_doc WHERE kind = 'visits' AND slug IN ({})",
            sorted(visits))})
        return {g for (g,) in self._run(
            "SELECT DISTINCT grp FROM fact_row WHERE kind = 'meetings' AND doc IN ({})", docs)}

    def _merge(self, kind: str, groups: Sequence[str], changes: Changes) -> None:
        old: dict[str, bytes] = {}
        for slug, data in self._run(
                f"SELECT slug, data FROM fact_node WHERE kind = '{kind}' AND grp IN ({{}})",
                groups):
            old[slug] = data
        made: list[tuple[str, _Node]] = []
        for grp in groups:
            made.extend((grp, n) for n in self._merged(kind, grp))
        self._change(f"DELETE FROM fact_node WHERE kind = '{kind}' AND grp IN ({{}})", groups)
        self._change(f"DELETE FROM fact_node_doc WHERE kind = '{kind}' AND slug IN ({{}})",
                     sorted(old))
        if kind in RANKED:
            self._give_slugs(kind, [n for _, n in made], changes)
        for grp, n in made:
            data = pickle.dumps(n.node, pickle.HIGHEST_PROTOCOL)
            if old.pop(n.slug, None) != data:
                changes.slugs[kind].add(n.slug)
            self.db.execute("INSERT INTO fact_node VALUES (?, ?, ?, ?, ?, ?)",
                            (kind, grp, n.slug, n.base, pickle.dumps(n.rank), data))
            self.db.executemany("INSERT INTO fact_node_doc VALUES (?, ?, ?)",
                                ((kind, n.slug, d) for d in sorted(stating_documents(n.node))))
        changes.slugs[kind].update(old)              # dropped

    def _merged(self, kind: str, grp: str) -> list[_Node]:
        """The nodes of one group, merged from its rows."""
        placed = self._group_rows((kind, grp))
        rows = [row for _, _, row in placed]
        if kind == "holdings":
            return [_Node(h.slug, h.slug, (), h) for h in merge_holdings(rows).values()]
        if kind == "partnerships":
            return [_Node(slug, slug, (), p)
                    for slug, p in merge_partnerships(rows).items()]
        if kind == "agreements":
            return [_Node(slug, slug, (), a) for slug, a in merge_agreements(rows).items()]
        if kind == "visits":
            return [_Node("", visit_slug(v), visit_key(v), v) for v in merge_visits(rows)]
        visit_at = self._visit_at({doc for doc, _, _ in placed})
        return [_Node("", meeting_slug(m), meeting_key(m), m)
                for m in merge_meetings(rows, visit_at)]

    def _give_slugs(self, kind: str, made: list[_Node], changes: Changes) -> None:
        """Slugs given again over every node of KIND, in rank order: MADE's, and the kept
        nodes' (a kept node whose slug changes is rewritten)."""
        everything: list[tuple[tuple, str, int | None, str | None, _Node | None]] = [
            (pickle.loads(rank), base, rowid, slug, None)
            for rowid, slug, base, rank in self.db.execute(
                "SELECT rowid, slug, base, rank FROM fact_node WHERE kind = ?", (kind,))]
        everything += [(n.rank, n.base, None, None, n) for n in made]
        everything.sort(key=lambda item: item[0])
        taken: set[str] = set()
        renamed: list[tuple[int, str, str]] = []
        for _, base, rowid, slug, n in everything:
            given = unique_slug(base, taken)
            taken.add(given)
            if n is not None:
                n.slug = n.node.slug = given  # type: ignore[attr-defined]
            elif given != slug:
                renamed.append((rowid, slug, given))  # type: ignore[arg-type]
        self._change(f"DELETE FROM fact_node_doc WHERE kind = '{kind}' AND slug IN ({{}})",
                     [slug for _, slug, _ in renamed])
        for rowid, slug, given in renamed:
            ((data,),) = self.db.execute("SELECT data FROM fact_node WHERE rowid = ?", (rowid,))
            node = pickle.loads(data)
            node.slug = given
            self.db.execute("UPDATE fact_node SET slug = ?, data = ? WHERE rowid = ?",
                            (given, pickle.dumps(node, pickle.HIGHEST_PROTOCOL), rowid))
            self.db.executemany("INSERT INTO fact_node_doc VALUES (?, ?, ?)",
                                ((kind, given, d) for d in sorted(stating_documents(node))))
            changes.slugs[kind].update((slug, given))
