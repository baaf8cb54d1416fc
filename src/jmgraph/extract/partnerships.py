"""Partnerships: the named levels of the Japan-Mongolia relationship and when each began
("In 1996 ... building a 'Comprehensive Partnership'", "elevated to a 'Special Strategic
Partnership'", "diplomatic relations ... were established on February 24, 1972").
An "Economic Partnership Agreement" is an agreement, not a level."""

from __future__ import annotations

import re

from spacy.tokens import Span

from .. import reference
from ..dates import MONTH_RE, YEAR_RE, DateValue
from .context import DocContext, date_here_or_before, first_date_in, resolve_date
from .model import PartnershipFact

BILATERAL = reference.pair()
LEVEL = re.compile(
    r"(?P<label>(?:(?:[A-Z][a-z]+|and)[ -])*?(?:[A-Z][a-z]+ )*Partnership"
    r"(?: for (?:[A-Z][a-z]+)(?: and [A-Z][a-z]+)?)?)(?! Agreement)(?!\w)")
# Levels written in lower case ("upgrade ties to a special strategic partnership"): only
# the words that name a level, so that "a partnership in education" is none.
LEVEL_WORDS = reference.rule_word_list("level_words")
LEVEL_LOWER = re.compile(
    rf"(?P<label>(?:(?:{'|'.join(LEVEL_WORDS)})\s+)+partnership"
    r"(?:\s+for\s+peace\s+and\s+prosperity)?)(?!\s+agreement)(?!\w)", re.I)
RELATIONS = re.compile(r"\bdiplomatic (?:relations|relationships?|ties)\b", re.I)
BEGIN = re.compile(
    r"\b(establish\w*|set out|set up|identified|launch\w*|elevat\w*|upgrad\w*|rais\w*|"
    r"(?:agreed|decided) (?:[\w,]+ ){0,3}?to (?:build|develop|establish|forge)|"
    r"agree[ds]? (?:up)?on|(?<=to which )(?:[\w'’-]+ ){1,8}?agreed|building|became|become|"
    r"announced|signed|adopted|produced|forged|"
    r"unveiled|sealed|ushered in|"
    r"entered|start\w*|began|begun|concurred|formed|declared|proclaimed|lifted|elevated|"
    r"launched)\b", re.I)
# An entry of a timeline, "- November 2010: ... 'Strategic Partnership'.": what it names
# happened on its date
TIMELINE_ENTRY = re.compile(rf"^\s*(?:[-•*–]\s*)?(?:\d{{1,2}}\s+)?(?:{MONTH_RE}\s+)?"
                            rf"(?:\d{{1,2}},?\s+)?{YEAR_RE}\s*:", re.I)
# "his will to establish", "hopes to build": an intention, not a beginning
INTENT_BEFORE = re.compile(r"\b(?:(?:will|wish\w*|hope\w*|desire\w*|intention|intend\w*|aim\w*|"
                           r"plan\w*|seek\w*|want\w*|efforts?)\s+to\s+(?:\w+\s+){0,2}|"
                           r"promot\w*\s+(?:the\s+)?)$", re.I)
# "strengthen their strategic partnership": a level that exists already
EXISTING_BEFORE = re.compile(r"\b(?:strengthen\w*|deepen\w*|enhanc\w*|expand\w*|further|"
                             r"existing|earlier|previous|former|promot\w*|advanc\w*)\s+"
                             r"(?:[\w'’-]+\s+){0,3}[“\"]?$", re.I)
# "elevate their 'strategic partnership' to higher levels": a level they have
OWNED_BEFORE = re.compile(r"\b(?:their|our|its)\s+[“\"]?$", re.I)
ANNIVERSARY = re.compile(r"\banniversary of\b", re.I)
ANNIVERSARY_BEFORE = re.compile(r"anniversary of (?:the )?$", re.I)
GENERIC = reference.rule_words("generic_partnerships")
# An instrument's name the level's name stands in: "Action Plan for the Strategic Partnership"
INSTRUMENT_BEFORE = re.compile(r"\b(?:plan|program(?:me)?|agreement|statement|declaration|"
                               r"document|memorandum)\s+"
                               r"(?:for|on|of)\s+(?:the\s+)?$", re.I)
