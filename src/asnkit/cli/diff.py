"""``asnkit diff A B``: what differs between two associations, key order aside.

Exit status as diff(1) and cmp(1): 0 the same, 1 different, 2 trouble (a file that cannot
be read as an association, or bad usage).
"""

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from asnkit._escape import escape
from asnkit.cli._exit import ExitStatus, line, refuse
from asnkit.cli._output import fancy
from asnkit.cli._typer import OutputFormat, VersionOption, done

if TYPE_CHECKING:
    from asnkit.comparison import DiffResult

_PROG = "asnkit diff"


def command(
    *,
    a: Annotated[str, typer.Argument(metavar="A", help="The first association.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The second association.")],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="text: one line per difference; json: one document."),
    ] = OutputFormat.TEXT,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Compare two associations: metadata, products, members and member types.

    Key order and layout are not differences.

    \b
    Examples:
      asnkit diff old_asn.json new_asn.json
      asnkit diff a_asn.json b_asn.json --format json

    Exit status: 0 the same, 1 different (one line per difference), 2 a file
    cannot be read as an association, or bad usage (as diff and cmp).
    """
    done(compare(a, b, output_format=output_format))


def compare(a: str, b: str, *, output_format: OutputFormat = OutputFormat.TEXT) -> int:
    """Print the differences between the associations at ``a`` and ``b``; the exit status."""
    from asnkit.comparison import diff
    from asnkit.exceptions import LoadError
    from asnkit.io import load

    try:
        first = load(a)
        second = load(b)
    except LoadError as error:
        return refuse(_PROG, str(error), ExitStatus.TROUBLE)
    result = diff(first, second)
    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(as_json(result, a, b), indent=2) + "\n")
    elif fancy() and not result.equal:
        _print_rich(result)
    else:
        sys.stdout.write("".join(map(line, result.lines())))  # names escaped
    return ExitStatus.OK if result.equal else ExitStatus.DIFFERENT


def as_json(result: "DiffResult", a: str, b: str) -> dict[str, object]:
    """The ``--format json`` document: the two files, whether equal, every difference."""
    return {
        "a": a,
        "b": b,
        "equal": result.equal,
        "differences": [
            {
                "category": difference.category,
                "where": difference.where,
                "a": difference.a,
                "b": difference.b,
                "in_a": difference.in_a,
                "in_b": difference.in_b,
            }
            for difference in result.differences
        ],
    }


def _print_rich(result: "DiffResult") -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    for text in map(escape, result.lines()):  # names escaped, and never markup
        category, _, rest = text.partition(": ")
        console.print(Text.assemble((category, "bold yellow"), ": ", rest))
