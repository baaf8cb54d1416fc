"""Queries from outside run where they cannot take jmgraph down.

Oxigraph's parser and evaluator recurse: a query nested a few thousand levels deep
overflows the stack (SIGSEGV), and a panic in the engine aborts the process; a query can
also run for ever (a cartesian product) or ask the engine to fetch a URL (``SERVICE``).
So a query that `jmgraph serve` or `jmgraph query` is given is

- checked before the engine sees it (``check``): its size, how deep its brackets nest,
  and every ``SERVICE`` endpoint against an allow-list;
- run in a process of its own (``run``), started from a clean fork server, that opens the
  store's current generation read-only, answers, and exits; past the time limit it is
  killed (the engine cannot be cancelled), and should it crash, the caller gets an error
  naming the signal, not a dead server.

A new process per query costs a few tens of milliseconds and serves the current graph
for free: each opens the generation that is current when it starts.
"""

from __future__ import annotations

import faulthandler
import math
import multiprocessing
import re
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from .sparql_text import TOKEN

DEFAULT_MAX_BYTES = 100_000
# Saved queries nest 6 deep; Oxigraph overflows an 8 MiB stack at about 1,000.
DEFAULT_MAX_DEPTH = 64
SERVER_TIMEOUT = 30.0
CLI_TIMEOUT = 300.0

OPENING = "{(["
CLOSING = "})]"
SERVICE = re.compile(r"\bSERVICE\b(?:\s+SILENT\b)?\s*(<[^>]*>|\S+)?", re.I)

RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
}


class QueryRefused(QueryError):
    """A query not run: too large, nested too deep, or asking for a SERVICE not allowed."""


class QueryTimeout(QueryError):
    """A query stopped at the time limit."""


class QueryCrashed(QueryError):
    """A query the engine died on (its process, not jmgraph's)."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    timeout: float = SERVER_TIMEOUT
    allow_service: frozenset[str] = frozenset()


class Answer(NamedTuple):
    """A query's results serialized: ``kind`` is "solutions", "boolean" or "graph"."""

    kind: str
    data: bytes


def _blanked(text: str, kinds: tuple[str, ...]) -> str:
    """TEXT with its tokens of KINDS (string, iri, comment) blanked, offsets kept."""
    return "".join(" " * len(m.group()) if m.lastgroup in kinds else m.group()
                   for m in re.finditer(TOKEN.pattern + r"|(?P<other>[^\n]|\n)", text,
                                        re.I | re.S))


def depth(text: str) -> int:
    """How deep the brackets of TEXT's code nest (``{``, ``(`` and ``[`` together; those in
    strings, IRIs and comments are no nesting)."""
    deepest = level = 0
    for char in _blanked(text, ("string", "iri", "comment")):
        if char in OPENING:
            level += 1
            deepest = max(deepest, level)
        elif char in CLOSING:
            level -= 1
    return deepest


def services(text: str) -> list[str]:
    """The endpoints TEXT's ``SERVICE`` clauses name, as written (an IRI in full, a prefixed
    name, a variable; "" when none follows)."""
    code = _blanked(text, ("string", "iri", "comment"))     # where the keyword is code
    with_iris = _blanked(text, ("string", "comment"))       # what follows it
    return [SERVICE.match(with_iris, m.start()).group(1) or ""     # type: ignore[union-attr]
            for m in SERVICE.finditer(code)]


def check(text: str, limits: Limits, name: str = "query") -> None:
    """Refuse TEXT before the engine sees it: too large, nested too deep, or a SERVICE
    whose endpoint the allow-list does not name."""
    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        raise QueryRefused(f"{name}: {size} bytes, more than the {limits.max_bytes} a query "
                           "may have; shorten it")
    nested = depth(text)
    if nested > limits.max_depth:
        raise QueryRefused(f"{name}: brackets nested {nested} deep, more than the "
                           f"{limits.max_depth} a query may have; flatten it")
    for endpoint in services(text):
        url = endpoint[1:-1] if endpoint.startswith("<") else endpoint
        if url not in limits.allow_service:
            allowed = ", ".join(sorted(limits.allow_service)) or "none"
            raise QueryRefused(f"{name}: SERVICE {endpoint or '(no endpoint)'} is not allowed "
                               f"(allowed: {allowed}; 'jmgraph serve --allow-service URL' "
                               "names one, written in full)")


