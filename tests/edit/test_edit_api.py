"""asnkit.edit: each edit returns a new association; what cannot be done is refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit import dumps, to_dict

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

import attrs
import pytest

from asnkit import ABSENT, Association, Member, Product, asn_from_list
from asnkit.edit import (
    _check_before_write,
    add_members,
    remove_members,
    rename_product,
    set_exptype,
    set_member_attribute,
    set_metadata,
)
from asnkit.exceptions import EditError


def _stage3() -> Association:
    return asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic")


def _stage2() -> Association:
    return asn_from_list(["a_rate.fits", "b_rate.fits"], rule="DMSLevel2bBase")


def _names(asn: Association) -> list[list[tuple[str, str]]]:
    return [[(m.expname, m.exptype) for m in p.members] for p in asn.products]


def test_add_to_every_product_by_default() -> None:
    asn = _stage2()
    edited = add_members(asn, ["bg_rate.fits"], exptype="background")
    assert _names(edited) == [
        [("a_rate.fits", "science"), ("bg_rate.fits", "background")],
        [("b_rate.fits", "science"), ("bg_rate.fits", "background")],
    ]
    assert _names(asn)[0] == [("a_rate.fits", "science")]  # the input is unchanged


def test_add_to_one_product() -> None:
    asn = _stage2()
    edited = add_members(asn, ["bg.fits"], exptype="background", product="a")
    assert _names(edited)[1] == [("b_rate.fits", "science")]
    assert _names(edited)[0][-1] == ("bg.fits", "background")


def test_add_refusals() -> None:
    asn = _stage3()
    with pytest.raises(EditError, match=r"no product is named 'x'; the products are: mosaic"):
        add_members(asn, ["c.fits"], product="x")
    with pytest.raises(EditError, match=r"already a member of product mosaic: a_cal.fits"):
        add_members(asn, ["a_cal.fits"])
    with pytest.raises(EditError, match=r"more than once: c.fits"):
        add_members(asn, ["c.fits", "c.fits"])
    with pytest.raises(EditError, match=r"no product"):
        add_members(Association(products=()), ["c.fits"])


def test_added_member_follows_the_key_order_of_its_product() -> None:
    old_style = Member("a.fits", "science", key_order=("exptype", "expname"))
    asn = Association(products=(Product((old_style,), name="p"),))
    edited = add_members(asn, ["b.fits"])
    assert [m.key_order for m in edited.products[0].members] == [("exptype", "expname")] * 2
    assert '"exptype": "science",\n                    "expname": "b.fits"' in dumps(edited)


def test_remove_drops_an_emptied_product() -> None:
    edited = remove_members(_stage2(), ["a_rate.fits"])
    assert [p.name for p in edited.products] == ["b"]


def test_remove_with_ignore_suffix_and_by_bare_name() -> None:
    asn = asn_from_list(["d/a_cal.fits", "b_cal.fits"], product_name="p")
    assert _names(remove_members(asn, ["a_cal.fits"])) == [[("b_cal.fits", "science")]]
    assert _names(remove_members(asn, ["b_rate.fits"], ignore_suffix=True)) == [
        [("d/a_cal.fits", "science")]
    ]
    with pytest.raises(EditError, match=r"not in the association: b_rate.fits; its members"):
        remove_members(asn, ["b_rate.fits"])


def test_remove_of_an_unknown_name_lists_the_members() -> None:
    with pytest.raises(
        EditError,
        match=r"^not in the association: x.fits, y.fits; its members are: a_cal.fits, b_cal.fits$",
    ):
        remove_members(_stage3(), ["x.fits", "a_cal.fits", "y.fits"])


def test_set_exptype_and_rename_product() -> None:
    edited = rename_product(set_exptype(_stage3(), "b_cal.fits", "psf"), "mosaic", "m2")
    assert _names(edited) == [[("a_cal.fits", "science"), ("b_cal.fits", "psf")]]
    assert edited.products[0].name == "m2"
    with pytest.raises(EditError, match=r"not in the association: z\.fits"):
        set_exptype(_stage3(), "z.fits", "psf")
    with pytest.raises(EditError, match="no product is named 'nope'"):
        rename_product(_stage2(), "nope", "x")
    with pytest.raises(EditError, match="already named 'b'"):
        rename_product(_stage2(), "a", "b")


def test_set_member_attribute_known_and_extra() -> None:
    asn = set_member_attribute(_stage3(), "a_cal.fits", "group_id", "7")
    asn = set_member_attribute(asn, "a_cal.fits", "tweakreg_catalog", "a_cat.ecsv")
    asn = set_member_attribute(asn, "b_cal.fits", "exposerr", None)
    first, second = asn.products[0].members
    assert dict(first.extra) == {"group_id": "7", "tweakreg_catalog": "a_cat.ecsv"}
    assert second.exposerr is None
    assert '"group_id": "7",\n                    "tweakreg_catalog"' in dumps(asn)
    with pytest.raises(EditError, match="exptype must be a string, not int"):
        set_member_attribute(asn, "a_cal.fits", "exptype", 3)


def test_set_metadata() -> None:
    asn = set_metadata(_stage3(), "program", "01234")
    asn = set_metadata(asn, "version_id", None)
    asn = set_metadata(asn, "my_note", {"why": "test"})
    assert (asn.program, asn.version_id, dict(asn.extra)) == (
        "01234",
        None,
        {"my_note": {"why": "test"}},
    )
    assert list(to_dict(asn))[-1] == "my_note"
    with pytest.raises(EditError, match="products cannot be set"):
        set_metadata(asn, "products", [])
    with pytest.raises(EditError, match="program must be a string, not NoneType"):
        set_metadata(asn, "program", None)


def test_edits_keep_what_they_do_not_touch() -> None:
    member = Member("a.fits", "science", exposerr=None, extra={"group_id": "1"})
    product = Product((member,), name="p", extra={"prodtype": "x"})
    asn = Association((product,), asn_rule="DMS_Level3_Base", extra={"note": 1})
    edited = add_members(asn, ["b.fits"])
    assert edited.products[0].members[0] == member
    assert edited.products[0].extra == product.extra
    assert edited.extra == asn.extra
    assert attrs.evolve(edited, products=asn.products) == asn


def test_check_before_write() -> None:
    assert _check_before_write(_stage3()) == []
    assert _check_before_write(_stage2()) == []
    two_science = add_members(_stage2(), ["c_rate.fits"], product="a")
    assert _check_before_write(two_science) == [
        "/products/0/members: a Stage 2b product needs exactly one science member; it has 2",
    ]
    no_science = set_exptype(_stage3(), "a_cal.fits", "psf")
    no_science = set_exptype(no_science, "b_cal.fits", "psf")
    assert _check_before_write(no_science) == [
        "/products/0/members: a Stage 3 product needs a science member; it has none"
    ]
    assert _check_before_write(Association(products=())) == [
        "/products: no product: an association needs at least one"
    ]
    assert _check_before_write(Association((Product((), name="e"),))) == [
        "/products/0/members: the product has no member"
    ]


def test_check_before_write_passes_the_valid_corpus(
    corpus_documents: list[tuple[Path, dict[str, object]]],
) -> None:
    from asnkit.io import load

    steering = []
    for path, _ in corpus_documents:
        problems = _check_before_write(load(path))
        if problems and all("a name part names no folder" in p for p in problems):
            steering.append(path.name)  # a product named with a folder: refused (#21)
            continue
        assert problems == [], path.name
    assert len(corpus_documents) == 195
    assert len(steering) == 2


def test_a_product_without_a_name_is_checked_too() -> None:
    asn = Association((Product((Member("a.fits", "psf"),)),), asn_rule="DMS_Level3_Base")
    assert asn.products[0].name is ABSENT
    assert _check_before_write(asn) == [
        "/products/0: the product has no 'name': the pipeline names its output files after it",
        "/products/0/members: a Stage 3 product needs a science member; it has none",
    ]


# -- #13: ambiguity, empty names, Stage 2 science, a string for a list -----------------------


def _two_folders() -> Association:
    return asn_from_list(["x/b_cal.fits", "y/b_cal.fits", "a_cal.fits"], product_name="p")


@pytest.mark.parametrize(
    "edit",
    [
        lambda asn: remove_members(asn, ["b_cal.fits"]),
        lambda asn: remove_members(asn, ["b_rate.fits"], ignore_suffix=True),
        lambda asn: set_exptype(asn, "b_cal.fits", "psf"),
        lambda asn: set_member_attribute(asn, "b_cal.fits", "group_id", "1"),
    ],
)
def test_a_bare_name_matching_several_members_is_refused_naming_them(
    edit: Callable[[Association], Association],
) -> None:
    with pytest.raises(EditError) as caught:
        edit(_two_folders())
    assert str(caught.value) == (
        "b_cal.fits matches 2 members: x/b_cal.fits, y/b_cal.fits; "
        "give the one you mean as the association writes it"
    ) or str(caught.value).startswith("b_rate.fits matches 2 members: x/b_cal.fits, y/b_cal")


def test_a_name_with_its_folder_removes_only_that_member() -> None:
    edited = remove_members(_two_folders(), ["y/b_cal.fits"])
    assert [m.expname for m in edited.products[0].members] == ["x/b_cal.fits", "a_cal.fits"]


def test_an_exact_name_wins_over_a_bare_match() -> None:
    asn = asn_from_list(["b_cal.fits", "x/b_cal.fits"], product_name="p")
    edited = remove_members(asn, ["b_cal.fits"])
    assert [m.expname for m in edited.products[0].members] == ["x/b_cal.fits"]


def test_a_stage2_background_in_every_product_is_one_member() -> None:
    asn = asn_from_list(
        [("a_rate.fits", "science"), ("b_rate.fits", "science"), ("bg_rate.fits", "background")],
        rule="DMSLevel2bBase",
        with_exptype=True,
    )
    edited = remove_members(asn, ["bg_rate.fits"])
    assert _names(edited) == [[("a_rate.fits", "science")], [("b_rate.fits", "science")]]


@pytest.mark.parametrize("name", ["", "a_cal.fits"])
def test_an_empty_name_is_refused(name: str) -> None:
    with pytest.raises(EditError, match="an empty name cannot be a member: give a file name"):
        add_members(_stage3(), [name, ""])


def test_a_science_file_added_at_stage2_makes_its_product_with_the_companions() -> None:
    made = asn_from_list(
        [("a_rate.fits", "science"), ("bg_rate.fits", "background"), ("imp.fits", "imprint")],
        rule="DMSLevel2bBase",
        with_exptype=True,
    )
    edited = add_members(made, ["c_rate.fits"])
    expected = asn_from_list(
        [
            ("a_rate.fits", "science"),
            ("c_rate.fits", "science"),
            ("bg_rate.fits", "background"),
            ("imp.fits", "imprint"),
        ],
        rule="DMSLevel2bBase",
        with_exptype=True,
    )
    assert edited == expected
    assert dumps(edited) == dumps(expected)


def test_a_stage2_science_file_whose_product_exists_is_refused_naming_both() -> None:
    with pytest.raises(EditError) as caught:
        add_members(_stage2(), ["a_cal.fits"])
    assert str(caught.value) == (
        "a_rate.fits and a_cal.fits would both make product 'a' (a Stage 2 product is "
        "named after its science file): their outputs would overwrite each other; rename one"
    )
    with pytest.raises(EditError, match=r"already the science member of a product: a_rate\.fits"):
        add_members(_stage2(), ["a_rate.fits"])


@pytest.mark.parametrize(
    "call",
    [
        lambda: add_members(_stage3(), "c_cal.fits"),  # type: ignore[arg-type]
        lambda: remove_members(_stage3(), "a_cal.fits"),  # type: ignore[arg-type]
        lambda: asn_from_list("a_cal.fits", product_name="p"),  # type: ignore[arg-type]
    ],
)
def test_a_string_where_names_are_expected_is_a_type_error(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match=r"must be a list of names, not a single str \('"):
        call()
