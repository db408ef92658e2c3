"""Roman: romancal's ``DMS_ELPP_Base``, one product of every member, in romancal's layout.

The stage object of the Nancy Grace Roman Space Telescope's associations. Everything
romancal 1.1.0 decides about a list-made association is stated here once: the keys and
their order, the defaults, the product (one, named as given, members in the order given),
how ``tweakreg_catalog`` names are made, and the facts of romancal's schema that
:mod:`asnkit.validation.roman` checks a Roman document against.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from asnkit._version import __version__
from asnkit.exceptions import InvalidAssociationError
from asnkit.models import Association, ExpType, Member, Product
from asnkit.naming import strip_suffix
from asnkit.rules._common import apply_meta
from asnkit.rules.protocol import ProductNaming
from asnkit.vocabulary import Mission, Stage

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asnkit.models import JSONValue

__all__ = [
    "DEFAULT_DATA_RELEASE_ID",
    "DEFAULT_TARGET",
    "KEY_ORDER",
    "ROMAN_RULE_NAME",
    "SCHEMA_TYPES",
    "SKYCELL_WCS_KEYS",
    "RomanRule",
    "roman_suffixes",
    "tweakreg_catalog_name",
]

ROMAN_RULE_NAME: Final = "DMS_ELPP_Base"
"""The rule romancal writes as ``asn_rule`` (its only one since 1.0)."""

KEY_ORDER: Final = (
    "asn_type",
    "asn_rule",
    "code_version",
    "degraded_status",
    "program",
    "data_release_id",
    "version_id",
    "target",
    "constraints",
    "asn_id",
    "asn_pool",
    "skycell_wcs_info",
    "products",
    "psf_match_reference_filter",
)
"""The top-level keys in the order romancal 1.1.0 writes them."""

DEFAULT_DATA_RELEASE_ID: Final = "p"
"""romancal's data release id when none is given (``--data-release-id``)."""

DEFAULT_TARGET: Final = "None"
"""What romancal's command writes as ``target`` without ``-t``: the string ``"None"``."""

NO_SKYCELL: Final = "none"
"""``skycell_wcs_info`` of an association that is not a sky cell's."""

SKYCELL_WCS_KEYS: Final = (
    "name",
    "pixel_scale",
    "ra_projection_center",
    "dec_projection_center",
    "x0_projection",
    "y0_projection",
    "ra_center",
    "dec_center",
    "nx",
    "ny",
    "orientat",
    "orientat_projection_center",
)
"""The keys a ``skycell_wcs_info`` object must have (``name`` a string, the others numbers)."""

SCHEMA_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "asn_type": ("string",),
    "asn_rule": ("string",),
    "asn_id": ("string",),
    "program": ("string",),
    "target": ("string", "null"),
    "asn_pool": ("string",),
    "version_id": ("string", "null"),
    "products": ("array",),
}
"""The top-level keys romancal 1.1.0's schema types, and the JSON types each may have.

Its schema (``asn_schema_jw_level3.json``, the one ``DMS_ELPP_Base`` dumps against)
requires ``products`` only; a product must be an object with ``members`` (its ``name``
a string when there); a member that is an object needs ``expname`` and ``exptype``, both
strings; ``skycell_wcs_info`` is ``"none"`` or an object with :data:`SKYCELL_WCS_KEYS`.
"""

_DEGRADED_OK: Final = "No known degraded exposures in association."


@cache
def roman_suffixes() -> frozenset[str]:
    """The step suffixes romancal 1.1.0's ``replace_suffix`` knows (46 of them)."""
    path = os.path.join(os.path.dirname(__file__), "roman_suffixes.txt")  # noqa: PTH118, PTH120
    with open(path, encoding="utf-8") as stream:  # noqa: PTH123
        return frozenset(line for line in stream.read().splitlines() if line)


def tweakreg_catalog_name(expname: str) -> str:
    """The catalog romancal pairs with a member: ``x_cal.asdf`` -> ``x_cat.parquet``.

    The path is tidied as :mod:`pathlib` tidies it (``a//./b_cal.asdf`` ->
    ``a/b_cat.parquet``); the stem loses one known suffix and gains ``_cat``.

    Raises:
        InvalidAssociationError: the name has no file part (``""``, ``.``, ``/``).
    """
    from pathlib import PurePath

    path = PurePath(expname)
    if not path.name:
        msg = (
            f"member {expname!r} names no file, so it has no tweakreg catalog: "
            "give the file's name, or drop --_tweakreg-catalogs"
        )
        raise InvalidAssociationError(msg)
    stem = path.stem
    root = strip_suffix(stem, roman_suffixes())
    separator = stem[len(root)] if len(root) < len(stem.removesuffix("\n")) else "_"
    return str(path.with_name(f"{root}{separator}cat.parquet"))


