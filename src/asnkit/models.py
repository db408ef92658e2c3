"""The association document as immutable, typed values.

An association file is a JSON object with metadata keys and a list of products; each product
names an output and lists its input members. The three classes here hold exactly that, keep
every key a file carries (known keys as typed attributes, the others in ``extra``), and
remember the order the keys came in (``key_order``) so that a file loaded and dumped again is
the same document. ``key_order`` is layout, not content: it takes no part in equality.

A key that a document does not have is :data:`ABSENT`, which is different from JSON ``null``
(``None``): real files carry ``"version_id": null`` and ``"exposerr": null``.

The models are plain data: reading and writing them is done by functions of the layers
above (:func:`asnkit.load`, :func:`asnkit.dumps`, :func:`asnkit.write`, ...), so that this
module imports nothing of asnkit but its vocabulary.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Final, Literal, TypeAlias, Union

import attrs

from asnkit.vocabulary import KNOWN_EXPTYPES, ExpType

__all__ = [
    "ABSENT",
    "ASSOCIATION_KEYS",
    "KNOWN_EXPTYPES",
    "MEMBER_KEYS",
    "PRODUCT_KEYS",
    "Absent",
    "Association",
    "ExpType",
    "JSONValue",
    "Member",
    "Product",
]

JSONValue: TypeAlias = Union[  # noqa: UP007 (a recursive alias needs the string form)
    str, int, float, bool, list["JSONValue"], dict[str, "JSONValue"], None
]
"""Any value a JSON document can hold."""


class Absent(enum.Enum):
    """The type of :data:`ABSENT`: a key the document does not have."""

    ABSENT = "ABSENT"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = Absent.ABSENT
"""A key the document does not have (as opposed to a JSON ``null``)."""


# The keys each level has attributes for, in the order jwst writes them.
MEMBER_KEYS: Final = ("expname", "exptype", "exposerr", "asn_candidate")
PRODUCT_KEYS: Final = ("name", "members")
ASSOCIATION_KEYS: Final = (
    "asn_type",
    "asn_rule",
    "version_id",
    "code_version",
    "degraded_status",
    "program",
    "constraints",
    "asn_id",
    "target",
    "asn_pool",
    "products",
)

_EMPTY: Final[Mapping[str, JSONValue]] = MappingProxyType({})


def _frozen_mapping(value: Mapping[str, JSONValue]) -> Mapping[str, JSONValue]:
    """Copy ``value`` into a read-only mapping, keeping its order."""
    if isinstance(value, MappingProxyType) or not value:
        return value or _EMPTY
    return MappingProxyType(dict(value))


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(value)


def _products(value: Iterable[Product]) -> tuple[Product, ...]:
    return tuple(value)


def _extra_without(
    known: tuple[str, ...],
) -> Callable[[object, attrs.Attribute[Mapping[str, JSONValue]], Mapping[str, JSONValue]], None]:
    """A validator: ``extra`` must not repeat a key that has its own attribute."""

    def check(
        _instance: object,
        attribute: attrs.Attribute[Mapping[str, JSONValue]],
        value: Mapping[str, JSONValue],
    ) -> None:
        if not value:
            return
        clash = sorted(set(known).intersection(value))
        if clash:
            msg = (
                f"{attribute.name} repeats key(s) that have their own attribute: {', '.join(clash)}"
            )
            raise ValueError(msg)

    return check


@attrs.frozen
class Member:
    """One input of a product: an exposure and the role it plays.

    Attributes:
        expname: The file name, as the pipeline will open it (relative names are resolved
            from the association file's directory at Stage 3 and by most Stage 2 loaders).
        exptype: The member's role: ``science``, ``background``, ``imprint``, ``psf``, ...
            (see :class:`ExpType`). Unknown strings are kept.
        exposerr: The exposure error status DMS writes (often ``null``), or :data:`ABSENT`.
        asn_candidate: The candidate list DMS writes as a string, or :data:`ABSENT`.
        extra: Every other key of the member, in file order (``group_id``,
            ``tweakreg_catalog``, ...).
        key_order: The order of the member's keys as loaded; empty means jwst's order.
            Layout only: not compared.
    """

    expname: str
    # A document must say the type; the model defaults it for the caller's convenience.
    exptype: str = attrs.field(default=ExpType.SCIENCE, metadata={"required_in_document": True})
    exposerr: str | Absent | None = ABSENT
    asn_candidate: str | Absent = ABSENT
    extra: Mapping[str, JSONValue] = attrs.field(
        default=_EMPTY,
        converter=_frozen_mapping,
        validator=_extra_without(MEMBER_KEYS),
    )
    key_order: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen
class Product:
    """One output of the association and the members that make it.

    Attributes:
        members: The inputs, in the order the pipeline reads them.
        name: The output's name (the pipeline's output files begin with it), or
            :data:`ABSENT` when the document has none.
        extra: Every other key of the product, in file order (``prodtype``, ...).
        key_order: The order of the product's keys as loaded; empty means jwst's order.
            Layout only: not compared.
    """

    members: tuple[Member, ...] = attrs.field(converter=_members)
    name: str | Absent = ABSENT
    extra: Mapping[str, JSONValue] = attrs.field(
        default=_EMPTY, converter=_frozen_mapping, validator=_extra_without(PRODUCT_KEYS)
    )
    key_order: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)

    def members_of_type(self, exptype: str) -> tuple[Member, ...]:
        """The members whose ``exptype`` is ``exptype`` (compared case-insensitively)."""
        wanted = exptype.lower()
        return tuple(m for m in self.members if m.exptype.lower() == wanted)


@attrs.frozen
class Association:
    """A whole association document.

    Every metadata attribute is :data:`ABSENT` unless the document has the key; the rules in
    :mod:`asnkit.rules` fill them as jwst does.

    Attributes:
        products: The outputs, in order.
        asn_type: The association's type (``image2``, ``spec3``, ``coron3``, ...); jwst writes
            ``"None"`` when it does not know.
        asn_rule: The name of the rule that made it (``DMSLevel2bBase``, ``DMS_Level3_Base``).
        version_id: A version stamp, usually ``null``.
        code_version: The version of the program that wrote the file.
        degraded_status: DMS's note on degraded exposures.
        program: The observing program (``"01234"``), or ``noprogram``.
        constraints: DMS's description of the rule's constraints.
        asn_id: The association candidate id (``o001``, ``c1000``, ``a3001``).
        target: The target id, Stage 3 only; ``None`` for the ``null`` that romancal's
            API writes without a target (jwst's schemas take a string only, and so does
            ``asnkit validate`` in a JWST document).
        asn_pool: The pool the association came from, or ``none``.
        extra: Every other top-level key, in file order.
        key_order: The order of the top-level keys as loaded; empty means jwst's order.
            Layout only: not compared.
    """

    products: tuple[Product, ...] = attrs.field(converter=_products)
    asn_type: str | Absent = ABSENT
    asn_rule: str | Absent = ABSENT
    version_id: str | Absent | None = ABSENT
    code_version: str | Absent = ABSENT
    degraded_status: str | Absent = ABSENT
    program: str | Absent = ABSENT
    constraints: str | Absent = ABSENT
    asn_id: str | Absent = ABSENT
    target: str | Absent | None = ABSENT
    asn_pool: str | Absent = ABSENT
    extra: Mapping[str, JSONValue] = attrs.field(
        default=_EMPTY,
        converter=_frozen_mapping,
        validator=_extra_without(ASSOCIATION_KEYS),
    )
    key_order: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)
