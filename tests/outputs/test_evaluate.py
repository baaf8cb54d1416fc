"""The shared scorer as a regression gate on the seed graph, and as the reference the
project's own scorer (``jmgraph evaluate``) agrees with on the texts of the dev set."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from jmgraph.outputs import evaluate

from ..conftest import ROOT, SHARED, store_nquads

pytestmark = pytest.mark.slow
SCORER = SHARED / "eval" / "evaluate.py"
GOLD = SHARED / "eval" / "gold" / "seeds.toml"
MICRO_F1_GATE = 0.95
PER_TYPE_GATE = 0.90


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval is not beside the checkout")
def test_evaluate_seed_graph_scores_above_the_gate(seed_export: Path, tmp_path: Path) -> None:
    report = tmp_path / "score.json"
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--graph",
         str(seed_export / "jmgraph.nq"), "--ontology", *map(str, (ROOT / "ontology").glob(
             "*.ttl")), "--json", str(report)], capture_output=True, text=True, check=True)
    scores = json.loads(report.read_text())
    assert scores["micro"]["f1"] >= MICRO_F1_GATE, result.stdout
    for kind in ("person", "visit", "meeting", "office", "partnership", "agreement"):
        assert scores[kind]["f1"] >= PER_TYPE_GATE, (kind, result.stdout)


# ---------------------------------------------------------------- a set of texts, one by one

DEV = SHARED / "eval" / "dev"
# Texts whose gold files have visits, meetings, offices, a partnership and agreements with
# a stage to check.
SAMPLE = ("004", "011", "016", "019")


def shared_scorer():
    """The shared scorer, imported as a module."""
    spec = importlib.util.spec_from_file_location("shared_evaluate", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module             # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def figures(tp: int, fp: int, fn: int, attributes: dict, errors: list[str]) -> tuple:
    return tp, fp, fn, {k: [sum(v), len(v)] for k, v in attributes.items()}, errors


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside the checkout")
def test_evaluate_set_agrees_with_the_shared_scorer_text_by_text(tmp_path: Path) -> None:
    from jmgraph.extract.documents import extract_documents
    from jmgraph.ingest.read import read_document

    shared = shared_scorer()
    texts = [t for t in evaluate.load_set(DEV / "texts", DEV / "gold") if t.name in SAMPLE]
    ontology = sorted((ROOT / "ontology").glob("*.ttl"))
    loaded = evaluate.load_ontology(ontology)
    theirs: dict[str, dict[str, tuple]] = {}
    for t, x in zip(texts, extract_documents([read_document(t.path) for t in texts]),
                    strict=True):
        graph = tmp_path / f"{t.name}.nq"              # what score_set.sh exports
        graph.write_bytes(evaluate.graph_alone(x))
        gold = tomllib.loads((DEV / "gold" / f"{t.name}.toml").read_text(encoding="utf-8"))
        items = shared.predicted_items(shared.load([graph, *ontology]))
        theirs[t.name] = {k: figures(s.tp, s.fp, s.fn, s.attrs, s.errors) for k in shared.TYPES
                          for s in [shared.score(k, gold.get(k, []), items[k])]}
        mine = evaluate.score_graph(graph.read_bytes(), t.gold, loaded)
        assert {s.kind: figures(s.tp, s.fp, s.fn, s.attributes, s.errors)
                for s in mine} == theirs[t.name], t.name
    assert sum(theirs[n]["agreement"][3].get("stage", [0, 0])[1] for n in SAMPLE) > 0

    results = evaluate.score_texts(texts, loaded)       # the set, one spaCy model
    assert {r.name: {s.kind: figures(s.tp, s.fp, s.fn, s.attributes, s.errors)
                     for s in r.scores} for r in results} == theirs


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev is not beside the checkout")
def test_evaluate_a_texts_graph_is_what_build_makes_of_it_alone(tmp_path: Path) -> None:
    from jmgraph import pipeline
    from jmgraph.extract.documents import extract_documents
    from jmgraph.ingest.read import read_document

    for name in SAMPLE[:2]:
        corpus = tmp_path / name / "corpus"
        corpus.mkdir(parents=True)
        shutil.copy(DEV / "texts" / f"{name}.txt", corpus)
        assert not pipeline.build(corpus, tmp_path / name / "store").failed
        [x] = extract_documents([read_document(DEV / "texts" / f"{name}.txt")])
        assert evaluate.graph_alone(x) == store_nquads(tmp_path / name / "store"), name
