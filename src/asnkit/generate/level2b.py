"""The Stage 2b rules of jwst 3.0.0's default registry, stated.

A Stage 2b association has one product per science exposure, named after it, with the
exposures that calibrate it (backgrounds, imprints, nod positions, a direct image's
catalog). Each rule is a :class:`~asnkit.generate.rule.PoolRule` whose ``where`` says, in
the language of :mod:`asnkit.generate.constraints`, which rows it takes and which keywords
they share; what every Stage 2b association does (its members' file names, the product
name, which candidates may hold it) is the engine's. ``docs/generate-rules.md`` (Level 2b)
is the table these statements encode, rule by rule.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Final, TypeAlias, cast

from asnkit.generate import dms
from asnkit.generate.constraints import (
    Attr,
    Check,
    Computed,
    Group,
    Work,
    all_of,
    any_of,
    none_of,
    not_all_of,
)
from asnkit.generate.rule import Finalizer, PoolRule
from asnkit.rules import Level2bRule

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from asnkit.generate.constraints import RowView
    from asnkit.generate.engine import GenAsn

__all__ = ["LEVEL2B_RULES"]


# ------------------------------------------------------------------ facts

NRS_FSS_VALID_LAMP_OPTICAL_PATHS: Final = frozenset(
    {
        *(
            (grating, lamp, detector)
            for grating, lamps in (
                ("prism", ("line4", "flat5", "test")),
                ("g395h", ("flat3", "line3")),
                ("g235h", ("flat2", "line2")),
                ("g140h", ("flat1", "ref", "line1", "flat4")),
                ("g395m", ("flat3", "line3")),
                ("g235m", ("flat2", "line2")),
                ("g140m", ("flat1", "line1", "flat4")),
            )
            for lamp in lamps
            for detector in ("nrs1", "nrs2")
        ),
    }
)
"""(grating, lamp, detector) that hold a fixed-slit lamp spectrum."""

DIRECT_IMAGE_EXP_TYPES: Final = ("nis_image", "nrc_image", "mir_image")
"""The imaging exposure types a WFSS rule takes as direct images."""


def _ifu_lamp_reaches(grating: str, lamp: str, detector: str) -> bool:
    """Whether an IFU lamp spectrum falls on the detector.

    High-resolution long-wave gratings reach both detectors, medium ones and the prism NRS1
    only, G140H both but NRS2 with FLAT4.
    """
    if grating in ("g395h", "g235h"):
        return True
    if grating in ("g395m", "g235m", "g140m", "prism"):
        return detector == "nrs1"
    return grating == "g140h" and not (detector == "nrs2" and lamp == "flat4")


def nrslamp_valid_detector(row: Mapping[str, str]) -> bool:
    """Whether a NIRSpec lamp row's detector sees its grating and lamp in its mode."""
    detector = dms.value_of(row, "detector")
    grating = dms.value_of(row, "grating")
    opmode = dms.value_of(row, "opmode")
    lamp = dms.value_of(row, "lamp")
    if detector is None or grating is None or opmode is None:
        return False
    if opmode == "msaspec":
        return True
    if lamp is None:
        return False
    if opmode == "ifu":
        return _ifu_lamp_reaches(grating, lamp, detector)
    if opmode == "fixedslit":
        return (grating, lamp, detector) in NRS_FSS_VALID_LAMP_OPTICAL_PATHS
    return False


# ------------------------------------------------------------------ conditions


def _exp_type(*types: str, name: str | None = "exp_type") -> Attr:
    return Attr(("exp_type",), "|".join(types), name=name)


def _row_is(test: object) -> Check:
    """A computed test of the row alone (never binds)."""
    return Check(value=True, test=lambda _value, row: bool(test(row)), unique=False)  # type: ignore[operator]


def _member_type(row: Mapping[str, str], asn: RowView) -> str:
    return asn.exposure_type(row)


def _has_science(_row: Mapping[str, str], asn: RowView) -> bool:
    return asn.has_science()


def single_science(*, again: Work | None = None) -> Group:
    """The row is science (as this rule types it) and the association has none yet."""
    return Group(
        (
            Check(
                source=lambda row, asn: _member_type(row, asn) == "science",
                value=True,
                label="not science, as this rule types it",
            ),
            Check(
                source=_has_science,
                value=False,
                label="the association has its science exposure already",
            ),
        ),
        "all",
        reprocess_on_match=again is not None,
        work=again or Work.BOTH,
        label="Single_Science",
    )


