"""What a rule is: it owns a stage, the order of member roles, and how products are named."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.models import Association, JSONValue
    from asnkit.vocabulary import Mission, Stage

__all__ = ["ProductNaming", "Rule"]


@attrs.frozen
class ProductNaming:
    """What the caller says about the names of the products (jwst's arguments).

    Each rule names its products its own way (see its ``build_members``) from what this
    holds: Stage 3 takes ``name`` for its one product; Stage 2b names each product after its
    science exposure, or by ``func``.

    Attributes:
        name: The product's name (jwst's ``product_name``).
        func: ``func(item, index)`` names a product (jwst's ``product_name_func``): ``item``
            is the caller's item of its science exposure, ``index`` its place from 1.
        items: The caller's items, one per member, handed to ``func``; ``None`` hands it
            the exposure's file name.
    """

    name: str | None = None
    func: Callable[[object, int], str] | None = None
    items: Sequence[object] | None = None


@runtime_checkable
class Rule(Protocol):
    """Builds one kind of association; found by ``name`` (jwst's class name).

    A rule is the one place that knows its stage, the order member roles take in its
    products, and how it names them: validation, header-aware creation and the commands ask
    the rule (through :mod:`asnkit.rules`) rather than keep tables of their own.
    """

    @property
    def name(self) -> str:
        """The rule's jwst name, written as ``asn_rule`` (``DMSLevel2bBase``, ...)."""
        ...

    @property
    def stage(self) -> Stage:
        """The pipeline stage its associations are for."""
        ...

    @property
    def label(self) -> str:
        """The stage as messages name it (``Stage 2b``, ``Stage 3``): one spelling for all."""
        ...

    @property
    def mission(self) -> Mission:
        """The telescope whose pipeline reads its associations (``jwst``, ``roman``).

        Validation checks a document with its mission's checks (JWST's suffixes never
        apply to a Roman file).
        """
        ...

    @property
    def role_order(self) -> tuple[str, ...]:
        """Member types in the order they come in a product (other types come last)."""
        ...

    @property
    def wrong_science_suffixes(self) -> frozenset[str]:
        """File suffixes (the last ``_word`` before ``.fits``) of a wrong science member.

        Each says the file is the wrong level of product for the stage (Stage 2b calibrates
        count-rate files; Stage 3 combines calibrated ones): validate warns of such a
        member, with :attr:`suffix_hint`.
        """
        ...

    @property
    def suffix_hint(self) -> str:
        """What the stage's science members are, said where a wrong suffix is found."""
        ...

    @property
    def key_order(self) -> tuple[str, ...]:
        """The order its associations' top-level keys are written in.

        Keys it does not know come after them, as jwst appends them.
        """
        ...

    @property
    def own_product_roles(self) -> frozenset[str]:
        """Member types whose every exposure is a product of its own, as its science.

        Stage 2b: science and PSF exposures (each is calibrated on its own; the other
        members join every product); Stage 3: none (one product gathers every member).
        """
        ...

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        naming: ProductNaming = ...,
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs, kept in the order given.

        Args:
            members: The members and their roles.
            naming: What the caller says about product names (see :class:`ProductNaming`).
            acid: The candidate id (``oNNN`` or ``cNNNN``), written as ``asn_id``; ``None``
                writes jwst's ``a3001``.
            meta: Top-level keys to set (``program``, ``asn_type``, ...; others are kept
                after ``products``, as jwst does).

        Raises:
            InvalidAssociationError: when the result could not be a valid association.
        """
        ...
