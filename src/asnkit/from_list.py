"""``asn_from_list``: an association from a list of file names, as jwst's function makes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit.exceptions import InvalidAssociationError
from asnkit.models import ExpType
from asnkit.rules import get_rule

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from asnkit.models import Association, JSONValue
    from asnkit.rules.protocol import Rule

__all__ = ["asn_from_list"]


def asn_from_list(
    items: Iterable[str] | Iterable[tuple[str, str]],
    rule: str | Rule = "DMS_Level3_Base",
    *,
    product_name: str | None = None,
    with_exptype: bool = False,
    acid: str | None = None,
    meta: Mapping[str, JSONValue] | None = None,
    product_name_func: Callable[[object, int], str] | None = None,
) -> Association:
    """Build an association from file names, as jwst's ``asn_from_list`` does.

    Args:
        items: File names, all science; or, with ``with_exptype``, ``(expname, exptype)``
            pairs (an empty exptype means science).
        rule: A rule or its jwst name: ``"DMS_Level3_Base"`` (one product of every file,
            named ``product_name``) or ``"DMSLevel2bBase"`` (one product per science file).
        product_name: Stage 3: the product's name (required there).
        with_exptype: ``items`` are ``(expname, exptype)`` pairs.
        acid: The candidate id, ``oNNN`` or ``cNNNN``, written as ``asn_id``. ``None``
            writes ``a3001``, which is what jwst writes whatever id it is given.
        meta: Top-level keys to set (``program``, ``asn_type``, ``asn_pool``, ...).
        product_name_func: Stage 2: ``f(item, index)`` gives each product's name.

    Returns:
        The association. Unlike jwst's, it is valid or not made at all.

    Raises:
        InvalidAssociationError: the association could not be valid (Stage 3 without a
            product name, no science member, a bad id, an item of the wrong shape).
        UnknownRuleError: no rule has that name.

    Example:
        >>> asn = asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic")
        >>> [m.expname for m in asn.products[0].members]
        ['a_cal.fits', 'b_cal.fits']
    """
    chosen = get_rule(rule)
    listed = list(items)
    members = [_as_member(item, with_exptype=with_exptype) for item in listed]
    if not members:
        msg = "no files were given: an association needs at least one member"
        raise InvalidAssociationError(msg)
    return chosen.build_members(
        members,
        product_name=product_name,
        acid=acid,
        meta=meta,
        product_name_func=product_name_func,
        items=listed,
    )


def _as_member(item: object, *, with_exptype: bool) -> tuple[str, str]:
    if with_exptype:
        if not (isinstance(item, tuple) and len(item) == 2):  # noqa: PLR2004
            msg = f"with_exptype: each item must be an (expname, exptype) pair, not {item!r}"
            raise InvalidAssociationError(msg)
        expname, exptype = item
        exptype = exptype or ExpType.SCIENCE
    else:
        expname, exptype = item, ExpType.SCIENCE
    if not isinstance(expname, str) or not isinstance(exptype, str):
        msg = f"expname and exptype must be strings, not {item!r}"
        raise InvalidAssociationError(msg)
    return expname, exptype
