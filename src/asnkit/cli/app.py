"""The ``asnkit`` command and its subcommands.

Each subcommand lives in a module of its own and imports what it needs when it runs, so
``asnkit --help`` and every subcommand start without loading the others.
"""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer

from asnkit._version import __version__
from asnkit.cli.validate import command as validate_command

app = typer.Typer(
    name="asnkit",
    help="Create, validate, show and edit JWST association files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"asnkit {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Create, validate, show and edit JWST association files."""


@app.command(
    "from-list",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def from_list(ctx: typer.Context) -> None:
    """Create an association from a list of files (the asn_from_list command).

    Every flag of asn_from_list works here; see asnkit from-list --help.
    """
    from asnkit.cli.asn_from_list import run

    raise typer.Exit(run(list(ctx.args), prog="asnkit from-list"))


_PASSTHROUGH = {"allow_extra_args": True, "ignore_unknown_options": True}


@app.command("show", context_settings=_PASSTHROUGH, add_help_option=False)
def show(ctx: typer.Context) -> None:
    """Show an association: metadata, then products and members by type (see --help)."""
    from asnkit.cli.show import run

    raise typer.Exit(run(list(ctx.args), prog="asnkit show"))


@app.command("edit", context_settings=_PASSTHROUGH, add_help_option=False)
def edit(ctx: typer.Context) -> None:
    """Add, remove or change members, products and metadata; jwst asn_edit's flags work."""
    from asnkit.cli.edit import run

    raise typer.Exit(run(list(ctx.args), prog="asnkit edit"))


@app.command("gather", context_settings=_PASSTHROUGH, add_help_option=False)
def gather(ctx: typer.Context) -> None:
    """Copy an association and its members into one folder (jwst's asn_gather)."""
    from asnkit.cli.gather import run

    raise typer.Exit(run(list(ctx.args), prog="asnkit gather"))


@app.command("diff", context_settings=_PASSTHROUGH, add_help_option=False)
def diff(ctx: typer.Context) -> None:
    """Show what differs between two associations; exit 0 same, 1 different."""
    from asnkit.cli.diff import run

    raise typer.Exit(run(list(ctx.args), prog="asnkit diff"))


@app.command("inspect", no_args_is_help=True)
def inspect(
    files: Annotated[list[str], typer.Argument(help="FITS files (_rate.fits, _cal.fits, ...).")],
    stage: Annotated[
        str, typer.Option(help="The association to plan: level3 or level2b.")
    ] = "level3",
) -> None:
    """Show the header keywords asnkit reads and the role each file would get.

    Needs astropy: pip install 'asnkit[fits]'.
    """
    from asnkit.cli.inspect import run

    raise typer.Exit(run(files, stage=stage))


app.command("validate")(validate_command)


def main() -> NoReturn:
    """Console entry point of ``asnkit``."""
    sys.exit(app())
