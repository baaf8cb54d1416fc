"""The chaos suite (issue 30): jmgraph's own commands, as real processes, treated as an
attacker and a careless user would treat them, with seeded randomness.

- ``build`` and ``add`` killed (SIGKILL or SIGTERM) at random moments, each kill followed by
  the checks: the last good graph still answers (byte for byte, or the new one when the
  kill came after it was published), no process of the killed run is left, the writer lock
  is free, and running the command again gives the clean build's graph byte for byte;
- files whose names differ by a space, a hyphen, case, a folder, the extension's case or
  the script, built and added in a random order: each its own document;
- a random mix of hostile and ordinary queries against `jmgraph serve` and `jmgraph
  query`: an error for each hostile one, never a dead server or a signal;
- large documents (with and without punctuation): built within bounded memory.

Marked ``chaos`` (and ``slow``): ``python3 dev.py test`` runs it, ``-m chaos`` alone. The
seed is ``JMGRAPH_CHAOS_SEED`` (default 30), the kill rounds ``JMGRAPH_CHAOS_ROUNDS``
(default 5, two kills each); the figures (kills survived, facts lost) are printed at the
end of the module and written as JSON to ``JMGRAPH_CHAOS_REPORT`` when it is set.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from jmgraph.rdf.vocab import ID_NS, JM_NS

from .conftest import SEEDS, free_port, store_nquads

pytestmark = [pytest.mark.chaos, pytest.mark.slow]

SEED = int(os.environ.get("JMGRAPH_CHAOS_SEED", "30"))
ROUNDS = int(os.environ.get("JMGRAPH_CHAOS_ROUNDS", "5"))

# What the module counts, printed at its end.
TALLY: dict[str, int] = {"kills": 0, "kills survived": 0, "runs ended before the kill": 0,
                         "facts lost": 0, "documents named": 0, "hostile queries": 0,
                         "large documents": 0}


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    line = (f"chaos (seed {SEED}): kills survived {TALLY['kills survived']} of "
            f"{TALLY['kills']}, facts lost {TALLY['facts lost']}; "
            f"{TALLY['runs ended before the kill']} runs ended before their kill; "
            f"{TALLY['documents named']} colliding names, {TALLY['hostile queries']} "
            f"hostile queries, {TALLY['large documents']} large documents")
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin(
        "capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():      # shown even with output captured
            reporter.write_line("")
            reporter.write_line(line)
    if os.environ.get("JMGRAPH_CHAOS_REPORT"):
        Path(os.environ["JMGRAPH_CHAOS_REPORT"]).write_text(
            json.dumps({"seed": SEED, **TALLY}, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- the commands

def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "jmgraph.cli", *args]


def jm(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    """Run `jmgraph ARGS` as a user would; with OK, it must succeed."""
    done = subprocess.run(_command(*args), capture_output=True, text=True)
    if ok:
        assert done.returncode == 0, f"jmgraph {' '.join(args)}: {done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _session_processes(sid: int) -> list[int]:
    """The live (not zombie) processes of session SID."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:                          # gone meanwhile
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:     # state, ..., session
            found.append(int(stat.parent.name))
    return found


def _nothing_left_of(sid: int) -> None:
    """No process of the killed run's session lives on (its workers die with it)."""
    deadline = time.monotonic() + 20         # generous: the kernel ends them at once
    while left := _session_processes(sid):
        assert time.monotonic() < deadline, f"processes of a killed run left: {left}"
        time.sleep(0.1)


def _lock_is_free(store: Path) -> None:
    from jmgraph.errors import StoreError
    from jmgraph.store.local import GraphStore

    try:
        GraphStore.open(store, writable=True).close()
    except StoreError as err:
        pytest.fail(f"the writer lock is still held after the kill: {err}")


