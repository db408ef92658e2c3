"""Stage 2b: one product per science exposure, each with the exposures that calibrate it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from asnkit.exceptions import InvalidAssociationError
from asnkit.models import Association, ExpType, Member, Product
from asnkit.naming import product_name_from_expname
from asnkit.rules._common import check_candidate_id, make_association

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from asnkit.models import JSONValue

__all__ = ["Level2bRule"]

# Exposures that are calibrated on their own at Stage 2, as jwst's Level 2 rules do: a PSF
# reference is an exposure in its own right there, and becomes the science of its product.
_OWN_PRODUCT: Final = frozenset({ExpType.SCIENCE, ExpType.PSF})


@attrs.frozen
class Level2bRule:
    """jwst's ``DMSLevel2bBase``: each science exposure is its own product.

    Every other member (background, imprint, ...) joins every product, after its science
    member, in the order given. The product is named after its science file
    (:func:`asnkit.naming.product_name_from_expname`).
    """

    name: ClassVar[str] = "DMSLevel2bBase"

    def build(
        self,
        science: Sequence[str],
        *,
        background: Sequence[str] = (),
        imprint: Sequence[str] = (),
        psf: Sequence[str] = (),
        members: Sequence[tuple[str, str]] = (),
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """Build from files by role; ``members`` adds ``(expname, exptype)`` of other types."""
        ordered = [(name, ExpType.SCIENCE) for name in science]
        ordered += [(name, ExpType.PSF) for name in psf]
        ordered += [(name, ExpType.BACKGROUND) for name in background]
        ordered += [(name, ExpType.IMPRINT) for name in imprint]
        ordered += list(members)
        return self.build_members(ordered, acid=acid, meta=meta)

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        product_name: str | None = None,  # noqa: ARG002 (each product is named after its science)
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
        product_name_func: Callable[[object, int], str] | None = None,
        items: Sequence[object] | None = None,
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs (see :class:`asnkit.rules.protocol.Rule`).

        ``items``, when given, are the caller's original items (one per member), handed to
        ``product_name_func(item, index)`` as jwst does; ``index`` is the
        item's place in ``members``, counted from 1.
        """
        check_candidate_id(acid, members)
        exposures: list[tuple[int, str]] = []
        shared: list[Member] = []
        for position, (expname, exptype) in enumerate(members):
            if exptype.lower() in _OWN_PRODUCT:
                exposures.append((position, expname))
            else:
                shared.append(Member(expname=expname, exptype=exptype))
        if not exposures:
            msg = "a Stage 2 association needs at least one science exposure; none was given"
            raise InvalidAssociationError(msg)
        companions = tuple(shared)
        products = []
        for position, expname in exposures:
            if product_name_func is None:
                name = product_name_from_expname(expname)
            else:
                item = expname if items is None else items[position]
                name = product_name_func(item, position + 1)
            science = Member(expname=expname, exptype=ExpType.SCIENCE)
            products.append(Product(members=(science, *companions), name=name))
        return make_association(self.name, products, with_target=False, acid=acid, meta=meta)
