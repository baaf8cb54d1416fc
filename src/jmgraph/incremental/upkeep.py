"""The one door to the resolution kept for ``add``: a corpus resolved whole by
``resolve.corpus.resolve`` is kept (``keep``), and a change is merged into what is kept
(``update``), giving the parts of the documents whose graphs change, as ``partition.part``
gives them of the corpus resolved whole (tested against it).

What is kept, in SQLite files in a folder beside the extraction cache: the person records in
blocks, their clusters' summaries and the persons named from them (``person_blocks``,
``named_persons``), and the facts by what each document says (``fact_groups``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from ..extract.model import Extraction
from ..rdf.digests import code_version
from ..resolve.corpus import corpus_rows
from ..resolve.resolved import Resolution, summary_counts
from .fact_groups import FactGroups, Made
from .person_blocks import BlockStore, placed_records

# the corpus's person records in blocks, and its persons (person_blocks.BlockStore)
PERSON_BLOCKS = "person-blocks.sqlite"
# the corpus's fact rows and merged facts, by what documents say (fact_groups.FactGroups)
FACT_GROUPS = "fact-groups.sqlite"

# The extractions of some documents, by id (each one kept in the extraction cache).
Load = Callable[[Sequence[str]], Iterable[Extraction]]


@dataclass
class Change:
    """What ``update`` found: the documents whose graphs are to be made again (pending
    until ``settled``) and their parts, by document id (``partition.part`` of the corpus
    resolved whole), the summary counts of the corpus now, and how many documents' persons
    were placed (more than the changed ones: the blocks were made by another version, or
    by a run that stopped)."""

    todo: set[str] = field(default_factory=set)
    parts: dict[str, Resolution] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    placed: int = 0


class Upkeep:
    """The resolution of a corpus kept in FOLDER, for ``add`` (to be closed: a context
    manager)."""

    def __init__(self, folder: Path) -> None:
        self.blocks = BlockStore(folder / PERSON_BLOCKS)
        try:
            self.facts = FactGroups(folder / FACT_GROUPS)
        except BaseException:
            self.blocks.close()
            raise

    def close(self) -> None:
        self.blocks.close()
        self.facts.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def current(self) -> bool:
        """Whether the facts kept are complete and made by this version of jmgraph (else
        the corpus is to be resolved whole and kept again)."""
        return self.facts.version() == code_version()

    def keep(self, extractions: Sequence[Extraction]) -> int:
        """The corpus of EXTRACTIONS kept, as ``resolve`` resolves it whole: the persons of
        the documents whose records are not held in this version placed in their blocks
        (those gone dropped), the facts kept again.  Returns how many documents' persons
        were placed."""
        by_id = {x.document.doc_id: x for x in extractions}
        placed = self._place({d: x.document.sha256 for d, x in by_id.items()},
                             lambda ids: [by_id[d] for d in ids])
        views = self.blocks.views()
        rows = corpus_rows(extractions, self.blocks.person_table())
        self.facts.fill(rows, {d: Made(x.document, views.get(d, "")) for d, x in by_id.items()},
                        self.blocks.digests(), code_version())
        return placed

    def update(self, corpus: Collection[str], fresh: Iterable[Extraction],
               unsure: Collection[str], load: Load, sha256: Callable[[str], str | None]
               ) -> Change:
        """The CORPUS (its document ids) changed by the FRESH extractions (new or changed
        documents) merged into what is kept: only the documents whose rows change (FRESH
        ones, and those whose view of their persons changed) are read again (by LOAD), and
        only the parts that change are made, with those of UNSURE (documents whose graphs a
        stopped run left unwritten, their SHA256 read when the facts kept do not know them).
        The documents of the parts are pending until ``settled``."""
        made = self.facts.made()
        loaded = {x.document.doc_id: x for x in fresh}
        versions = {d: sha for d, (sha, _) in made.items() if d in corpus}
        versions.update((d, x.document.sha256) for d, x in loaded.items())
        for d in (set(corpus) - versions.keys()) | (set(unsure) - loaded.keys()):
            versions[d] = sha256(d) or ""       # left by a stopped run: read again

        def loading(ids: Iterable[str]) -> list[Extraction]:
            wanted = sorted(ids)
            loaded.update((x.document.doc_id, x) for x in load(
                [d for d in wanted if d not in loaded]))
            return [loaded[d] for d in wanted]

        placed = self._place(versions, loading)
        views = self.blocks.views()
        remade = loading(d for d in corpus if made.get(d) != (versions[d], views.get(d, "")))
        rows = corpus_rows(remade, self.blocks.person_table([x.document.doc_id
                                                             for x in remade]))
        self.facts.update(made.keys() - set(corpus), rows,
                          {x.document.doc_id: Made(x.document, views.get(x.document.doc_id, ""))
                           for x in remade}, self.blocks.digests())
        todo = (self.facts.pending() | set(unsure)) & set(corpus)
        persons = self.blocks.person_table(todo, self.facts.credits(todo))
        found = self.facts.counts(persons.lone_titles)
        return Change(todo=todo, parts=self.facts.parts(todo, persons),
                      counts=summary_counts(len(corpus), found.pop("persons"), found),
                      placed=placed)

    def settled(self, docs: Collection[str]) -> None:
        """The graphs of DOCS (parts ``update`` gave) written: no longer pending."""
        self.facts.settled(docs)

    def _place(self, versions: Mapping[str, str], load: Callable[[list[str]],
                                                                 Iterable[Extraction]]) -> int:
        """The persons of the corpus whose documents' VERSIONS (SHA-256) are given, named
        once the documents whose records the blocks do not hold, in this version, are
        placed (their extractions given by LOAD), and those no longer in the corpus
        dropped; returns how many documents were placed."""
        held = self.blocks.documents()
        changed = sorted(d for d, sha in versions.items() if held.get(d) != sha)
        gone = held.keys() - versions.keys()
        if changed or gone:
            xs = list(load(changed))
            self.blocks.replace(gone, [p for x in xs for p in placed_records(x)],
                                {x.document.doc_id: x.document.sha256 for x in xs})
        self.blocks.name_if_stale()
        return len(changed)
