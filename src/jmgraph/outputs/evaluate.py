"""Score graphs against gold facts (the format of ``shared/eval/gold``): the graph in a
store, or a set of texts each built into a graph of its own.

For users who annotate their own texts.  The rules are those of the shared scorer
(``shared/eval/evaluate.py``), to the letter, and so are its queries (a class's nodes
include its subclasses' when the ontology is loaded beside the graph): a person key
matches a person any of whose names contains it as a whole word (``A|B`` = either); a gold
date is a prefix of a graph date; office roles are compared after light normalisation;
each gold fact is matched by at most one predicted fact (maximum matching, required facts
first), so a second node for the same fact is a false positive; a visit counts once per
visitor (and destination); optional gold facts neither earn nor cost.  A matched visit's
status and office, and a matched agreement's stage, are checked apart.

A set of texts (``score_texts``) is scored as ``shared/eval/score_set.sh`` scores it, in
one process: each text is read, annotated (one spaCy model for all), extracted, resolved
alone, rendered as ``jmgraph build`` renders a corpus of that text, loaded with the
ontology into a store in memory and scored against its own gold file; the set's figures
are the sums of the texts'.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import InputError, JmgraphError
from ..query import queries

if TYPE_CHECKING:
    from ..extract.model import Extraction
    from ..ingest.read import Document

TYPES = ("person", "visit", "meeting", "office", "partnership", "agreement")
# The types the "events" line of a set's report sums.
EVENTS = ("visit", "meeting", "partnership", "agreement")


class GoldError(JmgraphError):
    """The gold file cannot be read, or a set's texts and gold files do not pair up."""


# ---------------------------------------------------------------- normalisation

ROLE_ALIASES = {
    "foreign minister": "minister for foreign affairs",
    "minister of foreign affairs": "minister for foreign affairs",
    "minister for foreign affiars": "minister for foreign affairs",
    "minister of external relations": "minister for foreign affairs",
    "minister for defence": "minister of defence",
    "defence minister": "minister of defence",
    "minister for external relations": "minister for foreign affairs",
    "speaker of the state great khural": "chairman of the state great khural",
    "chairman of the state great hural": "chairman of the state great khural",
}
COUNTRY_WORDS = r"(?:japan|mongolia|japanese|mongolian|russia|russian|china|chinese|the)"


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", re.sub(r"[\"'`]", "", text)).strip().lower()


def norm_role(text: str) -> str:
    """"Foreign Minister of Japan" and "Minister for Foreign Affairs" are one role."""
    t = norm(text)
    t = re.sub(r"(?<=\w)-(?=\w)", " ", t)               # "Vice-Minister" = "Vice Minister"
    t = re.sub(r"\bdefense\b", "defence", t)
    t = re.sub(r"\bcouncilors\b", "councillors", t)
    t = re.sub(r"^(former|then|new)\s+", "", t)
    t = re.sub(rf"\s+of\s+{COUNTRY_WORDS}(\s+{COUNTRY_WORDS})?$", "", t)
    t = re.sub(rf"^{COUNTRY_WORDS}\s+", "", t)
    t = ROLE_ALIASES.get(t, t)
    return re.sub(r"\bminister for\b", "minister of", t)   # "for" and "of": the same post


def key_matches(key: str, names: set[str]) -> bool:
    """Does any alternative of KEY occur as a whole word in one of NAMES?"""
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


def keywords_match(keywords: list[str], labels: set[str]) -> bool:
    return any(all(key_matches(k, {label}) for k in keywords) for label in labels)


# ---------------------------------------------------------------- predicted facts

