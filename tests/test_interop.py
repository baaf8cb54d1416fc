"""The exports proven in Apache Jena: a tool nobody here wrote parses every format, reads
the same graph, answers every saved query as Oxigraph does, and agrees on SHACL."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from jmgraph.ingest.read import document_id
from jmgraph.outputs import export
from jmgraph.query import queries
from jmgraph.rdf.graphs import graph_iri
from jmgraph.store.local import opened

from .conftest import ROOT, SHARED, answer_rows, saved_query_answer

JENA = SHARED / "tools" / "jena"
pytestmark = [pytest.mark.interop, pytest.mark.slow,
              pytest.mark.skipif(not JENA.is_file(), reason="../shared/tools/jena is not here")]
JENA_SYNTAX = {"turtle": "TURTLE", "ntriples": "N-TRIPLE", "rdfxml": "RDF/XML"}


def jena(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(JENA), *args], capture_output=True, text=True, timeout=600)


def _path(folder: Path, fmt: str) -> Path:
    return folder / f"jmgraph.{export.FORMATS[fmt].extension}"


def _cell(value: str) -> str:
    """GROUP_CONCAT has no defined order: compare its parts as a sorted list."""
    return " / ".join(sorted(value.split(" / "))) if " / " in value else value


def _quads(nquads: str) -> set[ox.Quad]:
    return set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_interop_jena_validates_and_reads_the_same_graph(seed_export: Path, fmt: str) -> None:
    syntax = ["--syntax=jsonld10"] if fmt == "jsonld" else []
    path = _path(seed_export, fmt)
    checked = jena("riot", "--validate", *syntax, str(path))
    assert checked.returncode == 0 and "ERROR" not in checked.stderr, checked.stderr
    read = jena("riot", "--output=nquads", *syntax, str(path))
    assert read.returncode == 0, read.stderr
    ours = set(ox.parse(path=str(_path(seed_export, "nquads")), format=ox.RdfFormat.N_QUADS))
    if export.FORMATS[fmt].dataset:
        assert _quads(read.stdout) == ours
    else:
        assert {q.triple for q in _quads(read.stdout)} == {q.triple for q in ours}


# Documents named in Japanese and Mongolian, in a folder, with spaces; and their visitors.
OTHER_SCRIPTS = {"日本.txt": "Sato", "モンゴル.txt": "Suzuki", "Улаанбаатар айлчлал.txt": "Tanaka",
                 "sub/Монгол Улс.TXT": "Kato"}


@pytest.fixture(scope="module")
def named_in_other_scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every export of the documents of OTHER_SCRIPTS."""
    from jmgraph import pipeline

    root = tmp_path_factory.mktemp("scripts")
    for name, visitor in OTHER_SCRIPTS.items():
        path = root / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"May 1, 2020\nPrime Minister {visitor} visited Mongolia in April "
                        "2020.\n", encoding="utf-8")
    assert len(pipeline.build(root / "corpus", root / "store").ingested) == 4
    with opened(root / "store") as store:
        export.export_all(store, root / "out")
    return root / "out"


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_interop_jena_reads_documents_named_in_japanese_and_mongolian(
        named_in_other_scripts: Path, fmt: str) -> None:
    syntax = ["--syntax=jsonld10"] if fmt == "jsonld" else []
    path = _path(named_in_other_scripts, fmt)
    checked = jena("riot", "--validate", *syntax, str(path))
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr   # no warning
    read = jena("riot", "--output=nquads", *syntax, str(path))
    ours = set(ox.parse(path=str(_path(named_in_other_scripts, "nquads")),
                        format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name for q in ours} >= {graph_iri(document_id(n)) for n in OTHER_SCRIPTS}
    if export.FORMATS[fmt].dataset:
        assert _quads(read.stdout) == ours
    else:
        assert {q.triple for q in _quads(read.stdout)} == {q.triple for q in ours}


@pytest.mark.parametrize("fmt", ["turtle", "rdfxml"])
def test_interop_jena_rdfdiff_finds_the_triple_formats_equal(seed_export: Path, fmt: str) -> None:
    diff = jena("rdfdiff", str(_path(seed_export, fmt)), str(_path(seed_export, "ntriples")),
                JENA_SYNTAX[fmt], "N-TRIPLE")
    assert "models are equal" in diff.stdout, diff.stdout + diff.stderr


@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_interop_jena_arq_answers_every_saved_query_like_oxigraph(
        seed_store: Path, seed_export: Path, tmp_path: Path, name: str) -> None:
    saved = queries.find(name, ROOT / "queries")
    text = queries.bind(saved, {"person": "Batbold"} if "person" in saved.params else {})
    query_file = tmp_path / f"{name}.rq"
    query_file.write_text(text, encoding="utf-8")
    # the union of the documents' graphs is what the saved queries read
    arq = jena("arq", "--data", str(_path(seed_export, "ntriples")), "--query",
               str(query_file), "--results=json")
    assert arq.returncode == 0, arq.stderr
    result = json.loads(arq.stdout)
    names = result["head"]["vars"]
    theirs = sorted(tuple(_cell(b.get(n, {}).get("value", "")) for n in names)
                    for b in result["results"]["bindings"])
    with opened(seed_store) as s:
        local = queries.run(s.db, text, name)
    ours = sorted(tuple(_cell("" if v is None else v.value) for v in row) for row in local.rows)
    assert theirs == ours


@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_interop_jena_arq_runs_every_saved_query_as_saved_with_its_defaults(
        seed_store: Path, seed_export: Path, name: str) -> None:
    """Each .rq file as it is, no parameter bound, answers in ARQ over the dataset as
    exported (the N-Quads' named graphs, their union as the default graph, as the store
    keeps it) with the rows `jmgraph query NAME` prints with no --param."""
    arq = jena("arq", "--data", str(_path(seed_export, "nquads")),
               "--data", str(_path(seed_export, "ntriples")),
               "--query", str(ROOT / "queries" / f"{name}.rq"), "--results=json")
    assert arq.returncode == 0, arq.stderr
    theirs = json.loads(arq.stdout)
    expected = saved_query_answer(seed_store, name)
    assert expected["results"]["bindings"], f"{name}: its defaults find nothing in the seeds"
    assert theirs["head"]["vars"] == expected["head"]["vars"]

    def rows(answer: dict) -> list[tuple]:
        """GROUP_CONCAT has no defined order, nor rows that ORDER BY ties: as sorted lists"""
        return sorted(tuple((kind, _cell(value), extra) for kind, value, extra in row)
                      for row in answer_rows(answer))

    assert rows(theirs) == rows(expected)


@pytest.mark.parametrize("name", sorted(queries.saved(ROOT / "queries")))
def test_interop_rdflib_answers_every_saved_query_like_oxigraph(
        seed_store: Path, seed_export: Path, name: str) -> None:
    """The saved queries run as they are in rdflib (the RDF library of Python users), on
    the exported graph: the same rows."""
    import rdflib

    saved = queries.find(name, ROOT / "queries")
    text = queries.bind(saved, {"person": "Batbold"} if "person" in saved.params else {})
    graph = rdflib.Graph()
    graph.parse(_path(seed_export, "ntriples"), format="nt")
    theirs = sorted(tuple(_cell("" if v is None else str(v)) for v in row)
                    for row in graph.query(text))
    with opened(seed_store) as s:
        local = queries.run(s.db, text, name)
    ours = sorted(tuple(_cell("" if v is None else v.value) for v in row) for row in local.rows)
    assert theirs == ours


def test_interop_jena_reads_the_ontology_and_shapes() -> None:
    checked = jena("riot", "--validate", str(ROOT / "ontology" / "jm.ttl"),
                   str(ROOT / "ontology" / "shapes.ttl"))
    assert checked.returncode == 0 and "ERROR" not in checked.stderr, checked.stderr


def test_interop_jena_shacl_agrees_with_pyshacl(seed_export: Path) -> None:
    from jmgraph.outputs import validate

    report = jena("shacl", "validate", "--shapes", str(ROOT / "ontology" / "shapes.ttl"),
                  "--data", str(_path(seed_export, "ntriples")))
    assert "sh:conforms  true" in report.stdout, report.stdout
    data = validate.data_graph(list(ox.parse(path=str(_path(seed_export, "ntriples")),
                                             format=ox.RdfFormat.N_TRIPLES)))
    conforms, _ = validate.validate(data, validate.load_shapes(ROOT / "ontology" / "shapes.ttl"))
    assert conforms
