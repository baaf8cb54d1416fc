"""`jmgraph serve`, started as a user would, queried with a standard client and urllib."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from jmgraph.query import queries
from jmgraph.store.local import opened

from ..conftest import (
    ROOT,
    SEEDS,
    answer_rows,
    free_port,
    run_cli,
    saved_query_answer,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.slow


def _remote(url: str, text: str) -> list[tuple]:
    client = SPARQLWrapper(url + "/query")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    names = result["head"]["vars"]
    return sorted(tuple(b.get(n, {}).get("value", "") for n in names)
                  for b in result["results"]["bindings"])


@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_serve_saved_queries_over_http_match_local_results(served_seed: str, seed_store: Path,
                                                          name: str) -> None:
    saved = queries.find(name, ROOT / "queries")
    text = queries.bind(saved, {"person": "Batbold"} if "person" in saved.params else {})
    with opened(seed_store) as s:
        local = queries.run(s.db, text, name)
    expected = sorted(tuple("" if v is None else v.value for v in row) for row in local.rows)
    assert _remote(served_seed, text) == expected



@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_serve_saved_queries_as_saved_over_http_answer_with_their_defaults(
        served_seed: str, seed_store: Path, name: str) -> None:
    """The README's curl: the file as it is, sent over HTTP with no value bound, gives the
    rows `jmgraph query NAME` prints with no --param."""
    text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    expected = saved_query_answer(seed_store, name)
    assert expected["results"]["bindings"]
    assert _remote(served_seed, text) == sorted(
        tuple(value for _, value, _ in row) for row in answer_rows(expected))

def test_serve_refuses_updates(served_seed: str, seed_store: Path) -> None:
    request = urllib.request.Request(
        served_seed + "/update", data=b"update=DROP+ALL", method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=5)
    with opened(seed_store) as s:
        assert len(s) > 0


def test_serve_shows_its_query_page(served_seed: str) -> None:
    page = urllib.request.urlopen(served_seed + "/", timeout=5).read().decode("utf-8", "replace")
    assert "<html" in page.lower()


# ---------------------------------------------------------------- the protocol's formats
def _get(url: str, headers: dict | None = None, data: bytes | None = None,
         timeout: float = 30) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type", ""), err.read()


def _q(text: str) -> str:
    return urllib.parse.urlencode({"query": text})


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/jmgraph/ontology#Document> }"


@pytest.mark.parametrize(("accept", "media", "start"), [
    ("application/sparql-results+json", "application/sparql-results+json", b'{"head"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
    ("text/csv", "text/csv", b"n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?n\n"),
])
def test_serve_answers_in_the_format_asked_for(served_seed: str, accept: str, media: str,
                                               start: bytes) -> None:
    status, kind, body = _get(f"{served_seed}/query?{_q(COUNT)}", {"Accept": accept})
    assert status == 200 and kind.startswith(media)
    assert body.startswith(start)


def test_serve_takes_a_query_posted_as_a_form_or_a_body(served_seed: str) -> None:
    form = _get(served_seed + "/query", {"Accept": "text/csv"}, _q(COUNT).encode())
    body = _get(served_seed + "/query", {"Accept": "text/csv",
                                         "Content-Type": "application/sparql-query"},
                COUNT.encode())
    assert form[0] == body[0] == 200 and form[2] == body[2] == b"n\r\n5\r\n"


def test_serve_answers_a_construct_as_turtle(served_seed: str) -> None:
    text = "CONSTRUCT WHERE { ?s a <https://w3id.org/jmgraph/ontology#Document> }"
    status, kind, body = _get(f"{served_seed}/query?{_q(text)}", {"Accept": "text/turtle"})
    assert status == 200 and kind.startswith("text/turtle") and b"ontology#Document" in body


def test_serve_refuses_updates_sent_to_the_query_endpoint(served_seed: str) -> None:
    status, _, body = _get(served_seed + "/query", {},
                           urllib.parse.urlencode({"update": "DROP ALL"}).encode())
    assert status == 403 and b"read-only" in body
    status, _, _ = _get(f"{served_seed}/query?{_q('DROP ALL')}")
    assert status == 403
    assert _get(f"{served_seed}/query?{_q(COUNT)}")[0] == 200


# ---------------------------------------------------------------- saved queries as an API
def test_serve_api_answers_a_saved_query_as_the_cli_does(served_seed: str,
                                                         seed_store: Path) -> None:
    status, kind, body = _get(served_seed + "/api/visits-by-office")
    assert status == 200 and kind.startswith("application/sparql-results+json")
    assert answer_rows(json.loads(body)) == answer_rows(
        saved_query_answer(seed_store, "visits-by-office"))


def test_serve_api_binds_parameters_and_answers_csv(served_seed: str) -> None:
    status, kind, body = _get(served_seed + "/api/visits.csv?visitor=Elbegdorj")
    assert status == 200 and kind.startswith("text/csv")
    lines = body.decode().splitlines()
    assert lines[0].startswith("visit,start") and len(lines) > 1
    assert all("Elbegdorj" in line for line in lines[1:])
    accept = _get(served_seed + "/api/visits?visitor=Elbegdorj", {"Accept": "text/csv"})
    assert accept[2] == body


@pytest.mark.parametrize(("path", "status", "said"), [
    ("/api/vists", 404, b"did you mean 'visits'"),
    ("/api/visits?fromYear=soon", 400, b"fromYear"),
    ("/api/visits?visitor=A&visitor=B", 400, b"given twice"),
    ("/api/visits?nobody=1", 400, b"unknown parameter nobody"),
])
def test_serve_api_says_what_is_wrong(served_seed: str, path: str, status: int,
                                      said: bytes) -> None:
    got, _, body = _get(served_seed + path)
    assert got == status and said in body and body.count(b"\n") == 1


def test_serve_openapi_document_describes_every_saved_query(served_seed: str) -> None:
    status, kind, body = _get(served_seed + "/api/openapi.json")
    assert status == 200 and kind.startswith("application/json")
    doc = json.loads(body)
    assert doc["openapi"].startswith("3.")
    saved = queries.saved(ROOT / "queries")
    assert set(doc["paths"]) == {f"/api/{name}" for name in saved}
    visits = doc["paths"]["/api/visits-by-office"]["get"]
    assert visits["summary"] == saved["visits-by-office"].summary
    params = {p["name"]: p for p in visits["parameters"]}
    assert params["role"]["schema"]["default"] == "President"
    assert "page" in {p["name"] for p in doc["paths"]["/api/visits"]["get"]["parameters"]}


# ---------------------------------------------------------------- pages
def test_serve_pages_link_a_person_to_a_visit_and_its_highlighted_sentence(
        served_seed: str) -> None:
    status, _, person = _get(served_seed + "/id/person/elbegdorj")
    assert status == 200 and b"Tsakhia Elbegdorj" in person
    visit = re.search(rb'href="(/id/visit/2013-09-elbegdorj-japan)"', person)
    assert visit
    status, _, page = _get(served_seed + visit.group(1).decode())
    assert status == 200
    marked = re.search(rb'<mark class="sentence">([^<]*)</mark>', page)
    assert marked and b"ELBEGDORJ" in marked.group(1).upper()
    doc = re.search(rb'href="(/id/doc/[^"#]+)', page)
    assert doc
    status, _, document = _get(served_seed + doc.group(1).decode())
    assert status == 200 and b"/id/visit/2013-09-elbegdorj-japan" in document
    assert b"<mark" in document


def test_serve_search_finds_a_person_by_part_of_a_name(served_seed: str) -> None:
    status, _, page = _get(served_seed + "/search?q=elbeg")
    assert status == 200 and b'href="/id/person/elbegdorj"' in page
    assert _get(served_seed + "/id/person/nobody-at-all")[0] == 404


def test_serve_timeline_bars_link_to_the_visits_of_their_year(served_seed: str) -> None:
    status, kind, svg = _get(served_seed + "/timeline.svg")
    assert status == 200 and kind.startswith("image/svg+xml")
    years = set(re.findall(rb'xlink:href="/visits/(\d{4})"', svg))
    assert years
    year = sorted(years)[0].decode()
    status, _, page = _get(f"{served_seed}/visits/{year}")
    assert status == 200 and b"/id/visit/" in page


# ---------------------------------------------------------------- hostile queries
NESTED = "SELECT * WHERE { " + "{" * 3000 + "}" * 3000 + " }"
CARTESIAN = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
             "?m ?n2 ?o }")


@pytest.fixture(scope="module")
def served_strict(seed_store: Path):
    """`jmgraph serve` with a time limit of 2 s."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server([sys.executable, "-m", "jmgraph.cli", "serve", "--store",
                         str(seed_store), "--port", str(port), "--timeout", "2"], url + "/")
    yield url
    stop_server(proc)


