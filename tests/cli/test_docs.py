"""docs/cli.md shows each command's usage exactly as the command prints it at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asnkit.cli._commands import COMMANDS
from cli.clirun import in_process

PAGE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _blocks() -> dict[str, str]:
    """Each ``$ asnkit ... --help`` block of the page: the command line -> what follows."""
    text = PAGE.read_text(encoding="utf-8")
    return {
        match["command"]: match["output"]
        for match in re.finditer(
            r"```text\n\$ (?P<command>asnkit[\w -]*) --help\n(?P<output>.*?)```", text, re.DOTALL
        )
    }


def test_the_page_has_a_usage_block_for_every_command() -> None:
    assert list(_blocks()) == ["asnkit", *(f"asnkit {name}" for name in COMMANDS)]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_the_usage_on_the_page_is_what_the_command_prints(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = in_process(capsys, *([name] if name else []), "--help")
    command = f"asnkit {name}".strip()
    assert _blocks()[command] == result.out, (
        f"docs/cli.md is out of date: paste `COLUMNS=80 {command} --help` in it"
    )
