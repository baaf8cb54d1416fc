from __future__ import annotations

import json
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from jmgraph.extract.model import Capacity
from jmgraph.incremental.person_blocks import BlockStore
from jmgraph.resolve.person_clusters import UNSET, Record, cluster_records
from jmgraph.resolve.person_table import (
    Summary,
    document_views,
    name_persons,
    person_digests,
    persons_of,
    summarize,
)

from ..conftest import examples
from ..person_rows import DOCUMENTS, stage_record_of, stage_rows


def _person(doc: str, rep: str, words: set[str], key: str | None, **more: object) -> Record:
    display = " ".join(sorted(w.title() for w in words))
    return Record(doc, rep, words=words, keys=Counter([key] if key else []), display=[display],
                  names={display}, mids=[rep], weak=False, key=UNSET, **more)  # type: ignore[arg-type]


def test_a_summary_kept_as_json_is_read_back_the_same() -> None:
    cluster = [_person("b", "p1", {"sato", "taro"}, "Sato", gender="male",
                       capacities={Capacity("Prime Minister", "japan"): None},
                       roles={"Prime Minister"}),
               _person("a", "p4", {"sato"}, "Sato", royal=None),
               _person("a", "p2", {"taro", "sato"}, "Taro")]
    s = summarize(cluster)
    back = Summary.from_json(json.loads(json.dumps(s.to_json())))
    assert back == s
    assert list(back.keys) == ["Sato", "Taro"]          # ties of the commonest name: first
    assert (s.first, s.base, s.label, s.given) == (("a", "p2"), "sato", "Sato Taro", "sato")


def test_a_title_alone_joins_the_one_person_in_that_office_and_else_stands_alone() -> None:
    pm = _person("a", "p1", {"sato", "taro"}, "Sato", roles={"Prime Minister"})
    title = Record("b", "p1", words={"prime minister"}, keys=Counter(["Prime Minister"]),
                   display=["Prime Minister"], names={"the Prime Minister"}, mids=["p1"],
                   title_only="Prime Minister", key=UNSET)
    crown = Record("b", "p2", words={"crown prince"}, keys=Counter(["Crown Prince"]),
                   display=["Crown Prince"], names={"the Crown Prince"}, mids=["p2"],
                   title_only="Crown Prince", key=UNSET)
    table = name_persons([summarize([pm])], [title, crown])
    assert table.person_of == {("a", "p1"): "sato", ("b", "p1"): "sato",
                               ("b", "p2"): "crown-prince"}
    assert table.lone_titles == {"crown-prince"}
    assert table.persons["sato"].names == {"a": {"Sato Taro"}, "b": {"the Prime Minister"}}


def test_persons_sharing_a_name_are_told_apart_by_a_given_name_then_a_digest() -> None:
    records = [_person("a", "p1", {"sato", "taro"}, "Sato", initials={"T"}),
               _person("b", "p1", {"sato", "kenji"}, "Sato", initials={"K"}),
               _person("c", "p1", {"sato", "kenji", "yuki"}, "Sato", initials={"Y"})]
    person_of = persons_of(records).person_of
    assert [person_of[("a", "p1")], person_of[("b", "p1")]] == ["sato", "sato-kenji"]
    third = person_of[("c", "p1")]           # its first given name is taken: a digest
    assert third.startswith("sato-") and len(third) == len("sato-") + 8


def _placed(items: list, version: int) -> dict[str, list]:
    """Items as each document's placed records (reps numbered apart per VERSION)."""
    docs: dict[str, list] = {d: [] for d in DOCUMENTS}
    for n, item in enumerate(items):
        r = stage_record_of(n + 1000 * version, item)
        if r is not None:
            docs[r.doc_id].append(((r.doc_id, len(docs[r.doc_id])), r))
    return docs


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DOCUMENTS), stage_rows(max_size=6), st.booleans()),
                min_size=1, max_size=6))
