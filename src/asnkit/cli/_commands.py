"""The subcommands of ``asnkit`` that parse their own arguments, and how to run one."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Final

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


_TYPER_COMMANDS: Final = ("inspect", "generate", "pool")
"""Subcommands the typer app itself parses."""
