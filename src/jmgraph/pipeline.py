"""The pipeline: read -> annotate -> extract -> resolve -> to RDF -> store.

    read                  ingest.read: files -> documents
    annotate, extract     extract.documents (ingest.annotate, extract): documents ->
                          extractions, kept in the store's extraction cache
    resolve               resolve.corpus (build), incremental.Upkeep (add): the corpus's
                          persons and facts, split by document (resolve.partition)
    to RDF                rdf.render: each document's graph, each fact's description,
                          made again only when its digest changed (rdf.digests)
    store                 store.backend: loaded into a new generation (build), or the
                          changed graphs replaced (add)

``build`` makes a new store from a corpus folder and swaps it in only when complete;
``add`` ingests new or changed documents into an existing store.  Both print nothing:
they report through the ``progress`` callback and return a ``Report``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache as memoized
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .extract.compact import compact
from .extract.documents import extract_documents
from .extract.model import Extraction
from .incremental import Upkeep
from .ingest.read import (
    DEFAULT_MAX_BYTES,
    CorpusFile,
    Document,
    corpus_name,
    read_all,
    walk_corpus,
)
from .rdf.digests import part_digests, rendering
from .rdf.render import descriptions, document_graphs
from .resolve.corpus import Resolution, resolve
from .resolve.partition import part, stated
from .store import description_graphs
from .store.backend import AnyStore, Target
from .store.extraction_cache import ExtractionCache, GraphRecord, carry

Progress = Callable[[str], None]


@dataclass
class Report:
    """What a build or add did."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)       # one message per failed file
    graphs_written: list[str] = field(default_factory=list)   # documents' graphs
    descriptions_written: int = 0          # facts' description graphs written or dropped
    counts: dict[str, int] = field(default_factory=dict)
    triples: int = 0


def _quiet(_: str) -> None:
    pass


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a stage makes many objects and
    frees few (loading the extractions and resolving them): each of its full collections
    walks every object held, millions with a large corpus loaded (a third of resolution's
    time at 10,000 documents).  The stage makes few cycles; the collector runs after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _held_objects_frozen() -> Iterator[None]:
    """The objects alive now (a resolved corpus: millions) left out of the cyclic garbage
    collector's passes while a stage that makes and frees many objects of its own runs
    (writing the graphs): each full pass would walk them all again (seconds at 10,000
    documents) and find nothing to free among them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _documents(items: Iterable[Path | CorpusFile | InputError], report: Report,
               progress: Progress, max_bytes: int,
               owner: Callable[[str], str | None] = lambda _: None) -> Iterator[Document]:
    """The documents of ITEMS; each that cannot be read, or whose id is another's (read
    before it, or its OWNER's: the path in the corpus of the stored document of that id),
    reported as failed."""
    claimed: dict[str, str] = {}
    for item in read_all(items, max_bytes):
        if isinstance(item, Document):
            other = claimed.setdefault(item.doc_id, item.file_name)
            if other == item.file_name:
                other = owner(item.doc_id)
            if other is not None and other != item.file_name:
                item = InputError(
                    f"{item.file_name}: its document id '{item.doc_id}' is that of "
                    f"{other}, another document; rename one of them (nothing of {other} "
                    "was changed)")
        if isinstance(item, InputError):
            report.failed.append(str(item))
            progress(f"failed: {item}")
            continue
        yield item


# Changed graphs replaced per transaction by add: each document's graph is replaced whole
# or not at all, and memory holds a bounded batch (a new version of the rendering code can
# change every graph of a large store).
GRAPHS_PER_TRANSACTION = 200


# A document's part of the resolution: its digest (``digests.part_digests``), and a function
# making the part (made only when its graph is).
Part = tuple[str, Callable[[], Resolution]]


def _whole_parts(resolution: Resolution) -> dict[str, Part]:
    """Every document's part of RESOLUTION (the corpus resolved whole)."""
    with _no_cycle_collection():
        index = stated(resolution)
        digests = part_digests(resolution, index)
    return {doc_id: (digests[doc_id], partial(part, resolution, doc_id, holds))
            for doc_id, holds in index.items()}


def _kept_parts(parts: dict[str, Resolution]) -> dict[str, Part]:
    """PARTS made from the kept facts (``fact_groups``), with their digests."""
    def given(p: Resolution) -> Callable[[], Resolution]:
        return lambda: p

    return {doc_id: (part_digests(p, stated(p))[doc_id], given(p))
            for doc_id, p in parts.items()}


