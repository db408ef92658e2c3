"""``asnkit edit``: asnkit's spelling and jwst asn_edit's (-a/-r/-i/-t/-o), one parse.

What an edit does (refusals, locks, --force) is tested in tests/edit/; here, that every
spelling reaches it with the same meaning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asnkit import asn_from_list, write
from asnkit.io import load
from cli.clirun import in_process, script

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the files named are beside the association


def _association(folder: Path) -> Path:
    path = folder / "l3_asn.json"
    write(asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic"), path)
    for name in ("a_cal.fits", "b_cal.fits", "c_cal.fits", "d_cal.fits", "bg_cal.fits"):
        (folder / name).touch()
    return path


def _members(path: Path) -> list[tuple[str, str]]:
    return [(m.expname, m.exptype) for m in load(path).products[0].members]


SCIENCE = "science"
SPELLINGS = {
    # jwst asn_edit: -a/-r first, then the association, then the files.
    "jwst_add": (["-a", "{asn}", "c_cal.fits", "d_cal.fits"], ["a", "b", "c", "d"]),
    "jwst_add_type": (["-a", "-t", "background", "{asn}", "bg_cal.fits"], ["a", "b", "bg:bg"]),
    "jwst_remove": (["-r", "{asn}", "b_cal.fits"], ["a"]),
    "jwst_remove_ignore_suffix": (["-r", "-i", "{asn}", "b_rate.fits"], ["a"]),
    "jwst_short_flags_together": (["-ri", "{asn}", "b_rate.fits"], ["a"]),
    # asnkit: the association first.
    "add": (["{asn}", "--add", "c_cal.fits", "d_cal.fits"], ["a", "b", "c", "d"]),
    "add_type": (["{asn}", "--add", "bg_cal.fits", "--type", "background"], ["a", "b", "bg:bg"]),
    "remove": (["{asn}", "--remove", "a_cal.fits"], ["b"]),
    "ignore_suffix": (["{asn}", "--remove", "b_rate.fits", "--ignore-suffix"], ["a"]),
    "add_and_remove": (["{asn}", "--add", "c_cal.fits", "--remove", "a_cal.fits"], ["b", "c"]),
    "loose_file_before_add": (["{asn}", "c_cal.fits", "--add", "d_cal.fits"], ["a", "b", "c", "d"]),
    "equals": (["{asn}", "--add", "c_cal.fits", "--type=psf"], ["a", "b", "c:psf"]),
    "set": (
        ["{asn}", "--set", "program", "01234", "--set-type", "b_cal.fits", "psf"],
        ["a", "b:psf"],
    ),
}


def _expected(short: list[str]) -> list[tuple[str, str]]:
    kinds = {"bg": "background"}
    members = []
    for item in short:
        name, _, kind = item.partition(":")
        members.append((f"{name}_cal.fits", kinds.get(kind, kind) or SCIENCE))
    return members


@pytest.mark.parametrize("case", sorted(SPELLINGS))
def test_spelling(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _association(tmp_path)
    argv, expected = SPELLINGS[case]
    result = in_process(capsys, "edit", *(str(path) if a == "{asn}" else a for a in argv))
    assert (result.status, result.err) == (0, ""), result
    assert _members(path) == _expected(expected)


def test_output_and_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _association(tmp_path)
    before = path.read_bytes()
    out = tmp_path / "out_asn.json"
    result = in_process(capsys, "edit", "-a", str(path), "c_cal.fits", "-o", str(out))
    assert (result.status, result.err) == (0, "")
    assert path.read_bytes() == before
    assert _members(out)[-1] == ("c_cal.fits", SCIENCE)


def test_the_installed_command_takes_jwsts_spelling(tmp_path: Path) -> None:
    path = _association(tmp_path)
    result = script("asnkit", "edit", "-r", "-i", str(path), "a_rate.fits", cwd=tmp_path)
    assert result == (0, "", "")
    assert _members(path) == [("b_cal.fits", SCIENCE)]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{asn}", "c_cal.fits"], "say what to do with c_cal.fits: give -a/--add or -r/--remove"),
        (["{asn}", "--add"], "--add needs at least one FILE"),
        (["{asn}", "--set", "program"], "option --set takes 2 values"),
        (["{asn}", "--set-attr", "a_cal.fits", "group_id"], "option --set-attr takes 3 values"),
        ([], "missing argument 'ASN [FILE...]'"),
        (["{asn}", "-o"], "option '-o' requires an argument"),  # click gives no context
    ],
)
def test_usage_errors(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _association(tmp_path)
    before = path.read_bytes()
    result = in_process(capsys, "edit", *(str(path) if a == "{asn}" else a for a in argv))
    assert (result.status, result.out) == (2, "")
    assert result.err.startswith(f"asnkit edit: error: {message}")
    assert result.err.endswith(" (see asnkit edit --help)\n")
    assert result.err.count("\n") == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("spelling", [["--add", "p_rate.fits", "-t", "psf"], ["-a", "-t", "psf"]])
def test_a_psf_added_at_stage2_is_a_product_of_its_own_as_from_list_makes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: list[str]
) -> None:
    # The rule owns where a role goes at its stage (Level2bRule.own_product_roles): a PSF
    # exposure is calibrated on its own at Stage 2, as science, as from-list makes it.
    for name in ("a_rate.fits", "bg_rate.fits", "p_rate.fits"):
        (tmp_path / name).touch()
    made = in_process(
        capsys, "from-list", "-o", "l2_asn.json", "-r", "DMSLevel2bBase",
        "--background", "bg_rate.fits", "a_rate.fits",
    )  # fmt: skip
    assert made.status == 0, made.err
    args = [*spelling, "l2_asn.json", "p_rate.fits"] if spelling[0] == "-a" else [
        "l2_asn.json", *spelling
    ]  # fmt: skip
    edited = in_process(capsys, "edit", *args)
    assert (edited.status, edited.err) == (0, "")
    expected = in_process(
        capsys, "from-list", "-o", "expected_asn.json", "-r", "DMSLevel2bBase",
        "--background", "bg_rate.fits", "--psf", "p_rate.fits", "a_rate.fits",
    )  # fmt: skip
    assert expected.status == 0, expected.err
    on_disk = load(tmp_path / "l2_asn.json")
    assert [[(m.expname, m.exptype) for m in p.members] for p in on_disk.products] == [
        [("a_rate.fits", "science"), ("bg_rate.fits", "background")],
        [("p_rate.fits", "science"), ("bg_rate.fits", "background")],
    ]
    assert [p.name for p in on_disk.products] == ["a", "p"]
    assert on_disk == load(tmp_path / "expected_asn.json")


def test_a_psf_added_to_a_named_stage2_product_joins_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p_rate.fits").touch()
    write(asn_from_list(["a_rate.fits"], rule="DMSLevel2bBase"), tmp_path / "l2_asn.json")
    edited = in_process(capsys, "edit", "l2_asn.json", "--add", "p_rate.fits", "-t", "psf",
                        "--product", "a")  # fmt: skip
    assert (edited.status, edited.err) == (0, "")
    assert _members(tmp_path / "l2_asn.json") == [
        ("a_rate.fits", "science"),
        ("p_rate.fits", "psf"),
    ]
