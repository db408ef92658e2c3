"""``asn_from_list --from-headers``: the association ``asnkit generate`` makes of the files.

The files' headers go through the generate engine (:mod:`asnkit.headers`); the association
that takes them is written. What the user gives wins: a role flag (or a type in a
``--list``) adds that file with that type instead of asking the engine, ``--product-name``
renames the Stage 3 product, ``-i/--id`` sets ``asn_id``, and the metadata flags set their
keys. Member names are rewritten by ``--paths`` after the headers are read, from the names
as given.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final, Protocol

from asnkit.models import ExpType

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from asnkit.models import Association, JSONValue
    from asnkit.paths import PathPolicy

__all__ = ["association_from_headers"]

_PROGRESS_FROM: Final = 200  # files: fewer are read too quickly for a progress bar


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


def association_from_headers(
    args: HeaderArgs,
    rule_name: str,
    given: Sequence[tuple[str, str]],
    meta: Mapping[str, JSONValue],
    warn: Callable[[str], None],
) -> Association:
    """The association the engine makes of the files, with what the user gave winning.

    Args:
        args: The parsed command line (``product_name``, ``acid``, ``force``,
            ``paths``, ``output_file``).
        rule_name: The rule's jwst name; its stage is the association's.
        given: Every member as the user gave it, names not yet rewritten by ``--paths``;
            a type other than science is a role the user chose.
        meta: The metadata flags given.
        warn: Called with one line for what ``--force`` leaves out.

    Raises:
        HeaderError: a file is not FITS, lacks a keyword, or the files are not one
            association (the message says which files and why).
    """
    import attrs

    from asnkit.cli._progress import tracked
    from asnkit.generate.fits import read_headers
    from asnkit.headers import association_from_headers as from_headers
    from asnkit.rules import get_rule

    stage = get_rule(rule_name).stage
    # Each file is opened here, one by one: the long part of a long list (a bar on a terminal).
    names = list(dict.fromkeys(name for name, _ in given))
    headers = read_headers(tracked(names, "reading headers", at_least=_PROGRESS_FROM))
    association = from_headers(
        [name for name, _ in given],
        stage=stage,
        explicit_roles={name: t for name, t in given if t.lower() != ExpType.SCIENCE},
        force=args.force,
        product_name=args.product_name,
        acid=args.acid,
        meta=meta,
        warn=warn,
        headers=headers,
    )
    if args.paths == "keep":
        return association
    from asnkit.paths import apply_path_policy

    directory = os.path.dirname(args.output_file) or "."  # noqa: PTH120
    products = tuple(
        attrs.evolve(
            product,
            members=tuple(
                attrs.evolve(
                    member,
                    expname=apply_path_policy(
                        member.expname, args.paths, association_dir=directory
                    ),
                )
                for member in product.members
            ),
        )
        for product in association.products
    )
    return attrs.evolve(association, products=products)
