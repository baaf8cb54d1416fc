"""Meetings: "A met (with) B", "A held a meeting / talks with B", "talks between A and B",
"A paid a courtesy call on B"; one meeting per counterpart unless the text says they met
together; dated from the sentence, else from the visit it took place during."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import reference
from .context import DocContext, date_near, tense_of
from .events import event_status, subjects_of
from .model import MeetingFact, VisitFact
from .persons import person_for

MEETING_NOUNS = {
    "meeting": "meeting", "talks": "talks", "talk": "talks", "summit": "summit",
    "call": "courtesy call", "audience": "audience", "lunch": "working lunch",
    "dinner": "dinner", "conversation": "telephone talks", "consultation": "consultations",
    "consultations": "consultations", "dialogue": "dialogue",
}
HOLD_VERBS = frozenset({"hold", "have", "pay", "conduct", "attend", "host"})
KIND_WORDS = [
    ("telephone talks", re.compile(r"\btele(?:phone|conference)\b|\bphone (?:call|talk)", re.I)),
    ("video conference", re.compile(r"\bvideo(?:conference| conference| call)|\bonline\b", re.I)),
    ("courtesy call", re.compile(r"\bcourtesy call", re.I)),
    ("summit", re.compile(r"\bsummit\b", re.I)),
    ("foreign ministers' meeting", re.compile(r"\bforeign ministers['’]? meeting", re.I)),
    ("working meal", re.compile(r"\bworking (?:lunch|dinner|breakfast)", re.I)),
    ("audience", re.compile(r"\baudience\b", re.I)),
]
TOGETHER = re.compile(r"\b(together|jointly|trilateral|three-way)\b", re.I)


def _objects_with(ctx: DocContext, token: Token) -> list[str]:
    """Persons under "with"/"on" preps of TOKEN (the whole subtree: lists, "including")."""
    people: list[str] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "on", "between"):
            for t in child.subtree:
                if t.lower_ in ("he", "she", "his", "her", "him"):
                    continue
                for p in person_for(ctx, t):
                    if p not in people:
                        people.append(p)
        elif child.dep_ == "dobj" and token.lemma_ in ("meet", "receive") and \
                _receives_people(ctx, child):
            for t in child.subtree:
                for p in person_for(ctx, t):
                    if p not in people:
                        people.append(p)
    return people


# Nouns for those one meets or receives ("received a delegation led by ..."); any other
# common noun is a thing received ("a letter from ...", "an award"), not a meeting.
PARTY_NOUNS = frozenset({
    "delegation", "ambassador", "envoy", "minister", "president", "speaker", "chairman",
    "chairperson", "governor", "mayor", "member", "leader", "representative", "team",
    "group", "head", "official", "counterpart", "guest", "secretary", "emperor", "prince",
    "princess", "premier", "lawmaker", "legislator", "parliamentarian", "dignitary", "mission",
})


def _receives_people(ctx: DocContext, obj: Token) -> bool:
    """The object of "met"/"received" is a person, a title, a party of people or a call
    ("received a courtesy call from ...")."""
    lemma = obj.lemma_.lower()
    return obj.pos_ != "NOUN" or lemma in PARTY_NOUNS or lemma in MEETING_NOUNS or \
        bool(person_for(ctx, obj))


def _titled_object(token: Token) -> bool:
    """The verb's object is a title ("received Ambassador ..."), not a thing ("a letter")."""
    return any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in token.children)


def _persons_after(ctx: DocContext, token: Token, sent: Span) -> list[str]:
    """Every person named after TOKEN in its sentence ("met with A, B, as well as C")."""
    people: list[str] = []
    for t in sent:
        if t.i > token.i:
            for p in person_for(ctx, t):
                if p not in people:
                    people.append(p)
    return people


