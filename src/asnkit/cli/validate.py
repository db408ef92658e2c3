"""``asnkit validate``: check association files and report every finding.

Output (text): one line per finding, ``FILE:POINTER: SEVERITY: MESSAGE``, where POINTER is a
JSON pointer (``/products/0/members/2/exptype``) and is empty for the whole document
(``FILE:: error: ...``); then one summary line, ``N files: N valid, N invalid, N with
warnings``. Exit status: 0 when every file is valid, 1 when any is not, 2 for bad usage.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final

from asnkit.cli._argparse import Formatter, Parser

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from asnkit.validation import Report

__all__ = ["build_parser", "check_paths", "expand_paths", "run"]

_PROG: Final = "asnkit validate"
_GLOB_CHARS: Final = frozenset("*?[")
_PROGRESS_FROM: Final = 200  # files: below this a run is too short for a progress bar


class UsageError(Exception):
    """Bad usage: the command prints it on one line and exits 2."""


_EXAMPLES = """\
examples:
  asnkit validate l3_asn.json
  asnkit validate asns/ --strict          (a directory: every *.json under it)
  asnkit validate 'asns/**/*_asn.json' --format json
  asnkit validate l2_asn.json --rule DMSLevel2bBase --check-files

output: one line per finding, FILE:/json/pointer: error|warning: message, then
N files: N valid, N invalid, N with warnings.
exit status: 0 every file valid, 1 any invalid, 2 bad usage.
"""


def build_parser(prog: str = _PROG) -> Parser:
    """The command's parser."""
    parser = Parser(
        prog=prog,
        description="Check association files: strict JSON, the schema, and what the "
        "pipelines need.",
        usage=f"{prog} PATH... [--rule RULE] [--strict] [--check-files] [--format text|json]",
        epilog=_EXAMPLES,
        formatter_class=Formatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="association files, directories (searched for *.json) or glob patterns",
    )
    parser.add_argument(
        "--rule",
        help="check every file as this stage or rule: level2b, level3, DMSLevel2bBase, "
        "DMS_Level3_Base (default: detected from each file)",
    )
    parser.add_argument("--strict", action="store_true", help="warnings make a file invalid")
    parser.add_argument(
        "--check-files",
        action="store_true",
        help="also check that every member's file exists, from the association's directory",
    )
    parser.add_argument(
        "--format",
        dest="output_format",
        default="text",
        help="text (one line per finding, the default) or json",
    )
    return parser


def run(argv: Sequence[str] | None = None, prog: str = _PROG) -> int:
    """Run the command with ``argv``; return its exit status (0, 1 or 2)."""
    try:
        args = build_parser(prog).parse_args(argv)
    except SystemExit as stop:  # --help and usage errors
        return int(stop.code or 0)
    return check_paths(
        args.paths,
        rule=args.rule,
        strict=args.strict,
        check_files=args.check_files,
        output_format=args.output_format,
    )


def check_paths(
    paths: Sequence[str],
    *,
    rule: str | None = None,
    strict: bool = False,
    check_files: bool = False,
    output_format: str = "text",
) -> int:
    """Validate ``paths`` and print the findings; the exit status (0, 1 or 2)."""
    from asnkit.validation import RULE_NAMES, validate

    problem = None
    files: list[str] = []
    if output_format not in {"text", "json"}:
        problem = f"unknown --format {output_format!r}: use text or json"
    elif rule is not None and rule not in RULE_NAMES:
        problem = f"unknown --rule {rule!r}: use one of {', '.join(RULE_NAMES)}"
    elif not paths:
        problem = "no file given: asnkit validate FILE_OR_DIRECTORY... (see --help)"
    if problem is None:
        try:
            files = expand_paths(paths)
        except UsageError as error:
            problem = str(error)
    if problem is not None:
        sys.stderr.write(f"{_PROG}: error: {problem}\n")
        return 2
    reports = [
        validate(
            # validate() reads a string starting with "{" as JSON text: a file so named
            # goes as a Path.
            _as_path(name) if name.lstrip()[:1] == "{" else name,
            rule=rule,
            check_files=check_files,
            strict=strict,
        )
        for name in _with_progress(files)
    ]
    if output_format == "json":
        _write_json(reports, strict=strict)
    else:
        _write_text(reports, strict=strict)
    return 0 if all(report.valid for report in reports) else 1


