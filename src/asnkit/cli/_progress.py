"""Progress of long work, on stderr, only where a person watches it.

A bar is drawn (rich, loaded only then) when stderr is a terminal, the output is not JSON and
``ASNKIT_NO_PROGRESS`` is not set (to anything); never in a pipe, so that stdout and a
redirected stderr are exact. rich redraws a few times a second, whatever the pace of the work.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["progress_shown", "tracked"]

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