def kill_at(args: list[str], after: float, how: signal.Signals) -> bool:
    """Run `jmgraph ARGS` and send it HOW after AFTER seconds; whether it was still running
    (a run that ended first was not killed). Then nothing of it may be left."""
    proc = subprocess.Popen(_command(*args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, how)
        proc.wait()
        killed = True
    else:
        killed = False
    _nothing_left_of(proc.pid)
    return killed


# ---------------------------------------------------------------- graphs and facts

_TYPED = re.compile(rb"^<(" + re.escape(ID_NS.encode()) + rb"[^>]+)> "
                    rb"<http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> "
                    rb"<" + re.escape(JM_NS.encode()) + rb"\w+>", re.M)


def facts(nquads: bytes) -> set[bytes]:
    """The nodes the graph types (persons, offices held, visits, meetings, ...)."""
    return set(_TYPED.findall(nquads))


def lost(before: bytes, now: bytes) -> int:
    """How many of BEFORE's facts NOW lacks (added to the tally)."""
    missing = len(facts(before) - facts(now))
    TALLY["facts lost"] += missing
    return missing


def documents_listed(store: Path) -> int:
    """The documents `jmgraph query documents` lists: the store answers."""
    done = jm("query", "documents", "--all", "--format", "json", "--store", str(store))
    return len(json.loads(done.stdout)["results"]["bindings"])


def documents_in(nquads: bytes) -> int:
    return len(re.findall(rb"<http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> <"
                          + re.escape(JM_NS.encode()) + rb"Document> <[^>]+> \.$",
                          nquads, re.M))


# ---------------------------------------------------------------- corpora

# Family names none of the seed texts uses: each generated document's own visitor.
VISITORS = ("Takahashi", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura",
            "Hayashi", "Shimizu", "Yamazaki", "Ikeda", "Hashimoto", "Ishikawa", "Ogawa",
            "Fujita", "Okada", "Hasegawa", "Murakami", "Kondo", "Ishii", "Sakamoto",
            "Endo", "Aoki", "Fujii", "Nishimura", "Miura", "Fujiwara", "Okamoto",
            "Matsuda", "Nakagawa", "Nakano", "Harada", "Ono", "Tamura", "Takeuchi",
            "Kaneko", "Wada", "Nakayama", "Ishida", "Ueda")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Stems, folders and extensions whose mixes differ by a space, a hyphen, case, a folder,
# the extension's case and the script.
STEMS = ("visit a", "visit-a", "Visit-A", "VISIT A", "visit  a", "visita", "日本",
         "日本 訪問", "モンゴル", "Улаанбаатар", "Монгол Улс", "монгол-улс", "ulaanbaatar")
FOLDERS = ("", "", "sub/", "Sub/", "sub dir/", "sub-dir/", "日本/", "a/b/")
SUFFIXES = (".txt", ".txt", ".TXT", ".Txt")


def visit_text(visitor: str, year: int, month: int) -> str:
    day = 1 + (year * 7 + month) % 27
    return (f"{MONTHS[month]} {day + 1}, {year}\n"
            f"Prime Minister {visitor} of Japan visited Mongolia on {MONTHS[month]} {day}, "
            f"{year}.\n")


def write_corpus(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def clean_build(corpus: Path, store: Path) -> tuple[bytes, float]:
    """The graph a clean `jmgraph build` of CORPUS gives, and how long it took (only to
    choose moments to kill at, never checked)."""
    start = time.monotonic()
    jm("build", "--corpus", str(corpus), "--store", str(store))
    return store_nquads(store), time.monotonic() - start


# ---------------------------------------------------------------- kills

def test_chaos_build_and_add_killed_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    visitors = list(VISITORS)
    rng.shuffle(visitors)
    # the corpus: the seed texts and 20 short texts, some in folders, some in other scripts
    generated = {}
    for i, visitor in enumerate(visitors[:20]):
        name = f"{rng.choice(FOLDERS)}{rng.choice(STEMS)} {i}{rng.choice(SUFFIXES)}"
        generated[name] = visit_text(visitor, 2030 + i, rng.randrange(12))
    incoming = {f"{rng.choice(FOLDERS)}new {rng.choice(STEMS)} {i}.txt":
                visit_text(visitor, 2060 + i, rng.randrange(12))
                for i, visitor in enumerate(visitors[20:26])}
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    write_corpus(corpus, generated)
    full = tmp_path / "full"
    shutil.copytree(corpus, full)
    write_corpus(full, incoming)

    base_graph, build_time = clean_build(corpus, tmp_path / "clean-base")
    full_graph, _ = clean_build(full, tmp_path / "clean-full")
    assert documents_in(base_graph) == len(generated) + 5
    assert documents_in(full_graph) == len(generated) + 5 + len(incoming)

    store = tmp_path / "store"
    jm("build", "--corpus", str(corpus), "--store", str(store))
    assert store_nquads(store) == base_graph

    def add_incoming(paths: list[Path]) -> list[str]:
        return ["add", *map(str, paths), "--store", str(store)]

    # one add not killed: the reference for the moments to kill an add at
    new_files = write_corpus(corpus, incoming)
    start = time.monotonic()
    jm(*add_incoming(new_files))
    add_time = time.monotonic() - start
    assert store_nquads(store) == full_graph

    def after_kill(before: bytes, target: bytes, complete_only: bool) -> None:
        """The checks after a kill: nothing of the run left, the lock free, the store
        answers with the last good graph (or the new one, complete)."""
        _lock_is_free(store)
        now = store_nquads(store)
        assert documents_listed(store) == documents_in(now)
        if complete_only:             # a build: the last good graph, or the new one whole
            assert now in (before, target), "a killed build left a graph half made"
        assert lost(target if now == target else before, now) == 0

    for round_ in range(ROUNDS):
        # a build of the corpus without the new files, killed: the store holds them
        for path in new_files:
            path.unlink()
        before = store_nquads(store)
        jobs = rng.choice(("1", "2"))
        how = rng.choice((signal.SIGKILL, signal.SIGTERM))
        moment = rng.uniform(0.05, 0.85) * build_time
        build = ["build", "--corpus", str(corpus), "--store", str(store), "--jobs", jobs]
        if kill_at(build, moment, how):
            TALLY["kills"] += 1
            after_kill(before, base_graph, complete_only=True)
            jm(*build)
            assert store_nquads(store) == base_graph, (
                f"round {round_}: build killed by {how.name} at {moment:.2f} s "
                f"(--jobs {jobs}), run again: not the clean build's graph")
            assert lost(base_graph, store_nquads(store)) == 0
            assert len(list(store.glob("gen-*"))) <= 2     # no leftover generation
            TALLY["kills survived"] += 1
        else:
            TALLY["runs ended before the kill"] += 1
            assert store_nquads(store) == base_graph

        # an add of some of the new files, killed; then an add of them all
        new_files = write_corpus(corpus, incoming)
        some = rng.sample(new_files, rng.randint(1, len(new_files)))
        before = store_nquads(store)
        how = rng.choice((signal.SIGKILL, signal.SIGTERM))
        moment = rng.uniform(0.05, 0.85) * add_time
        if kill_at(add_incoming(some), moment, how):
            TALLY["kills"] += 1
            after_kill(before, full_graph, complete_only=False)
            rng.shuffle(new_files)
            jm(*add_incoming(new_files))
            assert store_nquads(store) == full_graph, (
                f"round {round_}: add of {len(some)} killed by {how.name} at {moment:.2f} s, "
                "run again: not the clean build's graph")
            TALLY["kills survived"] += 1
        else:
            TALLY["runs ended before the kill"] += 1
            jm(*add_incoming(new_files))
            assert store_nquads(store) == full_graph
        assert lost(full_graph, store_nquads(store)) == 0
    assert TALLY["kills"] >= ROUNDS                # most moments fall inside the runs


# ---------------------------------------------------------------- colliding names

def who_says(store: Path) -> dict[str, set[str]]:
    """File name (its path in the corpus) -> the VISITORS its document's graph names."""
    from jmgraph.rdf.graphs import is_description

    from .conftest import store_graphs

    said = {}
    for key, quads in store_graphs(store).items():
        if is_description(key):
            continue
        [name] = {q.object.value for q in quads if q.predicate.value == JM_NS + "fileName"}
        said[name] = {v for q in quads for v in VISITORS if v in q.object.value}
    return said


def document_graphs(store: Path) -> dict[str, set]:
    from jmgraph.rdf.graphs import is_description

    from .conftest import store_graphs

    return {k: g for k, g in store_graphs(store).items() if not is_description(k)}


def test_chaos_colliding_names_stay_apart_built_or_added_in_any_order(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    visitors = list(VISITORS)
    rng.shuffle(visitors)
    names: dict[str, str] = {}
    while len(names) < 14:
        name = f"{rng.choice(FOLDERS)}{rng.choice(STEMS)}{rng.choice(SUFFIXES)}"
        names.setdefault(name, visitors[len(names)])
    names["visit-b.txt"] = visitors[len(names)]     # the one pair that shares an id ...
    files = {name: visit_text(v, 2030 + i, i % 12) for i, (name, v) in enumerate(names.items())}
    TALLY["documents named"] += len(files)
    whole = tmp_path / "whole"
    write_corpus(whole, files)
    clean, _ = clean_build(whole, tmp_path / "clean")
    assert documents_in(clean) == len(files)
    assert who_says(tmp_path / "clean") == {n: {v} for n, v in names.items()}

    order = list(files)
    rng.shuffle(order)
    first, rest = order[: len(order) // 2], order[len(order) // 2:]
    corpus = tmp_path / "corpus"
    write_corpus(corpus, {n: files[n] for n in first})
    store = tmp_path / "store"
    built = jm("build", "--corpus", str(corpus), "--store", str(store))
    assert f"{len(first)} ingested, 0 unchanged, 0 failed" in built.stdout
    while rest:                     # added a few at a time, never replacing another
        batch = rest[: rng.randint(1, 3)]
        rest = rest[len(batch):]
        before = document_graphs(store)
        paths = write_corpus(corpus, {n: files[n] for n in batch})
        jm("add", *map(str, paths), "--store", str(store))
        after = document_graphs(store)
        assert {k: after[k] for k in before} == before, f"adding {batch} changed another"
        assert len(after) == len(before) + len(batch)
    assert store_nquads(store) == clean
    assert lost(clean, store_nquads(store)) == 0
    # ... refused, naming the other, and nothing changed
    before = store_nquads(store)
    [twin] = write_corpus(corpus, {"visit_b.txt": visit_text(visitors[-1], 2099, 1)})
    refused = jm("add", str(twin), "--store", str(store), ok=False)
    assert refused.returncode == 1 and "visit_b.txt" in refused.stderr
    assert "visit-b.txt" in refused.stderr and store_nquads(store) == before
    # and an unchanged file added again is left as it is
    again = jm("add", str(corpus / rng.choice(order)), "--store", str(store))
    assert "1 unchanged" in again.stdout and store_nquads(store) == before


# ---------------------------------------------------------------- hostile queries

COUNT = f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{JM_NS}Document> }}"
CARTESIAN = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
             "?m ?n2 ?o }")


def hostile_queries(rng: random.Random, port: int) -> dict[str, tuple[str, set[int]]]:
    """Kind -> a SPARQL text drawn at random, and the statuses the server may answer."""
    depth = rng.randint(65, 5000)
    return {
        "nested braces": ("SELECT * WHERE { " + "{" * depth + "}" * depth + " }", {400}),
        "nested brackets": ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "?o"
                            + ")" * depth + ") }", {400}),
        "order by mixed terms": ("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", {200, 500}),
        "service inside": (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/query> "
                           "{ ?s ?p ?o } }", {400}),
        "service outside": ("SELECT * WHERE { SERVICE <http://169.254.169.254/latest/> "
                            "{ ?s ?p ?o } }", {400}),
        "runaway": (CARTESIAN, {503}),
        "too long": ("SELECT * WHERE { ?s ?p \"" + "x" * rng.randint(100_001, 300_000)
                     + "\" }", {400}),
        "update": ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", {400, 403}),
        "load": (f"LOAD <http://127.0.0.1:{port}/>", {400, 403}),
        "drop": ("DROP ALL", {400, 403}),
        "junk": ("".join(rng.choice("{}()<>?\"'#.;,\\ SELECTWHERE") for _ in range(200)),
                 {400}),
    }


