"""``asnkit inspect FILES...``: what ``asnkit generate`` makes of each file, and why.

One row per file: the primary-header keywords that decide what it is, then what the generate
engine (jwst's rules, run over the files' headers as ``asnkit generate FILES`` runs them)
makes of it at the stage asked for: each association that takes it and its role there, or,
when none does, the first condition that the most telling rule found it failed (the words of
``asnkit generate --explain``). Under the table, one line says the association
``--from-headers`` would write for these files, or why it would write none. A rich table on
a terminal, plain aligned text otherwise.

Exit status: 0 when every file was read and the files make one association; 1 otherwise
(each problem is one line on stderr); 2 for bad usage.
"""

import enum
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Final

import typer

from asnkit._escape import escape
from asnkit.cli._exit import ExitStatus, line
from asnkit.cli._output import fancy
from asnkit.cli._typer import OutputFormat, VersionOption, done

if TYPE_CHECKING:
    from asnkit.headers import EngineView, FileView
    from asnkit.vocabulary import Stage

EXIT_OK: Final = ExitStatus.OK
EXIT_INVALID: Final = ExitStatus.INVALID
EXIT_USAGE: Final = ExitStatus.USAGE

_STAGES: Final = {"level2b": "Stage 2b", "level3": "Stage 3"}


class StageChoice(str, enum.Enum):
    """The association ``--stage`` plans (asnkit.headers.Stage)."""

    LEVEL3 = "level3"
    LEVEL2B = "level2b"


def command(
    *,
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE", help="FITS files (_rate.fits, _cal.fits, ...).", show_default=False
        ),
    ],
    stage: Annotated[
        StageChoice, typer.Option(help="The association to plan.")
    ] = StageChoice.LEVEL3,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="text: a table (plain when piped); json: one document."),
    ] = OutputFormat.TEXT,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Show what asnkit generate makes of each file: its association and role, or why none.

    The header keywords that decide it, then, per file, each association of
    the stage that takes it (its role there) or the first condition a rule
    found it failed, as asnkit generate --explain says it; the last line is
    the association --from-headers would write. Needs astropy: pip install
    'asnkit[fits]'.

    \b
    Examples:
      asnkit inspect *_cal.fits
      asnkit inspect --stage level2b *_rate.fits --format json

    Exit status: 0 every file read and the files make an association, 1
    otherwise (one line each on stderr), 2 bad usage.
    """
    done(run(files, stage=stage.value, output_format=output_format))


def _shown(value: object) -> str:
    """A header value as a cell: T/F for flags, ``-`` for a keyword the header lacks."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "T" if value else "F"
    return str(value)


_Row = tuple[str, "dict[str, object]"]
"""A file and its header's keywords (empty when not read)."""


def run(
    files: Sequence[str],
    *,
    stage: str = "level3",
    prog: str = "asnkit inspect",
    output_format: OutputFormat = OutputFormat.TEXT,
) -> int:
    """Print the table for ``files``; the exit status."""
    from asnkit.headers import KEYWORDS

    if stage not in _STAGES:
        sys.stderr.write(line(f"{prog}: error: --stage must be level2b or level3, not {stage!r}"))
        return EXIT_USAGE
    if not files:
        sys.stderr.write(line(f"{prog}: error: give one or more FITS files (see {prog} --help)"))
        return EXIT_USAGE
    chosen: Stage = "level3" if stage == "level3" else "level2b"
    try:
        rows, unread, missing = _read(files, prog)
    except _NoAstropyError:
        return EXIT_INVALID
    view = None
    if not unread:
        view = _engine(rows, chosen, prog)
    status: int = EXIT_OK if view is not None else EXIT_INVALID
    if missing:
        status = ExitStatus.MISSING
    views = {} if view is None else {file.path: file for file in view.files}
    whys = {} if view is None else {file.path: view.why_not(file) for file in view.files}
    columns = [keyword for keyword in KEYWORDS if any(keyword in row[1] for row in rows)]
    document: dict[str, object] = {
        "files": [
            {
                "file": path,
                "keywords": {k: header.get(k) for k in columns},
                **_taken_json(views.get(path), whys.get(path)),
            }
            for path, header in rows
        ],
        "stage": chosen,
        "association": None,
    }
    text = output_format is not OutputFormat.JSON
    if text:
        table = [
            [
                escape(cell)  # a file name, a header value: never a control sequence
                for cell in (
                    path,
                    *(_shown(header.get(keyword)) for keyword in columns),
                    _taken_cell(views.get(path), whys.get(path), unread.get(path)),
                )
            ]
            for path, header in rows
        ]
        _print_table(["FILE", *columns, f"{_STAGES[chosen].upper()} (ASNKIT GENERATE)"], table)
    if view is not None:
        summary, status = _summary(view, document)
        if text:
            sys.stdout.write(line(summary))
    if not text:
        sys.stdout.write(json.dumps(document, indent=2, default=str) + "\n")
    return status


