"""Stage 6, store: the embedded Oxigraph store and the extraction cache beside it.

A store is a folder:

    STORE/oxigraph/        the RDF dataset (one named graph per document)
    STORE/extractions/     each document's extraction as JSON, so that ``add`` can
                           re-resolve the corpus without running spaCy again
    STORE/jmgraph.json     format version

Each document's graph is replaced in one SPARQL Update (one transaction): a reader sees
the old graph or the new one, never half of it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .extract.model import Extraction
from .rdf import graph_iri

FORMAT_VERSION = 1
DB = "oxigraph"
EXTRACTIONS = "extractions"
META = "jmgraph.json"


def _locked(err: OSError) -> bool:
    text = str(err).lower()
    return "lock" in text or "resource temporarily unavailable" in text


class GraphStore:
    """An open jmgraph store."""

    def __init__(self, path: Path, store: ox.Store, writable: bool) -> None:
        self.path = path
        self.db = store
        self.writable = writable

    # ---------------------------------------------------------------- opening
    @classmethod
    def create(cls, path: Path, replace: bool = False) -> GraphStore:
        """A new, empty store at PATH; with REPLACE, whatever is there is removed first."""
        if path.exists():
            if not replace and any(path.iterdir()):
                raise StoreError(f"{path}: exists and is not empty; choose another --store")
            shutil.rmtree(path)
        (path / EXTRACTIONS).mkdir(parents=True)
        (path / META).write_text(json.dumps({"format": FORMAT_VERSION}), encoding="utf-8")
        return cls(path, ox.Store(str(path / DB)), True)

    @classmethod
    def open(cls, path: Path, writable: bool = False) -> GraphStore:
        if not (path / META).is_file() or not (path / DB).is_dir():
            raise StoreError(
                f"{path}: no jmgraph store here; create it with 'jmgraph build --store {path}'")
        try:
            meta = json.loads((path / META).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise StoreError(f"{path / META}: unreadable ({err}); rebuild with 'jmgraph build'") \
                from None
        if meta.get("format") != FORMAT_VERSION:
            raise StoreError(f"{path}: store format {meta.get('format')} is not "
                             f"{FORMAT_VERSION}; rebuild it with 'jmgraph build'")
        try:
            db = ox.Store(str(path / DB)) if writable else ox.Store.read_only(str(path / DB))
        except OSError as err:
            if _locked(err):
                raise StoreError(f"{path}: store is in use by another jmgraph process; "
                                 "wait for it to finish") from None
            raise StoreError(f"{path}: cannot open the store ({err})") from None
        return cls(path, db, writable)

    def close(self) -> None:
        if self.writable:
            self.db.flush()
        del self.db

    # ---------------------------------------------------------------- graphs
    def replace_graph(self, doc_id: str, quads: Iterable[ox.Quad]) -> None:
        """Replace a document's graph in one transaction."""
        graph = graph_iri(doc_id)
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self.db.update(f"DROP SILENT GRAPH {graph} ;\n"
                       f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")

    def graph_quads(self, doc_id: str) -> set[ox.Quad]:
        graph = graph_iri(doc_id)
        return set(self.db.quads_for_pattern(None, None, None, graph))

    def document_ids(self) -> list[str]:
        prefix = graph_iri("").value
        return sorted(g.value.removeprefix(prefix) for g in self.db.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))

    def __len__(self) -> int:
        return len(self.db)

    # ---------------------------------------------------------------- extraction cache
    def save_extraction(self, extraction: Extraction) -> None:
        target = self.path / EXTRACTIONS / f"{extraction.document.doc_id}.json"
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(extraction.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)

    def extraction_hash(self, doc_id: str) -> str | None:
        path = self.path / EXTRACTIONS / f"{doc_id}.json"
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))["document"]["sha256"]
        except (OSError, ValueError, KeyError):
            return None

    def load_extractions(self) -> Iterator[Extraction]:
        for path in sorted((self.path / EXTRACTIONS).glob("*.json")):
            try:
                yield Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError) as err:
                raise StoreError(f"{path}: damaged extraction cache ({err}); rebuild with "
                                 "'jmgraph build'") from None


@contextmanager
def opened(path: Path, writable: bool = False) -> Iterator[GraphStore]:
    store = GraphStore.open(path, writable=writable)
    try:
        yield store
    finally:
        store.close()


def swap_in(new: Path, target: Path) -> None:
    """Put a completed store at TARGET, replacing the old one only now."""
    old = target.with_name(target.name + f".old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