# ------------------------------------------------------------------ the worker process
def _serialize(result: object, results_format: str, graph_format: str) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer("boolean", result.serialize(format=RESULTS_FORMATS[results_format]))
    if isinstance(result, ox.QuerySolutions):
        return Answer("solutions", result.serialize(format=RESULTS_FORMATS[results_format]))
    return Answer("graph", result.serialize(format=GRAPH_FORMATS[graph_format]))  # type: ignore


def _work(conn: Connection, store: str, texts: list[str], results_format: str,
          graph_format: str, seconds: float) -> None:
    """In the worker: open STORE's current generation read-only, run each of TEXTS, send
    back ("ok", [Answer, ...]) or (kind of error, message)."""
    # a hard stop of its own, should the one who started it be gone: SIGALRM's default
    # action ends the process even while the engine runs
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(math.ceil(seconds) + 5)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))       # a crash leaves no core file
    faulthandler.disable()          # (nor a dump of a parent's fault handler, when forked)
    from ..store.local import GraphStore

    try:
        graph = GraphStore.open(Path(store))
        try:
            answers = [_serialize(graph.query(text), results_format, graph_format)
                       for text in texts]
        finally:
            graph.close()
        conn.send(("ok", answers))
    except StoreError as err:
        conn.send(("store", str(err)))
    except SyntaxError as err:
        conn.send(("syntax", str(err)))
    except BaseException as err:                # OSError, ValueError, pyo3's PanicException
        conn.send(("error", str(err) or type(err).__name__))


_CONTEXT: multiprocessing.context.ForkServerContext | None = None
# the workers running now (``stop_all`` ends them when the server stops)
_RUNNING: set[multiprocessing.process.BaseProcess] = set()


def _context() -> multiprocessing.context.BaseContext:
    """Where a worker is forked from: this process itself when it runs no other thread (the
    CLI: a fork costs milliseconds), else a fork server that has imported the engine, a
    clean process (no threads, no open store; the web server)."""
    global _CONTEXT
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if _CONTEXT is None:
        _CONTEXT = multiprocessing.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["pyoxigraph", "jmgraph.store.local",
                                         "jmgraph.query.sandbox"])
    return _CONTEXT


def _signal_name(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


def run(store: Path, texts: list[str], limits: Limits, name: str = "query",
        results_format: str = "json", graph_format: str = "ntriples") -> list[Answer]:
    """Run TEXTS (checked first) over STORE's current generation in a worker process, within
    LIMITS's time; their answers, serialized."""
    for text in texts:
        check(text, limits, name)
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_work, daemon=True,
                         args=(sender, str(store), texts, results_format, graph_format,
                               limits.timeout))
    worker.start()
    _RUNNING.add(worker)
    sender.close()
    try:
        if not receiver.poll(limits.timeout):
            raise QueryTimeout(f"{name}: stopped after {limits.timeout:g} s, the time limit; "
                               "narrow it down (a LIMIT, more specific patterns)")
        try:
            status, payload = receiver.recv()
        except EOFError:
            worker.join(5)
            raise QueryCrashed(f"{name}: the query engine died on it "
                               f"({_signal_name(worker.exitcode)}); nothing else is "
                               "affected, but this query cannot be run") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        _RUNNING.discard(worker)
        receiver.close()
    if status == "ok":
        return payload
    if status == "store":
        raise StoreError(payload)
    if status == "syntax":
        raise QueryError(f"{name}: malformed SPARQL: {payload}")
    raise QueryError(f"{name}: the query failed: {payload}")


def stop_all() -> None:
    """End every worker still running (the server is stopping)."""
    for worker in list(_RUNNING):
        if worker.is_alive():
            worker.kill()


def parsed(answer: Answer) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """An answer of ``run`` (JSON results, N-Triples) as pyoxigraph's objects."""
    if answer.kind == "graph":
        return [q.triple if isinstance(q, ox.Quad) else q
                for q in ox.parse(answer.data, format=ox.RdfFormat.N_TRIPLES)]
    return ox.parse_query_results(answer.data, format=ox.QueryResultsFormat.JSON)


@dataclass(frozen=True)
class Isolated:
    """The embedded store at STORE, each query checked and run in a worker process (the
    ``queries.Sparql`` protocol)."""

    store: Path
    limits: Limits
    name: str = "query"

    def query(self, text: str) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        (answer,) = run(self.store, [text], self.limits, self.name)
        return parsed(answer)


@dataclass(frozen=True)
class Checked:
    """A remote store's endpoint, each query checked before it is sent."""

    db: object
    limits: Limits

    def query(self, text: str) -> object:
        check(text, self.limits)
        return self.db.query(text)      # type: ignore[attr-defined]
