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
from asnkit.paths import PATH_POLICIES, PathPolicy
from asnkit.vocabulary import ASN_TYPES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asnkit.models import Association, JSONValue
    from asnkit.vocabulary import Stage

__all__ = ["PATH_POLICIES", "Request", "make"]

EXIT_OK: Final = ExitStatus.OK
EXIT_INVALID: Final = ExitStatus.INVALID
EXIT_USAGE: Final = ExitStatus.USAGE

_GLOB_CHARACTERS: Final = frozenset("*?[")


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

    from asnkit.exceptions import HeaderError, InvalidAssociationError, UnknownRuleError
    from asnkit.rules import ProductNaming, get_rule

    try:
        rule = get_rule(args.rule)
        members = _members(args, rewrite_paths=not args.from_headers)
        meta: dict[str, JSONValue] = dict(_meta(prog, args))
        product_name, acid = args.product_name, args.acid
        if args.from_headers:
            from asnkit.cli._from_headers import apply_headers

            members, meta, product_name, acid = apply_headers(args, rule.name, members, meta)
        naming = ProductNaming(name=product_name)
        association = rule.build_members(members, naming=naming, acid=acid, meta=meta)
    except UnknownRuleError as error:
        return refuse(prog, f"{error} (-r/--rule)", EXIT_USAGE)
    except _Refusal as refusal:
        return refuse(prog, str(refusal), refusal.status)
    except (InvalidAssociationError, HeaderError) as error:
        return refuse(prog, f"{error}; nothing written", EXIT_INVALID)

    _warn_about_members(prog, association, stage=rule.stage, paths=args.paths)
    return _write(prog, association, args.output_file)


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
    if args.force and not args.from_headers:
        return "--force applies only with --from-headers"
    if not args.filelist and not args.lists:
        return f"the following arguments are required: filelist (see {prog} --help)"
    return None


def _members(args: Request, *, rewrite_paths: bool = True) -> list[tuple[str, str]]:
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


def _meta(prog: str, args: Request) -> dict[str, str | None]:
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


def _warn_about_members(prog: str, association: Association, *, stage: Stage, paths: str) -> None:
    """Say, once each, what jwst keeps silently or warns about deep in a traceback."""
    from asnkit.vocabulary import KNOWN_EXPTYPES

    members = [member for product in association.products for member in product.members]
    duplicates = _repeated(
        # Stage 2 repeats every background in every product by design: only a science
        # file given twice (a product made twice) is a repeat there.
        [product.members[0].expname for product in association.products]
        if stage == "level2b"
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
