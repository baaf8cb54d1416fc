"""Meetings: "A met (with) B", "A received B", "A spoke with B", "A held a meeting / talks
with B", "a summit meeting was held between A and B", "A paid a courtesy call on B",
"their talks", "Meeting for 40 minutes, the two leaders agreed ...", "the A-B summit".

Several persons on the side that does the meeting met the other side together ("Emperor X
and Empress Y met with Z": one meeting of three); several on the other side are met one by
one ("met with A, B and C": three meetings), unless the text says they met together.  A
meeting is dated from its sentence, else from the visit it took place during, else from
the discourse around it (``discourse``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Span, Token

from .. import reference
from ..dates import MONTH_RE, DateRange, DateValue, Tense, parse_expression
from ..reference import lexicon
from .context import (
    DocContext,
    clause_verb,
    column_table_rows,
    date_near,
    first_date_in,
    in_year,
    tense_of,
    to_infinitive,
    year_told_by,
)
from .events import event_status, list_lead, subjects_of
from .model import MeetingFact, VisitFact
from .persons import person_for, same_state, state_of

MEETING_NOUNS = reference.rule_table("meeting_nouns")
# Verbs that are a meeting by themselves, and the preposition each needs, if any:
# "met (with)", "received", "spoke with", "talked with", "conferred with", "called on",
# "sat down with".
MEETING_VERBS = reference.rule_table("meeting_verbs")
# What two persons do together only when they meet: "A and B agreed", "the two leaders
# confirmed", "Meeting for an hour, the two leaders signed ...".
JOINT_VERBS = lexicon("joint_verbs")
# Verbs of which a meeting noun is the object: "held talks", "paid a courtesy call".
HOLD_VERBS = reference.rule_words("hold_verbs")
# Words that make a "call" a meeting ("a courtesy call", "a telephone call").
CALL_WORDS = reference.rule_words("call_words")
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
SEPARATELY = re.compile(r"\b(separately|respectively|individually|in turn)\b", re.I)
# The parts of a noun phrase that name other things than its persons: a relative or
# participial clause ("X, who is visiting Japan in the suite of President Y"), an
# adverbial clause, a parenthesis.
NOT_THE_PHRASE = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "xcomp"})
# Persons one meets or receives ("received a delegation led by ..."); any other common
# noun is a thing received ("a letter from ...", "an award"), not a meeting.
PARTY_NOUNS = lexicon("meeting_party_nouns")
# "regular consultations", "annual talks": a standing arrangement, not a meeting
STANDING_WORDS = reference.rule_words("standing_words")
# The prepositions by which a meeting frames the clause that follows ("In talks with X, Y
# agreed ...")
FRAMING_PREPS = reference.rule_words("framing_preps")
# "have met frequently", "met several times": many meetings, none of them told
MANY_TIMES_WORDS = reference.rule_words("many_times_words")
PRONOUN_WORDS = reference.rule_words("pronoun_words")


def phrase_persons(ctx: DocContext, token: Token) -> list[str]:
    """The persons the phrase of TOKEN names: the token, its conjuncts and appositions,
    lists ("A, B and C", "officials including A"), not the persons of clauses inside it."""
    people: list[str] = []
    stack = [token]
    while stack:
        t = stack.pop()
        if t.lower_ in PRONOUN_WORDS and t is not token:
            continue
        for p in person_for(ctx, t):
            if p not in people:
                people.append(p)
        stack.extend(reversed([c for c in t.children if c.dep_ not in NOT_THE_PHRASE]))
    return people


def _prep_persons(ctx: DocContext, token: Token, preps: tuple[str, ...]) -> list[str]:
    """Persons under prepositions PREPS ("with A and B", "between A and B") in TOKEN's own
    phrase: its children, or deeper when the parser hangs the preposition on a word in
    between ("had a meeting at the Prime Minister's Office with X")."""
    people: list[str] = []
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in NOT_THE_PHRASE or child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            continue
        if child.dep_ == "prep" and child.lower_ in preps:
            # "courtesy calls on A and on B": the preposition's conjuncts too
            for prep in (child, *(c for c in child.conjuncts if c.dep_ in ("prep", "conj"))):
                for obj in _objects(prep):
                    people += [p for p in phrase_persons(ctx, obj) if p not in people]
            continue
        if child.dep_ in ("prep", "pobj", "conj"):
            stack.extend(child.children)
    return people


def _objects(prep: Token) -> list[Token]:
    """A preposition's objects; "with visiting President X" is parsed as "visiting" taking X."""
    found = [c for c in prep.children if c.dep_ == "pobj"]
    for comp in (c for c in prep.children if c.dep_ == "pcomp"):
        found += [c for c in comp.children if c.dep_ == "dobj"]
    return found


