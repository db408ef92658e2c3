"""Copy an association and its members into one folder (jwst's ``asn_gather``).

Everything is checked before anything is copied: each member is found (relative names from
the association's folder, or from ``source``), no two members land on the same name, and
no name can land outside the destination. Members are copied with :mod:`shutil` (no shell,
no rsync), each to a temporary file in the destination that is then renamed into place, so
a member file is never half-written and a symbolic link in the destination is replaced, not
written through. The association, its members renamed to bare file names, is written last
and atomically, in the layout of the original file: when it is there, everything it names
is there.

A member that cannot be found stops the gathering before anything is copied, unless
``skip_missing`` is set: then the member is left out of the gathered association (and a
product left with no member is left out too).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import attrs

from asnkit._types import names as _names
from asnkit.exceptions import GatherError

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    from asnkit._types import Names
    from asnkit.models import Association, Member, Product
    from asnkit.validation import Report

__all__ = ["GatherResult", "gather"]


@attrs.frozen
class GatherResult:
    """What :func:`gather` did.

    Attributes:
        association: The path of the association written in the destination.
        copied: The destination paths of the member files copied, in order.
        missing: The members that could not be found and were left out (only with
            ``skip_missing``; otherwise a missing member stops the gathering).
        problems: Why the gathered association is invalid (only with ``force``;
            otherwise an invalid result stops the gathering before anything is copied).
    """

    association: Path
    copied: tuple[Path, ...]
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def _types(values: Names | None, what: str) -> frozenset[str] | None:
    return None if values is None else frozenset(v.lower() for v in _names(values, what))


def _wanted(member: Member, include: frozenset[str] | None, exclude: frozenset[str]) -> bool:
    kind = member.exptype.lower()
    return kind not in exclude and (include is None or kind in include)


def _safe_name(expname: str) -> str:
    """The bare file name ``expname`` lands on in the destination.

    Raises:
        GatherError: the name has no file part (``""``, ``.``, ``..``) and could only land
            on the destination itself or outside it.
    """
    from asnkit.name_parts import file_name_problem

    name = PurePosixPath(expname.replace("\\", "/")).name
    if name in {"", ".", ".."}:
        msg = f"member {expname!r} names no file; it cannot be gathered (fix its expname)"
        raise GatherError(msg)
    problem = file_name_problem(name)
    if problem is not None:
        msg = f"member {expname!r}: the file name {problem}; nothing copied (fix its expname)"
        raise GatherError(msg)
    return name


def gather(
    asn_path: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    exptypes: Names | None = None,
    exclude: Names | None = None,
    source: str | os.PathLike[str] | None = None,
    skip_missing: bool = False,
    force: bool = False,
    on_report: Callable[[Report], object] | None = None,
) -> GatherResult:
    """Copy the association at ``asn_path`` and its members into the folder ``dest``.

    Args:
        asn_path: The association file.
        dest: The destination folder; made if it is not there.
        exptypes: Gather only the members of these types (case-insensitive); ``None``
            means every type.
        exclude: Leave out the members of these types.
        source: The folder relative member names are resolved from; by default the
            association's folder.
        skip_missing: Leave out members that cannot be found instead of stopping.
        force: Gather even when the gathered association would be invalid (``--exclude
            science`` leaves products with no science member): ``problems`` says why.
        on_report: Called with what ``validate`` reports of the gathered association (its
            warnings, and its errors with ``force``), before anything is copied.

    Returns:
        The gathered association's path and the member files copied (with a member's
        ``tweakreg_catalog`` when that file is there: Roman's source catalogs).

    Raises:
        LoadError: the association cannot be read.
        GatherError: ``dest`` is the association's own folder, no member is left to gather,
            members are missing, two members would land on the same name, or a name has no
            file part. Nothing has been copied.
        InvalidAssociationError: the gathered association would be invalid, as ``asnkit
            validate`` checks it (and not ``force``). Nothing has been copied.
        OSError: a copy failed (the files already copied stay, the association is not
            written), or the association's name in ``dest`` is a symbolic link that leads
            out of it (nothing copied).
    """
    from asnkit.codec.whitespace import render
    from asnkit.files import confined, write_text
    from asnkit.io import read_with_whitespace
    from asnkit.write_check import checked_report, problems_of

    origin = Path(asn_path)
    asn, layout = read_with_whitespace(origin)
    base = Path(source) if source is not None else origin.parent
    destination = Path(dest)
    _check_destination(destination, origin)
    include, leave_out = _types(exptypes, "exptypes"), _types(exclude, "exclude") or frozenset()
    chosen = _choose(asn, include, leave_out)

    sources, missing = _find(chosen, base)
    if missing and not skip_missing:
        msg = (
            f"{len(missing)} member(s) of {origin} not found (relative names looked up in "
            f"{base.resolve()}); nothing copied (--skip-missing leaves them out)"
        )
        raise GatherError(msg, missing=tuple(missing))
    if missing:
        chosen = _without(chosen, frozenset(missing))
        if not chosen:
            msg = f"no member of {origin} could be found; nothing copied"
            raise GatherError(msg)

    targets = _targets(sources)
    catalogs = _catalogs(chosen, base, targets)
    gathered = _renamed(asn, chosen, targets, catalogs)
    text = render(gathered, layout)
    report = checked_report(text, force=force, what="gathering")
    problems = problems_of(report)
    if on_report is not None:
        on_report(report)
    # Every file lands in the destination: checked before the first copy (a link there
    # that leads outside it is refused; each member's copy replaces a link, not follows).
    out = Path(confined(destination, origin.name))
    destination.mkdir(parents=True, exist_ok=True)
    copied = []
    for expname, name in targets.items():
        target = destination / name
        if target.exists() and target.samefile(sources[expname]):
            continue  # gathering into the folder the member is in
        _copy(sources[expname], target)
        copied.append(target)
    for path, name in catalogs.values():
        target = destination / name
        if not (target.exists() and target.samefile(path)):
            _copy(path, target)
            copied.append(target)

    write_text(out, text)
    return GatherResult(
        association=out, copied=tuple(copied), missing=tuple(missing), problems=tuple(problems)
    )


def _check_destination(destination: Path, origin: Path) -> None:
    """Refuse a destination that is a file, or the association's own folder."""
    if destination.exists() and not destination.is_dir():
        msg = f"{destination} is a file, not a folder: give the folder to gather into"
        raise GatherError(msg)
    if destination.is_dir() and destination.samefile(origin.parent):
        msg = (
            f"{destination} is the folder {origin.name} is in; gathering there would "
            "overwrite it: give another destination"
        )
        raise GatherError(msg)


