"""``asnkit roman``: the subcommand ``asnkit --help`` lists; :mod:`asnkit.cli._roman` runs it.

:func:`asnkit.cli.run` hands ``asnkit roman ...`` to :func:`asnkit.cli._roman.run` without
loading typer (romancal's command lines are read by argparse, as romancal reads them); this
typer command is what the app lists, and what it runs when it is reached (completion).
"""

from typing import Annotated

import typer

__all__ = ["command"]


def command(
    args: Annotated[
        list[str] | None,
        typer.Argument(metavar="COMMAND [ARGS]...", show_default=False),
    ] = None,
) -> None:
    """Roman: romancal 1.1.0's association commands, from-list and multiband.

    \b
    Examples:
      asnkit roman from-list -o mosaic_asn.json --product-name mosaic *_cal.asdf
      asnkit roman multiband *_coadd.asdf
    """
    from asnkit.cli._roman import run

    raise typer.Exit(run(args or []))
