"""The layout shows the pipeline: each package (or top-level module) of ``src/jmgraph``
imports only those before it in the README's list (``LAYERS``), never a later stage, read
from the code's own import statements (those inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

SRC = ROOT / "src" / "jmgraph"
# in the order of the README's tree ("How it works"): each imports only those before it
LAYERS = [{"__init__", "dates", "kinds", "reference", "errors", "plain", "batches"},
          {"ingest"}, {"extract"}, {"resolve"}, {"rdf"}, {"store"}, {"incremental"},
          {"query"}, {"pipeline"}, {"outputs"}, {"cli"}]


def layer(module: str) -> int:
    """The index in LAYERS of a module of jmgraph (dotted, without "jmgraph.")."""
    top = module.split(".")[0] if module else "__init__"
    return next(i for i, names in enumerate(LAYERS) if top in names)


def imported(path: Path) -> set[str]:
    """The modules of jmgraph that the file at PATH imports (without "jmgraph.")."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    package = parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "jmgraph":
                target = node.module.split(".")[1:]
            else:
                continue
            found.add(".".join(target))
            if not target:          # from jmgraph import x: the modules named
                found.update(alias.name for alias in node.names
                             if (SRC / alias.name).exists()
                             or (SRC / f"{alias.name}.py").exists())
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("jmgraph.") for a in node.names
                         if a.name.startswith("jmgraph."))
    return found


def test_layout_every_module_is_in_a_layer() -> None:
    for path in SRC.rglob("*.py"):
        top = path.relative_to(SRC).with_suffix("").parts[0]
        assert any(top in names for names in LAYERS), f"{path}: not in LAYERS nor the README"


def test_layout_imports_point_down_the_pipeline() -> None:
    upward = []
    for path in sorted(SRC.rglob("*.py")):
        here = ".".join(path.relative_to(SRC).with_suffix("").parts)
        upward += [f"{path.relative_to(ROOT)} imports jmgraph.{target}"
                   for target in sorted(imported(path)) if layer(target) > layer(here)]
    assert not upward, "\n".join(upward)


def test_layout_the_check_reads_relative_imports_and_orders_the_stages() -> None:
    assert layer("store.local") > layer("rdf.render")
    assert "resolve.corpus" in imported(SRC / "pipeline.py")
    assert "ingest.read" in imported(SRC / "extract" / "__init__.py")
