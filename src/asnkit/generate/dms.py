"""What DMS says about exposures: types, member roles, Level 2 file names.

These are facts of jwst 3.0.0's ``dms_base`` and ``rules_level3_base`` (the keywords that
flag a PSF, an imprint or a background, the valid NIRSpec optical paths), written once here
and used by the rule statements. The tables of exposure types are
:mod:`asnkit.exposure_types`'s; they are named here too for the rule statements.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from asnkit.exposure_types import (
    ACQ_EXP_TYPES,
    CORON_EXP_TYPES,
    EMPTY,
    EXPTYPE_MAP,
    IMAGE2_NONSCIENCE_EXP_TYPES,
    IMAGE2_SCIENCE_EXP_TYPES,
    LEVEL2B_EXPTYPES,
    SPEC2_SCIENCE_EXP_TYPES,
    SPECIAL_EXPOSURE_MODIFIERS,
    TSO_EXP_TYPES,
)
from asnkit.naming import CALIBRATED, PER_INTEGRATION, RATE, SPECTRUM, UNCALIBRATED
from asnkit.rules.candidate_ids import CANDIDATE

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "ACQ_EXP_TYPES",
    "CORON_EXP_TYPES",
    "EXPTYPE_MAP",
    "IMAGE2_NONSCIENCE_EXP_TYPES",
    "IMAGE2_SCIENCE_EXP_TYPES",
    "LEVEL2B_EXPTYPES",
    "SPEC2_SCIENCE_EXP_TYPES",
    "TSO_EXP_TYPES",
    "exposure_type",
    "first_set",
    "rename_to_level2",
    "rename_to_level2a",
]


EXPOSURE_KEYS: Final = ("pntgtype", "exp_type", "is_psf", "is_imprt", "bkgdtarg")
"""The keywords :func:`exposure_type` reads."""

NRS_FSS_VALID_OPTICAL_PATHS: Final = frozenset(
    {
        ("a", "prism", "clear", "nrs1"),
        ("a", "g395h", "f290lp", "nrs1"),
        ("a", "g395h", "f290lp", "nrs2"),
        ("a", "g235h", "f170lp", "nrs1"),
        ("a", "g235h", "f170lp", "nrs2"),
        ("a", "g140h", "f100lp", "nrs1"),
        ("a", "g140h", "f100lp", "nrs2"),
        ("a", "g140h", "f070lp", "nrs1"),
        ("a", "g395m", "f290lp", "nrs1"),
        ("a", "g235m", "f170lp", "nrs1"),
        ("a", "g140m", "f100lp", "nrs1"),
        ("a", "g140m", "f070lp", "nrs1"),
        ("s200b1", "prism", "clear", "nrs2"),
        ("s200b1", "g395h", "f290lp", "nrs2"),
        ("s200b1", "g235h", "f170lp", "nrs2"),
        ("s200b1", "g140h", "f100lp", "nrs2"),
        ("s200b1", "g140h", "f070lp", "nrs1"),
        ("s200b1", "g140h", "f070lp", "nrs2"),
        ("s200b1", "g395m", "f290lp", "nrs2"),
        ("s200b1", "g235m", "f170lp", "nrs2"),
        ("s200b1", "g140m", "f100lp", "nrs2"),
        ("s200b1", "g140m", "f070lp", "nrs1"),
        ("s200b1", "g140m", "f070lp", "nrs2"),
    }
)
"""(slit, grating, filter, detector) that hold a fixed-slit spectrum ("a": any slit but S200B1)."""

NRS_IFU_VALID_OPTICAL_PATHS: Final = frozenset(
    {
        ("prism", "clear", "nrs1"),
        ("g140m", "f070lp", "nrs1"),
        ("g140m", "f100lp", "nrs1"),
        ("g235m", "f170lp", "nrs1"),
        ("g395m", "f290lp", "nrs1"),
        ("g140h", "f070lp", "nrs1"),
        ("g140h", "f100lp", "nrs1"),
        ("g140h", "f100lp", "nrs2"),
        ("g235h", "f170lp", "nrs1"),
        ("g235h", "f170lp", "nrs2"),
        ("g395h", "f290lp", "nrs1"),
        ("g395h", "f290lp", "nrs2"),
    }
)
"""(grating, filter, detector) that hold an IFU spectrum."""

NRSFSS_KEYS: Final = ("detector", "filter", "grating", "fxd_slit")
"""The keywords :func:`nrsfss_valid_detector` reads."""
NRSIFU_KEYS: Final = ("exp_type", "detector", "filter", "grating")
"""The keywords :func:`nrsifu_valid_detector` reads."""

NIS_SOSS_UNCALIBRATED_FILTERS: Final = frozenset({"f277w"})

DIRECT_IMAGE_CANDIDATE: Final = rf"\[\('{CANDIDATE}', 'direct_image'\)\]"
"""A row's ASN_CANDIDATE when it is a WFSS direct image's candidate alone: ``[('c1000',
'direct_image')]``."""


def first_set(
    row: Mapping[str, str], sources: Iterable[str], invalid: frozenset[str] = EMPTY
) -> tuple[str, str] | None:
    """The first of ``sources`` the row has with a meaningful value, and that value."""
    for source in sources:
        value = row.get(source)
        if value is not None and value not in invalid:
            return source, value
    return None


def value_of(row: Mapping[str, str], source: str) -> str | None:
    """The row's meaningful value of ``source``, or ``None``."""
    value = row.get(source)
    return None if value is None or value in EMPTY else value


