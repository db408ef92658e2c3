"""Names holding a terminal's control sequences are shown escaped by every command.

A name read from an association, a pool, a FITS file's name or the command line may hold
ESC and BEL (``\\x1b]0;pwned\\x07`` retitles the terminal, ``\\x1b[2J`` clears it), C1
controls, DEL or a bidi override. Every command, run as a user runs it (the installed
script, output to a pipe), writes each such character as its escape
(:func:`asnkit._escape.escape`): every line of its output and of its messages is printable.
``--format json`` stays exact JSON: the names come back as they were. On a terminal (rich),
a name is text, never markup.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
from faultkit import command
from requires import ASTROPY_MISSING

from asnkit._escape import escape, quoted

if TYPE_CHECKING:
    from collections.abc import Sequence

BAD: Final = "\x1b]0;pwned\x07\x1b[2J\u202e\u2066[red]x[bold]\x9b\x7f\x08"
"""A title change, a screen clear, two bidi overrides, rich markup, CSI (C1), DEL, BS.

No ``/``: it is in file names too."""

POOLS: Final = Path(__file__).resolve().parent.parent / "data" / "pools"


def _run(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR"}}
    return subprocess.run(
        [command("asnkit"), *args], cwd=cwd, capture_output=True, check=False, env=env
    )


def _printable(data: bytes) -> str:
    """``data`` as text, after asserting that every line of it is printable."""
    text = data.decode("utf-8")
    bad = [line for line in text.split("\n") if not line.isprintable()]
    assert bad == [], bad
    return text


def _both(result: subprocess.CompletedProcess[bytes]) -> str:
    """Standard output and standard error, each checked printable line by line."""
    return _printable(result.stdout) + _printable(result.stderr)


def _association(path: Path, product: str, members: Sequence[str]) -> Path:
    document = {
        "asn_type": "image3",
        "asn_rule": "DMS_Level3_Base",
        "program": "noprogram",
        "asn_id": "a3001",
        "target": "none",
        "asn_pool": f"pool{BAD}:smile:",
        "products": [
            {"name": product, "members": [{"expname": m, "exptype": "science"} for m in members]}
        ],
    }
    path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """An association whose product, pool and first member hold :data:`BAD`."""
    return _association(tmp_path / "bad_asn.json", f"prod{BAD}", [f"m{BAD}_cal.fits", "ok.fits"])


def test_show_escapes_names(hostile: Path) -> None:
    result = _run(["show", hostile.name], hostile.parent)
    assert result.returncode == 0
    out = _both(result)
    assert f"prod{escape(BAD)}" in out
    assert f"m{escape(BAD)}_cal.fits" in out
    assert f"pool{escape(BAD)}" in out


def test_show_json_is_exact(hostile: Path) -> None:
    result = _run(["show", hostile.name, "--format", "json"], hostile.parent)
    assert result.returncode == 0
    document = json.loads(_both(result))
    assert document["pool"] == f"pool{BAD}:smile:"
    assert document["products"][0]["name"] == f"prod{BAD}"
    assert document["products"][0]["members"]["science"][0] == f"m{BAD}_cal.fits"
    assert result.stdout.isascii()


def test_diff_escapes_names_and_its_json_is_exact(hostile: Path) -> None:
    other = _association(hostile.parent / "other_asn.json", f"prod{BAD}", [f"n{BAD}", "ok.fits"])
    result = _run(["diff", hostile.name, other.name], hostile.parent)
    assert result.returncode == 1
    out = _both(result)
    assert f"member n{escape(BAD)}: only in B" in out
    result = _run(["diff", hostile.name, other.name, "--format", "json"], hostile.parent)
    assert result.returncode == 1
    document = json.loads(_both(result))
    assert f"n{BAD}" in {d["b"] for d in document["differences"]} | {
        d["where"].rpartition("member ")[2] for d in document["differences"]
    }


def test_diff_escapes_metadata_values(hostile: Path) -> None:
    # A metadata value is shown as JSON (C0 controls as \u001b): DEL, C1 and bidi remain.
    other = hostile.parent / "other_asn.json"
    document = json.loads(hostile.read_text())
    document["program"] = f"x{BAD}"
    other.write_text(json.dumps(document))
    out = _both(_run(["diff", hostile.name, other.name], hostile.parent))
    assert "\\u202e" in out
    assert "\\x9b" in out


def test_validate_escapes_file_names_pointers_and_messages(tmp_path: Path) -> None:
    folder = tmp_path / f"d{BAD}"
    folder.mkdir()
    path = _association(folder / f"a{BAD}_asn.json", f"prod{BAD}", [f"m{BAD}_cal.fits"])
    document = json.loads(path.read_text())
    document[f"key{BAD}"] = [1]  # in a pointer (an unknown key's type)
    document["products"][0]["members"][0][f"k{BAD}"] = {"a": 1}
    path.write_text(json.dumps(document))
    result = _run(["validate", "--check-files", path.parent.name], tmp_path)
    assert result.returncode == 1
    out = _both(result)
    assert f"member file not found: {escape(f'{path.parent.name}/m{BAD}_cal.fits')}" in out
    assert f"d{escape(BAD)}/a{escape(BAD)}_asn.json:" in out
    result = _run(["validate", path.parent.name, "--format", "json"], tmp_path)
    document = json.loads(_both(result))
    assert document["files"][0]["file"] == f"d{BAD}/a{BAD}_asn.json"


def test_gather_escapes_what_it_copied_and_left_out(hostile: Path, tmp_path: Path) -> None:
    (tmp_path / f"m{BAD}_cal.fits").write_bytes(b"data")
    result = _run(
        ["gather", hostile.name, "out", "-v", "--skip-missing", "--force"], hostile.parent
    )
    # A member whose file name holds control characters is not copied under that name
    # (the name-part rule, #21): the refusal names it escaped, on one line.
    assert result.returncode == 1, result.stderr
    out = _both(result)
    assert f"member {quoted(f'm{BAD}_cal.fits')}: the file name holds a control" in out
    assert out.count("\n") == 1
    assert not (tmp_path / "out").exists()
    good = _association(tmp_path / "good.json", f"prod{BAD}", ["ok_cal.fits", "gone.fits"])
    (tmp_path / "ok_cal.fits").write_bytes(b"data")
    result = _run(["gather", good.name, "out", "-v", "--skip-missing", "--force"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = _both(result)
    assert f"copied {Path('out') / 'ok_cal.fits'}" in out
    assert "missing, left out: gone.fits" in out


def test_gather_escapes_missing_members(tmp_path: Path) -> None:
    path = _association(tmp_path / "asn.json", "p", [f"gone{BAD}_cal.fits"])
    result = _run(["gather", path.name, "out"], tmp_path)
    assert result.returncode == 1
    assert f"gone{escape(BAD)}_cal.fits" in _both(result)


def test_edit_escapes_names_in_its_refusals(hostile: Path) -> None:
    before = hostile.read_bytes()
    for args in (
        ["--add", f"new{BAD}_cal.fits"],
        ["--rename-product", f"prod{BAD}", f"q{BAD}"],
        ["--remove", f"absent{BAD}"],
    ):
        result = _run(["edit", hostile.name, *args], hostile.parent)
        assert result.returncode in (1, 2), args
        assert escape(BAD) in _both(result), args
        assert hostile.read_bytes() == before


def test_from_list_escapes_names_in_its_messages(tmp_path: Path) -> None:
    for args, status in (
        (["--product-name", f"p{BAD}", "a_cal.fits"], 1),
        # BAD holds "[": a pattern (from-list expands what the shell did not) matching nothing
        (["--product-name", "p", f"a{BAD}_cal.fits"], 2),
    ):
        result = _run(["from-list", "-o", "out_asn.json", *args], tmp_path)
        assert result.returncode == status, args
        assert escape(BAD) in _both(result), args
        assert not (tmp_path / "out_asn.json").exists()
    asn_from_list = subprocess.run(
        [command("asn_from_list"), "-o", "out_asn.json", "--product-name", BAD, "a_cal.fits"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert asn_from_list.returncode == 1
    assert escape(BAD) in _both(asn_from_list)


def test_refusals_escape_the_names_given(tmp_path: Path) -> None:
    for args in (
        ["show", f"missing{BAD}.json"],
        ["diff", f"a{BAD}.json", f"b{BAD}.json"],
        ["validate", f"nothing{BAD}"],
        ["validate", "--strict", f"nothing{BAD}"],
        ["show", "--format", BAD, "x.json"],
        [BAD],
    ):
        result = _run(args, tmp_path)
        assert result.returncode in (1, 2), args
        err = _both(result)
        assert "\\x1b" in err, args
        assert err.count("\n") == 1, err


def test_generate_escapes_its_summary_listing_and_explanation(tmp_path: Path) -> None:
    pool = tmp_path / f"p{BAD}_pool.csv"
    shutil.copyfile(POOLS / "pool_002_image_miri.csv", pool)
    result = _run(["generate", pool.name, "-o", f"out{BAD}", "-v"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = _both(result)
    written = sorted((tmp_path / f"out{BAD}").iterdir())
    assert written
    count = f"{len(written)} association{'s' if len(written) > 1 else ''}"
    summary = f"p{escape(BAD)}_pool.csv: {count} written to out{escape(BAD)}"
    assert summary in out
    assert out.count(f"out{escape(BAD)}/") == len(written)
    result = _run(["generate", pool.name, "--dry-run"], tmp_path)
    assert "--dry-run: none written" in _both(result)
    rows = [row for row in pool.read_text().splitlines() if not row.startswith("#")]
    exposure = rows[1].split("|")[0].removesuffix("_uncal.fits")
    result = _run(["generate", pool.name, "--explain", exposure], tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"p{escape(BAD)}_pool.csv:" in _both(result)
    result = _run(["generate", pool.name, "--explain", f"x{BAD}"], tmp_path)
    assert result.returncode == 1
    assert escape(BAD) in _both(result)


def test_inspect_and_pool_escape_file_names(tmp_path: Path) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import write_case

    names = write_case("nircam_imaging", tmp_path)
    hostile = f"jw01234001001_01101_00009_nrca1{BAD}_cal.fits"
    (tmp_path / names[0]).rename(tmp_path / hostile)
    result = _run(["inspect", hostile, *names[1:]], tmp_path)
    assert escape(hostile) in _both(result)
    result = _run(["inspect", hostile, "--format", "json"], tmp_path)
    assert json.loads(_both(result))["files"][0]["file"] == hostile  # exact JSON
    result = _run(["pool", hostile, *names[1:], "-o", "p.csv"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "p.csv: 3 exposures" in _both(result)
    # A pool file named with control characters is not written (the name-part rule, #21):
    # the refusal names it escaped, on one line.
    result = _run(["pool", hostile, *names[1:], "-o", f"p{BAD}.csv"], tmp_path)
    assert result.returncode == 1
    assert f"p{escape(BAD)}.csv: cannot write" in _both(result)
    assert _both(result).count("\n") == 1
    assert not (tmp_path / f"p{BAD}.csv").exists()


@pytest.mark.parametrize("name", ["show", "diff", "validate", "inspect"])
def test_on_a_terminal_names_are_text_never_markup(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The rich path, taken on a terminal: a name such as "[red]x[/red]" is shown as it is.
    import importlib

    from asnkit.cli import run

    module = {"validate": "asnkit.cli._validate_files"}.get(name, f"asnkit.cli.{name}")
    monkeypatch.setattr(importlib.import_module(module), "fancy", lambda: True)
    monkeypatch.setenv("COLUMNS", "300")
    monkeypatch.chdir(tmp_path)
    markup = "[red]x[bold]y[link=x]z:thumbs_up:"  # no "/": it is in file names
    a = _association(tmp_path / "a_asn.json", f"p{markup}{BAD}", [f"m{markup}_cal.fits"])
    b = _association(tmp_path / "b_asn.json", f"p{markup}{BAD}", [f"n{markup}_cal.fits"])
    if name == "inspect":
        pytest.importorskip("astropy", reason=ASTROPY_MISSING)
        from fitscases import write_case

        first = write_case("nircam_imaging", tmp_path)[0]
        (tmp_path / first).rename(tmp_path / f"f{markup}{BAD}_cal.fits")
        args = ["inspect", f"f{markup}{BAD}_cal.fits"]
    else:
        args = {"show": ["show", a.name], "diff": ["diff", a.name, b.name]}.get(
            name, ["validate", a.name, b.name]
        )
    capsys.readouterr()
    run(args)
    out = capsys.readouterr().out
    assert markup in out
    assert escape(BAD) in out
    if name == "show":
        assert f"pool{escape(BAD)}:smile:" in out
    assert all(line.isprintable() for line in out.split("\n")), out
