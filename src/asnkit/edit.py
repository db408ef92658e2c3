"""Edits of an association: each function returns a new association and leaves its input be.

The functions mirror jwst's ``asn_edit`` (add and remove members) and add what it lacks
(change a member's type, rename a product, set a member's attribute or a top-level key).
None of them writes anything; none checks that the result is a valid association (a
removal may leave no product at all, an addition a second science member of a Stage 2b
product). Check before writing: ``asnkit edit`` refuses to write an invalid result.

Members are found by name: a name matches the member whose ``expname`` is that name; failing
that, a name with no directory part matches a member whose ``expname`` ends with it
(``a_cal.fits`` matches ``data/a_cal.fits``). A name that would match two different members
(``b_cal.fits`` with ``x/b_cal.fits`` and ``y/b_cal.fits``) is refused, naming them, and
nothing is changed. (The same member in several products, a Stage 2 background, is one
member.)
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Final

import attrs

from asnkit._types import names as _names
from asnkit.exceptions import EditError, InvalidAssociationError
from asnkit.models import (
    ASSOCIATION_KEYS,
    MEMBER_KEYS,
    Association,
    ExpType,
    JSONValue,
    Member,
    Product,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from asnkit._types import Names
    from asnkit.validation import Report
    from asnkit.vocabulary import Stage

__all__ = [
    "add_members",
    "edit_file",
    "remove_members",
    "rename_product",
    "set_exptype",
    "set_member_attribute",
    "set_metadata",
]

# Top-level keys whose value may be JSON null (the others hold strings).
_NULLABLE: Final = frozenset({"version_id"})
_MEMBER_NULLABLE: Final = frozenset({"exposerr"})


def _listing(names: Iterable[str], limit: int = 8) -> str:
    """``names`` for a one-line message, without repeats, shortened past ``limit``."""
    unique = list(dict.fromkeys(names))
    if not unique:
        return "(none)"
    shown = ", ".join(unique[:limit])
    return shown if len(unique) <= limit else f"{shown}, ... ({len(unique) - limit} more)"


def _product_label(product: Product, index: int) -> str:
    return product.name if isinstance(product.name, str) else f"#{index}"


def _basename(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).name


def _matcher(name: str, *, ignore_suffix: bool = False) -> Callable[[Member], bool]:
    """A test telling whether a member is one ``name`` may mean (see :func:`_resolve`)."""
    if ignore_suffix:
        from asnkit.naming import strip_suffix

        def key(expname: str) -> str:
            return strip_suffix(PurePosixPath(_basename(expname)).stem)

        wanted = key(name)
        return lambda member: key(member.expname) == wanted
    bare = _basename(name) == name
    return lambda member: member.expname == name or (bare and _basename(member.expname) == name)


def _resolve(asn: Association, name: str, *, ignore_suffix: bool = False) -> str | None:
    """The one ``expname`` that ``name`` means in ``asn``, or ``None`` when none matches.

    An exact ``expname`` wins; otherwise every member the name matches must have the same
    ``expname``.

    Raises:
        EditError: ``name`` matches members with different names; the message lists them.
    """
    expnames = _all_expnames(asn)
    if name in expnames and not ignore_suffix:
        return name
    match = _matcher(name, ignore_suffix=ignore_suffix)
    found = list(dict.fromkeys(m.expname for p in asn.products for m in p.members if match(m)))
    if len(found) > 1:
        msg = (
            f"{name} matches {len(found)} members: {_listing(found)}; "
            "give the one you mean as the association writes it"
        )
        raise EditError(msg)
    return found[0] if found else None


def _all_expnames(asn: Association) -> list[str]:
    return [m.expname for p in asn.products for m in p.members]


def _not_found(names: Iterable[str], asn: Association) -> EditError:
    return EditError(
        f"not in the association: {_listing(names)}; "
        f"its members are: {_listing(_all_expnames(asn))}"
    )


def add_members(
    asn: Association,
    expnames: Names,
    *,
    exptype: str = ExpType.SCIENCE,
    product: str | None = None,
) -> Association:
    """``asn`` with a member of type ``exptype`` for each of ``expnames``.

    Where the association's rule makes an exposure of this type a product of its own
    (Stage 2b: science and PSF exposures, :attr:`asnkit.rules.Rule.own_product_roles`), a
    file added to no product in particular (``product=None``) becomes a new product, named
    after the file, with the file as its science member and the members every product
    shares (backgrounds, imprints), as :func:`asnkit.asn_from_list` would have made it.
    Members of other types join every product, as jwst's ``asn_edit --add`` does.

    Args:
        asn: The association to add to.
        expnames: The members' file names, written as given (a list, not one string).
        exptype: The new members' type.
        product: The name of the product to add to; ``None`` adds to every product (or, at
            Stage 2b, makes a product of each science or PSF file).

    Raises:
        TypeError: ``expnames`` is a single string.
        EditError: a name is empty; there is no product to add to (none, or none named
            ``product``); a name is already a member of a product it would be added to; or
            a new Stage 2 product would have the name of another.
    """
    names = _names(expnames, "expnames")
    if any(not n for n in names):
        msg = "an empty name cannot be a member: give a file name"
        raise EditError(msg)
    if not exptype:
        msg = "a member type cannot be empty"
        raise EditError(msg)
    if not asn.products:
        msg = "the association has no product to add members to"
        raise EditError(msg)
    repeated = [n for n in dict.fromkeys(names) if names.count(n) > 1]
    if repeated:
        msg = f"file(s) given more than once: {_listing(repeated)}"
        raise EditError(msg)
    if product is None and exptype.lower() in _own_product_roles(asn):
        return _add_own_products(asn, names)
    targets = [
        i
        for i, p in enumerate(asn.products)
        if product is None or (isinstance(p.name, str) and p.name == product)
    ]
    if not targets:
        labels = [_product_label(p, i) for i, p in enumerate(asn.products)]
        msg = f"no product is named {product!r}; the products are: {_listing(labels)}"
        raise EditError(msg)
    products = list(asn.products)
    for index in targets:
        old = products[index]
        present = {m.expname for m in old.members}
        clash = [n for n in names if n in present]
        if clash:
            label = _product_label(old, index)
            msg = f"already a member of product {label}: {_listing(clash)}"
            raise EditError(msg)
        catalogs = _catalogs_for(asn, old)
        added = tuple(
            Member(expname=n, exptype=exptype, key_order=_member_order(old), extra=catalogs(n))
            for n in names
        )
        products[index] = attrs.evolve(old, members=old.members + added)
    return attrs.evolve(asn, products=tuple(products))


def _catalogs_for(asn: Association, product: Product) -> Callable[[str], dict[str, JSONValue]]:
    """The keys a new member of ``product`` gets beyond expname and exptype.

    In a Roman association whose every member of the product has a ``tweakreg_catalog``,
    a new member gets its own, named as romancal pairs them (``x_cal.asdf`` ->
    ``x_cat.parquet``), so that tweakreg still finds one for every member.
    """
    from asnkit.rules import mission_of

    key = "tweakreg_catalog"
    roman = mission_of({"asn_rule": asn.asn_rule, **asn.extra}) == "roman"
    if not (roman and product.members and all(key in m.extra for m in product.members)):
        return lambda _: {}
    from asnkit.rules.roman import tweakreg_catalog_name

    def catalog(expname: str) -> dict[str, JSONValue]:
        try:
            return {key: tweakreg_catalog_name(expname)}
        except InvalidAssociationError:
            return {}

    return catalog


def _member_order(product: Product) -> tuple[str, ...]:
    """The key order for a new member: that of the product's first member.

    (Older files write exptype before expname.)
    """
    if product.members and product.members[0].key_order:
        return tuple(k for k in product.members[0].key_order if k in ("expname", "exptype"))
    return ()


def _stage(asn: Association) -> Stage:
    from asnkit.rules import stage_of

    return stage_of({"asn_rule": asn.asn_rule, "asn_type": asn.asn_type, "products": asn.products})


def _own_product_roles(asn: Association) -> frozenset[str]:
    """The member types the rule of ``asn``'s stage makes products of their own."""
    from asnkit.rules import rule_for_stage

    return rule_for_stage(_stage(asn)).own_product_roles


