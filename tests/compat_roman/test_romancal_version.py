"""The romancal these tests compare with is the release asnkit is compatible with."""

from __future__ import annotations

import pytest
from requires import ROMANCAL_MISSING

romancal = pytest.importorskip("romancal", reason=ROMANCAL_MISSING)


def test_the_reference_is_romancal_1_1_0() -> None:
    assert romancal.__version__ == "1.1.0"