# The two states before a level's name: "Mongolia-Japan", "Japan–Mongolia"
PAIR_PREFIX = re.compile(r"^([A-Z][a-z]+)\s*[-–]\s*([A-Z][a-z]+)\s+(?=\S)")
# How far after "anniversary of" a level's name is the one the anniversary is of.
ANNIVERSARY_REACH = 60
# Names of partnerships that are no level of the relationship: "the Agreement between
# Mongolia and Japan for an Economic Partnership" is an agreement's name.
NOT_LEVELS = reference.rule_words("not_levels")


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
        between = re.search(r"between\s+(\w+)\s+and\s+(\w+)", sent.text)
        if between and others and any(
                (c := reference.country_any(w)) is not None and c.key in others
                for w in between.groups()):
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
            if INSTRUMENT_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
                continue         # "the Action Plan for the Special Strategic Partnership"
            label = m.group("label").strip()
            label = re.sub(r"^(?:The|A|An|New|Japan|Mongolia|Building|Developing)\s+", "", label)
            pair = PAIR_PREFIX.match(label)        # "Mongolia-Japan Strategic Partnership"
            if pair and all(reference.country_any(w) for w in (pair.group(1), pair.group(2))):
                label = label[pair.end():]
            if label.lower() in GENERIC | NOT_LEVELS or not label[0].isupper():
                continue
            if not set(re.split(r"[\s-]+", label.lower())) & set(LEVEL_WORDS) and \
                    label.lower() != "partnership":
                continue         # "the Low Carbon Development Partnership": a programme
            if re.search(r"Economic Partnership$", label) and \
                    text[m.end():m.end() + 12].strip().startswith(("Agreement", "(EPA")):
                continue
            labels.append((_fix_case(label), m.start()))
        for m in LEVEL_LOWER.finditer(text):
            if not m.group("label")[:1].isupper():             # capitalised: read above
                labels.append((_fix_case(re.sub(r"\s+", " ", m.group("label"))), m.start()))
        if RELATIONS.search(text):
            labels.append(("Diplomatic Relations", RELATIONS.search(text).start()))
        if not labels:
            continue
        parties = _parties(ctx, sent)
        if parties is None:
            continue
        timeline = TIMELINE_ENTRY.match(text) is not None
        verbs = [(b.start(), b.end()) for b in BEGIN.finditer(text)
                 if not ANNIVERSARY_BEFORE.search(text[max(0, b.start() - 30):b.start()])
                 and not INTENT_BEFORE.search(text[max(0, b.start() - 40):b.start()])
                 and not _hoped(sent, b.start())]
        starts = [start for start, _ in verbs]
        begins = timeline or bool(starts)
        when = date_here_or_before(ctx, sent, "past") if begins else None
        if when is None and begins and ctx.discourse is not None:
            when = ctx.discourse.context_date(sent, "past", "partnership")
        left = _left_behind(text)
        anniversary = ANNIVERSARY.search(text)
        positions = sorted(pos for _, pos in labels)
        for label, pos in labels:
            # the verb that begins a level stands before it ("proclaimed ... 'X'", "X was
            # proclaimed"), near it
            near = timeline or any(
                0 < pos - at < BEGIN_REACH
                or (0 < at - pos < BEGIN_REACH
                    and PASSIVE_BETWEEN.search(text[pos + len(label):at]))
                for at in starts)
            # "the 50th anniversary of ... diplomatic relations (next year)": not when
            # they began
            of_anniversary = bool(anniversary and anniversary.start() < pos
                                  and pos - anniversary.end() < ANNIVERSARY_REACH)
            own = _own_date(ctx, sent, text, pos, positions)
            if own is not None and of_anniversary and ctx.date is not None and \
                    own[0].year >= ctx.date.year - 1:
                own = None          # "... anniversary of diplomatic relations next year"
            if own is not None and (near or own[1]):
                found.append(PartnershipFact(label=label, parties=parties, date=own[0],
                                             evidence=ctx.evidence(sent)))
                continue                 # "proclaimed ... in November 2010, and lifted to
                #                          ... in November 2022", "'Comprehensive ...' (1996)"
            if left is not None and left[0] <= pos < left[1]:
                continue                 # "elevate ... from a 'Comprehensive Partnership' to"
            if EXISTING_BEFORE.search(text[max(0, pos - 40):pos]) or \
                    OWNED_BEFORE.search(text[max(0, pos - 12):pos]):
                continue                 # "to strengthen their strategic partnership": it was
            date = _date_of_verb(ctx, sent, pos, verbs) or (when.start if when else None)
            date = date if when and near and not of_anniversary else None
            if label == "Diplomatic Relations" and date is None:
                continue
            found.append(PartnershipFact(label=label, parties=parties, date=date,
                                         evidence=ctx.evidence(sent)))
    return found