def _add_own_products(asn: Association, names: list[str]) -> Association:
    """``asn`` (Stage 2b) with a product for each file of ``names``, as its science."""
    from asnkit.rules import Level2bRule

    sciences = {
        m.expname: p
        for p in asn.products
        for m in p.members
        if m.exptype.lower() == ExpType.SCIENCE
    }
    already = [n for n in names if n in sciences]
    if already:
        msg = f"already the science member of a product: {_listing(already)}"
        raise EditError(msg)
    # The companions: the members that are not science and that every product has.
    first = asn.products[0]
    companions = tuple(
        m
        for m in first.members
        if m.exptype.lower() != ExpType.SCIENCE
        and all(any(o == m for o in p.members) for p in asn.products[1:])
    )
    made: dict[str, str] = {
        p.name: next((m.expname for m in p.members if m.exptype.lower() == ExpType.SCIENCE), "?")
        for p in asn.products
        if isinstance(p.name, str)
    }
    order = _member_order(first)
    products = list(asn.products)
    for name in names:
        product_name = Level2bRule.product_name(name)
        if product_name in made:
            msg = (
                f"{made[product_name]} and {name} would both make product {product_name!r} "
                "(a Stage 2 product is named after its science file): their outputs would "
                "overwrite each other; rename one"
            )
            raise EditError(msg)
        made[product_name] = name
        science = Member(expname=name, exptype=ExpType.SCIENCE, key_order=order)
        products.append(
            Product(members=(science, *companions), name=product_name, key_order=first.key_order)
        )
    return attrs.evolve(asn, products=tuple(products))


