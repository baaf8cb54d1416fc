"""Stage 6, store: the embedded Oxigraph store and the extraction cache beside it.

A store is a folder of generations, one of them current:

    STORE/current -> gen-...   the generation readers open (a symbolic link)
    STORE/gen-.../oxigraph/    the RDF dataset (a named graph per document and one per
                               fact's description, their union the default graph)
    STORE/gen-.../extractions/ each document's extraction as JSON, so that ``add`` can
                               re-resolve the corpus without running spaCy again
    STORE/gen-.../jmgraph.json format version
    STORE/writer.lock          held by the one process that writes

``build`` loads a new generation (in bulk: no reader sees it yet) and publishes it by
replacing the ``current`` link in one ``rename``: killed at any moment, it leaves the last
good graph in place.  ``add`` replaces the graphs that changed in SPARQL Updates (a graph is
replaced whole or not at all), or, when every graph is to be made again (stored by
another version of the rendering code), loads a successor generation as ``build`` does.
A second writer is refused while the lock is held; readers need no lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..batches import batched
from ..errors import StoreError
from ..rdf.graphs import graph_iri, is_description, sorted_lines
from .sparql import library
from .updates import insert_data, union_updates

FORMAT_VERSION = 1
DB = "oxigraph"
EXTRACTIONS = "extractions"
META = "jmgraph.json"
CURRENT = "current"
LOCK = "writer.lock"
GENERATION_PREFIX = "gen-"
# Generations kept after a publish: the new one and the one before it (a reader that
# opened it just before the switch keeps working).
KEEP_GENERATIONS = 2
# What fills a new generation's extraction cache folder from the one before (the folders'
# contents are the writer's: ``extraction_cache``, ``incremental``).
Carry = Callable[[Path, Path], None]
# Threads that dump graphs for an export (the machines this runs on have 2 cores or more).
DUMP_THREADS = min(2, os.cpu_count() or 1)
# Quads handed to Oxigraph's bulk loader at a time: it holds what it is given in memory
# (about 500 bytes a quad: 2 GiB for 4 million in one call, 450 MiB in calls of 200,000,
# for some 15% more time; bench/RESULTS.md), so a build's memory does not grow with it.
BULK_LOAD_QUADS = 200_000


def _acquire(path: Path) -> IO[str]:
    try:
        path.mkdir(parents=True, exist_ok=True)
        handle = (path / LOCK).open("a+")
    except FileExistsError:
        raise StoreError(f"{path}: a file, not a folder; --store is the store's folder") \
            from None
    except NotADirectoryError:
        raise StoreError(f"{path}: a file is in its path; --store is the store's folder") \
            from None
    except OSError as err:
        raise StoreError(f"{path}: the store cannot be written there ({err.strerror})") \
            from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StoreError(f"{path}: store is in use by another jmgraph process; wait for it "
                         "to finish") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _release(handle: IO[str] | None) -> None:
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _write_meta(generation: Path, complete: bool) -> None:
    """The generation's format, and whether it is complete (published, or made to be)."""
    meta = generation / META
    staged = meta.with_name(META + ".tmp")
    staged.write_text(json.dumps({"format": FORMAT_VERSION, "complete": complete}),
                      encoding="utf-8")
    os.replace(staged, meta)


def _generations(path: Path) -> list[Path]:
    """The generations in the store at PATH, oldest first."""
    return sorted((p for p in path.glob(f"{GENERATION_PREFIX}*") if p.is_dir()),
                  key=lambda p: p.name)


