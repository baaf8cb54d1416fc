"""Persons and the offices they are named with.

Recognised, without any list of names:
- a title or honorific followed by a name: "Minister Motegi", "H.E. Ms. Batmunkh BATTSETSEG",
  "Japanese Prime Minister Ishiba Shigeru", "Nippon Foundation Chairman Sasakawa Yohei";
- MOFA style, family name in capitals, with initials: "S. ABE", "Ts. ELBEGDORJ", "L.BOLD";
- royal pairs: "T.I.H. Prince and Princess AKISHINO" (two persons);
- names found by the statistical NER ("Kishida met with Khurelsukh"), kept as weak
  mentions that resolution keeps only when a stronger mention supports them;
- the office named in apposition: "Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs of Japan".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from .. import reference
from ..dates import DateValue, years_in
from ..ingest.annotate import SPANS_KEY, is_title_case
from ..reference import lexicon
from .context import (
    PERSON_PAIR_NOUNS,
    DocContext,
    TableRow,
    column_table_rows,
    first_date_in,
    in_main_clause,
    pair_subject,
    table_row_date,
)
from .model import Capacity, OfficeFact, PersonMention

# The end of Unicode's Latin blocks (Basic Latin to Latin Extended-B).
LATIN_END = 0x250
INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.)+$")
INITIAL_CAPS = re.compile(r"^((?:[A-Z][a-z]?\.)+)([A-Z][A-Z'-]+)$")
# The Latin letters names are written in (accented ones too: "Byambasüren", "Shinzō").
_UPPER = "".join(c for c in map(chr, range(LATIN_END)) if c.isupper())
_LOWER = "".join(c for c in map(chr, range(LATIN_END)) if c.islower())
CAPS = re.compile(rf"^[{_UPPER}][{_UPPER}'-]*[{_UPPER}]$")
TITLE_WORD = re.compile(rf"^[{_UPPER}][{_LOWER}'’-]+$")
# Words that are capitalised in these texts but are not parts of names.
NOT_NAME = lexicon("not_name")
ORG_HEADS = lexicon("organisation_heads")
PORTFOLIO_WORDS = lexicon("portfolio_words")
NOT_PERSON_HEADS = lexicon("not_person_heads")
PRONOUNS = reference.rule_table("pronoun_genders")
INITIALS_IN_TEXT = re.compile(r"(?:\b[A-Z][a-z]?\.)+\s*[A-Z](?:[A-Z]|[a-z]{2})")
# One initial, as Mongolian names are written with the father's name's initial: "U.",
# "Ts.", "Kh." before "Khurelsukh" (the tokenizer splits "U.Khurelsukh").
NAME_INITIAL = re.compile(r"^[A-Z][a-z]?\.$")
# The lower-case second part of a hyphenated given name ("Oyun-erdene").
HYPHEN_PART = re.compile(rf"^[{_LOWER}]{{3,}}$")
PARENTHESIS_MAX_TOKENS = 6    # "(Parliament)": a gloss between an office and its state
FORMER = reference.rule_words("former_words")
ENVOY_ROLES = reference.rule_words("envoy_roles")
GENERIC_TITLES = reference.rule_words("generic_titles")
# Offices a text refers back to in lower case with the state's demonym ("the Japanese
# prime minister"), besides the generic titles.
DESCRIBED_ROLES = reference.rule_words("described_roles")


def is_specific(capacity: Capacity) -> bool:
    """A capacity that names one office: not a bare generic title ("the Minister"); an envoy
    is one when the state sending them is known ("Ambassador of Japan")."""
    return capacity.role not in GENERIC_TITLES or (
        capacity.role in ENVOY_ROLES and capacity.country is not None)


def _name_case(word: str) -> str:
    if "-" in word:
        return "-".join(_name_case(w) for w in word.split("-"))
    return word[:1].upper() + word[1:].lower() if word.isupper() else word


def _is_name_word(token: Token) -> bool:
    text = token.text
    if text.lower() in NOT_NAME or text.lower() in NOT_PERSON_HEADS or \
            reference.country_any(text):
        return False
    return bool(CAPS.match(text) and len(text) >= 2) or bool(TITLE_WORD.match(text))


def _scan_name(doc, i: int, limit: int) -> tuple[int, list[str], list[str]]:
    """From token i: initials then up to four name words. Returns (end, initials, words)."""
    initials: list[str] = []
    words: list[str] = []
    j = i
    while j < limit:
        tok = doc[j]
        text = tok.text
        # "Ts" "." tokenised apart
        if (re.fullmatch(r"[A-Z][a-z]?", text) and j + 1 < limit and doc[j + 1].text == "."
                and not tok.whitespace_ and not words):
            initials.append(text)
            j += 2
            continue
        if INITIAL.match(text) and not words:
            initials.extend(p for p in text.split(".") if p)
            j += 1
            continue
        m = INITIAL_CAPS.match(text)
        if m and not words:
            initials.extend(p for p in m.group(1).split(".") if p)
            words.append(m.group(2))
            j += 1
            break
        if _is_name_word(tok) and len(words) < 4:
            word = text
            # hyphenated capitals tokenised apart: TUMUR - OCHIR, "Oyun-erdene"
            while (j + 2 < limit and doc[j + 1].text == "-" and not tok.whitespace_
                   and not doc[j + 1].whitespace_ and (
                       _is_name_word(doc[j + 2]) or HYPHEN_PART.match(doc[j + 2].text))):
                word += "-" + doc[j + 2].text
                j += 2
                tok = doc[j]
            words.append(word)
            j += 1
            if tok.whitespace_ == "" and j < limit and doc[j].text in ("'s", "’s", "'", "’"):
                break
            continue
        break
    return j, initials, words


ROYAL_TITLES = reference.rule_words("royal_titles")


def _after_the_royal(doc: Doc, start: int, sent: Span) -> bool:
    """"the Emperor and Empress": the second title of a pair after "the"."""
    return start - 3 >= sent.start and doc[start - 1].lower_ == "and" and \
        doc[start - 2].text in ("Emperor", "Empress", "Prince", "Princess") and \
        doc[start - 3].lower_ in ("the", "crown")


def _possessive_after(doc: Doc, i: int, limit: int) -> bool:
    """Token I is followed by a possessive ending ("Koizumi's")."""
    return i + 1 < limit and doc[i + 1].text in ("'s", "’s")


def _key(words: list[str], initials: list[str]) -> str | None:
    caps = [w for w in words if CAPS.match(w) and len(w) >= 2]
    if caps:
        return _name_case(caps[0])
    if len(words) == 1:
        return _name_case(words[0])
    return None


def office_spans(ctx: DocContext, sent: Span) -> list[tuple[int, int, str]]:
    """Office titles in the sentence as (start, end, role): a qualifier before a title is
    part of it ("Deputy Chief Cabinet Secretary"), a minister's portfolio after or before
    the title too ("Minister for Infrastructure Development", "Finance Minister"); a title
    inside another body's name is none ("Chief of Staff of the Office of the President"),
    nor is "PM" after a time ("June 15 PM Depart").
    """
    from spacy.util import filter_spans

    found = filter_spans(ctx.spans("OFFICE", sent) + ctx.spans("ROYAL", sent))
    doc = ctx.doc
    result = []
    covered = set()
    for span in found:
        start, end = span.start, span.end
        if _inside_a_name(doc, start, sent) or _a_time(doc, span, sent):
            continue
        role = span.id_ or span.text
        if span.label_ == "ROYAL":
            role = reference.canonical_role(span.text)
        # "Minister of State for National Policy", "Minister of Land, Infrastructure, ..."
        if span.text.split()[-1] in ("Minister", "Secretary") and end < sent.end and \
                doc[end].lower_ in ("of", "for") and role not in ("Prime Minister",):
            j = _extend_title(doc, end, sent.end)
            if j > end + 1:
                end = j
                role = reference.canonical_role(doc[span.start:end].text)
        first = _qualified_start(doc, start, sent)
        if first < start:
            role = reference.canonical_role(f"{doc[first:start].text} {role}")
            start = first
        result.append((start, end, role))
        covered.update(range(start, end))
    for tok in ctx.in_sentence(ctx.ministers, sent):
        if tok.i in covered:
            continue
        if tok.text == "minister" and _after_a_name(doc, tok.i, sent):
            # "Koichiro Genba, minister of state for national policy,": as news agencies
            # write a title after the name
            j = _extend_lower_title(doc, tok.i + 1, sent.end)
            if j > tok.i + 2:
                result.append((tok.i, j, reference.canonical_role(doc[tok.i:j].text)))
            continue
        if tok.text != "Minister":
            continue
        j = _extend_title(doc, tok.i + 1, sent.end) if tok.i + 1 < sent.end and \
            doc[tok.i + 1].lower_ in ("of", "for") else tok.i + 1
        start = _qualified_start(doc, tok.i, sent)
        portfolio = _portfolio_before(doc, start, sent)
        if portfolio < start and j == tok.i + 1:
            # "Finance Minister X": the Minister of Finance
            role = reference.canonical_role(f"Minister of {doc[portfolio:start].text}")
            result.append((portfolio, j, role))
            continue
        result.append((start, j, reference.canonical_role(doc[start:j].text)))
    return sorted(result)


# Words that make a title another post: "Deputy Chief Cabinet Secretary", "State Minister".
QUALIFIERS = reference.rule_words("title_qualifiers")


def _qualified_start(doc: Doc, start: int, sent: Span) -> int:
    """Where a title begins with the qualifiers written before it."""
    while start > sent.start and doc[start - 1].text in QUALIFIERS:
        start -= 1
    return start


def _portfolio_before(doc: Doc, start: int, sent: Span) -> int:
    """Where the portfolio written before "Minister" begins ("Finance", "Foreign Affairs")."""
    k = start
    while k > sent.start and (
            (TITLE_WORD.match(doc[k - 1].text) and doc[k - 1].lower_ in PORTFOLIO_WORDS
             and doc[k - 1].lower_ not in ("the", "of"))
            or (doc[k - 1].lower_ in (",", "and") and k - 1 > sent.start and k < start
                and doc[k - 2].lower_ in PORTFOLIO_WORDS)):
        k -= 1                              # "Economy, Trade and Industry Minister"
    return k


# "Chief of Staff of the President", "Spokesman of the Prime Minister": someone else's post
STAFF_WORDS = reference.rule_words("staff_words")


def _inside_a_name(doc: Doc, start: int, sent: Span) -> bool:
    """A title after "<body> of the" belongs to another body's name or post ("the Office of
    the President", "Chief of Staff of the President"), not "the invitation of the Prime
    Minister"."""
    return start - 3 >= sent.start and doc[start - 1].lower_ == "the" and \
        doc[start - 2].lower_ == "of" and (doc[start - 3].lower_ in ORG_HEADS
                                           or doc[start - 3].lower_ in STAFF_WORDS)


