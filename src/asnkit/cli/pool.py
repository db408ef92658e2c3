"""``asnkit pool FILES... -o pool.csv``: the pool jwst's ``asn_make_pool`` makes."""

from typing import Annotated

import typer

from asnkit.cli._typer import VersionOption, done

__all__ = ["command"]


def command(
    *,
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE", help="FITS files or folders of them.", show_default=False),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="The pool file to write.")
    ] = "pool.csv",
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Write the pool jwst's asn_make_pool makes from FITS files (needs asnkit[fits]).

    \b
    Examples:
      asnkit pool data/ -o jw01234_pool.csv
      asnkit pool *_uncal.fits -o pool.csv

    Exit status: 0 written, 1 a file cannot be read, 2 bad usage.
    """
    from asnkit.cli.generate import run_pool

    done(run_pool(files, output=output))
