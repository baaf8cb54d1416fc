from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph.errors import QueryError
from jmgraph.query import queries
from jmgraph.rdf.vocab import JM, PROV, RDF, XSD
from jmgraph.store.local import opened

from ..conftest import answer_rows, saved_query_answer

QUERIES = Path(__file__).resolve().parents[2] / "queries"

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


SUBQUERY = """# a comment that mentions ?_part is left alone
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE {
  { SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(CONTAINS(STR(?l), STR(?_part))) } }
  ?s rdfs:label ?label .
  FILTER(?label != "?_part" && ?label != '?_part')
}"""


def test_queries_parameters_reach_subqueries(db: ox.Store) -> None:
    query = queries.parse(SUBQUERY, Path("sub.rq"))
    text = queries.bind(query, {"part": "angle"})
    assert 'FILTER(CONTAINS(STR(?l), STR("angle")))' in text          # in the subquery
    assert "# a comment that mentions ?_part is left alone\n" in text
    assert """FILTER(?label != "?_part" && ?label != '?_part')""" in text   # strings stay
    result = queries.run(db, text, "sub")
    assert [row[1].value for row in result.rows] == ["brace } and <angle>"]


def test_queries_bound_tells_whether_an_optional_parameter_was_given(
        toy: queries.SavedQuery, db: ox.Store) -> None:
    given = queries.bind(toy, {"label": "plain", "kind": "thing", "min": "3"})
    assert "!true ||" in given and "BOUND" not in given
    assert [r[1].value for r in queries.run(db, given, "toy").rows] == ["plain"]
    too_short = queries.bind(toy, {"label": "plain", "min": "9"})
    assert queries.run(db, too_short, "toy").rows == []
    not_given = queries.bind(toy, {"label": "plain"})      # kind from its default; no min
    assert "!BOUND(?__min_integer)" in not_given
    assert [r[1].value for r in queries.run(db, not_given, "toy").rows] == ["plain"]


PAGED = """#+ summary: Labels, a page at a time
#+ description: Two per page.
#+ pagination: 2
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE {
  { SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(!BOUND(?__not) || STR(?l) != ?__not) }
    ORDER BY ?s
    LIMIT 2 }
  ?s rdfs:label ?label .
}
ORDER BY ?s"""


def test_queries_a_paged_query_moves_its_own_limit(db: ox.Store) -> None:
    q = queries.parse(PAGED, Path("paged.rq"))
    assert q.page_size == 2
    assert "LIMIT 2 OFFSET 4" in queries.bind(q, {}, page=3)
    assert "LIMIT" not in queries.bind(q, {}, page=None)
    pages = [queries.run(db, queries.bind(q, {}, page=k), "paged").rows for k in (1, 2, 3)]
    whole = queries.run(db, queries.bind(q, {}, page=None), "paged").rows
    assert [len(p) for p in pages] == [2, 2, 0] and pages[0] + pages[1] == whole
    # a value that reads like the limit is a value: it is neither moved nor dropped
    text = queries.bind(q, {"not": "LIMIT 2"}, page=2)
    assert '"LIMIT 2"' in text and text.count("LIMIT 2 OFFSET 2") == 1
    assert len(queries.run(db, text, "paged").rows) == 2
    with pytest.raises(QueryError, match="pages are numbered from 1, not 0"):
        queries.bind(q, {}, page=0)


@pytest.mark.parametrize(("header", "body", "message"), [
    ("pagination: 2", "LIMIT 3", "needs exactly one 'LIMIT 2' in the query .*found 0"),
    ("pagination: 2", "LIMIT 2 } LIMIT 2", "found 2"),
    ("pagination: two", "LIMIT 2", "a whole number from 1, not 'two'"),
    ("pagination: 0", "LIMIT 0", "not 0"),
])
def test_queries_a_bad_pagination_header_names_the_file(header: str, body: str,
                                                        message: str) -> None:
    text = f"#+ {header}\nSELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ ?s ?p ?o }} {body} }}"
    with pytest.raises(QueryError, match=f"bad.rq: .*{message}"):
        queries.parse(text, Path("bad.rq"))


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


