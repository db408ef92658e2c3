"""The member-list format (--list): unambiguous, BOM and CRLF read, patterns never written."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from asnkit.exceptions import InvalidAssociationError, LoadError
from asnkit.list_file import parse_member_list
from asnkit.paths import expand_pattern, rewrite_names

if TYPE_CHECKING:
    from pathlib import Path


def test_names_types_comments_and_blank_lines() -> None:
    text = (
        "a_cal.fits\n"
        "\n"
        "# a comment line\n"
        "  b_cal.fits   background   # a comment after white space\n"
        "c#1_cal.fits\tpsf\n"
        "d_cal.fits target_acquisition\n"
    )
    assert parse_member_list(text) == [
        ("a_cal.fits", "science"),
        ("b_cal.fits", "background"),
        ("c#1_cal.fits", "psf"),
        ("d_cal.fits", "target_acquisition"),
    ]


def test_a_name_with_spaces_is_quoted_and_never_split() -> None:
    assert parse_member_list("\"my file_cal.fits\" psf\n'it is_cal.fits'\n") == [
        ("my file_cal.fits", "psf"),
        ("it is_cal.fits", "science"),
    ]
    with pytest.raises(LoadError) as caught:
        parse_member_list("a_cal.fits\nmy file_cal.fits\n", source="list.txt")
    assert str(caught.value) == (
        "list.txt: line 2: 'file_cal.fits' is not a member type (my file_cal.fits): quote a "
        "name with spaces"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a b c", "line 1: expected 'expname [exptype]', got 3 fields (a b c): quote a name"),
        ('"a_cal.fits psf', 'line 1: the quote " at column 1 is not closed'),
        ('"a"b psf', "line 1: text right after the closing quote at column 3"),
        ('"" psf', "line 1: an empty name cannot be a member"),
        ("a_cal.fits back-ground", "line 1: 'back-ground' is not a member type"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(line: str, message: str) -> None:
    with pytest.raises(LoadError, match="^" + re.escape(f"<list>: {message}")):
        parse_member_list(line)


def test_a_byte_order_mark_and_windows_line_ends_are_not_part_of_the_names() -> None:
    text = "\ufeffa_cal.fits\r\nb_cal.fits background\r\n"
    assert parse_member_list(text) == [("a_cal.fits", "science"), ("b_cal.fits", "background")]
    data = text.encode("utf-8")
    assert parse_member_list(data.decode("utf-8")) == parse_member_list(text)


def test_backslashes_are_kept_as_written() -> None:
    assert parse_member_list("C:\\data\\a_cal.fits\n") == [("C:\\data\\a_cal.fits", "science")]


def test_a_pattern_is_expanded_or_refused_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("b_cal.fits", "a_cal.fits", "a[1].fits"):
        (tmp_path / name).touch()
    text = "*_cal.fits background\n'x*.fits'\na[1].fits\n"
    assert parse_member_list(text, expand=expand_pattern) == [
        ("a_cal.fits", "background"),
        ("b_cal.fits", "background"),
        ("x*.fits", "science"),  # quoted: a name, as written
        ("a[1].fits", "science"),  # a file of that name: itself
    ]
    with pytest.raises(LoadError) as caught:
        parse_member_list("a_cal.fits\nz*.fits\n", source="l.txt", expand=expand_pattern)
    assert str(caught.value) == (
        "l.txt: line 2: no file matches 'z*.fits': check the pattern (a name with *, ? or [ "
        "is taken as it is only when that file exists)"
    )
    with pytest.raises(LoadError, match=r"line 1: '\*_cal.fits' is a pattern: list the files"):
        parse_member_list("*_cal.fits\n")


def test_paths_name_refuses_two_files_on_one_name_naming_both(tmp_path: Path) -> None:
    members = [("x/b_cal.fits", "science"), ("y/b_cal.fits", "science")]
    with pytest.raises(InvalidAssociationError) as caught:
        rewrite_names(members, "name")
    assert str(caught.value) == (
        "x/b_cal.fits and y/b_cal.fits would both be written as b_cal.fits (--paths name): "
        "rename one, or use --paths relative or absolute"
    )
    # The same file twice is a repeat, not a clash.
    same = [("x/b_cal.fits", "science"), ("x/./b_cal.fits", "science")]
    assert rewrite_names(same, "name") == [("b_cal.fits", "science")] * 2
    # A link to the same file is the same file.
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "b_cal.fits").touch()
    (tmp_path / "b_cal.fits").symlink_to("x/b_cal.fits")
    linked = [
        (str(tmp_path / "x" / "b_cal.fits"), "science"),
        (str(tmp_path / "b_cal.fits"), "psf"),
    ]
    assert rewrite_names(linked, "name") == [("b_cal.fits", "science"), ("b_cal.fits", "psf")]
