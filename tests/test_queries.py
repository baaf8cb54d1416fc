from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph import queries
from jmgraph.errors import QueryError
from jmgraph.store import opened
from jmgraph.vocab import JM, PROV

QUERIES = Path(__file__).resolve().parents[1] / "queries"

TOY = """#+ summary: Things by label
#+ description: A test query.
#+ defaults:
#+   - kind: thing
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE {
  ?s rdfs:label ?label .
  FILTER(STR(?label) = STR(?_label))
  FILTER(!BOUND(?__kind) || ?__kind = "thing")
  FILTER(!BOUND(?__min_integer) || STRLEN(?label) >= ?__min_integer)
}"""


@pytest.fixture
def toy() -> queries.SavedQuery:
    return queries.parse(TOY, Path("toy.rq"))


@pytest.fixture
def db() -> ox.Store:
    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for i, text in enumerate(['plain', 'with "quotes"', "brace } and <angle>", "new\nline"]):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/{i}"), label, ox.Literal(text)))
    return store


def test_queries_header_and_parameters(toy: queries.SavedQuery) -> None:
    assert toy.summary == "Things by label"
    assert toy.params["label"].required and toy.params["label"].type == "literal"
    assert not toy.params["kind"].required and toy.params["kind"].default == "thing"
    assert toy.params["min"].type == "integer"


@pytest.mark.parametrize("value", ['with "quotes"', "brace } and <angle>", "new\nline",
                                   '" } ; DROP ALL ; { "', "?x } UNION { ?s ?p ?o", "\\u0022"])
def test_queries_values_are_data_never_query_text(toy: queries.SavedQuery, db: ox.Store,
                                                  value: str) -> None:
    result = queries.run(db, queries.bind(toy, {"label": value}), "toy")
    assert all(row[1].value == value for row in result.rows)
    assert len(db) == 4                                   # nothing was changed


SUBQUERY = """# a comment that mentions WHERE { is left alone
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE {
  { SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(CONTAINS(STR(?l), STR(?_part))) } }
  ?s rdfs:label ?label .
}"""


def test_queries_parameters_reach_subqueries(db: ox.Store) -> None:
    query = queries.parse(SUBQUERY, Path("sub.rq"))
    text = queries.bind(query, {"part": "angle"})
    assert text.count('VALUES (?_part) { ("angle") }') == 2          # outer and subquery
    assert "# a comment that mentions WHERE { is left alone\n" in text
    result = queries.run(db, text, "sub")
    assert [row[1].value for row in result.rows] == ["brace } and <angle>"]


def test_queries_bad_values_are_refused(toy: queries.SavedQuery) -> None:
    with pytest.raises(QueryError, match="parameter min: 'ten' is not a valid integer"):
        queries.bind(toy, {"label": "x", "min": "ten"})
    with pytest.raises(QueryError, match="parameter label is required"):
        queries.bind(toy, {})
    with pytest.raises(QueryError, match="unknown parameter colour"):
        queries.bind(toy, {"label": "x", "colour": "red"})
    iri = queries.Param("fact", "_fact_iri", "iri", True)
    with pytest.raises(QueryError, match="not a valid iri"):
        queries.term(iri, "not an iri> . <x")


def test_queries_malformed_sparql_reports_the_parser_message(db: ox.Store) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        queries.run(db, "SELECT ?s WHERE { ?s ?p }", "broken")


def test_queries_unknown_name_lists_the_saved_ones() -> None:
    with pytest.raises(QueryError, match=r"unknown query 'nope'; saved queries: .*visits"):
        queries.find("nope", QUERIES)


def test_queries_every_saved_query_has_a_summary_and_description() -> None:
    for name, q in queries.saved(QUERIES).items():
        assert q.summary and q.description, name


def test_queries_render_formats(db: ox.Store) -> None:
    result = queries.run(db, "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o", "q")
    assert queries.render(result, "csv").splitlines()[0] == "s,o"
    assert queries.render(result, "tsv").splitlines()[0] == "s\to"
    assert '"bindings"' in queries.render(result, "json")
    assert queries.render(result, "table").endswith("(4 rows)")


# ---------------------------------------------------------------- real answers on the seeds

def _rows(store_path: Path, query_name: str, **params: str) -> list[dict[str, str]]:
    q = queries.find(query_name, QUERIES)
    with opened(store_path) as s:
        result = queries.run(s.db, queries.bind(q, params), query_name)
    return [{c: (v.value if v is not None else "") for c, v in zip(result.columns, row,
                                                                     strict=True)}
            for row in result.rows]


@pytest.mark.slow
def test_queries_visits_filters_on_the_seed_graph(seed_store: Path) -> None:
    rows = _rows(seed_store, "visits", destination="Mongolia", fromYear="2010", toYear="2013")
    assert [(r["start"], r["visitorName"]) for r in rows] == [
        ("2010-08", "Okada"), ("2011-01", "Genba"), ("2012-01", "Ichikawa"), ("2013-03", "Abe"),
        ("2013-07", "Furuya")]
    planned = _rows(seed_store, "visits", visitor="Kishida")
    assert [(r["start"], r["status"], r["destinationName"]) for r in planned] == [
        ("2024-08", "planned", "Mongolia")]


