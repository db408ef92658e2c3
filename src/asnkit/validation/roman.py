"""Roman documents: romancal's schema, then the checks romancal's steps need.

A Roman association (:func:`asnkit.rules.mission_of`) is checked against the facts of
romancal 1.1.0's schema (:data:`asnkit.rules.roman.SCHEMA_TYPES`, ``skycell_wcs_info``),
then by JWST's meaning checks that hold for any mission (a product needs members and a
name, a member is an object, no control characters, ...), then by Roman's own: members
are ASDF files, a ``tweakreg_catalog`` is the name of a file beside its member, the data
release id is a string that a product named by romancal's convention agrees with. JWST's
checks of suffixes, exposure types and ``asn_type`` never run on a Roman document.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from asnkit.codec.decode import json_type
from asnkit.rules.roman import (
    NO_SKYCELL,
    SCHEMA_TYPES,
    SKYCELL_WCS_KEYS,
    tweakreg_catalog_name,
)
from asnkit.validation import checks
from asnkit.validation.report import Finding, error, warning

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = ["ROMAN_CHECKS", "missing_catalogs", "roman_findings"]

_TYPES: Final[Mapping[str, tuple[type, ...]]] = {
    "string": (str,),
    "array": (list, tuple),
    "object": (dict,),
    "null": (type(None),),
}
_NAMES: Final = {"string": "a string", "array": "an array", "object": "an object", "null": "null"}


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def schema_findings(document: Mapping[str, object]) -> list[Finding]:
    """Every way ``document`` breaks romancal 1.1.0's schema, located."""
    found: list[Finding] = []
    if "products" not in document:
        found.append(error("", "no 'products' key: an association lists its products"))
    for key, value in document.items():
        kinds = SCHEMA_TYPES.get(key)
        if kinds is not None and not any(isinstance(value, _TYPES[kind]) for kind in kinds):
            expected = " or ".join(_NAMES[kind] for kind in kinds)
            found.append(error(f"/{key}", f"{key} must be {expected}, not {json_type(value)}"))
    if "skycell_wcs_info" in document:
        found += _skycell(document["skycell_wcs_info"])
    products = document.get("products")
    for p_index, product in enumerate(products if isinstance(products, list) else ()):
        found += _product(p_index, product)
    return found


def _product(p_index: int, product: object) -> list[Finding]:
    """How one product breaks romancal's schema."""
    where = f"/products/{p_index}"
    if not isinstance(product, dict):
        return [error(where, f"a product must be an object, not {json_type(product)}")]
    found = []
    if "members" not in product:
        found.append(error(where, "the product has no 'members' key"))
    name = product.get("name")
    if "name" in product and not isinstance(name, str):
        found.append(error(f"{where}/name", f"name must be a string, not {json_type(name)}"))
    members = product.get("members")
    if "members" in product and not isinstance(members, list):
        message = f"members must be an array, not {json_type(members)}"
        return [*found, error(f"{where}/members", message)]
    for m_index, member in enumerate(members or ()):
        if not isinstance(member, dict):
            continue  # romancal's schema lets it be (the meaning checks do not)
        pointer = f"{where}/members/{m_index}"
        for key in ("expname", "exptype"):
            if key not in member:
                found.append(error(pointer, f"the member has no {key!r} key"))
            elif not isinstance(member[key], str):
                message = f"{key} must be a string, not {json_type(member[key])}"
                found.append(error(f"{pointer}/{key}", message))
    return found


def _skycell(value: object) -> list[Finding]:
    where = "/skycell_wcs_info"
    if value == NO_SKYCELL:
        return []
    if not isinstance(value, dict):
        message = (
            f"skycell_wcs_info must be 'none' or an object of the sky cell's WCS, not {value!r:.40}"
        )
        return [error(where, message)]
    found = []
    missing = [key for key in SKYCELL_WCS_KEYS if key not in value]
    if missing:
        found.append(error(where, f"skycell_wcs_info has no {', '.join(missing)}"))
    for key in SKYCELL_WCS_KEYS:
        if key not in value:
            continue
        item = value[key]
        if key == "name" and not isinstance(item, str):
            found.append(error(f"{where}/name", f"name must be a string, not {json_type(item)}"))
        elif key != "name" and not _number(item):
            found.append(error(f"{where}/{key}", f"{key} must be a number, not {json_type(item)}"))
    return found


# -- Roman's own checks ------------------------------------------------------------------


def asdf_members(doc: checks.Document) -> list[Finding]:
    """Warn of a member that is not an ASDF file: romancal's steps open ``.asdf`` files."""
    if all(name.endswith(".asdf") for name in doc.expname_values):
        return []
    return [
        warning(
            f"/products/{p_index}/members/{m_index}/expname",
            f"expname {expname!r} is not an .asdf file: Roman's pipeline reads ASDF "
            "(x_cal.asdf, x_coadd.asdf)",
        )
        for p_index, m_index, expname in doc.expnames
        if expname.strip() and not expname.endswith(".asdf")
    ]


