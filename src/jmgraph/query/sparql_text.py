"""SPARQL text rewritten token by token: a saved query's parameters replaced by their values.

A light scanner, not a parser: strings, IRIs and comments are skipped whole (a ``?name`` or a
brace inside them is not code); the text is parsed for real by the store that runs it.
"""

from __future__ import annotations

import re

TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<comment>#[^\n]*)'
    r'|(?P<bound>\bBOUND\s*\(\s*[?$][A-Za-z0-9_]+\s*\))'
    r'|(?P<variable>[?$][A-Za-z0-9_]+)',
    re.I | re.S)
VARIABLE = re.compile(r"[?$]([A-Za-z0-9_]+)")


def substitute(text: str, terms: dict[str, str]) -> str:
    """TEXT with each variable named in TERMS (without its "?") replaced by its term (an RDF
    term in SPARQL syntax), and ``BOUND(?name)`` of such a variable by ``true``."""
    out: list[str] = []
    done = 0
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("bound", "variable"):
            continue
        name = VARIABLE.search(m.group()).group(1)     # type: ignore[union-attr]
        if name not in terms:
            continue
        out.append(text[done:m.start()])
        out.append("true" if kind == "bound" else terms[name])
        done = m.end()
    out.append(text[done:])
    return "".join(out)


def without_comments(text: str) -> str:
    """TEXT with its comments blanked (a "#" in a string or an IRI is not one)."""
    return "".join(" " * len(m.group()) if m.lastgroup == "comment" else m.group()
                   for m in re.finditer(TOKEN.pattern + r"|(?P<other>[^\n]|\n)", text, re.I | re.S))