def remove_members(
    asn: Association, expnames: Names, *, ignore_suffix: bool = False
) -> Association:
    """``asn`` without the members ``expnames`` name, in every product.

    A product left with no member is removed, as jwst's ``asn_edit --remove`` does.

    Args:
        asn: The association to remove from.
        expnames: The names of the members to remove (see the module's note on matching).
        ignore_suffix: Match names without their step suffix and extension
            (``a_rate.fits`` removes ``a_cal.fits``), as ``asn_edit --ignore``.

    Raises:
        TypeError: ``expnames`` is a single string.
        EditError: a name matches no member (the message lists the members there are), or
            matches several (the message names them); nothing is removed.
    """
    wanted = _names(expnames, "expnames")
    found = {name: _resolve(asn, name, ignore_suffix=ignore_suffix) for name in wanted}
    missing = [name for name, expname in found.items() if expname is None]
    if missing:
        raise _not_found(missing, asn)
    gone = set(found.values())
    products = []
    for product in asn.products:
        kept = tuple(m for m in product.members if m.expname not in gone)
        if len(kept) == len(product.members):
            products.append(product)
        elif kept:
            products.append(attrs.evolve(product, members=kept))
    return attrs.evolve(asn, products=tuple(products))


def _replace_members(
    asn: Association, expname: str, change: Callable[[Member], Member]
) -> Association:
    """``asn`` with ``change`` applied to the member ``expname`` names (in every product)."""
    found = _resolve(asn, expname)
    if found is None:
        raise _not_found([expname], asn)
    products = []
    for product in asn.products:
        members = tuple(change(m) if m.expname == found else m for m in product.members)
        products.append(attrs.evolve(product, members=members))
    return attrs.evolve(asn, products=tuple(products))


def set_exptype(asn: Association, expname: str, exptype: str) -> Association:
    """``asn`` with the member ``expname`` of type ``exptype`` (in every product).

    Raises:
        EditError: no member is named ``expname``, or ``exptype`` is empty.
    """
    if not exptype:
        msg = "a member type cannot be empty"
        raise EditError(msg)
    return _replace_members(asn, expname, lambda m: attrs.evolve(m, exptype=exptype))


def rename_product(asn: Association, old: str, new: str) -> Association:
    """``asn`` with the product named ``old`` named ``new``.

    Raises:
        EditError: no product is named ``old``, or one is already named ``new``.
    """
    names = [p.name for p in asn.products if isinstance(p.name, str)]
    if old not in names:
        msg = f"no product is named {old!r}; the products are: {_listing(names)}"
        raise EditError(msg)
    if new in names and new != old:
        msg = f"a product is already named {new!r}"
        raise EditError(msg)
    if not new:
        msg = "a product name cannot be empty"
        raise EditError(msg)
    products = tuple(attrs.evolve(p, name=new) if p.name == old else p for p in asn.products)
    return attrs.evolve(asn, products=products)


