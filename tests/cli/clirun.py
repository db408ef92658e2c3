"""Running the commands as a user does: in this process, or the installed console script.

:func:`in_process` runs :func:`asnkit.cli.run` (what the ``asnkit`` console script runs
once it has installed the signal handlers), capturing what it prints; :func:`script` runs
an installed console script in a child process, for what only a process shows (signals,
the terminal, start-up).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from asnkit.cli import run

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pytest

SCRIPTS = Path(sys.executable).parent
"""Where the console scripts of the Python running the tests are."""


class Result(NamedTuple):
    """What a command did: its exit status and what it printed."""

    status: int
    out: str
    err: str


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """``asnkit ARGS...`` in this process: its exit status, standard output and error."""
    capsys.readouterr()
    status = run(list(args))
    out, err = capsys.readouterr()
    return Result(status, out, err)


def script(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Result:
    """An installed console script (``asnkit``, ``asn_from_list``) run in a child process.

    With ``COLUMNS=80`` and ``NO_COLOR`` unless ``env`` says otherwise.
    """
    command, *rest = args
    result = subprocess.run(
        [str(SCRIPTS / command), *rest],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )
    return Result(result.returncode, result.stdout, result.stderr)


def on_a_terminal(*args: str, columns: int = 80, env: Mapping[str, str] | None = None) -> Result:
    """An installed console script run with its standard output on a terminal (a pty).

    ``out`` is what the terminal received, escape sequences (colours) included, with the
    terminal's ``\\r\\n`` made ``\\n``. ``NO_COLOR`` and ``COLUMNS`` are removed from the
    environment unless ``env`` sets them. Skipped where there is no pty (Windows).
    """
    import pytest

    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    command, *rest = args
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "NO_COLOR"}}
    result = subprocess.run(
        [str(SCRIPTS / command), *rest],
        stdout=terminal,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env={**environment, "TERM": "xterm-256color", **(env or {})},
        timeout=120,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal is closed and everything has been read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    out = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return Result(result.returncode, out, result.stderr)