def _receives_people(ctx: DocContext, obj: Token) -> bool:
    """The object of "met"/"received" is a person, a title, a party of people or a call
    ("received a courtesy call from ...")."""
    lemma = obj.lemma_.lower()
    return obj.pos_ != "NOUN" or lemma in PARTY_NOUNS or lemma in MEETING_NOUNS or \
        bool(person_for(ctx, obj))


def _leaders(ctx: DocContext, party: Token) -> list[str]:
    """Who leads a party received ("a delegation led by X", "a mission headed by X")."""
    return [p for acl in party.children if acl.dep_ == "acl" and acl.lemma_ in LEADING
            for agent in acl.children if agent.dep_ == "agent"
            for obj in _objects(agent) for p in phrase_persons(ctx, obj)]


LEADING = reference.rule_words("leading_verbs")


def _titled_object(token: Token) -> bool:
    """The verb's object is a title ("received Ambassador ..."), not a thing ("a letter")."""
    return any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in token.children)


def _persons_after(ctx: DocContext, token: Token, sent: Span,
                   until_verb: bool = False) -> list[str]:
    """Every person named after TOKEN in its sentence ("met with A, B, as well as C"), or
    only up to the next verb."""
    people: list[str] = []
    for t in sent[token.i - sent.start + 1:]:
        if until_verb and t.pos_ == "VERB":
            break
        people += [p for p in person_for(ctx, t) if p not in people]
    return people


@dataclass
class _Sides:
    """Who met whom at one trigger: HOSTS do the meeting, GUESTS are met; ANCHOR is the
    word whose clause dates it and tells whether it happened."""

    hosts: list[str]
    guests: list[str]
    anchor: Token
    kind: str
    between: bool = False                           # named as "between A and B"
    apart: bool = False                             # "received by A and by B": one by one


def _verb_sides(ctx: DocContext, tok: Token, sent: Span) -> _Sides | None:
    lemma = tok.lemma_.lower()
    needs = MEETING_VERBS[lemma]
    if needs and not any(c.dep_ == "prep" and c.lower_ == needs for c in tok.children):
        return None                               # "spoke of", "called for"
    if tok.dep_ == "amod":
        return None                               # "the meeting room"
    if any(c.lower_ in MANY_TIMES_WORDS for c in tok.children):
        return None                               # "have met frequently since 2012"
    if any(c.dep_ == "neg" for c in tok.children):
        return None                               # "was away and did not meet X"
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children)
    hosts = subjects_of(ctx, tok)
    apart = False
    guests: list[str] = []
    if passive:
        # "X was received by Y", "X was received in audience by Y and Z": Y (and Z) receive
        by = [c for c in tok.children if c.dep_ == "agent" or (c.dep_ == "conj"
                                                               and c.lower_ == "by")]
        by += [d for c in by for d in c.children if d.dep_ == "conj" and d.lower_ == "by"]
        agents = list(dict.fromkeys(p for agent in by for obj in _objects(agent)
                                    for p in phrase_persons(ctx, obj)))
        if agents:
            hosts, guests = agents, [h for h in hosts if h not in agents]
        # "received by A and by B": the preposition said again, each on their own
        apart = len(by) > 1
    for child in tok.children:
        # (the parser may make the one met an adverb: "X met Foreign Minister Y.")
        if (child.dep_ == "dobj" or (child.dep_ == "npadvmod" and child.i > tok.i
                                     and child.i in ctx.token_person)) and \
                lemma in ("meet", "receive") and _receives_people(ctx, child):
            guests += [p for p in phrase_persons(ctx, child) + _leaders(ctx, child)
                       if p not in guests]
    guests += [p for p in _prep_persons(ctx, tok, ("with", "on", "between"))
               if p not in guests]
    if not guests and (any(c.lower_ == "with" for c in tok.children) or _titled_object(tok)):
        # "received Japanese Ambassador to Mongolia A" (the parser hangs A under "to")
        guests = [p for p in _persons_after(ctx, tok, sent) if p not in hosts]
    return _Sides(hosts, [g for g in guests if g not in hosts], tok, "meeting",
                  _says_between(tok), apart)


