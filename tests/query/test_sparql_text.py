from __future__ import annotations

import pytest

from jmgraph.query.sparql_text import substitute

TERMS = {"_name": '"Abe"', "__year_integer": '"2013"^^<http://www.w3.org/2001/XMLSchema#integer>'}


@pytest.mark.parametrize(("text", "expected"), [
    ("FILTER(STR(?n) = ?_name)", 'FILTER(STR(?n) = "Abe")'),
    ("FILTER(STR(?n) = $_name)", 'FILTER(STR(?n) = "Abe")'),
    ("FILTER(?_names = ?_name)", 'FILTER(?_names = "Abe")'),           # whole names only
    ("FILTER(!BOUND(?_name) || ?x)", "FILTER(!true || ?x)"),
    ("FILTER(!bound( ?__year_integer ) || ?y >= ?__year_integer)",
     'FILTER(!true || ?y >= "2013"^^<http://www.w3.org/2001/XMLSchema#integer>)'),
    ("FILTER(!BOUND(?other))", "FILTER(!BOUND(?other))"),
])
def test_sparql_text_variables_are_replaced_by_their_terms(text: str, expected: str) -> None:
    assert substitute(text, TERMS) == expected


@pytest.mark.parametrize("kept", [
    '"?_name"', "'?_name'", '"""a "quoted" ?_name\nover lines"""', "'''it's ?_name'''",
    '"escaped \\" ?_name"', "# a comment on ?_name\n", "<http://example.org/a#?_name>",
])
def test_sparql_text_strings_iris_and_comments_are_left_alone(kept: str) -> None:
    text = f"SELECT ?s WHERE {{ ?s ?p {kept} . FILTER(?s = ?_name) }}"
    assert substitute(text, TERMS) == text.replace("FILTER(?s = ?_name)",
                                                   'FILTER(?s = "Abe")')


def test_sparql_text_a_hash_in_an_iri_is_not_a_comment() -> None:
    text = "?s a <http://example.org/ns#Thing> ; ?p ?_name ."
    assert substitute(text, TERMS) == '?s a <http://example.org/ns#Thing> ; ?p "Abe" .'
