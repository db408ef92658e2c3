"""Each Stage 3 rule on a small hand-made pool: what jwst 3.0.0's asn_generate writes.

The expected values are jwst 3.0.0's output for the same rows (asn_generate run on each pool
written as a file, Stage 3 files only): file name, asn_rule, target, product name and
members. Level 2b files come from the same pools; their rules are pinned elsewhere.
"""

from __future__ import annotations

from typing import Final

import pytest
from generate_pools import exposure, pool

from asnkit.generate import generate_files

NIS: Final = {"instrume": "niriss", "detector": "nis", "channel": "null"}
MIRI: Final = {"instrume": "miri", "detector": "mirimage", "channel": "null", "pupil": "null"}
NRS: Final = {"instrume": "nirspec", "detector": "nrs1", "channel": "null", "pupil": "null"}

CASES: Final = {
    "ami3": [
        exposure(
            1,
            exp_type="nis_ami",
            filter="f480m",
            pupil="nrm",
            **NIS,
        ),
        exposure(
            2,
            exp_type="nis_ami",
            filter="f480m",
            pupil="nrm",
            **NIS,
        ),
        exposure(
            3,
            exp_type="nis_ami",
            filter="f480m",
            pupil="nrm",
            is_psf="t",
            targetid="2",
            **NIS,
        ),
    ],
    "image_background": [
        exposure(1),
        exposure(2, bkgdtarg="t", targetid="2"),
        exposure(3, bkgdtarg="t", targetid="2"),
    ],
    "mir_coron": [
        exposure(
            1,
            exp_type="mir_4qpm",
            filter="f1065c",
            subarray="mask1065",
            **MIRI,
        ),
        exposure(
            2,
            exp_type="mir_4qpm",
            filter="f1065c",
            subarray="mask1065",
            is_psf="t",
            targetid="2",
            **MIRI,
        ),
    ],
    "nrc_coron": [
        exposure(
            1,
            exp_type="nrc_coron",
            filter="f210m",
            pupil="maskrnd",
            subarray="sub320a335r",
            detector="nrca2",
        ),
        exposure(
            2,
            exp_type="nrc_coron",
            filter="f210m",
            pupil="maskrnd",
            subarray="sub320a335r",
            detector="nrca2",
            is_psf="t",
            targetid="2",
        ),
    ],
    "nrc_coron_image": [
        exposure(
            1,
            exp_type="nrc_coron",
            filter="f210m",
            pupil="maskrnd",
            subarray="full",
            detector="nrca2",
        ),
        exposure(
            2,
            exp_type="nrc_coron",
            filter="f210m",
            pupil="maskrnd",
            subarray="full",
            detector="nrca2",
        ),
    ],
    # A time-series visit: the -image3 product's members would be _calints, the same as
    # the tso3 product's, so jwst prunes it as a duplicate of the TSO association.
    "nrc_coron_image_tso": [
        exposure(
            number,
            exp_type="nrc_coron",
            filter="f210m",
            pupil="maskrnd",
            subarray="full",
            detector="nrca2",
            tsovisit="t",
        )
        for number in (1, 2)
    ],
    "mir_mrs": [
        exposure(
            1,
            exp_type="mir_mrs",
            filter="null",
            band="short",
            detector="mirifushort",
            instrume="miri",
            channel="12",
            pupil="null",
        ),
        exposure(
            2,
            exp_type="mir_mrs",
            filter="null",
            band="medium",
            detector="mirifulong",
            instrume="miri",
            channel="34",
            pupil="null",
        ),
    ],
    "mir_mrs_background": [
        exposure(
            1,
            exp_type="mir_mrs",
            band="short",
            detector="mirifushort",
            instrume="miri",
            channel="12",
            pupil="null",
            filter="null",
            bkgdtarg="t",
        ),
        exposure(
            2,
            exp_type="mir_mrs",
            band="short",
            detector="mirifushort",
            instrume="miri",
            channel="12",
            pupil="null",
            filter="null",
            bkgdtarg="t",
        ),
    ],
    "nrs_fss": [
        exposure(
            1,
            exp_type="nrs_fixedslit",
            filter="f290lp",
            grating="g395h",
            fxd_slit="s200a1",
            subarray="subs200a1",
            **NRS,
        ),
        exposure(
            2,
            exp_type="nrs_fixedslit",
            filter="f290lp",
            grating="g395h",
            fxd_slit="s200a1",
            subarray="subs200a1",
            patttype="3-point-nod",
            **NRS,
        ),
    ],
    "nrs_ifu": [
        exposure(
            1, exp_type="nrs_ifu", filter="f290lp", grating="g395h", patttype="4-point-nod", **NRS
        ),
        exposure(
            2, exp_type="nrs_ifu", filter="f290lp", grating="g395h", patttype="4-point-nod", **NRS
        ),
    ],
    "nrs_ifu_background": [
        exposure(
            1,
            exp_type="nrs_ifu",
            filter="f290lp",
            grating="g395h",
            patttype="4-point-nod",
            bkgdtarg="t",
            **NRS,
        )
    ],
    "nis_soss": [
        exposure(
            1,
            exp_type="nis_soss",
            filter="clear",
            pupil="gr700xd",
            subarray="substrip256",
            nints="10",
            **NIS,
        )
    ],
    "spec_aux": [exposure(1, exp_type="mir_lrs-fixedslit", filter="p750l", bkgdtarg="t", **MIRI)],
    "msa": [
        exposure(
            1,
            exp_type="nrs_msaspec",
            filter="f170lp",
            grating="g235m",
            msametfl="jw01234001001_01_msa.fits",
            **NRS,
        ),
        exposure(
            2,
            exp_type="nrs_msaspec",
            filter="f170lp",
            grating="g235m",
            msametfl="jw01234001001_01_msa.fits",
            **NRS,
        ),
    ],
    "lrs_nod": [
        exposure(
            1, exp_type="mir_lrs-fixedslit", filter="p750l", patttype="along-slit-nod", **MIRI
        ),
        exposure(
            2, exp_type="mir_lrs-fixedslit", filter="p750l", patttype="along-slit-nod", **MIRI
        ),
    ],
    "tso": [
        exposure(
            1,
            exp_type="nrc_tsimage",
            filter="f210m",
            pupil="wlp8",
            subarray="sub64p",
            tsovisit="t",
            detector="nrca3",
        ),
        exposure(
            2,
            exp_type="nrc_tsimage",
            filter="f210m",
            pupil="wlp8",
            subarray="sub64p",
            tsovisit="t",
            detector="nrca3",
        ),
    ],
    "wfs": [
        exposure(
            1,
            patttype="wfsc",
            visitype="prime_wfsc_routine",
            obs_id="v01234001001p0000000001101",
            act_id="01",
            filter="f212n",
            pupil="wlp8",
            detector="nrca3",
        ),
        exposure(
            2,
            patttype="wfsc",
            visitype="prime_wfsc_routine",
            obs_id="v01234001001p0000000001101",
            act_id="01",
            filter="f212n",
            pupil="wlp8",
            detector="nrca3",
        ),
    ],
    "wfss_nis": [
        exposure(
            1,
            exp_type="nis_wfss",
            filter="gr150r",
            pupil="f200w",
            **NIS,
        ),
        exposure(
            2,
            exp_type="nis_image",
            filter="clear",
            pupil="f200w",
            **NIS,
        ),
    ],
    "wfss_nrc": [
        exposure(
            1,
            exp_type="nrc_wfss",
            filter="f444w",
            pupil="grismr",
            detector="nrcalong",
            channel="long",
        ),
        exposure(
            2,
            exp_type="nrc_image",
            filter="f444w",
            pupil="clear",
            detector="nrcalong",
            channel="long",
        ),
    ],
    "wfss_mir": [
        exposure(1, exp_type="mir_wfss", filter="p750l", **MIRI),
        exposure(2, exp_type="mir_image", filter="f560w", **MIRI),
    ],
}


