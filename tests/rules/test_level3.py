from __future__ import annotations

import pytest

from asnkit.exceptions import InvalidAssociationError
from asnkit.models import Member
from asnkit.rules import Level3Rule, ProductNaming, get_rule


def test_found_by_jwst_name() -> None:
    assert get_rule("DMS_Level3_Base") == Level3Rule()


def test_one_product_science_first_then_the_others() -> None:
    asn = Level3Rule().build(["a_cal.fits", "b_cal.fits"], psf=["p_cal.fits"], product_name="out")
    (product,) = asn.products
    assert product.name == "out"
    assert product.members == (
        Member("a_cal.fits"),
        Member("b_cal.fits"),
        Member("p_cal.fits", "psf"),
    )
    assert asn.target == "none"


def test_build_members_keeps_the_given_order() -> None:
    asn = Level3Rule().build_members(
        [("p", "psf"), ("a", "science")], naming=ProductNaming(name="out")
    )
    assert [m.expname for m in asn.products[0].members] == ["p", "a"]


def test_product_name_is_required() -> None:
    with pytest.raises(InvalidAssociationError, match="product_name=NAME"):
        Level3Rule().build_members([("a", "science")])


def test_no_science_is_refused() -> None:
    with pytest.raises(InvalidAssociationError, match="at least one science"):
        Level3Rule().build([], psf=["p"], product_name="out")


@pytest.mark.parametrize("acid", ["x123", "o12", "o1234", "c123", "c12345", "O001", "o001\n"])
def test_bad_candidate_ids_are_refused(acid: str) -> None:
    with pytest.raises(InvalidAssociationError, match="invalid association id"):
        Level3Rule().build(["a"], product_name="out", acid=acid)


def test_background_candidate_needs_a_background() -> None:
    with pytest.raises(InvalidAssociationError, match="background candidate"):
        Level3Rule().build(["a"], product_name="out", acid="c1000")
    asn = Level3Rule().build(["a"], background=["b"], product_name="out", acid="c1000")
    assert asn.asn_id == "c1000"
