from __future__ import annotations

from pathlib import Path

import pytest

from jmgraph.errors import StoreError
from jmgraph.store.sqlite_tables import SQL_VARIABLES, SqliteTables


class _Numbers(SqliteTables):
    SCHEMA = "CREATE TABLE IF NOT EXISTS number (n INTEGER PRIMARY KEY);"
    WHAT = "numbers"


def test_an_unreadable_file_is_named_with_what_it_holds_and_what_to_do(tmp_path: Path) -> None:
    bad = tmp_path / "numbers.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"numbers\.sqlite: cannot open the numbers .*build"):
        _Numbers(bad)


def test_statements_over_more_values_than_sqlite_binds_run_in_batches(tmp_path: Path) -> None:
    with _Numbers(tmp_path / "numbers.sqlite") as t:
        t.db.executemany("INSERT INTO number VALUES (?)", ((n,) for n in range(3000)))
        wanted = list(range(0, 3000, 2))
        assert len(wanted) > SQL_VARIABLES
        found = sorted(n for (n,) in t._run("SELECT n FROM number WHERE n IN ({})", wanted))
        assert found == wanted
