"""The finalizers of jwst 3.0.0's Stage 2b rules: complete associations to those written.

Imprints kept only when they match a science exposure's, nod positions split into a product
each with the other positions as backgrounds, and a WFSS science exposure's direct image
(the closest in time, or the parallel one) as its catalog. :mod:`asnkit.generate.level2b`
names them in its rules.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, TypeAlias, cast

from asnkit.generate import dms
from asnkit.rules import Level2bRule

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from asnkit.generate.engine import GenAsn
    from asnkit.generate.rule import Finalizer

__all__ = [
    "finalize_imprint_nods",
    "finalize_imprints",
    "finalize_wfss",
    "finalize_wfss_parallel",
    "nod_background_overlap",
    "split_nods",
]

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
