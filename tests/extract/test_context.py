"""The document context's sentences are spaCy's own, read faster."""

from __future__ import annotations

import pytest

from jmgraph.extract.context import sentences
from jmgraph.ingest.annotate import annotate_many
from jmgraph.ingest.read import corpus_files, read_document

from ..conftest import SEEDS

TEXTS = [
    "One sentence with no full stop",
    "The President arrived on 3 May. He met the Prime Minister.\n\nTable:\n2019.05 Visit",
    "H.E. Mr. Ts. Elbegdorj, President of Mongolia, visited Tokyo.\r\nThe talks went well.",
]


@pytest.mark.slow
def test_sentences_are_the_docs_own() -> None:
    texts = TEXTS + [read_document(p).text for p in corpus_files(SEEDS)]
    for doc in annotate_many(texts):
        assert [(s.start, s.end) for s in sentences(doc)] == \
            [(s.start, s.end) for s in doc.sents]
