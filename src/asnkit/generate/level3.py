"""The Stage 3 rules of jwst 3.0.0's default registry, stated.

Read each rule next to jwst's documentation of the rule of the same name
(``jwst/associations/lib/rules_level3.py``). The building blocks first: the conditions
many rules share, then the product names, then the table :data:`LEVEL3_RULES`.

Every science rule (``science=True``) is wrapped by :func:`science_conditions`: the
association keeps one program and one instrument, takes no imprint exposure, and a target
acquisition of one of its observations joins it as a ``target_acquisition`` member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit.generate import dms
from asnkit.generate.constraints import (
    Attr,
    Check,
    FoundIn,
    Group,
    Work,
    all_of,
    any_of,
    none_of,
)
from asnkit.generate.rule import Need, PoolRule
from asnkit.rules import Level3Rule

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.generate.constraints import Node, RowView
    from asnkit.generate.rule import AsnState

__all__ = ["LEVEL3_RULES", "dms_product_name", "science_conditions"]


# ------------------------------------------------------------------ shared conditions


def _dms_exposure_type(row: Mapping[str, str], _asn: RowView) -> str:
    return dms.exposure_type(row)


def _not_background(row: Mapping[str, str], asn: RowView) -> bool:
    return asn.exposure_type(row) != "background"


def _is_science(row: Mapping[str, str], asn: RowView) -> bool:
    return asn.exposure_type(row) == "science"


TARGET_ACQ: Final = Check(
    source=_dms_exposure_type,
    value="target_acquisition",
    name="target_acq",
    label="TargetAcq",
    reads=dms.EXPOSURE_KEYS,
)
"""The row is a target acquisition."""

TSO: Final = all_of(
    Attr(("pntgtype",), "science"),
    any_of(
        Attr(("tsovisit",), "t"),
        Attr(("exp_type",), "|".join(dms.TSO_EXP_TYPES)),
    ),
    name="is_tso",
    label="TSO",
)
"""A science row of a time-series visit or of a time-series exposure type."""

NOT_TSO: Final = none_of(TSO, label="NotTSO")
NOT_BACKGROUND: Final = none_of(Attr(("bkgdtarg",), name="bkgdtarg", unique=False), label="NotBkgd")
NOT_BACKGROUND_OR_TSO: Final = none_of(
    Attr(("bkgdtarg",), name="bkgdtarg"), TSO, label="NotBkgdOrTSO"
)

OPTICAL_PATH: Final = all_of(
    Attr(("filter",), name="opt_elem", required=False),
    Attr(("pupil", "grating"), name="opt_elem2", required=False),
    any_of(
        Attr(("fxd_slit",), ("s200a1|s200a2",), name="fxd_slit2", unique=False, required=False),
        Attr(("fxd_slit",), name="fxd_slit", required=False),
    ),
    Attr(("subarray",), name="subarray"),
    label="Optical_Path",
)
"""Grouped by FILTER, PUPIL (or GRATING), fixed slit (S200A1 and S200A2 together) and SUBARRAY."""

_DIRECT_IMAGE: Final = all_of(
    Attr(("asn_candidate",), dms.DIRECT_IMAGE_CANDIDATE, name="acdirect"),
    Check(source=lambda _row, _asn: "000", name="target", reads=()),
)


def target(*, by_association: bool = True) -> Group:
    """Grouped by TARGETID; a direct-image candidate is target ``000``.

    With ``by_association``, a row the association would make a background does not
    count, and every row is offered again to the associations made later.
    """
    if not by_association:
        return any_of(_DIRECT_IMAGE, Attr(("targetid",), name="target"), label="Target")
    return any_of(
        _DIRECT_IMAGE,
        Attr(
            ("targetid",),
            name="target",
            only_if=_not_background,
            reads=dms.EXPOSURE_KEYS,
            reprocess=Work.EXISTING,
            only_on_match=True,
        ),
        label="Target",
    )


def _science_target() -> Attr:
    """Grouped by TARGETID of the science rows; other rows are offered again."""
    return Attr(
        ("targetid",),
        name="target",
        only_if=_is_science,
        reads=dms.EXPOSURE_KEYS,
        reprocess=Work.EXISTING,
        only_on_match=True,
    )


IMAGE: Final = Attr(
    ("exp_type",),
    "nrc_image|mir_image|nis_image|fgs_image|nrs_mimf",
    name="exp_type",
    label="Image",
)
NOT_WFSC_VISIT: Final = Attr(("visitype",), "((?!wfsc).)*", name="wfsvisit", required=False)
"""Not a wavefront sensing and control visit."""


def science_conditions(where: Node) -> Group:
    """A Stage 3 science rule's conditions: jwst's ``AsnMixin_Science``."""
    acquisitions = Group(
        (
            TARGET_ACQ,
            Attr(("obs_num",), FoundIn("obs_num"), name="acq_obsnum", unique=False),
        ),
        "all",
        name="acq_constraint",
        work=Work.EXISTING,
    )
    return all_of(
        all_of(
            Attr(("program",), name="program"),
            Attr(("instrume",), name="instrument"),
            name="base",
        ),
        Attr(("is_imprt",), undefined=True, label="not imprint"),
        any_of(
            all_of(
                where,
                Attr(("obs_num",), name="obs_num", unique=False, required=False),
                name="rule",
            ),
            acquisitions,
            name="acq_check",
        ),
        name="dmsbase_top",
    )


# ------------------------------------------------------------------ product names


def _suffixed(value: str) -> str:
    return f"-{value}" if value else ""


def _parts(asn: AsnState) -> tuple[str, str, str, str, str, str, str]:
    gen = asn  # the engine's association has these readers
    return (
        asn.program,
        asn.acid[0],
        gen.target(),  # type: ignore[attr-defined]
        gen.instrument(),  # type: ignore[attr-defined]
        gen.opt_element(),  # type: ignore[attr-defined]
        gen.slit_name(),  # type: ignore[attr-defined]
        gen.subarray(),  # type: ignore[attr-defined]
    )


def dms_product_name(asn: AsnState) -> str:
    """``jw{program}-{acid}_{target}_{instrument}_{optical elements}[-{slit}][-{subarray}]``."""
    program, acid, tgt, instrument, opt, slit, subarray = _parts(asn)
    name = f"jw{program}-{acid}_{tgt}_{instrument}_{opt}{_suffixed(slit)}{_suffixed(subarray)}"
    return name.lower()


def name_without_optics(asn: AsnState) -> str:
    """``jw{program}-{acid}_{target}_{instrument}`` (MIRI MRS: every band in one product)."""
    program, acid, tgt, instrument, *_ = _parts(asn)
    return f"jw{program}-{acid}_{tgt}_{instrument}".lower()


def name_per_source(asn: AsnState) -> str:
    """``jw{program}-{acid}_{source_id}_...``: the pipeline fills ``{source_id}`` per source."""
    program, acid, _, instrument, opt, slit, subarray = _parts(asn)
    name = (
        f"jw{program}-{acid}_{{source_id}}_{instrument}_{opt}{_suffixed(slit)}{_suffixed(subarray)}"
    )
    return name.lower()


def name_fixed_slit_sources(asn: AsnState) -> str:
    """NIRSpec fixed slits: ``..._{target}-{source_id}_..._{opt}-{slit_name}``, filled later."""
    program, acid, tgt, instrument, opt, _, subarray = _parts(asn)
    name = (
        f"jw{program}-{acid}_{tgt}-{{source_id}}_{instrument}_{opt}-{{slit_name}}"
        f"{_suffixed(subarray)}"
    )
    return name.lower()


def name_coronagraphic_image(asn: AsnState) -> str:
    """NIRCam coronagraphy's short-wave images: ``..._{opt}[-{subarray}]-image3``."""
    program, acid, tgt, instrument, opt, _, subarray = _parts(asn)
    return f"jw{program}-{acid}_{tgt}_{instrument}_{opt}{_suffixed(subarray)}-image3".lower()


