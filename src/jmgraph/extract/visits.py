"""Visits: "X's visit to Y", "X visited Y", "X, who is visiting Y", "X arrived in Y",
"X will visit Y later this month", and rows of tables of visits under a heading such as
"From Japan to Mongolia" ("2013.03 Prime Minister S. ABE")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Span, Token

from .. import reference
from ..dates import (
    MONTH_RE,
    YEAR_RE,
    DateRange,
    DateValue,
    Tense,
    parse_absolute,
    parse_expression,
)
from .context import (
    DocContext,
    clause_verb,
    column_table_rows,
    date_near,
    first_date_in,
    in_bound_clause,
    in_year,
    is_prose_row,
    resolve_date,
    table_direction,
    table_row_date,
    tense_of,
    year_told_by,
)
from .discourse import LATER, NEXT_DAY, THE_DAY
from .events import INVITING, event_status, subjects_of, verb_chain
from .model import Capacity, OfficeFact, VisitFact
from .persons import office_of, office_spans, person_for, state_of

VISIT_NOUNS = reference.rule_words("visit_nouns")
VISIT_VERBS = reference.rule_words("visit_verbs")
ARRIVE_VERBS = reference.rule_words("arrive_verbs")
# "spent a week in Mongolia", "stayed in Tokyo for three days": a stay, when short
STAY_VERBS = reference.rule_words("stay_verbs")
STAY_UNITS = reference.rule_words("stay_units")
# "attended the summit held in Ulaanbaatar": a visit to where the event was held
ATTEND_VERBS = reference.rule_words("attend_verbs")
ATTEND_REACH = 15                 # tokens after "attended" its place may stand
VISIT_SUPPORT_VERBS = reference.rule_words("visit_support_verbs")
# "embarked on a tour of", "left for a visit to", "reciprocated with a trip to"
SET_OFF_VERBS = reference.rule_words("set_off_verbs")

GLUED = re.compile(r"^([A-Z][a-z]+)(in|on|at|to|from|for)$")


def _country_of(ctx: DocContext, token: Token) -> str | None:
    """A country named by the token's entity or phrase: name, city (-> its state); a name
    glued to the next word by a missing space ("Japanin October") is read as the name."""
    ent = ctx.entity_at(token)
    text = ent.text if ent is not None else token.text
    glued = GLUED.match(token.text)
    if glued and reference.country_any(glued.group(1)) and not reference.country_any(token.text):
        return reference.country_any(glued.group(1)).key
    c = reference.country_any(re.sub(r"^the\s+", "", text, flags=re.I))
    if c is None and token.text != text:
        c = reference.country_any(token.text)
    return c.key if c else None


def _destinations(ctx: DocContext, trigger: Token) -> list[tuple[str, str | None]]:
    """(country key, city or None) for the places a visit goes to."""
    found: list[tuple[str, str | None]] = []
    candidates: list[Token] = []
    holders = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "on" and trigger.head.head.lemma_ == "be":
        holders.append(trigger.head.head)       # "who is in Mongolia on a working visit"
    for child in (c for h in holders for c in h.children):
        if child.dep_ == "prep" and (child.lower_ in ("to", "in") or (
                child.lower_ == "of" and trigger.lemma_ == "tour") or (   # "a tour of Mongolia"
                child.lower_ == "near" and trigger.lemma_ in ARRIVE_VERBS)):  # "arrived near"
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "at" and trigger.lemma_ in ARRIVE_VERBS:
            # "arrived at X Airport near the Mongolian capital": the place the airport is near
            candidates.extend(o for c in child.children if c.dep_ == "pobj"
                              for p in c.children if p.dep_ == "prep" and p.lower_ in NEAR_WORDS
                              for o in p.children if o.dep_ == "pobj")
        elif child.dep_ in ("dobj", "attr", "npadvmod") and trigger.pos_ in ("VERB", "AUX"):
            candidates.append(child)
    if not candidates and trigger.pos_ in ("NOUN", "PROPN"):
        # "the visit of Prime Minister X to Japan": the parser hangs "to Japan" on the name
        candidates = [obj for t in trigger.subtree if t.dep_ == "prep" and t.lower_ == "to"
                      and t.head.dep_ not in ("relcl", "acl", "advcl")
                      for obj in t.children if obj.dep_ == "pobj"]
    if not candidates and trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "nsubj" and \
            trigger.head.lemma_ == "be":
        # "whose visit was the first to Mongolia by ...": the place of the "first" it is
        candidates = [o for a in trigger.head.children if a.dep_ == "attr"
                      for p in a.children if p.dep_ == "prep" and p.lower_ == "to"
                      for o in p.children if o.dep_ == "pobj"]
    if trigger.lemma_ in ATTEND_VERBS:
        # only where the event attended was held: "attended the summit (held) in Ulaanbaatar"
        candidates = [o for c in trigger.children if c.dep_ == "dobj" for t in c.subtree
                      if t.dep_ == "prep" and t.lower_ == "in"
                      for o in t.children if o.dep_ == "pobj"] + \
            [o for c in trigger.children if c.dep_ == "prep" and c.lower_ == "in"
             for o in c.children if o.dep_ == "pobj"]
        if not candidates:
            # (the parser may hang the event's "held in Y" elsewhere): the first "in" a
            # place after the verb, near it
            doc = trigger.doc
            candidates = [doc[t.i + 1] for t in doc[trigger.i + 1:min(
                trigger.sent.end - 1, trigger.i + ATTEND_REACH)]
                if t.lower_ == "in" and _country_of(ctx, doc[t.i + 1])][:1]
    if not candidates and trigger.pos_ in ("NOUN", "PROPN"):
        # "the visit of X to Mongolia" with "to Mongolia" hung on the verb: right after it
        after = trigger.right_edge.i + 1
        doc = trigger.doc
        if after + 1 < len(doc) and doc[after].lower_ == "to" and doc[after].dep_ == "prep" \
                and doc[after + 1].dep_ == "pobj":
            candidates = [doc[after + 1]]
    more = []
    for c in candidates:
        more.extend(x for x in c.conjuncts)
    for c in candidates + more:
        key = _country_of(ctx, c) or _the_country(ctx, c) or _country_described(ctx, c)
        if key:
            city = c.text if reference.country_of_city(c.text) else None
            if (key, city) not in found:
                found.append((key, city))
    left = _left_after(trigger) if not candidates else None
    if left is not None:
        # "X left Y after a two-day visit": the place left
        candidates = [c for c in left.children if c.dep_ == "dobj"] + [
            o for p in left.children if p.dep_ == "prep" and p.lower_ == "from"
            for o in p.children if o.dep_ == "pobj"]
        for c in candidates:
            key = _country_of(ctx, c) or _the_country(ctx, c)
            if key and (key, None) not in found:
                found.append((key, c.text if reference.country_of_city(c.text) else None))
    if not found and any(c.lower_ == "here" and c.dep_ == "advmod" for h in holders
                         for c in h.children):
        found = _where(ctx, trigger.sent, dateline_only=True)    # "arrived here"
    if not found and any(c.lower_ == "there" and c.dep_ == "advmod" for h in holders
                         for c in h.children):
        # "the first visit to Mongolia ... since X traveled there": the place named before
        there = ctx.country_before(trigger.idx)
        found = [(there, None)] if there else []
    return found


LEAVING_VERBS = reference.rule_words("leaving_verbs")
AFTER_WORDS = reference.rule_words("after_words")


def _left_after(noun: Token) -> Token | None:
    """The verb of leaving a visit noun follows: "left Ulaanbaatar after a two-day visit"."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj":
        return None
    prep = noun.head
    verb = prep.head
    if prep.lower_ in AFTER_WORDS and verb.lemma_ in LEAVING_VERBS:
        return verb
    return None


