from __future__ import annotations

import attrs
import pytest

from asnkit.models import ABSENT, Association, ExpType, Member, Product


def test_member_defaults_to_science_and_absent_optional_keys() -> None:
    member = Member("a_cal.fits")
    assert member.exptype == ExpType.SCIENCE
    assert member.exposerr is ABSENT
    assert member.asn_candidate is ABSENT
    assert dict(member.extra) == {}


def test_models_are_frozen() -> None:
    member = Member("a_cal.fits")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        member.expname = "b_cal.fits"  # type: ignore[misc]


def test_extra_is_a_read_only_copy() -> None:
    source = {"group_id": 3}
    member = Member("a_cal.fits", extra=source)
    source["group_id"] = 4
    assert member.extra["group_id"] == 3
    with pytest.raises(TypeError):
        member.extra["group_id"] = 5  # type: ignore[index]


@pytest.mark.parametrize(
    ("cls", "kwargs", "clash"),
    [
        (Member, {"expname": "a"}, "exptype"),
        (Product, {"members": ()}, "name"),
        (Association, {"products": ()}, "program"),
    ],
)
def test_extra_cannot_repeat_a_key_with_its_own_attribute(
    cls: type, kwargs: dict[str, object], clash: str
) -> None:
    with pytest.raises(ValueError, match=f"extra repeats key.*{clash}"):
        cls(**kwargs, extra={clash: "x"})


def test_key_order_is_layout_not_content() -> None:
    one = Member("a", key_order=("exptype", "expname"))
    other = Member("a")
    assert one == other
    assert one.key_order != other.key_order


def test_absent_is_falsy_and_distinct_from_null() -> None:
    assert not ABSENT
    assert ABSENT is not None
    assert repr(ABSENT) == "ABSENT"


def test_members_of_type_compares_case_insensitively() -> None:
    product = Product(
        members=(Member("a", "SCIENCE"), Member("b", "background"), Member("c", "science"))
    )
    assert [m.expname for m in product.members_of_type("science")] == ["a", "c"]
    assert [m.expname for m in product.members_of_type("BACKGROUND")] == ["b"]


def test_unknown_exptype_is_kept() -> None:
    assert Member("a", "target_acquistion").exptype == "target_acquistion"
