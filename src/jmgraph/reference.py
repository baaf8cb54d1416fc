"""Reference data: names of states, their demonyms and cities; office titles and variants.

Used only to normalise what a text says ("Ulaanbaatar" -> Mongolia, "Foreign Minister"
-> Minister for Foreign Affairs); it never adds a fact.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Country:
    key: str
    label: str


def _load(name: str) -> dict:
    return json.loads((resources.files("jmgraph") / "data" / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)
def _load_cached(name: str) -> dict:
    return _load(name)


# Lookups below are pure functions of short strings that a corpus repeats thousands of
# times ("Japan", "Prime Minister"): their answers are kept.
LOOKUP_CACHE = 16_384


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country]]:
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    cities: dict[str, Country] = {}
    for key, spec in _load("countries.json").items():
        if key.startswith("_"):
            continue
        country = Country(key, spec["label"])
        for n in spec["names"]:
            names[_norm(n)] = country
        for d in spec["demonyms"]:
            demonyms[_norm(d)] = country
        for c in spec["cities"]:
            cities[_norm(c)] = country
    return names, demonyms, cities


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def country_named(text: str) -> Country | None:
    """A state from its name: "Japan", "the People's Republic of Mongolia", "Japan's"."""
    t = _norm(text)
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"'s?$", "", t)
    return _countries()[0].get(t)


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def country_of_demonym(text: str) -> Country | None:
    return _countries()[1].get(_norm(text))


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def country_of_city(text: str) -> Country | None:
    return _countries()[2].get(_norm(text))


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def country_any(text: str) -> Country | None:
    """Name, demonym or city."""
    return country_named(text) or country_of_demonym(text) or country_of_city(text)


def pair() -> tuple[str, str]:
    """The keys of the two states whose relations the texts are about."""
    first, second = _load_cached("countries.json")["_pair"]
    return first, second


def pair_relations_since() -> int:
    """The year the pair's diplomatic relations began: the calendar of their anniversaries."""
    return int(_load_cached("countries.json")["_pair_relations_since"])


def other_of_pair(key: str) -> str | None:
    """The other state of the pair, for one of them ("japan" -> "mongolia")."""
    a, b = pair()
    return b if key == a else a if key == b else None


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def country_by_key(key: str) -> Country:
    for country in _countries()[0].values():
        if country.key == key:
            return country
    raise KeyError(key)


@functools.lru_cache(maxsize=1)
def _offices() -> dict:
    return _load("offices.json")


@functools.lru_cache(maxsize=1)
def _variant_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for role, spec in _offices()["roles"].items():
        for v in spec["variants"]:
            index[_norm(v)] = role
    return index


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def canonical_role(text: str) -> str:
    """The canonical role for a title as written; unknown titles keep their own words."""
    t = _norm(text)
    t = re.sub(r"\bdefense\b", "defence", t)
    found = _variant_index().get(t)
    if found:
        return found
    words = re.sub(r"\s+", " ", text.strip())
    return " ".join(w if w.isupper() and len(w) > 1 else w[:1].upper() + w[1:] for w in
                    words.split(" ")).replace(" Of ", " of ").replace(" For ", " for ") \
        .replace(" And ", " and ").replace(" The ", " the ")


def known_role(text: str) -> str | None:
    """The canonical role for a title the office data knows, else None ("—", "Notes")."""
    t = re.sub(r"\bdefense\b", "defence", _norm(text))
    return _variant_index().get(t)


OTHER_KIND = "other"


def office_kind(role: str) -> str:
    """What kind of post a canonical role is: "head of state", "head of government",
    "foreign minister" or "other" (unknown roles are "other")."""
    spec = _offices()["roles"].get(role)
    return spec.get("kind", OTHER_KIND) if spec else OTHER_KIND


def role_in_state(role: str, country: str | None) -> str:
    """A generic title as the state names it ("Speaker" of Mongolia -> its Khural's Chairman)."""
    if country is None:
        return role
    return _offices().get("state_roles", {}).get(country, {}).get(role, role)



@functools.lru_cache(maxsize=LOOKUP_CACHE)
def honorific_gender(text: str) -> str | None:
    t = _norm(text)
    if t in {_norm(h) for h in _offices()["female_honorifics"]}:
        return "female"
    if t in {_norm(h) for h in _offices()["male_honorifics"]}:
        return "male"
    return None


@functools.lru_cache(maxsize=LOOKUP_CACHE)
def royal_gender(text: str) -> str | None:
    return {k.lower(): v for k, v in _offices()["royal_titles"].items()}.get(_norm(text))


@functools.cache
def lexicon(name: str) -> frozenset[str]:
    """A word list of data/lexicon.json (lower case)."""
    return frozenset(w.lower() for w in _load("lexicon.json")[name])


def lexicon_table(name: str) -> dict[str, list[str] | str]:
    """A table of the lexicon: word lists ("visit_table_columns") or words
    ("title_plurals")."""
    return dict(_load_cached("lexicon.json")[name])


def _rule_entry(name: str) -> dict:
    try:
        return _load_cached("rule_words.json")[name]
    except KeyError:
        raise KeyError(f"data/rule_words.json has no entry {name!r}") from None


@functools.cache
def rule_words(name: str) -> frozenset[str]:
    """A word set of data/rule_words.json, as written there (lemmas and words in lower
    case, titles capitalised): "visit_nouns" -> {"visit", "trip", ...}."""
    return frozenset(_rule_entry(name)["words"])


@functools.cache
def rule_word_list(name: str) -> tuple[str, ...]:
    """A word list of data/rule_words.json in its order (for a pattern made of it)."""
    return tuple(_rule_entry(name)["words"])


def rule_table(name: str) -> dict[str, str | None]:
    """A table of data/rule_words.json: word -> what it stands for ("meeting_nouns":
    "lunch" -> "working lunch"); a new dict on each call."""
    return dict(_rule_entry(name)["table"])


@functools.cache
def japanese_eras() -> dict[str, int]:
    """Each Japanese era's name (kanji, romanised, lower case) and its first Gregorian year."""
    return {k.lower(): int(v) for k, v in _load("calendars.json")["japanese_eras"].items()}


def number_word(word: str) -> int | None:
    """The number a word or numeral names ("20", "twenty")."""
    if word.isdigit():
        return int(word)
    value = _load_cached("lexicon.json")["number_words"].get(word.lower())
    return int(value) if value is not None else None


@functools.lru_cache(maxsize=1)
def _name_shapes() -> list[tuple[str, re.Pattern[str], bool]]:
    return [(spec["state"], re.compile(spec["pattern"]), spec.get("initial", False))
            for spec in _load_cached("countries.json")["_name_shapes"]]


def state_of_name_shape(initials: list[str], words: list[str]) -> str | None:
    """The state a person's name is shaped like, by the naming conventions of
    countries.json ("M.Enkhbold": a Mongolian father's initial and a given name;
    "Ukhnaagiin Khurelsukh": a Mongolian patronymic); None when it says nothing."""
    for state, pattern, needs_initial in _name_shapes():
        if needs_initial and not (initials and len(words) == 1):
            continue
        if pattern.search(" ".join(words)):
            return state
    return None