DAYS_LONG = re.compile(r"\b(\w+)[-\s]day\b", re.I)


def _days_before(noun: Token, left: DateValue) -> tuple[DateValue, DateValue | None]:
    """A visit left on LEFT after "a two-day visit": from the day it began to LEFT."""
    m = DAYS_LONG.search(noun.doc[noun.left_edge.i:noun.i + 1].text)
    days = reference.number_word(m.group(1)) if m else None
    if not days or days < 2 or left.precision != "day":
        return left, None
    first = left.first_day() - dt.timedelta(days=days - 1)
    return DateValue.from_date(first), left


NEAR_WORDS = reference.rule_words("near_words")
PLACE_NOUNS = reference.rule_words("place_nouns")


def _country_described(ctx: DocContext, token: Token) -> str | None:
    """"the young democracy of Mongolia", "the Mongolian capital": the country a place noun
    is said to be (of)."""
    if token.lower_ not in PLACE_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                key = _country_of(ctx, obj)
                if key:
                    return key
        if child.dep_ in ("amod", "compound") and reference.country_of_demonym(child.text):
            return reference.country_of_demonym(child.text).key
    return None


def _the_country(ctx: DocContext, token: Token) -> str | None:
    """"the country", "the nation": the country the text named last before TOKEN."""
    if token.lower_ not in ("country", "nation") or not any(
            c.lower_ == "the" for c in token.children):
        return None
    return ctx.country_before(token.idx)


def _negated(trigger: Token) -> bool:
    return any(c.dep_ == "neg" for t in (trigger, trigger.head) for c in t.children)


def _whose(ctx: DocContext, whose: Token) -> list[str]:
    """The persons a "whose" stands for: those named right before it, with the ones joined
    to them ("Emperor A and Empress B, whose visit ...")."""
    before = whose.i - 1
    while before >= 0 and whose.doc[before].is_punct:
        before -= 1
    if before < 0 or not person_for(ctx, whose.doc[before]):
        return []
    first = whose.doc[before]
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return list(dict.fromkeys(p for t in (first, *first.conjuncts) for p in person_for(ctx, t)))


def _visitors_of_noun(ctx: DocContext, noun: Token) -> list[str]:
    people: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ == "whose":
            people.extend(_whose(ctx, child))     # "hosted A and B, whose state visit"
        elif child.dep_ == "poss":
            for t in (child, *child.conjuncts):
                people.extend(person_for(ctx, t))
        elif child.dep_ == "prep" and child.lower_ in ("by", "of"):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                for t in (obj, *obj.conjuncts):
                    people.extend(person_for(ctx, t))
                # "the visit of Their Majesties the Emperor and Empress"
                for a in (c for c in obj.children if c.dep_ == "appos"):
                    for t in (a, *a.conjuncts):
                        people.extend(p for p in person_for(ctx, t) if p not in people)
    after = noun.right_edge.i + 1
    if not people and after < len(noun.doc) and noun.doc[after].lower_ == "by" and \
            noun.doc[after].head.i != noun.i:
        # "on the occasion of the State Visit to Japan by X": the parser hangs "by X" on
        # "occasion"
        people = [p for obj in noun.doc[after].children if obj.dep_ == "pobj"
                  for t in (obj, *obj.conjuncts) for p in person_for(ctx, t)]
    if not people:
        # "the state visit paid by President X to Japan"
        people = [p for acl in noun.children if acl.dep_ == "acl"
                  and acl.lemma_ in VISIT_SUPPORT_VERBS
                  for agent in acl.children if agent.dep_ == "agent"
                  for obj in agent.children if obj.dep_ == "pobj"
                  for t in (obj, *obj.conjuncts) for p in person_for(ctx, t)]
    if not people and noun.dep_ == "dobj" and noun.head.lemma_ in VISIT_SUPPORT_VERBS:
        people = subjects_of(ctx, noun.head)          # "X paid an official visit to Y"
        if not people and not any(c.dep_ in ("nsubj", "nsubjpass") for c in noun.head.children):
            people = _named_before_subjectless(ctx, noun.head)
    if not people and noun.dep_ == "pobj" and (
            (noun.head.lower_ == "on" and noun.head.head.lemma_ == "be")
            or (noun.head.lower_ in ("on", "with", "for")
                and noun.head.head.lemma_ in SET_OFF_VERBS)):
        # "X, who is on a state visit to Y"; "X reciprocated with a trip to Y"
        people = subjects_of(ctx, noun.head.head)
    if not people and noun.dep_ == "pobj" and noun.head.lower_ in ("on", "during") and \
            any(c.lower_ in ("a", "an") for c in noun.children):
        people = _on_a_visit(ctx, noun.head)
    if not people and _left_after(noun) is not None:
        people = subjects_of(ctx, noun.head.head)     # "X left Y after a two-day visit"
    # a name right before the trigger: "Prime Minister Abe's visit" when the parser errs
    if not people and noun.i > 0:
        prev = noun.doc[noun.i - 1]
        if prev.text in ("'s", "’s", "’") and noun.i > 1:
            people = person_for(ctx, noun.doc[noun.i - 2])
    return list(dict.fromkeys(people))


def _named_before_subjectless(ctx: DocContext, verb: Token) -> list[str]:
    """The subject of a clause the parser gave none ("At the invitation of A, B is paying
    a visit to Y", hung on the invitation): the person named last before the verb who is
    not the one inviting."""
    inviting: set[int] = set()
    for w in verb.sent:
        if w.lemma_.lower() in ("invitation", "invite") and w.i < verb.i:
            # "At the invitation of A B," up to the comma (the parser may hang what follows
            # on A)
            end = next((t.i for t in verb.doc[w.i:verb.i] if t.text == ","), verb.i)
            inviting.update(range(w.i, end))
    for t in reversed(list(verb.sent[:verb.i - verb.sent.start])):
        if t.i in ctx.token_person and t.i not in inviting:
            return person_for(ctx, t)
    return []


def _on_a_visit(ctx: DocContext, on: Token) -> list[str]:
    """Who is "on a visit": the person the phrase is set beside ("X, Chairman of Y, on an
    official visit to Japan, paid a call"), or the subject of the clause it opens or is set
    off in by commas ("On a visit to Japan, X met ...", "X, on a visit to Japan, said"),
    or that it is told "during" ("X said during a visit to Y")."""
    head = on.head
    if on.dep_ == "prep" and head.pos_ in ("PROPN", "NOUN"):
        return person_for(ctx, head)
    # "X said on Friday during a visit to Y"
    set_off = on.i == on.sent.start or on.doc[on.i - 1].text == "," or on.lower_ == "during"
    if on.dep_ == "prep" and head.pos_ in ("VERB", "AUX") and set_off:
        return subjects_of(ctx, head)
    return []


