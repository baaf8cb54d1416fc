"""``add`` merging into the facts a store keeps (``fact_groups``): a store grown one
document at a time is the store built fresh from the same corpus, and only the graphs
that change are written."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jmgraph import pipeline
from jmgraph.dates import DateValue
from jmgraph.extract.model import DocumentInfo, Extraction
from jmgraph.ingest.read import Document
from jmgraph.rdf.graphs import is_description
from jmgraph.rdf.vocab import JM, SKOS, resource

from .conftest import examples, store_graphs, store_nquads
from .corpus_strategies import (
    CONTENTS,
    DOCUMENTS,
    SAME_UNDATED,
    UNDATED_AND_DATED,
    UNDATED_TOLD,
    document,
)

pytestmark = pytest.mark.slow


def _whole_not_resolved(*args: object) -> None:
    pytest.fail("add resolved the corpus whole: the kept facts were not used")


class _Corpus:
    """A folder of texts, each standing for the contents the strategy drew (extractions
    made from them in place of spaCy's)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.said: dict[str, tuple] = {}

    def write(self, doc: str, contents: tuple) -> Path:
        text = f"Document {doc}, version {len(self.said)}\n\n{contents!r}\n"
        self.said[text] = contents
        path = self.folder / f"{doc}.txt"
        path.write_text(text, encoding="utf-8")
        return path

    def extract(self, documents: Iterable[Document], jobs: int = 1) -> Iterator[Extraction]:
        for d in documents:
            x = document(d.doc_id, self.said[d.text])
            yield replace(x, document=DocumentInfo(d.doc_id, d.file_name, d.sha256, d.title,
                                                   d.date, d.date_source))


def _grown_equals_built(corpus: _Corpus, store: Path, fresh: Path, path: Path) -> None:
    before = store_graphs(store)
    report = pipeline.add([path], store)
    after = store_graphs(store)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert sorted(report.graphs_written) == sorted(             # only what changed
        d for d in changed if not is_description(d))
    assert report.descriptions_written == len({k for k in changed if is_description(k)})
    built = pipeline.build(corpus.folder, fresh)
    assert store_nquads(store) == store_nquads(fresh)
    assert report.counts == built.counts and report.triples == built.triples


# An office completed from another document's capacity ("the Prime Minister" of Japan):
# the first document's rows change with the second.
COMPLETED = [("a", ([(0, 2)], [("visit", {0}, "japan", DateValue(2019, 5, 1), "occurred")],
                    False)),
             ("b", ([(0, 1)], [], False))]
# A signatory one document names, of an agreement another states without naming them: only
# the naming document's graph credits them, and the third document changes their label.
RELABELLED = [("a", ([(2, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None,
                                 set())], False)),
              ("b", ([(1, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None,
                                 {0})], False)),
              ("c", ([(0, 0)], [], False))]


@settings(max_examples=examples(60), deadline=None)
@example(edits=COMPLETED)
@example(edits=RELABELLED)
@example(edits=[*SAME_UNDATED, ("c", UNDATED_TOLD)])
@example(edits=UNDATED_AND_DATED)
@given(st.lists(st.tuples(st.sampled_from(DOCUMENTS), CONTENTS), min_size=2, max_size=5))
def test_a_store_grown_by_add_is_the_store_built_fresh(edits: list) -> None:
    """Documents added and changed one at a time: after each ``add`` (which merges into
    the kept facts, never resolving the corpus whole), the store holds the graphs a fresh
    build of the corpus makes, byte for byte, and its report the same counts; the graphs
    written are exactly those that changed."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as m:
        root = Path(tmp)
        (root / "corpus").mkdir()
        corpus = _Corpus(root / "corpus")
        m.setattr(pipeline, "extract_documents", corpus.extract)
        first, *rest = edits
        corpus.write(*first)
        pipeline.build(corpus.folder, root / "store")
        m.setattr(pipeline, "_add_resolving_whole", _whole_not_resolved)
        for doc, contents in rest:
            _grown_equals_built(corpus, root / "store", root / "fresh",
                                corpus.write(doc, contents))
            shutil.rmtree(root / "fresh")


def _kept_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                first: list[tuple[str, tuple]]) -> tuple[_Corpus, Path]:
    """FIRST's documents built into a store; each add after it must merge into the kept
    facts."""
    (tmp_path / "corpus").mkdir()
    corpus = _Corpus(tmp_path / "corpus")
    monkeypatch.setattr(pipeline, "extract_documents", corpus.extract)
    for doc, said in first:
        corpus.write(doc, said)
    store = tmp_path / "store"
    pipeline.build(corpus.folder, store)
    monkeypatch.setattr(pipeline, "_add_resolving_whole", _whole_not_resolved)
    return corpus, store


def _add_stopped_at(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, path: Path,
                    store: Path) -> None:
    """``add`` of PATH stopped (as by Ctrl-C) when it calls OWNER's NAME."""
    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(owner, name, stopped)
        with pytest.raises(KeyboardInterrupt):
            pipeline.add([path], store)


def test_an_add_stopped_before_writing_leaves_the_graphs_it_changed_to_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept facts are updated before the graphs are written: an add stopped in between
    leaves the documents whose parts changed pending (the first document's office is
    completed by the second's), and the next add, given nothing new, writes them."""
    first, (doc_b, said_b) = COMPLETED
    corpus, store = _kept_store(tmp_path, monkeypatch, [first])
    _add_stopped_at(monkeypatch, pipeline, "_write", corpus.write(doc_b, said_b), store)
    before = store_graphs(store)
    report = pipeline.add([], store)
    assert sorted(report.graphs_written) == ["a", "b"] and before["a"] != store_graphs(store)["a"]
    pipeline.build(corpus.folder, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    assert pipeline.add([], store).graphs_written == []


def test_an_add_stopped_before_its_descriptions_leaves_them_to_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document re-dates its visit: the old visit is stated by no document once its graph
    is written.  An add stopped before the descriptions are written leaves the old visit's
    description to the next add, given nothing new, which drops it (and writes the new
    one's)."""
    (doc_a, said_a), _ = COMPLETED
    persons, facts, flag = said_a
    redated = (persons, [(*facts[0][:3], DateValue(2019, 6, 2), *facts[0][4:])], flag)
    corpus, store = _kept_store(tmp_path, monkeypatch, [(doc_a, said_a)])
    _add_stopped_at(monkeypatch, pipeline.description_graphs, "write",
                    corpus.write(doc_a, redated), store)
    left = {k for k in store_graphs(store) if k.startswith("visit/")}
    assert left == {"visit/2019-05-01-sato-japan"}        # stated by no document now
    report = pipeline.add([], store)
    assert report.graphs_written == [] and report.descriptions_written == 2
    assert {k for k in store_graphs(store) if k.startswith("visit/")} == \
        {"visit/2019-06-02-sato-japan"}
    pipeline.build(corpus.folder, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    assert pipeline.add([], store).descriptions_written == 0


def test_a_new_wording_of_an_instrument_others_state_rewrites_its_description_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three documents state an agreement; a fourth words it otherwise (a wording that does
    not become its label): the agreement's description gains the wording, and no other
    document's graph is written again."""
    def stating(label: str) -> tuple:
        return ([(0, 0)], [("agreement", label, "treaty", None, set())], False)

    corpus, store = _kept_store(tmp_path, monkeypatch, [
        (doc, stating("Economic Partnership Agreement")) for doc in ("a", "b", "c")])
    before = store_graphs(store)
    (key,) = [k for k, quads in before.items() if any(q.object == JM.Agreement for q in quads)]
    report = pipeline.add([corpus.write("d", stating("economic partnership agreement"))],
                          store)
    after = store_graphs(store)
    assert report.graphs_written == ["d"] and report.descriptions_written == 1
    assert {k for k in before if after.get(k) != before[k]} == {key}
    assert "economic partnership agreement" in {
        q.object.value for q in after[key] if q.predicate == SKOS.altLabel}
    pipeline.build(corpus.folder, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")


def test_a_new_signatory_of_an_instrument_others_state_rewrites_no_other_graph(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Five documents state an agreement, three naming its signatory (Sato), two none; a
    sixth names another signatory (Bat): the agreement's description gains Bat and Bat's
    is made, the sixth document's graph credits him, and no other document's graph is
    written again (a document credits the signatories it names, not those other texts
    name: they stated him before in every document stating the agreement)."""
    def stating(name: int, signatories: set[int]) -> tuple:
        return ([(name, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None,
                              signatories)], False)

    corpus, store = _kept_store(tmp_path, monkeypatch, [
        *((doc, stating(0, {0})) for doc in ("a", "b", "c")),
        *((doc, stating(0, set())) for doc in ("d", "e"))])
    before = store_graphs(store)
    report = pipeline.add([corpus.write("f", stating(2, {0}))], store)
    after = store_graphs(store)
    assert report.graphs_written == ["f"] and report.descriptions_written == 2
    agreement, bat = (k for k, quads in sorted(after.items())
                      if is_description(k) and after.get(k) != before.get(k))
    assert {q.object for q in after[agreement] if q.predicate == JM.signatory} == {
        resource("person", "sato"), resource("person", "bat")}
    assert bat == "person/bat"
    assert {k for k in after if after.get(k) != before.get(k)} == {"f", agreement, bat}
    pipeline.build(corpus.folder, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
