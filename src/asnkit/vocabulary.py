"""The words of an association: stages, member types (``exptype``) and association types.

Kept apart from the models, without attrs, so that code that only needs the names (the
validator, run over thousands of files) does not pay for building the model classes.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

__all__ = [
    "ASN_TYPES",
    "KNOWN_ASN_TYPES",
    "KNOWN_EXPTYPES",
    "MISSIONS",
    "STAGES",
    "ExpType",
    "Mission",
    "Stage",
]

Stage: TypeAlias = Literal["level2b", "level3"]
"""A pipeline stage an association is made for: Stage 2b (a product per exposure,
``calwebb_image2``/``calwebb_spec2``) or Stage 3 (exposures combined, ``calwebb_image3``, ...)."""

STAGES: Final[tuple[Stage, ...]] = ("level2b", "level3")
"""Every :data:`Stage`, in pipeline order."""

Mission: TypeAlias = Literal["jwst", "roman"]
"""The telescope whose pipeline reads an association: JWST (jwst) or Roman (romancal)."""

MISSIONS: Final[tuple[Mission, ...]] = ("jwst", "roman")
"""Every :data:`Mission`."""


class ExpType:
    """The member types (``exptype``) that JWST pipelines act on."""

    SCIENCE: Final = "science"
    BACKGROUND: Final = "background"
    IMPRINT: Final = "imprint"
    PSF: Final = "psf"
    SELFCAL: Final = "selfcal"
    SOURCECAT: Final = "sourcecat"
    SEGMAP: Final = "segmap"
    DIRECT_IMAGE: Final = "direct_image"
    TARGET_ACQUISITION: Final = "target_acquisition"


KNOWN_EXPTYPES: Final = frozenset(
    {
        ExpType.SCIENCE,
        ExpType.BACKGROUND,
        ExpType.IMPRINT,
        ExpType.PSF,
        ExpType.SELFCAL,
        ExpType.SOURCECAT,
        ExpType.SEGMAP,
        ExpType.DIRECT_IMAGE,
        ExpType.TARGET_ACQUISITION,
    }
)
"""Member types a pipeline knows. Any other string is kept as it is, never rejected."""

ASN_TYPES: Final = (
    "image2",
    "spec2",
    "image3",
    "spec3",
    "coron3",
    "ami3",
    "tso3",
    "tso-image2",
    "tso-spec2",
    "wfs-image3",
    "nrslamp-spec2",
)
"""The association types jwst 3.0.0's pipelines run, in the order the help lists them."""

KNOWN_ASN_TYPES: Final = frozenset(
    {
        *ASN_TYPES,
        "user_built",  # jwst 3.0.0's Level 3 default
        "None",  # what asn_from_list writes
        # Written by earlier jwst releases, still read by the pipelines.
        "nrslamp-image2",
        "wfs-image2",
    }
)
"""Every ``asn_type`` a JWST pipeline writes or reads; any other gets a warning."""
