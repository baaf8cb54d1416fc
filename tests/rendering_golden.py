"""The golden corpus of the rendering: a few documents built by hand (no spaCy) that state
every kind of fact with every field the graphs render (dates of each precision, undated
events, statuses, offices of each kind, places, a meeting during a visit, milestones,
amounts, a page's URL...), rendered as ``build`` renders a corpus: each document's graph
from its part (``partition``), every fact's description.

``tests/golden/rendering.nq`` holds its N-Quads, and ``tests/golden/rendering-versions.txt``
the digest of them under each ``rdf.render.RENDERING_VERSION`` there has been
(``tests/rdf/test_render.py`` checks both).  A change of the code that makes graphs changes
them: then bump ``RENDERING_VERSION`` (a store's graphs are made again by its next ``add``)
and record the new golden graphs with

    .venv/bin/python -m tests.rendering_golden

which refuses to record other graphs under a version that has some.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from jmgraph.dates import DateValue
from jmgraph.extract.model import (
    AgreementFact,
    Capacity,
    DocumentInfo,
    Extraction,
    MeetingFact,
    Milestone,
    VisitFact,
)
from jmgraph.rdf.graphs import canonical_nquads
from jmgraph.rdf.render import RENDERING_VERSION, descriptions, document_graphs
from jmgraph.resolve.corpus import resolve
from jmgraph.resolve.partition import parts

from .factories import Doc

GOLDEN = Path(__file__).resolve().parent / "golden"
NQUADS = GOLDEN / "rendering.nq"
VERSIONS = GOLDEN / "rendering-versions.txt"

PM_JP = Capacity("Prime Minister", "japan")
PRESIDENT_MN = Capacity("President", "mongolia")
FM_MN = Capacity("Minister for Foreign Affairs", "mongolia")
AMBASSADOR = Capacity("Ambassador", "mongolia", former=True)
JICA = Capacity("President", None, "JICA")


def corpus() -> list[Extraction]:
    """The golden corpus: three documents sharing persons and facts, and one stating none."""
    a = Doc("a", DateValue(2016, 9, 1))
    a.x.document.url = "https://example.org/news/2016/09/01/visit.html"
    abe = a.person("Shinzo Abe", key="Abe", capacity=PM_JP)
    a.person("Prime Minister Abe", key="Abe", same_as=abe)
    elbeg = a.person("Tsakhia Elbegdorj", key="Elbegdorj", capacity=PRESIDENT_MN)
    a.x.visits.append(VisitFact([elbeg], "japan", DateValue(2016, 8, 28),
                                DateValue(2016, 8, 31), "occurred", a.evidence("A visit."),
                                place="Tokyo", capacities={elbeg: PRESIDENT_MN}))
    a.x.meetings.append(MeetingFact([abe, elbeg], DateValue(2016, 8, 29),
                                    a.evidence("They held talks."), kind="summit meeting",
                                    place="Tokyo", visit=0))
    a.partnership("Strategic Partnership", DateValue(2010, 11))
    a.x.agreements.append(AgreementFact(
        "Economic Partnership Agreement", "treaty", a.evidence("The EPA was signed."),
        [Milestone("signed", DateValue(2015, 2, 10)), Milestone("in force", DateValue(2016, 6),
                                                                "planned")],
        parties=["japan", "mongolia"], signatories=[abe, elbeg]))

    b = Doc("b", DateValue(2017))
    sato = b.person("Sato Kenji", key="Sato", capacity=FM_MN)
    b.person("Bat Erdene", key="Erdene", capacity=AMBASSADOR)
    b.person("Ichiro Tanaka", key="Tanaka", capacity=JICA)
    b.person("the Crown Prince", title_only=True)
    abe_b = b.person("Abe", key="Abe", capacity=PM_JP)
    b.visit([abe_b], "mongolia", None)                               # undated
    b.visit([sato], "japan", DateValue(2017, 5), status="planned")
    b.x.meetings.append(MeetingFact([sato, abe_b], None, b.evidence("They met."),
                                    status="cancelled"))
    b.partnership("Strategic Partnership for Peace and Prosperity", None)
    b.x.agreements.append(AgreementFact(
        "Exchange of Notes on a yen loan", "exchange of notes", b.evidence("Notes."),
        [Milestone("agreed in principle", None)], parties=["japan", "mongolia"],
        amount="25000000000", currency="JPY"))

    c = Doc("c")
    c.x.document.url = "https://example.org/analysis"
    elbeg_c = c.person("Elbegdorj", key="Elbegdorj")
    c.visit([elbeg_c], "japan", DateValue(2016, 8), status="postponed")
    c.agreement("Economic Partnership Agreement", "treaty", "negotiation launched",
                DateValue(2012, 3))

    d = Extraction(DocumentInfo("d", "sub/d e.txt", "1" * 64, "Nothing said", None, "none"))
    return [a.x, b.x, c.x, d]


def render() -> bytes:
    """The graphs of the golden corpus as canonical N-Quads."""
    r = resolve(corpus())
    quads = [q for doc_id, p in parts(r) for q in document_graphs(p).get(doc_id, [])]
    quads += [q for _, described in descriptions(r) for q in described]
    return canonical_nquads(quads)


def recorded() -> dict[int, str]:
    """Rendering version -> the digest of the golden graphs recorded under it."""
    lines = VERSIONS.read_text(encoding="utf-8").splitlines() if VERSIONS.is_file() else []
    return {int(v): digest for v, digest in (line.split() for line in lines if line.strip())}


def digest(nquads: bytes) -> str:
    return hashlib.sha256(nquads).hexdigest()


def main() -> None:
    nquads = render()
    versions = recorded()
    known = versions.get(RENDERING_VERSION)
    if known is not None and known != digest(nquads):
        sys.exit(f"the golden graphs changed under rendering version {RENDERING_VERSION}: "
                 "bump RENDERING_VERSION in src/jmgraph/rdf/render.py, then record them again")
    GOLDEN.mkdir(exist_ok=True)
    NQUADS.write_bytes(nquads)
    versions[RENDERING_VERSION] = digest(nquads)
    VERSIONS.write_text("".join(f"{v} {d}\n" for v, d in sorted(versions.items())),
                        encoding="utf-8")
    print(f"recorded {NQUADS} under rendering version {RENDERING_VERSION}")


if __name__ == "__main__":
    main()