def name_wavefront(asn: AsnState) -> str:
    """Wavefront sensing: the DMS name, then ``-{detector}_{suffix}-{activity}``."""
    detector = asn.bound("detector")
    activity = asn.bound("act_id")
    detector_text = "" if detector is None else str(detector)
    activity_text = "" if activity is None else str(activity).rjust(2, "0")
    return f"{dms_product_name(asn)}-{detector_text}_{{suffix}}-{activity_text}".lower()


# ------------------------------------------------------------------ needs


def _member_is(exptype: str) -> Need:
    return Need(f"has_{exptype}", lambda member, _asn: member["exptype"] == exptype)


def _candidate_is(kind: str) -> Need:
    return Need(f"is_type_{kind}", lambda _member, asn: asn.acid[1].lower() == kind)


HAS_PSF: Final = _member_is("psf")
HAS_PAIR: Final = Need("has_pair", lambda _member, asn: asn.member_count() == 1)
NOT_GROUP: Final = Need("is_not_group", lambda _member, asn: asn.acid[1].lower() != "group")


# ------------------------------------------------------------------ fixed-slit nods


def fixed_slit_backgrounds(asn: object) -> list[object] | None:
    """Nodded spectra: each science exposure's spectrum is also a background member.

    jwst's ``make_fixedslit_bkg``: with a nod pattern and at least two science members,
    each science member's ``_x1d`` joins as ``background``.
    """
    from asnkit.generate.finish import add_nod_backgrounds

    return add_nod_backgrounds(asn)