@pytest.mark.slow
def test_queries_mongolian_presidents_in_japan_with_sources(seed_store: Path) -> None:
    rows = _rows(seed_store, "visits-by-office")
    visits = sorted({(r["visitorName"], r["start"]) for r in rows})
    assert visits == [("Bagabandi", "1998-05"), ("Bagabandi", "2003-12"),
                      ("Enkhbayar", "2007-03"), ("Tsakhia Elbegdorj", "2010-11"),
                      ("Tsakhia Elbegdorj", "2013-09"), ("Tsakhia Elbegdorj", "2014-04"),
                      ("Tsakhia Elbegdorj", "2014-07"), ("Ukhnaa Khurelsukh", "2022-11")]
    assert all(r["file"].endswith(".txt") and r["sentence"] for r in rows)


@pytest.mark.slow
def test_queries_person_timeline(seed_store: Path) -> None:
    rows = _rows(seed_store, "person-timeline", person="Batbold")
    visits = [r["date"] for r in rows if r["what"] == "visit"]
    assert visits == ["2009-04", "2010-10", "2012-03", "2012-10"]
    assert {r["detail"] for r in rows if r["what"] == "office"} == {
        "Minister for Foreign Affairs of Mongolia", "Prime Minister of Mongolia"}


@pytest.mark.slow
def test_queries_office_holders(seed_store: Path) -> None:
    rows = _rows(seed_store, "office-holders", role="Khural")
    assert [(r["name"], r["firstAttested"]) for r in rows] == [
        ("Tumur-Ochir", "2002-02"), ("Lundeejantsan", "2008-02"), ("Demberel", "2011-12")]


@pytest.mark.slow
def test_queries_meetings(seed_store: Path) -> None:
    rows = _rows(seed_store, "meetings", fromYear="2020", toYear="2023")
    # GROUP_CONCAT has no defined order: compare the participants as sets
    assert [(r["date"], set(r["participants"].split(" / "))) for r in rows] == [
        ("2020-10-09", {"Motegi Toshimitsu", "Nyamtseren Enkhtaivan"}),
        ("2022-11", {"Kishida Fumio", "Ukhnaa Khurelsukh"}),
        ("2023-07-13", {"Battsetseg Batmunkh", "Hayashi Yoshimasa"})]


@pytest.mark.slow
def test_queries_agreements_with_milestones(seed_store: Path) -> None:
    rows = _rows(seed_store, "agreements", name="Economic Partnership")
    assert [(r["stage"], r["date"]) for r in rows] == [("negotiation launched", "2012-10"),
                                                       ("agreed in principle", "2014-07")]
    loan = _rows(seed_store, "agreements", name="Loan")
    assert (loan[0]["date"], loan[0]["amount"], loan[0]["currency"]) == (
        "2020-10-09", "25000000000", "JPY")


@pytest.mark.slow
def test_queries_partnership_levels_over_time(seed_store: Path) -> None:
    rows = _rows(seed_store, "partnerships")
    assert [(r["label"], r["start"]) for r in rows] == [
        ("Diplomatic Relations", "1972-02-24"), ("Comprehensive Partnership", "1996"),
        ("Strategic Partnership", "2010"),
        ("Special Strategic Partnership for Peace and Prosperity", "2022-11")]


@pytest.mark.slow
def test_queries_sources_of_a_fact(seed_store: Path) -> None:
    rows = _rows(seed_store, "sources",
                 fact="https://w3id.org/jmgraph/id/visit/2013-03-abe-mongolia")
    assert sorted(r["sentence"] for r in rows) == [
        "2013.03 Prime Minister S. ABE",
        "Prime Minister Abe’s visit to Mongolia in March 2013."]
    assert all(int(r["begin"]) < int(r["end"]) for r in rows)


@pytest.mark.slow
def test_queries_documents(seed_store: Path) -> None:
    rows = _rows(seed_store, "documents")
    assert [(r["published"], r["dateSource"]) for r in rows] == [       # oldest first
        ("2014-09-01", "dateline"), ("2020-10-09", "dateline"), ("2023-07-13", "dateline"),
        ("2024-08-05", "dateline"), ("2025", "inferred from text")]
    counted = {}                                       # the facts each is the source of
    with opened(seed_store) as store:
        for doc_id in store.document_ids():
            quads = store.graph_quads(doc_id)
            (file,) = {q.object.value for q in quads if q.predicate == JM.fileName}
            counted[file] = len({q.subject for q in quads if q.predicate == PROV.wasDerivedFrom})
    assert {r["file"]: int(r["facts"]) for r in rows} == counted
    assert all(n > 0 for n in counted.values())