def _still_answers(url: str) -> None:
    status, _, body = _get(f"{url}/query?{_q(COUNT)}", {"Accept": "text/csv"})
    assert (status, body) == (200, b"n\r\n5\r\n")


@pytest.mark.parametrize(("query", "statuses", "said"), [
    (NESTED, {400}, b"nested 3001 deep"),
    ("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", {200, 500}, b""),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/query> { ?s ?p ?o } }", {400},
     b"is not allowed"),
    (CARTESIAN, {503}, b"time limit"),
])
def test_serve_survives_hostile_queries(served_strict: str, query: str, statuses: set,
                                        said: bytes) -> None:
    port = served_strict.rsplit(":", 1)[1]
    status, _, body = _get(f"{served_strict}/query?{_q(query.replace('{port}', port))}")
    assert status in statuses and said in body
    _still_answers(served_strict)


def test_serve_refuses_a_host_that_is_not_loopback(served_seed: str) -> None:
    status, _, body = _get(f"{served_seed}/query?{_q(COUNT)}", {"Host": "evil.example:80"})
    assert status == 421 and b"evil.example" in body
    assert _get(served_seed + "/", {"Host": "localhost"})[0] == 200


# ---------------------------------------------------------------- the current graph
def test_serve_sees_the_graph_add_writes_at_the_next_request(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    shutil.copy(first, corpus / first.name)
    store = tmp_path / "store"
    assert run_cli("build", "--corpus", str(corpus), "--store", str(store),
                   "--export-dir", str(tmp_path / "out")).returncode == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server([sys.executable, "-m", "jmgraph.cli", "serve", "--store", str(store),
                         "--port", str(port)], url + "/")
    try:
        assert _get(f"{url}/query?{_q(COUNT)}", {"Accept": "text/csv"})[2] == b"n\r\n1\r\n"
        shutil.copy(second, corpus / second.name)
        assert run_cli("add", str(corpus / second.name), "--store", str(store)).returncode == 0
        assert _get(f"{url}/query?{_q(COUNT)}", {"Accept": "text/csv"})[2] == b"n\r\n2\r\n"
    finally:
        stop_server(proc)


# ---------------------------------------------------------------- stopping
def _descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), set()).add(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_with_everything_it_started(seed_store: Path, how: signal.Signals) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server([sys.executable, "-m", "jmgraph.cli", "serve", "--store",
                         str(seed_store), "--port", str(port)], url + "/")
    # a query under way (it would run for a long time) when the signal comes
    busy = threading.Thread(target=_get, args=(f"{url}/query?{_q(CARTESIAN)}",),
                            kwargs={"timeout": 60}, daemon=True)
    busy.start()
    deadline = time.monotonic() + 20
    while len(_descendants(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)                             # fork server, its worker, ...
    started = _descendants(proc.pid)
    try:
        assert started
        proc.send_signal(how)
        assert proc.wait(timeout=20) == 0
    finally:                                        # a failure leaves nothing running either
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in started if _alive(p)]
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect(("127.0.0.1", port))              # nothing listens on the port any more


def test_serve_on_a_busy_port_says_so_in_one_line(seed_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli("serve", "--store", str(seed_store), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Error: port {port} is in use on 127.0.0.1 (another "
                                     "server?); stop it or choose another with --port")


# A saved query whose parameters are named like the API's own: page, format (and a listing,
# paged, so that the API's own page is still wanted).
NAMED_LIKE_CONTROLS = """#+ summary: Documents, with two parameters named like the API's own
#+ description: Echoes its parameters beside each document.
#+ pagination: 2
#+ defaults:
#+   - format: plain
PREFIX jm: <https://w3id.org/jmgraph/ontology#>
SELECT ?document ?format ?page
WHERE {
  ?document a jm:Document .
  BIND(STR(COALESCE(?_format, "plain")) AS ?format)
  BIND(STR(COALESCE(?__page, "none")) AS ?page)
}
ORDER BY ?document
LIMIT 2
"""


def test_serve_api_gives_a_saved_querys_own_page_and_format_parameters_to_it(
        seed_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "echo.rq").write_text(NAMED_LIKE_CONTROLS, encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server([sys.executable, "-m", "jmgraph.cli", "serve", "--store",
                         str(seed_store), "--port", str(port), "--queries", str(folder)],
                        url + "/")
    try:
        def rows(path: str) -> list[tuple[str, str]]:
            status, kind, body = _get(url + path)
            assert status == 200 and "json" in kind, body
            return [(b["format"]["value"], b["page"]["value"])
                    for b in json.loads(body)["results"]["bindings"]]

        assert rows("/api/echo") == [("plain", "none")] * 2
        # the query's own parameters, not the API's page and format
        assert rows("/api/echo?format=html&page=7") == [("html", "7")] * 2
        # the API's own, with a "_" before them
        first, second = rows("/api/echo?_page=1"), rows("/api/echo?_page=2&page=7")
        assert len(first) == 2 and second == [("plain", "7")] * 2
        assert len(rows("/api/echo?_all")) == len(rows("/api/echo?all")) == 5
        status, kind, body = _get(url + "/api/echo?format=html&_format=csv")
        assert status == 200 and kind.startswith("text/csv")
        assert body.splitlines()[1].decode().endswith(",html,none")
        assert _get(url + "/api/echo?_page=0")[0] == 400
        described = json.loads(_get(url + "/api/openapi.json")[2])
        names = [p["name"] for p in described["paths"]["/api/echo"]["get"]["parameters"]]
        assert sorted(names) == ["_page", "all", "format", "page"]      # all: no parameter
    finally:
        stop_server(proc)
