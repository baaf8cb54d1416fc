"""How a build's memory and an `add`'s time grow with the corpus, in one run.

    python bench/corpus_size.py [--documents 1000 10000] [--jobs 2]

For each size: a synthetic corpus of that many documents (bench/corpus.py), built by a
child process (`pipeline.build`, JOBS workers) whose peak memory (max RSS) is read from the
kernel, for the build process and for its largest spaCy worker; then `add` of one new
document into that store, in another child with the model loaded, against that document's
own NLP and extraction time measured in the same process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make

BUILD = """
import json, resource, sys, time
from pathlib import Path
from jmgraph import pipeline
start = time.perf_counter()
pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "own": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

ADD = """
import json, sys, time
from pathlib import Path
from jmgraph import pipeline
from jmgraph.ingest.annotate import annotate
from jmgraph.extract import extract
from jmgraph.ingest.read import read_document
new = Path(sys.argv[1])
document = read_document(new)
annotate(document.text)                                       # the model loaded and warm
start = time.perf_counter()
extract(document, annotate(document.text))
nlp = time.perf_counter() - start
start = time.perf_counter()
pipeline.add([new], Path(sys.argv[2]))
print(json.dumps({"add": time.perf_counter() - start, "nlp": nlp}))
"""


def child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="make the corpora and stores here, and keep them "
                    "(to time other adds into them later)")
    args = ap.parse_args()
    print(f"{'documents':>10}{'build s':>9}{'peak MiB':>10}{'worker MiB':>11}"
          f"{'add s':>8}{'its NLP s':>10}{'rest s':>8}", flush=True)
    for n in args.documents:
        with tempfile.TemporaryDirectory() as scratch:
            tmp = args.keep / str(n) if args.keep else Path(scratch)
            tmp.mkdir(parents=True, exist_ok=True)
            corpus, store = tmp / "corpus", tmp / "store"
            files = make(corpus, 0, seed=n, documents=n)
            new = tmp / "new.txt"
            make(tmp / "extra", 0, seed=n + 1, documents=1)[0].rename(new)
            built = child(BUILD, str(corpus), str(store), str(args.jobs))
            added = child(ADD, str(new), str(store))
            print(f"{len(files):>10}{built['seconds']:>9.0f}{built['own']:>10.0f}"
                  f"{built['workers']:>11.0f}{added['add']:>8.2f}{added['nlp']:>10.2f}"
                  f"{added['add'] - added['nlp']:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
