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
