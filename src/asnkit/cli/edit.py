"""``asnkit edit ASN``: change an association file safely.

Both spellings work: asnkit's (``--add FILE... --type background``) and jwst's ``asn_edit``
(``-a ASN FILE...``, ``-r``, ``-t``, ``-i``, ``-o``). Every change asked for is made on the
loaded association in a fixed order (remove, add, set-type, set-attr, rename-product, set);
the result is checked, and written only if it is a valid association: atomically, in the
layout of the original file, optionally keeping the previous file as ``ASN.bak``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from asnkit.cli._argparse import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Formatter, Parser, refuse, warn

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from asnkit.models import Association

_EXAMPLES = """\
examples:
  asnkit edit l3_asn.json --add c_cal.fits d_cal.fits
  asnkit edit l3_asn.json --add bg_cal.fits --type background --backup
  asnkit edit l3_asn.json --remove b_cal.fits -o smaller_asn.json
  asnkit edit l3_asn.json --remove b_rate.fits --ignore-suffix
  asnkit edit l3_asn.json --set-type c_cal.fits psf --rename-product old_name new_name
  asnkit edit l3_asn.json --set-attr a_cal.fits group_id 1 --set program 01234
  asnkit edit -a l3_asn.json c_cal.fits          (jwst's asn_edit spelling)
  asnkit edit -r -i l3_asn.json b_rate.fits      (jwst's asn_edit spelling)

Changes are made in this order: remove, add, set-type, set-attr, rename-product, set.
Added files are written relative to the association's folder (the bare name when the file
sits beside the association); a name that is not a file is written as given.
exit status: 0 written, 1 the edit cannot be made or would make an invalid association
(nothing written), 2 bad usage.
"""


def build_parser(prog: str) -> Parser:
    """The command's parser: asnkit's flags and jwst asn_edit's."""
    parser = Parser(
        prog=prog,
        description="Add, remove or change members, products and metadata of an association.",
        usage=f"{prog} ASN [--add FILE... | --remove FILE...] [options]",
        epilog=_EXAMPLES,
        formatter_class=Formatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="ASN [FILE ...]",
        help="the association file; files after it are added (-a) or removed (-r)",
    )
    parser.add_argument("-a", "--add", nargs="*", metavar="FILE", help="add these files as members")
    parser.add_argument("-r", "--remove", nargs="*", metavar="FILE", help="remove these members")
    parser.add_argument(
        "-t",
        "--type",
        default="science",
        metavar="EXPTYPE",
        help="the type of the added members (default: science)",
    )
    parser.add_argument(
        "--product",
        metavar="NAME",
        help="add to this product only (default: to every product, as jwst's asn_edit)",
    )
    parser.add_argument(
        "-i",
        "--ignore-suffix",
        "--ignore",
        action="store_true",
        help="with --remove: match names without their step suffix (a_rate.fits = a_cal.fits)",
    )
    parser.add_argument(
        "--set-type",
        nargs=2,
        action="append",
        default=[],
        metavar=("FILE", "EXPTYPE"),
        help="change a member's type",
    )
    parser.add_argument(
        "--rename-product",
        nargs=2,
        action="append",
        default=[],
        metavar=("OLD", "NEW"),
        help="rename a product",
    )
    parser.add_argument(
        "--set-attr",
        nargs=3,
        action="append",
        default=[],
        metavar=("FILE", "KEY", "VALUE"),
        help="set a member's key (group_id, tweakreg_catalog, ...) to the string VALUE",
    )
    parser.add_argument(
        "--set",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="set a top-level key (program, target, asn_type, ...) to the string VALUE",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of over ASN")
    parser.add_argument(
        "--backup",
        action="store_true",
        help="keep the file being replaced as OUT.bak (ASN.bak when editing in place)",
    )
    return parser


class _UsageError(Exception):
    pass


def _split_paths(args: argparse.Namespace) -> tuple[str, list[str], list[str]]:
    """The association, the files to add and the files to remove, from either spelling.

    jwst's ``asn_edit -a ASN FILE...`` puts the association first among the files; asnkit's
    ``asnkit edit ASN --add FILE...`` before the flag. Loose files after ASN go to the one
    of --add/--remove that was given.
    """
    paths = list(args.paths)
    adds = list(args.add or [])
    removes = list(args.remove or [])
    if not paths:
        # jwst's order: -a/-r first, then the association among the names that follow.
        pool = adds if args.add else removes
        if not pool or not pool[0].lower().endswith(".json"):
            msg = "give the association file first: ASN [options]"
            raise _UsageError(msg)
        paths.append(pool.pop(0))
    association, loose = paths[0], paths[1:]
    if loose:
        if (args.add is None) == (args.remove is None):
            msg = f"say what to do with {', '.join(loose)}: give -a/--add or -r/--remove (not both)"
            raise _UsageError(msg)
        (adds if args.add is not None else removes).extend(loose)
    if args.add is not None and not adds:
        msg = "--add needs at least one FILE"
        raise _UsageError(msg)
    if args.remove is not None and not removes:
        msg = "--remove needs at least one FILE"
        raise _UsageError(msg)
    return association, adds, removes


def _member_name(file: str, association: str) -> tuple[str, str | None]:
    """The expname for ``file``, and a warning when it is not a bare name beside ASN."""
    if not os.path.isfile(file):  # noqa: PTH113
        return file, f"{file} is not a file here; written as given"
    folder = os.path.dirname(os.path.abspath(association))  # noqa: PTH100, PTH120
    relative = os.path.relpath(os.path.abspath(file), folder).replace(os.sep, "/")  # noqa: PTH100
    if "/" in relative:
        return relative, f"{file} is not beside the association; written as {relative}"
    return relative, None


def _apply(
    args: argparse.Namespace,
    asn: Association,
    *,
    association: str,
    adds: list[str],
    removes: list[str],
    warnings: list[str],
) -> Association:
    from asnkit import edit

    if removes:
        asn = edit.remove_members(asn, removes, ignore_suffix=args.ignore_suffix)
    if adds:
        names = []
        for file in adds:
            name, warning = _member_name(file, association)
            if warning:
                warnings.append(warning)
            names.append(name)
        asn = edit.add_members(asn, names, exptype=args.type, product=args.product)
    for file, exptype in args.set_type:
        asn = edit.set_exptype(asn, file, exptype)
    for file, key, value in args.set_attr:
        asn = edit.set_member_attribute(asn, file, key, value)
    for old, new in args.rename_product:
        asn = edit.rename_product(asn, old, new)
    for key, value in args.set:
        asn = edit.set_metadata(asn, key, value)
    return asn


def run(argv: Sequence[str] | None = None, prog: str = "asnkit edit") -> int:
    """Run the command with ``argv``; return its exit status."""
    parser = build_parser(prog)
    try:
        args = parser.parse_intermixed_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    try:
        association, adds, removes = _split_paths(args)
    except _UsageError as error:
        return refuse(prog, f"{error} (see {prog} --help)", EXIT_USAGE)
    if not (adds or removes or args.set_type or args.set_attr or args.rename_product or args.set):
        return refuse(
            prog,
            "nothing to do: give --add, --remove, --set-type, --set-attr, --rename-product "
            f"or --set (see {prog} --help)",
            EXIT_USAGE,
        )
    if args.product is not None and not adds:
        return refuse(prog, f"--product goes with --add (see {prog} --help)", EXIT_USAGE)
    return _edit(args, association=association, adds=adds, removes=removes, prog=prog)


def _edit(
    args: argparse.Namespace, *, association: str, adds: list[str], removes: list[str], prog: str
) -> int:
    """Load, change, check, then write (the file locked throughout); the exit status."""
    from asnkit.edit import edit_file
    from asnkit.exceptions import AsnkitError

    warnings: list[str] = []  # said once the file is written, not when the edit is refused

    def change(asn: Association) -> Association:
        warnings.clear()
        return _apply(
            args, asn, association=association, adds=adds, removes=removes, warnings=warnings
        )

    target = args.output or association
    try:
        edit_file(association, change, output=args.output, backup=args.backup)
    except AsnkitError as error:
        return refuse(prog, f"{error}; nothing written", EXIT_INVALID)
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename if error.filename is not None else target
        return refuse(prog, f"cannot write {where}: {reason}; nothing written", EXIT_INVALID)
    for warning in warnings:
        warn(prog, warning)
    return EXIT_OK
