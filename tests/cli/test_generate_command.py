"""``asnkit generate`` and ``asnkit pool``: the files written, explain, and the refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path  # noqa: TC003 (pytest reads the annotations)

import pytest
from requires import ASTROPY_MISSING

from asnkit.cli.generate import bare_version_id, run_generate, run_pool


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


_COLUMNS = (
    "FILENAME|PROGRAM|OBS_NUM|INSTRUME|DETECTOR|EXP_TYPE|FILTER|PUPIL|SUBARRAY|TARGETID|"
    "PNTGTYPE|BKGDTARG|TSOVISIT|ASN_CANDIDATE"
)
_OBSERVATION = "[('o001', 'OBSERVATION')]"


def _row(name: str, exp_type: str, filter_: str, pointing: str = "SCIENCE") -> str:
    cells = [f"jw01234001001_{name}_nrcb1_uncal.fits", "1234", "1", "NIRCAM", "NRCB1"]
    cells += [exp_type, filter_, "CLEAR", "FULL", "1", pointing, "F", "F", _OBSERVATION]
    return "|".join(cells)


POOL = "\n".join(
    [
        "# a small pool: two filters of one observation, a target acquisition",
        _COLUMNS,
        _row("01101_00001", "NRC_TACQ", "F200W", "TARGET_ACQUISITION"),
        _row("02101_00001", "NRC_IMAGE", "F200W"),
        _row("02101_00002", "NRC_IMAGE", "F200W"),
        _row("03101_00001", "NRC_IMAGE", "F150W"),
        "",
    ]
)


@pytest.fixture
def pool(tmp_path: Path) -> Path:
    path = tmp_path / "jw01234_20240101t000000_pool.csv"
    path.write_text(POOL)
    return path


def _asnkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from asnkit.cli import main; sys.argv[0] = 'asnkit'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_generate_writes_each_association_under_jwst_name(pool: Path, tmp_path: Path) -> None:
    result = _asnkit("generate", str(pool), "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{pool.name}: 6 associations written to out\n"
    names = _names(tmp_path / "out")
    # One Stage 2b association per exposure (the acquisition's too), one Stage 3 per filter.
    assert names == [
        *(f"jw01234-o001_image2_0000{n}_asn.json" for n in (1, 2, 3, 4)),
        "jw01234-o001_image3_00001_asn.json",
        "jw01234-o001_image3_00002_asn.json",
    ]
    first = json.loads((tmp_path / "out" / names[4]).read_text())
    assert first["products"][0]["name"] == "jw01234-o001_t001_nircam_clear-f150w"
    second = json.loads((tmp_path / "out" / names[5]).read_text())
    assert [m["exptype"] for m in second["products"][0]["members"]] == [
        "science",
        "science",
        "target_acquisition",
    ]


def test_version_id_alone_is_the_time_now(pool: Path, tmp_path: Path) -> None:
    result = _asnkit("generate", str(pool), "-o", "out", "--version-id", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = _names(tmp_path / "out")
    assert all(name.startswith("jw01234-o001_2") and "t" in name for name in names)
    assert bare_version_id(["generate", "--version-id", "-o", "x"]) == [
        "generate",
        "--version-id",
        "now",
        "-o",
        "x",
    ]
    assert bare_version_id(["generate", "--version-id", "v1"]) == ["generate", "--version-id", "v1"]


def test_candidate_option(pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run_generate([str(pool)], output=str(out), candidates=["o009"]) == 0
    assert _names(out) == []
    assert "candidate o009 is not in the pool" in capsys.readouterr().err


def test_explain_says_where_and_why(pool: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = run_generate([str(pool)], explain="jw01234001001_03101_00001_nrcb1")
    assert status == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{pool.name}:"
    assert lines[1] == "  jw01234001001_03101_00001_nrcb1_uncal.fits:"
    assert lines[2:4] == [
        "    taken by jw01234-o001_image2_00001_asn.json (candidate_Asn_Lv2Image), "
        "product jw01234001001_03101_00001_nrcb1, as science",
        "    taken by jw01234-o001_image3_00001_asn.json (candidate_Asn_Lv3Image), "
        "product jw01234-o001_t001_nircam_clear-f150w, as science",
    ]
    assert "    Asn_Lv3AMI: exp_type: EXP_TYPE=nrc_image, needs nis_ami" in lines
    assert "    Asn_Lv3WFSSNRC: exp_type: EXP_TYPE=nrc_image, needs nrc_wfss" in lines
    assert not any(line.startswith("    Asn_Lv3Image:") for line in lines)


def test_explain_of_an_acquisition(pool: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_generate([str(pool)], explain="jw01234001001_01101_00001_nrcb1_uncal.fits") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == (
        "    taken by jw01234-o001_image2_00004_asn.json (candidate_Asn_Lv2ImageNonScience), "
        "product jw01234001001_01101_00001_nrcb1, as science"
    )
    assert lines[3].endswith(
        "(candidate_Asn_Lv3Image), product "
        "jw01234-o001_t001_nircam_clear-f150w, as target_acquisition"
    )
    assert (
        "    Asn_Lv3ACQ_Reprocess: force_fail: an acquisition joins the associations of its "
        "observation, never starts one"
    ) in lines


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        ((), 2, "asnkit generate: error: give one or more pools, FITS files or folders"),
        (("missing.csv",), 1, "asnkit generate: error: missing.csv: cannot read:"),
        (
            ("POOL", "--explain", "nope"),
            1,
            "asnkit generate: error: no exposure 'nope' in the pools: give a FILENAME of a pool",
        ),
    ],
)
def test_refusals_are_one_line(
    pool: Path, args: tuple[str, ...], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = [str(pool) if arg == "POOL" else arg for arg in args if not arg.startswith("-")]
    explain = args[args.index("--explain") + 1] if "--explain" in args else None
    inputs = [arg for arg in inputs if arg != explain]
    assert run_generate(inputs, explain=explain) == status
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_a_pool_without_candidates_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("FILENAME|EXP_TYPE\na_uncal.fits|NRC_IMAGE\n")
    result = _asnkit("generate", str(bad), "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "asnkit generate: error: bad.csv: no ASN_CANDIDATE column: a pool names each "
        "exposure's file and candidates (asnkit pool FILES writes one)\n"
    )
    assert not (tmp_path / "out").exists() or _names(tmp_path / "out") == []


def test_pool_and_generate_from_fits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import write_case

    monkeypatch.chdir(tmp_path)
    files = write_case("nircam_imaging", tmp_path)
    assert run_pool(files, output=str(tmp_path / "pool.csv")) == 0
    text = (tmp_path / "pool.csv").read_text()
    header = text.splitlines()[0].split("|")
    assert header == sorted(header)
    assert {"asn_candidate", "filename", "targetid", "pntgtype"} <= set(header)
    assert run_generate([str(tmp_path / "pool.csv")], output=str(tmp_path / "a")) == 0
    assert run_generate(files, output=str(tmp_path / "b")) == 0
    assert _names(tmp_path / "a") == _names(tmp_path / "b")
    assert _names(tmp_path / "a")
