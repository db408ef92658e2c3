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
    asn_candidate: Annotated[
        str | None,
        typer.Option(
            "--asn-candidate",
            metavar="LIST",
            help="Candidates after each row's own: \"[('c1000', 'background')]\".",
            show_default=False,
        ),
    ] = None,
    dms_note: Annotated[
        str, typer.Option("--dms-note", metavar="TEXT", help="The dms_note of every row.")
    ] = "",
    is_imprt: Annotated[
        str | None,
        typer.Option(
            "--is-imprt",
            metavar="t|f",
            help="The is_imprt of every row (default: each header's IS_IMPRT, else f).",
            show_default=False,
        ),
    ] = None,
    pntgtype: Annotated[
        str,
        typer.Option("--pntgtype", metavar="TYPE", help="The pntgtype of every row."),
    ] = "science",
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Write the pool jwst's asn_make_pool makes from FITS files (needs asnkit[fits]).

    \b
    Examples:
      asnkit pool data/ -o jw01234_pool.csv
      asnkit pool *_uncal.fits -o pool.csv

    Exit status: 0 written, 1 a file cannot be read, 2 bad usage.
    """
    from asnkit.cli._exit import ExitStatus, refuse
    from asnkit.cli.generate import run_pool
    from asnkit.generate.fits import PoolOptions

    try:
        options = PoolOptions(
            asn_candidate=asn_candidate or (),
            dms_note=dms_note,
            is_imprt=is_imprt,
            pntgtype=pntgtype,
        )
    except ValueError as error:
        done(refuse("asnkit pool", str(error), ExitStatus.USAGE))
    done(run_pool(files, output=output, options=options))
