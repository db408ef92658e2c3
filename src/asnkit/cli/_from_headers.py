"""``asn_from_list --from-headers``: members, metadata and name from the files' FITS headers.

What the user gives wins over the headers: a role flag (or a type in a ``--list``) over the
file's type, ``--product-name`` over the DMS name, ``-i/--id`` over the candidate, and the
metadata flags over ``program``/``target``/``asn_type``. Member names are rewritten by
``--paths`` after the headers are read, from the names as given.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from asnkit.models import ExpType

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asnkit.models import JSONValue
    from asnkit.paths import PathPolicy

__all__ = ["apply_headers"]


class HeaderArgs(Protocol):
    """What the command line says that header-aware creation reads (a ``Request`` has it)."""

    @property
    def product_name(self) -> str | None: ...
    @property
    def acid(self) -> str | None: ...
    @property
    def force(self) -> bool: ...
    @property
    def paths(self) -> PathPolicy: ...
    @property
    def output_file(self) -> str: ...


def apply_headers(
    args: HeaderArgs,
    rule_name: str,
    given: Sequence[tuple[str, str]],
    meta: Mapping[str, JSONValue],
) -> tuple[list[tuple[str, str]], dict[str, JSONValue], str | None, str | None]:
    """The members, metadata, product name and candidate id, the headers filling the gaps.

    Args:
        args: The parsed command line (``product_name``, ``acid``, ``force``,
            ``paths``, ``output_file``).
        rule_name: The rule's jwst name; its stage is the association's.
        given: Every member as the user gave it, names not yet rewritten by ``--paths``;
            a type other than science is a role the user chose.
        meta: The metadata flags given.

    Raises:
        HeaderError: a file is not FITS, lacks a keyword, or the files disagree.
    """
    from asnkit.headers import plan_from_headers
    from asnkit.rules import get_rule

    stage = get_rule(rule_name).stage
    paths = [name for name, _ in given]
    chosen = {name: exptype for name, exptype in given if exptype.lower() != ExpType.SCIENCE}
    plan = plan_from_headers(
        paths,
        stage=stage,
        explicit_roles=chosen,
        force=args.force,
        name_product=stage == "level3" and args.product_name is None,
    )
    members = list(plan.members)
    if args.paths != "keep":
        from asnkit.paths import apply_path_policy

        directory = os.path.dirname(args.output_file) or "."  # noqa: PTH120
        members = [
            (apply_path_policy(name, args.paths, association_dir=directory), exptype)
            for name, exptype in members
        ]
    merged: dict[str, JSONValue] = {**plan.meta, **meta}
    product_name = args.product_name if args.product_name is not None else plan.product_name
    acid = args.acid if args.acid is not None else plan.acid
    return members, merged, product_name, acid
