"""Stages 2 and 3 over a stream of documents: each annotated and extracted (a long one
section by section: ``sections``), in order; with ``jobs`` > 1, in that many worker
processes, which end with the process that started them."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from ..batches import batched
from ..ingest.annotate import annotate_many
from ..ingest.annotate import pipeline as pipeline_model
from ..ingest.read import Document
from . import extract
from .model import Extraction
from .sections import extract_by_sections

# Documents a worker annotates as one spaCy batch, and batches in flight per worker: enough
# to keep the workers busy (spaCy is faster on batches), few enough that memory does not grow
# with the corpus.
DOCUMENTS_PER_TASK = 8
TASKS_PER_JOB = 2


def _extract_batch(documents: list[Document]) -> list[Extraction]:
    return list(_extract_stream(documents))


def _extract_stream(documents: Iterable[Document]) -> Iterator[Extraction]:
    """The extractions of DOCUMENTS, a long one read section by section (``sections``)."""
    from .context import sentences

    return extract_by_sections(documents, annotate_many, extract,  # type: ignore[arg-type]
                               lambda doc: len(sentences(doc)))   # type: ignore[arg-type]


def extract_documents(documents: Iterable[Document], jobs: int = 1) -> Iterator[Extraction]:
    """Annotate and extract a stream of documents, in order; with JOBS > 1, in that many
    worker processes."""
    if jobs > 1:
        yield from _extract_in_workers(documents, jobs)
    else:
        yield from _extract_stream(documents)


def _extract_in_workers(documents: Iterable[Document], jobs: int) -> Iterator[Extraction]:
    """Batches of documents handed to JOBS workers, at most TASKS_PER_JOB each in flight (a
    worker never waits for the others' batches), results yielded in order."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pipeline_model()                  # loaded once, shared with forked workers
    with multiprocessing.get_context(method).Pool(jobs, _die_with_parent,
                                                  (os.getpid(),)) as pool:
        in_flight: deque[AsyncResult] = deque()
        for batch in batched(documents, DOCUMENTS_PER_TASK):
            in_flight.append(pool.apply_async(_extract_batch, (batch,)))
            if len(in_flight) >= jobs * TASKS_PER_JOB:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


# prctl(2): the signal a process gets when its parent ends (Linux)
PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """A worker's start: it is killed when the process that started it ends (on Linux),
    so that a build killed with SIGKILL leaves no worker running on, holding the store's
    lock (inherited with its open file)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:         # ended before this worker was set to follow it
        os._exit(1)
