"""``asnkit roman``: romancal 1.1.0's ``asn_from_list`` and ``multiband_asn`` command lines.

``asnkit roman from-list`` and ``asnkit roman multiband`` take romancal's command lines
unchanged, read by :mod:`argparse` as romancal reads them (the same flags, defaults and
abbreviations: ``--prod``, ``--targ``), and write romancal's bytes (``code_version``
aside). ``-r/--rule``, ``--ruledefs`` and ``-i/--id``, which romancal ignores, are ignored
with a warning. Unlike romancal's, a refusal is one line, a file is written whole or not
at all, and a run of ``multiband`` writes every file or none.

:func:`run` takes the words after ``asnkit roman``; :func:`asnkit.cli.run` hands them here
without loading typer (:mod:`asnkit.cli.roman` is what ``asnkit --help`` lists).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final, NoReturn

from asnkit._version import __version__
from asnkit.cli._argparse import Formatter, Parser
from asnkit.cli._exit import ExitStatus, refuse, warn
from asnkit.rules.roman import DEFAULT_DATA_RELEASE_ID, DEFAULT_TARGET, ROMAN_RULE_NAME

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from asnkit.models import Association

__all__ = ["build_from_list_parser", "build_multiband_parser", "from_list", "multiband", "run"]

_PROG: Final = "asnkit roman"
_FROM_LIST: Final = "from-list"
_MULTIBAND: Final = "multiband"
_ALIASES: Final = {
    _FROM_LIST: _FROM_LIST,
    "asn_from_list": _FROM_LIST,
    _MULTIBAND: _MULTIBAND,
    "multiband_asn": _MULTIBAND,
}
"""The subcommands, by asnkit's name or romancal's."""

_ROMAN_RULE: Final = ROMAN_RULE_NAME
_ROMAN_ID: Final = "o999"
"""romancal's default ``-i``: any other value is warned of, as romancal warns."""

_HELP: Final = f"""\
Usage: {_PROG} COMMAND [ARGS]...

  romancal 1.1.0's association commands: its command lines, its files.

Commands:
  from-list  Create a Roman association from a list of files (asn_from_list).
  multiband  One association per sky cell of *_coadd.asdf files (multiband_asn).

Run {_PROG} COMMAND --help for a command's options. romancal's names
(asn_from_list, multiband_asn) work too.
"""

_FROM_LIST_EXAMPLES: Final = """\
examples:
  asnkit roman from-list -o mosaic_asn.json --product-name mosaic *_cal.asdf
  asnkit roman from-list -o asn.json --prod r00001_p_v01_270p65x70y49_f158 \\
      --data-release-id p --targ 270p65x70y49 --_tweakreg-catalogs *_cal.asdf

exit status: 0 written, 1 the association could not be valid or not written,
2 bad usage. An existing output file is replaced only by a complete new one.
"""

_MULTIBAND_EXAMPLES: Final = """\
examples:
  asnkit roman multiband *_coadd.asdf
  asnkit roman multiband --psf-match-reference-filter f184 '*_coadd.asdf'

Each group is written to <prefix><skycell>_asn.json. exit status: 0 written,
1 no file is a coadd's, an association could not be valid or not written,
2 bad usage. Every file is checked before the first is written.
"""


class _ParseError(Exception):
    """argparse refused a command line that :func:`_quiet_parse` parsed."""


