"""Random and mutated input: the reader and extractors never crash, and the graph they
produce always passes SHACL."""

from __future__ import annotations

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmgraph.errors import InputError
from jmgraph.extract import extract
from jmgraph.ingest.annotate import annotate
from jmgraph.ingest.read import make_document
from jmgraph.outputs import validate
from jmgraph.rdf.render import to_quads
from jmgraph.resolve.corpus import resolve

from .conftest import ROOT, examples

PIECES = [
    "On May 3, Mr. TANAKA Hiroshi, Minister for Foreign Affairs of Japan, held talks with "
    "H.E. Ms. Oyunaa BAYARMAA, Minister for Foreign Affairs of Mongolia, who is visiting Japan.",
    "Prime Minister Sato's visit to Mongolia in August 2016.",
    "From Mongolia to Japan\n1996.05 President P. OCHIRBAT\n2003.11 Minister for Foreign "
    "Affairs L.ERDENEBAT",
    "In 2008, the two countries elevated relations to a \u201cComprehensive Partnership\u201d.",
    'The two ministers signed the exchange of notes on the "Water Supply Loan" of 5 billion yen.',
    "T.I.H. Prince and Princess HITACHI visited Mongolia. H.I.H. the Crown Prince",
    "ULAANBAATAR, June 12, 2023 (Montsame) -- Premier GANTUMUR will visit Japan next week.",
    "She met with Prime Minister Kenji Sato, Chief Cabinet Secretary Ito Mari and him.",
    "Diplomatic relations were established on February 24, 1972.",
]
NOISE = st.sampled_from(["Minister", "visited", "2019.05", "Japan", "\u201c", "(", ")", ",",
                         "\n", "\n\n", "Mr.", "S.", "the", "and", "on Friday", "last November",
                         "Ulaanbaatar", "EPA", "signed", "\u00e9", "\u2014", "  ", "ABE"])


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    words = " ".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))).split(" ")
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["insert", "delete", "swap"]))
        i = draw(st.integers(0, max(0, len(words) - 1)))
        if op == "insert":
            words.insert(i, draw(NOISE))
        elif op == "delete" and len(words) > 1:
            del words[i]
        elif op == "swap" and i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
    return draw(st.sampled_from(["", "May 1, 2020\n", "Relations\n\n"])) + " ".join(words)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return validate.load_shapes(ROOT / "ontology" / "shapes.ttl")


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_reader_takes_any_bytes(data: bytes) -> None:
    try:
        document = make_document("fuzz.txt", data)
    except InputError as err:
        assert "fuzz.txt" in str(err)
        return
    assert document.text.strip()


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated_text(), min_size=1, max_size=3))
def test_fuzz_mutated_texts_give_a_valid_graph(shapes: rdflib.Graph, texts: list[str]) -> None:
    extractions = []
    for i, text in enumerate(texts):
        try:
            document = make_document(f"d{i}.txt", text.encode("utf-8"))
        except InputError:
            continue
        extractions.append(extract(document, annotate(document.text)))
    triples = [q.triple for quads in to_quads(resolve(extractions)).values() for q in quads]
    conforms, violations = validate.validate(validate.data_graph(triples), shapes)
    assert conforms, [str(v) for v in violations]
