"""An extraction survives its JSON form unchanged, and the form is asdict's."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from jmgraph.extract import extract
from jmgraph.extract.model import Extraction
from jmgraph.ingest.annotate import annotate
from jmgraph.ingest.read import corpus_files, read_document

from ..conftest import SEEDS


@pytest.mark.slow
def test_extractions_round_trip_through_json() -> None:
    for path in corpus_files(SEEDS):
        document = read_document(path)
        x = extract(document, annotate(document.text))
        data = x.to_json()
        assert data == asdict(x)
        assert Extraction.from_json(json.loads(json.dumps(data))) == x
