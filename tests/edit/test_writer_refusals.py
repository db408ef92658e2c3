"""#13: every writer refuses, in one line, what would be wrong; --force writes it and warns.

Each test runs the command as a user does (:func:`asnkit.cli.run`, or the installed
``asn_from_list``) and looks at the folder afterwards.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from asnkit import asn_from_list, load, validate, write
from asnkit.cli import run
from asnkit.cli.asn_from_list import run as asn_from_list_command

if TYPE_CHECKING:
    from pathlib import Path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    status = run(list(argv))
    return status, capsys.readouterr().err


# -- asnkit edit ---------------------------------------------------------------------------


def test_edit_remove_of_a_bare_name_matching_two_members_names_them_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(asn_from_list(["x/b_cal.fits", "y/b_cal.fits", "a_cal.fits"], product_name="p"), "c.json")
    before = _files(tmp_path)
    status, err = _run(capsys, "edit", "c.json", "--remove", "b_cal.fits")
    assert (status, err) == (
        1,
        "asnkit edit: error: b_cal.fits matches 2 members: x/b_cal.fits, y/b_cal.fits; give "
        "the one you mean as the association writes it; nothing written\n",
    )
    assert _files(tmp_path) == before
    assert _run(capsys, "edit", "c.json", "--remove", "y/b_cal.fits") == (0, "")
    assert [m.expname for m in load("c.json").products[0].members] == ["x/b_cal.fits", "a_cal.fits"]


def test_edit_add_of_an_empty_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(asn_from_list(["a_cal.fits"], product_name="p"), "c.json")
    before = _files(tmp_path)
    assert _run(capsys, "edit", "c.json", "--add", "") == (
        1,
        "asnkit edit: error: an empty name cannot be a member: give a file name; nothing written\n",
    )
    assert _files(tmp_path) == before


def test_edit_add_of_a_science_file_to_stage2_adds_its_product(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a_rate.fits", "b_rate.fits", "bg_rate.fits"):
        (tmp_path / name).touch()
    assert (
        asn_from_list_command(
            ["-o", "l2.json", "-r", "DMSLevel2bBase", "--background", "bg_rate.fits", "a_rate.fits"]
        )
        == 0
    )
    assert _run(capsys, "edit", "l2.json", "--add", "b_rate.fits") == (0, "")
    assert (
        asn_from_list_command(
            [
                "-o", "both.json", "-r", "DMSLevel2bBase", "--background", "bg_rate.fits",
                "a_rate.fits", "b_rate.fits",
            ]
        )
        == 0
    )  # fmt: skip
    assert (tmp_path / "l2.json").read_bytes() == (tmp_path / "both.json").read_bytes()
    assert validate(tmp_path / "l2.json").valid


def test_edit_force_writes_an_invalid_association_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(asn_from_list(["a_cal.fits"], product_name="p"), "c.json")
    argv = ["edit", "c.json", "--set-type", "a_cal.fits", "psf"]
    before = _files(tmp_path)
    status, err = _run(capsys, *argv)
    assert (status, err) == (
        1,
        "asnkit edit: error: the edit would make an invalid association: /products/0/members: "
        "a Stage 3 product needs a science member; it has none; nothing written (--force "
        "writes it anyway)\n",
    )
    assert _files(tmp_path) == before
    status, err = _run(capsys, *argv, "--force")
    assert (status, err) == (
        0,
        "asnkit edit: warning: --force: wrote an invalid association: /products/0/members: a "
        "Stage 3 product needs a science member; it has none\n",
    )
    assert load("c.json").products[0].members[0].exptype == "psf"
    assert not validate(tmp_path / "c.json").valid


# -- asnkit gather -------------------------------------------------------------------------


def _gatherable(tmp_path: Path, rule: str) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    items = [("a_rate.fits", "science"), ("bg.fits", "background")]
    if rule == "DMSLevel2bBase":
        items.insert(1, ("b_rate.fits", "science"))
    for name, _ in items:
        (source / name).write_text(name, encoding="utf-8")
    path = source / "asn.json"
    write(asn_from_list(items, rule=rule, with_exptype=True, product_name="p"), path)
    return path


@pytest.mark.parametrize(
    ("rule", "flags", "problem"),
    [
        (
            "DMS_Level3_Base",
            ["--exclude", "science"],
            "/products/0/members: a Stage 3 product needs a science member; it has none",
        ),
        (
            "DMSLevel2bBase",
            ["--exptypes", "background"],
            "/products/0/members: a Stage 2b product needs exactly one science member; it has "
            "0; /products/1/members: a Stage 2b product needs exactly one science member; it "
            "has 0",
        ),
    ],
)
def test_gather_refuses_products_left_without_science_and_force_gathers_them(
    rule: str, flags: list[str], problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _gatherable(tmp_path, rule)
    dest = tmp_path / "dest"
    status, err = _run(capsys, "gather", str(path), str(dest), *flags)
    assert (status, err) == (
        1,
        f"asnkit gather: error: gathering would make an invalid association: {problem}; "
        "nothing copied (--force gathers it anyway)\n",
    )
    assert not dest.exists()
    status, err = _run(capsys, "gather", str(path), str(dest), *flags, "--force")
    assert (status, err) == (
        0,
        f"asnkit gather: warning: --force: the gathered association is invalid: {problem}\n",
    )
    assert sorted(_files(dest)) == ["asn.json", "bg.fits"]


# -- asn_from_list / asnkit from-list -------------------------------------------------------


@pytest.mark.parametrize("command", [["from-list"], []])
def test_from_list_refuses_two_files_written_as_one_name_naming_both(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "b_cal.fits").write_text(folder, encoding="utf-8")
    argv = [
        "-o",
        "o.json",
        "--product-name",
        "p",
        "--paths",
        "name",
        "x/b_cal.fits",
        "y/b_cal.fits",
    ]
    capsys.readouterr()
    status = run([*command, *argv]) if command else asn_from_list_command(argv)
    prog = "asnkit from-list" if command else "asn_from_list"
    assert (status, capsys.readouterr().err) == (
        1,
        f"{prog}: error: x/b_cal.fits and y/b_cal.fits would both be written as b_cal.fits "
        "(--paths name): rename one, or use --paths relative or absolute; nothing written\n",
    )
    assert not (tmp_path / "o.json").exists()


def test_from_list_refuses_two_stage2_products_of_one_name_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["-o", "o.json", "-r", "DMSLevel2bBase", "a_rate.fits", "a_cal.fits"]
    assert asn_from_list_command(argv) == 1
    assert capsys.readouterr().err == (
        "asn_from_list: error: a_rate.fits and a_cal.fits would both make product 'a': their "
        "outputs would overwrite each other; rename one, or give them other names; nothing "
        "written\n"
    )
    assert not (tmp_path / "o.json").exists()
    # --paths name at Stage 2: the clash of names is found first, both files named.
    argv = ["-o", "o.json", "-r", "DMSLevel2bBase", "--paths", "name"]
    assert asn_from_list_command([*argv, "x/a_rate.fits", "y/a_rate.fits"]) == 1
    assert "x/a_rate.fits and y/a_rate.fits would both be written as a_rate.fits" in (
        capsys.readouterr().err
    )


def test_from_list_checks_what_it_writes_as_validate_does_and_force_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command asks validate about the text it is about to write (asnkit.write_check).

    An empty product name is one validate rejects (#13): the command refuses it, and obeys
    --force.
    """
    monkeypatch.chdir(tmp_path)
    argv = ["-o", "o.json", "--product-name", "", "a_cal.fits"]
    assert asn_from_list_command(argv) == 1
    assert capsys.readouterr().err == (
        "asn_from_list: error: the files given would make an invalid association: "
        "/products/0/name: the product's name is empty: the pipeline names its output files "
        "after it; nothing written (--force writes it anyway)\n"
    )
    assert not (tmp_path / "o.json").exists()
    assert asn_from_list_command([*argv, "--force"]) == 0
    assert capsys.readouterr().err == (
        "asn_from_list: warning: --force: writing an invalid association: /products/0/name: "
        "the product's name is empty: the pipeline names its output files after it\n"
    )
    assert load("o.json").products[0].name == ""


