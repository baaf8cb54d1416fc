"""Small builders of extraction data for tests of the later stages (no spaCy needed)."""

from __future__ import annotations

from jmgraph.dates import DateValue
from jmgraph.extract.model import (
    AgreementFact,
    Capacity,
    DocumentInfo,
    Evidence,
    Extraction,
    MeetingFact,
    Milestone,
    OfficeFact,
    PartnershipFact,
    PersonMention,
    VisitFact,
)


class Doc:
    """Builds one document's Extraction, mention by mention."""

    def __init__(self, doc_id: str, date: DateValue | None = None) -> None:
        self.x = Extraction(DocumentInfo(doc_id, f"{doc_id}.txt", "0" * 64, f"Title {doc_id}",
                                         date, "dateline" if date else "none"))
        self.offset = 0

    def evidence(self, text: str = "A sentence.") -> Evidence:
        e = Evidence(self.x.document.doc_id, self.offset, self.offset + len(text), text)
        self.offset += len(text) + 1
        return e

    def person(self, name: str, key: str | None = None, initials: tuple[str, ...] = (),
               capacity: Capacity | None = None, same_as: str | None = None,
               title_only: bool = False, royal: str | None = None) -> str:
        mid = f"p{len(self.x.persons) + 1}"
        words = [w for w in name.replace(".", " ").split() if len(w) > 2 or w.isupper()]
        if initials:
            words = [w for w in words if w not in initials]
        e = self.evidence(name)
        self.x.persons.append(PersonMention(
            mid=mid, name=name, words=words, key=key, initials=list(initials),
            capacity=capacity, same_as=same_as or mid, title_only=title_only, royal=royal,
            start=e.start, end=e.end, evidence=e))
        if capacity and not title_only:
            self.x.offices.append(OfficeFact(mid, capacity, None, e))
        return mid

    def visit(self, visitors: list[str], destination: str, start: DateValue | None,
              status: str = "occurred", capacities: dict[str, Capacity] | None = None) -> None:
        self.x.visits.append(VisitFact(visitors, destination, start, None, status,
                                       self.evidence("A visit."), capacities=capacities or {}))

    def meeting(self, participants: list[str], date: DateValue | None) -> None:
        self.x.meetings.append(MeetingFact(participants, date, self.evidence("A meeting.")))

    def partnership(self, label: str, date: DateValue | None) -> None:
        self.x.partnerships.append(PartnershipFact(label, ["japan", "mongolia"], date,
                                                   self.evidence(label)))

    def agreement(self, label: str, kind: str, stage: str, date: DateValue | None,
                  signatories: list[str] | None = None) -> None:
        self.x.agreements.append(AgreementFact(label, kind, self.evidence(label),
                                               [Milestone(stage, date)],
                                               signatories=signatories or []))