def find_meetings(ctx: DocContext, visits: list[VisitFact]) -> list[MeetingFact]:
    meetings: list[MeetingFact] = []
    triggers = ctx.tokens_where(lemmas={"meet", "receive", *MEETING_NOUNS})
    for sent, tokens in ctx.by_sentence(triggers):
        for tok in tokens:
            lemma = tok.lemma_.lower()
            kind = None
            hosts: list[str] = []
            guests: list[str] = []
            anchor = tok
            if tok.pos_ in ("VERB",) and lemma in ("meet", "receive"):
                hosts = subjects_of(ctx, tok)
                guests = _objects_with(ctx, tok)
                if any(c.lower_ == "with" for c in tok.children) or \
                        (not guests and _titled_object(tok)):
                    # "met with A, B and C"; "received Japanese Ambassador to Mongolia A"
                    # (the parser hangs the name under "to")
                    guests += [p for p in _persons_after(ctx, tok, sent)
                               if p not in guests and p not in hosts]
                kind = "meeting"
                if not guests and len(hosts) >= 2:     # "A and B met"
                    hosts, guests = hosts[:1], hosts[1:]
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in MEETING_NOUNS:
                if lemma == "call" and not any(c.lower_ == "courtesy" for c in tok.children):
                    continue
                head = tok.head
                kind = MEETING_NOUNS[lemma]
                guests = _objects_with(ctx, tok)
                if tok.dep_ in ("dobj", "attr") and head.lemma_ in HOLD_VERBS:
                    hosts = subjects_of(ctx, head)
                    guests = guests or _objects_with(ctx, head)
                    anchor = head
                    with_ = next((c for c in tok.children if c.lower_ == "with"), None)
                    if not guests and with_ is not None:
                        # "held talks with Director-General of ... Mr. X": the parser
                        # hangs X outside the "with" phrase, titled there
                        guests = [p for p in _persons_after(ctx, with_, sent) if p not in hosts]
                elif not guests:
                    continue
                if not guests and not hosts:
                    continue
                if len(guests) >= 2 and not hosts and any(
                        c.lower_ == "between" for c in tok.children):
                    hosts, guests = guests[:1], guests[1:]
                if not guests and len(hosts) >= 2:     # "A and B held talks"
                    hosts, guests = hosts[:1], hosts[1:]
            if not kind or not hosts or not guests:
                continue
            tense = tense_of(anchor)
            when = date_near(ctx, anchor, sent, tense)
            visit_index = _during_visit(ctx, anchor, visits, hosts + guests)
            date = when.start if when else None
            if date is None and visit_index is None:
                visit_index = _only_visit_of(visits, hosts + guests)
            if date is None and visit_index is not None:
                date = visits[visit_index].start
            status = event_status(anchor, date, ctx)
            place = _place(anchor)
            kind = next((m.group(0).lower() if k == "working meal" else k
                         for k, pattern in KIND_WORDS if (m := pattern.search(sent.text))), kind)
            pairs = [[*hosts, *guests]] if TOGETHER.search(sent.text) else \
                [[h, g] for h in hosts[:1] for g in guests if g != h]
            for people in pairs:
                if len(set(people)) < 2:
                    continue
                meetings.append(MeetingFact(
                    participants=people, date=date, evidence=ctx.evidence(sent), kind=kind,
                    place=place, status=status, visit=visit_index))
    return _merge(meetings)


def _during_visit(ctx: DocContext, token: Token, visits: list[VisitFact],
                  people: list[str]) -> int | None:
    sent = token.sent
    if not re.search(r"\b(during|on the occasion of|while)\b", sent.text, re.I):
        return None
    for i, v in enumerate(visits):
        if set(v.visitors) & set(people):
            return i
    return None


def _only_visit_of(visits: list[VisitFact], people: list[str]) -> int | None:
    """An undated meeting in a text about one dated visit by a participant: on that visit."""
    found = [i for i, v in enumerate(visits)
             if v.start is not None and v.status == "occurred" and set(v.visitors) & set(people)]
    return found[0] if len(found) == 1 else None


def _place(token: Token) -> str | None:
    for t in token.subtree:
        if t.ent_type_ == "GPE" and reference.country_of_city(t.text):
            return t.text
    return None


def _merge(meetings: list[MeetingFact]) -> list[MeetingFact]:
    merged: list[MeetingFact] = []
    for m in meetings:
        twin = next((x for x in merged if set(x.participants) == set(m.participants)
                     and (x.date is None or m.date is None or x.date.compatible(m.date))), None)
        if twin is None:
            merged.append(m)
        elif twin.date is None or (m.date and m.date.precision == "day"):
            twin.date = m.date or twin.date
    return merged