def _write(store: AnyStore, parts: dict[str, Part], report: Report,
           recorded: dict[str, GraphRecord] | None, kept: Collection[str] = (),
           described: Iterable[tuple[str, list[ox.Quad]]] = ()) -> list[int | None]:
    """Each document's graph of PARTS, made one at a time (memory holds one graph, not
    all).  With RECORDED (``add``: what the stored graphs were made from), a graph is made
    only when its part's digest differs from the one its stored graph was made from, and
    written only when it differs from the stored one; the graphs of KEPT stay as they are.
    Without, every graph is made and loaded into a new store (``build``), with the
    DESCRIBED graphs (every fact's description).  Returns the sizes of the documents'
    graphs."""
    sizes: dict[str, int | None] = {}
    stored = recorded or {}

    def graphs() -> Iterator[tuple[str, list[ox.Quad]]]:
        for doc_id, (digest, make) in parts.items():
            record = stored.get(doc_id)
            if record is not None and record.digest == digest:
                sizes[doc_id] = _sized(store, doc_id, record).quads
                continue
            quads = document_graphs(make()).get(doc_id, [])
            sizes[doc_id] = len(set(quads))
            if recorded is not None and store.graph_quads(doc_id) == set(quads):
                continue
            yield doc_id, quads

    def record(doc_id: str) -> GraphRecord:
        return GraphRecord(parts[doc_id][0], sizes.get(doc_id))

    if recorded is None:                           # a new generation: load it whole
        described_sizes: dict[str, int | None] = {}
        described_digests: dict[str, str] = {}

        def stream() -> Iterator[ox.Quad]:
            for doc_id, quads in graphs():
                report.graphs_written.append(doc_id)
                yield from quads
            for key, quads in described:
                described_sizes[key] = len(quads)
                described_digests[key] = description_graphs.graph_digest(quads)
                yield from quads

        store.load_new(stream())
        report.descriptions_written = len(described_sizes)
        with _cache(store).description_records() as records:
            records.save(described_sizes, whole=True, digests=described_digests)
    else:
        _replace_in_batches(store, graphs(), recorded, record, report)
    records = {doc_id: _sized(store, doc_id, stored[doc_id]) for doc_id in kept
               if doc_id in stored}
    records.update((doc_id, record(doc_id)) for doc_id in parts)
    _cache(store).save_graph_records(records)
    return [r.quads for r in records.values()]


def _sized(store: AnyStore, doc_id: str, record: GraphRecord) -> GraphRecord:
    """RECORD with its graph's size, read once when not recorded (by an older version)."""
    if record.quads is not None:
        return record
    return GraphRecord(record.digest, len(store.graph_quads(doc_id)))


def _quads(store: AnyStore, sizes: Iterable[int | None]) -> int:
    """The quads in STORE's graphs: the sum of the SIZES of the documents' graphs and of
    the descriptions recorded when every one is known (a COUNT reads the whole store:
    seconds at a million quads)."""
    known = list(sizes)
    if None in known:
        return len(store)
    with _cache(store).description_records() as records:
        return sum(known) + records.total()        # type: ignore[arg-type]


def _replace_in_batches(store: AnyStore, graphs: Iterable[tuple[str, list[ox.Quad]]],
                        recorded: dict[str, GraphRecord],
                        record: Callable[[str], GraphRecord], report: Report) -> None:
    """Replace the changed GRAPHS, GRAPHS_PER_TRANSACTION per transaction.  The recorded
    digests always describe stored graphs: a batch's are dropped before it is written and
    recorded (by RECORD) once the store has it."""
    stored = dict(recorded)
    batch: dict[str, list[ox.Quad]] = {}

    def replace() -> None:
        _cache(store).save_graph_records({d: x for d, x in stored.items() if d not in batch})
        store.replace_graphs(batch)            # one transaction, union updated
        stored.update((d, record(d)) for d in batch)
        report.graphs_written.extend(batch)
        batch.clear()

    for doc_id, quads in graphs:
        batch[doc_id] = quads
        if len(batch) >= GRAPHS_PER_TRANSACTION:
            replace()
    if batch:
        replace()


def _cache(store: AnyStore) -> ExtractionCache:
    """STORE's extraction cache."""
    return ExtractionCache(store.cache_folder)


def _upkeep(store: AnyStore) -> Upkeep:
    """The resolution kept for ``add`` beside STORE's extraction cache (to be closed)."""
    return Upkeep(store.cache_folder)


