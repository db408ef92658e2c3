"""Header-aware creation and ``asnkit inspect``: views of ``asnkit generate`` over given files.

The files' primary headers become pool rows exactly as ``asnkit generate FILES`` makes them
(:func:`asnkit.generate.fits.pool_from_files`); the generate engine runs jwst 3.0.0's rules
over them; the association that takes the files is the answer. Nothing here restates which
exposure a rule takes, in which role, or how a product is named: the rules say it once.

- :func:`engine_view` runs the engine over the files and says, for each file, which
  associations of a stage take it and in which role, or why none does.
- :func:`association_from_headers` is the association the files make (see
  :func:`choose` for files that are not exactly one generated association).

Only the primary header of each file is read (:mod:`asnkit.fits_header`, with astropy,
an optional dependency: ``pip install 'asnkit[fits]'``). docs/headers.md tells the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from asnkit.exceptions import HeaderError
from asnkit.fits_header import KEYWORDS, read_primary_header
from asnkit.generate.pool import Pool
from asnkit.models import Association
from asnkit.rules import rule_for_stage
from asnkit.vocabulary import Stage

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, Sequence

    from asnkit.generate.engine import GenAsn
    from asnkit.generate.fits import Headers
    from asnkit.models import JSONValue

__all__ = [
    "KEYWORDS",
    "POOL_NAME",
    "EngineView",
    "FileView",
    "Made",
    "Taken",
    "association_from_headers",
    "choose",
    "engine_view",
    "read_primary_header",
]

POOL_NAME: Final = "none"
"""``asn_pool`` of an association made from headers (no pool file): ``asn_from_list``'s."""


@attrs.frozen
class Taken:
    """One generated association that takes a file.

    Attributes:
        association: The file name ``asnkit generate`` gives the association.
        asn_type: Its type (``image3``, ``spec2``, ...).
        asn_rule: Its rule (``candidate_Asn_Lv3Image``).
        product: The product that holds the file.
        role: The file's member type there (``science``, ``psf``, ``background``...).
    """

    association: str
    asn_type: str
    asn_rule: str
    product: str
    role: str


@attrs.frozen
class FileView:
    """What the engine says of one file at one stage.

    Attributes:
        path: The file, as given.
        taken: Every association of the stage that takes it (in the order generated).
        exp_type: The file's ``EXP_TYPE`` (lower case).
        kind: What DMS makes of the exposure: ``science``, ``target_acquisition``,
            ``dark``... (:func:`asnkit.generate.dms.exposure_type`).
    """

    path: str
    taken: tuple[Taken, ...]
    exp_type: str
    kind: str


@attrs.frozen
class Made:
    """One generated association of the stage.

    Attributes:
        name: The file name ``asnkit generate`` gives it.
        document: The association, its members named as the files were given.
        files: The given files it takes, in the order of its members.
        rule: Its rule's name (``Asn_Lv3Image``).
        member_files: The given file of each member, product by product.
        of_science: Whether its first member is a science exposure by DMS's reading
            (:func:`asnkit.generate.dms.exposure_type`: not a PSF, imprint, background or
            target acquisition).
    """

    name: str
    document: Association
    files: tuple[str, ...]
    rule: str
    member_files: tuple[tuple[str, ...], ...]
    of_science: bool


@attrs.frozen
class EngineView:
    """The generate engine over some files, seen from one stage.

    Attributes:
        stage: ``level2b`` or ``level3``.
        files: One view per file, in the order given (each file once).
        associations: The generated associations of the stage, in the order generated.
    """

    stage: Stage
    files: tuple[FileView, ...]
    associations: tuple[Made, ...]
    pool: Pool = attrs.field(repr=False)
    _reasons: dict[str, tuple[str, ...]] = attrs.field(factory=dict, repr=False, eq=False)

    def reasons(self, file: FileView) -> tuple[str, ...]:
        """Why each rule of the stage did not take ``file``: ``--explain``'s lines.

        One ``Rule: first condition failed`` line per rule, as ``asnkit generate --explain``
        says them (it runs the engine again: asked only for a file no association takes).
        """
        if file.path not in self._reasons:
            self._reasons[file.path] = _reasons(self.pool, file.path.lower(), self.stage)
        return self._reasons[file.path]

    def why_not(self, file: FileView) -> str | None:
        """Why no association takes ``file`` (``None`` when one does), in one line.

        The reason of the rule of the association that takes the most files (why the
        association the others make did not take this one), else of the first rule that
        does not only say the file's EXP_TYPE (or kind) is not one it takes (or that a
        keyword it reads is in no file), else that no rule of the stage takes the EXP_TYPE.
        """
        if file.taken:
            return None
        reasons = self.reasons(file)
        by_rule = {reason.partition(":")[0]: reason for reason in reasons}
        for made in sorted(self.associations, key=lambda made: -len(made.files)):
            if made.rule in by_rule:
                return by_rule[made.rule]
        wrong_type = (
            f"EXP_TYPE={file.exp_type}, needs ",
            f": is {file.kind}, needs ",
            ": the pool has no ",
        )
        telling = [reason for reason in reasons if not any(w in reason for w in wrong_type)]
        if telling:
            return telling[0]
        return f"no rule of the stage takes EXP_TYPE={file.exp_type.upper()}"


