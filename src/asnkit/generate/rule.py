"""A generation rule: which rows it takes, how it groups them, what it writes.

A :class:`PoolRule` is a statement, not a class to inherit from: its ``where`` (in the
language of :mod:`asnkit.generate.constraints`) says which rows an association of the rule
takes and which keywords it groups them by; ``asn_type``, ``product_name``, ``roles`` and
``needs`` say what it writes and when it is complete. What its stage writes the same for
every rule (the key order, Stage 2b's product names, the stage's label) is the stage
object's, :attr:`PoolRule.base_rule`, from :mod:`asnkit.rules`. The engine
(:mod:`asnkit.generate.engine`) runs every rule of the registry over a pool.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, Protocol, TypeAlias

import attrs

from asnkit.generate.constraints import Node, RowView
from asnkit.rules import Rule, rule_for_stage
from asnkit.vocabulary import Stage

__all__ = [
    "AsnState",
    "Finalizer",
    "MemberRoles",
    "MemberType",
    "Need",
    "PoolRule",
    "ProductNamer",
    "StageName",
]

StageName: TypeAlias = Stage
"""The stage a rule writes for (asnkit's one :data:`asnkit.vocabulary.Stage`)."""

MemberRoles: TypeAlias = Literal["dms", "science_or_acquisition", "psf_as_science"]
"""How a rule gives its members their ``exptype``:

* ``dms``: as DMS types the exposure (science, psf, imprint, background,
  target_acquisition...);
* ``science_or_acquisition``: every member is science but acquisitions (jwst's
  ``AsnMixin_AuxData``: background and other auxiliary products are processed as science);
* ``psf_as_science``: as ``dms``, but a PSF exposure is science (Level 2b).
"""


class AsnState(Protocol):
    """What product names, needs and finalizers may read of an association being built."""

    @property
    def program(self) -> str:
        """The program, five digits (``01234``)."""
        ...

    @property
    def acid(self) -> tuple[str, str]:
        """The candidate: id (``o001``, ``c1000``, ``a3001``) and type (``observation``...)."""
        ...

    def found(self, name: str) -> list[str]:
        """The values the first condition called ``name`` has taken, in the order taken."""
        ...

    def bound(self, name: str) -> object:
        """The value the first condition called ``name`` is bound to, or ``None``."""
        ...

    def member_count(self) -> int:
        """How many members the current product has."""
        ...


ProductNamer: TypeAlias = Callable[[AsnState], str]
"""Makes a product's name from what the association has taken."""


@attrs.frozen
class Need:
    """A condition an association must meet, at some member, to be written.

    Attributes:
        name: What it checks, for documents and explain (``has_psf``).
        check: Asked with each member (``{"expname", "exptype"}``) as it is added, until
            it holds once.
    """

    name: str
    check: Callable[[Mapping[str, object], AsnState], bool]


MemberType: TypeAlias = Callable[[Mapping[str, str], str, RowView], str]
"""A rule's member type: ``(row, the stage's type, the association) -> exptype``."""

Finalizer: TypeAlias = Callable[[object], "list[object] | None"]
"""Turns a complete association into the ones written (``None``: none)."""


@attrs.frozen
class PoolRule:
    """One rule of the registry, named as jwst names it.

    Attributes:
        name: jwst's rule name (``Asn_Lv3Image``); written as ``asn_rule`` after the
            rule set's prefix (``candidate_`` or ``discover_``).
        stage: The stage the association is for.
        asn_type: The ``asn_type`` written (``image3``, ``spec3``, ...).
        where: Which rows an association takes, and the keywords that group them.
        doc: What the rule is for, in a sentence or two.
        science: A Stage 3 science rule: the stage's common conditions (same program
            and instrument, no imprints, target acquisitions of the same observation
            join) wrap ``where``, and a multi-observation candidate needs more than one
            observation.
        roles: How members get their ``exptype``.
        product_name: The product's name; ``None``: the stage's default.
        needs: What the association must have, beyond a science member, to be written.
        integrations: Whether a row's Stage 2 product is per integration (``_calints``);
            ``None``: the stage's default (coronagraphy, AMI, TSO).
        finalize: What turns the complete association into those written; ``None``:
            the stage's default.
        member_type: Level 2b: the member's ``exptype`` from the row, the type the stage
            gives it and the association (a direct image, a nod's background...);
            ``None``: the stage's type.
        any_candidate: Level 2b: written under any candidate type (the stage writes only
            an observation's, or a background candidate's with a background member).
    """

    name: str
    stage: StageName
    asn_type: str
    where: Node
    doc: str
    science: bool = True
    roles: MemberRoles = "dms"
    product_name: ProductNamer | None = None
    needs: tuple[Need, ...] = ()
    integrations: Callable[[Mapping[str, str]], bool] | None = None
    finalize: Finalizer | None = None
    member_type: MemberType | None = None
    any_candidate: bool = False

    @property
    def base_rule(self) -> Rule:
        """The stage object of :mod:`asnkit.rules` it writes for: jwst's base rule.

        ``DMSLevel2bBase`` or ``DMS_Level3_Base`` (:func:`asnkit.rules.rule_for_stage`):
        what every rule of the stage writes alike is asked of it.
        """
        return rule_for_stage(self.stage)
