"""Dependencies point down only: portal -> orchestration -> assets -> alerts -> reports -> warehouse -> ingest ->
schemas. A lower layer never imports a higher one; the demo generator stands apart and imports none of them. The
portal (the clerks' door) is a process of its own that `make serve` starts, so nothing imports it; alerts are sent
by orchestration's sensors and read what warehouse and reports hold."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["schemas", "ingest", "warehouse", "reports", "alerts", "assets", "orchestration", "portal"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = []
    for rank, layer in enumerate(LAYERS):
        # Only `make run` writes the demo (into a new home); nothing in the product imports tests or benches.
        above = set(LAYERS[rank + 1:]) | {"tests", "bench"} | ({"demo"} if layer != "orchestration" else set())
        for path in sorted((ROOT / layer).rglob("*.py")):
            upward += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(_imports(path) & above)]
    assert upward == []


def test_the_demo_generator_stands_apart() -> None:
    found = {name for path in (ROOT / "demo").rglob("*.py") for name in _imports(path)}
    assert not found & set(LAYERS)


def test_the_demo_writes_the_folders_of_the_list_of_sources() -> None:
    from demo import LANDING_SOURCES
    from ingest.sources import SOURCE_NAMES

    assert tuple(LANDING_SOURCES) == tuple(SOURCE_NAMES)
