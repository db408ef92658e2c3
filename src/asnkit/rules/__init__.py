"""The rules that build associations, found by their jwst names: the one registry.

Every fact about a stage lives in its rule (:class:`~asnkit.rules.protocol.Rule`): its jwst
name, its :data:`~asnkit.vocabulary.Stage`, the order of member roles in its products, how it
names them. Whoever needs one of those facts asks here: :func:`get_rule` by name,
:func:`rule_for_stage` by stage, :func:`stage_of` for a document, :data:`STAGE_NAMES` for
what ``--rule`` accepts.

A new rule is a class with ``name``, ``stage``, ``role_order`` and ``build_members``, added
to :data:`RULES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit.exceptions import UnknownRuleError
from asnkit.rules.level2b import Level2bRule
from asnkit.rules.level3 import Level3Rule
from asnkit.rules.protocol import ProductNaming, Rule
from asnkit.rules.roman import RomanRule
from asnkit.vocabulary import STAGES, Mission, Stage

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "RULES",
    "STAGE_NAMES",
    "UNSUPPORTED_RULES",
    "Level2bRule",
    "Level3Rule",
    "ProductNaming",
    "RomanRule",
    "Rule",
    "get_rule",
    "mission_of",
    "rule_for_stage",
    "stage_of",
]

RULES: Final[Mapping[str, Rule]] = {
    rule.name: rule for rule in (Level2bRule(), Level3Rule(), RomanRule())
}
"""Every rule asnkit has, by the name jwst (or romancal) gives it."""

UNSUPPORTED_RULES: Final[Mapping[str, str]] = {
    "Association": (
        "jwst's base rule writes a bare list of members and no products, which no pipeline "
        "reads; use DMS_Level3_Base (one product of every file) or DMSLevel2bBase (a product "
        "per science file)"
    ),
}
"""Rule names jwst accepts that asnkit refuses on purpose, with what to use instead
(docs/differences.md)."""

STAGE_NAMES: Final[Mapping[str, Stage]] = {
    **{stage: stage for stage in STAGES},
    **{name: rule.stage for name, rule in RULES.items()},
}
"""A stage by its name (``level2b``, ``level3``) or by the name of a rule of it."""


def get_rule(rule: str | Rule) -> Rule:
    """The rule named ``rule`` (``DMSLevel2bBase``, ``DMS_Level3_Base``), or ``rule`` itself.

    Raises:
        UnknownRuleError: no rule has that name; the error lists the known ones, or says
            what to use instead of a rule of :data:`UNSUPPORTED_RULES`.
    """
    if not isinstance(rule, str):
        return rule
    try:
        return RULES[rule]
    except KeyError:
        raise UnknownRuleError(rule, tuple(RULES), UNSUPPORTED_RULES.get(rule, "")) from None


def rule_for_stage(stage: Stage) -> Rule:
    """The JWST rule that builds associations of ``stage`` from a list of files."""
    return next(rule for rule in RULES.values() if rule.stage == stage and rule.mission == "jwst")


_ROMAN_KEYS: Final = ("data_release_id", "skycell_wcs_info")
"""Top-level keys only romancal writes."""


def mission_of(document: Mapping[str, object]) -> Mission:
    """The mission of a decoded association: its rule's, else Roman's when it has Roman keys.

    A rule of the registry says its mission (``DMS_ELPP_Base``: Roman). Another
    ``asn_rule`` with ``ELPP`` in it is Roman's too; without a rule that says, a document
    with ``data_release_id`` or ``skycell_wcs_info`` is Roman's. Every other is JWST's.
    """
    asn_rule = document.get("asn_rule")
    if isinstance(asn_rule, str):
        known = RULES.get(asn_rule)
        if known is not None:
            return known.mission
        if "ELPP" in asn_rule:
            return "roman"
    if any(key in document for key in _ROMAN_KEYS):
        return "roman"
    return "jwst"


def stage_of(document: Mapping[str, object]) -> Stage:  # noqa: PLR0911 (one return per clue)
    """The stage of a decoded association: from ``asn_rule``, else ``asn_type``, else shape.

    A rule of the registry says its stage. Other ``asn_rule`` names with ``Level2b`` or
    ``Lv2`` (``candidate_Asn_Lv2Image``) are Stage 2b, with ``Level3`` or ``Lv3`` Stage 3.
    Then an ``asn_type`` ending in ``2`` (``image2``, ``tso-spec2``) is Stage 2b, in ``3``
    Stage 3. Otherwise (old or foreign rules such as ``Asn_Image``, ``CORON``,
    ``DMS_ELPP_Base``) a document with several products is Stage 2b and one with a single
    product Stage 3.
    """
    asn_rule = document.get("asn_rule")
    if isinstance(asn_rule, str):
        known = RULES.get(asn_rule)
        if known is not None:
            return known.stage
        if "Level2b" in asn_rule or "Lv2" in asn_rule:
            return "level2b"
        if "Level3" in asn_rule or "Lv3" in asn_rule:
            return "level3"
    asn_type = document.get("asn_type")
    if isinstance(asn_type, str):
        if asn_type.endswith("2"):
            return "level2b"
        if asn_type.endswith("3"):
            return "level3"
    products = document.get("products")
    if isinstance(products, (list, tuple)) and len(products) > 1:
        return "level2b"
    return "level3"
