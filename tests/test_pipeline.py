from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jmgraph import pipeline
from jmgraph.extract.documents import DOCUMENTS_PER_TASK
from jmgraph.incremental.person_blocks import BlockStore
from jmgraph.incremental.upkeep import FACT_GROUPS
from jmgraph.ingest.read import document_id
from jmgraph.rdf import digests
from jmgraph.rdf.graphs import is_description
from jmgraph.store.description_graphs import graph_digest
from jmgraph.store.extraction_cache import GraphRecord
from jmgraph.store.local import opened

from .conftest import SEEDS, cache_of, store_graphs, store_nquads

pytestmark = pytest.mark.slow

NEW_DOC = """Japan-Mongolia Relations

May 3, 2026
On May 3, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, held talks with H.E. Ms.
Oyunaa BAYARMAA, Minister for Foreign Affairs of Mongolia, who is visiting Japan.
"""

# The description graphs of the facts NEW_DOC states (none of them stated by a seed).
NEW_DESCRIBED = ("person/tanaka", "person/bayarmaa",
                 "holding/tanaka/japan/minister-for-foreign-affairs",
                 "holding/bayarmaa/mongolia/minister-for-foreign-affairs",
                 "visit/2026-05-03-bayarmaa-japan", "meeting/2026-05-03-bayarmaa-tanaka")

SEEDS_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_pipeline_build_twice_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    pipeline.build(corpus, tmp_path / "one")
    pipeline.build(corpus, tmp_path / "two")
    assert store_nquads(tmp_path / "one") == store_nquads(tmp_path / "two")


