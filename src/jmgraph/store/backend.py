"""Where the graph lives: the embedded Oxigraph store (a folder), or a remote SPARQL 1.1
store (an endpoint URL).  Both offer the same operations to the pipeline, the exports and
the queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .local import CURRENT, GraphStore

if TYPE_CHECKING:       # imported when an endpoint is used: the embedded store does without
    from .remote import Endpoint, RemoteStore

AnyStore: TypeAlias = "GraphStore | RemoteStore"


@dataclass(frozen=True)
class Target:
    """The store folder, or an endpoint and the local folder of its extraction cache."""

    store: Path
    endpoint: Endpoint | None = None
    cache: Path | None = None

    @property
    def cache_root(self) -> Path:
        from .remote import default_cache

        assert self.endpoint is not None
        return self.cache or default_cache(self.store.parent / "endpoints",
                                           self.endpoint.query_url)

    def describe(self) -> str:
        return self.endpoint.query_url if self.endpoint else str(self.store)

    def new_generation(self) -> AnyStore:
        """An empty store for a build, published when complete."""
        if self.endpoint:
            from .remote import RemoteStore

            return RemoteStore.new_generation(self.endpoint, self.cache_root)
        return GraphStore.new_generation(self.store)

    def open(self, writable: bool = False) -> AnyStore:
        """The store; a writable embedded store is created when there is none."""
        if self.endpoint:
            from .remote import RemoteStore

            return RemoteStore.open(self.endpoint, self.cache_root, writable)
        if writable and not (self.store / CURRENT).is_symlink():
            return GraphStore.create(self.store)
        return GraphStore.open(self.store, writable)


@contextmanager
def opened(target: Target, writable: bool = False) -> Iterator[AnyStore]:
    store = target.open(writable)
    try:
        yield store
    finally:
        store.close()
