"""Progress of long work, on stderr, only where a person watches it.

A bar is drawn (rich, loaded only then) when stderr is a terminal, the output is not JSON and
``ASNKIT_NO_PROGRESS`` is not set (to anything); never in a pipe, so that stdout and a
redirected stderr are exact. rich redraws a few times a second, whatever the pace of the work.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Final, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.progress import Progress, TaskID
    from typing_extensions import Self

__all__ = ["Bar", "progress_shown", "tracked"]

_Item = TypeVar("_Item")


def progress_shown(*, json_output: bool = False) -> bool:
    """Whether to draw progress: stderr a terminal, not JSON, no ``ASNKIT_NO_PROGRESS``."""
    if json_output or os.environ.get("ASNKIT_NO_PROGRESS"):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def tracked(
    items: Sequence[_Item], description: str, *, at_least: int, json_output: bool = False
) -> Iterable[_Item]:
    """``items``, with a bar on stderr while they are gone through.

    Only for runs of ``at_least`` items or more, where :func:`progress_shown`.
    """
    if len(items) < at_least or not progress_shown(json_output=json_output):
        return items
    return _bar(items, description)


def _bar(items: Sequence[_Item], description: str) -> Iterable[_Item]:
    from rich.console import Console
    from rich.progress import track

    console = Console(stderr=True, emoji=False, markup=False, highlight=False)
    yield from track(
        items, description=description, console=console, transient=True, refresh_per_second=4
    )


class Bar:
    """A progress bar of steps, drawn while the ``with`` block runs where it is shown.

    ``bar(what, done, total)`` says how far the work is; it costs a clock reading when
    shown and nothing otherwise, and the bar is redrawn at most four times a second.
    """

    _EVERY: Final = 0.25  # seconds between two updates of the bar

    def __init__(self, *, shown: bool) -> None:
        """A bar drawn only when ``shown`` (see :func:`progress_shown`)."""
        self._shown = shown
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._last = 0.0

    def __enter__(self) -> Self:
        """Start drawing (rich is loaded only here, and only when shown)."""
        if self._shown:
            from rich.console import Console
            from rich.progress import Progress

            console = Console(stderr=True, emoji=False, markup=False, highlight=False)
            self._progress = Progress(console=console, transient=True, refresh_per_second=4)
            self._progress.start()
            self._task = self._progress.add_task("", total=None)
        return self

    def __exit__(self, *_: object) -> None:
        """Take the bar away: what follows on stderr starts on a clean line."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __call__(self, what: str, done: int, total: int) -> None:
        """``done`` of ``total`` steps of ``what`` are done."""
        if self._progress is None or self._task is None:
            return
        now = time.monotonic()
        if now - self._last < self._EVERY and done < total:
            return
        self._last = now
        self._progress.update(self._task, description=what, completed=done, total=total)
