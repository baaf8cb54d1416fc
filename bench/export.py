"""Export and add: N-Quads and Turtle export of a store of about a million triples, and
`add` of one new document into a store built from a synthetic corpus, against that
document's own NLP time, in one run.

    python bench/export.py [--triples 1000000] [--words 200000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make
from scale import scaled_store

from jmgraph import pipeline
from jmgraph.extract import extract
from jmgraph.ingest.annotate import annotate
from jmgraph.ingest.read import read_document
from jmgraph.outputs import export
from jmgraph.store.local import opened


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--words", type=int, default=200_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        big = tmp_path / "big"
        scaled_store(big, args.triples, tmp_path)
        with opened(big) as s:
            print(f"store: {len(s)} quads", flush=True)
            for name in ("nquads", "turtle"):
                start = time.perf_counter()
                export.export(s, export.FORMATS[name], io.BytesIO())
                print(f"export {name:<8}{time.perf_counter() - start:8.2f} s", flush=True)

        corpus = tmp_path / "corpus"
        files = make(corpus, args.words)
        store = tmp_path / "store"
        pipeline.build(corpus, store)
        new = tmp_path / "new.txt"
        new.write_text(files[0].read_text(encoding="utf-8").replace("2020", "2021"),
                       encoding="utf-8")
        document = read_document(new)
        annotate(document.text)                              # warm
        start = time.perf_counter()
        extract(document, annotate(document.text))
        nlp_s = time.perf_counter() - start
        start = time.perf_counter()
        pipeline.add([new], store)
        add_s = time.perf_counter() - start
        print(f"add one document into a store of {len(files)} documents: {add_s:.2f} s "
              f"(its own NLP and extraction {nlp_s:.2f} s, the rest {add_s - nlp_s:.2f} s)")


if __name__ == "__main__":
    main()
