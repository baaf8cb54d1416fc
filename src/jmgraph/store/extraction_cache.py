"""Each document's extraction as JSON in a folder, so that ``add`` can re-resolve the corpus
without running spaCy again; the digest of what each document's graph was written from
(``digests.part_digests``) with the graph's size, so that it rewrites only the graphs that
change, and the sizes of the facts' description graphs.  Used by the embedded store
(inside each generation) and by a remote store (on this machine, beside the endpoint's
data); the resolution kept for ``add`` (``incremental``) is in the same folder."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..errors import StoreError
from ..extract.model import Extraction
from .description_records import DescriptionRecords

# Each document's extraction: DOC_ID.json.gz (gzip-compressed JSON: a tenth of its size, in
# time a thousandth of the document's NLP); DOC_ID.json, plain, as written before
PACKED = ".json.gz"
PLAIN = ".json"
PACK_LEVEL = 1
GZIP_MAGIC = b"\x1f\x8b"
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
        """Where DOC_ID's extraction is (or is to be) kept: compressed, or as a file
        written before, plain."""
        packed = self.folder / f"{doc_id}{PACKED}"
        plain = self.folder / f"{doc_id}{PLAIN}"
        return plain if not packed.exists() and plain.exists() else packed

    def _files(self) -> dict[str, Path]:
        """Each document's extraction file, by document id."""
        found = {p.name.removesuffix(PLAIN): p for p in self.folder.glob(f"*{PLAIN}")}
        found.update((p.name.removesuffix(PACKED), p) for p in self.folder.glob(f"*{PACKED}"))
        return found

    def save(self, extraction: Extraction) -> None:
        doc_id = extraction.document.doc_id
        data = json.dumps(spans_of(extraction.to_json()), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        _write_whole(self.folder / f"{doc_id}{PACKED}",
                     gzip.compress(data, compresslevel=PACK_LEVEL, mtime=0))
        (self.folder / f"{doc_id}{PLAIN}").unlink(missing_ok=True)   # written before

    def doc_ids(self) -> set[str]:
        """The documents extracted into the cache."""
        return set(self._files())

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
            document = _read_json(path)["document"]
            return document["sha256"], document.get("file_name")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def carry(self, other: ExtractionCache) -> None:
        """This cache holds OTHER's extractions too, and its corpus folder (nothing else of
        it: the graphs' records describe another store), each file linked, not copied (a
        cache replaces a file whole, never writes into one), or copied where links cannot
        be made."""
        for path in sorted(other._files().values()):
            target = self.folder / path.name
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
        if (corpus := other.corpus()) is not None:
            self.save_corpus(corpus)

    def load_all(self) -> Iterator[Extraction]:
        yield from self._load([path for _, path in sorted(self._files().items())])

    def load(self, doc_ids: Iterable[str]) -> Iterator[Extraction]:
        """The extractions of DOC_IDS (each extracted into the cache)."""
        yield from self._load([self._path(d) for d in sorted(doc_ids)])

    def _load(self, paths: list[Path]) -> Iterator[Extraction]:
        for path in paths:
            try:
                yield Extraction.from_json(sentences_of(_read_json(path)))
            except (OSError, ValueError, KeyError, TypeError, EOFError) as err:
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


# ---------------------------------------------------------------- evidence as spans

# The evidence of a fact or mention is kept as its sentence's span, [start, end], and each
# sentence's text once, under SENTENCES: [[start, end, text], ...].  A sentence a hundred
# facts were read from is written once, not a hundred times (the cache holds at most the
# document's text once, and its structure).  Files written before hold the evidence whole,
# and are read as they are.
SENTENCES = "sentences"


@cache
def _evidenced() -> tuple[str, ...]:
    """The lists of an extraction whose items have an ``evidence``: Evidence or None."""
    hints = typing.get_type_hints(Extraction)
    return tuple(name for name, hint in hints.items()
                 if typing.get_origin(hint) is list
                 and "evidence" in typing.get_type_hints(typing.get_args(hint)[0]))


def spans_of(data: dict) -> dict:
    """An extraction's JSON DATA (``Extraction.to_json``) with each evidence a span and the
    sentences' texts kept once (changed in place, and returned)."""
    doc_id = data["document"]["doc_id"]
    texts: dict[tuple[int, int], str] = {}
    for key in _evidenced():
        for item in data[key]:
            e = item.get("evidence")
            if e is None or e["doc_id"] != doc_id or texts.setdefault(
                    (e["start"], e["end"]), e["text"]) != e["text"]:
                continue                  # kept whole: another document's, or another text
            item["evidence"] = [e["start"], e["end"]]
    data[SENTENCES] = [[start, end, text] for (start, end), text in sorted(texts.items())]
    return data


def sentences_of(data: dict) -> dict:
    """DATA as ``spans_of`` wrote it, with each evidence whole again (one text object for
    the facts of a sentence)."""
    sentences = data.pop(SENTENCES, None)
    if sentences is None:
        return data
    doc_id = data["document"]["doc_id"]
    whole = {(start, end): {"doc_id": doc_id, "start": start, "end": end, "text": text}
             for start, end, text in sentences}
    for key in _evidenced():
        for item in data[key]:
            e = item.get("evidence")
            if isinstance(e, list):
                item["evidence"] = whole[tuple(e)]
    return data


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


def _write_whole(target: Path, text: str | bytes) -> None:
    """TARGET holds TEXT, or what it held before: never half of it (written aside, then
    renamed over it)."""
    tmp = target.with_name(target.name + ".tmp")
    if isinstance(text, bytes):
        tmp.write_bytes(text)
    else:
        tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def _read_json(path: Path) -> dict:
    """The JSON in PATH, compressed with gzip or not."""
    data = path.read_bytes()
    if data[:2] == GZIP_MAGIC:
        data = gzip.decompress(data)
    return json.loads(data)
