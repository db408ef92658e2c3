"""``asnkit generate`` and ``asnkit pool``: every association of a pool, and pools from files.

``asnkit generate POOL... -o DIR`` writes what jwst's ``asn_generate POOL -p DIR`` writes,
each pool on its own; FITS files and directories of them are made into one pool first, as
``asn_make_pool`` would. Every association is checked as ``asnkit validate`` checks a file
(:mod:`asnkit.write_check`) before any is written. ``--explain EXPOSURE`` writes nothing
and says where the exposure went and why every other rule did not take it.

asn_generate's spellings work: ``-i o001 o002`` (or ``-i o001 -i o002``), ``-p DIR``,
``--version-id`` with or without a tag, ``--dry-run``, ``-d DELIMITER``, ``-v``, ``--DMS``,
``--discover`` (the discovered associations alone), ``--all-candidates`` (the candidates'
alone), ``--no-merge``, ``--format json``, ``--pool-format ascii``; its other flags change
what is written away from its defaults and are refused, each in one line saying why
(:data:`REFUSED`). As in asn_generate, ``-i``, ``--discover`` and ``--all-candidates``
exclude each other (neither ``--discover`` nor ``--all-candidates``: both kinds, the
default), and ``-o`` and ``-p`` may name one folder only (:func:`usage_error`).

``asnkit pool FILES... -o pool.csv`` writes the pool ``asn_make_pool`` would write (its four
flags as a DMS pool has them: :mod:`asnkit.generate.fits`).

Exit status: 0 done; 1 a pool or file cannot be used, or an association would be invalid
(one line on stderr each); 2 bad usage.
"""

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Final, Literal

import typer

from asnkit._escape import escape
from asnkit.cli._exit import ExitStatus, line, refuse, status_of, warn
from asnkit.cli._typer import VersionOption, done, spelling_used
from asnkit.cli._written import warn_as_validate_does

if TYPE_CHECKING:
    from asnkit.generate.fits import PoolOptions
    from asnkit.generate.pool import Pool
    from asnkit.models import Association

EXIT_OK: Final = ExitStatus.OK
EXIT_INVALID: Final = ExitStatus.INVALID
EXIT_USAGE: Final = ExitStatus.USAGE

CANDIDATE_ID: Final = r"[a-z]\d+"
"""What a candidate id looks like: a letter and digits (``o001``, ``c1000``, ``a3001``)."""

GATHER: Final = {"-i": CANDIDATE_ID, "--candidate": CANDIDATE_ID, "--ids": CANDIDATE_ID}
"""``-i o001 o002``: the words after ``-i`` that look like candidate ids are its values, as
asn_generate's ``-i`` (``nargs='+'``) takes them; a pool or file name never does."""

NOW: Final = "\0now"
"""``--version-id`` given without a tag (no command-line word holds a NUL byte)."""

OPTIONAL_VALUE: Final = {"--version-id": NOW}
"""asn_generate's ``--version-id`` without a value: the time now."""

_PROGRESS_FROM: Final = 500
"""Exposures: a pool this big draws a progress bar on a terminal (a smaller one is quick)."""

_DEFAULT_ALGORITHM: Final = "asnkit runs asn_generate's default algorithm and rules only"

REFUSED: Final = {
    "--per-pool-algorithm": _DEFAULT_ALGORITHM,
    "--merge": "asnkit writes each association on its own, as asn_generate does by default",
    "--no-finalize": "asnkit writes finished associations only, as asn_generate does by default",
    "-r": "asnkit has no rule files: it runs the rules of asn_generate's default registry",
    "--rules": "asnkit has no rule files: it runs the rules of asn_generate's default registry",
    "--ignore-default": "asnkit has no rule files: it runs the rules of asn_generate's "
    "default registry",
    "--save-orphans": "asnkit writes no orphan table: --explain EXPOSURE says why an "
    "exposure is in no association",
    "-D": "asnkit has no debug log: --explain EXPOSURE says why an exposure went where it did",
    "--debug": "asnkit has no debug log: --explain EXPOSURE says why an exposure went where it did",
}
"""asn_generate's flags that asnkit does not offer, and why (a usage error, exit 2)."""