TIME_TITLES = reference.rule_words("time_titles")


def _a_time(doc: Doc, span: Span, sent: Span) -> bool:
    """"PM" after a number or a date is the afternoon."""
    return span.text in TIME_TITLES and span.start > sent.start and (
        doc[span.start - 1].like_num or doc[span.start - 1].ent_type_ in ("DATE", "TIME"))


def _extend_title(doc, j: int, limit: int) -> int:
    """After "Minister of|for": the portfolio's words, commas and "and", up to a name or a
    country ("Minister for Infrastructure Development Gavaagin Batkhuu")."""
    end = j
    k = j
    while k < limit:
        tok = doc[k]
        if tok.lower_ in ("of", "for", "and", ",") and k + 1 < limit and \
                TITLE_WORD.match(doc[k + 1].text) and not reference.country_named(doc[k + 1].text):
            k += 1
            continue
        if TITLE_WORD.match(tok.text) and not reference.country_named(tok.text) and \
                not INITIAL.match(tok.text) and tok.lower_ in PORTFOLIO_WORDS:
            k += 1
            end = k
            continue
        break
    return _bounded_portfolio(doc, end, limit)


def _bounded_portfolio(doc: Doc, end: int, limit: int) -> int:
    """A portfolio in words of its own, closed by punctuation with no name in it ("Minister
    of State for the Abduction Issue, ...")."""
    k = end
    if k + 1 >= limit or doc[k].lower_ not in ("of", "for"):
        return end
    k += 1
    if doc[k].lower_ == "the":
        k += 1
    words = 0
    while k < limit and TITLE_WORD.match(doc[k].text) and doc[k].ent_type_ != "PERSON" and \
            not reference.country_named(doc[k].text):
        k += 1
        words += 1
    # (or by another title: "... for the Abduction Issue and Chairman of the ...")
    closed = k >= limit or doc[k].text in (",", ")", ";", ".") or (
        doc[k].lower_ == "and" and k + 1 < limit and any(
            span.start == k + 1 and span.label_ == "OFFICE"
            for span in doc.spans.get(SPANS_KEY, [])))
    return k if words and closed and words <= PORTFOLIO_MAX_WORDS else end


# A portfolio has a few words ("the Abduction Issue"), not a clause's worth.
PORTFOLIO_MAX_WORDS = 4


def _after_a_name(doc: Doc, i: int, sent: Span) -> bool:
    """Whether token I follows a person's name and a comma ("X, minister of ...")."""
    return i - 2 >= sent.start and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "PERSON"


def _extend_lower_title(doc: Doc, j: int, limit: int) -> int:
    """After a lower-case "minister": "of"/"for" and the portfolio's words, up to the
    punctuation that closes the apposition (else it is no title: "minister of a country
    that ...")."""
    k = j
    if k >= limit or doc[k].lower_ not in ("of", "for"):
        return j
    while k < limit and (doc[k].lower_ in PORTFOLIO_WORDS or doc[k].lower_ in ("of", "for",
                                                                               "and")
                         or (doc[k].text == "," and k + 1 < limit
                             and doc[k + 1].lower_ in PORTFOLIO_WORDS)):
        k += 1                          # ("minister of economy, trade and industry")
    closed = k >= limit or doc[k].is_punct
    return k if closed and doc[k - 1].lower_ not in ("of", "for", "and", "the") else j


def _capacity_before(ctx: DocContext, office: tuple[int, int, str], sent: Span) -> Capacity:
    """The office's state, organisation and 'former' from the words around the title."""
    doc = ctx.doc
    start, end, role = office
    country = None
    organisation = None
    former = False
    # after: "of Japan", "of the Nippon Foundation", "(Parliament) of Mongolia"
    if end < sent.end and doc[end].text == "(":
        close = next((t.i for t in doc[end:sent.end] if t.text == ")"), None)
        if close is not None and close - end <= PARENTHESIS_MAX_TOKENS:
            end = close + 1
    if end + 1 < sent.end and doc[end].lower_ == "of":
        k = end + 1
        if doc[k].lower_ == "the":
            k += 1
        j = k
        while j < sent.end and (TITLE_WORD.match(doc[j].text) or CAPS.match(doc[j].text)
                                or doc[j].text in ("'s", "’s")):
            j += 1
        phrase = doc[k:j].text if j > k else ""
        c = reference.country_named(phrase) if phrase else None
        if c is None and j > k and not any(doc[x].lower_ in ORG_HEADS for x in range(k, j)):
            c = reference.country_named(doc[k].text)  # not "the Japan International ... Agency"
        owned = _organisation_of_state(doc, j, sent) if c is not None and \
            doc[j - 1].text in ("'s", "’s") else None
        if owned is not None:
            # "Secretary-General of Japan's ruling Liberal Democratic Party"
            organisation, country = owned, c.key
        elif j == k + 1 and ACRONYM.match(doc[k].text) and c is None:
            organisation = doc[k].text          # "President of JICA"
        elif c is not None:
            country = c.key
        elif j > k:
            # the organisation ends at its head word ("Society"), before a following name
            last_head = max((x for x in range(k, j) if doc[x].lower_ in ORG_HEADS), default=None)
            if last_head is not None:
                organisation = doc[k:last_head + 1].text
    # before: "Japanese", "Japan's", "former", "Nippon Foundation"
    k = start - 1
    org_end = None
    while k >= sent.start:
        tok = doc[k]
        if tok.lower_ in FORMER or tok.lower_ == "-" or tok.lower_ == "the":
            former = former or tok.lower_ in FORMER
            k -= 1
            continue
        if tok.text in ("'s", "’s") and k - 1 >= sent.start:
            c = reference.country_named(doc[k - 1].text)
            if c and country is None:
                country = c.key
            k -= 2
            continue
        c = reference.country_of_demonym(tok.text) or reference.country_named(tok.text)
        if c is not None and country is None and organisation is None:
            country = c.key
            k -= 1
            continue
        if ACRONYM.match(tok.text) and organisation is None and k == start - 1 and \
                not reference.country_any(tok.text):
            organisation = tok.text             # "NHK President"
            k -= 1
            continue
        if tok.lower_ in ORG_HEADS and TITLE_WORD.match(tok.text) and organisation is None:
            org_end = k
            j = k
            while j - 1 >= sent.start and TITLE_WORD.match(doc[j - 1].text) and \
                    doc[j - 1].lower_ not in FORMER:
                j -= 1
            organisation = doc[j:org_end + 1].text
            k = j - 1
            continue
        break
    if organisation and reference.country_of_demonym(organisation.split()[0]) and country is None:
        country = reference.country_of_demonym(organisation.split()[0]).key
    if role in ENVOY_ROLES and country is None:
        country = _sending_state(doc, office[1], sent)
    if country is None:                     # "President of Japan's House of Councillors"
        inside = [reference.country_named(doc[t - 1].text) for t in range(start + 1, office[1])
                  if doc[t].text in ("'s", "’s")]
        country = next((c.key for c in inside if c is not None), None)
    return Capacity(role=role, country=country, organisation=organisation, former=former)


# An organisation's acronym: "JICA", "NHK", "JETRO".
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# Words between a state's possessive and its body's name: "Japan's ruling Liberal ...".
ORG_ADJECTIVES = reference.rule_words("org_adjectives")


def _organisation_of_state(doc: Doc, j: int, sent: Span) -> str | None:
    """The body named after a state's possessive (from J): "ruling Liberal Democratic
    Party" -> "Liberal Democratic Party"."""
    k = j
    while k < sent.end and doc[k].lower_ in ORG_ADJECTIVES:
        k += 1
    first = k
    while k < sent.end and TITLE_WORD.match(doc[k].text):
        k += 1
        if doc[k - 1].lower_ in ORG_HEADS:
            return doc[first:k].text
    return None


def _sending_state(doc: Doc, end: int, sent: Span) -> str | None:
    """"Ambassador to Japan" (END after the title): an envoy to one state of the pair is the
    other state's."""
    k = end
    if k < sent.end and doc[k].text == "(":       # "Ambassador (Extraordinary) to ..."
        k = next((t.i + 1 for t in doc[k:sent.end] if t.text == ")"), k)
    if k + 1 < sent.end and doc[k].lower_ == "to":
        place = reference.country_any(doc[k + 1].text)
        if place is not None:
            return reference.other_of_pair(place.key)
    return None


def _apposition(ctx: DocContext, end: int, sent: Span,
                offices: list[tuple[int, int, str]]) -> Capacity | None:
    """", Minister for Foreign Affairs of Mongolia" right after a name."""
    doc = ctx.doc
    if end < sent.end and doc[end].text == ",":
        for office in offices:
            if office[0] <= end:
                continue
            if office[0] > end + 4:
                break
            between = list(doc[end + 1:office[0]])
            # ", Minister ...", ", the Minister ...", ", the Mongolia's Minister ...", closed
            # by a comma or the sentence's end ("X, Mongolian premier agree": two persons)
            # ", then Japan's defense minister,", ", a former prime minister who ..."
            if all(t.lower_ in APPOSED_WORDS or t.lower_ in FORMER or
                   reference.country_any(t.text) for t in between) and \
                    not _names_follow(doc, office[1], sent) and \
                    not _verb_after(doc, office[1], sent):
                return _capacity_before(ctx, office, sent)
    return None


APPOSED_WORDS = reference.rule_words("apposed_words")


def _verb_after(doc: Doc, end: int, sent: Span) -> bool:
    """A verb right after a title ("X, Mongolian premier agree ..."): the title is a subject
    of its own, not in apposition."""
    return end < sent.end and doc[end].pos_ in ("VERB", "AUX") and doc[end].tag_ != "VBG"


HONORIFIC_WORDS = reference.rule_words("honorific_words")


def _names_follow(doc: Doc, end: int, sent: Span) -> bool:
    """A name right after a title ("..., Vice Minister B.Battsetseg"): the title is that
    person's, not an apposition to the name before it."""
    k = end
    if k + 1 < sent.end and doc[k].lower_ == "of" and reference.country_any(doc[k + 1].text):
        k += 2                              # "..., the Prime Minister of Mongolia Mr X"
    while k < sent.end and doc[k].text.rstrip(".") in HONORIFIC_WORDS:
        k += 1
    found_end, _, words = _scan_name(doc, k, sent.end)
    return bool(words) and found_end > k


