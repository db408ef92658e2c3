"""A generated association as asnkit's model, with the file name jwst gives it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit._version import __version__
from asnkit.models import ABSENT, Association, Member, Product
from asnkit.rules import rule_for_stage

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.generate.engine import GenAsn

__all__ = ["file_name", "to_association"]


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
    stage = rule_for_stage(asn.crule.rule.stage)
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
        key_order=stage.key_order,
    )
    return file_name(asn), document
