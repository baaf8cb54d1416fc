"""The array attribute ruler returns spaCy's own matches, and the pipeline's annotations are
those of the model as shipped."""

from __future__ import annotations

import functools

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from jmgraph.ingest.annotate import MODEL
from jmgraph.ingest.attribute_rules import ArrayAttributeRuler, compile_pattern, with_array_matching

from ..conftest import SEEDS, examples

# Varied styles, written for this test: contractions and colloquial forms the model's
# exceptions cover, tables, datelines, bullets, odd spacing and punctuation.
TEXTS = [
    "ULAANBAATAR, March 4, 2025 (Montsame) -- The Minister ain't going, and she's gonna stay.",
    "There is a plan. There were two visits; it was agreed. Let's see what they do.",
    "  Table 2\n1998.02  Prime Minister  R. KHAN\n\n2011.10\tPresident  Ts. NYAMDORJ  \n",
    "I met you. You met it. It met me; did he? He had, and does, what I'd have done.",
    "• Exchange of Notes (yen loan)\n• Memorandum: \"Youth exchange\" -- signed 12/05/2019.",
    "Whatever they said, that which was agreed stands; this, that and those remain.",
    "But he did not. But, the talks went on... Y'all gotta see it!!! 'Tis done.",
]


@functools.lru_cache(maxsize=1)
def stock() -> Language:
    """The model as shipped (spaCy's Matcher), the components the extractor uses."""
    return spacy.load(MODEL, exclude=["senter"])


def arrays() -> ArrayAttributeRuler:
    from jmgraph.ingest.annotate import pipeline

    ruler = pipeline().get_pipe("attribute_ruler")
    assert isinstance(ruler, ArrayAttributeRuler)
    return ruler


def before_the_ruler(text: str) -> Doc:
    nlp = stock()
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return nlp(text)


@pytest.mark.slow
def test_every_pattern_of_the_model_is_matched_on_arrays() -> None:
    assert arrays().uses_arrays


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8")
                                          for p in sorted(SEEDS.glob("*.txt"))])
def test_attribute_ruler_matches_are_spacys(text: str) -> None:
    doc = before_the_ruler(text)
    spacys = stock().get_pipe("attribute_ruler").match(doc)
    assert spacys                                   # the tag map matches nearly every token
    assert arrays().match(doc) == spacys


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["is", "are", "'s", "n't", "ai", "gon", "na", "there", "I",
                                 "it", "you", "but", "do", "had", "that", "which", " ", "\n",
                                 "  ", ".", ",", "Minister", "visited", "Japan", "2024",
                                 "whatever", "'d", "let", "us"]), max_size=30))
def test_attribute_ruler_matches_are_spacys_on_random_token_soup(words: list[str]) -> None:
    doc = before_the_ruler(" ".join(words))
    assert arrays().match(doc) == stock().get_pipe("attribute_ruler").match(doc)


@pytest.mark.slow
def test_annotations_are_the_shipped_models() -> None:
    nlp = spacy.load(MODEL, exclude=["senter"])
    with_array_matching(nlp)
    text = "\n".join(TEXTS)
    ours, theirs = nlp(text), stock()(text)
    for attr in ("pos_", "tag_", "dep_", "lemma_", "morph", "ent_type_", "head"):
        assert [str(getattr(t, attr)) for t in ours] == [str(getattr(t, attr)) for t in theirs]


# Patterns on a blank pipeline: predicates one by one, and what falls back to the Matcher.

def ruled(patterns: list[dict]) -> tuple[Language, AttributeRuler, ArrayAttributeRuler]:
    nlp = spacy.blank("en")
    theirs = AttributeRuler(nlp.vocab)
    theirs.add_patterns(patterns)
    ours = ArrayAttributeRuler(nlp.vocab)
    ours.add_patterns(patterns)
    return nlp, theirs, ours


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "visit"}],
    [{"LOWER": {"IN": ["visit", "visits"]}}],
    [{"LOWER": {"NOT_IN": ["visit", "."]}}],
    [{"LOWER": {"REGEX": "^vis"}}],
    [{"ORTH": "Visit"}],
    [{"IS_SPACE": True}],
    [{"LOWER": "the"}, {"LOWER": {"REGEX": "s$"}}],
    [{}, {"LOWER": "visit"}],
])
def test_each_predicate_matches_as_spacys_matcher(pattern: list[dict]) -> None:
    nlp, theirs, ours = ruled([{"patterns": [pattern], "attrs": {"LEMMA": "x"},
                                "index": len(pattern) - 1}])
    assert ours.uses_arrays
    doc = nlp("Visit the visits.  The visit  of visitors, the Visit, visit.")
    assert ours.match(doc) == theirs.match(doc)
    assert ours.match(doc)


def test_later_patterns_win_as_in_spacy() -> None:
    nlp, theirs, ours = ruled([
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"LEMMA": "first"}},
        {"patterns": [[{"LOWER": {"IN": ["talks", "held"]}}]], "attrs": {"LEMMA": "second"}},
    ])
    a, b = nlp("They held talks."), nlp("They held talks.")
    theirs(a)
    ours(b)
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b] == ["", "second", "second", ""]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "visit", "OP": "?"}],                  # quantifier
    [{"LENGTH": 5}],                                  # an attribute with no column here
    [{"LOWER": {">=": "a"}}],                         # an operator not handled
    [{"LOWER": {"IN": ["a", 1]}}],                    # a value of the wrong type
])
def test_what_has_no_array_form_falls_back_to_the_matcher(pattern: list[dict]) -> None:
    nlp = spacy.blank("en")
    assert compile_pattern(pattern, nlp.vocab.strings) is None


def test_a_ruler_with_such_a_pattern_still_matches_as_spacy() -> None:
    nlp, theirs, ours = ruled([
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "a"}},
        {"patterns": [[{"LENGTH": 6}]], "attrs": {"LEMMA": "b"}},
    ])
    assert not ours.uses_arrays
    doc = nlp("The visits of the minister.")
    assert ours.match(doc) == theirs.match(doc)


def test_with_array_matching_keeps_the_name_place_and_patterns() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": "talks"}]], "attrs": {"LEMMA": "talk"}}])
    nlp.add_pipe("sentencizer")
    ruler = with_array_matching(nlp)
    assert nlp.pipe_names == ["attribute_ruler", "sentencizer"]
    assert isinstance(ruler, ArrayAttributeRuler) and ruler.uses_arrays
    assert [t.lemma_ for t in nlp("Held talks")] == ["", "talk"]
