"""``asnkit edit ASN``: change an association file safely.

Both spellings work: asnkit's (``--add FILE... --type background``) and jwst's ``asn_edit``
(``-a ASN FILE...``, ``-r``, ``-t``, ``-i``, ``-o``). Every change asked for is made on the
loaded association in a fixed order (remove, add, set-type, set-attr, rename-product, set);
the result is checked, and written only if it is a valid association: atomically, in the
layout of the original file, optionally keeping the previous file as ``ASN.bak``.
"""

import os
from typing import TYPE_CHECKING, Annotated

import attrs
import typer

from asnkit.cli._exit import ExitStatus, refuse, status_of, warn
from asnkit.cli._typer import VersionOption, done, given_in_order, values_of
from asnkit.cli._written import warn_as_validate_does

if TYPE_CHECKING:
    from asnkit.models import Association
    from asnkit.validation import Report

EXIT_OK = ExitStatus.OK
EXIT_INVALID = ExitStatus.INVALID
EXIT_USAGE = ExitStatus.USAGE
_PROG = "asnkit edit"
ARITY = {"--set-type": 2, "--set-attr": 3, "--rename-product": 2, "--set": 2}
"""The options that take several values (see asnkit.cli._typer.AsnkitCommand)."""


@attrs.frozen
class _Changes:
    """What the command line asks of the association, besides the files to add and remove.

    Attributes:
        ignore_suffix: Files to remove are matched without their step suffix.
        type: The type of the added members.
        product: The product the members are added to, or ``None`` for every one.
        set_type: ``(file, exptype)`` of each --set-type.
        set_attr: ``(file, key, value)`` of each --set-attr.
        rename_product: ``(old, new)`` of each --rename-product.
        set: ``(key, value)`` of each --set.
        output: Where the result is written (``None``: over the association).
        backup: Whether the previous file is kept as ``ASN.bak``.
        force: Whether an invalid result is written anyway.
    """

    ignore_suffix: bool
    type: str
    product: str | None
    set_type: list[tuple[str, str]]
    set_attr: list[tuple[str, str, str]]
    rename_product: list[tuple[str, str]]
    set: list[tuple[str, str]]
    output: str | None
    backup: bool
    force: bool


def _pairs(values: list[str] | None) -> list[tuple[str, str]]:
    pairs = []
    for value in values or ():
        first, second = values_of(value)
        pairs.append((first, second))
    return pairs


def _triples(values: list[str] | None) -> list[tuple[str, str, str]]:
    triples = []
    for value in values or ():
        first, second, third = values_of(value)
        triples.append((first, second, third))
    return triples


