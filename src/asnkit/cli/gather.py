"""``asnkit gather ASN DEST``: copy an association and its members into one folder.

The flags of jwst's ``asn_gather`` work too (``-s``, ``-t/--exp-types``,
``-x/--exclude-types``, ``-v``), except ``-c/--cmd``: asnkit copies with Python, never
through a shell command.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from asnkit.cli._argparse import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Formatter, Parser

if TYPE_CHECKING:
    from collections.abc import Sequence

_EPILOG = """\
examples:
  asnkit gather data/l3_asn.json gathered/
  asnkit gather l3_asn.json gathered/ --exptypes science,background
  asnkit gather l3_asn.json gathered/ --exclude psf --skip-missing

Relative member names are found from the association's folder (or --source). Members are
copied first, each under its bare file name; the association, its members renamed to those
names, is written last. A missing member stops the gathering before anything is copied
(one line each on stderr), unless --skip-missing leaves it out.
exit status: 0 gathered, 1 the association cannot be gathered, 2 bad usage.
"""


def build_parser(prog: str) -> Parser:
    """The command's parser: asnkit's flags and jwst asn_gather's."""
    parser = Parser(
        prog=prog,
        description="Copy an association and its members into one folder.",
        epilog=_EPILOG,
        formatter_class=Formatter,
    )
    parser.add_argument("association", help="the association to gather")
    parser.add_argument("destination", help="the folder to copy into (made if missing)")
    parser.add_argument(
        "--exptypes",
        "-t",
        "--exp-types",
        dest="exptypes",
        action="append",
        metavar="T,...",
        help="gather only members of these types (comma-separated; may be repeated)",
    )
    parser.add_argument(
        "--exclude",
        "-x",
        "--exclude-types",
        dest="exclude",
        action="append",
        metavar="T,...",
        help="leave out members of these types (comma-separated; may be repeated)",
    )
    parser.add_argument(
        "-s",
        "--source",
        metavar="DIR",
        help="the folder relative member names are found in (default: the association's)",
    )
    parser.add_argument(
        "--skip-missing",
        action="store_true",
        help="leave out members that cannot be found instead of stopping",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="list each file copied")
    parser.add_argument(
        "-c",
        "--cmd",
        dest="shellcmd",
        help="not supported: asnkit copies with Python, never through a shell command",
    )
    return parser


def _types(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [t.strip() for value in values for t in value.split(",") if t.strip()]


def run(argv: Sequence[str] | None = None, prog: str = "asnkit gather") -> int:
    """Run the command with ``argv``; return its exit status."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    if args.shellcmd is not None:
        sys.stderr.write(
            f"{prog}: error: -c/--cmd is not supported: asnkit copies files with Python, "
            "not a shell command; drop -c\n"
        )
        return EXIT_USAGE

    from asnkit.exceptions import AsnkitError, GatherError
    from asnkit.gathering import gather

    try:
        result = gather(
            args.association,
            args.destination,
            exptypes=_types(args.exptypes),
            exclude=_types(args.exclude),
            source=args.source,
            skip_missing=args.skip_missing,
        )
    except GatherError as error:
        for name in error.missing:
            sys.stderr.write(f"{prog}: missing: {name}\n")
        sys.stderr.write(f"{prog}: error: {error}\n")
        return EXIT_INVALID
    except AsnkitError as error:
        sys.stderr.write(f"{prog}: error: {error}\n")
        return EXIT_INVALID
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        sys.stderr.write(
            f"{prog}: error: copy failed{where}: {error.strerror or error}; "
            "the association was not written\n"
        )
        return EXIT_INVALID
    for name in result.missing:
        sys.stderr.write(f"{prog}: warning: missing, left out: {name}\n")
    if args.verbose:
        for path in result.copied:
            sys.stdout.write(f"copied {path}\n")
    sys.stdout.write(f"wrote {result.association} ({len(result.copied)} member file(s) copied)\n")
    return EXIT_OK
