"""Persons resolved a block at a time, so that a new document re-clusters only the persons
it can touch, not the corpus.

A block is a set of person records (``person_clusters.Record``) closed under "can be the
same person" (``person_clusters.same_person``): every record that one of its records can be
the same person as is in the block.  Clustering (``person_clusters.cluster_records``) only
compares a record with records it can be the same person as, and takes records in an order
a block keeps (strong records by their sort key, weak ones in corpus order), so the clusters
of a corpus are the clusters of each of its blocks.  A block may be coarser than that closure
(two of its records need not be the same person): only the closure matters.  Title-only
records ("the Crown Prince") are never clustered, so they are in no block.

``blocks`` splits records into blocks; ``BlockStore`` keeps a corpus's blocks in SQLite,
with the probes that find them and the summaries of their clusters (``person_table``), and
re-blocks and re-clusters what changed documents touch.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import astuple

from ..extract.model import Capacity, Extraction
from ..resolve.person_clusters import (
    UNSET,
    Record,
    cluster_records,
    identity_of,
    lookups_of,
    person_records,
    probes_of,
)
from ..resolve.person_table import summarize
from .named_persons import SCHEMA as NAMED_SCHEMA
from .named_persons import NamedPersons

# A record's place in the corpus: its document, and its rank among the document's records.
Place = tuple[str, int]


class _Union:
    """Union-find over 0..n-1."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def blocks(records: Iterable[Record]) -> list[list[Record]]:
    """RECORDS (title-only ones left out) split into blocks, in RECORDS' order, each block's
    records in RECORDS' order too.  Records of one identity (what ``same_person`` reads) share a
    block; two identities share one when one's lookups meet the other's probes, which they
    do whenever the two can be the same person."""
    return [block for block, _ in _blocks_and_probes(records)]


def _blocks_and_probes(records: Iterable[Record]) -> list[tuple[list[Record], set[str]]]:
    """``blocks(RECORDS)``, each block with the probes of its records."""
    listed = [r for r in records if not r.title_only]
    members: dict[tuple, list[Record]] = {}
    for r in listed:
        members.setdefault(identity_of(r), []).append(r)
    firsts = [group[0] for group in members.values()]
    union = _Union(len(firsts))
    own = [probes_of(r) for r in firsts]
    registered: dict[str, list[int]] = defaultdict(list)
    for i, probes in enumerate(own):
        for probe in probes:
            registered[probe].append(i)
    joined: set[str] = set()       # probes whose identities are one block already
    for i, r in enumerate(firsts):
        for probe in lookups_of(r):
            found = registered.get(probe)
            if not found:
                continue
            if probe in joined:
                union.join(i, found[0])
                continue
            for j in found:
                union.join(i, j)
            joined.add(probe)
    block_of = {}
    block_probes: dict[int, set[str]] = defaultdict(set)
    for i, group in enumerate(members.values()):
        root = union.find(i)
        block_probes[root] |= own[i]
        for r in group:
            block_of[id(r)] = root
    grouped: dict[int, list[Record]] = {}
    for r in listed:                       # blocks and their records in RECORDS' order
        grouped.setdefault(block_of[id(r)], []).append(r)
    return [(block, block_probes[root]) for root, block in grouped.items()]


_TITLE_AT = "$[7]"                       # where _dumps puts a record's title_only


def _dumps(r: Record) -> str:
    return json.dumps([sorted(r.words), list(r.keys.items()), sorted(r.initials),
                       sorted(r.names), r.display, r.gender, r.royal, r.title_only, r.weak,
                       r.mids, [astuple(c) for c in r.capacities], sorted(r.roles)],
                      ensure_ascii=False)


def _loads(doc: str, rep: str, data: str) -> Record:
    (words, keys, initials, names, display, gender, royal, title_only, weak, mids, capacities,
     roles) = json.loads(data)
    return Record(doc, rep, words=set(words), keys=Counter(dict(keys)),
                  initials=set(initials), names=set(names), display=display, gender=gender,
                  royal=royal, title_only=title_only, weak=weak, mids=mids,
                  capacities={Capacity(*c): None for c in capacities}, roles=set(roles),
                  key=UNSET)