def _sentence_date(ctx: DocContext, sent: Span) -> DateValue | None:
    """When the sentence shows persons in their offices: the date a table row or the
    sentence gives; else, for a dated text speaking of the present, the text's date."""
    row = table_row_date(ctx.text(sent))
    if row:
        return row
    found = first_date_in(ctx, ctx.dates(sent), "past")
    if found:
        return found.start
    if ctx.document.date_source == "dateline" and not years_in(ctx.text(sent)):
        return ctx.date
    return None


def is_headline(text: str) -> bool:
    """A title-case line ("Japan Prime Minister Takaichi Vows to ..."): POS tags and NER are
    unreliable there, so only titled one-word names are taken. A row of a table ("2013 March
    | Prime Minister Shinzo Abe") is no headline."""
    if text.strip().endswith((".", "?", "!", ".”", '."')) or table_row_date(text):
        return False
    return is_title_case(text)


CAPS_LINE_SHARE = 0.9
CAPS_LINE_MIN_WORDS = 4


def is_all_caps(text: str) -> bool:
    """A line written in capitals ("PRIME MINISTER OF JAPAN FUMIO KISHIDA ...")."""
    if len(text.split()) < CAPS_LINE_MIN_WORDS:
        return False
    letters = sum(c.isalpha() for c in text)
    return bool(letters) and sum(c.isupper() for c in text) / letters >= CAPS_LINE_SHARE


CREDIT_LINE = re.compile(
    r"^\s*(?:by|reporting by|writing by|editing by|additional reporting by|edited by|"
    r"written by|photo(?:graph)?s? by|interview(?:ed)? by|compiled by|translated by)\s+[A-Z]",
    re.I)


CELL_JOINERS = reference.rule_words("cell_joiners")


def _cell_parts(tokens: list[Token]) -> list[list[Token]]:
    """A table cell's tokens cut where it joins names ("A and B", "A, B")."""
    parts: list[list[Token]] = [[]]
    for t in tokens:
        if t.lower_ in CELL_JOINERS:
            parts.append([])
        elif not t.is_space:
            parts[-1].append(t)
    return [p for p in parts if p]


def is_credit(text: str) -> bool:
    """A byline or a wire credit ("By Jane Smith", "Reporting by ...; Editing by ...")."""
    return bool(CREDIT_LINE.match(text))


def find_persons(ctx: DocContext) -> list[OfficeFact]:
    """Fill ctx.persons; return the offices the text attributes to them."""
    ctx.ministers = ctx.tokens_where(lowers={"minister"})
    doc = ctx.doc
    offices_held: list[OfficeFact] = []
    counter = 0

    def new_mid() -> str:
        nonlocal counter
        counter += 1
        return f"p{counter}"

    visitor_cells = [(row.cells["visitor"], _cell_office(row))
                     for row in column_table_rows(ctx.document.text)]
    body_names = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent
                  if not is_headline(ctx.text(ctx.sentence_of(ent.root)))}
    for s_index, sent in enumerate(ctx.sentences):
        if is_credit(ctx.text(sent)):
            continue                        # the writers of the text are not its actors
        if ctx.discourse is not None and ctx.discourse.is_caption(sent):
            continue                        # a photo caption adds no person
        offices = office_spans(ctx, sent)
        honorifics = ctx.spans("HONORIFIC", sent)
        taken: set[int] = set()
        date = _sentence_date(ctx, sent)
        headline = is_headline(ctx.text(sent))

        def emit(start: int, name_start: int, end: int, initials: list[str], words: list[str],
                 capacity: Capacity | None, gender: str | None, royal: str | None = None,
                 weak: bool = False, title_only: bool = False,
                 _idx: int = s_index, _sent: Span = sent, _taken: set[int] = taken,
                 _date: DateValue | None = date) -> PersonMention:
            name = doc[name_start:end].text if not title_only else doc[start:end].text
            key = _key(words, initials)
            if royal:
                key = f"{royal} {_name_case(words[-1])}"
            mention = PersonMention(
                mid=new_mid(), name=name.strip(), words=[_name_case(w) for w in words],
                key=key, initials=initials, gender=gender, royal=royal, capacity=capacity,
                title_only=title_only, sentence=_idx, start=doc[start].idx,
                end=doc[end - 1].idx + len(doc[end - 1].text), weak=weak,
                evidence=ctx.evidence(_sent))
            ctx.add_person(mention, range(start, end))
            _taken.update(range(start, end))
            if capacity and capacity.country is None and capacity.organisation is None:
                shaped = reference.state_of_name_shape(initials, words)
                if shaped is not None:          # "Speaker M.Enkhbold": Mongolia's
                    capacity = Capacity(capacity.role, shaped, None, capacity.former)
                    mention.capacity = capacity
            if capacity and is_specific(capacity) and not title_only:
                when = None if capacity.former else _date
                offices_held.append(OfficeFact(mention.mid, capacity, when, ctx.evidence(_sent)))
            return mention

        # 1. royal pairs: "Prince and Princess AKISHINO"
        royals = ctx.spans("ROYAL", sent)
        for a in royals:
            pair = [b for b in royals if b.start == a.end + 1 and doc[a.end].lower_ == "and"]
            if not pair:
                continue
            b = pair[0]
            end, initials, words = _scan_name(doc, b.end, sent.end)
            if words:
                for title in (a, b):
                    emit(a.start, b.end, end, initials, words, None,
                         reference.royal_gender(title.text), royal=title.text)

        # 2. a title or honorific, then a name (not in a line of capitals, where a title's
        # words and a name's look alike: "PRIME MINISTER OF JAPAN FUMIO KISHIDA WITH ...")
        starts = [] if is_all_caps(ctx.text(sent)) else sorted(
            [(o[0], o[1], o) for o in offices] + [(h.start, h.end, None) for h in honorifics])
        for start, end0, office in starts:
            if start in taken:
                continue
            j = end0
            gender = None
            capacity = _capacity_before(ctx, office, sent) if office else None
            first = start
            if office:
                # include "former", demonyms and organisation words before the title
                k = start - 1
                while k >= sent.start and (doc[k].lower_ in FORMER or doc[k].lower_ == "-"
                                           or reference.country_of_demonym(doc[k].text)
                                           or (TITLE_WORD.match(doc[k].text)
                                               and capacity and capacity.organisation
                                               and doc[k].text in capacity.organisation.split())):
                    k -= 1
                first = k + 1
            # more honorifics or titles in a row: "H.E. Mr.", "Mr. ... Minister"
            also: list[Capacity] = []
            while True:
                nxt = [h for h in honorifics if h.start == j]
                if nxt:
                    gender = gender or reference.honorific_gender(nxt[0].text)
                    taken.update(range(nxt[0].start, nxt[0].end))
                    j = nxt[0].end
                    continue
                if office is not None and capacity is not None and j + 1 < sent.end and \
                        doc[j].lower_ == "and" and any(o[0] == j + 1 for o in offices) and \
                        capacity.role not in ROYAL_TITLES:
                    # (royal titles are two persons: "the Emperor and Empress")
                    # "Deputy Prime Minister and Minister of Economy X": both are X's
                    also.append(capacity)
                    j += 1
                    continue
                nxt_office = [o for o in offices if o[0] == j]
                if nxt_office:
                    office = nxt_office[0]
                    capacity = _capacity_before(ctx, office, sent)
                    j = office[1]
                    continue
                break
            if office is None:
                gender = gender or next((reference.honorific_gender(h.text) for h in honorifics
                                         if h.start == start), None)
            # skip "of Japan"/"of the X Society" that belongs to the title
            if capacity and j < sent.end and doc[j].lower_ == "of":
                k = j + 1
                if k < sent.end and doc[k].lower_ == "the":
                    k += 1
                org_words = len(capacity.organisation.split()) if capacity.organisation else 0
                while k < sent.end and (TITLE_WORD.match(doc[k].text) or CAPS.match(doc[k].text)):
                    if doc[k].lower_ in ORG_HEADS or (
                            reference.country_named(doc[k].text) and not org_words):
                        k += 1
                        break                 # "of Japan", "of the ... Agency" end here
                    k += 1
                if capacity.organisation or capacity.country:
                    j = k
            # "President of the ... Agency (JICA) X": the acronym in brackets
            if capacity is not None and capacity.organisation and j + 2 < sent.end and \
                    doc[j].text == "(" and doc[j + 2].text == ")":
                j += 3
            # "the Prime Minister of Japan Mr Shinzo Abe": an honorific after the state
            while capacity is not None and any(h.start == j for h in honorifics):
                h = next(h for h in honorifics if h.start == j)
                gender = gender or reference.honorific_gender(h.text)
                taken.update(range(h.start, h.end))
                j = h.end
            # "Ambassador to Mongolia Sato Hideo": the state an envoy is sent to
            if capacity and capacity.role in ENVOY_ROLES and j + 1 < sent.end and \
                    doc[j].lower_ == "to" and reference.country_any(doc[j + 1].text):
                j += 2
            # "Japan's new Ambassador to Mongolia (from September 1), Mr. X"
            if capacity is not None and j < sent.end and doc[j].text == "(":
                close = next((t.i for t in doc[j:sent.end] if t.text == ")"), None)
                if close is not None and close - j <= PARENTHESIS_MAX_TOKENS:
                    j = close + 1
                    # "Chairman of the State Great Khural (Parliament) of Mongolia X"
                    if j + 1 < sent.end and doc[j].lower_ == "of" and \
                            reference.country_named(doc[j + 1].text):
                        j += 2
            if capacity is not None and j + 1 < sent.end and doc[j].text == "," and \
                    any(h.start == j + 1 for h in honorifics):
                j = next(h.end for h in honorifics if h.start == j + 1)
            end, initials, words = _scan_name(doc, j, sent.end)
            if not words and capacity is not None and j + 1 < sent.end and doc[j].text == ",":
                # "The President of Mongolia, Ukhnaagiin Khurelsukh, and ...": the name in
                # apposition to the title
                end, initials, words = _scan_name(doc, j + 1, sent.end)
                if len(words) >= 2 and (end >= sent.end or doc[end].text in (",", "and")):
                    j += 1
                else:
                    words = []
            if words and headline and not any(CAPS.match(w) for w in words):
                # a title-case heading: a name word after the first is one the text's prose
                # names a person by, or ends in a possessive ("Junichiro Koizumi's Visit");
                # not "Ito Vows"
                kept = 1
                while kept < len(words) and (words[kept].lower() in body_names
                                             or _possessive_after(doc, j + kept, sent.end)):
                    kept += 1
                if _ends_the_line(doc, end, sent) or _apposition(ctx, end, sent, offices):
                    # "Your Excellency President A B,", a cell "X Y<TAB>", "Statement of Mr.
                    # A B, Prime Minister of Mongolia"
                    kept = len(words)
                if doc[j].lemma_.lower() != doc[j].lower_:      # "Received", "Vows": verbs
                    kept = 0
                if office is not None and _plural_title(doc, office) and \
                        words[0].lower() not in body_names:
                    kept = 0                    # "Foreign Ministers Meet in ...": a verb
                words = words[:kept]
                end = j + kept
            if words:
                if capacity and capacity.country is None and end + 1 < sent.end and \
                        doc[end].lower_ == "of" and reference.country_named(doc[end + 1].text):
                    capacity = Capacity(capacity.role, reference.country_named(
                        doc[end + 1].text).key, capacity.organisation, capacity.former)
                apposed = _apposition(ctx, end, sent, offices)
                if apposed and (capacity is None or capacity.role in GENERIC_TITLES):
                    capacity = apposed
                    offices = [o for o in offices if not (end < o[0] <= end + 2)]
                if capacity and capacity.role in ("Prince", "Princess"):
                    emit(first, j, end, initials, words, None,
                         reference.royal_gender(capacity.role), royal=capacity.role)
                else:
                    if capacity and capacity.role in ("Emperor", "Empress", "Crown Prince",
                                                      "Crown Princess"):
                        gender = gender or reference.royal_gender(capacity.role)
                    states = _states_sharing(doc, first, sent) \
                        if office is not None and _plural_title(doc, office) else None
                    if states and capacity is not None:
                        # "Japanese and Mongolian Foreign Ministers A and B": A's is Japan's
                        capacity = Capacity(capacity.role, states[0], capacity.organisation,
                                            capacity.former)
                    held = emit(first, j, end, initials, words, capacity, gender)
                    offices_held.extend(OfficeFact(held.mid, c, None, ctx.evidence(sent))
                                        for c in also if is_specific(c))
                    if office is not None and _plural_title(doc, office):
                        # "Prime Ministers A and B", "Foreign Ministers A, B and C"
                        listed = list(_names_listed(doc, end, sent, taken, offices))
                        for n, (k, e, ini, w) in enumerate(listed, start=1):
                            shared = capacity
                            if capacity is not None and states is not None:
                                shared = Capacity(capacity.role, states[n] if n < len(states)
                                                  else None, capacity.organisation,
                                                  capacity.former)
                            emit(k, k, e, ini, w, shared, None)
            elif office and capacity and capacity.role in ROYAL_TITLES \
                    and start > sent.start and doc[start].text[:1].isupper() and (
                        doc[start - 1].lower_ == "the" or _after_the_royal(doc, start, sent)):
                # "H.I.H. the Crown Prince", "the Emperor and Empress": a title standing
                # for its holder
                at = start - 1 if doc[start - 1].lower_ == "the" else start
                emit(at, at, end0, [], [capacity.role], capacity,
                     reference.royal_gender(capacity.role), title_only=True)

        # 3. initials with a family name anywhere: "S. ABE", "L.BOLD", "U.Khurelsukh",
        # "L. Oyun-Erdene" (one initial before a capitalised name)
        for tok in (sent if INITIALS_IN_TEXT.search(ctx.text(sent)) else ()):
            if tok.i in taken:
                continue
            after = doc[tok.i + 1] if tok.i + 1 < sent.end else None
            one_initial = bool(NAME_INITIAL.match(tok.text) and after is not None
                               and TITLE_WORD.match(after.text) and _is_name_word(after))
            if INITIAL_CAPS.match(tok.text) or one_initial or (
                    INITIAL.match(tok.text) and after is not None and CAPS.match(after.text)):
                end, initials, words = _scan_name(doc, tok.i, sent.end)
                if words and (one_initial or any(CAPS.match(w) for w in words)):
                    emit(tok.i, tok.i, end, initials, words,
                         _apposition(ctx, end, sent, offices), None)

        # 4. the names in a visitor cell of a table of visits, which the NER may not see
        # ("Naruhito and Masako": each a name)
        for cell, held in ((c, h) for c, h in visitor_cells
                           if sent.start_char <= c.start < sent.end_char):
            for inside in _cell_parts([t for t in sent if cell.start <= t.idx < cell.end]):
                first = next((t.i for t in inside if t.i not in taken and _is_name_word(t)
                              and not any(o[0] <= t.i < o[1] for o in offices)), None)
                if first is None or any(t.i < first and t.i in taken for t in inside):
                    continue
                end, initials, words = _scan_name(doc, first, inside[-1].i + 1)
                if words and end == inside[-1].i + 1:
                    emit(first, first, end, initials, words, held, None)

        # 5. names the statistical NER finds
        for ent in ctx.ents(sent):
            if ent.label_ != "PERSON" or any(i in taken for i in range(ent.start, ent.end)):
                continue
            if headline:
                continue
            if _modifies_a_thing(doc[ent.end - 1]) or (
                    ent.end < sent.end and doc[ent.end].lower_ in SITE_NOUNS):
                continue                    # "the giant Tavan Tolgoi coalfield"
            start = ent.start
            while start < ent.end and not _is_name_word(doc[start]):
                start += 1
            end, initials, words = _scan_name(doc, start, ent.end)
            if not words or end < ent.end - 1:
                continue
            held = _apposition(ctx, end, sent, offices) or _named_counterpart(ctx, start, end)
            # one word is a weak name, unless an office names its holder ("his Mongolian
            # counterpart Munkh-Orgil")
            emit(start, start, end, initials, words, held, None,
                 weak=len(words) < 2 and held is None)
    _propagate_names(ctx, new_mid)
    return offices_held