# Words that make what they govern a hope or a plan ("expressed his hope that the visit will
# become a milestone that elevates relations to ...")
HOPE_WORDS = reference.rule_words("hope_words")
FUTURE_AUX = reference.rule_words("future_aux")
# The nouns a level's name ends in
LEVEL_NOUNS = reference.rule_words("level_nouns")


def _hoped(sent: Span, at: int) -> bool:
    """Whether the word at AT (in SENT) is said as a hope or as something still to come."""
    word = next((t for t in sent if t.idx - sent.start_char >= at), None)
    if word is None:
        return False
    if word.tag_ in ("VBD", "VBN") and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in LEVEL_NOUNS
            for c in word.children):
        return False        # "make the 'strategic partnership' agreed on when ...": told done
    t = word
    while True:
        if t.lemma_.lower() in HOPE_WORDS or any(
                c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children):
            return True
        if t.dep_ == "advcl" or t.head.i == t.i or (t.dep_ in ("relcl", "acl")
                                                    and t.tag_ in ("VBD", "VBN")):
            # "When they established relations in 1972, few expected"; "will lift the
            # partnership the two countries established in 2031": their own time
            return False
        t = t.head


def _date_of_verb(ctx: DocContext, sent: Span, pos: int, verbs: list[tuple[int, int]]
                  ) -> DateValue | None:
    """In a sentence of several dates, the one closest to the verb that begins the level
    named at POS ("A visited Japan in May 1998, and in 2010 the two agreed to build a
    strategic partnership": 2010; "which established relations in 1972, agreed in 2010 to
    build": the date inside the verb's words)."""
    dates = [d for d in ctx.dates(sent) if first_date_in(ctx, [d], "past") is not None]
    if len(dates) < 2 or not verbs:
        return None
    start, end = min(verbs, key=lambda span: abs(span[0] - pos))

    def distance(d: Span) -> int:
        at, to = d.start_char - sent.start_char, d.end_char - sent.start_char
        return 0 if start <= at and to <= end else min(abs(at - start), abs(to - start))

    closest = min(dates, key=distance)
    found = first_date_in(ctx, [closest], "past")
    return found.start if found else None