def command(
    ctx: typer.Context,
    *,
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="POOL",
            help="Pools (jwst's | format), FITS files or folders of them.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The folder to write the associations to (made if missing; by default "
            "the current folder).",
            show_default=False,
        ),
    ] = None,
    candidates: Annotated[
        list[str] | None,
        typer.Option(
            "--candidate",
            "-i",
            metavar="ID...",
            help="Only these candidates (-i o001 c1000), no discovered ones.",
            show_default=False,
        ),
    ] = None,
    version_id: Annotated[
        str | None,
        typer.Option(
            "--version-id",
            metavar="[TAG]",
            help="A version tag in file names and documents; alone: the time now.",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="EXPOSURE",
            help="Write nothing; say which association took EXPOSURE and why others did not.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Make and check the associations; write nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write even associations asnkit validate would reject, with a warning.",
        ),
    ] = False,
    path: Annotated[
        str | None,
        typer.Option(
            "--path", "-p", hidden=True, help="asn_generate's spelling of -o.", show_default=False
        ),
    ] = None,
    ids: Annotated[
        list[str] | None,
        typer.Option(
            "--ids", hidden=True, help="asn_generate's spelling of -i.", show_default=False
        ),
    ] = None,
    discover: Annotated[
        bool,
        typer.Option(
            "--discover",
            hidden=True,
            help="Only the discovered associations (asn_generate's); not with -i, "
            "--all-candidates.",
        ),
    ] = False,
    all_candidates: Annotated[
        bool,
        typer.Option(
            "--all-candidates",
            hidden=True,
            help="Every candidate's associations, none discovered; not with -i, --discover.",
        ),
    ] = False,
    dms: Annotated[
        bool,
        typer.Option(
            "--DMS",
            hidden=True,
            help="With -i: also the background candidates of those ids, kept only where "
            "they prune (asn_generate's).",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", hidden=True, help="Name each file written.")
    ] = False,
    delimiter: Annotated[
        str, typer.Option("--delimiter", "-d", hidden=True, help="The pools' cell separator.")
    ] = "|",
    no_merge: Annotated[  # noqa: ARG001 (asn_generate's deprecated default)
        bool, typer.Option("--no-merge", hidden=True, help="The default (asn_generate's).")
    ] = False,
    file_format: Annotated[
        str, typer.Option("--format", hidden=True, help="json (asn_generate's default).")
    ] = "json",
    pool_format: Annotated[
        str, typer.Option("--pool-format", hidden=True, help="ascii (asn_generate's default).")
    ] = "ascii",
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Make every association jwst's asn_generate makes from each pool (or FITS files).

    \b
    Examples:
      asnkit generate jw01234_20250101t000000_pool.csv -o asns/
      asnkit generate pool.csv -i o001 o002 -o asns/ --version-id
      asnkit generate data/*_rate.fits -o asns/
      asnkit generate pool.csv --explain jw01234001001_02101_00001_nrca1

    Every association is checked as asnkit validate checks a file before any is
    written. asn_generate's -p, -d, -v, --DMS, --discover, --all-candidates,
    --no-merge work; its other flags are refused (see docs/generate.md).

    Exit status: 0 done, 1 a pool or file cannot be used or an association
    would be invalid (nothing written), 2 bad usage.
    """
    prog = "asnkit generate"
    given = None if candidates is None and ids is None else [*(candidates or ()), *(ids or ())]
    wrong = usage_error(
        candidates=None
        if given is None
        else spelling_used(ctx, "-i", "--candidate", "--ids") or "-i",
        discover=discover,
        all_candidates=all_candidates,
        output=output,
        path=path,
    )
    if wrong is not None:
        done(refuse(prog, f"{wrong} (see {prog} --help)", EXIT_USAGE))
    for flag, value, default in (
        ("--format", file_format, "json"),
        ("--pool-format", pool_format, "ascii"),
    ):
        if value.lower() != default:
            done(
                refuse(
                    prog,
                    f"{flag} {value} is not offered: asnkit reads and writes {default} only "
                    f"(see {prog} --help)",
                    EXIT_USAGE,
                )
            )
    done(
        run_generate(
            inputs,
            output=path if path is not None else output if output is not None else ".",
            candidates=given,
            version_id=True if version_id == NOW else version_id,
            explain=explain,
            dry_run=dry_run,
            force=force,
            verbose=verbose,
            dms=dms,
            discover="only" if discover else not all_candidates,
            delimiter=delimiter,
        )
    )


def usage_error(
    *,
    candidates: str | None,
    discover: bool,
    all_candidates: bool,
    output: str | None,
    path: str | None,
) -> str | None:
    """What is wrong with this use of the options together, or ``None``.

    ``-i`` (``--candidate``, ``--ids``), ``--discover`` and ``--all-candidates`` choose
    what is made, and exclude each other as in asn_generate (one mutually exclusive group
    there); ``-o`` and ``-p`` (asn_generate's spelling) both name the output folder.
    ``candidates`` is the spelling of the candidate option given (named as the user wrote
    it), or ``None``.
    """
    modes = [
        (flag, what)
        for given, flag, what in (
            (candidates is not None, candidates or "-i", "only the candidates given"),
            (discover, "--discover", "only the discovered associations"),
            (all_candidates, "--all-candidates", "every candidate's and none discovered"),
        )
        if given
    ]
    if len(modes) > 1:
        (first, first_what), (second, second_what) = modes[:2]
        both = (
            "; give neither for both, the default"
            if {first, second} == {"--discover", "--all-candidates"}
            else ""
        )
        return (
            f"{first} and {second} exclude each other, as in asn_generate: {first} makes "
            f"{first_what}, {second} {second_what}{both}"
        )
    if (
        output is not None
        and path is not None
        and os.path.realpath(output) != os.path.realpath(path)
    ):
        return (
            f"-o {output} and -p {path} name different folders: give one "
            "(-p is asn_generate's spelling of -o)"
        )
    return None


def _error(prog: str, message: str) -> None:
    refuse(prog, message, EXIT_INVALID)


def _pools(inputs: Sequence[str], prog: str, delimiter: str = "|") -> "list[Pool] | int":
    """Each pool file read; the FITS files (and directories) together as one pool.

    Or the exit status of the refusal said: an input that is not there, one that cannot
    be used.
    """
    from asnkit.exceptions import HeaderError, PoolError
    from asnkit.generate.fits import expand_inputs, is_fits_name, pool_from_files
    from asnkit.generate.pool import read_pool

    pools: list[Pool] = []
    fits_files: list[str] = []
    for path in inputs:
        if os.path.isdir(path) or is_fits_name(path):  # noqa: PTH112
            fits_files.extend(expand_inputs([path]))
            continue
        try:
            pools.append(read_pool(path, delimiter=delimiter))
        except PoolError as error:
            return refuse(prog, str(error), status_of(error))
    if fits_files:
        try:
            pools.append(pool_from_files(fits_files))
        except HeaderError as error:
            return refuse(prog, str(error), status_of(error))
    elif not pools:
        message = f"no FITS file in {', '.join(inputs)}: give pools, FITS files or folders"
        return refuse(prog, message, ExitStatus.NOTHING_TO_DO)
    return pools


def run_generate(  # noqa: PLR0911 (one refusal per way a run can fail)
    inputs: Sequence[str],
    *,
    output: str = ".",
    candidates: Sequence[str] | None = None,
    version_id: str | bool | None = None,
    explain: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    verbose: bool = False,
    delimiter: str = "|",
    dms: bool = False,
    discover: bool | Literal["only"] = True,
    prog: str = "asnkit generate",
) -> int:
    """Generate from ``inputs`` into ``output``; the exit status.

    ``version_id``: a tag, or ``True`` for the time now (``--version-id`` alone).
    ``discover``: as :func:`asnkit.generate.generate_files` takes it (``"only"``:
    ``--discover``, ``False``: ``--all-candidates``).

    Every pool is generated and every association checked before anything is written: a
    pool that cannot be used, or an association ``asnkit validate`` would reject (unless
    ``force``), leaves ``output`` as it was.
    """
    if not inputs:
        _error(prog, f"give one or more pools, FITS files or folders (see {prog} --help)")
        return EXIT_USAGE
    if isinstance(version_id, str) and not _version_ok(version_id, prog):
        return EXIT_USAGE
    pools = _pools(inputs, prog, delimiter)
    if isinstance(pools, int):
        return pools
    if explain is not None:
        return _explain(pools, explain, candidates, prog, discover=discover)
    made = _generate(pools, candidates, version_id, prog, dms=dms, discover=discover)
    if made is None:
        return EXIT_INVALID
    nothing = _nothing_made(made, candidates, prog)
    if nothing is not None:
        return nothing
    made = [
        (
            pool,
            [(name, _members_from(output, asn)) for name, asn in files]
            if pool.from_files
            else files,
        )
        for pool, files in made
    ]
    texts = _checked(made, force=force, prog=prog)
    if texts is None:
        return EXIT_INVALID
    if dry_run:
        for pool, files in made:
            sys.stdout.write(line(f"{pool.source}: {_count(files)} (--dry-run: none written)"))
        return EXIT_OK
    return _write(made, texts, output, verbose=verbose, prog=prog)


def _members_from(folder: str, asn: "Association") -> "Association":
    """``asn`` with each member named relative to ``folder``, where it will be written.

    Members made from FITS files are named as the files were given (relative to the
    current folder); the pipelines resolve a member from its association's folder.
    """
    import attrs

    from asnkit.paths import apply_path_policy

    def moved(name: str) -> str:
        return apply_path_policy(name, "relative", association_dir=folder)

    products = tuple(
        attrs.evolve(
            product,
            members=tuple(attrs.evolve(m, expname=moved(m.expname)) for m in product.members),
        )
        for product in asn.products
    )
    return attrs.evolve(asn, products=products)


def _explain(
    pools: "list[Pool]",
    exposure: str,
    candidates: Sequence[str] | None,
    prog: str,
    *,
    discover: bool | Literal["only"] = True,
) -> int:
    from asnkit.exceptions import PoolError
    from asnkit.generate import rules
    from asnkit.generate.explain import explain as explain_lines
    from asnkit.generate.explain import find_rows

    found = False
    for pool in pools:
        try:
            find_rows(pool, exposure)
        except PoolError:
            continue  # another pool's exposure
        try:
            lines = explain_lines(
                pool, exposure, rules=rules(), candidates=candidates, discover=discover
            )
        except PoolError as error:
            _error(prog, str(error))
            return EXIT_INVALID
        found = True
        sys.stdout.write(line(f"{pool.source}:") + "".join(line(f"  {text}") for text in lines))
    if not found:
        _error(prog, f"no exposure {exposure!r} in the pools: give a FILENAME of a pool")
        return EXIT_INVALID
    return EXIT_OK


def _generate(
    pools: "list[Pool]",
    candidates: Sequence[str] | None,
    version_id: str | bool | None,
    prog: str,
    *,
    dms: bool = False,
    discover: bool | Literal["only"] = True,
) -> "list[tuple[Pool, list[tuple[str, Association]]]] | None":
    """Every pool's associations with their file names; ``None`` (said) if one cannot be used."""
    from functools import partial

    from asnkit.cli._progress import Bar, progress_shown
    from asnkit.exceptions import PoolError
    from asnkit.generate import generate_files

    made = []
    shown = progress_shown()
    for pool in pools:
        warnings: list[str] = []
        what = f"generating {escape(pool.source)}"
        try:
            with Bar(shown=shown and len(pool.rows) >= _PROGRESS_FROM) as bar:
                files = generate_files(
                    pool,
                    candidates=candidates,
                    version_id=version_id,
                    warn=warnings.append,
                    dms=dms,
                    discover=discover,
                    progress=partial(bar, what),
                )
        except PoolError as error:
            _error(prog, str(error))
            return None
        for warning in warnings:
            warn(prog, f"{pool.source}: {warning}")
        made.append((pool, files))
    return made


def _version_ok(version_id: str, prog: str) -> bool:
    """Whether the ``--version-id`` tag can be part of a file name (else said)."""
    from asnkit.generate.name_check import check_version_id

    try:
        check_version_id(version_id)
    except ValueError as error:
        refuse(prog, f"{error} (see {prog} --help)", EXIT_USAGE)
        return False
    return True


def _count(files: Sequence[object]) -> str:
    """``1 association``, ``2 associations``."""
    return f"{len(files)} association{'' if len(files) == 1 else 's'}"


def _nothing_made(
    made: "list[tuple[Pool, list[tuple[str, Association]]]]",
    candidates: Sequence[str] | None,
    prog: str,
) -> int | None:
    """Refuse a run that makes no association at all, saying why; ``None`` otherwise."""
    if any(files for _, files in made):
        return None
    reasons = []
    for pool, _ in made:
        if not pool.rows:
            reasons.append(f"{pool.source}: the pool has no exposure")
        elif candidates is not None:
            asked = ", ".join(candidates)
            reasons.append(f"{pool.source}: no association of the candidates asked for ({asked})")
        else:
            reasons.append(
                f"{pool.source}: no rule takes any of its {len(pool.rows):,} exposures "
                "(--explain EXPOSURE says why)"
            )
    return refuse(prog, "; ".join(reasons) + "; nothing written", ExitStatus.NOTHING_TO_DO)


def _checked(
    made: "list[tuple[Pool, list[tuple[str, Association]]]]", *, force: bool, prog: str
) -> list[list[str]] | None:
    """The text of every association, each checked; ``None`` (said) if one is refused.

    The check is every writer's (:func:`asnkit.write_check.checked_report`) on the
    exact text written; with ``force`` the problems are warnings instead. What ``asnkit
    validate`` would warn of in them is said as every writer says it.
    """
    from asnkit.codec.emit import dumps
    from asnkit.exceptions import InvalidAssociationError
    from asnkit.write_check import checked_report, problems_of, summary

    texts: list[list[str]] = []
    reports = []
    for pool, files in made:
        texts.append([])
        for name, asn in files:
            text = dumps(asn)
            what = f"{name} (from {pool.source}, {asn.asn_rule})"
            try:
                report = checked_report(text, force=force, what=what)
            except InvalidAssociationError as error:
                _error(prog, f"{error}; nothing written (--force writes it anyway)")
                return None
            problems = problems_of(report)
            if problems:
                warn(prog, f"--force: {what} is an invalid association: {summary(problems)}")
            reports.append((name, report))
            texts[-1].append(text)
    warn_as_validate_does(prog, reports)
    _warn_shared_names(made, prog)
    return texts


def _warn_shared_names(made: "list[tuple[Pool, list[tuple[str, Association]]]]", prog: str) -> None:
    """One line for each two associations making one product name of other members."""
    from asnkit._escape import quoted
    from asnkit.validation.across import shared_product_names

    documents: list[tuple[str, object]] = [
        (
            name,
            {
                "products": [
                    {
                        "name": product.name,
                        "members": [
                            {"expname": m.expname, "exptype": m.exptype} for m in product.members
                        ],
                    }
                    for product in asn.products
                ]
            },
        )
        for _, files in made
        for name, asn in files
    ]
    for name, _, other, _, product in shared_product_names(documents):
        warn(
            prog,
            f"{quoted(other)} and {quoted(name)} both make product {quoted(product)} of other "
            "members: their outputs overwrite each other (jwst logs them too; rename one)",
        )


def _write(
    made: "list[tuple[Pool, list[tuple[str, Association]]]]",
    texts: list[list[str]],
    output: str,
    *,
    verbose: bool,
    prog: str,
) -> int:
    from asnkit.files import confined, write_text

    if os.path.exists(output) and not os.path.isdir(output):  # noqa: PTH110, PTH112
        _error(
            prog, f"{output} is a file, not a folder: give the folder to write the associations to"
        )
        return EXIT_INVALID
    try:
        os.makedirs(output, exist_ok=True)  # noqa: PTH103
    except OSError as error:
        _error(prog, f"{output}: cannot make the folder: {error.strerror or error}")
        return EXIT_INVALID
    # Every target is checked before the first is written: a name or a link that would
    # lead out of the folder refuses the whole run.
    paths: list[list[str]] = []
    try:
        for _, files in made:
            paths.append([confined(output, name) for name, _ in files])
    except OSError as error:
        _error(prog, f"{error.filename}: cannot write: {error.strerror or error}")
        return EXIT_INVALID
    written: dict[str, str] = {}
    for (pool, files), pool_texts, pool_paths in zip(made, texts, paths, strict=True):
        for (name, _), text, path in zip(files, pool_texts, pool_paths, strict=True):
            if name in written:
                warn(
                    prog,
                    f"{path} from {pool.source} replaces the one from {written[name]} "
                    "(as separate asn_generate runs would)",
                )
            try:
                write_text(path, text)
            except OSError as error:
                _error(prog, f"{path}: cannot write: {error.strerror or error}")
                return EXIT_INVALID
            written[name] = pool.source
            if verbose:
                sys.stdout.write(line(path))
        sys.stdout.write(line(f"{pool.source}: {_count(files)} written to {output}"))
    return EXIT_OK


def run_pool(
    files: Sequence[str],
    *,
    output: str,
    prog: str = "asnkit pool",
    options: "PoolOptions | None" = None,
) -> int:
    """Write the pool of ``files`` (FITS files or folders) to ``output``; the exit status."""
    from asnkit.exceptions import HeaderError
    from asnkit.files import confined, write_text
    from asnkit.generate.fits import expand_inputs, pool_table
    from asnkit.generate.pool import format_pool

    paths = expand_inputs(files)
    if not paths:
        message = f"no FITS file in {', '.join(files) or 'nothing'}: give FITS files or folders"
        return refuse(prog, message, EXIT_USAGE if not files else ExitStatus.NOTHING_TO_DO)
    try:
        columns, rows = pool_table(paths, options=options)
    except HeaderError as error:
        return refuse(prog, str(error), status_of(error))
    try:
        folder, name = os.path.split(output)
        write_text(confined(folder or ".", name), format_pool(columns, rows, upper=False))
    except OSError as error:
        _error(prog, f"{output}: cannot write: {error.strerror or error}")
        return EXIT_INVALID
    sys.stdout.write(line(f"{output}: {len(rows)} exposures, {len(columns)} columns"))
    return EXIT_OK
