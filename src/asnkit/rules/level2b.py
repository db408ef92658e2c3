"""Stage 2b: one product per science exposure, each with the exposures that calibrate it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Final

import attrs

from asnkit.exceptions import InvalidAssociationError
from asnkit.models import ASSOCIATION_KEYS, Association, ExpType, Member, Product
from asnkit.naming import (
    CALIBRATED,
    PER_INTEGRATION,
    SPECTRUM,
    product_name_from_expname,
)
from asnkit.rules._common import by_role, check_candidate_id, make_association
from asnkit.rules.protocol import ProductNaming
from asnkit.vocabulary import Mission, Stage

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asnkit.models import JSONValue

__all__ = ["Level2bRule"]

# Exposures that are calibrated on their own at Stage 2, as jwst's Level 2 rules do: a PSF
# reference is an exposure in its own right there, and becomes the science of its product.
_OWN_PRODUCT: Final = frozenset({ExpType.SCIENCE, ExpType.PSF})

_KEY_ORDER: Final = tuple(
    key
    for known in ASSOCIATION_KEYS
    if known != "target"
    for key in ((known, "target") if known == "asn_pool" else (known,))
)


@attrs.frozen
class Level2bRule:
    """jwst's ``DMSLevel2bBase``: each science exposure is its own product.

    Every other member (background, imprint, ...) joins every product, after its science
    member, in the order given. A product is named after its science file
    (:func:`asnkit.naming.product_name_from_expname`), or by ``naming.func``.
    """

    name: ClassVar[str] = "DMSLevel2bBase"
    stage: ClassVar[Stage] = "level2b"
    label: ClassVar[str] = "Stage 2b"
    mission: ClassVar[Mission] = "jwst"
    role_order: ClassVar[tuple[str, ...]] = (
        ExpType.SCIENCE,
        ExpType.PSF,
        ExpType.BACKGROUND,
        ExpType.IMPRINT,
    )
    """Science and PSF exposures (each its own product) first, then the shared members."""
    key_order: ClassVar[tuple[str, ...]] = _KEY_ORDER
    wrong_science_suffixes: ClassVar[frozenset[str]] = frozenset(
        {
            *(CALIBRATED, CALIBRATED + PER_INTEGRATION, SPECTRUM, SPECTRUM + PER_INTEGRATION),
            *("crf", "crfints", "i2d", "s2d", "s3d", "c1d"),
        }
    )
    suffix_hint: ClassVar[str] = f"a {label} association: Stage 2 calibrates _rate/_rateints files"
    """The models' order with ``target`` after ``asn_pool``, as jwst's Stage 2 rules write it
    (they set the target last)."""
    own_product_roles: ClassVar[frozenset[str]] = _OWN_PRODUCT
    """Science and PSF exposures: each is a product of its own, as its science member."""

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
        roles = {
            ExpType.SCIENCE: science,
            ExpType.PSF: psf,
            ExpType.BACKGROUND: background,
            ExpType.IMPRINT: imprint,
        }
        return self.build_members(by_role(self.role_order, roles, members), acid=acid, meta=meta)

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        naming: ProductNaming = ProductNaming(),  # noqa: B008 (frozen, shared safely)
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs (see :class:`asnkit.rules.protocol.Rule`).

        Each science (or PSF) exposure makes a product named ``naming.func(item, index)``
        when ``func`` is given (``item`` from ``naming.items``, else the file name; ``index``
        the exposure's place in ``members``, from 1, as jwst counts), else after its file.
        """
        check_candidate_id(acid, members)
        exposures: list[tuple[int, str]] = []
        shared: list[Member] = []
        for position, (expname, exptype) in enumerate(members):
            if exptype.lower() in self.own_product_roles:
                exposures.append((position, expname))
            else:
                shared.append(Member(expname=expname, exptype=exptype))
        if not exposures:
            msg = f"a {self.label} association needs at least one science exposure; none was given"
            raise InvalidAssociationError(msg)
        companions = tuple(shared)
        products = []
        for position, expname in exposures:
            if naming.func is None:
                name = self.product_name(expname)
            else:
                item = expname if naming.items is None else naming.items[position]
                name = naming.func(item, position + 1)
            science = Member(expname=expname, exptype=ExpType.SCIENCE)
            products.append(Product(members=(science, *companions), name=name))
        return make_association(
            self.name,
            products,
            with_target=False,
            acid=acid,
            meta=meta,
            key_order=self.key_order,
        )

    @staticmethod
    def product_name(expname: str) -> str:
        """A product's name from its science member's file name.

        The one Stage 2b naming, wherever a product is made (from-list, generate, edit):
        :func:`asnkit.naming.product_name_from_expname`.
        """
        return product_name_from_expname(expname)
