"""What a rule is: something that builds an association from members and their roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from asnkit.models import Association, JSONValue

__all__ = ["Rule"]


@runtime_checkable
class Rule(Protocol):
    """Builds one kind of association. Rules are found by ``name`` (jwst's class name)."""

    @property
    def name(self) -> str:
        """The rule's jwst name, written as ``asn_rule`` (``DMSLevel2bBase``, ...)."""
        ...

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        product_name: str | None = None,
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
        product_name_func: Callable[[object, int], str] | None = None,
        items: Sequence[object] | None = None,
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs, kept in the order given.

        Args:
            members: The members and their roles.
            product_name: The product's name (Stage 3: required; Stage 2: ignored).
            acid: The candidate id (``oNNN`` or ``cNNNN``), written as ``asn_id``; ``None``
                writes jwst's ``a3001``.
            meta: Top-level keys to set (``program``, ``asn_type``, ...; others are kept
                after ``products``, as jwst does).
            product_name_func: Stage 2: ``f(item, index)`` names each product.
            items: The caller's original items, one per member, for ``product_name_func``.

        Raises:
            InvalidAssociationError: when the result could not be a valid association.
        """
        ...
