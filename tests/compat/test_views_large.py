"""The two routes agree on the large test pools (tests/pool_views.py).

Not a comparison with jwst: the exhaustive part of tests/headers/test_views.py, whose two
largest pools would double the default run's time, run by ``nox -s compat`` (with jwst's
other tests, the session CI runs for the heavy checks). Needs astropy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pool_views import check_pool, pool_files_fixture, pools

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

pool_files = pytest.fixture(scope="module")(pool_files_fixture)


@pytest.mark.parametrize("path", pools(large=True), ids=lambda p: p.stem)
def test_from_headers_gives_back_each_generated_association(
    path: Path, pool_files: Callable[[Path], tuple[Path, list[str]]]
) -> None:
    check_pool(path, pool_files)
