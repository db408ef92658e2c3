"""The two routes agree on every test pool but the large ones (see tests/pool_views.py).

The files of each pool are written once for the module (the target test reuses pool_007's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from pool_templates import pool_paths
from pool_views import agreement, check_pool, pool_files_fixture, pools

from asnkit.headers import engine_view

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pool_files = pytest.fixture(scope="module")(pool_files_fixture)


@pytest.mark.parametrize("path", pools(large=False), ids=lambda p: p.stem)
def test_from_headers_gives_back_each_generated_association(
    path: Path, pool_files: Callable[[Path], tuple[Path, list[str]]]
) -> None:
    check_pool(path, pool_files)


def test_target_numbers_are_the_one_expected_difference(
    pool_files: Callable[[Path], tuple[Path, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pool_007 holds a target acquisition of target 1 and the MRS exposures of target 2:
    from the MRS files alone, the target is 1, and nothing else differs."""
    pool = next(path for path in pool_paths() if path.stem == "pool_007_spec_miri")
    directory, names = pool_files(pool)
    monkeypatch.chdir(directory)
    view = engine_view(names, stage="level3")
    outcomes = [agreement(made, "level3") for made in view.associations]
    assert outcomes == ["target"] * len(outcomes)
    assert outcomes
