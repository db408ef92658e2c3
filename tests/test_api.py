"""The public API: short, documented, and functions where the names say functions."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import asnkit

API_PAGE = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def test_every_public_name_is_documented_and_nothing_else() -> None:
    """Each name of ``__all__`` has a heading in docs/api.md (```ABSENT`, `Absent``` two)."""
    headings = re.findall(r"^#+ (.*)$", API_PAGE.read_text(encoding="utf-8"), re.MULTILINE)
    documented = {name for heading in headings for name in re.findall(r"`(\w+)", heading)}
    assert documented == set(asnkit.__all__)


def test_every_public_name_resolves() -> None:
    for name in asnkit.__all__:
        assert getattr(asnkit, name) is not None
    assert sorted(dir(asnkit)) == sorted(asnkit.__all__)


def test_validate_diff_and_gather_are_functions_not_modules() -> None:
    # Importing the modules first: their names must not shadow the functions.
    import asnkit.comparison
    import asnkit.gathering
    import asnkit.validation  # noqa: F401
    from asnkit import diff, gather, validate

    for function in (validate, diff, gather):
        assert inspect.isfunction(function), function


def test_the_static_declaration_of_the_names_is_the_run_time_table() -> None:
    """``asnkit/__init__.py``'s ``TYPE_CHECKING`` imports name what ``_WHERE`` names.

    The names are declared twice by necessity (for the type checker and for the lazy
    imports); ``__all__`` is made from ``_WHERE``.
    """
    import ast

    source = Path(asnkit.__file__).read_text(encoding="utf-8")
    [block] = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    declared = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert declared == asnkit._WHERE
    assert asnkit.__all__ == sorted([*declared, "__version__"])
