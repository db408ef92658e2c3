"""The ``asnkit`` command and its subcommands.

Each subcommand lives in a module of its own and imports what it needs when it runs, so
``asnkit --help`` and every subcommand start without loading the others.
"""

from __future__ import annotations

from typing import Annotated

import typer

from asnkit._version import __version__
from asnkit.cli._commands import COMMANDS, run_command

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


def _passthrough(name: str, summary: str) -> None:
    """Register ``name``: its own parser reads the arguments (see asnkit.cli._commands.COMMANDS)."""

    def command(ctx: typer.Context) -> None:
        raise typer.Exit(run_command(name, list(ctx.args)))

    command.__doc__ = summary
    app.command(
        name,
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )(command)


for _name, (_module, _summary) in COMMANDS.items():
    _passthrough(_name, _summary)


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


@app.command("generate", no_args_is_help=True)
def generate(
    inputs: Annotated[
        list[str], typer.Argument(help="Pools (jwst's | format), FITS files or folders of them.")
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", help="The folder to write the associations to.")
    ] = ".",
    candidates: Annotated[
        list[str] | None,
        typer.Option(
            "-i",
            "--candidate",
            help="Only this candidate (o001, c1000...), no discovered ones; repeatable.",
        ),
    ] = None,
    version_id: Annotated[
        str | None,
        typer.Option(
            "--version-id",
            help="A version tag in file names and documents; alone (or 'now'): the time now.",
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="EXPOSURE",
            help="Write nothing; say which association took EXPOSURE and why others did not.",
        ),
    ] = None,
) -> None:
    """Every association jwst's asn_generate makes from each pool (or from FITS files)."""
    from asnkit.cli.generate import run_generate

    raise typer.Exit(
        run_generate(
            inputs,
            output=output,
            candidates=candidates,
            version_id=version_id,
            explain=explain,
        )
    )


@app.command("pool", no_args_is_help=True)
def pool(
    files: Annotated[list[str], typer.Argument(help="FITS files or folders of them.")],
    output: Annotated[str, typer.Option("-o", "--output", help="The pool file to write.")] = (
        "pool.csv"
    ),
) -> None:
    """Write the pool jwst's asn_make_pool makes from FITS files (needs asnkit[fits])."""
    from asnkit.cli.generate import run_pool

    raise typer.Exit(run_pool(files, output=output))
