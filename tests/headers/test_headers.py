"""Roles, names and refusals derived from headers (the pure functions, and the file reading)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from asnkit.exceptions import AsnkitError, HeaderError
from asnkit.headers import (
    FileFacts,
    asn_type_of,
    association_from_headers,
    classify,
    file_facts,
    plan,
    plan_from_headers,
    read_primary_header,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

NIRCAM_IMAGE: dict[str, object] = {
    "PROGRAM": "01234",
    "OBSERVTN": "001",
    "TARGNAME": "NGC 1234",
    "INSTRUME": "NIRCAM",
    "EXP_TYPE": "NRC_IMAGE",
    "FILTER": "F200W",
    "PUPIL": "CLEAR",
    "SUBARRAY": "FULL",
    "TSOVISIT": False,
}


def facts(path: str = "a_cal.fits", /, **changes: object) -> FileFacts:
    header = {**NIRCAM_IMAGE, **changes}
    return file_facts({k: v for k, v in header.items() if v is not None}, path)


@pytest.mark.parametrize(
    ("changes", "role", "keyword"),
    [
        ({}, "science", "default"),
        ({"IS_PSF": True}, "psf", "IS_PSF"),
        ({"IS_IMPRT": True}, "imprint", "IS_IMPRT"),
        ({"BKGDTARG": True}, "background", "BKGDTARG"),
        ({"BKGDTARG": "T"}, "background", "BKGDTARG"),
        ({"BKGDTARG": False, "IS_PSF": "F"}, "science", "default"),
        ({"IS_PSF": True, "BKGDTARG": True}, "psf", "IS_PSF"),
        ({"IS_IMPRT": True, "BKGDTARG": True}, "imprint", "IS_IMPRT"),
        ({"EXP_TYPE": "NRC_TACQ"}, "target_acquisition", "EXP_TYPE"),
        ({"EXP_TYPE": "NRS_MSATA", "BKGDTARG": True}, "target_acquisition", "EXP_TYPE"),
    ],
)
def test_classify(changes: Mapping[str, object], role: str, keyword: str) -> None:
    assert classify({**NIRCAM_IMAGE, **changes}, "a.fits") == (role, keyword)


def test_a_given_role_wins_over_the_header_and_skips_its_flags() -> None:
    header = {**NIRCAM_IMAGE, "IS_PSF": "maybe"}
    got = file_facts(header, "a.fits", given_role="background")
    assert (got.exptype, got.decided_by) == ("background", "given")


@pytest.mark.parametrize(
    ("changes", "stage", "asn_type"),
    [
        ({}, "level2b", "image2"),
        ({}, "level3", "image3"),
        ({"EXP_TYPE": "NRS_IFU"}, "level2b", "spec2"),
        ({"EXP_TYPE": "NRS_IFU"}, "level3", "spec3"),
        ({"EXP_TYPE": "NRC_CORON"}, "level3", "coron3"),
        ({"EXP_TYPE": "MIR_4QPM"}, "level3", "coron3"),
        ({"EXP_TYPE": "MIR_4QPM"}, "level2b", "image2"),
        ({"EXP_TYPE": "NIS_AMI"}, "level3", "ami3"),
        ({"EXP_TYPE": "NRC_TSIMAGE"}, "level2b", "tso-image2"),
        ({"EXP_TYPE": "NRC_TSIMAGE"}, "level3", "tso3"),
        ({"EXP_TYPE": "NIS_SOSS", "TSOVISIT": True}, "level2b", "tso-spec2"),
        ({"EXP_TYPE": "NIS_SOSS", "TSOVISIT": True}, "level3", "tso3"),
        ({"EXP_TYPE": "NIS_SOSS"}, "level3", "spec3"),
        ({"EXP_TYPE": "MIR_IMAGE", "TSOVISIT": "T"}, "level2b", "tso-image2"),
    ],
)
def test_asn_type(changes: Mapping[str, object], stage: str, asn_type: str) -> None:
    assert asn_type_of(facts(**changes), "level3" if stage == "level3" else "level2b") == asn_type


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({}, "jw01234-o001_t001_nircam_clear-f200w"),
        ({"PUPIL": None}, "jw01234-o001_t001_nircam_f200w"),
        ({"PUPIL": None, "FILTER": None}, "jw01234-o001_t001_nircam_clear"),
        ({"FILTER": "CLEAR", "PUPIL": "F162M"}, "jw01234-o001_t001_nircam_clear-f162m"),
        ({"SUBARRAY": "SUB160"}, "jw01234-o001_t001_nircam_clear-f200w-sub160"),
        ({"OBSERVTN": "042", "PROGRAM": "99999"}, "jw99999-o042_t001_nircam_clear-f200w"),
        ({"OBSERVTN": 7, "PROGRAM": 1234}, "jw01234-o007_t001_nircam_clear-f200w"),
        (
            {"INSTRUME": "NIRSPEC", "EXP_TYPE": "NRS_FIXEDSLIT", "PUPIL": None},
            "jw01234-o001_t001-{source_id}_nirspec_f200w-{slit_name}",
        ),
        (
            {"INSTRUME": "NIRSPEC", "EXP_TYPE": "NRS_MSASPEC", "PUPIL": None, "FILTER": "F100LP"}
            | {"GRATING": "G140M"},
            "jw01234-o001_{source_id}_nirspec_f100lp-g140m",
        ),
        (
            {"INSTRUME": "NIRSPEC", "EXP_TYPE": "NRS_IFU", "GRATING": "G395H"}
            | {"SUBARRAY": "SUBS200A1"},
            "jw01234-o001_t001_nirspec_g395h",
        ),
        ({"INSTRUME": "MIRI", "EXP_TYPE": "MIR_MRS"}, "jw01234-o001_t001_miri"),
    ],
)
def test_stage3_product_name(changes: Mapping[str, object], name: str) -> None:
    assert plan([facts(**changes)], stage="level3").product_name == name


def test_targets_are_numbered_by_first_appearance_over_every_file() -> None:
    files = [
        facts("bkg.fits", TARGNAME="SKY", BKGDTARG=True),
        facts("sci.fits"),
    ]
    made = plan(files, stage="level3")
    assert made.meta["target"] == "t002"
    assert made.product_name == "jw01234-o001_t002_nircam_clear-f200w"
    assert plan(files, stage="level2b").meta["target"] == "2"


def test_members_follow_the_rule_order_of_roles_then_the_given_order() -> None:
    files = [
        facts("ta.fits", EXP_TYPE="NRC_TACQ"),
        facts("psf.fits", IS_PSF=True),
        facts("b.fits"),
        facts("bkg.fits", BKGDTARG=True),
        facts("a.fits"),
    ]
    assert plan(files, stage="level3").members == (
        ("b.fits", "science"),
        ("a.fits", "science"),
        ("bkg.fits", "background"),
        ("psf.fits", "psf"),
        ("ta.fits", "target_acquisition"),
    )
    assert plan(files, stage="level2b").members[:3] == (
        ("b.fits", "science"),
        ("a.fits", "science"),
        ("psf.fits", "psf"),
    )


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            {"PROGRAM": "05678"},
            "a_cal.fits, b_cal.fits: files disagree on PROGRAM: a_cal.fits has '01234', "
            "b_cal.fits has '05678'; give files that agree, or --force",
        ),
        ({"INSTRUME": "NIRISS", "EXP_TYPE": "NIS_IMAGE"}, "files disagree on INSTRUME"),
        ({"EXP_TYPE": "NRC_CORON"}, "files disagree on the association type"),
        ({"FILTER": "F150W"}, "disagree on FILTER: a_cal.fits has 'f200w', b_cal.fits has"),
        ({"OBSERVTN": "002"}, "files disagree on OBSERVTN"),
        ({"TARGNAME": "M31"}, "files disagree on TARGNAME"),
        ({"SUBARRAY": "SUB160"}, "files disagree on SUBARRAY"),
    ],
)
def test_stage3_refuses_files_that_disagree_unless_forced(
    second: Mapping[str, object], message: str
) -> None:
    files = [facts("a_cal.fits"), facts("b_cal.fits", **second)]
    with pytest.raises(HeaderError) as caught:
        plan(files, stage="level3")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    forced = plan(files, stage="level3", force=True)
    assert forced.product_name == "jw01234-o001_t001_nircam_clear-f200w"
    assert forced.meta["program"] == "01234"


def test_stage3_refuses_mixed_calibration_levels() -> None:
    files = [facts("a_rate.fits"), facts("b_cal.fits"), facts("c.fits")]
    with pytest.raises(HeaderError, match=r"calibration level .*a_rate.fits has '2a'"):
        plan(files, stage="level3")
    assert plan(files, stage="level2b").meta["asn_type"] == "image2"


def test_naming_keywords_are_not_checked_when_the_caller_names_the_product() -> None:
    files = [facts("a.fits"), facts("b.fits", FILTER="F150W")]
    made = plan(files, stage="level3", name_product=False)
    assert made.product_name is None
    with pytest.raises(HeaderError, match="PROGRAM"):
        plan([facts("a.fits"), facts("b.fits", PROGRAM="1")], stage="level3", name_product=False)


def test_other_roles_may_differ_in_target_and_optics() -> None:
    files = [facts("a.fits"), facts("psf.fits", IS_PSF=True, TARGNAME="STAR", FILTER="F150W")]
    assert plan(files, stage="level3").product_name == "jw01234-o001_t001_nircam_clear-f200w"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"PROGRAM": None}, "a_cal.fits: keyword PROGRAM is missing or empty"),
        ({"EXP_TYPE": ""}, "a_cal.fits: keyword EXP_TYPE is missing or empty"),
        ({"TARGNAME": "N/A"}, "a_cal.fits: keyword TARGNAME is missing or empty"),
        ({"INSTRUME": None}, "a_cal.fits: keyword INSTRUME is missing or empty"),
        ({"OBSERVTN": None}, "a_cal.fits: keyword OBSERVTN is missing or empty"),
        ({"OBSERVTN": "1a"}, "a_cal.fits: OBSERVTN = '1a' is not an observation number"),
        ({"PROGRAM": "01 234"}, "a_cal.fits: PROGRAM = '01 234' is not a program id"),
        ({"IS_PSF": "maybe"}, "a_cal.fits: IS_PSF = 'maybe' is neither T nor F"),
        ({"TSOVISIT": 3}, "a_cal.fits: TSOVISIT = 3 is neither T nor F"),
        ({"FILTER": True}, "a_cal.fits: FILTER = True is a T/F flag"),
    ],
)
def test_a_missing_or_odd_keyword_is_one_line_naming_file_and_keyword(
    changes: Mapping[str, object], message: str
) -> None:
    with pytest.raises(HeaderError) as caught:
        facts("a_cal.fits", **changes)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_science_exposure_type_no_pipeline_takes_is_refused() -> None:
    with pytest.raises(HeaderError, match=r"a.fits: EXP_TYPE = 'NRC_DARK' is not a science"):
        plan([facts("a.fits", EXP_TYPE="NRC_DARK")], stage="level3")


def test_no_science_file() -> None:
    with pytest.raises(HeaderError, match=r"p\.fits: no file is science by its header"):
        plan([facts("p.fits", IS_PSF=True)], stage="level3")
    with pytest.raises(HeaderError, match="no files were given"):
        plan([], stage="level3")


def test_headers_error_is_an_asnkit_error() -> None:
    assert issubclass(HeaderError, AsnkitError)


def test_without_astropy_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "astropy", None)
    monkeypatch.setitem(sys.modules, "astropy.io", None)
    with pytest.raises(HeaderError, match=r"a.fits: .*pip install 'asnkit\[fits\]'"):
        read_primary_header("a.fits")


class TestFiles:
    """Reading real files (astropy needed)."""

    @pytest.fixture(autouse=True)
    def _astropy(self) -> None:
        pytest.importorskip("astropy", reason=ASTROPY_MISSING)

    def test_only_the_keywords_used_are_returned(self, tmp_path: Path) -> None:
        from astropy.io import fits

        path = tmp_path / "a_cal.fits"
        header = fits.Header()
        for keyword, value in {**NIRCAM_IMAGE, "DATE": "2026-01-01"}.items():
            header[keyword] = value
        fits.PrimaryHDU(header=header).writeto(path)
        got = read_primary_header(str(path))
        assert got == NIRCAM_IMAGE

    def test_a_file_that_is_not_fits_is_refused_with_its_name(self, tmp_path: Path) -> None:
        path = tmp_path / "notes_cal.fits"
        path.write_text("not a FITS file\n")
        with pytest.raises(HeaderError) as caught:
            plan_from_headers([str(path)], stage="level3")
        text = str(caught.value)
        assert text.startswith(f"{path}: not a FITS file (")
        assert "\n" not in text

    def test_a_missing_file_and_a_directory(self, tmp_path: Path) -> None:
        with pytest.raises(HeaderError, match=r"nope.fits: no such file"):
            read_primary_header(str(tmp_path / "nope.fits"))
        with pytest.raises(HeaderError, match=r"is a directory, not a FITS file"):
            read_primary_header(str(tmp_path))

    def test_what_the_caller_gives_wins(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from astropy.io import fits

        monkeypatch.chdir(tmp_path)
        for name, extra in (("a_cal.fits", {}), ("b_cal.fits", {"IS_PSF": True})):
            header = fits.Header()
            for keyword, value in {**NIRCAM_IMAGE, **extra}.items():
                header[keyword] = value
            fits.PrimaryHDU(header=header).writeto(name)
        asn = association_from_headers(
            ["a_cal.fits", "b_cal.fits"],
            stage="level3",
            explicit_roles={"b_cal.fits": "background"},
            product_name="mine",
            acid="o042",
            meta={"asn_type": "image3", "program": "99999"},
        )
        assert asn.products[0].name == "mine"
        assert asn.asn_id == "o042"
        assert (asn.program, asn.target, asn.asn_type) == ("99999", "t001", "image3")
        assert [m.exptype for m in asn.products[0].members] == ["science", "background"]