def _unique(paths: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(paths))


def _generated(paths: Sequence[str], headers: Headers | None) -> tuple[Pool, list[GenAsn]]:
    """The pool the files' headers make, and every association the engine writes from it."""
    from asnkit.generate import default_registry
    from asnkit.generate.engine import run
    from asnkit.generate.fits import pool_from_files

    pool = pool_from_files(paths, name=POOL_NAME, headers=headers)
    try:
        # The rules compiled once for every run, as asnkit generate runs them.
        made = run(pool.rows, default_registry(), pool_name=pool.name)
    except KeyError as error:
        keyword = str(error.args[0]).upper()
        msg = f"no file has the keyword {keyword}, which the rules read; add it to the headers"
        raise HeaderError(", ".join(paths), msg) from None
    except LookupError:
        msg = "a file has no EXP_TYPE value, which the rules read"
        raise HeaderError(", ".join(paths), msg) from None
    return pool, made


def _reasons(pool: Pool, filename: str, stage: Stage) -> tuple[str, ...]:
    """Why each rule of ``stage`` did not take the file: ``asnkit generate --explain``'s lines."""
    from asnkit.generate import rules
    from asnkit.generate.explain import explain

    stage_rules = [rule for rule in rules() if rule.stage == stage]
    block: list[str] = []
    for line in explain(pool, filename, rules=stage_rules):
        if not line.startswith(" "):
            block = [] if line != f"{filename}:" else [line]
        elif block:
            block.append(line.strip())
    return tuple(reason for reason in block[1:] if not reason.startswith("taken by "))


def engine_view(
    paths: Sequence[str], *, stage: Stage, headers: Headers | None = None
) -> EngineView:
    """What the generate engine makes of the files at ``stage``, file by file.

    ``headers``: the files' headers, already read (:func:`asnkit.generate.fits.read_headers`:
    ``asnkit inspect`` reads each file once); else they are read here.

    Raises:
        HeaderError: a file cannot be read as FITS, or lacks a keyword the engine needs;
            astropy is missing.
    """
    from asnkit.generate.dms import exposure_type
    from asnkit.generate.finish import to_association

    given = _unique(paths)
    if not given:
        source, msg = "(no files)", "no files were given"
        raise HeaderError(source, msg)
    if headers is not None:
        known = dict(headers)
        headers = [(path, known[path]) for path in given]
    pool, made = _generated(given, headers)
    by_row = {path.lower(): path for path in reversed(given)}
    associations: list[Made] = []
    taken: dict[str, list[Taken]] = {path: [] for path in given}
    for asn in made:
        if asn.crule.rule.stage != stage:
            continue
        name, document = to_association(asn)
        document = _with_given_names(document, asn, by_row)
        files: list[str] = []
        member_files: list[tuple[str, ...]] = []
        for product, members in asn.products:
            member_files.append(tuple(by_row[row["filename"]] for _, row in members))
            for member, row in members:
                path = by_row[row["filename"]]
                if path not in files:
                    files.append(path)
                taken[path].append(
                    Taken(
                        association=name,
                        asn_type=asn.crule.rule.asn_type,
                        asn_rule=asn.crule.asn_rule,
                        product=product,
                        role=str(member["exptype"]),
                    )
                )
        first_row = asn.products[0][1][0][1] if asn.products and asn.products[0][1] else {}
        of_science = bool(first_row) and exposure_type(first_row) == "science"
        associations.append(
            Made(name, document, tuple(files), asn.crule.rule.name, tuple(member_files), of_science)
        )
    rows = {row["filename"]: row for row in pool.rows}
    views = tuple(
        FileView(
            path=path,
            taken=tuple(taken[path]),
            exp_type=rows[path.lower()]["exp_type"],
            kind=exposure_type(rows[path.lower()]),
        )
        for path in given
    )
    return EngineView(stage=stage, files=views, associations=tuple(associations), pool=pool)


