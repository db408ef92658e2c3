"""The asn_from_list command: the files it writes (pinned byte for byte) and its refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asnkit.cli.asn_from_list import run
from cli.clirun import script

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion


NIRSPEC = [f"jw99999001001_011001_0000{i}_nirspec_rate.fits" for i in (1, 2, 3)]
NIRCAM = [f"jw99999001001_011001_0000{i}_nircam_cal.fits" for i in (1, 2)]

CASES = {
    "page_stage2": ["-r", "DMSLevel2bBase", *NIRSPEC],
    "page_stage3": ["--product-name", "l3_results", *NIRCAM],
    "stage2_one_file": ["-r", "DMSLevel2bBase", "a_rate.fits"],
    "stage2_every_kind_of_name": [
        "-r",
        "DMSLevel2bBase",
        "sub/x_rate.fits",
        "./y_cal.fits",
        "z.fits",
        "\u00e9_rate.fits",
        "u_rate.fits.gz",
        "_rate.fits",
        "v-i2d.fits",
        "w_calints.fits",
        "t_ami-oi.fits",
    ],
    "stage2_duplicates": ["-r", "DMSLevel2bBase", "a_rate.fits", "a_rate.fits"],
    "stage2_with_id": ["-r", "DMSLevel2bBase", "-i", "o123", "a_rate.fits"],
    "stage3_with_id": ["--product-name", "p", "--id", "o042", "a_cal.fits"],
    "stage3_directories": ["--product-name", "mosaic", "../x/a_cal.fits", "/abs/b_cal.fits"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_file(
    case: str, tmp_path: Path, snapshot_file: SnapshotAssertion, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "asn.json"
    assert run(["-o", str(out), *CASES[case]]) == 0
    assert out.read_bytes() == snapshot_file
    assert capsys.readouterr().out == ""


def test_what_validate_warns_of_is_kept_and_said_as_validate_says_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The warnings are asnkit validate's, of the file written: the two cannot disagree.

    A name with a directory is warned of only where validate warns of it (Stage 2b, or a
    backslash); a relative name at Stage 3 is resolved from the association's folder.
    """
    out = tmp_path / "asn.json"
    assert run(["-o", str(out), "--product-name", "p", "a.fits", "d/b.fits", "a.fits"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "asn_from_list: warning: /products/0/members/2: the same member as member 0 of this "
        "product ('a.fits', 'science')",
    ]
    argv = ["-o", str(out), "-r", "DMSLevel2bBase", "a_rate.fits", "d/b_rate.fits"]
    assert run([*argv, *(f"c{k}_cal.fits" for k in range(5))]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "asn_from_list: warning: /products/1/members/0/expname: expname 'd/b_rate.fits' is "
        "relative with a directory: Stage 2 opens it from the directory it runs in, not the "
        "association's; run it there, or write the name bare (--paths name) or absolute "
        "(--paths absolute)",
        *(
            f"asn_from_list: warning: /products/{k}/members/0/expname: a science member "
            "with suffix '_cal' in a Stage 2b association: Stage 2 calibrates "
            "_rate/_rateints files"
            for k in (2, 3, 4)
        ),
        "asn_from_list: warning: ... and 2 more like it (asnkit validate --all lists each)",
    ]
    validated = script("asnkit", "validate", str(out))
    assert validated.status == 0
    said = [line.partition(": warning: ")[2] for line in err[:4]]
    assert said == [
        line.removeprefix(f"{out}:").replace(": warning: ", ": ", 1)
        for line in validated.out.splitlines()[:4]
    ]


REFUSALS = {
    "no_product_name": (
        ["-o", "{out}", "a.fits"],
        1,
        "asn_from_list: error: a Stage 3 association needs a product name: "
        "give --product-name NAME; nothing written",
    ),
    "background_candidate": (
        ["-o", "{out}", "-i", "c1000", "--product-name", "p", "a.fits"],
        1,
        "asn_from_list: error: association id 'c1000' is a background candidate, but no "
        "member is a background: add one (--background FILE) or use an observation id "
        "(oNNN); nothing written",
    ),
    "bad_id": (
        ["-o", "{out}", "-i", "x12", "--product-name", "p", "a.fits"],
        1,
        "asn_from_list: error: invalid association id 'x12': use oNNN for an observation "
        "(o001) or cNNNN for a candidate (c1000); nothing written",
    ),
    "no_files": (
        ["-o", "{out}"],
        2,
        "asn_from_list: error: the following arguments are required: filelist "
        "(see asn_from_list --help)",
    ),
    "no_output": (
        ["a.fits"],
        2,
        "asn_from_list: error: the following arguments are required: -o/--output-file "
        "(see asn_from_list --help)",
    ),
    "unknown_rule": (
        ["-o", "{out}", "-r", "Nope", "a.fits"],
        2,
        "asn_from_list: error: unknown rule 'Nope'; known rules: DMSLevel2bBase, "
        "DMS_Level3_Base (-r/--rule)",
    ),
    "ruledefs": (
        ["-o", "{out}", "--ruledefs", "r.py", "--product-name", "p", "a.fits"],
        2,
        "asn_from_list: error: --ruledefs is not supported: asnkit has no rule plugins yet; "
        "use -r DMSLevel2bBase or -r DMS_Level3_Base",
    ),
    "yaml": (
        ["-o", "{out}", "-f", "yaml", "--product-name", "p", "a.fits"],
        2,
        "asn_from_list: error: --format 'yaml' is not supported: association files are JSON; "
        "drop -f",
    ),
    "upper_case_json": (  # jwst 3.0.0 fails on it too (after emptying the output)
        ["-o", "{out}", "-f", "JSON", "--product-name", "p", "a.fits"],
        2,
        "asn_from_list: error: --format 'JSON' is not supported: association files are JSON; "
        "drop -f",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusal_is_one_line_and_leaves_an_existing_file_untouched(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, status, line = REFUSALS[case]
    out = tmp_path / "asn.json"
    out.write_text("previous contents", encoding="utf-8")
    assert run([a.replace("{out}", str(out)) for a in argv]) == status
    captured = capsys.readouterr()
    assert captured.err == line + "\n"
    assert captured.out == ""
    assert out.read_text(encoding="utf-8") == "previous contents"


def test_format_json_is_accepted_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "asn.json"
    assert run(["-o", str(out), "-f", "json", "--product-name", "p", "a.fits"]) == 0
    assert "deprecated" in capsys.readouterr().err
    assert out.exists()


def test_unwritable_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing-dir" / "asn.json"
    assert run(["-o", str(out), "--product-name", "p", "a.fits"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"asn_from_list: error: cannot write {out}: ")
    assert err.count("\n") == 1


def test_help_shows_the_pages_two_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    text = capsys.readouterr().out
    assert "asn_from_list -o l2_asn.json -r DMSLevel2bBase *.fits" in text
    assert "asn_from_list -o l3_asn.json --product-name l3_results *.fits" in text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert capsys.readouterr().out == "asn_from_list (asnkit) 0.1.0\n"


def test_nothing_is_left_beside_the_output(tmp_path: Path) -> None:
    out = tmp_path / "asn.json"
    assert run(["-o", str(out), "--product-name", "p", "a.fits"]) == 0
    assert run(["-o", str(out), "a.fits"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["asn.json"]


def test_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "asn.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert run(["-o", str(out), "--product-name", "p", "a.fits"]) == 0
    assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("command", [["asn_from_list"], ["asnkit", "from-list"]])
def test_installed_commands_write_the_same_file(command: list[str], tmp_path: Path) -> None:
    scripts = Path(sys.executable).parent
    out = tmp_path / "asn.json"
    result = subprocess.run(
        [str(scripts / command[0]), *command[1:], "-o", str(out), "--product-name", "p", "a.fits"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    reference = tmp_path / "ref.json"
    assert run(["-o", str(reference), "--product-name", "p", "a.fits"]) == 0
    assert out.read_bytes() == reference.read_bytes()


def test_asnkit_from_list_usage_errors_exit_2(tmp_path: Path) -> None:
    scripts = Path(sys.executable).parent
    result = subprocess.run(
        [str(scripts / "asnkit"), "from-list", "a.fits"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "asnkit from-list: error: missing option '--output-file' / '-o' "
        "(see asnkit from-list --help)\n"
    )
    assert "Traceback" not in result.stderr


def test_asnkit_unknown_command_is_one_line(tmp_path: Path) -> None:
    scripts = Path(sys.executable).parent
    result = subprocess.run(
        [str(scripts / "asnkit"), "fromlist", "a.fits"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "asnkit: error: unknown command 'fromlist'; did you mean 'from-list'? the commands "
        "are from-list, validate, show, edit, gather, diff, inspect, generate, pool, roman, "
        "report (see asnkit --help)\n"
    )
    far = subprocess.run(
        [str(scripts / "asnkit"), "zzz"], capture_output=True, text=True, check=False
    )
    assert far.returncode == 2
    assert far.stderr.startswith("asnkit: error: unknown command 'zzz'; the commands are ")


def test_the_dispatcher_knows_every_command_of_the_app() -> None:
    from asnkit.cli import COMMANDS
    from asnkit.cli.app import app

    registered = [command.name for command in app.registered_commands]
    assert registered == list(COMMANDS)