def _http(url: str, headers: dict | None = None, data: bytes | None = None,
          ) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_chaos_hostile_queries_against_the_server_and_the_cli(seed_store: Path,
                                                             tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(_command("serve", "--store", str(seed_store), "--port", str(port),
                                     "--timeout", "2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while _http_or_none(url + "/") is None:
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.2)

    def still_answers() -> None:
        status, body = _http(f"{url}/query?" + urllib.parse.urlencode({"query": COUNT}),
                             {"Accept": "text/csv"})
        assert (status, body) == (200, b"n\r\n5\r\n")

    api_answer = _http(url + "/api/partnerships")
    assert api_answer[0] == 200
    others = [    # requests that are not SPARQL: what may come through a page or the API
        ("host", "/query?" + urllib.parse.urlencode({"query": COUNT}),
         {"Host": "rebound.example:80"}, None, {421}),
        ("api bad value", "/api/visits?fromYear=%3Cscript%3E", {}, None, {400}),
        ("api repeated", "/api/visits?fromYear=2000&fromYear=2001", {}, None, {400}),
        ("api unknown name", "/api/vists", {}, None, {404}),
        ("traversal", "/static/../../../../etc/passwd", {}, None, {404}),
        ("traversal encoded", "/static/%2e%2e/%2e%2e/pyproject.toml", {}, None, {404}),
        ("page traversal", "/id/person/..%2f..%2fetc%2fpasswd", {}, None, {404}),
        ("update form", "/query", {"Content-Type": "application/x-www-form-urlencoded"},
         b"update=DROP+ALL", {400, 403}),
        ("not utf-8", "/query", {"Content-Type": "application/sparql-query"},
         b"SELECT \xff\xfe * WHERE {}", {400}),
    ]
    mix: list[tuple[str, str, dict, bytes | None, set[int]]] = []
    for kind, (text, statuses) in hostile_queries(rng, port).items():
        mix.append((kind, "/query", {"Content-Type": "application/sparql-query"},
                    text.encode(), statuses))
        if kind not in ("runaway", "too long"):         # also as GET
            mix.append((kind + " (GET)", "/query?" + urllib.parse.urlencode({"query": text}),
                        {}, None, statuses))
    mix += others
    mix += [("ordinary", "/api/partnerships", {}, None, {200})] * 6
    rng.shuffle(mix)
    for kind, path, headers, data, statuses in mix:
        status, body = _http(url + path, headers, data)
        assert status in statuses, f"{kind}: {status} {body[:300]!r}"
        assert b"Traceback" not in body and b"root:" not in body, kind
        if kind == "ordinary":
            assert (status, body) == api_answer
        else:
            TALLY["hostile queries"] += 1
        still_answers()
    assert proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) is not None
    _nothing_left_of(proc.pid)              # no query worker outlives the server

    # the same texts through `jmgraph query`: one line each, never a signal
    picked = list(hostile_queries(rng, port).items())
    rng.shuffle(picked)
    for kind, (text, statuses) in picked[:6]:
        path = tmp_path / f"{kind.replace(' ', '-')}.rq"
        path.write_text(text, encoding="utf-8")
        done = jm("query", str(path), "--store", str(seed_store), "--timeout", "2", ok=False)
        assert done.returncode >= 0, f"{kind}: ended by signal {-done.returncode}"
        if 200 in statuses:
            assert done.returncode in (0, 1), kind
        else:
            assert done.returncode == 1, kind
            assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, (
                f"{kind}: {done.stderr[:300]}")
        TALLY["hostile queries"] += 1


def _http_or_none(url: str) -> int | None:
    try:
        return _http(url)[0]
    except (urllib.error.URLError, OSError):
        return None


# ---------------------------------------------------------------- large documents

def seed_text(punctuation: bool) -> str:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return text if punctuation else re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text))


