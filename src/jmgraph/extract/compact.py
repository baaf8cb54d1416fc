"""An extraction held with each distinct value once: the facts read from one sentence share
one ``Evidence``, and equal strings are one string object (``sys.intern``).

A build holds the whole corpus's extractions until it resolves them; made by spaCy in this
process or unpickled from a worker, each fact carries its own copy of its sentence and of
every name, role, country and status it states: 43% of what an extraction takes in
memory (68 -> 39 KiB per document, bench/RESULTS.md).
"""

from __future__ import annotations

import sys

from ..plain import field_names
from .model import Evidence, Extraction


def compact(extraction: Extraction) -> Extraction:
    """EXTRACTION with its values shared (changed in place, and returned)."""
    sentences: dict[tuple[int, int, str], Evidence] = {}

    def share(value: object) -> object:
        if isinstance(value, str):
            return sys.intern(value)
        if isinstance(value, list):
            value[:] = [share(v) for v in value]
            return value
        if isinstance(value, dict):
            for k, v in value.items():
                value[k] = share(v)
            return value
        names = field_names(type(value))
        if names is None:
            return value
        if isinstance(value, Evidence):
            key = (value.start, value.end, value.text)
            found = sentences.get(key)
            if found is not None:
                return found
            sentences[key] = value
        for name in names:
            # set as a frozen dataclass's own __init__ sets it (Evidence, Capacity, DateValue
            # are frozen), to an equal value
            object.__setattr__(value, name, share(getattr(value, name)))
        return value

    share(extraction)
    return extraction