def _noun_sides(ctx: DocContext, tok: Token, sent: Span) -> _Sides | None:
    lemma = tok.lemma_.lower()
    if lemma == "call" and not any(c.lower_ in CALL_WORDS for c in tok.children):
        return None
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in MEETING_NOUNS:
        return None                               # "summit meeting": the head is the trigger
    if any(c.lower_ in STANDING_WORDS for c in tok.children):
        return None                               # "regular consultations": an institution
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("this", "it", "that") for c in tok.head.children):
        return None             # "this was his fifth meeting with X": the one told already
    if _of_other_states(tok):
        return None                               # "the U.S.-North Korea Summit"
    kind = MEETING_NOUNS[lemma]
    head = tok.head
    guests = _prep_persons(ctx, tok, ("with", "on", "between"))
    hosts: list[str] = []
    anchor = tok
    owner = next((c for c in tok.children if c.dep_ == "poss" or (
        c.lower_ == "two" and any(d.lower_ == "the" for d in tok.children))), None)
    if owner is not None:                 # "their talks", "his meeting with X", "the two held
        hosts = person_for(ctx, owner)    # talks" (parsed as one noun phrase)
    named = [p for c in tok.children if c.dep_ == "compound"
             for p in person_for(ctx, c)]         # "the Abe-Elbegdorj summit"
    if len(named) >= 2 and not hosts:
        hosts = named
    for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in HOLD_VERBS):
        # "the courtesy call paid on him by Minister X": X called on him
        by = [p for a in acl.children if a.dep_ == "agent" for o in _objects(a)
              for p in phrase_persons(ctx, o)]
        if by:
            hosts = hosts or by
            guests = guests + [p for p in _prep_persons(ctx, acl, ("with", "on"))
                               if p not in guests]
    if tok.dep_ in ("dobj", "attr") and head.lemma_.lower() in HOLD_VERBS:
        hosts = hosts or subjects_of(ctx, head)   # "X held talks with Y"
        # "paid calls on A, ..., and on B": the parser may hang the second "on" on the verb
        guests = guests + [p for p in _prep_persons(ctx, head, ("with", "on", "between"))
                           if p not in guests]
        anchor = head
        with_ = next((c for c in tok.children if c.lower_ == "with"), None) or next(
            (t for t in tok.subtree if t.lower_ == "with" and t.i > tok.i), None)
        # ("held a Foreign Ministers' Meeting followed by a working dinner with X")
        if not guests and with_ is not None:
            # "held talks with Director-General of ... Mr. X": the parser hangs X outside
            # the "with" phrase, titled there
            guests = [p for p in _persons_after(ctx, with_, sent) if p not in hosts]
    elif tok.dep_ in ("nsubjpass", "nsubj") and head.lemma_.lower() in HOLD_VERBS | {"take"}:
        # "A summit meeting was held between A and B", "talks took place with X"
        guests = guests or _prep_persons(ctx, head, ("with", "between"))
        anchor = head
    if tok.tag_ == "NNS" and lemma == "call":
        # "paid courtesy calls on A and B, and laid ...": each person named after "on",
        # wherever the parser hangs them, up to the next verb
        on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        if on is not None:
            guests += [p for p in _persons_after(ctx, on, sent, until_verb=True)
                       if p not in guests]
    if not hosts and guests and tok.dep_ == "pobj" and tok.head.lower_ in FRAMING_PREPS and \
            tok.head.head.pos_ in ("VERB", "AUX"):
        # "In separate meetings that day with A and B, X secured ...": the clause's subject
        hosts = [p for p in subjects_of(ctx, tok.head.head) if p not in guests]
    if not hosts and guests:
        # "the summit meeting of Prime Minister X with President Y"
        hosts = [p for p in _prep_persons(ctx, tok, ("of",)) if p not in guests]
    if not hosts and guests:
        hosts = list_lead(ctx, tok)       # "- held official talks with X" under "Minister Y:"
    if not hosts and guests and sent.root.lemma_.lower() in HOLD_VERBS and \
            tok.i in {t.i for t in sent.root.subtree}:
        # "X held a Foreign Ministers' Meeting followed by a working dinner with Y", however
        # the parser hangs the meal: the one who held it
        hosts = [p for p in subjects_of(ctx, sent.root) if p not in guests]
    return _Sides(hosts, [g for g in guests if g not in hosts], anchor, kind,
                  _says_between(tok) or _says_between(anchor))


