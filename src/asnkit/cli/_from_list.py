"""What ``asn_from_list`` and ``asnkit from-list`` do once their arguments are parsed.

The two commands parse differently (``asn_from_list`` with argparse, exactly as jwst's;
``asnkit from-list`` with typer) and hand the same :class:`Request` to :func:`make`, so that
what they check, build, warn about and write cannot drift apart. This module is on the
start-up path of ``asn_from_list``: it imports neither argparse nor typer, and the library
only when it runs.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final, NamedTuple

from asnkit.cli._exit import ExitStatus, refuse, warn
from asnkit.cli._written import warn_as_validate_does
from asnkit.paths import PATH_POLICIES, PathPolicy

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asnkit.models import JSONValue
    from asnkit.rules.protocol import Rule

__all__ = ["PATH_POLICIES", "Request", "make"]

EXIT_OK: Final = ExitStatus.OK
EXIT_INVALID: Final = ExitStatus.INVALID
EXIT_USAGE: Final = ExitStatus.USAGE


class Request(NamedTuple):
    """Everything the command line says, whichever parser read it.

    Attributes:
        output_file: ``-o/--output-file``.
        filelist: The science files given as arguments.
        product_name: ``--product-name``.
        rule: ``-r/--rule``.
        acid: ``-i/--id``.
        format: ``-f/--format`` (deprecated; ``None`` when not given).
        ruledefs: ``--ruledefs`` (refused when given).
        roles: ``(exptype, file)`` of every role flag, in command-line order.
        lists: ``--list`` files.
        asn_type: ``--asn-type``.
        program: ``--program``.
        target: ``--target``.
        asn_pool: ``--pool``.
        version_id: ``--version-id``.
        paths: ``--paths``: one of :data:`PATH_POLICIES`.
        from_headers: ``--from-headers``.
        force: ``--force``.
        expand: Expand a file argument the shell did not (``*``, ``?``, ``[``), as the role
            flags and ``--list`` are: ``asnkit from-list`` does, ``asn_from_list`` (jwst's
            command) takes every argument as a name.
    """

    output_file: str
    filelist: Sequence[str] = ()
    product_name: str | None = None
    rule: str = "DMS_Level3_Base"
    acid: str | None = None
    format: str | None = None
    ruledefs: Sequence[str] | None = None
    roles: Sequence[tuple[str, str]] | None = None
    lists: Sequence[str] | None = None
    asn_type: str | None = None
    program: str | None = None
    target: str | None = None
    asn_pool: str | None = None
    version_id: str | None = None
    paths: PathPolicy = "keep"
    from_headers: bool = False
    force: bool = False
    expand: bool = False


class _Refusal(Exception):  # noqa: N818 (an outcome, not an error of the program)
    """A refusal, with its exit status; raised while reading the command's inputs."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def make(args: Request, prog: str) -> int:
    """Check ``args``, build the association, warn, write it; the exit status."""
    problem = _usage_problem(prog, args)
    if problem is not None:
        return refuse(prog, problem, EXIT_USAGE)

    from asnkit.codec.emit import dumps
    from asnkit.exceptions import HeaderError, InvalidAssociationError, UnknownRuleError
    from asnkit.from_list import check_distinct_products
    from asnkit.rules import RULES, ProductNaming, get_rule
    from asnkit.write_check import checked_report, problems_of

    try:
        rule = _jwst_rule(get_rule(args.rule))
        members = _members(args, rewrite_paths=not args.from_headers)
        meta: dict[str, JSONValue] = dict(_meta(args))
        if args.from_headers:
            from asnkit.cli._from_headers import association_from_headers

            association = association_from_headers(
                args, rule.name, members, meta, lambda message: warn(prog, message)
            )
        else:
            _require_product_name(rule.stage, args)
            naming = ProductNaming(name=args.product_name)
            association = rule.build_members(members, naming=naming, acid=args.acid, meta=meta)
        check_distinct_products(association)
    except UnknownRuleError as error:
        jwst = [name for name, known in RULES.items() if known.mission == "jwst"]
        message = f"unknown rule {error.name!r}; known rules: {', '.join(jwst)} (-r/--rule)"
        if error.instead:
            message = f"{error} (-r/--rule)"
        return refuse(prog, message, EXIT_USAGE)
    except _Refusal as refusal:
        return refuse(prog, str(refusal), refusal.status)
    except (InvalidAssociationError, HeaderError) as error:
        return refuse(prog, f"{error}; nothing written", EXIT_INVALID)
    text = dumps(association)
    try:
        # What is written is checked as asnkit validate checks a file (asnkit.write_check),
        # and what validate would warn of is what the command warns of.
        report = checked_report(text, force=args.force, what="the files given")
    except InvalidAssociationError as error:
        return refuse(prog, f"{error}; nothing written (--force writes it anyway)", EXIT_INVALID)

    warn_as_validate_does(prog, [("", report)])
    problems = problems_of(report)
    if problems:
        from asnkit.write_check import summary

        warn(prog, f"--force: writing an invalid association: {summary(problems)}")
    return _write(prog, text, args.output_file)


def _require_product_name(stage: str, args: Request) -> None:
    """Refuse a Stage 3 association without ``--product-name`` (in the command's words)."""
    if stage == "level3" and args.product_name is None:
        message = "a Stage 3 association needs a product name: give --product-name NAME"
        raise _Refusal(message + "; nothing written", EXIT_INVALID)


def _jwst_rule(rule: Rule) -> Rule:
    """``rule``, refused when it is another mission's (``DMS_ELPP_Base``: Roman's)."""
    if rule.mission != "jwst":
        message = (
            f"{rule.name} is Roman's rule: use asnkit roman from-list "
            "(romancal's asn_from_list command line)"
        )
        raise _Refusal(message, EXIT_USAGE)
    return rule


def _usage_problem(prog: str, args: Request) -> str | None:
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
    if not args.filelist and not args.lists:
        return f"the following arguments are required: filelist (see {prog} --help)"
    return None


def _members(args: Request, *, rewrite_paths: bool = True) -> list[tuple[str, str]]:
    """Every member as ``(expname, exptype)``: science first, then the others as given."""
    from asnkit.vocabulary import ExpType

    names = (
        [name for pattern in args.filelist for name in _expand(pattern)]
        if args.expand
        else args.filelist
    )
    given = [(name, ExpType.SCIENCE) for name in names]
    for source in args.lists or ():
        given += _read_list(source)
    for exptype, pattern in args.roles or ():
        given += [(name, exptype) for name in _expand(pattern)]
    if args.paths != "keep" and rewrite_paths:
        from asnkit.paths import rewrite_names

        directory = os.path.dirname(args.output_file) or "."  # noqa: PTH120
        given = rewrite_names(given, args.paths, association_dir=directory)
    science = [pair for pair in given if pair[1].lower() == ExpType.SCIENCE]
    return science + [pair for pair in given if pair[1].lower() != ExpType.SCIENCE]


def _read_list(source: str) -> list[tuple[str, str]]:
    """The members of the list file ``source`` (see asnkit.list_file for the format)."""
    from asnkit.exceptions import LoadError
    from asnkit.list_file import parse_member_list
    from asnkit.paths import expand_pattern

    try:
        if source == "-":
            stdin = getattr(sys.stdin, "buffer", None)  # none when replaced by a StringIO
            data, name = (sys.stdin.read() if stdin is None else stdin.read()), "<stdin>"
        else:
            with open(source, "rb") as stream:  # noqa: PTH123
                data, name = stream.read(), source
        text = data if isinstance(data, str) else data.decode("utf-8")
    except OSError as error:
        message = f"cannot read the member list {source}: {error.strerror or error}"
        missing = isinstance(error, FileNotFoundError)
        raise _Refusal(message, ExitStatus.MISSING if missing else EXIT_INVALID) from None
    except UnicodeDecodeError as error:
        message = f"the member list {source} is not UTF-8 text (byte {error.start})"
        raise _Refusal(message, EXIT_INVALID) from None
    try:
        return parse_member_list(text, source=name, expand=expand_pattern)
    except LoadError as error:
        raise _Refusal(str(error), EXIT_INVALID) from None


def _expand(pattern: str) -> list[str]:
    """``pattern`` itself, or the files it matches, sorted (see asnkit.paths.expand_pattern)."""
    from asnkit.exceptions import InvalidAssociationError
    from asnkit.paths import expand_pattern

    try:
        return expand_pattern(pattern)
    except InvalidAssociationError as error:
        raise _Refusal(str(error), ExitStatus.MISSING) from None


def _meta(args: Request) -> dict[str, str | None]:
    """The metadata flags given, as association keys."""
    meta: dict[str, str | None] = {}
    if args.asn_type is not None:  # one no pipeline knows: validation warns of it
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


def _write(prog: str, text: str, output: str) -> int:
    from asnkit.files import write_text

    try:
        write_text(output, text)
    except OSError as error:
        reason = error.strerror or str(error)
        return refuse(prog, f"cannot write {output}: {reason}; nothing written", EXIT_INVALID)
    return EXIT_OK
