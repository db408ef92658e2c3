"""A generated association as asnkit's model, with the file name jwst gives it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit._version import __version__
from asnkit.models import ABSENT, ASSOCIATION_KEYS, Association, Member, Product

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.generate.engine import GenAsn

__all__ = ["file_name", "to_association"]

LEVEL3_KEYS: Final = ASSOCIATION_KEYS
"""The order jwst writes a Stage 3 association's keys in: the models' order."""

LEVEL2B_KEYS: Final = tuple(
    key
    for known in ASSOCIATION_KEYS
    if known != "target"
    for key in ((known, "target") if known == "asn_pool" else (known,))
)
"""The order jwst writes a Stage 2b association's keys in: the models' order with the
target moved after ``asn_pool``, as jwst's generator writes it."""


def file_name(asn: GenAsn) -> str:
    """``jw{program}-{acid}[_{version}]_{type}_{sequence:05d}_asn.json``, lower case."""
    stamp = f"_{asn.version_id}" if asn.version_id else ""
    name = f"jw{asn.program}-{asn.asn_id}{stamp}_{asn.crule.rule.asn_type}_{asn.sequence:05d}_asn"
    return name.lower() + ".json"


def _member(member: Mapping[str, object]) -> Member:
    exposerr = member.get("exposerr", ABSENT)
    candidate = member.get("asn_candidate", ABSENT)
    extra = {
        key: value
        for key, value in member.items()
        if key not in ("expname", "exptype", "exposerr", "asn_candidate")
    }
    return Member(
        expname=str(member["expname"]),
        exptype=str(member["exptype"]),
        exposerr=exposerr,  # type: ignore[arg-type]
        asn_candidate=candidate,  # type: ignore[arg-type]
        extra=extra,  # type: ignore[arg-type]
        key_order=tuple(member),
    )


def to_association(asn: GenAsn) -> tuple[str, Association]:
    """The association's file name and document."""
    products = tuple(
        Product(members=tuple(_member(m) for m, _ in members), name=name)
        for name, members in asn.products
    )
    level3 = asn.crule.rule.stage == "level3"
    document = Association(
        products=products,
        asn_type=asn.crule.rule.asn_type,
        asn_rule=asn.crule.asn_rule,
        version_id=asn.version_id,
        code_version=__version__,
        degraded_status=asn.degraded,
        program=asn.program,
        constraints=asn.constraints_text(),
        asn_id=asn.asn_id,
        target=asn.data_target,
        asn_pool=asn.pool_name,
        key_order=LEVEL3_KEYS if level3 else LEVEL2B_KEYS,
    )
    return file_name(asn), document
