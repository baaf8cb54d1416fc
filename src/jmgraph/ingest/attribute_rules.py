"""The model's attribute ruler, its patterns matched on arrays instead of by spaCy's Matcher.

The pretrained model's ``attribute_ruler`` (its tag map and exceptions: POS, MORPH, LEMMA)
runs some 180 one- and two-token patterns through spaCy's ``Matcher``, whose ``IN``,
``NOT_IN`` and ``REGEX`` predicates are called from Python for every token: about a
seventh of the pipeline's time (bench/ingest.py).  ``ArrayAttributeRuler`` evaluates the
same patterns as numpy masks over the Doc's attribute columns and returns the very list
of matches spaCy's ``match`` returns (tests/ingest/test_attribute_rules.py compares them);
setting the attributes is spaCy's own code.  A pattern it cannot evaluate (a quantifier,
another attribute or predicate) makes it use spaCy's Matcher for every pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

# The token attributes a pattern may test, in the column order of the array read from a Doc.
COLUMNS = {"ORTH": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
STRING_ATTRS = frozenset({"ORTH", "LOWER", "TAG", "DEP"})   # columns holding string hashes
BOOL_ATTRS = frozenset({"IS_SPACE"})
COLUMN = {name: i for i, name in enumerate(COLUMNS)}


@dataclass
class _Test:
    """One predicate on one column: equal to / in / not in VALUES, or a REGEX search."""

    column: int
    values: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    negate: bool = False
    regex: re.Pattern[str] | None = None
    verdicts: dict[int, bool] = field(default_factory=dict)   # REGEX: hash -> found

    def mask(self, table: np.ndarray, strings: StringStore) -> np.ndarray:
        column = table[:, self.column]
        if self.regex is not None:
            unknown = [int(h) for h in np.unique(column) if int(h) not in self.verdicts]
            for h in unknown:
                self.verdicts[h] = bool(self.regex.search(strings[h]))
            found = np.array([h for h, ok in self.verdicts.items() if ok], dtype=np.uint64)
            return np.isin(column, found)
        hit = column == self.values[0] if len(self.values) == 1 else np.isin(column, self.values)
        return ~hit if self.negate else hit


_Pattern = list[list[_Test]]          # per token of the pattern, the tests it must pass


def _test(name: str, spec: object, strings: StringStore) -> _Test | None:
    """The predicate SPEC on attribute NAME, or None when it has no array form here."""
    if name not in COLUMNS:
        return None
    column = COLUMN[name]

    def encode(value: object) -> int | None:
        if name in BOOL_ATTRS and isinstance(value, bool):
            return int(value)
        if name in STRING_ATTRS and isinstance(value, str):
            return strings.add(value)
        return None

    if isinstance(spec, dict):
        if len(spec) != 1:
            return None
        (op, value), = spec.items()
        if op == "REGEX" and name in STRING_ATTRS and isinstance(value, str):
            return _Test(column, regex=re.compile(value))
        if op in ("IN", "NOT_IN") and isinstance(value, list):
            codes = [encode(v) for v in value]
            if any(c is None for c in codes):
                return None
            return _Test(column, np.array(codes, dtype=np.uint64), negate=op == "NOT_IN")
        return None
    code = encode(spec)
    return None if code is None else _Test(column, np.array([code], dtype=np.uint64))


def compile_pattern(pattern: list[dict], strings: StringStore) -> _Pattern | None:
    """PATTERN (spaCy's token-pattern form) as tests per token, or None if some part of it
    (a quantifier, an attribute or operator not handled here) has no array form."""
    tokens: _Pattern = []
    for spec in pattern:
        tests = [_test(name, value, strings) for name, value in spec.items()]
        if any(t is None for t in tests):
            return None
        tokens.append([t for t in tests if t is not None])
    return tokens


def starts(pattern: _Pattern, table: np.ndarray, strings: StringStore) -> np.ndarray:
    """The token positions where PATTERN matches in the Doc whose columns are TABLE."""
    width = len(pattern)
    n = len(table) - width + 1
    if n <= 0 or width == 0:
        return np.empty(0, dtype=np.int64)
    found = np.ones(n, dtype=bool)
    for offset, tests in enumerate(pattern):
        for test in tests:
            found &= test.mask(table, strings)[offset:offset + n]
    return np.nonzero(found)[0]


class ArrayAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, its ``match`` computed on arrays (the same result)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._compiled: list[tuple[int, list[_Pattern]]] | None = []

    @property
    def uses_arrays(self) -> bool:
        """Are all its patterns matched on arrays (else by spaCy's Matcher)?"""
        return self._compiled is not None

    def clear(self) -> None:
        super().clear()
        self._compiled = []

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        patterns = list(patterns)
        super().add(patterns, attrs, index)
        if self._compiled is None:
            return
        compiled = [compile_pattern(p, self.vocab.strings) for p in patterns]
        if any(c is None for c in compiled):
            self._compiled = None                  # spaCy's Matcher for every pattern
        else:
            self._compiled.append((len(self.attrs) - 1, [c for c in compiled if c is not None]))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._compiled is None:
            return super().match(doc)
        strings = doc.vocab.strings
        table = doc.to_array(list(COLUMNS.values())).reshape(len(doc), len(COLUMNS))
        found: list[np.ndarray] = []                  # rows of (key, start, end)
        for key, alternatives in self._compiled:
            for pattern in alternatives:
                at = starts(pattern, table, strings)
                if len(at):
                    found.append(np.column_stack((np.full(len(at), key), at, at + len(pattern))))
        if not found:
            return []
        # sorted by key, start, end and each once, as spaCy's match returns them
        rows = np.unique(np.concatenate(found), axis=0).tolist()
        match_ids = {key: strings.add(str(key)) for key, _ in self._compiled}
        return [(key, match_ids[key], start, end) for key, start, end in rows]


@Language.factory("jm_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab, name)


def with_array_matching(nlp: Language, name: str = "attribute_ruler") -> ArrayAttributeRuler:
    """Replace NLP's attribute ruler NAME by an ArrayAttributeRuler with its patterns."""
    patterns = nlp.get_pipe(name).patterns
    ruler = nlp.replace_pipe(name, "jm_attribute_ruler")
    ruler.add_patterns(patterns)
    return ruler
