"""asnkit edit: the files it writes (pinned byte for byte), jwst's spellings, its refusals."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asnkit import asn_from_list, to_dict, write
from asnkit.cli import run as run_asnkit
from asnkit.edit import _check_before_write
from asnkit.io import load

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

PROG = "asnkit edit"


def run(argv: list[str]) -> int:
    """``asnkit edit ARGV...``, as the console script runs it."""
    return run_asnkit(["edit", *argv])


def _stage3(folder: Path) -> Path:
    path = folder / "l3_asn.json"
    write(asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic"), path)
    return path


def _stage2(folder: Path) -> Path:
    path = folder / "l2_asn.json"
    write(asn_from_list(["a_rate.fits", "b_rate.fits"], rule="DMSLevel2bBase"), path)
    return path


CASES = {
    "add_background": (_stage3, ["--add", "c_cal.fits", "bg_cal.fits", "--type", "background"]),
    "add_to_one_product": (_stage2, ["--add", "bg.fits", "-t", "background", "--product", "a"]),
    "remove_stage2_product": (_stage2, ["--remove", "a_rate.fits"]),
    "remove_ignore_suffix": (_stage3, ["--remove", "b_rate.fits", "--ignore-suffix"]),
    "set_type_and_rename": (
        _stage3,
        ["--set-type", "b_cal.fits", "psf", "--rename-product", "mosaic", "jw01234-o001_t001"],
    ),
    "set_attr_and_metadata": (
        _stage3,
        [
            "--set-attr", "a_cal.fits", "group_id", "1",
            "--set-attr", "a_cal.fits", "tweakreg_catalog", "a_cat.ecsv",
            "--set", "program", "01234",
            "--set", "target", "t001",
            "--set", "asn_type", "image3",
        ],
    ),
    "jwst_add": (_stage3, ["-a", "{asn}", "c_cal.fits"]),
    "jwst_remove_ignore": (_stage3, ["-r", "-i", "{asn}", "a_rate.fits"]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_file(
    case: str,
    tmp_path: Path,
    snapshot_file: SnapshotAssertion,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make, argv = CASES[case]
    monkeypatch.chdir(tmp_path)
    asn = make(tmp_path).name
    args = [a.replace("{asn}", asn) for a in argv]
    args = args if "{asn}" in argv else [asn, *args]
    for name in ("a_cal.fits", "b_cal.fits", "c_cal.fits", "bg_cal.fits", "bg.fits"):
        (tmp_path / name).touch()
    assert run(args) == 0, capsys.readouterr().err
    assert (tmp_path / asn).read_bytes() == snapshot_file
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json") == [asn]


def test_in_place_edit_keeps_a_two_space_layout(tmp_path: Path) -> None:
    path = tmp_path / "asn.json"
    document = to_dict(asn_from_list(["a_cal.fits"], product_name="p"))
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    assert run([str(path), "--set", "program", "01234"]) == 0
    document["program"] = "01234"
    assert path.read_text(encoding="utf-8") == json.dumps(document, indent=2) + "\n"


def test_output_and_backup(tmp_path: Path) -> None:
    path = _stage3(tmp_path)
    before = path.read_bytes()
    out = tmp_path / "out.json"
    assert run([str(path), "--add", "c_cal.fits", "-o", str(out)]) == 0
    assert path.read_bytes() == before
    assert not (tmp_path / "out.json.bak").exists()
    assert run([str(path), "--add", "c_cal.fits", "--backup"]) == 0
    assert (tmp_path / "l3_asn.json.bak").read_bytes() == before
    assert path.read_bytes() == out.read_bytes()


def test_added_file_elsewhere_is_written_relative_to_the_association(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "asn").mkdir()
    (tmp_path / "data").mkdir()
    path = _stage3(tmp_path / "asn")
    (tmp_path / "data" / "c_cal.fits").touch()
    (tmp_path / "asn" / "d_cal.fits").touch()
    argv = [str(path), "--add", str(tmp_path / "data" / "c_cal.fits")]
    assert run([*argv, str(tmp_path / "asn" / "d_cal.fits")]) == 0
    names = [m.expname for m in load(path).products[0].members]
    assert names == ["a_cal.fits", "b_cal.fits", "../data/c_cal.fits", "d_cal.fits"]
    assert capsys.readouterr().err == (
        f"{PROG}: warning: {tmp_path / 'data' / 'c_cal.fits'} is not beside the association; "
        "written as ../data/c_cal.fits\n"
    )


REFUSALS = {
    "unknown_member": (
        ["{asn}", "--remove", "x.fits"],
        1,
        "not in the association: x.fits; its members are: a_cal.fits, b_cal.fits; nothing written",
    ),
    "second_science_stage2": (
        ["{l2}", "--add", "c_rate.fits", "--product", "a"],
        1,
        "the edit would make an invalid association: /products/0/members: a Stage 2b product "
        "needs exactly one science member; it has 2; nothing written (--force writes it anyway)",
    ),
    "no_science_left": (
        ["{asn}", "--set-type", "a_cal.fits", "psf", "--set-type", "b_cal.fits", "psf"],
        1,
        "the edit would make an invalid association: /products/0/members: a Stage 3 product "
        "needs a science member; it has none; nothing written (--force writes it anyway)",
    ),
    "remove_everything": (
        ["{asn}", "-r", "a_cal.fits", "b_cal.fits"],
        1,
        "the edit would make an invalid association: /products: no product: an association "
        "needs at least one; nothing written (--force writes it anyway)",
    ),
    "duplicate": (
        ["{asn}", "--add", "a_cal.fits"],
        1,
        "already a member of product mosaic: a_cal.fits; nothing written",
    ),
    "nothing_to_do": (
        ["{asn}"],
        2,
        "nothing to do: give --add, --remove, --set-type, --set-attr, --rename-product or --set "
        "(see asnkit edit --help)",
    ),
    "loose_files": (
        ["{asn}", "c.fits"],
        2,
        "say what to do with c.fits: give -a/--add or -r/--remove (not both) "
        "(see asnkit edit --help)",
    ),
    "product_without_add": (
        ["{asn}", "--remove", "a_cal.fits", "--product", "mosaic"],
        2,
        "--product goes with --add (see asnkit edit --help)",
    ),
    "wrong_type": (
        ["{asn}", "--set", "products", "x"],
        1,
        "products cannot be set as a value; add, remove or rename members and products; "
        "nothing written",
    ),
    "not_an_association": (
        ["{bad}", "--set", "program", "1"],
        1,
        "{bad}: not valid JSON (line 1, column 1): expecting value; nothing written",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusal_is_one_line_and_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, status, line = REFUSALS[case]
    files = {"asn": _stage3(tmp_path), "l2": _stage2(tmp_path), "bad": tmp_path / "bad.json"}
    files["bad"].write_text("nope", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def fill(text: str) -> str:
        for key, path in files.items():
            text = text.replace("{" + key + "}", str(path))
        return text

    assert run([fill(a) for a in argv]) == status
    assert capsys.readouterr() == ("", f"{PROG}: error: {fill(line)}\n")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_installed_command_and_jwst_spelling(tmp_path: Path) -> None:
    path = _stage3(tmp_path)
    scripts = Path(sys.executable).parent
    result = subprocess.run(
        [str(scripts / "asnkit"), "edit", "-a", "-t", "background", str(path), "bg.fits"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{PROG}: warning: bg.fits is not a file here; written as given\n"
    members = load(path).products[0].members
    assert [(m.expname, m.exptype) for m in members][-1] == ("bg.fits", "background")


# -- any sequence of edits: a valid file or a clean refusal, never a partial file ----------

_names = st.sampled_from(["a_cal.fits", "b_cal.fits", "c_cal.fits", "d_rate.fits", "x.fits"])
_types = st.sampled_from(["science", "background", "psf", "imprint"])
_steps = st.one_of(
    st.tuples(st.just("--add"), st.lists(_names, min_size=1, max_size=2), _types),
    st.tuples(st.just("--remove"), st.lists(_names, min_size=1, max_size=2), st.booleans()),
    st.tuples(st.just("--set-type"), _names, _types),
)


def _argv(step: tuple[object, ...]) -> list[str]:
    if step[0] == "--add":
        names, kind = step[1], step[2]
        assert isinstance(names, list)
        return ["--add", *names, "--type", str(kind)]
    if step[0] == "--remove":
        names, ignore = step[1], step[2]
        assert isinstance(names, list)
        return ["--remove", *names, *(["--ignore-suffix"] if ignore else [])]
    return ["--set-type", str(step[1]), str(step[2])]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=st.sampled_from(["l2", "l3"]), steps=st.lists(_steps, min_size=1, max_size=6))
def test_any_sequence_of_edits_gives_a_valid_file_or_a_clean_refusal(
    start: str, steps: list[tuple[object, ...]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("seq")
    path = _stage2(folder) if start == "l2" else _stage3(folder)
    for step in steps:
        before = path.read_bytes()
        status = _quiet_run([str(path), *_argv(step)])
        after = path.read_bytes()
        assert status in (0, 1)
        if status == 1:
            assert after == before
        else:
            assert _check_before_write(load(path)) == []
        assert sorted(p.name for p in folder.iterdir()) == [path.name]
    shutil.rmtree(folder)


def _quiet_run(argv: list[str]) -> int:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = run(argv)
    # A refusal is one line; what validate warns of in a file written, one line each.
    lines = err.getvalue().splitlines()
    if status:
        assert len([line for line in lines if ": error: " in line]) == 1, lines
    assert all(
        line.startswith(("asnkit edit: warning: ", "asnkit edit: error: ")) for line in lines
    )
    return status


def test_no_traceback_on_a_missing_file(tmp_path: Path) -> None:
    scripts = Path(sys.executable).parent
    result = subprocess.run(
        [str(scripts / "asnkit"), "edit", "nope.json", "--set", "program", "1"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 2  # an input that is not there (docs/cli.md)
    assert result.stderr == (
        "asnkit edit: error: nope.json: "
        "cannot read the file: No such file or directory; nothing written\n"
    )


def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _stage3(tmp_path)
    before = path.read_bytes()

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    assert run([str(path), "--add", "c_cal.fits", "--type", "background"]) == 1
    assert capsys.readouterr().err == (
        f"{PROG}: error: cannot write {path}: No space left on device; nothing written\n"
    )
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_corpus_edit_and_undo_gives_the_file_back(corpus: Path, tmp_path: Path) -> None:
    """Every corpus file through the command twice (rename a product, rename it back)."""
    from asnkit.codec.whitespace import detect, render
    from asnkit.name_parts import folder_problem

    same_bytes = edited = refused = 0
    for source in sorted(corpus.glob("*/*.json")):
        text = source.read_bytes().decode("utf-8")
        try:
            document = json.loads(text)
        except ValueError:
            continue
        if "products" not in document:
            continue
        name = document["products"][0].get("name")
        if not isinstance(name, str):
            continue
        path = tmp_path / source.name
        path.write_bytes(source.read_bytes())
        assert _quiet_run([str(path), "--rename-product", name, "asnkit-temporary"]) == 0
        assert json.loads(path.read_bytes())["products"][0]["name"] == "asnkit-temporary"
        if folder_problem(name) is not None:
            # A product named with a folder (/ifs/...): edit writes no such name back.
            assert _quiet_run([str(path), "--rename-product", "asnkit-temporary", name]) == 1
            assert json.loads(path.read_bytes())["products"][0]["name"] == "asnkit-temporary"
            refused += 1
            continue
        assert _quiet_run([str(path), "--rename-product", "asnkit-temporary", name]) == 0
        after = path.read_bytes().decode("utf-8")
        assert json.dumps(json.loads(after)) == json.dumps(document), source.name
        assert after == render(load(text), detect(text)), source.name
        same_bytes += after == text
        edited += 1
    assert edited == 193
    assert refused == 2
    assert same_bytes == 176
