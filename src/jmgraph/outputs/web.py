"""The web app of `jmgraph serve` (Starlette): the SPARQL 1.1 Protocol endpoint, the YASGUI
query page, every saved query as a web API with its OpenAPI document, and pages to browse
the graph (a person, a visit, meeting, agreement or partnership, a document), each fact
with the sentences it was read from.

Read-only.  Every query, the user's or a page's, runs through ``sandbox``: checked, then
run in a worker process of its own within the time limit, over the store's generation
current at that moment (so the next request after ``build`` or ``add`` sees the new
graph).  The SPARQL the pages need is in ``sparql/page-*.rq``.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..errors import JmgraphError, QueryError, StoreError
from ..query import queries, sandbox
from ..rdf.vocab import ID_NS, JM, JM_NS, PREFIXES
from ..store.extraction_cache import CORPUS
from ..store.local import EXTRACTIONS, current_generation
from ..store.sparql import library

RESULTS_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle", "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
}
# other names clients send for the same formats
ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
           "text/plain": "ntriples", "application/x-turtle": "turtle"}
# Characters of the document shown on each side of a sentence on a fact's page.
CONTEXT_CHARS = 300
KIND_NAMES = {"Person": "person", "Visit": "visit", "Meeting": "meeting",
              "Agreement": "agreement", "Partnership": "partnership", "Document": "document",
              "OfficeHolding": "office held", "Office": "office", "Country": "country",
              "Milestone": "milestone", "Sentence": "sentence"}


@dataclass(frozen=True)
class Settings:
    store: Path
    queries_dir: Path
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)
    workers: int = 2                  # queries run at once (each in its own process)
    loopback: bool = True             # check the Host header (DNS rebinding)
    port: int = 7878


# ------------------------------------------------------------------ content negotiation
def _accepted(header: str) -> list[str]:
    """The media types of an Accept header, most wanted first."""
    ranked = []
    for i, part in enumerate(header.split(",")):
        kind, *options = (p.strip() for p in part.split(";"))
        q = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    q = float(option[2:])
                except ValueError:
                    q = 0.0
        if kind and q > 0:
            ranked.append((-q, i, kind.lower()))
    return [kind for _, _, kind in sorted(ranked)]


def negotiate(request: Request, default_results: str = "json",
              default_graph: str = "turtle", asked: str | None = None,
              query_string: bool = True) -> tuple[str, str]:
    """The (results format, graph format) a request asks for: ASKED, or (with
    QUERY_STRING) a ``format`` parameter (a short name or a media type), else its Accept
    header."""
    params = request.query_params
    wanted = asked or ((params.get("format") or params.get("output")) if query_string
                       else None)
    kinds = [wanted.lower()] if wanted else _accepted(request.headers.get("accept", ""))
    results = graph = None
    for kind in kinds:
        short = ALIASES.get(kind, kind)
        short = next((k for k, v in RESULTS_TYPES.items() if v == short), short)
        short = next((k for k, v in GRAPH_TYPES.items() if v == short), short)
        if results is None and short in RESULTS_TYPES:
            results = short
        if graph is None and short in GRAPH_TYPES:
            graph = short
    return results or default_results, graph or default_graph


# ------------------------------------------------------------------ running queries
class App:
    """The handlers, over SETTINGS."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.limiter = anyio.CapacityLimiter(settings.workers)
        self.templates = Environment(loader=PackageLoader("jmgraph", "templates"),
                                     autoescape=select_autoescape(["html"]))
        self.templates.globals.update(short=short, local=local, kind_of=kind_of,
                                      version=__version__)
        self.templates.filters["term"] = term_html

    async def run(self, texts: list[str], name: str = "query", results_format: str = "json",
                  graph_format: str = "ntriples") -> list[sandbox.Answer]:
        def call() -> list[sandbox.Answer]:
            return sandbox.run(self.settings.store, texts, self.settings.limits, name,
                               results_format, graph_format)
        return await anyio.to_thread.run_sync(call, limiter=self.limiter)

    async def rows(self, *named: tuple[str, dict[str, str]]) -> list[list[dict[str, Any]]]:
        """The rows of each internal page query (NAME.rq with VALUES), as dicts of terms."""
        texts = []
        for name, values in named:
            saved = queries.parse(library(f"{name}.rq"), Path(f"{name}.rq"))
            texts.append(queries.bind(saved, values))
        answers = await self.run(texts, "page")
        out = []
        for answer in answers:
            solutions = sandbox.parsed(answer)
            assert isinstance(solutions, ox.QuerySolutions)
            names = [v.value for v in solutions.variables]
            out.append([{n: s[n] for n in names} for s in solutions])
        return out

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status)

    def error_page(self, status: int, message: str) -> HTMLResponse:
        return self.page("error.html", status, title="Not here", message=message)

    # -------------------------------------------------------------- SPARQL protocol
    async def sparql(self, request: Request) -> Response:
        if request.method == "GET":
            params = request.query_params
            if "update" in params:
                return _refused_update()
            query = params.get("query")
            if query is None:
                if "text/html" in request.headers.get("accept", ""):
                    return RedirectResponse("/sparql", status_code=303)
                return PlainTextResponse("no query: send ?query=... (GET) or a POST "
                                         "(SPARQL 1.1 Protocol)\n", status_code=400)
        else:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return _refused_update()
            if kind == "application/sparql-query":
                query = (await request.body()).decode("utf-8", "replace")
            else:                                   # a form, url-encoded
                form = urllib.parse.parse_qs((await request.body()).decode("utf-8", "replace"))
                if "update" in form:
                    return _refused_update()
                query = form["query"][0] if form.get("query") else None
            if query is None:
                return PlainTextResponse("no query: POST a form with query=... or a body of "
                                         "type application/sparql-query\n", status_code=400)
        if queries.is_update(query):
            return _refused_update()
        results_format, graph_format = negotiate(request)
        try:
            (answer,) = await self.run([query], "query", results_format, graph_format)
        except JmgraphError as err:
            return _error(err)
        media = GRAPH_TYPES[graph_format] if answer.kind == "graph" else \
            RESULTS_TYPES[results_format]
        return Response(answer.data, media_type=media)

    async def update(self, request: Request) -> Response:
        return _refused_update()

    # -------------------------------------------------------------- saved queries
    def saved(self) -> dict[str, queries.SavedQuery]:
        return queries.saved(self.settings.queries_dir)

    async def api(self, request: Request) -> Response:
        name = request.path_params["name"]
        wanted = None
        for suffix in ("csv", "json", "tsv", "xml"):
            if name.endswith("." + suffix):
                name, wanted = name[:-len(suffix) - 1], suffix
        try:
            saved = queries.find(name, self.settings.queries_dir) \
                if "/" not in name and not name.endswith(".rq") else None
        except QueryError as err:
            return PlainTextResponse(f"{err}\n", status_code=404)
        if saved is None:
            return PlainTextResponse(f"unknown query {name!r}\n", status_code=404)
        values: dict[str, str] = {}
        page: int | None = 1
        asked: str | None = None
        for key, value in request.query_params.multi_items():
            control = api_control(key, saved)
            if control in ("format", "output"):
                asked = asked or value
                continue
            if control == "page":
                if not value.isdigit() or int(value) < 1:
                    return PlainTextResponse(f"{key}={value!r}: pages are numbered from 1\n",
                                             status_code=400)
                page = int(value)
                continue
            if control == "all":
                page = None
                continue
            if key in values:
                return PlainTextResponse(f"{key} is given twice ({values[key]!r} and "
                                         f"{value!r}); give it once\n", status_code=400)
            values[key] = value
        results_format = wanted or negotiate(request, asked=asked, query_string=False)[0]
        try:
            if page is None:
                db = sandbox.Isolated(self.settings.store, self.settings.limits, saved.name)
                result = await anyio.to_thread.run_sync(
                    lambda: queries.every_row(db, saved, values), limiter=self.limiter)
                if results_format == "json":
                    return Response(queries.render(result, "json"),
                                    media_type=RESULTS_TYPES["json"])
                return Response(queries.render(result, "csv" if results_format != "tsv"
                                               else "tsv") + "\n",
                                media_type=RESULTS_TYPES.get(results_format, "text/csv"))
            text = queries.bind(saved, values, page)
            (answer,) = await self.run([text], saved.name, results_format)
        except JmgraphError as err:
            return _error(err)
        return Response(answer.data, media_type=RESULTS_TYPES[results_format])

    async def openapi(self, request: Request) -> Response:
        try:
            return JSONResponse(openapi(self.saved()))
        except JmgraphError as err:
            return _error(err)

    async def api_index(self, request: Request) -> Response:
        try:
            saved = self.saved()
        except JmgraphError as err:
            return _error(err)
        return self.page("api.html", title="Saved queries as a web API", saved=saved)

    # -------------------------------------------------------------- pages
    async def yasgui(self, request: Request) -> Response:
        try:
            saved = self.saved()
        except JmgraphError as err:
            return _error(err)
        tabs = [{"name": name, "query": q.text} for name, q in saved.items()]
        prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        starter = (f"{prefixes}\nSELECT ?visit ?label ?start WHERE {{\n"
                   "  ?visit a jm:Visit ; rdfs:label ?label .\n"
                   "  OPTIONAL { ?visit jm:startDate ?start }\n} ORDER BY ?start LIMIT 20\n")
        return self.page("yasgui.html", title="SPARQL query", tabs=tabs, starter=starter,
                         prefixes=PREFIXES, id_namespace=ID_NS)

    async def home(self, request: Request) -> Response:
        try:
            (counts, documents) = await self.rows(("page-home", {}), ("page-documents", {}))
        except JmgraphError as err:
            return _error(err)
        totals = {local(r["type"]): int(r["count"].value) for r in counts}
        return self.page("home.html", title="jmgraph", totals=totals, documents=documents,
                         store=self.settings.store)

    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        found: list[dict[str, Any]] = []
        if q:
            try:
                (found,) = await self.rows(("page-search", {"q": q}))
            except JmgraphError as err:
                return _error(err)
        return self.page("search.html", title=f"Search: {q}" if q else "Search", q=q,
                         found=found)

    async def resource(self, request: Request) -> Response:
        path = request.path_params["path"]
        iri = ID_NS + path
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return self.error_page(404, f"{iri} is not an IRI")
        values = {"resource": iri}
        try:
            described, links, evidence = await self.rows(
                ("page-describe", values), ("page-links", values), ("page-evidence", values))
        except JmgraphError as err:
            return _error(err)
        if not described and not links:
            return self.error_page(404, f"the graph says nothing of {iri}; search for a "
                                        "name instead")
        types = [local(r["o"]) for r in described if r["p"].value.endswith("#type")
                 or r["p"].value.endswith("22-rdf-syntax-ns#type")]
        kind = next((t for t in types if t in KIND_NAMES), types[0] if types else "")
        label = next((r["o"].value for r in described
                      if r["p"].value.endswith(("rdf-schema#label", "/title"))), short(node))
        properties: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in described:
            if r["p"].value in (JM.evidence.value, "http://www.w3.org/1999/02/22-rdf-syntax-ns"
                                "#type", "http://www.w3.org/ns/prov#wasDerivedFrom"):
                continue
            properties[local(r["p"])].append(r)
        incoming: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in links:
            if kind == "Document" and r["p"].value == "http://www.w3.org/ns/prov#wasDerivedFrom":
                incoming[local(r["type"]) if r["type"] else "fact"].append(r)
            elif r["p"].value != "http://www.w3.org/ns/prov#wasDerivedFrom":
                incoming[local(r["p"])].append(r)
        context: dict[str, Any] = {
            "title": label, "iri": iri, "kind": kind, "kind_name": KIND_NAMES.get(kind, kind),
            "properties": dict(properties), "incoming": dict(incoming),
            "evidence": [self.in_document(r) for r in evidence],
        }
        try:
            if kind == "Person":
                (context["facts"],) = await self.rows(("page-person", {"person": iri}))
            if kind == "Document":
                (sentences,) = await self.rows(("page-sentences", values))
                context["sentences"] = _sentences(sentences)
                context["text"] = self.document_text(described, context["sentences"])
        except JmgraphError as err:
            return _error(err)
        return self.page(f"{'document' if kind == 'Document' else 'resource'}.html", **context)

    async def visits_of(self, request: Request) -> Response:
        year = request.path_params["year"]
        saved = queries.find("visits", self.settings.queries_dir)
        try:
            db = sandbox.Isolated(self.settings.store, self.settings.limits, "visits")
            result = await anyio.to_thread.run_sync(
                lambda: queries.every_row(db, saved, {"fromYear": str(year),
                                                      "toYear": str(year)}),
                limiter=self.limiter)
        except JmgraphError as err:
            return _error(err)
        col = {c: i for i, c in enumerate(result.columns)}
        rows = [{c: row[i] for c, i in col.items()} for row in result.rows]
        return self.page("visits.html", title=f"Visits in {year}", year=year, rows=rows)

    async def timeline_page(self, request: Request) -> Response:
        return self.page("timeline.html", title="Visits between Japan and Mongolia")

    async def timeline_svg(self, request: Request) -> Response:
        from . import timeline as pictures

        saved = queries.find("timeline", self.settings.queries_dir)
        try:
            db = sandbox.Isolated(self.settings.store, self.settings.limits, "timeline")
            result, documents = await anyio.to_thread.run_sync(
                lambda: (queries.run(db, queries.bind(saved, {}), "timeline"),
                         queries.run(db, library("document-years.rq"),
                                     "document-years")),
                limiter=self.limiter)
        except JmgraphError as err:
            return _error(err)
        drawn = pictures.with_documents(pictures.counts(result, ("Japan", "Mongolia")),
                                        documents, "the graph served")
        if not drawn.counts:
            return PlainTextResponse("no dated visits to draw\n", status_code=404)
        return Response(await anyio.to_thread.run_sync(lambda: linked_svg(drawn)),
                        media_type="image/svg+xml")

    # -------------------------------------------------------------- documents' text
    def document_text(self, described: list[dict[str, Any]],
                      sentences: list[dict[str, Any]]) -> Markup | None:
        """The document's text with the sentences facts were read from highlighted, when
        its file is still where the store was built from and unchanged; else None."""
        text = self.read_document(described)
        if text is None:
            return None
        out, at = [], 0
        for s in sentences:
            begin, end = s["begin"], s["end"]
            if begin < at or end > len(text):
                continue
            out.append(escape(text[at:begin]))
            out.append(Markup('<mark id="char={b},{e}">{t}</mark>').format(
                b=begin, e=end, t=text[begin:end]))
            at = end
        out.append(escape(text[at:]))
        return Markup("").join(out)

    def read_document(self, described: list[dict[str, Any]]) -> str | None:
        by = {local(r["p"]): r["o"].value for r in described}
        file, digest = by.get("fileName"), by.get("sha256")
        if not file or not digest:
            return None
        try:
            generation = current_generation(self.settings.store)
            corpus = (generation / EXTRACTIONS / CORPUS).read_text(encoding="utf-8").strip()
            path = (Path(corpus) / file).resolve()
            if not path.is_relative_to(Path(corpus).resolve()):
                return None
            data = path.read_bytes()
        except (OSError, StoreError, ValueError):
            return None
        import hashlib

        if hashlib.sha256(data).hexdigest() != digest:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def in_document(self, row: dict[str, Any]) -> dict[str, Any]:
        """An evidence row with the document's text around its sentence, when the file is
        at hand (``before``, ``after``)."""
        out = dict(row)
        out["begin"], out["end"] = int(row["begin"].value), int(row["end"].value)
        text = self.read_document([
            {"p": JM.fileName, "o": row["file"]},
            *([{"p": JM.sha256, "o": row["sha"]}] if row.get("sha") else [])])
        out["before"] = out["after"] = ""
        if text is not None and text[out["begin"]:out["end"]] == row["text"].value:
            before = text[max(0, out["begin"] - CONTEXT_CHARS):out["begin"]]
            out["before"] = ("…" if out["begin"] > CONTEXT_CHARS else "") + before
            after = text[out["end"]:out["end"] + CONTEXT_CHARS]
            out["after"] = after + ("…" if out["end"] + CONTEXT_CHARS < len(text) else "")
        return out