def find_visits(ctx: DocContext) -> list[VisitFact]:
    visits: list[VisitFact] = []
    where: dict[int, tuple[Span, Token, Tense]] = {}     # id(visit) -> sentence, trigger
    triggers = ctx.tokens_where(lemmas=VISIT_NOUNS | VISIT_VERBS | ARRIVE_VERBS | ATTEND_VERBS
                                | STAY_VERBS)
    # the visitors, places and sentence of the last visit told, for the ones that refer to
    # it ("The first trip came in ...", "he came a third time")
    recent: tuple[tuple[str, ...], tuple[tuple[str, str | None], ...], int] | None = None
    for sent, tokens in ctx.by_sentence(triggers):
        if table_row_date(ctx.text(sent)) and not is_prose_row(sent):
            continue                            # a table's row: read by _table_visits
        for tok in tokens:
            lemma = tok.lemma_.lower()
            is_noun = tok.pos_ in ("NOUN", "PROPN") and lemma in VISIT_NOUNS
            is_verb = tok.pos_ in ("VERB", "AUX") and (
                lemma in VISIT_VERBS | ARRIVE_VERBS | ATTEND_VERBS or _a_short_stay(tok))
            if not (is_noun or is_verb) or _negated(tok):
                continue
            visitors = _visitors_of_noun(ctx, tok) if is_noun else subjects_of(ctx, tok)
            places = _destinations(ctx, tok)
            earlier = _visit_it_follows(tok) if is_noun and not visitors else None
            if earlier is not None:
                # "X's third visit to Y, following trips in 2013 and 2015": X's trips to Y
                visitors = _visitors_of_noun(ctx, earlier)
                places = places or _destinations(ctx, earlier)
            if is_noun and not visitors and recent is not None and \
                    ctx.sentence_index(tok) - recent[2] <= SERIES_LOOK_BACK and _the_trip(tok):
                # "X came to Y three times. The first trip came in March 2013": X's to Y
                visitors, places = list(recent[0]), places or list(recent[1])
            if is_verb and not places and recent is not None and _once_more(tok) and \
                    set(visitors) & set(recent[0]):
                places = list(recent[1])     # "In July 2016 he came a third time": again
            if is_verb and not places and any(c.dep_ == "mark" and c.lower_ == "since"
                                              for c in tok.children):
                # "the first Mongolian foreign minister to visit Japan since X came in July
                # 2002": X came there
                places = _measured_from(ctx, tok, sent)
            if is_noun and not places and tok.dep_ == "pobj" and tok.head.lower_ == "since":
                # "the first Speaker to visit Japan since X's official visit in 2017", "the
                # first visit to Mongolia by a foreign minister (in nine years,) since the
                # visit by X": where the visit it is measured from goes
                places = _measured_from(ctx, tok, sent)
            if is_noun:
                visits.extend(_since_person(ctx, tok, sent, places))
            guests = _visiting(ctx, tok)
            if guests:
                # "held talks with visiting President X": X's visit to where the talks were
                visitors, places, tok = guests, _where(ctx, sent), sent.root
            if is_verb or tok.dep_ == "dobj":
                visitors = _not_at_home(ctx, tok if is_verb else tok.head, visitors, places)
            if not visitors and is_verb and places and _own_dates(ctx, tok, sent, None):
                pass           # "No Japanese prime minister has visited Y since X in 1999": X's
            elif not visitors or (not places and not is_noun):
                continue                       # "to visit" with no place: nothing to go on
            if places:
                recent = (tuple(visitors), tuple(places), ctx.sentence_index(tok))
            # "came to Y three times": none of them told ("twice, in 2013 and 2015": both)
            series = is_verb and _many_times(tok) and not any(
                e.root.i in {t.i for t in tok.subtree} for e in ctx.dates(sent))
            tense = tense_of(tok)
            if is_noun and any(c.dep_ == "relcl" and c.tag_ in ("VBZ", "VBP")
                               for c in tok.children):
                tense = "present"   # "X's state visit, which coincides with ...": under way
            if is_noun and tok.dep_ == "dobj" and tok.head.lemma_ == "welcome" and \
                    any(c.dep_ == "poss" for c in tok.children):
                tense = "present"   # "A welcomed B's visit to Y": the visit under way
            caps = {v: ctx.by_mid[v].capacity for v in visitors if ctx.by_mid[v].capacity}
            then = _capacity_then(ctx, sent)
            if then is not None and len(visitors) == 1:
                caps = {visitors[0]: then}
            first_by = _first_by(tok) if is_noun else None
            if first_by is not None:
                # "X's visit in August 1991, the first by a Japanese prime minister": X's
                caps.update({v: first_by for v in visitors if v not in caps})
            first_of = _first_of_kind(ctx, sent, tok) if is_verb else None
            if first_of is not None:
                caps.update({v: first_of for v in visitors if v not in caps})
            before = _first_since(ctx, sent, tok.idx)
            if before is not None:
                # "the first Japanese prime minister to visit Y since 2006, when X visited":
                # X held that office
                caps.update({v: before for v in visitors if v not in caps})
            if any(t.lemma_ in INVITING and not (is_noun and t.lemma_ == "welcome")
                   for t in verb_chain(tok)[1:]):
                continue                       # an invitation is neither a visit nor a plan
                #                                (a visit welcomed is one: "welcomed the
                #                                successful visit of X to Y")
            if is_verb or (tok.dep_ == "dobj" and tok.head.lemma_ in VISIT_SUPPORT_VERBS):
                # "X visited Y with Princess Z", "accompanied by Z": Z came too
                visitors = visitors + [p for p in _companions(ctx, tok if is_verb else tok.head)
                                       if p not in visitors]
            own = _own_dates(ctx, tok, sent, tense) if is_verb else []
            rest = [v for v in visitors if not any(v in people for people, _ in own)]
            for people, _ in own:
                caps.update({p: ctx.by_mid[p].capacity or _first_since(
                    ctx, sent, ctx.by_mid[p].start) for p in people if p not in caps})
            listed = _listed_after_colon(ctx, tok, sent) if series else []
            if listed:
                # "visited the country three times: in March 2013, ...; in October 2015;
                # and in July 2016": each one told
                series = False
            told = [(rest, when) for when in (listed or _dates_of(ctx, tok, sent, tense))] \
                if rest else []
            year = year_told_by(tok)             # "2013, the year X visited Y, in late March"
            for who, when in told + [(people, when) for people, when in own]:
                start = in_year(when.start, year) if when else None
                end = in_year(when.end, year) if when else None
                if is_noun and start is not None and end is None and _left_after(tok):
                    start, end = _days_before(tok, start)
                status = event_status(tok, start, ctx)
                for country, city in places or [("", None)]:
                    visit = VisitFact(
                        visitors=who, destination=country, start=start, end=end,
                        status=status, evidence=ctx.evidence(sent), place=city,
                        capacities={k: v for k, v in caps.items() if v and k in who})
                    if series:
                        ctx.visit_series.append(visit)
                        continue
                    where[id(visit)] = (sent, tok, tense)
                    visits.append(visit)
    visits.extend(_table_visits(ctx))
    visits.extend(_column_visits(ctx))

    numbered = {i for i, (_, tok, _) in where.items() if _numbered(tok)}

    def date_from_context(found: list[VisitFact], told_only: bool) -> None:
        for v in found:
            if v.start is None and id(v) in where and ctx.discourse is not None:
                sent, tok, tense = where[id(v)]
                if told_only and not (THE_DAY.search(ctx.text(sent))
                                      or LATER.search(ctx.text(sent))
                                      or NEXT_DAY.search(ctx.text(sent))
                                      or ctx.discourse.is_row[ctx.index_of(sent)]
                                      or (tense == "present" and id(v) in numbered)):
                    # (a row of a chronology tells its own date: "1999.7  X visits Y"; a
                    # visit under way told as one of several is of the text's time:
                    # "welcomed X's visit, her second following her visit in June")
                    continue
                when = ctx.discourse.context_date(sent, tense, "visit")
                if when is not None:
                    v.start, v.end = when.start, when.end
                    v.status = event_status(tok, v.start, ctx)
                    ctx.discourse.note_event(sent, v.start, tok)   # "The following year"

    # a visit its sentence dates by words the model reads as no date ("arrived here earlier
    # in the day", "two years later", "the following day") is dated before mentions are
    # joined to it; any other undated one ("her
    # visit", "when he visited Mongolia") joins a dated one first
    date_from_context([v for v in visits if v.destination], told_only=True)
    merged = _merge_in_document([v for v in visits if v.destination])
    merged = _place_visits(ctx, merged, [v for v in visits if not v.destination],
                           {i for i, (_, tok, _) in where.items() if _another_visit(tok)})
    for v in merged:
        if id(v) in where and ctx.discourse is not None:
            ctx.discourse.note_event(where[id(v)][0], v.start, where[id(v)][1])
    date_from_context(merged, told_only=False)
    merged += _accompanying(ctx, merged)
    return _merge_in_document(merged)


