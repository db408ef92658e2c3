"""One exit-status table for every command (asnkit.cli._exit.ExitStatus, docs/cli.md).

Each situation ends every command that can meet it with the same status and one line on
standard error: bad usage and an input that is not there (a file, a pattern matching
nothing) 2; bad data 1; nothing to do 1 (the line says why).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Final

import pytest
from requires import ASTROPY_MISSING

from asnkit.cli import run
from asnkit.cli._exit import ExitStatus
from asnkit.cli.asn_from_list import run as run_asn_from_list

POOL: Final = (
    Path(__file__).resolve().parents[1] / "data" / "pools" / "jw87800_20180412T163456_pool.csv"
)

ASN: Final = {
    "asn_type": "image3",
    "asn_rule": "DMS_Level3_Base",
    "products": [{"name": "p", "members": [{"expname": "a_cal.fits", "exptype": "science"}]}],
}

CASES: Final = {
    # -- bad usage: 2
    "usage/show": (["show", "a.json", "--no-such-option"], ExitStatus.USAGE),
    "usage/edit": (["edit", "a.json", "--no-such-option"], ExitStatus.USAGE),
    "usage/gather": (["gather", "a.json", "dest", "--no-such-option"], ExitStatus.USAGE),
    "usage/diff": (["diff", "a.json", "a.json", "--no-such-option"], ExitStatus.USAGE),
    "usage/validate": (["validate", "a.json", "--no-such-option"], ExitStatus.USAGE),
    "usage/generate": (["generate", "POOL", "--no-such-option"], ExitStatus.USAGE),
    "usage/pool": (["pool", "x.fits", "--no-such-option"], ExitStatus.USAGE),
    "usage/from-list": (["from-list", "-o", "x.json", "--no-such-option"], ExitStatus.USAGE),
    "usage/gather-typo": (
        ["gather", "a.json", "dest", "--exptypes", "science,backgroud"],
        ExitStatus.USAGE,
    ),
    # -- an input that is not there: 2
    "missing/show": (["show", "missing.json"], ExitStatus.MISSING),
    "missing/edit": (["edit", "missing.json", "--add", "b_cal.fits"], ExitStatus.MISSING),
    "missing/gather": (["gather", "missing.json", "dest"], ExitStatus.MISSING),
    "missing/diff": (["diff", "missing.json", "a.json"], ExitStatus.MISSING),
    "missing/validate": (["validate", "missing.json"], ExitStatus.MISSING),
    "missing/generate": (["generate", "missing.csv", "-o", "out"], ExitStatus.MISSING),
    "missing/from-list-list": (
        ["from-list", "-o", "x.json", "--product-name", "p", "--list", "missing.txt"],
        ExitStatus.MISSING,
    ),
    # -- a pattern matching nothing: 2
    "pattern/validate": (["validate", "nomatch*.json"], ExitStatus.MISSING),
    "pattern/from-list": (
        ["from-list", "-o", "x.json", "--product-name", "p", "a_cal.fits", "nomatch*"],
        ExitStatus.MISSING,
    ),
    "pattern/from-list-role": (
        ["from-list", "-o", "x.json", "--product-name", "p", "--background", "no*", "a.fits"],
        ExitStatus.MISSING,
    ),
    # -- bad data: 1
    "data/show": (["show", "bad.json"], ExitStatus.INVALID),
    "data/edit": (["edit", "bad.json", "--add", "b_cal.fits"], ExitStatus.INVALID),
    "data/gather": (["gather", "bad.json", "dest"], ExitStatus.INVALID),
    "data/validate": (["validate", "bad.json"], ExitStatus.INVALID),
    "data/generate": (["generate", "bad.csv", "-o", "out"], ExitStatus.INVALID),
    # -- nothing to do: 1
    "nothing/gather": (["gather", "a.json", "dest", "--exptypes", "psf"], ExitStatus.NOTHING_TO_DO),
    "nothing/generate-candidate": (
        ["generate", "POOL", "-o", "out", "-i", "o999"],
        ExitStatus.NOTHING_TO_DO,
    ),
    "nothing/generate-empty-pool": (
        ["generate", "empty.csv", "-o", "out"],
        ExitStatus.NOTHING_TO_DO,
    ),
    "nothing/pool-empty-folder": (["pool", "emptydir", "-o", "p.csv"], ExitStatus.NOTHING_TO_DO),
}
"""Each situation: the command line (in a folder of the test's files) and its status."""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.json").write_text(json.dumps(ASN), encoding="utf-8")
    (tmp_path / "a_cal.fits").write_bytes(b"a")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "bad.csv").write_text("FILENAME|EXP_TYPE\na_uncal.fits|NRC_IMAGE\n")
    head = POOL.read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "empty.csv").write_text(head + "\n", encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    shutil.copy(POOL, tmp_path / "pool.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(argv: list[str]) -> tuple[int, str]:
    """The status, and what was said on standard error and output (validate reports there)."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = run(argv)
    return status, err.getvalue() + out.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_status_per_situation(case: str, folder: Path) -> None:
    argv, expected = CASES[case]
    if case.startswith("nothing/pool") or argv[0] == "pool":
        pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    status, err = _run(["pool.csv" if arg == "POOL" else arg for arg in argv])
    assert status == expected, err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1, err
    assert "Traceback" not in err
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


def test_asn_from_list_says_a_pattern_matches_nothing_as_from_list_does(folder: Path) -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = run_asn_from_list(
            ["-o", "x.json", "--product-name", "p", "--background", "no*", "a.fits"]
        )
    assert status == ExitStatus.MISSING
    assert "no file matches 'no*'" in err.getvalue()
    assert not (folder / "x.json").exists()


def test_asn_from_list_takes_every_file_argument_as_a_name(folder: Path) -> None:
    # jwst's command does not expand its arguments: 'nomatch*' is written as a member.
    with contextlib.redirect_stderr(io.StringIO()):
        status = run_asn_from_list(["-o", "x.json", "--product-name", "p", "nomatch*"])
    assert status == ExitStatus.OK
    members = json.loads((folder / "x.json").read_bytes())["products"][0]["members"]
    assert [m["expname"] for m in members] == ["nomatch*"]


def test_from_list_expands_what_the_shell_did_not(folder: Path) -> None:
    (folder / "b_cal.fits").write_bytes(b"b")
    status, err = _run(["from-list", "-o", "x.json", "--product-name", "p", "*_cal.fits"])
    assert status == ExitStatus.OK, err
    members = json.loads((folder / "x.json").read_bytes())["products"][0]["members"]
    assert [m["expname"] for m in members] == ["a_cal.fits", "b_cal.fits"]


def test_the_table_is_in_the_docs() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    for situation in ("bad usage", "not there", "matches nothing", "bad data", "nothing to do"):
        assert situation in text, situation
