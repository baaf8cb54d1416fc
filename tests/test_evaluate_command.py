"""The project's own scorer (jmgraph evaluate) against hand-made gold facts."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph import evaluate
from jmgraph.dates import DateValue
from jmgraph.errors import JmgraphError
from jmgraph.extract.model import Capacity
from jmgraph.rdf import to_quads
from jmgraph.resolve import resolve

from .conftest import SHARED
from .factories import Doc

GOLD = """
[[person]]
key = "SATO"
[[person]]
key = "BAYARMAA"
[[person]]
key = "NOBODY"
optional = true
[[visit]]
visitor = "SATO"
destination = "Mongolia"
date = "2016-08"
office = "Prime Minister"
[[visit]]
visitor = "BAYARMAA"
destination = "Japan"
date = "2019"
[[office]]
person = "SATO"
role = "Prime Minister of Japan"
country = "Japan"
[[agreement]]
keywords = ["Joint Statement"]
date = "2016-08"
"""


@pytest.fixture
def db() -> ox.Store:
    a = Doc("a")
    sato = a.person("Sato Kenji", capacity=Capacity("Prime Minister", "japan"))
    a.visit([sato], "mongolia", DateValue(2016, 8, 3),
            capacities={sato: Capacity("Prime Minister", "japan")})
    a.visit([sato], "china", DateValue(2016, 9))                     # not in gold: an FP
    a.agreement("Joint Statement", "Joint Statement", "signed", DateValue(2016, 8))
    quads = [q for graph in to_quads(resolve([a.x])).values() for q in graph]
    store = ox.Store()
    store.extend(quads + [ox.Quad(q.subject, q.predicate, q.object) for q in quads])  # union
    return store


def test_evaluate_counts_matches_misses_and_extras(db: ox.Store, tmp_path: Path) -> None:
    gold = tmp_path / "gold.toml"
    gold.write_text(GOLD)
    scores = {s.kind: s for s in evaluate.evaluate(db, evaluate.load_gold(gold))}
    assert (scores["person"].tp, scores["person"].fn) == (1, 1)
    assert (scores["visit"].tp, scores["visit"].fp, scores["visit"].fn) == (1, 1, 1)
    assert scores["visit"].attributes == {"status": [True], "office": [True]}
    assert (scores["office"].tp, scores["agreement"].tp) == (1, 1)
    text = evaluate.report(list(scores.values()), errors=True)
    assert "FN {'visitor': 'BAYARMAA'" in text and "micro-F1" in text


def test_evaluate_bad_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "g.toml"
    bad.write_text("[[person]\nkey=")
    with pytest.raises(JmgraphError, match="not valid TOML"):
        evaluate.load_gold(bad)


@pytest.mark.parametrize(("role", "same"), [
    ("Foreign Minister of Japan", "Minister for Foreign Affairs"),
    ("Minister of Foreign Affairs", "Minister for Foreign Affairs"),
    ("Speaker of the State Great Khural", "Chairman of the State Great Khural"),
    ("former Japanese Prime Minister", "Prime Minister"),
])
def test_evaluate_roles_are_compared_after_normalisation(role: str, same: str) -> None:
    assert evaluate.norm_role(role) == evaluate.norm_role(same)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval is not beside us")
def test_evaluate_agrees_with_the_shared_scorer_on_the_seeds(seed_store: Path) -> None:
    from jmgraph.store import opened

    gold = evaluate.load_gold(SHARED / "eval" / "gold" / "seeds.toml")
    with opened(seed_store) as s:
        scores = evaluate.evaluate(s.db, gold)
    assert evaluate.micro(scores)[2] >= 0.95
