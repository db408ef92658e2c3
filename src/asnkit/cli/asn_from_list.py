"""The ``asn_from_list`` command: jwst's flags, jwst's files, none of its failures.

This command is parsed with :mod:`argparse`, like jwst's: its flags, abbreviations and
usage errors stay the same, and its start-up (a measured target: a tenth of jwst's) does
not pay for typer or cattrs. ``asnkit from-list`` hands its arguments to :func:`run`.

Beyond jwst's flags, members can be given their roles (``--background``, ``--imprint``,
``--psf``, ``--member TYPE FILE``, ``--list``), the metadata keys can be filled
(``--asn-type``, ``--program``, ...) and member paths rewritten (``--paths``). Without any
of these the output is jwst's, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Final, NoReturn

from asnkit._version import __version__
from asnkit.cli._argparse import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Formatter, Parser, refuse, warn
from asnkit.vocabulary import ASN_TYPES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asnkit.models import Association, JSONValue


_GLOB_CHARACTERS: Final = frozenset("*?[")

_EXAMPLES = """\
examples:
  Stage 2 (one product per exposure, named after its file):
    asn_from_list -o l2_asn.json -r DMSLevel2bBase *.fits

  Stage 3 (one product; the pipeline's outputs begin with l3_results):
    asn_from_list -o l3_asn.json --product-name l3_results *.fits

  Stage 2 with a background and an imprint exposure for the science exposure:
    asn_from_list -o l2_asn.json -r DMSLevel2bBase --background bkg_rate.fits \\
        --imprint imprint_rate.fits sci_rate.fits

  Stage 3 coronagraphy with a PSF reference:
    asn_from_list -o coron3_asn.json --product-name target --asn-type coron3 \\
        --psf psf_calints.fits sci1_calints.fits sci2_calints.fits

  A list too long for the command line (one "expname [exptype]" a line):
    asn_from_list -o l3_asn.json --product-name mosaic --list members.txt

exit status: 0 written, 1 the association could not be valid or not written,
2 bad usage. An existing output file is replaced only by a complete new one.
"""


class _Role(argparse.Action):
    """Collect the ``(exptype, file)`` pairs of every role flag in one list.

    One list, in command-line order, so that members keep the order they were given in
    across flags.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,  # noqa: ARG002 (argparse's signature)
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,  # noqa: ARG002 (argparse's signature)
    ) -> None:
        pairs: list[tuple[str, str]] = getattr(namespace, self.dest) or []
        if isinstance(values, list):  # --member EXPTYPE FILE
            exptype, name = (str(value) for value in values)
        else:
            exptype, name = str(self.const), str(values)
        pairs.append((exptype, name))
        setattr(namespace, self.dest, pairs)