def _target(store: Path | Target) -> Target:
    return store if isinstance(store, Target) else Target(store)


class NothingRead(InputError):
    """A build that would publish an empty graph: no document was read."""


def build(corpus: Path, where: Path | Target, progress: Progress = _quiet,
          max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1, allow_empty: bool = False
          ) -> Report:
    """(Re)build the graph of every text in CORPUS (its subfolders too) into a new store
    WHERE: a store folder, or a ``Target`` (a remote store).  When no document is read
    (no text, or none readable), the last good graph is kept and ``NothingRead`` raised,
    unless ALLOW_EMPTY."""
    items = walk_corpus(corpus)
    report = Report()

    def extracted() -> list[Extraction]:
        cache = _cache(store)
        cache.save_corpus(corpus)
        extractions = []
        for x in extract_documents(_documents(items, report, progress, max_bytes), jobs):
            cache.save(x)
            extractions.append(compact(x))     # held until the corpus is resolved
            report.ingested.append(x.document.file_name)
            progress(f"read {x.document.file_name}")
        if not extractions and not allow_empty:
            raise NothingRead(_nothing_read(corpus, len(report.failed)))
        return extractions

    store = _target(where).new_generation()
    _load_generation(store, extracted, report)
    return report


def _nothing_read(corpus: Path, failed: int) -> str:
    what = (f"none of its texts could be read ({failed} failed, see above)" if failed
            else "no text (.txt, .md, .html, .jsonl) in it or its subfolders")
    return (f"{corpus}: {what}; nothing built, the last good graph is kept "
            "(--allow-empty builds an empty graph)")


def _load_generation(store: AnyStore, extractions: Callable[[], list[Extraction]],
                     report: Report) -> None:
    """The corpus of EXTRACTIONS (saved in STORE's extraction cache as they are made)
    resolved whole and loaded into STORE, a new generation with no graphs, its resolution
    kept for the next ``add``; published when complete, discarded if anything fails."""
    try:
        xs = extractions()
        _write_whole(store, xs, report, None)
    except BaseException:
        store.discard()
        raise
    store.publish()


def _write_whole(store: AnyStore, xs: list[Extraction], report: Report,
                 written: dict[str, GraphRecord] | None) -> int:
    """The corpus of XS resolved whole (``resolve``) and its graphs written into STORE:
    loaded into a new generation (WRITTEN None), or each one that changed replaced (WRITTEN:
    the records of the stored graphs); the resolution kept for the next ``add``.  Returns
    how many documents' persons were placed in the kept blocks."""
    cache = _cache(store)
    with _no_cycle_collection():
        resolution = resolve(xs)
    with _held_objects_frozen():
        if written is None:
            sizes = _write(store, _whole_parts(resolution), report, None,
                           described=descriptions(resolution))
        else:
            with cache.description_records() as described:
                sizes = _write(store, _whole_parts(resolution), report, written)
                report.descriptions_written = len(description_graphs.write(
                    store, descriptions(resolution), described, None,
                    GRAPHS_PER_TRANSACTION))
        # recorded once the descriptions are written too: a run stopped before leaves the
        # graphs to be compared whole again
        cache.save_rendering(rendering())
        report.triples = _quads(store, sizes)
        report.counts = resolution.counts()
    del resolution
    with _no_cycle_collection(), _upkeep(store) as upkeep:
        return upkeep.keep(xs)