BASE: Final = all_of(
    Attr(("program",), name="program"),
    Attr(("tsovisit",), name="is_tso", required=False),
    label="Base",
)
"""Same program; the first TSOVISIT set binds."""

MODE: Final = all_of(
    Attr(("instrume",), name="instrument"),
    Attr(("detector",), name="detector"),
    Attr(("filter", "band"), name="opt_elem"),
    Attr(("pupil", "grating"), name="opt_elem2", required=False),
    Attr(("fxd_slit",), name="fxd_slit", required=False),
    Attr(("subarray",), name="subarray", required=False),
    Attr(("channel",), name="channel", required=False),
    none_of(Attr(("detector",), "nirspec"), Attr(("filter",), "opaque")),
    not_all_of(Attr(("detector",), "nrcblong"), Attr(("exp_type",), "nrc_tsgrism")),
    none_of(Attr(("visitype",), ".+wfsc.+")),
    Attr(("fxd_slit",), name="slit", required=False),
    label="Mode",
)
"""Same instrument, detector and optical path; not a NIRSpec opaque or WFS&C visit."""

BACKGROUND: Final = Attr(
    ("bkgdtarg",),
    name="background",
    unique=False,
    reprocess=Work.EXISTING,
    only_on_match=True,
    label="Background",
)
"""A background exposure: offered again to the associations already made."""

IMAGE_SCIENCE: Final = _exp_type(*dms.IMAGE2_SCIENCE_EXP_TYPES)

TSO: Final = all_of(
    Attr(("pntgtype",), "science"),
    any_of(Attr(("tsovisit",), "t"), Attr(("exp_type",), "|".join(dms.TSO_EXP_TYPES))),
    label="a time series",
)
"""A time series: science pointing, TSOVISIT set or a time-series exposure type.

(jwst names this group ``is_tso`` too; the name that counts, for ``_rateints`` members, is
the TSOVISIT condition of :data:`BASE`, found first.)
"""

NOT_TSO: Final = none_of(TSO, label="NotTSO")

WFSC: Final = all_of(all_of(Attr(("visitype",), ".+wfsc.+", name="wfsc")), label="WFSC")
"""A wavefront sensing and control visit."""

TARGET_ACQ: Final = Check(
    source=lambda row, _asn: dms.exposure_type(row),
    value="target_acquisition",
    name="target_acq",
    label="TargetAcq",
)

IMAGE_NONSCIENCE: Final = any_of(
    all_of(
        _exp_type("nrs_msaspec"),
        Attr(("msastate",), "primarypark_allopen"),
        Attr(("grating",), "mirror"),
    ),
    TARGET_ACQ,
    _exp_type(*dms.IMAGE2_NONSCIENCE_EXP_TYPES, name="non_science"),
    label="Image_Nonscience",
)
"""Target acquisitions, focus and other non-science images, NIRSpec MSA confirmations.

(jwst lists the MSA confirmation last; the association takes one row, so the order of the
alternatives changes nothing but which one ``--explain`` reports: the last.)
"""

SPECIAL: Final = Attr(("bkgdtarg", "is_psf"), name="is_special", label="Special")
"""A background or PSF exposure."""

IMPRINT: Final = Group(
    (Attr(("is_imprt",), name="imprint"),),
    "all",
    reprocess_on_match=True,
    work=Work.EXISTING,
    label="Imprint",
)
"""An imprint: offered again to the associations already made."""

IMPRINT_SPECIAL: Final = all_of(
    Attr(("is_imprt",), name="imprint", reprocess=Work.EXISTING, only_on_match=True),
    Attr(("mostilno",), name="mosaic_tile"),
    Check(
        source=lambda _row, asn: asn.original_exposure_type(),
        value="imprint",
        test=lambda value, original: value != original,
        unique=False,
    ),
    label="Imprint_Special",
)

NRSIFU_VALID: Final = _row_is(dms.nrsifu_valid_detector)
"""A NIRSpec IFU row on a detector its grating and filter reach (other rows pass)."""


def spectral_science(*excluded: str) -> Group:
    """A spectral science exposure type, but ``excluded``."""
    types = [t for t in dms.SPEC2_SCIENCE_EXP_TYPES if t not in excluded]
    return any_of(_exp_type(*types), label="Spectral_Science")


TARGET: Final = any_of(
    all_of(
        Attr(("asn_candidate",), dms.DIRECT_IMAGE_CANDIDATE, name="acdirect"),
        Check(source=lambda _row, _asn: "000", name="target"),
    ),
    Attr(("targetid",), name="target"),
    label="Target",
)
"""Same TARGETID; in a ``direct_image`` candidate (pure parallels) target ``000``."""