# How many sentences after a visit "He is accompanied by ..." may follow it.
ACCOMPANYING_LOOK_BACK = 2


def _accompanying(ctx: DocContext, visits: list[VisitFact]) -> list[VisitFact]:
    """"X is paying a visit to Y. He is accompanied by Minister A and Minister B.": A and B
    make the visit too."""
    found: list[VisitFact] = []
    for sent, tokens in ctx.by_sentence(ctx.tokens_where(lemmas={"accompany"})):
        index = ctx.index_of(sent)
        for tok in tokens:
            agents = _agents(ctx, tok)
            leads = subjects_of(ctx, tok)
            visit = next((v for v in reversed(visits) if set(v.visitors) & set(leads)
                          and 0 <= index - ctx.index_of(ctx.sentence_of_offset(
                              v.evidence.start)) <= ACCOMPANYING_LOOK_BACK), None)
            others = [p for p in dict.fromkeys(agents) if p not in leads]
            if visit is None or not others:
                continue
            found.append(replace(visit, visitors=others, evidence=ctx.evidence(sent),
                                 capacities={p: c for p in others
                                             if (c := office_of(ctx, ctx.by_mid[p]))}))
    return found



def state_of_visitors(ctx: DocContext, visits: list[VisitFact],
                      offices: list[OfficeFact]) -> None:
    """A visitor to one state of the pair whose state the text leaves unsaid comes from
    the other ("Prime Minister X visited Mongolia": Japan's Prime Minister), when the text
    names that state or no state outside the pair.  Their mentions, offices and capacities
    in visits say so."""
    named = ctx.countries_named()
    pair = set(reference.pair())
    visits = [*visits, *ctx.visit_series]
    for visit in visits:
        other = reference.other_of_pair(visit.destination)
        if other is None or not (other in named or named <= pair):
            continue
        for mid in visit.visitors:
            rep = ctx.rep.get(mid, mid)
            cluster = [p for p in ctx.persons if ctx.rep.get(p.mid, p.mid) == rep]
            held = [p.capacity for p in cluster if p.capacity is not None]
            if not held or any(c.country or c.organisation for c in held):
                continue

            def of_state(owner: str, c: Capacity, other: str = other, rep: str = rep
                         ) -> Capacity:
                return replace(c, country=other) if ctx.rep.get(owner, owner) == rep and \
                    c.country is None and c.organisation is None else c
            for p in cluster:
                if p.capacity is not None:
                    p.capacity = of_state(p.mid, p.capacity)
            for office in offices:
                office.capacity = of_state(office.person, office.capacity)
            for v in visits:
                v.capacities = {k: of_state(k, c) for k, c in v.capacities.items()}
    # a visit of the text's year: the office the text names its visitor in elsewhere ("He
    # will pay a State Visit to Japan" after "President X received ...")
    for visit in visits:
        if visit.start is None or ctx.date is None or visit.start.year != ctx.date.year:
            continue
        for mid in visit.visitors:
            if mid not in visit.capacities and (c := office_of(ctx, ctx.by_mid[mid])):
                visit.capacities = {**visit.capacities, mid: c}
    # an office a visit names its visitor in ("visited Japan as Prime Minister of Mongolia")
    held = {(ctx.rep.get(o.person, o.person), o.capacity.role, o.capacity.country)
            for o in offices}
    for visit in visits:
        for mid, capacity in visit.capacities.items():
            if visit in ctx.visit_series and capacity.country is None and \
                    capacity.organisation is None:
                # "X, who visited Mongolia three times as prime minister": Japan's
                capacity = replace(capacity, country=reference.other_of_pair(
                    visit.destination))
            key = (ctx.rep.get(mid, mid), capacity.role, capacity.country)
            if key not in held and capacity.country and capacity.organisation is None:
                held.add(key)
                offices.append(OfficeFact(mid, capacity, None, visit.evidence))


def _another_visit(trigger: Token) -> bool:
    """A visit noun told as one of several ("his first visit", "the previous trip", "his
    second visit following his official visit in May 1998")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if trigger.dep_ in ("pobj", "dobj") and trigger.head.lower_ in ("following", "after",
                                                                     "since") and (
            trigger.head.head.lemma_.lower() in VISIT_NOUNS
            or (trigger.head.i > 0 and (trigger.doc[trigger.head.i - 1].lower_ in ORDINAL_WORDS
                                        or trigger.doc[trigger.head.i - 1].ent_type_
                                        == "ORDINAL"))):
        return True             # (or "X's visit to Japan, her second following her visit")
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("following", "after", "since") and \
            any(t.lemma_.lower() in VISIT_NOUNS and t.i != trigger.i and any(
                c.lower_ in ORDINAL_WORDS or c.ent_type_ == "ORDINAL" for c in t.children)
                for t in trigger.sent):
        return True             # "It will be X's third visit to Y, after his visits in ..."
    return any(c.lower_ in ORDINAL_WORDS or c.ent_type_ == "ORDINAL" for c in trigger.children)


ORDINAL_WORDS = reference.rule_words("ordinal_words")


NUMBERED_AFTER = re.compile(r"^[^,.;]{0,40},\s+(?:his|her|their|the)\s+(?:first|second|third|"
                            r"fourth|fifth|sixth|\d+(?:st|nd|rd|th))\b", re.I)


def _numbered(noun: Token) -> bool:
    """Whether a visit is told as one of a person's several ("X's visit to Japan, her
    second"), apart from any other told."""
    return bool(NUMBERED_AFTER.match(noun.doc.text[noun.idx + len(noun):]))


def _finer(date: DateValue, than: DateValue) -> bool:
    """Whether DATE says more than THAN and agrees with it (2013-07-08 and 2013)."""
    order = ("year", "month", "day")
    return date.compatible(than) and order.index(date.precision) > order.index(than.precision)


def _place_visits(ctx: DocContext, visits: list[VisitFact], placeless: list[VisitFact],
                  others: set[int]) -> list[VisitFact]:
    """Visits the text names with no destination ("X's state visit", "concluded his
    visit"): the one visit of that person to a state of the pair the text tells elsewhere
    (or another visit to the same place, when told as one of several at another time: "his
    first visit, in March 2013"; OTHERS holds their ids), else a visit to where
    the text's dateline is (when the visitor is not of that state), else to the other state
    of the pair the text is about (the visitor's state known)."""
    pair = reference.pair()
    for v in placeless:
        theirs = [m for m in visits if set(v.visitors) <= set(m.visitors)
                  and m.destination in pair]
        if theirs and len({m.destination for m in theirs}) == 1 and id(v) in others and \
                not any(_near(m.start, v.start) for m in theirs):
            # ("after his visits in March 2013 and October 2015": each)
            # "During his first visit, in March 2013, ..." in a text about his visit of 2015
            # to Y: another visit to the same place (made, when before the text's date)
            done = v.start is not None and ctx.date is not None and \
                v.start.last_day() < ctx.date.first_day()
            visits.append(replace(v, destination=theirs[0].destination,
                                  status="occurred" if done else v.status))
            continue
        if len(theirs) == 1:                   # the visit the text tells elsewhere
            if theirs[0].start is None or (v.start is not None and _finer(v.start,
                                                                           theirs[0].start)):
                # ("who is here on a working visit" on the day: the "visit ... this year")
                theirs[0].start, theirs[0].end = v.start, v.end
            continue
        states = {c.country for c in (office_of(ctx, ctx.by_mid[p]) or v.capacities.get(p)
                                      for p in v.visitors)
                  if c is not None and c.country} or \
            {s for p in v.visitors if (s := state_of(ctx, p))}   # as another mention says
        here = _where(ctx, ctx.sentence_of_offset(v.evidence.start), dateline_only=True)
        beside = {m.destination for m in visits if m.destination in pair
                  and ctx.sentence_of_offset(m.evidence.start).start
                  == ctx.sentence_of_offset(v.evidence.start).start}
        if len(beside) == 1 and not beside & states:
            # "the third minister to visit Y this year after the visit of X": to Y too
            v.destination = beside.pop()
            visits.append(v)
        elif here and states and here[0][0] not in states:
            v.destination, v.place = here[0]
            visits.append(v)
        elif len(states) == 1 and (other := reference.other_of_pair(states.pop())) and \
                other in ctx.countries_named():
            v.destination = other
            visits.append(v)
    return _merge_in_document(visits)