class _QuietParser(Parser):
    """A parser that raises :class:`_ParseError` instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise _ParseError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:  # noqa: ARG002
        raise _ParseError(message or "an option that stops the command (-h/--help)")


def build_from_list_parser(
    prog: str = f"{_PROG} {_FROM_LIST}",
    *,
    with_list: bool = False,
    extras: bool = True,
    cls: type[Parser] = Parser,
) -> argparse.ArgumentParser:
    """The flags of romancal 1.1.0's ``asn_from_list``, and asnkit's (``--list``, ``--force``).

    ``with_list``: the files may all come from ``--list`` (the file arguments are
    optional); otherwise one or more are required, as romancal requires them. Without
    ``extras``, romancal's flags only (what ``multiband`` hands each group to).
    """
    parser = cls(
        prog=prog,
        description="Create a Roman association (romancal's DMS_ELPP_Base) from a list of files.",
        epilog=_FROM_LIST_EXAMPLES,
        formatter_class=Formatter,
    )
    parser.add_argument(
        "-o",
        "--output-file",
        required=True,
        metavar="FILE",
        help="the file to write the association to",
    )
    parser.add_argument(
        "--product-name",
        required=True,
        metavar="NAME",
        help="the name of the one product (required)",
    )
    parser.add_argument(
        "--data-release-id",
        default=DEFAULT_DATA_RELEASE_ID,
        metavar="ID",
        help="data_release_id (default: %(default)s)",
    )
    parser.add_argument(
        "-r",
        "--rule",
        default=_ROMAN_RULE,
        metavar="RULE",
        help="ignored, with a warning: romancal has one rule, DMS_ELPP_Base",
    )
    parser.add_argument(
        "--ruledefs", action="append", metavar="FILE", help="ignored, with a warning"
    )
    parser.add_argument(
        "-i",
        "--id",
        dest="acid",
        default=_ROMAN_ID,
        metavar="ID",
        help="ignored, with a warning when not o999: romancal writes asn_id a3001",
    )
    parser.add_argument(
        "-t",
        "--target",
        default=DEFAULT_TARGET,
        metavar="TARGET",
        help='target (default: the string "None")',
    )
    parser.add_argument(
        "--psf-match-reference-filter",
        default=None,
        metavar="FILTER",
        help="the filter MultibandCatalogStep matches PSFs to (written after products)",
    )
    parser.add_argument(
        "--_tweakreg-catalogs",
        dest="tweakreg_catalogs",
        action="store_true",
        help="give each member a tweakreg_catalog: x_cal.asdf -> x_cat.parquet",
    )
    parser.add_argument(
        "filelist",
        nargs="*" if with_list else "+",
        metavar="FILE",
        help="the files, in order (science)",
    )
    if not extras:
        parser.set_defaults(lists=None, force=False)
        return parser
    extra = parser.add_argument_group("asnkit's options")
    extra.add_argument(
        "--list",
        dest="lists",
        action="append",
        metavar="FILE",
        help='read members from FILE ("-" for standard input): one "expname [exptype]" a '
        "line, # comments skipped, patterns expanded; repeatable",
    )
    extra.add_argument(
        "--force",
        action="store_true",
        help="write even an association asnkit validate would reject (a warning says why)",
    )
    extra.add_argument("--version", action="version", version=f"asnkit {__version__}")
    return parser


def build_multiband_parser(prog: str = f"{_PROG} {_MULTIBAND}") -> argparse.ArgumentParser:
    """The flags of romancal 1.1.0's ``multiband_asn``."""
    parser = Parser(
        prog=prog,
        description="One Roman association per sky cell and prefix of coadded images\n"
        "(<prefix><skycell>_<filter>_coadd.asdf); other names are left out.",
        epilog=_MULTIBAND_EXAMPLES,
        formatter_class=Formatter,
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the coadded images (one quoted pattern is expanded)",
    )
    parser.add_argument(
        "--psf-match-reference-filter",
        default=None,
        metavar="FILTER",
        help="the filter MultibandCatalogStep matches PSFs to, in every association",
    )
    parser.add_argument("--version", action="version", version=f"asnkit {__version__}")
    return parser


class _Refusal(Exception):  # noqa: N818 (an outcome, not an error of the program)
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _wants_list(argv: Sequence[str]) -> bool:
    """Whether ``argv`` gives ``--list`` (or an abbreviation: no romancal flag starts ``--l``)."""
    for word in argv:
        if word == "--":
            return False
        if word.startswith("--l"):
            return True
    return False


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    try:
        return parser.parse_args(list(argv))
    except SystemExit as stop:  # --help, --version and usage errors
        return int(stop.code or 0)