def _checked(key: str, value: JSONValue, *, nullable: bool) -> JSONValue:
    """``value`` for a key that has its own attribute: a string (or null where allowed)."""
    if isinstance(value, str) or (value is None and nullable):
        return value
    kind = "a string or null" if nullable else "a string"
    msg = f"{key} must be {kind}, not {type(value).__name__}"
    raise EditError(msg)


def set_member_attribute(asn: Association, expname: str, key: str, value: JSONValue) -> Association:
    """``asn`` with ``key`` set to ``value`` on the member ``expname`` (in every product).

    Known keys (``expname``, ``exptype``, ``exposerr``, ``asn_candidate``) set their
    attribute; any other key (``group_id``, ``tweakreg_catalog``, ...) goes to the member's
    ``extra``, after the keys it has.

    Raises:
        EditError: no member is named ``expname``, or a known key gets a value of the
            wrong type.
    """
    if key in MEMBER_KEYS:
        checked = _checked(key, value, nullable=key in _MEMBER_NULLABLE)
        if key in ("expname", "exptype") and not checked:
            msg = f"{key} cannot be empty"
            raise EditError(msg)
        changes: dict[str, Any] = {key: checked}  # one of the member's str fields
        return _replace_members(asn, expname, lambda m: attrs.evolve(m, **changes))

    def change(member: Member) -> Member:
        return attrs.evolve(member, extra={**member.extra, key: value})

    return _replace_members(asn, expname, change)


def set_metadata(asn: Association, key: str, value: JSONValue) -> Association:
    """``asn`` with the top-level ``key`` set to ``value`` (``program``, ``target``, ...).

    Known keys set their attribute; any other key goes to ``extra``, after the keys the
    document has.

    Raises:
        EditError: ``key`` is ``products``, or a known key gets a value of the wrong type.
    """
    if key == "products":
        msg = "products cannot be set as a value; add, remove or rename members and products"
        raise EditError(msg)
    if key in ASSOCIATION_KEYS:
        checked = _checked(key, value, nullable=key in _NULLABLE)
        changes: dict[str, Any] = {key: checked}  # one of the association's str fields
        return attrs.evolve(asn, **changes)
    return attrs.evolve(asn, extra={**asn.extra, key: value})


def _check_before_write(asn: Association) -> list[str]:
    """What makes ``asn`` unfit to be written, as ``pointer: message``; empty when it may be.

    The errors :func:`asnkit.validation` finds (schema and meaning); its warnings do
    not stop an edit.
    """
    from asnkit.write_check import problems_of

    return problems_of(asn)


def edit_file(
    path: str | os.PathLike[str],
    change: Callable[[Association], Association],
    *,
    output: str | os.PathLike[str] | None = None,
    backup: bool = False,
    force: bool = False,
    on_report: Callable[[Report], object] | None = None,
) -> list[str]:
    """Apply ``change`` to the association file ``path``, safely.

    The file is locked while it is read, changed and written (see
    :func:`asnkit.files.update_text`): concurrent edits of one file run one after the other and
    each sees the others' changes. The result is checked as ``asnkit validate`` checks it,
    and written atomically in the layout of the file read (through a symbolic link).

    Args:
        path: The association file.
        change: The edit: a function from the association read to the one to write.
        output: Write here instead of over ``path``.
        backup: Keep the file being replaced as ``<file>.bak``.
        force: Write even an association ``validate`` would reject.
        on_report: Called with what ``validate`` reports of the association written (its
            warnings, and its errors with ``force``), before it is written.

    Returns:
        The problems of the association written (only with ``force``; else empty).

    Raises:
        LoadError: ``path`` is not an association.
        EditError: ``change`` refused.
        InvalidAssociationError: the result would be invalid (and not ``force``).
        OSError: ``path`` cannot be read or the result cannot be written; naming the file.
    """
    from asnkit.codec.whitespace import render
    from asnkit.files import update_text
    from asnkit.io import parse_with_whitespace
    from asnkit.write_check import checked_report, problems_of

    name = os.fspath(path)
    problems: list[str] = []

    def rewrite(data: bytes) -> str:
        asn, layout = parse_with_whitespace(data, source=name)
        text = render(change(asn), layout)
        report = checked_report(text, force=force, what="the edit")
        problems[:] = problems_of(report)
        if on_report is not None:
            on_report(report)
        return text

    update_text(name, rewrite, output=output, backup=backup)
    return problems