@pytest.mark.parametrize(("given", "iri"), [
    ("visit:2013-03-abe-mongolia", "https://w3id.org/jmgraph/id/visit/2013-03-abe-mongolia"),
    ("jm:Occurred", "https://w3id.org/jmgraph/ontology#Occurred"),
    ("https://w3id.org/jmgraph/id/visit/x", "https://w3id.org/jmgraph/id/visit/x"),
    ("urn:isbn:0451450523", "urn:isbn:0451450523"),
    ("visit://host/path", "visit://host/path"),           # an IRI of a scheme named so
])
def test_queries_an_iri_parameter_takes_the_ids_tables_print(given: str, iri: str) -> None:
    param = queries.Param("fact", "_fact_iri", "iri", True)
    assert queries.term(param, given) == ox.NamedNode(iri)
    printed = queries._short(ox.NamedNode(iri))                    # what a table prints
    assert queries.term(param, printed) == ox.NamedNode(iri)


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


@pytest.mark.parametrize("name", sorted(queries.saved(QUERIES)))
def test_queries_every_required_parameter_has_a_default(name: str) -> None:
    """A file run as saved, no value bound, can only ask for the documented defaults if
    every required parameter has one (each written in the query as COALESCE(?_name, it))."""
    saved = queries.find(name, QUERIES)
    missing = [p.name for p in saved.params.values() if p.required and p.default is None]
    assert not missing, f"{name}: required parameter(s) with no default: {missing}"
    for param in saved.params.values():
        if param.required:
            assert f"COALESCE(?{param.variable}," in saved.text, param.name


# ---------------------------------------------------------------- real answers on the seeds

def _rows(store_path: Path, query_name: str, **params: str) -> list[dict[str, str]]:
    q = queries.find(query_name, QUERIES)
    with opened(store_path) as s:
        result = queries.run(s.db, queries.bind(q, params, page=None), query_name)
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
        ("Strategic Partnership", "2010-11"),
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


def test_queries_documents_order_undated_then_by_date_then_file_name() -> None:
    """A date given by its year or month comes before the days of that year or month;
    documents of one date are ordered by file name; undated ones come first."""
    docs = [("b.txt", None), ("a.txt", None), ("z.txt", ("2019", XSD.gYear)),
            ("m.txt", ("2019-05", XSD.gYearMonth)), ("y.txt", ("2019-05-02", XSD.date)),
            ("c.txt", ("2019-05-02", XSD.date)), ("d.txt", ("2018-12-31", XSD.date)),
            ("e.txt", ("2020-01-01", XSD.date))]
    db = ox.Store()
    for i, (file, date) in enumerate(docs):
        doc = ox.NamedNode(f"http://example.org/doc/{i}")
        db.add(ox.Quad(doc, RDF.type, JM.Document))
        db.add(ox.Quad(doc, JM.fileName, ox.Literal(file)))
        db.add(ox.Quad(doc, JM.factCount,
                       ox.Literal("0", datatype=XSD.integer)))
        if date:
            db.add(ox.Quad(doc, JM.publicationDate,
                           ox.Literal(date[0], datatype=date[1])))
    result = queries.run(db, queries.bind(queries.find("documents", QUERIES), {}), "documents")
    files = [row[result.columns.index("file")].value for row in result.rows]
    assert files == ["a.txt", "b.txt", "d.txt", "z.txt", "m.txt", "c.txt", "y.txt", "e.txt"]


PAGED_LISTINGS = sorted(n for n, q in queries.saved(QUERIES).items() if q.page_size)


def test_queries_the_long_listings_are_paged() -> None:
    assert PAGED_LISTINGS == ["documents", "visits", "visits-by-office"]


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGED_LISTINGS)
def test_queries_the_pages_of_a_listing_make_it_whole(seed_store: Path, name: str) -> None:
    """Each page picks its items in the listing's own order: pages of two items, one after
    the other, are the whole listing, row for row."""
    saved = queries.find(name, QUERIES)
    size = saved.page_size
    small = queries.parse(saved.text.replace(f"pagination: {size}", "pagination: 2")
                          .replace(f"LIMIT {size}", "LIMIT 2"), saved.path)

    def rows(page: int | None) -> list[list[str]]:
        result = queries.run(s, queries.bind(small, {}, page), name)
        # GROUP_CONCAT has no defined order: a visit's offices compared as a set
        return [[";".join(sorted(v.value.split("; "))) if c == "offices" and v is not None
                 else v.value if v is not None else "" for c, v in zip(result.columns, row,
                                                                       strict=True)]
                for row in result.rows]

    with opened(seed_store) as s:
        whole = rows(None)
        pages = []
        while page := rows(len(pages) + 1):
            pages.append(page)
        read_whole = queries.every_row(s, small, {})
    assert len(pages) >= 3 and [r for p in pages for r in p] == whole
    assert len(read_whole.rows) == len(whole)