def _choose(
    asn: Association, include: frozenset[str] | None, exclude: frozenset[str]
) -> tuple[Product, ...]:
    """The products with the members of the types asked for; empty products left out.

    Raises:
        GatherError: a type asked for (or left out) that no member has is a misspelling of
            one (``backgroud``); or no member is left.
    """
    _check_spelling(asn, include or frozenset(), "exptypes")
    _check_spelling(asn, exclude, "exclude")
    chosen = []
    for product in asn.products:
        members = tuple(m for m in product.members if _wanted(m, include, exclude))
        if members:
            chosen.append(attrs.evolve(product, members=members))
    if not chosen:
        msg = "no member has the types asked for; nothing to gather (check --exptypes/--exclude)"
        raise GatherError(msg)
    return tuple(chosen)


def _check_spelling(asn: Association, asked: frozenset[str], option: str) -> None:
    """Refuse a type no member has that is close to a type one has, or that DMS knows."""
    present = {m.exptype.lower() for product in asn.products for m in product.members}
    for kind in sorted(asked - present):
        import difflib

        from asnkit.vocabulary import KNOWN_EXPTYPES

        choices = sorted(present | set(KNOWN_EXPTYPES))
        close = difflib.get_close_matches(kind, choices, n=1, cutoff=0.8)
        if close and kind not in KNOWN_EXPTYPES:
            msg = (
                f"no member has exptype {kind!r} (--{option}): did you mean {close[0]!r}? "
                f"(the association's: {', '.join(sorted(present))})"
            )
            raise GatherError(msg, usage=True)


