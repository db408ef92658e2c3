"""Naming: the DMS Stage 3 product name of the files a header describes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from asnkit.headers.facts import FileFacts

__all__ = ["product_name"]


# Modes whose jwst Stage 3 rule does not constrain SUBARRAY, so it is not in the name.
_NAMED_WITHOUT_SUBARRAY: Final = frozenset({"nrs_ifu", "nrc_wfss", "nis_wfss", "mir_wfss"})


def _optical_elements(facts: FileFacts) -> str:
    """FILTER and PUPIL (or GRATING when PUPIL is unset), sorted, joined by ``-``.

    NIRSpec IFU products are named by the grating alone: one product takes every filter.
    """
    if facts.exp_type == "nrs_ifu":
        return facts.grating or "clear"
    second = facts.pupil if facts.pupil is not None else facts.grating
    elements = sorted(element for element in (facts.filter, second) if element is not None)
    return "-".join(elements) or "clear"


def product_name(facts: FileFacts, *, acid: str, target: str) -> str:
    """The DMS Stage 3 product name of an association whose first science file is ``facts``."""
    subarray = "" if facts.subarray in {None, "full"} else f"-{facts.subarray}"
    if facts.exp_type in _NAMED_WITHOUT_SUBARRAY:
        subarray = ""
    head = f"jw{facts.program}-{acid}"
    optics = _optical_elements(facts)
    if facts.exp_type == "mir_mrs":  # one product over every channel: no optics in the name
        name = f"{head}_{target}_{facts.instrument}"
    elif facts.exp_type == "nrs_msaspec":  # the pipeline fills in each source
        name = f"{head}_{{source_id}}_{facts.instrument}_{optics}{subarray}"
    elif facts.exp_type == "nrs_fixedslit":  # the pipeline fills in each source and slit
        name = f"{head}_{target}-{{source_id}}_{facts.instrument}_{optics}-{{slit_name}}{subarray}"
    else:
        name = f"{head}_{target}_{facts.instrument}_{optics}{subarray}"
    return name.lower()
