"""Ingest speed: `jmgraph build` against plain spaCy on the same texts, in one run.

    python bench/ingest.py [--words 200000] [--jobs 2] [--repeat 2]

Makes a synthetic corpus (bench/corpus.py), then times, on the same texts:
  spaCy      nlp.pipe of the same pretrained model (every component it ships)
  spaCy, arrays  the same, its attribute ruler matched on arrays as jmgraph runs it
             (the same annotations: what jmgraph itself adds is build against this row)
  build      the whole jmgraph build: read, annotate, extract, resolve, RDF, store
  build -j N the same with N worker processes
and prints words per second and the ratios to spaCy (this machine is noisy: compare
ratios within one run, not seconds across runs).  Peak memory and `add` on larger corpora:
bench/corpus_size.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make

from jmgraph import pipeline
from jmgraph.ingest.annotate import BATCH_SIZE, MODEL
from jmgraph.ingest.attribute_rules import with_array_matching


def best_of(repeat: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        files = make(corpus, args.words)
        texts = [f.read_text(encoding="utf-8") for f in files]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(files)} documents, {words} words")

        plain = spacy.load(MODEL)
        list(plain.pipe(texts[:5]))                       # warm up
        # the same batch size as jmgraph's: the fastest plain spaCy on this machine
        spacy_s = best_of(args.repeat, lambda: [None for _ in plain.pipe(texts,
                                                                         batch_size=BATCH_SIZE)])
        arrays = spacy.load(MODEL)
        with_array_matching(arrays)
        list(arrays.pipe(texts[:5]))
        arrays_s = best_of(args.repeat, lambda: [None for _ in arrays.pipe(texts,
                                                                           batch_size=BATCH_SIZE)])
        pipeline.build(corpus, Path(tmp) / "warm")        # warm up (model load)
        build_s = best_of(args.repeat, lambda: pipeline.build(corpus, Path(tmp) / "s1"))
        rows = [("spaCy nlp.pipe", spacy_s), ("spaCy, ruler on arrays", arrays_s),
                ("jmgraph build", build_s)]
        if args.jobs > 1:
            jobs_s = best_of(args.repeat, lambda: pipeline.build(corpus, Path(tmp) / "s2",
                                                                 jobs=args.jobs))
            rows.append((f"jmgraph build --jobs {args.jobs}", jobs_s))
        print(f"{'':<26}{'seconds':>9}{'words/s':>10}{'vs spaCy':>10}")
        for name, seconds in rows:
            print(f"{name:<26}{seconds:>9.2f}{words / seconds:>10.0f}{spacy_s / seconds:>10.2f}")
        if args.jobs > 1:
            print(f"--jobs {args.jobs} against one process: {build_s / jobs_s:.2f}x")


if __name__ == "__main__":
    main()
