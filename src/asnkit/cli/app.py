"""The ``asnkit`` typer application: the subcommands of :data:`asnkit.cli._commands.COMMANDS`.

Help is plain text (click's layout, wrapped to the terminal, at most 100 columns), the
same on a terminal, in a pipe and in the docs. Usage errors are turned into one line by
:func:`run_app` instead of typer's box.
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING

import typer

from asnkit.cli._commands import COMMANDS
from asnkit.cli._exit import ExitStatus
from asnkit.cli._typer import CONTEXT, AsnkitCommand, UsageError, VersionOption, usage_error

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def build_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The ``asnkit`` app with the subcommands ``names`` (by default, all of them).

    Running one subcommand needs only its own module: the others are neither imported nor
    turned into click commands (start-up is a measured target).
    """
    app = typer.Typer(
        name="asnkit",
        epilog="Run asnkit COMMAND --help for a command's options and examples.",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings=CONTEXT,
    )
    app.callback()(_root)
    for name in names:
        module_name, summary = COMMANDS[name]
        module = import_module(module_name)
        app.command(
            name,
            cls=AsnkitCommand.with_arity(
                getattr(module, "ARITY", {}),
                gather=getattr(module, "GATHER", None),
                optional=getattr(module, "OPTIONAL_VALUE", None),
                refused=getattr(module, "REFUSED", None),
            ),
            short_help=summary,
            context_settings=CONTEXT,
        )(module.command)
    return app


def _root(version: VersionOption = False) -> None:
    """Create, validate, show and edit JWST association files.

    \b
    Examples:
      asnkit from-list -o l3_asn.json --product-name mosaic *_cal.fits
      asnkit validate asns/
      asnkit show l3_asn.json
    """


def run_app(argv: Sequence[str]) -> int:
    """Run the app with ``argv``; the exit status (a usage error is one line, exit 2)."""
    argv = list(argv)
    completing = "_ASNKIT_COMPLETE" in os.environ  # typer completes with the whole app
    one = argv and argv[0] in COMMANDS and not completing
    command = typer.main.get_command(build_app([argv[0]] if one else COMMANDS))
    try:
        status = command.main(args=argv, prog_name="asnkit", standalone_mode=False)
    except UsageError as error:
        return usage_error(error, f"asnkit {argv[0]}" if one else "asnkit")
    return int(status) if isinstance(status, int) else ExitStatus.OK


def __getattr__(name: str) -> typer.Typer:
    # ``asnkit.cli.app.app``: the whole app, for typer's tools (``typer asnkit.cli.app
    # utils docs``) and tests; built on first use.
    if name == "app":
        return build_app()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
