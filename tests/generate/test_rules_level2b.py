"""The Stage 2b rules, each on a small hand-made pool.

Every expectation here is what jwst 3.0.0's ``asn_generate`` writes for the same pool
(written out with every row's keywords, ``null`` where a row does not say): the file
names, rules, product names, members and their order. ``code_version`` and
``constraints`` are asnkit's own and not compared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

from generate_pools import exposure, pool

from asnkit.codec.emit import dumps
from asnkit.generate import generate_files
from asnkit.generate._level2b_finalizers import nod_background_overlap
from asnkit.generate.level2b import LEVEL2B_RULES

LEVEL2B_TYPES: Final = frozenset({"image2", "spec2", "tso-image2", "tso-spec2", "nrslamp-spec2"})

NIRSPEC: Final = {
    "instrume": "nirspec",
    "detector": "nrs1",
    "channel": "null",
    "pupil": "null",
    "filter": "f100lp",
    "grating": "g140m",
}
NIRISS: Final = {
    "instrume": "niriss",
    "detector": "nis",
    "channel": "null",
    "filter": "clear",
    "pupil": "f150w",
}
MIRI: Final = {
    "instrume": "miri",
    "detector": "mirimage",
    "channel": "null",
    "filter": "p750l",
    "pupil": "null",
}
IFU: Final = {**NIRSPEC, "exp_type": "nrs_ifu", "grating": "g140h", "mostilno": "1"}

Members = list[tuple[str, str]]


def _nirspec(number: int, **keywords: str) -> dict[str, str]:
    return exposure(number, **{**NIRSPEC, **keywords})


def _niriss(number: int, **keywords: str) -> dict[str, str]:
    return exposure(number, **{**NIRISS, **keywords})


def _miri(number: int, **keywords: str) -> dict[str, str]:
    return exposure(number, **{**MIRI, **keywords})


def _p(number: int) -> str:
    """The product (and file stem) of exposure ``number``."""
    return f"jw01234001001_01101_{number:05d}_nrcb1"


def _x(number: int, suffix: str = "rate") -> str:
    """The Stage 2 member name of exposure ``number``."""
    return f"{_p(number)}_{suffix}.fits"


def _level2b(*rows: dict[str, str]) -> dict[str, tuple[str, str, Members]]:
    """File name -> (rule, product name, members) of every Stage 2b association made."""
    made = {}
    for name, asn in generate_files(pool(*rows)):
        document = json.loads(dumps(asn))
        if document["asn_type"] not in LEVEL2B_TYPES:
            continue
        (product,) = document["products"]
        rule = str(document["asn_rule"]).removeprefix("candidate_")
        members = [(m["expname"], m["exptype"]) for m in product["members"]]
        made[name] = (rule, product["name"], members)
    return made


def _catalog(acid: str, target: str, optics: str) -> Members:
    root = f"jw01234-{acid}_{target}_niriss_{optics}"
    return [
        (f"{root}_i2d.fits", "direct_image"),
        (f"{root}_cat.ecsv", "sourcecat"),
        (f"{root}_segm.fits", "segmap"),
    ]


# ------------------------------------------------------------------ the registry


def test_the_rules_are_jwsts_level2b_registry_in_its_order() -> None:
    assert [rule.name for rule in LEVEL2B_RULES] == [
        "Asn_Lv2CoronAsRate", "Asn_Lv2FGS", "Asn_Lv2Image", "Asn_Lv2ImageNonScience",
        "Asn_Lv2ImageSpecial", "Asn_Lv2ImageTSO", "Asn_Lv2MIRLRSFixedSlitNod",
        "Asn_Lv2NRSFSS", "Asn_Lv2NRSIFUNod", "Asn_Lv2NRSLAMPImage", "Asn_Lv2NRSLAMPSpectral",
        "Asn_Lv2NRSMSA", "Asn_Lv2Spec", "Asn_Lv2SpecImprint", "Asn_Lv2SpecSpecial",
        "Asn_Lv2SpecTSO", "Asn_Lv2WFSC", "Asn_Lv2WFSSMIR", "Asn_Lv2WFSSNIS", "Asn_Lv2WFSSNRC",
        "Asn_Lv2WFSSParallel", "Asn_MIRLRSTAConfirm",
    ]  # fmt: skip
    assert {rule.stage for rule in LEVEL2B_RULES} == {"level2b"}
    assert {rule.asn_type for rule in LEVEL2B_RULES} <= LEVEL2B_TYPES


def test_every_rule_is_in_the_documented_table() -> None:
    table = (Path(__file__).parents[2] / "docs" / "generate-rules.md").read_text("utf-8")
    level2b = table.split("## Level 2b", 1)[1].split("\n## ", 1)[0]
    for rule in LEVEL2B_RULES:
        assert f"| `{rule.name}` | `{rule.asn_type}` |" in level2b, rule.name


# ------------------------------------------------------------------ images


def test_a_document_as_jwst_writes_it() -> None:
    made = dict(generate_files(pool(exposure(1, exposerr="dropped frames"))))
    document = json.loads(dumps(made["jw01234-o001_image2_00001_asn.json"]))
    del document["code_version"], document["constraints"]
    assert document == {
        "asn_type": "image2",
        "asn_rule": "candidate_Asn_Lv2Image",
        "version_id": None,
        "degraded_status": "One or more members have an error associated with them."
        "\nDetails can be found in the member.exposerr attribute.",
        "program": "01234",
        "asn_id": "o001",
        "asn_pool": "jw01234_20240101t000000_pool.csv",
        "target": "1",
        "products": [
            {
                "name": _p(1),
                "members": [{"expname": _x(1), "exptype": "science", "exposerr": "dropped frames"}],
            }
        ],
    }


def test_an_image_takes_the_backgrounds_of_its_mode_which_are_also_science_alone() -> None:
    assert _level2b(exposure(1), exposure(2, bkgdtarg="t")) == {
        "jw01234-o001_image2_00001_asn.json": (
            "Asn_Lv2ImageSpecial", _p(2), [(_x(2), "science")]
        ),
        "jw01234-o001_image2_00002_asn.json": (
            "Asn_Lv2Image", _p(1), [(_x(1), "science"), (_x(2), "background")]
        ),
    }  # fmt: skip


def test_a_target_acquisition_is_processed_as_science_on_its_own() -> None:
    ta = exposure(1, exp_type="nrc_tacq", pntgtype="target_acquisition")
    assert _level2b(ta, exposure(2)) == {
        "jw01234-o001_image2_00001_asn.json": ("Asn_Lv2Image", _p(2), [(_x(2), "science")]),
        "jw01234-o001_image2_00002_asn.json": (
            "Asn_Lv2ImageNonScience", _p(1), [(_x(1), "science")]
        ),
    }  # fmt: skip


def test_a_psf_image_is_science_on_its_own() -> None:
    assert _level2b(exposure(1, is_psf="t")) == {
        "jw01234-o001_image2_00001_asn.json": ("Asn_Lv2ImageSpecial", _p(1), [(_x(1), "science")]),
    }


def test_a_time_series_image_is_tso_image2_per_integration() -> None:
    assert _level2b(exposure(1, exp_type="nrc_tsimage", tsovisit="t")) == {
        "jw01234-o001_tso-image2_00001_asn.json": (
            "Asn_Lv2ImageTSO", _p(1), [(_x(1, "rateints"), "science")]
        ),
    }  # fmt: skip


def test_full_frame_nircam_coronagraphy_is_also_calibrated_as_rate() -> None:
    coron = exposure(1, exp_type="nrc_coron", pupil="maskrnd", detector="nrca2", filter="f210m")
    assert _level2b(coron) == {
        "jw01234-o001_image2_00001_asn.json": (
            "Asn_Lv2Image", _p(1), [(_x(1, "rateints"), "science")]
        ),
        "jw01234-o001_image2_00002_asn.json": ("Asn_Lv2CoronAsRate", _p(1), [(_x(1), "science")]),
    }  # fmt: skip


def test_an_fgs_image_needs_no_filter() -> None:
    fgs = exposure(
        1, instrume="fgs", detector="guider1", exp_type="fgs_image", filter="null", pupil="null"
    )
    assert _level2b(fgs) == {
        "jw01234-o001_image2_00001_asn.json": ("Asn_Lv2FGS", _p(1), [(_x(1), "science")]),
    }


def test_a_wavefront_sensing_image_but_not_nircam_line_of_sight_jitter() -> None:
    visit = "prime_wfsc_sensing_control"
    jitter = exposure(2, visitype=visit, dms_note="wfsc_los_jitter")
    assert _level2b(exposure(1, visitype=visit, dms_note="null"), jitter) == {
        "jw01234-o001_image2_00001_asn.json": ("Asn_Lv2WFSC", _p(1), [(_x(1), "science")]),
    }


def test_a_background_candidate_holds_the_science_with_its_background() -> None:
    first = "[('o001', 'observation'), ('c1000', 'background')]"
    second = "[('o002', 'observation'), ('c1000', 'background')]"
    made = _level2b(
        exposure(1, asn_candidate=first), exposure(2, bkgdtarg="t", asn_candidate=second)
    )
    # o001's science-only association is a subset of c1000's and is pruned.
    assert made == {
        "jw01234-c1000_image2_00001_asn.json": (
            "Asn_Lv2Image", _p(1), [(_x(1), "science"), (_x(2), "background")]
        ),
        "jw01234-o002_image2_00001_asn.json": (
            "Asn_Lv2ImageSpecial", _p(2), [(_x(2), "science")]
        ),
    }  # fmt: skip


# ------------------------------------------------------------------ spectra


def test_an_ifu_spectrum_takes_its_imprint_which_is_also_science_alone() -> None:
    assert _level2b(_nirspec(1, **IFU), _nirspec(2, **IFU, is_imprt="t")) == {
        "jw01234-o001_spec2_00001_asn.json": ("Asn_Lv2SpecImprint", _p(2), [(_x(2), "science")]),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2Spec", _p(1), [(_x(1), "science"), (_x(2), "imprint")]
        ),
    }  # fmt: skip


def test_a_background_spectrum_is_science_with_its_imprint() -> None:
    background = _nirspec(1, **IFU, bkgdtarg="t")
    imprint = _nirspec(2, **IFU, bkgdtarg="t", is_imprt="t")
    assert _level2b(background, imprint) == {
        "jw01234-o001_spec2_00001_asn.json": ("Asn_Lv2SpecImprint", _p(2), [(_x(2), "science")]),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2SpecSpecial", _p(1), [(_x(1), "science"), (_x(2), "imprint")]
        ),
    }  # fmt: skip


def test_a_time_series_spectrum_but_not_through_an_uncalibrated_soss_filter() -> None:
    soss = {"exp_type": "nis_soss", "tsovisit": "t", "pupil": "gr700xd", "subarray": "substrip256"}
    assert _level2b(_niriss(1, **soss), _niriss(2, **soss, filter="f277w")) == {
        "jw01234-o001_tso-spec2_00001_asn.json": (
            "Asn_Lv2SpecTSO", _p(1), [(_x(1, "rateints"), "science")]
        ),
    }  # fmt: skip


def test_msa_nods_each_the_science_the_others_its_backgrounds() -> None:
    nods = [
        _nirspec(
            i, exp_type="nrs_msaspec", msametfl="jw01234001001_01_msa.fits", expspcin="1",
            patt_num=str(i), numdthpt="3", subpxpts="1",
        )
        for i in (1, 2, 3)
    ]  # fmt: skip
    assert _level2b(*nods) == {
        "jw01234-o001_spec2_00001_asn.json": (
            "Asn_Lv2NRSMSA", _p(3),
            [(_x(3), "science"), (_x(1), "background"), (_x(2), "background")],
        ),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2NRSMSA", _p(2),
            [(_x(2), "science"), (_x(1), "background"), (_x(3), "background")],
        ),
        "jw01234-o001_spec2_00003_asn.json": (
            "Asn_Lv2NRSMSA", _p(1),
            [(_x(1), "science"), (_x(2), "background"), (_x(3), "background")],
        ),
    }  # fmt: skip


def test_a_nod_of_another_target_is_no_background() -> None:
    nods = [
        _nirspec(
            i, exp_type="nrs_msaspec", msametfl="m.fits", expspcin="1", patt_num=str(i),
            numdthpt="2", subpxpts="1", targetid=str(i),
        )
        for i in (1, 2)
    ]  # fmt: skip
    assert _level2b(*nods) == {
        "jw01234-o001_spec2_00001_asn.json": ("Asn_Lv2NRSMSA", _p(2), [(_x(2), "science")]),
        "jw01234-o001_spec2_00002_asn.json": ("Asn_Lv2NRSMSA", _p(1), [(_x(1), "science")]),
    }


def _fixed_slit(number: int, points: int, subpixels: int) -> dict[str, str]:
    return _nirspec(
        number, exp_type="nrs_fixedslit", fxd_slit="s200a1", subarray="subs200a1",
        expspcin="1", patt_num=str(number), numdthpt=str(points), subpxpts=str(subpixels),
        patttype="2-point-nod",
    )  # fmt: skip


def test_fixed_slit_nods_are_each_others_backgrounds() -> None:
    assert _level2b(_fixed_slit(1, 2, 1), _fixed_slit(2, 2, 1)) == {
        "jw01234-o001_spec2_00001_asn.json": (
            "Asn_Lv2NRSFSS", _p(2), [(_x(2), "science"), (_x(1), "background")]
        ),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2NRSFSS", _p(1), [(_x(1), "science"), (_x(2), "background")]
        ),
    }  # fmt: skip


def test_subpixel_dithers_of_the_same_nod_are_no_background() -> None:
    made = _level2b(*(_fixed_slit(i, 4, 2) for i in (1, 2, 3, 4)))
    assert made == {
        "jw01234-o001_spec2_00001_asn.json": (
            "Asn_Lv2NRSFSS", _p(4),
            [(_x(4), "science"), (_x(1), "background"), (_x(2), "background")],
        ),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2NRSFSS", _p(3),
            [(_x(3), "science"), (_x(1), "background"), (_x(2), "background")],
        ),
        "jw01234-o001_spec2_00003_asn.json": (
            "Asn_Lv2NRSFSS", _p(2),
            [(_x(2), "science"), (_x(3), "background"), (_x(4), "background")],
        ),
        "jw01234-o001_spec2_00004_asn.json": (
            "Asn_Lv2NRSFSS", _p(1),
            [(_x(1), "science"), (_x(3), "background"), (_x(4), "background")],
        ),
    }  # fmt: skip


def test_ifu_nods_with_an_imprint() -> None:
    nod = {**IFU, "patttype": "2-point-nod"}
    rows = (
        _nirspec(1, **nod, patt_num="1"),
        _nirspec(2, **nod, patt_num="2"),
        _nirspec(3, **nod, is_imprt="t"),
    )
    assert _level2b(*rows) == {
        "jw01234-o001_spec2_00001_asn.json": ("Asn_Lv2SpecImprint", _p(3), [(_x(3), "science")]),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2NRSIFUNod", _p(2),
            [(_x(2), "science"), (_x(1), "background"), (_x(3), "imprint")],
        ),
        "jw01234-o001_spec2_00003_asn.json": (
            "Asn_Lv2NRSIFUNod", _p(1),
            [(_x(1), "science"), (_x(2), "background"), (_x(3), "imprint")],
        ),
    }  # fmt: skip


def test_nod_overlap_is_the_same_primary_point_or_another_target() -> None:
    def row(patt_num: int, **keywords: str) -> dict[str, str]:
        return {
            "exp_type": "nrs_msaspec", "targetid": "1", "numdthpt": "4", "subpxpts": "2",
            "patt_num": str(patt_num), **keywords,
        }  # fmt: skip

    assert nod_background_overlap(row(1), row(2))
    assert not nod_background_overlap(row(1), row(3))
    assert nod_background_overlap(row(1), row(3, targetid="2"))
    assert not nod_background_overlap(row(1, exp_type="nrs_ifu"), row(2, exp_type="nrs_ifu"))
    five = {"exp_type": "nrs_fixedslit", "fxd_slit": "s1600a1", "numdthpt": "5", "subpxpts": "1"}
    assert nod_background_overlap(row(1, **five), row(2, **five))
    assert not nod_background_overlap(row(1, **five), row(3, **five))
    assert nod_background_overlap(row(1, **five), {**row(3, **five), "patt_num": "null"})


def test_a_miri_lrs_spectrum_takes_the_ta_confirmation_of_its_observation() -> None:
    science = _miri(1, exp_type="mir_lrs-fixedslit", obs_id="v1")
    confirm = _miri(
        2, exp_type="mir_taconfirm", pntgtype="target_acquisition", obs_id="v1", filter="f560w"
    )
    assert _level2b(science, confirm) == {
        "jw01234-o001_image2_00001_asn.json": (
            "Asn_Lv2ImageNonScience", _p(2), [(_x(2), "science")]
        ),
        "jw01234-o001_spec2_00001_asn.json": (
            "Asn_MIRLRSTAConfirm", _p(1), [(_x(1), "science"), (_x(2), "target_acquisition")]
        ),
    }  # fmt: skip


def test_miri_lrs_slit_nods_are_each_others_backgrounds() -> None:
    nods = [
        _miri(
            i, exp_type="mir_lrs-fixedslit", patttype="along-slit-nod", patt_num=str(i),
            obs_id="v1",
        )
        for i in (1, 2)
    ]  # fmt: skip
    assert _level2b(*nods) == {
        "jw01234-o001_spec2_00001_asn.json": (
            "Asn_Lv2MIRLRSFixedSlitNod", _p(2), [(_x(2), "science"), (_x(1), "background")]
        ),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2MIRLRSFixedSlitNod", _p(1), [(_x(1), "science"), (_x(2), "background")]
        ),
    }  # fmt: skip


def test_nirspec_lamps_spectral_and_through_the_mirror() -> None:
    lamp = {"exp_type": "nrs_lamp", "filter": "opaque", "lamp": "line1"}
    spectral = _nirspec(1, **lamp, grating="g140h", opmode="fixedslit")
    assert _level2b(spectral) == {
        "jw01234-o001_nrslamp-spec2_00001_asn.json": (
            "Asn_Lv2NRSLAMPSpectral", _p(1), [(_x(1), "science")]
        ),
    }  # fmt: skip
    assert _level2b(_nirspec(1, **lamp, grating="mirror", opmode="image")) == {
        "jw01234-o001_image2_00001_asn.json": ("Asn_Lv2NRSLAMPImage", _p(1), [(_x(1), "science")]),
    }


# ------------------------------------------------------------------ slitless spectra


def test_a_wfss_grism_exposure_takes_the_catalog_of_the_next_direct_image() -> None:
    rows = (
        _niriss(1, exp_type="nis_image", expspcin="1"),
        _niriss(2, exp_type="nis_wfss", filter="gr150r", expspcin="2"),
        _niriss(3, exp_type="nis_wfss", filter="gr150r", expspcin="3"),
        _niriss(4, exp_type="nis_image", expspcin="4"),
    )
    catalog = _catalog("o001", "t001", "clear-f150w")
    assert _level2b(*rows) == {
        "jw01234-o001_image2_00001_asn.json": ("Asn_Lv2Image", _p(4), [(_x(4), "science")]),
        "jw01234-o001_image2_00002_asn.json": ("Asn_Lv2Image", _p(1), [(_x(1), "science")]),
        "jw01234-o001_spec2_00001_asn.json": (
            "Asn_Lv2WFSSNIS", _p(3), [(_x(3), "science"), *catalog]
        ),
        "jw01234-o001_spec2_00002_asn.json": (
            "Asn_Lv2WFSSNIS", _p(2), [(_x(2), "science"), *catalog]
        ),
    }  # fmt: skip


def test_a_direct_image_without_filter_names_its_catalog_without_it() -> None:
    """jwst 3.0.0 fails on this pool (a TypeError, nothing written): docs/differences.md."""
    rows = (
        _niriss(1, exp_type="nis_wfss", filter="gr150r"),
        _niriss(2, exp_type="nis_image", filter="null"),
    )
    catalog = _catalog("o001", "t001", "f150w")
    assert _level2b(*rows)["jw01234-o001_spec2_00001_asn.json"] == (
        "Asn_Lv2WFSSNIS", _p(1), [(_x(1), "science"), *catalog]
    )  # fmt: skip


def test_pure_parallel_wfss_in_a_direct_image_candidate_has_target_000() -> None:
    candidate = "[('c1000', 'direct_image')]"
    rows = (
        _niriss(1, exp_type="nis_image", asn_candidate=candidate, targetid="null"),
        _niriss(2, exp_type="nis_wfss", filter="gr150r", asn_candidate=candidate, targetid="null"),
    )
    assert _level2b(*rows) == {
        "jw01234-a3001_spec2_00001_asn.json": (
            "discover_Asn_Lv2WFSSParallel", _p(2),
            [(_x(2), "science"), *_catalog("a3001", "t000", "clear-f150w")],
        ),
        "jw01234-c1000_spec2_00001_asn.json": (
            "Asn_Lv2WFSSParallel", _p(2),
            [(_x(2), "science"), *_catalog("c1000", "t000", "clear-f150w")],
        ),
    }  # fmt: skip