def add(files: list[Path], where: Path | Target, progress: Progress = _quiet,
        max_bytes: int = DEFAULT_MAX_BYTES, corpus: Path | None = None) -> Report:
    """Ingest new or changed documents; unchanged ones are skipped.  A file is the
    document of its path in CORPUS (default: the folder the store was built from), or of
    its name when it is not in it; one whose id is another document's is refused."""
    report = Report()
    store = _target(where).open(writable=True)
    try:
        cache = _cache(store)
        fresh: list[Document] = []
        written = cache.graph_records()          # the documents whose graph is stored
        folder = corpus if corpus is not None else cache.corpus()
        named = [CorpusFile(f, corpus_name(f, folder)) for f in files]
        identity = memoized(cache.identity)       # (SHA-256, path) of a stored document
        for document in _documents(named, report, progress, max_bytes,
                                   lambda d: (identity(d) or ("", None))[1]):
            if (identity(document.doc_id) or (None, ""))[0] != document.sha256:
                fresh.append(document)
            elif document.doc_id in written:
                report.unchanged.append(document.file_name)
                progress(f"unchanged {document.file_name}")
            else:
                # read before, its graph not stored since (a run stopped in between)
                report.ingested.append(document.file_name)
                progress(f"resumed {document.file_name}")
        changed = {d.doc_id for d in fresh} & written.keys()
        if changed:
            # their graphs are stale from now on: a run stopped before writing them leaves
            # them unrecorded (resumed by the next add), not recorded as up to date
            cache.save_graph_records(
                {d: r for d, r in written.items() if d not in changed})
        fresh_xs = []
        for x in extract_documents(fresh):
            cache.save(x)
            fresh_xs.append(x)
            report.ingested.append(x.document.file_name)
            progress(f"read {x.document.file_name}")
        # graphs whose digest a stopped run dropped (being replaced) are made again too
        stored = cache.doc_ids()                  # every document's id, the fresh ones too
        unsure = stored - written.keys()
        if unsure and not report.ingested:
            progress(f"{len(unsure)} graph(s) left by a stopped run: made again")
        with cache.description_records() as described:
            undone = bool(described.unsure())       # left by a stopped run
        if undone and not (report.ingested or unsure):
            progress("descriptions left by a stopped run: written")
        if not (report.ingested or unsure or undone):
            report.triples = _quads(store, [r.quads for r in written.values()])
        elif written and cache.rendering() != rendering():
            store = _add_as_new_generation(store, report, len(written), progress)
        else:
            with _upkeep(store) as upkeep:
                kept = upkeep.current()
            if kept:
                _add_to_kept(store, stored, fresh_xs, report, written, unsure, progress)
            else:
                _add_resolving_whole(store, report, written, progress)
    finally:
        store.close()
    return report


def _add_as_new_generation(store: AnyStore, report: Report, graphs: int,
                           progress: Progress) -> AnyStore:
    """``add`` when the stored GRAPHS were made by another version of the rendering code
    (each one is to be made again): a successor of STORE, holding its extractions, loaded
    in bulk as by ``build`` (no spaCy run) and published when complete; returns it."""
    progress(f"{graphs} stored graph(s) made by another version of jmgraph: the graph is "
             "made again from the extractions kept (a slower add)")
    successor = store.successor(carry)

    def kept() -> list[Extraction]:
        with _no_cycle_collection():
            return [compact(x) for x in _cache(successor).load_all()]

    _load_generation(successor, kept, report)
    return successor


def _add_resolving_whole(store: AnyStore, report: Report, written: dict[str, GraphRecord],
                         progress: Progress) -> None:
    """``add`` when the kept resolution was made by another version of jmgraph, or not
    kept: the corpus resolved whole, every graph's digest compared, the resolution kept
    again."""
    with _no_cycle_collection():
        extractions = list(_cache(store).load_all())
    placed = _write_whole(store, extractions, report, written)
    _say_placed(placed, report, progress)


def _say_placed(placed: int, report: Report, progress: Progress) -> None:
    if placed > len(report.ingested):
        progress(f"person blocks made again for {placed} document(s) (once: made "
                 "by another version of jmgraph, or by a run that stopped)")


def _add_to_kept(store: AnyStore, corpus: set[str], fresh: list[Extraction], report: Report,
                 written: dict[str, GraphRecord], unsure: set[str], progress: Progress
                 ) -> None:
    """``add`` merging into the kept resolution (``incremental``) of the CORPUS (its
    document ids): only the documents whose rows change (FRESH ones, and those whose persons
    changed) are read again, and only the graphs whose parts change are made."""
    cache = _cache(store)
    with _upkeep(store) as upkeep:
        change = upkeep.update(corpus, fresh, unsure, cache.load, cache.sha256)
        _say_placed(change.placed, report, progress)
        with _no_cycle_collection():
            parts = _kept_parts(change.parts)
        todo = change.todo
        with cache.description_records() as described:
            stated_before = description_graphs.stated_in(store, todo) | described.unsure()
            described.begin(stated_before)
            sizes = _write(store, parts, report, written, kept=corpus - todo)
            report.descriptions_written = len(description_graphs.write(
                store, descriptions(*change.parts.values()), described, stated_before,
                GRAPHS_PER_TRANSACTION))
        upkeep.settled(todo)
    report.triples = _quads(store, sizes)
    report.counts = change.counts
