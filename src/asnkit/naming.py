"""Names: Stage 2 product names from file names, and association file names."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Final

from asnkit.models import ABSENT

if TYPE_CHECKING:
    from asnkit.models import Association

__all__ = [
    "CALIBRATED",
    "PER_INTEGRATION",
    "RATE",
    "SPECTRUM",
    "UNCALIBRATED",
    "association_file_name",
    "known_suffixes",
    "product_name_from_expname",
    "strip_suffix",
    "suggested_file_name",
]

# The step suffixes of the product levels that the rules name members by and validate tells
# apart (each is one of known_suffixes() too).
UNCALIBRATED: Final = "uncal"
"""Level 1b: the raw ramps (``_uncal``), what DMS pools list."""
RATE: Final = "rate"
"""Level 2a: count rates (``_rate``), which Stage 2 calibrates."""
CALIBRATED: Final = "cal"
"""Level 2b: calibrated (``_cal``), which Stage 3 combines."""
SPECTRUM: Final = "x1d"
"""A Stage 2 extracted spectrum (``_x1d``): a background member of a Stage 3 spectrum."""
PER_INTEGRATION: Final = "ints"
"""Added to a level's suffix for a product per integration (``_rateints``, ``_calints``)."""


@cache
def known_suffixes() -> frozenset[str]:
    """The step suffixes jwst 3.0.0 strips when it names a Stage 2 product (159 of them)."""
    # Read beside this module rather than through importlib.resources, which costs the
    # command a few milliseconds of start-up; the file ships in the wheel with the code.
    path = os.path.join(os.path.dirname(__file__), "known_suffixes.txt")  # noqa: PTH118, PTH120
    with open(path, encoding="utf-8") as stream:  # noqa: PTH123
        text = stream.read()
    return frozenset(line for line in text.splitlines() if line)


def strip_suffix(root: str, suffixes: frozenset[str] | None = None) -> str:
    """``root`` without one trailing ``_SUFFIX`` or ``-SUFFIX`` whose SUFFIX is a step suffix.

    ``suffixes`` are the step suffixes (by default jwst's, :func:`known_suffixes`; Roman's
    rule passes romancal's, whose ``replace_suffix`` has the same pattern).

    The same result as jwst's ``remove_suffix``, whose pattern is
    ``^(?P<root>.+?)((_|-)(SUFFIX|...))?$``: the shortest non-empty root whose rest is a
    separator and a known suffix (case-sensitive), else ``root`` unchanged. Two corners of
    that pattern are kept too: a root cannot hold a newline (``.`` does not match one, so a
    name with an inner newline is left alone), and ``$`` also matches before a final newline,
    which is then dropped with the suffix search. Linear in the name, no regex to compile.
    """
    body = root.removesuffix("\n")
    if not body or "\n" in body:
        return root
    if suffixes is None:
        suffixes = known_suffixes()
    # The separators, left to right from the second character: the first whose rest is a
    # known suffix gives the shortest root.
    for index in sorted(_positions(body, "_") + _positions(body, "-")):
        if body[index + 1 :] in suffixes:
            return body[:index]
    return body


def _positions(text: str, character: str) -> list[int]:
    """Where ``character`` stands in ``text``, from index 1 on."""
    found = []
    index = text.find(character, 1)
    while index != -1:
        found.append(index)
        index = text.find(character, index + 1)
    return found


def product_name_from_expname(expname: str) -> str:
    """A Stage 2 product's name, from its science member's file name.

    The file's name without its folder (after the last ``/`` or backslash) and without its last
    extension, then one step suffix removed (:func:`strip_suffix`): ``sub/x_rate.fits``
    gives ``x``. jwst keeps the folder (``sub/x``); the pipeline names its output files
    after the product, so a folder there (``../../x``) would steer where it writes (see
    docs/differences.md).
    """
    base = expname[max(expname.rfind("/"), expname.rfind("\\")) + 1 :]
    if base in (".", ".."):
        return base  # no stem to take: refused as a name by every check of one
    # pathlib's stem without building a path, which costs more than the rest of building a
    # Stage 2 product.
    dot = base.rfind(".")
    stem = base[:dot] if 0 < dot < len(base) - 1 else base
    return strip_suffix(stem)


def association_file_name(
    program: str, asn_id: str, asn_type: str, *, sequence: int = 1, version_id: str | None = None
) -> str:
    """``jw{program}-{asn_id}[_{version_id}]_{asn_type}_{sequence:05d}_asn.json``, lower case.

    jwst's one pattern, for what ``asn_generate`` writes and what ``asn_from_list`` suggests.
    """
    stamp = f"_{version_id}" if version_id else ""
    return f"jw{program}-{asn_id}{stamp}_{asn_type}_{sequence:05d}_asn.json".lower()


def suggested_file_name(asn: Association) -> str:
    """``jw{program}-{asn_id}_{asn_type}_00001_asn.json`` in lower case.

    jwst's pattern (:func:`association_file_name`), with the sequence always 1: jwst takes
    it from a counter shared by every association the process has made, so its suggestion
    depends on what ran before.
    """
    program = "noprogram" if asn.program is ABSENT else asn.program
    acid = "a3001" if asn.asn_id is ABSENT else asn.asn_id
    asn_type = "none" if asn.asn_type is ABSENT else asn.asn_type
    return association_file_name(program, acid, asn_type)
