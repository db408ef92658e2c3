"""``asnkit show ASN``: an association at a glance.

The rule, type, program, target and pool, then each product with its members grouped by
type (science first). A table drawn with rich when the output is a terminal, plain text
otherwise (for pipes, files and tests); ``--json`` prints the same as JSON.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from asnkit.cli._argparse import EXIT_INVALID, EXIT_OK, Formatter, Parser

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asnkit.models import Association, JSONValue, Product

_HEADINGS = (
    ("rule", "asn_rule"),
    ("type", "asn_type"),
    ("program", "program"),
    ("target", "target"),
    ("pool", "asn_pool"),
)


def build_parser(prog: str) -> Parser:
    """The command's parser."""
    parser = Parser(
        prog=prog,
        description="Show an association: its metadata, then its products and members by type.",
        formatter_class=Formatter,
        epilog="exit status: 0 shown, 1 the file cannot be read as an association, 2 bad usage.",
    )
    parser.add_argument("association", help="the association file")
    parser.add_argument(
        "--json", action="store_true", help="print the summary as JSON instead of a table"
    )
    return parser


def grouped_members(product: Product) -> list[tuple[str, list[str]]]:
    """The product's member names by type: science first, then in order of appearance."""
    groups: dict[str, list[str]] = {}
    for member in product.members:
        groups.setdefault(member.exptype, []).append(member.expname)
    science = [k for k in groups if k.lower() == "science"]
    others = [k for k in groups if k.lower() != "science"]
    return [(kind, groups[kind]) for kind in science + others]


def _value(asn: Association, attribute: str) -> str | None:
    value = getattr(asn, attribute)
    return value if isinstance(value, str) else None


def summary(asn: Association, path: str) -> dict[str, JSONValue]:
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


def _rows(asn: Association) -> list[tuple[str, str, str]]:
    rows = []
    for index, product in enumerate(asn.products):
        label = product.name if isinstance(product.name, str) else f"(product #{index}, no name)"
        for kind, names in grouped_members(product):
            for name in names:
                rows.append((label, kind, name))
                label = ""
        if not product.members:
            rows.append((label, "-", "(no member)"))
    return rows


def _header_lines(asn: Association, path: str) -> list[str]:
    members = sum(len(p.members) for p in asn.products)
    lines = [f"{'file':<9}{path}"]
    lines.extend(f"{label:<9}{_value(asn, attribute) or '-'}" for label, attribute in _HEADINGS)
    lines.append(f"{'products':<9}{len(asn.products)} ({members} members)")
    return lines


def plain_text(asn: Association, path: str) -> str:
    """The plain-text view: header lines, a blank line, then aligned columns."""
    rows = [("PRODUCT", "EXPTYPE", "MEMBER"), *_rows(asn)]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    table = [f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}".rstrip() for row in rows]
    return "\n".join([*_header_lines(asn, path), "", *table]) + "\n"


def _print_rich(asn: Association, path: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for line in _header_lines(asn, path):
        console.print(line, highlight=False, markup=False)
    table = Table("product", "exptype", "member")
    for row in _rows(asn):
        table.add_row(*row)
    console.print(table)


def run(argv: Sequence[str] | None = None, prog: str = "asnkit show") -> int:
    """Run the command with ``argv``; return its exit status."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)

    from asnkit.exceptions import LoadError
    from asnkit.io import load

    try:
        asn = load(args.association)
    except LoadError as error:
        sys.stderr.write(f"{prog}: error: {error}\n")
        return EXIT_INVALID
    if args.json:
        sys.stdout.write(json.dumps(summary(asn, args.association), indent=2) + "\n")
    elif sys.stdout.isatty():
        _print_rich(asn, args.association)
    else:
        sys.stdout.write(plain_text(asn, args.association))
    return EXIT_OK
