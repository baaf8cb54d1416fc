"""The library's error classes; the CLI turns each into a one-line message and exit 1."""

from __future__ import annotations


class JmgraphError(Exception):
    """Base class: a problem the user can fix; ``str()`` says what and how."""


class InputError(JmgraphError):
    """A document cannot be read (missing, binary, too large, not text)."""


class StoreError(JmgraphError):
    """The store is missing, locked by another process or unreadable."""


class QueryError(JmgraphError):
    """Unknown saved query, bad parameter or malformed SPARQL."""


class ExportError(JmgraphError):
    """Unknown export format or unwritable output."""
