"""Saved SPARQL queries: read ``.rq`` files with grlc-style headers, bind parameters, run.

A header is a block of ``#+`` lines holding YAML (summary, description, tags, defaults).
Parameters are the variables named ``?_name_type`` (required) or ``?__name_type``
(optional), with type ``iri``, ``literal``, ``integer``, ``decimal``, ``xsd_date``,
``xsd_gYear`` or a language tag.  Values are built as RDF terms (a bad IRI or a non-number
is refused) and substituted for each use of its variable as that term, written by
pyoxigraph (a value is always one term, never query text; ``BOUND(?name)`` becomes true): as
grlc does, and a value in place lets the store plan around it (a ``VALUES`` block joined to
the patterns made Oxigraph read every visit before filtering them by office).

A listing can be paged (grlc's ``pagination: N``): the query picks its page itself, with the
one ``LIMIT N`` it holds (in the subquery choosing the listed items, so that only a page of
them is joined to the rest), and ``bind`` moves that page with an ``OFFSET``; ``every_row``
reads the whole listing in large pages.  The file as saved answers with the first page.

A saved query runs as it is in any SPARQL engine: a required parameter is used as
``COALESCE(?_name, default)`` (the header's default), which is the default when nothing is
bound and the value when ``bind`` puts it in place of ``?_name``; an optional one is tested
with ``BOUND``, so every row when it is not given.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
import yaml

from ..errors import QueryError
from ..rdf.vocab import PREFIXES, XSD
from .sparql_text import substitute, without_comments

PARAM = re.compile(r"\?(__?)([A-Za-z][A-Za-z0-9]*)(?:_(iri|literal|integer|decimal|xsd_date"
                   r"|xsd_gYear|[a-z]{2}(?:-[a-z]{2})?))?(?![\w])")
LIMIT = re.compile(r"\bLIMIT\s+(\d+)\b", re.I)


@dataclass(frozen=True)
class Param:
    name: str
    variable: str          # without the "?"
    type: str
    required: bool
    default: str | None = None


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    params: dict[str, Param] = field(default_factory=dict)
    page_size: int | None = None        # a paged listing: items per page
    param_notes: dict[str, str] = field(default_factory=dict)    # the header's "params"


def _header(text: str, path: Path) -> dict:
    lines = [ln[2:] for ln in text.splitlines() if ln.startswith("#+")]
    if not lines:
        return {}
    try:
        data = yaml.safe_load("\n".join(ln[1:] if ln.startswith(" ") else ln for ln in lines))
    except yaml.YAMLError as err:
        raise QueryError(f"{path}: the '#+' header is not valid YAML ({err})") from None
    return data if isinstance(data, dict) else {}


def _defaults(header: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    raw = header.get("defaults") or []
    items = raw if isinstance(raw, list) else [raw]
    for item in items:
        if isinstance(item, dict):
            out.update({str(k): str(v) for k, v in item.items()})
    return out


def _code_lines(text: str) -> list[tuple[int, str]]:
    """(index, line) of the lines of TEXT that are not comments."""
    return [(i, ln) for i, ln in enumerate(text.split("\n")) if not ln.lstrip().startswith("#")]


def _page_limit(text: str, size: int, path: Path) -> tuple[int, re.Match[str]]:
    """The query's one ``LIMIT SIZE``: the index of its line, and where it is in the line."""
    found = [(i, m) for i, ln in _code_lines(text) for m in LIMIT.finditer(ln)
             if int(m.group(1)) == size]
    if len(found) != 1:
        raise QueryError(f"{path}: 'pagination: {size}' needs exactly one 'LIMIT {size}' in "
                         f"the query (the page it picks), found {len(found)}")
    return found[0]


def _page_size(header: dict, text: str, path: Path) -> int | None:
    size = header.get("pagination")
    if size is None:
        return None
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise QueryError(f"{path}: 'pagination' is the number of items per page, a whole "
                         f"number from 1, not {size!r}")
    _page_limit(text, size, path)
    return size


