"""The SPARQL the library runs itself, in files of its own (``src/jmgraph/sparql/``: the
store's counts and listings, the web pages' queries, the updates of a union), and rows of
data bound into such a text; the user's saved queries are ``query.queries``."""

from __future__ import annotations

import re

from ..errors import QueryError

WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def library(name: str) -> str:
    """A query or update the library runs itself (``src/jmgraph/sparql/NAME``)."""
    # here, not at start-up: `jmgraph query` runs a saved query, not the library's
    from importlib import resources

    return (resources.files("jmgraph") / "sparql" / name).read_text(encoding="utf-8")


def with_values(text: str, variables: list[str], rows: list[list[str]],
                name: str = "query") -> str:
    """TEXT with a ``VALUES`` block of ROWS (RDF terms in SPARQL syntax) for VARIABLES at
    the start of every WHERE clause: a subquery does not see its outer query's values (the
    block joins where the variables are not used).  Saved queries' parameters are put in
    place instead (``query.queries.bind``); this binds rows of data into an update."""
    body = " ".join(f"({' '.join(row)})" for row in rows)
    block = f"VALUES ({' '.join('?' + v for v in variables)}) {{ {body} }}"
    lines = text.split("\n")
    bound_lines = [line if line.lstrip().startswith("#")             # comments stay as they are
                   else WHERE.sub(lambda m: f"{m.group(0)}\n  {block}\n", line)
                   for line in lines]
    if bound_lines == lines:
        raise QueryError(f"{name}: parameters need a WHERE {{ ... }} clause to bind into")
    return "\n".join(bound_lines)
