"""argparse for ``asn_from_list``: one-line usage errors, and no shutil at start-up."""

from __future__ import annotations

import argparse
import os
from typing import NoReturn

from asnkit.cli._exit import ExitStatus, line


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
        self.exit(ExitStatus.USAGE, line(f"{self.prog}: error: {message} (see {self.prog} --help)"))
