"""What the SQLite files kept beside the extraction cache share: opened with their schema,
SQLite's errors reported as a ``StoreError`` naming the file, and statements over long
lists of values run a batch at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from ..batches import batched
from ..errors import StoreError

# Values bound in one SQL statement (SQLite allows 32,766).
SQL_VARIABLES = 900

# Write-ahead logging, synced at checkpoints: a commit costs an append, not a journal of
# every page it changes and two syncs; a transaction committed survives the process being
# killed (a power cut may lose the last ones, never leaving the file half-written).
PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"


def _marks(values: Sequence) -> str:
    return ",".join("?" * len(values))


class SqliteTables:
    """An SQLite file holding WHAT (named in errors), its SCHEMA made when missing."""

    SCHEMA = ""
    WHAT = "tables"

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._guarded("open"):
            self.db = sqlite3.connect(path)
            self.db.executescript(PRAGMAS + self.SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guarded(self, action: str) -> Iterator[None]:
        """SQLite's errors as a StoreError naming the file."""
        try:
            yield
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot {action} the {self.WHAT} ({e}); "
                             "rebuild the store with `jmgraph build`") from e

    def _run(self, sql: str, values: Sequence) -> Iterator[tuple]:
        """SQL, whose ``{}`` stands for a list of values, run on VALUES a batch at a time."""
        for chunk in batched(values, SQL_VARIABLES):
            yield from self.db.execute(sql.format(_marks(chunk)), chunk)

    def _change(self, sql: str, values: Sequence) -> None:
        """SQL, whose ``{}`` stands for a list of values, run for its effect on VALUES."""
        for _ in self._run(sql, values):
            pass