def test_persons_named_from_kept_summaries_are_the_corpus_persons(tmp_path_factory,
                                                                  edits: list) -> None:
    """Documents added, changed and removed one at a time through SQLite: the persons
    named again where each change reaches are always those of the corpus named whole
    (slugs, labels, names per document, genders, capacities, who each mention is, titles
    alone), and so are every person's digest and every document's view."""
    corpus: dict[str, list] = {}
    versions: dict[str, str] = {}
    with BlockStore(tmp_path_factory.mktemp("blocks") / "persons.sqlite") as store:
        for version, (doc, items, removed) in enumerate(edits):
            if removed:
                store.replace({doc}, [])
                corpus.pop(doc, None)
                versions.pop(doc, None)
            else:
                items = [((doc, *row[1:]), *more) for row, *more in items]
                placed = _placed(items, version)[doc]
                store.replace(set(), placed, {doc: f"v{version}"})
                corpus[doc], versions[doc] = placed, f"v{version}"
            whole = persons_of([r for d in sorted(corpus) for _, r in corpus[d]])
            assert store.person_table() == whole
            assert store.digests() == person_digests(whole)
            assert store.views() == document_views(whole, person_digests(whole))
            assert store.lone_titles() == whole.lone_titles
            assert store.documents() == versions
            some = sorted(corpus)[:1]
            part = store.person_table(some)
            assert part.person_of == {k: v for k, v in whole.person_of.items() if k[0] in some}
            for slug, p in part.persons.items():
                assert p.names == {d: n for d, n in whole.persons[slug].names.items()
                                   if d in some}


def test_clusters_kept_are_the_clusters_of_their_block(tmp_path_factory) -> None:
    records = [_person("a", "p1", {"sato", "taro"}, "Sato"), _person("b", "p1", {"sato"}, "Sato")]
    with BlockStore(tmp_path_factory.mktemp("blocks") / "persons.sqlite") as store:
        store.replace(set(), [((r.doc_id, 0), r) for r in records], {"a": "1", "b": "1"})
        (only,) = cluster_records(records)
        assert store.person_table().persons["sato"].names == summarize(only).names


def test_a_summary_keeps_the_first_gender_and_a_royal_records_label() -> None:
    s = summarize([_person("a", "p1", {"akishino"}, "Prince Akishino", royal="Prince",
                           gender="male"),
                   _person("b", "p1", {"akishino", "fumihito"}, "Akishino", gender="female")])
    assert (s.label, s.gender) == ("Prince Akishino", "male")


def test_a_person_named_again_keeps_the_titles_of_its_other_offices(tmp_path) -> None:
    """A second Prime Minister names Sato again (a title of that office no longer joins
    him), and "the Foreign Minister" of another document still joins him: he is the one
    person in that office."""
    sato = _person("a", "p1", {"sato", "taro"}, "Sato",
                   roles={"Prime Minister", "Foreign Minister"})
    title = Record("b", "p1", words={"foreign minister"}, keys=Counter(["Foreign Minister"]),
                   display=["Foreign Minister"], names={"the Foreign Minister"}, mids=["p1"],
                   title_only="Foreign Minister", key=UNSET)
    suzuki = _person("c", "p1", {"suzuki", "ichiro"}, "Suzuki", roles={"Prime Minister"})
    with BlockStore(tmp_path / "persons.sqlite") as store:
        store.replace(set(), [(("a", 0), sato), (("b", 0), title)], {"a": "1", "b": "1"})
        store.replace(set(), [(("c", 0), suzuki)], {"c": "1"})
        table = store.person_table()
        assert table == persons_of([sato, title, suzuki])
        assert table.persons["sato"].names["b"] == {"the Foreign Minister"}


