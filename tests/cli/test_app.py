"""The ``asnkit`` application: help (pinned at 80 columns), versions, usage errors, completion."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asnkit import __version__
from asnkit.cli import COMMANDS
from cli.clirun import in_process, script

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

HELP_ARGS = [[], *([name] for name in COMMANDS)]


@pytest.mark.parametrize("args", HELP_ARGS, ids=["asnkit", *COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_at_80_columns(
    args: list[str],
    flag: str,
    snapshot: SnapshotAssertion,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = in_process(capsys, *args, flag)
    assert (result.status, result.err) == (0, "")
    assert result.out == snapshot(name=" ".join(["asnkit", *args]))
    assert max(len(line) for line in result.out.splitlines()) <= 80


def test_help_of_the_installed_command_is_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    for args in HELP_ARGS:
        assert script("asnkit", *args, "--help") == in_process(capsys, *args, "--help")


@pytest.mark.parametrize("args", HELP_ARGS, ids=["asnkit", *COMMANDS])
def test_version_everywhere(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert in_process(capsys, *args, "--version") == (0, f"asnkit {__version__}\n", "")


def test_no_arguments_prints_the_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys)
    assert (result.status, result.out) == (2, "")
    assert result.err.startswith("Usage: asnkit [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["fromlist"],
            "asnkit: error: unknown command 'fromlist'; did you mean 'from-list'? the commands are "
            f"{', '.join(COMMANDS)} (see asnkit --help)",
        ),
        (["--bogus"], "asnkit: error: no such option: --bogus (see asnkit --help)"),
        (
            ["show", "--bogus", "x.json"],
            "asnkit show: error: no such option: --bogus (see asnkit show --help)",
        ),
        (["show"], "asnkit show: error: missing argument 'ASN' (see asnkit show --help)"),
        (
            ["show", "a.json", "b.json"],
            "asnkit show: error: got unexpected extra argument(s) (b.json) "
            "(see asnkit show --help)",
        ),
        (
            ["diff", "a.json", "b.json", "--format", "yaml"],
            "asnkit diff: error: invalid value for '--format': 'yaml' is not one of 'text', "
            "'json' (see asnkit diff --help)",
        ),
        (
            ["edit", "a.json", "--set", "program"],
            "asnkit edit: error: option --set takes 2 values (see asnkit edit --help)",
        ),
        (
            ["from-list", "a.fits"],
            "asnkit from-list: error: missing option '--output-file' / '-o' "
            "(see asnkit from-list --help)",
        ),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(
    args: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert in_process(capsys, *args) == (2, "", line + "\n")


def test_usage_errors_of_the_installed_command() -> None:
    result = script("asnkit", "validate", "--strict")
    assert result == (
        2,
        "",
        "asnkit validate: error: missing argument 'PATH' (see asnkit validate --help)\n",
    )


def test_shell_completion_is_offered() -> None:
    result = script("asnkit", "--show-completion", env={"SHELL": "/bin/bash"})
    assert result.status == 0
    assert "_ASNKIT_COMPLETE" in result.out


def test_completion_of_subcommands_and_choices() -> None:
    env = {"_ASNKIT_COMPLETE": "complete_bash", "COMP_WORDS": "asnkit val", "COMP_CWORD": "1"}
    assert script("asnkit", env=env).out.split() == ["validate"]
    env = {
        "_ASNKIT_COMPLETE": "complete_bash",
        "COMP_WORDS": "asnkit validate --rule DMS",
        "COMP_CWORD": "3",
    }
    assert script("asnkit", env=env).out.split() == [
        "DMSLevel2bBase",
        "DMS_Level3_Base",
        "DMS_ELPP_Base",
    ]


def test_the_app_lists_every_command_in_order() -> None:
    from asnkit.cli.app import build_app

    assert [command.name for command in build_app().registered_commands] == list(COMMANDS)
