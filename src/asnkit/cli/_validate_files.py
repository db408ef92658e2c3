"""Validating files for ``asnkit validate``: finding them, checking them, printing findings.

Output (text): one line per finding, ``FILE:POINTER: SEVERITY: MESSAGE``, where POINTER is a
JSON pointer (``/products/0/members/2/exptype``) and is empty for the whole document
(``FILE:: error: ...``); then one summary line, ``N files: N valid, N invalid, N with
warnings``; on a terminal the severities and the counts are coloured (not with
``NO_COLOR``, nor when piped). Exit status: 0 when every file is valid, 1 when any is not,
2 for bad usage (a path that matches no file, a folder without ``*.json``).

Files are found without following a link to a folder (no loops), and each real file is
checked once, under the first name that reached it.

This module is the path of ``asnkit validate PATH...`` over thousands of files: it does not
import typer (the command in :mod:`asnkit.cli.validate` does).
"""

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

from asnkit._escape import escape
from asnkit.cli._collapse import collapsed, kind, more_like_it
from asnkit.cli._exit import ExitStatus, line
from asnkit.cli._output import fancy
from asnkit.cli._progress import tracked

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asnkit.validation import Finding, Report

__all__ = ["UsageError", "check_paths", "expand_paths"]

_PROG: Final = "asnkit validate"
_GLOB_CHARS: Final = frozenset("*?[")
_PROGRESS_FROM: Final = 200  # files: below this a run is too short for a progress bar


class UsageError(Exception):
    """Bad usage: the command prints it on one line and exits 2."""


def check_paths(
    paths: Sequence[str],
    *,
    rule: str | None = None,
    strict: bool = False,
    check_files: bool = False,
    output_format: str = "text",
    show_all: bool = False,
) -> int:
    """Validate ``paths`` and print the findings; the exit status (0, 1 or 2).

    In text, the findings of one kind in one file are collapsed after the first few
    (:mod:`asnkit.cli._collapse`) unless ``show_all``; JSON holds every finding.
    """
    from asnkit.validation import validate

    if not paths:
        return _usage("no file given: asnkit validate FILE_OR_FOLDER...")
    try:
        files = expand_paths(paths)
    except UsageError as error:
        return _usage(str(error))
    reports = [
        validate(
            # validate() reads a string starting with "{" as JSON text: a file so named
            # goes as a Path.
            _as_path(name) if name.lstrip()[:1] == "{" else name,
            rule=rule,
            check_files=check_files,
            strict=strict,
        )
        for name in tracked(
            files, "validating", at_least=_PROGRESS_FROM, json_output=output_format == "json"
        )
    ]
    if len(reports) > 1:
        reports = _with_shared_names(reports, files, strict=strict)
    if output_format == "json":
        _write_json(reports, strict=strict)
    else:
        _write_text(reports, strict=strict, show_all=show_all)
    return ExitStatus.OK if all(report.valid for report in reports) else ExitStatus.INVALID


def _with_shared_names(
    reports: "list[Report]", files: Sequence[str], *, strict: bool
) -> "list[Report]":
    """Each report with the product names it shares with another valid file's association."""
    import attrs

    from asnkit.exceptions import LoadError
    from asnkit.files import read_json
    from asnkit.validation.across import shared_name_findings

    documents: list[tuple[str, object]] = []
    for name, report in zip(files, reports, strict=True):
        if report.stage is None or report.errors:
            continue  # an invalid file runs nowhere: its own findings say why
        try:
            documents.append((report.source, read_json(_as_path(name))[2]))
        except LoadError:
            continue
    found = shared_name_findings(documents, strict=strict)
    return [
        attrs.evolve(report, findings=(*report.findings, *found[report.source]))
        if report.source in found
        else report
        for report in reports
    ]


def _usage(problem: str) -> int:
    sys.stderr.write(line(f"{_PROG}: error: {problem} (see {_PROG} --help)"))
    return ExitStatus.USAGE


def _as_path(name: str) -> os.PathLike[str]:
    from pathlib import Path  # only for the rare file whose name starts with "{"

    return Path(name)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """The files to check, in order, each real file once.

    Files are taken as given, folders searched (recursively, sorted) for ``*.json``, glob
    patterns expanded (``**`` recursively). Neither a search nor ``**`` follows a link to
    a folder, so a link loop cannot multiply the files; a file reached twice (by two
    names, through a link) is checked once, under the first name.

    Anything named ``*.json`` found in a folder is listed, readable or not (a folder named
    ``x.json`` included), so that it is reported rather than silently skipped.

    Raises:
        UsageError: a path does not exist, a pattern matches nothing, or a folder holds
            no ``*.json``.
    """
    found: dict[str, _Identity | None] = {}
    for path in paths:
        if os.path.lexists(path):
            targets = [path]
        elif _GLOB_CHARS.intersection(path):
            # A pattern the shell left unexpanded (quoted, or on Windows).
            targets = _glob(path)
            if not targets:
                msg = f"no file matches {path!r}"
                raise UsageError(msg)
        else:
            msg = f"no such file or directory: {path!r}"
            raise UsageError(msg)
        for target in targets:
            if os.path.isdir(target):  # noqa: PTH112 (os-level speed: thousands of files)
                under = _json_files_under(target)
                if not under and path == target:
                    msg = f"no *.json file in the folder {path!r}"
                    raise UsageError(msg)
                for name, identity in under.items():
                    found.setdefault(name, identity)
            else:
                found.setdefault(target, None)
    if not found:
        msg = f"no *.json file found in {', '.join(map(repr, paths))}"
        raise UsageError(msg)
    return _once_each(found)


