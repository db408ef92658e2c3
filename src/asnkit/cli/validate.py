"""``asnkit validate``: check association files and report every finding.

The typer command: it parses and hands the paths to
:func:`asnkit.cli._validate_files.check_paths`, which finds the files, validates them and
prints the findings (see there for the output). ``asnkit validate PATH...`` with no option,
the form that checks thousands of files, is run by :func:`asnkit.cli.run` without loading
typer (start-up is a measured target); tests check that both ways print the same.
"""

import enum
from typing import Annotated

import typer

from asnkit.cli._typer import OutputFormat, VersionOption, done
from asnkit.cli._validate_files import check_paths, expand_paths

__all__ = ["Rule", "check_paths", "command", "expand_paths"]


class Rule(str, enum.Enum):
    """What ``--rule`` accepts: the keys of :data:`asnkit.rules.STAGE_NAMES`.

    Spelled out for the help and shell completion; a test keeps it equal to the library's.
    """

    LEVEL2B = "level2b"
    LEVEL3 = "level3"
    DMS_LEVEL2B_BASE = "DMSLevel2bBase"
    DMS_LEVEL3_BASE = "DMS_Level3_Base"
    DMS_ELPP_BASE = "DMS_ELPP_Base"


def command(
    *,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Association files, folders (searched for *.json, links to folders not "
            "followed) or quoted glob patterns ('asns/**/*_asn.json').",
            show_default=False,
        ),
    ],
    rule: Annotated[
        Rule | None,
        typer.Option(
            help="Check every file as this stage or rule (default: detected from each file).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings make a file invalid.")] = False,
    check_files: Annotated[
        bool,
        typer.Option(
            "--check-files",
            help="Also check that every member's file exists, from the association's folder.",
        ),
    ] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="text: one line per finding; json: one document."),
    ] = OutputFormat.TEXT,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Show every finding in text (by default, after the first three of one kind "
            "in one file, one line counts the rest). JSON always holds every finding.",
        ),
    ] = False,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Check association files: strict JSON, the schema, and what the pipelines need.

    Prints one line per finding, FILE:/json/pointer: error|warning: message, then
    N files: N valid, N invalid, N with warnings. After the first three findings of
    one kind in one file, one line counts the rest (--all shows each).

    \b
    Examples:
      asnkit validate l3_asn.json
      asnkit validate asns/ --strict
      asnkit validate 'asns/**/*_asn.json' --format json
      asnkit validate l2_asn.json --rule DMSLevel2bBase --check-files

    Exit status: 0 every file valid, 1 any invalid, 2 bad usage (a path that
    matches no file, a folder with no *.json).
    """
    done(
        check_paths(
            paths,
            rule=None if rule is None else rule.value,
            strict=strict,
            check_files=check_files,
            output_format=output_format.value,
            show_all=show_all,
        )
    )
