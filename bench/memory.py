"""Peak memory against the size of one document: `jmgraph build` of a corpus of one file.

    python bench/memory.py [--sizes 1 2 5] [--max-bytes N] [--prose-only]

For each size (MB) two documents are made from the seed texts repeated: "prose" (the texts
as they are: sentences, lines, paragraphs) and "no punctuation" (the same words with every
punctuation mark and line break removed: one line, no sentence end).  Each is built
(``pipeline.build``, what `jmgraph build` runs) in a process of its own, and the peak
resident memory of that process and the size of the document's extraction cache are
printed, against a baseline measured in the same run: the build of one seed text
(spaCy's model loaded, the store opened).  The goal (issue 30): a peak of at most 1 GB
for a 5 MB document, a cache at most twice the text.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
MB = 1_000_000
GOAL_PEAK_BYTES = 1_000_000_000     # for a 5 MB document
GOAL_CACHE_RATIO = 2.0              # the cache against the text


def seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def make_document(size: int, punctuation: bool) -> str:
    """SIZE bytes of the seed texts repeated; without PUNCTUATION one line of words."""
    text = seed_text()
    if not punctuation:
        text = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text))
    repeated = (text + ("\n\n" if punctuation else " ")) * (size // len(text.encode()) + 1)
    return repeated.encode()[:size].decode("utf-8", "ignore")


# Run in a child process: the build, then its own peak RSS (ru_maxrss: KiB on Linux).
CHILD = """
import json, resource, sys
from pathlib import Path
from jmgraph import pipeline
report = pipeline.build(Path(sys.argv[1]), Path(sys.argv[2]), max_bytes=int(sys.argv[3]))
print(json.dumps({"failed": report.failed,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def measure(corpus: Path, store: Path, max_bytes: int) -> tuple[int, int]:
    """Peak RSS of building CORPUS into STORE, and the size of its extraction cache."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(store),
                           str(max_bytes)], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["failed"]:
        raise SystemExit(f"build failed: {result['failed']}")
    cache = sum(p.stat().st_size for p in store.glob("current/extractions/*.json*"))
    return result["peak"], cache


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5])
    ap.add_argument("--max-bytes", type=int, default=50 * MB)
    ap.add_argument("--prose-only", action="store_true",
                    help="Only the documents with punctuation.")
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base_corpus = work / "base"
        base_corpus.mkdir()
        first = sorted(SEEDS.glob("*.txt"))[0]
        (base_corpus / first.name).write_bytes(first.read_bytes())
        base, _ = measure(base_corpus, work / "base-store", args.max_bytes)
        print(f"baseline (one seed text, {first.stat().st_size} bytes): peak "
              f"{base / MB:.0f} MB")
        print(f"{'document':<26}{'peak MB':>9}{'x base':>8}{'cache MB':>10}{'cache/text':>12}")
        for size_mb in args.sizes:
            for punctuation in (True,) if args.prose_only else (True, False):
                size = int(size_mb * MB)
                name = f"{size_mb:g} MB {'prose' if punctuation else 'no punctuation'}"
                corpus = work / re.sub(r"\W+", "-", name)
                corpus.mkdir()
                (corpus / "doc.txt").write_text(make_document(size, punctuation),
                                                encoding="utf-8")
                peak, cache = measure(corpus, work / f"{corpus.name}-store", args.max_bytes)
                goal = " (goal: <= 1000 MB)" if size_mb == 5 and peak > GOAL_PEAK_BYTES else ""
                print(f"{name:<26}{peak / MB:>9.0f}{peak / base:>8.2f}{cache / MB:>10.2f}"
                      f"{cache / size:>12.2f}{goal}", flush=True)


if __name__ == "__main__":
    main()