def tweakreg_catalog_pairing(doc: checks.Document) -> list[Finding]:
    """A ``tweakreg_catalog`` names a file; warn when it is not the member's own catalog."""
    found = []
    for p_index, m_index, text in doc.located("tweakreg_catalog"):
        pointer = f"/products/{p_index}/members/{m_index}/tweakreg_catalog"
        if not text.strip():
            found.append(error(pointer, "tweakreg_catalog is empty: it names the member's catalog"))
    for p_index, m_index, member in _members_with("tweakreg_catalog", doc):
        pointer = f"/products/{p_index}/members/{m_index}/tweakreg_catalog"
        catalog = member["tweakreg_catalog"]
        if not isinstance(catalog, str):
            message = f"tweakreg_catalog must be a string (a file name), not {json_type(catalog)}"
            found.append(error(pointer, message))
            continue
        expname = member.get("expname")
        if not isinstance(expname, str) or not expname.strip() or not catalog.strip():
            continue
        try:
            expected = tweakreg_catalog_name(expname)
        except ValueError:
            continue
        if catalog != expected:
            found.append(
                warning(
                    pointer,
                    f"tweakreg_catalog {catalog!r} is not {expname!r}'s catalog {expected!r} "
                    "(romancal's pairing); is it the right one?",
                )
            )
    if found:
        return found
    with_catalog = len(_members_with("tweakreg_catalog", doc))
    if 0 < with_catalog < doc.objects:
        return [
            warning(
                "/products",
                f"{with_catalog} of {doc.objects} members have a tweakreg_catalog: tweakreg "
                "needs one for every member, or none (then it finds sources itself)",
            )
        ]
    return []


def _members_with(key: str, doc: checks.Document) -> list[tuple[int, int, Mapping[str, object]]]:
    return [
        (p_index, m_index, member)
        for p_index, members in doc.arrays
        for m_index, member in enumerate(members)
        if isinstance(member, dict) and key in member
    ]


_PRODUCT_RELEASE: Final = re.compile(r"r\d{5}_(?P<release>[^_]+)_")


def data_release_id(doc: checks.Document) -> list[Finding]:
    """``data_release_id`` is a non-empty string; a product named ``rPPPPP_<id>_...`` agrees."""
    if "data_release_id" not in doc.data:
        return []
    value = doc.data["data_release_id"]
    if not isinstance(value, str):
        message = f"data_release_id must be a string (p, dr1, ...), not {json_type(value)}"
        return [error("/data_release_id", message)]
    if not value.strip():
        return [
            warning("/data_release_id", "data_release_id is empty: romancal writes 'p' by default")
        ]
    found = []
    for p_index, product in doc.products:
        name = product.get("name")
        match = _PRODUCT_RELEASE.match(name) if isinstance(name, str) else None
        if match and match["release"] != value:
            found.append(
                warning(
                    f"/products/{p_index}/name",
                    f"product {name!r} is of data release {match['release']!r}, the "
                    f"association of {value!r} (data_release_id): one of them is wrong",
                )
            )
    return found


ROMAN_CHECKS: Final[Sequence[Callable[[checks.Document], list[Finding]]]] = (
    checks.no_product,
    checks.product_without_member,
    checks.product_name_missing_or_empty,
    checks.product_name_steers_writes,
    checks.duplicate_product_name,
    checks.science_count,
    checks.member_not_an_object,
    checks.empty_expname,
    checks.control_characters,
    checks.duplicate_member,
    checks.directory_in_expname,
    asdf_members,
    tweakreg_catalog_pairing,
    data_release_id,
)
"""Every check of a Roman document, in the order it runs (JWST's that hold, then Roman's)."""


def roman_findings(document: Mapping[str, object]) -> list[Finding]:
    """The findings of a Roman document: its schema's, then each check's, in document order."""
    found = schema_findings(document)
    doc = checks.Document(document, "level3")
    meaning: list[Finding] = []
    for check in ROMAN_CHECKS:
        findings = check(doc)
        if findings:
            meaning += [attrs.evolve(finding, check=check.__name__) for finding in findings]
    if len(meaning) > 1:
        meaning.sort(
            key=lambda finding: tuple(int(t) for t in finding.pointer.split("/") if t.isdigit())
        )
    return found + meaning


def _place(pointer: str) -> tuple[int, ...]:
    """A sort key putting findings in the order of products and members."""
    return tuple(int(token) for token in pointer.split("/") if token.isdigit())


def missing_catalogs(document: Mapping[str, object], base: str) -> list[Finding]:
    """An error for every ``tweakreg_catalog`` that is not where tweakreg will look.

    Names are resolved as members are: from the association's folder (``base``).
    """
    import os

    found = []
    for p_index, m_index, catalog in checks.Document(document, "level3").located(
        "tweakreg_catalog"
    ):
        path = os.path.join(base, catalog)  # noqa: PTH118 (an absolute name stays as it is)
        if catalog.strip() and not os.path.isfile(path):  # noqa: PTH113
            pointer = f"/products/{p_index}/members/{m_index}/tweakreg_catalog"
            found.append(error(pointer, f"tweakreg catalog not found: {path}"))
    return found