def _plural_title(doc: Doc, office: tuple[int, int, str]) -> bool:
    plurals = set(map(str, reference.lexicon_table("title_plurals").values()))
    return any(t.lower_ in plurals for t in doc[office[0]:office[1]])


def _states_sharing(doc: Doc, first: int, sent: Span) -> list[str] | None:
    """The states of a plural title's holders in turn: "Japanese and Mongolian [Foreign
    Ministers]" (FIRST is the second demonym's token)."""
    if first - 2 < sent.start or doc[first - 1].lower_ != "and":
        return None
    a, b = (reference.country_of_demonym(doc[i].text) for i in (first - 2, first))
    return [a.key, b.key] if a is not None and b is not None else None


def _names_listed(doc: Doc, end: int, sent: Span, taken: set[int],
                  offices: list[tuple[int, int, str]]
                  ) -> Iterator[tuple[int, int, list[str], list[str]]]:
    """The names listed after a name that ends at END: ", B", "and B", ", B and C" (each
    as start, end, initials, words), until a name has a title of its own."""
    k = end
    while k + 1 < sent.end and doc[k].text in (",", "and"):
        k += 2 if doc[k].text == "," and doc[k + 1].lower_ == "and" else 1
        if k >= sent.end or k in taken or any(o[0] == k for o in offices):
            return
        e, initials, words = _scan_name(doc, k, sent.end)
        if not words:
            return
        yield k, e, initials, words
        k = e


def _cell_office(row: TableRow) -> Capacity | None:
    """The office a table of visits' row gives its visitor: its position cell's, of the
    state its visit does not go to (of the pair)."""
    cells = row.cells
    role = reference.known_role(cells["position"].text) if "position" in cells else None
    if role is None:
        return None
    home = row.origin or (reference.other_of_pair(row.destination) if row.destination
                          else None)
    return Capacity(role=role, country=home)


def _ends_the_line(doc: Doc, end: int, sent: Span) -> bool:
    """Whether a name ending at END ends its line or its table cell: nothing but a comma,
    a colon or the line's end after it (no verb of a headline: "Ito Vows ...")."""
    while end < sent.end and doc[end].text in (",", ":", ";"):
        end += 1
    return end >= sent.end or doc[end].is_space or "\t" in doc[end - 1].whitespace_


SITE_NOUNS = lexicon("site_nouns")


def _modifies_a_thing(last: Token) -> bool:
    """A name whose last word modifies a common noun after it ("Tavan Tolgoi coalfield")."""
    head = last.head
    return last.dep_ in ("compound", "nmod") and head.i > last.i and head.pos_ == "NOUN" and \
        head.text[:1].islower()


def _propagate_names(ctx: DocContext, new_mid: Callable[[], str]) -> None:
    """A name the document has given in full also marks its later bare uses, even where
    the NER misses them ("Kishida met with Khurelsukh")."""
    doc = ctx.doc
    known: dict[str, PersonMention] = {}
    for p in ctx.persons:
        if p.weak or p.title_only or p.royal:
            continue
        for w in p.words:
            if len(w) > 2:
                known.setdefault(w.lower(), p)
    if not known:
        return
    firsts = {w.split("-")[0] for w in known}        # "oyun" of "oyun-erdene"
    candidates = ctx.tokens_where(lowers=firsts)
    for sent, tokens in ctx.by_sentence(candidates):
        s_index = ctx.index_of(sent)
        text = ctx.text(sent)
        if is_headline(text) or is_credit(text):
            continue
        for tok in tokens:
            if tok.i in ctx.token_person:
                continue
            end = tok.i + 1
            word = tok.text
            # "Oyun-Erdene" is tokenised "Oyun", "-", "Erdene"
            while (end + 1 < sent.end and doc[end].text == "-" and not doc[end - 1].whitespace_
                   and not doc[end].whitespace_):
                word += "-" + doc[end + 1].text
                end += 2
            if word.lower() not in known or not (TITLE_WORD.match(tok.text)
                                                 or CAPS.match(tok.text)):
                continue
            if end < len(doc) and end in ctx.token_person:
                continue
            source = known[word.lower()]
            mention = PersonMention(
                mid=new_mid(), name=word, words=[_name_case(word)],
                key=_name_case(word) if source.key and source.key.lower() == word.lower()
                else None, gender=source.gender, sentence=s_index, start=tok.idx,
                end=doc[end - 1].idx + len(doc[end - 1].text), evidence=ctx.evidence(sent))
            if mention.key is None:
                mention.words = list(source.words)
                mention.key = source.key
            ctx.add_person(mention, range(tok.i, end))
    ctx.persons.sort(key=lambda p: p.start)


def same_person(a: PersonMention, b: PersonMention) -> bool:
    """Can two mentions of one document name the same person?"""
    if a.title_only or b.title_only:
        return a.title_only and b.title_only and a.words == b.words
    if a.royal or b.royal:
        # (not "Prince and Princess Akishino": a couple of one name)
        return a.key == b.key and (a.gender is None or b.gender is None
                                   or a.gender == b.gender)
    wa = {w.lower() for w in a.words}
    wb = {w.lower() for w in b.words}
    if a.key and b.key and a.key.lower() == b.key.lower():
        return True
    if wa and wb and (wa <= wb or wb <= wa):
        return not (a.initials and b.initials and a.initials[0][0] != b.initials[0][0])
    return False


