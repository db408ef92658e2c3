"""Helpers of the fault suite: the installed commands, and what a folder holds.

(A module, not a conftest.py: mypy would see two modules named conftest.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(sys.executable).parent


def command(name: str) -> str:
    """The installed console script ``name`` (``asnkit``, ``asn_from_list``)."""
    path = SCRIPTS / name
    if not path.exists():
        pytest.skip(f"the {name} command is not installed beside {sys.executable}")
    return str(path)


def listing(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder`` (hidden ones included) with its bytes ('' for a folder)."""
    return {
        p.name: (b"" if p.is_dir() else p.read_bytes()) if p.exists() else b"<dangling>"
        for p in sorted(folder.iterdir())
    }