def _warn_ignored(prog: str, args: argparse.Namespace) -> None:
    """Warn of the flags romancal has and ignores, as romancal warns."""
    if args.rule != _ROMAN_RULE:
        warn(prog, f"-r/--rule {args.rule!r} is ignored: Roman has one rule, {_ROMAN_RULE}")
    if args.ruledefs:
        warn(prog, "--ruledefs is ignored: Roman has one rule, DMS_ELPP_Base")
    if args.acid != _ROMAN_ID:
        warn(prog, f"-i/--id {args.acid!r} is ignored: a Roman association's asn_id is a3001")


def _members(args: argparse.Namespace) -> list[tuple[str, str]]:
    from asnkit.vocabulary import ExpType

    members = [(name, str(ExpType.SCIENCE)) for name in args.filelist]
    if args.lists:
        from asnkit.cli._from_list import Request, _members
        from asnkit.cli._from_list import _Refusal as ListRefusal

        request = Request(output_file=args.output_file, lists=args.lists)
        try:
            members += _members(request)
        except ListRefusal as refusal:
            raise _Refusal(str(refusal), refusal.status) from None
    if not members:
        message = "no member: give files, or a --list that names some"
        raise _Refusal(message, ExitStatus.USAGE)
    return members


def _build(args: argparse.Namespace) -> Association:
    from asnkit.exceptions import InvalidAssociationError
    from asnkit.rules.roman import RomanRule

    try:
        return RomanRule().build(
            _members(args),
            product_name=args.product_name,
            target=args.target,
            data_release_id=args.data_release_id,
            psf_match_reference_filter=args.psf_match_reference_filter,
            tweakreg_catalogs=args.tweakreg_catalogs,
        )
    except InvalidAssociationError as error:
        message = f"{error}; nothing written"
        raise _Refusal(message, ExitStatus.INVALID) from None


def _checked_text(prog: str, association: Association, *, force: bool, what: str) -> str:
    """The text of ``association``, checked as ``asnkit validate`` checks a file."""
    from asnkit.cli._written import warn_as_validate_does
    from asnkit.codec.emit import dumps
    from asnkit.exceptions import InvalidAssociationError
    from asnkit.write_check import checked_report, problems_of, summary

    text = dumps(association)
    try:
        report = checked_report(text, force=force, what=what)
    except InvalidAssociationError as error:
        message = f"{error}; nothing written" + ("" if force else " (--force writes it anyway)")
        raise _Refusal(message, ExitStatus.INVALID) from None
    warn_as_validate_does(prog, [("", report)])
    problems = problems_of(report)
    if problems:
        warn(prog, f"--force: writing an invalid association: {summary(problems)}")
    return text


def _write(outputs: Sequence[tuple[str, str]]) -> None:
    """Write each ``(file, text)``; a file whose folder is missing is refused before any write."""
    import os

    from asnkit.files import write_text

    for output, _ in outputs:
        folder = os.path.dirname(output) or "."  # noqa: PTH120
        if not os.path.isdir(folder):  # noqa: PTH112
            message = f"cannot write {output}: no folder {folder}; nothing written"
            raise _Refusal(message, ExitStatus.INVALID)
    for output, text in outputs:
        try:
            write_text(output, text)
        except OSError as error:  # noqa: PERF203 (the first failure ends the run)
            reason = error.strerror or str(error)
            message = f"cannot write {output}: {reason}; that file not written"
            raise _Refusal(message, ExitStatus.INVALID) from None


def from_list(argv: Sequence[str], prog: str = f"{_PROG} {_FROM_LIST}") -> int:
    """``asnkit roman from-list ARGS``: romancal's ``asn_from_list``; the exit status."""
    parsed = _parse(build_from_list_parser(prog, with_list=_wants_list(argv)), argv)
    if isinstance(parsed, int):
        return parsed
    _warn_ignored(prog, parsed)
    try:
        association = _build(parsed)
        text = _checked_text(prog, association, force=parsed.force, what="the files given")
        _write([(parsed.output_file, text)])
    except _Refusal as refusal:
        return refuse(prog, str(refusal), refusal.status)
    return ExitStatus.OK


