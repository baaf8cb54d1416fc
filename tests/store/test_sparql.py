from __future__ import annotations

import pytest

from jmgraph.errors import QueryError
from jmgraph.store.sparql import library, with_values


def test_sparql_library_reads_the_shipped_texts() -> None:
    assert "SELECT" in library("count-quads.rq").upper()
    assert "DELETE" in library("prune-union.ru").upper()


def test_sparql_rows_are_bound_in_every_where_clause_not_in_comments() -> None:
    text = "# WHERE { in a comment }\nSELECT * WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s a ?t } } }"
    bound = with_values(text, ["s"], [["<urn:a>"], ["<urn:b>"]])
    assert bound.count("VALUES (?s) { (<urn:a>) (<urn:b>) }") == 2
    assert bound.splitlines()[0] == "# WHERE { in a comment }"


def test_sparql_rows_need_a_where_clause() -> None:
    with pytest.raises(QueryError, match="stats: parameters need a WHERE"):
        with_values("CLEAR ALL", ["s"], [["<urn:a>"]], "stats")
