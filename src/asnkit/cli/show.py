"""``asnkit show ASN``: an association at a glance.

The rule, type, program, target and pool, then each product with its members grouped by
type (science first). A table drawn with rich when the output is a terminal, plain text
otherwise (for pipes, files and tests, and with ``NO_COLOR``); ``--format json`` prints the
same as JSON. A member's name is never cut: on a narrow terminal it wraps.
"""

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from asnkit._escape import escape
from asnkit.cli._exit import ExitStatus, refuse, status_of
from asnkit.cli._output import fancy
from asnkit.cli._typer import OutputFormat, VersionOption, done

if TYPE_CHECKING:
    from asnkit.models import Association, JSONValue, Product

_HEADINGS = (
    ("rule", "asn_rule"),
    ("type", "asn_type"),
    ("program", "program"),
    ("target", "target"),
    ("pool", "asn_pool"),
)


def grouped_members(product: "Product") -> list[tuple[str, list[str]]]:
    """The product's member names by type: science first, then in order of appearance."""
    groups: dict[str, list[str]] = {}
    for member in product.members:
        groups.setdefault(member.exptype, []).append(member.expname)
    science = [k for k in groups if k.lower() == "science"]
    others = [k for k in groups if k.lower() != "science"]
    return [(kind, groups[kind]) for kind in science + others]


def _value(asn: "Association", attribute: str) -> str | None:
    value = getattr(asn, attribute)
    return value if isinstance(value, str) else None


def summary(asn: "Association", path: str) -> "dict[str, JSONValue]":
    """The ``--json`` summary: metadata (``null`` when absent) and members by type."""
    result: dict[str, JSONValue] = {"file": path}
    for label, attribute in _HEADINGS:
        result[label] = _value(asn, attribute)
    products: list[JSONValue] = []
    for product in asn.products:
        members: dict[str, JSONValue] = {}
        for kind, names in grouped_members(product):
            listed: list[JSONValue] = list(names)
            members[kind] = listed
        name = product.name if isinstance(product.name, str) else None
        products.append({"name": name, "members": members})
    result["products"] = products
    return result


def _rows(asn: "Association") -> list[tuple[str, str, str]]:
    """The table's rows: product, exptype, member, each escaped for a terminal."""
    rows = []
    for index, product in enumerate(asn.products):
        name = product.name
        label = escape(name) if isinstance(name, str) else f"(product #{index}, no name)"
        for kind, names in grouped_members(product):
            for member in names:
                rows.append((label, escape(kind), escape(member)))
                label = ""
        if not product.members:
            rows.append((label, "-", "(no member)"))
    return rows


def _header_lines(asn: "Association", path: str) -> list[str]:
    members = sum(len(p.members) for p in asn.products)
    lines = [f"{'file':<9}{escape(path)}"]
    lines.extend(
        f"{label:<9}{escape(_value(asn, attribute) or '-')}" for label, attribute in _HEADINGS
    )
    lines.append(f"{'products':<9}{len(asn.products)} ({members} members)")
    return lines


def plain_text(asn: "Association", path: str) -> str:
    """The plain-text view: header lines, a blank line, then aligned columns.

    Every name is escaped (:func:`asnkit._escape.escape`): what the file holds is shown, a
    terminal's control sequence in it is not run.
    """
    rows = [("PRODUCT", "EXPTYPE", "MEMBER"), *_rows(asn)]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    table = [f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}".rstrip() for row in rows]
    return "\n".join([*_header_lines(asn, path), "", *table]) + "\n"


def _print_rich(asn: "Association", path: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    for text in _header_lines(asn, path):
        console.print(Text(text))  # a name is text: no markup, no :emoji: codes
    # Names are folded, never cut with an ellipsis: the end of a member's name
    # (nrcalong, nrca1) is what tells it from the others. The members' column gets the
    # room for a whole name when the terminal has it; the product's name folds first.
    rows = _rows(asn)
    # Three columns take 10 characters of frame and padding.
    room = console.width - 10
    kinds = max(len("exptype"), *(len(row[1]) for row in rows))
    longest = max(len("member"), *(len(row[2]) for row in rows))
    members = min(longest, max(room - kinds - 12, 20))
    table = Table()
    table.add_column("product", overflow="fold", style="bold", max_width=room - kinds - members)
    table.add_column("exptype", overflow="fold", style="cyan")
    table.add_column("member", overflow="fold", min_width=members)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # a name is text, never markup
    console.print(table)


def command(
    *,
    association: Annotated[str, typer.Argument(metavar="ASN", help="The association file.")],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            help="text: a table (plain when piped); json: the same as one document.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="The same as --format json.", hidden=True)
    ] = False,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Show an association: its metadata, then its products and members by type.

    \b
    Examples:
      asnkit show l3_asn.json
      asnkit show l3_asn.json --format json

    Exit status: 0 shown, 1 the file cannot be read as an association, 2 bad usage.
    """
    chosen = OutputFormat.JSON if as_json else output_format or OutputFormat.TEXT
    done(show(association, output_format=chosen))


def show(path: str, *, output_format: OutputFormat = OutputFormat.TEXT) -> int:
    """Print the association at ``path``; the exit status."""
    from asnkit.exceptions import LoadError
    from asnkit.io import load

    try:
        asn = load(path)
    except LoadError as error:
        return refuse("asnkit show", str(error), status_of(error))
    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(summary(asn, path), indent=2) + "\n")
    elif fancy():
        _print_rich(asn, path)
    else:
        sys.stdout.write(plain_text(asn, path))
    return ExitStatus.OK
