"""``asnkit inspect``: the table of keywords and roles, and its refusals."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import write_case

from asnkit.cli.inspect import run

if TYPE_CHECKING:
    from pathlib import Path


def test_table_and_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("niriss_ami", tmp_path)
    assert run(names) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "FILE                                        PROGRAM  OBSERVTN  TARGNAME  INSTRUME  "
        "EXP_TYPE  FILTER  PUPIL  SUBARRAY  TSOVISIT  IS_PSF  ROLE (DECIDED BY)",
        "jw01234001001_02101_00001_nis_cal.fits      01234    001       NGC 1234  NIRISS    "
        "NIS_TACQ  F480M   NRM    SUB80     F         -       target_acquisition (EXP_TYPE)",
        "jw01234001001_03101_00001_nis_calints.fits  01234    001       NGC 1234  NIRISS    "
        "NIS_AMI   F480M   NRM    SUB80     F         -       science (default)",
        "jw01234001001_03101_00002_nis_calints.fits  01234    001       NGC 1234  NIRISS    "
        "NIS_AMI   F480M   NRM    SUB80     F         -       science (default)",
        "jw01234001001_04101_00001_nis_calints.fits  01234    001       HD 12345  NIRISS    "
        "NIS_AMI   F480M   NRM    SUB80     F         T       psf (IS_PSF)",
        "Stage 3: asn_type ami3, candidate o001, program 01234, target t001, "
        "product jw01234-o001_t001_niriss_f480m-nrm-sub80",
    ]


def test_stage2_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("nircam_tso", tmp_path)
    assert run(names, stage="level2b") == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "Stage 2b: asn_type tso-image2, candidate o001, program 01234, target 1"


def test_a_file_that_is_not_fits_gets_a_row_and_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("nircam_imaging", tmp_path)
    (tmp_path / "notes.txt").write_text("hello\n")
    assert run([*names, "notes.txt"]) == 1
    out, err = capsys.readouterr()
    assert err == (
        "asnkit inspect: error: notes.txt: not a FITS file (No SIMPLE card found); "
        "give FITS files such as _rate.fits or _cal.fits\n"
    )
    assert out.splitlines()[-1].startswith("notes.txt ")
    assert out.splitlines()[-1].endswith("? (not read)")


def test_files_that_make_no_association(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("niriss_ami", tmp_path)
    assert run([names[0], names[-1]]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("Stage 3: no association: ")
    assert "no file is science by its header" in last


def test_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["a.fits"], stage="level4") == 2
    assert run([]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "asnkit inspect: error: --stage must be level2b or level3, not 'level4'",
        "asnkit inspect: error: give one or more FITS files (see asnkit inspect --help)",
    ]


def test_without_astropy(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "astropy.io", None)
    assert run(["a.fits", "b.fits"]) == 1
    assert capsys.readouterr().err == (
        "asnkit inspect: error: a.fits: reading FITS headers needs astropy: "
        "pip install 'asnkit[fits]'\n"
    )


def test_the_subcommand_is_registered(tmp_path: Path) -> None:
    import subprocess

    names = write_case("nircam_imaging", tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", "from asnkit.cli import main; main()", "inspect", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith("product jw01234-o001_t001_nircam_clear-f200w")
