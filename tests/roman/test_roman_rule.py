"""The Roman rule in the one registry, and what it builds: romancal 1.1.0's association."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from testdata import DATA

from asnkit import __version__, roman
from asnkit.exceptions import InvalidAssociationError
from asnkit.rules import RULES, RomanRule, Rule, get_rule, mission_of, stage_of
from asnkit.rules.roman import KEY_ORDER, tweakreg_catalog_name

if TYPE_CHECKING:
    from pathlib import Path

ROMAN = DATA / "roman"


def _blank(text: str) -> dict[str, object]:
    document: dict[str, object] = json.loads(text)
    document["code_version"] = ""
    return document


def _blank_text(text: str) -> str:
    return json.dumps(_blank(text), indent=4, separators=(",", ": "))


def test_the_rule_is_in_the_registry() -> None:
    rule = get_rule("DMS_ELPP_Base")
    assert isinstance(rule, RomanRule)
    assert isinstance(rule, Rule)
    assert rule is RULES["DMS_ELPP_Base"]
    assert (rule.mission, rule.stage) == ("roman", "level3")
    assert {r.mission for n, r in RULES.items() if n != "DMS_ELPP_Base"} == {"jwst"}


@pytest.mark.parametrize(
    ("document", "mission"),
    [
        ({"asn_rule": "DMS_ELPP_Base", "products": []}, "roman"),
        ({"asn_rule": "Some_ELPP_Rule", "products": []}, "roman"),
        ({"data_release_id": "p", "products": []}, "roman"),
        ({"skycell_wcs_info": "none", "products": []}, "roman"),
        ({"asn_rule": "DMS_Level3_Base", "data_release_id": "p"}, "jwst"),
        ({"asn_rule": "DMS_Level3_Base"}, "jwst"),
        ({"products": []}, "jwst"),
    ],
)
def test_mission_of(document: dict[str, object], mission: str) -> None:
    assert mission_of(document) == mission


def test_stage_of_a_roman_document() -> None:
    assert stage_of({"asn_rule": "DMS_ELPP_Base", "products": [{}, {}]}) == "level3"


def test_built_in_romancals_key_order() -> None:
    asn = RomanRule().build(
        [("a_cal.asdf", "science")], product_name="p", psf_match_reference_filter="f184"
    )
    assert list(json.loads(roman.dumps(asn))) == list(KEY_ORDER)
    without = RomanRule().build([("a_cal.asdf", "science")], product_name="p")
    assert list(json.loads(roman.dumps(without))) == list(KEY_ORDER[:-1])


@pytest.mark.parametrize(
    ("expname", "catalog"),
    [
        ("x_cal.asdf", "x_cat.parquet"),
        ("x-cal.asdf", "x-cat.parquet"),
        ("x.asdf", "x_cat.parquet"),
        ("x_coadd.asdf", "x_cat.parquet"),
        ("x_flat_cal.asdf", "x_flat_cat.parquet"),
        ("x_dark_current.asdf", "x_cat.parquet"),
        ("_cal.asdf", "_cal_cat.parquet"),
        ("a//./b_cal.asdf", "a/b_cat.parquet"),
        ("/abs/b_cal", "/abs/b_cat.parquet"),
        ("x_CAL.asdf", "x_CAL_cat.parquet"),
    ],
)
def test_tweakreg_catalog_names(expname: str, catalog: str) -> None:
    assert tweakreg_catalog_name(expname) == catalog


@pytest.mark.parametrize("expname", ["", ".", "/", "./"])
def test_a_name_with_no_file_has_no_catalog(expname: str) -> None:
    with pytest.raises(InvalidAssociationError, match="names no file"):
        tweakreg_catalog_name(expname)


def test_the_api_writes_romancals_bytes() -> None:
    expected = (ROMAN / "from_list_basic_asn.json").read_text(encoding="utf-8")
    asn = roman.asn_from_list(
        [
            "r0000101001001001001_0001_wfi01_f158_cal.asdf",
            "r0000101001001001001_0002_wfi01_f158_cal.asdf",
        ],
        product_name="mosaic",
    )
    text = roman.dumps(asn)
    assert not text.endswith("\n")
    assert _blank_text(text) == _blank_text(expected)
    # Byte for byte, once each program's own version is in the other's place.
    ours = f'"code_version": "{__version__}"'
    assert text.replace(ours, '"code_version": "1.1.0"', 1) == expected
    assert roman.suggested_file_name(asn) == "rnoprogram-a3001_none_001_asn.json"


def test_the_api_with_every_option() -> None:
    expected = (ROMAN / "from_list_all_flags_asn.json").read_text(encoding="utf-8")
    asn = roman.asn_from_list(
        ["sub//./a_cal.asdf", "b-cal.asdf", "c.asdf", "é_cal.asdf", "sub//./a_cal.asdf"],
        product_name="r00001_dr1_v01001001001001_270p65x70y49_f158",
        data_release_id="dr1",
        target="270p65x70y49",
        psf_match_reference_filter="f184",
        tweakreg_catalogs=True,
    )
    assert _blank_text(roman.dumps(asn)) == _blank_text(expected)
    name, text = roman.dump(asn)
    assert (name, text) == (roman.suggested_file_name(asn), roman.dumps(asn))


def test_the_api_refuses_what_could_not_be() -> None:
    with pytest.raises(TypeError, match="single str"):
        roman.asn_from_list("a_cal.asdf", product_name="p")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="product_name must be a string"):
        roman.asn_from_list(["a_cal.asdf"], product_name=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidAssociationError, match="no files were given"):
        roman.asn_from_list([], product_name="p")
    with pytest.raises(InvalidAssociationError, match="pair"):
        roman.asn_from_list(["a"], product_name="p", with_exptype=True)


def test_with_exptype_keeps_the_types() -> None:
    asn = roman.asn_from_list(
        [("a_cal.asdf", "science"), ("b_cal.asdf", "background")],
        product_name="p",
        with_exptype=True,
    )
    assert [m.exptype for m in asn.products[0].members] == ["science", "background"]


def test_the_jwst_api_builds_with_the_roman_rule_too() -> None:
    from asnkit import asn_from_list

    asn = asn_from_list(["a_cal.asdf"], rule="DMS_ELPP_Base", product_name="p")
    assert asn.asn_rule == "DMS_ELPP_Base"
    assert asn.extra["data_release_id"] == "p"
    with pytest.raises(InvalidAssociationError, match="needs a product name"):
        asn_from_list(["a_cal.asdf"], rule="DMS_ELPP_Base")


def test_multiband_groups_as_romancal_does() -> None:
    names = [
        "r00001_p_v01001001001001_270p65x70y49_f158_coadd.asdf",
        "r00001_p_v01001001001001_270p65x70y49_f184_coadd.asdf",
        "r00001_dr1_full_270p65x70y49_f158_coadd.asdf",
        "r00001_p_v01001001001001_045m86x47y51_f062_coadd.asdf",
        "notes.txt",
    ]
    groups = roman.multiband(names, psf_match_reference_filter="f184")
    assert [g.file_name for g in groups] == [
        "r00001_dr1_full_270p65x70y49_asn.json",
        "r00001_p_v01001001001001_270p65x70y49_asn.json",
        "r00001_p_v01001001001001_045m86x47y51_asn.json",
    ]
    for group in groups:
        expected = (ROMAN / "mb" / group.file_name).read_text(encoding="utf-8")
        assert _blank_text(roman.dumps(group.association)) == _blank_text(expected)
    assert groups[0].data_release_id == "dr1"
    assert groups[1].files == tuple(names[:2])
    assert roman.multiband(["notes.txt"]) == ()


def test_parse_coadd_name() -> None:
    parsed = roman.parse_coadd_name("sub/r00001_p_v01_270p65x70y49_f158_coadd.asdf")
    assert parsed is not None
    assert (parsed.prefix, parsed.skycell, parsed.filter) == (
        "sub/r00001_p_v01_",
        "270p65x70y49",
        "f158",
    )
    assert roman.parse_coadd_name("r00001_p_270p65x70y49_f158_cal.asdf") is None


@pytest.mark.parametrize("path", sorted(ROMAN.rglob("*_asn.json")), ids=lambda path: path.name[:40])
def test_romancals_files_load_and_dump_byte_for_byte(path: Path) -> None:
    import asnkit

    text = path.read_text(encoding="utf-8")
    asn = asnkit.load(path)
    assert asnkit.dumps(asn) == text
    assert roman.dumps(asn) == text
