"""jwst 3.0.0 as the reference: these tests need jwst itself, so ``nox -s compat`` runs them.

Where jwst is not installed (the plain ``tests`` session), the modules here, which all
import jwst (but test_views_large.py, the exhaustive part of a slow test), are not
collected, and ``test_reference_version.py`` is skipped with the reason in pytest's summary.
jwst is looked up without being imported.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

JWST_INSTALLED = find_spec("jwst") is not None
SAYS_WHY = "test_reference_version.py"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:  # noqa: ARG001 (pytest's hook signature)
    """Without jwst, collect only the module that says why the others are skipped."""
    if JWST_INSTALLED or collection_path.suffix != ".py":
        return None
    return collection_path.name != SAYS_WHY
