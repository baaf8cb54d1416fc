"""The size of each fact's description graph in a store (``description_graphs``) and the
digest of its quads, kept in SQLite beside the extraction cache, and the descriptions an
``add`` looks at again for facts no document may state any longer, kept from before it
writes any graph until its descriptions are written: a run stopped in between leaves them
to the next.

A digest is recorded only once its graph is stored, and forgotten before the graph is
written again: a graph whose digest is recorded holds what the digest says (one whose
digest is not is compared with the store)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from .sqlite_tables import SqliteTables

SCHEMA = """
CREATE TABLE IF NOT EXISTS description (key TEXT PRIMARY KEY, quads INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unsure (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS digest (key TEXT PRIMARY KEY, digest TEXT NOT NULL);
"""


class DescriptionRecords(SqliteTables):
    """The size of each description graph stored, and the descriptions an ``add`` that
    stopped may have left to drop."""

    SCHEMA = SCHEMA
    WHAT = "description records"

    def unsure(self) -> set[str]:
        """The descriptions whose facts a run that stopped was about to look at again (some
        may be stated by no document any longer)."""
        with self._guarded("read"):
            return {k for (k,) in self.db.execute("SELECT key FROM unsure")}

    def begin(self, keys: Iterable[str]) -> None:
        """Graphs are about to be written: KEYS unsure until ``save``."""
        with self._guarded("update"), self.db:
            self.db.executemany("INSERT OR IGNORE INTO unsure VALUES (?)",
                                ((k,) for k in sorted(keys)))

    def digests(self, keys: Collection[str] | None = None) -> dict[str, str]:
        """The digest of each description graph stored (of KEYS, when given), as far as
        recorded."""
        with self._guarded("read"):
            if keys is None:
                return dict(self.db.execute("SELECT key, digest FROM digest"))
            return dict(self._run("SELECT key, digest FROM digest WHERE key IN ({})",
                                  sorted(keys)))

    def forget(self, keys: Iterable[str]) -> None:
        """The graphs of KEYS are about to be written: their digests no longer hold."""
        with self._guarded("update"), self.db:
            self._change("DELETE FROM digest WHERE key IN ({})", sorted(keys))

    def save(self, sizes: Mapping[str, int | None], whole: bool = False,
             digests: Mapping[str, str] | None = None) -> None:
        """SIZES recorded (None: the graph was dropped) and the DIGESTS of graphs stored,
        every other record dropped when WHOLE; nothing unsure."""
        dropped = sorted(k for k, n in sizes.items() if n is None)
        with self._guarded("update"), self.db:
            if whole:
                self.db.execute("DELETE FROM description")
                self.db.execute("DELETE FROM digest")
            self._change("DELETE FROM description WHERE key IN ({})", dropped)
            self._change("DELETE FROM digest WHERE key IN ({})", dropped)
            self.db.executemany("INSERT OR REPLACE INTO description VALUES (?, ?)",
                                sorted((k, n) for k, n in sizes.items() if n is not None))
            self.db.executemany("INSERT OR REPLACE INTO digest VALUES (?, ?)",
                                sorted((digests or {}).items()))
            self.db.execute("DELETE FROM unsure")

    def total(self) -> int:
        """The quads in the description graphs recorded."""
        with self._guarded("read"):
            (n,) = self.db.execute("SELECT COALESCE(SUM(quads), 0) FROM description").fetchone()
        return int(n)