def _sentences(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of page-sentences.rq as sentences, each with its facts."""
    by: dict[str, dict[str, Any]] = {}
    for r in rows:
        s = by.setdefault(r["sentence"].value, {
            "iri": r["sentence"].value, "begin": int(r["begin"].value),
            "end": int(r["end"].value), "text": r["text"].value, "facts": []})
        if r.get("fact") is not None and all(f["fact"] != r["fact"] for f in s["facts"]):
            s["facts"].append(r)
    return sorted(by.values(), key=lambda s: (s["begin"], s["end"]))


def _refused_update() -> Response:
    return PlainTextResponse("this endpoint is read-only: updates are refused\n",
                             status_code=403)


def _error(err: JmgraphError) -> Response:
    status = 400
    if isinstance(err, sandbox.QueryTimeout):
        status = 503
    elif isinstance(err, sandbox.QueryCrashed):
        status = 500
    elif isinstance(err, StoreError):
        status = 503
    return PlainTextResponse(f"{err}\n", status_code=status)


# ------------------------------------------------------------------ terms shown
def local(term: ox.Term | None) -> str:
    """The local name of an IRI (after # or the last /)."""
    if term is None:
        return ""
    value = term.value
    return re.split(r"[#/]", value)[-1] if isinstance(term, ox.NamedNode) else value


def short(term: ox.Term | None) -> str:
    if term is None:
        return ""
    return queries._short(term)


def kind_of(term: ox.Term | str | None) -> str:
    name = term if isinstance(term, str) else local(term)
    return KIND_NAMES.get(name, name)


def href(iri: str) -> str | None:
    """The page of a resource of the graph (its IRI's path under ID_NS)."""
    if iri.startswith(ID_NS):
        return "/id/" + iri[len(ID_NS):]
    return None


def term_html(term: ox.Term | None, label: ox.Term | str | None = None) -> Markup:
    """A term as HTML: a link to its page for the graph's resources, a literal's value."""
    if term is None:
        return Markup("")
    text = label.value if isinstance(label, ox.Literal) else (label or short(term))
    if isinstance(term, ox.NamedNode):
        link = href(term.value)
        if term.value.startswith(JM_NS):
            return Markup("{}").format(term.value[len(JM_NS):])
        if link:
            return Markup('<a href="{}">{}</a>').format(link, text)
        return Markup('<a href="{}" rel="nofollow">{}</a>').format(term.value, text)
    return Markup("{}").format(term.value)


# ------------------------------------------------------------------ OpenAPI
SCHEMAS = {"integer": {"type": "integer"}, "decimal": {"type": "number"},
           "xsd_date": {"type": "string", "format": "date"},
           "xsd_gYear": {"type": "integer"}, "iri": {"type": "string", "format": "uri"}}


# The names /api reads as its own (the page of a listing, every row, the answer's format),
# unless the saved query has a parameter of that name: then they are that parameter, and
# the API's own are written with a "_" before them ("_page", "_all", "_format"), which
# always works.
API_CONTROLS = ("page", "all", "format", "output")


def api_control(key: str, saved: queries.SavedQuery) -> str | None:
    """The API's own name KEY is (page, all, format, output), or None: a parameter."""
    if key.startswith("_") and key[1:] in API_CONTROLS:
        return key[1:]
    return key if key in API_CONTROLS and key not in saved.params else None


def api_control_name(name: str, saved: queries.SavedQuery) -> str:
    """How the API's own NAME is written for SAVED (``_page`` when it has a ``page``)."""
    return f"_{name}" if name in saved.params else name


def openapi(saved: dict[str, queries.SavedQuery]) -> dict[str, Any]:
    """The OpenAPI 3 document of the saved queries, from their ``.rq`` headers."""
    paths: dict[str, Any] = {}
    for name, q in saved.items():
        params = []
        for p in q.params.values():
            schema = dict(SCHEMAS.get(p.type, {"type": "string"}))
            if p.default is not None:
                schema["default"] = int(p.default) if schema["type"] == "integer" \
                    and p.default.lstrip("-").isdigit() else p.default
            note = q.param_notes.get(p.name, "")
            params.append({"name": p.name, "in": "query", "required": False,
                           "description": note or (f"{p.type}, required (has a default)"
                                                   if p.required else f"{p.type}, optional"),
                           "schema": schema})
        if q.page_size:
            params.append({"name": api_control_name("page", q), "in": "query",
                           "required": False,
                           "description": f"the page of the listing ({q.page_size} items "
                                          "per page)",
                           "schema": {"type": "integer", "minimum": 1, "default": 1}})
            params.append({"name": api_control_name("all", q), "in": "query",
                           "required": False,
                           "description": "every row, not a page", "allowEmptyValue": True,
                           "schema": {"type": "boolean"}})
        paths[f"/api/{name}"] = {"get": {
            "operationId": name.replace("-", "_"), "summary": q.summary,
            "description": q.description, "tags": q.tags, "parameters": params,
            "responses": {
                "200": {"description": "the rows: SPARQL 1.1 JSON results, or CSV "
                                       f"(Accept: text/csv, or /api/{name}.csv)",
                        "content": {RESULTS_TYPES["json"]: {"schema": {"type": "object"}},
                                    "text/csv": {"schema": {"type": "string"}}}},
                "400": {"description": "a bad parameter value, with the reason"},
                "404": {"description": "no such query"},
                "503": {"description": "the query ran past the time limit"}}}}
    return {"openapi": "3.0.3",
            "info": {"title": "jmgraph saved queries", "version": __version__,
                     "description": "Each saved SPARQL query of jmgraph (queries/*.rq) as a "
                                    "GET endpoint; parameter values are bound as RDF terms."},
            "paths": paths}


# ------------------------------------------------------------------ the timeline
def linked_svg(drawn: Any) -> bytes:
    """The timeline picture as SVG, each bar a link to the page of its year's visits."""
    from . import timeline as pictures

    return pictures.svg(drawn, links=True)


# ------------------------------------------------------------------ the Host check
class LoopbackHosts:
    """Refuse a request whose Host header is not a loopback name (DNS rebinding: a page
    elsewhere whose name is made to point at 127.0.0.1 cannot read this server)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            host = headers.get(b"host", b"").decode("latin-1")
            if not is_loopback_host(host):
                response = PlainTextResponse(f"Host {host!r} refused: this server answers "
                                             "loopback names only (localhost, 127.0.0.1, "
                                             "[::1])\n", status_code=421)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def is_loopback_host(host: str) -> bool:
    name = host[1:host.index("]")] if host.startswith("[") and "]" in host \
        else host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def create_app(settings: Settings) -> Starlette:
    handlers = App(settings)
    static = Path(__file__).parents[1] / "static"
    routes = [
        Route("/", handlers.home),
        Route("/query", handlers.sparql, methods=["GET", "POST"]),
        Route("/update", handlers.update, methods=["GET", "POST"]),
        Route("/sparql", handlers.yasgui),
        Route("/api", handlers.api_index),
        Route("/api/openapi.json", handlers.openapi),
        Route("/api/{name}", handlers.api),
        Route("/search", handlers.search),
        Route("/timeline", handlers.timeline_page),
        Route("/timeline.svg", handlers.timeline_svg),
        Route("/visits/{year:int}", handlers.visits_of),
        Route("/id/{path:path}", handlers.resource),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(routes=routes)
    if settings.loopback:
        app.add_middleware(LoopbackHosts)
    return app
