"""asnkit gather: members copied under bare names, association last, nothing outside DEST."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from asnkit import Association, Member, Product, asn_from_list, write
from asnkit.cli import run as run_asnkit
from asnkit.exceptions import GatherError, InvalidAssociationError
from asnkit.gathering import gather
from asnkit.io import load

if TYPE_CHECKING:
    from pathlib import Path


def run(argv: list[str]) -> int:
    """``asnkit gather ARGV...``, as the console script runs it."""
    return run_asnkit(["gather", *argv])


def _setup(tmp_path: Path, names: list[str], kinds: list[str] | None = None) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    kinds = kinds or ["science"] * len(names)
    members = tuple(Member(n, k) for n, k in zip(names, kinds, strict=True))
    asn = Association((Product(members, name="p"),), asn_rule="DMS_Level3_Base")
    path = source / "l3_asn.json"
    write(asn, path)
    for name in names:
        file = source / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"data of {name}", encoding="utf-8")
    return path


def test_gather_copies_and_rewrites_names(tmp_path: Path) -> None:
    path = _setup(
        tmp_path, ["a_cal.fits", "sub/b_cal.fits", "bg.fits"], ["science", "science", "background"]
    )
    result = gather(path, tmp_path / "dest")
    dest = tmp_path / "dest"
    assert sorted(p.name for p in dest.iterdir()) == [
        "a_cal.fits",
        "b_cal.fits",
        "bg.fits",
        "l3_asn.json",
    ]
    assert (dest / "b_cal.fits").read_text(encoding="utf-8") == "data of sub/b_cal.fits"
    gathered = load(dest / "l3_asn.json")
    assert [m.expname for m in gathered.products[0].members] == [
        "a_cal.fits",
        "b_cal.fits",
        "bg.fits",
    ]
    assert result.association == dest / "l3_asn.json"
    assert [p.name for p in result.copied] == ["a_cal.fits", "b_cal.fits", "bg.fits"]
    # Everything but the names is kept, byte for byte in jwst's layout.
    original = json.loads(path.read_text(encoding="utf-8"))
    original["products"][0]["members"][1]["expname"] = "b_cal.fits"
    assert (dest / "l3_asn.json").read_text(encoding="utf-8") == json.dumps(original, indent=4)


def test_exptypes_and_exclude(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a.fits", "bg.fits", "psf.fits"], ["SCIENCE", "background", "psf"])
    gather(path, tmp_path / "d1", exptypes=["science"])
    assert [m.expname for m in load(tmp_path / "d1" / "l3_asn.json").products[0].members] == [
        "a.fits"
    ]
    gather(path, tmp_path / "d2", exclude=["psf"])
    assert sorted(p.name for p in (tmp_path / "d2").iterdir()) == [
        "a.fits",
        "bg.fits",
        "l3_asn.json",
    ]
    with pytest.raises(GatherError, match="no member has the types asked for"):
        gather(path, tmp_path / "d3", exptypes=["imprint"])
    assert not (tmp_path / "d3").exists()


def test_missing_members_stop_everything_or_are_skipped(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a.fits", "b.fits", "c.fits"])
    (path.parent / "b.fits").unlink()
    (path.parent / "c.fits").unlink()
    with pytest.raises(GatherError) as caught:
        gather(path, tmp_path / "dest")
    assert caught.value.missing == ("b.fits", "c.fits")
    assert not (tmp_path / "dest").exists()
    result = gather(path, tmp_path / "dest", skip_missing=True)
    assert result.missing == ("b.fits", "c.fits")
    assert [m.expname for m in load(result.association).products[0].members] == ["a.fits"]


def test_two_members_on_one_name_are_refused(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["x/a.fits", "y/a.fits"])
    with pytest.raises(
        GatherError, match=r"same name: x/a.fits and y/a.fits -> a.fits; nothing copied"
    ):
        gather(path, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_gathering_into_the_associations_own_folder_is_refused(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a.fits"])
    before = path.read_bytes()
    with pytest.raises(GatherError, match=r"is the folder l3_asn\.json is in"):
        gather(path, path.parent / ".")
    assert path.read_bytes() == before


def test_the_same_file_twice_is_fine(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a.fits", "./a.fits"])
    gather(path, tmp_path / "dest")
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["a.fits", "l3_asn.json"]


def test_a_name_that_could_land_outside_dest_is_refused(tmp_path: Path) -> None:
    # On POSIX "x\\.." is an ordinary file name; read as a Windows path its file part is "..".
    path = _setup(tmp_path, ["x\\.."])
    with pytest.raises(GatherError, match=r"names no file; it cannot be gathered"):
        gather(path, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_folders_are_not_members(tmp_path: Path) -> None:
    path = tmp_path / "asn.json"
    write(asn_from_list(["..", "."], product_name="p"), path)
    with pytest.raises(GatherError) as caught:
        gather(path, tmp_path / "dest")
    assert caught.value.missing == ("..", ".")


def test_a_symlink_in_dest_is_replaced_not_written_through(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a.fits"])
    dest = tmp_path / "dest"
    dest.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    (dest / "a.fits").symlink_to(outside)
    gather(path, dest)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (dest / "a.fits").is_symlink()
    assert (dest / "a.fits").read_text(encoding="utf-8") == "data of a.fits"


def test_absolute_member_and_source_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "abs.fits").write_text("abs", encoding="utf-8")
    (elsewhere / "rel.fits").write_text("rel", encoding="utf-8")
    path = tmp_path / "asn.json"
    write(asn_from_list([str(elsewhere / "abs.fits"), "rel.fits"], product_name="p"), path)
    gather(path, tmp_path / "dest", source=elsewhere)
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == [
        "abs.fits",
        "asn.json",
        "rel.fits",
    ]


def test_command_reports_missing_members_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _setup(tmp_path, ["a.fits", "b.fits", "c.fits"])
    (path.parent / "b.fits").unlink()
    (path.parent / "c.fits").unlink()
    assert run([str(path), str(tmp_path / "dest")]) == 1
    assert capsys.readouterr() == (
        "",
        "asnkit gather: missing: b.fits\n"
        "asnkit gather: missing: c.fits\n"
        f"asnkit gather: error: 2 member(s) of {path} not found (relative names looked up in "
        f"{path.parent}); nothing copied (--skip-missing leaves them out)\n",
    )
    assert run([str(path), str(tmp_path / "dest"), "--skip-missing", "-v"]) == 0
    out, err = capsys.readouterr()
    assert err == (
        "asnkit gather: warning: missing, left out: b.fits\n"
        "asnkit gather: warning: missing, left out: c.fits\n"
    )
    assert out == (
        f"copied {tmp_path / 'dest' / 'a.fits'}\n"
        f"wrote {tmp_path / 'dest' / 'l3_asn.json'} (1 member file(s) copied)\n"
    )


def test_command_jwst_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _setup(tmp_path, ["a.fits", "bg.fits", "psf.fits"], ["science", "background", "psf"])
    assert (
        run(
            [
                str(path),
                str(tmp_path / "d"),
                "-t",
                "science",
                "-t",
                "background",
                "-x",
                "background",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["a.fits", "l3_asn.json"]
    assert run([str(path), str(tmp_path / "e"), "--exptypes", "science,psf"]) == 0
    assert sorted(p.name for p in (tmp_path / "e").iterdir()) == [
        "a.fits",
        "l3_asn.json",
        "psf.fits",
    ]
    capsys.readouterr()
    assert run([str(path), str(tmp_path / "f"), "-c", "cp"]) == 2
    assert capsys.readouterr().err == (
        "asnkit gather: error: -c/--cmd is not supported: asnkit copies files with Python, "
        "not a shell command; drop -c (see asnkit gather --help)\n"
    )
    assert not (tmp_path / "f").exists()


def test_gathered_file_keeps_its_layout(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a.fits"])
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    gather(path, tmp_path / "dest")
    assert (tmp_path / "dest" / "l3_asn.json").read_text(encoding="utf-8") == json.dumps(
        document, indent=2
    ) + "\n"


# -- #13: gathering refuses what validate would reject; --force gathers it anyway ------------


def _stage2_setup(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    asn = asn_from_list(
        [("a_rate.fits", "science"), ("b_rate.fits", "science"), ("bg.fits", "background")],
        rule="DMSLevel2bBase",
        with_exptype=True,
    )
    path = source / "l2_asn.json"
    write(asn, path)
    for name in ("a_rate.fits", "b_rate.fits", "bg.fits"):
        (source / name).write_text(name, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("stage", "keywords", "message"),
    [
        (
            3,
            {"exclude": ["science"]},
            "gathering would make an invalid association: /products/0/members: a Stage 3 "
            "product needs a science member; it has none",
        ),
        (
            2,
            {"exptypes": ["background"]},
            "gathering would make an invalid association: /products/0/members: a Stage 2b "
            "product needs exactly one science member; it has 0; /products/1/members: a Stage "
            "2b product needs exactly one science member; it has 0",
        ),
    ],
)
def test_a_gathering_that_would_be_invalid_is_refused_before_anything_is_copied(
    stage: int, keywords: dict[str, list[str]], message: str, tmp_path: Path
) -> None:
    if stage == 3:
        path = _setup(tmp_path, ["a_cal.fits", "bg.fits"], ["science", "background"])
    else:
        path = _stage2_setup(tmp_path)
    with pytest.raises(InvalidAssociationError) as caught:
        gather(path, tmp_path / "dest", **keywords)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert not (tmp_path / "dest").exists()

    forced = gather(path, tmp_path / "dest", force=True, **keywords)  # type: ignore[arg-type]
    assert forced.problems
    assert (tmp_path / "dest" / path.name).exists()


def test_a_string_of_types_is_a_type_error(tmp_path: Path) -> None:
    path = _setup(tmp_path, ["a_cal.fits"])
    with pytest.raises(TypeError, match="exclude must be a list of names, not a single str"):
        gather(path, tmp_path / "dest", exclude="science")  # type: ignore[arg-type]
    assert not (tmp_path / "dest").exists()