def build_parser(prog: str = "asn_from_list") -> argparse.ArgumentParser:
    """The command's parser: jwst 3.0.0's flags, with the same names and defaults."""
    parser = Parser(
        prog=prog,
        description="Create an association from a list of files.",
        usage=f"{prog} -o mosaic_asn.json --product-name my_mosaic *.fits",
        epilog=_EXAMPLES,
        formatter_class=Formatter,
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
        help="the association candidate id, oNNN or cNNNN (cNNNN needs a background "
        'member), written as asn_id (default: jwst\'s "a3001")',
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s (asnkit) {__version__}")
    parser.add_argument("filelist", nargs="*", help="the science files (one or more)")

    roles = parser.add_argument_group(
        "member roles",
        "Stage 2: each science (and PSF) file is its own product, and every other member "
        "joins every product, after its science member. Stage 3: one product, science "
        "first, then the others in the order given. A value with *, ? or [ that the shell "
        "did not expand is expanded here (sorted); a pattern matching nothing is refused.",
    )
    for flag, exptype, what in (
        ("--background", "background", "an off-target background exposure"),
        ("--imprint", "imprint", "a NIRSpec imprint (leakcal) exposure"),
        ("--psf", "psf", "a PSF reference exposure (coronagraphy, AMI)"),
    ):
        roles.add_argument(
            flag,
            dest="roles",
            action=_Role,
            const=exptype,
            metavar="FILE",
            help=f"{what}; repeatable",
        )
    roles.add_argument(
        "--member",
        dest="roles",
        action=_Role,
        nargs=2,
        metavar=("EXPTYPE", "FILE"),
        help="a member of any other type (sourcecat, segmap, direct_image, "
        "target_acquisition, ...); repeatable",
    )
    roles.add_argument(
        "--list",
        dest="lists",
        action="append",
        metavar="FILE",
        help='read members from FILE ("-" for standard input): one "expname [exptype]" a '
        "line, blank lines and # comments skipped; repeatable",
    )

    meta = parser.add_argument_group("association metadata (jwst's keys, in jwst's order)")
    meta.add_argument(
        "--asn-type", help=f"asn_type: {', '.join(ASN_TYPES)} (another value: warned)"
    )
    meta.add_argument("--program", help="program, e.g. 01234 (digits are padded to 5)")
    meta.add_argument("--target", help="target, e.g. t001")
    meta.add_argument("--pool", dest="asn_pool", help="asn_pool: the pool's name")
    meta.add_argument("--version-id", help="version_id")
    meta.add_argument(
        "--paths",
        choices=("keep", "name", "absolute", "relative"),
        default="keep",
        help="how member names are written: keep (as given, the default), name (no "
        "directories), absolute, relative (to the output file's directory)",
    )

    headers = parser.add_argument_group(
        "from FITS headers (needs astropy: pip install 'asnkit[fits]'; see docs/headers.md)"
    )
    headers.add_argument(
        "--from-headers",
        action="store_true",
        help="read each file's primary header for its member type (IS_PSF, IS_IMPRT, "
        "BKGDTARG, target acquisition EXP_TYPEs), program, target, asn_type, the candidate "
        "id and the Stage 3 product name; role flags, --product-name, -i and the metadata "
        "flags win over the headers",
    )
    headers.add_argument(
        "--force",
        action="store_true",
        help="with --from-headers: accept files whose headers disagree (program, "
        "instrument, ...); the first science file's values are used",
    )
    return parser


class _Refusal(Exception):  # noqa: N818 (an outcome, not an error of the program)
    """A refusal, with its exit status; raised while reading the command's inputs."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def run(argv: Sequence[str] | None = None, prog: str = "asn_from_list") -> int:
    """Run the command with ``argv`` (``sys.argv[1:]`` when ``None``); return its exit status."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return int(stop.code or 0)

    problem = _usage_problem(prog, args)
    if problem is not None:
        return refuse(prog, problem, EXIT_USAGE)

    from asnkit.exceptions import HeaderError, InvalidAssociationError, UnknownRuleError
    from asnkit.rules import get_rule

    try:
        rule = get_rule(args.rule)
        members = _members(args, rewrite_paths=not args.from_headers)
        meta: dict[str, JSONValue] = dict(_meta(prog, args))
        product_name, acid = args.product_name, args.acid
        if args.from_headers:
            from asnkit.cli._from_headers import apply_headers

            members, meta, product_name, acid = apply_headers(args, rule.name, members, meta)
        association = rule.build_members(members, product_name=product_name, acid=acid, meta=meta)
    except UnknownRuleError as error:
        return refuse(prog, f"{error} (-r/--rule)", EXIT_USAGE)
    except _Refusal as refusal:
        return refuse(prog, str(refusal), refusal.status)
    except (InvalidAssociationError, HeaderError) as error:
        return refuse(prog, f"{error}; nothing written", EXIT_INVALID)

    _warn_about_members(prog, association, paths=args.paths)
    return _write(prog, association, args.output_file)


def _usage_problem(prog: str, args: argparse.Namespace) -> str | None:
    """What is wrong with the flags, beyond what argparse checks; warn of deprecated ones."""
    if args.ruledefs:
        return (
            "--ruledefs is not supported: asnkit has no rule plugins yet; "
            "use -r DMSLevel2bBase or -r DMS_Level3_Base"
        )
    if args.format is not None:
        if args.format != "json":  # jwst's own value; it fails on any other (even "JSON")
            return f"--format {args.format!r} is not supported: association files are JSON; drop -f"
        warn(prog, "-f/--format is deprecated: association files are always JSON; drop it")
    if args.force and not args.from_headers:
        return "--force applies only with --from-headers"
    if not args.filelist and not args.lists:
        return f"the following arguments are required: filelist (see {prog} --help)"
    return None


def _members(args: argparse.Namespace, *, rewrite_paths: bool = True) -> list[tuple[str, str]]:
    """Every member as ``(expname, exptype)``: science first, then the others as given."""
    from asnkit.vocabulary import ExpType

    given = [(name, ExpType.SCIENCE) for name in args.filelist]
    for source in args.lists or ():
        given += _read_list(source)
    for exptype, pattern in args.roles or ():
        given += [(name, exptype) for name in _expand(pattern)]
    if args.paths != "keep" and rewrite_paths:
        from asnkit.paths import apply_path_policy

        directory = os.path.dirname(args.output_file) or "."  # noqa: PTH120
        given = [
            (apply_path_policy(name, args.paths, association_dir=directory), exptype)
            for name, exptype in given
        ]
    science = [pair for pair in given if pair[1].lower() == ExpType.SCIENCE]
    return science + [pair for pair in given if pair[1].lower() != ExpType.SCIENCE]


def _read_list(source: str) -> list[tuple[str, str]]:
    from asnkit.exceptions import LoadError
    from asnkit.list_file import parse_member_list

    try:
        if source == "-":
            text, name = sys.stdin.read(), "<stdin>"
        else:
            with open(source, encoding="utf-8") as stream:  # noqa: PTH123
                text, name = stream.read(), source
    except OSError as error:
        message = f"cannot read the member list {source}: {error.strerror or error}"
        raise _Refusal(message, EXIT_INVALID) from None
    except UnicodeDecodeError as error:
        message = f"the member list {source} is not UTF-8 text (byte {error.start})"
        raise _Refusal(message, EXIT_INVALID) from None
    try:
        return parse_member_list(text, source=name)
    except LoadError as error:
        raise _Refusal(str(error), EXIT_INVALID) from None


def _expand(pattern: str) -> list[str]:
    """``pattern`` itself, or, when it holds glob characters, the files it matches, sorted.

    A name that exists as it is stays as it is (a file may have ``[`` in its name).
    """
    if not _GLOB_CHARACTERS.intersection(pattern) or os.path.exists(pattern):  # noqa: PTH110
        return [pattern]
    import glob

    matches = sorted(glob.glob(pattern))  # noqa: PTH207
    if not matches:
        message = f"no file matches {pattern!r}: check the pattern, or quote a literal name"
        raise _Refusal(message, EXIT_INVALID)
    return matches


def _meta(prog: str, args: argparse.Namespace) -> dict[str, str | None]:
    """The metadata flags given, as association keys."""
    meta: dict[str, str | None] = {}
    if args.asn_type is not None:
        if args.asn_type not in ASN_TYPES:
            warn(
                prog,
                f"asn_type {args.asn_type!r} is not one the pipelines know "
                f"({', '.join(ASN_TYPES)}); kept as given",
            )
        meta["asn_type"] = args.asn_type
    if args.program is not None:
        # DMS programs are five digits (jw01234...); jwst pads them the same way.
        program = args.program
        meta["program"] = program.zfill(5) if program.isdigit() else program
    for key in ("target", "asn_pool", "version_id"):
        value = getattr(args, key)
        if value is not None:
            meta[key] = value
    return meta


def _warn_about_members(prog: str, association: Association, *, paths: str) -> None:
    """Say, once each, what jwst keeps silently or warns about deep in a traceback."""
    from asnkit.vocabulary import KNOWN_EXPTYPES

    members = [member for product in association.products for member in product.members]
    duplicates = _repeated(
        # Stage 2 repeats every background in every product by design: only a science
        # file given twice (a product made twice) is a repeat there.
        [product.members[0].expname for product in association.products]
        if association.asn_rule == "DMSLevel2bBase"
        else [member.expname for member in members]
    )
    if duplicates:
        warn(
            prog,
            f"{len(duplicates)} file(s) listed more than once, kept as given: "
            f"{_sample(duplicates)}",
        )
    with_path = sorted({m.expname for m in members if "/" in m.expname or "\\" in m.expname})
    if with_path and paths == "keep":
        warn(
            prog,
            f"{len(with_path)} member name(s) hold a directory, which makes the association "
            f"depend on where it is run from (see --paths): {_sample(with_path)}",
        )
    unknown = sorted({m.exptype for m in members} - KNOWN_EXPTYPES)
    if unknown:
        warn(
            prog,
            f"member type(s) no pipeline knows, kept as given: {_sample(unknown)} "
            f"(known: {', '.join(sorted(KNOWN_EXPTYPES))})",
        )


def _repeated(names: list[str]) -> list[str]:
    """The names that occur more than once, in the order of their second occurrence."""
    seen: set[str] = set()
    repeated: list[str] = []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


def _sample(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown}, ... ({len(names) - limit} more)"


def _write(prog: str, association: Association, output: str) -> int:
    from asnkit.io import write

    try:
        write(association, output)
    except OSError as error:
        reason = error.strerror or str(error)
        return refuse(prog, f"cannot write {output}: {reason}; nothing written", EXIT_INVALID)
    return EXIT_OK


def main() -> NoReturn:
    """Console entry point of ``asn_from_list``."""
    sys.exit(run())
