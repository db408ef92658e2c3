"""Long work on the command line: findings collapsed in text, progress on a terminal only.

Repeated findings of one kind in one file are said three times, then counted (the rule of
:mod:`asnkit.cli._collapse`, which the writers' warnings share); ``--all`` and JSON hold each.
A progress bar is drawn on stderr when it is a terminal (a pty here), never in a pipe, with
``--format json`` or with ``ASNKIT_NO_PROGRESS``.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING
from testdata import POOLS

from cli.clirun import SCRIPTS, in_process, script

if TYPE_CHECKING:
    from pathlib import Path

_REPEATED = 20_000
_WARNING = "unknown exptype 'target_acquistion'"


def _big_file(folder: Path) -> Path:
    """One association with 20,000 identical warnings (a misspelled exptype, member by member)."""
    members = [{"expname": "sci_cal.fits", "exptype": "science"}] + [
        {"expname": f"ta{index:05d}_cal.fits", "exptype": "target_acquistion"}
        for index in range(_REPEATED)
    ]
    document = {
        "asn_type": "image3",
        "asn_rule": "candidate_Asn_Lv3Image",
        "program": "01234",
        "asn_pool": "p_pool.csv",
        "products": [{"name": "l3", "members": members}],
    }
    path = folder / "big_asn.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_identical_warnings_collapse_to_three_and_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _big_file(tmp_path)
    result = in_process(capsys, "validate", str(path))
    lines = result.out.splitlines()
    assert result.status == 0
    assert [line for line in lines if _WARNING in line] == [
        f"{path}:/products/0/members/{index}/exptype: warning: {_WARNING}: misspelled? "
        "did you mean 'target_acquisition'"
        for index in (1, 2, 3)
    ]
    assert lines[3:] == [
        f"{path}:/products/0/members/4/exptype: warning: "
        "... and 19,997 more like it (--all shows each)",
        "1 file: 1 valid, 0 invalid, 1 with warnings",
    ]


def test_all_shows_each_and_json_is_never_collapsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _big_file(tmp_path)
    every = in_process(capsys, "validate", "--all", str(path))
    assert sum(_WARNING in line for line in every.out.splitlines()) == _REPEATED
    assert "more like it" not in every.out
    document = json.loads(in_process(capsys, "validate", "--format", "json", str(path)).out)
    findings = document["files"][0]["findings"]
    assert len(findings) == _REPEATED
    assert all(_WARNING in finding["message"] for finding in findings)


def test_each_kind_in_each_file_is_collapsed_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _big_file(tmp_path)
    second = tmp_path / "second_asn.json"
    second.write_bytes(first.read_bytes())
    result = in_process(capsys, "validate", str(first), str(second))
    assert result.out.count("... and 19,997 more like it") == 2
    assert sum(_WARNING in line for line in result.out.splitlines()) == 6


def _many_files(folder: Path, count: int = 250) -> list[str]:
    document = {
        "asn_type": "image3",
        "asn_rule": "candidate_Asn_Lv3Image",
        "program": "01234",
        "asn_pool": "p_pool.csv",
        "products": [{"name": "l3", "members": [{"expname": "a_cal.fits", "exptype": "science"}]}],
    }
    names = []
    for index in range(count):
        path = folder / f"f{index:04d}_asn.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        names.append(str(path))
    return names


def _on_a_terminal(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    """``asnkit ARGS`` with stderr a pty (stdout a pipe): status, stdout, the terminal's bytes."""
    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [str(SCRIPTS / "asnkit"), *args],
        stdout=subprocess.PIPE,
        stderr=terminal,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "80", **(env or {})},
    )
    os.close(terminal)
    seen = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    out = process.communicate(timeout=120)[0].decode()
    os.close(controller)
    return process.returncode, out, bytes(seen)


def test_validate_over_many_files_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    names = _many_files(tmp_path)
    status, out, terminal = _on_a_terminal(["validate", *names])
    assert status == 0
    assert b"validating" in terminal
    assert out == "250 files: 250 valid, 0 invalid, 0 with warnings\n"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--format", "json"], {}),
        ([], {"ASNKIT_NO_PROGRESS": "1"}),
    ],
    ids=["json", "ASNKIT_NO_PROGRESS"],
)
def test_no_progress_with_json_or_when_turned_off(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    names = _many_files(tmp_path)
    status, _, terminal = _on_a_terminal(["validate", *args, *names], env)
    assert status == 0
    assert terminal == b""


def test_no_progress_in_a_pipe(tmp_path: Path) -> None:
    names = _many_files(tmp_path)
    result = script("asnkit", "validate", *names, env={"TERM": "xterm"})
    assert result.status == 0
    assert result.err == ""
    assert result.out == "250 files: 250 valid, 0 invalid, 0 with warnings\n"


_MEGA_POOL = POOLS / "mega_pool.csv"  # 1,437 exposures: over the size that draws a bar


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_generate_over_a_big_pool_shows_progress_and_writes_the_same(tmp_path: Path) -> None:
    with_bar, without = tmp_path / "bar", tmp_path / "none"
    status, out, terminal = _on_a_terminal(["generate", "-o", str(with_bar), str(_MEGA_POOL)])
    assert status == 0
    assert b"generating" in terminal
    assert b"mega_pool.csv" in terminal
    piped = script("asnkit", "generate", "-o", str(without), str(_MEGA_POOL), env={"TERM": "xterm"})
    assert piped.status == 0
    assert "generating" not in piped.err
    assert out.replace(str(with_bar), str(without)) == piped.out
    assert len(_tree(with_bar)) == 858
    assert _tree(with_bar) == _tree(without)


def test_generate_draws_no_progress_when_turned_off(tmp_path: Path) -> None:
    status, _, terminal = _on_a_terminal(
        ["generate", "-o", str(tmp_path), str(_MEGA_POOL)], {"ASNKIT_NO_PROGRESS": "1"}
    )
    assert status == 0
    assert b"generating" not in terminal


def _many_fits(folder: Path, count: int = 250) -> list[str]:
    """``count`` exposures of one NIRCam image observation (one file's bytes, many names)."""
    from fitscases import COMMON, write_file

    first = folder / "jw01234001001_01101_00001_nrca1_cal.fits"
    keywords = {"INSTRUME": "NIRCAM", "DETECTOR": "NRCA1", "EXP_TYPE": "NRC_IMAGE"}
    write_file(first, {**COMMON, **keywords, "FILTER": "F200W", "PUPIL": "CLEAR"})
    names = [first.name]
    for index in range(2, count + 1):
        path = folder / f"jw01234001001_01101_{index:05d}_nrca1_cal.fits"
        path.write_bytes(first.read_bytes())
        names.append(path.name)
    return names


def test_from_list_over_a_long_list_shows_progress_and_writes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    names = _many_fits(tmp_path)
    args = ["from-list", "--from-headers", "--product-name", "l3", *names]
    monkeypatch.chdir(tmp_path)  # the members are named as given: relative to here
    status, out, terminal = _on_a_terminal([*args, "-o", "bar_asn.json"])
    assert status == 0
    assert b"reading headers" in terminal
    piped = script("asnkit", *args, "-o", "none_asn.json", env={"TERM": "xterm"})
    assert piped.status == 0
    assert piped.err == out == piped.out == ""
    written = (tmp_path / "bar_asn.json").read_bytes()
    assert written == (tmp_path / "none_asn.json").read_bytes()
    assert written.count(b'"expname"') == 250
    off = _on_a_terminal([*args, "-o", "off_asn.json"], {"ASNKIT_NO_PROGRESS": "1"})
    assert off[0] == 0
    assert b"reading headers" not in off[2]