def parse(text: str, path: Path) -> SavedQuery:
    header = _header(text, path)
    defaults = _defaults(header)
    params: dict[str, Param] = {}
    body = "\n".join(ln for _, ln in _code_lines(text))
    for m in PARAM.finditer(body):
        optional, name, kind = m.group(1) == "__", m.group(2), m.group(3) or "literal"
        variable = m.group(0)[1:]
        params.setdefault(name, Param(name, variable, kind, not optional, defaults.get(name)))
    tags = header.get("tags") or []
    return SavedQuery(name=path.stem, path=path, text=text,
                      summary=str(header.get("summary", "")).strip(),
                      description=str(header.get("description", "")).strip(),
                      tags=[str(t) for t in tags] if isinstance(tags, list) else [str(tags)],
                      params=params, page_size=_page_size(header, text, path),
                      param_notes={str(k): str(v) for k, v in notes.items()}
                      if isinstance(notes := header.get("params") or {}, dict) else {})


def load(path: Path) -> SavedQuery:
    try:
        return parse(path.read_text(encoding="utf-8"), path)
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not UTF-8 text") from None


def saved(folder: Path) -> dict[str, SavedQuery]:
    if not folder.is_dir():
        raise QueryError(f"{folder}: no queries folder; pass --queries DIR")
    return {p.stem: load(p) for p in sorted(folder.glob("*.rq"))}


def find(name_or_file: str, folder: Path) -> SavedQuery:
    candidate = Path(name_or_file)
    if candidate.suffix == ".rq" or candidate.is_file():
        return load(candidate)
    path = folder / f"{name_or_file}.rq"
    if not path.is_file():
        names = sorted(p.stem for p in folder.glob("*.rq")) if folder.is_dir() else []
        close = difflib.get_close_matches(name_or_file.lower(), names, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise QueryError(f"unknown query {name_or_file!r}; {hint}saved queries: "
                         f"{', '.join(names) or 'none'} (or give a path to a .rq file)")
    return load(path)


def _expanded(value: str) -> str:
    """An IRI given in full, or as a table prints it (``visit:2013-03-abe-mongolia``,
    ``jm:Occurred``: a prefix of the graph's and a local name), in full."""
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
        raise ValueError("not an absolute IRI, nor a prefixed name such as visit:...")
    return value


def term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term; refuses what is not of the parameter's type."""
    # here, not at start-up: the dates' rules take a while to load, and few queries need them
    from ..dates import DateValue

    kind = param.type
    try:
        if kind == "iri":
            return ox.NamedNode(_expanded(value))
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=XSD.integer)
        if kind == "decimal":
            float(value)
            return ox.Literal(value, datatype=XSD.decimal)
        if kind == "xsd_date":
            date = DateValue.from_iso(value)
            if date.precision != "day":
                raise ValueError("not a full date")
            return ox.Literal(date.iso, datatype=XSD.date)
        if kind == "xsd_gYear":
            return ox.Literal(str(DateValue(int(value)).year), datatype=XSD.gYear)
        if kind == "literal":
            return ox.Literal(value)
        return ox.Literal(value, language=kind)
    except (ValueError, TypeError) as err:
        raise QueryError(f"parameter {param.name}: {value!r} is not a valid {kind} ({err})") \
            from None


def paged(query: SavedQuery, page: int | None, size: int | None = None) -> str:
    """The text of a paged QUERY at PAGE (from 1) of SIZE items (its own page size unless
    given), or with every row when PAGE is None; the text as it is for a query that is not
    paged."""
    if query.page_size is None:
        return query.text
    if page is not None and page < 1:
        raise QueryError(f"{query.name}: pages are numbered from 1, not {page}")
    size = size or query.page_size
    lines = query.text.split("\n")
    at, limit = _page_limit(query.text, query.page_size, query.path)
    line = lines[at]
    moved = "" if page is None else f"LIMIT {size} OFFSET {(page - 1) * size}"
    lines[at] = line[:limit.start()] + moved + line[limit.end():]
    return "\n".join(lines)


def bind(query: SavedQuery, values: dict[str, str], page: int | None = 1,
         size: int | None = None) -> str:
    """The query text with its parameters' values in place; a paged query at PAGE of SIZE
    items (None: every row)."""
    unknown = set(values) - set(query.params)
    if unknown:
        known = ", ".join(sorted(query.params)) or "none"
        raise QueryError(f"{query.name}: unknown parameter {', '.join(sorted(unknown))}; "
                         f"its parameters: {known}")
    terms: dict[str, str] = {}                      # variable -> its value as a term
    for name, param in query.params.items():
        value = values.get(name, param.default)
        if value is None:
            if param.required:
                raise QueryError(f"{query.name}: parameter {name} is required "
                                 f"(--param {name}=VALUE)")
            continue
        if param.required and not value.strip():
            # an empty name or role would be contained in every one: all rows, not a choice
            raise QueryError(f"{query.name}: parameter {name} is required and cannot be "
                             f"empty (--param {name}=VALUE)")
        terms[param.variable] = str(term(param, value))
    return substitute(paged(query, page, size), terms)     # paged first: values stay values