def cluster_persons(ctx: DocContext) -> None:
    """Point every mention at the first mention of the same person in the document."""
    reps: list[PersonMention] = []
    members: dict[str, list[PersonMention]] = {}
    for p in ctx.persons:
        target = next((r for r in reps if any(same_person(p, m) for m in members[r.mid])), None)
        if target is None:
            reps.append(p)
            members[p.mid] = [p]
            ctx.rep[p.mid] = p.mid
        else:
            members[target.mid].append(p)
            ctx.rep[p.mid] = target.mid
        p.same_as = ctx.rep[p.mid]


def person_for(ctx: DocContext, token: Token) -> list[str]:
    """The persons a token stands for: a mention, a pronoun's antecedent, "the two X"."""
    found = _person_for(ctx, token)
    return list(dict.fromkeys(ctx.rep.get(m, m) for m in found))


def _person_for(ctx: DocContext, token: Token) -> list[str]:
    if token.i in ctx.token_person:
        mid = ctx.token_person[token.i]
        pair = ctx.partner.get(mid)
        return [pair, mid] if pair else [mid]
    if token.lemma_.lower() in LED_PARTIES:
        led = _party_leaders(ctx, token)
        if led:
            return led                  # "a delegation led by X visited", "the delegation"
    if token.lower_ in ("counterpart", "counterparts", "guest", "host"):
        for child in token.children:
            if child.dep_ in ("appos", "compound") and child.i in ctx.token_person:
                return [ctx.token_person[child.i]]
        if token.head.i in ctx.token_person and token.dep_ in ("compound", "appos"):
            return [ctx.token_person[token.head.i]]
        for after in (token.i + 1, token.right_edge.i + 1):
            # "his counterpart X", "his counterpart at the time, X": the parser hanging X
            # apart
            if after < len(token.doc) and token.doc[after].text == ",":
                after += 1
            if after < len(token.doc) and after in ctx.token_person:
                return [ctx.token_person[after]]
        if token.lower_ == "counterpart":
            return _counterpart(ctx, token)
    if token.lower_ in PERSON_PAIR_NOUNS and any(c.lower_ in ("two", "both")
                                                 for c in token.children):
        return _the_two(ctx, token)       # "the two Prime Ministers": not one of them
    if token.lower_ in PERSON_PAIR_NOUNS and token.dep_ == "poss" and ctx.discourse is not None:
        # "the Foreign Ministers' Meeting held in February": of the two who met in the
        # meeting told before
        met = ctx.discourse.last_meeting(ctx.sentence_index(token))
        fits = _pair_fit(ctx, token)
        return list(met) if met and len(met) == 2 and all(fits(ctx.by_mid[m])
                                                          for m in met) else []
    if token.text[:1].isupper() and any(c.lower_ == "the" for c in token.children):
        role = _title_role(ctx, token)
        if role:                                  # "the Minister": the one named before
            return _antecedent(ctx, token, None, lambda p: _holds(p, role))
    described = _described_title(token)
    if described is not None:             # "the Japanese minister": the one named before
        role, state = described
        return _antecedent(ctx, token, None, lambda p: _holds(p, role)
                           and p.capacity is not None and p.capacity.country == state)
    lower = token.lower_
    if lower in FIRST_PERSON or lower in SECOND_PERSON:
        speaker = _speaker(ctx, token)
        if lower in FIRST_PERSON or not speaker:
            return speaker                 # "Since I visited ...," X said: X
        # "held talks with you": the one of the other state named last before
        return _antecedent(ctx, token, None, lambda p: ctx.rep.get(p.mid, p.mid) not in
                           speaker and not _same_state(p, ctx.by_mid[speaker[0]], ctx))
    if lower in PRONOUNS:
        thanked = _thanked(ctx, token)
        if thanked:
            return thanked                   # "congratulated the Minister on his visit"
        owner = _owner_of_the_event(ctx, token)
        if owner:
            return owner                     # "her visit, during which she met X"
        owner = _owner_of_the_noun_before(ctx, token)
        if owner:
            return owner                     # "X's second visit following his first": X
        if token.dep_ == "poss":             # "X concluded his visit": X
            own = _clause_subject(ctx, token, PRONOUNS[lower])
            if own:
                return own
        return _antecedent(ctx, token, PRONOUNS[lower])
    if lower in ("majesty", "majesties") and any(c.lower_ in ("his", "her", "their")
                                                 for c in token.children):
        # "His Majesty", "Their Majesties": the Emperor (and Empress) named before
        if lower == "majesties":
            return _the_two(ctx, token)
        role = "Empress" if any(c.lower_ == "her" for c in token.children) else "Emperor"
        return _antecedent(ctx, token, None, lambda p: _holds(p, role))
    if lower == "couple" and any(c.lower_ in ("the", "imperial", "royal") for c in token.children):
        return _the_two(ctx, token)        # "the Imperial couple"
    if lower == "their" or (lower in PAIR_NOUNS and any(
            c.lower_ in ("two", "both") for c in token.children)):
        return _the_two(ctx, token)
    if lower == "both" and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "conj"):
        return _the_two(ctx, token)        # "Both said ...", "between both"
    if lower == "two" and (token.dep_ in ("nsubj", "nsubjpass") or token.head.pos_ == "NOUN") \
            and any(c.lower_ == "the" for c in (*token.children, *token.head.children)):
        return _the_two(ctx, token)        # "The two confirmed ...", "after the two held talks"
    if lower in LOWER_TITLES and not token.text[:1].isupper() and any(
            c.lower_ == "the" for c in token.children) and not _demonym_state(token):
        role = LOWER_TITLES[lower]          # "the president said": the one named before
        return _antecedent(ctx, token, None, lambda p: _holds(p, role))
    return []


# Parties of persons known by who leads them: "a delegation led by X"
LED_PARTIES = reference.rule_words("led_parties")
LEAD_VERBS = reference.rule_words("lead_verbs")
# How many sentences back "the delegation" is still the one a sentence named with its leader
PARTY_LOOK_BACK = 4


def _party_leaders(ctx: DocContext, party: Token) -> list[str]:
    """Who leads a party: "a delegation led by X" (X), "the delegation" (the leader of
    the one named so a few sentences before)."""
    # (the parser may hang "led by" on a noun of the party's name: "a delegation of the
    # X League led by its Chairman Y")
    led = [p for acl in party.subtree if acl.dep_ == "acl" and acl.lemma_ in LEAD_VERBS
           and not any(t.dep_ == "relcl" for t in acl.ancestors if t.i > party.i)
           for agent in acl.children if agent.dep_ == "agent"
           for obj in agent.children if obj.dep_ == "pobj"
           for t in (obj, *obj.conjuncts) for p in _person_for(ctx, t)]
    if led or not any(c.lower_ in ("the", "this", "that") for c in party.children):
        return led
    index = ctx.sentence_index(party)
    for back in range(index, max(-1, index - PARTY_LOOK_BACK - 1), -1):
        earlier = [t for t in ctx.sentences[back] if t.i < party.i
                   and t.lemma_.lower() == party.lemma_.lower()]
        for t in reversed(earlier):
            if any(c.dep_ == "acl" for c in t.children):
                return _party_leaders(ctx, t)
    return []


# Verbs whose object the words that follow are about: "congratulated X on his election"
ADDRESS_VERBS = reference.rule_words("address_verbs")
# "accompanied the Prime Minister to his talks with X": the one accompanied
ACCOMPANY_VERBS = reference.rule_words("accompany_verbs")
ADDRESS_NOUNS = reference.rule_words("address_nouns")
# Nouns of a guest's stay: "extended his greetings to X, stating that his visit ...": X's
STAY_NOUNS = reference.rule_words("stay_nouns")


def _thanked(ctx: DocContext, pronoun: Token) -> list[str]:
    """"congratulated the Minister on the results of his visit": the one congratulated."""
    t = pronoun
    for _ in range(6):
        if t.dep_ == "prep" and ((t.lower_ in ("on", "for") and t.head.lemma_ in ADDRESS_VERBS)
                                 or (t.lower_ in ("to", "on") and
                                     t.head.lemma_ in ACCOMPANY_VERBS)):
            objects = [c for c in t.head.children if c.dep_ == "dobj"]
            return [p for o in objects for p in _person_for(ctx, o)][:1]
        if t.dep_ == "prep" and t.lower_ in ("on", "for") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ADDRESS_NOUNS for c in t.head.children):
            # "extend a warm welcome to X on his first visit": X
            to = [o for c in t.head.children if c.dep_ in ("dative", "prep")
                  and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
            return [p for o in to for p in _person_for(ctx, o)][:1]
        if pronoun.head.lemma_.lower() in STAY_NOUNS and t.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ADDRESS_NOUNS for c in t.children):
            # "extended his greetings to X, stating that his visit was symbolic": X's
            to = [p for c in t.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                  for o in c.children if o.dep_ == "pobj" for p in _person_for(ctx, o)]
            if to:
                return to[:1]
        if t.head.i == t.i:
            break
        t = t.head
    return _shown_to(ctx, pronoun)


# "the hospitality extended to X during his visit": what was shown to X in X's visit
SHOWN_VERBS = reference.rule_words("shown_verbs")


def _shown_to(ctx: DocContext, pronoun: Token) -> list[str]:
    """The person named last before PRONOUN when something was shown to them ("extended to
    Mr. X, Minister for Foreign Affairs, during his visit"), wherever the parser hangs
    "during"."""
    if pronoun.dep_ != "poss" or pronoun.i == 0 or \
            pronoun.doc[pronoun.i - 1].lower_ not in ("during", "on", "throughout"):
        return []
    named = [t for t in pronoun.sent if t.i < pronoun.i and t.i in ctx.token_person]
    if not named:
        return []
    mid = ctx.token_person[named[-1].i]
    shown = [t for t in named if ctx.token_person[t.i] == mid]
    if not any(t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lemma_ in SHOWN_VERBS
               for t in shown):
        return []
    if pronoun.lower_ == "their":
        # "extended to Their Imperial Highnesses Prince and Princess X during their visit":
        # the couple, or all named in the "to" phrase
        phrase = [ctx.token_person[t.i] for t in named
                  if t.i >= min(s.left_edge.i for s in shown)]
        couple = list(dict.fromkeys(phrase))
        for m in couple:                    # (each one's partner: "Prince and Princess X")
            if ctx.partner.get(m) and ctx.partner[m] not in couple:
                couple.append(ctx.partner[m])
        return list(dict.fromkeys(ctx.rep.get(m, m) for m in couple))
    return [mid]