def _of_other_states(tok: Token) -> bool:
    """Whether the words before a meeting's noun name states outside the pair the text is
    about ("the U.S.-North Korea Summit", "the China-Russia talks")."""
    words = re.split(r"[\s\-–]+", tok.doc[tok.left_edge.i:tok.i].text)
    names = [*words, *(f"{a} {b}" for a, b in pairwise(words))]
    states = {c.key for w in names if w and (c := reference.country_any(w)) is not None}
    if "north-korea" in states:
        states.discard("south-korea")             # ("North Korea": not "Korea" alone)
    return bool(states - set(reference.pair()))


def _says_between(token: Token) -> bool:
    """"talks between A and B", "held between A and B": the persons met each other."""
    return any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)


def _joint_sides(ctx: DocContext, tok: Token) -> _Sides | None:
    """"A and B agreed ...": two persons of two states doing together what only a meeting
    lets them do (the two sides of a bilateral meeting)."""
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    agents = [p for agent in (c for c in tok.children if c.dep_ == "agent")
              for obj in _objects(agent) for p in phrase_persons(ctx, obj)]
    if len(agents) == 2 and not same_state(ctx, *agents):
        return _Sides(agents, [], tok, "talks")     # "was signed by A and B"
    with_ = _prep_persons(ctx, tok, ("with",))
    if not with_ and tok.dep_ in ("xcomp", "advcl"):
        # "to sign the agreement with Y": the parser hangs "with Y" on the object
        with_ = [p for o in tok.children if o.dep_ == "dobj"
                 for p in _prep_persons(ctx, o, ("with",))]
    purpose = with_ and tok.dep_ in ("xcomp", "advcl") and to_infinitive(tok) and \
        tok.head.pos_ == "VERB" and tok.head.tag_ == "VBD"
    if not any(c.dep_ == "nsubj" for c in tok.children) and not (
            with_ and tok.dep_ == "conj") and not purpose:
        return None                     # its own subject only: "As discussed ..., X and Y"
        #                                 (or a purpose fulfilled: "X visited Tokyo to sign
        #                                 the agreement with Y")
    people = subjects_of(ctx, tok)
    if len(people) == 1 and len(with_) == 1 and not same_state(ctx, people[0], with_[0]):
        return _Sides(people, with_, tok, "talks")     # "X agreed with Y to ..."
    if len(people) != 2 or same_state(ctx, *people):
        return None
    return _Sides(people, [], tok, "talks")