def test_pipeline_build_in_workers_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    # more documents than one worker batch, and a last batch that is not full
    for i in range(DOCUMENTS_PER_TASK + 3):
        (corpus / f"extra-{i:02d}.txt").write_text(NEW_DOC.replace("May 3", f"May {i + 1}"),
                                                   encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    one = pipeline.build(corpus, tmp_path / "one")
    two = pipeline.build(corpus, tmp_path / "two", jobs=2)
    assert two.ingested == one.ingested and len(one.ingested) == len(SEEDS_FILES) + 11
    assert two.failed == one.failed and len(one.failed) == 1
    assert store_nquads(tmp_path / "one") == store_nquads(tmp_path / "two")


def test_pipeline_rebuild_replaces_the_store_in_place(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    first = store_nquads(store)
    pipeline.build(corpus, store)
    assert store_nquads(store) == first
    assert len(list(store.glob("gen-*"))) == 2           # the current one and the one before


def test_pipeline_add_unchanged_changed_and_new_documents(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    before = store_graphs(store)

    same = pipeline.add([corpus / "001_e176c421e48e90dd.txt"], store)
    assert same.unchanged == ["001_e176c421e48e90dd.txt"] and not same.graphs_written

    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    added = pipeline.add([new], store)
    assert added.graphs_written == ["new-visit"]
    after = store_graphs(store)
    assert {d: after[d] for d in before} == before     # nothing else changed

    assert set(after) - set(before) == {"new-visit", *NEW_DESCRIBED}   # and its facts'

    new.write_text(NEW_DOC.replace("May 3", "May 4"), encoding="utf-8")
    changed = pipeline.add([new], store)
    assert changed.graphs_written == ["new-visit"]
    graphs = store_graphs(store)
    dates = {q.object.value for quads in graphs.values() for q in quads
             if q.predicate.value.endswith("#startDate")}
    assert "2026-05-04" in dates and "2026-05-03" not in dates
    # the visit re-dated is another fact: the old one's description is dropped
    assert set(graphs) - set(before) == {"new-visit", *(
        k.replace("2026-05-03", "2026-05-04") for k in NEW_DESCRIBED)}


def _stored_quads(store: Path) -> int:
    with opened(store) as s:
        return len(s)


def test_pipeline_reports_the_stored_quads_from_the_recorded_sizes(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jmgraph.store.local import GraphStore

    store = tmp_path / "store"
    built = pipeline.build(corpus, store)
    assert built.triples == _stored_quads(store) > 0
    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    with monkeypatch.context() as m:                  # every size recorded: no COUNT
        m.setattr(GraphStore, "__len__", lambda self: pytest.fail("counted the store"))
        added = pipeline.add([new], store)
        unchanged = pipeline.add([new], store)
    assert added.triples == _stored_quads(store) > built.triples
    assert unchanged.triples == added.triples

    # a digests file written before sizes were recorded: the store is counted
    with opened(store, writable=True) as s:
        cache_of(s).save_graph_records({d: GraphRecord(r.digest) for d, r
                                    in cache_of(s).graph_records().items()})
    new.write_text(NEW_DOC.replace("May 3", "May 4"), encoding="utf-8")
    assert pipeline.add([new], store).triples == _stored_quads(store)
    with opened(store) as s:                          # and the sizes are recorded again
        assert all(r.quads for r in cache_of(s).graph_records().values())


def _digests_hold(store: Path) -> None:
    """Every description graph's digest is recorded, and is its stored graph's."""
    with opened(store) as s, cache_of(s).description_records() as records:
        recorded = records.digests()
        assert recorded and set(recorded) == {k for k in s.graph_keys() if is_description(k)}
        assert all(graph_digest(s.graph_quads(k)) == d for k, d in recorded.items())


def test_pipeline_records_the_description_graphs_digests(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    _digests_hold(store)
    new = corpus / "new_visit.txt"
    for day in ("May 3", "May 4"):              # a visit described, then re-dated
        new.write_text(NEW_DOC.replace("May 3", day), encoding="utf-8")
        assert pipeline.add([new], store).descriptions_written
        _digests_hold(store)
    with opened(store, writable=True) as s:    # facts kept by another version: resolved whole
        (cache_of(s).folder / FACT_GROUPS).unlink()
    new.write_text(NEW_DOC.replace("May 3", "May 5"), encoding="utf-8")
    assert pipeline.add([new], store).descriptions_written
    _digests_hold(store)


def test_pipeline_bad_files_fail_alone(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "latin1.txt").write_bytes("Caf\u00e9 talks".encode("latin-1"))
    report = pipeline.build(corpus, tmp_path / "store")
    assert len(report.ingested) == 5
    assert sorted(m.split(":")[0].rsplit("/", 1)[-1] for m in report.failed) == [
        "empty.txt", "image.txt", "latin1.txt"]


@pytest.mark.parametrize("after_seconds", [0.5, 2.0, 4.0])
def test_pipeline_build_killed_at_any_moment_leaves_the_last_good_graph(
        corpus: Path, tmp_path: Path, after_seconds: float) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    store = tmp_path / "store"
    pipeline.build(corpus, store)
    good = store_nquads(store)
    big = tmp_path / "big"
    big.mkdir()
    for i in range(40):             # 200 documents: far longer than the latest kill
        for seed in SEEDS.glob("*.txt"):
            (big / f"{i:02d}-{seed.name}").write_bytes(seed.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "jmgraph.cli", "build", "--corpus",
                             str(big), "--store", str(store)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(after_seconds)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert store_nquads(store) == good                        # still the last good graph
    pipeline.build(corpus, store)                        # and the next build cleans up
    assert store_nquads(store) == good
    assert len(list(store.glob("gen-*"))) == 2


def test_pipeline_workers_die_with_a_killed_build_and_free_the_lock(corpus: Path,
                                                                   tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from jmgraph.errors import StoreError
    from jmgraph.store.local import GraphStore

    store = tmp_path / "store"
    pipeline.build(corpus, store)
    big = tmp_path / "big"
    big.mkdir()
    text = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in SEEDS_FILES)
    for i in range(4):              # minutes of work for each worker
        (big / f"{i}.txt").write_text(text * 40, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "jmgraph.cli", "build", "--jobs", "2",
                             "--corpus", str(big), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    workers: list[int] = []
    while len(workers) < 2 and proc.poll() is None:      # the pool started: they annotate
        time.sleep(0.2)
        workers = [int(w) for w in children.read_text().split()]
    time.sleep(2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20        # generous: without, they work on for minutes
    while any(Path(f"/proc/{w}").exists() and "zombie" not in
              Path(f"/proc/{w}/status").read_text() for w in workers):
        assert time.monotonic() < deadline, "workers outlived the killed build"
        time.sleep(0.2)
    try:
        GraphStore.open(store, writable=True).close()      # the lock is free
    except StoreError as err:
        pytest.fail(str(err))


def test_pipeline_add_trusts_recorded_digests_and_repairs_missing_ones(
        corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    with opened(store) as s:
        recorded = cache_of(s).graph_records()
        digests_file = cache_of(s).folder / "graph-digests.tsv"
    assert sorted(recorded) == sorted(                               # one per document graph
        k for k in store_graphs(store) if not is_description(k))
    before = store_graphs(store)

    # a store written before digests were kept: graphs are compared, digests written
    digests_file.unlink()
    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    assert pipeline.add([new], store).graphs_written == ["new-visit"]
    with opened(store) as s:
        again = cache_of(s).graph_records()
    assert {d: again[d] for d in recorded} == recorded and "new-visit" in again

    # a digest that does not match, in a store whose facts are not kept (made before they
    # were): the corpus is resolved whole, the graph made and compared, not blindly kept
    seed = next(iter(recorded))
    again[seed] = GraphRecord("0" * 64, again[seed].quads)
    with opened(store, writable=True) as s:
        cache_of(s).save_graph_records(again)
        (cache_of(s).folder / FACT_GROUPS).unlink()
    new.write_text(NEW_DOC.replace("May 3", "May 5"), encoding="utf-8")
    assert pipeline.add([new], store).graphs_written == ["new-visit"]
    with opened(store) as s:
        assert cache_of(s).graph_records()[seed] == recorded[seed]
    after = store_graphs(store)
    assert {d: after[d] for d in before} == before


def test_pipeline_add_says_when_the_graphs_were_made_by_another_version(
        corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    new = corpus / "new_visit.txt"

    def add(text: str) -> list[str]:
        new.write_text(text, encoding="utf-8")
        messages: list[str] = []
        pipeline.add([new], store, messages.append)
        return [m for m in messages if "another version" in m]

    def rendering() -> Path:
        with opened(store) as s:
            return cache_of(s).folder / "rendering.sha256"

    assert add(NEW_DOC) == []
    assert rendering().read_text().strip() == digests.rendering()
    with opened(store) as s:
        graphs, before = len(cache_of(s).graph_records()), s.generation
    rendering().write_text("0" * 64 + "\n")             # made by another version
    assert add(NEW_DOC.replace("May 3", "May 4")) == [
        f"{graphs} stored graph(s) made by another version of jmgraph: the graph is made "
        "again from the extractions kept (a slower add)"]
    # a new generation, loaded in bulk (the one before it kept for readers that opened it)
    with opened(store) as s:
        assert s.generation != before and before.is_dir()
        assert cache_of(s).corpus() == corpus.resolve()          # carried into it
    assert rendering().read_text().strip() == digests.rendering()
    pipeline.build(corpus, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    with opened(store) as s, opened(tmp_path / "fresh") as fresh:
        assert cache_of(s).graph_records() == cache_of(fresh).graph_records()
        assert cache_of(s).doc_ids() == cache_of(fresh).doc_ids()
    assert add(NEW_DOC.replace("May 3", "May 5")) == []
    rendering().unlink()                                  # made before the version was kept
    assert len(add(NEW_DOC.replace("May 3", "May 6"))) == 1


def test_pipeline_add_making_the_graph_again_stopped_leaves_the_last_good_graph(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jmgraph.store.local import GraphStore

    store = tmp_path / "store"
    pipeline.build(corpus, store)
    good = store_nquads(store)
    with opened(store) as s:
        cache_of(s).save_rendering("0" * 64)                  # made by another version
        before = s.generation
    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(GraphStore, "load_new", lambda self, quads: (_ for _ in ()).throw(
            KeyboardInterrupt))
        with pytest.raises(KeyboardInterrupt):
            pipeline.add([new], store)
    with opened(store) as s:
        assert s.generation == before                      # still current, as it was
    assert store_nquads(store) == good
    assert sorted(store.glob("gen-*")) == [before]         # the new one dropped
    report = pipeline.add([], store)         # the document extracted before: its graph made
    assert "new-visit" in report.graphs_written
    pipeline.build(corpus, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    assert pipeline.add([new], store).graphs_written == []


def test_pipeline_cycle_collection_held_off_in_a_stage_and_restored_after() -> None:
    import gc

    assert gc.isenabled()
    with pytest.raises(RuntimeError), pipeline._no_cycle_collection():
        assert not gc.isenabled()
        raise RuntimeError("a failing stage")
    assert gc.isenabled()
    gc.disable()                                  # a caller that had it off keeps it off
    try:
        with pipeline._no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()



def test_pipeline_objects_held_are_frozen_while_writing_and_thawed_after() -> None:
    import gc

    held = [[] for _ in range(100)]
    with pytest.raises(RuntimeError), pipeline._held_objects_frozen():
        assert gc.get_freeze_count() >= len(held)
        raise RuntimeError("a failing write")
    assert gc.get_freeze_count() == 0

def test_pipeline_add_replaces_many_changed_graphs_in_bounded_transactions(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jmgraph.store.local import GraphStore

    store = tmp_path / "store"
    pipeline.build(corpus, store)
    # every stored graph made stale (as a new version of the rendering code would): one
    # triple gone from each, digests lost
    with opened(store, writable=True) as s:
        for doc_id in s.document_ids():
            s.replace_graph(doc_id, sorted(s.graph_quads(doc_id), key=str)[1:])
        (cache_of(s).folder / "graph-digests.tsv").unlink()
    monkeypatch.setattr(pipeline, "GRAPHS_PER_TRANSACTION", 2)
    batches: list[list[str]] = []
    real = GraphStore.replace_graphs

    def spy(self: GraphStore, graphs: dict) -> None:
        assert not set(graphs) & set(cache_of(self).graph_records())   # dropped before writing
        batches.append(sorted(graphs))
        real(self, graphs)

    monkeypatch.setattr(GraphStore, "replace_graphs", spy)
    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    report = pipeline.add([new], store)
    assert len(report.graphs_written) == len(SEEDS_FILES) + 1
    assert [d for b in batches for d in b if not is_description(d)] == \
        sorted(report.graphs_written)
    assert [len(b) for b in batches if not is_description(b[0])] == [2, 2, 2]
    assert all(len(b) <= 2 for b in batches)                 # the descriptions' too
    pipeline.build(corpus, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    with opened(store) as s, opened(tmp_path / "fresh") as fresh:
        assert cache_of(s).graph_records() == cache_of(fresh).graph_records()


def test_pipeline_add_stopped_before_writing_is_resumed_not_taken_as_unchanged(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt                    # after extracting, before any graph

    with monkeypatch.context() as m:
        m.setattr(pipeline, "_write", stopped)
        with pytest.raises(KeyboardInterrupt):
            pipeline.add([new], store)
    assert "new-visit" not in store_graphs(store)
    report = pipeline.add([new], store)
    assert report.ingested == ["new_visit.txt"] and report.graphs_written == ["new-visit"]
    assert "new-visit" in store_graphs(store)
    assert pipeline.add([new], store).unchanged == ["new_visit.txt"]


def test_pipeline_add_of_a_changed_document_stopped_before_writing_is_resumed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # its new extraction is cached, its stored graph still the old one's: not "unchanged"
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    changed = corpus / "001_e176c421e48e90dd.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n" + NEW_DOC, encoding="utf-8")

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(pipeline, "_write", stopped)
        with pytest.raises(KeyboardInterrupt):
            pipeline.add([changed], store)
    report = pipeline.add([changed], store)
    assert report.ingested == [changed.name] and "001-e176c421e48e90dd" in report.graphs_written
    pipeline.build(corpus, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")


def test_pipeline_add_makes_the_person_blocks_again_when_they_are_missing_or_stale(
        corpus: Path, tmp_path: Path) -> None:
    # a store made before blocks were kept, or one whose blocks hold another version of a
    # document (a run stopped between caching its extraction and placing its records)
    from jmgraph.incremental.upkeep import PERSON_BLOCKS

    store = tmp_path / "store"
    pipeline.build(corpus, store)
    with opened(store) as s:
        blocks_file = cache_of(s).folder / PERSON_BLOCKS
        assert blocks_file.is_file()
        blocks_file.unlink()
    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    messages: list[str] = []
    pipeline.add([new], store, messages.append)
    assert any(f"person blocks made again for {len(SEEDS_FILES) + 1} document" in m
               for m in messages)
    pipeline.build(corpus, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    with opened(store) as s, BlockStore(s.cache_folder / PERSON_BLOCKS) as blocks:
        some = sorted(blocks.documents())[0]
        blocks.replace({some}, [], {some: "another version"})
    messages.clear()
    new.write_text(NEW_DOC.replace("May 3", "May 4"), encoding="utf-8")
    pipeline.add([new], store, messages.append)
    assert any("person blocks made again for 2 document" in m for m in messages)
    pipeline.build(corpus, tmp_path / "fresh2")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh2")


def test_pipeline_add_stopped_between_transactions_is_completed_by_the_next_add(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jmgraph.store.local import GraphStore

    store = tmp_path / "store"
    pipeline.build(corpus, store)
    with opened(store, writable=True) as s:           # every graph stale, as after an upgrade
        for doc_id in s.document_ids():
            s.replace_graph(doc_id, sorted(s.graph_quads(doc_id), key=str)[1:])
    monkeypatch.setattr(pipeline, "GRAPHS_PER_TRANSACTION", 2)
    real = GraphStore.replace_graphs
    calls: list[int] = []

    def stopped_at_the_second(self: GraphStore, graphs: dict) -> None:
        calls.append(len(graphs))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(self, graphs)

    new = corpus / "new_visit.txt"
    new.write_text(NEW_DOC, encoding="utf-8")
    with opened(store) as s:        # facts and graphs kept by another version of jmgraph
        kept = cache_of(s)
        kept.save_graph_records({d: GraphRecord("0" * 64) for d in kept.graph_records()})
        (cache_of(s).folder / FACT_GROUPS).unlink()
    with monkeypatch.context() as m:
        m.setattr(GraphStore, "replace_graphs", stopped_at_the_second)
        with pytest.raises(KeyboardInterrupt):
            pipeline.add([new], store)
    messages: list[str] = []
    report = pipeline.add([], store, messages.append)         # nothing new: repairs only
    assert report.graphs_written and any("stopped run" in m for m in messages)
    pipeline.build(corpus, tmp_path / "fresh")
    assert store_nquads(store) == store_nquads(tmp_path / "fresh")
    assert pipeline.add([], store).graphs_written == []        # and then nothing to do


# Files whose names differ by a space, a hyphen, case, a folder, the extension's case and
# script, each telling of its own visitor.
NAMED = {"visit-a.txt": "Sato", "visit a.txt": "Suzuki", "Visit-A.txt": "Tanaka",
         "sub/visit a.txt": "Kato", "sub/visit-a.txt": "Ito", "日本.txt": "Watanabe",
         "モンゴル.txt": "Yamamoto", "sub/日本.txt": "Nakamura", "Улаанбаатар.TXT": "Kobayashi",
         "Монгол Улс.txt": "Yoshida"}


def _visit(name: str) -> str:
    return f"May 1, 2020\nPrime Minister {name} visited Mongolia in April 2020.\n"


def _named_corpus(folder: Path, names: dict[str, str]) -> list[Path]:
    paths = []
    for file_name, visitor in names.items():
        path = folder / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_visit(visitor), encoding="utf-8")
        paths.append(path)
    return paths


def _said_by(graph: set) -> set[str]:
    """The visitors of NAMED a document's graph names."""
    return {v for q in graph for v in NAMED.values() if v in q.object.value}


def test_pipeline_documents_whose_names_differ_by_space_case_folder_or_script_stay_apart(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _named_corpus(corpus, NAMED)
    store = tmp_path / "store"
    report = pipeline.build(corpus, store)
    assert not report.failed and sorted(report.ingested) == sorted(NAMED)
    assert report.counts["documents"] == report.counts["visits"] == len(NAMED)
    graphs = store_graphs(store)
    for file_name, visitor in NAMED.items():          # each its own facts, none mixed
        assert _said_by(graphs[document_id(file_name)]) == {visitor}, file_name
    assert "visit-a" in graphs and any(k.startswith("日本_") for k in graphs)


def test_pipeline_a_store_grown_by_add_from_a_corpus_with_folders_is_the_store_built(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    rest = _named_corpus(corpus, NAMED)[1:]
    fresh = tmp_path / "fresh"
    pipeline.build(corpus, fresh)
    for path in rest:
        path.rename(path.with_name(path.name + ".later"))
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    for path in rest:       # added one at a time, named by their path in the corpus built
        path.with_name(path.name + ".later").rename(path)
        report = pipeline.add([path], store)
        assert report.ingested == [path.relative_to(corpus).as_posix()] and not report.failed
    assert store_nquads(store) == store_nquads(fresh)


def test_pipeline_add_never_replaces_another_document(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    [plain] = _named_corpus(corpus, {"visit-a.txt": "Sato"})
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    spaced = _named_corpus(corpus, {"visit a.txt": "Suzuki", "sub/visit-a.txt": "Ito"})
    added = pipeline.add(spaced, store)
    assert sorted(added.graphs_written) == sorted(document_id(n) for n in
                                                  ("visit a.txt", "sub/visit-a.txt"))
    before = store_graphs(store)
    assert _said_by(before["visit-a"]) == {"Sato"}
    # the one name that shares an id with another: refused, nothing changed
    [underscored] = _named_corpus(corpus, {"visit_a.txt": "Tanaka"})
    refused = pipeline.add([underscored], store)
    assert refused.failed == [
        "visit_a.txt: its document id 'visit-a' is that of visit-a.txt, another document; "
        "rename one of them (nothing of visit-a.txt was changed)"]
    assert not refused.ingested and store_graphs(store) == before
    # and so in a build: the first of the two read is kept
    built = pipeline.build(corpus, tmp_path / "built")
    assert len(built.failed) == 1 and "visit_a.txt: its document id 'visit-a'" in built.failed[0]
    assert _said_by(store_graphs(tmp_path / "built")["visit-a"]) == {"Sato"}
    # the same file changed is the same document
    plain.write_text(_visit("Sato").replace("2020", "2021"), encoding="utf-8")
    assert pipeline.add([plain], store).graphs_written == ["visit-a"]


def test_pipeline_add_names_a_file_by_its_path_in_the_corpus_given_or_built(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    [in_sub] = _named_corpus(corpus, {"sub/visit a.txt": "Kato"})
    [outside] = _named_corpus(tmp_path / "elsewhere", {"visit a.txt": "Suzuki"})
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    with opened(store) as s:
        assert cache_of(s).corpus() == corpus.resolve()
    # a file from elsewhere is the document of its name, at the top of the corpus
    assert pipeline.add([outside], store).ingested == ["visit a.txt"]
    # a store made by add knows no corpus: its files are named by their names, unless the
    # corpus is given
    made = tmp_path / "made"
    assert pipeline.add([in_sub], made).ingested == ["visit a.txt"]
    assert pipeline.add([in_sub], made, corpus=corpus).ingested == ["sub/visit a.txt"]
    assert set(store_graphs(made)) >= {document_id("visit a.txt"),
                                       document_id("sub/visit a.txt")}


def test_pipeline_build_that_reads_nothing_keeps_the_last_good_graph(
        corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline.build(corpus, store)
    good, generations = store_nquads(store), sorted(store.glob("gen-*"))
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.odt").write_text("Not a text of the corpus.")
    with pytest.raises(pipeline.NothingRead) as err:
        pipeline.build(empty, store)
    assert str(err.value) == (f"{empty}: no text (.txt, .md, .html, .jsonl) in it or its "
                              "subfolders; nothing "
                              "built, the last good graph is kept (--allow-empty builds an "
                              "empty graph)")
    failing = tmp_path / "failing"
    failing.mkdir()
    (failing / "empty.txt").write_bytes(b"")
    (failing / "image.TXT").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (failing / "folder.txt").mkdir()
    messages: list[str] = []
    with pytest.raises(pipeline.NothingRead, match=r"failing: none of its texts could be "
                       r"read \(3 failed, see above\); nothing built"):
        pipeline.build(failing, store, messages.append)
    assert len([m for m in messages if m.startswith("failed: ")]) == 3
    assert store_nquads(store) == good and sorted(store.glob("gen-*")) == generations
    # unless an empty graph is what is wanted
    report = pipeline.build(empty, store, allow_empty=True)
    assert report.counts["documents"] == 0 and report.triples == 0
    assert store_nquads(store) == b""
