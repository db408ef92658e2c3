"""Member types: the roles (``exptype``) a member plays for the pipeline.

Kept apart from the models, without attrs, so that code that only needs the names (the
validator, run over thousands of files) does not pay for building the model classes.
"""

from __future__ import annotations

from typing import Final

__all__ = ["KNOWN_EXPTYPES", "ExpType"]


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