def _persons_before(ctx: DocContext, tok: Token, sent: Span) -> _Sides | None:
    """"A and B held talks ..." when the parser makes "talks" the head of it all: the two
    persons of two states named before the trigger, and no others."""
    named: list[str] = []
    # not those of a clause about someone ("A, who kept his post when B formed his
    # cabinet, signed ... after talks")
    aside = {t.i for c in sent if c.dep_ in ("relcl", "acl", "advcl") and tok.i not in
             {x.i for x in c.subtree} for t in c.subtree}
    for t in sent:
        if t.i >= tok.i:
            break
        if t.i not in aside:
            named += [p for p in person_for(ctx, t) if p not in named]
    if len(named) == 2 and not same_state(ctx, *named) and \
            all(ctx.by_mid[p].capacity is not None for p in named):
        return _Sides(named, [], tok, MEETING_NOUNS[tok.lemma_.lower()])
    return None


def _gatherings(sides: _Sides, sent: Span) -> list[list[str]]:
    """The meetings one trigger tells, as lists of participants."""
    hosts, guests = sides.hosts, sides.guests
    if not hosts and len(guests) >= 2:              # "talks between A and B"
        return [guests] if sides.between else []
    if not guests and len(hosts) >= 2:              # "A and B met", "their talks"
        return [hosts]
    if not hosts or not guests:
        return []
    if sides.apart and len(guests) == 1:
        return [[h, guests[0]] for h in hosts]      # "X was received by A and by B"
    if TOGETHER.search(sent.text) or (len(hosts) >= 2 and not SEPARATELY.search(sent.text)):
        return [[*hosts, *guests]]                  # "the Emperor and Empress met with X"
    return [[h, g] for h in hosts[:1] for g in guests]


def find_meetings(ctx: DocContext, visits: list[VisitFact]) -> list[MeetingFact]:
    told: list[MeetingFact] = []           # meetings the text tells
    implied: list[MeetingFact] = []        # meetings "A and B agreed" implies
    where: dict[int, tuple[Span, Token]] = {}       # id(meeting) -> its sentence, anchor
    triggers = ctx.tokens_where(lemmas={*MEETING_VERBS, *MEETING_NOUNS, *JOINT_VERBS})
    for sent, tokens in ctx.by_sentence(triggers):
        if ctx.discourse is not None and ctx.discourse.is_caption(sent):
            continue
        for tok in tokens:
            lemma = tok.lemma_.lower()
            joint = False
            if tok.pos_ in ("VERB", "AUX") and lemma in MEETING_VERBS:
                sides = _verb_sides(ctx, tok, sent)
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in MEETING_NOUNS:
                sides = _noun_sides(ctx, tok, sent)
            elif tok.pos_ == "VERB" and lemma in JOINT_VERBS:
                sides, joint = _joint_sides(ctx, tok), True
            else:
                continue
            if sides is not None and not sides.guests and len(sides.hosts) <= 1 and \
                    lemma in ("talks", "talk", "meeting", "summit"):
                # "A of Mongolia X and Japanese Minister Y held the Meeting": the parser may
                # hang X inside the first title's phrase; the two named before
                before = _persons_before(ctx, tok, sent)
                if before is not None and set(sides.hosts) <= set(before.hosts):
                    sides = before
            if sides is not None and not sides.hosts and sides.guests:
                # "(2) July 24 (Wed): Courtesy call on Prime Minister X" in the schedule of a
                # visit: the visitor's
                sides = replace(sides, hosts=_row_visitor(ctx, sent, visits, sides.guests))
            if sides is None:
                continue
            anchor = sides.anchor
            tense = tense_of(anchor)
            when = _when_after_date(ctx, anchor, tense) or (
                _own_date(ctx, anchor, tense) if joint else date_near(ctx, anchor, sent, tense))
            date = in_year(when.start, year_told_by(anchor)) if when else None
            said = ctx.text(sent)
            kind = next((m.group(0).lower() if k == "working meal" else k
                         for k, pattern in KIND_WORDS if (m := pattern.search(said))),
                        sides.kind)
            for people in _gatherings(sides, sent):
                if len(set(people)) < 2:
                    continue
                meeting = MeetingFact(
                    participants=people, date=date, evidence=ctx.evidence(sent), kind=kind,
                    place=_place(anchor), status=event_status(anchor, date, ctx))
                where[id(meeting)] = (sent, anchor)
                (implied if joint else told).append(meeting)
                if ctx.discourse is not None:
                    ctx.discourse.note_meeting(sent, people)
    merged = _merge(told)
    for m in _merge(implied):
        twin = next((t for t in merged if set(t.participants) == set(m.participants)), None)
        if twin is None or (m.date is not None and twin.date is not None
                            and not m.date.compatible(twin.date)):
            merged.append(m)               # "the two leaders agreed" with nobody meeting told
        elif twin.date is None:
            twin.date = m.date             # "signed by A and B on Tuesday ... their summit"
    merged.sort(key=lambda m: m.evidence.start)
    if ctx.discourse is not None:
        for m in merged:
            ctx.discourse.note_event(where[id(m)][0], m.date, where[id(m)][1])
    for m in merged:
        _date_from_context(ctx, m, *where[id(m)], visits)
    return _merge(merged + _table_meetings(ctx))


