from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from jmgraph.errors import ExportError
from jmgraph.outputs import export
from jmgraph.store.local import opened

from ..conftest import run_cli

pytestmark = pytest.mark.slow

RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt",
                  "jsonld": "json-ld", "rdf": "xml"}


def _store_quads(store_path: Path) -> set[ox.Quad]:
    with opened(store_path) as s:
        return set(s.named_quads())


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_export_parses_back_in_pyoxigraph_to_the_same_graph(fmt: str, seed_store: Path,
                                                            seed_export: Path) -> None:
    f = export.FORMATS[fmt]
    parsed = list(ox.parse(path=str(seed_export / f"jmgraph.{f.extension}"),
                           format=f.rdf_format))
    quads = _store_quads(seed_store)
    if f.dataset:
        assert set(parsed) == quads
    else:
        assert {q.triple for q in parsed} == {q.triple for q in quads}


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_export_parses_back_in_rdflib_to_the_same_graph(fmt: str, seed_export: Path) -> None:
    f = export.FORMATS[fmt]
    reference = rdflib.Dataset()
    reference.parse(seed_export / "jmgraph.nq", format="nquads")
    path = seed_export / f"jmgraph.{f.extension}"
    if f.dataset:
        parsed = rdflib.Dataset()
        parsed.parse(path, format=RDFLIB_FORMATS[f.extension])
        named = {str(g.identifier): g for g in parsed.graphs() if len(g)}
        expected = {str(g.identifier): g for g in reference.graphs() if len(g)}
        assert named.keys() == expected.keys()
        for name, graph in expected.items():
            assert isomorphic(graph, named[name]), name
    else:
        parsed_graph = rdflib.Graph().parse(path, format=RDFLIB_FORMATS[f.extension])
        union = rdflib.Graph()
        for s, p, o, _ in reference.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(parsed_graph, union)


def test_export_is_byte_identical_twice(seed_store: Path, tmp_path: Path) -> None:
    # two processes with different string hashing: no order may come from a hash
    for name, seed in (("a", "1"), ("b", "2")):
        result = run_cli("export", "--store", str(seed_store), "--dir", str(tmp_path / name),
                         env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    for f in export.FORMATS.values():
        one = (tmp_path / "a" / f"jmgraph.{f.extension}").read_bytes()
        assert one == (tmp_path / "b" / f"jmgraph.{f.extension}").read_bytes(), f.name


def test_export_unknown_format_is_refused() -> None:
    with pytest.raises(ExportError, match="unknown export format 'yaml'; use one of turtle"):
        export.get_format("yaml")


def test_export_jsonld_is_compacted_with_an_inline_context(seed_export: Path) -> None:
    import json

    data = json.loads((seed_export / "jmgraph.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict) and data["@context"]["visitor"]["@type"] == "@id"
    nodes = [n for g in data["@graph"] for n in g.get("@graph", [])]
    visits = [n for n in nodes if n.get("@type") == "Visit"]
    assert visits and all("visitor" in v and "startDate" in v for v in visits)
    assert {v["startDate"]["@type"] for v in visits} <= {"xsd:date", "xsd:gYearMonth",
                                                         "xsd:gYear"}


def test_export_writes_a_void_description_of_the_dataset(seed_export: Path,
                                                          seed_store: Path) -> None:
    graph = rdflib.Graph().parse(seed_export / "void.ttl")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    (dataset,) = graph.subjects(rdflib.RDF.type, void.Dataset)
    with opened(seed_store) as s:
        assert int(graph.value(dataset, void.triples)) == len(s)
    visits = next(p for p in graph.objects(dataset, void.classPartition)
                  if str(graph.value(p, void["class"])).endswith("#Visit"))
    assert int(graph.value(visits, void.entities)) > 0
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    assert len(list(graph.objects(dataset, dcat.distribution))) == len(export.FORMATS)


def test_export_jsonld_writes_every_iri_of_the_graph_under_its_familys_prefix(
        seed_export: Path) -> None:
    import json

    from jmgraph.rdf.vocab import ID_NS, JM_NS, jsonld_prefixes

    data = json.loads((seed_export / "jmgraph.jsonld").read_text(encoding="utf-8"))
    context = data.pop("@context")
    assert {context[p] for p in ("countries", "offices", "person", "doc", "graph", "visit",
                                 "holding", "jm")} <= set(jsonld_prefixes().values())
    body = json.dumps(data, ensure_ascii=False)
    assert ID_NS not in body and JM_NS not in body            # no IRI of ours left whole
    for compact in ('"destination": "countries:mongolia"', '"office": "offices:mongolia/',
                    '"@id": "doc:', '#char=', '"@id": "graph:visit/', '"status": "Occurred"',
                    '"officeKind": "HeadOfState"', '"@id": "person:elbegdorj"'):
        assert compact in body, compact
