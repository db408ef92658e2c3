"""``asnkit generate`` and ``asnkit pool``: every association of a pool, and pools from files.

``asnkit generate POOL... -o DIR`` writes what jwst's ``asn_generate POOL -p DIR`` writes,
each pool on its own; FITS files and directories of them are made into one pool first, as
``asn_make_pool`` would. ``--explain EXPOSURE`` writes nothing and says where the exposure
went and why every other rule did not take it.

``asnkit pool FILES... -o pool.csv`` writes the pool ``asn_make_pool`` would write.

Exit status: 0 done; 1 a pool or file cannot be used (one line on stderr each); 2 bad usage.
"""

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Final

import typer

from asnkit.cli._exit import ExitStatus
from asnkit.cli._typer import VersionOption, done

if TYPE_CHECKING:
    from asnkit.generate.pool import Pool

EXIT_OK: Final = ExitStatus.OK
EXIT_INVALID: Final = ExitStatus.INVALID
EXIT_USAGE: Final = ExitStatus.USAGE


def command(
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
        str,
        typer.Option(
            "--output", "-o", metavar="DIR", help="The folder to write the associations to."
        ),
    ] = ".",
    candidates: Annotated[
        list[str] | None,
        typer.Option(
            "--candidate",
            "-i",
            metavar="ID",
            help="Only this candidate (o001, c1000...), no discovered ones; repeatable.",
            show_default=False,
        ),
    ] = None,
    version_id: Annotated[
        str | None,
        typer.Option(
            "--version-id",
            metavar="TAG",
            help="A version tag in file names and documents; alone (or 'now'): the time now.",
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
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Make every association jwst's asn_generate makes from each pool (or FITS files).

    \b
    Examples:
      asnkit generate jw01234_20250101t000000_pool.csv -o asns/
      asnkit generate data/*_rate.fits -o asns/ --version-id
      asnkit generate pool.csv --explain jw01234001001_02101_00001_nrca1

    Exit status: 0 done, 1 a pool or file cannot be used (one line each on
    stderr), 2 bad usage.
    """
    done(
        run_generate(
            inputs, output=output, candidates=candidates, version_id=version_id, explain=explain
        )
    )


def bare_version_id(argv: Sequence[str]) -> list[str]:
    """``--version-id`` without a value (last, or before an option) becomes ``now``.

    asn_generate's ``--version-id`` takes an optional value; the time is used without one.
    """
    result: list[str] = []
    for index, argument in enumerate(argv):
        result.append(argument)
        if argument == "--version-id":
            following = argv[index + 1] if index + 1 < len(argv) else None
            if following is None or following.startswith("-"):
                result.append("now")
    return result


def _error(prog: str, message: str) -> None:
    sys.stderr.write(f"{prog}: error: {message}\n")


def _pools(inputs: Sequence[str], prog: str) -> "list[Pool] | None":
    """Each pool file read; the FITS files (and directories) together as one pool."""
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
            pools.append(read_pool(path))
        except PoolError as error:
            _error(prog, str(error))
            return None
    if fits_files:
        try:
            pools.append(pool_from_files(fits_files))
        except HeaderError as error:
            _error(prog, str(error))
            return None
    elif not pools:
        _error(prog, f"no FITS file in {', '.join(inputs)}: give pools, FITS files or folders")
        return None
    return pools


def run_generate(  # noqa: C901, PLR0911, PLR0912 (one refusal per way a run can fail)
    inputs: Sequence[str],
    *,
    output: str = ".",
    candidates: Sequence[str] | None = None,
    version_id: str | None = None,
    explain: str | None = None,
    prog: str = "asnkit generate",
) -> int:
    """Generate from ``inputs`` into ``output``; the exit status."""
    from asnkit.exceptions import PoolError
    from asnkit.generate import generate_files, rules
    from asnkit.io import write_text

    if not inputs:
        _error(prog, f"give one or more pools, FITS files or folders (see {prog} --help)")
        return EXIT_USAGE
    pools = _pools(inputs, prog)
    if pools is None:
        return EXIT_INVALID
    if explain is not None:
        from asnkit.generate.explain import explain as explain_lines

        found = False
        for pool in pools:
            try:
                lines = explain_lines(pool, explain, rules=rules(), candidates=candidates)
            except PoolError:
                continue
            found = True
            sys.stdout.write(f"{pool.name}:\n" + "".join(f"  {line}\n" for line in lines))
        if not found:
            _error(prog, f"no exposure {explain!r} in the pools: give a FILENAME of a pool")
            return EXIT_INVALID
        return EXIT_OK
    stamp: str | bool | None = True if version_id == "now" else version_id
    try:
        os.makedirs(output, exist_ok=True)  # noqa: PTH103
    except OSError as error:
        _error(prog, f"{output}: cannot make the folder: {error.strerror or error}")
        return EXIT_INVALID
    written: dict[str, str] = {}
    for pool in pools:
        warnings: list[str] = []
        try:
            made = generate_files(
                pool, candidates=candidates, version_id=stamp, warn=warnings.append
            )
        except PoolError as error:
            _error(prog, str(error))
            return EXIT_INVALID
        for warning in warnings:
            sys.stderr.write(f"{prog}: warning: {pool.name}: {warning}\n")
        from asnkit.codec.emit import dumps

        for name, asn in made:
            path = os.path.join(output, name)  # noqa: PTH118
            if name in written:
                sys.stderr.write(
                    f"{prog}: warning: {path} from {pool.name} replaces the one from "
                    f"{written[name]} (as separate asn_generate runs would)\n"
                )
            try:
                write_text(path, dumps(asn))
            except OSError as error:
                _error(prog, f"{path}: cannot write: {error.strerror or error}")
                return EXIT_INVALID
            written[name] = pool.name
        sys.stdout.write(f"{pool.name}: {len(made)} associations written to {output}\n")
    return EXIT_OK


def run_pool(files: Sequence[str], *, output: str, prog: str = "asnkit pool") -> int:
    """Write the pool of ``files`` (FITS files or folders) to ``output``; the exit status."""
    from asnkit.exceptions import HeaderError
    from asnkit.generate.fits import expand_inputs, pool_table
    from asnkit.generate.pool import format_pool
    from asnkit.io import write_text

    paths = expand_inputs(files)
    if not paths:
        _error(prog, f"no FITS file in {', '.join(files) or 'nothing'}: give FITS files or folders")
        return EXIT_USAGE if not files else EXIT_INVALID
    try:
        columns, rows = pool_table(paths)
    except HeaderError as error:
        _error(prog, str(error))
        return EXIT_INVALID
    try:
        write_text(output, format_pool(columns, rows, upper=False))
    except OSError as error:
        _error(prog, f"{output}: cannot write: {error.strerror or error}")
        return EXIT_INVALID
    sys.stdout.write(f"{output}: {len(rows)} exposures, {len(columns)} columns\n")
    return EXIT_OK