# The shared scorer's queries, as it writes them: the same query on the same data gives its
# rows in the same order, and so the same matching where a fact could match either of two.
PREFIXES = """
PREFIX jm: <https://w3id.org/jmgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX schema1: <http://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
NAME_PREDICATES = (
    "rdfs:label skos:prefLabel skos:altLabel schema:name schema:familyName schema:givenName "
    "schema:alternateName schema1:name schema1:familyName schema1:givenName "
    "schema1:alternateName foaf:name foaf:familyName foaf:givenName"
)
DATE_TYPES = "xsd:date xsd:dateTime xsd:gYear xsd:gYearMonth"


@dataclass
class Item:
    ident: str                       # the node (and visitor) this item stands for
    attrs: dict = field(default_factory=dict)


def _rows(db: queries.Sparql, query: str) -> Iterator[dict[str, Any]]:
    result = queries.run(db, PREFIXES + query, "evaluate")
    for row in result.rows:
        yield {c: (v.value if v is not None else None)
               for c, v in zip(result.columns, row, strict=True)}


def _typed(cls: str) -> str:
    return f"?x a/rdfs:subClassOf* jm:{cls} ."


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _names(db: queries.Sparql, cls: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    q = f"""SELECT DISTINCT ?x ?n WHERE {{ {_typed(cls)}
            OPTIONAL {{ VALUES ?np {{ {NAME_PREDICATES} }} ?x ?np ?n FILTER(isLiteral(?n)) }} }}"""
    for r in _rows(db, q):
        names = out.setdefault(r["x"], set())
        if r["n"]:
            names.add(r["n"])
    return out


def _values(db: queries.Sparql, cls: str, prop: str) -> dict[str, set[str]]:
    """The values of PROP on each node of CLS."""
    out: dict[str, set[str]] = {}
    for r in _rows(db, f"SELECT ?x ?v WHERE {{ {_typed(cls)} ?x {prop} ?v }}"):
        out.setdefault(r["x"], set()).add(r["v"])
    return out


def _agreement_dates(db: queries.Sparql) -> dict[str, set[str]]:
    """Each agreement's date literals, on it or on a node one link away (a signing)."""
    out: dict[str, set[str]] = {}
    hop = "{ ?x ?p ?d } UNION { ?e ?q ?x . ?e ?r ?d } UNION { ?x ?q ?e . ?e ?r ?d }"
    q = f"""SELECT DISTINCT ?x ?d WHERE {{ {_typed('Agreement')} {hop}
            FILTER(isLiteral(?d) && datatype(?d) IN ({', '.join(DATE_TYPES.split())})) }}"""
    for r in _rows(db, q):
        out.setdefault(r["x"], set()).add(r["d"])
    return out


# A milestone as the stage check reads it: its dates, its stages ("agreed in principle"),
# its statuses ("planned").
Stone = tuple[set[str], set[str], set[str]]


