"""``asn_from_list``: an association from a list of file names, as jwst's function makes it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from asnkit._types import names as _names
from asnkit.exceptions import InvalidAssociationError
from asnkit.models import ExpType
from asnkit.rules import ProductNaming, get_rule

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from asnkit._types import Names
    from asnkit.models import Association, JSONValue
    from asnkit.rules.protocol import Rule

__all__ = ["asn_from_list", "check_distinct_products"]


def asn_from_list(
    items: Names | Iterable[tuple[str, str]],
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
        items: File names, all science (a list: a single string is a ``TypeError``); or,
            with ``with_exptype``, ``(expname, exptype)`` pairs (an empty exptype means
            science). At Stage 2b without ``with_exptype``, a tuple's first element is the
            file and every member is science, as in jwst.
        rule: A rule or its jwst name: ``"DMS_Level3_Base"`` (one product of every file,
            named ``product_name``) or ``"DMSLevel2bBase"`` (one product per science file).
        product_name: Stage 3: the product's name (required there).
        with_exptype: ``items`` are ``(expname, exptype)`` pairs.
        acid: The candidate id, ``oNNN`` or ``cNNNN``, written as ``asn_id``. ``None``
            writes ``a3001``, which is what jwst writes whatever id it is given.
        meta: Top-level keys to set (``program``, ``asn_type``, ``asn_pool``, ...).
        product_name_func: Stage 2: ``f(item, index)`` gives each product's name.

    Returns:
        The association. Unlike jwst's, it is not made when it could not be valid; the
        writers (``asnkit from-list``, ``edit``, ``gather``) also check what they write as
        ``asnkit validate`` does (:mod:`asnkit.write_check`).

    Raises:
        TypeError: ``items`` is a single string, or ``product_name``, ``acid``, ``meta``
            or a name ``product_name_func`` gives is not of its type (checked here, not
            when the association is written).
        InvalidAssociationError: the association could not be valid (Stage 3 without a
            product name, no science member, a bad id, an item of the wrong shape, two
            different Stage 2 science files that would make products of the same name).
        UnknownRuleError: no rule has that name.

    Examples:
        >>> asn = asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic")
        >>> [m.expname for m in asn.products[0].members]
        ['a_cal.fits', 'b_cal.fits']
    """
    chosen = get_rule(rule)
    listed = _names(items, "items")
    _check_types(product_name=product_name, acid=acid, meta=meta)
    first_is_file = not with_exptype and chosen.stage == "level2b"
    members = [
        member_pair(item, with_exptype=with_exptype, first_is_file=first_is_file) for item in listed
    ]
    if not members:
        msg = "no files were given: an association needs at least one member"
        raise InvalidAssociationError(msg)
    if product_name_func is not None:
        product_name_func = _checked_names(product_name_func)
    naming = ProductNaming(name=product_name, func=product_name_func, items=listed)
    association = chosen.build_members(members, naming=naming, acid=acid, meta=meta)
    check_distinct_products(association)
    return association


def _check_types(*, product_name: object, acid: object, meta: object) -> None:
    """Refuse arguments of the wrong type now, not when the association is written."""
    for label, value in (("product_name", product_name), ("acid", acid)):
        if value is not None and not isinstance(value, str):
            msg = f"{label} must be a string, not {type(value).__name__} ({value!r:.40})"
            raise TypeError(msg)
    if meta is None:
        return
    if not isinstance(meta, Mapping):
        msg = f"meta must be a mapping of keys to JSON values, not {type(meta).__name__}"
        raise TypeError(msg)
    for key, value in meta.items():
        if not isinstance(key, str):
            msg = f"meta keys must be strings, not {type(key).__name__} ({key!r:.40})"
            raise TypeError(msg)
        _check_json(value, f"meta[{key!r}]")


def _check_json(value: object, where: str) -> None:
    if value is None or isinstance(value, (str, bool, int, float)):
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_json(item, f"{where}[{index}]")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                msg = f"{where} has a key that is not a string: {key!r:.40}"
                raise TypeError(msg)
            _check_json(item, f"{where}[{key!r}]")
        return
    msg = f"{where} is not a JSON value: {type(value).__name__} ({value!r:.40})"
    raise TypeError(msg)


def _checked_names(function: Callable[[object, int], str]) -> Callable[[object, int], str]:
    def named(item: object, index: int) -> str:
        name: object = function(item, index)
        if not isinstance(name, str):
            msg = (
                f"product_name_func must return a string, not {type(name).__name__} "
                f"({name!r:.40}) for item {index}"
            )
            raise TypeError(msg)
        return name

    return named


def check_distinct_products(asn: Association) -> None:
    """Refuse two products of one name made from different science files.

    Their outputs would overwrite each other. (The same file listed twice makes two
    products of one name, as jwst makes them; ``asn_from_list`` warns of it.)

    Raises:
        InvalidAssociationError: naming both science files and the product.
    """
    made: dict[str, str] = {}
    for product in asn.products:
        if not isinstance(product.name, str) or not product.members:
            continue
        science = product.members[0].expname
        other = made.setdefault(product.name, science)
        if other != science:
            msg = (
                f"{other} and {science} would both make product {product.name!r}: their "
                "outputs would overwrite each other; rename one, or give them other names"
            )
            raise InvalidAssociationError(msg)


def member_pair(
    item: object, *, with_exptype: bool, first_is_file: bool = False, blank_is_science: bool = True
) -> tuple[str, str]:
    """One item of a list given to ``asn_from_list`` as an ``(expname, exptype)`` pair.

    ``with_exptype``: the items are pairs (a blank exptype is science when
    ``blank_is_science``, as jwst's Stage 3 takes it; romancal keeps it); otherwise names,
    all science. ``first_is_file``: jwst's Stage 2 takes a tuple's first element as the file.
    Anything else is an :class:`~asnkit.exceptions.InvalidAssociationError`.
    """
    if first_is_file and isinstance(item, tuple) and item:
        # jwst's Stage 2 takes the first element as the file, science whatever follows.
        expname, exptype = item[0], ExpType.SCIENCE
    elif with_exptype:
        if not (isinstance(item, tuple) and len(item) == 2):  # noqa: PLR2004
            msg = f"with_exptype: each item must be an (expname, exptype) pair, not {item!r}"
            raise InvalidAssociationError(msg)
        expname, exptype = item
        if blank_is_science:
            exptype = exptype or ExpType.SCIENCE
    else:
        expname, exptype = item, ExpType.SCIENCE
    if not isinstance(expname, str) or not isinstance(exptype, str):
        msg = f"expname and exptype must be strings, not {item!r}"
        raise InvalidAssociationError(msg)
    return expname, exptype
