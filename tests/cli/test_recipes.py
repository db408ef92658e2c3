"""Every command of docs/recipes.md runs, and the file it writes is pinned byte for byte."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asnkit.cli.asn_from_list import run

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

RECIPES = Path(__file__).resolve().parents[2] / "docs" / "recipes.md"
_BLOCK = re.compile(r"```(shell|text)\n(.*?)```", re.DOTALL)


def _recipes() -> list[tuple[str, str]]:
    """``(command, text that follows it)`` for each shell block of the page."""
    blocks = _BLOCK.findall(RECIPES.read_text(encoding="utf-8"))
    recipes = []
    for index, (kind, body) in enumerate(blocks):
        if kind == "shell":
            following = blocks[index + 1][1] if index + 1 < len(blocks) else ""
            is_text = index + 1 < len(blocks) and blocks[index + 1][0] == "text"
            recipes.append((body.strip(), following if is_text else ""))
    return recipes


def test_the_page_has_a_recipe_for_each_common_case() -> None:
    text = " ".join(command for command, _ in _recipes())
    for flag in ("--background", "--imprint", "--psf", "--member", "--list", "-i c1000"):
        assert flag in text
    for asn_type in ("image2", "image3", "spec2", "spec3", "ami3", "tso3"):
        assert f"--asn-type {asn_type}" in text


def _output_name(recipe: tuple[str, str]) -> str:
    argv = shlex.split(recipe[0])
    return argv[argv.index("-o") + 1].removesuffix(".json")


@pytest.mark.parametrize(("command", "list_text"), _recipes(), ids=map(_output_name, _recipes()))
def test_recipe(
    command: str,
    list_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    snapshot_file: SnapshotAssertion,
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)
    assert argv[0] == "asn_from_list"
    if "--list" in argv:
        (tmp_path / argv[argv.index("--list") + 1]).write_text(list_text, encoding="utf-8")
    assert run(argv[1:]) == 0
    output = tmp_path / argv[argv.index("-o") + 1]
    assert output.read_bytes() == snapshot_file