def _milestones(db: queries.Sparql) -> dict[str, list[Stone]]:
    q = (f"SELECT ?x ?m ?d ?st ?s WHERE {{ {_typed('Agreement')} ?x jm:milestone ?m . "
         "OPTIONAL { ?m jm:date|jm:startDate ?d } OPTIONAL { ?m jm:stage ?st } "
         "OPTIONAL { ?m jm:status ?s } }")
    by_stone: dict[tuple[str, str], Stone] = {}
    for r in _rows(db, q):
        dates, stages, status = by_stone.setdefault((r["x"], r["m"]), (set(), set(), set()))
        if r["d"]:
            dates.add(r["d"])
        if r["st"]:                                 # jm:AgreedInPrinciple -> "agreed in principle"
            stages.add(norm(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", _local(r["st"]))))
        if r["s"]:
            status.add(_local(r["s"]).lower())
    out: dict[str, list[Stone]] = {}
    for (x, _), stone in by_stone.items():
        out.setdefault(x, []).append(stone)
    return out


def predicted(db: queries.Sparql) -> dict[str, list[Item]]:
    """The facts of the graph DB answers for, by type, as the shared scorer reads them."""
    persons, countries = _names(db, "Person"), _names(db, "Country")
    offices = _names(db, "Office")
    items: dict[str, list[Item]] = {t: [] for t in TYPES}
    items["person"] = [Item(p, {"names": names}) for p, names in persons.items()]

    visit_dates = _values(db, "Visit", "jm:startDate")
    status = {x: {_local(s).lower() for s in v}
              for x, v in _values(db, "Visit", "jm:status").items()}
    capacity = {x: {name for o in v for name in offices.get(o, set())}
                for x, v in _values(db, "Visit", "jm:inCapacityOf").items()}
    q = (f"SELECT DISTINCT ?x ?p ?c WHERE {{ {_typed('Visit')} ?x jm:visitor ?p . "
         "OPTIONAL { ?x jm:destination ?c } }")
    for r in _rows(db, q):                          # one item per visitor and destination
        x, p, c = r["x"], r["p"], r["c"]
        items["visit"].append(Item(f"{x} {p}", {
            "visit": x, "names": persons.get(p, set()),
            "destination": countries.get(c, set()) if c else set(),
            "dates": visit_dates.get(x, set()), "status": status.get(x, set()),
            "office": capacity.get(x, set())}))

    participants: dict[str, list[set[str]]] = {}
    q = f"SELECT DISTINCT ?x ?p WHERE {{ {_typed('Meeting')} OPTIONAL {{ ?x jm:participant ?p }} }}"
    for r in _rows(db, q):
        people = participants.setdefault(r["x"], [])
        if r["p"]:
            people.append(persons.get(r["p"], set()))
    meeting_dates = _values(db, "Meeting", "jm:startDate")
    items["meeting"] = [Item(m, {"people": people, "dates": meeting_dates.get(m, set())})
                        for m, people in participants.items()]

    office_country = {o: {name for c in v for name in countries.get(c, set())}
                      for o, v in _values(db, "Office", "jm:country").items()}
    q = ("SELECT DISTINCT ?h ?p ?o WHERE { ?h a/rdfs:subClassOf* jm:OfficeHolding ; "
         "jm:holder ?p ; jm:office ?o }")
    seen: set[tuple[str, str]] = set()
    for r in _rows(db, q):
        p, o = r["p"], r["o"]
        if (p, o) in seen:
            continue                                # one fact per (person, office)
        seen.add((p, o))
        items["office"].append(Item(f"{p} {o}", {
            "names": persons.get(p, set()), "office": offices.get(o, set()),
            "country": office_country.get(o, set())}))

    partnership_dates = _values(db, "Partnership", "jm:startDate")
    items["partnership"] = [Item(x, {"labels": labels, "dates": partnership_dates.get(x, set())})
                            for x, labels in _names(db, "Partnership").items()]

    agreement_dates, stones = _agreement_dates(db), _milestones(db)
    items["agreement"] = [Item(x, {"labels": labels, "dates": agreement_dates.get(x, set()),
                                   "stones": stones.get(x, [])})
                          for x, labels in _names(db, "Agreement").items()]
    return items


# ---------------------------------------------------------------- matching


def _visit(g: dict, a: dict) -> bool:
    return (key_matches(g["visitor"], a["names"])
            and label_equals(g["destination"], a["destination"])
            and date_matches(g.get("date"), a["dates"]))


def _meeting(g: dict, a: dict) -> bool:
    return (all(any(key_matches(k, names) for names in a["people"]) for k in g["participants"])
            and date_matches(g.get("date"), a["dates"]))


def _office(g: dict, a: dict) -> bool:
    roles = {norm_role(o) for o in a["office"]}
    if not (key_matches(g["person"], a["names"]) and norm_role(g["role"]) in roles):
        return False
    return not (g.get("country") and a["country"]) or label_equals(g["country"], a["country"])


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "person": lambda g, a: key_matches(g["key"], a["names"]),
    "visit": _visit,
    "meeting": _meeting,
    "office": _office,
    "partnership": lambda g, a: (label_equals(g["label"], a["labels"])
                                 and date_matches(g.get("date"), a["dates"])),
    "agreement": lambda g, a: (keywords_match(g["keywords"], a["labels"])
                               and date_matches(g.get("date"), a["dates"])),
}

STAGE_ALIASES = {"negotiation launched": "negotiating", "entered into force": "in force",
                 "approved": "approved", "ratified": "approved"}


def stage_matches(g: dict, stones: list[Stone]) -> bool:
    """Is there a milestone at the gold date that marks the gold stage ("planned": any stage
    whose milestone is planned; any other stage: that stage, not planned)?"""
    want = norm(g["stage"])
    for dates, stages, status in stones:
        if g.get("date") and not date_matches(g["date"], dates):
            continue
        planned = bool(status & {"planned", "postponed", "cancelled"})
        if want == "planned":
            if planned:
                return True
        elif not planned and want in {STAGE_ALIASES.get(st, st) for st in stages}:
            return True
    return False


def _max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """Augmenting paths, the predicted items in order; returns gold index -> predicted
    index."""
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
        return prf(self.tp, self.fp, self.fn)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def describe(value: Item | dict) -> str:
    """A gold fact or predicted item in an error line (as the shared scorer writes it)."""
    if isinstance(value, dict):
        return json.dumps({k: v for k, v in value.items() if k not in ("note", "optional")},
                          ensure_ascii=False)
    a = value.attrs
    short = {k: sorted(v) if isinstance(v, set) else v for k, v in a.items() if k != "visit"}
    if "people" in short:
        short["people"] = [sorted(n) for n in a["people"]]
    return json.dumps(short, ensure_ascii=False, default=str)


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
            continue                                # used, or a further hit on optional facts
        s.fp += 1
        why = f"duplicate of {describe(gold[e[0]])}" if e else "not in gold"
        s.errors.append(f"FP {describe(items[p])}  ({why})")
    s.errors += [f"FN {describe(gold[g])}" for g in sorted(required - set(taken))]
    for g, p in taken.items():
        a = items[p].attrs
        checks: list[tuple[str, bool]] = []
        if kind == "visit":
            checks.append(("status", gold[g].get("status", "occurred")
                           in (a["status"] or {"occurred"})))
            if gold[g].get("office"):
                checks.append(("office", norm_role(gold[g]["office"])
                               in {norm_role(o) for o in a["office"]}))
        if kind == "agreement" and gold[g].get("stage"):
            checks.append(("stage", stage_matches(gold[g], a["stones"])))
        for name, right in checks:
            s.attributes.setdefault(name, []).append(right)
            if not right:                   # matched, but this attribute is wrong
                s.errors.append(f"{name.upper()} {describe(gold[g])}  (got "
                                f"{describe(items[p])})")
    return s


def load_gold(path: Path) -> dict[str, list[dict]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except IsADirectoryError:
        raise GoldError(f"{path}: is a folder; a folder of gold files is scored with the "
                        "texts it is for (--texts DIR, or --set)") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"{path}: cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise GoldError(f"{path}: not valid TOML ({err})") from None
    return {kind: list(data.get(kind, [])) for kind in TYPES}


def evaluate(db: queries.Sparql, gold: dict[str, list[dict]]) -> list[Score]:
    items = predicted(db)
    return [score(kind, gold[kind], items[kind]) for kind in TYPES]


def micro(scores: Iterable[Score]) -> tuple[float, float, float]:
    scores = list(scores)
    return prf(sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores))


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


def _figures(s: Score) -> dict:
    p, r, f = s.prf()
    return {"gold": s.gold, "predicted": s.predicted, "tp": s.tp, "fp": s.fp, "fn": s.fn,
            "p": p, "r": r, "f1": f,
            "attributes": {k: [sum(v), len(v)] for k, v in s.attributes.items()}}


def to_json(scores: list[Score]) -> dict:
    out: dict = {s.kind: {**_figures(s), "errors": s.errors} for s in scores}
    p, r, f = micro(scores)
    out["micro"] = {"p": p, "r": r, "f1": f}
    return out


# ---------------------------------------------------------------- a set of texts


@dataclass
class SetText:
    """A text of a set (NAME.txt) and its gold facts (NAME.toml)."""

    name: str
    path: Path
    gold: dict[str, list[dict]]


@dataclass
class TextScore:
    """A text's scores; FAILURE says why it was scored as an empty graph."""

    name: str
    scores: list[Score]
    failure: str | None = None


@dataclass
class Ontology:
    """An ontology file loaded beside each text's graph (for its subclasses)."""

    path: Path
    data: bytes
    format: ox.RdfFormat


def load_set(texts: Path, gold: Path) -> list[SetText]:
    """The texts of folder TEXTS (NAME.txt), each with its gold facts from folder GOLD
    (NAME.toml), in name order; every text needs a gold file and every gold file a text."""
    for folder, what in ((texts, "texts (NAME.txt)"), (gold, "gold files (NAME.toml)")):
        if not folder.is_dir():
            raise GoldError(f"{folder}: no such folder; give a folder of {what}")
    paths = {p.stem: p for p in sorted(texts.glob("*.txt"))}
    golds = {p.stem: p for p in sorted(gold.glob("*.toml"))}
    if not paths:
        raise GoldError(f"{texts}: no .txt files in this folder")
    for names, where, what in ((paths.keys() - golds.keys(), gold, "no gold file in"),
                               (golds.keys() - paths.keys(), texts, "no text in")):
        if names:
            shown = ", ".join(sorted(names)[:10]) + (", ..." if len(names) > 10 else "")
            raise GoldError(f"{len(names)} name(s) with {what} {where}: {shown}")
    return [SetText(name, path, load_gold(golds[name])) for name, path in paths.items()]


def load_ontology(paths: Iterable[Path]) -> list[Ontology]:
    """The ontology files PATHS, checked once (each is parsed again beside every text)."""
    out = []
    for path in paths:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None:
            raise InputError(f"{path}: cannot tell the RDF format from the extension")
        try:
            data = path.read_bytes()
            list(ox.parse(data, fmt, base_iri=path.resolve().as_uri()))
        except OSError as err:
            raise InputError(f"{path}: cannot be read ({err.strerror or err})") from None
        except SyntaxError as err:
            raise InputError(f"{path}: not valid {fmt.name} ({err})") from None
        out.append(Ontology(path, data, fmt))
    return out


class _Union:
    """A dataset in memory queried as the shared scorer queries it: the default graph is the
    union of its graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, text: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        return self.store.query(text, use_default_graph_as_union=True)


def score_graph(nquads: bytes, gold: dict[str, list[dict]],
                ontology: Iterable[Ontology] = ()) -> list[Score]:
    """NQUADS (a text's graph) scored against GOLD, loaded as the shared scorer loads an
    export: the graph, then the ONTOLOGY files, into a store in memory."""
    store = ox.Store()
    store.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    for o in ontology:
        store.bulk_load(o.data, o.format, base_iri=o.path.resolve().as_uri())
    return evaluate(_Union(store), gold)


def graph_alone(x: Extraction) -> bytes:
    """The graph ``jmgraph build`` makes of a corpus of X's document alone (X resolved
    alone), as ``jmgraph export --format nquads`` writes it."""
    from ..rdf.graphs import canonical_nquads
    from ..rdf.render import to_quads
    from ..resolve.corpus import resolve

    return canonical_nquads(q for graph in to_quads(resolve([x])).values() for q in graph)


def _extracted(documents: list[Document]) -> Iterator[tuple[int, Extraction | Exception]]:
    """The index of each of DOCUMENTS with its extraction (one spaCy model, the documents
    streamed through it), or with the error extracting it raised: the stream is taken up
    again after the document that failed (tried again alone, so that a failure of spaCy's
    on a batch is laid at the door of the document that gives it)."""
    if not documents:
        return                                      # spaCy not even imported
    from ..extract.documents import extract_documents

    start = 0
    while start < len(documents):
        i = start
        try:
            for x in extract_documents(documents[start:]):
                yield i, x
                i += 1
            return
        except Exception:                           # a text that fails is scored as empty
            if i == len(documents):
                raise                               # after the last text: no text's failure
            try:
                yield i, next(extract_documents([documents[i]]))
            except Exception as err:
                yield i, err
            start = i + 1


def _quiet(_: str) -> None:
    pass


def score_texts(texts: list[SetText], ontology: Iterable[Ontology] = (),
                progress: Callable[[str], None] = _quiet) -> list[TextScore]:
    """Each of TEXTS built into a graph of its own (``graph_alone``) and scored against its
    gold facts with the ONTOLOGY; a text that cannot be read or built is scored as an empty
    graph (as score_set.sh scores a text whose build fails), said to PROGRESS."""
    from ..ingest.read import read_document

    ontology = list(ontology)
    done: dict[str, TextScore] = {}

    def failed(t: SetText, why: str) -> None:
        done[t.name] = TextScore(t.name, score_graph(b"", t.gold, ontology), why)
        progress(f"failed: {why}; scored as empty")

    readable: list[tuple[SetText, Document]] = []
    for t in texts:
        try:
            readable.append((t, read_document(t.path)))
        except InputError as err:
            failed(t, str(err))
    for i, x in _extracted([d for _, d in readable]):
        t = readable[i][0]
        try:
            if isinstance(x, Exception):
                raise x
            graph = graph_alone(x)
        except Exception as err:                    # a text that fails is scored as empty
            failed(t, f"{t.path}: could not be built ({type(err).__name__}: {err})")
            continue
        done[t.name] = TextScore(t.name, score_graph(graph, t.gold, ontology))
        progress(f"scored {t.path.name}")
    return [done[t.name] for t in texts]


def totals(results: Iterable[TextScore]) -> list[Score]:
    """Each type's scores summed over the texts' (the errors left with the texts)."""
    out = {kind: Score(kind) for kind in TYPES}
    for result in results:
        for s in result.scores:
            t = out[s.kind]
            t.gold, t.predicted = t.gold + s.gold, t.predicted + s.predicted
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
            for name, hits in s.attributes.items():
                t.attributes.setdefault(name, []).extend(hits)
    return list(out.values())


def events(scores: Iterable[Score]) -> Score:
    """Visits, meetings, partnerships and agreements together."""
    picked = [s for s in scores if s.kind in EVENTS]
    return Score("events", gold=sum(s.gold for s in picked),
                 predicted=sum(s.predicted for s in picked), tp=sum(s.tp for s in picked),
                 fp=sum(s.fp for s in picked), fn=sum(s.fn for s in picked))


def set_report(results: list[TextScore], errors: bool = False) -> str:
    """The set's totals as score_set.sh prints them: a line per type, the attribute
    checks, the events line and the set's micro-F1; ERRORS: every error first, each after
    the name of its text."""
    lines = [f"{r.name} {s.kind}: {e}" for r in results for s in r.scores for e in s.errors
             ] if errors else []
    summed = totals(results)

    def line(s: Score) -> str:
        p, r, f = s.prf()
        return (f"{s.kind:<12} TP {s.tp:>4} FP {s.fp:>4} FN {s.fn:>4}  "
                f"P {p:.3f} R {r:.3f} F1 {f:.3f}")

    lines += [line(s) for s in summed]
    checks: dict[str, list[bool]] = {}              # in the order the texts first give them
    for result in results:
        for s in result.scores:
            for name, hits in s.attributes.items():
                checks.setdefault(f"{s.kind} {name}", []).extend(hits)
    lines += [f"{name:<20} correct on {sum(hits)}/{len(hits)} matched"
              for name, hits in checks.items()]
    lines.append(line(events(summed)))
    p, r, f = micro(summed)
    lines.append(f"set micro-F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    return "\n".join(lines)


def set_json(results: list[TextScore]) -> dict:
    """Each text's scores (and why it failed, if it did), and the set's totals."""
    summed = totals(results)
    p, r, f = micro(summed)
    return {
        "texts": {res.name: {**to_json(res.scores), "failure": res.failure}
                  for res in results},
        "total": {**{s.kind: _figures(s) for s in summed},
                  "events": _figures(events(summed)), "micro": {"p": p, "r": r, "f1": f}},
    }