@attrs.frozen
class RomanRule:
    """romancal's ``DMS_ELPP_Base``: one product, named by the caller, of every member.

    Members keep the order and the names they were given (duplicates and folders as
    typed); none is renamed, sorted or dropped. Written in romancal's key order
    (:data:`KEY_ORDER`), with romancal's defaults.
    """

    name: ClassVar[str] = ROMAN_RULE_NAME
    stage: ClassVar[Stage] = "level3"
    label: ClassVar[str] = "Roman"
    """One product combining every member, as a JWST Stage 3 association."""
    mission: ClassVar[Mission] = "roman"
    role_order: ClassVar[tuple[str, ...]] = (ExpType.SCIENCE,)
    """romancal's steps read science members only."""
    key_order: ClassVar[tuple[str, ...]] = KEY_ORDER
    # Roman's members are ASDF files of one level: no FITS suffix is wrong for it.
    wrong_science_suffixes: ClassVar[frozenset[str]] = frozenset()
    suffix_hint: ClassVar[str] = "a Roman association"
    """romancal's order (:data:`KEY_ORDER`)."""
    own_product_roles: ClassVar[frozenset[str]] = frozenset()
    """None: the one product gathers every member."""

    def build(
        self,
        members: Sequence[tuple[str, str]],
        *,
        product_name: str,
        target: str = DEFAULT_TARGET,
        data_release_id: str = DEFAULT_DATA_RELEASE_ID,
        psf_match_reference_filter: str | None = None,
        tweakreg_catalogs: bool = False,
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """The association of ``(expname, exptype)`` pairs, as romancal 1.1.0 makes it.

        Args:
            members: The members, in order.
            product_name: The one product's name.
            target: ``target``.
            data_release_id: ``data_release_id`` (romancal's default ``p``).
            psf_match_reference_filter: Written after ``products`` when given.
            tweakreg_catalogs: Give each member its ``tweakreg_catalog``
                (:func:`tweakreg_catalog_name`).
            acid: ``asn_id`` instead of romancal's ``a3001``.
            meta: Other top-level keys: known ones replace romancal's values, the others
                come after ``products``.

        Raises:
            InvalidAssociationError: no member, or a member that names no file when
                catalogs are asked for.
        """
        if not members:
            msg = "no files were given: an association needs at least one member"
            raise InvalidAssociationError(msg)
        built = []
        for expname, exptype in members:
            extra: dict[str, JSONValue] = {}
            if tweakreg_catalogs:
                extra["tweakreg_catalog"] = tweakreg_catalog_name(expname)
            built.append(Member(expname=expname, exptype=exptype, extra=extra))
        fields: dict[str, object] = {
            "asn_type": "None",
            "asn_rule": self.name,
            "code_version": __version__,
            "degraded_status": _DEGRADED_OK,
            "program": "noprogram",
            "version_id": None,
            "target": target,
            "constraints": "No constraints",
            "asn_id": "a3001" if acid is None else acid,
            "asn_pool": "none",
        }
        extra_top: dict[str, JSONValue] = {
            "data_release_id": data_release_id,
            "skycell_wcs_info": NO_SKYCELL,
        }
        if psf_match_reference_filter is not None:
            extra_top["psf_match_reference_filter"] = psf_match_reference_filter
        apply_meta(meta, fields, extra_top)
        products = (Product(members=tuple(built), name=product_name),)
        return Association(products, extra=extra_top, key_order=KEY_ORDER, **fields)  # type: ignore[arg-type]

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        naming: ProductNaming = ProductNaming(),  # noqa: B008 (frozen, shared safely)
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs (see :class:`asnkit.rules.protocol.Rule`).

        The product is named ``naming.name``, which is required, as romancal requires it.
        """
        if naming.name is None:
            msg = "a Roman association needs a product name: give --product-name NAME"
            raise InvalidAssociationError(msg)
        return self.build(members, product_name=naming.name, acid=acid, meta=meta)
