"""``asnkit inspect FILES...``: the header keywords asnkit reads, and the role each file gets.

One row per file: the primary-header keywords that decide its role and the product's name,
then the member type it would get and what decided it. Under the table, one line says what
association the files make at the stage asked for (type, candidate, target, product name),
or why they make none. A rich table on a terminal, plain aligned text otherwise.

Exit status: 0 when every file was read and the files make an association; 1 otherwise
(each problem is one line on stderr); 2 for bad usage.
"""

import enum
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Final

import typer

from asnkit.cli._exit import ExitStatus, line
from asnkit.cli._output import fancy
from asnkit.cli._typer import OutputFormat, VersionOption, done

if TYPE_CHECKING:
    from asnkit.headers import FileFacts
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
    """Show the header keywords asnkit reads and the role each file would get.

    Needs astropy: pip install 'asnkit[fits]'.

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


_Row = tuple[str, "dict[str, object]", str]
"""A file, its header's keywords (empty when not read), and its role or why none."""


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
        sys.stderr.write(f"{prog}: error: --stage must be level2b or level3, not {stage!r}\n")
        return EXIT_USAGE
    if not files:
        sys.stderr.write(f"{prog}: error: give one or more FITS files (see {prog} --help)\n")
        return EXIT_USAGE
    chosen: Stage = "level3" if stage == "level3" else "level2b"
    try:
        rows, read = _read(files, prog)
    except _NoAstropyError:
        return EXIT_INVALID
    columns = [keyword for keyword in KEYWORDS if any(keyword in row[1] for row in rows)]
    document: dict[str, object] = {
        "files": [
            {"file": path, "keywords": {k: header.get(k) for k in columns}, "role": role}
            for path, header, role in rows
        ],
        "stage": chosen,
        "association": None,
    }
    text = output_format is not OutputFormat.JSON
    if text:
        table = [
            [path, *(_shown(header.get(keyword)) for keyword in columns), role]
            for path, header, role in rows
        ]
        _print_table(["FILE", *columns, "ROLE (DECIDED BY)"], table)
    status: int = EXIT_OK if len(read) == len(rows) else EXIT_INVALID
    if status == EXIT_OK:
        summary, status = _plan(read, chosen, document)
        if text:
            sys.stdout.write(line(summary))
    if not text:
        sys.stdout.write(json.dumps(document, indent=2, default=str) + "\n")
    return status


class _NoAstropyError(Exception):
    """astropy is not installed: no file can be read (said once)."""


def _read(files: Sequence[str], prog: str) -> "tuple[list[_Row], list[FileFacts]]":
    """A row for each file, and the facts of those that could be read."""
    from asnkit.exceptions import HeaderError
    from asnkit.headers import file_facts, read_primary_header

    rows: list[_Row] = []
    read: list[FileFacts] = []
    for path in files:
        try:
            header = read_primary_header(path)
        except HeaderError as error:
            sys.stderr.write(line(f"{prog}: error: {error}"))
            if "asnkit[fits]" in str(error):  # no astropy: no file can be read
                raise _NoAstropyError from None
            rows.append((path, {}, "? (not read)"))
            continue
        try:
            facts = file_facts(header, path)
        except HeaderError as error:
            sys.stderr.write(line(f"{prog}: error: {error}"))
            rows.append((path, header, "? (see the error)"))
            continue
        read.append(facts)
        rows.append((path, header, f"{facts.exptype} ({facts.decided_by})"))
    return rows, read


def _plan(read: "list[FileFacts]", stage: "Stage", document: dict[str, object]) -> tuple[str, int]:
    """The summary line of the association the files make, and the exit status."""
    from asnkit.exceptions import HeaderError
    from asnkit.headers import plan

    try:
        made = plan(read, stage=stage)
    except HeaderError as error:
        document["problem"] = str(error)
        return f"{_STAGES[stage]}: no association: {error}", EXIT_INVALID
    document["association"] = {
        "asn_type": made.meta["asn_type"],
        "candidate": made.acid,
        "program": made.meta["program"],
        "target": made.meta["target"],
        "product": made.product_name,
    }
    summary = (
        f"{_STAGES[stage]}: asn_type {made.meta['asn_type']}, candidate {made.acid}, "
        f"program {made.meta['program']}, target {made.meta['target']}"
    )
    if made.product_name is not None:
        summary += f", product {made.product_name}"
    return summary, EXIT_OK


def _print_table(head: list[str], body: list[list[str]]) -> None:
    if fancy():
        from rich import box
        from rich.console import Console
        from rich.table import Table

        # A light frame, and a console as wide as the table: a value cut short would hide
        # the very keyword the user came to read (a wide table wraps in the terminal).
        table = Table(*head, box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
        for row in body:
            table.add_row(*row)
        widths = [max(len(row[index]) for row in [head, *body]) for index in range(len(head))]
        console = Console()
        console.width = max(console.width, sum(widths) + 3 * len(widths) + 2)
        console.print(table)
        return
    widths = [max(len(row[index]) for row in [head, *body]) for index in range(len(head))]
    for row in [head, *body]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        sys.stdout.write("  ".join(cells).rstrip() + "\n")
