"""Partnerships: the named levels of the Japan-Mongolia relationship and when each began
("In 1996 ... building a 'Comprehensive Partnership'", "elevated to a 'Special Strategic
Partnership'", "diplomatic relations ... were established on February 24, 1972").
An "Economic Partnership Agreement" is an agreement, not a level."""

from __future__ import annotations

import re

from spacy.tokens import Span

from .. import reference
from ..dates import MONTH_RE, YEAR_RE
from .context import DocContext, date_here_or_before
from .model import PartnershipFact

BILATERAL = reference.pair()
LEVEL = re.compile(
    r"(?P<label>(?:(?:[A-Z][a-z]+|and)[ -])*?(?:[A-Z][a-z]+ )*Partnership"
    r"(?: for (?:[A-Z][a-z]+)(?: and [A-Z][a-z]+)?)?)(?! Agreement)(?!\w)")
# Levels written in lower case ("upgrade ties to a special strategic partnership"): only
# the words that name a level, so that "a partnership in education" is none.
LEVEL_WORDS = ("special", "comprehensive", "strategic", "global", "extended", "expanded",
               "enhanced", "extensive", "all-round", "mutually beneficial")
LEVEL_LOWER = re.compile(
    rf"(?P<label>(?:(?:{'|'.join(LEVEL_WORDS)})\s+)+partnership"
    r"(?:\s+for\s+peace\s+and\s+prosperity)?)(?!\s+agreement)(?!\w)", re.I)
RELATIONS = re.compile(r"\bdiplomatic (?:relations|relationships?|ties)\b", re.I)
BEGIN = re.compile(
    r"\b(establish\w*|set out|set up|identified|launch\w*|elevat\w*|upgrad\w*|rais\w*|"
    r"agreed to (?:build|develop|establish)|agree[ds]? on|building|became|become|announced|"
    r"signed|"
    r"entered|start\w*|began|begun|concurred|formed|declared)\b", re.I)
# An entry of a timeline, "- November 2010: ... 'Strategic Partnership'.": what it names
# happened on its date
TIMELINE_ENTRY = re.compile(rf"^\s*(?:[-•*–]\s*)?(?:\d{{1,2}}\s+)?(?:{MONTH_RE}\s+)?"
                            rf"(?:\d{{1,2}},?\s+)?{YEAR_RE}\s*:", re.I)
# "his will to establish", "hopes to build": an intention, not a beginning
INTENT_BEFORE = re.compile(r"\b(?:will|wish\w*|hope\w*|desire\w*|intention|intend\w*|aim\w*|"
                           r"plan\w*|seek\w*|want\w*)\s+to\s+$", re.I)
# "strengthen their strategic partnership": a level that exists already
EXISTING_BEFORE = re.compile(r"\b(?:strengthen\w*|deepen\w*|enhanc\w*|expand\w*|further|"
                             r"existing|promot\w*|advanc\w*)\s+(?:the\s+|their\s+|our\s+|its\s+|"
                             r"bilateral\s+|[“\"])*$", re.I)
# "elevate their 'strategic partnership' to higher levels": a level they have
OWNED_BEFORE = re.compile(r"\b(?:their|our|its)\s+[“\"]?$", re.I)
ANNIVERSARY = re.compile(r"\banniversary of\b", re.I)
ANNIVERSARY_BEFORE = re.compile(r"anniversary of (?:the )?$", re.I)
GENERIC = {"partnership", "new partnership", "the partnership"}


def _parties(ctx: DocContext, sent: Span) -> list[str] | None:
    named = []
    for ent in ctx.ents(sent):
        if ent.label_ in ("GPE", "NORP", "ORG"):
            for part in re.split(r"[-–]", ent.text):
                c = reference.country_any(part.strip())
                if c and c.key not in named:
                    named.append(c.key)
    for word in re.findall(r"Japan|Mongolia", sent.text):
        c = reference.country_any(word)
        if c and c.key not in named:
            named.append(c.key)
    if named and not set(named) <= set(BILATERAL):
        others = set(named) - set(BILATERAL)
        # "between Russia and Mongolia": another relationship
        if re.search(r"between\s+\w+\s+and\s+\w+", sent.text) and others:
            return None
    text = ctx.document.text
    if "Japan" in text and "Mongolia" in text:
        return list(BILATERAL)
    return None


def find_partnerships(ctx: DocContext) -> list[PartnershipFact]:
    found: list[PartnershipFact] = []
    for sent in ctx.sentences:
        text = ctx.text(sent)
        if "artnership" not in text and not RELATIONS.search(text):
            continue
        labels: list[tuple[str, int]] = []
        for m in LEVEL.finditer(text):
            label = m.group("label").strip()
            label = re.sub(r"^(?:The|A|An|New|Japan|Mongolia|Building|Developing)\s+", "", label)
            if label.lower() in GENERIC or not label[0].isupper():
                continue
            if re.search(r"Economic Partnership$", label) and \
                    text[m.end():m.end() + 12].strip().startswith(("Agreement", "(EPA")):
                continue
            labels.append((_fix_case(label), m.start()))
        for m in LEVEL_LOWER.finditer(text):
            if not m.group("label").endswith("Partnership"):    # capitalised: read above
                labels.append((_fix_case(re.sub(r"\s+", " ", m.group("label"))), m.start()))
        if RELATIONS.search(text):
            labels.append(("Diplomatic Relations", RELATIONS.search(text).start()))
        if not labels:
            continue
        parties = _parties(ctx, sent)
        if parties is None:
            continue
        begins = TIMELINE_ENTRY.match(text) is not None or any(
            not ANNIVERSARY_BEFORE.search(text[max(0, b.start() - 30):b.start()])
            and not INTENT_BEFORE.search(text[max(0, b.start() - 40):b.start()])
            for b in BEGIN.finditer(text))
        when = date_here_or_before(ctx, sent, "past") if begins else None
        if when is None and begins and ctx.discourse is not None:
            when = ctx.discourse.context_date(sent, "past", "partnership")
        left = _left_behind(text)
        anniversary = ANNIVERSARY.search(text)
        for label, pos in labels:
            if left is not None and left[0] <= pos < left[1]:
                continue                 # "elevate ... from a 'Comprehensive Partnership' to"
            if EXISTING_BEFORE.search(text[max(0, pos - 40):pos]) or \
                    OWNED_BEFORE.search(text[max(0, pos - 12):pos]):
                continue                 # "to strengthen their strategic partnership": it was
            # "the 50th anniversary of ... diplomatic relations": not when they began
            date = when.start if when and not (anniversary and anniversary.start() < pos
                                               and pos - anniversary.end() < 60) else None
            if label == "Diplomatic Relations" and date is None:
                continue
            found.append(PartnershipFact(label=label, parties=parties, date=date,
                                         evidence=ctx.evidence(sent)))
    return found


# "elevate their relations from a 'Comprehensive Partnership' to a 'Strategic Partnership'":
# the level left behind is not one that begins
FROM_LEVEL = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?[“\"]?[^“”\"]{3,80}?[”\"]?\s+to\s+", re.I)


def _left_behind(text: str) -> tuple[int, int] | None:
    m = FROM_LEVEL.search(text)
    return (m.start(), m.end()) if m and "artnership" in m.group(0) else None


def _fix_case(label: str) -> str:
    words = label.split()
    return " ".join(w if w in ("for", "and", "of") else w[:1].upper() + w[1:] for w in words)
