"""asnkit show: the plain-text view (pinned), --json, and refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asnkit import Association, Member, Product, asn_from_list, write
from asnkit.cli import run as run_asnkit

if TYPE_CHECKING:
    from collections.abc import Callable

    from syrupy.assertion import SnapshotAssertion


def run(argv: list[str]) -> int:
    """``asnkit show ARGV...``, as the console script runs it."""
    return run_asnkit(["show", *argv])


def _spec3() -> Association:
    members = (
        Member("nrs1_cal.fits", "science"),
        Member("bg1_cal.fits", "background"),
        Member("nrs2_cal.fits", "science"),
        Member("ta_cal.fits", "target_acquisition"),
    )
    return Association(
        (Product(members, name="jw01234-o001_t001_nirspec"),),
        asn_type="spec3",
        asn_rule="DMS_Level3_Base",
        program="01234",
        target="t001",
        asn_pool="jw01234_pool",
    )


ASSOCIATIONS: dict[str, Callable[[], Association]] = {
    "spec3": _spec3,
    "stage2": lambda: asn_from_list(["a_rate.fits", "b_rate.fits"], rule="DMSLevel2bBase"),
    "no_metadata": lambda: Association((Product((Member("x.fits"),)),)),
}


@pytest.mark.parametrize("case", sorted(ASSOCIATIONS))
def test_plain_text(
    case: str,
    tmp_path: Path,
    snapshot: SnapshotAssertion,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(ASSOCIATIONS[case](), "asn.json")
    assert run(["asn.json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == snapshot


def test_members_are_grouped_by_type_science_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "asn.json"
    write(_spec3(), path)
    assert run([str(path)]) == 0
    table = capsys.readouterr().out.split("\n\n", 1)[1].splitlines()
    assert [line.split()[-1] for line in table[1:]] == [
        "nrs1_cal.fits",
        "nrs2_cal.fits",
        "bg1_cal.fits",
        "ta_cal.fits",
    ]


def test_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "asn.json"
    write(_spec3(), path)
    assert run(["--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "file": str(path),
        "rule": "DMS_Level3_Base",
        "type": "spec3",
        "program": "01234",
        "target": "t001",
        "pool": "jw01234_pool",
        "products": [
            {
                "name": "jw01234-o001_t001_nirspec",
                "members": {
                    "science": ["nrs1_cal.fits", "nrs2_cal.fits"],
                    "background": ["bg1_cal.fits"],
                    "target_acquisition": ["ta_cal.fits"],
                },
            }
        ],
    }


def test_unreadable_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"products": 3}', encoding="utf-8")
    assert run([str(path)]) == 1
    assert capsys.readouterr() == (
        "",
        f"asnkit show: error: {path}: expected an array, got a number (3) @ $.products\n",
    )


def test_every_corpus_file_is_shown(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = 0
    for path in sorted(corpus.glob("*/*.json")):
        status = run([str(path)])
        captured = capsys.readouterr()
        assert status in (0, 1), path.name
        if status == 0:
            shown += 1
            assert captured.out.startswith(f"file     {path}\n")
        else:
            assert captured.err.count("\n") == 1
    assert shown == 195


def test_terminal_gets_a_rich_table(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    path = tmp_path / "asn.json"
    write(_spec3(), path)
    scripts = Path(sys.executable).parent
    controller, terminal = pty.openpty()
    result = subprocess.run(
        [str(scripts / "asnkit"), "show", str(path)],
        stdout=terminal,
        stderr=subprocess.PIPE,
        check=False,
        env={**os.environ, "COLUMNS": "100", "TERM": "dumb"},
    )
    os.close(terminal)
    output = os.read(controller, 65536).decode()
    os.close(controller)
    assert result.returncode == 0
    assert "\u2503" in output or "\u2502" in output or "|" in output  # a drawn table
    assert "nrs2_cal.fits" in output
