"""A remote SPARQL 1.1 store (Oxigraph server, Jena Fuseki, GraphDB, Virtuoso, ...) in place
of the embedded one.

Three services of the remote dataset are used, all standard:

- the query endpoint (SPARQL 1.1 Protocol): queries and exports;
- the Graph Store Protocol endpoint: each document's named graph is written with one
  ``PUT ?graph=IRI`` (the server replaces that graph atomically), the union of all
  documents' graphs with ``PUT ?default``;
- the update endpoint (SPARQL 1.1 Update): after ``add``, the union is refreshed on the
  server.

As in the embedded store, the default graph holds the union of the documents' graphs, so
saved queries read it as they do locally; do not configure the server's own union default
graph.  The extraction cache that ``add`` re-resolves the corpus from stays on this
machine, in a folder per endpoint.  Unlike the embedded store, a remote dataset cannot be
swapped whole: ``build`` writes graph by graph, and a build that is interrupted is finished
by running it again.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..rdf.graphs import canonical_nquads, canonical_ntriples, graph_iri, is_description
from .local import Carry, _acquire, _release
from .sparql import library
from .updates import union_updates

# Seconds an endpoint may take to answer one request (a large PUT or export included).
DEFAULT_TIMEOUT = 600.0
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
ACCEPT_QUERY = f"{RESULTS_JSON}, application/sparql-results+xml;q=0.9, {N_TRIPLES};q=0.9, " \
               "text/turtle;q=0.8"
# The service names of the Oxigraph server; Fuseki's are query, update and data.
SIBLING = re.compile(r"/(query|sparql)/?$")


@dataclass(frozen=True)
class Endpoint:
    """The services of one remote dataset."""

    query_url: str
    update_url: str
    graph_store_url: str
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_url(cls, query_url: str, update_url: str | None = None,
                 graph_store_url: str | None = None) -> Endpoint:
        """From the query endpoint's URL; the update and Graph Store services default to its
        siblings ``update`` and ``store`` (the Oxigraph server's names)."""
        parsed = urllib.parse.urlsplit(query_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise StoreError(f"--endpoint {query_url!r}: give the http(s) URL of a SPARQL "
                             "query endpoint, e.g. http://127.0.0.1:7878/query")

        def sibling(name: str) -> str:
            if SIBLING.search(parsed.path):
                return urllib.parse.urlunsplit(parsed._replace(
                    path=SIBLING.sub(f"/{name}", parsed.path), query=""))
            return urllib.parse.urlunsplit(parsed._replace(
                path=parsed.path.rstrip("/") + f"/{name}", query=""))

        return cls(query_url, update_url or sibling("update"),
                   graph_store_url or sibling("store"))

    # ---------------------------------------------------------------- HTTP
    def _request(self, url: str, method: str, body: bytes | None = None,
                 content_type: str | None = None, accept: str | None = None,
                 missing_ok: bool = False) -> tuple[bytes, str] | None:
        headers = {"User-Agent": "jmgraph"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                kind = response.headers.get("Content-Type", "").split(";")[0].strip()
                return response.read(), kind
        except urllib.error.HTTPError as err:
            if missing_ok and err.code == 404:
                return None
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else err.reason
            raise RemoteError(url, err.code, message) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason}); is the "
                             "server running, and is the URL right?") from None

    def query(self, text: str) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """A query over the SPARQL 1.1 Protocol, its results as pyoxigraph terms."""
        try:
            answer = self._request(self.query_url, "POST", text.encode("utf-8"),
                                   "application/sparql-query; charset=utf-8", ACCEPT_QUERY)
        except RemoteError as err:
            if err.status == 400:
                raise SyntaxError(err.message) from None     # as the embedded store does
            raise
        assert answer is not None
        data, kind = answer
        results_format = ox.QueryResultsFormat.from_media_type(kind)
        if results_format is not None:
            return ox.parse_query_results(data, results_format)
        rdf_format = ox.RdfFormat.from_media_type(kind)
        if rdf_format is None:
            raise StoreError(f"{self.query_url}: answered with {kind or 'no content type'}, "
                             "not SPARQL results")
        return [q.triple for q in ox.parse(data, rdf_format)]

    def update(self, text: str) -> None:
        self._request(self.update_url, "POST", text.encode("utf-8"),
                      "application/sparql-update; charset=utf-8")

    def _graph_url(self, graph: ox.NamedNode | None) -> str:
        target = "default" if graph is None else \
            "graph=" + urllib.parse.quote(graph.value, safe="")
        joiner = "&" if "?" in self.graph_store_url else "?"
        return f"{self.graph_store_url}{joiner}{target}"

    def put_graph(self, graph: ox.NamedNode | None, triples: Iterable[ox.Triple]) -> None:
        """Replace a named graph (or the default graph, for None) with TRIPLES."""
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
        self._request(self._graph_url(graph), "PUT", body, N_TRIPLES)

    def get_graph(self, graph: ox.NamedNode | None) -> list[ox.Triple]:
        answer = self._request(self._graph_url(graph), "GET", accept=N_TRIPLES,
                               missing_ok=True)
        if answer is None:
            return []
        data, kind = answer
        fmt = ox.RdfFormat.from_media_type(kind) or ox.RdfFormat.N_TRIPLES
        return [q.triple for q in ox.parse(data, fmt)]

    def delete_graph(self, graph: ox.NamedNode) -> None:
        self._request(self._graph_url(graph), "DELETE", missing_ok=True)