# ------------------------------------------------------------------ the rules

_STAGE: Final = Level3Rule.stage
"""The stage of every rule here: its stage object's, jwst's ``DMS_Level3_Base``."""


def _rule(
    *, name: str, asn_type: str, doc: str, where: Node, science: bool = True, **more: object
) -> PoolRule:
    """A Stage 3 rule, wrapped and named as the stage does.

    A science rule's ``where`` is wrapped by :func:`science_conditions`; the product is
    named by :func:`dms_product_name` unless the rule says otherwise.
    """
    more.setdefault("product_name", dms_product_name)
    return PoolRule(
        name=name,
        stage=_STAGE,
        asn_type=asn_type,
        doc=doc,
        where=science_conditions(where) if science else where,
        science=science,
        **more,  # type: ignore[arg-type]
    )


LEVEL3_RULES: Final[tuple[PoolRule, ...]] = (
    _rule(
        name="Asn_Lv3ACQ_Reprocess",
        asn_type="user_built",
        science=False,
        doc=(
            "Target acquisitions make no association of their own: each is offered again, "
            "after every science row, to the associations already made."
        ),
        where=all_of(
            TARGET_ACQ,
            Check(
                name="force_fail",
                value="anything but None",
                test=lambda _value, _row: False,
                reads=(),
                label="an acquisition joins the associations of its observation, never starts one",
                reprocess_on_fail=True,
                work=Work.NONSCIENCE,
                reprocess_rules=(),
            ),
        ),
    ),
    _rule(
        name="Asn_Lv3AMI",
        asn_type="ami3",
        doc="NIRISS aperture masking interferometry: the science target with its PSF references.",
        where=all_of(
            OPTICAL_PATH,
            Attr(("exp_type",), "nis_ami", name="exp_type"),
            _science_target(),
        ),
        needs=(HAS_PSF,),
    ),
    _rule(
        name="Asn_Lv3Image",
        asn_type="image3",
        doc="Imaging (NIRCam, MIRI, NIRISS, FGS, NIRSpec MIMF) of one target in one optical path.",
        where=all_of(OPTICAL_PATH, target(), IMAGE, NOT_WFSC_VISIT, NOT_BACKGROUND_OR_TSO),
    ),
    _rule(
        name="Asn_Lv3ImageBackground",
        asn_type="image3",
        roles="science_or_acquisition",
        doc="The background images of an imaging observation, combined as science.",
        where=all_of(
            OPTICAL_PATH,
            target(),
            IMAGE,
            NOT_WFSC_VISIT,
            Attr(("bkgdtarg",), name="bkgdtarg"),
            NOT_TSO,
        ),
    ),
    _rule(
        name="Asn_Lv3ImageMosaic",
        asn_type="image3",
        doc="Imaging across the observations of a mosaic candidate, whatever the target.",
        where=all_of(OPTICAL_PATH, IMAGE, NOT_WFSC_VISIT, NOT_BACKGROUND_OR_TSO),
        needs=(_candidate_is("mosaic"),),
    ),
    _rule(
        name="Asn_Lv3MIRCoron",
        asn_type="coron3",
        doc="MIRI coronagraphy (Lyot, 4QPM): the science target with its PSF references.",
        where=Group(
            (
                OPTICAL_PATH,
                Attr(("exp_type",), "mir_lyot|mir_4qpm", name="exp_type"),
                _science_target(),
                NOT_BACKGROUND,
            ),
            "all",
            name="asn_coron",
        ),
        needs=(HAS_PSF,),
    ),
    _rule(
        name="Asn_Lv3MIRMRS",
        asn_type="spec3",
        product_name=name_without_optics,
        doc="MIRI MRS: every channel and band of a target in one product.",
        where=all_of(target(), Attr(("exp_type",), "mir_mrs", name="exp_type"), NOT_TSO),
    ),
    _rule(
        name="Asn_Lv3MIRMRSBackground",
        asn_type="spec3",
        roles="science_or_acquisition",
        product_name=name_without_optics,
        doc="MIRI MRS background observations, combined as science.",
        where=all_of(
            target(by_association=False),
            Attr(("exp_type",), "mir_mrs", name="exp_type"),
            NOT_TSO,
            Attr(("bkgdtarg",), "T", name="bkgdtarg"),
        ),
    ),
    _rule(
        name="Asn_Lv3NRCCoron",
        asn_type="coron3",
        doc=(
            "NIRCam coronagraphy: the science target with its PSF references, on the "
            "detectors that hold the mask."
        ),
        where=Group(
            (
                OPTICAL_PATH,
                Attr(("exp_type",), "nrc_coron", name="exp_type"),
                _science_target(),
                NOT_BACKGROUND,
                Check(
                    value=True,
                    test=lambda _value, row: dms.nrccoron_valid_detector(row),  # type: ignore[arg-type]
                    reads=("detector", "subarray", "pupil"),
                    unique=False,
                    label="valid detector",
                ),
            ),
            "all",
            name="asn_coron",
        ),
        needs=(HAS_PSF,),
    ),
    _rule(
        name="Asn_Lv3NRCCoronImage",
        asn_type="image3",
        product_name=name_coronagraphic_image,
        integrations=dms.per_integration_as_image,
        doc=(
            "NIRCam coronagraphy's short-wave full-frame exposures, also combined as an "
            "image (``-image3`` product)."
        ),
        where=all_of(
            OPTICAL_PATH,
            Attr(("exp_type",), "nrc_coron", name="exp_type"),
            _science_target(),
            none_of(
                Attr(("bkgdtarg",), name="bkgdtarg", unique=False),
                Attr(("is_psf",), "T", name="is_psf"),
            ),
            Attr(("channel",), "short", name="channel"),
            Attr(("subarray",), "full", name="subarray"),
        ),
    ),
    _rule(
        name="Asn_Lv3NRSFSS",
        asn_type="spec3",
        product_name=name_fixed_slit_sources,
        doc=(
            "NIRSpec fixed-slit spectroscopy, for detectors that see the slit's light; the "
            "pipeline names each source's product."
        ),
        where=all_of(
            NOT_TSO,
            Attr(
                ("exp_type",),
                "nrs_autoflat|nrs_autowave|nrs_fixedslit",
                name="exp_type",
                unique=False,
            ),
            Check(
                value=True,
                test=lambda _value, row: dms.nrsfss_valid_detector(row),  # type: ignore[arg-type]
                reads=dms.NRSFSS_KEYS,
                unique=False,
                label="valid detector",
            ),
            OPTICAL_PATH,
            target(),
        ),
    ),
    _rule(
        name="Asn_Lv3NRSIFU",
        asn_type="spec3",
        doc="NIRSpec IFU: a target's cubes, per grating, for detectors that see the light.",
        where=all_of(
            target(),
            Attr(("exp_type",), "nrs_autowave|nrs_ifu", name="exp_type", unique=False),
            Check(
                value=True,
                test=lambda _value, row: dms.nrsifu_valid_detector(row),  # type: ignore[arg-type]
                reads=dms.NRSIFU_KEYS,
                unique=False,
                label="valid detector",
            ),
            Attr(("patttype",), name="patttype"),
            NOT_TSO,
            Attr(("grating",), name="opt_elem"),
        ),
    ),
    _rule(
        name="Asn_Lv3NRSIFUBackground",
        asn_type="spec3",
        roles="science_or_acquisition",
        doc="NIRSpec IFU background observations, combined as science.",
        where=all_of(
            target(),
            NOT_TSO,
            Attr(("bkgdtarg",), "T", name="bkgdtarg"),
            Attr(("exp_type",), "nrs_ifu", name="allowed_bkgdtarg"),
            Check(
                value=True,
                test=lambda _value, row: dms.nrsifu_valid_detector(row),  # type: ignore[arg-type]
                reads=dms.NRSIFU_KEYS,
                unique=False,
                label="valid detector",
            ),
            Attr(("grating",), name="opt_elem"),
        ),
    ),
    _rule(
        name="Asn_Lv3SlitlessSpectral",
        asn_type="spec3",
        doc="NIRISS SOSS outside time series and nods.",
        where=all_of(
            NOT_TSO,
            OPTICAL_PATH,
            target(),
            Attr(("exp_type",), "nis_soss", name="exp_type", unique=False),
            none_of(Attr(("patttype",), name="patttype_spectarg")),
            none_of(Attr(("exp_type",), "mir_lrs-slitless", name="restricted_slitless"), TSO),
        ),
    ),
    _rule(
        name="Asn_Lv3SpecAux",
        asn_type="spec3",
        roles="science_or_acquisition",
        doc="Fixed-slit (MIRI LRS, NIRSpec) background observations, combined as science.",
        where=all_of(
            target(),
            NOT_TSO,
            Attr(("bkgdtarg",), "T", name="bkgdtarg"),
            Attr(("exp_type",), "mir_lrs-fixedslit|nrs_fixedslit", name="allowed_bkgdtarg"),
            OPTICAL_PATH,
        ),
    ),
    _rule(
        name="Asn_Lv3SpectralSource",
        asn_type="spec3",
        product_name=name_per_source,
        doc="NIRSpec MSA (and its calibrations): one product per source, named by the pipeline.",
        where=all_of(
            NOT_TSO,
            OPTICAL_PATH,
            target(),
            any_of(
                Attr(("exp_type",), "nrs_autoflat|nrs_autowave", name="exp_type", unique=False),
                all_of(
                    Attr(("exp_type",), "nrs_msaspec", name="exp_type", unique=False),
                    Attr(("msametfl",), name="is_msa", unique=False),
                    name="msa_spectral",
                ),
            ),
        ),
    ),
    _rule(
        name="Asn_Lv3SpectralTarget",
        asn_type="spec3",
        finalize=fixed_slit_backgrounds,
        doc=(
            "MIRI LRS fixed slit and NIRISS SOSS in a nod pattern; each nod's spectrum is "
            "the others' background."
        ),
        where=all_of(
            NOT_TSO,
            OPTICAL_PATH,
            target(),
            Attr(("exp_type",), "mir_lrs-fixedslit|nis_soss", name="exp_type", unique=False),
            any_of(
                Attr(
                    ("patttype",),
                    "2-point-nod|4-point-nod|along-slit-nod",
                    name="patttype_spectarg",
                )
            ),
        ),
    ),
    _rule(
        name="Asn_Lv3TSO",
        asn_type="tso3",
        doc="Time series of an observation, but IFU and uncalibrated grism or SOSS set-ups.",
        where=all_of(
            target(),
            OPTICAL_PATH,
            TSO,
            Attr(("exp_type",), name="exp_type"),
            none_of(
                Attr(
                    ("exp_type",),
                    "mir_mrs|mir_flatmrs|nrs_autowave|nrs_ifu",
                    name="exp_type",
                    unique=False,
                    label="IFU",
                )
            ),
            none_of(
                all_of(
                    Attr(("exp_type",), "nrc_tsgrism", name="restricted_grism"),
                    Attr(("pupil",), "clear|gdhs0|gdhs60", name="grism_clear"),
                ),
                all_of(
                    Attr(("exp_type",), "nrc_tsgrism", name="restricted_ts"),
                    Attr(("detector",), "nrcblong", name="module"),
                ),
                Attr(
                    ("subarray",),
                    "sub260stripe4_dhs|sub41stripe1_dhs|sub82stripe2_dhs|sub164stripe4_dhs",
                    name="subarray",
                ),
            ),
            none_of(
                all_of(
                    Attr(("exp_type",), "nis_soss", name="exp_type"),
                    Attr(("nints",), "1", name="nints"),
                ),
                all_of(
                    Attr(("exp_type",), "nis_soss", name="exp_type"),
                    Check(
                        value=False,
                        test=lambda value, row: dms.nissoss_calibrated_filter(row) == value,  # type: ignore[arg-type]
                        reads=("exp_type", "filter"),
                        unique=False,
                        label="calibrated filter",
                    ),
                ),
            ),
            none_of(
                all_of(
                    Attr(("exp_type",), "nrs_brightobj", name="exp_type"),
                    Check(
                        value=False,
                        test=lambda value, row: dms.nrsfss_valid_detector(row) == value,  # type: ignore[arg-type]
                        reads=dms.NRSFSS_KEYS,
                        unique=False,
                        label="valid detector",
                    ),
                )
            ),
        ),
        needs=(_candidate_is("observation"),),
    ),
    _rule(
        name="Asn_Lv3WFSCMB",
        asn_type="wfs-image3",
        product_name=name_wavefront,
        doc="Wavefront sensing: each pair of a detector and activity, combined.",
        where=all_of(
            OPTICAL_PATH,
            target(),
            IMAGE,
            Attr(("patttype",), "wfsc", name="patttype"),
            Attr(("detector",), name="detector"),
            Attr(("obs_id",), name="obs_id"),
            Attr(("act_id",), name="act_id"),
            none_of(Attr(("dms_note",), "wfsc_los_jitter", name="dms_note")),
        ),
        needs=(HAS_PAIR, NOT_GROUP),
    ),
    _rule(
        name="Asn_Lv3WFSSMIR",
        asn_type="spec3",
        doc="MIRI wide-field slitless spectroscopy (P750L).",
        where=all_of(
            target(),
            Attr(("exp_type",), "mir_wfss", name="exp_type"),
            Attr(("filter",), "P750L", name="opt_elem"),
        ),
    ),
    _rule(
        name="Asn_Lv3WFSSNIS",
        asn_type="spec3",
        doc="NIRISS wide-field slitless spectroscopy, per grism and blocking filter.",
        where=all_of(
            target(),
            Attr(("exp_type",), "nis_wfss", name="exp_type"),
            Attr(("filter",), "gr150r|gr150c", name="opt_elem"),
            Attr(("pupil",), name="opt_elem2"),
        ),
    ),
    _rule(
        name="Asn_Lv3WFSSNRC",
        asn_type="spec3",
        doc="NIRCam wide-field slitless spectroscopy, per grism and filter.",
        where=all_of(
            target(),
            Attr(("exp_type",), "nrc_wfss", name="exp_type"),
            Attr(("pupil",), "GRISMR|GRISMC", name="opt_elem"),
            Attr(("filter",), name="opt_elem2"),
        ),
    ),
)
"""Every Stage 3 rule, in jwst's registry order (its rule names, sorted)."""
