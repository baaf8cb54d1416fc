from __future__ import annotations

import gzip
import json
from pathlib import Path

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity, Evidence, Extraction
from jmgraph.store.extraction_cache import SENTENCES, ExtractionCache

from ..factories import Doc

LONG = "President Elbegdorj visited Japan and met Prime Minister Abe " * 200


def _extraction() -> Extraction:
    """A document whose facts and persons were read from one long sentence, and one fact
    from another."""
    d = Doc("doc-a", DateValue(2013, 9))
    elbegdorj = d.person("Tsakhia Elbegdorj", capacity=Capacity("President", "mongolia"))
    abe = d.person("Shinzo Abe", capacity=Capacity("Prime Minister", "japan"))
    d.visit([elbegdorj], "japan", DateValue(2013, 9))
    d.meeting([elbegdorj, abe], DateValue(2013, 9))
    sentence = Evidence("doc-a", 10, 10 + len(LONG), LONG)
    x = d.x
    for fact in (*x.persons, *x.offices, x.visits[0], x.meetings[0]):
        object.__setattr__(fact, "evidence", sentence)
    d.partnership("Strategic Partnership", DateValue(2010, 11))
    return x


def test_extraction_cache_keeps_each_sentence_once_and_reads_it_back(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    x = _extraction()
    expected = x.to_json()
    cache.save(x)
    path = tmp_path / "doc-a.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert data["visits"][0]["evidence"] == [10, 10 + len(LONG)]          # a span
    assert [s[:2] for s in data[SENTENCES]] == [[10, 10 + len(LONG)],
                                                [data["partnerships"][0]["evidence"][0],
                                                 data["partnerships"][0]["evidence"][1]]]
    assert len(gzip.decompress(path.read_bytes())) < 1.2 * len(LONG)   # the sentence once
    assert path.stat().st_size < len(LONG) / 10                     # and compressed
    [back] = cache.load(["doc-a"])
    assert back.to_json() == expected
    assert back.visits[0].evidence.text is back.meetings[0].evidence.text     # one text


def test_extraction_cache_reads_files_written_before_plain_with_whole_evidence(
        tmp_path: Path) -> None:
    x = _extraction()
    (tmp_path / "doc-a.json").write_text(json.dumps(x.to_json()), encoding="utf-8")
    cache = ExtractionCache(tmp_path)
    assert cache.doc_ids() == {"doc-a"} and cache.sha256("doc-a") == "0" * 64
    [back] = cache.load_all()
    assert back.to_json() == x.to_json()
    cache.save(back)                                  # written again: compressed, once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc-a.json.gz"]
    carried = ExtractionCache(tmp_path / "next")
    carried.folder.mkdir()
    carried.carry(cache)
    assert [y.to_json() for y in carried.load(["doc-a"])] == [x.to_json()]
