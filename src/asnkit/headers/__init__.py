"""Header-aware creation: what each file is, and how DMS names the product, from FITS headers.

Only the PRIMARY header of each file is read (never the data), with astropy, which is an
optional dependency (``pip install 'asnkit[fits]'``) imported when a header is first read.

Everything past the reading is pure: :func:`file_facts` turns one header (any mapping of
keyword to value) into a :class:`FileFacts`; :func:`plan` turns the facts of every file into a
:class:`HeaderPlan` (members with their types, ``program``/``target``/``asn_type``, the
candidate and the Stage 3 product name); :func:`plan_from_headers` reads and plans in one call.
The rules follow jwst 3.0.0's association generator (``asn_make_pool`` then ``asn_generate``)
where it reads the same keywords; docs/headers.md gives them keyword by keyword.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from asnkit.exceptions import HeaderError
from asnkit.headers import naming
from asnkit.headers.facts import FileFacts, asn_type_of, classify, file_facts
from asnkit.headers.reading import KEYWORDS, read_primary_header
from asnkit.models import ExpType
from asnkit.rules import ProductNaming, rule_for_stage
from asnkit.rules._common import in_role_order

if TYPE_CHECKING:
    from asnkit.models import Association, JSONValue
    from asnkit.vocabulary import Stage

__all__ = [
    "KEYWORDS",
    "FileFacts",
    "HeaderPlan",
    "asn_type_of",
    "association_from_headers",
    "classify",
    "file_facts",
    "plan",
    "plan_from_headers",
    "read_primary_header",
]


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@attrs.frozen
class HeaderPlan:
    """An association as the headers describe it, ready for a rule to build.

    Attributes:
        members: ``(expname, exptype)`` pairs, in the order the rule's role keywords use
            (science first), each role's files in the order given.
        meta: ``program``, ``target`` and ``asn_type``.
        acid: The candidate: ``o`` and the science files' ``OBSERVTN`` (``o001``).
        product_name: The DMS Stage 3 product name, or ``None`` (Stage 2b, or not asked for).
        files: The facts of every file, in the order given.
    """

    members: tuple[tuple[str, str], ...]
    meta: Mapping[str, str] = attrs.field(converter=_frozen)
    acid: str
    product_name: str | None
    files: tuple[FileFacts, ...]


def _disagreement(
    files: Sequence[FileFacts], what: str, value_of: Mapping[str, str | None]
) -> HeaderError | None:
    """An error naming the files that disagree on ``what``, or ``None`` when all agree."""
    first_with: dict[str | None, str] = {}
    for facts in files:
        first_with.setdefault(value_of[facts.path], facts.path)
    if len(first_with) < 2:  # noqa: PLR2004 (two values are a disagreement)
        return None
    shown = ", ".join(f"{path} has {value!r}" for value, path in first_with.items())
    msg = f"files disagree on {what}: {shown}; give files that agree, or --force"
    return HeaderError(", ".join(first_with.values()), msg)


def plan(
    files: Sequence[FileFacts], *, stage: Stage, force: bool = False, name_product: bool = True
) -> HeaderPlan:
    """The association the files' facts describe.

    Args:
        files: The facts of every file, in the order the user gave the files.
        stage: ``level2b`` or ``level3``.
        force: Accept files that disagree; the association then takes the values of the
            first science file.
        name_product: At Stage 3, derive the product name (and check the keywords it is made
            of); ``False`` when the caller names the product itself.

    Raises:
        HeaderError: no science file; or, without ``force``, files that disagree on a
            keyword one association needs to be single-valued (the message names them).
    """
    if not files:
        source, msg = "(no files)", "no files were given"
        raise HeaderError(source, msg)
    science = [facts for facts in files if facts.exptype == ExpType.SCIENCE]
    if not science:
        msg = (
            "no file is science by its header (every one is a PSF, imprint, background or "
            "target acquisition); add the science exposures"
        )
        raise HeaderError(", ".join(facts.path for facts in files), msg)
    target_ids = _target_ids(files)
    asn_types = {facts.path: asn_type_of(facts, stage) for facts in science}
    checks: list[tuple[Sequence[FileFacts], str, Mapping[str, str | None]]] = [
        (files, "PROGRAM", {facts.path: facts.program for facts in files}),
        (files, "INSTRUME", {facts.path: facts.instrument for facts in files}),
        (science, "the association type (EXP_TYPE, TSOVISIT)", asn_types),
    ]
    if stage == "level3":
        levels = {facts.path: facts.level for facts in files if facts.level is not None}
        checks.append(
            (
                [facts for facts in files if facts.level is not None],
                "the calibration level (the file name's suffix: _rate, _cal, ...)",
                levels,
            )
        )
        if name_product:
            for keyword, attribute in (
                ("OBSERVTN", "observation"),
                ("TARGNAME", "target_name"),
                ("FILTER", "filter"),
                ("PUPIL", "pupil"),
                ("GRATING", "grating"),
                ("SUBARRAY", "subarray"),
            ):
                named = {facts.path: getattr(facts, attribute) for facts in science}
                checks.append((science, keyword, named))
    if not force:
        for group, what, values in checks:
            error = _disagreement(group, what, values)
            if error is not None:
                raise error
    first = science[0]
    acid = f"o{first.observation}"
    target_id = target_ids[first.target_name]
    if stage == "level3":
        target = f"t{target_id:03d}"
        product_name = (
            naming.product_name(first, acid=acid, target=target) if name_product else None
        )
    else:
        target, product_name = str(target_id), None
    meta = {"program": first.program, "target": target, "asn_type": asn_types[first.path]}
    return HeaderPlan(
        members=_ordered_members(files, stage),
        meta=meta,
        acid=acid,
        product_name=product_name,
        files=tuple(files),
    )


def _target_ids(files: Sequence[FileFacts]) -> dict[str, int]:
    """Targets numbered from 1 by first appearance of each TARGNAME, as jwst's pool does."""
    ids: dict[str, int] = {}
    for facts in files:
        ids.setdefault(facts.target_name, len(ids) + 1)
    return ids