def exposure_type(row: Mapping[str, str], default: str = "science") -> str:
    """The member type DMS gives a row: ``science``, ``target_acquisition``, ``psf``...

    Raises:
        LookupError: the row has no EXP_TYPE (jwst fails there too).
    """
    pointing = value_of(row, "pntgtype")
    if pointing is not None and pointing != "science":
        return pointing
    exp_type = value_of(row, "exp_type")
    if exp_type is None:
        msg = "Exposure type cannot be determined"
        raise LookupError(msg)
    result = EXPTYPE_MAP.get(exp_type, default)
    if result != "science":
        return result
    for special, sources in SPECIAL_EXPOSURE_MODIFIERS:
        if first_set(row, sources) is not None:
            return special
    return result


def nrsfss_valid_detector(row: Mapping[str, str]) -> bool:
    """Whether a NIRSpec fixed-slit row's detector sees its slit, grating and filter."""
    detector = value_of(row, "detector")
    nrs_filter = value_of(row, "filter")
    grating = value_of(row, "grating")
    slit = value_of(row, "fxd_slit")
    if detector is None or nrs_filter is None or grating is None or slit is None:
        return False
    if slit != "s200b1":
        slit = "a"
    return (slit, grating, nrs_filter, detector) in NRS_FSS_VALID_OPTICAL_PATHS


def nrsifu_valid_detector(row: Mapping[str, str]) -> bool:
    """Whether a NIRSpec IFU row's detector sees its grating and filter (others: true)."""
    if value_of(row, "exp_type") != "nrs_ifu":
        return True
    detector = value_of(row, "detector")
    nrs_filter = value_of(row, "filter")
    grating = value_of(row, "grating")
    if detector is None or nrs_filter is None or grating is None:
        return False
    return (grating, nrs_filter, detector) in NRS_IFU_VALID_OPTICAL_PATHS


NRC_FULL_FRAME_OFF_MASK: Final = {
    "maskbar": frozenset({"nrca1", "nrca2", "nrca3"}),
    "maskrnd": frozenset({"nrca1", "nrca3", "nrca4"}),
}
"""NIRCam coronagraphy in full frame: the detectors that do not hold each pupil's mask."""


def _off_mask(pupil: str, detector: str) -> bool:
    return detector in NRC_FULL_FRAME_OFF_MASK.get(pupil, ())


