"""What every argparse-based command shares: exit statuses, one-line usage errors."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

EXIT_OK = 0
EXIT_INVALID = 1
"""The association or a file is bad (or could not be written)."""
EXIT_USAGE = 2
"""The command was called wrongly."""


class Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the width so that it does not import shutil to ask.

    argparse makes a formatter for every argument it adds; the default one imports shutil
    each time it is made, a few milliseconds of the command's start-up.
    """

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            try:
                columns = os.get_terminal_size().columns
            except OSError:
                columns = 80
        super().__init__(prog, width=max(columns, 40) - 2)


class Parser(argparse.ArgumentParser):
    """argparse, with each usage error on one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _line(text: str) -> str:
    # A file name may hold bytes that are not text (lone surrogates from the file system):
    # write them escaped rather than fail while reporting.
    return text.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


def warn(prog: str, message: str) -> None:
    """Write ``prog: warning: message`` on standard error, one line."""
    sys.stderr.write(_line(f"{prog}: warning: {message}"))


def refuse(prog: str, message: str, status: int) -> int:
    """Write ``prog: error: message`` on standard error, one line; return ``status``."""
    sys.stderr.write(_line(f"{prog}: error: {message}"))
    return status