def _as_path(name: str) -> os.PathLike[str]:
    from pathlib import Path  # only for the rare file whose name starts with "{"

    return Path(name)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """The files to check, in order, each once.

    Files are taken as given, directories searched (recursively, sorted) for ``*.json``,
    glob patterns expanded.

    Anything named ``*.json`` found in a directory is listed, readable or not (a directory
    named ``x.json`` included), so that it is reported rather than silently skipped.

    Raises:
        UsageError: a path does not exist, or a pattern matches nothing.
    """
    found: dict[str, None] = {}
    for path in paths:
        if os.path.lexists(path):
            targets = [path]
        elif _GLOB_CHARS.intersection(path):
            import glob

            # A pattern the shell left unexpanded (quoted, or on Windows); ** recurses.
            targets = sorted(glob.glob(path, recursive=True))  # noqa: PTH207 (patterns may be absolute)
            if not targets:
                msg = f"no file matches {path!r}"
                raise UsageError(msg)
        else:
            msg = f"no such file or directory: {path!r}"
            raise UsageError(msg)
        for target in targets:
            if os.path.isdir(target):  # noqa: PTH112 (os-level speed: thousands of files)
                found.update(dict.fromkeys(_json_files_under(target)))
            else:
                found[target] = None
    return list(found)


def _json_files_under(directory: str) -> list[str]:
    """Every entry named ``*.json`` under ``directory``, sorted.

    Symbolic links to directories are not followed (no loops).
    """
    files: list[str] = []
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            files.append(current)  # reported as unreadable by the validator
            continue
        subdirectories = []
        for entry in entries:
            if entry.name.lower().endswith(".json"):
                files.append(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                subdirectories.append(entry.path)
        pending.extend(reversed(subdirectories))
    return files


def _with_progress(files: list[str]) -> Iterable[str]:
    """``files``, with a progress bar on stderr when it is a terminal and the run is long."""
    if len(files) < _PROGRESS_FROM or not sys.stderr.isatty():
        return files
    return _progress(files)


def _progress(files: list[str]) -> Iterable[str]:
    from rich.console import Console
    from rich.progress import track

    yield from track(files, description="validating", console=Console(stderr=True), transient=True)


def _write_text(reports: list[Report], *, strict: bool) -> None:
    lines = []
    for report in reports:
        for finding in report.findings:
            severity = "error" if strict else finding.severity
            lines.append(f"{report.source}:{finding.pointer}: {severity}: {finding.message}\n")
    lines.append(_summary_line(reports) + "\n")
    sys.stdout.write("".join(lines))


def _summary_line(reports: list[Report]) -> str:
    valid = sum(1 for report in reports if report.valid)
    warned = sum(1 for report in reports if report.warnings)
    files = "file" if len(reports) == 1 else "files"
    return (
        f"{len(reports)} {files}: {valid} valid, {len(reports) - valid} invalid, "
        f"{warned} with warnings"
    )


def _write_json(reports: list[Report], *, strict: bool) -> None:
    import json

    valid = sum(1 for report in reports if report.valid)
    document = {
        "files": [
            {
                "file": report.source,
                "valid": report.valid,
                "stage": report.stage,
                "findings": [
                    {
                        "severity": "error" if strict else finding.severity,
                        "pointer": finding.pointer,
                        "message": finding.message,
                        "line": finding.line,
                        "column": finding.column,
                    }
                    for finding in report.findings
                ],
            }
            for report in reports
        ],
        "summary": {
            "files": len(reports),
            "valid": valid,
            "invalid": len(reports) - valid,
            "with_warnings": sum(1 for report in reports if report.warnings),
        },
    }
    sys.stdout.write(json.dumps(document, indent=2) + "\n")
