from __future__ import annotations

import pytest

from asnkit import to_dict
from asnkit.exceptions import InvalidAssociationError
from asnkit.models import Member
from asnkit.rules import Level2bRule, ProductNaming, get_rule


def test_found_by_jwst_name() -> None:
    assert get_rule("DMSLevel2bBase") == Level2bRule()


def test_each_science_exposure_is_a_product_with_the_others_after_it() -> None:
    asn = Level2bRule().build(
        ["a_rate.fits", "b_rate.fits"], background=["bg_rate.fits"], imprint=["im_rate.fits"]
    )
    assert [p.name for p in asn.products] == ["a", "b"]
    for product, science in zip(asn.products, ["a_rate.fits", "b_rate.fits"], strict=True):
        assert product.members == (
            Member(science, "science"),
            Member("bg_rate.fits", "background"),
            Member("im_rate.fits", "imprint"),
        )


def test_a_psf_is_calibrated_as_science_in_its_own_product() -> None:
    asn = Level2bRule().build(["a_rate.fits"], psf=["ref_rate.fits"])
    assert [p.name for p in asn.products] == ["a", "ref"]
    assert asn.products[1].members == (Member("ref_rate.fits", "science"),)


def test_metadata_is_jwsts_in_jwsts_order() -> None:
    asn = Level2bRule().build(["a_rate.fits"])
    assert list(to_dict(asn)) == [
        "asn_type",
        "asn_rule",
        "version_id",
        "code_version",
        "degraded_status",
        "program",
        "constraints",
        "asn_id",
        "asn_pool",
        "products",
    ]
    assert asn.asn_rule == "DMSLevel2bBase"
    assert asn.asn_id == "a3001"


def test_no_science_is_refused() -> None:
    with pytest.raises(InvalidAssociationError, match="at least one science"):
        Level2bRule().build([], background=["bg.fits"])


def test_product_name_func_names_products() -> None:
    asn = Level2bRule().build_members(
        [("a_rate.fits", "science"), ("b_rate.fits", "science")],
        naming=ProductNaming(func=lambda item, index: f"{item}-{index}"),
    )
    assert [p.name for p in asn.products] == ["a_rate.fits-1", "b_rate.fits-2"]


def test_meta_sets_known_keys_in_place_and_keeps_others_after_products() -> None:
    asn = Level2bRule().build(["a_rate.fits"], meta={"program": "01234", "zzz": 1})
    keys = list(to_dict(asn))
    assert asn.program == "01234"
    assert keys.index("program") < keys.index("products")
    assert keys[-1] == "zzz"
