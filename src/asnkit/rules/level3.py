"""Stage 3: one product that combines every member."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs

from asnkit.exceptions import InvalidAssociationError
from asnkit.models import Association, ExpType, Member, Product
from asnkit.rules._common import check_candidate_id, make_association

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from asnkit.models import JSONValue

__all__ = ["Level3Rule"]


@attrs.frozen
class Level3Rule:
    """jwst's ``DMS_Level3_Base``: one product, named by the caller, holding every member."""

    name: ClassVar[str] = "DMS_Level3_Base"

    def build(
        self,
        science: Sequence[str],
        *,
        product_name: str,
        background: Sequence[str] = (),
        imprint: Sequence[str] = (),
        psf: Sequence[str] = (),
        members: Sequence[tuple[str, str]] = (),
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """Build from files by role: science first, then the others.

        The others come in the order of the keywords: background, imprint, psf, then
        ``members`` as ``(expname, exptype)`` pairs.
        """
        ordered = [(name, ExpType.SCIENCE) for name in science]
        ordered += [(name, ExpType.BACKGROUND) for name in background]
        ordered += [(name, ExpType.IMPRINT) for name in imprint]
        ordered += [(name, ExpType.PSF) for name in psf]
        ordered += list(members)
        return self.build_members(ordered, product_name=product_name, acid=acid, meta=meta)

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        product_name: str | None = None,
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
        product_name_func: Callable[[object, int], str] | None = None,  # noqa: ARG002 (one product, named by product_name)
        items: Sequence[object] | None = None,  # noqa: ARG002 (only product_name_func reads them)
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs, in the order given.

        See :class:`asnkit.rules.protocol.Rule`.
        """
        if product_name is None:
            msg = "a Stage 3 association needs a product name: give --product-name NAME"
            raise InvalidAssociationError(msg)
        check_candidate_id(acid, members)
        if not any(exptype.lower() == ExpType.SCIENCE for _, exptype in members):
            msg = "a Stage 3 association needs at least one science member; none was given"
            raise InvalidAssociationError(msg)
        product = Product(
            members=tuple(Member(expname=expname, exptype=exptype) for expname, exptype in members),
            name=product_name,
        )
        return make_association(self.name, [product], with_target=True, acid=acid, meta=meta)