# How many sentences after a visit told "the first trip", "came again" still refer to it.
SERIES_LOOK_BACK = 3
ORDINALS = reference.rule_words("ordinals")
SERIES_COUNTS = reference.rule_words("series_counts")


def _a_short_stay(verb: Token) -> bool:
    """"spent a full week in Mongolia", "stayed three days in Tokyo": days or weeks in a
    place (not "spent ten years in Japan")."""
    if verb.lemma_ not in STAY_VERBS:
        return False
    # (a stay with no length is no visit: "the Crown Princess stayed in Tokyo")
    return any(c.lemma_.lower() in STAY_UNITS for c in verb.children
               if c.dep_ in ("dobj", "npadvmod")) or any(
        o.lemma_.lower() in STAY_UNITS for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj")


def _many_times(verb: Token) -> bool:
    """"came to Y three times", "visited Y twice", "has been to Y several times": a number
    of visits, none of them told."""
    for c in verb.children:
        if c.lower_ == "twice":
            return True
        if c.lemma_.lower() == "time" and c.tag_ == "NNS" and any(
                (d.dep_ == "nummod" and (reference.number_word(d.lower_) or 0) > 1)
                or d.lower_ in SERIES_COUNTS for d in c.children):
            return True
    return False


def _the_trip(noun: Token) -> bool:
    """"The first trip", "the second visit": a visit of a series told just before, with no
    visitor of its own."""
    return noun.tag_ == "NN" and any(c.lower_ in ORDINALS or c.ent_type_ == "ORDINAL"
                                     for c in noun.children) and \
        any(c.lower_ == "the" for c in noun.children) and \
        not any(c.dep_ in ("poss", "prep") and c.lower_ not in ("to", "in") for c in
                noun.children)


def _once_more(verb: Token) -> bool:
    """"came a third time", "came again", "returned": a journey to where the last went."""
    return any(c.lower_ in ("again", "back") for c in verb.children) or any(
        c.lemma_.lower() == "time" and any(d.lower_ in ORDINALS or d.ent_type_ == "ORDINAL"
                                           for d in c.children) for c in verb.children)


def _visit_it_follows(noun: Token) -> Token | None:
    """The visit noun a plural visit noun hangs on ("visit ..., following trips in ...")."""
    if noun.tag_ != "NNS":
        return None
    t = noun
    for _ in range(3):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in VISIT_NOUNS:
            return t
        if t.pos_ in ("VERB", "AUX"):       # "It is X's third visit ..., following trips"
            found = next((c for c in t.children if c.i != noun.i and c.pos_ == "NOUN"
                          and c.lemma_.lower() in VISIT_NOUNS), None) or next(
                # "welcomed X on his third visit to Y, following the visits in ..."
                (c for c in t.subtree if c.i < noun.i and c.pos_ == "NOUN"
                 and c.lemma_.lower() in VISIT_NOUNS and c.tag_ == "NN"
                 and any(d.dep_ == "poss" for d in c.children)), None)
            if found is not None:
                return found
    return None


def _visiting(ctx: DocContext, token: Token) -> list[str]:
    """The persons "visiting" qualifies: "the visiting Japanese foreign minister", "talks
    with visiting Mongolian President X" (parsed as "visiting" taking X as its object)."""
    if token.lower_ != "visiting":
        return []
    if token.dep_ == "amod":
        return person_for(ctx, token.head)
    if token.dep_ in ("pcomp", "acl", "advcl"):
        found = [p for c in token.children if c.dep_ == "dobj" and not _country_of(ctx, c)
                 for p in person_for(ctx, c)]
        if found:
            return found
    # "Visiting Japanese Prime Minister X and ...", parsed as a clause of its own: the person
    # named right after it
    after = token.i + 1
    if after < len(ctx.doc) and after in ctx.token_person and token.i not in ctx.token_person:
        return person_for(ctx, ctx.doc[after])
    return []


def _where(ctx: DocContext, sent: Span, dateline_only: bool = False
           ) -> list[tuple[str, str | None]]:
    """Where the sentence's events took place: a place it names after "in", else the place
    of the text's dateline ("TOKYO, Nov. 29, 2022 (Kyodo) --")."""
    for word in (() if dateline_only else sent):
        if word.lower_ == "in":
            for obj in (c for c in word.children if c.dep_ == "pobj"):
                key = _country_of(ctx, obj)
                if key:
                    return [(key, obj.text if reference.country_of_city(obj.text) else None)]
    place = ctx.document.place
    country = reference.country_any(place.title()) if place else None
    if country is None:
        return []
    return [(country.key, place.title() if reference.country_of_city(place.title()) else None)]


FIRST_TO_VISIT = re.compile(
    r"\b(?:the first|no) (?:(?P<demonym>[A-Z][a-z]+) )?(?P<title>(?!of\b)[a-z][a-z -]+?)"
    r"(?: of (?:the )?(?P<of>[A-Z][a-z]+)(?: [A-Za-z]+)?)? (?:to|has|had) (?:visit|travel|come)"
    r"\w*\b.*?\bsince\b",
    re.I)


# "X became the first Japanese prime minister to visit Mongolia": the office X held then
FIRST_OF_KIND = re.compile(
    r"\bthe first (?:(?P<demonym>[A-Z][a-z]+) )?(?P<title>(?!of\b)[a-z][a-z -]+?)"
    r"(?: of (?:the )?(?P<of>[A-Z][a-z]+)(?: [A-Za-z]+)?)? to (?P<verb>visit|travel|come)\w*\b",
    re.I)


def _first_of_kind(ctx: DocContext, sent: Span, verb: Token) -> Capacity | None:
    """The office of "the first Japanese prime minister to visit Y" for that visit (VERB)."""
    for m in FIRST_OF_KIND.finditer(ctx.text(sent)):
        if sent.start_char + m.start("verb") != verb.idx:
            continue
        state = next((c for w in (m.group("demonym"), m.group("of")) if w
                      for c in (reference.country_of_demonym(w) or reference.country_named(w),)
                      if c is not None), None)
        role = reference.known_role(m.group("title"))
        if state is not None and role is not None:
            return Capacity(role=reference.role_in_state(role, state.key), country=state.key)
    return None


# How many tokens after the person "since X" names the date of X's visit may begin
SINCE_DATE_REACH = 3


def _since_person(ctx: DocContext, noun: Token, sent: Span,
                  places: list[tuple[str, str | None]]) -> list[VisitFact]:
    """"the first visit by a Japanese Prime Minister since Prime Minister X in August 1991":
    X's visit to the same place, at the date after X's name, in the office the "by" phrase
    names."""
    found: list[VisitFact] = []
    for since in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "since"):
        for person in (o for o in since.children if o.dep_ == "pobj" and o.i in ctx.token_person):
            where = places or _measured_from(ctx, noun, sent)
            dates = [e for e in ctx.dates(sent)
                     if person.i < e.start <= person.i + SINCE_DATE_REACH]
            when = first_date_in(ctx, dates, "past") if dates else None
            if not where or when is None:
                continue
            mid = ctx.token_person[person.i]
            held = _by_title(noun)
            for country, city in where:
                found.append(VisitFact(
                    visitors=[mid], destination=country, start=when.start, end=when.end,
                    status="occurred", evidence=ctx.evidence(sent), place=city,
                    capacities={mid: held} if held else {}))
    return found


