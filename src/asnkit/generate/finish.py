"""Completing associations: each stage keeps the valid ones, then prunes as jwst prunes.

For each stage (Level 2b first, then Level 3, the order jwst's callbacks run in): every
association is completed by its rule (kept when it has what it needs, nodded spectra given
their backgrounds, ...); then duplicates go (same members as an association of a later
candidate id), then of two associations with the same product name the one whose members
are a subset of the other's; then the survivors are numbered per candidate and type.
Each is then written as asnkit's model (:func:`to_association`), under the file name
jwst gives it (:func:`file_name`), in its stage's key order.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Final, Protocol, TypeVar

from asnkit import naming
from asnkit._version import __version__
from asnkit.models import ABSENT, Association, Member, Product
from asnkit.naming import strip_suffix
from asnkit.vocabulary import STAGES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from asnkit.generate import engine
    from asnkit.generate.rule import PoolRule


class _Compiled(Protocol):
    @property
    def rule(self) -> PoolRule: ...


class Finishing(Protocol):
    """What finishing reads and sets of an association being built (the engine's ``GenAsn``).

    Stated here so that this module needs nothing of the engine, which calls it.
    """

    needs_met: list[bool]
    sequence: int
    products: list[tuple[str, list[tuple[dict[str, object], Mapping[str, str]]]]]

    @property
    def crule(self) -> _Compiled: ...

    @property
    def acid(self) -> tuple[str, str]: ...

    @property
    def asn_id(self) -> str: ...

    def found(self, name: str) -> list[str]: ...


GenAsn = TypeVar("GenAsn", bound=Finishing)

__all__ = ["add_nod_backgrounds", "file_name", "finish", "resequence", "to_association"]

MULTI_OBS_AC_TYPES: Final = frozenset({"group", "background", "mosaic"})

_DUP, _LENGTH, _MISMATCH, _UNACCOUNTED, _SUBSET = range(5)


def is_valid(asn: GenAsn) -> bool:
    """Whether the association has everything its rule needs."""
    return all(asn.needs_met)


def _default_finalize(asn: GenAsn) -> list[GenAsn] | None:
    rule = asn.crule.rule
    if rule.stage == "level3" and rule.science:
        acid_type = asn.acid[1].lower()
        if acid_type in MULTI_OBS_AC_TYPES and len(asn.found("obs_num")) <= 1:
            return None
    return [asn] if is_valid(asn) else None


def add_nod_backgrounds(asn: object) -> list[object] | None:
    """Each science member's ``_x1d`` becomes a background member (a nod pattern)."""
    gen: Finishing = asn  # type: ignore[assignment]
    if not is_valid(gen):
        return None
    found = gen.found("patttype_spectarg")
    if not found or "nod" not in found[0]:
        return [gen]
    members = gen.products[0][1]
    science = [(m, row) for m, row in members if m["exptype"] == "science"]
    if len(science) < 2:  # noqa: PLR2004 (a nod needs two positions)
        return [gen]
    for member, row in science:
        stem = os.path.splitext(os.path.basename(str(member["expname"])))[0]  # noqa: PTH119, PTH122
        background = dict(member)
        background["expname"] = f"{strip_suffix(stem)}_{naming.SPECTRUM}.fits"
        background["exptype"] = "background"
        members.append((background, row))
    return [gen]


def finish(associations: Sequence[GenAsn]) -> list[GenAsn]:
    """Jwst's finalize callbacks, stage by stage: complete, prune, number."""
    result = list(associations)
    for stage in STAGES:  # Level 2b first, then Level 3
        others = [asn for asn in result if asn.crule.rule.stage != stage]
        mine: list[GenAsn] = []
        for asn in result:
            if asn.crule.rule.stage != stage:
                continue
            finalize: Callable[[GenAsn], list[GenAsn] | None] = (
                asn.crule.rule.finalize or _default_finalize  # type: ignore[assignment]
            )
            done = finalize(asn)
            if done:
                mine.extend(done)
        mine = prune(mine)
        resequence(mine)
        result = others + mine
    return result


def resequence(associations: Iterable[GenAsn]) -> None:
    """Number associations of the same candidate and type 1, 2, ... in list order."""
    counters: dict[tuple[str, str], int] = {}
    for asn in associations:
        key = (asn.asn_id, asn.crule.rule.asn_type)
        counters[key] = counters.get(key, 0) + 1
        asn.sequence = counters[key]


# ---------------------------------------------------------------- comparing memberships


def _exposure_name(expname: str) -> str:
    stem = os.path.splitext(os.path.basename(expname))[0]  # noqa: PTH119, PTH122
    return strip_suffix(stem)


def _membership_errors(
    left: Sequence[tuple[dict[str, object], object]],
    right: Sequence[tuple[dict[str, object], object]],
    *,
    strict: bool,
) -> list[int]:
    """Jwst's ``compare_product_membership``, as the kinds of difference it finds."""
    errors: list[int] = []
    left_names = [str(m["expname"]) for m, _ in left]
    right_names = [str(m["expname"]) for m, _ in right]
    if len(set(left_names)) != len(left_names):
        errors.append(_DUP)
    if len(set(right_names)) != len(right_names):
        errors.append(_DUP)
    if len(left) != len(right):
        errors.append(_LENGTH)
    remaining = [
        (m, _exposure_name(str(m["expname"])) if not strict else str(m["expname"]))
        for m, _ in right
    ]
    unaccounted_left = 0
    for member, _ in left:
        name = str(member["expname"])
        key = name if strict else _exposure_name(name)
        for index, (other, other_key) in enumerate(remaining):
            if other_key != key:
                continue
            if member["exptype"] != other["exptype"]:
                errors.append(_MISMATCH)
            del remaining[index]
            break
        else:
            unaccounted_left += 1
    if unaccounted_left or remaining:
        errors.append(_UNACCOUNTED)
    if len(errors) == 2 and _LENGTH in errors and _UNACCOUNTED in errors:  # noqa: PLR2004 (exactly these two)
        errors.append(_SUBSET)
    return errors


def _components(name: str) -> set[str]:
    return set(re.split("[_-]", name))


def _same(left: GenAsn, right: GenAsn) -> bool:  # noqa: PLR0911 (jwst's checks in its order)
    """Jwst's association equality (``compare_asns``): type, candidate level, members."""
    if left is right:
        return True
    if left.crule.rule.asn_type != right.crule.rule.asn_type:
        return False
    if left.asn_id[0] != right.asn_id[0]:
        return False
    if len(left.products) != len(right.products):
        return False
    remaining = list(right.products)
    for name, members in left.products:
        wanted = _components(name)
        for index, (other_name, other_members) in enumerate(remaining):
            if _components(other_name) != wanted:
                continue
            if _membership_errors(members, other_members, strict=False):
                return False
            del remaining[index]
            break
        else:
            return False
    return not remaining


def _alike(asn: GenAsn) -> tuple[object, ...]:
    """What :func:`_same` needs equal: type, candidate level, each product's name parts and size.

    Associations of different keys are never the same: pruning compares only those of one.
    """
    products = sorted(
        (tuple(sorted(_components(name))), len(members)) for name, members in asn.products
    )
    return (asn.crule.rule.asn_type, asn.asn_id[0], tuple(products))


def _index(items: list[GenAsn], asn: GenAsn) -> int:
    for index, item in enumerate(items):
        if item is asn or _same(item, asn):
            return index
    return -1


# ---------------------------------------------------------------- pruning


def prune(associations: list[GenAsn]) -> list[GenAsn]:
    """Jwst's ``prune``: duplicate associations, then duplicate products."""
    return _prune_duplicate_products(_prune_duplicate_associations(associations))


def _by_candidate(associations: list[GenAsn]) -> list[GenAsn]:
    return sorted(associations, key=lambda asn: asn.asn_id)


def _signature(asn: GenAsn) -> frozenset[tuple[object, object]] | None:
    """The first product's members as a set; ``None`` when a name repeats (never equal)."""
    members = asn.products[0][1]
    signature = frozenset((m["expname"], m["exptype"]) for m, _ in members)
    names = {m["expname"] for m, _ in members}
    return signature if len(names) == len(members) else None


def _prune_duplicate_associations(associations: list[GenAsn]) -> list[GenAsn]:
    """Of associations with the same members, the one of the greatest candidate id.

    jwst pops the last of the list sorted by candidate id and drops every other with the
    same members, until none is left: the survivors in reverse order.
    """
    pruned: list[GenAsn] = []
    seen: set[frozenset[tuple[object, object]]] = set()
    for asn in reversed(_by_candidate(associations)):
        signature = _signature(asn)
        if signature is not None:
            if signature in seen:
                continue
            seen.add(signature)
        pruned.append(asn)
    return pruned


def _prune_duplicate_products(  # noqa: C901, PLR0912 (jwst's prune, step by step)
    associations: list[GenAsn],
) -> list[GenAsn]:
    counts: dict[str, int] = {}
    for asn in associations:
        name = asn.products[0][0]
        counts[name] = counts.get(name, 0) + 1
    dups = [name for name, count in counts.items() if count > 1]
    if not dups:
        return associations
    ordered = _by_candidate(associations)
    by_product: dict[str, list[GenAsn]] = {}
    for asn in ordered:
        by_product.setdefault(asn.products[0][0], []).append(asn)
    full_prune: list[GenAsn] = []
    # full_prune by _alike: the pruned that could be the same as an association are found
    # in one lookup (a walk over every one pruned so far was quadratic in the pool's size)
    pruned_alike: dict[tuple[object, ...], list[GenAsn]] = {}
    for product in dups:
        dup_asns = by_product[product]
        to_keep = list(dup_asns)
        for current in dup_asns:
            asn = current
            if _index(pruned_alike.get(_alike(asn), []), asn) >= 0:
                continue
            to_prune: list[GenAsn] = []
            for entrant in to_keep:
                if _same(entrant, asn):
                    continue
                errors = _membership_errors(asn.products[0][1], entrant.products[0][1], strict=True)
                if not errors:
                    to_prune.append(entrant)
                elif _SUBSET in errors:
                    loser = entrant
                    if len(entrant.products[0][1]) > len(asn.products[0][1]):
                        asn, loser = entrant, asn
                    to_prune.append(loser)
            full_prune.extend(to_prune)
            for gone in to_prune:
                pruned_alike.setdefault(_alike(gone), []).append(gone)
            for gone in to_prune:
                index = _index(to_keep, gone)
                if index >= 0:
                    del to_keep[index]
    # Each pruned, in turn, removes its first place in the list (found by identity).
    places: dict[int, list[int]] = {}
    for index, asn in enumerate(ordered):
        places.setdefault(id(asn), []).append(index)
    removed: set[int] = set()
    for gone in full_prune:
        left = places.get(id(gone))
        if not left:
            msg = "Expected duplicate association not found in list"
            raise IndexError(msg)
        removed.add(left.pop(0))
    return [asn for index, asn in enumerate(ordered) if index not in removed]


# ---------------------------------------------------------------- the documents written


def file_name(asn: engine.GenAsn) -> str:
    """The file name jwst gives the association (:func:`asnkit.naming.association_file_name`)."""
    return naming.association_file_name(
        asn.program,
        asn.asn_id,
        asn.crule.rule.asn_type,
        sequence=asn.sequence,
        version_id=asn.version_id,
    )


def _member(member: Mapping[str, object]) -> Member:
    exposerr = member.get("exposerr", ABSENT)
    candidate = member.get("asn_candidate", ABSENT)
    extra = {
        key: value
        for key, value in member.items()
        if key not in ("expname", "exptype", "exposerr", "asn_candidate")
    }
    return Member(
        expname=str(member["expname"]),
        exptype=str(member["exptype"]),
        exposerr=exposerr,  # type: ignore[arg-type]
        asn_candidate=candidate,  # type: ignore[arg-type]
        extra=extra,  # type: ignore[arg-type]
        key_order=tuple(member),
    )


def to_association(asn: engine.GenAsn) -> tuple[str, Association]:
    """The association's file name and document, its keys in its stage's order."""
    products = tuple(
        Product(members=tuple(_member(m) for m, _ in members), name=name)
        for name, members in asn.products
    )
    document = Association(
        products=products,
        asn_type=asn.crule.rule.asn_type,
        asn_rule=asn.crule.asn_rule,
        version_id=asn.version_id,
        code_version=__version__,
        degraded_status=asn.degraded,
        program=asn.program,
        constraints=asn.constraints_text(),
        asn_id=asn.asn_id,
        target=asn.data_target,
        asn_pool=asn.pool_name,
        key_order=asn.crule.rule.base_rule.key_order,
    )
    return file_name(asn), document
