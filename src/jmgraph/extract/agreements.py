"""Agreements: named instruments (quoted or capitalised: exchanges of notes, joint
statements, action plans, EPAs, loans, basic agreements), their dated milestones and
stages, signatories and amounts ("25 billion yen")."""

from __future__ import annotations

import re
from decimal import Decimal

from spacy.tokens import Span, Token

from .. import reference
from ..dates import MONTHS, WEEKDAYS, DateRange, DateValue, Tense, parse_absolute
from ..reference import lexicon
from .context import DocContext, clause_verb, clauses_about_persons, first_date_in, tense_of
from .model import AgreementFact, Milestone
from .persons import is_headline, person_for

QUOTED = re.compile(r"[“\"]([^”\"]{3,200})[”\"]")
KIND_WORDS = [
    ("Exchange of Notes", r"exchanges? of notes"),
    ("Joint Statement", r"joint (?:statement|declaration|communiqu[eé])"),
    ("Action Plan", r"action (?:plan|program(?:me)?)"),
    ("Economic Partnership Agreement", r"economic partnership agreement|\bEPA\b"),
    ("Memorandum", r"memorandum|\bMOU\b|\bMOC\b"),
    ("Loan", r"\bloan\b"),
    ("Grant", r"\bgrant aid\b|\bgrant\b"),
    ("Treaty", r"\btreaty\b|\bconvention\b"),
    ("Agreement", r"\bagreement\b"),
]
# The acronyms texts name an instrument by ("the Japan-Mongolia EPA") and what they stand for.
INSTRUMENT_ACRONYMS = reference.rule_table("instrument_acronyms")
ACRONYM_NAME = re.compile(r"(?<!\()\b(?P<parties>[A-Z]\w+[-–][A-Z]\w+\s+)?"
                          rf"(?P<acronym>{'|'.join(INSTRUMENT_ACRONYMS)})\b(?!\))")
# A capitalised word of an instrument's title after its kind; not a date ("on Monday").
_TITLE_WORD = (r"(?!(?i:" + "|".join(sorted({*MONTHS, *WEEKDAYS}, key=len, reverse=True))
               + r")\b)[A-Z][\w-]*(?:['’]s(?=\s+[A-Z]))?")     # "the Mongolian People's Republic"
# The parts of a title after its kind: its parties ("between the Government of Japan and
# the Government of Mongolia"), and what it is on ("for an Economic Partnership", "on Trade
# and Investment"); "and the" between parts ends it ("the Agreement on Trade and the
# Memorandum on Tourism" are two).
_PARTY = rf"(?:the\s+)?{_TITLE_WORD}(?:\s+(?:of\s+)?{_TITLE_WORD})*"
_PARTIES = rf"between\s+{_PARTY}(?:\s+and\s+{_PARTY})?"
_SUBJECT = (rf"(?:on|of|for|concerning|regarding|in\s+the\s+[Ff]ields?\s+of)\s+"
            rf"(?:the\s+|an?\s+)?{_TITLE_WORD}"
            rf"(?:\s+(?:(?:and|of)\s+)?{_TITLE_WORD})*")
CAPITALISED = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w.–-]*|COVID-19|of|on|and|the|for|in)\s+){0,10}?"
    r"(?:Agreement|Joint [Ss]tatement|Action [Pp]lan|Action [Pp]rogram(?:me)?|"
    r"(?:Medium|Mid)-[Tt]erm [Pp]rogram(?:me)?|Exchange of [Nn]otes|"
    r"Memorandum(?: of [A-Z]\w+)?|Treaty|(?:[A-Z]\w*-)+Loan(?:\s+Project)?|Loan(?!\s+Agreement)|"
    r"Declaration)"
    r"(?![\w-])"
    rf"(?:\s+(?:{_PARTIES}|{_SUBJECT}))*)")
STAGES = [
    ("agreed in principle", r"agreement in principle|agreed in principle|basic agreement|"
                            r"reach(?:ed)? (?:a |an )?(?:basic )?agreement"),
    ("negotiation launched", r"start(?:ed)? (?:the )?negotiation|to start negotiations?|"
                             r"launch(?:ed)? (?:the )?negotiation|commence negotiations?"),
    ("negotiating", r"coordinat\w+|negotiat\w+|final phase|final stage|consultations? on"),
    ("signed", r"\bsign(?:ed|ing)\b|\bissued\b|"
               r"\bexchanged\b(?!\s+(?:views|opinions|ideas|greetings|messages|words))|"
               r"\bsigns?\s+(?:an?|the|their)\b|\bconcluded\b|\badopted\b|"
               r"\breleased\b|\bestablished\b|\binked\b"),
    ("in force", r"(?:entry|enter(?:s|ed|ing)?) into force|(?:came|comes?|coming) into "
                 r"(?:force|effect)|(?:took|takes?|taking) effect"),
]
# Where a sentence tells a stage, in any form of its verb ("came to Tokyo to sign the EPA in
# February")
STAGE_WORDS = [pattern for _, pattern in STAGES] + [r"\bsigns?\b"]
# A signing told in the present perfect: news of the day ("have signed an agreement").
PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:signed|concluded|exchanged|adopted|"
                     r"issued|inked)\b", re.I)
# The verbs whose subject (or passive agent) signed an instrument.
SIGNING_VERBS = reference.rule_words("signing_verbs")
NOT_INSTRUMENT = re.compile(
    r"^(?:the\s+)?(?:agreement in principle|agreement|basic agreement|agreements)$|"
    r"resolutions?$|^Security Council$", re.I)
# An envoy's letters are no instrument, whatever the text calls them.
NOT_INSTRUMENT_WORDS = re.compile(r"\b(?:credence|credentials)\b", re.I)
AMOUNT = re.compile(r"(?:(?:US)?\$|¥)?\s*(\d[\d,.]*)\s*(billion|million|trillion)?\s*"
                    r"(yen|dollars?|US dollars|tugriks?)?", re.I)
MULTIPLIER = {"million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
              "trillion": Decimal(10) ** 12, None: Decimal(1)}
CURRENCY = reference.rule_table("currency")
PLANNED = re.compile(r"\b(will|would|look(?:s|ed|ing)? forward to|"
                     r"to be (?:signed|concluded|adopted)|expected|plans? to|planned|"
                     r"likely|propos\w*|toward|towards|to develop|to conclude|to sign|to adopt)\b",
                     re.I)


def _planned(sent: Span, text: str) -> bool:
    """Whether the sentence tells its instrument's stage as still to come ("will sign",
    "looked forward to the entry into force"); a relative clause's "would" is about something
    else ("issued the Plan, which would become a basis ...")."""
    clauses = [(t.left_edge.idx - sent.start_char,
                t.right_edge.idx + len(t.right_edge) - sent.start_char)
               for t in sent if t.dep_ == "relcl"]
    return any(not any(a <= m.start() < b for a, b in clauses) and not _purpose(sent, m.start())
               and not _horizon(sent, m.start()) and not _ordinal_to(sent, m.start())
               for m in PLANNED.finditer(text))


