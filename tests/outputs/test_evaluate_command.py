"""The project's own scorer (jmgraph evaluate) against hand-made gold facts, and a set of
texts' scores summed and printed (no spaCy model loaded)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from jmgraph.cli import main
from jmgraph.dates import DateValue
from jmgraph.errors import JmgraphError
from jmgraph.extract.model import Capacity
from jmgraph.outputs import evaluate
from jmgraph.rdf.graphs import canonical_nquads
from jmgraph.rdf.render import to_quads
from jmgraph.resolve.corpus import resolve

from ..conftest import SHARED
from ..factories import Doc

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
    assert 'FN {"visitor": "BAYARMAA"' in text and "micro-F1" in text


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
    ("Vice-Minister for Foreign Affairs", "Vice Minister of Foreign Affairs"),
    ("Defense Minister", "Minister for Defence"),
])
def test_evaluate_roles_are_compared_after_normalisation(role: str, same: str) -> None:
    assert evaluate.norm_role(role) == evaluate.norm_role(same)


@pytest.mark.parametrize(("role", "other"), [
    ("Premier", "Prime Minister"),               # the shared scorer knows no more aliases
    ("Deputy Prime Minister", "Prime Minister"),
])
def test_evaluate_roles_the_shared_scorer_tells_apart(role: str, other: str) -> None:
    assert evaluate.norm_role(role) != evaluate.norm_role(other)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval is not beside us")
def test_evaluate_agrees_with_the_shared_scorer_on_the_seeds(seed_store: Path) -> None:
    from jmgraph.store.local import opened

    gold = evaluate.load_gold(SHARED / "eval" / "gold" / "seeds.toml")
    with opened(seed_store) as s:
        scores = evaluate.evaluate(s.db, gold)
    assert evaluate.micro(scores)[2] >= 0.95


# ---------------------------------------------------------------- the stage check

STAGES = """
[[agreement]]
keywords = ["Loan"]
date = "2016-08"
stage = "{stage}"
"""


def graph(*docs: Doc) -> bytes:
    return canonical_nquads(q for d in docs for g in to_quads(resolve([d.x])).values()
                            for q in g)


@pytest.mark.parametrize(("stage", "status", "right"), [
    ("signed", "occurred", True),
    ("signed", "planned", False),                 # planned: not yet signed
    ("planned", "planned", True),
    ("planned", "occurred", False),
    ("in force", "occurred", False),              # another stage
])
def test_evaluate_checks_a_matched_agreements_stage(stage: str, status: str,
                                                     right: bool) -> None:
    a = Doc("a")
    a.agreement("Yen Loan", "Loan", "signed", DateValue(2016, 8, 3))
    a.x.agreements[0].milestones[0].status = status
    gold = tomllib.loads(STAGES.format(stage=stage))
    scores = evaluate.score_graph(graph(a), {k: gold.get(k, []) for k in evaluate.TYPES})
    agreement = scores[evaluate.TYPES.index("agreement")]
    assert (agreement.tp, agreement.attributes) == (1, {"stage": [right]})


def test_evaluate_a_visit_is_an_item_per_visitor_and_destination() -> None:
    visit, country = "https://w3id.org/jmgraph/id/visit/v", "https://w3id.org/jmgraph/id/country/"
    jm = "https://w3id.org/jmgraph/ontology#"
    lines = [f"<{visit}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{jm}Visit> .",
             f"<{visit}> <{jm}visitor> <urn:p> .",
             f"<urn:p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{jm}Person> ."]
    for c, label in (("japan", "Japan"), ("china", "China")):
        lines += [f"<{visit}> <{jm}destination> <{country}{c}> .",
                  f"<{country}{c}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                  f"<{jm}Country> .",
                  f'<{country}{c}> <http://www.w3.org/2000/01/rdf-schema#label> "{label}" .']
    store = ox.Store()
    store.load("\n".join(lines), ox.RdfFormat.N_QUADS)
    items = evaluate.predicted(store)["visit"]
    assert sorted(sorted(i.attrs["destination"]) for i in items) == [["China"], ["Japan"]]


# ---------------------------------------------------------------- a set of texts

def scored(name: str, **kinds: tuple[int, int, int]) -> evaluate.TextScore:
    scores = []
    for kind in evaluate.TYPES:
        tp, fp, fn = kinds.get(kind, (0, 0, 0))
        scores.append(evaluate.Score(kind, gold=tp + fn, predicted=tp + fp, tp=tp, fp=fp,
                                     fn=fn, errors=[f"FN {kind} of {name}"] * fn))
    return evaluate.TextScore(name, scores)


def test_set_report_sums_the_texts_as_score_set_does() -> None:
    one = scored("001", person=(2, 1, 0), visit=(1, 0, 1))
    one.scores[1].attributes = {"status": [True], "office": [False]}
    two = scored("002", person=(1, 0, 1), agreement=(1, 1, 0), meeting=(0, 0, 1))
    two.scores[5].attributes = {"stage": [True]}
    two.scores[1].attributes = {"status": [False]}
    lines = evaluate.set_report([one, two]).splitlines()
    assert lines == [
        "person       TP    3 FP    1 FN    1  P 0.750 R 0.750 F1 0.750",
        "visit        TP    1 FP    0 FN    1  P 1.000 R 0.500 F1 0.667",
        "meeting      TP    0 FP    0 FN    1  P 0.000 R 0.000 F1 0.000",
        "office       TP    0 FP    0 FN    0  P 0.000 R 0.000 F1 0.000",
        "partnership  TP    0 FP    0 FN    0  P 0.000 R 0.000 F1 0.000",
        "agreement    TP    1 FP    1 FN    0  P 0.500 R 1.000 F1 0.667",
        "visit status         correct on 1/2 matched",
        "visit office         correct on 0/1 matched",
        "agreement stage      correct on 1/1 matched",
        "events       TP    2 FP    1 FN    2  P 0.667 R 0.500 F1 0.571",
        "set micro-F1 0.667 (P 0.714 R 0.625)",
    ]


def test_set_report_lists_errors_by_text_first() -> None:
    text = evaluate.set_report([scored("001", visit=(0, 0, 1)), scored("002", office=(0, 0, 1))],
                               errors=True)
    assert text.splitlines()[:2] == ["001 visit: FN visit of 001", "002 office: FN office of 002"]
    assert text.splitlines()[-1] == "set micro-F1 0.000 (P 0.000 R 0.000)"


def test_set_json_has_each_text_and_the_totals() -> None:
    failed = scored("002", person=(0, 0, 2))
    failed.failure = "002.txt: the file is empty"
    data = json.loads(json.dumps(evaluate.set_json([scored("001", person=(2, 0, 0)), failed])))
    assert data["texts"]["001"]["person"]["tp"] == 2 and data["texts"]["001"]["failure"] is None
    assert data["texts"]["002"]["failure"] == "002.txt: the file is empty"
    assert data["texts"]["002"]["person"]["errors"] == ["FN person of 002"] * 2
    assert (data["total"]["person"]["tp"], data["total"]["person"]["fn"]) == (2, 2)
    assert data["total"]["events"]["tp"] == 0
    assert data["total"]["micro"]["r"] == 0.5


def write_set(root: Path, texts: dict[str, str], golds: dict[str, str]) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "gold").mkdir()
    for name, text in texts.items():
        (root / "texts" / f"{name}.txt").write_text(text)
    for name, gold in golds.items():
        (root / "gold" / f"{name}.toml").write_text(gold)
    return root


def test_set_texts_and_gold_files_must_pair_up(tmp_path: Path) -> None:
    root = write_set(tmp_path, {"001": "x", "002": "y"}, {"001": "", "003": ""})
    with pytest.raises(JmgraphError, match=r"1 name\(s\) with no gold file in .*: 002"):
        evaluate.load_set(root / "texts", root / "gold")
    (root / "gold" / "002.toml").write_text("")
    with pytest.raises(JmgraphError, match=r"1 name\(s\) with no text in .*: 003"):
        evaluate.load_set(root / "texts", root / "gold")
    with pytest.raises(JmgraphError, match="no such folder"):
        evaluate.load_set(root / "nothing", root / "gold")


def test_set_an_unreadable_text_is_scored_as_empty(tmp_path: Path) -> None:
    root = write_set(tmp_path, {"001": "   \n"}, {"001": GOLD})
    told: list[str] = []
    [result] = evaluate.score_texts(evaluate.load_set(root / "texts", root / "gold"),
                                    progress=told.append)
    assert result.failure is not None and "001.txt: the file is empty" in result.failure
    assert told == [f"failed: {result.failure}; scored as empty"]
    scores = {s.kind: s for s in result.scores}
    assert (scores["person"].tp, scores["person"].fn, scores["visit"].fn) == (0, 2, 2)


def test_set_a_text_that_fails_to_extract_is_scored_as_empty_and_the_rest_go_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jmgraph.extract import documents as extraction

    def extract_documents(documents):     # spaCy's batches of two: fails on the one with b
        for batch in (documents[i:i + 2] for i in range(0, len(documents), 2)):
            if any(d.doc_id == "b" for d in batch):
                raise RuntimeError("bad batch")
            for d in batch:
                x = Doc(d.doc_id)
                x.person("Sato Kenji")
                yield x.x

    monkeypatch.setattr(extraction, "extract_documents", extract_documents)
    root = write_set(tmp_path, {n: "Some text." for n in "abcd"}, {n: GOLD for n in "abcd"})
    results = evaluate.score_texts(evaluate.load_set(root / "texts", root / "gold"))
    assert [r.failure is None for r in results] == [True, False, True, True]   # a: tried alone
    assert "b.txt: could not be built (RuntimeError: bad batch)" in (results[1].failure or "")
    assert [{s.kind: s.tp for s in r.scores}["person"] for r in results] == [1, 0, 1, 1]


# ---------------------------------------------------------------- the command line

@pytest.mark.parametrize(("args", "message"), [
    ([], "give --gold FILE to score the store"),
    (["--set", "x", "--gold", "y"], "--set DIR stands for --texts DIR/texts --gold DIR/gold"),
    (["--texts", "x"], "give --gold FILE"),
    (["--gold", "g.toml", "--ontology", "o.ttl"], "--ontology goes with a set of texts"),
    (["--set", "x", "--store", "s"], "--store: a set of texts is scored without a store"),
])
def test_evaluate_command_line_mistakes(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["evaluate", *args])
    assert result.exit_code == 2 and message in result.output, result.output


def test_evaluate_command_scores_a_set_and_says_which_text_failed(tmp_path: Path) -> None:
    root = write_set(tmp_path / "set", {"001": ""}, {"001": GOLD})
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(main, ["evaluate", "--set", str(root), "--json", str(out)])
    assert result.exit_code == 1
    assert "001.txt: the file is empty" in result.stderr
    assert "1 text(s) failed and were scored as empty" in result.stderr
    assert result.stdout.splitlines()[0].startswith("person       TP    0 FP    0 FN    2")
    assert result.stdout.splitlines()[-1] == "set micro-F1 0.000 (P 0.000 R 0.000)"
    assert json.loads(out.read_text())["total"]["visit"]["fn"] == 2


def test_evaluate_command_gold_folder_without_texts_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.output
