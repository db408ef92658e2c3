"""The conditions of jwst 3.0.0's Stage 2b rules: facts, building blocks, member types.

The pieces :mod:`asnkit.generate.level2b` states its rules with, in the language of
:mod:`asnkit.generate.constraints`: jwst's ``DMSLevel2bBase`` constraints (``BASE``,
``MODE``, the single science exposure, the background and imprint members, ...), the
NIRSpec lamp paths, and the member types a rule gives (a direct image, a nod's background).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit.generate import dms
from asnkit.generate.constraints import (
    Attr,
    Check,
    Group,
    Work,
    all_of,
    any_of,
    none_of,
    not_all_of,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.generate.constraints import RowView

__all__ = [
    "BACKGROUND",
    "BASE",
    "IMAGE_NONSCIENCE",
    "IMAGE_SCIENCE",
    "IMPRINT",
    "IMPRINT_SPECIAL",
    "IS_SCIENCE",
    "MODE",
    "NOT_SCIENCE",
    "NOT_TSO",
    "NRSIFU_VALID",
    "SPECIAL",
    "TARGET",
    "TSO",
    "WFSC",
    "WFSS_EXPOSURES",
    "exp_type_in",
    "lrs_nod_type",
    "nrslamp_valid_detector",
    "row_is",
    "single_science",
    "special_type",
    "spectral_science",
    "wfss_or_direct",
    "wfss_type",
]

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


def exp_type_in(*types: str, name: str | None = "exp_type") -> Attr:
    return Attr(("exp_type",), "|".join(types), name=name)


def row_is(test: object) -> Check:
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

IMAGE_SCIENCE: Final = exp_type_in(*dms.IMAGE2_SCIENCE_EXP_TYPES)

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
        exp_type_in("nrs_msaspec"),
        Attr(("msastate",), "primarypark_allopen"),
        Attr(("grating",), "mirror"),
    ),
    TARGET_ACQ,
    exp_type_in(*dms.IMAGE2_NONSCIENCE_EXP_TYPES, name="non_science"),
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

NRSIFU_VALID: Final = row_is(dms.nrsifu_valid_detector)
"""A NIRSpec IFU row on a detector its grating and filter reach (other rows pass)."""


def spectral_science(*excluded: str) -> Group:
    """A spectral science exposure type, but ``excluded``."""
    types = [t for t in dms.SPEC2_SCIENCE_EXP_TYPES if t not in excluded]
    return any_of(exp_type_in(*types), label="Spectral_Science")


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
