"""The registry of fact kinds: every stage's list of kinds is read from it, and what it
declares holds (the saved queries it names read the kind, the fields it names exist)."""

from __future__ import annotations

import re
from dataclasses import fields

from jmgraph import kinds
from jmgraph.incremental.fact_groups import KINDS, NAMING, SPECS
from jmgraph.kinds import FACT_KINDS, credited, merge_order
from jmgraph.rdf.vocab import JM, RESOURCE_KINDS
from jmgraph.resolve import resolved
from jmgraph.resolve.fact_rows import DocumentRows
from jmgraph.resolve.partition import KINDS as PART_KINDS

from .conftest import ROOT


def test_every_stage_walks_the_kinds_declared() -> None:
    names = [k.name for k in FACT_KINDS]
    assert list(PART_KINDS) == ["persons", *names]
    assert sorted(KINDS) == sorted(SPECS) == sorted(names)
    assert set(NAMING) == {k.name for k in FACT_KINDS if k.labelled_by_persons}
    assert {k.resource for k in FACT_KINDS} <= set(RESOURCE_KINDS)
    resolution = {f.name for f in fields(resolved.Resolution)}
    rows = {f.name for f in fields(DocumentRows)}
    for k in FACT_KINDS:
        assert k.name in resolution and k.name in rows, k.name
        node = getattr(resolved, k.node)
        assert not k.credits or k.credits in {f.name for f in fields(node)}, k.name
        assert getattr(JM, k.rdf_class) is not None


def test_a_kind_is_merged_after_the_kind_it_refers_to() -> None:
    order = [k.name for k in merge_order()]
    assert order == list(KINDS)
    for k in FACT_KINDS:
        if k.refers_to is not None:
            assert order.index(k.refers_to) < order.index(k.name)


def test_the_queries_a_kind_feeds_are_saved_and_those_naming_its_class_are_listed() -> None:
    saved = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "queries").glob("*.rq")}
    for k in FACT_KINDS:
        assert set(k.queries) <= saved.keys(), k.name
        naming = {name for name, text in saved.items()
                  if re.search(rf"\bjm:{k.rdf_class}\b", text)}
        assert naming <= set(k.queries), k.name


def test_credited_reads_the_field_the_kind_declares() -> None:
    assert credited(resolved.Holding("sato/japan/prime-minister", "sato",
                                     "japan/prime-minister", {})) == ["sato"]
    assert credited(object()) == []
    assert kinds.BY_NAME["partnerships"].credits == ""
