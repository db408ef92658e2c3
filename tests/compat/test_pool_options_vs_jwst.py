"""``asnkit pool`` with ``asn_make_pool``'s options, against jwst 3.0.0's command.

``--asn-candidate``, ``--dms-note``, ``--is-imprt`` and ``--pntgtype`` set those columns in
every row (issue 25, gap 1): the same FITS files and options through both commands, the
pools compared cell by cell. jwst's pool is first rewritten as DMS writes pools
(:func:`fitscases.as_dms_pool`), but for ``is_imprt`` when ``--is-imprt`` is given: then
both write what was asked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from requires import ASTROPY_MISSING, JWST_MISSING

pytest.importorskip("jwst", reason=JWST_MISSING)
pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import as_dms_pool, write_case

from asnkit.generate import read_pool

ASNKIT = str(Path(sys.executable).parent / "asnkit")
CASE = "nirspec_ifu_imprint_background"

OPTIONS = (
    ("--asn-candidate", "[('c1000', 'background')]"),
    ("--asn-candidate", "[('c1000', 'background'), ('c1001', 'coronographic')]"),
    ("--dms-note", "wfsc_los_jitter"),
    ("--is-imprt", "t"),
    ("--is-imprt", "f"),
    ("--pntgtype", "target_acquisition"),
)


def _jwst_pool(names: list[str], options: list[str], folder: Path) -> list[dict[str, str]]:
    code = "import sys; from jwst.scripts.asn_make_pool import main; sys.argv[0] = 'x'; main()"
    subprocess.run(
        [sys.executable, "-c", code, "jwst_pool.csv", *names, *options],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    pool = folder / "jwst_pool.csv"
    written = [dict(row) for row in read_pool(pool).rows]
    as_dms_pool(pool, folder)
    rows = [dict(row) for row in read_pool(pool).rows]
    if "--is-imprt" in options:
        for row, as_written in zip(rows, written, strict=True):
            row["is_imprt"] = as_written["is_imprt"]
    return rows


@pytest.mark.parametrize(("option", "value"), OPTIONS)
def test_pool_options_as_jwst(option: str, value: str, tmp_path: Path) -> None:
    names = write_case(CASE, tmp_path)
    theirs = _jwst_pool(names, [option, value], tmp_path)
    done = subprocess.run(
        [ASNKIT, "pool", *names, "-o", "asnkit_pool.csv", option, value],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ours = [dict(row) for row in read_pool(tmp_path / "asnkit_pool.csv").rows]
    assert ours == theirs
    column = option.removeprefix("--").replace("-", "_")
    assert all(
        value[1:] in row[column] if column == "asn_candidate" else row[column] == value
        for row in ours
    )


def test_every_option_at_once(tmp_path: Path) -> None:
    names = write_case(CASE, tmp_path)
    options = [item for pair in OPTIONS[1::2] for item in pair] + ["--is-imprt", "t"]
    theirs = _jwst_pool(names, options, tmp_path)
    command = [ASNKIT, "pool", *names, "-o", "asnkit_pool.csv", *options]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    assert [dict(row) for row in read_pool(tmp_path / "asnkit_pool.csv").rows] == theirs


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--asn-candidate", "c1000"),
        ("--asn-candidate", "[('c1000|x', 'background')]"),
        ("--asn-candidate", "[('c1000', 'Back ground')]"),
        ("--dms-note", "a|b"),
        ("--pntgtype", "science\nx"),
    ],
)
def test_a_value_no_cell_can_hold_is_refused(option: str, value: str, tmp_path: Path) -> None:
    names = write_case(CASE, tmp_path)
    done = subprocess.run(
        [ASNKIT, "pool", *names, "-o", "pool.csv", option, value],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("asnkit pool: error: ")
    assert not (tmp_path / "pool.csv").exists()