# A note in a table of visits that tells whom the visitor met: "Met President X", "Summit
# with Prime Minister Y", "Talks with Z"
TABLE_MEETING = re.compile(r"\b(?:met(?:\s+with)?|(?:summit|talks|meeting|audience)\s+with|"
                           r"received\s+by|called\s+on)\s", re.I)


def _table_meetings(ctx: DocContext) -> list[MeetingFact]:
    """A row of a table of visits whose notes say the visitor met someone ("Met President
    X and Prime Minister Y"): a meeting with each, on the row's date."""
    found: list[MeetingFact] = []
    for row in column_table_rows(ctx.document.text):
        when = parse_expression(row.cells["date"].text)
        cell = row.cells["visitor"]
        visitors = _persons_within(ctx, cell.start, cell.end)
        if when is None or not visitors:
            continue
        date = when.start
        if when.end is not None and when.end != when.start and date.month is not None:
            date = DateValue(date.year, date.month)     # some day of a longer visit
        last = parse_expression(row.cells["end"].text) if "end" in row.cells else None
        if last is not None and last.start != when.start and date.month is not None:
            date = DateValue(date.year, date.month)
        for note in row.notes:
            told = TABLE_MEETING.search(note.text)
            if told is None:
                continue
            sent = ctx.sentence_of_offset(note.start)
            for other in _persons_within(ctx, note.start + told.end(), note.end):
                if other in visitors:
                    continue
                found.append(MeetingFact(
                    participants=[*visitors, other], date=date, evidence=ctx.evidence(sent),
                    kind="summit" if "summit" in told.group(0).lower() else "meeting",
                    place=None, status="occurred"))
    return found


def _persons_within(ctx: DocContext, start: int, end: int) -> list[str]:
    return list(dict.fromkeys(ctx.rep.get(p.mid, p.mid) for p in ctx.persons
                              if start <= p.start < end))


def _of_talks_before(date: Token, verb: Token) -> bool:
    """"after talks on 19 November he and Y signed": the date of the talks the verb
    follows."""
    prep = date.head
    noun = prep.head
    return prep.dep_ == "prep" and noun.lemma_.lower() in MEETING_NOUNS and \
        noun.dep_ == "pobj" and noun.head.head.i == verb.i and \
        noun.head.lower_ in ("after", "following", "at", "during")


# Nouns of events a verb of two persons may be about ("welcomed the opening of X in July")
OBJECT_EVENTS = reference.rule_words("object_events")


def _during_event(date: Token, verb: Token) -> bool:
    """"concurred on upgrading the relationship during X's visit to Japan in November": the
    date of the event VERB's "during" phrase names is VERB's."""
    during = False
    # (the parser may hang "during" on the verb that reports VERB: "mentioned that the two
    # concurred ..., during X's visit")
    targets = {verb.i, verb.head.i} if verb.dep_ == "ccomp" else {verb.i}
    for t in date.ancestors:
        if t.i in targets:
            return during
        if t.dep_ == "prep" and t.lower_ == "during":
            during = True
        elif t.pos_ in ("VERB", "AUX") and t.dep_ not in ("pcomp", "xcomp"):
            return False
    return False


