"""Member roles, member lists, metadata and path flags of asn_from_list."""

from __future__ import annotations

import io
import json
import os
from typing import TYPE_CHECKING

import pytest

from asnkit.cli.asn_from_list import run

if TYPE_CHECKING:
    from pathlib import Path


def _run(tmp_path: Path, *argv: str) -> dict[str, object]:
    out = tmp_path / "asn.json"
    assert run(["-o", str(out), *argv]) == 0
    document: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _members(document: dict[str, object], product: int = 0) -> list[tuple[str, str]]:
    products = document["products"]
    assert isinstance(products, list)
    return [(m["expname"], m["exptype"]) for m in products[product]["members"]]


def test_the_pages_two_json_examples_come_out_of_one_command_each(
    tmp_path: Path, page_products: tuple[object, object]
) -> None:
    stage2, stage3 = page_products
    nirspec = "jw99999001001_011001_0000{}_nirspec_rate.fits"
    document = _run(
        tmp_path,
        "-r",
        "DMSLevel2bBase",
        "--background",
        nirspec.format(2),
        "--imprint",
        nirspec.format(3),
        nirspec.format(1),
    )
    assert document["products"] == stage2
    nircam = "jw99999001001_011001_0000{}_nircam_cal.fits"
    document = _run(
        tmp_path,
        "--product-name",
        "jw99999-o001_t14_nircam_f182m-mask210r",
        "--psf",
        nircam.format(3),
        nircam.format(1),
        nircam.format(2),
    )
    assert document["products"] == stage3


def test_stage2_every_companion_joins_every_product_in_the_order_given(tmp_path: Path) -> None:
    document = _run(
        tmp_path,
        "-r",
        "DMSLevel2bBase",
        "--imprint",
        "i_rate.fits",
        "--background",
        "b1_rate.fits",
        "--member",
        "selfcal",
        "s_rate.fits",
        "--background",
        "b2_rate.fits",
        "a_rate.fits",
        "c_rate.fits",
    )
    companions = [
        ("i_rate.fits", "imprint"),
        ("b1_rate.fits", "background"),
        ("s_rate.fits", "selfcal"),
        ("b2_rate.fits", "background"),
    ]
    assert _members(document, 0) == [("a_rate.fits", "science"), *companions]
    assert _members(document, 1) == [("c_rate.fits", "science"), *companions]


def test_stage2_psf_is_its_own_product_as_science(tmp_path: Path) -> None:
    document = _run(tmp_path, "-r", "DMSLevel2bBase", "--psf", "p_rate.fits", "a_rate.fits")
    assert [p["name"] for p in document["products"]] == ["a", "p"]  # type: ignore[attr-defined]
    assert _members(document, 1) == [("p_rate.fits", "science")]


def test_stage3_science_first_then_the_others_in_the_order_given(tmp_path: Path) -> None:
    document = _run(
        tmp_path,
        "--product-name",
        "p",
        "--psf",
        "p1.fits",
        "--member",
        "science",
        "s2.fits",
        "--background",
        "b.fits",
        "s1.fits",
    )
    assert _members(document) == [
        ("s1.fits", "science"),
        ("s2.fits", "science"),
        ("p1.fits", "psf"),
        ("b.fits", "background"),
    ]


def test_no_science_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "asn.json"
    assert (
        run(["-o", str(out), "--product-name", "p", "--psf", "p.fits", "--list", os.devnull]) == 1
    )
    assert "at least one science member" in capsys.readouterr().err
    assert not out.exists()


def test_background_candidate_is_valid_with_a_background(tmp_path: Path) -> None:
    document = _run(tmp_path, "-i", "c1000", "--product-name", "p", "--background", "b", "a")
    assert document["asn_id"] == "c1000"


def test_member_list_from_a_file_and_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = "# comment\n\na_cal.fits\nb_cal.fits   psf  # the reference\n\tc_cal.fits science\n"
    members = tmp_path / "members.txt"
    members.write_text(listing, encoding="utf-8")
    expected = [("a_cal.fits", "science"), ("c_cal.fits", "science"), ("b_cal.fits", "psf")]
    assert _members(_run(tmp_path, "--product-name", "p", "--list", str(members))) == expected
    monkeypatch.setattr("sys.stdin", io.StringIO(listing))
    assert _members(_run(tmp_path, "--product-name", "p", "--list", "-")) == expected


