"""The command line: each command opens the store and calls one library function.

Library errors (``JmgraphError``) become one line on stderr and exit status 1; misuse
of the command line is click's usage error, exit status 2.

Each command imports the stages it uses when it runs (and an option's default is read from
its module when it is needed): ``query``, ``export`` and ``stats`` start without the reader
or spaCy, ``--help`` with no more than click.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import JmgraphError

if TYPE_CHECKING:
    from . import pipeline
    from .query import queries, sandbox
    from .store.backend import Target
    from .store.remote import Endpoint


def checkout() -> Path | None:
    """The checkout this package runs from (an editable install), None when installed."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "pyproject.toml").is_file() else None


def project_root() -> Path:
    """The checkout this package runs from (editable install), else the current folder."""
    return checkout() or Path.cwd()


def shipped(folder: str, packaged: str) -> Path:
    """A folder of files read at run time that is edited at the top of the checkout
    (FOLDER) and shipped inside the package (as PACKAGED, pyproject.toml): the checkout's
    when jmgraph runs from one, else the installed package's."""
    root = checkout()
    if root is not None:
        return root / folder
    from importlib import resources

    return Path(str(resources.files("jmgraph") / packaged))


DEFAULT_STORE = Path(os.environ.get("JMGRAPH_STORE", project_root() / ".jmgraph" / "store"))
DEFAULT_CORPUS = project_root() / "seeds"
ONTOLOGY = shipped("ontology", "ontology")
DEFAULT_SHAPES = ONTOLOGY / "shapes.ttl"
DEFAULT_QUERIES = Path(os.environ.get("JMGRAPH_QUERIES", shipped("queries", "saved_queries")))
# Graphs an add names (of those it wrote) before it gives only their number.
NAMES_LISTED = 10