def _ordinal_to(sent: Span, at: int) -> bool:
    """Whether the "to ..." at AT tells who did it in order ("became the ninth country to
    sign a memorandum"): done, not planned."""
    to = next((t for t in sent if t.idx - sent.start_char == at), None)
    if to is None or to.lower_ != "to":
        return False
    verb = to.head
    nouns = [verb.head] if verb.dep_ in ("relcl", "acl") else [
        c for c in verb.head.children if c.dep_ in ("attr", "dobj")] if verb.dep_ == "xcomp" \
        else []
    return any(c.ent_type_ == "ORDINAL" or c.lower_ in ("first", "last")
               for noun in nouns for c in noun.children)


def _done_before(ctx: DocContext, sent: Span, text: str, stage: str,
                 when: DateRange | None) -> bool:
    """Whether the stage is told as done at a date before the text's own, outside the
    reach of the words that make the sentence a plan ("the EPA, launched in March 2012, ...
    confirmed that they would accelerate the negotiations"; not "was to be signed in March")."""
    return when is not None and _before_text(ctx, when) and \
        _told_outside_plans(sent, text, stage)


def _before_text(ctx: DocContext, when: DateRange) -> bool:
    """Whether WHEN lies wholly before the text's own date: a stage done ("the EPA, which
    was signed in February last year, will enter into force on June 7": signed)."""
    return ctx.date is not None and (when.end or when.start).last_day() < ctx.date.first_day()


def _after_text(ctx: DocContext, when: DateRange) -> bool:
    """Whether WHEN lies wholly after the text's own date: a stage still to come."""
    return ctx.date is not None and when.start.first_day() > ctx.date.last_day()


def _told_outside_plans(sent: Span, text: str, stage: str) -> bool:
    """Whether the first word telling STAGE stands outside the clauses a plan word governs
    ("the negotiations have reached their final stage, and they would continue to
    coordinate": the negotiations are under way)."""
    pattern = dict(STAGES).get(stage) or (r"negotiat\w+" if stage == "negotiating" else None)
    told = re.search(pattern, text, re.I) if pattern else None
    word = next((t for t in sent if t.idx - sent.start_char >= told.start()), None) \
        if told else None
    if word is None:
        return False
    if any(a.dep_ == "prep" and a.lower_ in ("following", "after") for a in word.ancestors):
        return True             # "will sign X, following an agreement in principle reached
        #                         on it in September": done before what is planned
    verb = clause_verb(word)
    if verb.dep_ == "relcl" and (verb.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in PAST_AUXILIARIES
            for c in verb.children)):
        return True             # "would make use of the EPA, which entered into force in
        #                         June 2016": told done in a clause of its own
    for m in PLANNED.finditer(text):
        plan = next((t for t in sent if t.idx - sent.start_char >= m.start()), None)
        if plan is None:
            continue
        scope = plan.head if plan.dep_ in ("aux", "auxpass") else clause_verb(plan)
        if word.i in {t.i for t in scope.subtree}:
            return False
    return True


PAST_AUXILIARIES = frozenset({"was", "were", "had", "has", "have"})


def _horizon(sent: Span, at: int) -> bool:
    """Whether the word at AT is "toward(s)" a time ("a partnership toward the 21st
    century", "a vision towards 2030"): a horizon, not a plan."""
    word = next((t for t in sent if t.idx - sent.start_char == at), None)
    return word is not None and word.lower_ in ("toward", "towards") and \
        any(c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in word.children)


# "came to Tokyo to sign the EPA": the purpose of a journey made, told as done
JOURNEY_VERBS = reference.rule_words("journey_verbs")


def _purpose(sent: Span, at: int) -> bool:
    """Whether the "to ..." at AT is the purpose of a journey told in the past."""
    to = next((t for t in sent if t.idx - sent.start_char == at), None)
    if to is None or to.lower_ != "to" or to.dep_ != "aux":
        return False
    verb = to.head
    return verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_ in JOURNEY_VERBS and \
        verb.head.tag_ == "VBD"


def _kind(name: str, context: str) -> str:
    for kind, pattern in KIND_WORDS:
        if re.search(pattern, name, re.I):
            return kind
    for kind, pattern in KIND_WORDS:
        if re.search(pattern, context, re.I):
            return kind
    return "Agreement"


LEADING = re.compile(
    r"^(?:the|a|an|on|of|new|proposed|and|to|reach|reached|signing|ceremony|outline|through|"
    r"following|under|with|toward|towards|for|in|"
    # "Monday and the Memorandum on X", "EPA and the ...": not "Fiscal and Social Reforms"
    rf"(?:(?-i:[A-Z]{{2,}})|{'|'.join(WEEKDAYS)})(?= and ))\s+", re.I)


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,;:")
    name = re.sub(r"(?<=\w)[–‐](?=\w)", "-", name)       # "Japan–Mongolia": one spelling
    before = None
    while before != name:
        before = name
        name = LEADING.sub("", name)
        first = re.match(r"^(\S+)\s+(?:for|to|with|from|by)\s+(?:the\s+)?", name)
        if first and reference.country_named(first.group(1)):
            name = name[first.end():]       # "thanked Japan for the X Loan": the X Loan
        # "Ceremony of the Exchange of Notes" -> "Exchange of Notes"
        name = re.sub(r"^(?:Signing\s+)?Ceremony\s+(?:for|of)\s+(?:the\s+|an?\s+)?", "", name,
                      flags=re.I)
    return name[:1].upper() + name[1:]


# A quotation that is a sentence ("I strongly hope the EPA will ..."), not a title.
QUOTED_SENTENCE = re.compile(r"\b(?:I|we|you|he|she|it|they|will|would|shall|should|is|are|"
                             r"was|were|has|have|had|hope|said)\b")


