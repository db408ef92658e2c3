"""``asnkit inspect``: the table of keywords and what the generate engine makes of each file."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import write_case

from asnkit.cli._typer import OutputFormat
from asnkit.cli.inspect import run

if TYPE_CHECKING:
    from pathlib import Path


def test_table_and_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("niriss_ami", tmp_path)[1:]  # the acquisition is in no Stage 3 one
    assert run(names) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "FILE                                        PROGRAM  OBSERVTN  TARGNAME  INSTRUME  "
        "DETECTOR  EXP_TYPE  FILTER  PUPIL  SUBARRAY  TSOVISIT  IS_PSF  "
        "STAGE 3 (ASNKIT GENERATE)",
        "jw01234001001_03101_00001_nis_calints.fits  01234    001       NGC 1234  NIRISS    "
        "NIS       NIS_AMI   F480M   NRM    SUB80     F         -       science in o001_ami3_00001",
        "jw01234001001_03101_00002_nis_calints.fits  01234    001       NGC 1234  NIRISS    "
        "NIS       NIS_AMI   F480M   NRM    SUB80     F         -       science in o001_ami3_00001",
        "jw01234001001_04101_00001_nis_calints.fits  01234    001       HD 12345  NIRISS    "
        "NIS       NIS_AMI   F480M   NRM    SUB80     F         T       psf in o001_ami3_00001",
        "Stage 3: asn_type ami3, candidate o001, program 01234, target t001, "
        "rule candidate_Asn_Lv3AMI, product jw01234-o001_t001_niriss_f480m-nrm-sub80",
    ]


def test_a_file_no_association_takes_says_why_as_from_headers_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("niriss_ami", tmp_path)
    assert run(names) == 1
    lines = capsys.readouterr().out.splitlines()
    why = "Asn_Lv3AMI: exp_type: EXP_TYPE=nis_tacq, needs nis_ami"
    assert lines[1].endswith(f"none: {why}")
    assert lines[-1] == (
        f"Stage 3: no association: {names[0]}: no Stage 3 association takes it ({why}); "
        "leave it out, or --force"
    )


def test_stage2_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case("nircam_tso", tmp_path)
    assert run(names, stage="level2b") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit("  ", 1)[-1] for line in lines[1:-1]] == [
        "science in o001_tso-image2_00002",
        "science in o001_tso-image2_00001",
    ]
    assert lines[-1] == (
        "Stage 2b: asn_type tso-image2, candidate o001, program 01234, target 1, "
        "rule candidate_Asn_Lv2ImageTSO, 2 product(s)"
    )


def test_the_table_is_what_generate_explain_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each file's cell is the engine's: the associations that take it, as --explain names
    them (the same file names, rules and roles)."""
    from asnkit.cli.generate import run_generate

    monkeypatch.chdir(tmp_path)
    names = write_case("nirspec_ifu_imprint_background", tmp_path)
    assert run(names, stage="level2b", output_format=OutputFormat.JSON) == 1
    document = json.loads(capsys.readouterr().out)
    for entry in document["files"]:
        assert run_generate(names, explain=entry["file"], output="out") == 0
        explained = capsys.readouterr().out
        for taken in entry["taken"]:
            assert (
                f"taken by {taken['association']} ({taken['asn_rule']}), product "
                f"{taken['product']}, as {taken['role']}"
            ) in explained
        assert explained.count("taken by ") >= len(entry["taken"])


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
    assert last == (
        f"Stage 3: no association: {names[0]}, {names[-1]}: the files make no Stage 3 "
        f"association ({names[0]}: Asn_Lv3ACQ_Reprocess: force_fail: an acquisition joins "
        "the associations of its observation, never starts one)"
    )


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


def test_each_header_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from astropy.io import fits

    monkeypatch.chdir(tmp_path)
    names = write_case("niriss_ami", tmp_path)[1:]
    read: list[str] = []
    getheader = fits.getheader

    def counting(path: str, ext: int = 0) -> fits.Header:
        read.append(path)
        return getheader(path, ext)

    monkeypatch.setattr(fits, "getheader", counting)
    assert run(names) == 0
    assert "ami3" in capsys.readouterr().out
    assert read == names
