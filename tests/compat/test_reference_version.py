"""The jwst these tests compare with is the release asnkit is compatible with."""

from __future__ import annotations

import pytest

jwst = pytest.importorskip(
    "jwst", reason="jwst is not installed; the jwst compatibility tests run in `nox -s compat`"
)


def test_the_reference_is_jwst_3_0_0() -> None:
    assert jwst.__version__ == "3.0.0"
