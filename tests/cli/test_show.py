"""``asnkit show``: a table on a terminal that never cuts a name, plain text otherwise, JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
from typing import TYPE_CHECKING

import pytest

from asnkit import asn_from_list, write
from cli.clirun import SCRIPTS, in_process

if TYPE_CHECKING:
    from pathlib import Path

NAMES = [
    f"jw02738001001_02101_00001_{detector}_cal.fits" for detector in ("nrcalong", "nrca1", "nrca2")
]
BACKGROUND = "jw02738001001_02101_00002_nrcalong_cal.fits"
PRODUCT = "jw02738-o001_t001_nircam_clear-f090w-sub640a[1]"


def _association(tmp_path: Path) -> Path:
    path = tmp_path / "l3_asn.json"
    write(asn_from_list([*NAMES, BACKGROUND], product_name=PRODUCT), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["products"][0]["members"][-1]["exptype"] = "background"
    path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    return path


def _on_a_terminal(argv: list[str], columns: int, env: dict[str, str] | None = None) -> str:
    """What ``argv`` shows on a terminal ``columns`` wide, colours removed."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "NO_COLOR"}}
    result = subprocess.run(
        [str(SCRIPTS / argv[0]), *argv[1:]],
        stdout=terminal,
        stderr=subprocess.PIPE,
        check=False,
        env={**environment, "TERM": "xterm-256color", **(env or {})},
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert result.returncode == 0, result.stderr
    return re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode()).replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [80, 100, 60])
def test_a_terminal_gets_a_table_with_every_member_name_whole(tmp_path: Path, columns: int) -> None:
    shown = _on_a_terminal(["asnkit", "show", str(_association(tmp_path))], columns)
    assert "\u2503" in shown  # a drawn table
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= columns
    if columns >= 80:  # room for a whole name on one line: each is on one
        for name in [*NAMES, BACKGROUND]:
            assert sum(name in line for line in lines) == 1, name
    else:  # folded, never cut with an ellipsis: each name whole in its column's lines
        assert "\u2026" not in shown
        cells = [line.split("\u2502")[3].strip() for line in lines if line.count("\u2502") == 4]
        joined = "".join(cells)
        for name in [*NAMES, BACKGROUND]:
            assert name in joined
    assert "sub640a[1]" in shown.replace("\n", "").replace("\u2502", "").replace(" ", "")


def test_no_color_or_a_pipe_gets_plain_text(tmp_path: Path) -> None:
    path = _association(tmp_path)
    shown = _on_a_terminal(["asnkit", "show", str(path)], 80, env={"NO_COLOR": "1"})
    assert "\u2503" not in shown
    assert shown.splitlines()[-1].split() == ["background", BACKGROUND]


def test_plain_text_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _association(tmp_path)
    result = in_process(capsys, "show", str(path))
    assert result.status == 0
    table = result.out.split("\n\n", 1)[1].splitlines()
    assert table[0].split() == ["PRODUCT", "EXPTYPE", "MEMBER"]
    assert [line.split()[-1] for line in table[1:]] == [*NAMES, BACKGROUND]
    assert table[1].split()[0] == PRODUCT


@pytest.mark.parametrize("flag", [["--format", "json"], ["--json"]])
def test_json(flag: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _association(tmp_path)
    result = in_process(capsys, "show", str(path), *flag)
    assert result.status == 0
    document = json.loads(result.out)
    assert document["products"] == [
        {"name": PRODUCT, "members": {"science": NAMES, "background": [BACKGROUND]}}
    ]


def test_a_file_that_is_not_an_association_is_one_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("[]", encoding="utf-8")
    result = in_process(capsys, "show", str(path))
    assert (result.status, result.out) == (1, "")
    assert result.err.startswith(f"asnkit show: error: {path}")
    assert result.err.count("\n") == 1
