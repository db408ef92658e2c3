"""The rules that build associations, found by their jwst names."""

from __future__ import annotations

from typing import Final

from asnkit.exceptions import UnknownRuleError
from asnkit.rules.level2b import Level2bRule
from asnkit.rules.level3 import Level3Rule
from asnkit.rules.protocol import Rule

__all__ = ["RULES", "Level2bRule", "Level3Rule", "Rule", "get_rule"]

RULES: Final[dict[str, Rule]] = {
    Level2bRule.name: Level2bRule(),
    Level3Rule.name: Level3Rule(),
}
"""Every rule asnkit has, by the name jwst gives it."""


def get_rule(rule: str | Rule) -> Rule:
    """The rule named ``rule`` (``DMSLevel2bBase``, ``DMS_Level3_Base``), or ``rule`` itself.

    Raises:
        UnknownRuleError: no rule has that name; the error lists the known ones.
    """
    if not isinstance(rule, str):
        return rule
    try:
        return RULES[rule]
    except KeyError:
        raise UnknownRuleError(rule, tuple(RULES)) from None
