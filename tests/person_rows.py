"""Random person records for property tests of clustering: name parts from a small
alphabet, so that random records share names, initials and one-letter misspellings often."""

from __future__ import annotations

from collections import Counter

from hypothesis import strategies as st

from jmgraph.extract.model import Capacity
from jmgraph.resolve.person_clusters import UNSET, Record

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


ROLES = ["Prime Minister", "Crown Prince"]
# a row, the person's gender, a role the record holds, and whether it is that title alone
StageRow = tuple[Row, str | None, str | None, bool]


def stage_rows(max_size: int = 8) -> st.SearchStrategy[list[StageRow]]:
    """Rows with what naming persons reads too: genders, held roles, titles standing alone."""
    return person_rows(max_size).flatmap(lambda rows: st.tuples(*(
        st.tuples(st.just(row), st.sampled_from([None, "male", "female"]),
                  st.sampled_from([None, *ROLES]), st.booleans()) for row in rows)).map(list))


def stage_record_of(n: int, item: StageRow) -> Record | None:
    """Item N as a record: its spellings, names and mention made from its words; a title
    alone ("the Crown Prince") when it says so and has a role."""
    row, gender, role, alone = item
    doc = row[0]
    if role and alone:
        return Record(doc, f"p{n}", words={role.lower()}, keys=Counter([role]),
                      names={f"the {role}"}, display=[role], gender=gender,
                      title_only=role, mids=[f"p{n}"], capacities={Capacity(role): None},
                      key=UNSET)
    r = record_of(n, row)
    if r is None:
        return None
    r.display = [" ".join(w.title() for w in sorted(r.words)), *(w.title() for w in r.keys)]
    r.names, r.mids, r.gender = {r.display[0]}, [f"p{n}", f"q{n}"], gender
    if role:
        r.capacities, r.roles = {Capacity(role, "japan"): None}, {role}
    return r