# How far back a possessive pronoun in an apposition still reads "X's": "X's visit to
# Japan, her second following her visit in June"
APPOSED_OWNER_REACH = 12


def _apposed_owner(ctx: DocContext, pronoun: Token) -> list[str]:
    """"Minister X's visit to Japan, her second following her visit in June last year": the
    owner named in the possessive that the comma's apposition follows (no other person, no
    finite verb between)."""
    if pronoun.dep_ != "poss":
        return []
    comma = False
    for j in range(pronoun.i - 1, max(pronoun.sent.start, pronoun.i - APPOSED_OWNER_REACH) - 1,
                   -1):
        t = pronoun.doc[j]
        comma = comma or t.text == ","
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.text in (";", ":"):
            return []
        if j in ctx.token_person and t.dep_ == "poss" and t.lower_ not in PRONOUNS:
            mid = ctx.token_person[j]
            gender = PRONOUNS.get(pronoun.lower_)
            fits = gender is None or ctx.by_mid[mid].gender in (None, gender)
            return [mid] if comma and fits else []
        if j in ctx.token_person and t.lower_ not in PRONOUNS and \
                t.ent_type_ == "PERSON" and t.dep_ != "compound":
            return []               # another person named between
    return []


def _owner_of_the_noun_before(ctx: DocContext, pronoun: Token) -> list[str]:
    """"President X's second visit to Japan following his official visit in May 1998": the
    owner of the noun the pronoun's phrase hangs on."""
    noun = pronoun.head
    if pronoun.dep_ == "poss" and not (noun.dep_ == "pobj" and noun.head.dep_ == "prep"):
        return _apposed_owner(ctx, pronoun)
    if pronoun.dep_ != "poss" or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    owner = next((c for c in noun.head.head.children if c.dep_ == "poss"
                  and c.i in ctx.token_person), None)
    if owner is None:
        return []
    mid = ctx.token_person[owner.i]
    gender = PRONOUNS.get(pronoun.lower_)
    return [mid] if gender is None or ctx.by_mid[mid].gender in (None, gender) else []


def _owner_of_the_event(ctx: DocContext, pronoun: Token) -> list[str]:
    """"his official visit to Japan, during which he held talks": the visit's owner."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    clause = pronoun.head
    which = next((w for c in clause.children if c.dep_ == "prep" for w in c.children
                  if w.lower_ == "which"), None)
    when = next((c for c in clause.children if c.lower_ == "when"), None)
    if which is None and when is not None and clause.dep_ in ("relcl", "advcl") and any(
            t.lemma_.lower() in EVENT_NOUNS and t.pos_ == "NOUN"
            for t in pronoun.doc[max(pronoun.sent.start, when.i - WHEN_EVENT_REACH):when.i]):
        which = when            # "her visit in June last year, when she held talks with X"
    if which is None:
        return []
    # the event noun "which" stands for: the closest one before it
    event = next((t for t in reversed(list(pronoun.sent[:which.i - pronoun.sent.start]))
                  if t.pos_ == "NOUN" and t.lemma_.lower() in EVENT_NOUNS), None)
    owner = next((c for c in event.children if c.dep_ == "poss"), None) if event else None
    return _person_for(ctx, owner) if owner is not None and owner.i != pronoun.i else []


# How close before "when" the event noun it tells the time of stands
WHEN_EVENT_REACH = 6
# Nouns of events a person makes, which "during which" refers back to
EVENT_NOUNS = reference.rule_words("journey_nouns")


def _title_role(ctx: DocContext, token: Token) -> str | None:
    """The role of the office title TOKEN ends ("the Prime Minister", "the Minister")."""
    for span in ctx.spans("OFFICE", ctx.sentence_of(token)):
        if span.end - 1 == token.i:
            return span.id_ or reference.canonical_role(span.text)
    return token.text if token.text in GENERIC_TITLES else None


def _demonym_state(token: Token) -> reference.Country | None:
    """The state a demonym modifying TOKEN names ("Japanese" in "the Japanese minister")."""
    return next((reference.country_of_demonym(c.text) for c in token.children
                 if c.dep_ == "amod" and reference.country_of_demonym(c.text)), None)


def _described_title(token: Token) -> tuple[str, str] | None:
    """"the Japanese minister", "the Mongolian prime minister" (TOKEN the title noun): the
    role its words name and the state its demonym names."""
    if token.text[:1].isupper() or not any(c.lower_ == "the" for c in token.children):
        return None
    state = _demonym_state(token)
    words = [c.lower_ for c in token.children if c.dep_ == "compound"] + [token.lower_]
    role = reference.canonical_role(" ".join(words).title())
    if token.lower_ == "leader" and state is not None:
        return LEADER, state.key          # "the Mongolian leader": its head of state or govt.
    if state is None or not (role in GENERIC_TITLES or role in DESCRIBED_ROLES):
        return None
    return role, state.key


LEADER = "leader"                        # a head of state or of government


def _holds(person: PersonMention, role: str) -> bool:
    """Whether PERSON was named in an office ROLE names ("Minister" names any minister)."""
    held = person.capacity.role if person.capacity else ""
    if role == LEADER:
        return reference.office_kind(held) in LEADER_KINDS
    return held == role or (role in GENERIC_TITLES and role in held.split())


def _counterpart_office(ctx: DocContext, token: Token) -> Capacity | None:
    """"her Japanese counterpart" (TOKEN): the office its possessor holds, in that state."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    of = [ctx.by_mid[m] for m in _person_for(ctx, owner) if m in ctx.by_mid]
    if len(of) != 1:
        return None
    held = of[0].capacity or _capacity_named_before(ctx, of[0])
    if held is None:
        return None
    state = _demonym_state(token)
    if state is not None:
        return Capacity(role=held.role, country=state.key)
    # "his visiting counterpart X": the possessor's office in the other state of the pair;
    # the possessor's own state, when the text leaves it unsaid, is the one the sentence
    # places the meeting in ("... and his visiting counterpart X in Tokyo")
    own = held.country
    if own is None and any(c.lower_ == "visiting" for c in token.children):
        own = _host_state(ctx.sentence_of(token))
    if own is None:
        # "X visited Ulaanbaatar and met his counterpart Y": Y is of the state X went to
        went = _journey_state(ctx, ctx.sentence_of(token), of[0].mid)
        own = reference.other_of_pair(went) if went else None
    other = reference.other_of_pair(own) if own else None
    return Capacity(role=held.role, country=other) if other else None


def _capacity_named_before(ctx: DocContext, person: PersonMention) -> Capacity | None:
    """The office PERSON held when named before by the same family name ("Foreign Minister
    Toshimitsu Motegi said ... Motegi signed ... with his counterpart")."""
    return next((p.capacity for p in reversed(ctx.persons) if p.start < person.start
                 and p.capacity is not None and p.words and person.words
                 and p.words[-1] == person.words[-1]), None)


# verbs of a journey whose place is where the one who makes it is a guest
JOURNEY_LEMMAS = reference.rule_words("journey_lemmas")


def _journey_state(ctx: DocContext, sent: Span, mid: str) -> str | None:
    """The state of the pair the person MID is told in SENT to have gone to ("X visited
    Ulaanbaatar", "X arrived in Tokyo")."""
    pair = reference.pair()
    for verb in (t for t in sent if t.lemma_ in JOURNEY_LEMMAS and t.pos_ == "VERB"):
        if not any(mid in _person_for(ctx, s) for s in verb.children
                   if s.dep_ in ("nsubj", "nsubjpass")):
            continue
        places = [c for c in verb.children if c.dep_ == "dobj"] + [
            o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "to")
            for o in p.children if o.dep_ == "pobj"]
        for place in places:
            state = reference.country_any(place.text)
            if state is not None and state.key in pair:
                return state.key
    return None


def _host_state(sent: Span) -> str | None:
    """The state of the pair a sentence places its event in: "in Tokyo", "in Mongolia"."""
    pair = reference.pair()
    for t in sent:
        if t.head.lower_ == "in" and t.dep_ == "pobj":
            state = reference.country_any(t.text)
            if state is not None and state.key in pair:
                return state.key
    return None


def _counterpart(ctx: DocContext, token: Token) -> list[str]:
    """"her Japanese counterpart": the one person of that state the text names in the
    office its possessor holds."""
    office = _counterpart_office(ctx, token)
    if office is None:
        return []
    found = {ctx.rep.get(p.mid, p.mid) for p in ctx.persons if p.capacity
             and p.capacity.role == office.role and p.capacity.country == office.country}
    return sorted(found) if len(found) == 1 else []


def _named_counterpart(ctx: DocContext, start: int, end: int) -> Capacity | None:
    """"his Mongolian counterpart(,) Bold Tumur": the name (START to END) is in apposition
    to "counterpart", so its person holds the possessor's office in that state."""
    heads = [t.head for t in ctx.doc[start:end] if t.dep_ == "appos"]
    if len(heads) == 1 and heads[0].lower_ == "counterpart":
        return _counterpart_office(ctx, heads[0])
    # the parser may leave the two apart ("A and his Mongolian counterpart B signed")
    before = start - 1
    if before >= 0 and ctx.doc[before].text == ",":
        before -= 1
    if before >= 0 and ctx.doc[before].lower_ == "counterpart":
        return _counterpart_office(ctx, ctx.doc[before])
    # "his Mongolian counterpart at the time, X": the phrase on "counterpart" in between
    if before >= 0:
        head = next((t for t in ctx.doc[max(0, before - COUNTERPART_REACH):before + 1]
                     if t.lower_ == "counterpart"), None)
        between = ctx.doc[head.i + 1:before + 1] if head is not None else []
        if head is not None and not any(t.i in ctx.token_person or t.pos_ in ("VERB", "AUX")
                                        or t.text == "," for t in between):
            return _counterpart_office(ctx, head)
    return None


# How many words may stand between "counterpart" and the name it is: "at the time"
COUNTERPART_REACH = 5


CLAUSE_STEPS = 6
RELATIVE_WORDS = reference.rule_words("relative_words")


