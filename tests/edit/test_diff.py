"""asnkit diff: differences by kind, key order ignored; exit 0 same, 1 different."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from asnkit import Association, Member, Product, asn_from_list, dumps, to_dict, write
from asnkit.cli import run as run_asnkit
from asnkit.comparison import Difference, diff
from asnkit.edit import add_members, rename_product, set_exptype, set_member_attribute, set_metadata
from asnkit.io import load

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def run(argv: list[str]) -> int:
    """``asnkit diff ARGV...``, as the console script runs it."""
    return run_asnkit(["diff", *argv])


def _base() -> Association:
    return asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic")


def test_same_association_is_equal() -> None:
    assert diff(_base(), _base()).equal


def test_key_order_is_not_a_difference() -> None:
    document = to_dict(_base())
    reordered = dict(reversed(list(document.items())))
    assert list(reordered) != list(document)
    assert diff(load(document), load(reordered)).equal


def test_every_kind_of_difference() -> None:
    a = _base()
    b = set_metadata(a, "program", "01234")
    b = set_exptype(b, "b_cal.fits", "psf")
    b = set_member_attribute(b, "a_cal.fits", "group_id", "1")
    b = add_members(b, ["c_cal.fits"])
    b = set_metadata(b, "asn_pool", "other")
    assert diff(a, b).differences == (
        Difference("metadata", "asn_pool", a="none", b="other"),
        Difference("metadata", "program", a="noprogram", b="01234"),
        Difference("member", "product mosaic, member c_cal.fits", b="c_cal.fits", in_a=False),
        Difference("member", "product mosaic, member a_cal.fits, group_id", b="1", in_a=False),
        Difference("exptype", "product mosaic, member b_cal.fits", a="science", b="psf"),
    )
    assert diff(b, a).lines()[2] == "member: product mosaic, member c_cal.fits: only in A"


def test_products_only_on_one_side_and_a_rename() -> None:
    a = asn_from_list(["a_rate.fits", "b_rate.fits"], rule="DMSLevel2bBase")
    b = asn_from_list(["a_rate.fits", "c_rate.fits"], rule="DMSLevel2bBase")
    # b and c: one unpaired product on each side, taken as the same product renamed.
    assert diff(a, b).lines() == [
        'product: product b, name: "b" (A) != "c" (B)',
        "member: product b, member b_rate.fits: only in A",
        "member: product b, member c_rate.fits: only in B",
    ]
    c = asn_from_list(["a_rate.fits"], rule="DMSLevel2bBase")
    assert diff(a, c).lines() == ["product: product b: only in A"]
    assert diff(_base(), rename_product(_base(), "mosaic", "m")).lines() == [
        'product: product mosaic, name: "mosaic" (A) != "m" (B)'
    ]


def test_member_order_is_a_difference() -> None:
    a = Association((Product((Member("a.fits"), Member("b.fits")), name="p"),))
    b = Association((Product((Member("b.fits"), Member("a.fits")), name="p"),))
    assert diff(a, b).lines() == [
        'order: product p, members: ["a.fits", "b.fits"] (A) != ["b.fits", "a.fits"] (B)'
    ]


def test_repeated_members_are_told_apart() -> None:
    a = Association((Product((Member("a.fits"), Member("a.fits")), name="p"),))
    b = Association((Product((Member("a.fits"),), name="p"),))
    assert diff(a, b).lines() == ["member: product p, member a.fits [2]: only in A"]


def test_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write(_base(), first)
    second.write_text(json.dumps(to_dict(_base()), indent=2), encoding="utf-8")
    assert run([str(first), str(second)]) == 0
    assert capsys.readouterr() == ("", "")
    write(set_metadata(_base(), "target", "t001"), second)
    assert run([str(first), str(second)]) == 1
    assert capsys.readouterr() == ('metadata: target: "none" (A) != "t001" (B)\n', "")
    assert run([str(first), str(tmp_path / "none.json")]) == 2
    assert capsys.readouterr().err == (
        f"asnkit diff: error: {tmp_path / 'none.json'}: "
        "cannot read the file: No such file or directory\n"
    )


def test_every_corpus_file_equals_itself_rewritten(
    corpus_documents: list[tuple[Path, dict[str, object]]],
) -> None:
    for path, document in corpus_documents:
        asn = load(document)
        assert diff(asn, load(dumps(asn))).equal, path.name
    assert len(corpus_documents) == 195


def test_diff_takes_paths_as_documented(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write(asn_from_list(["a_cal.fits"], product_name="p"), a)
    write(asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="p"), b)
    from_paths = diff(a, str(b))
    assert from_paths == diff(load(a), load(b))
    assert from_paths.lines() == ["member: product p, member b_cal.fits: only in B"]
    assert diff(str(a), a).equal


def test_diff_of_something_else_is_a_type_error() -> None:
    import pytest

    with pytest.raises(TypeError, match="b must be an Association or a path, not int"):
        diff(asn_from_list(["a_cal.fits"], product_name="p"), 5)  # type: ignore[arg-type]
