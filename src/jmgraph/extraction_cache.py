"""Each document's extraction as JSON in a folder, so that ``add`` can re-resolve the corpus
without running spaCy again; the digest of what each document's graph was written from
(``digests.part_digests``) with the graph's size, so that it rewrites only the graphs that
change, and the sizes of the facts' description graphs.  Used by the embedded store
(inside each generation) and by a remote store (on this machine, beside the endpoint's
data); the resolution kept for ``add`` (``incremental``) is in the same folder."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .description_records import DescriptionRecords
from .errors import StoreError
from .extract.model import Extraction

# doc_id TAB digest TAB quads, one graph per line (files written before the quads were
# recorded have two columns)
GRAPH_DIGESTS = "graph-digests.tsv"
# the digest of the rendering code and data the recorded graphs were made with
RENDERING = "rendering.sha256"
# the size of each fact's description graph (description_records.DescriptionRecords)
DESCRIPTIONS = "descriptions.sqlite"
# the corpus folder the store was built from (its documents' paths are in it)
CORPUS = "corpus.txt"


class GraphRecord(NamedTuple):
    """What a stored graph was made from (``digests.part_digests``) and its size in quads
    (None when not recorded)."""

    digest: str
    quads: int | None = None


class ExtractionCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.json"

    def save(self, extraction: Extraction) -> None:
        _write_whole(self._path(extraction.document.doc_id),
                     json.dumps(extraction.to_json(), ensure_ascii=False))

    def doc_ids(self) -> set[str]:
        """The documents extracted into the cache."""
        return {path.stem for path in self.folder.glob("*.json")}

    def sha256(self, doc_id: str) -> str | None:
        """The SHA-256 of the document as last extracted, None when never seen."""
        found = self.identity(doc_id)
        return found[0] if found else None

    def identity(self, doc_id: str) -> tuple[str, str | None] | None:
        """The SHA-256 of the document as last extracted and its path in the corpus (None
        when not recorded), None when never seen."""
        path = self._path(doc_id)
        if not path.is_file():
            return None
        try:
            document = json.loads(path.read_text(encoding="utf-8"))["document"]
            return document["sha256"], document.get("file_name")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def carry(self, other: ExtractionCache) -> None:
        """This cache holds OTHER's extractions too, and its corpus folder (nothing else of
        it: the graphs' records describe another store), each file linked, not copied (a
        cache replaces a file whole, never writes into one), or copied where links cannot
        be made."""
        for path in sorted(other.folder.glob("*.json")):
            target = self.folder / path.name
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
        if (corpus := other.corpus()) is not None:
            self.save_corpus(corpus)

    def load_all(self) -> Iterator[Extraction]:
        yield from self._load(sorted(self.folder.glob("*.json")))

    def load(self, doc_ids: Iterable[str]) -> Iterator[Extraction]:
        """The extractions of DOC_IDS (each extracted into the cache)."""
        yield from self._load([self._path(d) for d in sorted(doc_ids)])

    def _load(self, paths: list[Path]) -> Iterator[Extraction]:
        for path in paths:
            try:
                yield Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError) as err:
                raise StoreError(f"{path}: damaged extraction cache ({err}); rebuild with "
                                 "'jmgraph build'") from None

    def graph_records(self) -> dict[str, GraphRecord]:
        """Document id -> digest of the part its stored graph was written from, and the
        graph's size; a graph with no entry (never recorded, or being rewritten) is compared
        with the store."""
        text = _read_if_any(self.folder / GRAPH_DIGESTS) or ""
        return dict(_graph_record(line) for line in text.splitlines() if "\t" in line)

    def save_graph_records(self, records: dict[str, GraphRecord]) -> None:
        _write_whole(self.folder / GRAPH_DIGESTS, "".join(
            f"{doc}\t{r.digest}\t{'' if r.quads is None else r.quads}\n"
            for doc, r in sorted(records.items())))

    def description_records(self) -> DescriptionRecords:
        """The sizes of the stored description graphs (to be closed: a context manager)."""
        return DescriptionRecords(self.folder / DESCRIPTIONS)

    def rendering(self) -> str | None:
        """The digest of the rendering code the stored graphs were made with
        (``digests.rendering``), None when not recorded (by an older version)."""
        return (_read_if_any(self.folder / RENDERING) or "").strip() or None

    def save_rendering(self, digest: str) -> None:
        _write_whole(self.folder / RENDERING, digest + "\n")

    def corpus(self) -> Path | None:
        """The corpus folder the store was built from (absolute), None when not recorded
        (a store made by ``add``, or by an older version)."""
        text = (_read_if_any(self.folder / CORPUS) or "").strip("\n")
        return Path(text) if text else None

    def save_corpus(self, folder: Path) -> None:
        _write_whole(self.folder / CORPUS, f"{folder.resolve()}\n")


def carry(old: Path, new: Path) -> None:
    """The extraction cache in folder NEW holds that in folder OLD's extractions and corpus
    folder (``ExtractionCache.carry``): what a new generation of a store is filled with."""
    ExtractionCache(new).carry(ExtractionCache(old))


def _graph_record(line: str) -> tuple[str, GraphRecord]:
    doc, digest, *rest = line.split("\t")
    quads = rest[0] if rest else ""
    return doc, GraphRecord(digest, int(quads) if quads.isdigit() else None)


def _read_if_any(path: Path) -> str | None:
    """PATH's text, None when there is no such file."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreError(f"{path}: cannot read ({err})") from None


def _write_whole(target: Path, text: str) -> None:
    """TARGET holds TEXT, or what it held before: never half of it (written aside, then
    renamed over it)."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