def nrccoron_valid_detector(row: Mapping[str, str]) -> bool:
    """Whether a NIRCam coronagraphic row's detector holds the mask (full frame only)."""
    detector = value_of(row, "detector")
    subarray = value_of(row, "subarray")
    pupil = value_of(row, "pupil")
    if detector is None or subarray is None or pupil is None:
        return False
    return not (subarray == "full" and _off_mask(pupil, detector))


def nissoss_calibrated_filter(row: Mapping[str, str]) -> bool:
    """Whether a NIRISS SOSS row's filter is calibrated (other rows: true)."""
    if value_of(row, "exp_type") != "nis_soss":
        return True
    nis_filter = value_of(row, "filter")
    if nis_filter is None:
        return False
    return nis_filter not in NIS_SOSS_UNCALIBRATED_FILTERS


_LEVEL1B = re.compile(rf"(?P<path>.+)(?P<type>_{UNCALIBRATED})(?P<extension>\..+)")


def _renamed(name: str, suffix: str, *, use_integrations: bool) -> str:
    """``name`` with ``suffix`` for ``_uncal`` (``..._uncal.ext`` only; others as given)."""
    match = _LEVEL1B.match(name)
    if match is None:
        return name
    if use_integrations:
        suffix += PER_INTEGRATION
    return f"{match.group('path')}_{suffix}{match.group('extension')}"


def rename_to_level2(
    name: str, exp_type: str | None, *, use_integrations: bool, member_exptype: str
) -> str:
    """A Stage 3 member's file name from its ``_uncal`` name: ``_cal``, ``_rate``, ``_x1d``.

    A name that is not a Level 1b name is kept as it is, as jwst keeps it.
    """
    if member_exptype == "background":
        suffix = SPECTRUM
    elif exp_type in LEVEL2B_EXPTYPES:
        suffix = CALIBRATED
    else:
        suffix = RATE
    return _renamed(name, suffix, use_integrations=use_integrations)


def rename_to_level2a(name: str, *, use_integrations: bool) -> str:
    """A Stage 2 member's file name from its ``_uncal`` name: ``_rate`` or ``_rateints``."""
    return _renamed(name, RATE, use_integrations=use_integrations)


def is_item_tso(row: Mapping[str, str], *, bound_tso: bool = False) -> bool:
    """Whether a science row is a time series (TSOVISIT, or a TSO exposure type)."""
    if row["pntgtype"] != "science" or row["exp_type"] in ACQ_EXP_TYPES:
        return False
    if bound_tso or value_of(row, "tsovisit") == "t":
        return True
    return value_of(row, "exp_type") in TSO_EXP_TYPES


def is_item_coron(row: Mapping[str, str]) -> bool:
    """Whether a science row is coronagraphic on a detector that holds the mask."""
    if row["pntgtype"] != "science" or row["exp_type"] in ACQ_EXP_TYPES:
        return False
    exp_type = value_of(row, "exp_type")
    if exp_type not in CORON_EXP_TYPES:
        return False
    return not (
        row["exp_type"] == "nrc_coron"
        and row["subarray"] == "full"
        and _off_mask(row["pupil"], row["detector"])
    )


def is_item_ami(row: Mapping[str, str]) -> bool:
    """Whether a science row is aperture-masking interferometry."""
    if row["pntgtype"] != "science" or row["exp_type"] in ACQ_EXP_TYPES:
        return False
    return value_of(row, "exp_type") == "nis_ami"


def per_integration_as_image(row: Mapping[str, str]) -> bool:
    """Whether coronagraphy taken as plain imaging is per integration (``_rateints``...).

    The rules that treat coronagraphic exposures as images (jwst overrides its
    ``is_item_coron`` with false there) still keep integrations for AMI and time series:
    a coronagraphic row of a TSO visit is ``_calints`` in the ``-image3`` product too.
    """
    return is_item_ami(row) or is_item_tso(row)
