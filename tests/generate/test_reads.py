"""The columns the engine can read (asnkit.generate.reads) are every column it reads.

A pool row made from a FITS header has values for these columns only
(:func:`asnkit.generate.fits.pool_from_files`): if the engine read another, a header's
value there would be lost. Every pool of the tests is generated whole and cut down to
those columns (a column the engine read but ``columns_read`` left out would be missing,
and the output or the refusal would change); the engine's code is searched for a column it
reads by name that the list lacks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pool_templates import expanded_pool, pool_paths

from asnkit.exceptions import PoolError
from asnkit.generate import Pool, generate_files
from asnkit.generate.reads import columns_read

if TYPE_CHECKING:
    from asnkit.models import Association

GENERATE = Path(__file__).resolve().parents[2] / "src" / "asnkit" / "generate"


def _made(pool: Pool) -> list[tuple[str, Association]] | str:
    try:
        return generate_files(pool, version_id="fixed")
    except PoolError as error:
        return f"refused: {error}"


def _cut(pool: Pool, keep: frozenset[str]) -> Pool:
    columns = tuple(column for column in pool.columns if column in keep)
    rows = tuple({column: row[column] for column in columns if column in row} for row in pool.rows)
    return Pool(name=pool.name, columns=columns, rows=rows)


@pytest.mark.parametrize("path", pool_paths(), ids=lambda path: path.stem)
def test_a_pool_cut_to_the_columns_read_generates_the_same(path: Path) -> None:
    pool = expanded_pool(path)
    cut = _cut(pool, columns_read())
    assert len(cut.columns) < len(pool.columns) or pool.columns == cut.columns
    assert _made(cut) == _made(pool)


def test_a_column_left_out_changes_what_is_generated() -> None:
    # The comparison above can fail: without EXPOSERR (read by the engine's own code, not
    # by a statement) the members of a pool with exposure errors change.
    pool = expanded_pool(next(p for p in pool_paths() if p.stem == "jw87800_20180412T163456_pool"))
    assert _made(_cut(pool, columns_read() - {"exposerr"})) != _made(pool)


# row["x"], row.get("x"), "x" in row (and a row called science or sci, in level2b.py).
_READ_BY_NAME = re.compile(
    r"""\b(?:\w*row|science|sci)(?:\[|\.get\()"([a-z_0-9]+)"|"([a-z_0-9]+)" in \w*row\b"""
)


def test_every_column_the_code_reads_by_name_is_listed() -> None:
    named = {
        first or second
        for source in sorted(GENERATE.glob("*.py"))
        for first, second in _READ_BY_NAME.findall(source.read_text(encoding="utf-8"))
    }
    assert {"exposerr", "filename", "exp_type"} <= named  # the search finds them
    assert named <= columns_read()