class _NoAstropyError(Exception):
    """astropy is not installed: no file can be read (said once)."""


def _read(files: Sequence[str], prog: str) -> "tuple[list[_Row], dict[str, str], bool]":
    """A row for each file (each once), and why each file that could not be read was not.

    The third value says whether one of them is not there.
    """
    from asnkit.exceptions import HeaderError
    from asnkit.generate.fits import header_keywords
    from asnkit.headers import read_primary_header

    # Each file is read once: the keywords shown and those the engine reads.
    keywords = header_keywords()
    rows: list[_Row] = []
    unread: dict[str, str] = {}
    missing = False
    for path in dict.fromkeys(files):
        try:
            header = read_primary_header(path, keywords)
        except HeaderError as error:
            missing = missing or error.missing
            sys.stderr.write(line(f"{prog}: error: {error}"))
            if "asnkit[fits]" in str(error):  # no astropy: no file can be read
                raise _NoAstropyError from None
            rows.append((path, {}))
            unread[path] = "? (not read)"
            continue
        rows.append((path, header))
    return rows, unread, missing


def _engine(rows: "list[_Row]", stage: "Stage", prog: str) -> "EngineView | None":
    """What the engine makes of the files; ``None`` (said on stderr) when it cannot run."""
    from asnkit.exceptions import HeaderError
    from asnkit.headers import engine_view

    try:
        return engine_view([path for path, _ in rows], stage=stage, headers=rows)
    except HeaderError as error:
        sys.stderr.write(line(f"{prog}: error: {error}"))
        return None


def _short(association: str) -> str:
    """An association's file name without ``jw{program}-`` and ``_asn.json``."""
    return association.partition("-")[2].removesuffix("_asn.json") or association


def _taken_cell(view: "FileView | None", why_not: str | None, unread: str | None) -> str:
    if view is None:
        return unread or "?"
    if not view.taken:
        return f"none: {why_not}"
    return "; ".join(f"{taken.role} in {_short(taken.association)}" for taken in view.taken)


def _taken_json(view: "FileView | None", why_not: str | None) -> dict[str, object]:
    if view is None:
        return {"taken": None, "why_not": None}
    taken = [
        {
            "association": taken.association,
            "asn_type": taken.asn_type,
            "asn_rule": taken.asn_rule,
            "product": taken.product,
            "role": taken.role,
        }
        for taken in view.taken
    ]
    return {"taken": taken, "why_not": why_not}


def _summary(view: "EngineView", document: dict[str, object]) -> tuple[str, int]:
    """The line that says what ``--from-headers`` would write, and the exit status."""
    from asnkit.exceptions import HeaderError
    from asnkit.headers import choose

    stage_name = _STAGES[view.stage]
    try:
        made = choose(view)
    except HeaderError as error:
        document["problem"] = str(error)
        return f"{stage_name}: no association: {error}", EXIT_INVALID
    products = [str(product.name) for product in made.products]
    document["association"] = {
        "asn_type": made.asn_type,
        "asn_rule": made.asn_rule,
        "candidate": made.asn_id,
        "program": made.program,
        "target": made.target,
        "products": products,
    }
    summary = (
        f"{stage_name}: asn_type {made.asn_type}, candidate {made.asn_id}, "
        f"program {made.program}, target {made.target}, rule {made.asn_rule}"
    )
    if view.stage == "level3":
        summary += f", product {products[0]}"
    else:
        summary += f", {len(products)} product(s)"
    return summary, EXIT_OK


def _print_table(head: list[str], body: list[list[str]]) -> None:
    if fancy():
        from rich import box
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        # A light frame, and a console as wide as the table: a value cut short would hide
        # the very keyword the user came to read (a wide table wraps in the terminal).
        table = Table(*head, box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
        for row in body:
            table.add_row(*map(Text, row))  # a header value is text, never markup
        widths = [max(len(row[index]) for row in [head, *body]) for index in range(len(head))]
        console = Console()
        console.width = max(console.width, sum(widths) + 3 * len(widths) + 2)
        console.print(table)
        return
    widths = [max(len(row[index]) for row in [head, *body]) for index in range(len(head))]
    for row in [head, *body]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        sys.stdout.write("  ".join(cells).rstrip() + "\n")
