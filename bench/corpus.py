"""A synthetic corpus for benchmarks: the seed texts varied (renamed persons, shifted
years), as many documents as asked, written to a folder.

    python bench/corpus.py OUT_DIR --words 200000
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SYLLABLES = ["bat", "dor", "jin", "gan", "sukh", "och", "bold", "erd", "ene", "tsog", "naran",
             "ka", "shi", "mo", "ta", "ya", "ru", "hi", "no", "sa", "ki", "to", "mi", "zu"]
CAPS_NAME = re.compile(r"\b[A-Z]{3,}(?:-[A-Z]{3,})?\b")
KEEP = {"COVID", "ASEAN", "ICBM", "EPA", "ODA", "OSA", "JST", "JETRO", "ERCH", "JENESYS", "JN",
        "POPULAR", "ARTICLE", "ACCESS", "RANKING", "GDP", "US", "UN"}
YEAR = re.compile(r"(?<![\d.])(19[7-9]\d|20[0-2]\d)(?![\d])")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).upper()


def vary(text: str, rng: random.Random) -> str:
    names: dict[str, str] = {}

    def rename(m: re.Match) -> str:
        word = m.group(0)
        if word in KEEP:
            return word
        return names.setdefault(word, _name(rng))

    shift = rng.randint(-3, 3)
    text = CAPS_NAME.sub(rename, text)
    return YEAR.sub(lambda m: str(min(2029, max(1972, int(m.group(0)) + shift))), text)


def make(out: Path, words: int, seed: int = 7, documents: int | None = None) -> list[Path]:
    """Varied seed texts in OUT until WORDS words (or, when given, DOCUMENTS documents)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    sources = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    written: list[Path] = []
    total = 0
    i = 0
    while (total < words) if documents is None else (i < documents):
        stem, text = sources[i % len(sources)]
        varied = vary(text, rng)
        path = out / f"{i:05d}-{stem}.txt"
        path.write_text(varied, encoding="utf-8")
        written.append(path)
        total += len(varied.split())
        i += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--words", type=int, default=200_000)
    args = ap.parse_args()
    files = make(args.out, args.words)
    print(f"{len(files)} documents in {args.out}")


if __name__ == "__main__":
    main()
