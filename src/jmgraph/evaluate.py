"""Score the graph in a store against gold facts (the format of ``shared/eval/gold``).

For users who annotate their own texts.  The matching rules are those of the shared
scorer: a person key matches a person any of whose names contains it as a whole word
(``A|B`` = either); a gold date is a prefix of a graph date; office roles are compared
after light normalisation; each gold fact is matched by at most one predicted fact
(maximum matching, required facts first), so a second node for the same fact is a false
positive; a visit counts once per visitor; optional gold facts neither earn nor cost.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import queries, reference
from .errors import JmgraphError
from .vocab import JM

TYPES = ("person", "visit", "meeting", "office", "partnership", "agreement")
COUNTRY_WORDS = r"(?:japan|mongolia|japanese|mongolian|russia|russian|china|chinese|the)"


class GoldError(JmgraphError):
    """The gold file cannot be read."""


# ---------------------------------------------------------------- normalisation


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", re.sub(r"[\"'`]", "", text)).strip().lower()


def norm_role(text: str) -> str:
    """"Foreign Minister of Japan" and "Minister for Foreign Affairs" are one role."""
    t = norm(text)
    t = re.sub(r"^(former|then|new)\s+", "", t)
    t = re.sub(rf"\s+of\s+{COUNTRY_WORDS}(\s+{COUNTRY_WORDS})?$", "", t)
    t = re.sub(rf"^{COUNTRY_WORDS}\s+", "", t)
    t = norm(reference.canonical_role(t))
    return re.sub(r"\bminister for\b", "minister of", t)


def key_matches(key: str, names: set[str]) -> bool:
    for alt in key.split("|"):
        pattern = re.compile(r"(?<![\w-])" + re.escape(alt.strip()) + r"(?![\w-])", re.I)
        if any(pattern.search(n) for n in names):
            return True
    return False


def date_matches(gold: str | None, dates: set[str]) -> bool:
    return not gold or any(d.startswith(gold) for d in dates)


def label_equals(gold: str, labels: set[str]) -> bool:
    wanted = {norm(a) for a in gold.split("|")}
    return any(norm(label) in wanted for label in labels)


# ---------------------------------------------------------------- predicted facts


@dataclass
class Item:
    ident: str
    attrs: dict = field(default_factory=dict)


def _rows(db: queries.Sparql, name: str, params: dict[str, str] | None = None) -> list[dict]:
    text = queries.library(f"{name}.rq")
    query = queries.parse(text, Path(f"{name}.rq"))
    result = queries.run(db, queries.bind(query, params or {}), name)
    return [{c: (v.value if v is not None else None) for c, v in
             zip(result.columns, row, strict=True)} for row in result.rows]


def _names(db: queries.Sparql, cls: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in _rows(db, "eval-names", {"class": getattr(JM, cls).value}):
        names = out.setdefault(r["node"], set())
        if r["name"]:
            names.add(r["name"])
    return out


def predicted(db: queries.Sparql) -> dict[str, list[Item]]:
    persons, countries, offices = _names(db, "Person"), _names(db, "Country"), _names(db, "Office")
    items: dict[str, list[Item]] = {t: [] for t in TYPES}
    items["person"] = [Item(p, {"names": n}) for p, n in persons.items()]

    visits: dict[tuple[str, str], Item] = {}
    for r in _rows(db, "eval-visits"):
        item = visits.setdefault((r["visit"], r["visitor"]), Item(
            f"{r['visit']} {r['visitor']}", {"names": persons.get(r["visitor"], set()),
                                             "destination": set(), "dates": set(),
                                             "status": set(), "office": set()}))
        a = item.attrs
        if r["destination"]:
            a["destination"] |= countries.get(r["destination"], set())
        if r["date"]:
            a["dates"].add(r["date"])
        if r["status"]:
            a["status"].add(r["status"].rsplit("#", 1)[-1].lower())
        if r["office"]:
            a["office"] |= offices.get(r["office"], set())
    items["visit"] = list(visits.values())

    meetings: dict[str, Item] = {}
    for r in _rows(db, "eval-meetings"):
        item = meetings.setdefault(r["meeting"], Item(r["meeting"], {"people": {}, "dates": set()}))
        if r["participant"]:
            item.attrs["people"][r["participant"]] = persons.get(r["participant"], set())
        if r["date"]:
            item.attrs["dates"].add(r["date"])
    for m in meetings.values():
        m.attrs["people"] = list(m.attrs["people"].values())
    items["meeting"] = list(meetings.values())

    holdings: dict[tuple[str, str], Item] = {}
    for r in _rows(db, "eval-holdings"):
        item = holdings.setdefault((r["person"], r["office"]), Item(
            f"{r['person']} {r['office']}", {"names": persons.get(r["person"], set()),
                                             "office": offices.get(r["office"], set()),
                                             "country": set()}))
        if r["country"]:
            item.attrs["country"] |= countries.get(r["country"], set())
    items["office"] = list(holdings.values())

    dated: dict[str, Item] = {}
    labels = {"Partnership": _names(db, "Partnership"), "Agreement": _names(db, "Agreement")}
    for r in _rows(db, "eval-dated"):
        kind = r["class"].rsplit("#", 1)[-1]
        item = dated.setdefault(r["node"], Item(r["node"], {
            "kind": kind, "labels": labels[kind].get(r["node"], set()), "dates": set()}))
        if r["date"]:
            item.attrs["dates"].add(r["date"])
    for item in dated.values():
        items[item.attrs["kind"].lower()].append(item)
    return items


# ---------------------------------------------------------------- matching


def _visit(g: dict, a: dict) -> bool:
    return (key_matches(g["visitor"], a["names"]) and label_equals(g["destination"],
                                                                   a["destination"])
            and date_matches(g.get("date"), a["dates"]))


def _meeting(g: dict, a: dict) -> bool:
    return (all(any(key_matches(k, names) for names in a["people"]) for k in g["participants"])
            and date_matches(g.get("date"), a["dates"]))


def _office(g: dict, a: dict) -> bool:
    if not key_matches(g["person"], a["names"]):
        return False
    if norm_role(g["role"]) not in {norm_role(o) for o in a["office"]}:
        return False
    return not (g.get("country") and a["country"]) or label_equals(g["country"], a["country"])


def _agreement(g: dict, a: dict) -> bool:
    keywords_ok = any(all(key_matches(k, {label}) for k in g["keywords"]) for label in a["labels"])
    return keywords_ok and date_matches(g.get("date"), a["dates"])


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "person": lambda g, a: key_matches(g["key"], a["names"]),
    "visit": _visit,
    "meeting": _meeting,
    "office": _office,
    "partnership": lambda g, a: (label_equals(g["label"], a["labels"])
                                 and date_matches(g.get("date"), a["dates"])),
    "agreement": _agreement,
}


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Augmenting paths; returns gold index -> predicted index."""
    taken: dict[int, int] = {}

    def assign(p: int, seen: set[int]) -> bool:
        for g in edges.get(p, []):
            if g in seen:
                continue
            seen.add(g)
            if g not in taken or assign(taken[g], seen):
                taken[g] = p
                return True
        return False

    for p in edges:
        assign(p, set())
    return taken


