from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jmgraph.cli import main
from jmgraph.query import queries

from .conftest import ROOT, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def test_cli_entry_point_runs(tmp_path: Path) -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "build" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["query", "no-such-query"], "unknown query 'no-such-query'"),
    (["query", "visits", "--param", "fromYear=soon"], "is not a valid integer"),
    (["query", "visits", "--param", "colour=red"], "unknown parameter colour"),
    (["query", "sources"], None),
    (["query", "visits-by-ofice"], "unknown query 'visits-by-ofice'; did you mean "
                                   "'visits-by-office'?"),
    (["query", "Timeline"], "did you mean 'timeline'?"),
    (["query", "visits", "--param", "visitor=Abe", "--param", "visitor=Elbegdorj"],
     "--param visitor is given twice ('Abe' and 'Elbegdorj'); give it once"),
    (["query", "person-timeline", "--param", "person="],
     "parameter person is required and cannot be empty"),
    (["query", "office-holders", "--param", "role= "],
     "parameter role is required and cannot be empty"),
    (["export", "--format", "yaml"], "unknown export format 'yaml'"),
])
def test_cli_user_mistakes_get_one_line(cli: CliRunner, seed_store: Path, args: list[str],
                                        message: str | None) -> None:
    result = cli.invoke(main, [*args, "--store", str(seed_store)])
    if message is None:
        assert result.exit_code == 0, result.output       # a default parameter is used
        return
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_cli_malformed_sparql_file(cli: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s WHERE { ?s ?p }")
    result = cli.invoke(main, ["query", str(bad), "--store", str(seed_store)])
    assert result.exit_code == 1 and "malformed SPARQL" in result.output


def test_cli_missing_store(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "no jmgraph store here" in result.output


def test_cli_a_misspelt_query_far_from_any_gets_no_guess(cli: CliRunner, seed_store: Path) -> None:
    result = cli.invoke(main, ["query", "zzzz", "--store", str(seed_store)])
    assert result.exit_code == 1 and "did you mean" not in result.output
    assert "saved queries: agreements, documents," in result.output


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
    "PREFIX ex: <http://example.org/#>  # the prologue and comments come first\n"
    "# DELETE is not a query\nDELETE WHERE { ?s ?p ?o }",
    "BASE <http://example.org/>\ndrop all",
])
def test_cli_a_query_file_holding_an_update_is_refused_as_one(
        cli: CliRunner, seed_store: Path, tmp_path: Path, update: str) -> None:
    from jmgraph.store.local import opened

    with opened(seed_store) as s:
        before = len(s)
    rq = tmp_path / "change.rq"
    rq.write_text(update)
    result = cli.invoke(main, ["query", str(rq), "--store", str(seed_store)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: change is an update; saved queries are read-only"]
    with opened(seed_store) as s:
        assert len(s) == before


def test_cli_stats_names_quads_and_triples(cli: CliRunner, seed_store: Path) -> None:
    from jmgraph.store.local import opened

    with opened(seed_store) as s:
        quads = len(s)
        triples = len(set(s.union_triples()))
    assert quads != triples                 # the seeds state some triples in several graphs
    stats = cli.invoke(main, ["stats", "--store", str(seed_store)])
    assert stats.exit_code == 0, stats.output
    lines = stats.output.splitlines()
    assert f"quads      {quads}  (in the named graphs)" in lines
    assert f"triples    {triples}  (in their union)" in lines


def test_cli_an_id_a_table_prints_is_taken_back(cli: CliRunner, seed_store: Path) -> None:
    store = ["--store", str(seed_store)]
    listed = cli.invoke(main, ["query", "visits", "--param", "visitor=Elbegdorj", *store])
    first = listed.stdout.splitlines()[2].split()[0]
    assert first.startswith("visit:"), listed.stdout
    short = cli.invoke(main, ["query", "sources", "--param", f"fact={first}", "--format",
                              "csv", *store])
    full = cli.invoke(main, ["query", "sources", "--param", "fact=https://w3id.org/jmgraph/"
                             f"id/visit/{first.removeprefix('visit:')}", "--format", "csv",
                             *store])
    assert short.exit_code == 0 and full.exit_code == 0, short.output + full.output
    assert short.stdout == full.stdout and len(short.stdout.splitlines()) > 1


def test_cli_timeline_states_do_not_swallow_an_option(cli: CliRunner, seed_store: Path,
                                                       tmp_path: Path) -> None:
    svg = tmp_path / "x.svg"
    result = cli.invoke(main, ["timeline", "--states", "Japan", "-o", str(svg), "--store",
                               str(seed_store)])
    assert result.exit_code == 1 and not svg.exists()
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "--states takes two states" in lines[0] and "'-o'" in lines[0]
    extra = cli.invoke(main, ["timeline", "-o", str(svg), "x.png", "--store", str(seed_store)])
    assert extra.exit_code == 1 and not svg.exists()
    assert extra.output.strip().splitlines() == [
        "Error: unexpected argument(s) 'x.png'; the options are in 'jmgraph timeline --help'"]


def test_cli_build_summary_names_quads(cli: CliRunner, tmp_path: Path) -> None:
    from jmgraph.store.local import opened

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tokyo, 5 June 2019. Prime Minister Shinzo Abe visited "
                                  "Mongolia on 4 June 2019.\n")
    built = cli.invoke(main, ["build", "--corpus", str(corpus), "--store", str(tmp_path / "s")])
    assert built.exit_code == 0, built.output
    with opened(tmp_path / "s") as s:
        quads = len(s)
    assert f"  quads{quads:>16}" in built.stdout.splitlines() and quads > 0
    assert "triples" not in built.stdout


@pytest.mark.parametrize(("store", "message"), [
    ("file.txt", "file.txt: a file, not a folder; --store is the store's folder"),
    ("file.txt/sub", "file.txt/sub: a file is in its path; --store is the store's folder"),
])
def test_cli_a_store_that_cannot_be_a_folder_gets_one_line(cli: CliRunner, tmp_path: Path,
                                                          store: str, message: str) -> None:
    (tmp_path / "file.txt").write_text("not a store")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Shinzo Abe visited Mongolia in 2013.\n")
    for args in (["build", "--corpus", str(corpus)], ["add", str(corpus / "a.txt")]):
        result = cli.invoke(main, [*args, "--store", str(tmp_path / store)])
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].endswith(message), result.output
    assert (tmp_path / "file.txt").read_text() == "not a store"


