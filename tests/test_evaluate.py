"""The shared scorer as a regression gate on the seed graph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

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
