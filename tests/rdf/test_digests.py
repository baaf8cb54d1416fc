"""A document's digest says when its graph must be made again: equal for the same part
(whatever the process or the order of documents), different when the part changes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from itertools import combinations

import pytest

from jmgraph.dates import DateValue
from jmgraph.extract.model import Capacity, OfficeFact
from jmgraph.rdf.digests import part_digests
from jmgraph.rdf.render import descriptions, document_graphs
from jmgraph.resolve.corpus import Resolution, resolve
from jmgraph.resolve.partition import parts, stated

from ..factories import Doc

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
    r = resolve(extractions)
    return part_digests(r, stated(r))


def test_digests_do_not_depend_on_the_order_of_documents() -> None:
    xs = _corpus()
    assert _digests(xs) == _digests(list(reversed(xs)))


@pytest.mark.slow
def test_digests_do_not_depend_on_the_process() -> None:
    """Sets are hashed in another order by each process (PYTHONHASHSEED): the digests of
    parts holding sets (names, alternative labels, dates) are the same in every one."""
    code = ("import json; from tests.rdf.test_digests import _corpus, _digests; "
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


# ------------------------------------------------ digests from entities = digests of parts

FM = Capacity("Minister for Foreign Affairs", "mongolia")


def _rich(change: str = "") -> list:
    """Three documents sharing persons, a visit, a meeting, a partnership and an agreement
    with two milestones; CHANGE names one thing made different (see CHANGES)."""
    a, b, c = Doc("a", DateValue(2016, 9, 1)), Doc("b"), Doc("c", DateValue(2017, 1, 5))
    pa = a.person("Sato Kenji", capacity=PM)
    a.person("SATO Kenji" if change != "names" else "Kenji SATO", capacity=PM, same_as=pa)
    ma = a.person("Bat Erdene", key="Erdene", capacity=FM)
    a.visit([pa], "mongolia", DateValue(2016, 8))
    a.meeting([pa, ma], DateValue(2016, 8, 20 if change != "meeting" else 21))
    a.partnership("Strategic Partnership", DateValue(2014))
    pb = b.person("Kenji Sato", capacity=PM)
    mb = b.person("Bat Erdene" if change != "named" else "B. Erdene", key="Erdene")
    b.visit([pb], "mongolia", DateValue(2016, 8))
    b.meeting([pb, mb], DateValue(2016, 8))
    b.x.offices.append(OfficeFact(pb, PM, DateValue(2016) if change != "held" else
                                  DateValue(2015), b.evidence("Sato, Prime Minister.")))
    b.agreement("Economic Partnership Agreement", "agreement", "signed",
                DateValue(2015, 2, 10))
    # one instrument in two sentences of b, the stages told in either order ("swap")
    stages = [("signed", DateValue(2010, 3, 1)), ("in force", DateValue(2010, 9, 1))]
    for stage, date in stages if change != "swap" else stages[::-1]:
        b.agreement("Agreement on Cultural Exchange", "agreement", stage, date)
    label = "Strategic Partnership" if change != "level" else "Strategic Partnership Plan"
    c.partnership(label, DateValue(2014))
    c.agreement("Japan-Mongolia Economic Partnership Agreement", "agreement",
                "in force" if change != "stage" else "signed",
                DateValue(2016, 6, 7))
    c.person("Sato Kenji", capacity=PM)
    if change == "label":            # a longer name: the person's label, not its slug
        c.person("Tsend Bat Erdene", key="Erdene")
    return [a.x, b.x, c.x]


CHANGES = ("", "names", "meeting", "named", "held", "level", "stage", "swap", "label")


def _reference(part: Resolution) -> str:
    """What the document's graph renders of its part, canonical (the facts' descriptions
    are in graphs of their own)."""
    (graph,) = document_graphs(part).values()
    return "\n".join(sorted(str(q) for q in graph))


def _both(make: Callable[[str], list], change: str) -> tuple[dict, dict, dict]:
    r = resolve(make(change))
    described = {k: sorted(map(str, quads)) for k, quads in descriptions(r)}
    return part_digests(r, stated(r)), {doc: _reference(p) for doc, p in parts(r)}, described


def test_digests_are_equal_exactly_when_the_documents_graphs_are() -> None:
    """Each change makes some documents' graphs or some facts' descriptions differ and
    leaves others alone: a digest differs for exactly the documents whose graph (made in
    full from the part) differs."""
    seen = {change: _both(_rich, change) for change in CHANGES}
    differing = 0
    for one, other in combinations(CHANGES, 2):
        (d1, p1, _), (d2, p2, _) = seen[one], seen[other]
        assert d1.keys() == p1.keys() == d2.keys() == p2.keys()
        for doc in d1:
            assert (d1[doc] == d2[doc]) == (p1[doc] == p2[doc]), (one, other, doc)
            differing += p1[doc] != p2[doc]
    _, unchanged, described = seen[""]
    reached = {change: sum(unchanged[d] != seen[change][1][d] for d in unchanged)
               for change in CHANGES[1:]}
    redescribed = {change: seen[change][2] != described for change in CHANGES[1:]}
    # every change reaches some document's graph or some description ...
    assert all(reached[c] or redescribed[c] for c in CHANGES[1:]), (reached, redescribed)
    assert sum(n < len(unchanged) for n in reached.values()) >= len(CHANGES) - 2  # not all
    assert differing
