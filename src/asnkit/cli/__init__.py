"""The commands: ``asn_from_list`` (jwst's flags) and ``asnkit`` with its subcommands.

Most subcommands parse their own arguments with argparse (jwst's spellings, one-line usage
errors) and are run straight from :func:`main`, without importing typer, whose import costs
more than validating a thousand files: start-up is a measured target. The typer app in
:mod:`asnkit.cli.app` lists them in ``asnkit --help`` and runs the typer-native ones.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Final, NoReturn

if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS: Final[dict[str, tuple[str, str]]] = {
    "from-list": (
        "asnkit.cli.asn_from_list",
        "Create an association from a list of files (the asn_from_list command).",
    ),
    "validate": (
        "asnkit.cli.validate",
        "Check association files: strict JSON, the schema, what pipelines need.",
    ),
    "show": (
        "asnkit.cli.show",
        "Show an association: metadata, then products and members by type.",
    ),
    "edit": (
        "asnkit.cli.edit",
        "Add, remove or change members, products and metadata (asn_edit's flags work).",
    ),
    "gather": (
        "asnkit.cli.gather",
        "Copy an association and its members into one folder (jwst's asn_gather).",
    ),
    "diff": (
        "asnkit.cli.diff",
        "Show what differs between two associations; exit 0 same, 1 different.",
    ),
}
"""Subcommands with their own parser: name -> (module with ``run(argv, prog)``, summary)."""


def run_command(name: str, argv: Sequence[str]) -> int:
    """Run the subcommand ``name`` with ``argv``; its exit status."""
    module = import_module(COMMANDS[name][0])
    status: int = module.run(list(argv), prog=f"asnkit {name}")
    return status


_TYPER_COMMANDS: Final = ("inspect",)
"""Subcommands the typer app itself parses."""


def main() -> NoReturn:
    """Console entry point of ``asnkit``."""
    argv = sys.argv[1:]
    if argv and argv[0] in COMMANDS:
        sys.exit(run_command(argv[0], argv[1:]))
    if argv and not argv[0].startswith("-") and argv[0] not in _TYPER_COMMANDS:
        known = ", ".join([*COMMANDS, *_TYPER_COMMANDS])
        sys.stderr.write(
            f"asnkit: error: unknown command {argv[0]!r}; the commands are {known} "
            "(see asnkit --help)\n"
        )
        sys.exit(2)
    from asnkit.cli.app import app

    sys.exit(app())
