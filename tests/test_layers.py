"""The package's layers look down only, and no module of it is in an import cycle.

Every module of ``src/asnkit`` is parsed with :mod:`ast`; every import counts, at the top of
a module or inside a function, except those in ``if TYPE_CHECKING:`` blocks (never run).
A constant string that names a module of the package counts too: ``asnkit/__init__.py``
imports its public names by name, on first use (``import_module("asnkit.io")``).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

import pytest

SOURCE: Final = Path(__file__).resolve().parent.parent / "src"

LAYERS: Final = (
    ("base", ("asnkit._version", "asnkit._types", "asnkit._escape", "asnkit.exceptions")),
    ("vocabulary", ("asnkit.vocabulary", "asnkit.exposure_types", "asnkit.name_parts")),
    ("models", ("asnkit.models", "asnkit.naming")),
    ("codec", ("asnkit.codec", "asnkit.schema")),
    ("io", ("asnkit.files", "asnkit.io", "asnkit.fits_header")),
    ("rules", ("asnkit.rules",)),
    # What reads and checks documents and names.
    (
        "checks",
        (
            "asnkit.validation",
            "asnkit.write_check",
            "asnkit.comparison",
            "asnkit.list_file",
            "asnkit.paths",
        ),
    ),
    # What makes or changes a document from what the user gives.
    ("makers", ("asnkit.from_list", "asnkit.edit", "asnkit.gathering", "asnkit.roman")),
    # A pool's associations, as asn_generate makes them.
    ("generate", ("asnkit.generate",)),
    # Associations of files by their headers: pools made of headers, then generate.
    ("headers", ("asnkit.headers",)),
    # Pages that show what generate makes and what files hold.
    ("report", ("asnkit.report",)),
    ("api", ("asnkit",)),
    ("cli", ("asnkit.cli",)),
)
"""The layers, lowest first, and the modules (with their submodules) of each.

A module may import from its own layer and the layers below it, never from one above."""


def modules(root: Path) -> dict[str, Path]:
    """Every module under ``root`` (a ``src`` folder) by its dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` outside ``if TYPE_CHECKING:`` bodies."""
    found: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend([node.test, *node.orelse])
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The known module ``name`` is in (``asnkit.io.load`` is in ``asnkit.io``)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports, wherever in it (TYPE_CHECKING aside)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # ``from asnkit import edit`` imports the module asnkit.edit; ``from asnkit
            # import load`` runs asnkit/__init__.py.
            names = [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            names = [node.value]
        for name in names:
            target = _resolve(name, known)
            if target is not None and target != module:
                targets.add(target)
    return targets


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:  # noqa: C901 (Tarjan's algorithm, whole)
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def layer_of(module: str) -> int | None:
    """The index in :data:`LAYERS` of ``module``'s layer (the longest prefix wins)."""
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), rank)
    return None if best is None else best[1]


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Each import of a module of a higher layer, as ``a (layer) -> b (layer)``."""
    found = []
    for module, targets in sorted(edges.items()):
        rank = layer_of(module)
        for target in sorted(targets):
            target_rank = layer_of(target)
            if rank is not None and target_rank is not None and target_rank > rank:
                found.append(f"{module} ({LAYERS[rank][0]}) -> {target} ({LAYERS[target_rank][0]})")
    return found


EDGES: Final = graph(SOURCE)


def test_every_module_has_a_layer() -> None:
    assert [m for m in EDGES if layer_of(m) is None] == []


def test_no_import_cycle() -> None:
    assert cycles(EDGES) == []


def test_no_module_imports_a_higher_layer() -> None:
    assert upward(EDGES) == []


def packages(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """The imports between the package's top-level units (``asnkit.generate.engine`` is in
    ``asnkit.generate``), each unit's imports of itself aside."""

    def unit(module: str) -> str:
        return ".".join(module.split(".")[:2])

    found: dict[str, set[str]] = {}
    for module, targets in edges.items():
        found.setdefault(unit(module), set()).update(
            unit(target) for target in targets if unit(target) != unit(module)
        )
    return found


def test_no_package_cycle() -> None:
    # Two packages of one layer may import each other module by module without a module
    # cycle (generate and headers did): the packages' graph has no cycle either.
    assert cycles(packages(EDGES)) == []


def test_each_package_is_in_one_stated_layer() -> None:
    stated = [prefix for _, prefixes in LAYERS for prefix in prefixes]
    assert len(stated) == len(set(stated))
    units = set(packages(EDGES))
    assert sorted(prefix for prefix in stated if prefix not in units) == []
    assert sorted(unit for unit in units if unit not in stated) == []


def test_the_scan_sees_the_imports() -> None:
    # The scan reads real edges (a scan that saw nothing would find no cycle).
    assert "asnkit.models" in EDGES["asnkit.codec.structure"]
    assert "asnkit.io" in EDGES["asnkit"]  # by name, in the lazy table
    assert sum(len(targets) for targets in EDGES.values()) > 60


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_through_a_function_is_found(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "asnkit/__init__.py": "",
            "asnkit/models.py": "def f():\n    from asnkit.io import load\n",
            "asnkit/io.py": "from asnkit import models\n",
            "asnkit/vocabulary.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import asnkit.io\n"
            ),
        },
    )
    edges = graph(tmp_path)
    assert cycles(edges) == [["asnkit.io", "asnkit.models"]]
    assert cycles(packages(edges)) == [["asnkit.io", "asnkit.models"]]
    assert edges["asnkit.vocabulary"] == set()
    assert upward(edges) == ["asnkit.models (models) -> asnkit.io (io)"]


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "asnkit/__init__.py": "",
            "asnkit/rules/__init__.py": "from .level3 import Level3Rule\n",
            "asnkit/rules/level3.py": "from ..models import Association\n",
            "asnkit/models.py": "",
        },
    )
    edges = graph(tmp_path)
    assert edges["asnkit.rules"] == {"asnkit.rules.level3"}
    assert edges["asnkit.rules.level3"] == {"asnkit.models"}


@pytest.mark.parametrize(
    ("module", "layer"),
    [("asnkit.codec.decode", "codec"), ("asnkit.cli.edit", "cli"), ("asnkit", "api")],
)
def test_layer_of(module: str, layer: str) -> None:
    rank = layer_of(module)
    assert rank is not None
    assert LAYERS[rank][0] == layer
