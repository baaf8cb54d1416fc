"""`jmgraph serve`: the web app (``web``) under uvicorn, read-only, on loopback by default.

The socket is bound here first, so that a busy port is one line naming it; uvicorn stops
on SIGTERM or SIGINT, and then every query's worker process still running is ended too.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import shutil
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import JmgraphError
from .web import Settings, create_app

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Seconds uvicorn waits for the requests under way to finish when told to stop.
GRACE_SECONDS = 3
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class ServeError(JmgraphError):
    """The server cannot be started."""


def server_binary() -> str:
    """The Oxigraph server the ``oxigraph`` package ships (a writable SPARQL store for
    ``--endpoint``, as the README shows; the tests start it)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServeError("the oxigraph server is not installed; run 'python3 dev.py demo' or "
                         "'pip install oxigraph==0.5.13'")
    return found


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on HOST:PORT, or one line saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} is in use on {host} (another server?); stop it or "
                             "choose another with --port") from None
        if err.errno in (errno.EACCES, errno.EPERM):
            raise ServeError(f"port {port} on {host}: not allowed ({err.strerror}); choose "
                             "one from 1024 with --port") from None
        raise ServeError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
    except socket.gaierror as err:
        sock.close()
        raise ServeError(f"--host {host}: not an address of this machine ({err})") from None
    sock.set_inheritable(False)
    return sock


def serve(settings: Settings, sock: socket.socket) -> None:
    """Serve on SOCK (from ``bind``) until SIGTERM or SIGINT."""
    import uvicorn

    from ..query import sandbox

    class Server(uvicorn.Server):
        """Stops on SIGTERM or SIGINT and returns (uvicorn's own raises the signal again
        once stopped: the process would end by it, exit status -15)."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in STOP_SIGNALS}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False,
                            lifespan="off", timeout_graceful_shutdown=GRACE_SECONDS)
    try:
        Server(config).run(sockets=[sock])
    finally:
        sandbox.stop_all()
        sock.close()