def _names(ctx: DocContext, sent: Span) -> list[tuple[str, str]]:
    """(name, kind) of the instruments a sentence names."""
    text = sent.text
    found: list[tuple[str, str]] = []
    quoted_spans = []
    for m in QUOTED.finditer(text):
        inner = m.group(1).strip().rstrip(".,;:")
        if QUOTED_SENTENCE.search(inner):
            continue
        before = text[max(0, m.start() - 60):m.start()]
        kind = _kind(inner, before)
        if not re.search(r"|".join(p for _, p in KIND_WORDS), inner + " " + before[-40:], re.I):
            continue
        if (re.search(r"partnership", inner, re.I) and not re.search(
                r"statement|agreement|declaration|plan|program|memorandum", inner, re.I)) \
                or len(inner.split()) > 30:
            continue                # a level ("Strategic Partnership"), not an instrument
        found.append((_tidy(inner), kind))
        quoted_spans.append((m.start(), m.end()))
    for m in CAPITALISED.finditer(text if not is_headline(text) else ""):
        # (a headline's words are all capitalised: they name no instrument by their case)
        if any(a <= m.start() < b for a, b in quoted_spans):
            continue
        # "Exchange of Notes on the “...”": the quoted name is the instrument
        if quoted_spans and (any(0 <= a - m.end() <= 12 for a, _ in quoted_spans)
                             or is_generic_label(m.group("name"))):
            continue
        name = _tidy(m.group("name"))
        if NOT_INSTRUMENT.search(name) or not re.search(r"[A-Z]", name):
            continue
        if len(name.split()) == 1:
            continue
        found.append((name, _kind(name, "")))
    # "a joint statement"
    if re.search(r"\ba joint (?:press )?statement\b", text) and \
            not any(k == "Joint Statement" for _, k in found):
        found.append(("Joint Statement", "Joint Statement"))
    # "an agreement on the transfer of defense equipment", "an investment agreement"
    known = [n for n, _ in found]
    for n, k in _described(ctx, sent):
        at = _position(text, n)
        if at is not None and any(0 <= a - (at + len(n)) <= 12 for a, _ in quoted_spans):
            continue            # "the Exchange of Notes concerning Grant Aid for “X”": X
        # "the Exchange of Notes concerning the grant aid for X": the generic name said
        # what it is about
        # (or a name cut short by a possessive: "the Exchange of Notes on Japan's grant
        # aid for X")
        widened = [name for name in known if (n.lower().startswith(name.lower() + " ")
                   and is_generic_label(name) and not is_generic_label(n))
                   or n.lower().startswith(name.lower() + "'s ")]
        if widened:
            found = [(n, k) if name in widened else (name, kind) for name, kind in found]
        elif not any(_same_words(name, n) for name in known):
            found.append((n, k))
    found = _funded_project(text, found)
    found += _notes_on_which(sent, found)
    # (not across a table's cells: "Type<TAB>Free trade agreement")
    return [(n, k) for n, k in found if not NOT_INSTRUMENT_WORDS.search(n)
            and f"{n.split()[0]}\t" not in text]


# A project an aid instrument funds, by its name: "for the Higher Engineering Education
# Development Project", "for the Project for Rural Clinics Improvement".
PROJECT = re.compile(r"\b(?:for|of)\s+the\s+(?P<name>(?:[A-Z][\w-]*\s+){1,8}?"
                     r"(?:Project|Program|Programme)\b"
                     r"(?:\s+(?:for|of|on)(?:\s+(?:the|and|of|[A-Z][\w-]*))+)?"
                     r"|(?:Project|Program|Programme)\s+(?:for|of|on)(?:\s+(?:the|and|of|"
                     r"[A-Z][\w-]*))+)")
AID_KINDS = frozenset({"Loan", "Exchange of Notes", "Grant"})