def _by_title(noun: Token) -> Capacity | None:
    """The office and state "by a Japanese Prime Minister" names after a visit noun."""
    for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
        for title in (c for c in by.children if c.dep_ == "pobj"):
            words = [c.text for c in title.children if c.dep_ in ("amod", "compound")]
            state = next((c for w in words if (c := reference.country_of_demonym(w))), None)
            role = reference.known_role(" ".join(
                [w for w in words if not reference.country_of_demonym(w)] + [title.text]))
            if state is not None and role is not None:
                return Capacity(role=reference.role_in_state(role, state.key), country=state.key)
    return None


def _first_by(noun: Token) -> Capacity | None:
    """"X's visit ..., the first by a Japanese prime minister": the office and state the
    visit's apposition names."""
    for first in (c for c in noun.children if c.dep_ == "appos" and c.lower_ == "first"):
        held = _by_title(first)
        if held is not None:
            return held
    return None


def _first_since(ctx: DocContext, sent: Span, at: int) -> Capacity | None:
    """The office of "the first Japanese prime minister to visit Y since ...", for a visit
    told after "since" (at character AT): its visitor held it too."""
    m = FIRST_TO_VISIT.search(ctx.text(sent))
    if m is None or at - sent.start_char < m.end():
        return None
    # "the first Japanese prime minister", "the first Speaker of the Mongolian Parliament"
    state = next((c for w in (m.group("demonym"), m.group("of")) if w
                  for c in (reference.country_of_demonym(w) or reference.country_named(w),)
                  if c is not None), None)
    role = reference.known_role(m.group("title"))
    return Capacity(role=reference.role_in_state(role, state.key), country=state.key) \
        if state and role else None


def _capacity_then(ctx: DocContext, sent: Span) -> Capacity | None:
    """"..., when he was the crown prince" / "as foreign minister": the office at the time."""
    m = re.search(r"\b(?:when (?:he|she) was|as) (?:the |then[- ])?([a-z][a-z ]+?)(?:[,.;]|$)",
                  sent.text, re.I) or AS_TITLE.search(sent.text)
    if not m:
        return None
    at = sent.start_char + m.start(1)
    for start, end, role in office_spans(ctx, sent):
        if ctx.doc[start].idx == at and end - start > 1:
            # "as Minister of State for National Policy": a title with its portfolio
            after = ctx.doc[end + 1] if end + 1 < sent.end and ctx.doc[end].lower_ == "of" \
                else None
            state = reference.country_named(after.text) if after is not None else None
            return Capacity(role=role, country=state.key if state else None)
    for span in ctx.spans("OFFICE", sent):
        if span.text.lower() == m.group(1).strip().lower():
            return Capacity(role=span.id_ or reference.canonical_role(span.text))
        if span.start_char == at:
            # "as Prime Minister of Mongolia in December 2018": the title and its state
            doc = ctx.doc
            of = doc[span.end + 1] if span.end + 1 < sent.end and \
                doc[span.end].lower_ == "of" else None
            state = reference.country_named(of.text) if of is not None else None
            return Capacity(role=span.id_ or reference.canonical_role(span.text),
                            country=state.key if state else None)
    return None


# "as Prime Minister of Mongolia in December 2018": where a title after "as" begins
AS_TITLE = re.compile(r"\b(?:when (?:he|she) was|as) (?:the |then[- ])?([A-Z])")
SEVERAL_YEARS = re.compile(rf"^(?:in\s+)?((?:{YEAR_RE})(?:\s*,\s*(?:{YEAR_RE}))*\s*(?:,\s*)?"
                           rf"and\s+(?:{YEAR_RE}))$", re.I)


# How far up from a visit "when" may open the clause it is told in
WHEN_CLAUSE_STEPS = 5


def _dates_of(ctx: DocContext, trigger: Token, sent: Span,
              tense: Tense) -> list[DateRange | None]:
    """The visit's date, or each of several ("visited Mongolia twice, in 2013 and 2015")."""
    head = ctx.entity_at(trigger.head) if trigger.dep_ == "relcl" else None
    if head is not None and head.label_ == "DATE":
        # "since August 2006, when X visited the country": the date the clause tells of
        when = resolve_date(ctx, head.text, tense)
        if when is not None:
            return [when]
    for verb in [trigger, *trigger.ancestors][:WHEN_CLAUSE_STEPS]:
        if verb.dep_ == "relcl" and any(c.lower_ == "when" for c in verb.children):
            # "since 1991, when X became the first ... to visit the country": 1991
            told = ctx.entity_at(verb.head)
            when = resolve_date(ctx, told.text, tense) \
                if told is not None and told.label_ == "DATE" else None
            if when is not None:
                return [when]
            break
    since = _years_since(ctx, trigger, sent)
    if since is not None:
        return [since]
    before = _year_of_what_followed(ctx, trigger, sent, tense)
    if before is not None:
        return [before]
    subtree = {t.i for t in trigger.subtree}
    entities = [e for e in ctx.dates(sent) if e.start in subtree]
    for ent in entities:
        m = SEVERAL_YEARS.match(ent.text.strip())
        if m:
            return [DateRange(DateValue(int(y))) for y in re.findall(YEAR_RE, m.group(1))]
        # "in 2013 and 2015" as two entities joined by a conjunction
        joined = [e for e in entities if e is ent or any(
            c.i in range(e.start, e.end) for c in ent.root.conjuncts)]
        if len(joined) > 1:
            dates = [parse_absolute(e.text) for e in joined]
            if all(dates):
                return [DateRange(d) for d in dates]
    again = _dates_again(ctx, trigger, entities, tense)
    if again:
        return again
    if trigger.pos_ in ("NOUN", "PROPN") and not _told_by_its_verb(trigger):
        # "X's fourth trip since he took office in October 2017": a visit named in passing
        # is dated by its own phrase, or by the clause it stands in, not by another clause
        governing = [e for e in ctx.dates(sent) if e.start in subtree
                     or not in_bound_clause(e.root)
                     or clause_verb(e.root).i == clause_verb(trigger).i]
        return [date_near(ctx, trigger, sent, tense, among=governing)]
    return [date_near(ctx, trigger, sent, tense)]


def _listed_after_colon(ctx: DocContext, verb: Token, sent: Span) -> list[DateRange]:
    """The dates listed after a colon that follows a count of visits ("visited the country
    three times as prime minister: in March 2013, ...; in October 2015; and in July 2016")."""
    colon = next((t for t in sent if t.i > verb.i and t.text == ":"), None)
    if colon is None:
        return []
    dates = [d for e in ctx.dates(sent) if e.start > colon.i
             and (d := parse_absolute(e.text)) is not None]
    return [DateRange(d) for d in dates] if len(dates) > 1 else []