# How far after a level's name a date still tells when it began ("... relations between
# Japan and Mongolia on February 24, 1972").
OWN_DATE_CHARS = 160
# Words between a level's name and the verb after it that begins it: "X, which A and B
# launched", "X was proclaimed", "X the two countries established".
PASSIVE_BETWEEN = re.compile(r"\b(?:which|that|was|were|has been|had been|is)\b|"
                             r"^[”\"]?\s*(?:the\s+two\s+\w+|they|both\s+\w+|\w+\s+and\s+\w+)\s+$"
                             r"|^[”\"]?\s*$"           # "the X established in 2022"
                             r"|^[”\"]?,\s+(?:an?|the)\s+\w+\s+$"    # "'X', a label adopted in"
                             # "'X' (between A and B), established during ..."
                             r"|^[”\"]?(?:\s+(?:between|of|with)\s+[A-Z]\w+"
                             r"(?:\s+and\s+[A-Z]\w+)?)?,\s*$"
                             r"|^[^.;:]{0,20}:\s*$"            # "Diplomatic relations: established"
                             r"|^[”\"]?,[”\"]?\s*$",            # "'X,' established in 2010"
                             re.I)
# How far from a level's name the verb that begins it may stand.
BEGIN_REACH = 150


def _own_date(ctx: DocContext, sent: Span, text: str, pos: int, positions: list[int]
              ) -> tuple[DateValue, bool] | None:
    """The date written right after the level named at POS, before the next level named,
    and whether it is a bracketed year ("'Strategic Partnership' (2010)") or the date of
    an establishment ("establishment of diplomatic relations ... on February 24, 1972"),
    which date the level whatever the sentence's verb."""
    following = [p for p in positions if p > pos]
    limit = min([pos + OWN_DATE_CHARS, *following])
    for ent in ctx.dates(sent):
        at = ent.start_char - sent.start_char
        if pos < at < limit and _in_clause_after(ent, sent.start_char + pos):
            continue        # "'X', which Y reaffirmed when he visited ... in July 1999"
        if pos < at < limit and SINCE_RIGHT_AFTER.match(text, pos, at):
            since = resolve_date(ctx, ent.text, "past")       # "building X since 2010"
            return (since.start, True) if since is not None else None
        if pos < at < limit:
            found = first_date_in(ctx, [ent], "past")
            if found is None:
                return None
            bracketed = text[at - 1:at] == "(" or text[max(0, pos - 30):pos].lower().rstrip(
                ).endswith(("establishment of", "establishment of the"))
            return found.start, bracketed
    return None


# A level's name, then "since" and the date: "building a Strategic Partnership since 2010"
# (not "the partnership has deepened since 2015")
SINCE_RIGHT_AFTER = re.compile(
    r"[^,;]{0,80}?(?:partnership|relations|ties)[”\"']?[,:]?\s+since\s+$", re.I)


def _in_clause_after(ent: Span, level_char: int) -> bool:
    """Whether ENT stands in a relative clause that opens after the level's name and begins
    nothing ("'X', which Y reaffirmed when he visited ... in July 1999"; not "ties were
    lifted to X when the Prime Minister visited in May 2033")."""
    t = ent.root
    while t.head.i != t.i:
        if t.dep_ == "relcl" and t.left_edge.idx > level_char:
            if t.left_edge.lower_ in ("under", "in", "with", "through", "by") and \
                    t.left_edge.i + 1 < len(ent.doc) and \
                    ent.doc[t.left_edge.i + 1].lower_ == "which":
                return True     # "'X', the label under which the two signed the EPA in 2015"
            return not BEGIN.search(ent.doc[t.left_edge.i:t.right_edge.i + 1].text)
        t = t.head
    return False


# "elevate their relations from a 'Comprehensive Partnership' to a 'Strategic Partnership'":
# the level left behind is not one that begins
FROM_LEVEL = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?[“\"]?[^“”\"]{3,80}?[”\"]?\s+to\s+", re.I)


def _left_behind(text: str) -> tuple[int, int] | None:
    m = FROM_LEVEL.search(text)
    return (m.start(), m.end()) if m and "artnership" in m.group(0) else None


def _fix_case(label: str) -> str:
    words = label.split()
    return " ".join(w if w in ("for", "and", "of") else w[:1].upper() + w[1:] for w in words)