class DefaultOf(click.Option):
    """An option whose default is a constant of the module that uses it (``default_of``:
    module, name), read when the default is needed (the command runs, or its help is
    shown): the other commands do not import that module."""

    def __init__(self, *args: Any, default_of: tuple[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_of = default_of

    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        module, name = self.default_of
        return getattr(importlib.import_module(module, __package__), name)


def store_option(f: Callable) -> Callable:
    return click.option(
        "--store", "store", type=click.Path(path_type=Path), default=DEFAULT_STORE,
        show_default=True, envvar="JMGRAPH_STORE",
        help="The store folder (env JMGRAPH_STORE).")(f)


def endpoint_options(writes: bool) -> Callable[[Callable], Callable]:
    """--endpoint (and, for commands that write, the other services and the cache folder),
    folded with --store into one ``target`` argument."""
    def decorate(f: Callable) -> Callable:
        @functools.wraps(f)
        def wrapper(*args: Any, store: Path, endpoint: str | None,
                    update_endpoint: str | None = None, graph_store: str | None = None,
                    cache: Path | None = None, **kwargs: Any) -> Any:
            from .store.backend import Target

            try:
                remote = _endpoint(endpoint, update_endpoint, graph_store) if endpoint else None
            except JmgraphError as err:
                raise click.ClickException(str(err)) from None
            return f(*args, target=Target(store, remote, cache), **kwargs)

        options = [click.option(
            "--endpoint", envvar="JMGRAPH_ENDPOINT", default=None, metavar="URL",
            help="Use a remote SPARQL 1.1 store: its query endpoint, e.g. "
                 "http://127.0.0.1:7878/query (env JMGRAPH_ENDPOINT).")]
        if writes:
            options += [
                click.option("--update-endpoint", default=None, metavar="URL",
                             help="Its SPARQL Update endpoint (default: the sibling 'update' "
                                  "of --endpoint)."),
                click.option("--graph-store", default=None, metavar="URL",
                             help="Its Graph Store Protocol endpoint (default: the sibling "
                                  "'store' of --endpoint; Fuseki's is 'data')."),
                click.option("--cache", type=click.Path(path_type=Path, file_okay=False),
                             default=None, help="With --endpoint: the folder on this machine "
                             "for the extraction cache (default: beside --store).")]
        wrapped: Callable = store_option(wrapper)
        for option in options:
            wrapped = option(wrapped)
        return wrapped
    return decorate


def _endpoint(query_url: str, update_url: str | None, graph_store: str | None) -> Endpoint:
    from .store.remote import Endpoint

    return Endpoint.from_url(query_url, update_url, graph_store)


def queries_option(f: Callable) -> Callable:
    return click.option(
        "--queries", "queries_dir", type=click.Path(path_type=Path), default=DEFAULT_QUERIES,
        show_default=True, help="Folder of saved .rq queries.")(f)


def max_bytes_option(f: Callable) -> Callable:
    return click.option(
        "--max-bytes", cls=DefaultOf, type=click.IntRange(min=1),
        default_of=(".ingest.read", "DEFAULT_MAX_BYTES"), show_default=True,
        help="Refuse files (a .jsonl file: records) larger than this.")(f)


def reports_errors(f: Callable) -> Callable:
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except JmgraphError as err:
            raise click.ClickException(str(err)) from None
    return wrapper


class _Progress:
    """A progress bar on a terminal, plain log lines otherwise."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty() and total > 1:
            self.bar = click.progressbar(length=total, label="reading", file=sys.stderr)
            self.bar.__enter__()

    def __call__(self, message: str) -> None:
        if self.bar is not None:
            if message.startswith("failed"):
                click.echo(f"\n{message}", err=True)
            self.bar.update(1)
        else:
            click.echo(message, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _summary(report: pipeline.Report, action: str, store: str) -> None:
    done = len(report.ingested)
    click.echo(f"{action} {store}: {done} ingested, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed")
    for name, count in report.counts.items():
        click.echo(f"  {name:<14}{count:>7}")
    click.echo(f"  {'quads':<14}{report.triples:>7}")      # in the named graphs


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jmgraph")
def main() -> None:
    """Texts about Japan-Mongolia relations as a knowledge graph you can query."""


@main.command()
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_CORPUS,
              show_default=True, help="Folder of documents (.txt, .md, .html, .jsonl).")
@endpoint_options(writes=True)
@max_bytes_option
@click.option("--export-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also write every export format into this folder.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for annotation and extraction.")
@click.option("--allow-empty", is_flag=True,
              help="Publish an empty graph when no document is read (by default the last "
                   "good graph is kept and the build fails).")
@reports_errors
def build(corpus: Path, target: Target, max_bytes: int, export_dir: Path | None,
          jobs: int, allow_empty: bool) -> None:
    """(Re)build the graph from every text (.txt, .md, .html, .jsonl) in a folder and below.

    The new store replaces the old one only when complete, and only when a document
    was read.

    Example: jmgraph build --corpus seeds --store .jmgraph/store --export-dir out
    """
    from . import pipeline
    from .ingest.read import walk_corpus
    from .store.backend import opened

    progress = _Progress(len(walk_corpus(corpus)))
    try:
        report = pipeline.build(corpus, target, progress, max_bytes, jobs, allow_empty)
    finally:
        progress.close()
    _summary(report, "Built", target.describe())
    if export_dir is not None:
        from .outputs import export

        with opened(target) as s:
            for path in export.export_all(s, export_dir):
                click.echo(f"  wrote {path}")
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} document(s) failed; see above")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@endpoint_options(writes=True)
@max_bytes_option
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The corpus folder the files are in: each is the document of its path "
                   "in it (default: the folder the store was built from; a file outside "
                   "it is the document of its name).")
@reports_errors
def add(files: tuple[Path, ...], target: Target, max_bytes: int, corpus: Path | None) -> None:
    """Ingest new or changed documents; a changed document replaces its own facts.

    Example: jmgraph add news/2025-03-01-visit.txt
    """
    from . import pipeline

    progress = _Progress(len(files))
    try:
        report = pipeline.add(list(files), target, progress, max_bytes, corpus)
    finally:
        progress.close()
    _summary(report, "Updated", target.describe())
    if report.graphs_written:
        click.echo(f"  graphs written: {_listed(report.graphs_written)}")
    if report.descriptions_written:
        click.echo(f"  descriptions written: {report.descriptions_written}")
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} document(s) failed; see above")


def _listed(names: list[str]) -> str:
    """NAMES joined, the first NAMES_LISTED of them when there are more (and how many)."""
    if len(names) <= NAMES_LISTED:
        return ", ".join(names)
    return f"{len(names)} ({', '.join(names[:NAMES_LISTED])}, ...)"


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True,
              help="The page of a paged listing (documents, visits, visits-by-office).")
@click.option("--all", "every_row", is_flag=True,
              help="Every row of a paged listing, not a page.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
              cls=DefaultOf, default_of=(".query.sandbox", "CLI_TIMEOUT"), show_default=True,
              metavar="SECONDS",
              help="Stop the query after this long.")
@endpoint_options(writes=False)
@queries_option
@reports_errors
def query(name: str, params: tuple[str, ...], fmt: str, page: int, every_row: bool,
          timeout: float, target: Target, queries_dir: Path) -> None:
    """Run a saved query by name, or any .rq file.

    Example: jmgraph query visits --param destination=Japan --param fromYear=2010
    """
    from .query import queries, sandbox
    values: dict[str, str] = {}
    for item in params:
        if "=" not in item:
            raise click.UsageError(f"--param {item!r}: write NAME=VALUE")
        key, value = item.split("=", 1)
        if key.strip() in values:
            raise click.ClickException(f"--param {key.strip()} is given twice "
                                       f"({values[key.strip()]!r} and {value!r}); give it once")
        values[key.strip()] = value
    saved = queries.find(name, queries_dir)
    result = _run_query(target, saved, values, None if every_row else page,
                        sandbox.Limits(timeout=timeout))
    click.echo(queries.render(result, fmt))
    # on stderr: the output stays data.  A page has a row per item at least, so fewer rows
    # than items per page is the last page.
    if saved.page_size and not every_row:
        if len(result.rows) >= saved.page_size:
            click.echo(f"page {page} ({saved.page_size} items per page): --page {page + 1} "
                       "for the next, --all for every row", err=True)
        elif page > 1 and not result.rows:
            click.echo(f"page {page} is past the end of the listing", err=True)


def _run_query(target: Target, saved: queries.SavedQuery, values: dict[str, str],
               page: int | None, limits: sandbox.Limits) -> queries.Result:
    """SAVED with VALUES at PAGE (None: every row), checked first (size, nesting, SERVICE)
    and, over the embedded store, run in a worker process within the time limit: a query
    the engine dies on is an error, not the end of jmgraph."""

    from .query import sandbox
    from .store.backend import opened
    if target.endpoint is None:
        db: queries.Sparql = sandbox.Isolated(target.store, limits, saved.name)
        return _answer(db, saved, values, page)
    with opened(target) as s:
        return _answer(sandbox.Checked(s, limits), saved, values, page)     # type: ignore


def _answer(db: queries.Sparql, saved: queries.SavedQuery, values: dict[str, str],
            page: int | None) -> queries.Result:

    from .query import queries
    if page is None:
        return queries.every_row(db, saved, values)
    return queries.run(db, queries.bind(saved, values, page), saved.name)


@main.command(name="queries")
@queries_option
@reports_errors
def list_queries(queries_dir: Path) -> None:
    """List the saved queries with their descriptions and parameters.

    Example: jmgraph queries
    """
    from .query import queries
    for name, q in queries.saved(queries_dir).items():
        click.echo(f"{name}: {q.summary}")
        if q.description:
            click.echo(f"    {q.description}")
        if q.page_size:
            click.echo(f"    --page N / --all  (paged: {q.page_size} items per page)")
        for p in q.params.values():
            need = "required" if p.required else "optional"
            default = f", default {p.default}" if p.default is not None else ""
            click.echo(f"    --param {p.name}=...  ({p.type}, {need}{default})")


@main.command(name="export")
@click.option("--format", "fmt", default=None,
              help="turtle | trig | nquads | ntriples | jsonld | rdfxml "
                   "(default: from -o's extension, else turtle).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Output file (default: standard output).")
@click.option("--dir", "directory", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Write every format into this folder instead.")
@endpoint_options(writes=False)
@reports_errors
def export_command(fmt: str | None, output: Path | None, directory: Path | None,
                   target: Target) -> None:
    """Export the graph (dataset formats keep each document's named graph).

    Example: jmgraph export --format nquads -o out/jmgraph.nq
    """
    from .outputs import export
    from .store.backend import opened
    with opened(target) as s:
        if directory is not None:
            for path in export.export_all(s, directory):
                click.echo(f"wrote {path}")
            return
        chosen = export.get_format(fmt) if fmt else (
            export.format_for_path(output) if output else export.FORMATS["turtle"])
        if output is None:
            export.export(s, chosen, sys.stdout.buffer)
        else:
            export.export(s, chosen, output)
            click.echo(f"wrote {output} ({chosen.name})", err=True)


@main.command(name="evaluate")
@click.option("--gold", type=click.Path(path_type=Path), default=None,
              help="Gold facts (TOML, the format of shared/eval/gold) to score the store "
                   "against; with --texts, a folder of NAME.toml, one per NAME.txt.")
@click.option("--texts", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Score a set of texts instead of the store: each NAME.txt here built "
                   "into a graph of its own (in memory) and scored against --gold's NAME.toml.")
@click.option("--set", "set_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="A set of texts: --texts DIR/texts --gold DIR/gold.")
@click.option("--ontology", "ontology_files", multiple=True,
              type=click.Path(path_type=Path, dir_okay=False),
              help="With a set of texts: an ontology file loaded beside each text's graph, "
                   "for its subclasses (repeatable; default: ontology/*.ttl).")
@click.option("--errors", is_flag=True, help="List every false positive and false negative.")
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Also write the scores as JSON to this file.")
@endpoint_options(writes=False)
@reports_errors
def evaluate_command(gold: Path | None, texts: Path | None, set_dir: Path | None,
                     ontology_files: tuple[Path, ...], errors: bool, json_path: Path | None,
                     target: Target) -> None:
    """Score the graph against gold facts: per-type precision, recall and F1.

    With --texts DIR --gold DIR (or --set DIR), score a set of texts instead, as
    shared/eval/score_set.sh does but in one process: each text read, extracted and
    resolved alone, its graph scored against its own gold file; prints the set's totals.

    Example: jmgraph evaluate --gold ../shared/eval/gold/seeds.toml --errors

    Example: jmgraph evaluate --set ../shared/eval/dev
    """
    import json

    from .outputs import evaluate
    from .store.backend import opened

    ctx = click.get_current_context()
    given = {name for name in ("store", "endpoint")
             if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE}
    if set_dir is not None:
        if texts is not None or gold is not None:
            raise click.UsageError("--set DIR stands for --texts DIR/texts --gold DIR/gold: "
                                   "give one or the other")
        texts, gold = set_dir / "texts", set_dir / "gold"
    if gold is None:
        raise click.UsageError("give --gold FILE to score the store, or --texts DIR --gold DIR "
                               "(or --set DIR) to score a set of texts")
    failed = 0
    if texts is None:                                   # the store
        if ontology_files:
            raise click.UsageError("--ontology goes with a set of texts (--texts or --set)")
        facts = evaluate.load_gold(gold)
        with opened(target) as s:
            scores = evaluate.evaluate(s, facts)
        click.echo(evaluate.report(scores, errors))
        data = evaluate.to_json(scores)
    else:                                               # a set of texts, each on its own
        if given:
            raise click.UsageError(f"--{' and --'.join(sorted(given))}: a set of texts is "
                                   "scored without a store")
        if gold.is_file():
            raise click.UsageError(f"--gold {gold}: with --texts, give the folder of gold files")
        pairs = evaluate.load_set(texts, gold)
        ontology = evaluate.load_ontology(
            ontology_files or sorted(ONTOLOGY.glob("*.ttl")))
        progress = _Progress(len(pairs))
        try:
            results = evaluate.score_texts(pairs, ontology, progress)
        finally:
            progress.close()
        click.echo(evaluate.set_report(results, errors))
        data = evaluate.set_json(results)
        failed = sum(1 for r in results if r.failure)
    if json_path is not None:
        try:
            json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False),
                                 encoding="utf-8")
        except OSError as err:
            raise click.ClickException(f"{json_path}: cannot write "
                                       f"({err.strerror or err})") from None
    if failed:
        raise click.ClickException(f"{failed} text(s) failed and were scored as empty; "
                                   "see above")


@main.command(name="validate")
@click.option("--shapes", type=click.Path(path_type=Path, dir_okay=False),
              default=DEFAULT_SHAPES, show_default=True, help="SHACL shapes (Turtle).")
@endpoint_options(writes=False)
@reports_errors
def validate_command(shapes: Path, target: Target) -> None:
    """Check the graph against the SHACL shapes; exit 1 when it does not conform.

    Example: jmgraph validate --store .jmgraph/store
    """
    from .outputs import export, validate
    from .store.backend import opened

    shapes_graph = validate.load_shapes(shapes)
    with opened(target) as s:
        data = validate.data_graph(export.union_triples(s))
    conforms, violations = validate.validate(data, shapes_graph)
    for v in violations:
        click.echo(str(v))
    if not conforms:
        raise click.ClickException(f"the graph does not conform: {len(violations)} "
                                   "violation(s) above")
    click.echo(f"the graph conforms to {shapes} ({len(data)} triples)")


@main.command(name="serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback unless you give another explicitly.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
              cls=DefaultOf, default_of=(".query.sandbox", "SERVER_TIMEOUT"),
              show_default=True, metavar="SECONDS",
              help="Stop a query after this long.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries run at once, each in a process of its own.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="An endpoint SERVICE clauses may call (repeatable; none by default).")
@queries_option
@reports_errors
def serve_command(store: Path, host: str, port: int, timeout: float, workers: int,
                  allow_service: tuple[str, ...], queries_dir: Path) -> None:
    """Serve the graph (read-only): pages to browse it, a SPARQL endpoint at /query, the
    query page at /sparql, the saved queries at /api/NAME.

    Example: jmgraph serve --port 7878   (then open http://127.0.0.1:7878/)
    """
    from .outputs import serve
    from .outputs.web import Settings
    from .query import queries, sandbox
    from .store.local import current_generation

    current_generation(store)                       # a missing store is one line, now
    queries.saved(queries_dir)                      # and so is a missing queries folder
    loopback = serve.is_loopback(host)
    settings = Settings(store=store, queries_dir=queries_dir, workers=workers,
                        loopback=loopback, port=port,
                        limits=sandbox.Limits(timeout=timeout,
                                              allow_service=frozenset(allow_service)))
    sock_url = serve.url(host, port)
    sock = serve.bind(host, port)                   # a busy port: one line, before printing
    if not loopback:
        click.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    click.echo(f"serving {store} at {sock_url} (pages; SPARQL endpoint {sock_url}query, "
               f"query page {sock_url}sparql, API {sock_url}api); Ctrl-C stops", err=True)
    serve.serve(settings, sock)


# extra arguments let a state that is an option ("--states Japan -o x.svg": nargs=2 takes the
# next two words) be told as such, not as an argument left over
@main.command(context_settings={"allow_extra_args": True})
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("timeline.svg"), show_default=True,
              help="The picture: .svg, .png or .pdf.")
@click.option("--states", nargs=2, default=("Japan", "Mongolia"), show_default=True,
              metavar="A B", help="The two states whose visits are drawn.")
@endpoint_options(writes=False)
@queries_option
@reports_errors
def timeline(output: Path, states: tuple[str, str], target: Target, queries_dir: Path) -> None:
    """Draw the visits between two states per year, by direction and office (saved query
    'timeline'); planned visits are hollow.

    Example: jmgraph timeline -o timeline.svg
    """
    from .outputs import timeline as pictures
    from .query import queries
    from .store.backend import opened
    from .store.sparql import library

    option = next((s for s in states if s.startswith("-")), None)
    if option is not None:
        # nargs=2 takes the next two words whatever they are: "--states Japan -o x.svg"
        raise click.ClickException(f"--states takes two states (--states Japan Mongolia), not "
                               f"{' '.join(states)!r}: {option!r} is an option")
    extra = click.get_current_context().args
    if extra:
        raise click.ClickException(f"unexpected argument(s) {' '.join(extra)!r}; "
                                   "the options are in 'jmgraph timeline --help'")
    saved = queries.find("timeline", queries_dir)
    text = queries.bind(saved, {"stateA": states[0], "stateB": states[1]})
    with opened(target) as s:
        data = pictures.with_documents(
            pictures.counts(queries.run(s, text, saved.name), states),
            queries.run(s, library("document-years.rq"), "document-years"),
            target.describe())
    pictures.draw(data, output)
    a, b = data.states
    ab, ba = sum(data.direction(a, b).values()), sum(data.direction(b, a).values())
    not_yet = sum(n for k, n in data.counts.items() if not k.happened)
    click.echo(f"wrote {output}: {data.total()} visits drawn ({b} \u2192 {a} {ba}, "
               f"{a} \u2192 {b} {ab}; {not_yet} not (yet) made), {data.without_origin} with "
               "no known origin left out")


@main.command()
@endpoint_options(writes=False)
@reports_errors
def stats(target: Target) -> None:
    """Counts of documents, quads, triples and facts per class.

    Example: jmgraph stats
    """
    from .outputs import export
    from .query import queries
    from .store.backend import opened
    from .store.sparql import library
    with opened(target) as s:
        click.echo(f"store      {target.describe()}")
        click.echo(f"documents  {len(s.document_ids())}")
        # a triple stated in several named graphs is a quad in each, a triple once
        click.echo(f"quads      {len(s)}  (in the named graphs)")
        (row,) = queries.run(s, library("count-triples.rq"), "count-triples").rows
        click.echo(f"triples    {int(row[0].value)}  (in their union)")     # type: ignore[union-attr]
        for name, count in export.class_counts(s).items():
            click.echo(f"  {name:<14}{count:>7}")


if __name__ == "__main__":
    main()