def _year_of_what_followed(ctx: DocContext, verb: Token, sent: Span,
                           tense: Tense) -> DateRange | None:
    """"signed the loan agreement in May 2008, shortly after X had visited Tokyo": a visit
    told as what came just before an event dated otherwise is of that year."""
    if verb.pos_ not in ("VERB", "AUX") or not any(
            c.lower_ in ("after", "before") and c.i < verb.i and c.dep_ in ("prep", "mark")
            for c in verb.children) or verb.dep_ not in ("advcl", "conj"):
        return None
    if any(e.root.head.i == verb.i or e.root.head.head.i == verb.i for e in ctx.dates(sent)):
        return None                     # its own date
    main = verb.head
    told = [e for e in ctx.dates(sent) if e.root.head.i == main.i
            or (e.root.head.dep_ == "prep" and e.root.head.head.i == main.i)]
    if not told:
        # (wherever the parser hung it: the date told last before "after", outside the
        # visit's clause)
        order = min(c.i for c in verb.children if c.lower_ in ("after", "before"))
        own = {t.i for t in verb.subtree}
        told = [e for e in ctx.dates(sent) if e.end <= order and e.root.i not in own][-1:]
    found = first_date_in(ctx, told, tense)
    return DateRange(DateValue(found.start.year)) if found is not None else None


def _measured_from(ctx: DocContext, noun: Token, sent: Span) -> list[tuple[str, str | None]]:
    """The destination of the visit told before NOUN in its sentence ("the first visit to
    Mongolia ... since the visit of X")."""
    for t in reversed([t for t in sent if t.i < noun.i]):
        if t.lemma_.lower() in VISIT_NOUNS | VISIT_VERBS:
            found = _destinations(ctx, t)
            if found:
                return found
    return []


def _own_dates(ctx: DocContext, verb: Token, sent: Span,
               tense: Tense) -> list[tuple[list[str], DateRange]]:
    """Visitors the sentence gives a date of their own: "A travelled to X in 1999 and B in
    2006" (B, with no verb of its own, is the verb's conjunct followed by its date), "A
    (1999) and B (2006) visited X" (each name with its date in brackets)."""
    found: list[tuple[list[str], DateRange]] = []
    gapped = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i
              and c.pos_ == "PROPN" and person_for(ctx, c)]
    for n, person in enumerate(gapped):
        until = gapped[n + 1].i if n + 1 < len(gapped) else sent.end
        dates = [e for e in ctx.dates(sent) if person.i < e.start < until
                 and e.root.dep_ == "pobj" and e.root.head.head.i == verb.i]
        when = first_date_in(ctx, dates[:1], tense) if dates else None
        if when is not None:
            found.append((person_for(ctx, person), when))
    # "the first ... to visit Y since X in 2006": X's visit to Y, with no verb of its own
    for since in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "since"):
        for person in (c for c in since.children if c.dep_ == "pobj" and person_for(ctx, c)):
            dates = [e for e in ctx.dates(sent) if person.i < e.start <= person.i + 2]
            when = first_date_in(ctx, dates[:1], tense) if dates else None
            if when is not None:
                found.append((person_for(ctx, person), when))
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    named = [t for s in subjects for t in (s, *s.conjuncts) if person_for(ctx, t)]
    bracketed = [(t, [c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "DATE"])
                 for t in named]
    if len(named) > 1 and all(dates for _, dates in bracketed):
        for t, dates in bracketed:
            entity = ctx.entity_at(dates[0])
            when = first_date_in(ctx, [entity], tense) if entity is not None else None
            if when is None:
                return found
            found.append((person_for(ctx, t), when))
    return found


def _not_at_home(ctx: DocContext, verb: Token, visitors: list[str],
                 places: list[tuple[str, str | None]]) -> list[str]:
    """No one visits their own state: a subject of the destination's state is the parser's
    error ("At the invitation of the Prime Minister of Japan, Mr. A, the President of
    Mongolia, Mr. B, paid a visit to Japan": B, whom it hangs on A, is the visitor)."""
    if len(places) != 1:
        return visitors
    home = places[0][0]

    if not any(state_of(ctx, v) == home for v in visitors):
        return visitors
    hung = [p for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")
            for a in s.children if a.dep_ == "appos" for p in person_for(ctx, a)]
    return [v for v in dict.fromkeys([*visitors, *hung])
            if state_of(ctx, v) not in (home, None)
            or (v in visitors and state_of(ctx, v) is None)]


def _companions(ctx: DocContext, verb: Token) -> list[str]:
    """The persons who come along on a visit: "visited Y with Princess Z", "(was)
    accompanied by Z"."""
    found: list[str] = []
    # (the parser may hang "with Z" on the place: "visited Mongolia with Z", and
    # "accompanied by Z" on the subject: "X, accompanied by Z, paid a visit")
    places = [c for c in verb.children if c.dep_ == "dobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for child in [*verb.children, *(c for p in places for c in p.children),
                  *(c for s in subjects for t in (s, *s.children) for c in t.children
                    if c.dep_ == "acl")]:
        if child.dep_ == "prep" and child.lower_ == "with":
            found += [p for o in child.children if o.dep_ == "pobj"
                      for t in (o, *o.conjuncts) for p in person_for(ctx, t)]
        if child.dep_ in ("advcl", "acl") and child.lemma_ == "accompany":
            found += _agents(ctx, child)
    return found


def _agents(ctx: DocContext, verb: Token) -> list[str]:
    """Every person VERB's agent phrase names ("accompanied by Minister A, Minister B and
    other officials": the parser nests a list of titled names), not those of its clauses."""
    return [p for a in verb.children if a.dep_ == "agent" for t in a.subtree
            if t.dep_ not in ("relcl", "acl") for p in person_for(ctx, t)]


def _told_by_its_verb(noun: Token) -> bool:
    """A visit noun its clause tells ("paid an official visit", "is on a state visit",
    "arrived on a visit"), not one it names in passing."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return True
    return noun.dep_ == "pobj" and head.lower_ in ("on", "for") and \
        head.head.pos_ in ("VERB", "AUX")


def _dates_again(ctx: DocContext, trigger: Token, entities: list[Span],
                 tense: Tense) -> list[DateRange | None]:
    """"visited Ulaanbaatar in March 2013, and again in October 2013", "in 2015 and in
    2017": a date on the trigger's preposition and those on prepositions joined to it (or to
    the trigger) as conjuncts, each a visit of its own."""
    def preposition(e: Span) -> Token | None:
        return e.root.head if e.root.dep_ == "pobj" and e.root.head.pos_ == "ADP" else None

    def again(p: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ == "again" for c in p.children)

    on_trigger = [e for e in entities if (p := preposition(e)) is not None
                  and p.dep_ == "prep" and p.head.i == trigger.i]
    first = [e for e in on_trigger if not again(preposition(e))]      # type: ignore[arg-type]
    heads = {trigger.i} | {preposition(e).i for e in first}         # type: ignore[union-attr]
    more = [e for e in entities if (p := preposition(e)) is not None and (
        (p.dep_ == "conj" and p.head.i in heads) or (e in on_trigger and again(p)))]
    if not (first and more):
        return []
    found = [first_date_in(ctx, [e], tense) for e in first[:1] + more]
    return found if all(found) else []


YEARS_SINCE = re.compile(r"\b(\d{1,2}|[a-z]+) years (?:have |had )?(?:passed )?since\b", re.I)


def _years_since(ctx: DocContext, trigger: Token, sent: Span) -> DateRange | None:
    """"It has been 20 years since X first visited Y": the year the text's year minus 20."""
    m = YEARS_SINCE.search(ctx.text(sent))
    if m is None or ctx.date is None:
        return None
    since_at = sent.start_char + m.end()
    if trigger.idx < since_at:
        return None
    years = reference.number_word(m.group(1))
    if years is None:
        return None
    return DateRange(DateValue(ctx.date.year - years))