SCHEMA = """
CREATE TABLE IF NOT EXISTS person_record (
    doc TEXT NOT NULL, position INTEGER NOT NULL, rep TEXT NOT NULL,
    block INTEGER,                          -- NULL for a title-only record
    data TEXT NOT NULL,
    PRIMARY KEY (doc, position));
CREATE INDEX IF NOT EXISTS person_record_block ON person_record (block);
CREATE TABLE IF NOT EXISTS person_probe (
    probe TEXT NOT NULL, block INTEGER NOT NULL,
    PRIMARY KEY (probe, block)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_probe_block ON person_probe (block);
CREATE TABLE IF NOT EXISTS person_cluster (
    block INTEGER NOT NULL,
    data TEXT NOT NULL);                    -- person_table.Summary as JSON
CREATE INDEX IF NOT EXISTS person_cluster_block ON person_cluster (block);
CREATE TABLE IF NOT EXISTS person_document (
    doc TEXT PRIMARY KEY, sha256 TEXT NOT NULL) WITHOUT ROWID;
"""


class BlockStore(NamedPersons):
    """A corpus's person records in SQLite, each with its place and block, each block's
    probes (what finds the blocks a new record can join) and the summaries of its clusters,
    the version (SHA-256) of each document whose records it holds, and the persons named
    from them (``named_persons``)."""

    SCHEMA = SCHEMA + NAMED_SCHEMA
    WHAT = "person blocks"

    def _column(self, sql: str, values: Sequence) -> set:
        return {row[0] for row in self._run(sql, values)}

    def documents(self) -> dict[str, str]:
        """Document id -> the version (SHA-256) of the document whose records are held."""
        with self._guarded("read"):
            return dict(self.db.execute("SELECT doc, sha256 FROM person_document"))

    def replace(self, removed: Collection[str], added: Iterable[tuple[Place, Record]],
                versions: Mapping[str, str] | None = None
                ) -> tuple[set[int], dict[int, list[Record]]]:
        """Drop the records of the documents REMOVED (a changed document is removed and
        added again) and add ADDED, of the documents whose VERSIONS are given, re-blocking
        and re-clustering the blocks they touch, in one transaction.  Returns the blocks
        dropped and the blocks made in their place (by number, each block's records in
        corpus order)."""
        new = sorted(added, key=lambda item: item[0])
        gone = sorted(set(removed) | set(versions or {}))
        looked: dict[tuple, Record] = {}
        for _, r in new:
            if not r.title_only:
                looked.setdefault(identity_of(r), r)
        probes = sorted({p for r in looked.values() for p in lookups_of(r)})
        with self._guarded("update"), self.db:
            dropped = self._column(
                "SELECT DISTINCT block FROM person_record "
                "WHERE block IS NOT NULL AND doc IN ({})", gone)
            dropped |= self._column(
                "SELECT DISTINCT block FROM person_probe WHERE probe IN ({})", probes)
            roles = {r.title_only for _, r in new if r.title_only}
            roles |= {_loads(doc, rep, data).title_only for doc, rep, data in self._run(
                "SELECT doc, rep, data FROM person_record WHERE block IS NULL AND doc IN ({})",
                gone)}
            kept, texts = self._records_of(sorted(dropped), set(gone))
            blocks_ = self._write(sorted(dropped), gone, kept + new, texts)
            self.db.executemany("INSERT INTO person_document VALUES (?, ?)",
                                sorted((versions or {}).items()))
            self._name_again(dropped, blocks_.keys(), gone, {r for r in roles if r},
                             self._titles)
        return dropped, blocks_

    def name_if_stale(self) -> None:
        """Every person named again when another version of jmgraph named them."""
        with self._guarded("update"), self.db:
            if self._stale():
                self._name_again((), (), (), (), self._titles)

    def _titles(self, roles: Collection[str] | None = None) -> list[Record]:
        """Every title-only record ("the Crown Prince"), or those of ROLES, in corpus
        order."""
        sql = "SELECT doc, rep, data FROM person_record WHERE block IS NULL"
        order = " ORDER BY doc, position"
        rows = (self.db.execute(sql + order) if roles is None else self._run(
            f"{sql} AND json_extract(data, '{_TITLE_AT}') IN ({{}}){order}", sorted(roles)))
        return [_loads(doc, rep, data) for doc, rep, data in rows]

    def _records_of(self, numbers: Sequence[int], leaving: Collection[str]
                    ) -> tuple[list[tuple[Place, Record]], dict[int, str]]:
        """The records of the blocks NUMBERS but those of the documents LEAVING, and each
        one's JSON as kept (by ``id``)."""
        found: list[tuple[Place, Record]] = []
        texts: dict[int, str] = {}
        for doc, position, rep, data in self._run(
                "SELECT doc, position, rep, data FROM person_record WHERE block IN ({})",
                numbers):
            if doc not in leaving:
                r = _loads(doc, rep, data)
                found.append(((doc, position), r))
                texts[id(r)] = data
        return found, texts

    def _write(self, dropped: Sequence[int], gone: Sequence[str],
               region: list[tuple[Place, Record]], texts: Mapping[int, str] | None = None
               ) -> dict[int, list[Record]]:
        """The blocks DROPPED and the records of the documents GONE deleted, and REGION's
        records blocked, clustered and written (TEXTS: the JSON of those kept, by ``id``)."""
        texts = texts or {}

        def text(r: Record) -> str:
            return texts.get(id(r)) or _dumps(r)

        (start,) = self.db.execute(      # not the number of a block dropped here
            "SELECT COALESCE(MAX(block), -1) + 1 FROM person_record").fetchone()
        for sql, values in (("DELETE FROM person_record WHERE block IN ({})", dropped),
                            ("DELETE FROM person_probe WHERE block IN ({})", dropped),
                            ("DELETE FROM person_cluster WHERE block IN ({})", dropped),
                            ("DELETE FROM person_record WHERE doc IN ({})", gone),
                            ("DELETE FROM person_document WHERE doc IN ({})", gone)):
            self._change(sql, values)
        region.sort(key=lambda item: item[0])
        place = {id(r): at for at, r in region}
        made = dict(enumerate(_blocks_and_probes(r for _, r in region), start))
        rows = [(*place[id(r)], r.rep, number, text(r))
                for number, (block, _) in made.items() for r in block]
        rows += [(*at, r.rep, None, text(r)) for at, r in region if r.title_only]
        self.db.executemany("INSERT INTO person_record VALUES (?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO person_probe VALUES (?, ?)",
                            ((p, number) for number, (_, probes) in made.items()
                             for p in probes))
        self.db.executemany("INSERT INTO person_cluster VALUES (?, ?)", (
            (number, json.dumps(summarize(c).to_json(), ensure_ascii=False))
            for number, (block, _) in made.items() for c in cluster_records(block)))
        return {number: block for number, (block, _) in made.items()}

    def all_blocks(self) -> dict[int, list[Record]]:
        """Every block, by number, each one's records in corpus order."""
        found: dict[int, list[Record]] = defaultdict(list)
        with self._guarded("read"):
            rows = self.db.execute("SELECT block, doc, rep, data FROM person_record "
                                   "WHERE block IS NOT NULL ORDER BY doc, position")
            for number, doc, rep, data in rows:
                found[number].append(_loads(doc, rep, data))
        return dict(found)


def placed_records(x: Extraction) -> list[tuple[Place, Record]]:
    """The person records of one document, each with its place."""
    return [((x.document.doc_id, n), r) for n, r in enumerate(person_records([x]))]
