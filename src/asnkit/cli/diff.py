"""``asnkit diff A B``: what differs between two associations, key order aside."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from asnkit.cli._argparse import EXIT_OK, Formatter, Parser

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2


def build_parser(prog: str) -> Parser:
    """The command's parser."""
    return Parser(
        prog=prog,
        description=(
            "Compare two associations: metadata, products, members and member types. "
            "Key order and layout are not differences."
        ),
        epilog=(
            "exit status: 0 the same, 1 different (one line per difference), "
            "2 a file cannot be read as an association, or bad usage (as diff and cmp)."
        ),
        formatter_class=Formatter,
    )


def run(argv: Sequence[str] | None = None, prog: str = "asnkit diff") -> int:
    """Run the command with ``argv``; return its exit status."""
    parser = build_parser(prog)
    parser.add_argument("a", metavar="A", help="the first association")
    parser.add_argument("b", metavar="B", help="the second association")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)

    from asnkit.comparison import diff
    from asnkit.exceptions import LoadError
    from asnkit.io import load

    try:
        first = load(args.a)
        second = load(args.b)
    except LoadError as error:
        sys.stderr.write(f"{prog}: error: {error}\n")
        return EXIT_TROUBLE
    result = diff(first, second)
    for line in result.lines():
        sys.stdout.write(line + "\n")
    return EXIT_OK if result.equal else EXIT_DIFFERENT