def _complete(generation: Path) -> bool:
    """Whether GENERATION was completed (one made before this was recorded, by an older
    version, is taken as complete when it says nothing)."""
    try:
        meta = json.loads((generation / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and meta.get("complete", True) is not False


def _remove_leftovers(path: Path) -> None:
    """The generations left incomplete by killed runs, and their staged links, removed (by
    the writer, holding the lock: no other run is making one)."""
    link = path / CURRENT
    current = Path(os.readlink(link)).name if link.is_symlink() else None
    for g in _generations(path):
        if g.name != current and not _complete(g):
            shutil.rmtree(g, ignore_errors=True)
    for staged in path.glob(f".{CURRENT}-*"):
        if staged.is_symlink():
            staged.unlink(missing_ok=True)


def current_generation(path: Path) -> Path:
    link = path / CURRENT
    if not link.is_symlink() or not (link / META).is_file() or not (link / DB).is_dir():
        raise StoreError(
            f"{path}: no jmgraph store here; create it with 'jmgraph build --store {path}'")
    return link.resolve()


class GraphStore:
    """An open generation of a jmgraph store."""

    def __init__(self, root: Path, generation: Path, db: ox.Store, lock: IO[str] | None) -> None:
        self.path = root
        self.generation = generation
        self.db = db
        self.lock = lock

    @property
    def writable(self) -> bool:
        return self.lock is not None

    @property
    def sparql_endpoint(self) -> str | None:
        """Where the graph can be queried over HTTP: none of its own (``jmgraph serve``)."""
        return None

    # ---------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path, writable: bool = False) -> GraphStore:
        """The current generation; writable opens take the writer lock."""
        lock = _acquire(path) if writable else None
        try:
            if lock is not None:
                _remove_leftovers(path)
            generation = current_generation(path)
            try:
                meta = json.loads((generation / META).read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise StoreError(f"{generation / META}: unreadable ({err}); rebuild with "
                                 "'jmgraph build'") from None
            if meta.get("format") != FORMAT_VERSION:
                raise StoreError(f"{path}: store format {meta.get('format')} is not "
                                 f"{FORMAT_VERSION}; rebuild it with 'jmgraph build'")
            try:
                db = ox.Store(str(generation / DB)) if writable else \
                    ox.Store.read_only(str(generation / DB))
            except OSError as err:
                if "lock" in str(err).lower():
                    raise StoreError(f"{path}: store is in use by another jmgraph process; "
                                     "wait for it to finish") from None
                raise StoreError(f"{path}: cannot open the store ({err})") from None
        except BaseException:
            _release(lock)
            raise
        return cls(path, generation, db, lock)

    @classmethod
    def new_generation(cls, path: Path) -> GraphStore:
        """A new, empty generation (not yet current), holding the writer lock (the
        leftovers of killed runs removed first)."""
        lock = _acquire(path)
        try:
            _remove_leftovers(path)
        except BaseException:
            _release(lock)
            raise
        return cls._generation(path, lock)

    @classmethod
    def _generation(cls, path: Path, lock: IO[str],
                    carried: tuple[Path, Carry] | None = None) -> GraphStore:
        """A new, empty generation of the store at PATH, holding LOCK (released if it cannot
        be made), its extraction cache folder filled from CARRIED's folder by its CARRY."""
        generation = path / f"{GENERATION_PREFIX}{time.time_ns():020d}-{os.getpid()}"
        try:
            (generation / EXTRACTIONS).mkdir(parents=True)
            if carried is not None:
                folder, carry = carried
                carry(folder, generation / EXTRACTIONS)
            _write_meta(generation, complete=False)
            db = ox.Store(str(generation / DB))
        except BaseException:
            _release(lock)
            shutil.rmtree(generation, ignore_errors=True)
            raise
        return cls(path, generation, db, lock)

    def successor(self, carry: Carry) -> GraphStore:
        """A new generation (not yet current) with no graphs, its extraction cache folder
        filled from this store's by CARRY (old folder, new folder), taking over its writer
        lock (this store is closed): for an ``add`` that makes every graph again, loaded in
        bulk and published when complete."""
        if self.lock is None:
            raise StoreError(f"{self.path}: opened read-only; no new generation from it")
        lock, self.lock = self.lock, None
        self._close_db()
        return self._generation(self.path, lock, (self.cache_folder, carry))

    @classmethod
    def create(cls, path: Path) -> GraphStore:
        """An empty store at PATH, open for writing."""
        store = cls.new_generation(path)
        store.publish(keep_open=True)
        return store

    def publish(self, keep_open: bool = False) -> None:
        """Make this generation current (one atomic rename) and drop the older ones."""
        self.db.flush()
        _write_meta(self.generation, complete=True)
        link = self.path / CURRENT
        staged = self.path / f".{CURRENT}-{os.getpid()}"
        if staged.is_symlink() or staged.exists():
            staged.unlink()
        staged.symlink_to(self.generation.name)
        os.replace(staged, link)
        self._prune()
        if not keep_open:
            self.close()

    def discard(self) -> None:
        """Drop an unpublished generation."""
        self._close_db()
        shutil.rmtree(self.generation, ignore_errors=True)
        _release(self.lock)
        self.lock = None

    def _prune(self) -> None:
        """Drop the generations older than the KEEP_GENERATIONS - 1 complete ones before
        the current one (named by the link: the store's path may be relative), and those
        left incomplete by a killed run: never the last good one for a partial one."""
        current = Path(os.readlink(self.path / CURRENT)).name
        older = [g.name for g in _generations(self.path)
                 if g.name < current and _complete(g)]
        keep = {current, *(older[-(KEEP_GENERATIONS - 1):] if KEEP_GENERATIONS > 1 else [])}
        for g in _generations(self.path):
            if g.name not in keep:
                shutil.rmtree(g, ignore_errors=True)

    def _close_db(self) -> None:
        if getattr(self, "db", None) is not None:
            if self.writable:
                self.db.flush()
            self.db = None  # type: ignore[assignment]

    def close(self) -> None:
        self._close_db()
        _release(self.lock)
        self.lock = None

    # ---------------------------------------------------------------- graphs
    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Replace graphs (by key: ``rdf.graphs.graph_iri``; no quads: the graph is dropped) and
        update their union, in one transaction; the union changes by what the replaced
        graphs changed, the rest is not read."""
        new = {key: list(quads) for key, quads in graphs.items()}
        old = [q for key in new for q in self.graph_quads(key)]
        operations = []
        for key, quads in new.items():
            graph = graph_iri(key)
            operations.append(f"DROP SILENT GRAPH {graph}")
            if quads:
                operations.append(insert_data((q.triple for q in quads), graph))
        operations += union_updates(old, [q for quads in new.values() for q in quads])
        self.db.update(" ;\n".join(operations))

    def replace_graph(self, doc_id: str, quads: Iterable[ox.Quad]) -> None:
        self.replace_graphs({doc_id: quads})

    def load_new(self, quads: Iterable[ox.Quad]) -> None:
        """Bulk-load documents' graphs, and their union as the default graph, into an
        unpublished generation, and compact it: no reader sees it before ``publish``, so
        the generation as a whole is the transaction.  QUADS are streamed (the loader
        keeps a triple stated by several graphs once in the union)."""
        def with_union() -> Iterator[ox.Quad]:
            for q in quads:
                yield q
                yield ox.Quad(q.subject, q.predicate, q.object)

        for batch in batched(with_union(), BULK_LOAD_QUADS):
            self.db.bulk_extend(batch)
        # compacted before anyone reads it: queries on a freshly bulk-loaded store take
        # about twice as long (bench/RESULTS.md); 1.6 s at a million quads
        self.db.optimize()

    def named_quads(self) -> Iterator[ox.Quad]:
        """The documents' graphs (not their union in the default graph)."""
        for q in self.db:
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield q

    def union_triples(self) -> Iterator[ox.Triple]:
        for q in self.db.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            yield q.triple

    def canonical_nquads(self) -> bytes:
        """The documents' graphs as sorted N-Quads, dumped graph by graph by Oxigraph in
        threads (it reads without holding Python's lock): reading the store quad by quad
        from Python is several times slower."""
        def dump(graph: ox.NamedNode) -> bytes:
            data = self.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
            return data.replace(b" .\n", f" {graph} .\n".encode())   # each line's end

        graphs = [g for g in self.db.named_graphs() if isinstance(g, ox.NamedNode)]
        with ThreadPoolExecutor(DUMP_THREADS) as pool:
            return sorted_lines(b"".join(pool.map(dump, graphs)))

    def canonical_union(self) -> bytes:
        """The union of the documents' graphs (the default graph) as sorted N-Triples."""
        return sorted_lines(self.db.dump(format=ox.RdfFormat.N_TRIPLES,
                                         from_graph=ox.DefaultGraph()) or b"")

    def graph_quads(self, key: str) -> set[ox.Quad]:
        graph = graph_iri(key)
        return set(self.db.quads_for_pattern(None, None, None, graph))

    def graph_keys(self) -> list[str]:
        """The keys of jmgraph's graphs: documents' and descriptions'."""
        prefix = graph_iri("").value
        return sorted(g.value.removeprefix(prefix) for g in self.db.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))

    def document_ids(self) -> list[str]:
        return [key for key in self.graph_keys() if not is_description(key)]

    def __len__(self) -> int:
        """Quads in the documents' graphs."""
        (row,) = self.db.query(library("count-quads.rq"))
        return int(row[0].value)

    # ---------------------------------------------------------------- extraction cache
    @property
    def cache_folder(self) -> Path:
        """The folder of the generation's extraction cache (``extraction_cache``), and of
        what the writer keeps beside it."""
        return self.generation / EXTRACTIONS

    def query(self, text: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """A SPARQL query over the default graph (the union of the documents' graphs)."""
        return self.db.query(text)


@contextmanager
def opened(path: Path, writable: bool = False) -> Iterator[GraphStore]:
    store = GraphStore.open(path, writable=writable)
    try:
        yield store
    finally:
        store.close()
