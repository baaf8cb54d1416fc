"""Serve the store over the SPARQL 1.1 Protocol with the Oxigraph server (read-only).

The `oxigraph` package ships the server binary; ``serve-read-only`` opens the current
generation without a lock, answers queries at ``/query`` over the union of all documents'
graphs, shows its YASGUI page at ``/`` and refuses updates.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .errors import JmgraphError
from .store import DB, current_generation

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ServeError(JmgraphError):
    """The server cannot be started."""


def server_binary() -> str:
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph server is not installed; run 'python3 dev.py demo' or "
                         "'pip install oxigraph==0.5.13'")
    return found


def command(store: Path, host: str, port: int) -> list[str]:
    """The command line that serves STORE's current generation."""
    location = current_generation(store) / DB
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    # the default graph already holds the union of the documents' graphs, as a set
    return [server_binary(), "serve-read-only", "--location", str(location), "--bind", bind]


def run(cmd: list[str]) -> int:
    """Run the server in the foreground until it stops; its exit status."""
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 0
