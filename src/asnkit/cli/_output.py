"""How a command prints: rich on a terminal, plain text otherwise."""

from __future__ import annotations

import os
import sys

__all__ = ["fancy"]


def fancy() -> bool:
    """Whether to draw with rich (tables, colour): standard output is a terminal, no NO_COLOR.

    Piped, redirected, or with ``NO_COLOR`` set (to anything, https://no-color.org), a
    command prints plain text: the same bytes a test or a script reads.
    """
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