# A row's own note on its status: "(planned)", "(scheduled)", "(postponed)", "(cancelled)"
ROW_STATUS = re.compile(r"\((?:to be )?(?P<word>planned|scheduled|expected|postponed|"
                        r"cancell?ed)\)", re.I)
ROW_STATUS_OF = reference.rule_table("row_status_of")


def _row_status(text: str) -> str | None:
    m = ROW_STATUS.search(text)
    return ROW_STATUS_OF[m.group("word").lower()] if m else None


TABLE_END_WORDS = 12       # a line this long without a date is prose: the table has ended
CONTINUED_ROW = re.compile(rf"^(?P<month>{MONTH_RE})(?:\s*[-–]\s*{MONTH_RE})?\s*[:|\t]", re.I)


def _table_visits(ctx: DocContext) -> list[VisitFact]:
    """Rows of a table of visits under a "From X to Y" heading."""
    found: list[VisitFact] = []
    origin = destination = None
    year: int | None = None
    # rows of a table with a header row whose date cell gives the month are
    # _column_visits' ("2028\tFebruary: Minister X" is read here for its month too)
    in_columns = [(min(c.start for c in row.cells.values()),
                   max(c.end for c in row.cells.values()))
                  for row in column_table_rows(ctx.document.text)
                  if (d := parse_absolute(row.cells["date"].text)) and d.precision != "year"]
    for sent in ctx.sentences:
        if any(sent.start_char <= a < sent.end_char or a <= sent.start_char < b
               for a, b in in_columns):
            continue
        text = ctx.text(sent).strip()
        direction = table_direction(text)
        if direction is not None:
            o, d = direction
            if d is not None:
                # no origin: the mirror of the table before it, else unknown
                mirror = destination if o is None and origin == d.key else None
                origin, destination = (o.key if o else mirror), d.key
                continue
        date = table_row_date(text)
        if date is None and destination and year is not None:
            # a row under the year of the row above it: "\tDecember: Prime Minister X"
            more = CONTINUED_ROW.match(text)
            date = parse_absolute(f"{more.group('month')} {year}") if more else None
        if date is None:
            if destination and len(text.split()) > TABLE_END_WORDS:
                origin = destination = year = None    # prose again: the table has ended
            continue
        year = date.year
        if destination is None:
            continue
        people = [p for p in ctx.persons if sent.start_char <= p.start < sent.end_char]
        if not people or date is None:
            continue
        capacities: dict[str, Capacity] = {}
        for p in people:
            if p.capacity:
                if p.capacity.country is None and p.capacity.organisation is None:
                    p.capacity = replace(p.capacity, country=origin)
                capacities[p.mid] = p.capacity
        for day in _row_dates(text, date):
            status = _row_status(text) or (
                "planned" if ctx.date and day.first_day() > ctx.date.last_day() else "occurred")
            found.append(VisitFact(
                visitors=[p.mid for p in people], destination=destination, start=day,
                end=None, status=status, evidence=ctx.evidence(sent),
                capacities=capacities))
    return found


ROW_DATE = re.compile(rf"{MONTH_RE}\s+(?:1[89]|20)\d\d|(?:1[89]|20)\d\d(?:[./-]\d{{1,2}})?",
                      re.I)


def _row_dates(text: str, first: DateValue) -> list[DateValue]:
    """The dates a row opens with: one, or several before its colon ("- March 2013, October
    2015: Prime Minister X" is two visits)."""
    lead = text.split(":", 1)[0] if ":" in text else ""
    dates = [d for m in ROW_DATE.finditer(lead) if (d := parse_absolute(m.group())) is not None]
    return dates if len(dates) > 1 and dates[0] == first else [first]


def _column_visits(ctx: DocContext) -> list[VisitFact]:
    """Rows of a tab-separated table of visits with a header row naming its columns: each
    row a visit of the persons in its visitor cell to the state of its destination cell (or
    of the heading above the table), at its date cell's date, in the office its position
    cell names."""
    found: list[VisitFact] = []
    for row in column_table_rows(ctx.document.text):
        cells = row.cells
        when = parse_expression(cells["date"].text)
        last = parse_absolute(cells["end"].text) if "end" in cells else None
        if when is not None and when.end is None and last is not None and last > when.start:
            when = DateRange(when.start, last)        # "Start | End": 2013-03-30 | 2013-03-31
        cell = cells["visitor"]
        people = list(dict.fromkeys(ctx.rep.get(p.mid, p.mid) for p in ctx.persons
                                    if cell.start <= p.start < cell.end))
        if when is None or row.destination is None or not people:
            continue
        role = reference.known_role(cells["position"].text) if "position" in cells else None
        home = row.origin or reference.other_of_pair(row.destination)
        place = cells["destination"].text.split(",")[0].strip() if "destination" in cells \
            else ""
        status = "planned" if ctx.date and when.start.first_day() > ctx.date.last_day() \
            else "occurred"
        found.append(VisitFact(
            visitors=people, destination=row.destination, start=when.start, end=when.end,
            status=status, evidence=ctx.evidence(ctx.sentence_of_offset(cell.start)),
            place=place if reference.country_of_city(place) else None,
            capacities={p: Capacity(role=role, country=home) for p in people} if role else {}))
    return found


def _same_people(ctx: DocContext, a: list[str], b: list[str]) -> bool:
    def ident(mid: str) -> str:
        p = ctx.by_mid[mid]
        return (p.key or " ".join(p.words)).lower()
    return {ident(x) for x in a} == {ident(x) for x in b}


SAME_VISIT_DAYS = 14


def _near(a: DateValue | None, b: DateValue | None) -> bool:
    """Dates one visit can carry in one text: compatible, or days a fortnight apart."""
    if a is None or b is None or a.compatible(b):
        return True
    if a.precision == "day" and b.precision == "day":
        return abs((a.first_day() - b.first_day()).days) <= SAME_VISIT_DAYS
    return False


def _merge_in_document(visits: list[VisitFact]) -> list[VisitFact]:
    """Mentions of one visit within a document ("her visit", "the visit") become one."""
    merged: list[VisitFact] = []
    # the dated mentions first; an undated one ("his trip to Mongolia", a headline's "State
    # Visit to Japan by X") then joins the visit of those persons told closest before it,
    # else the first told after it
    for v in sorted(visits, key=lambda v: v.start is None):
        twin = next((m for m in merged if m.destination == v.destination
                     and set(m.visitors) == set(v.visitors) and _near(m.start, v.start)),
                    None)
        if twin is None and v.start is None:
            theirs = [m for m in merged if m.destination == v.destination
                      and set(v.visitors) <= set(m.visitors)]
            before = [m for m in theirs if m.evidence.start <= v.evidence.start]
            twin = max(before, key=lambda m: m.evidence.start) if before else \
                min(theirs, key=lambda m: m.evidence.start, default=None)
        if twin is None:
            merged.append(v)
            continue
        undated = twin.start is None
        if twin.start is None or (v.start and _finer(v.start, twin.start)):
            # (a finer date of the same visit: "1999.7" in a chronology, "the following
            # year" in prose)
            twin.start, twin.end = v.start, v.end or twin.end
        elif v.start and twin.start.precision == "day" == v.start.precision \
                and v.start != twin.start:
            # "visited on April 1" ... "ended on April 2": the span of the days named
            days = sorted(d for d in (twin.start, twin.end, v.start, v.end) if d)
            twin.start, twin.end = days[0], days[-1]
        twin.capacities.update({k: c for k, c in v.capacities.items() if k not in twin.capacities})
        if twin.status == "occurred" and v.status != "occurred" and undated:
            twin.status = v.status
    merged.sort(key=lambda m: m.evidence.start)
    return merged
