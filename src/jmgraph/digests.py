"""What each document's graph was made from, as a digest: ``add`` rewrites only the graphs
whose part of the resolution changed, without making or reading the others.

A digest covers a document's part of the resolution (``partition.parts``) in a canonical
form (sets and dicts sorted) and the code and reference data that turn a part into RDF,
so that a new version of either is never mistaken for an unchanged graph.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources

from .plain import to_plain
from .resolve import Resolution

# The modules and data a graph is rendered (rdf.to_quads and what it reads) and digested with.
RENDERING_MODULES = ("rdf.py", "vocab.py", "partition.py", "reference.py", "digests.py",
                     "plain.py")
RENDERING_DATA = ("countries.json", "offices.json")


@cache
def _rendering() -> bytes:
    package = resources.files("jmgraph")
    h = hashlib.sha256()
    for name in RENDERING_MODULES:
        h.update((package / name).read_bytes())
    for name in RENDERING_DATA:
        h.update((package / "data" / name).read_bytes())
    return h.digest()


def part_digest(part: Resolution) -> str:
    """The digest of one document's part: equal digests, equal graphs."""
    used = {h.office for h in part.holdings.values()}
    used.update(o for v in part.visits.values() for o in v.offices)
    content = [part.documents, part.persons, {s: part.offices[s] for s in used},
               part.holdings, part.visits, part.meetings, part.partnerships, part.agreements]
    h = hashlib.sha256(_rendering())
    h.update(json.dumps(to_plain(content), ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()
