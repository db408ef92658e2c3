"""``asn_from_list --from-headers``: the five observations from a bare listing, and who wins."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from asnkit import dumps, validate

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import CASES, write_case

from asnkit.cli.asn_from_list import run
from asnkit.headers import association_from_headers

if TYPE_CHECKING:
    from pathlib import Path

    from asnkit.vocabulary import Stage


@pytest.mark.parametrize("rule", ["DMS_Level3_Base", "DMSLevel2bBase"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_command_writes_what_the_headers_describe(
    case: str,
    rule: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    names = sorted(write_case(case, tmp_path))
    stage: Stage = "level2b" if rule == "DMSLevel2bBase" else "level3"
    warned: list[str] = []
    expected = dumps(association_from_headers(names, stage=stage, force=True, warn=warned.append))
    argv = ["-o", "asn.json", "-r", rule, "--from-headers", *names]
    if warned:  # some file is in no association with the others: refused unless forced
        assert run(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith("asn_from_list: error: ")
        assert err.endswith(", or --force; nothing written\n")
        assert err.count("\n") == 1
        assert not (tmp_path / "asn.json").exists()
        argv.append("--force")
    assert run(argv) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert (tmp_path / "asn.json").read_text() == expected
    # --force names the files it left out; the rest is what asnkit validate warns of in the
    # file (a _cal file at Stage 2b, ...): the same lines, the first three of each kind.
    forced = [f"asn_from_list: warning: {line}" for line in warned]
    found = [
        f"asn_from_list: warning: {finding.pointer}: {finding.message}"
        for finding in validate(tmp_path / "asn.json").warnings
    ]
    lines = err.splitlines()
    assert lines[: len(forced)] == forced
    assert all(line in found or " more like it " in line for line in lines[len(forced) :]), err
    assert (len(lines) > len(forced)) == bool(found)


def _written(tmp_path: Path) -> dict[str, object]:
    loaded = json.loads((tmp_path / "asn.json").read_text())
    assert isinstance(loaded, dict)
    return loaded


def _roles(document: dict[str, object]) -> list[tuple[str, str]]:
    products = document["products"]
    assert isinstance(products, list)
    return [(m["expname"], m["exptype"]) for m in products[0]["members"]]


def test_given_flags_win_over_the_headers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ta, sci1, sci2, psf = write_case("niriss_ami", tmp_path)
    argv = ["-o", "asn.json", "--from-headers", "--product-name", "mine", "-i", "o042"]
    argv += ["--asn-type", "image3", "--target", "t009", "--background", psf]
    argv += ["--member", "target_acquisition", ta, sci1, sci2]
    assert run(argv) == 0
    written = _written(tmp_path)
    assert (written["asn_type"], written["target"], written["asn_id"]) == ("image3", "t009", "o042")
    assert written["program"] == "01234"
    assert written["products"][0]["name"] == "mine"  # type: ignore[index]
    assert _roles(written) == [
        (sci1, "science"),
        (sci2, "science"),
        (psf, "background"),
        (ta, "target_acquisition"),
    ]


def test_paths_are_rewritten_after_the_headers_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    names = write_case("nircam_imaging", data)
    monkeypatch.chdir(tmp_path)
    given = [f"data/{name}" for name in names]
    assert run(["-o", "data/asn.json", "--from-headers", "--paths", "name", *given]) == 0
    assert [name for name, _ in _roles(_written(data))] == names


def test_files_of_no_one_association_are_refused_unless_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    imaging = write_case("nircam_imaging", tmp_path)
    tso = write_case("nircam_tso", tmp_path)
    argv = ["-o", "asn.json", "--from-headers", imaging[0], *tso]
    assert run(argv) == 1
    assert capsys.readouterr().err == (
        f"asn_from_list: error: {imaging[0]}, {tso[0]}, {tso[1]}: the files make 2 Stage 3 "
        f"associations, none takes them all (jw01234-o001_tso3_00001_asn.json of {tso[0]}, "
        f"{tso[1]}; jw01234-o001_image3_00001_asn.json of {imaging[0]}); give the files of "
        "one, or --force; nothing written\n"
    )
    assert not (tmp_path / "asn.json").exists()
    assert run([*argv, "--force"]) == 0
    assert capsys.readouterr().err == (
        "asn_from_list: warning: --force: 1 file(s) left out, not in the Stage 3 association "
        f"jw01234-o001_tso3_00001_asn.json: {imaging[0]}\n"
    )
    assert _written(tmp_path)["products"][0]["name"] == (  # type: ignore[index]
        "jw01234-o001_t001_nircam_f210m-wlp8-sub64p"
    )


def test_a_file_that_is_not_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_cal.fits").write_text("text\n")
    assert run(["-o", "asn.json", "--from-headers", "a_cal.fits"]) == 1
    assert capsys.readouterr().err == (
        "asn_from_list: error: a_cal.fits: not a FITS file (No SIMPLE card found); give FITS "
        "files such as _rate.fits or _cal.fits; nothing written\n"
    )


def test_force_without_headers_forces_only_the_validity_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--force also writes an association validate rejects (#13); alone, on a valid one, it
    changes nothing."""
    out = tmp_path / "asn.json"
    assert run(["-o", str(out), "--force", "--product-name", "p", "a.fits"]) == 0
    assert capsys.readouterr().err == ""
    assert out.exists()
