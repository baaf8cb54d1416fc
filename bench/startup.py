"""Commands as processes: `jmgraph query visits` (and `stats`, `--help`) on the seed graph,
against Oxigraph's own CLI running the same query on the same store, in one run.

The time of a short command is mostly its start-up (the interpreter, the imports); the
query itself takes a few milliseconds.  Each command is run RUNS times, one after the
other, after one unmeasured run; the p50 and its ratio to `oxigraph query` are printed
(without the `oxigraph` CLI, to a plain Python process running the query with pyoxigraph).

    python bench/startup.py [--runs 20] [--store DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# The same query with pyoxigraph, in a process of its own: Python's and pyoxigraph's
# start-up, the query, and its rows printed as CSV (what jmgraph's command does, less its own
# imports).
PYOXIGRAPH = ("import sys, pyoxigraph as ox\n"
              "store = ox.Store.read_only(sys.argv[1])\n"
              "with open(sys.argv[2], encoding='utf-8') as f:\n"
              "    result = store.query(f.read())\n"
              "sys.stdout.buffer.write(result.serialize(format=ox.QueryResultsFormat.CSV))\n")


def p50(command: list[str], runs: int) -> float:
    """The median wall time of COMMAND as a process, in seconds (one run first, unmeasured:
    the files it reads are then in the page cache for every measured run)."""
    subprocess.run(command, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def rows(command: list[str]) -> int:
    """The rows of a CSV answer printed by COMMAND."""
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return len(out.strip().splitlines()) - 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--store", type=Path, default=None,
                    help="A jmgraph store to query (default: the seed graph, built here).")
    args = ap.parse_args()
    jmgraph = str(BIN / "jmgraph")
    oxigraph = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        store = args.store
        if store is None:
            store = tmp_path / "store"
            subprocess.run([jmgraph, "build", "--corpus", str(ROOT / "seeds"), "--store",
                            str(store)], check=True, capture_output=True)
        db = str((store / "current" / "oxigraph").resolve())
        # the text jmgraph runs for `query visits` (the first page, no parameters)
        query_file = tmp_path / "visits.rq"
        subprocess.run([sys.executable, "-c",
                        "import sys; from pathlib import Path; from jmgraph.query import queries; "
                        "saved = queries.find('visits', Path(sys.argv[1])); "
                        "Path(sys.argv[2]).write_text(queries.bind(saved, {}), "
                        "encoding='utf-8')", str(ROOT / "queries"), str(query_file)],
                       check=True)
        at = ["--store", str(store)]
        python_query = [sys.executable, "-c", PYOXIGRAPH, db, str(query_file)]
        commands: dict[str, list[str]] = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python + pyoxigraph query": python_query,
            "jmgraph --help": [jmgraph, "--help"],
            "jmgraph query visits": [jmgraph, "query", "visits", *at],
            "jmgraph stats": [jmgraph, "stats", *at],
        }
        baseline = "python + pyoxigraph query"
        if oxigraph:
            commands["oxigraph query"] = [oxigraph, "query", "--location", db, "--query-file",
                                          str(query_file), "--results-format", "csv"]
            baseline = "oxigraph query"
        # the same answer, or the comparison means nothing
        answers = {"jmgraph": rows([jmgraph, "query", "visits", "--format", "csv", *at]),
                   "pyoxigraph": rows(python_query)}
        if oxigraph:
            answers["oxigraph"] = rows(commands["oxigraph query"])
        if len(set(answers.values())) != 1:
            sys.exit(f"the answers differ: {answers}")
        print(f"store {store}; query visits: {answers['jmgraph']} rows from each; "
              f"p50 of {args.runs} runs; ratio to {baseline}")
        times = {name: p50(command, args.runs) for name, command in commands.items()}
        print(f"{'command':<28}{'p50 s':>8}{'ratio':>8}")
        for name, seconds in times.items():
            print(f"{name:<28}{seconds:>8.3f}{seconds / times[baseline]:>7.1f}x")


if __name__ == "__main__":
    main()