def _find(products: tuple[Product, ...], base: Path) -> tuple[dict[str, Path], list[str]]:
    """The file of each member that is there, and the names of those that are not."""
    sources: dict[str, Path] = {}
    missing: list[str] = []
    for product in products:
        for member in product.members:
            path = Path(member.expname)
            path = path if path.is_absolute() else base / path
            if path.is_file():
                sources[member.expname] = path
            elif member.expname not in missing:
                missing.append(member.expname)
    return sources, missing


def _without(products: tuple[Product, ...], names: frozenset[str]) -> tuple[Product, ...]:
    kept = []
    for product in products:
        members = tuple(m for m in product.members if m.expname not in names)
        if members:
            kept.append(attrs.evolve(product, members=members))
    return tuple(kept)


def _targets(sources: dict[str, Path]) -> dict[str, str]:
    """Each member's name in the destination; two different files on one name refused."""
    targets: dict[str, str] = {}
    claimed: dict[str, str] = {}
    clashes = []
    for expname, path in sources.items():
        name = _safe_name(expname)
        other = claimed.setdefault(name, expname)
        if other != expname and not path.samefile(sources[other]):
            clashes.append(f"{other} and {expname} -> {name}")
        targets[expname] = name
    if clashes:
        msg = f"members would land on the same name: {'; '.join(clashes)}; nothing copied"
        raise GatherError(msg)
    return targets


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file beside it, then rename.

    A symbolic link at ``target`` is replaced by the copy, not written through.
    """
    from asnkit.files import copy_file

    copy_file(source, target, follow=False)


_CATALOG = "tweakreg_catalog"
"""A member's source catalog (Roman's tweakreg reads it): gathered with its member."""


def _catalogs(
    products: tuple[Product, ...], base: Path, targets: dict[str, str]
) -> dict[str, tuple[Path, str]]:
    """Each ``tweakreg_catalog`` that is there: its file and its bare name in the destination.

    A catalog that is not there is left as written.

    Raises:
        GatherError: a catalog would land on the name of a member, or of another catalog.
    """
    found: dict[str, tuple[Path, str]] = {}
    claimed = {name: expname for expname, name in targets.items()}
    for product in products:
        for member in product.members:
            catalog = member.extra.get(_CATALOG)
            if not isinstance(catalog, str) or catalog in found:
                continue
            path = Path(catalog)
            path = path if path.is_absolute() else base / path
            if not path.is_file():
                continue
            name = _safe_name(catalog)  # the name-part rule, as for members
            other = claimed.setdefault(name, catalog)
            if other != catalog:
                msg = (
                    f"{other} and the catalog {catalog} would land on the same name {name}; "
                    "nothing copied"
                )
                raise GatherError(msg)
            found[catalog] = (path, name)
    return found


def _renamed(
    asn: Association,
    products: tuple[Product, ...],
    targets: dict[str, str],
    catalogs: dict[str, tuple[Path, str]],
) -> Association:
    def moved(member: Member) -> Member:
        catalog = member.extra.get(_CATALOG)
        extra = member.extra
        if isinstance(catalog, str) and catalog in catalogs:
            extra = {**member.extra, _CATALOG: catalogs[catalog][1]}
        return attrs.evolve(member, expname=targets[member.expname], extra=extra)

    renamed = tuple(
        attrs.evolve(product, members=tuple(moved(m) for m in product.members))
        for product in products
    )
    return attrs.evolve(asn, products=renamed)
