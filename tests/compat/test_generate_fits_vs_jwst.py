"""From FITS files: ``asnkit pool`` and ``asnkit generate FILES`` against jwst's two commands.

For each observation of ``tests/fitscases.py`` (small FITS files: primary header and a
one-byte image, target acquisitions included), jwst 3.0.0's ``asn_make_pool pool.csv FILES``
then ``asn_generate pool.csv`` (their entry points, run as from a shell) against
``asnkit pool FILES -o pool.csv`` (the same table, cell by cell) and ``asnkit generate FILES``
(the same files, documents and bytes, but for ``code_version`` and ``constraints``).

jwst's pool is first rewritten as DMS writes pools (:func:`fitscases.as_dms_pool`): its flags
``t``/``f`` and ``is_imprt`` from ``IS_IMPRT``, the two cells asnkit writes as DMS does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from requires import ASTROPY_MISSING, JWST_MISSING

pytest.importorskip("jwst", reason=JWST_MISSING)
pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import CASES, as_dms_pool, write_case
from generate_compare import comparable, first_difference, text_difference

from asnkit.generate import read_pool

ASNKIT = str(Path(sys.executable).parent / "asnkit")


def _jwst(entry: str, *args: str, cwd: Path) -> None:
    module, function = entry.split(":")
    code = f"import sys; from {module} import {function}; sys.argv[0] = 'x'; {function}()"
    subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, check=True, capture_output=True)


def _files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.json")}


def _as_jwst_names(text: str, folder: Path, where_files_are: Path) -> str:
    """asnkit's text with each member named as jwst names it: the file's bare name.

    asnkit names a member relative to the association's folder, where the pipelines look
    for it (docs/differences.md); jwst names it as the file was given to asn_make_pool.
    Each of asnkit's names is first checked to resolve, from ``folder``, to the file.
    """
    prefix = Path(os.path.relpath(where_files_are, folder)).as_posix() + "/"
    for product in json.loads(text)["products"]:
        for member in product["members"]:
            expname = member["expname"]
            assert expname.startswith(prefix), expname
            assert (folder / expname).resolve() == (where_files_are / Path(expname).name)
    return text.replace(f'"expname": "{prefix}', '"expname": "')


@pytest.mark.parametrize("case", sorted(CASES))
def test_pool_and_generate_from_fits_match_jwst(case: str, tmp_path: Path) -> None:
    names = write_case(case, tmp_path)
    theirs, ours = tmp_path / "jwst", tmp_path / "asnkit"
    for folder in (theirs, ours):
        folder.mkdir()

    _jwst("jwst.scripts.asn_make_pool:main", "jwst/pool.csv", *names, cwd=tmp_path)
    as_dms_pool(theirs / "pool.csv", tmp_path)
    command = [ASNKIT, "pool", *names, "-o", "asnkit/pool.csv"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    jwst_pool, our_pool = read_pool(theirs / "pool.csv"), read_pool(ours / "pool.csv")
    assert our_pool.columns == jwst_pool.columns
    assert [dict(row) for row in our_pool.rows] == [dict(row) for row in jwst_pool.rows]

    (theirs / "out").mkdir()  # asn_generate does not make its folder
    _jwst("jwst.associations.main:main", "-p", "out", "pool.csv", cwd=theirs)
    command = [ASNKIT, "generate", *names, "-o", "asnkit/out"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    jwst_files, our_files = _files(theirs / "out"), _files(ours / "out")
    assert jwst_files
    assert sorted(our_files) == sorted(jwst_files)
    for name, text in jwst_files.items():
        ours_text = _as_jwst_names(our_files[name], ours / "out", tmp_path)
        where = first_difference(
            comparable(json.loads(text)), comparable(json.loads(ours_text))
        ) or text_difference(text, ours_text)
        assert where is None, f"{name}: {where}"