def _not_science(row: Mapping[str, str], asn: RowView) -> bool:
    return _member_type(row, asn) != "science"


def _is_science(row: Mapping[str, str], asn: RowView) -> bool:
    return _member_type(row, asn) == "science"


NOT_SCIENCE: Final = Check(source=_not_science, value=True, unique=False)
IS_SCIENCE: Final = Check(source=_is_science, value=True, unique=False)


def wfss_or_direct(grism: str, image: str) -> Group:
    """A grism exposure, or a direct image taken after every science row.

    The first condition only says so for ``--explain`` (either alternative needs it).
    """
    either = Attr(("exp_type",), f"{grism}|{image}", unique=False, label="WFSS")
    return all_of(
        either,
        any_of(
            Attr(("exp_type",), grism, name="exp_type"),
            Attr(
                ("exp_type",),
                image,
                name="image_exp_type",
                reprocess=Work.NONSCIENCE,
                only_on_match=True,
            ),
        ),
    )


WFSS_EXPOSURES: Final = any_of(NOT_SCIENCE, single_science())
"""Direct images freely; one grism science."""


# ------------------------------------------------------------------ member types


def special_type(_row: Mapping[str, str], stage_type: str, asn: RowView) -> str:
    """Background, PSF and non-science exposures processed as science (imprints stay)."""
    if asn.has_science() and stage_type == "imprint":
        return "imprint"
    return "science"


def wfss_type(row: Mapping[str, str], stage_type: str, _asn: RowView) -> str:
    """An imaging exposure in a WFSS association is its direct image."""
    if stage_type == "science" and row.get("exp_type") in DIRECT_IMAGE_EXP_TYPES:
        return "direct_image"
    return stage_type


def lrs_nod_type(row: Mapping[str, str], stage_type: str, asn: RowView) -> str:
    """A MIRI LRS slit nod at another pattern position than the science's is background."""
    bound = asn.bound("patt_num")
    if stage_type == "science" and bound is not None and row.get("patt_num") != bound:
        return "background"
    return stage_type


# ------------------------------------------------------------------ finalizers


def _gen(asn: object) -> GenAsn:
    return cast("GenAsn", asn)


def _valid(asn: GenAsn) -> bool:
    return all(asn.needs_met)


_Pair: TypeAlias = "tuple[dict[str, object], Mapping[str, str]]"


def _imprints_to_check(members: list[_Pair]) -> tuple[list[Mapping[str, str]], list[_Pair]]:
    """The science rows, and the imprints whose BKGDTARG is the science's."""
    science: list[Mapping[str, str]] = []
    imprints: dict[bool, list[_Pair]] = {True: [], False: []}
    science_is_background = False
    for member, row in members:
        if "targetid" not in row or "bkgdtarg" not in row:
            continue
        if member["exptype"] == "science":
            science.append(row)
            science_is_background = science_is_background or row["bkgdtarg"] == "t"
        elif member["exptype"] == "imprint":
            imprints[row["bkgdtarg"] == "t"].append((member, row))
    return science, imprints[science_is_background]


def prune_imprints(gen: GenAsn) -> None:
    """Keep the imprints that best match the science (jwst's ``prune_imprints``).

    Among the imprints whose BKGDTARG is the science's, those of the science's target are
    kept if any (the others go); then, if there are more of them than science members, those
    at none of the science's dither positions (DITHPTIN) go, if any matches.
    """
    members = gen.products[0][1]
    science, to_check = _imprints_to_check(members)
    targets = {row["targetid"] for row in science}
    matching = [pair for pair in to_check if pair[1].get("targetid") in targets]
    if matching:
        for member, _ in to_check:
            if not any(member is kept for kept, _ in matching):
                _remove(members, member)
        to_check = matching
    if not 1 <= len(science) < len(to_check):
        return
    keep = {
        str(member["expname"])
        for sci in science
        if "dithptin" in sci
        for member, row in to_check
        if "dithptin" in row and row["dithptin"] == sci["dithptin"]
    }
    if keep:
        for member, _ in to_check:
            if member["expname"] not in keep:
                _remove(members, member)


def _remove(members: list[_Pair], member: object) -> None:
    for index, (other, _) in enumerate(members):
        if other is member:
            del members[index]
            return