def _expand(files: list[str]) -> list[str]:
    """One argument with ``*`` or ``?`` is a pattern, expanded (sorted), as romancal does."""
    if len(files) == 1 and any(character in files[0] for character in "*?"):
        import glob

        return sorted(glob.glob(files[0]))  # noqa: PTH207 (romancal's glob, whole)
    return files


def _refuse_folder(product_name: str, members: Sequence[str]) -> None:
    """Refuse coadds named from another folder, before anything is written.

    romancal names the group's product, and its file, after the files' folder
    (``sub/r00001_..._270p65x70y49``): its pipeline finds the members from the
    association's folder (``sub/sub/...``) and names its outputs after the product, which
    steers them into a folder. Run inside the folder, the same command makes a sound file.
    """
    import os

    folder = os.path.dirname(product_name)  # noqa: PTH120
    if folder:
        message = (
            f"{members[0]!r} is named from another folder: romancal would name the product "
            f"{product_name!r}, which names a folder, and the pipeline names its outputs "
            f"after it; run multiband inside {folder}/; nothing written"
        )
        raise _Refusal(message, ExitStatus.INVALID)


def multiband(argv: Sequence[str], prog: str = f"{_PROG} {_MULTIBAND}") -> int:
    """``asnkit roman multiband ARGS``: romancal's ``multiband_asn``; the exit status."""
    from asnkit.roman.multiband import group_coadds, release_of

    parsed = _parse(build_multiband_parser(prog), argv)
    if isinstance(parsed, int):
        return parsed
    groups = group_coadds(_expand(parsed.files))
    if not groups:
        return refuse(
            prog,
            f"no file name is a coadd's (<prefix><skycell>_<filter>_coadd.asdf, "
            f"e.g. r00001_p_v01_270p65x70y49_f158_coadd.asdf) among the "
            f"{len(parsed.files)} given; nothing written",
            ExitStatus.INVALID,
        )
    outputs = []
    try:
        for skycell, prefix, members in groups:
            product_name = prefix + skycell
            _refuse_folder(product_name, members)
            output = f"{product_name}_asn.json"
            # romancal hands each group to asn_from_list's command line: what that parser
            # makes of these words (a name starting with "-" is an option there) is what
            # is built, and what it refuses is refused, before anything is written.
            inner = [*members, "-o", output, "--product-name", product_name]
            inner += ["--data-release-id", release_of(prefix)]
            if parsed.psf_match_reference_filter is not None:
                inner += ["--psf-match-reference-filter", parsed.psf_match_reference_filter]
            try:
                args = build_from_list_parser(extras=False, cls=_QuietParser).parse_args(inner)
            except _ParseError as error:
                message = (
                    f"the files of sky cell {skycell} (prefix {prefix!r}) make a command line "
                    f"romancal's asn_from_list refuses: {error}; rename them; nothing written"
                )
                raise _Refusal(message, ExitStatus.USAGE) from None
            association = _build(args)
            what = f"the files of {args.output_file}"
            text = _checked_text(prog, association, force=False, what=what)
            outputs.append((args.output_file, text))
        _write(outputs)
    except _Refusal as refusal:
        return refuse(prog, str(refusal), refusal.status)
    return ExitStatus.OK


def run(argv: Sequence[str]) -> int:
    """``asnkit roman ARGS`` (the words after ``roman``); the exit status."""
    argv = list(argv)
    if not argv:
        sys.stderr.write(_HELP)
        return ExitStatus.USAGE
    first, rest = argv[0], argv[1:]
    if first in {"-h", "--help"}:
        sys.stdout.write(_HELP)
        return ExitStatus.OK
    if first == "--version":
        sys.stdout.write(f"asnkit {__version__}\n")
        return ExitStatus.OK
    name = _ALIASES.get(first)
    if name == _FROM_LIST:
        return from_list(rest)
    if name == _MULTIBAND:
        return multiband(rest)
    return refuse(
        _PROG,
        f"unknown command {first!r}; the commands are from-list and multiband (see {_PROG} --help)",
        ExitStatus.USAGE,
    )
