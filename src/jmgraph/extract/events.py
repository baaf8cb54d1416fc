"""What the verbs around an event say: who does it, and whether it happened.

Shared by the extractors of visits and meetings.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .. import reference
from ..dates import DateValue
from .context import DocContext, tense_of
from .persons import person_for

INVITING = reference.rule_words("inviting_verbs")
# ("slated" is lemmatised "slat")
PLANNING = reference.rule_words("planning_words")
PLANNED_WORDS = reference.rule_words("planned_words")
# "will visit", "would visit" (a plan told in the past: "said he would visit")
FUTURE_AUXILIARIES = reference.rule_words("future_auxiliaries")
POSTPONED = reference.rule_words("postponed_verbs")
CANCELLED = reference.rule_words("cancelled_verbs")

# Verbs a subject may follow ("..., said Prime Minister X")
INVERTED_VERBS = reference.rule_words("inverted_verbs")


# Plural forms of address for a royal couple, whose names or titles may follow in apposition
ROYAL_PLURALS = reference.rule_words("royal_plurals")


def subjects_of(ctx: DocContext, verb: Token) -> list[str]:
    """The persons doing VERB, following xcomp/relcl up to a subject."""
    seen = verb
    for _ in range(4):
        # a subject stands before its verb in these texts; one after it is the parser's
        # misreading of an object ("- paid a courtesy call on Speaker ... X")
        subj = [c for c in seen.children if c.dep_ in ("nsubj", "nsubjpass")
                and (c.i < seen.i or seen.lemma_ in INVERTED_VERBS)]
        if subj and seen.dep_ == "relcl" and all(s.tag_ in ("WP", "WDT") for s in subj):
            return relative_head(ctx, seen)
        if subj:
            people: list[str] = []
            for s in subj:
                # "Their Majesties the Emperor and Empress": the ones in apposition too
                apposed = [x for a in s.children if a.dep_ == "appos" for x in (a, *a.conjuncts)]
                for t in (s, *s.conjuncts, *(apposed if s.lower_ in ROYAL_PLURALS else [])):
                    people.extend(p for p in person_for(ctx, t) if p not in people)
                    if t.tag_ == "VBG" and t.lemma_ == "visit":
                        # "A and visiting President B agreed": the parser makes B the
                        # object of "visiting"
                        people.extend(p for c in t.children if c.dep_ == "dobj"
                                      for p in person_for(ctx, c) if p not in people)
            if not people:
                # "The crown prince's younger brother, Prince X, visited": the name in
                # apposition to the subject; "A plane carrying X arrived": who it carried
                people = list(dict.fromkeys(
                    p for s in subj for a in s.children
                    if a.dep_ == "appos" or (a.dep_ == "acl" and a.lemma_ == "carry")
                    for t in ([a] if a.dep_ == "appos" else
                              [c for c in a.children if c.dep_ == "dobj"])
                    for p in person_for(ctx, t)))
            return people
        if seen.dep_ == "acl" and seen.tag_ == "VBG":
            return person_for(ctx, seen.head)   # "X, visiting Japan as a guest, said"
        if seen.dep_ == "relcl" and seen.head.dep_ == "attr" and \
                seen.head.head.lemma_ in ("be", "become"):
            seen = seen.head.head     # "X is (became) the first minister to visit Y": X
            continue
        if seen.dep_ == "relcl":
            return relative_head(ctx, seen)
        if seen.dep_ in ("xcomp", "advcl", "conj", "ccomp") and seen.head.i != seen.i:
            head = seen.head
            if seen.dep_ == "conj" and seen.pos_ in ("VERB", "AUX"):
                # "X paid calls on A and B and held talks with C": the parser may hang the
                # second verb on a name of the first's object; its subject is the first's
                while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
                    head = head.head
            if seen.dep_ == "xcomp" and head.lemma_ in INVITING:
                # "A invited B to visit C": B would be the visitor
                invited = [p for c in head.children if c.dep_ == "dobj"
                           for p in person_for(ctx, c)]
                return invited
            seen = head
            continue
        break
    return list_lead(ctx, verb)


# A list item: "- held talks with ...", "• met ...", "(a) paid a courtesy call on ..."
LIST_ITEM = re.compile(r"^\s*(?:[-•*–]|\(?[a-z0-9]{1,2}[.)])\s+[a-z]")
LIST_LEAD_LOOK_BACK = 10


def list_lead(ctx: DocContext, verb: Token) -> list[str]:
    """The person a list's lead-in names when an item starts with its verb ("During the
    visit, Minister X:" / "- held official talks with ..."): the one person of the closest
    line before that ends with a colon."""
    sent = ctx.sentence_of(verb)
    if not LIST_ITEM.match(ctx.text(sent)):
        return []
    index = ctx.index_of(sent)
    for back in range(index - 1, max(-1, index - 1 - LIST_LEAD_LOOK_BACK), -1):
        text = ctx.text(ctx.sentences[back]).strip()
        if not text.endswith(":"):
            continue
        lead = ctx.sentences[back]
        people = list(dict.fromkeys(p for t in lead for p in person_for(ctx, t)))
        return people if len(people) == 1 else []
    return []


def relative_head(ctx: DocContext, clause: Token) -> list[str]:
    """The person a relative clause is about: its head, or up the apposition chain
    ("Mr. X, Minister for Foreign Affairs of Mongolia, who is visiting Japan")."""
    head = clause.head
    for _ in range(8):
        people = person_for(ctx, head)
        if people:
            # "Emperor X and Empress Y of Japan, who are paying a state visit": both
            for other in head.conjuncts:
                people += [p for p in person_for(ctx, other) if p not in people]
            return people
        if head.head.i == head.i:
            break
        head = head.head
    return []


def verb_chain(trigger: Token) -> list[Token]:
    """The trigger and the verbs that govern it within its own clause: "is expected to
    pay a visit" -> visit, pay, expected; a relative or adverbial clause is not crossed."""
    chain = [trigger]
    current = trigger
    if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj", "nsubj",
                                                              "nsubjpass", "attr"):
        current = current.head if current.dep_ != "pobj" else current.head.head
        chain.append(current)
    while current.head.i != current.i and (
            current.dep_ in ("xcomp", "aux", "auxpass")
            # "will meet X and hold talks with Y": the verb it is joined to
            or (current.dep_ == "conj" and current.pos_ == "VERB" and current.head.pos_ == "VERB")):
        current = current.head
        chain.append(current)
    return chain