def test_queries_every_row_of_a_listing_is_read_in_chunks(
        db: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    q = queries.parse(PAGED, Path("paged.rq"))
    sent: list[str] = []

    def run(store: ox.Store, text: str, name: str) -> queries.Result:
        sent.append(text)
        return real_run(store, text, name)

    real_run = queries.run
    monkeypatch.setattr(queries, "run", run)
    monkeypatch.setattr(queries, "ALL_ROWS_CHUNK", 3)
    result = queries.every_row(db, q, {})
    assert [r[1].value for r in result.rows] == [                     # by subject, in order
        "plain", 'with "quotes"', "brace } and <angle>", "new\nline"]
    assert ["LIMIT 3 OFFSET 0" in sent[0], "LIMIT 3 OFFSET 3" in sent[1]] == [True, True]
    assert len(sent) == 2                       # the second chunk held fewer: the last


# ---------------------------------------------------------------- undated visits and meetings

def _undated_graph() -> ox.Store:
    """A graph where Bat (President of Mongolia) visited Japan in May 2019 and, undated,
    again; Sato (Prime Minister of Japan) visited Mongolia, undated; and the two met on May
    2 and, undated, again."""
    from jmgraph.dates import DateValue
    from jmgraph.extract.model import Capacity
    from jmgraph.rdf.render import to_quads
    from jmgraph.resolve.corpus import resolve

    from ..factories import Doc

    pm, president = Capacity("Prime Minister", "japan"), Capacity("President", "mongolia")
    a = Doc("a", DateValue(2019, 6, 1))
    sato = a.person("Sato Kenji", key="Sato", capacity=pm)
    bat = a.person("Bat Erdene", key="Bat", capacity=president)
    a.visit([bat], "japan", None, capacities={bat: president})
    a.visit([bat], "japan", DateValue(2019, 5), capacities={bat: president})
    a.visit([sato], "mongolia", None, capacities={sato: pm})
    a.meeting([sato, bat], None)
    a.meeting([sato, bat], DateValue(2019, 5, 2))
    db = ox.Store()
    for quads in to_quads(resolve([a.x])).values():       # the union, as the store reads it
        db.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return db


def _answer(db: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    result = queries.run(db, queries.bind(queries.find(name, QUERIES), params, page=None), name)
    return [{c: (v.value if v is not None else "") for c, v in zip(result.columns, row,
                                                                     strict=True)}
            for row in result.rows]


def test_queries_list_undated_visits_and_meetings_last() -> None:
    """Visits and meetings no text dates are listed, with no date, after the dated ones; a
    year range leaves them out."""
    db = _undated_graph()
    visits = _answer(db, "visits")
    assert [(r["start"], r["visitorName"], r["destinationName"]) for r in visits] == [
        ("2019-05", "Bat Erdene", "Japan"), ("", "Bat Erdene", "Japan"),
        ("", "Sato Kenji", "Mongolia")]
    assert visits[1]["offices"] == "President of Mongolia" and visits[1]["sources"] == "1"
    assert [r["start"] for r in _answer(db, "visits", fromYear="2000")] == ["2019-05"]
    by_office = _answer(db, "visits-by-office")
    assert [(r["visitorName"], r["start"]) for r in by_office] == [
        ("Bat Erdene", "2019-05"), ("Bat Erdene", "")]
    assert all(r["sentence"] for r in by_office)
    meetings = _answer(db, "meetings")
    assert [r["date"] for r in meetings] == ["2019-05-02", ""]
    assert set(meetings[1]["participants"].split(" / ")) == {"Bat Erdene", "Sato Kenji"}
    assert [r["date"] for r in _answer(db, "meetings", toYear="2030")] == ["2019-05-02"]
    timeline = [(r["what"], r["date"]) for r in _answer(db, "person-timeline", person="Bat")
                if r["what"] != "office"]
    # dates of two types (xsd:gYearMonth, xsd:date) have no order SPARQL defines
    assert set(timeline[:2]) == {("visit", "2019-05"), ("meeting", "2019-05-02")}
    assert timeline[2:] == [("meeting", ""), ("visit", "")]          # the undated last


def test_queries_timeline_counts_undated_visits_with_no_year() -> None:
    rows = _answer(_undated_graph(), "timeline")
    assert [(r["year"], r["origin"], r["destination"], r["visits"]) for r in rows] == [
        ("2019", "Mongolia", "Japan", "1"), ("", "Japan", "Mongolia", "1"),
        ("", "Mongolia", "Japan", "1")]


@pytest.mark.parametrize("name", ["visits", "visits-by-office"])
def test_queries_pages_of_a_listing_with_undated_visits_make_it_whole(name: str) -> None:
    """Pages of one visit each, one after the other, are the whole listing, the undated
    visits last."""
    db = _undated_graph()
    saved = queries.find(name, QUERIES)
    size = saved.page_size
    small = queries.parse(saved.text.replace(f"pagination: {size}", "pagination: 1")
                          .replace(f"LIMIT {size}", "LIMIT 1"), saved.path)

    def rows(page: int | None) -> list[list[str]]:
        result = queries.run(db, queries.bind(small, {}, page), name)
        return [["" if v is None else v.value for v in row] for row in result.rows]

    whole, pages = rows(None), []
    while page := rows(len(pages) + 1):
        pages.append(page)
    assert [r for p in pages for r in p] == whole
    starts = [r["start"] for r in _answer(db, name)]
    assert starts[0] == "2019-05" and starts[-1] == ""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(queries.saved(QUERIES)))
def test_queries_run_as_saved_answer_with_their_defaults(seed_store: Path, name: str) -> None:
    """Each .rq file as it is, no parameter bound (pasted into any SPARQL engine), gives in
    Oxigraph the rows `jmgraph query NAME` prints with no --param: the documented defaults
    of the required parameters, every row for the optional ones, a listing's first page."""
    saved = queries.find(name, QUERIES)
    with opened(seed_store) as s:
        as_saved = json.loads(queries.render(queries.run(s.db, saved.text, name), "json"))
    expected = saved_query_answer(seed_store, name)
    assert expected["results"]["bindings"], f"{name}: its defaults find nothing in the seeds"
    assert as_saved["head"] == expected["head"]
    assert answer_rows(as_saved) == answer_rows(expected)


def _form_of(text: str) -> str:
    """The query form of TEXT as a SPARQL parser reads it (SELECT, CONSTRUCT, ASK, DESCRIBE)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text).algebra.name.removesuffix("Query").upper()


def _sparqlwrapper_reads(text: str) -> tuple[str, bool]:
    """The form SPARQLWrapper finds in TEXT (from its words, after dropping comments its own
    way), and whether it would send it as an update."""
    import warnings

    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper("http://127.0.0.1:9/query")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        client.setQuery(text)
    return client.queryType, client.isSparqlUpdateRequest()


@pytest.mark.parametrize("name", sorted(queries.saved(QUERIES)))
def test_queries_no_header_comment_makes_sparqlwrapper_take_a_query_for_an_update(
        name: str) -> None:
    # SPARQLWrapper drops every other line of a block of comments and looks for the first
    # keyword in what is left: a `#+` line saying "address" is read as ADD, an update
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    assert _sparqlwrapper_reads(text) == (_form_of(text), False), (
        f"queries/{name}.rq: SPARQLWrapper takes it for another form; reword the "
        "header's comments (a word that is a SPARQL keyword: add, load, clear, ...)")


def test_queries_sparqlwrapper_is_misled_by_a_keyword_in_a_comment() -> None:
    # what the test above guards against, so that it cannot pass by reading nothing
    text = "#+ summary: one\n#+ description: the address of a document\nSELECT * { ?s ?p ?o }"
    assert _form_of(text) == "SELECT" and _sparqlwrapper_reads(text)[1]
