"""``asnkit inspect FILES...``: the header keywords asnkit reads, and the role each file gets.

One row per file: the primary-header keywords that decide its role and the product's name,
then the member type it would get and what decided it. Under the table, one line says what
association the files make at the stage asked for (type, candidate, target, product name),
or why they make none. A rich table on a terminal, plain aligned text otherwise.

Exit status: 0 when every file was read and the files make an association; 1 otherwise
(each problem is one line on stderr); 2 for bad usage.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asnkit.headers import FileFacts
    from asnkit.vocabulary import Stage

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2

_STAGES: Final = {"level2b": "Stage 2b", "level3": "Stage 3"}


def _shown(value: object) -> str:
    """A header value as a cell: T/F for flags, ``-`` for a keyword the header lacks."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "T" if value else "F"
    return str(value)


def run(files: Sequence[str], *, stage: str = "level3", prog: str = "asnkit inspect") -> int:
    """Print the table for ``files``; the exit status."""
    from asnkit.exceptions import HeaderError
    from asnkit.headers import KEYWORDS, file_facts, plan, read_primary_header

    if stage not in _STAGES:
        sys.stderr.write(f"{prog}: error: --stage must be level2b or level3, not {stage!r}\n")
        return EXIT_USAGE
    if not files:
        sys.stderr.write(f"{prog}: error: give one or more FITS files (see {prog} --help)\n")
        return EXIT_USAGE
    chosen: Stage = "level3" if stage == "level3" else "level2b"
    status = EXIT_OK
    rows: list[tuple[str, dict[str, object], str]] = []
    read: list[FileFacts] = []
    for path in files:
        try:
            header = read_primary_header(path)
        except HeaderError as error:
            sys.stderr.write(f"{prog}: error: {error}\n")
            if "asnkit[fits]" in str(error):  # no astropy: no file can be read
                return EXIT_INVALID
            rows.append((path, {}, "? (not read)"))
            status = EXIT_INVALID
            continue
        try:
            facts = file_facts(header, path)
        except HeaderError as error:
            sys.stderr.write(f"{prog}: error: {error}\n")
            rows.append((path, header, "? (see the error)"))
            status = EXIT_INVALID
            continue
        read.append(facts)
        rows.append((path, header, f"{facts.exptype} ({facts.decided_by})"))
    columns = [keyword for keyword in KEYWORDS if any(keyword in row[1] for row in rows)]
    table = [
        [path, *(_shown(header.get(keyword)) for keyword in columns), role]
        for path, header, role in rows
    ]
    _print_table(["FILE", *columns, "ROLE (DECIDED BY)"], table)
    if status != EXIT_OK:
        return status
    try:
        made = plan(read, stage=chosen)
    except HeaderError as error:
        sys.stdout.write(f"{_STAGES[chosen]}: no association: {error}\n")
        return EXIT_INVALID
    summary = (
        f"{_STAGES[chosen]}: asn_type {made.meta['asn_type']}, candidate {made.acid}, "
        f"program {made.meta['program']}, target {made.meta['target']}"
    )
    if made.product_name is not None:
        summary += f", product {made.product_name}"
    sys.stdout.write(summary + "\n")
    return status


def _print_table(head: list[str], body: list[list[str]]) -> None:
    if sys.stdout.isatty():
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
