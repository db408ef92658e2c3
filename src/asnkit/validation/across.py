"""Findings across files: product names shared by associations whose members differ.

Two associations that make a product of one name from different members overwrite each
other's outputs when run in one folder (jwst's generator logs "the same product name but
significant differences"; jwst#8939). Checked only when several files are validated: one
file's path never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit._escape import quoted
from asnkit.validation.report import Finding, error, warning

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["SharedName", "shared_name_findings", "shared_product_names"]

SharedName = tuple[str, int, str, int, str]
"""``(file, product index, other file, its product index, product name)``."""

_Members = frozenset[tuple[str, str]]


def _products(document: object) -> list[tuple[int, str, _Members]]:
    if not isinstance(document, dict):
        return []
    products = document.get("products")
    if not isinstance(products, list):
        return []
    found = []
    for index, product in enumerate(products):
        if not isinstance(product, dict) or not isinstance(product.get("name"), str):
            continue
        members = product.get("members")
        pairs = frozenset(
            (str(member.get("expname")), str(member.get("exptype")))
            for member in (members if isinstance(members, list) else [])
            if isinstance(member, dict)
        )
        found.append((index, product["name"], pairs))
    return found


def shared_product_names(documents: Sequence[tuple[str, object]]) -> list[SharedName]:
    """Each product whose name a product of another file has, made of other members.

    ``documents``: each file's name and decoded document (anything not an association is
    skipped). Each product is given once, with the first earlier file's product of that
    name and other members (two of one file are
    :func:`~asnkit.validation.checks.duplicate_product_name`'s).
    """
    made: dict[str, list[tuple[str, int, _Members]]] = {}
    shared: list[SharedName] = []
    for source, document in documents:
        for index, name, members in _products(document):
            earlier = made.setdefault(name, [])
            other = next((e for e in earlier if e[0] != source and e[2] != members), None)
            if other is not None:
                shared.append((source, index, other[0], other[1], name))
            if all(e[2] != members for e in earlier):
                earlier.append((source, index, members))
    return shared


def shared_name_findings(
    documents: Sequence[tuple[str, object]], *, strict: bool = False
) -> Mapping[str, list[Finding]]:
    """:func:`shared_product_names` as findings, by file name, located in each file.

    A warning each; an error when ``strict``.
    """
    make = error if strict else warning
    findings: dict[str, list[Finding]] = {}
    for source, index, other, other_index, name in shared_product_names(documents):
        message = (
            f"product name {quoted(name)} is also made by {quoted(other)} "
            f"(/products/{other_index}) from other members: their outputs overwrite each "
            "other; rename one product"
        )
        findings.setdefault(source, []).append(make(f"/products/{index}/name", message))
        back = (
            f"product name {quoted(name)} is also made by {quoted(source)} "
            f"(/products/{index}) from other members: their outputs overwrite each "
            "other; rename one product"
        )
        findings.setdefault(other, []).append(make(f"/products/{other_index}/name", back))
    return findings
