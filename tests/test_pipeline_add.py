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
from jmgraph.read import Document

from .conftest import store_graphs, store_nquads
from .corpus_strategies import CONTENTS, DOCUMENTS, document

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
    assert sorted(report.graphs_written) == sorted(
        d for d in after if before.get(d) != after[d])          # only what changed
    built = pipeline.build(corpus.folder, fresh)
    assert store_nquads(store) == store_nquads(fresh)
    assert report.counts == built.counts and report.triples == built.triples


# An office completed from another document's capacity ("the Prime Minister" of Japan):
# the first document's rows change with the second.
COMPLETED = [("a", ([(0, 2)], [("visit", {0}, "japan", DateValue(2019, 5, 1), "occurred")],
                    False)),
             ("b", ([(0, 1)], [], False))]
# A signatory credited where an agreement is stated, not named there: the first document's
# graph labels them, and the third document changes the label.
RELABELLED = [("a", ([(2, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None,
                                 set())], False)),
              ("b", ([(1, 0)], [("agreement", "Economic Partnership Agreement", "treaty", None,
                                 {0})], False)),
              ("c", ([(0, 0)], [], False))]


@settings(max_examples=60, deadline=None)
@example(edits=COMPLETED)
@example(edits=RELABELLED)
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


def test_an_add_stopped_before_writing_leaves_the_graphs_it_changed_to_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept facts are updated before the graphs are written: an add stopped in between
    leaves the documents whose parts changed pending (the first document's office is
    completed by the second's), and the next add, given nothing new, writes them."""
    (tmp_path / "corpus").mkdir()
    corpus = _Corpus(tmp_path / "corpus")
    monkeypatch.setattr(pipeline, "extract_documents", corpus.extract)
    (doc_a, said_a), (doc_b, said_b) = COMPLETED
    corpus.write(doc_a, said_a)
    store = tmp_path / "store"
    pipeline.build(corpus.folder, store)
    monkeypatch.setattr(pipeline, "_add_resolving_whole", _whole_not_resolved)

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(pipeline, "_write", stopped)
        with pytest.raises(KeyboardInterrupt):
            pipeline.add([corpus.write(doc_b, said_b)], store)
    before = store_graphs(store)
    report = pipeline.add([], store)
    assert sorted(report.graphs_written) == ["a", "b"] and before["a"] != store_graphs(store)["a"]
    pipeline.build(corpus.folder, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    assert pipeline.add([], store).graphs_written == []
