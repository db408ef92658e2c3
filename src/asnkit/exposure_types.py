"""The exposure types (``EXP_TYPE``) of JWST and what the pipelines make of them.

Facts of jwst 3.0.0's ``dms_base`` (its tables of exposure types, the member type of an
exposure that is not science, the flags that make a science exposure a PSF, an imprint or
a background, the values that mean "not set"), written once here: the association generator
(:mod:`asnkit.generate`) asks, and header-aware creation asks the generator.
Exposure types are in lower case, as jwst compares them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ACQ_EXP_TYPES",
    "CORON_EXP_TYPES",
    "EMPTY",
    "EXPTYPE_MAP",
    "IMAGE2_NONSCIENCE_EXP_TYPES",
    "IMAGE2_SCIENCE_EXP_TYPES",
    "LEVEL2B_EXPTYPES",
    "SPEC2_SCIENCE_EXP_TYPES",
    "SPECIAL_EXPOSURE_MODIFIERS",
    "TSO_EXP_TYPES",
]

ACQ_EXP_TYPES: Final = frozenset(
    {
        "mir_tacq",
        "mir_taconfirm",
        "nis_taconfirm",
        "nis_tacq",
        "nrc_taconfirm",
        "nrc_tacq",
        "nrs_confirm",
        "nrs_msata",
        "nrs_taconfirm",
        "nrs_tacq",
        "nrs_taslit",
        "nrs_verify",
        "nrs_wata",
    }
)
"""Target acquisitions and their confirmations."""

EXPTYPE_MAP: Final[Mapping[str, str]] = {
    "mir_darkall": "dark",
    "mir_darkimg": "dark",
    "mir_darkmrs": "dark",
    "mir_flatimage": "flat",
    "mir_flatmrs": "flat",
    "mir_flatimage-ext": "flat",
    "mir_flatmrs-ext": "flat",
    "mir_tacq": "target_acquisition",
    "mir_taconfirm": "target_acquisition",
    "nis_dark": "dark",
    "nis_focus": "engineering",
    "nis_lamp": "engineering",
    "nis_tacq": "target_acquisition",
    "nis_taconfirm": "target_acquisition",
    "nrc_dark": "dark",
    "nrc_flat": "flat",
    "nrc_focus": "engineering",
    "nrc_led": "engineering",
    "nrc_tacq": "target_acquisition",
    "nrc_taconfirm": "target_acquisition",
    "nrs_autoflat": "autoflat",
    "nrs_autowave": "autowave",
    "nrs_confirm": "target_acquisition",
    "nrs_dark": "dark",
    "nrs_focus": "engineering",
    "nrs_image": "engineering",
    "nrs_lamp": "engineering",
    "nrs_msata": "target_acquisition",
    "nrs_tacq": "target_acquisition",
    "nrs_taconfirm": "target_acquisition",
    "nrs_taslit": "target_acquisition",
    "nrs_wata": "target_acquisition",
}
"""The member type of the exposure types that are not science."""

CORON_EXP_TYPES: Final = frozenset({"mir_4qpm", "mir_lyot", "nrc_coron"})
TSO_EXP_TYPES: Final = ("nrc_tsimage", "nrc_tsgrism", "nrs_brightobj")

IMAGE2_SCIENCE_EXP_TYPES: Final = (
    "fgs_image",
    "mir_4qpm",
    "mir_image",
    "mir_lyot",
    "nis_ami",
    "nis_image",
    "nrc_coron",
    "nrc_image",
    "nrs_mimf",
    "nrc_tsimage",
)
IMAGE2_NONSCIENCE_EXP_TYPES: Final = (
    "mir_coroncal",
    "nis_focus",
    "nrc_focus",
    "nrs_focus",
    "nrs_image",
    *sorted(ACQ_EXP_TYPES),
)
SPEC2_SCIENCE_EXP_TYPES: Final = (
    "mir_lrs-fixedslit",
    "mir_lrs-slitless",
    "mir_mrs",
    "mir_wfss",
    "nis_soss",
    "nis_wfss",
    "nrc_tsgrism",
    "nrc_wfss",
    "nrs_fixedslit",
    "nrs_ifu",
    "nrs_msaspec",
    "nrs_brightobj",
)
LEVEL2B_EXPTYPES: Final = frozenset(
    {*IMAGE2_SCIENCE_EXP_TYPES, *IMAGE2_NONSCIENCE_EXP_TYPES, *SPEC2_SCIENCE_EXP_TYPES}
)
"""Exposure types calibrated at Level 2b: their Stage 3 members are ``_cal`` files."""


SPECIAL_EXPOSURE_MODIFIERS: Final = (
    ("psf", ("is_psf",)),
    ("imprint", ("is_imprt",)),
    ("background", ("bkgdtarg",)),
)
"""The keywords that make a science exposure a PSF, an imprint or a background."""

EMPTY: Final = frozenset(
    {
        "",
        "NULL",
        "Null",
        "null",
        "--",
        "N",
        "n",
        "F",
        "f",
        "FALSE",
        "false",
        "False",
        "N/A",
        "n/a",
    }
)
"""Cell values that mean "not set" (jwst's ``_EMPTY``): a keyword with one is absent."""