def finalize_imprints(asn: object) -> list[object] | None:
    """Prune the imprints of a valid association, then keep it."""
    gen = _gen(asn)
    if not _valid(gen):
        return None
    prune_imprints(gen)
    return [gen]


def _to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _int(row: Mapping[str, str], *keys: str) -> int | None:
    """The first of ``keys`` the row has as an integer (jwst's ``int(item[key])``)."""
    for key in keys:
        number = _to_int(row.get(key))
        if number is not None:
            return number
    return None


def nod_background_overlap(science: Mapping[str, str], background: Mapping[str, str]) -> bool:
    """Whether a NIRSpec fixed-slit or MSA nod would overlap the science's spectrum.

    It does when the target differs or when both share a primary dither point; for the
    fixed slit S1600A1 in a 5-point pattern, also at the neighbouring primary points; for a
    fixed-slit row without pattern numbers, always. Other modes never overlap.
    """
    exptype = science.get("exp_type")
    if exptype not in ("nrs_fixedslit", "nrs_msaspec"):
        return False
    if science.get("targetid") != background.get("targetid"):
        return True
    numdthpt = _int(science, "numdthpt")
    patt_num = _int(science, "patt_num")
    bkg_num = _int(background, "patt_num")
    if numdthpt is None or patt_num is None or bkg_num is None:
        numdthpt, patt_num, bkg_num = 0, None, None
    subpx = _int(science, "subpxpts", "subpxpns")
    bkg_subpx = _int(background, "subpxpts", "subpxpns")
    if patt_num is None or bkg_num is None or not subpx or not bkg_subpx:
        return exptype == "nrs_fixedslit"
    sci_point = (patt_num - 1) // subpx
    bkg_point = (bkg_num - 1) // bkg_subpx
    if sci_point == bkg_point:
        return True
    if exptype == "nrs_msaspec":
        return False
    return (
        science.get("fxd_slit") == "s1600a1"
        and numdthpt // subpx == 5  # noqa: PLR2004 (a 5-point nod)
        and abs(sci_point - bkg_point) <= 1
    )


def split_nods(asn: object) -> list[object] | None:
    """Each science member in turn the science; the other nods its backgrounds.

    The rule gathers all the nod positions as science; here each becomes the science of its
    own association (named after it), followed by every other science member that does not
    overlap it, as ``background``, then the non-science members, in member order.
    """
    gen = _gen(asn)
    if not _valid(gen):
        return None
    members = gen.products[0][1]
    sciences = [pair for pair in members if pair[0]["exptype"] == "science"]
    others = [pair for pair in members if pair[0]["exptype"] != "science"]
    results: list[object] = []
    for member, row in sciences:
        new_members = [(member, row)]
        for other, other_row in sciences:
            if other["expname"] == member["expname"]:
                continue
            if nod_background_overlap(row, other_row):
                continue
            background = dict(other)
            background["exptype"] = "background"
            new_members.append((background, other_row))
        new_members.extend(others)
        split = copy.copy(gen)
        split.products = [(Level2bRule.product_name(str(member["expname"])), new_members)]
        results.append(split)
    return results


def finalize_imprint_nods(asn: object) -> list[object] | None:
    """Prune the imprints, then split the nods."""
    gen = _gen(asn)
    if _valid(gen):
        prune_imprints(gen)
    return split_nods(gen)


def _closest_direct(
    science: Mapping[str, str], directs: list[tuple[dict[str, object], Mapping[str, str]]]
) -> Mapping[str, str]:
    """The direct image after the science with the nearest EXPSPCIN (else the first)."""
    closest = directs[0][1]
    expspcin = _int(science, "expspcin")
    if expspcin is None:
        return closest
    least = 9999
    for _, row in directs:
        number = _int(row, "expspcin")
        if number is None:
            continue
        difference = number - expspcin
        if 0 < difference < least:
            least = difference
            closest = row
    return closest


def _parallel_direct(
    _science: Mapping[str, str], directs: list[tuple[dict[str, object], Mapping[str, str]]]
) -> Mapping[str, str]:
    """Pure parallels: the first long-wavelength direct image (else the first)."""
    for member, row in directs:
        if "long" in str(member["expname"]):
            return row
    return directs[0][1]


def _direct_optical_element(row: Mapping[str, str]) -> str:
    """The Stage 3 optical element of a direct image: MIRI its filter, else filter and pupil."""
    elements: list[str] = []
    if str(row.get("instrume", "unknown")) == "miri":
        value = row.get("filter")
        if value is not None:
            elements.append(value)
    else:
        for keys in (("filter", "band"), ("pupil", "grating")):
            found = dms.first_set(row, keys)
            if found is not None:
                elements.append(found[1])
    elements.sort(key=str.lower)
    return "-".join(elements) or "clear"


