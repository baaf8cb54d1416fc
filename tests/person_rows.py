"""Random person records for property tests of clustering: name parts from a small
alphabet, so that random records share names, initials and one-letter misspellings often."""

from __future__ import annotations

from collections import Counter

from hypothesis import strategies as st

from jmgraph.person_clusters import UNSET, Record

KEYS = ["otani", "otan", "erdenebileg", "erdnebileg", "erdenebilg", "naranhi", "naranshi",
        "baasankhuu", "baasankhu", "sato", "kato"]
GIVEN = ["kenji", "sukhbaatar", "dorj", "ts"]
DOCUMENTS = ["a", "b", "c", "d"]

# (document, referring name, other name words, initials, weak, royal title)
Row = tuple[str, str | None, set[str], set[str], bool, str | None]


def person_rows(max_size: int = 14) -> st.SearchStrategy[list[Row]]:
    return st.lists(st.tuples(st.sampled_from(DOCUMENTS),
                              st.one_of(st.none(), st.sampled_from(KEYS)),
                              st.sets(st.sampled_from(GIVEN + KEYS), max_size=2),
                              st.sets(st.sampled_from(["D", "K"]), max_size=1),
                              st.booleans(),
                              st.sampled_from([None, None, None, "prince"])),
                    min_size=1, max_size=max_size)


def record_of(n: int, row: Row) -> Record | None:
    """Row N as a record (None when it has no name words), its rep "pN"."""
    doc, key, given_, initials, weak, royal = row
    words = set(given_) | ({key} if key else set())
    if not words:
        return None
    return Record(doc, f"p{n}", words=words, keys=Counter([key] if key else []),
                   initials=set(initials), weak=weak, royal=royal, key=UNSET)


def records_of(rows: list[Row]) -> list[Record]:
    """ROWS as records, in corpus order (by document, then row)."""
    found = [(row[0], n, r) for n, row in enumerate(rows) if (r := record_of(n, row))]
    return [r for _, _, r in sorted(found, key=lambda item: item[:2])]


def shape(clusters: list[list[Record]]) -> list[list[str]]:
    """CLUSTERS as their records' reps, in order."""
    return [[r.rep for r in c] for c in clusters]