class RemoteError(StoreError):
    """The endpoint answered with an HTTP error."""

    def __init__(self, url: str, status: int, message: str) -> None:
        super().__init__(f"{url}: the endpoint answered {status}: {message}")
        self.status = status
        self.message = message


def default_cache(root: Path, query_url: str) -> Path:
    """The folder on this machine that holds an endpoint's extraction cache."""
    parsed = urllib.parse.urlsplit(query_url)
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{parsed.netloc}{parsed.path}").strip("_")
    return root / slug


CACHE = "extractions"


class RemoteStore:
    """A remote dataset with the embedded store's interface, and its local extraction cache."""

    def __init__(self, endpoint: Endpoint, cache_root: Path, lock: IO[str] | None,
                 cache_folder: Path) -> None:
        self.endpoint = endpoint
        self.db = endpoint
        self.path = cache_root
        self.lock = lock
        self.cache_folder = cache_folder

    @property
    def writable(self) -> bool:
        return self.lock is not None

    @property
    def sparql_endpoint(self) -> str | None:
        return self.endpoint.query_url

    @classmethod
    def open(cls, endpoint: Endpoint, cache_root: Path, writable: bool = False) -> RemoteStore:
        lock = _acquire(cache_root) if writable else None
        folder = cache_root / CACHE
        if writable:
            folder.mkdir(parents=True, exist_ok=True)
        return cls(endpoint, cache_root, lock, folder)

    @classmethod
    def new_generation(cls, endpoint: Endpoint, cache_root: Path) -> RemoteStore:
        """For a build: an empty extraction cache that replaces the old one on ``publish``."""
        return cls._staged(endpoint, cache_root, _acquire(cache_root))

    @classmethod
    def _staged(cls, endpoint: Endpoint, cache_root: Path, lock: IO[str],
                carried: tuple[Path, Carry] | None = None) -> RemoteStore:
        """A staged extraction cache folder holding LOCK (released if it cannot be made),
        filled from CARRIED's folder by its CARRY."""
        staged = cache_root / f".{CACHE}-{os.getpid()}"
        try:
            shutil.rmtree(staged, ignore_errors=True)
            staged.mkdir(parents=True)
            if carried is not None:
                folder, carry = carried
                carry(folder, staged)
        except BaseException:
            _release(lock)
            shutil.rmtree(staged, ignore_errors=True)
            raise
        return cls(endpoint, cache_root, lock, staged)

    def successor(self, carry: Carry) -> RemoteStore:
        """For an ``add`` that makes every graph again: a staged cache folder filled from
        this one's by CARRY, taking over the writer lock (as ``GraphStore.successor``)."""
        if self.lock is None:
            raise StoreError(f"{self.path}: opened read-only; no new generation from it")
        lock, self.lock = self.lock, None
        return self._staged(self.endpoint, self.path, lock, (self.cache_folder, carry))

    def publish(self) -> None:
        final = self.path / CACHE
        old = self.path / f".{CACHE}-old-{os.getpid()}"
        if final.exists():
            final.rename(old)
        self.cache_folder.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        self.close()

    def discard(self) -> None:
        if self.cache_folder != self.path / CACHE:
            shutil.rmtree(self.cache_folder, ignore_errors=True)
        self.close()

    def close(self) -> None:
        _release(self.lock)
        self.lock = None

    # ---------------------------------------------------------------- graphs
    def load_new(self, quads: Iterable[ox.Quad]) -> None:
        """The corpus's graphs replace the remote ones: each graph in one PUT (QUADS come
        graph by graph), then the union, then jmgraph's graphs no longer made are
        deleted."""
        stale = set(self.graph_keys())
        prefix = graph_iri("").value
        union: dict[ox.Triple, None] = {}
        for graph, graph_quads in groupby(quads, key=lambda q: q.graph_name):
            triples = [q.triple for q in graph_quads]
            self.endpoint.put_graph(graph, triples)          # type: ignore[arg-type]
            union.update(dict.fromkeys(triples))
            stale.discard(graph.value.removeprefix(prefix))  # type: ignore[union-attr]
        self.endpoint.put_graph(None, union)
        for key in sorted(stale):                    # the union above is without them
            self.endpoint.delete_graph(graph_iri(key))

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Replace graphs by key (one PUT each; no quads: the graph is deleted), then
        update their union on the server by what the replaced graphs changed."""
        new = {key: list(quads) for key, quads in graphs.items()}
        old = [q for key in new for q in self.graph_quads(key)]
        for key, quads in new.items():
            if quads:
                self.endpoint.put_graph(graph_iri(key), (q.triple for q in quads))
            else:
                self.endpoint.delete_graph(graph_iri(key))
        operations = union_updates(old, [q for quads in new.values() for q in quads])
        if operations:
            self.endpoint.update(" ;\n".join(operations))

    def graph_quads(self, key: str) -> set[ox.Quad]:
        graph = graph_iri(key)
        return {ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in self.endpoint.get_graph(graph)}

    def named_quads(self) -> Iterator[ox.Quad]:
        """The documents' graphs (other graphs of the dataset are not jmgraph's)."""
        prefix = graph_iri("").value
        solutions = self.endpoint.query(library("named-quads.rq"))
        for row in solutions:                                  # type: ignore[union-attr]
            graph = row["g"]
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(prefix):
                yield ox.Quad(row["s"], row["p"], row["o"], graph)

    def union_triples(self) -> Iterator[ox.Triple]:
        yield from self.endpoint.get_graph(None)

    def canonical_nquads(self) -> bytes:
        return canonical_nquads(self.named_quads())

    def canonical_union(self) -> bytes:
        return canonical_ntriples(self.union_triples())

    def _graph_sizes(self) -> dict[str, int]:
        """jmgraph's graphs on the server (key -> quads); other graphs are not ours."""
        prefix = graph_iri("").value
        sizes = {}
        for row in self.endpoint.query(library("graph-sizes.rq")):  # type: ignore[union-attr]
            graph = row["g"]
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(prefix):
                sizes[graph.value.removeprefix(prefix)] = int(row["quads"].value)
        return sizes

    def graph_keys(self) -> list[str]:
        """The keys of jmgraph's graphs: documents' and descriptions'."""
        return sorted(self._graph_sizes())

    def document_ids(self) -> list[str]:
        return [key for key in self.graph_keys() if not is_description(key)]

    def __len__(self) -> int:
        """Quads in the documents' graphs."""
        return sum(self._graph_sizes().values())

    def query(self, text: str) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        try:
            return self.endpoint.query(text)
        except RemoteError as err:
            raise QueryError(f"the endpoint could not run the query: {err}") from None