def repeated(text: str, size: int) -> str:
    return (text * (size // len(text.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")


MEMORY_BOUND = 1_000_000_000       # the peak allowed for a 5 MB document (issue 30)


def test_chaos_large_documents_are_built_in_bounded_memory(tmp_path: Path) -> None:
    rng = random.Random(SEED + 3)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sizes = {"prose.txt": rng.randint(250_000, 350_000),
             "one line.txt": rng.randint(150_000, 250_000)}
    (corpus / "prose.txt").write_text(repeated(seed_text(True) + "\n\n", sizes["prose.txt"]),
                                      encoding="utf-8")
    (corpus / "one line.txt").write_text(repeated(seed_text(False) + " ",
                                                  sizes["one line.txt"]), encoding="utf-8")
    (corpus / "too big.txt").write_bytes(b"x " * 250_000)        # over --max-bytes
    store = tmp_path / "store"
    printed, said = tmp_path / "out", tmp_path / "err"
    with printed.open("w") as out, said.open("w") as err:
        proc = subprocess.Popen(_command("build", "--corpus", str(corpus), "--store",
                                         str(store), "--max-bytes", "400000"),
                                stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)     # this process's own peak
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = printed.read_text(), said.read_text()
    assert proc.returncode == 1 and "Traceback" not in err          # one file refused
    assert "2 ingested, 0 unchanged, 1 failed" in out, out
    [refused] = [line for line in err.splitlines() if line.startswith("failed")]
    assert "too big.txt" in refused
    peak = usage.ru_maxrss * 1024                                  # KiB on Linux
    assert peak < MEMORY_BOUND, f"peak {peak / 1e9:.2f} GB"
    cached = list(store.glob("current/extractions/*.json*"))   # at most twice the text
    assert len(cached) == 2
    assert sum(p.stat().st_size for p in cached) <= 2 * sum(sizes.values())
    assert documents_listed(store) == 2
    TALLY["large documents"] += 2