# -- --list ----------------------------------------------------------------------------------


def test_list_names_with_spaces_a_bom_crlf_and_patterns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("s1_cal.fits", "s2_cal.fits"):
        (tmp_path / name).touch()
    (tmp_path / "list.txt").write_bytes(
        '\ufeff"my file_cal.fits"\r\ns*_cal.fits background\r\n'.encode()
    )
    assert asn_from_list_command(["-o", "o.json", "--product-name", "p", "--list", "list.txt"]) == 0
    members = [(m.expname, m.exptype) for m in load("o.json").products[0].members]
    assert members == [
        ("my file_cal.fits", "science"),
        ("s1_cal.fits", "background"),
        ("s2_cal.fits", "background"),
    ]
    (tmp_path / "bad.txt").write_text("my file_cal.fits\n", encoding="utf-8")
    assert asn_from_list_command(["-o", "b.json", "--product-name", "p", "--list", "bad.txt"]) == 1
    assert capsys.readouterr().err == (
        "asn_from_list: error: bad.txt: line 1: 'file_cal.fits' is not a member type "
        "(my file_cal.fits): quote a name with spaces\n"
    )
    (tmp_path / "none.txt").write_text("a_cal.fits\nz*_cal.fits\n", encoding="utf-8")
    assert asn_from_list_command(["-o", "b.json", "--product-name", "p", "--list", "none.txt"]) == 1
    assert capsys.readouterr().err == (
        "asn_from_list: error: none.txt: line 2: no file matches 'z*_cal.fits': check the "
        "pattern (a name with *, ? or [ is taken as it is only when that file exists)\n"
    )
    assert not (tmp_path / "b.json").exists()
    assert sorted(os.listdir(tmp_path)) == [  # noqa: PTH208
        "bad.txt", "list.txt", "none.txt", "o.json", "s1_cal.fits", "s2_cal.fits"
    ]  # fmt: skip