def _with_given_names(document: Association, asn: GenAsn, by_row: Mapping[str, str]) -> Association:
    """The document with each member named by the path as given (a pool is lower case).

    A member the rule renames (an ``_uncal`` file becomes ``_cal``) keeps the new suffix.
    """
    products = []
    for product, (_, members) in zip(document.products, asn.products, strict=True):
        renamed = []
        for member, (_, row) in zip(product.members, members, strict=True):
            given = by_row[row["filename"]]
            shared = _common_prefix(row["filename"], member.expname)
            renamed.append(attrs.evolve(member, expname=given[:shared] + member.expname[shared:]))
        products.append(attrs.evolve(product, members=tuple(renamed)))
    return attrs.evolve(document, products=tuple(products))


def _common_prefix(first: str, second: str) -> int:
    count = 0
    for left, right in zip(first, second, strict=False):
        if left != right:
            break
        count += 1
    return count


def _names(paths: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(paths[:limit])
    return shown if len(paths) <= limit else f"{shown}, ... ({len(paths) - limit} more)"


def choose(
    view: EngineView,
    *,
    force: bool = False,
    warn: Callable[[str], None] | None = None,
    optional: Collection[str] = (),
) -> Association:
    """The one association the files make at the view's stage.

    Stage 3: the generated association whose members are exactly the files; else (when
    some files are ``optional``) the one that takes every other file and the most of the
    optional ones. (The pool holds only the files given, so no association can hold more:
    one that covers every file is that one.) Stage 2: jwst makes one association per
    science exposure; the associations of one kind (``asn_type``, ``program``, ``asn_id``)
    that together take every file are merged into one association, in the order
    generated, under the keys (``asn_rule``, ``target``...) of the first of them whose
    first member is a science exposure (not a PSF, imprint, background or acquisition;
    else of the first): the first kind that does, when several do (a WFSS direct image is
    a member of the ``spec2`` associations of its grism exposures, and the science of an
    ``image2`` of its own).

    Args:
        view: What the engine made of the files (:func:`engine_view`).
        force: Rather than refuse, keep the association (Stage 2: the type) that takes
            the most files, and leave the others out, each named through ``warn``.
        warn: Called with one line for the files ``force`` leaves out.
        optional: Files that no association need take (the caller gave their role).

    Raises:
        HeaderError: (without ``force``) a file no association of the stage takes (the
            message says why, in ``asnkit generate --explain``'s words), or files that
            several associations take and none takes all.
    """
    return _choose(view, force=force, warn=warn, optional=optional)[0]


def _choose(
    view: EngineView,
    *,
    force: bool,
    warn: Callable[[str], None] | None,
    optional: Collection[str],
) -> tuple[Association, list[tuple[str, ...]]]:
    """:func:`choose`, with the given file of each member, product by product."""
    stage_name = rule_for_stage(view.stage).label
    needed = [file for file in view.files if file.path not in optional]
    if not view.associations:
        first = needed[0]
        msg = f"the files make no {stage_name} association ({first.path}: {view.why_not(first)})"
        raise HeaderError(_names([file.path for file in view.files]), msg)
    groups = _groups(view, {file.path for file in needed})
    covering = [group for group in groups if {f.path for f in needed} <= set(group.files)]
    groups = covering[:1] or groups
    largest = max(groups, key=lambda group: len(group.files))
    untaken = [file for file in needed if not file.taken]
    if untaken and not force:
        first = untaken[0]
        why = view.why_not(first)
        if len(untaken) == 1:
            msg = f"no {stage_name} association takes it ({why}); leave it out, or --force"
        else:
            msg = (
                f"no {stage_name} association takes them ({first.path}: {why}); "
                "leave them out, or --force"
            )
        raise HeaderError(_names([file.path for file in untaken]), msg)
    if len(groups) > 1 and not force:
        shown = "; ".join(f"{group.label} of {_names(group.files, 2)}" for group in groups)
        msg = (
            f"the files make {len(groups)} {stage_name} associations, none takes them all "
            f"({shown}); give the files of one, or --force"
        )
        raise HeaderError(_names([file.path for file in view.files]), msg)
    left_out = [file.path for file in needed if file.path not in largest.files]
    if left_out and warn is not None:
        warn(
            f"--force: {len(left_out)} file(s) left out, not in the {stage_name} "
            f"association {largest.label}: {_names(left_out)}"
        )
    keys = next((made for made in largest.made if made.of_science), largest.made[0])
    document = keys.document
    if len(largest.made) > 1:
        products = [product for made in largest.made for product in made.document.products]
        document = attrs.evolve(document, products=tuple(products))
    return document, [paths for made in largest.made for paths in made.member_files]


@attrs.frozen
class _Group:
    """What could be the answer: one association (Stage 3) or one kind of them (Stage 2)."""

    label: str
    made: list[Made]
    files: list[str]


def _groups(view: EngineView, needed: set[str]) -> list[_Group]:
    """Each association (Stage 3) or each kind of them (Stage 2), in the order generated.

    At Stage 3, only the association that takes every ``needed`` file and the most of the
    others, when there is one.
    """
    if view.stage == "level3":
        covering = [made for made in view.associations if needed <= set(made.files)]
        best = [max(covering, key=lambda made: len(made.files))] if covering else []
        return [_Group(made.name, [made], list(made.files)) for made in best or view.associations]
    kinds: dict[tuple[object, ...], _Group] = {}
    for made in view.associations:
        document = made.document
        key = (document.asn_type, document.program, document.asn_id)
        label = f"{document.asn_type} ({document.asn_id})"
        group = kinds.setdefault(key, _Group(label, [], []))
        group.made.append(made)
        group.files.extend(file for file in made.files if file not in group.files)
    return list(kinds.values())


def association_from_headers(
    paths: Sequence[str],
    *,
    stage: Stage,
    explicit_roles: Mapping[str, str] | None = None,
    force: bool = False,
    product_name: str | None = None,
    acid: str | None = None,
    meta: Mapping[str, JSONValue] | None = None,
    warn: Callable[[str], None] | None = None,
    headers: Headers | None = None,
) -> Association:
    """The association ``asnkit generate`` makes of the files, with the caller's overrides.

    Every file goes to the engine (:func:`engine_view`, then :func:`choose`, where the
    files of ``explicit_roles`` are optional). What the caller gives wins over the engine:
    a file of ``explicit_roles`` gets its type where the association has it, and is added
    with it to every product (after the engine's members) where it has not;
    ``product_name`` renames the Stage 3 product, ``acid`` is the ``asn_id``, ``meta``
    sets top-level keys (``program``, ``target``, ``asn_type``, ``asn_pool``...).
    ``headers``: the files' headers, already read (as :func:`engine_view` takes them).

    Raises:
        HeaderError: a file cannot be read, lacks a keyword, or the files are not one
            association (see :func:`choose`).

    Examples:
        >>> asn = association_from_headers(files, stage="level3")  # doctest: +SKIP
        >>> asn.products[0].name  # doctest: +SKIP
        'jw01234-o001_t001_nircam_clear-f200w'
    """
    from asnkit.models import Member

    roles = dict(explicit_roles or {})
    given = _unique(paths)
    if not any(path not in roles for path in given):
        msg = "every file was given a role: give the science files too, without one"
        raise HeaderError(_names(list(roles)), msg)
    view = engine_view(given, stage=stage, headers=headers)
    chosen, member_files = _choose(view, force=force, warn=warn, optional=roles)
    members_of = {path for paths in member_files for path in paths}
    added = tuple(
        Member(expname=path, exptype=exptype)
        for path, exptype in roles.items()
        if path not in members_of
    )
    products = []
    for product, files in zip(chosen.products, member_files, strict=True):
        name = product_name if product_name is not None and stage == "level3" else product.name
        members = tuple(
            attrs.evolve(member, exptype=roles[path]) if path in roles else member
            for member, path in zip(product.members, files, strict=True)
        )
        products.append(attrs.evolve(product, name=name, members=(*members, *added)))
    changes: dict[str, Any] = {"products": tuple(products), **(meta or {})}
    if acid is not None:
        changes["asn_id"] = acid
    return attrs.evolve(chosen, **changes)
