"""compact: the same extraction, each sentence's evidence and each string held once."""

from __future__ import annotations

import json
import pickle

import pytest

from jmgraph.extract.compact import compact
from jmgraph.extract.model import Extraction

from .helpers import read_text

BULLETIN = (
    "ULAANBAATAR, March 3, 2031 -- Prime Minister Daria Velmont of Japan arrived in Mongolia "
    "on Monday for a three-day official visit, and met President Oyun-Erdene Tsogbadrakh in "
    "Ulaanbaatar. Prime Minister Velmont and President Tsogbadrakh signed the Agreement on "
    "Cultural Exchange, and both sides welcomed the Strategic Partnership for Peace and "
    "Prosperity."
)


def _evidence(x: Extraction) -> list:
    facts = [*x.persons, *x.offices, *x.visits, *x.meetings, *x.partnerships, *x.agreements]
    return [f.evidence for f in facts if f.evidence is not None]


def _fresh(x: Extraction) -> Extraction:
    """X as a worker's result arrives: every value its own object."""
    return Extraction.from_json(json.loads(json.dumps(x.to_json())))


@pytest.mark.slow
def test_compact_changes_no_value() -> None:
    x = read_text(BULLETIN)
    before = x.to_json()
    assert compact(_fresh(x)).to_json() == before
    assert compact(pickle.loads(pickle.dumps(x))) == x


@pytest.mark.slow
def test_the_facts_of_one_sentence_share_one_evidence() -> None:
    x = _fresh(read_text(BULLETIN))
    sentences = {(e.start, e.end) for e in _evidence(x)}
    assert len(_evidence(x)) > len(sentences)           # the text states several facts a sentence
    assert len({id(e) for e in _evidence(x)}) == len(_evidence(x))
    compact(x)
    assert len({id(e) for e in _evidence(x)}) == len(sentences)


@pytest.mark.slow
def test_equal_strings_are_one_object_across_documents() -> None:
    one, two = (compact(_fresh(read_text(BULLETIN, name))) for name in ("a.txt", "b.txt"))
    assert one.persons and one.visits
    assert one.persons[0].words[0] is two.persons[0].words[0]
    assert one.visits[0].destination is two.visits[0].destination
    assert one.visits[0].status is two.visits[0].status
    capacity_one = next(p.capacity for p in one.persons if p.capacity)
    capacity_two = next(p.capacity for p in two.persons if p.capacity)
    assert capacity_one.role is capacity_two.role       # inside a frozen value too