ORDER_PREPS = frozenset({"following", "after", "before", "since"})


def _when_after_date(ctx: DocContext, verb: Token, tense: Tense) -> DateRange | None:
    """"... her visit in June last year, when she held talks with X": the date the "when"
    clause follows, whatever the parser hung the clause on."""
    when = next((c for c in verb.children if c.lower_ == "when" and c.i < verb.i), None)
    if when is None or when.i < 2 or when.doc[when.i - 1].text != ",":
        return None
    before = ctx.entity_at(when.doc[when.i - 2])
    if before is None or before.label_ != "DATE":
        return None
    return first_date_in(ctx, [before], tense)


def _own_date(ctx: DocContext, verb: Token, tense: Tense) -> DateRange | None:
    """The date VERB's own clause gives ("agreed on Thursday", "Saturday agreed"), not one
    of what it says ("affirmed that 2022 will mark ...")."""
    # (not the date right after an event the verb is about: "welcomed the opening of the
    # airport in July")
    about = {d.right_edge.i + 1 for d in verb.children
             if d.dep_ == "dobj" and d.lemma_.lower() in OBJECT_EVENTS}
    # (nor one inside such an object: "welcomed the official visit to Japan by X in December
    # last year")
    inside = {t.i for d in verb.children if d.dep_ == "dobj"
              and d.lemma_.lower() in OBJECT_EVENTS for t in d.subtree}
    # (nor that of an event it came after: "exchanged views following the U.S.-North Korea
    # Summit in June")
    about |= {o.i + 1 for p in verb.children if p.dep_ == "prep" and p.lower_ in ORDER_PREPS
              for o in p.children if o.dep_ == "pobj" and (
                  o.lemma_.lower() not in MEETING_NOUNS or _of_other_states(o))}
    # (and the time a "when" clause of it tells: "which A and B signed when A visited Japan
    # in September 2013")
    clauses = [verb, *(c for c in verb.children if c.dep_ == "advcl"
                       and any(w.lower_ == "when" for w in c.children))]
    spans = [e for e in ctx.dates(ctx.sentence_of(verb))
             if (any(e.root.head.i == v.i or (e.root.head.dep_ == "prep"
                                              and e.root.head.head.i == v.i) for v in clauses)
                 or _of_talks_before(e.root, verb) or _during_event(e.root, verb))
             and e.start - 1 not in about and e.root.i not in inside]
    found = first_date_in(ctx, spans, tense)
    if found is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "visited Tokyo in 2010 and agreed with Y" (not "congratulated X on his taking
        # office in July, and the two confirmed ...": a clause with a subject of its own)
        return _own_date(ctx, verb.head, tense)
    if found is None and verb.dep_ == "relcl" and (
            verb.left_edge.lower_ in ("where", "when")
            or any(c.lower_ in ("where", "when") for c in verb.children)):
        # "In May 1998, X traveled to Tokyo, where he and Y agreed ...": the clause it
        # describes sets its time
        described = clause_verb(verb.head)
        return _own_date(ctx, described, tense) if described.i != verb.i else None
    if found is None and verb.dep_ in ("xcomp", "advcl") and to_infinitive(verb):
        # "In February 2015, when X visited Tokyo to sign the EPA with Y": the journey's time
        journey = verb.head
        found = _own_date(ctx, journey, tense)
        if found is None and journey.dep_ == "advcl":
            found = _own_date(ctx, journey.head, tense)
    return found


def _date_from_context(ctx: DocContext, meeting: MeetingFact, sent: Span, anchor: Token,
                       visits: list[VisitFact]) -> None:
    """A meeting its sentence does not date: during the visit the sentence names, else
    the date of the discourse around it, else the one dated visit of a participant."""
    visit_index = _during_visit(sent, visits, meeting.participants)
    if meeting.date is None and visit_index is not None:
        meeting.date = visit_date(visits[visit_index])
    if meeting.date is None and ctx.discourse is not None:
        found = ctx.discourse.context_date(sent, tense_of(anchor), "meeting")
        meeting.date = found.start if found else None
    if meeting.date is None and visit_index is None:
        visit_index = _only_visit_of(visits, meeting.participants)
        if visit_index is not None:
            meeting.date = visit_date(visits[visit_index])
    meeting.visit = visit_index
    if meeting.date is not None:
        meeting.status = event_status(anchor, meeting.date, ctx)
        if ctx.discourse is not None:
            ctx.discourse.note_event(sent, meeting.date, anchor)


# A row of a visit's schedule: "(1) July 23 (Tue): ...", "- 24 July: ...", "July 25: ..."
SCHEDULE_ROW = re.compile(
    rf"^\s*(?:\(\d+\)|\d+[.)]|[-•*–])?\s*(?:(?:{MONTH_RE})\.?\s+\d{{1,2}}|\d{{1,2}}\s+"
    rf"(?:{MONTH_RE}))(?:\s*\(\w{{3}}\.?\))?\s*:", re.I)


def _row_visitor(ctx: DocContext, sent: Span, visits: list[VisitFact], guests: list[str]
                 ) -> list[str]:
    """The visitor whose schedule a row with no subject is a part of: the one visit the
    text tells (not of the guests)."""
    if not SCHEDULE_ROW.match(ctx.text(sent)):
        return []
    states = {state_of(ctx, g) for g in guests} - {None}
    when = first_date_in(ctx, ctx.dates(sent), "past")
    theirs = [v for v in visits if v.destination and not set(v.visitors) & set(guests)
              and v.status == "occurred" and (not states or v.destination in states)
              and (when is None or _during(v, when.start))]
    return list(theirs[0].visitors) if len({tuple(v.visitors) for v in theirs}) == 1 else []


# How long a visit whose end the text does not give may last, for the rows of its schedule.
VISIT_MAX_DAYS = 14


def _during(visit: VisitFact, day: DateValue) -> bool:
    """Whether DAY may fall within VISIT (from its first day to its last, or a fortnight)."""
    if visit.start is None or day.precision != "day" or visit.start.precision != "day":
        return visit.start is None or visit.start.compatible(day)
    first = visit.start.first_day()
    last = visit.end.last_day() if visit.end is not None else \
        first + dt.timedelta(days=VISIT_MAX_DAYS)
    return first <= day.first_day() <= last


def visit_date(visit: VisitFact) -> DateValue | None:
    """What a visit's dates say of a day within it: the day of a one-day visit, else the
    month it begins in."""
    start, end = visit.start, visit.end
    if start is None or end is None or end == start:
        return start
    if start.month is not None:
        return DateValue(start.year, start.month)   # a visit across months: its first month
    return DateValue(start.year)


def _during_visit(sent: Span, visits: list[VisitFact], people: list[str]) -> int | None:
    if not re.search(r"\b(during|on the occasion of|while|in the course of)\b", sent.text,
                     re.I):
        return None
    theirs = [i for i, v in enumerate(visits) if set(v.visitors) & set(people)]
    before = [i for i in theirs if visits[i].evidence.start <= sent.start_char]
    # the visit of theirs told last before the sentence ("During their stay, ..."), else the
    # first told after it
    if before:
        return max(before, key=lambda i: visits[i].evidence.start)
    return min(theirs, key=lambda i: visits[i].evidence.start) if theirs else None


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
    """Mentions of one meeting in a text become one: the same participants (or a mention
    naming some of them: "their meeting") at compatible dates."""
    merged: list[MeetingFact] = []
    for m in meetings:
        twin = next((x for x in merged if set(x.participants) == set(m.participants)
                     and (x.date is None or m.date is None or x.date.compatible(m.date))), None)
        if twin is None:
            merged.append(m)
        elif twin.date is None or (m.date and m.date.precision == "day"):
            twin.date = m.date or twin.date
    return merged
