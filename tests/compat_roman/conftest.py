"""romancal 1.1.0 as the reference: these tests need romancal, so ``nox -s compat_roman`` runs them.

Where romancal is not installed (the plain ``tests`` session), the modules here, which all
import it, are not collected, and ``test_romancal_version.py`` is skipped with the reason in
pytest's summary. romancal is looked up without being imported.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

ROMANCAL_INSTALLED = find_spec("romancal") is not None
SAYS_WHY = "test_romancal_version.py"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:  # noqa: ARG001 (pytest's hook signature)
    """Without romancal, collect only the module that says why the others are skipped."""
    if ROMANCAL_INSTALLED or collection_path.suffix != ".py":
        return None
    return collection_path.name != SAYS_WHY