def test_a_title_of_an_office_many_hold_stands_alone_when_one_more_comes(tmp_path) -> None:
    """Two Prime Ministers known, a third comes with "the Prime Minister" in its text: the
    title names none of them (only the new one is named again)."""
    def pm(doc: str, name: str) -> Record:
        return _person(doc, "p1", {name}, name.title(), roles={"Prime Minister"})

    title = Record("c", "p2", words={"prime minister"}, keys=Counter(["Prime Minister"]),
                   display=["Prime Minister"], names={"the Prime Minister"}, mids=["p2"],
                   title_only="Prime Minister", key=UNSET)
    first, second, third = pm("a", "sato"), pm("b", "suzuki"), pm("c", "tanaka")
    with BlockStore(tmp_path / "persons.sqlite") as store:
        store.replace(set(), [(("a", 0), first), (("b", 0), second)], {"a": "1", "b": "1"})
        store.replace(set(), [(("c", 0), third), (("c", 1), title)], {"c": "1"})
        table = store.person_table()
        assert table == persons_of([first, second, third, title])
        assert table.person_of[("c", "p2")] in table.lone_titles


def test_a_new_name_that_is_another_name_with_a_given_name_renames_that_person(
        tmp_path) -> None:
    """"Sato Kenji" took "sato-kenji" as the second Sato; a person whose name is
    "Sato-Kenji" comes: that slug is the new name's, the second Sato takes a digest (only
    the new document's persons were named again)."""
    first = _person("a", "p1", {"sato", "taro"}, "Sato", initials={"T"})
    second = _person("b", "p1", {"sato", "kenji"}, "Sato", initials={"K"})
    other = _person("c", "p1", {"sato-kenji"}, "Sato-Kenji")
    with BlockStore(tmp_path / "persons.sqlite") as store:
        store.replace(set(), [(("a", 0), first), (("b", 0), second)], {"a": "1", "b": "1"})
        assert store.person_table().person_of[("b", "p1")] == "sato-kenji"
        store.replace(set(), [(("c", 0), other)], {"c": "1"})
        table = store.person_table()
        assert table == persons_of([first, second, other])
        assert table.person_of[("c", "p1")] == "sato-kenji"
        assert store.views() == document_views(table, person_digests(table))


def test_a_slug_passed_over_for_one_another_name_holds_is_taken_from_it(tmp_path) -> None:
    """The second "Sato-Ken" holds "sato-ken-ichi"; a second Sato whose given name is
    "Ken-Ichi" comes: among every person it comes first (by name) and takes that slug."""
    ken = [_person("a", "p1", {"sato-ken", "jiro"}, "Sato-Ken", initials={"J"}),
           _person("b", "p1", {"sato-ken", "ichi"}, "Sato-Ken", initials={"I"})]
    sato = [_person("c", "p1", {"sato", "taro"}, "Sato", initials={"T"}),
            _person("d", "p1", {"sato", "ken-ichi"}, "Sato", initials={"K"})]
    with BlockStore(tmp_path / "persons.sqlite") as store:
        store.replace(set(), [(("a", 0), ken[0]), (("b", 0), ken[1]), (("c", 0), sato[0])],
                      {"a": "1", "b": "1", "c": "1"})
        assert store.person_table().person_of[("b", "p1")] == "sato-ken-ichi"
        store.replace(set(), [(("d", 0), sato[1])], {"d": "1"})
        table = store.person_table()
        assert table == persons_of([*ken, *sato])
        assert table.person_of[("d", "p1")] == "sato-ken-ichi"
        assert store.views() == document_views(table, person_digests(table))


def test_a_slug_another_name_is_is_passed_over(tmp_path) -> None:
    """"Sato-Kenji" is a name; a second Sato whose given name is Kenji comes: it takes a
    digest, not the other name's slug."""
    records = [_person("a", "p1", {"sato-kenji"}, "Sato-Kenji"),
               _person("b", "p1", {"sato", "taro"}, "Sato", initials={"T"}),
               _person("c", "p1", {"sato", "kenji"}, "Sato", initials={"K"})]
    with BlockStore(tmp_path / "persons.sqlite") as store:
        store.replace(set(), [(("a", 0), records[0]), (("b", 0), records[1])],
                      {"a": "1", "b": "1"})
        store.replace(set(), [(("c", 0), records[2])], {"c": "1"})
        table = store.person_table()
        assert table == persons_of(records)
        assert table.person_of[("c", "p1")] not in {"sato-kenji", "sato"}
