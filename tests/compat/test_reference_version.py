"""The jwst these tests compare with is the release asnkit is compatible with."""

from __future__ import annotations

import pytest
from requires import JWST_MISSING

jwst = pytest.importorskip("jwst", reason=JWST_MISSING)


def test_the_reference_is_jwst_3_0_0() -> None:
    assert jwst.__version__ == "3.0.0"