def _clause_subject(ctx: DocContext, token: Token, gender: str | None) -> list[str]:
    """The person who is the subject of the clause TOKEN (a possessive pronoun) stands in,
    when the gender fits: "X concluded his visit", "Y, who was on his working visit" (the
    relative clause's subject is Y)."""
    clause = token
    for _ in range(CLAUSE_STEPS):
        if clause.head.i == clause.i:
            return []
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if clause.pos_ not in ("VERB", "AUX") or not subjects:
            continue
        subject = subjects[0]
        if subject.lower_ in RELATIVE_WORDS and clause.dep_ == "relcl":
            found = _person_for(ctx, clause.head) or _person_for(ctx, clause.head.head)
        elif subject.i in ctx.token_person:
            found = [ctx.token_person[subject.i]]
        elif subject.lower_ not in PRONOUNS:
            found = _person_for(ctx, subject)     # "The Mongolian leader ... his visit"
        else:
            return []
        if not found and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "own":
            continue                # "X noted that relations were given momentum by his own
            #                         visit": the one whose own it is, further up
        return [m for m in found if gender is None or
                ctx.by_mid[m].gender in (None, gender)][:1]
    return []


FIRST_PERSON = reference.rule_words("first_person")
SECOND_PERSON = reference.rule_words("second_person")
SPEECH_VERBS = reference.rule_words("speech_verbs")
# A quotation, or the part of one a sentence holds ("... said, "Since I visited ... .")
QUOTE = re.compile(r"[“\"]([^”\"]+)(?:[”\"]|$)")


def _speaker(ctx: DocContext, token: Token) -> list[str]:
    """Who speaks the quotation TOKEN stands in: the person who "said" it in its sentence
    ("Prime Minister X said, "Since I visited ...""); no one outside quotation marks."""
    sent = ctx.sentence_of(token)
    text = ctx.text(sent)
    at = token.idx - sent.start_char
    quotes = [m.span() for m in QUOTE.finditer(text)]
    if not any(a <= at < b for a, b in quotes):
        return _labelled_speaker(ctx, sent)
    for verb in sent:
        if verb.lemma_ in SPEECH_VERBS and not any(a <= verb.idx - sent.start_char < b
                                                   for a, b in quotes):
            people = [p for c in verb.children if c.dep_ == "nsubj"
                      for p in person_for(ctx, c)]
            if len(people) == 1:
                return people
    return []


# A transcript's speaker label: "PRIME MINISTER ABE:", "Mr. Kato:" at the start of a line
SPEAKER_LABEL = re.compile(r"^\s*(?P<label>(?:[A-Z][A-Za-z.'-]*\s+){0,5}[A-Z][A-Za-z.'-]*"
                           r"(?:\s*\([^)]{1,40}\))?)\s*:\s")
# How many sentences back a speaker's label still governs "I" and "we"
SPEAKER_LOOK_BACK = 12


def _labelled_speaker(ctx: DocContext, sent: Span) -> list[str]:
    """In a transcript, who speaks SENT: the person the last speaker label names
    ("PRIME MINISTER ABE: ... I ..."); no one after a label that names none ("REPORTER:")."""
    index = ctx.index_of(sent)
    for back in range(index, max(-1, index - SPEAKER_LOOK_BACK - 1), -1):
        line = ctx.sentences[back]
        label = SPEAKER_LABEL.match(ctx.text(line))
        if label is None:
            continue
        end = line.start_char + label.end("label")
        named = [p.mid for p in ctx.persons if line.start_char <= p.start < end]
        return [ctx.rep.get(named[0], named[0])] if len(named) == 1 else []
    return []


def _antecedent(ctx: DocContext, token: Token, gender: str | None,
                fits: Callable[[PersonMention], bool] | None = None) -> list[str]:
    found = _antecedent_of(ctx, token, gender, fits)
    bound = _clause_subject_persons(ctx, token)
    if not bound or not found or any(ctx.rep.get(m, m) not in bound for m in found):
        return found
    # "the couple ... held talks with him": not one of the clause's own subjects, but the
    # one named last before it
    index = ctx.sentence_index(token)
    others = [p for p in ctx.persons if p.sentence <= index and p.start < token.idx
              and not p.title_only and ctx.rep.get(p.mid, p.mid) not in bound
              and (gender is None or p.gender in (None, gender)) and (fits is None or fits(p))]
    return [others[-1].mid] if others else []


def _antecedent_of(ctx: DocContext, token: Token, gender: str | None,
                   fits: Callable[[PersonMention], bool] | None = None) -> list[str]:
    index = ctx.sentence_index(token)
    candidates = [p for p in ctx.persons if p.sentence <= index and p.start < token.idx
                  and not p.title_only]
    candidates = [p for p in candidates if (gender is None or p.gender in (None, gender))
                  and (fits is None or fits(p))]
    if not candidates:
        # no one named before: a title standing alone as a subject ("The Emperor watched
        # ... when he visited")
        return next((found for s in range(index, max(-1, index - 4), -1)
                     if (found := _titled_subject(ctx, ctx.sentences[s], gender,
                                                  before=token.i))), []) if fits is None else []
    if fits is not None and gender is None:
        return _most_salient(ctx, candidates, index)
    # prefer the subject of the same sentence, then of the closest sentence before (a title
    # standing for its holder too: "the Prime Minister offered flowers. He then met ...")
    # an object pronoun is not its own clause's subject ("The premier told her ...")
    clause_subjects = {c.i for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")} \
        if token.dep_ in ("dobj", "dative") else set()
    for s in range(index, max(-1, index - 4), -1):
        if s < index and gender is not None:
            # "The premier told her that ... . She also called on X": the one "her" is
            objected = _pronoun_object(ctx.sentences[s], gender)
            if objected is not None:
                return _antecedent(ctx, objected, gender)
        titled = _titled_subject(ctx, ctx.sentences[s], gender, before=token.i)
        if titled and s == index and clause_subjects:
            titled = []
        if titled:
            return titled
        in_sentence = [p for p in candidates if p.sentence == s]
        subjects = [p for p in in_sentence if _is_subject(ctx, p)] or \
            [p for p in in_sentence if _is_possessor(ctx, p)]   # "X's visit, during which she"
        subjects = [p for p in subjects if not (s == index and _named_at(ctx, p) &
                                                 clause_subjects)]
        if s == index and subjects:
            return [subjects[0].mid]
        if s < index and gender is not None:
            # "He was to attend X and hold talks with Y. He was then to fly ...", "In 2015
            # he and Prime Minister Y signed the EPA. ... He then received Z": the person
            # the earlier sentence's "he" stands for, not Y
            earlier = _pronoun_subject(ctx.sentences[s], gender)
            if earlier is not None:
                return _antecedent(ctx, earlier, gender)
        # else one named as an argument of a verb ("X met Y. He ..."), not inside another
        # noun's phrase ("... confirmed preparations for the visit of Empress Z. She ...")
        arguments = [p for p in in_sentence if _is_argument(ctx, p)]
        if s < index and (subjects or arguments):
            return [(subjects or arguments)[0].mid]
    return [candidates[-1].mid]


OBJECT_PRONOUNS = reference.rule_words("object_pronouns")


def _clause_subject_persons(ctx: DocContext, pronoun: Token) -> set[str]:
    """The persons (their first mentions) the subject of an object pronoun's clause names:
    "him" in "X held talks with him" is not X."""
    if pronoun.lower_ not in OBJECT_PRONOUNS or pronoun.dep_ not in ("dobj", "dative", "pobj") \
            or (pronoun.lower_ == "her" and pronoun.dep_ == "poss"):
        return set()
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ != "conj":
            break
        verb = verb.head                    # "were welcomed by A and held talks with him"
    found: set[str] = set()
    for s in subjects:
        for t in (s, *s.conjuncts):
            if t.i in ctx.token_person:
                found.add(ctx.rep.get(ctx.token_person[t.i], ctx.token_person[t.i]))
            elif t.lower_ in PERSON_PAIR_NOUNS or t.lower_ in ("couple",):
                found.update(ctx.rep.get(m, m) for m in _the_two(ctx, t))
    return found


def _is_argument(ctx: DocContext, person: PersonMention) -> bool:
    """Whether PERSON is named as what a verb is done to or with ("met Y", "talks with
    Y" on a verb), rather than within another noun's phrase ("the visit of Y")."""
    for i, mid in ctx.token_person.items():
        if mid != person.mid:
            continue
        t = ctx.doc[i]
        while t.dep_ in ("conj", "appos", "compound") and t.head.i != t.i:
            t = t.head
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "attr", "agent", "ROOT"):
            return True
        if t.dep_ == "pobj" and t.head.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def _pronoun_object(sent: Span, gender: str) -> Token | None:
    """A pronoun of GENDER that a verb of SENT's main clause is done to ("told her")."""
    return next((t for t in sent if t.dep_ in ("dobj", "dative") and t.head.i == sent.root.i
                 and PRONOUNS.get(t.lower_) == gender), None)


def _named_at(ctx: DocContext, person: PersonMention) -> set[int]:
    return {i for i, mid in ctx.token_person.items() if mid == person.mid}


def _pronoun_subject(sent: Span, gender: str) -> Token | None:
    """The pronoun of GENDER that is the subject of SENT's main clause, if any."""
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    # "he", or "he and X" / "X and he"
    return next((t for t in (subject, *subject.conjuncts)
                 if PRONOUNS.get(t.lower_) == gender and t.dep_ != "poss"), None)


