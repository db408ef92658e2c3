"""The Stage 2b rules of jwst 3.0.0's default registry, stated.

A Stage 2b association has one product per science exposure, named after it, with the
exposures that calibrate it (backgrounds, imprints, nod positions, a direct image's
catalog). Each rule is a :class:`~asnkit.generate.rule.PoolRule` whose ``where`` says, in
the language of :mod:`asnkit.generate.constraints`, which rows it takes and which keywords
they share; what every Stage 2b association does (its members' file names, the product
name, which candidates may hold it) is the engine's. ``docs/generate-rules.md`` (Level 2b)
is the table these statements encode, rule by rule. The conditions they are made of are
:mod:`asnkit.generate._level2b_conditions`'s, the finalizers
:mod:`asnkit.generate._level2b_finalizers`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, cast

from asnkit.generate import dms
from asnkit.generate._level2b_conditions import (
    BACKGROUND,
    BASE,
    IMAGE_NONSCIENCE,
    IMAGE_SCIENCE,
    IMPRINT,
    IMPRINT_SPECIAL,
    IS_SCIENCE,
    MODE,
    NOT_SCIENCE,
    NOT_TSO,
    NRSIFU_VALID,
    SPECIAL,
    TARGET,
    TSO,
    WFSC,
    WFSS_EXPOSURES,
    exp_type_in,
    lrs_nod_type,
    nrslamp_valid_detector,
    row_is,
    single_science,
    special_type,
    spectral_science,
    wfss_or_direct,
    wfss_type,
)
from asnkit.generate._level2b_finalizers import (
    finalize_imprint_nods,
    finalize_imprints,
    finalize_wfss,
    finalize_wfss_parallel,
    split_nods,
)
from asnkit.generate.constraints import (
    Attr,
    Check,
    Computed,
    Work,
    all_of,
    any_of,
    none_of,
    not_all_of,
)
from asnkit.generate.rule import PoolRule
from asnkit.rules import Level2bRule

if TYPE_CHECKING:
    from asnkit.generate.engine import GenAsn

__all__ = ["LEVEL2B_RULES"]


# ------------------------------------------------------------------ the rules

_STAGE: Final = Level2bRule.stage
"""The stage of every rule here: its stage object's, jwst's ``DMSLevel2bBase``."""

LEVEL2B_RULES: Final[tuple[PoolRule, ...]] = (
    PoolRule(
        name="Asn_Lv2CoronAsRate",
        stage=_STAGE,
        asn_type="image2",
        doc="NIRCam full-frame coronagraphy calibrated as plain images (_rate).",
        where=all_of(
            BASE,
            MODE,
            exp_type_in("nrc_coron"),
            Attr(("subarray",), "full", name="subarray"),
            Check(source=lambda row, _asn: dms.nrccoron_valid_detector(row), value=True),
            any_of(BACKGROUND, single_science()),
        ),
        integrations=dms.per_integration_as_image,
    ),
    PoolRule(
        name="Asn_Lv2FGS",
        stage=_STAGE,
        asn_type="image2",
        doc="An FGS image or focus exposure, outside wavefront sensing visits.",
        where=all_of(
            BASE,
            single_science(),
            exp_type_in("fgs_image|fgs_focus"),
            none_of(WFSC),
        ),
    ),
    PoolRule(
        name="Asn_Lv2Image",
        stage=_STAGE,
        asn_type="image2",
        doc="A science image (not a time series) with the backgrounds of its mode.",
        where=all_of(BASE, MODE, IMAGE_SCIENCE, NOT_TSO, any_of(BACKGROUND, single_science())),
    ),
    PoolRule(
        name="Asn_Lv2ImageNonScience",
        stage=_STAGE,
        asn_type="image2",
        doc="A target acquisition or other non-science image, processed as science.",
        where=all_of(BASE, IMAGE_NONSCIENCE, single_science()),
        member_type=special_type,
    ),
    PoolRule(
        name="Asn_Lv2ImageSpecial",
        stage=_STAGE,
        asn_type="image2",
        doc="A background or PSF image, processed as science on its own.",
        where=all_of(BASE, MODE, IMAGE_SCIENCE, single_science(), SPECIAL),
        member_type=special_type,
    ),
    PoolRule(
        name="Asn_Lv2ImageTSO",
        stage=_STAGE,
        asn_type="tso-image2",
        doc="A time-series image.",
        where=all_of(BASE, MODE, IMAGE_SCIENCE, single_science(), TSO),
    ),
    PoolRule(
        name="Asn_Lv2MIRLRSFixedSlitNod",
        stage=_STAGE,
        asn_type="spec2",
        doc="A MIRI LRS slit nod, the other nod positions its backgrounds, with the TA confirm.",
        where=all_of(
            # Only says so for --explain: every alternative below needs one of these.
            Attr(("exp_type",), "mir_lrs-fixedslit|mir_taconfirm", unique=False, label="LRS"),
            all_of(
                BASE,
                Check(
                    source=lambda _row, asn: cast("GenAsn", asn).acid[1] != "background",
                    value=True,
                    unique=False,
                ),
            ),
            any_of(
                all_of(
                    exp_type_in("mir_lrs-fixedslit"),
                    Attr(("patt_num",), name="patt_num"),
                    single_science(again=Work.EXISTING),
                    Attr(("patttype",), "along-slit-nod", name="patttype", unique=False),
                ),
                all_of(
                    exp_type_in("mir_lrs-fixedslit"),
                    Attr(
                        ("patt_num",),
                        Computed(
                            lambda asn: f"((?!{asn.bound('patt_num')}).)*", "not the science's"
                        ),
                        name="is_current_patt_num",
                    ),
                    Check(
                        source=lambda _row, _asn: False,
                        test=lambda _value, _source: True,
                        name="force_match",
                    ),
                    Attr(("patttype",), "along-slit-nod", name="patttype", unique=False),
                ),
                exp_type_in("mir_taconfirm"),
            ),
        ),
        member_type=lrs_nod_type,
    ),
    PoolRule(
        name="Asn_Lv2NRSFSS",
        stage=_STAGE,
        asn_type="spec2",
        doc="NIRSpec fixed-slit nods: each position the science, the others its backgrounds.",
        where=all_of(
            BASE,
            MODE,
            exp_type_in("nrs_fixedslit"),
            row_is(dms.nrsfss_valid_detector),
            any_of(
                NOT_SCIENCE,
                all_of(
                    Attr(("expspcin",), name="expspcin"),
                    Attr(("numdthpt",), name="nods"),
                    Attr(("subpxpns", "subpxpts"), name="subpxpts"),
                    IS_SCIENCE,
                ),
            ),
        ),
        finalize=split_nods,
    ),
    PoolRule(
        name="Asn_Lv2NRSIFUNod",
        stage=_STAGE,
        asn_type="spec2",
        doc="NIRSpec IFU 2- and 4-point nods: each position the science, the others its "
        "backgrounds, with the imprints.",
        where=all_of(
            BASE,
            MODE,
            exp_type_in("nrs_ifu"),
            NRSIFU_VALID,
            Attr(("patttype",), "2-point-nod|4-point-nod", name="patttype"),
            Attr(("mostilno",), name="mosaic_tile"),
        ),
        finalize=finalize_imprint_nods,
    ),
    PoolRule(
        name="Asn_Lv2NRSLAMPImage",
        stage=_STAGE,
        asn_type="image2",
        doc="A NIRSpec lamp exposure through the mirror.",
        where=all_of(
            BASE,
            single_science(),
            exp_type_in("nrs_lamp"),
            Attr(("grating",), "mirror"),
            Attr(("opmode",), "image", required=False),
        ),
        member_type=special_type,
    ),
    PoolRule(
        name="Asn_Lv2NRSLAMPSpectral",
        stage=_STAGE,
        asn_type="nrslamp-spec2",
        doc="A NIRSpec lamp spectrum (auto-flat, auto-wave, lamp).",
        where=all_of(
            BASE,
            single_science(),
            exp_type_in("nrs_autoflat|nrs_autowave|nrs_lamp"),
            Attr(("filter",), "opaque", name="opt_elem"),
            row_is(nrslamp_valid_detector),
            any_of(
                none_of(Attr(("opmode",), "msaspec", name="opmode")),
                all_of(Attr(("opmode",), "msaspec"), Attr(("msametfl",))),
            ),
            Attr(("lamp",), name="lamp"),
            none_of(
                Attr(("grating",), "mirror", unique=False),
                Attr(("opmode",), "grating-only", unique=False),
                Attr(("lamp",), "nolamp", unique=False),
            ),
        ),
        member_type=special_type,
    ),
    PoolRule(
        name="Asn_Lv2NRSMSA",
        stage=_STAGE,
        asn_type="spec2",
        doc="NIRSpec MSA slitlet nods: each position the science, the others its backgrounds.",
        where=all_of(
            BASE,
            MODE,
            all_of(
                exp_type_in("nrs_msaspec"),
                Attr(("msametfl",)),
                Attr(("expspcin",), name="expspcin"),
            ),
        ),
        finalize=split_nods,
    ),
    PoolRule(
        name="Asn_Lv2Spec",
        stage=_STAGE,
        asn_type="spec2",
        doc="A spectrum (not a time series, nod or slit mode with a rule of its own) with its "
        "imprints and backgrounds.",
        where=all_of(
            BASE,
            MODE,
            spectral_science(
                "nis_wfss",
                "nrc_wfss",
                "nrs_fixedslit",
                "nrs_msaspec",
                "mir_lrs-slitless",
                "mir_lrs-fixedslit",
            ),
            any_of(
                BACKGROUND,
                all_of(any_of(IMPRINT, single_science()), Attr(("mostilno",), name="mostilno")),
            ),
            none_of(
                TSO,
                Attr(("patttype",), "2-point-nod|4-point-nod|along-slit-nod", name="patttype"),
            ),
            NRSIFU_VALID,
        ),
        finalize=finalize_imprints,
    ),
    PoolRule(
        name="Asn_Lv2SpecImprint",
        stage=_STAGE,
        asn_type="spec2",
        doc="An imprint (leakcal) exposure, processed as science on its own.",
        where=all_of(
            BASE,
            MODE,
            spectral_science(),
            single_science(),
            NRSIFU_VALID,
            Attr(("is_imprt",), name="imprint"),
        ),
        member_type=special_type,
    ),
    PoolRule(
        name="Asn_Lv2SpecSpecial",
        stage=_STAGE,
        asn_type="spec2",
        doc="A background or PSF spectrum, processed as science, with its imprints.",
        where=all_of(
            BASE,
            MODE,
            spectral_science(),
            SPECIAL,
            NRSIFU_VALID,
            any_of(IMPRINT_SPECIAL, single_science()),
        ),
        member_type=special_type,
        finalize=finalize_imprints,
    ),
    PoolRule(
        name="Asn_Lv2SpecTSO",
        stage=_STAGE,
        asn_type="tso-spec2",
        doc="A time-series spectrum.",
        where=all_of(
            all_of(
                BASE,
                MODE,
                spectral_science(
                    "nrs_msaspec", "nrs_fixedslit", "mir_lrs-slitless", "mir_lrs-fixedslit"
                ),
                single_science(),
                TSO,
            ),
            none_of(all_of(exp_type_in("nrc_tsgrism"), Attr(("pupil",), "clear", name="pupil"))),
            none_of(
                all_of(
                    exp_type_in("nrs_brightobj"),
                    row_is(lambda row: not dms.nrsfss_valid_detector(row)),
                )
            ),
            none_of(
                all_of(
                    exp_type_in("nis_soss"),
                    row_is(lambda row: not dms.nissoss_calibrated_filter(row)),
                )
            ),
        ),
    ),
    PoolRule(
        name="Asn_Lv2WFSC",
        stage=_STAGE,
        asn_type="image2",
        doc="A wavefront sensing and control image.",
        where=all_of(
            BASE,
            IMAGE_SCIENCE,
            single_science(),
            WFSC,
            not_all_of(
                Attr(("dms_note",), "wfsc_los_jitter", name="dms_note"),
                exp_type_in("nrc_image"),
            ),
        ),
    ),
    PoolRule(
        name="Asn_Lv2WFSSMIR",
        stage=_STAGE,
        asn_type="spec2",
        doc="A MIRI slitless grism exposure with the catalog of its direct image.",
        where=all_of(
            BASE,
            TARGET,
            wfss_or_direct("mir_wfss", "mir_image"),
            Attr(("instrume",), name="instrument"),
            Attr(("detector",), name="detector"),
            WFSS_EXPOSURES,
        ),
        member_type=wfss_type,
        finalize=finalize_wfss,
    ),
    PoolRule(
        name="Asn_Lv2WFSSNIS",
        stage=_STAGE,
        asn_type="spec2",
        doc="A NIRISS slitless grism exposure with the catalog of its direct image.",
        where=all_of(
            BASE,
            TARGET,
            wfss_or_direct("nis_wfss", "nis_image"),
            Attr(("instrume",), name="instrument"),
            Attr(("instrume",), name="instrument"),
            Attr(("pupil",), name="pupil"),
            Attr(("subarray",), name="subarray"),
            WFSS_EXPOSURES,
        ),
        member_type=wfss_type,
        finalize=finalize_wfss,
    ),
    PoolRule(
        name="Asn_Lv2WFSSNRC",
        stage=_STAGE,
        asn_type="spec2",
        doc="A NIRCam slitless grism exposure with the catalog of its direct image.",
        where=all_of(
            BASE,
            TARGET,
            wfss_or_direct("nrc_wfss", "nrc_image"),
            Attr(("instrume",), name="instrument"),
            Attr(("detector",), name="detector"),
            WFSS_EXPOSURES,
        ),
        member_type=wfss_type,
        finalize=finalize_wfss,
    ),
    PoolRule(
        name="Asn_Lv2WFSSParallel",
        stage=_STAGE,
        asn_type="spec2",
        doc="A pure-parallel slitless grism exposure with the catalog of its direct image.",
        where=all_of(
            Attr(("asn_candidate",), dms.DIRECT_IMAGE_CANDIDATE, name="acdirect"),
            wfss_or_direct("nis_wfss|nrc_wfss|mir_wfss", "nis_image|nrc_image|mir_image"),
            WFSS_EXPOSURES,
            TARGET,
            Attr(("instrume",), name="instrument"),
        ),
        member_type=wfss_type,
        finalize=finalize_wfss_parallel,
        any_candidate=True,
    ),
    PoolRule(
        name="Asn_MIRLRSTAConfirm",
        stage=_STAGE,
        asn_type="spec2",
        doc="A MIRI LRS spectrum with its backgrounds and the TA confirmation of its observation.",
        where=all_of(
            BASE,
            any_of(
                all_of(
                    MODE,
                    any_of(
                        all_of(single_science(), exp_type_in("mir_lrs-slitless|mir_lrs-fixedslit")),
                        all_of(
                            BACKGROUND, NOT_TSO, exp_type_in("mir_lrs-slitless|mir_lrs-fixedslit")
                        ),
                    ),
                ),
                all_of(
                    Attr(("obs_id",), name="obs_id"),
                    any_of(
                        all_of(single_science(), exp_type_in("mir_lrs-slitless|mir_lrs-fixedslit")),
                        exp_type_in("mir_taconfirm"),
                    ),
                ),
            ),
        ),
    ),
)
"""Every Stage 2b rule, in jwst's registry order (its rule names, sorted)."""