EXPECTED: Final = {
    "ami3": {
        "jw01234-o001_ami3_00001_asn.json": (
            "candidate_Asn_Lv3AMI",
            "t001",
            "jw01234-o001_t001_niriss_f480m-nrm",
            [
                ("jw01234001001_01101_00001_nrcb1_calints.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_calints.fits", "science"),
                ("jw01234001001_01101_00003_nrcb1_calints.fits", "psf"),
            ],
        )
    },
    "image_background": {
        "jw01234-o001_image3_00001_asn.json": (
            "candidate_Asn_Lv3ImageBackground",
            "t002",
            "jw01234-o001_t002_nircam_clear-f200w",
            [
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00003_nrcb1_cal.fits", "science"),
            ],
        ),
        "jw01234-o001_image3_00002_asn.json": (
            "candidate_Asn_Lv3Image",
            "t001",
            "jw01234-o001_t001_nircam_clear-f200w",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        ),
    },
    "lrs_nod": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3SpectralTarget",
            "t001",
            "jw01234-o001_t001_miri_p750l",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00001_nrcb1_x1d.fits", "background"),
                ("jw01234001001_01101_00002_nrcb1_x1d.fits", "background"),
            ],
        )
    },
    "mir_coron": {
        "jw01234-o001_coron3_00001_asn.json": (
            "candidate_Asn_Lv3MIRCoron",
            "t001",
            "jw01234-o001_t001_miri_f1065c-mask1065",
            [
                ("jw01234001001_01101_00001_nrcb1_calints.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_calints.fits", "psf"),
            ],
        )
    },
    "mir_mrs": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3MIRMRS",
            "t001",
            "jw01234-o001_t001_miri",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "mir_mrs_background": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3MIRMRSBackground",
            "t001",
            "jw01234-o001_t001_miri",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "msa": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3SpectralSource",
            "t001",
            "jw01234-o001_{source_id}_nirspec_f170lp-g235m",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "nis_soss": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3SlitlessSpectral",
            "t001",
            "jw01234-o001_t001_niriss_clear-gr700xd-substrip256",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        )
    },
    "nrc_coron": {
        "jw01234-o001_coron3_00001_asn.json": (
            "candidate_Asn_Lv3NRCCoron",
            "t001",
            "jw01234-o001_t001_nircam_f210m-maskrnd-sub320a335r",
            [
                ("jw01234001001_01101_00001_nrcb1_calints.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_calints.fits", "psf"),
            ],
        )
    },
    "nrc_coron_image": {
        "jw01234-o001_image3_00001_asn.json": (
            "candidate_Asn_Lv3NRCCoronImage",
            "t001",
            "jw01234-o001_t001_nircam_f210m-maskrnd-image3",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "nrc_coron_image_tso": {
        "jw01234-o001_tso3_00001_asn.json": (
            "candidate_Asn_Lv3TSO",
            "t001",
            "jw01234-o001_t001_nircam_f210m-maskrnd",
            [
                ("jw01234001001_01101_00001_nrcb1_calints.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_calints.fits", "science"),
            ],
        )
    },
    "nrs_fss": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3NRSFSS",
            "t001",
            "jw01234-o001_t001-{source_id}_nirspec_f290lp-g395h-{slit_name}-subs200a1",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "nrs_ifu": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3NRSIFU",
            "t001",
            "jw01234-o001_t001_nirspec_g395h",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "nrs_ifu_background": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3NRSIFUBackground",
            "t001",
            "jw01234-o001_t001_nirspec_g395h",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        )
    },
    "spec_aux": {
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3SpecAux",
            "t001",
            "jw01234-o001_t001_miri_p750l",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        )
    },
    "tso": {
        "jw01234-o001_tso3_00001_asn.json": (
            "candidate_Asn_Lv3TSO",
            "t001",
            "jw01234-o001_t001_nircam_f210m-wlp8-sub64p",
            [
                ("jw01234001001_01101_00001_nrcb1_calints.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_calints.fits", "science"),
            ],
        )
    },
    "wfs": {
        "jw01234-o001_wfs-image3_00001_asn.json": (
            "candidate_Asn_Lv3WFSCMB",
            "t001",
            "jw01234-o001_t001_nircam_f212n-wlp8-nrca3_{suffix}-01",
            [
                ("jw01234001001_01101_00001_nrcb1_cal.fits", "science"),
                ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
            ],
        )
    },
    "wfss_mir": {
        "jw01234-o001_image3_00001_asn.json": (
            "candidate_Asn_Lv3Image",
            "t001",
            "jw01234-o001_t001_miri_f560w",
            [("jw01234001001_01101_00002_nrcb1_cal.fits", "science")],
        ),
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3WFSSMIR",
            "t001",
            "jw01234-o001_t001_miri_p750l",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        ),
    },
    "wfss_nis": {
        "jw01234-o001_image3_00001_asn.json": (
            "candidate_Asn_Lv3Image",
            "t001",
            "jw01234-o001_t001_niriss_clear-f200w",
            [("jw01234001001_01101_00002_nrcb1_cal.fits", "science")],
        ),
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3WFSSNIS",
            "t001",
            "jw01234-o001_t001_niriss_f200w-gr150r",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        ),
    },
    "wfss_nrc": {
        "jw01234-o001_image3_00001_asn.json": (
            "candidate_Asn_Lv3Image",
            "t001",
            "jw01234-o001_t001_nircam_clear-f444w",
            [("jw01234001001_01101_00002_nrcb1_cal.fits", "science")],
        ),
        "jw01234-o001_spec3_00001_asn.json": (
            "candidate_Asn_Lv3WFSSNRC",
            "t001",
            "jw01234-o001_t001_nircam_f444w-grismr",
            [("jw01234001001_01101_00001_nrcb1_cal.fits", "science")],
        ),
    },
}
"""jwst 3.0.0's Stage 3 files for each case: name -> (asn_rule, target, product, members)."""

STAGE3: Final = frozenset({"image3", "spec3", "coron3", "ami3", "tso3", "wfs-image3", "user_built"})


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_writes_what_jwst_writes(case: str) -> None:
    made = generate_files(pool(*CASES[case]))
    written = {
        name: (
            asn.asn_rule,
            asn.target,
            asn.products[0].name,
            [(m.expname, m.exptype) for m in asn.products[0].members],
        )
        for name, asn in made
        if asn.asn_type in STAGE3
    }
    assert written == EXPECTED[case]


def test_every_stage3_rule_is_exercised() -> None:
    from asnkit.generate.level3 import LEVEL3_RULES

    used = {rule.split("_", 1)[1] for files in EXPECTED.values() for rule, *_ in files.values()}
    stated = {rule.name for rule in LEVEL3_RULES}
    # Target acquisitions never start an association of their own (test_engine covers them);
    # a mosaic needs two observations (test_engine covers it too).
    assert stated - used == {"Asn_Lv3ACQ_Reprocess", "Asn_Lv3ImageMosaic"}
