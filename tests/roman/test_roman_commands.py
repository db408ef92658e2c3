"""``asnkit roman from-list`` and ``asnkit roman multiband``: romancal's command lines, written."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from cli.clirun import in_process
from testdata import DATA

from asnkit import __version__

if TYPE_CHECKING:
    from pathlib import Path

ROMAN = DATA / "roman"
PROG = "asnkit roman from-list"
MULTI = "asnkit roman multiband"
COADDS = [
    "r00001_p_v01001001001001_270p65x70y49_f158_coadd.asdf",
    "r00001_p_v01001001001001_270p65x70y49_f184_coadd.asdf",
    "r00001_dr1_full_270p65x70y49_f158_coadd.asdf",
    "r00001_p_v01001001001001_045m86x47y51_f062_coadd.asdf",
    "notes.txt",
]


def _as_romancal_wrote(text: str) -> str:
    return text.replace(f'"code_version": "{__version__}"', '"code_version": "1.1.0"', 1)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in ``tmp_path``: romancal's commands write where they run."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_romancals_command_line_with_abbreviations(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "roman", "from-list", "-o", "out.json",
        "--prod", "r00001_dr1_v01001001001001_270p65x70y49_f158",
        "--data-release-id", "dr1", "--targ", "270p65x70y49",
        "--psf", "f184", "--_tweakreg-catalogs",
        "sub//./a_cal.asdf", "b-cal.asdf", "c.asdf", "é_cal.asdf", "sub//./a_cal.asdf",
    ]  # fmt: skip
    result = in_process(capsys, *argv)
    assert (result.status, result.out) == (0, "")
    expected = (ROMAN / "from_list_all_flags_asn.json").read_text(encoding="utf-8")
    assert _as_romancal_wrote((here / "out.json").read_text(encoding="utf-8")) == expected
    # The same file again: the duplicate member is warned of, as asnkit validate warns.
    assert result.err == (
        f"{PROG}: warning: /products/0/members/4: the same member as member 0 of this "
        "product ('sub//./a_cal.asdf', 'science')\n"
    )


def test_romancals_names_work_too(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = [
        "r0000101001001001001_0001_wfi01_f158_cal.asdf",
        "r0000101001001001001_0002_wfi01_f158_cal.asdf",
    ]
    argv = ["roman", "asn_from_list", "-o", "a.json", "--product-name", "mosaic", *names]
    assert in_process(capsys, *argv) == (0, "", "")
    expected = (ROMAN / "from_list_basic_asn.json").read_text(encoding="utf-8")
    assert _as_romancal_wrote((here / "a.json").read_text(encoding="utf-8")) == expected


def test_the_ignored_flags_are_warned_of(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["roman", "from-list", "-o", "a.json", "--product-name", "p", "-r", "DMS_Level3_Base"]
    argv += ["--ruledefs", "x.py", "-i", "o001", "a_cal.asdf"]
    result = in_process(capsys, *argv)
    assert result.status == 0
    assert result.err.splitlines() == [
        f"{PROG}: warning: -r/--rule 'DMS_Level3_Base' is ignored: Roman has one rule, "
        "DMS_ELPP_Base",
        f"{PROG}: warning: --ruledefs is ignored: Roman has one rule, DMS_ELPP_Base",
        f"{PROG}: warning: -i/--id 'o001' is ignored: a Roman association's asn_id is a3001",
    ]
    assert json.loads((here / "a.json").read_bytes())["asn_id"] == "a3001"
    # romancal's own defaults are not warned of.
    argv = ["roman", "from-list", "-o", "b.json", "--product-name", "p", "-i", "o999"]
    assert in_process(capsys, *argv, "-r", "DMS_ELPP_Base", "a_cal.asdf").err == ""


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ["--product-name", "p", "a.asdf"],
            2,
            f"the following arguments are required: -o/--output-file (see {PROG} --help)",
        ),
        (["-o", "out.json", "a.asdf"], 2, "the following arguments are required: --product-name"),
        (["-o", "out.json", "--product-name", "p"], 2, "required: FILE"),
        (["-o", "out.json", "--p", "x", "a.asdf"], 2, "ambiguous option: --p could match"),
        (["-o", "out.json", "--product-name", "", "a.asdf"], 1, "the product's name is empty"),
        (["-o", "out.json", "--product-name", "p", "a\nb.asdf"], 1, "control character"),
        # romancal's steps name their outputs after the product, as calwebb does (issue 21)
        (["-o", "out.json", "--product-name", "a/../b", "a.asdf"], 1, "holds a path separator"),
        (["-o", "out.json", "--product-name", "..", "a.asdf"], 1, "the product name '..'"),
        (["-o", "out.json", "--product-name", "p", "--_t", "."], 1, "names no file"),
        (["-o", "no/such/out.json", "--product-name", "p", "a.asdf"], 1, "cannot write"),
    ],
)
def test_refusals_are_one_line_and_leave_the_file_untouched(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str], status: int, message: str
) -> None:
    (here / "out.json").write_text("before", encoding="utf-8")
    result = in_process(capsys, "roman", "from-list", *args)
    assert result.status == status
    assert result.err.count("\n") == 1
    assert result.err.startswith(f"{PROG}: error: ")
    assert message in result.err
    assert (here / "out.json").read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in here.iterdir()) == ["out.json"]


def test_a_list_of_members(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "members.txt").write_text("# mosaic\na_cal.asdf\nb_cal.asdf science\n", "utf-8")
    result = in_process(capsys, "roman", "from-list", "-o", "a.json", "--prod", "m", "--list",
                        "members.txt")  # fmt: skip
    assert result.status == 0, result.err
    members = json.loads((here / "a.json").read_bytes())["products"][0]["members"]
    assert [m["expname"] for m in members] == ["a_cal.asdf", "b_cal.asdf"]


@pytest.mark.usefixtures("here")
def test_a_warning_for_a_member_that_is_not_asdf(capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "roman", "from-list", "-o", "a.json", "--prod", "m", "x_rate.fits")
    assert result.status == 0
    # Roman's check, and not JWST's suffix check (_rate at Stage 3).
    assert result.err == (
        f"{PROG}: warning: /products/0/members/0/expname: expname 'x_rate.fits' is not an .asdf "
        "file: Roman's pipeline reads ASDF (x_cal.asdf, x_coadd.asdf)\n"
    )


def test_multiband_writes_every_file_romancal_writes(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = in_process(capsys, "roman", "multiband", *COADDS, "--psf", "f184")
    assert result == (0, "", "")
    written = sorted(path.name for path in here.iterdir())
    assert written == sorted(path.name for path in (ROMAN / "mb").iterdir())
    for name in written:
        expected = (ROMAN / "mb" / name).read_text(encoding="utf-8")
        assert _as_romancal_wrote((here / name).read_text(encoding="utf-8")) == expected


def test_multiband_expands_one_pattern(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in COADDS:
        (here / name).write_bytes(b"")
    assert in_process(capsys, "roman", "multiband", "*_coadd.asdf", "--psf", "f184").status == 0
    for name in sorted(path.name for path in (ROMAN / "mb").iterdir()):
        expected = (ROMAN / "mb" / name).read_text(encoding="utf-8")
        assert _as_romancal_wrote((here / name).read_text(encoding="utf-8")) == expected


def test_multiband_with_no_coadd_says_so(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "roman", "multiband", "a_cal.asdf", "notes.txt")
    assert result.status == 1
    assert result.err == (
        f"{MULTI}: error: no file name is a coadd's (<prefix><skycell>_<filter>_coadd.asdf, "
        "e.g. r00001_p_v01_270p65x70y49_f158_coadd.asdf) among the 2 given; nothing written\n"
    )
    assert list(here.iterdir()) == []


def test_multiband_refuses_what_romancal_would_choke_on_and_writes_nothing(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # romancal hands each group to asn_from_list's parser, where "-x_..." is an option: it
    # writes the groups before that one, then fails. asnkit writes none.
    names = [COADDS[0], "--", "-x_1p2x3y4_f158_coadd.asdf"]
    result = in_process(capsys, "roman", "multiband", *names)
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert "sky cell 1p2x3y4" in result.err
    assert "nothing written" in result.err
    assert list(here.iterdir()) == []


def test_the_group_help_and_unknown_commands(capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "roman", "--help")
    assert result.status == 0
    assert "from-list" in result.out
    assert "multiband" in result.out
    result = in_process(capsys, "roman", "skycell")
    assert result.status == 2
    assert result.err == (
        "asnkit roman: error: unknown command 'skycell'; the commands are from-list and "
        "multiband (see asnkit roman --help)\n"
    )
    assert in_process(capsys, "roman").status == 2
    assert in_process(capsys, "roman", "from-list", "--version").out == f"asnkit {__version__}\n"
    help_text = in_process(capsys, "roman", "from-list", "--help").out
    assert "--_tweakreg-catalogs" in help_text
    assert "--data-release-id" in help_text


def test_jwsts_command_refuses_romans_rule(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "from-list", "-o", "a.json", "-r", "DMS_ELPP_Base",
                        "--product-name", "p", "a_cal.asdf")  # fmt: skip
    assert result.status == 2
    assert result.err == (
        "asnkit from-list: error: DMS_ELPP_Base is Roman's rule: use asnkit roman from-list "
        "(romancal's asn_from_list command line)\n"
    )
    assert list(here.iterdir()) == []


def test_show_diff_edit_gather_on_a_roman_file(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ROMAN / "from_list_all_flags_asn.json"
    shutil.copy(source, here / "asn.json")
    shown = in_process(capsys, "show", "asn.json")
    assert shown.status == 0, shown.err
    assert "r00001_dr1_v01001001001001_270p65x70y49_f158" in shown.out
    assert "b-cal.asdf" in shown.out
    # An edit keeps romancal's key order and the members' tweakreg_catalog.
    edited = in_process(capsys, "edit", "asn.json", "--add", "d_cal.asdf", "-o", "edited.json")
    assert edited.status == 0, edited.err
    document = json.loads((here / "edited.json").read_bytes())
    assert list(document) == list(json.loads(source.read_bytes()))
    assert document["products"][0]["members"][1]["tweakreg_catalog"] == "b-cat.parquet"
    # Every member has its catalog: the new one gets its own, by romancal's pairing.
    assert document["products"][0]["members"][-1] == {
        "expname": "d_cal.asdf",
        "exptype": "science",
        "tweakreg_catalog": "d_cat.parquet",
    }
    # The duplicate the file came with is warned of as validate warns of it.
    assert edited.err == (
        "asnkit edit: warning: d_cal.asdf is not a file here; written as given\n"
        "asnkit edit: warning: /products/0/members/4: the same member as member 0 of this"
        " product ('sub//./a_cal.asdf', 'science')\n"
    )
    different = in_process(capsys, "diff", "asn.json", "edited.json")
    assert different.status == 1
    assert "d_cal.asdf" in different.out
    assert in_process(capsys, "diff", "asn.json", str(source)).status == 0
    # Gather: every member copied beside the association.
    for name in ("sub/a_cal.asdf", "b-cal.asdf", "c.asdf", "é_cal.asdf"):
        (here / name).parent.mkdir(exist_ok=True)
        (here / name).write_bytes(b"asdf")
    # The catalogs that are there go with their members (c's is not there: left as written).
    for name in ("sub/a_cat.parquet", "b-cat.parquet", "é_cat.parquet"):
        (here / name).write_bytes(b"PAR1")
    gathered = in_process(capsys, "gather", "asn.json", "out")
    assert gathered.status == 0, gathered.err
    out = json.loads((here / "out" / "asn.json").read_bytes())
    assert out["data_release_id"] == "dr1"
    members = out["products"][0]["members"]
    assert [(m["expname"], m["tweakreg_catalog"]) for m in members] == [
        ("a_cal.asdf", "a_cat.parquet"),
        ("b-cal.asdf", "b-cat.parquet"),
        ("c.asdf", "c_cat.parquet"),
        ("é_cal.asdf", "é_cat.parquet"),
        ("a_cal.asdf", "a_cat.parquet"),
    ]
    assert (here / "out" / "b-cal.asdf").read_bytes() == b"asdf"
    assert sorted(p.name for p in (here / "out").iterdir()) == sorted(
        ["asn.json", "a_cal.asdf", "b-cal.asdf", "c.asdf", "é_cal.asdf", "a_cat.parquet",
         "b-cat.parquet", "é_cat.parquet"]
    )  # fmt: skip
    assert (here / "out" / "a_cat.parquet").read_bytes() == b"PAR1"


def test_multiband_refuses_coadds_named_from_another_folder(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # romancal writes sub/r00001_p_v01_270p65x70y49_asn.json whose product is named
    # "sub/r00001_p_v01_270p65x70y49": the pipeline would write its outputs into a folder
    # (issue 21); asnkit says how to make a sound file instead.
    (here / "sub").mkdir()
    good = "r00001_p_v01_270p65x70y49_f184_coadd.asdf"
    name = "sub/r00001_p_v01_270p65x70y49_f158_coadd.asdf"
    result = in_process(capsys, "roman", "multiband", good, name)
    assert result.status == 1
    assert result.err == (
        f"{MULTI}: error: {name!r} is named from another folder: romancal would name the "
        "product 'sub/r00001_p_v01_270p65x70y49', which names a folder, and the pipeline "
        "names its outputs after it; run multiband inside sub/; nothing written\n"
    )
    assert sorted(p.relative_to(here).as_posix() for p in here.rglob("*")) == ["sub"]


def test_multiband_refuses_a_missing_folder_before_writing_any(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [COADDS[0], "nodir/r1_p_1p2x3y4_f158_coadd.asdf"]
    result = in_process(capsys, "roman", "multiband", *names)
    assert result.status == 1
    assert result.err.startswith(f"{MULTI}: error: 'nodir/r1_p_1p2x3y4_f158_coadd.asdf' is named")
    assert result.err.count("\n") == 1
    assert list(here.iterdir()) == []