def event_status(trigger: Token, date: DateValue | None, ctx: DocContext) -> str:
    """Occurred, planned, postponed or cancelled, from the trigger's own verb chain and
    its date against the document's."""
    chain = verb_chain(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and \
            trigger.head.lower_ in ("on", "during") and \
            any(c.dep_ == "poss" for c in trigger.children):
        # "would like to welcome X on his first visit": the visit is the occasion of what
        # the clause tells, whatever its mood
        chain = [trigger]
    lemmas = {t.lemma_.lower() for t in chain}
    words = {c.lower_ for t in chain for c in t.children}
    if lemmas & POSTPONED or "postponed" in words:
        return "postponed"
    if lemmas & CANCELLED or "cancelled" in words or "canceled" in words:
        return "cancelled"
    if words & FUTURE_AUXILIARIES or lemmas & PLANNING or words & PLANNED_WORDS:
        return "planned"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and \
            trigger.head.lower_ in ("toward", "towards"):
        return "planned"            # "work toward the state visit of X"
    if tense_of(trigger) == "future":
        return "planned"
    # a date after the text's, unless told as past ("met", "held talks"); a verb the event
    # is only the topic of ("agreed on a visit next year") tells nothing of it
    told = chain if trigger.dep_ != "pobj" else [trigger, *chain[2:]]
    if date and ctx.date and date.first_day() > ctx.date.last_day() and \
            not any(t.tag_ == "VBD" for t in told):
        return "planned"
    return "occurred"
