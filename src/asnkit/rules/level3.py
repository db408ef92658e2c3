"""Stage 3: one product that combines every member."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs

from asnkit.exceptions import InvalidAssociationError
from asnkit.models import ASSOCIATION_KEYS, Association, ExpType, Member, Product
from asnkit.naming import PER_INTEGRATION, RATE, UNCALIBRATED
from asnkit.rules._common import by_role, check_candidate_id, make_association
from asnkit.rules.protocol import ProductNaming
from asnkit.vocabulary import Mission, Stage

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asnkit.models import JSONValue

__all__ = ["Level3Rule"]


@attrs.frozen
class Level3Rule:
    """jwst's ``DMS_Level3_Base``: one product, named by the caller, holding every member."""

    name: ClassVar[str] = "DMS_Level3_Base"
    stage: ClassVar[Stage] = "level3"
    label: ClassVar[str] = "Stage 3"
    mission: ClassVar[Mission] = "jwst"
    role_order: ClassVar[tuple[str, ...]] = (
        ExpType.SCIENCE,
        ExpType.BACKGROUND,
        ExpType.IMPRINT,
        ExpType.PSF,
    )
    """Science first, then the exposures that help combine it."""
    key_order: ClassVar[tuple[str, ...]] = ASSOCIATION_KEYS
    wrong_science_suffixes: ClassVar[frozenset[str]] = frozenset(
        {UNCALIBRATED, "ramp", RATE, RATE + PER_INTEGRATION}
    )
    suffix_hint: ClassVar[str] = (
        f"a {label} association: Stage 3 combines calibrated (_cal, _calints, ...) files"
    )
    """jwst's order, the models' own: ``target`` between ``asn_id`` and ``asn_pool``."""
    own_product_roles: ClassVar[frozenset[str]] = frozenset()
    """None: the one product gathers every member."""

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
        """Build from files by role, in :attr:`role_order`, then ``members`` as given."""
        roles = {
            ExpType.SCIENCE: science,
            ExpType.BACKGROUND: background,
            ExpType.IMPRINT: imprint,
            ExpType.PSF: psf,
        }
        return self.build_members(
            by_role(self.role_order, roles, members),
            naming=ProductNaming(name=product_name),
            acid=acid,
            meta=meta,
        )

    def build_members(
        self,
        members: Sequence[tuple[str, str]],
        *,
        naming: ProductNaming = ProductNaming(),  # noqa: B008 (frozen, shared safely)
        acid: str | None = None,
        meta: Mapping[str, JSONValue] | None = None,
    ) -> Association:
        """Build from ``(expname, exptype)`` pairs, in the order given.

        The one product is named ``naming.name``, which is required. See
        :class:`asnkit.rules.protocol.Rule`.
        """
        if naming.name is None:
            msg = f"a {self.label} association needs a product name: give product_name=NAME"
            raise InvalidAssociationError(msg)
        check_candidate_id(acid, members)
        if not any(exptype.lower() == ExpType.SCIENCE for _, exptype in members):
            msg = f"a {self.label} association needs at least one science member; none was given"
            raise InvalidAssociationError(msg)
        product = Product(
            members=tuple(Member(expname=expname, exptype=exptype) for expname, exptype in members),
            name=naming.name,
        )
        return make_association(
            self.name,
            [product],
            with_target=True,
            acid=acid,
            meta=meta,
            key_order=self.key_order,
        )
