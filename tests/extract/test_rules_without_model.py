"""Rule families over hand-built spaCy Docs: the tokens, their parse and entities written
out here, no trained model loaded. Each Doc goes through the real extraction
(``jmgraph.extract.extract``) after the project's own span ruler (``patterns/``) has marked
its office titles, as ``ingest.annotate`` does after the model; the word lists the rules
read come from ``data/rule_words.json``.

A token is written ``(word, dep, head, pos, tag, lemma, ent)``: HEAD the index of its head
in the sentence (its own index for the root), LEMMA "" for the word itself, ENT an IOB tag
("B-PERSON", "I-PERSON", "O").
"""

from __future__ import annotations

import functools

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from jmgraph import reference
from jmgraph.extract import extract
from jmgraph.extract.model import Extraction
from jmgraph.ingest.annotate import SPANS_KEY, load_patterns
from jmgraph.ingest.read import make_document

Row = tuple[str, str, int, str, str, str, str]


@functools.cache
def _ruler() -> Language:
    """A blank English pipeline with only the project's span ruler (no trained model)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY,
                                                "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(load_patterns())
    return nlp


def hand_doc(rows: list[Row]) -> Doc:
    nlp = _ruler()
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", ",") for i in range(len(rows))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=[r[2] for r in rows],
              deps=[r[1] for r in rows], pos=[r[3] for r in rows], tags=[r[4] for r in rows],
              lemmas=[r[5] or r[0] for r in rows], ents=[r[6] for r in rows])
    return nlp.get_pipe("span_ruler")(doc)


def read_doc(rows: list[Row]) -> Extraction:
    doc = hand_doc(rows)
    return extract(make_document("t.txt", doc.text.encode()), doc)


def names(x: Extraction, mids: list[str]) -> set[str]:
    by_mid = {p.mid: p for p in x.persons}
    return {by_mid[m].words[-1] for m in mids}


# "Prime Minister Shinzo Abe" as the subject (index 3) of the verb at index 4
ABE: list[Row] = [
    ("Prime", "compound", 1, "PROPN", "NNP", "", "O"),
    ("Minister", "compound", 3, "PROPN", "NNP", "", "O"),
    ("Shinzo", "compound", 3, "PROPN", "NNP", "", "B-PERSON"),
    ("Abe", "nsubj", 4, "PROPN", "NNP", "", "I-PERSON"),
]
END: Row = (".", "punct", 4, "PUNCT", ".", "", "O")


def abe(verb: str, lemma: str, *rest: Row) -> list[Row]:
    """'Prime Minister Shinzo Abe VERB REST.' (REST's heads counted in the whole sentence)."""
    return [*ABE, (verb, "ROOT", 4, "VERB", "VBD", lemma, "O"), *rest, END]


def test_the_doc_is_hand_built() -> None:
    doc = hand_doc(abe("visited", "visit", ("Mongolia", "dobj", 4, "PROPN", "NNP", "", "B-GPE")))
    assert doc.text == "Prime Minister Shinzo Abe visited Mongolia."
    assert [(s.text, s.id_) for s in doc.spans[SPANS_KEY]] == [("Prime Minister",
                                                                  "Prime Minister")]
    assert doc.vocab.lang == "en" and not _ruler().pipe_names[:-1]   # no model components


# --- visits: the verbs and nouns of a visit and where it goes (extract/visits.py) ---

def _visits(x: Extraction) -> set[tuple]:
    return {(frozenset(names(x, v.visitors)), v.destination, v.start.iso if v.start else None,
             v.status) for v in x.visits}


@pytest.mark.parametrize(("verb", "lemma", "place"), [
    ("visited", "visit", [("Mongolia", "dobj", 4, "PROPN", "NNP", "", "B-GPE")]),
    ("toured", "tour", [("Mongolia", "dobj", 4, "PROPN", "NNP", "", "B-GPE")]),
    ("arrived", "arrive", [("in", "prep", 4, "ADP", "IN", "", "O"),
                           ("Ulaanbaatar", "pobj", 5, "PROPN", "NNP", "", "B-GPE")]),
    ("flew", "fly", [("to", "prep", 4, "ADP", "IN", "", "O"),
                     ("Mongolia", "pobj", 5, "PROPN", "NNP", "", "B-GPE")]),
])
def test_a_visit_verb_goes_to_its_place(verb: str, lemma: str, place: list[Row]) -> None:
    # a verb of visit_verbs takes its place as object, one of arrive_verbs after "in"/"to";
    # a city stands for its country
    assert lemma in reference.rule_words("visit_verbs") | reference.rule_words("arrive_verbs")
    x = read_doc(abe(verb, lemma, *place))
    assert _visits(x) == {(frozenset({"Abe"}), "mongolia", None, "occurred")}
    assert [(o.capacity.role, o.capacity.country) for o in x.offices] == [("Prime Minister",
                                                                          "japan")]


def test_a_verb_of_no_list_is_no_visit() -> None:
    # "praised Mongolia": "praise" is in no list of visit or journey verbs
    x = read_doc(abe("praised", "praise", ("Mongolia", "dobj", 4, "PROPN", "NNP", "", "B-GPE")))
    assert x.visits == []


def test_a_visit_noun_goes_to_its_place() -> None:
    # "Prime Minister Shinzo Abe paid a visit to Mongolia.": "pay" supports a visit noun
    x = read_doc(abe("paid", "pay",
                     ("a", "det", 6, "DET", "DT", "", "O"),
                     ("visit", "dobj", 4, "NOUN", "NN", "", "O"),
                     ("to", "prep", 6, "ADP", "IN", "", "O"),
                     ("Mongolia", "pobj", 7, "PROPN", "NNP", "", "B-GPE")))
    assert _visits(x) == {(frozenset({"Abe"}), "mongolia", None, "occurred")}


def test_will_makes_a_visit_planned() -> None:
    # "Prime Minister Shinzo Abe will visit Mongolia.": a future auxiliary makes the event
    # planned (extract/events.py)
    rows = [*ABE, ("will", "aux", 5, "AUX", "MD", "", "O"),
            ("visit", "ROOT", 5, "VERB", "VB", "", "O"),
            ("Mongolia", "dobj", 5, "PROPN", "NNP", "", "B-GPE"),
            (".", "punct", 5, "PUNCT", ".", "", "O")]
    rows[3] = ("Abe", "nsubj", 5, "PROPN", "NNP", "", "I-PERSON")
    assert _visits(read_doc(rows)) == {(frozenset({"Abe"}), "mongolia", None, "planned")}


# --- bound dates: "since", "until", "to", "through" 2013 is no date of the event
# (extract/context.py: bound_words, end_words) ---

def _dated(word: str) -> list[Row]:
    """'Prime Minister Shinzo Abe visited Mongolia WORD October 2013.'"""
    return abe("visited", "visit",
               ("Mongolia", "dobj", 4, "PROPN", "NNP", "", "B-GPE"),
               (word, "prep", 4, "ADP", "IN", "", "O"),
               ("October", "pobj", 6, "PROPN", "NNP", "", "B-DATE"),
               ("2013", "nummod", 7, "NUM", "CD", "", "I-DATE"))


def test_a_date_after_in_is_the_visits() -> None:
    assert _visits(read_doc(_dated("in"))) == {(frozenset({"Abe"}), "mongolia", "2013-10",
                                                "occurred")}


@pytest.mark.parametrize("word", ["since", "until", "before", "after", "to", "through"])
def test_a_bound_date_is_not_the_visits(word: str) -> None:
    assert word in reference.rule_words("bound_words") | reference.rule_words("end_words")
    assert _visits(read_doc(_dated(word))) == {(frozenset({"Abe"}), "mongolia", None,
                                                "occurred")}


# --- meetings: the verbs of a meeting and the preposition each needs (extract/meetings.py
# meeting_verbs) ---

ELBEGDORJ: list[Row] = [
    ("President", "compound", 8, "PROPN", "NNP", "", "O"),
    ("Tsakhia", "compound", 8, "PROPN", "NNP", "", "B-PERSON"),
    ("Elbegdorj", "pobj", 5, "PROPN", "NNP", "", "I-PERSON"),
]


def _meetings(x: Extraction) -> set[frozenset[str]]:
    return {frozenset(names(x, m.participants)) for m in x.meetings}


@pytest.mark.parametrize(("verb", "lemma", "prep", "meets"), [
    ("met", "meet", "with", True),          # "met (with)"
    ("spoke", "speak", "with", True),       # "spoke with"
    ("conferred", "confer", "with", True),
    ("spoke", "speak", "about", False),     # "speak" needs "with"
    ("talked", "talk", "on", False),
])
def test_a_meeting_verb_and_its_preposition(verb: str, lemma: str, prep: str,
                                            meets: bool) -> None:
    # "Prime Minister Shinzo Abe VERB PREP President Tsakhia Elbegdorj."
    assert reference.rule_table("meeting_verbs")[lemma] in (None, "with")
    rows = abe(verb, lemma, (prep, "prep", 4, "ADP", "IN", "", "O"), *ELBEGDORJ)
    expected = {frozenset({"Abe", "Elbegdorj"})} if meets else set()
    assert _meetings(read_doc(rows)) == expected


def test_met_takes_its_object_as_the_other_side() -> None:
    # "Prime Minister Shinzo Abe met President Tsakhia Elbegdorj."
    rows = abe("met", "meet", *[(w, "dobj" if w == "Elbegdorj" else d, 4 if w == "Elbegdorj"
                                 else h - 1, p, t, lem, e) for w, d, h, p, t, lem, e in ELBEGDORJ])
    x = read_doc(rows)
    assert _meetings(x) == {frozenset({"Abe", "Elbegdorj"})}
    assert {o.capacity.role for o in x.offices} == {"Prime Minister", "President"}


# --- titles (extract/persons.py: former_words, generic titles) ---

def test_a_former_title_is_told_former() -> None:
    # "Former Prime Minister Shinzo Abe visited Mongolia."
    rows = [("Former", "amod", 2, "ADJ", "JJ", "former", "O"),
            *[(w, d, h + 1, p, t, lem, e) for w, d, h, p, t, lem, e in ABE],
            ("visited", "ROOT", 5, "VERB", "VBD", "visit", "O"),
            ("Mongolia", "dobj", 5, "PROPN", "NNP", "", "B-GPE"),
            (".", "punct", 5, "PUNCT", ".", "", "O")]
    x = read_doc(rows)
    assert [(o.capacity.role, o.capacity.former) for o in x.offices] == [("Prime Minister", True)]
