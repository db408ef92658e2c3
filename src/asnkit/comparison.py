"""What differs between two associations, whatever the order of their keys.

Top-level keys are compared by value; products are paired by name (by position when a name
is missing or repeated); members within a pair of products are paired by ``expname``. The
result lists, in a fixed order, the metadata that differs, the products and members only
one side has, the members whose type or other keys differ, and products whose members come
in another order (the pipeline reads them in order).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Literal, cast

import attrs

from asnkit.codec.key_order import association_items, member_items, product_items
from asnkit.models import JSONValue

if TYPE_CHECKING:
    from asnkit.models import Association, Member, Product

__all__ = ["DiffResult", "Difference", "diff"]

Category = Literal["metadata", "product", "member", "exptype", "order"]


@attrs.frozen
class Difference:
    """One difference between association A and association B.

    Attributes:
        category: ``metadata`` (a top-level key), ``product`` (a product only one side has,
            or a product key that differs), ``member`` (a member only one side has, or a
            member key that differs), ``exptype`` (a member's type) or ``order`` (the
            same members in another order).
        where: Which product, member and key, in words (``product p1, member a_cal.fits``).
        a: The value in A, or ``None`` where A has none (see ``in_a``).
        b: The value in B, or ``None`` where B has none (see ``in_b``).
        in_a: Whether A has the thing at all.
        in_b: Whether B has the thing at all.
    """

    category: Category
    where: str
    a: JSONValue = None
    b: JSONValue = None
    in_a: bool = True
    in_b: bool = True

    def describe(self) -> str:
        """One line: where, then the two values (or which side lacks it)."""
        if not self.in_b:
            return f"{self.category}: {self.where}: only in A"
        if not self.in_a:
            return f"{self.category}: {self.where}: only in B"
        return f"{self.category}: {self.where}: {_show(self.a)} (A) != {_show(self.b)} (B)"


@attrs.frozen
class DiffResult:
    """The differences between two associations, in a fixed order.

    Attributes:
        differences: Every difference found; empty when the two are the same.
    """

    differences: tuple[Difference, ...]

    @property
    def equal(self) -> bool:
        """Whether the two associations are the same document (key order aside)."""
        return not self.differences

    def lines(self) -> list[str]:
        """Each difference in one line."""
        return [d.describe() for d in self.differences]


def _show(value: JSONValue) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _keyed(items: list[tuple[str, object]], skip: str) -> dict[str, JSONValue]:
    """The items but ``skip``; every value left is a plain JSON value (strings, ``extra``)."""
    return {k: cast("JSONValue", v) for k, v in items if k != skip}


def _compare_keys(
    a: dict[str, JSONValue],
    b: dict[str, JSONValue],
    category: Category,
    where: str,
    out: list[Difference],
) -> None:
    """Every key whose value differs, or that one side lacks; keys in sorted order."""
    for key in sorted(set(a) | set(b)):
        place = f"{where}{key}"
        if key not in b:
            out.append(Difference(category, place, a=a[key], in_b=False))
        elif key not in a:
            out.append(Difference(category, place, b=b[key], in_a=False))
        elif a[key] != b[key] or type(a[key]) is not type(b[key]):
            out.append(Difference(category, place, a=a[key], b=b[key]))


def _product_key(products: tuple[Product, ...]) -> list[str]:
    """A label that pairs each product: its name when unique, else its position."""
    names = [p.name if isinstance(p.name, str) else None for p in products]
    return [
        f"product {name}" if name is not None and names.count(name) == 1 else f"product #{i}"
        for i, name in enumerate(names)
    ]


def diff(
    a: Association | str | os.PathLike[str], b: Association | str | os.PathLike[str]
) -> DiffResult:
    """The differences between ``a`` and ``b``; key order and layout are not differences.

    Args:
        a: An association, or the path of an association file (read with
            :func:`asnkit.load`).
        b: The same, for the other side.

    Raises:
        LoadError: a path that cannot be read as an association.
        TypeError: ``a`` or ``b`` is neither.
    """
    a, b = _association(a, "a"), _association(b, "b")
    out: list[Difference] = []
    _compare_keys(
        _keyed(association_items(a), "products"),
        _keyed(association_items(b), "products"),
        "metadata",
        "",
        out,
    )
    labels_a = dict(zip(_product_key(a.products), a.products, strict=True))
    labels_b = dict(zip(_product_key(b.products), b.products, strict=True))
    only_a = [label for label in labels_a if label not in labels_b]
    only_b = [label for label in labels_b if label not in labels_a]
    pairs = [(label, labels_a[label], labels_b[label]) for label in labels_a if label in labels_b]
    if len(only_a) == 1 and len(only_b) == 1:
        # One product on each side with no partner: the same product, renamed.
        product_a, product_b = labels_a[only_a[0]], labels_b[only_b[0]]
        pairs.append((only_a[0], product_a, product_b))
        only_a, only_b = [], []
    out.extend(
        Difference("product", label, a=_name(labels_a[label]), in_b=False) for label in only_a
    )
    out.extend(
        Difference("product", label, b=_name(labels_b[label]), in_a=False) for label in only_b
    )
    for label, product_a, product_b in pairs:
        _diff_products(label, product_a, product_b, out)
    return DiffResult(tuple(out))


def _association(value: object, label: str) -> Association:
    from asnkit.io import load
    from asnkit.models import Association

    if isinstance(value, Association):
        return value
    if isinstance(value, (str, os.PathLike)):
        return load(value)
    msg = f"{label} must be an Association or a path, not {type(value).__name__}"
    raise TypeError(msg)


def _name(product: Product) -> str | None:
    return product.name if isinstance(product.name, str) else None


def _diff_products(label: str, a: Product, b: Product, out: list[Difference]) -> None:
    _compare_keys(
        _keyed(product_items(a), "members"),
        _keyed(product_items(b), "members"),
        "product",
        f"{label}, ",
        out,
    )
    members_a = _by_name(a.members)
    members_b = _by_name(b.members)
    out.extend(
        Difference("member", f"{label}, member {name}", a=name, in_b=False)
        for name in members_a
        if name not in members_b
    )
    out.extend(
        Difference("member", f"{label}, member {name}", b=name, in_a=False)
        for name in members_b
        if name not in members_a
    )
    for name, member_a in members_a.items():
        member_b = members_b.get(name)
        if member_b is None:
            continue
        where = f"{label}, member {name}"
        if member_a.exptype != member_b.exptype:
            out.append(Difference("exptype", where, a=member_a.exptype, b=member_b.exptype))
        _compare_keys(
            _keyed(member_items(member_a), "exptype"),
            _keyed(member_items(member_b), "exptype"),
            "member",
            f"{where}, ",
            out,
        )
    common_a: list[JSONValue] = [n for n in members_a if n in members_b]
    common_b: list[JSONValue] = [n for n in members_b if n in members_a]
    if common_a != common_b:
        out.append(Difference("order", f"{label}, members", a=common_a, b=common_b))


def _by_name(members: tuple[Member, ...]) -> dict[str, Member]:
    """Members by name; a repeated name is told apart by its occurrence (``a.fits [2]``)."""
    named: dict[str, Member] = {}
    seen: dict[str, int] = {}
    for member in members:
        count = seen.get(member.expname, 0) + 1
        seen[member.expname] = count
        named[member.expname if count == 1 else f"{member.expname} [{count}]"] = member
    return named
