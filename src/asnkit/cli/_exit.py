"""How every command ends: its exit status, its one-line messages, and signals.

The exit statuses of every command (``asn_from_list`` and each ``asnkit`` subcommand) are
defined here and nowhere else. A command reports on standard error in one line each:
``PROG: error: ...`` (a refusal), ``PROG: warning: ...``, and ``PROG: interrupted`` or
``PROG: terminated`` when a signal ends it.

SIGINT (Ctrl-C) and SIGTERM raise :class:`Stopped` in the main thread, wherever it is, so
that every ``finally`` and ``except BaseException`` on the way up runs: the atomic writer
removes its temporary file and leaves the destination as it was. :func:`run_guarded`
turns the exception into the line and the status (130 or 143).

A closed output stream ends the listing, never the work: once the reader of standard
output (or standard error) has gone (``asnkit generate pool.csv -v | head -1``), what is
written there is dropped (:func:`guard_streams`) while the command goes on writing its
files, and it ends with the status the work has, silently (docs/cli.md). This module is on
the start-up path of every command: it imports nothing heavy.
"""

from __future__ import annotations

import enum
import io
import os
import signal
import sys
from typing import TYPE_CHECKING, Final, NoReturn

from asnkit._escape import escape

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    from _typeshed import ReadableBuffer

__all__ = [
    "ExitStatus",
    "Stopped",
    "guard_streams",
    "handle_signals",
    "line",
    "refuse",
    "run_guarded",
    "status_of",
    "warn",
]


class ExitStatus(enum.IntEnum):
    """The exit statuses of every command: one per situation (docs/cli.md has the table)."""

    OK = 0
    """Done: written, valid, shown."""
    INVALID = 1
    """Bad data: an association or a file is bad, or could not be written."""
    USAGE = 2
    """The command was called wrongly (``PROG: error: ... (see PROG --help)``)."""
    MISSING = 2
    """An input named on the command line is not there: a file, a folder, or a pattern
    that matches nothing (as a name mistyped, a usage error: grep and diff say 2 too)."""
    NOTHING_TO_DO = 1
    """The input is there but gives nothing to do: no member left to gather, no candidate
    of those asked for in the pool, a pool with no exposure (the line says why)."""
    INTERRUPTED = 130
    """Ended by SIGINT (Ctrl-C): 128 + 2, as a shell reports it."""
    TERMINATED = 143
    """Ended by SIGTERM: 128 + 15."""

    # Two commands follow diff(1) and cmp(1): 0 same, 1 different, 2 trouble.
    DIFFERENT = 1
    """``asnkit diff``: the two associations differ."""
    TROUBLE = 2
    """``asnkit diff``: a file cannot be read as an association (or bad usage)."""


class Stopped(BaseException):
    """A signal asked the command to stop; raised in the main thread by the handler.

    Not a :class:`KeyboardInterrupt`, so that no framework on the way (click's "Aborted!")
    turns it into something else; a :class:`BaseException`, so that ``except Exception``
    does not swallow it while cleanup code (``finally``, ``except BaseException``) runs.

    Attributes:
        status: The exit status: 130 for SIGINT, 143 for SIGTERM.
        word: What the command says: ``interrupted`` or ``terminated``.
    """

    def __init__(self, status: ExitStatus, word: str) -> None:
        super().__init__(word)
        self.status = status
        self.word = word


_SIGNALS: Final = {
    signal.SIGINT: (ExitStatus.INTERRUPTED, "interrupted"),
    signal.SIGTERM: (ExitStatus.TERMINATED, "terminated"),
}


def _stop(number: int, frame: FrameType | None) -> NoReturn:  # noqa: ARG001 (signal's signature)
    # A second signal while the first unwinds would cut a cleanup short (a temporary file
    # left behind): the first one decides, later ones are ignored. The command ends soon.
    for other in _SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    status, word = _SIGNALS[signal.Signals(number)]
    raise Stopped(status, word)


