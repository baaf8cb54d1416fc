"""Query speed: every saved query on a store of about a million triples (p50, p95), and
Oxigraph against rdflib's in-memory graph on the seed-sized graph, in one run.  A paged
listing is timed for its first page and for every row ("NAME --all").

    python bench/query.py [--triples 1000000] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import ROOT, scaled_store, seed_quads

from jmgraph.query import queries
from jmgraph.store.local import opened

# Parameters for the queries that need some (the defaults in the headers cover the rest).
PARAMS = {
    "visits": {"destination": "Japan", "fromYear": "2000", "toYear": "2015"},
    "meetings": {"person": "Battsetseg"},
    "agreements": {"name": "Joint Statement"},
    "person-timeline": {"person": "Batbold"},
    "office-holders": {"role": "Prime Minister", "state": "Mongolia"},
}


def timings(run, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    saved = queries.saved(ROOT / "queries")
    texts = {name: queries.bind(q, PARAMS.get(name, {})) for name, q in saved.items()}

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        big = tmp_path / "big"
        start = time.perf_counter()
        copies = scaled_store(big, args.triples, tmp_path) if args.triples else 0
        with opened(big) if copies else nullcontext() as s:
            if s is None:
                print("no large store (--triples 0)")
                texts_big = {}
            else:
                texts_big = texts
                print(f"store: {len(s)} quads ({copies} copies of the seed graph), "
                  f"built in {time.perf_counter() - start:.1f} s")
            print(f"{'query':<20}{'rows':>7}{'p50 ms':>9}{'p95 ms':>9}")
            for name, text in texts_big.items():
                rows = len(queries.run(s.db, text, name).rows)
                p50, p95 = timings(lambda t=text, n=name: queries.run(s.db, t, n), args.runs)
                print(f"{name:<20}{rows:>7}{p50:>9.1f}{p95:>9.1f}", flush=True)
            for name in (n for n in texts_big if saved[n].page_size):
                def read_all(n: str = name) -> queries.Result:       # jmgraph query N --all
                    return queries.every_row(s.db, saved[n], PARAMS.get(n, {}))
                rows = len(read_all().rows)
                p50, p95 = timings(read_all, max(3, args.runs // 3))
                print(f"{name + ' --all':<20}{rows:>7}{p50:>9.1f}{p95:>9.1f}", flush=True)

        # the seed-sized graph: Oxigraph against rdflib, the same query texts
        seed = tmp_path / "seed-store"
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data=ox.serialize(seed_quads(tmp_path), format=ox.RdfFormat.N_QUADS),
                      format="nquads")
        with opened(seed) as s:
            print(f"\nseed graph: {len(s)} quads; Oxigraph against rdflib (p50 ms)")
            print(f"{'query':<20}{'oxigraph':>9}{'rdflib':>9}{'ratio':>8}")
            ratios = []
            for name, text in texts.items():
                ox_ms, _ = timings(lambda t=text, n=name: queries.run(s.db, t, n), args.runs)
                try:
                    rd_ms, _ = timings(lambda t=text: list(dataset.query(t)),
                                       max(3, args.runs // 10))
                except Exception as err:  # rdflib's own failures are reported, not fatal
                    print(f"{name:<20}{ox_ms:>9.2f}   rdflib failed: {type(err).__name__}: "
                          f"{str(err)[:60]}", flush=True)
                    continue
                ratios.append(rd_ms / ox_ms)
                print(f"{name:<20}{ox_ms:>9.2f}{rd_ms:>9.1f}{rd_ms / ox_ms:>7.0f}x", flush=True)
            print(f"Oxigraph faster by {statistics.median(ratios):.0f}x (median), "
                  f"{min(ratios):.0f}x at least")


if __name__ == "__main__":
    main()
