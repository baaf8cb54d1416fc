"""A document's digest says when its graph must be made again: equal for the same part
(whatever the process or the order of documents), different when the part changes."""

from __future__ import annotations

import json
import subprocess
import sys

from jmgraph.dates import DateValue
from jmgraph.digests import part_digest
from jmgraph.extract.model import Capacity
from jmgraph.partition import parts
from jmgraph.resolve import resolve

from .factories import Doc

PM = Capacity("Prime Minister", "japan")
AUGUST_2016 = DateValue(2016, 8)


def _corpus(second_date: DateValue = AUGUST_2016) -> list:
    a, b, c = Doc("a", DateValue(2016, 9, 1)), Doc("b"), Doc("c")
    pa = a.person("Sato Kenji", capacity=PM)
    for name in ("SATO Kenji", "Mr. Kenji Sato", "Kenji SATO"):     # a set of four names
        a.person(name, capacity=PM, same_as=pa)
    a.visit([pa], "mongolia", DateValue(2016, 8))
    b.visit([b.person("Kenji Sato", capacity=PM)], "mongolia", second_date)
    c.visit([c.person("Ts. Elbegdorj", key="Elbegdorj", initials=("Ts",))], "japan",
            DateValue(2013, 9))
    return [a.x, b.x, c.x]


def _digests(extractions: list) -> dict[str, str]:
    return {doc: part_digest(part) for doc, part in parts(resolve(extractions))}


def test_digests_do_not_depend_on_the_order_of_documents() -> None:
    xs = _corpus()
    assert _digests(xs) == _digests(list(reversed(xs)))


def test_digests_do_not_depend_on_the_process() -> None:
    """Sets are hashed in another order by each process (PYTHONHASHSEED): the digests of
    parts holding sets (names, alternative labels, dates) are the same in every one."""
    code = ("import json; from tests.test_digests import _corpus, _digests; "
            "print(json.dumps(_digests(_corpus())))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1
    assert json.loads(seen.pop()) == _digests(_corpus())


def test_a_changed_fact_changes_the_digests_of_the_documents_that_state_it() -> None:
    before, after = _digests(_corpus()), _digests(_corpus(DateValue(2016, 8, 20)))
    # the visit b states is now dated more precisely: a states the same visit, c does not
    assert before["a"] != after["a"] and before["b"] != after["b"]
    assert before["c"] == after["c"]
