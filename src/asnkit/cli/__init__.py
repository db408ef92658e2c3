"""The commands: ``asn_from_list`` (jwst's flags) and ``asnkit`` with its subcommands.

Most subcommands parse their own arguments with argparse (jwst's spellings, one-line usage
errors) and are run straight from :func:`main`, without importing typer, whose import costs
more than validating a thousand files: start-up is a measured target. The typer app in
:mod:`asnkit.cli.app` lists them in ``asnkit --help`` and runs the typer-native ones.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from asnkit.cli._commands import _TYPER_COMMANDS, COMMANDS, run_command

__all__ = ["COMMANDS", "main", "run_command"]


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
    if argv and argv[0] == "generate":  # asn_generate's --version-id with no value
        from asnkit.cli.generate import bare_version_id

        sys.argv[1:] = bare_version_id(argv)
    from asnkit.cli.app import app

    sys.exit(app())