@dataclass
class Result:
    columns: list[str]
    rows: list[list[ox.Term | None]]


class Sparql(Protocol):
    """Anything that answers SPARQL: the embedded store, a remote endpoint."""

    def query(self, text: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples \
            | list[ox.Triple]: ...


UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                "WITH"}
PROLOGUE_WORD = re.compile(r"\s*(?:(PREFIX)\s+[^\s:]*:\s*<[^>]*>|(BASE)\s*<[^>]*>)\s*", re.I)
FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")


def is_update(text: str) -> bool:
    """Whether TEXT is a SPARQL update (INSERT, DELETE, DROP, ...): its first keyword
    after the prologue (PREFIX and BASE declarations) and comments."""
    code = without_comments(text)
    at = 0
    while m := PROLOGUE_WORD.match(code, at):
        if m.end() == at:
            break
        at = m.end()
    first = FIRST_WORD.match(code, at)
    return bool(first) and first.group(1).upper() in UPDATE_FORMS     # type: ignore[union-attr]


def run(db: Sparql, text: str, name: str = "query") -> Result:
    if is_update(text):
        raise QueryError(f"{name} is an update; saved queries are read-only")
    try:
        solutions = db.query(text)          # the default graph: the union, as a set
    except SyntaxError as err:
        raise QueryError(f"{name}: malformed SPARQL: {err}") from None
    except (OSError, ValueError) as err:
        raise QueryError(f"{name}: the query failed: {err}") from None
    try:                                    # solutions are computed as they are read
        return _result(solutions)
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"{name}: the query failed: {err}") from None


def _result(solutions: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list
            ) -> Result:
    if isinstance(solutions, ox.QueryBoolean):
        return Result(["result"], [[ox.Literal(str(bool(solutions)).lower(),
                                               datatype=XSD.boolean)]])
    if isinstance(solutions, ox.QueryTriples | list):
        return Result(["subject", "predicate", "object"],
                      [[t.subject, t.predicate, t.object] for t in solutions])
    columns = [v.value for v in solutions.variables]
    return Result(columns, [[s[c] for c in columns] for s in solutions])


# Items per query when every row of a paged listing is read: with no LIMIT at all, Oxigraph
# joins the whole listing to the rest of the query by hashing (reading the rest whole: 1.4 s
# against 0.3 s for 4,660 rows of visits-by-office at a million triples).
ALL_ROWS_CHUNK = 10_000


def every_row(db: Sparql, query: SavedQuery, values: dict[str, str]) -> Result:
    """Every row of QUERY; a paged listing read ALL_ROWS_CHUNK items at a time.  An item
    gives a row at least, so a chunk of fewer rows is the last."""
    if query.page_size is None:
        return run(db, bind(query, values), query.name)
    rows: list[list[ox.Term | None]] = []
    chunk = 1
    while True:
        result = run(db, bind(query, values, chunk, ALL_ROWS_CHUNK), query.name)
        rows += result.rows
        if len(result.rows) < ALL_ROWS_CHUNK:
            return Result(result.columns, rows)
        chunk += 1


def _short(t: ox.Term | None) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if t.value.startswith(ns) and "/" not in t.value[len(ns):]:
                return f"{prefix}:{t.value[len(ns):]}"
        return t.value
    return t.value


def render(result: Result, fmt: str) -> str:
    """table | csv | tsv | json (SPARQL 1.1 JSON results)."""
    if fmt == "json":
        return json.dumps({"head": {"vars": result.columns},
                           "results": {"bindings": [
                               {c: _json_term(v) for c, v in zip(result.columns, row, strict=True)
                                if v is not None} for row in result.rows]}},
                          ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if v is None else v.value for v in row])
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"unknown result format {fmt!r}; use table, csv, tsv or json")
    cells = [[_short(v) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join([line.rstrip(), rule, *body, f"({len(cells)} rows)"])


def _json_term(t: ox.Term) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != XSD.base + "string":
        out["datatype"] = t.datatype.value
    return out