def _titled_subject(ctx: DocContext, sent: Span, gender: str | None, before: int
                    ) -> list[str]:
    """The person a title standing as the subject of SENT's main clause refers to ("the
    Prime Minister offered flowers"), when it stands BEFORE the pronoun to resolve."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i < before and subject.i in ctx.token_person and \
            ctx.by_mid[ctx.token_person[subject.i]].title_only:
        # "The Emperor watched ... when he visited": the one the title stands for
        mention = ctx.by_mid[ctx.token_person[subject.i]]
        if gender is not None and mention.gender not in (None, gender):
            return []
        role = mention.capacity.role if mention.capacity else None
        # the holder of the title named before ("Crown Prince X arrived ... The Crown
        # Prince ... he"), else the title's own mention
        named = [p for p in ctx.persons if not p.title_only and p.start < mention.start
                 and role is not None and p.capacity is not None and p.capacity.role == role]
        mid = named[-1].mid if named else mention.mid
        return [ctx.rep.get(mid, mid)]
    if subject is None or subject.i >= before or subject.i in ctx.token_person or \
            subject.lower_ in PRONOUNS or not (subject.text[:1].isupper()
                                               or subject.lower_ in LOWER_TITLES):
        return []
    found = _person_for(ctx, subject)
    return [m for m in found if gender is None or ctx.by_mid[m].gender in (None, gender)][:1]


def _most_salient(ctx: DocContext, candidates: list[PersonMention], index: int) -> list[str]:
    """"the Prime Minister", "the Minister" (a title standing alone) among several holders:
    the subject of its own sentence, else the holder the text has made its topic so far
    (named most, a subject counting twice), the one named first on a tie ("Prime Minister X visited
    Y. On the 30th, the Prime Minister ... met Mr. Z, Prime Minister of Y. ... the Prime
    Minister said": X)."""
    same = [p for p in candidates if p.sentence == index and _is_subject(ctx, p)]
    if same:
        return [ctx.rep.get(same[0].mid, same[0].mid)]
    weight: dict[str, int] = {}
    latest: dict[str, int] = {}
    for p in candidates:
        rep = ctx.rep.get(p.mid, p.mid)
        weight[rep] = weight.get(rep, 0) + (2 if _is_subject(ctx, p) else 1)
        latest[rep] = p.start
    first = {}
    for p in reversed(candidates):
        first[ctx.rep.get(p.mid, p.mid)] = p.start
    return [max(weight, key=lambda r: (weight[r], -first[r]))]


def _is_possessor(ctx: DocContext, person: PersonMention) -> bool:
    return any(mid == person.mid and ctx.doc[i].dep_ == "poss"
               for i, mid in ctx.token_person.items())


def _is_subject(ctx: DocContext, person: PersonMention, main: bool = False) -> bool:
    """Whether PERSON is named as a subject (of the sentence's main clause, when MAIN)."""
    for i, mid in ctx.token_person.items():
        if mid != person.mid:
            continue
        t = ctx.doc[i]
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head                    # "the Emperor and Empress greeted": both
        if t.dep_ in ("nsubj", "nsubjpass") and (not main or in_main_clause(t.head)):
            return True
    return False


ROYAL_PAIR_NOUNS = reference.rule_words("royal_pair_nouns")


def _the_two(ctx: DocContext, token: Token) -> list[str]:
    """"the two leaders", "both ministers", "their", "both men": two persons named before.

    The subjects of the closest sentence before (or of this one, before TOKEN) that has two
    or more persons as its subject, when they fit; else the two most recent distinct persons
    that fit the noun ("leaders": heads of state or government; "ministers": ministers;
    "men"/"women": by gender), one of each state when their states are known (the two sides
    of a bilateral relation)."""
    if token.lower_ == "their" and token.dep_ == "poss":
        shown = _shown_to(ctx, token)
        if shown:
            return shown                    # "extended to Prince and Princess X during their
        #                                     visit": theirs
        # "the two ministers recalled their talks": the two the subject names
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        pair = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                     and c.lower_ in PERSON_PAIR_NOUNS and any(
                         d.lower_ in ("two", "both") for d in c.children)), None)
        if pair is not None:
            return _the_two(ctx, pair)
    fits = _pair_fit(ctx, token)
    index = ctx.sentence_index(token)
    # (a royal couple may be named by their titles alone: "the Emperor and Empress")
    before = [p for p in ctx.persons if p.sentence <= index and p.start < token.idx
              and (not p.title_only or token.lower_ in ROYAL_PAIR_NOUNS)]
    joined = _joined_before(ctx, token, [p for p in before if p.sentence == index and fits(p)])
    if joined:
        return joined                       # "signed by A and B after the two held talks"
    for s in range(index, max(-1, index - LOOK_BACK_SENTENCES - 1), -1):
        subjects: list[str] = []
        for p in before:
            if p.sentence == s and _is_subject(ctx, p, main=True) and fits(p):
                rep = ctx.rep.get(p.mid, p.mid)
                if rep not in subjects:
                    subjects.append(rep)
        if len(subjects) == 2:
            return subjects
        if ctx.discourse is not None and ctx.discourse.is_row[s]:
            break                           # a row of a list: its persons are its own
    for s in range(index - 1, max(-1, index - PAIR_SUBJECT_LOOK_BACK - 1), -1):
        # "Both ministers welcomed ... . The two ministers recalled": the same two
        earlier = pair_subject(ctx.sentences[s])
        if earlier is not None and earlier.lower_ == token.lower_:
            return _the_two(ctx, earlier)
    met = ctx.discourse.last_meeting(index) if ctx.discourse is not None else None
    if met is not None and len(met) == 2 and all(fits(ctx.by_mid[m]) for m in met):
        return list(met)                    # "their talks" after "A met B"
    if token.lower_ == "their" and token.head.lemma_.lower() in PAIR_EVENT_NOUNS:
        # "the commitment made by A to B at their telephone talk": the two named just before
        named = []
        for p in sorted((p for p in before if p.sentence == index), key=lambda p: -p.start):
            rep = ctx.rep.get(p.mid, p.mid)
            if rep not in named:
                named.append(rep)
        if len(named) >= 2 and not same_state(ctx, named[0], named[1]):
            return named[:2][::-1]
    if token.lower_ not in PERSON_PAIR_NOUNS:
        return []                           # "the two sides", "their": no one else
    seen: list[PersonMention] = []
    titled = any(c.dep_ == "compound" and c.text[:1].isupper() for c in token.lefts)
    for p in sorted(before, key=lambda p: p.start, reverse=True):
        rep = ctx.rep.get(p.mid, p.mid)
        if not fits(p) or any(ctx.rep.get(q.mid, q.mid) == rep for q in seen):
            continue
        if len(seen) == 1 and token.lower_ not in SAME_SIDE_NOUNS and \
                not _other_state(seen[0], p, ctx) and not (
                    titled and {state_of(ctx, seen[0].mid), state_of(ctx, p.mid)} & {None}
                    and state_of(ctx, seen[0].mid) != state_of(ctx, p.mid)):
            continue                    # "the two leaders": one of each state ("the two
            #                             Prime Ministers": of each, or one not known)
        if len(seen) == 1 and token.lower_ in ROYAL_PAIR_NOUNS and seen[0].gender and \
                p.gender == seen[0].gender:
            continue                    # "the Imperial couple": a man and a woman
        seen.append(p)
        if len(seen) == 2:
            return [ctx.rep.get(q.mid, q.mid) for q in seen]
    return []


def _joined_before(ctx: DocContext, token: Token, persons: list[PersonMention]) -> list[str]:
    """Two persons joined by "and" before TOKEN in its sentence ("A and his counterpart
    B ... the two")."""
    mids = ctx.token_person
    pairs = []
    conjuncts = [t for t in ctx.sentence_of(token) if t.dep_ == "conj" and t.i < token.i
                 and t.head.i in mids]
    for t in conjuncts:
        other = _person_for(ctx, t)          # "A and his Mongolian counterpart B"
        if len(other) != 1:
            continue
        mid = other[0]
        a, b = ctx.rep.get(mids[t.head.i], mids[t.head.i]), ctx.rep.get(mid, mid)
        if a != b and any(ctx.rep.get(p.mid, p.mid) == a for p in persons) and \
                any(ctx.rep.get(p.mid, p.mid) == b for p in persons):
            pairs.append([a, b])
    return pairs[-1] if pairs else []


LOOK_BACK_SENTENCES = 3
# How far back "the two ministers" is still the pair an earlier "Both ministers" named
PAIR_SUBJECT_LOOK_BACK = 6
# Plural nouns a text refers to the two parties of a meeting by ("the two leaders").
PAIR_NOUNS = reference.rule_words("pair_nouns")
# Lower-case titles a text refers back to a person by ("the president said").
LOWER_TITLES = reference.rule_table("lower_titles")
LEADER_KINDS = reference.rule_words("leader_kinds")
# Pairs on one side: "the Imperial couple", "Their Majesties", "both men".
SAME_SIDE_NOUNS = reference.rule_words("same_side_nouns")
# Nouns of what two persons do together, which "their" names: "at their telephone talk"
PAIR_EVENT_NOUNS = reference.rule_words("pair_event_nouns")
# The plural nouns that name persons (not "sides", "parties": states too).


def office_of(ctx: DocContext, person: PersonMention) -> Capacity | None:
    """The office PERSON is named in here, else where the text first names them."""
    if person.capacity is not None:
        return person.capacity
    rep = ctx.rep.get(person.mid, person.mid)
    first = ctx.by_mid.get(rep)
    if first is not None and first.capacity is not None:
        return first.capacity
    # (a headline may name them first, without their office: "PRESIDENT U.KHURELSUKH ...")
    return next((p.capacity for p in ctx.persons if p.capacity is not None
                 and not p.capacity.former and ctx.rep.get(p.mid, p.mid) == rep), None)


def _pair_fit(ctx: DocContext, token: Token) -> Callable[[PersonMention], bool]:
    """Which persons the plural noun TOKEN can stand for."""
    noun = token.lower_

    def role(p: PersonMention) -> str | None:
        office = office_of(ctx, p)
        return office.role if office is not None else None

    qualified = [c.text for c in token.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
    if noun == "ministers" and qualified:
        # "the two Prime Ministers", "the Foreign Ministers": that title
        wanted = reference.canonical_role(" ".join([*qualified, "Minister"]))
        return lambda p: role(p) == wanted
    if noun in ("leaders", "premiers", "presidents", "heads"):
        return lambda p: role(p) is None or reference.office_kind(role(p)) in LEADER_KINDS
    if noun == "ministers":
        return lambda p: role(p) is None or "Minister" in (role(p) or "")
    if noun in ("men", "women"):
        gender = "male" if noun == "men" else "female"
        return lambda p: p.gender in (None, gender)
    if noun == "majesties" or (noun == "couple" and any(c.lower_ in ("imperial", "royal")
                                                       for c in token.children)):
        return lambda p: p.royal is not None or (role(p) or "") in ROYAL_TITLES
    return lambda p: True


def _same_state(a: PersonMention, b: PersonMention, ctx: DocContext) -> bool:
    """Both known to serve the same state (so not the two sides of a bilateral meeting)."""
    ca, cb = office_of(ctx, a), office_of(ctx, b)
    return bool(ca and cb and ca.country and ca.country == cb.country)


def _other_state(a: PersonMention, b: PersonMention, ctx: DocContext) -> bool:
    """Both known to serve a state, and not the same one."""
    ca, cb = office_of(ctx, a), office_of(ctx, b)
    return bool(ca and cb and ca.country and cb.country and ca.country != cb.country)


def state_of(ctx: DocContext, mid: str) -> str | None:
    """The state the person MID serves: as named here, else in any mention of them."""
    held = office_of(ctx, ctx.by_mid[mid])
    if held is not None and held.country:
        return held.country
    rep = ctx.rep.get(mid, mid)
    return next((p.capacity.country for p in ctx.persons if ctx.rep.get(p.mid, p.mid) == rep
                 and p.capacity is not None and p.capacity.country), None)


def same_state(ctx: DocContext, a: str, b: str) -> bool:
    """Whether the persons A and B (mids) are both known to serve one state."""
    return _same_state(ctx.by_mid[a], ctx.by_mid[b], ctx)
