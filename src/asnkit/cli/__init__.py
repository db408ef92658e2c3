"""The commands: ``asn_from_list`` (jwst's flags, argparse) and ``asnkit`` (typer).

``asnkit`` is one typer application (:mod:`asnkit.cli.app`); each subcommand is a module
of its own with a ``command`` function, listed in :data:`asnkit.cli._commands.COMMANDS`
(adding a subcommand is a module and a line there). Exit statuses, one-line messages and
signals: :mod:`asnkit.cli._exit`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from asnkit.cli._commands import COMMANDS
from asnkit.cli._exit import ExitStatus, guard_streams, handle_signals, line, run_guarded

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["COMMANDS", "main", "run"]


def run(argv: Sequence[str]) -> int:
    """Run ``asnkit`` with ``argv`` (without the program name); its exit status.

    Usage errors are one line and exit 2, a signal one line and 130 or 143 (with
    :func:`~asnkit.cli._exit.handle_signals` installed), never a traceback.
    """
    argv = list(argv)
    prog = f"asnkit {argv[0]}" if argv and argv[0] in COMMANDS else "asnkit"
    return run_guarded(prog, lambda: _run(argv))


def _run(argv: list[str]) -> int:
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        # Said without loading typer: a typo should not cost the app's start-up.
        from difflib import get_close_matches

        close = get_close_matches(argv[0], COMMANDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        sys.stderr.write(
            line(
                f"asnkit: error: unknown command {argv[0]!r}; {hint}the commands are "
                f"{', '.join(COMMANDS)} (see asnkit --help)"
            )
        )
        return ExitStatus.USAGE
    if argv[:1] == ["roman"] and "_ASNKIT_COMPLETE" not in os.environ:
        # romancal's command lines, read by argparse as romancal reads them (abbreviations).
        from asnkit.cli._roman import run as run_roman

        return run_roman(argv[1:])
    if argv[:1] == ["validate"] and _only_paths(argv[1:]):
        # What typer would call for `asnkit validate PATH...`, without loading typer: the
        # form that checks thousands of files, whose start-up is a measured target.
        from asnkit.cli._validate_files import check_paths

        return check_paths(argv[1:])
    from asnkit.cli.app import run_app

    return run_app(argv)


def _only_paths(args: list[str]) -> bool:
    """Whether ``args`` are arguments only (no option, no ``--``), as typer would read them."""
    return (
        bool(args)
        and not any(arg.startswith("-") for arg in args)
        and "_ASNKIT_COMPLETE" not in os.environ
    )


def main() -> NoReturn:
    """Console entry point of ``asnkit``."""
    handle_signals()
    guard_streams()
    sys.exit(run(sys.argv[1:]))
