"""The JSON text of an association, exactly as jwst writes it.

jwst writes ``json.dumps(data, indent=4, separators=(",", ": "))``: four-space indents,
non-ASCII escaped, no trailing newline. With ``indent`` set, the standard library falls back
to its pure-Python encoder, which is the slowest part of writing a large association; this
writer produces the same bytes from the models directly, escaping strings with the C
encoder, so writing costs less than that ``json.dumps`` alone. A test holds it to
``json.dumps`` byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from json.encoder import encode_basestring_ascii as _quote
from typing import TYPE_CHECKING

from asnkit.codec.key_order import association_items, member_items, product_items
from asnkit.models import ABSENT, Association, Member, Product
from asnkit.naming import suggested_file_name

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["dump", "dumps"]

_INDENT = "    "


def dumps(asn: Association) -> str:
    """The document's text, laid out exactly as jwst writes it.

    ``json.dumps(to_dict(asn), indent=4, separators=(",", ": "))``, byte for byte.
    """
    parts: list[str] = []
    _emit(parts.append, asn, "")
    return "".join(parts)


def dump(asn: Association) -> tuple[str, str]:
    """The suggested file name and the JSON text, as jwst's ``Association.dump``.

    The name is ``jw{program}-{asn_id}_{asn_type}_00001_asn.json`` in lower case: always
    sequence 1 (jwst numbers it from a counter shared by every association of the
    process, so its names depend on what ran before).
    """
    return suggested_file_name(asn), dumps(asn)


def _emit(write: Callable[[str], object], value: object, indent: str) -> None:
    """Write ``value`` whose first line is already indented by ``indent``."""
    # Plain members of named products take the fast path in _emit_products; what reaches
    # here is the rest, written key by key.
    if isinstance(value, Member):
        _emit_pairs(write, member_items(value), indent)
    elif isinstance(value, Product):
        _emit_pairs(write, product_items(value), indent)
    elif isinstance(value, Association):
        _emit_pairs(write, association_items(value), indent)
    elif isinstance(value, tuple):
        _emit_sequence(write, value, indent)
    elif isinstance(value, str):
        write(_quote(value))
    elif isinstance(value, (list, Mapping)):
        # Extra keys hold plain JSON values: let the standard library lay them out and
        # shift every line after the first to this depth.
        write(json.dumps(value, indent=4).replace("\n", "\n" + indent))
    else:
        write(json.dumps(value))


def _emit_pairs(
    write: Callable[[str], object], items: list[tuple[str, object]], indent: str
) -> None:
    if not items:
        write("{}")
        return
    inner = indent + _INDENT
    separator = "{\n" + inner
    for key, value in items:
        write(separator)
        write(_quote(key))
        write(": ")
        if key == "products" and isinstance(value, tuple):
            _emit_products(write, value, inner)
        else:
            _emit(write, value, inner)
        separator = ",\n" + inner
    write("\n" + indent + "}")


def _emit_sequence(write: Callable[[str], object], values: tuple[object, ...], indent: str) -> None:
    if not values:
        write("[]")
        return
    inner = indent + _INDENT
    separator = "[\n" + inner
    for value in values:
        write(separator)
        _emit(write, value, inner)
        separator = ",\n" + inner
    write("\n" + indent + "]")


def _is_plain(member: Member) -> bool:
    """A member with just expname and exptype, in jwst's order: most members."""
    return not (
        member.key_order
        or member.extra
        or member.exposerr is not ABSENT
        or member.asn_candidate is not ABSENT
    )


def _emit_products(
    write: Callable[[str], object], products: tuple[Product, ...], indent: str
) -> None:
    """The products array, with the separators of its common shapes worked out once.

    It is the bulk of a large association: a product with a name, then plain members.
    """
    if not products:
        write("[]")
        return
    inner = indent + _INDENT
    fields = inner + _INDENT
    member_indent = fields + _INDENT
    member_fields = member_indent + _INDENT
    open_member = "{\n" + member_fields + '"expname": '
    between = ",\n" + member_fields + '"exptype": '
    close_member = "\n" + member_indent + "}"
    separator = "[\n" + inner
    for product in products:
        write(separator)
        separator = ",\n" + inner
        if product.key_order or product.extra or product.name is ABSENT or not product.members:
            _emit_pairs(write, product_items(product), inner)
            continue
        write("{\n" + fields + '"name": ' + _quote(product.name) + ",\n" + fields + '"members": ')
        member_separator = "[\n" + member_indent
        for member in product.members:
            write(member_separator)
            member_separator = ",\n" + member_indent
            if _is_plain(member):
                write(open_member + _quote(member.expname) + between + _quote(member.exptype))
                write(close_member)
            else:
                _emit_pairs(write, member_items(member), member_indent)
        write("\n" + fields + "]\n" + inner + "}")
    write("\n" + indent + "]")
