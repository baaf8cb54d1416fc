from __future__ import annotations

from pathlib import Path

from jmgraph.store.description_records import DescriptionRecords


def test_digests_are_recorded_with_the_sizes_forgotten_and_dropped(tmp_path: Path) -> None:
    with DescriptionRecords(tmp_path / "d.sqlite") as records:
        records.save({"person/a": 3, "visit/b": 5}, digests={"person/a": "1", "visit/b": "2"})
        assert records.digests() == {"person/a": "1", "visit/b": "2"} and records.total() == 8
        records.forget(["visit/b"])                      # about to be written
        assert records.digests() == {"person/a": "1"}
        records.save({"visit/b": 6}, digests={"visit/b": "3"})
        assert records.digests() == {"person/a": "1", "visit/b": "3"}
        records.save({"person/a": None})                 # dropped: no digest either
        assert records.digests() == {"visit/b": "3"} and records.total() == 6
        records.save({"meeting/c": 2}, whole=True, digests={"meeting/c": "4"})
        assert records.digests() == {"meeting/c": "4"} and records.total() == 2
