"""The Stage 2b rules of jwst 3.0.0's default registry, stated.

A Stage 2b association has one product per science exposure, named after it, with the
exposures that calibrate it (backgrounds, imprints, direct images...). The rules are
stated in :data:`LEVEL2B_RULES`, in the language of :mod:`asnkit.generate.constraints`;
the stage's behaviour (members, product names, which candidates are allowed) is the
engine's (:mod:`asnkit.generate.engine`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from asnkit.generate.constraints import Node
    from asnkit.generate.rule import PoolRule

__all__ = ["LEVEL2B_RULES", "stage_conditions"]


def stage_conditions(where: Node) -> Node:
    """A Stage 2b rule's conditions: the rule states them all (jwst adds none)."""
    return where


LEVEL2B_RULES: Final[tuple[PoolRule, ...]] = ()
"""Every Stage 2b rule, in jwst's registry order (its rule names, sorted)."""