def _catalog_root(gen: GenAsn, direct: Mapping[str, str]) -> str:
    """The Stage 3 product name of the direct image (``jw..._t001_niriss_clear-f150w``)."""
    subarray = gen.subarray()
    suffix = f"-{subarray}" if subarray else ""
    return (
        f"jw{gen.program}-{gen.asn_id}_{gen.target()}_{gen.instrument()}_"
        f"{_direct_optical_element(direct)}{suffix}"
    ).lower()


_Chooser: TypeAlias = "Callable[[Mapping[str, str], list[_Pair]], Mapping[str, str]]"


def _wfss_finalizer(choose: _Chooser) -> Finalizer:
    def finalize(asn: object) -> list[object] | None:
        gen = _gen(asn)
        members = gen.products[0][1]
        directs = [pair for pair in members if pair[0]["exptype"] == "direct_image"]
        sciences = [pair for pair in members if pair[0]["exptype"] == "science"]
        if not directs or not sciences:
            return None
        members[:] = [pair for pair in members if pair[0]["exptype"] != "direct_image"]
        direct = choose(sciences[0][1], directs)
        root = _catalog_root(gen, direct)
        for expname, exptype in (
            (f"{root}_i2d.fits", "direct_image"),
            (f"{root}_cat.ecsv", "sourcecat"),
            (f"{root}_segm.fits", "segmap"),
        ):
            members.append(({"expname": expname, "exptype": exptype}, direct))
        return [gen] if _valid(gen) else None

    return finalize


finalize_wfss = _wfss_finalizer(_closest_direct)
"""Replace the direct images by the catalog, image and segmentation map of the closest."""

finalize_wfss_parallel = _wfss_finalizer(_parallel_direct)


# ------------------------------------------------------------------ the rules

_STAGE: Final = "level2b"

LEVEL2B_RULES: Final[tuple[PoolRule, ...]] = (
    PoolRule(
        name="Asn_Lv2CoronAsRate",
        stage=_STAGE,
        asn_type="image2",
        doc="NIRCam full-frame coronagraphy calibrated as plain images (_rate).",
        where=all_of(
            BASE,
            MODE,
            _exp_type("nrc_coron"),
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
            _exp_type("fgs_image|fgs_focus"),
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
                    _exp_type("mir_lrs-fixedslit"),
                    Attr(("patt_num",), name="patt_num"),
                    single_science(again=Work.EXISTING),
                    Attr(("patttype",), "along-slit-nod", name="patttype", unique=False),
                ),
                all_of(
                    _exp_type("mir_lrs-fixedslit"),
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
                _exp_type("mir_taconfirm"),
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
            _exp_type("nrs_fixedslit"),
            _row_is(dms.nrsfss_valid_detector),
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
            _exp_type("nrs_ifu"),
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
            _exp_type("nrs_lamp"),
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
            _exp_type("nrs_autoflat|nrs_autowave|nrs_lamp"),
            Attr(("filter",), "opaque", name="opt_elem"),
            _row_is(nrslamp_valid_detector),
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
                _exp_type("nrs_msaspec"),
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
            none_of(all_of(_exp_type("nrc_tsgrism"), Attr(("pupil",), "clear", name="pupil"))),
            none_of(
                all_of(
                    _exp_type("nrs_brightobj"),
                    _row_is(lambda row: not dms.nrsfss_valid_detector(row)),
                )
            ),
            none_of(
                all_of(
                    _exp_type("nis_soss"),
                    _row_is(lambda row: not dms.nissoss_calibrated_filter(row)),
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
                _exp_type("nrc_image"),
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
                        all_of(single_science(), _exp_type("mir_lrs-slitless|mir_lrs-fixedslit")),
                        all_of(
                            BACKGROUND, NOT_TSO, _exp_type("mir_lrs-slitless|mir_lrs-fixedslit")
                        ),
                    ),
                ),
                all_of(
                    Attr(("obs_id",), name="obs_id"),
                    any_of(
                        all_of(single_science(), _exp_type("mir_lrs-slitless|mir_lrs-fixedslit")),
                        _exp_type("mir_taconfirm"),
                    ),
                ),
            ),
        ),
    ),
)
"""Every Stage 2b rule, in jwst's registry order (its rule names, sorted)."""
