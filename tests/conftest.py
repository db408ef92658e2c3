"""Shared fixtures. ``tests/`` is on sys.path, so test modules import ``strategies``."""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).resolve()
# The shared folder sits beside the checkout (/work/main -> /work/shared); from a worktree
# one level deeper (/work/wt/NAME) it is found further up.
SHARED = next(
    (p / "shared" for p in _HERE.parents[2:] if (p / "shared" / "corpus").is_dir()),
    _HERE.parents[1].parent / "shared",
)
REFERENCE = SHARED / "reference" / "jwst-3.0.0"
CORPUS = SHARED / "corpus"


@pytest.fixture
def reference() -> Path:
    """jwst 3.0.0's schemas, suffix list and outputs, as the project was given them."""
    if not REFERENCE.is_dir():
        pytest.skip(f"the shared reference folder is not here: {REFERENCE}")
    return REFERENCE


@pytest.fixture
def corpus() -> Path:
    """Real association files from public repositories, with INDEX.md's verdicts."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus folder is not here: {CORPUS}")
    return CORPUS
