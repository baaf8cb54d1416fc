"""The rules' word lists in data/rule_words.json: each entry says what its words do and which
constant of which rule module reads it, and that constant holds exactly those words."""

from __future__ import annotations

import importlib
import json
import re
from importlib import resources

import pytest

from jmgraph import reference

ENTRIES = {k: v for k, v in json.loads((resources.files("jmgraph") / "data" / "rule_words.json")
                                       .read_text(encoding="utf-8")).items()
           if not k.startswith("_")}
READER = re.compile(r"\((?P<module>(?:extract|ingest)/\w+)\.py (?P<constant>[A-Z_]+)\)$")


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_each_entry_is_read_by_the_constant_it_names(name: str) -> None:
    entry = ENTRIES[name]
    assert set(entry) in ({"_comment", "words"}, {"_comment", "table"}), name
    found = READER.search(entry["_comment"])
    assert found, f"{name}: its _comment ends with '(extract/MODULE.py CONSTANT)'"
    module = importlib.import_module("jmgraph." + found["module"].replace("/", "."))
    value = getattr(module, found["constant"])
    if "table" in entry:
        assert value == entry["table"] == reference.rule_table(name)
    elif isinstance(value, tuple):
        assert value == tuple(entry["words"]) == reference.rule_word_list(name)
    else:
        assert value == frozenset(entry["words"]) == reference.rule_words(name)
        assert len(entry["words"]) == len(value), f"{name}: a word listed twice"


def test_an_unknown_entry_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match=r"rule_words\.json has no entry 'no_such_words'"):
        reference.rule_words("no_such_words")