@dataclass
class Score:
    kind: str
    gold: int = 0
    predicted: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)
    attributes: dict[str, list[bool]] = field(default_factory=dict)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _describe(value: object) -> str:
    if isinstance(value, Item):
        return str({k: sorted(v) if isinstance(v, set) else v for k, v in value.attrs.items()})
    return str({k: v for k, v in value.items() if k not in ("note", "optional")})  # type: ignore


def score(kind: str, gold: list[dict], items: list[Item]) -> Score:
    s = Score(kind, gold=sum(1 for g in gold if not g.get("optional")), predicted=len(items))
    match = MATCHERS[kind]
    required = {i for i, g in enumerate(gold) if not g.get("optional")}
    edges = {p: [g for g in range(len(gold)) if match(gold[g], items[p].attrs)]
             for p in range(len(items))}
    taken = _max_matching({p: [g for g in e if g in required] for p, e in edges.items()})
    used = set(taken.values())
    extra = _max_matching({p: [g for g in e if g not in required] for p, e in edges.items()
                           if p not in used})
    used |= set(extra.values())
    s.tp, s.fn = len(taken), len(required) - len(taken)
    for p, e in edges.items():
        if p in used or (e and all(g not in required for g in e)):
            continue
        s.fp += 1
        why = f"duplicate of {_describe(gold[e[0]])}" if e else "not in gold"
        s.errors.append(f"FP {_describe(items[p])} ({why})")
    s.errors += [f"FN {_describe(gold[g])}" for g in sorted(required - set(taken))]
    if kind == "visit":
        for g, p in taken.items():
            a = items[p].attrs
            s.attributes.setdefault("status", []).append(
                gold[g].get("status", "occurred") in (a["status"] or {"occurred"}))
            if gold[g].get("office"):
                s.attributes.setdefault("office", []).append(
                    norm_role(gold[g]["office"]) in {norm_role(o) for o in a["office"]})
    return s


def load_gold(path: Path) -> dict[str, list[dict]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except tomllib.TOMLDecodeError as err:
        raise GoldError(f"{path}: not valid TOML ({err})") from None
    return {kind: list(data.get(kind, [])) for kind in TYPES}


def evaluate(db: queries.Sparql, gold: dict[str, list[dict]]) -> list[Score]:
    items = predicted(db)
    return [score(kind, gold[kind], items[kind]) for kind in TYPES]


def micro(scores: list[Score]) -> tuple[float, float, float]:
    total = Score("micro", tp=sum(s.tp for s in scores), fp=sum(s.fp for s in scores),
                  fn=sum(s.fn for s in scores))
    return total.prf()


def report(scores: list[Score], errors: bool = False) -> str:
    lines = [f"{'type':<12}{'gold':>6}{'pred':>6}{'TP':>6}{'FP':>6}{'FN':>6}"
             f"{'P':>8}{'R':>8}{'F1':>8}"]
    for s in scores:
        p, r, f = s.prf()
        lines.append(f"{s.kind:<12}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                     f"{p:>8.3f}{r:>8.3f}{f:>8.3f}")
        for name, hits in s.attributes.items():
            lines.append(f"{'':<12}{s.kind} {name} correct on {sum(hits)}/{len(hits)} matched")
        if errors:
            lines += [f"    {s.kind}: {e}" for e in s.errors]
    p, r, f = micro(scores)
    lines.append(f"micro-F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    return "\n".join(lines)


def to_json(scores: list[Score]) -> dict:
    out: dict = {}
    for s in scores:
        p, r, f = s.prf()
        out[s.kind] = {"tp": s.tp, "fp": s.fp, "fn": s.fn, "p": p, "r": r, "f1": f,
                       "attributes": {k: [sum(v), len(v)] for k, v in s.attributes.items()},
                       "errors": s.errors}
    p, r, f = micro(scores)
    out["micro"] = {"p": p, "r": r, "f1": f}
    return out
