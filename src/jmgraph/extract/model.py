"""Plain data for what one document states: mentions and facts, before resolution.

Everything here is JSON-serialisable (``to_json``/``from_json``) so that a document's
extraction can be cached beside the store and re-resolved with the rest of the corpus.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cache

from ..dates import DateValue
from ..plain import to_plain


@dataclass(frozen=True)
class Evidence:
    """The sentence (or table line) a fact was read from; one object for all the facts of
    a sentence (``compact``), so never changed."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Capacity:
    """An office as a text names it: role, state or organisation, and whether former."""

    role: str
    country: str | None = None       # country key ("japan")
    organisation: str | None = None  # name of a non-state body
    former: bool = False


@dataclass
class PersonMention:
    mid: str                          # unique within the document: "p3"
    name: str                         # the name as written, without titles
    words: list[str]                  # name words, normalised case ("Motegi", "Toshimitsu")
    key: str | None                   # the referring name when the text shows it
    initials: list[str] = field(default_factory=list)
    gender: str | None = None
    royal: str | None = None          # a royal title that is part of the name ("Prince")
    capacity: Capacity | None = None
    title_only: bool = False          # "the Crown Prince": a title standing for a person
    sentence: int = 0
    start: int = 0                    # character offsets of the whole mention
    end: int = 0
    weak: bool = False                # only the statistical NER vouches for it
    same_as: str | None = None        # the first mention of the same person in the document
    evidence: Evidence | None = None  # the sentence it stands in


@dataclass
class OfficeFact:
    person: str                       # PersonMention.mid
    capacity: Capacity
    date: DateValue | None
    evidence: Evidence


@dataclass
class VisitFact:
    visitors: list[str]
    destination: str                  # country key
    start: DateValue | None
    end: DateValue | None
    status: str                       # "occurred" | "planned" | "postponed" | "cancelled"
    evidence: Evidence
    place: str | None = None
    capacities: dict[str, Capacity] = field(default_factory=dict)


@dataclass
class MeetingFact:
    participants: list[str]
    date: DateValue | None
    evidence: Evidence
    kind: str = "meeting"
    place: str | None = None
    status: str = "occurred"
    visit: int | None = None          # index into Extraction.visits


@dataclass
class PartnershipFact:
    label: str
    parties: list[str]
    date: DateValue | None
    evidence: Evidence


@dataclass
class Milestone:
    stage: str                        # "signed", "agreed in principle", ...
    date: DateValue | None
    status: str = "occurred"


@dataclass
class AgreementFact:
    label: str
    kind: str
    evidence: Evidence
    milestones: list[Milestone] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    amount: str | None = None         # decimal as text
    currency: str | None = None
    aliases: list[str] = field(default_factory=list)
    generic: bool = False             # "the exchange of notes": names no instrument by itself


@dataclass
class DocumentInfo:
    doc_id: str
    file_name: str
    sha256: str
    title: str
    date: DateValue | None
    date_source: str
    url: str | None = None            # the page's address, from the file's header
    source: str | None = None         # the outlet the header names


@dataclass
class Extraction:
    document: DocumentInfo
    persons: list[PersonMention] = field(default_factory=list)
    offices: list[OfficeFact] = field(default_factory=list)
    visits: list[VisitFact] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    partnerships: list[PartnershipFact] = field(default_factory=list)
    agreements: list[AgreementFact] = field(default_factory=list)

    def to_json(self) -> dict:
        return to_plain(self)  # type: ignore[return-value]

    @classmethod
    def from_json(cls, data: dict) -> Extraction:
        return _decode(cls, data)


Decoder = typing.Callable[[object], object]


def _identity(value: object) -> object:
    return value


@cache
def _decoder(hint: object) -> Decoder:
    """A function turning JSON data back into a value of type HINT, made once per type (the
    types are read once, not once per value: decoding the cache of a large corpus is what
    ``add`` spends its time on)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        item = _decoder(inner[0])
        return lambda v: None if v is None else item(v)
    if origin is list:
        (arg,) = typing.get_args(hint)
        item = _decoder(arg)
        return _identity if item is _identity else lambda v: [item(x) for x in v]
    if origin is dict:
        _, arg = typing.get_args(hint)
        item = _decoder(arg)
        return lambda v: {k: item(x) for k, x in v.items()}
    if hint is DateValue:
        return lambda v: DateValue(**v)
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        cls = hint
        fields_ = {name: _decoder(t) for name, t in typing.get_type_hints(cls).items()}
        return lambda v: cls(**{k: fields_[k](x) for k, x in v.items()})
    return _identity


def _decode(cls: type, data: dict | None) -> object:
    return None if data is None else _decoder(cls)(data)