def test_a_bad_list_line_is_refused_with_its_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = tmp_path / "members.txt"
    members.write_text("a.fits\nb.fits psf extra\n", encoding="utf-8")
    assert run(["-o", str(tmp_path / "o.json"), "--product-name", "p", "--list", str(members)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"asn_from_list: error: {members}: line 2: expected 'expname [exptype]', got 3 fields "
        "(b.fits psf extra): quote a name with spaces\n"
    )


def test_a_hundred_thousand_member_list(tmp_path: Path) -> None:
    members = tmp_path / "members.txt"
    members.write_text("".join(f"f{i:06d}_cal.fits\n" for i in range(100_000)), encoding="utf-8")
    document = _run(tmp_path, "--product-name", "p", "--list", str(members))
    names = _members(document)
    assert len(names) == 100_000
    assert names[-1] == ("f099999_cal.fits", "science")


def test_unexpanded_globs_are_expanded_sorted_and_empty_ones_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("bkg_2_rate.fits", "bkg_1_rate.fits", "other.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    document = _run(
        tmp_path, "-r", "DMSLevel2bBase", "--background", "bkg_*_rate.fits", "sci_rate.fits"
    )
    assert _members(document) == [
        ("sci_rate.fits", "science"),
        ("bkg_1_rate.fits", "background"),
        ("bkg_2_rate.fits", "background"),
    ]
    # A pattern matching nothing: as a name mistyped, exit 2 (docs/cli.md).
    assert run(["-o", "x.json", "--product-name", "p", "--psf", "nothing*.fits", "a.fits"]) == 2
    assert capsys.readouterr().err.endswith(
        "error: no file matches 'nothing*.fits': check the pattern (a name with *, ? or [ is "
        "taken as it is only when that file exists)\n"
    )


def test_metadata_flags_fill_jwsts_keys_in_jwsts_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _run(
        tmp_path,
        "-r",
        "DMSLevel2bBase",
        "--asn-type",
        "spec2",
        "--program",
        "1234",
        "--target",
        "t001",
        "--pool",
        "jw01234_20250101t000000_pool.csv",
        "--version-id",
        "20250101t000000",
        "a_rate.fits",
    )
    # jwst's Stage 2 document has no target: jwst's asn_from_list(meta=) appends it after
    # products (data.update), and so does the flag that hands it the same meta.
    assert list(document) == [
        "asn_type",
        "asn_rule",
        "version_id",
        "code_version",
        "degraded_status",
        "program",
        "constraints",
        "asn_id",
        "asn_pool",
        "products",
        "target",
    ]
    assert document["asn_type"] == "spec2"
    assert document["program"] == "01234"
    assert document["target"] == "t001"
    assert document["asn_pool"] == "jw01234_20250101t000000_pool.csv"
    assert document["version_id"] == "20250101t000000"
    assert capsys.readouterr().err == ""


def test_unknown_asn_type_and_exptype_are_kept_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _run(
        tmp_path, "--product-name", "p", "--asn-type", "mosaic", "--member", "flat", "f", "a"
    )
    assert document["asn_type"] == "mosaic"
    assert ("f", "flat") in _members(document)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "/asn_type: unknown asn_type 'mosaic': JWST pipelines write image2" in err[0]
    assert "/exptype: unknown exptype 'flat': no pipeline step acts on it" in err[1]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("keep", ["data/a_cal.fits", "../elsewhere/b_cal.fits"]),
        ("name", ["a_cal.fits", "b_cal.fits"]),
        ("relative", ["../data/a_cal.fits", "../../elsewhere/b_cal.fits"]),
    ],
)
def test_path_policies(
    policy: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    out = "asns/asn.json"
    (work / "asns").mkdir()
    argv = ["-o", out, "--product-name", "p", "--paths", policy]
    assert run([*argv, "data/a_cal.fits", "../elsewhere/b_cal.fits"]) == 0
    document = json.loads((work / out).read_text(encoding="utf-8"))
    assert [m[0] for m in _members(document)] == expected


def test_absolute_path_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    document = _run(tmp_path, "--product-name", "p", "--paths", "absolute", "./d/../a_cal.fits")
    assert _members(document) == [(str(tmp_path / "a_cal.fits"), "science")]


def test_stage2_product_names_follow_the_rewritten_paths(tmp_path: Path) -> None:
    document = _run(tmp_path, "-r", "DMSLevel2bBase", "--paths", "name", "sub/a_rate.fits")
    assert document["products"][0]["name"] == "a"  # type: ignore[index]


def test_without_new_flags_the_output_is_unchanged(tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    keep = tmp_path / "keep.json"
    assert run(["-o", str(plain), "-r", "DMSLevel2bBase", "x/a_rate.fits"]) == 0
    assert run(["-o", str(keep), "-r", "DMSLevel2bBase", "--paths", "keep", "x/a_rate.fits"]) == 0
    assert plain.read_bytes() == keep.read_bytes()
