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


app.command("validate")(validate_command)


def main() -> NoReturn:
    """Console entry point of ``asnkit``."""
    sys.exit(app())