def handle_signals() -> None:
    """Make SIGINT and SIGTERM raise :class:`Stopped` in the main thread.

    A signal the shell told the command to ignore (``nohup``, ``cmd &`` in a script) stays
    ignored.
    """
    for number in _SIGNALS:
        if signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, _stop)


def status_of(error: BaseException) -> ExitStatus:
    """The status a refusal for ``error`` ends with.

    :attr:`ExitStatus.USAGE` for an error of the command line (an error whose ``usage`` is
    true), :attr:`ExitStatus.MISSING` for an input that is not there (whose ``missing`` is
    true), else :attr:`ExitStatus.INVALID`.
    """
    if getattr(error, "usage", False):
        return ExitStatus.USAGE
    return ExitStatus.MISSING if getattr(error, "missing", False) is True else ExitStatus.INVALID


class _Gone(io.RawIOBase):
    """A standard stream's file descriptor, written into until its reader goes away.

    Then (``EPIPE``: the other end of the pipe is closed) every later write is dropped
    and reported done, so that nothing on the way up (click, rich, Python flushing the
    streams at exit) sees an error: the listing ends, the command goes on.

    Attributes:
        gone: Whether the reader has gone.
    """

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self._descriptor = descriptor
        self.gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._descriptor

    def isatty(self) -> bool:
        return os.isatty(self._descriptor)

    def write(self, data: ReadableBuffer, /) -> int:
        size = memoryview(data).nbytes
        if self.gone:
            return size
        try:
            return os.write(self._descriptor, data)
        except BrokenPipeError:
            self.gone = True
            return size


def guard_streams() -> None:
    """Make a closed standard output or error end what is printed there, nothing else.

    Each stream that has a file descriptor is replaced by one with the same encoding,
    error handler and buffering, writing to the same descriptor, that drops what is
    written once the reader has gone (``| head``) instead of raising
    :class:`BrokenPipeError` wherever the command happens to print: every file is still
    written, the exit status is the work's, and nothing is said at exit. The console
    entry points call it; a stream without a descriptor (a test's capture) is left alone.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            descriptor = stream.fileno()
            stream.flush()
        except (AttributeError, OSError, ValueError):
            continue  # no stream, a captured one, or one already closed
        text = io.TextIOWrapper(
            io.BufferedWriter(_Gone(descriptor)),
            encoding=stream.encoding,
            errors=stream.errors,
            line_buffering=stream.line_buffering,
            write_through=name == "stderr",
        )
        setattr(sys, name, text)


def line(text: str) -> str:
    """``text`` as one line for a terminal, ended by a newline: its controls escaped.

    A name in a message may hold a newline, a terminal's control sequence (ESC, BEL, a
    bidi override) or bytes that are not text (lone surrogates from the file system):
    written escaped by :func:`asnkit._escape.escape`, the message stays one line, shows
    what the name holds, and is always written.
    """
    return escape(text) + "\n"


def warn(prog: str, message: str) -> None:
    """Write ``prog: warning: message`` on standard error, one line."""
    sys.stderr.write(line(f"{prog}: warning: {message}"))


def refuse(prog: str, message: str, status: int) -> int:
    """Write ``prog: error: message`` on standard error, one line; return ``status``."""
    sys.stderr.write(line(f"{prog}: error: {message}"))
    return status


def run_guarded(prog: str, body: Callable[[], int]) -> int:
    """Run ``body`` and return its exit status; a signal or a closed pipe ends it in one line.

    Call :func:`handle_signals` first (the console entry points do), so that SIGTERM is
    caught too; a Ctrl-C without it still ends in one line.
    """
    try:
        return body()
    except Stopped as stop:
        _say(f"{prog}: {stop.word}")
        return stop.status
    except KeyboardInterrupt:
        _say(f"{prog}: interrupted")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head) on a stream guard_streams did not guard (run in a
        # process whose entry point is not asnkit's): not an error of the command. Python
        # would complain again when flushing standard output at exit: point it at nothing.
        _discard_stdout()
        return ExitStatus.OK


def _say(text: str) -> None:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _discard_stdout()
    try:
        sys.stderr.write(line(text))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