def _glob(pattern: str) -> list[str]:
    """The names ``pattern`` matches, sorted; ``**`` does not go through links to folders."""
    import glob

    if "**" not in pattern:
        return sorted(glob.glob(pattern))  # noqa: PTH207 (patterns may be absolute)
    # glob.glob's ** follows links to folders (a loop is walked until the names get too
    # long); pathlib's does not.
    from pathlib import PurePath

    parts = PurePath(pattern).parts
    fixed = 0
    while fixed < len(parts) and not _GLOB_CHARS.intersection(parts[fixed]):
        fixed += 1
    root = os.path.join(*parts[:fixed]) if fixed else ""  # noqa: PTH118
    rest = str(PurePath(*parts[fixed:]))
    return sorted(_join(root, match) for match in _path_glob(root or ".", rest))


def _path_glob(root: str, pattern: str) -> list[str]:
    from pathlib import Path

    base = Path(root)
    if not base.is_dir():
        return []
    return [str(match.relative_to(base)) for match in base.glob(pattern)]


def _join(root: str, name: str) -> str:
    return os.path.join(root, name) if root else name  # noqa: PTH118


_Identity = tuple[int, int]
"""A file's device and inode: two names of one file have the same."""


def _once_each(names: dict[str, _Identity | None]) -> list[str]:
    """``names`` without a second name for the same file (links, ``a/../a``).

    A name found in a folder search comes with its identity (the folder's device, the
    entry's inode: no system call); the others are asked with ``stat``.
    """
    seen: set[_Identity] = set()
    kept: list[str] = []
    for name, known in names.items():
        identity = known
        if identity is None:
            try:
                status = os.stat(name)  # noqa: PTH116
            except (OSError, ValueError):
                kept.append(name)  # reported by the validator (a broken link, ...)
                continue
            identity = (status.st_dev, status.st_ino)
        if identity not in seen:
            seen.add(identity)
            kept.append(name)
    return kept


def _json_files_under(directory: str) -> dict[str, _Identity | None]:
    """Every entry named ``*.json`` under ``directory``, sorted, with its identity if known.

    Links to folders are not followed (no loops). A link's identity is its target's,
    found later with ``stat``; an unreadable folder is listed itself (reported).
    """
    files: dict[str, _Identity | None] = {}
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            device = os.stat(current).st_dev  # noqa: PTH116
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            files[current] = None  # reported as unreadable by the validator
            continue
        subdirectories = []
        for entry in entries:
            if entry.name.lower().endswith(".json"):
                linked = entry.is_symlink() or entry.is_dir(follow_symlinks=False)
                files[entry.path] = None if linked else (device, entry.inode())
            elif entry.is_dir(follow_symlinks=False):
                subdirectories.append(entry.path)
        pending.extend(reversed(subdirectories))
    return files


def _write_text(reports: "list[Report]", *, strict: bool, show_all: bool) -> None:
    """One line per finding, then the summary: coloured on a terminal, plain otherwise."""
    if fancy():
        _print_coloured(reports, strict=strict, show_all=show_all)
        return
    # Each line escaped (asnkit._escape): a file name, a key in a pointer or a name in a
    # message may hold a terminal's control sequence.
    lines = [
        line(f"{report.source}:{pointer}: {severity}: {message}")
        for report, pointer, severity, message in _findings(
            reports, strict=strict, show_all=show_all
        )
    ]
    lines.append("".join(text for text, _ in _summary(reports)) + "\n")
    sys.stdout.write("".join(lines))


def _findings(
    reports: "list[Report]", *, strict: bool, show_all: bool
) -> "Iterator[tuple[Report, str, str, str]]":
    """Each line's report, pointer, severity (as reported) and message.

    Every finding with ``show_all``; else the findings of one kind in one file collapsed
    (the one rule of :mod:`asnkit.cli._collapse`: the first few, then how many more).
    """
    for report in reports:
        findings: Iterable[tuple[Finding, int]] = (
            ((finding, 0) for finding in report.findings)
            if show_all
            else collapsed(report.findings, kind)
        )
        for finding, more in findings:
            severity = "error" if strict else finding.severity
            message = more_like_it(more, "--all shows each") if more else finding.message
            yield report, finding.pointer, severity, message


_STYLES: Final = {"error": "bold red", "warning": "yellow", "valid": "green"}
"""The colours of a terminal: a severity, and the summary's counts when they are not 0."""


def _summary(reports: "list[Report]") -> list[tuple[str, str]]:
    """``N files: N valid, N invalid, N with warnings``, in parts: ``(text, style)``."""
    valid = sum(1 for report in reports if report.valid)
    warned = sum(1 for report in reports if report.warnings)
    invalid = len(reports) - valid
    files = "file" if len(reports) == 1 else "files"
    return [
        (f"{len(reports)} {files}: ", ""),
        (f"{valid} valid", _STYLES["valid"] if valid else ""),
        (", ", ""),
        (f"{invalid} invalid", _STYLES["error"] if invalid else ""),
        (", ", ""),
        (f"{warned} with warnings", _STYLES["warning"] if warned else ""),
    ]


def _print_coloured(reports: "list[Report]", *, strict: bool, show_all: bool) -> None:
    """The text output in colour (rich, loaded only for a terminal): the same words."""
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=True, highlight=False, emoji=False, markup=False)
    for report, pointer, severity, message in _findings(reports, strict=strict, show_all=show_all):
        console.print(
            Text.assemble(
                (escape(f"{report.source}:{pointer}"), "bold"),
                ": ",
                (severity, _STYLES[severity]),
                f": {escape(message)}",
            )
        )
    console.print(Text.assemble(*_summary(reports)))


def _write_json(reports: "list[Report]", *, strict: bool) -> None:
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
