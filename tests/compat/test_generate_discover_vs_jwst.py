"""``asnkit generate --discover`` against jwst's ``asn_generate --discover``, live.

jwst runs once for the module, with ``--discover`` (its mode "only the discovered
associations that match no candidate's"), on every pool of ``tests/data/pools/``, read as
``jwst_generate.py`` reads them; asnkit's ``generate_files(pool, discover="only")`` must
then write the same files, byte for byte but for ``code_version`` and ``constraints``
(``generate_compare.py``), on every pool jwst reads: no floor here, every file identical.

To compare against a folder already written (``jwst_generate.py``'s layout, by a run with
``--discover``), set ``ASNKIT_JWST_DISCOVER_OUT``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from generate_compare import compare_pool, report
from jwst_generate import output_for_tests
from pool_templates import expanded_pool, pool_paths

from asnkit.exceptions import PoolError
from asnkit.generate import generate_files

if TYPE_CHECKING:
    from pathlib import Path

UNREADABLE = "jw93060_20150312T160130_pool.csv"
"""The one pool jwst cannot read: it has no ASN_CANDIDATE column."""


@pytest.fixture(scope="module")
def jwst_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return output_for_tests(
        tmp_path_factory, pool_paths(), reuse="ASNKIT_JWST_DISCOVER_OUT", options=["--discover"]
    )


@pytest.fixture(scope="module")
def records(jwst_out: Path) -> dict[str, dict[str, Any]]:
    found = json.loads((jwst_out / "results.json").read_text(encoding="utf-8"))
    return {r["pool"]: r for r in found}


def test_jwst_discovered_on_every_pool(records: dict[str, dict[str, Any]]) -> None:
    assert sorted(records) == [p.name for p in pool_paths()]
    assert sorted(name for name, r in records.items() if r["error"]) == [UNREADABLE]
    assert all(r["files"] == r["associations"] for r in records.values())
    # Not a comparison of nothing: jwst writes discovered associations from most pools.
    assert sum(r["files"] > 0 for r in records.values()) > len(records) // 2


@pytest.mark.parametrize("path", pool_paths(), ids=lambda p: p.stem)
def test_discover_writes_jwst_files(
    path: Path, jwst_out: Path, records: dict[str, dict[str, Any]]
) -> None:
    record = records[path.name]
    if record["error"]:
        with pytest.raises(PoolError):
            generate_files(expanded_pool(path), discover="only")
        return
    outcome = compare_pool(path, jwst_out, record, discover="only")
    assert outcome.asnkit_error is None
    assert outcome.total("jwst") == record["files"]
    assert outcome.total("identical") == record["files"], report([outcome], details=5)
    assert not outcome.extra, report([outcome], details=5)