def _ordered_members(files: Sequence[FileFacts], stage: Stage) -> tuple[tuple[str, str], ...]:
    """The files as members, in the order of roles the stage's rule gives."""
    members = [(facts.path, facts.exptype) for facts in files]
    return in_role_order(members, rule_for_stage(stage).role_order)


def plan_from_headers(
    paths: Sequence[str],
    *,
    stage: Stage,
    explicit_roles: Mapping[str, str] | None = None,
    force: bool = False,
    name_product: bool = True,
) -> HeaderPlan:
    """Read the primary header of every file and plan the association they describe.

    Args:
        paths: Every file of the association (science and others), in the user's order.
        stage: ``level2b`` or ``level3``.
        explicit_roles: ``{path: exptype}`` for files whose role the user gave; it wins
            over the header.
        force: Accept files that disagree (see :func:`plan`).
        name_product: At Stage 3, derive the product name (see :func:`plan`).

    Returns:
        The plan: members, ``program``/``target``/``asn_type``, candidate, product name.

    Raises:
        HeaderError: a file is missing, not FITS, lacks a keyword, or the files disagree.
    """
    roles = explicit_roles or {}
    facts = [
        file_facts(read_primary_header(path), path, given_role=roles.get(path)) for path in paths
    ]
    return plan(facts, stage=stage, force=force, name_product=name_product)


def association_from_headers(
    paths: Sequence[str],
    *,
    stage: Stage,
    explicit_roles: Mapping[str, str] | None = None,
    force: bool = False,
    product_name: str | None = None,
    acid: str | None = None,
    meta: Mapping[str, JSONValue] | None = None,
) -> Association:
    """The association the files' primary headers describe, built by the stage's rule.

    What the caller gives wins over the headers: ``explicit_roles`` over each file's type,
    ``product_name`` over the DMS name, ``acid`` over the candidate, ``meta`` over
    ``program``/``target``/``asn_type``.

    Raises:
        HeaderError: see :func:`plan_from_headers`.
        InvalidAssociationError: the result could not be valid (see the rules).

    Example:
        >>> asn = association_from_headers(files, stage="level3")  # doctest: +SKIP
        >>> asn.products[0].name  # doctest: +SKIP
        'jw01234-o001_t001_nircam_clear-f200w'
    """
    header_plan = plan_from_headers(
        paths,
        stage=stage,
        explicit_roles=explicit_roles,
        force=force,
        name_product=stage == "level3" and product_name is None,
    )
    merged: dict[str, JSONValue] = {**header_plan.meta, **(meta or {})}
    return rule_for_stage(stage).build_members(
        header_plan.members,
        naming=ProductNaming(
            name=product_name if product_name is not None else header_plan.product_name
        ),
        acid=acid if acid is not None else header_plan.acid,
        meta=merged,
    )
