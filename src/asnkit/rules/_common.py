"""What the Stage 2b and Stage 3 rules share: the candidate id and the metadata keys."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from asnkit._version import __version__
from asnkit.exceptions import InvalidAssociationError
from asnkit.models import ASSOCIATION_KEYS, Association, ExpType
from asnkit.rules.candidate_ids import GIVEN_ID_FORMS, full_match

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asnkit.models import JSONValue, Product

DEFAULT_ASN_ID: Final = "a3001"
"""What jwst writes as ``asn_id`` for any list-made association, whatever ``--id`` says."""

_CANDIDATE_ID = re.compile(full_match(GIVEN_ID_FORMS))


def check_candidate_id(acid: str | None, members: Sequence[tuple[str, str]]) -> None:
    """Refuse a bad candidate id, or a background candidate with no background member.

    An id is ``oNNN`` (an observation) or ``cNNNN`` (a candidate, which jwst's Stage 2 rule
    takes as a background candidate and holds invalid without a background member).
    """
    if acid is None:
        return
    if not _CANDIDATE_ID.match(acid):
        msg = (
            f"invalid association id {acid!r}: use oNNN for an observation (o001) "
            "or cNNNN for a candidate (c1000)"
        )
        raise InvalidAssociationError(msg)
    if acid.startswith("c") and not any(
        exptype.lower() == ExpType.BACKGROUND for _, exptype in members
    ):
        msg = (
            f"association id {acid!r} is a background candidate, but no member is a "
            "background: add one (--background FILE) or use an observation id (oNNN)"
        )
        raise InvalidAssociationError(msg)


def make_association(
    rule_name: str,
    products: Sequence[Product],
    *,
    with_target: bool,
    acid: str | None,
    meta: Mapping[str, JSONValue] | None,
    key_order: tuple[str, ...] = ASSOCIATION_KEYS,
) -> Association:
    """The association with jwst's metadata for a list-made association, then ``meta``.

    The rule's own keys are written in its ``key_order``; a key of ``meta`` replaces the
    rule's value in place, and one the rule's document does not have (Stage 2b's
    ``target``, or a key unknown to the models) comes after ``products``, in ``meta``'s
    order, as jwst's ``data.update(meta)`` leaves them.
    """
    fields: dict[str, object] = {
        "asn_type": "None",
        "asn_rule": rule_name,
        "version_id": None,
        "code_version": __version__,
        "degraded_status": "No known degraded exposures in association.",
        "program": "noprogram",
        "constraints": "No constraints",
        "asn_id": DEFAULT_ASN_ID if acid is None else acid,
        "asn_pool": "none",
    }
    if with_target:
        fields["target"] = "none"
    own = {*fields, "products"}
    extra: dict[str, JSONValue] = {}
    apply_meta(meta, fields, extra)
    appended = tuple(key for key in (meta or {}) if key not in own)
    return Association(
        products=tuple(products),
        extra=extra,
        key_order=tuple(key for key in key_order if key in own) + appended,
        **fields,  # type: ignore[arg-type]
    )


def apply_meta(
    meta: Mapping[str, JSONValue] | None, fields: dict[str, object], extra: dict[str, JSONValue]
) -> None:
    """Put each key of ``meta`` in ``fields`` (the models' keys) or ``extra`` (any other).

    Raises:
        InvalidAssociationError: ``meta`` sets ``products``, or a model key to something
            other than a string (``version_id`` may be ``None``).
    """
    for key, value in (meta or {}).items():
        if key == "products":
            msg = "meta cannot set 'products': give the members instead"
            raise InvalidAssociationError(msg)
        if key in ASSOCIATION_KEYS:
            if not (isinstance(value, str) or (key == "version_id" and value is None)):
                msg = f"meta[{key!r}] must be a string, not {value!r}"
                raise InvalidAssociationError(msg)
            fields[key] = value
        else:
            extra[key] = value


def by_role(
    role_order: tuple[str, ...],
    roles: Mapping[str, Sequence[str]],
    members: Sequence[tuple[str, str]],
) -> list[tuple[str, str]]:
    """``(expname, exptype)`` pairs: the files of ``roles`` in ``role_order``, then ``members``."""
    ordered = [(name, role) for role in role_order for name in roles.get(role, ())]
    return ordered + list(members)


def in_role_order(
    members: Sequence[tuple[str, str]], role_order: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """``members`` sorted by their role's place in ``role_order`` (others last), stably."""
    rank = {exptype: index for index, exptype in enumerate(role_order)}
    return tuple(sorted(members, key=lambda pair: rank.get(pair[1], len(role_order))))