def test_cli_param_without_equals_is_usage_error(cli: CliRunner, seed_store: Path) -> None:
    result = cli.invoke(main, ["query", "visits", "--param", "Japan", "--store", str(seed_store)])
    assert result.exit_code == 2


def test_cli_build_prints_a_summary_and_fails_when_a_file_fails(cli: CliRunner,
                                                                tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("May 1, 2020\nPrime Minister Sato's visit to Mongolia "
                                     "in April 2020.\n")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    result = cli.invoke(main, ["build", "--corpus", str(corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "1 ingested, 0 unchanged, 1 failed" in result.output
    assert re.search(r"visits\s+1", result.output)


VISIT = "May 1, 2020\nPrime Minister {} visited Mongolia in April 2020.\n"


def test_cli_build_reads_subfolders_any_case_of_txt_and_reports_every_path_it_skips(
        cli: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "visit a.txt").write_text(VISIT.format("Sato"), encoding="utf-8")
    (corpus / "モンゴル.TXT").write_text(VISIT.format("Suzuki"), encoding="utf-8")
    (corpus / "folder.txt").mkdir()
    (corpus / "sub" / "loop").symlink_to("..")
    (corpus / "self.txt").symlink_to("self.txt")
    result = cli.invoke(main, ["build", "--corpus", str(corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "2 ingested, 0 unchanged, 3 failed" in result.stdout
    assert "3 document(s) failed; see above" in result.stderr
    for skipped in ("folder.txt: is a folder", "loop: a link to a folder it is in",
                    "self.txt: a symbolic link that leads back to itself"):
        assert skipped in result.stderr, skipped
    listed = cli.invoke(main, ["query", "documents", "--store", str(tmp_path / "s"),
                               "--format", "csv"])
    assert {"sub/visit a.txt", "モンゴル.TXT"} <= set(listed.stdout.replace(",", "\n").split("\n"))


def test_cli_a_build_that_reads_nothing_keeps_the_graph_and_says_why(
        cli: CliRunner, tmp_path: Path) -> None:
    corpus, store = tmp_path / "c", str(tmp_path / "s")
    corpus.mkdir()
    (corpus / "a.txt").write_text(VISIT.format("Sato"), encoding="utf-8")
    assert cli.invoke(main, ["build", "--corpus", str(corpus), "--store", store]).exit_code == 0
    (tmp_path / "empty").mkdir()
    empty = run_cli("build", "--corpus", str(tmp_path / "empty"), "--store", store)
    assert empty.returncode == 1 and empty.stdout == ""
    assert empty.stderr.splitlines() == [
        f"Error: {tmp_path / 'empty'}: no text (.txt, .md, .html, .jsonl) in it or its "
        "subfolders; nothing built, "
        "the last good graph is kept (--allow-empty builds an empty graph)"]
    (corpus / "a.txt").write_bytes(b"\xff\xfe\x00\x00")
    failing = cli.invoke(main, ["build", "--corpus", str(corpus), "--store", store])
    assert failing.exit_code == 1 and failing.stdout == ""
    assert failing.stderr.splitlines()[-1] == (
        f"Error: {corpus}: none of its texts could be read (1 failed, see above); nothing "
        "built, the last good graph is kept (--allow-empty builds an empty graph)")
    kept = cli.invoke(main, ["query", "visits", "--store", store])
    assert "Sato" in kept.stdout
    allowed = cli.invoke(main, ["build", "--corpus", str(tmp_path / "empty"), "--store", store,
                                "--allow-empty"])
    assert allowed.exit_code == 0 and "0 ingested, 0 unchanged, 0 failed" in allowed.stdout
    assert "(0 rows)" in cli.invoke(main, ["query", "visits", "--store", store]).stdout


def test_cli_add_refuses_a_file_whose_id_is_another_documents(cli: CliRunner,
                                                               tmp_path: Path) -> None:
    corpus, store = tmp_path / "c", str(tmp_path / "s")
    corpus.mkdir()
    (corpus / "visit-a.txt").write_text(VISIT.format("Sato"), encoding="utf-8")
    assert cli.invoke(main, ["build", "--corpus", str(corpus), "--store", store]).exit_code == 0
    (corpus / "visit a.txt").write_text(VISIT.format("Suzuki"), encoding="utf-8")
    (corpus / "visit_a.txt").write_text(VISIT.format("Tanaka"), encoding="utf-8")
    result = cli.invoke(main, ["add", str(corpus / "visit a.txt"), str(corpus / "visit_a.txt"),
                               "--store", store])
    assert result.exit_code == 1 and "1 ingested, 0 unchanged, 1 failed" in result.stdout
    assert "failed: visit_a.txt: its document id 'visit-a' is that of visit-a.txt, another " \
        "document; rename one of them" in result.stderr
    visits = cli.invoke(main, ["query", "visits", "--store", store]).stdout
    assert "Sato" in visits and "Suzuki" in visits and "Tanaka" not in visits


def test_cli_a_store_named_by_a_relative_path_is_built_and_rebuilt(
        cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("May 1, 2020\nPrime Minister Sato's visit to Mongolia "
                                  "in April 2020.\n")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        built = cli.invoke(main, ["build", "--corpus", "c", "--store", "rel"])
        assert built.exit_code == 0, built.output
        listed = cli.invoke(main, ["query", "visits", "--store", "rel"])
        assert listed.exit_code == 0 and "Sato" in listed.output, listed.output


def test_cli_query_formats_and_stats(cli: CliRunner, seed_store: Path) -> None:
    out = cli.invoke(main, ["query", "partnerships", "--format", "csv", "--store",
                            str(seed_store)])
    assert out.exit_code == 0 and out.output.startswith("partnership,label,start")
    stats = cli.invoke(main, ["stats", "--store", str(seed_store)])
    assert stats.exit_code == 0 and "documents  5" in stats.output


def test_cli_a_paged_listing_says_where_the_next_page_is(cli: CliRunner,
                                                        seed_store: Path) -> None:
    store = ["--store", str(seed_store)]
    first = cli.invoke(main, ["query", "visits", "--format", "csv", *store])
    lines = first.stdout.splitlines()
    assert first.exit_code == 0 and len(lines) == 1 + 50              # a header, 50 visits
    assert "page 1 (50 items per page): --page 2 for the next, --all" in first.stderr
    every = cli.invoke(main, ["query", "visits", "--all", "--format", "csv", *store])
    assert every.stdout.splitlines()[:51] == lines and len(every.stdout.splitlines()) > 51
    assert every.stderr == ""
    past = cli.invoke(main, ["query", "documents", "--page", "9", *store])
    assert past.exit_code == 0 and "page 9 is past the end" in past.stderr
    assert "(0 rows)" in past.stdout


def test_cli_every_command_and_saved_query_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"jmgraph {name}" in readme, name
        assert "Example:" in (command.help or ""), name
    for name in queries.saved(ROOT / "queries"):
        assert f"`{name}`" in readme, name


INPUTS = Path(__file__).parent / "data" / "inputs"


def test_cli_build_and_add_read_pages_markdown_and_json_lines_and_show_their_urls(
        cli: CliRunner, tmp_path: Path) -> None:
    corpus, store = tmp_path / "c", str(tmp_path / "s")
    corpus.mkdir()
    for name in ("visit-2013.html", "elbegdorj-tokyo.md"):
        shutil.copy(INPUTS / name, corpus / name)
    feed = (INPUTS / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "feed.jsonl").write_text("\n".join(feed[:5]) + "\n", encoding="utf-8")
    built = cli.invoke(main, ["build", "--corpus", str(corpus), "--store", store])
    assert built.exit_code == 1                       # two bad records, each one line
    assert "4 ingested, 0 unchanged, 2 failed" in built.stdout
    assert "feed.jsonl: line 2: not JSON" in built.stderr
    assert "feed.jsonl: line 3: no \"text\"" in built.stderr
    sources = cli.invoke(main, ["query", "sources", "--param",
                                "fact=visit:2013-03-30-abe-mongolia", "--store", store,
                                "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(sources.stdout)))
    assert {(r["file"], r["url"]) for r in rows} == {
        ("visit-2013.html", "https://www.mofa.go.jp/region/asia-paci/mongolia/visit-2013.html"),
        ("feed.jsonl#https://example.org/2013/03/30/abe", "https://example.org/2013/03/30/abe")}
    # the feed grows: the records read before are unchanged, the new one is added
    (corpus / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    added = cli.invoke(main, ["add", str(corpus / "feed.jsonl"), "--store", store])
    assert "1 ingested, 2 unchanged, 4 failed" in added.stdout, added.output
    assert "feed.jsonl: line 6: the same url as line 1" in added.stderr
    visits = cli.invoke(main, ["query", "visits", "--store", store, "--format", "csv"])
    assert "Kishida" in visits.stdout and "Elbegdorj" in visits.stdout
    listed = cli.invoke(main, ["query", "documents", "--store", store, "--format", "csv"])
    assert "feed.jsonl#https://example.org/2021/11/29/battsetseg" in listed.stdout


def test_cli_a_query_failing_as_it_runs_is_one_line(cli: CliRunner, seed_store: Path,
                                                     tmp_path: Path) -> None:
    query = tmp_path / "svc.rq"          # fails when its solutions are read, not before
    query.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }\n")
    result = cli.invoke(main, ["query", str(query), "--store", str(seed_store)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: svc: "), result.output
