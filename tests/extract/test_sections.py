from __future__ import annotations

from pathlib import Path

import pytest

from jmgraph.extract import sections
from jmgraph.extract.documents import extract_documents
from jmgraph.ingest import annotate
from jmgraph.ingest.read import make_document

from ..conftest import SEEDS

pytestmark = pytest.mark.slow


def test_sections_a_long_document_is_read_in_sections_joined_at_its_offsets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8").strip() + "\n\n"
    [alone] = extract_documents([make_document("a.txt", seed.encode())])
    monkeypatch.setattr(annotate, "CHUNK_CHARS", len(seed))
    monkeypatch.setattr(sections, "CHUNK_CHARS", len(seed))
    document = make_document("a.txt", (seed * 3).encode())
    assert [offset for _, offset, _ in sections.sections(document)] == [0, len(seed),
                                                                         2 * len(seed)]
    [x] = extract_documents([document])
    # each section says what the text says alone, at its own offsets
    assert len(x.persons) == 3 * len(alone.persons) and len(x.visits) == 3 * len(alone.visits)
    assert len(x.meetings) == 3 * len(alone.meetings)
    third = x.persons[2 * len(alone.persons):]
    assert [(p.start - 2 * len(seed), p.name) for p in third] == [
        (p.start, p.name) for p in alone.persons]
    for fact in (*x.persons, *x.offices, *x.visits, *x.meetings, *x.agreements):
        e = fact.evidence
        assert e is None or document.text[e.start:e.end] == e.text
    mids = [p.mid for p in x.persons]
    assert len(set(mids)) == len(mids)
    referred = {m for v in x.visits for m in v.visitors} | {
        m for mt in x.meetings for m in mt.participants} | {o.person for o in x.offices} | {
        p.same_as for p in x.persons}
    assert referred <= set(mids)
    assert all(m.visit is None or x.visits[m.visit].evidence.start // len(seed)
               == m.evidence.start // len(seed) for m in x.meetings)


def test_sections_a_short_document_is_one_section() -> None:
    document = make_document("a.txt", Path(sorted(SEEDS.glob("*.txt"))[0]).read_bytes())
    assert sections.sections(document) == [(document, 0, 0)]
