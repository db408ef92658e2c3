"""The order of a document's keys: shared by the text writer and the converter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit.models import ABSENT, ASSOCIATION_KEYS, MEMBER_KEYS, PRODUCT_KEYS

if TYPE_CHECKING:
    from asnkit.models import Association, Member, Product


def ordered_items(
    obj: Association | Product | Member, known_keys: tuple[str, ...]
) -> list[tuple[str, object]]:
    """The keys ``obj`` has, with their values, in the order it is written.

    Without a recorded ``key_order``, known keys come first in jwst's order, then the extra
    keys in their own order (jwst appends keys it does not know after ``products``). With
    one, that order is followed, and any key the object has gained since comes after it.
    """
    values: dict[str, object] = {}
    for key in known_keys:
        value = getattr(obj, key)
        if value is not ABSENT:
            values[key] = value
    values.update(obj.extra)
    order = obj.key_order
    if not order:
        return list(values.items())
    items = [(key, values.pop(key)) for key in order if key in values]
    items.extend(values.items())
    return items


def association_items(asn: Association) -> list[tuple[str, object]]:
    """The top-level keys of ``asn`` in the order they are written."""
    return ordered_items(asn, ASSOCIATION_KEYS)


def product_items(product: Product) -> list[tuple[str, object]]:
    """The keys of ``product`` in the order they are written."""
    return ordered_items(product, PRODUCT_KEYS)


def member_items(member: Member) -> list[tuple[str, object]]:
    """The keys of ``member`` in the order they are written."""
    return ordered_items(member, MEMBER_KEYS)
