"""The ``asn_from_list`` command: jwst's flags, jwst's files, none of its failures.

This command is parsed with :mod:`argparse`, like jwst's: its flags, abbreviations and
usage errors stay the same, and its start-up (a measured target: a tenth of jwst's) does
not pay for typer or cattrs. ``asnkit from-list`` hands its arguments to :func:`run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from asnkit._version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asnkit.models import Association

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_EXAMPLES = """\
examples:
  Stage 2 (one product per exposure, named after its file):
    asn_from_list -o l2_asn.json -r DMSLevel2bBase *.fits

  Stage 3 (one product; the pipeline's outputs begin with l3_results):
    asn_from_list -o l3_asn.json --product-name l3_results *.fits

exit status: 0 written, 1 the association could not be valid or not written,
2 bad usage. An existing output file is replaced only by a complete new one.
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the width so that it does not import shutil to ask.

    argparse makes a formatter for every argument it adds; the default one imports shutil
    each time it is made, a few milliseconds of the command's start-up.
    """

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            try:
                columns = os.get_terminal_size().columns
            except OSError:
                columns = 80
        super().__init__(prog, width=max(columns, 40) - 2)


class _Parser(argparse.ArgumentParser):
    """argparse, with each usage error on one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser(prog: str = "asn_from_list") -> argparse.ArgumentParser:
    """The command's parser: jwst 3.0.0's flags, with the same names and defaults."""
    parser = _Parser(
        prog=prog,
        description="Create an association from a list of files.",
        usage=f"{prog} -o mosaic_asn.json --product-name my_mosaic *.fits",
        epilog=_EXAMPLES,
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "-o", "--output-file", required=True, help="file to write the association to"
    )
    parser.add_argument(
        "-f",
        "--format",
        default=None,
        help="deprecated: association files are always JSON (accepted with a warning)",
    )
    parser.add_argument(
        "--product-name", help="the product name of a Stage 3 association (required there)"
    )
    parser.add_argument(
        "-r",
        "--rule",
        default="DMS_Level3_Base",
        help='the rule: "DMS_Level3_Base" (Stage 3, the default) or "DMSLevel2bBase" (Stage 2)',
    )
    parser.add_argument(
        "--ruledefs",
        action="append",
        help="rule definition files: not supported (asnkit has no rule plugins yet)",
    )
    parser.add_argument(
        "-i",
        "--id",
        dest="acid",
        default=None,
        help='the association candidate id, oNNN or cNNNN (default: "o999"); written as asn_id',
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s (asnkit) {__version__}")
    parser.add_argument("filelist", nargs="+", help="the files to make members of")
    return parser


def _warn(prog: str, message: str) -> None:
    sys.stderr.write(f"{prog}: warning: {message}\n")


def _refuse(prog: str, message: str, status: int) -> int:
    sys.stderr.write(f"{prog}: error: {message}\n")
    return status


def run(argv: Sequence[str] | None = None, prog: str = "asn_from_list") -> int:
    """Run the command with ``argv`` (``sys.argv[1:]`` when ``None``); return its exit status."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return int(stop.code or 0)

    if args.ruledefs:
        return _refuse(
            prog,
            "--ruledefs is not supported: asnkit has no rule plugins yet; "
            "use -r DMSLevel2bBase or -r DMS_Level3_Base",
            EXIT_USAGE,
        )
    if args.format is not None:
        if args.format != "json":  # jwst's own value; it fails on any other (even "JSON")
            return _refuse(
                prog,
                f"--format {args.format!r} is not supported: association files are JSON; drop -f",
                EXIT_USAGE,
            )
        _warn(prog, "-f/--format is deprecated: association files are always JSON; drop it")

    from asnkit.exceptions import InvalidAssociationError, UnknownRuleError
    from asnkit.from_list import asn_from_list

    try:
        association = asn_from_list(
            args.filelist, rule=args.rule, product_name=args.product_name, acid=args.acid
        )
    except UnknownRuleError as error:
        return _refuse(prog, f"{error} (-r/--rule)", EXIT_USAGE)
    except InvalidAssociationError as error:
        return _refuse(prog, f"{error}; nothing written", EXIT_INVALID)

    _warn_about_members(prog, association)
    return _write(prog, association, args.output_file)


def _warn_about_members(prog: str, association: Association) -> None:
    """Say, once each, what jwst keeps silently or warns about deep in a traceback."""
    seen: set[str] = set()
    duplicates: list[str] = []
    with_path: list[str] = []
    for product in association.products:
        for member in product.members:
            name = member.expname
            if name in seen:
                if name not in duplicates:
                    duplicates.append(name)
                continue
            seen.add(name)
            if "/" in name or "\\" in name:
                with_path.append(name)
    if duplicates:
        _warn(
            prog,
            f"{len(duplicates)} file(s) listed more than once, kept as given: "
            f"{_sample(duplicates)}",
        )
    if with_path:
        _warn(
            prog,
            f"{len(with_path)} member name(s) hold a directory, which makes the association "
            f"depend on where it is run from: {_sample(with_path)}",
        )


def _sample(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown}, ... ({len(names) - limit} more)"


def _write(prog: str, association: Association, output: str) -> int:
    from asnkit.io import write_text

    try:
        write_text(output, association.to_json())
    except OSError as error:
        reason = error.strerror or str(error)
        return _refuse(prog, f"cannot write {output}: {reason}; nothing written", EXIT_INVALID)
    return EXIT_OK


def main() -> NoReturn:
    """Console entry point of ``asn_from_list``."""
    sys.exit(run())