def command(
    *,
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="ASN [FILE...]",
            help="The association, then the files to add (after -a/--add) or remove "
            "(after -r/--remove).",
            show_default=False,
        ),
    ],
    add: Annotated[
        bool, typer.Option("--add", "-a", help="The FILEs that follow are added as members.")
    ] = False,
    remove: Annotated[
        bool, typer.Option("--remove", "-r", help="The FILEs that follow are removed.")
    ] = False,
    exptype: Annotated[
        str,
        typer.Option("--type", "-t", metavar="EXPTYPE", help="The type of the added members."),
    ] = "science",
    product: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Add to this product only (default: every product, as jwst's asn_edit; at "
            "Stage 2b a science or PSF file makes a product of its own, as from-list).",
            show_default=False,
        ),
    ] = None,
    ignore_suffix: Annotated[
        bool,
        typer.Option(
            "--ignore-suffix",
            "-i",
            "--ignore",
            help="With --remove: match names without their step suffix (a_rate = a_cal).",
        ),
    ] = False,
    set_type: Annotated[
        list[str] | None,
        typer.Option(metavar="FILE EXPTYPE", help="Change a member's type.", show_default=False),
    ] = None,
    set_attr: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE KEY VALUE",
            help="Set a member's key (group_id, tweakreg_catalog, ...) to the string VALUE.",
            show_default=False,
        ),
    ] = None,
    rename_product: Annotated[
        list[str] | None,
        typer.Option(metavar="OLD NEW", help="Rename a product.", show_default=False),
    ] = None,
    set_key: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY VALUE",
            help="Set a top-level key (program, target, asn_type, ...) to the string VALUE.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Write here instead of over ASN.",
            show_default=False,
        ),
    ] = None,
    backup: Annotated[
        bool,
        typer.Option(
            "--backup", help="Keep the file being replaced as OUT.bak (ASN.bak in place)."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write even an association asnkit validate would reject; a warning names "
            "the problems.",
        ),
    ] = False,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Add, remove or change members, products and metadata of an association.

    Changes are made in this order: remove, add, set-type, set-attr,
    rename-product, set; the result is checked and written only if valid,
    atomically, in the layout of the original file. Added files are written
    relative to the association's folder (the bare name when the file sits
    beside it); a name that is not a file is written as given. jwst's asn_edit
    spelling works: -a/-r, then ASN, then the files.

    \b
    Examples:
      asnkit edit l3_asn.json --add c_cal.fits d_cal.fits
      asnkit edit l3_asn.json --add bg_cal.fits --type background --backup
      asnkit edit l3_asn.json --remove b_cal.fits -o smaller_asn.json
      asnkit edit l3_asn.json --remove b_rate.fits --ignore-suffix
      asnkit edit l3_asn.json --set-type c_cal.fits psf --set program 01234
      asnkit edit -a l3_asn.json c_cal.fits        (jwst's asn_edit spelling)
      asnkit edit -r -i l3_asn.json b_rate.fits    (jwst's asn_edit spelling)

    Exit status: 0 written, 1 the edit cannot be made or would make an invalid
    association (nothing written), 2 bad usage.
    """
    del paths  # read in command-line order by given_in_order below
    args = _Changes(
        ignore_suffix=ignore_suffix,
        type=exptype,
        product=product,
        set_type=_pairs(set_type),
        set_attr=_triples(set_attr),
        rename_product=_pairs(rename_product),
        set=_pairs(set_key),
        output=output,
        backup=backup,
        force=force,
    )
    try:
        association, adds, removes = _split_paths(given_in_order(ctx), add=add, remove=remove)
    except _UsageError as error:
        done(refuse(_PROG, f"{error} (see {_PROG} --help)", EXIT_USAGE))
    done(_run(args, association=association, adds=adds, removes=removes, prog=_PROG))


class _UsageError(Exception):
    pass


def _split_paths(
    given: list[tuple[str | None, list[str]]], *, add: bool, remove: bool
) -> tuple[str, list[str], list[str]]:
    """The association, the files to add and the files to remove, from either spelling.

    The association is the first name given (``asnkit edit ASN --add FILE...`` and jwst's
    ``asn_edit -a ASN FILE...`` alike); each name after it goes to the last of
    -a/--add, -r/--remove before it, or, before either, to the one given.
    """
    names: dict[str | None, list[str]] = {None: [], "add": [], "remove": []}
    mode: str | None = None
    for name, values in given:
        if name in {"add", "remove"}:
            mode = name
        elif name is None:
            names[mode if names[None] else None].extend(values)
    association = names[None][0] if names[None] else None
    adds, removes, loose = names["add"], names["remove"], names[None][1:]
    if association is None:
        msg = "give the association file first: ASN [options]"
        raise _UsageError(msg)
    if loose:
        if add == remove:
            msg = f"say what to do with {', '.join(loose)}: give -a/--add or -r/--remove (not both)"
            raise _UsageError(msg)
        (adds if add else removes)[:0] = loose
    if add and not adds:
        msg = "--add needs at least one FILE"
        raise _UsageError(msg)
    if remove and not removes:
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
    args: _Changes,
    asn: "Association",
    *,
    association: str,
    adds: list[str],
    removes: list[str],
    warnings: list[str],
) -> "Association":
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


def _run(
    args: _Changes, *, association: str, adds: list[str], removes: list[str], prog: str
) -> int:
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
    args: _Changes, *, association: str, adds: list[str], removes: list[str], prog: str
) -> int:
    """Load, change, check, then write (the file locked throughout); the exit status."""
    from asnkit.edit import edit_file
    from asnkit.exceptions import AsnkitError, InvalidAssociationError

    warnings: list[str] = []  # said once the file is written, not when the edit is refused

    def change(asn: "Association") -> "Association":
        warnings.clear()
        return _apply(
            args, asn, association=association, adds=adds, removes=removes, warnings=warnings
        )

    target = args.output or association
    if os.path.isdir(association):  # noqa: PTH112
        return refuse(prog, f"{association} is a folder: give an association file", EXIT_USAGE)
    force = args.force
    reports: list[Report] = []
    try:
        problems = edit_file(
            association,
            change,
            output=args.output,
            backup=args.backup,
            force=force,
            on_report=reports.append,
        )
    except InvalidAssociationError as error:
        return refuse(prog, f"{error}; nothing written (--force writes it anyway)", EXIT_INVALID)
    except AsnkitError as error:
        return refuse(prog, f"{error}; nothing written", status_of(error))
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename if error.filename is not None else target
        return refuse(prog, f"cannot write {where}: {reason}; nothing written", EXIT_INVALID)
    for warning in warnings:
        warn(prog, warning)
    warn_as_validate_does(prog, [("", report) for report in reports[-1:]])
    if problems:
        from asnkit.write_check import summary

        warn(prog, f"--force: wrote an invalid association: {summary(problems)}")
    return EXIT_OK
