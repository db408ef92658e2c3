"""Header-aware creation against jwst itself: ``asn_make_pool`` + ``asn_generate``.

For five observations written as small FITS files (the whole directory listing, target
acquisitions included), jwst 3.0.0's two commands (their entry points, as from a shell)
and :func:`asnkit.headers.association_from_headers` with ``force`` (which leaves out the
files no association of the stage takes with the others) must give: at Stage 3, one of
jwst's documents exactly (but ``code_version``, ``constraints`` and ``asn_pool``); at
Stage 2, the products of jwst's associations of that type, in jwst's order, under the keys
of one of them.

jwst's pool is rewritten as DMS writes pools (:func:`fitscases.as_dms_pool`): the flags
``t``/``f`` and ``is_imprt`` from ``IS_IMPRT``, which ``asn_make_pool`` writes ``f`` for
every file (docs/headers.md).

Self-contained: it builds its own files and needs jwst (skipped without it) and astropy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from requires import ASTROPY_MISSING, JWST_MISSING

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("jwst", reason=JWST_MISSING)
pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import CASES, as_dms_pool, write_case

from asnkit import dumps
from asnkit.headers import association_from_headers

_NOT_COMPARED = ("code_version", "constraints", "asn_pool")


def _jwst_associations(names: list[str], directory: Path) -> dict[str, dict[str, Any]]:
    """What jwst's ``asn_make_pool`` + ``asn_generate`` write for the files, by file name."""

    def command(entry: str, *args: str) -> None:
        module, function = entry.split(":")
        code = f"import sys; from {module} import {function}; sys.argv[0] = 'x'; {function}()"
        subprocess.run(
            [sys.executable, "-c", code, *args], cwd=directory, check=True, capture_output=True
        )

    command("jwst.scripts.asn_make_pool:main", "pool.csv", *names)
    as_dms_pool(directory / "pool.csv", directory)
    (directory / "out").mkdir()
    command("jwst.associations.main:main", "-p", "out", "pool.csv")
    return {
        path.name: json.loads(path.read_text())
        for path in sorted((directory / "out").glob("*.json"))
    }


def _compared(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in _NOT_COMPARED}


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage3_is_one_of_jwsts_documents(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case(case, tmp_path)
    theirs = _jwst_associations(names, tmp_path)
    ours = json.loads(dumps(association_from_headers(names, stage="level3", force=True)))
    same = [name for name, their in theirs.items() if _compared(their) == _compared(ours)]
    assert len(same) == 1, sorted(theirs)


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage2_is_jwsts_products_merged(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case(case, tmp_path)
    theirs = _jwst_associations(names, tmp_path)
    ours = json.loads(dumps(association_from_headers(names, stage="level2b", force=True)))
    of_type = [
        their for _, their in sorted(theirs.items()) if their["asn_type"] == ours["asn_type"]
    ]
    assert of_type
    assert ours["products"] == [product for their in of_type for product in their["products"]]
    keys = _compared({**ours, "products": None})
    assert any(keys == _compared({**their, "products": None}) for their in of_type)
