"""``asnkit from-list`` and ``asn_from_list``: two parsers, one Request, the same files.

asn_from_list keeps jwst's argparse parser (abbreviations, ``-i``, ``--ruledefs`` refused);
asnkit from-list reads the same options with typer. Both hand a Request to
:func:`asnkit.cli._from_list.make`: these tests keep the two parsers' options equal and
check that the same command line writes the same bytes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from asnkit.cli import run
from asnkit.cli._from_list import Request
from asnkit.cli._from_list_options import OPTIONS
from asnkit.cli.app import build_app
from asnkit.cli.asn_from_list import build_parser
from asnkit.cli.asn_from_list import run as run_asn_from_list
from asnkit.cli.from_list import PathPolicy
from asnkit.paths import PATH_POLICIES
from cli.clirun import in_process, script

if TYPE_CHECKING:
    from pathlib import Path


def _argparse_options() -> dict[str, set[str]]:
    """Each option of asn_from_list by its destination: its spellings."""
    options: dict[str, set[str]] = {}
    for action in build_parser()._actions:
        if action.option_strings and not isinstance(
            action, (argparse._HelpAction, argparse._VersionAction)
        ):
            options.setdefault(action.dest, set()).update(action.option_strings)
    return options


def _typer_options() -> set[str]:
    import typer

    command = typer.main.get_command(build_app(["from-list"]))
    sub = command.commands["from-list"]  # type: ignore[attr-defined]
    spellings: set[str] = set()
    for param in sub.params:
        if param.param_type_name == "option":
            spellings.update(param.opts, param.secondary_opts)
    return spellings - {"--version", "-h", "--help"}


def test_both_commands_take_the_same_options() -> None:
    argparse_spellings = set().union(*_argparse_options().values())
    assert _typer_options() == argparse_spellings


def _typer_params() -> list[Any]:
    import typer

    command = typer.main.get_command(build_app(["from-list"]))
    sub = command.commands["from-list"]  # type: ignore[attr-defined]
    return [
        param
        for param in sub.params
        if param.param_type_name == "option" and param.name not in {"version", "help"}
    ]


def test_each_typer_option_is_made_from_its_one_declaration() -> None:
    params = _typer_params()
    assert [set(param.opts) | set(param.secondary_opts) for param in params] == [
        set(spec.flags) for spec in OPTIONS
    ]
    for param, spec in zip(params, OPTIONS, strict=True):
        default = getattr(param.default, "value", param.default)
        assert (param.help, default, param.required) == (spec.help, spec.default, spec.required)
        if spec.kind != "choice":
            assert param.metavar == spec.metavar
        else:
            assert tuple(param.type.choices) == spec.choices


def test_each_argparse_option_is_made_from_its_one_declaration() -> None:
    actions = [
        action
        for action in build_parser()._actions
        if action.option_strings
        and not isinstance(action, (argparse._HelpAction, argparse._VersionAction))
    ]
    assert [tuple(action.option_strings) for action in actions] == [spec.flags for spec in OPTIONS]
    for action, spec in zip(actions, OPTIONS, strict=True):
        assert (action.dest, action.help, action.default) == (spec.dest, spec.help, spec.default)
        assert action.required is spec.required
        if spec.kind == "role":
            assert action.const == spec.exptype
        if spec.kind == "choice":
            assert tuple(action.choices or ()) == spec.choices


def test_both_parsers_fill_every_field_of_the_request() -> None:
    # argparse's destinations (the role flags share one, "roles") are the Request's fields;
    # "expand" is a default of argparse's (jwst's command expands no file argument).
    destinations = set(_argparse_options()) | {"filelist", "expand"}
    assert destinations == set(Request._fields)
    assert build_parser("asn_from_list").parse_args(["-o", "x.json", "a"]).expand is False


def test_the_path_policies_are_the_librarys() -> None:
    assert tuple(policy.value for policy in PathPolicy) == PATH_POLICIES


CASES = {
    "stage3": ["--product-name", "p", "a_cal.fits", "b_cal.fits"],
    "stage2": ["-r", "DMSLevel2bBase", "a_rate.fits", "b_rate.fits"],
    "roles_interleaved": [
        "--product-name",
        "p",
        "--background",
        "bg1_cal.fits",
        "--psf",
        "psf_cal.fits",
        "--member",
        "sourcecat",
        "cat.ecsv",
        "--background",
        "bg2_cal.fits",
        "a_cal.fits",
    ],
    "stage2_roles": [
        "-r",
        "DMSLevel2bBase",
        "--imprint",
        "imp_rate.fits",
        "--background",
        "bg_rate.fits",
        "a_rate.fits",
        "b_rate.fits",
    ],
    "metadata": [
        "--product-name",
        "p",
        "--asn-type",
        "image3",
        "--program",
        "1234",
        "--target",
        "t001",
        "--pool",
        "jw01234_pool",
        "--version-id",
        "v1",
        "-i",
        "o042",
        "a_cal.fits",
    ],
    "paths": ["--product-name", "p", "--paths", "name", "x/a_cal.fits", "y/b_cal.fits"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_command_line_writes_the_same_file(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = tmp_path / "from_list_asn.json", tmp_path / "asn_from_list_asn.json"
    assert run(["from-list", "-o", str(ours), *CASES[case]]) == 0
    first = capsys.readouterr()
    assert run_asn_from_list(["-o", str(theirs), *CASES[case]]) == 0
    second = capsys.readouterr()
    assert ours.read_bytes() == theirs.read_bytes()
    assert first.err.replace("asnkit from-list", "asn_from_list") == second.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--ruledefs", "rules.py", "a_cal.fits"],
            "--ruledefs is not supported: asnkit has no rule plugins yet; use -r DMSLevel2bBase "
            "or -r DMS_Level3_Base",
        ),
        (["-f", "yaml", "a_cal.fits"], "--format 'yaml' is not supported"),
        (["--product-name", "p"], "the following arguments are required: filelist"),
        (["-r", "Nope", "a_cal.fits"], "(-r/--rule)"),
    ],
)
def test_the_same_refusals(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "asn.json")
    ours = in_process(capsys, "from-list", "-o", out, *argv)
    theirs = run_asn_from_list(["-o", out, *argv])
    err = capsys.readouterr().err
    assert ours.status == theirs == 2
    assert message in ours.err
    assert ours.err.replace("asnkit from-list", "asn_from_list") == err
    assert not (tmp_path / "asn.json").exists()


def test_asn_from_list_takes_jwsts_abbreviations(tmp_path: Path) -> None:
    out = tmp_path / "asn.json"
    result = script("asn_from_list", "--output", str(out), "--prod", "p", "a.fits")
    assert result == (0, "", "")
    assert '"name": "p"' in out.read_text(encoding="utf-8")


def test_an_ambiguous_abbreviation_is_refused_as_jwst_does(tmp_path: Path) -> None:
    result = script("asn_from_list", "-o", str(tmp_path / "asn.json"), "--ru", "x", "a.fits")
    assert result == (
        2,
        "",
        "asn_from_list: error: ambiguous option: --ru could match --rule, --ruledefs "
        "(see asn_from_list --help)\n",
    )


def test_asnkit_from_list_wants_whole_option_names(capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "from-list", "-o", "asn.json", "--prod", "p", "a.fits")
    assert result.status == 2
    assert result.err.startswith("asnkit from-list: error: no such option: --prod")


def test_asnkit_from_list_lets_files_and_options_mix(tmp_path: Path) -> None:
    out = tmp_path / "asn.json"
    result = script(
        "asnkit", "from-list", "a.fits", "-o", str(out), "b.fits", "--product-name", "p"
    )
    assert result.status == 0, result.err
    assert out.read_text(encoding="utf-8").count('"expname"') == 2


def test_asn_from_list_does_not_import_typer_rich_or_cattrs(tmp_path: Path) -> None:
    """asn_from_list's start-up is a measured target: nothing heavy on its path."""
    code = (
        "import sys\n"
        "from asnkit.cli.asn_from_list import main\n"
        "sys.argv = ['asn_from_list', '-o', 'asn.json', '--product-name', 'p', 'a.fits']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = {'typer', 'click', 'rich', 'cattrs', 'astropy', 'pydantic', 'pathlib',\n"
        "         'tempfile', 'fastjsonschema'}\n"
        "print(sorted(heavy & {name.partition('.')[0] for name in sys.modules}))\n"
        "unused = {'asnkit.io', 'asnkit.codec.structure', 'asnkit.codec.whitespace'}\n"
        "print(sorted(unused & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    # Nor the reader of associations into models (the text is written by files.write_text).
    assert result.stdout == "[]\n[]\n", result.stderr


def test_asnkit_from_list_does_not_import_rich_or_cattrs(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from asnkit.cli import main\n"
        "sys.argv = ['asnkit', 'from-list', '-o', 'asn.json', '--product-name', 'p', 'a.fits']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = {'rich', 'cattrs', 'pydantic', 'argparse'}\n"
        "print(sorted(heavy & {name.partition('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert result.stdout == "[]\n", result.stderr