def _funded_project(text: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An exchange of notes, loan or grant "for the X Project": the instrument is named by
    its project, as a quoted project names it ("concerning a Japanese ODA loan of up to 7.5
    billion yen for the Higher Engineering Education Development Project")."""
    projects = [m for m in PROJECT.finditer(text)
                if not any(m.group("name") in n for n, _ in found)]
    aid = [(n, k) for n, k in found if k in AID_KINDS and not PROJECT.search(f"for the {n}")]
    if not projects or not aid:
        return found
    named = []
    for m in projects:
        # (each of several by the kind told last before it: "notes concerning a loan ...
        # for the X Project, and notes concerning grant aid ... for the Project for Y")
        kind = next((k for k, word in AID_WORDS if word.search(text[:m.start()].split(
            ", and ")[-1])), None) or aid[0][1]
        named.append((_tidy(m.group("name")), kind))
    return [*named, *[(n, k) for n, k in found if (n, k) not in aid]]


AID_WORDS = [("Loan", re.compile(r"\bloan", re.I)), ("Grant", re.compile(r"\bgrant", re.I))]


SHARED_WORDS = 3


def _same_words(a: str, b: str) -> bool:
    """Two names of one instrument: one holds the other, or they share a run of words
    ("Notes on the Two-Step-Loan Project for ..." and "Two-Step-Loan Project for ...")."""
    wa, wb = a.lower().split(), b.lower().split()
    if " ".join(wa) in " ".join(wb) or " ".join(wb) in " ".join(wa):
        return True
    runs = {tuple(wa[i:i + SHARED_WORDS]) for i in range(len(wa) - SHARED_WORDS + 1)}
    return any(tuple(wb[i:i + SHARED_WORDS]) in runs for i in range(len(wb) - SHARED_WORDS + 1))


# Nouns that name an instrument when the text says what it is on: "an agreement on the
# transfer of defense equipment", "a pact for defense equipment transfers", "letters on yen
# loans", "the note on the non-refundable aid", "a memorandum of defense cooperation", "an
# investment agreement" (a noun before it says what it is on too).
DESCRIBED_NOUNS = reference.rule_table("described_nouns")
# "Notes were exchanged ...": capitalised by custom, still no name
CAPITALISED_OK = reference.rule_words("capitalised_ok")
# A plan is an instrument only as an action plan or one of a term: "a mid-term action plan"
TERM_NOUNS = reference.rule_words("term_nouns")
TERM_WORDS = reference.rule_words("term_words")
# The prepositions (or participles) that say what an instrument is on.
SUBJECT_PREPS = reference.rule_words("subject_preps")
# Words before an instrument noun that do not say what it is on.
NOT_SUBJECT = reference.rule_words("not_subject")
# A framework, an arrangement is an instrument only when it is on something specific.
NEEDS_SUBJECT = reference.rule_words("needs_subject")
DESCRIPTION_MAX_TOKENS = 14
# Nouns that name an instrument only as what is signed or exchanged ("signed a document on X").
SIGNED_ONLY = frozenset({"document"})
# "a broad agreement on ...": agreeing, not an instrument
AGREED_WORDS = reference.rule_words("agreed_words")
# Words that make a complement vague ("an agreement on many points"): no instrument.
VAGUE = reference.rule_words("vague_words")


def _described(ctx: DocContext, sent: Span) -> list[tuple[str, str]]:
    """Instruments a text names by description, in lower case: the noun with the words
    before it that say what it is on ("economic partnership agreement", "investment
    agreement") and its complement ("on the transfer of defense equipment and
    technologies"), cut before any clause."""
    found: list[tuple[str, str]] = []
    for tok in sent:
        noun = tok.lower_
        if noun not in DESCRIBED_NOUNS or tok.pos_ not in ("NOUN", "PROPN") or \
                (tok.text[:1].isupper() and noun not in CAPITALISED_OK) or tok.dep_ == "attr" \
                or (tok.dep_ == "appos" and _names_an_instrument(tok.head)):
            continue                  # "the X EPA, Mongolia's first free trade agreement"
        if noun in SIGNED_ONLY and not (tok.head.lemma_ in SIGNING_VERBS and
                                        tok.dep_ in ("dobj", "nsubjpass")):
            continue                  # "signed a document on X", not "a document on X says"
        if noun in TERM_NOUNS and not any(c.lower_ in TERM_WORDS for c in tok.lefts):
            continue                  # "a plan to ...": only "an action plan", "a mid-term ..."
        if noun == "agreement" and (tok.head.lemma_ == "reach" or any(
                c.lower_ in AGREED_WORDS for c in tok.children)):
            continue                  # "reached a broad agreement on X": a stage of X
        before = [c for c in tok.lefts if c.dep_ in ("compound", "amod")
                  and c.lower_ not in NOT_SUBJECT and not c.like_num
                  and c.tag_ not in ("VBD", "VBN")]   # "secured agreement", "a signed pact"
        start = min((c.left_edge.i for c in before), default=tok.i)
        while start < tok.i and (tok.doc[start].lower_ in NOT_SUBJECT or
                                 tok.doc[start].pos_ in ("DET", "NUM", "PUNCT")):
            start += 1
        end = tok.i + 1
        for child in tok.rights:
            if child.dep_ not in ("prep", "acl"):
                continue
            objects = [c for c in child.children if c.dep_ in ("pobj", "dobj")]
            if child.lower_ in SUBJECT_PREPS and objects and \
                    not (noun in ("framework", "arrangement") and child.lower_ == "of") and \
                    not any(c.lower_ in VAGUE for c in objects[0].subtree
                            if c.i < _phrase_end(objects[0])) and \
                    getattr(ctx.entity_at(objects[0]), "label_", None) != "DATE":
                end = _phrase_end(objects[0])
            break                               # the first complement, or none
        end = _in_the_field_of(tok.doc, end, sent.end)

        in_a_name = tok.head.lower_ == "of" and tok.head.head.text == "Exchange"
        exchange = tok.head.head if tok.head.lower_ == "of" else None
        if end == tok.i + 1 and noun == "notes" and exchange is not None and \
                exchange.lower_ == "exchange":
            # "an exchange of notes on a ... loan": what they are on hangs on "exchange"
            on = [o for p in exchange.children if p.dep_ == "prep" and p.i > tok.i
                  and p.lower_ in SUBJECT_PREPS for o in p.children if o.dep_ == "pobj"] \
                or _next_complement(tok)
            if on:
                words = tok.doc[exchange.i:_phrase_end(on[0])].text
                found.append((_tidy(_title(re.sub(r"\s+", " ", words))), "Exchange of Notes"))
                continue
        if end == tok.i + 1 and noun in CAPITALISED_OK | {"note", "letter"} and not in_a_name:
            # "Notes were exchanged between A and B concerning grant aid ...": the parser
            # hangs what they are on elsewhere in the sentence
            about = next((t for t in sent if t.i > tok.i and t.lower_ in ("concerning",
                                                                          "regarding")), None)
            objects = [c for c in about.children if c.dep_ in ("dobj", "pobj")] if about else []
            if about is not None and objects:
                what = tok.doc[objects[0].left_edge.i:_phrase_end(objects[0])].text
                words = re.sub(r"\s+", " ", f"{tok.text} {about.text} {what}")
                found.append((_tidy(_title(words)), DESCRIBED_NOUNS[noun]))
                continue
        if end == tok.i + 1 and (start == tok.i or noun in NEEDS_SUBJECT - {"agreement"}):
            continue
        if end - start > DESCRIPTION_MAX_TOKENS:
            end = start + DESCRIPTION_MAX_TOKENS
        words = tok.doc[start:end].text
        name = _title(re.sub(r"\s+", " ", words.replace("\u2019", "'")))
        kind = _kind(name, "") if DESCRIBED_NOUNS[noun] == "Agreement" else DESCRIBED_NOUNS[noun]
        found.append((_tidy(name), kind))
    return found


NOTES_ON_WHICH = re.compile(r"\b(?:an?|the)\s+exchange\s+of\s+notes\s+(?:on|for|concerning)\s+"
                            r"which\b", re.I)
# The nouns of aid an exchange of notes "on which" is about.
AID_NOUNS = frozenset({"aid", "loan", "loans", "grant", "grants"})


def _notes_on_which(sent: Span, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"... through grant aid worth some 1 billion yen, an exchange of notes on which was
    signed on Monday": the notes on that aid."""
    m = NOTES_ON_WHICH.search(sent.text)
    if m is None:
        return []
    at = sent.start_char + m.start()
    aid = [t for t in sent if t.idx < at and t.lower_ in AID_NOUNS]
    if not aid:
        return []
    stop = next((t.i for t in sent if t.idx >= at), sent.end)
    # ("the grant aid for the provision of medical equipment, the Exchange of Notes on which")
    phrase = sent.doc[_noun_start(aid[-1]):max(aid[-1].i + 1, min(_phrase_end(aid[-1]),
                                                                   stop))].text
    if any(phrase.lower() in n.lower() for n, _ in found):
        return []               # "the X Loan, the Exchange of Notes for which": X Loan's
    name = _title(re.sub(r"\s+", " ", f"Exchange of Notes on {phrase}"))
    return [] if any(n == name for n, _ in found) else [(name, "Exchange of Notes")]


IN_THE_FIELD_OF = ("in", "the", ("field", "fields", "area", "areas"), "of")


def _in_the_field_of(doc, end: int, limit: int) -> int:
    """END moved past "in the field of X" right after it ("a Memorandum of Cooperation in
    the field of mineral resources"), wherever the parser hung it."""
    if end + len(IN_THE_FIELD_OF) >= limit or not all(
            doc[end + k].lower_ in (w if isinstance(w, tuple) else (w,))
            for k, w in enumerate(IN_THE_FIELD_OF)):
        return end
    of = doc[end + len(IN_THE_FIELD_OF) - 1]
    objects = [c for c in of.children if c.dep_ == "pobj"]
    return _phrase_end(objects[0]) if objects else end


def _noun_start(noun: Token) -> int:
    """Where NOUN's phrase begins, after its article ("the grant aid" -> "grant aid")."""
    start = min((c.left_edge.i for c in noun.lefts if c.dep_ in ("compound", "amod")),
                default=noun.i)
    return start


def _next_complement(tok: Token) -> list[Token]:
    """The object of a preposition right after TOK that says what it is on, whatever the
    parser hung it on ("signed the Exchange of Notes concerning the grant aid for X": the
    parser makes "concerning" the verb's)."""
    after = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if after is None or after.lower_ not in SUBJECT_PREPS - {"of"} or after.head.i == tok.i:
        return []
    return [c for c in after.children if c.dep_ in ("pobj", "dobj")
            and c.lower_ not in ("which", "whom")]


def _names_an_instrument(token: Token) -> bool:
    """A token of an instrument's name ("EPA", "Agreement", "agreement")."""
    return token.lower_ in DESCRIBED_NOUNS or token.text in INSTRUMENT_ACRONYMS or \
        bool(re.fullmatch(r"[A-Z]{2,5}", token.text))


def _phrase_end(head: Token) -> int:
    """Where the noun phrase of HEAD ends: before a relative or adverbial clause, a
    parenthesis or a comma that opens another part of the sentence."""
    end = head.i + 1
    doc = head.doc
    for t in head.subtree:
        if t.i < head.i:
            continue
        if t.dep_ == "punct" and t.i > head.i and (
                (t.text in "-–" and t.idx == doc[t.i - 1].idx + len(doc[t.i - 1]))
                or (t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].dep_ == "conj"
                    and doc[t.i + 1].head.i == doc[t.i - 1].i)):
            end = t.i + 1             # "capacity-building", "in the fields of road, railway
            continue                  # and aviation infrastructure"
        if t.dep_ in ("relcl", "acl", "advcl", "appos", "punct") and t.i > head.i:
            break
        if t.lower_ in ("of", "worth") and t.i + 1 < len(doc) and (
                doc[t.i + 1].like_num or doc[t.i + 1].lower_ in ("up", "about", "some")):
            break                     # "grant aid of up to 1,452 million yen"
        if t.lower_ == "and" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("other",
                                                                                "related"):
            break                     # "... and other documents"
        if t.dep_ == "prep" and t.lower_ in PARTY_PREPS and not (
                t.lower_ == "between" and not any(x.ent_type_ == "PERSON" for x in t.subtree)
                and any(x.text[:1].isupper() and not reference.country_any(x.text)
                        for x in t.subtree if x.i > t.i)):
            # "... loan with his counterpart X": who, not what (but "a memorandum on
            # cooperation between the State Great Khural and the House of Representatives")
            break
        end = t.i + 1
    return end


PARTY_PREPS = reference.rule_words("party_preps")


def _title(words: str) -> str:
    small = {"of", "on", "and", "the", "for", "in", "to", "a", "an", "between", "concerning",
             "regarding"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in words.split())


def _stage(text: str) -> str:
    if re.search(r"\b(?:toward|towards|aim\w* at|with a view to)\b", text, re.I) and \
            re.search(r"coordinat\w+|negotiat\w+", text, re.I):
        return "negotiating"
    for stage, pattern in STAGES:
        if re.search(pattern, text, re.I):
            return stage
    return "mentioned"


def _amount(text: str) -> tuple[str | None, str | None]:
    for m in AMOUNT.finditer(text):
        if not m.group(3) or not m.group(1):
            continue
        try:
            value = Decimal(m.group(1).replace(",", "")) * MULTIPLIER[
                m.group(2).lower() if m.group(2) else None]
        except ArithmeticError:
            continue
        currency = "USD" if "$" in m.group(0) else CURRENCY.get(m.group(3).lower())
        return format(value.normalize(), "f"), currency
    return None, None


GENERIC_MENTION = [
    ("Exchange of Notes", re.compile(r"\bexchanges? of notes\b", re.I)),
    ("Loan", re.compile(r"\b(?:yen |emergency |support |ODA )*loan\b", re.I)),
    ("Joint Statement", re.compile(r"\bjoint statement\b", re.I)),
    ("Agreement", re.compile(r"\b(?:the|this) (?:agreement|accord|treaty)\b", re.I)),
]
# What a generic mention must say of its instrument to be taken: a signing or its entry
# into force
GENERIC_EVENT = re.compile(r"\bsign\w*|\bexchang\w*|\bconclud\w*|" + STAGES[-1][1], re.I)
EVENT_WORDS = re.compile(r"\b(visit|meeting|summit|talks|ceremony|met|held|call|received|"
                         r"signed|issued)\b", re.I)


def _generic(sent: Span) -> list[tuple[str, str]]:
    return [("", kind) for kind, pattern in GENERIC_MENTION if pattern.search(sent.text)]


def _stage_dates(ctx: DocContext, sent: Span, tense: Tense) -> list[tuple[str, DateRange]]:
    """Each stage named in the sentence with the date closest after it ("signed on X; it
    entered into force on Y")."""
    matches = sorted(((m.start(), -m.end(), stage) for stage, pattern in STAGES
                      for m in re.finditer(pattern, sent.text, re.I)))
    found: list[tuple[int, str]] = []
    end = -1
    for start, minus_end, stage in matches:
        if start >= end:     # "launch negotiations" is one stage, not "negotiating" too
            found.append((start, stage))
            end = -minus_end
    if len(found) < 2:
        return []
    result = []
    dates = [(e.start_char - sent.start_char, e) for e in ctx.dates(sent)]
    claimed: set[int] = set()
    for pos, stage in sorted(found):
        # the date closest after the stage, else (none left after it) the closest before
        # ("In June, the EPA, which was signed in February 2015, entered into force")
        after = [(p, e) for p, e in dates if p >= pos and p not in claimed]
        before = sorted(((p, e) for p, e in dates if p < pos and p not in claimed),
                        key=lambda pe: pos - pe[0])
        # the stage's own tense ("which was signed in February, will enter into force on
        # June 7": June of the year to come)
        word = next((t for t in sent if t.idx - sent.start_char >= pos), None)
        own_tense = tense_of(word) if word is not None else tense
        for p, e in (after[:1] or before[:1]):
            when = first_date_in(ctx, [e], own_tense or tense)
            if when and all(s != stage for s, _ in result):
                result.append((stage, when))
                claimed.add(p)
    return result if len(result) >= 2 else []


# Verbs of an instrument's process ("... which the ministers agreed to start in February")
PROCESS_VERBS = r"\b(?:agree|start|launch|begin|began|begun|commenc|conclud|reach)\w*"
# Nouns of an instrument's stages ("the negotiations on X, which were launched in March")
STAGE_NOUN = re.compile(r"negotiat|talks|consultation|signing|entry", re.I)
# The sentences told (with a verb) a report of its day's events opens with ("On March 12,
# ...")
REPORT_OPENING_SENTENCES = 6
# A sentence can name an instrument only if one of these words is in it (a quick test
# before the patterns).
INSTRUMENT_WORD = re.compile(
    r"agreement|statement|declaration|communiq|plan|note|memorand|treaty|convention|protocol"
    r"|loan|grant|accord|letter|pact|framework|arrangement|program|document"
    r"|\bEPA\b|\bFTA\b|\bMO[UC]\b", re.I)


def reports_its_day(ctx: DocContext) -> bool:
    """Whether the text reports what happened on the day of its dateline ("March 12, 2026
    ... On March 12, ... held a summit meeting"): an undated signing it tells of is that
    day's."""
    if ctx.date is None or ctx.date.precision != "day" or \
            not ctx.document.date_source.startswith("dateline"):
        return False
    told = [sent for sent in ctx.sentences
            if any(t.pos_ == "VERB" for t in sent)]       # not the title, the dateline
    return any(found.start == ctx.date for sent in told[:REPORT_OPENING_SENTENCES]
               for found in [first_date_in(ctx, ctx.dates(sent), "past")] if found)


def find_agreements(ctx: DocContext) -> list[AgreementFact]:
    found: list[AgreementFact] = []
    aliases: dict[str, str] = {}
    news_items: set[int] = set()           # facts told as the day's news ("have signed")
    context_dated: set[int] = set()        # facts dated by the sentences around theirs
    for sent in ctx.sentences:
        text = ctx.text(sent)
        if not INSTRUMENT_WORD.search(text) and not any(a in text for a in aliases):
            continue
        names = _names(ctx, sent)
        for alias, name in aliases.items():
            # "... of the Japan-Mongolia EPA": the instrument the acronym was defined for
            if re.search(rf"\b{re.escape(alias)}\b", text) and \
                    not any(n == name or (alias in n and not n.lower().startswith("joint"))
                            for n, _ in names):
                names.append((name, _kind(name, "")))
        names += _acronym_names(text, names, aliases)
        generic = not names
        if generic:
            names = _generic(sent)
            if not names or not GENERIC_EVENT.search(text):
                continue
        root = sent.root
        tense = tense_of(root)
        stage = _stage(text)
        when = _stage_date(ctx, sent, text, tense)
        planned = (_planned(sent, text) or tense == "future") and \
            not _done_before(ctx, sent, text, stage, when) and \
            not (stage == "negotiating" and when is None and tense != "future"
                 and _told_outside_plans(sent, text, stage))   # talks under way now
        if _is_title(ctx, sent) and not generic and stage == "mentioned":
            # the text's title names the instrument it is ("Joint Statement between Japan
            # and Mongolia towards ..."): of the text's date
            planned = False
            when = DateRange(ctx.date) if ctx.date is not None else when
        news = False
        borrowed = False                 # dated by the sentences around it
        if when is None and stage not in ("mentioned", "negotiating") and not planned and \
                ctx.discourse is not None:
            # "Japan and Mongolia have signed ...": the news item's day, unless the text
            # dates the signing further on ("The agreement was signed on Tuesday")
            news = bool(PERFECT.search(text)) and ctx.date is not None
            if not news:
                when = ctx.discourse.context_date(sent, tense, "agreement")
                borrowed = when is not None
        date = when.start if when else None
        if date is None and stage == "negotiating" and (tense == "present" or not planned):
            date = ctx.date           # "have entered the final phase": as of the text's date
        status = "planned" if planned else "occurred"
        if date is None and stage == "signed" and status == "occurred" and reports_its_day(ctx):
            date = ctx.date           # "welcomed the signing of ..." in the day's report
        signatories = _signers(ctx, sent) if stage == "signed" else []
        amount, currency = _amount(text)
        defined = re.findall(r"\(([A-Z]{2,6})\)", text)
        staged = _stage_dates(ctx, sent, tense)
        for name, kind in names:
            # of two instruments a sentence dates, each its own ("a loan was signed in May
            # 2008; ... came to sign the EPA in February 2015")
            at = _position(text, name) if len(names) == 1 and not generic else None
            own = _stage_date(ctx, sent, text, tense, at) if at else None
            dated = own.start if own is not None and when is not None and \
                own.start != when.start else date
            bracketed = _bracketed_stage(text, name) or _year_before(text, name, stage)
            if bracketed is not None:
                # a list of instruments, each with its stage in brackets: "Agreement on X
                # (signed 1977); Agreement concerning Y (signed February 2001)"
                found.append(AgreementFact(
                    label=name, kind=kind, evidence=ctx.evidence(sent),
                    milestones=[Milestone(stage=bracketed[0], date=bracketed[1],
                                          status="occurred")],
                    aliases=[a for a, n in aliases.items() if n == name]))
                continue
            for alias in defined:
                if name and "".join(w[0] for w in re.split(r"[\s-]+", name)
                                    if w[:1].isupper()).endswith(alias):
                    aliases.setdefault(alias, name)
            if news:
                news_items.add(len(found))
            if borrowed:
                context_dated.add(len(found))
            if planned and _followed(sent, text, name):
                # "Following the Exchange of Notes, the Loan Agreement is scheduled to be
                # signed": the one followed is done, at a date this sentence does not tell
                found.append(AgreementFact(
                    label=name, kind=kind, evidence=ctx.evidence(sent),
                    milestones=[Milestone(stage="signed", date=None, status="occurred")],
                    aliases=[a for a, n in aliases.items() if n == name], generic=generic))
                continue
            found.append(AgreementFact(
                label=name, kind=kind, evidence=ctx.evidence(sent),
                milestones=[Milestone(stage=s, date=w.start,
                                      status="occurred" if _before_text(ctx, w) else
                                      "planned" if _after_text(ctx, w) else status)
                            for s, w in staged]
                or [Milestone(stage=stage, date=dated, status=status)],
                signatories=signatories,
                amount=amount if kind in ("Loan", "Exchange of Notes", "Grant") else None,
                currency=currency if kind in ("Loan", "Exchange of Notes", "Grant") else None,
                aliases=[a for a, n in aliases.items() if n == name], generic=generic))
    found += _infobox_stages(ctx, found)
    merged = merge_in_document(found, {id(f) for f in found if _page_dated(ctx, f)},
                               {id(found[i]) for i in context_dated})
    for i in news_items:
        for stone in found[i].milestones:
            if stone.date is None and stone.status == "occurred":
                stone.date = ctx.date
    return merged


def _page_dated(ctx: DocContext, fact: AgreementFact) -> bool:
    """Whether FACT has the page's date only, its sentence having none of its own (a
    headline "Signing of Exchange of Notes concerning a Japanese ODA Loan")."""
    sent = ctx.sentence_of_offset(fact.evidence.start)
    return ctx.date is not None and all(m.date in (ctx.date, None) for m in fact.milestones) \
        and not ctx.dates(sent)


# The sentences among which a text's title stands, counted from its first with words
TITLE_SENTENCES = 3


def _is_title(ctx: DocContext, sent: Span) -> bool:
    """Whether SENT is the text's title: a phrase with no verb and no full stop among its
    first sentences ("Joint Statement between Japan and Mongolia\ntowards ...")."""
    worded = [s for s in ctx.sentences[:TITLE_SENTENCES + 2] if any(t.is_alpha for t in s)]
    return sent in worded[:TITLE_SENTENCES] and not any(t.pos_ in ("VERB", "AUX")
                                                        for t in sent) and \
        not ctx.text(sent).rstrip().endswith(".")


# A stage and its date in brackets right after an instrument's name: "(signed 1977)",
# "(signed February 2001)", "(entered into force June 2016)"
BRACKETED_STAGE = re.compile(r"^\s*\((?P<stage>signed|concluded|adopted|entered into force|"
                             r"in force)\s+(?:in\s+|on\s+)?(?P<date>[^();]{4,30})\)", re.I)


def _bracketed_stage(text: str, name: str) -> tuple[str, DateValue] | None:
    m = re.search(re.escape(name), text)
    after = BRACKETED_STAGE.match(text[m.end():]) if m else None
    if after is None:
        return None
    date = parse_absolute(after.group("date"))
    return (_stage(after.group("stage")), date) if date is not None else None


# An encyclopedia's infobox row of the instrument a page is about: "Signed<TAB>10 February
# 2015", "Effective<TAB>7 June 2016"
INFOBOX_STAGE = re.compile(r"^(?P<key>Signed|Effective|Entered into force|In force|Concluded)"
                           r"\t+(?P<date>[^\t\n]{4,40})$", re.I | re.M)
INFOBOX_STAGES = reference.rule_table("infobox_stages")
# How far into the text an infobox stands
INFOBOX_CHARS = 3_000


def _infobox_stages(ctx: DocContext, found: list[AgreementFact]) -> list[AgreementFact]:
    """The stages an infobox gives the instrument the page's title names."""
    title = re.sub(r"[–—]", "-", ctx.document.title or "").lower()
    titled = next((a for a in found if not a.generic and (
        _is_title(ctx, ctx.sentence_of_offset(a.evidence.start))
        or (title and a.label.lower() in title))), None)
    if titled is None:
        return []
    head = ctx.document.text[:INFOBOX_CHARS]
    stones = [Milestone(stage=INFOBOX_STAGES[m.group("key").lower()], date=date,
                        status="occurred")
              for m in INFOBOX_STAGE.finditer(head)
              if (date := parse_absolute(m.group("date").strip())) is not None]
    if not stones:
        return []
    row = INFOBOX_STAGE.search(head)
    evidence = ctx.evidence(ctx.sentence_of_offset(row.start())) if row else titled.evidence
    return [AgreementFact(label=titled.label, kind=titled.kind, evidence=evidence,
                          milestones=stones)]


# "a 1977 agreement on economic cooperation": the year the instrument was made
YEAR_BEFORE = re.compile(r"\b(?:an?|the|its|their)\s+((?:1[89]|20)\d\d)\s+$", re.I)


def _year_before(text: str, name: str, stage: str) -> tuple[str, DateValue] | None:
    """The signing a year written before an instrument's name tells, when the sentence
    tells no other stage ("rested on a 1977 agreement on economic cooperation")."""
    at = _position(text, name)
    if stage != "mentioned" or at is None:
        return None
    m = YEAR_BEFORE.search(text[max(0, at - 12):at])
    return ("signed", DateValue(int(m.group(1)))) if m else None


def _followed(sent: Span, text: str, name: str) -> bool:
    """Whether the sentence names NAME as what its plan follows ("Following the Exchange of
    Notes, ...", "after the signing of X")."""
    at = _position(text, name)
    word = next((t for t in sent if t.idx - sent.start_char >= at), None) \
        if at is not None else None
    return word is not None and any(a.lower_ in ("following", "after") and a.i < word.i
                                    for a in [word, *word.ancestors][:4])


def _position(text: str, name: str) -> int | None:
    """Where TEXT names the instrument NAME: its whole name, else its last words."""
    words = name.lower().split()
    lowered = re.sub(r"[–‐]", "-", text.lower())
    for n in range(len(words), 0, -1):
        found = lowered.find(" ".join(words[-n:]))
        if found >= 0:
            return found
    return None


def _acronym_names(text: str, names: list[tuple[str, str]], defined: dict[str, str]
                   ) -> list[tuple[str, str]]:
    """"the Japan-Mongolia EPA" with no definition of the acronym in the text: the
    instrument it stands for ("Japan-Mongolia Economic Partnership Agreement"), unless the
    sentence names it in full."""
    found: list[tuple[str, str]] = []
    for m in ACRONYM_NAME.finditer(text):
        full = INSTRUMENT_ACRONYMS[m.group("acronym")]
        if m.group("acronym") in defined or any(full.lower() in n.lower()
                                                  for n, _ in names + found):
            continue
        name = _tidy(f"{m.group('parties') or ''}{full}")
        found.append((name, _kind(name, "")))
    return found


def _stage_date(ctx: DocContext, sent: Span, text: str, tense: Tense,
                at: int | None = None) -> DateRange | None:
    """The date of the stage the sentence tells: one the stage's own verb (the one nearest
    the instrument, the first the sentence names or the one named AT) takes ("signed the EPA
    in February", not "completed its procedures in May, after ..."), else the sentence's."""
    # the stage word closest to the instrument's ("established ... in 1972, and an agreement
    # on ... was signed in 1977")
    instrument = INSTRUMENT_WORD.search(text, at or 0)
    near = instrument.start() if instrument else 0
    stage_at = min((m.start() for pattern in STAGE_WORDS for m in re.finditer(pattern, text, re.I)),
                   key=lambda at: abs(at - near), default=None)
    aside = clauses_about_persons(sent)     # "X, who took office last month, signed ..."
    # (nor a clause on something else that tells no stage: "on the Khushig Valley around
    # the new airport, which opened in July this year")
    aside |= {t.i for c in sent if c.dep_ == "relcl"
              and not INSTRUMENT_WORD.search(c.head.text) and not STAGE_NOUN.search(c.head.text)
              and not any(re.search(p, sent.doc[c.left_edge.i:c.right_edge.i + 1].text, re.I)
                          for p in [*STAGE_WORDS, PROCESS_VERBS]) for t in c.subtree}
    dates = [e for e in ctx.dates(sent) if e.root.i not in aside]
    if instrument is not None:
        # the verb the instrument's noun hangs on, when it tells a stage ("an agreement ...
        # was signed")
        noun = next((t for t in sent if t.idx - sent.start_char >= instrument.start()), None)
        verb = noun
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb is not None and any(re.fullmatch(pattern, verb.text, re.I)
                                    for _, pattern in STAGES):
            stage_at = verb.idx - sent.start_char
    if stage_at is not None and len(dates) > 1:
        verb = next((t for t in sent if t.idx - sent.start_char >= stage_at), None)
        told = ctx.entity_at(verb.head) if verb is not None and verb.dep_ == "relcl" and any(
            c.lower_ == "when" for c in verb.children) else None
        if told is not None and told.label_ == "DATE":
            # "in November 2022, when the Action Plan was issued": that date
            found = first_date_in(ctx, [told], tense)
            if found is not None:
                return found
        found = _date_of_which(ctx, verb, dates, tense) if verb is not None else None
        if found is not None:
            return found
        if verb is not None:
            own = [e for e in dates if e.root.head.i == verb.i or (
                e.root.head.dep_ in ("prep", "agent") and e.root.head.head.i == verb.i)]
            found = first_date_in(ctx, own, tense)
            if found is not None:
                return found
        if at is not None:
            # the instrument named AT: the first date after its stage's word
            after = [e for e in dates if e.start_char - sent.start_char > stage_at]
            found = first_date_in(ctx, after, tense)
            if found is not None:
                return found
    found = first_date_in(ctx, dates, tense)
    if found is None and stage_at is not None and ctx.discourse is not None:
        verb = next((t for t in sent if t.idx - sent.start_char >= stage_at), None)
        event = _event_of_stage(verb) if verb is not None else None
        if event is not None:
            # "the Action Plan adopted during the state visit": that visit's date
            found = ctx.discourse.date_of_event_told(sent, event, tense)
    return found


# The events a stage is told to have come about at ("adopted during the state visit").
STAGE_EVENT_PREPS = ("during", "at", "on")
STAGE_EVENT_NOUNS = ("visit", "summit", "meeting", "talks")


def _event_of_stage(verb: Token) -> str | None:
    """The event the stage's verb is told at, with the word that tells its kind ("state
    visit", "visit", "summit"), when the sentence dates it not."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in STAGE_EVENT_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in STAGE_EVENT_NOUNS:
                kind = [c.lower_ for c in noun.lefts if c.dep_ in ("compound", "amod")]
                return " ".join([*kind[-1:], noun.lower_])
    return None


def _date_of_which(ctx: DocContext, verb: Token, dates: list[Span], tense: Tense
                   ) -> DateRange | None:
    """"the visit of X in February last year, on the occasion of which the leaders signed
    ... and adopted ...": the date of the event "which" stands for."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    which = next((t for t in clause.subtree if t.lower_ == "which" and t.dep_ == "pobj"), None) \
        if clause.dep_ == "relcl" else None
    if which is None:
        return None
    # (the parser hangs the clause on "occasion"): the date told last before "which"
    before = [e for e in dates if e.end <= which.i]
    return first_date_in(ctx, before[-1:], tense)


def _signers(ctx: DocContext, sent: Span) -> list[str]:
    """The persons who signed: "A and B signed ...", "... was signed by A and B" (every
    person named in the agent phrase: the parser often makes "by Ambassador A and Minister
    B" one noun phrase)."""
    found: list[str] = []
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in SIGNING_VERBS:
            signers = [tok, *tok.conjuncts]
        elif (tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ == "between")
              and tok.head.head.lemma_ in SIGNING_VERBS):
            # "signed by A and B", "signed between A, ..., and B" (the parser may hang B on
            # the verb as its conjunct)
            verb = tok.head.head
            signers = [*tok.subtree, *(c for c in verb.children
                                       if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"))]
        else:
            continue
        for signer in signers:
            found.extend(person_for(ctx, signer))
    return list(dict.fromkeys(found))


GENERIC_AGREEMENT_WORDS = lexicon("generic_agreement_words")
STOP = reference.rule_words("agreement_stop_words")


# The parties an instrument is between, which tell it from no other: "Loan Agreement
# between the Japan International Cooperation Agency and the Government of Mongolia".
BETWEEN_PARTIES = re.compile(r"\bbetween\s+.*?(?=\s+(?:concerning|on|for|regarding|relating|"
                             r"in)\b|$)", re.I)


def content_words(label: str) -> set[str]:
    """The words that tell one instrument from another (not "joint statement", "japan", nor
    the parties it is between)."""
    words = re.findall(r"[a-z0-9]+", BETWEEN_PARTIES.sub("", label).lower().replace("-", " "))
    return {w.rstrip("s")[:9] for w in words
            if w not in GENERIC_AGREEMENT_WORDS | STOP and w.rstrip("s")}


def is_generic_label(label: str) -> bool:
    return not content_words(label)


COMPATIBLE_KINDS = [{"Loan", "Exchange of Notes", "Grant"}]
# "The agreement entered into force ...": the one agreement or treaty the text has named
REFERRED_KINDS = {"Agreement": {"Agreement", "Economic Partnership Agreement", "Treaty"}}


def _kinds_match(named: str, generic: str) -> bool:
    return named == generic or named in REFERRED_KINDS.get(generic, ()) or any(
        named in group and generic in group for group in COMPATIBLE_KINDS)


def merge_in_document(facts: list[AgreementFact],
                      headlines: set[int] | frozenset[int] = frozenset(),
                      borrowed: set[int] | frozenset[int] = frozenset()) -> list[AgreementFact]:
    """One fact per instrument: same name, or a generic mention of the only one of its kind.
    HEADLINES (ids of facts) are dated by the page only (a headline): they join the one
    instrument of their kind the text dates ("Signing of Exchange of Notes concerning a
    Japanese ODA Loan" over a text that dates the signing days before); BORROWED ones have
    a date of the sentences around theirs, not their own."""
    named: list[AgreementFact] = []
    for f in sorted((f for f in facts if not f.generic),
                    key=lambda f: (is_generic_label(f.label), id(f) in headlines)):
        twin = next((n for n in named if (_bare(n.label) == _bare(f.label)
                                          and (not is_generic_label(f.label)
                                               or _dates_agree(n, f)))
                     # "the Agreement between Japan and the Mongolian People's Republic
                     # concerning Economic Cooperation" and "the Agreement concerning
                     # Economic Cooperation", of one date
                     or (not is_generic_label(f.label) and n.kind == f.kind
                         and content_words(n.label) == content_words(f.label)
                         and _dates_agree(n, f))), None)
        if twin is None and is_generic_label(f.label):
            # "the Exchange of Notes concerning the loan" after "the X Loan" was named: the
            # instrument of that loan, when it is the only one of its kinds and dates
            # (or, dated otherwise, a headline of the page's date, or a stage still to come:
            # "A Loan Agreement ... is expected to be signed in April")
            kin = [n for n in named if not is_generic_label(n.label)
                   and _kinds_match(n.kind, f.kind)
                   and (_dates_agree(n, f, exact=id(f) not in borrowed)
                        or ((id(f) in headlines or _all_planned(f))
                                               and _before(n, f)))]
            twin = kin[0] if len(kin) == 1 else None
        elif twin is None and id(f) in headlines:
            # a headline's words of an instrument the text names in full ("sign JPY 30
            # billion policy loan agreement" over "the Economic Resilience Support
            # Development Policy Loan")
            kin = [n for n in named if _kinds_match(n.kind, f.kind) and content_words(f.label)
                   <= content_words(n.label) and _before(n, f)]
            twin = kin[0] if len(kin) == 1 else None
        if twin is None and id(f) in headlines and sum(
                _kinds_match(n.kind, f.kind) and _before(n, f) for n in named) > 1:
            continue                # a headline over several instruments the text names
        if twin is None:
            named.append(f)
        else:
            _absorb(twin, f)
    for f in facts:
        if not f.generic:
            continue
        candidates = [n for n in named if _kinds_match(n.kind, f.kind)]
        if len(candidates) == 1:
            _absorb(candidates[0], f)
    return named


def _bare(label: str) -> str:
    """A name without the pair that heads it: "Japan-Mongolia Economic Partnership
    Agreement" is the "Economic Partnership Agreement" of a text about the two."""
    m = PAIR_PREFIX.match(label)
    if m and all((c := reference.country_named(w)) is not None and c.key in reference.pair()
                 for w in m.groups()):
        label = label[m.end():]
    return label.lower()


PAIR_PREFIX = re.compile(r"^(\w+)\s*[-–]\s*(\w+)\s+")


def _dates_agree(a: AgreementFact, b: AgreementFact, exact: bool = False) -> bool:
    """Generic names ("Joint Statement") are one instrument only when their dates agree
    (an undated mention joins the dated one); EXACT: a month is not a day in it (the notes
    on a loan "signed earlier this month" are not its loan agreement of May 25)."""
    da, db = _dates(a), _dates(b)
    return not da or not db or any(
        x.compatible(y) and not (exact and {x.precision, y.precision} == {"month", "day"})
        for x in da for y in db)


def _dates(fact: AgreementFact) -> list[DateValue]:
    return [m.date for m in fact.milestones if m.date]


def _all_planned(fact: AgreementFact) -> bool:
    return bool(fact.milestones) and all(m.status == "planned" for m in fact.milestones)


def _before(a: AgreementFact, b: AgreementFact) -> bool:
    """Whether A's dates all lie at or before B's."""
    da, db = _dates(a), _dates(b)
    return all(x.first_day() <= y.last_day() for x in da for y in db)


def _absorb(into: AgreementFact, other: AgreementFact) -> None:
    for m in other.milestones:
        if m.stage == "mentioned" and m.date is None and into.milestones:
            continue                # (a mention with no date tells nothing more)
        same = next((x for x in into.milestones if x.stage == m.stage), None)
        if same is None:
            into.milestones.append(m)
        elif same.date is None:
            same.date = m.date
    into.signatories.extend(s for s in other.signatories if s not in into.signatories)
    into.amount = into.amount or other.amount
    into.currency = into.currency or other.currency
    into.aliases.extend(a for a in other.aliases if a not in into.aliases)
