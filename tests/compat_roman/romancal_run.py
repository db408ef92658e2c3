"""Running romancal's commands and asnkit's side by side, in this process, in folders of their own.

Each run happens in a folder of its own (the commands write relative to where they run);
what a run did is its :class:`Outcome`: the exit status, every file in the folder
afterwards, and which of the ignored flags it warned of. ``code_version`` is the one
difference the files may have (each program writes its own version), so it is blanked.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

CODE_VERSION: Final = re.compile(rb'"code_version": "[^"]*"')
CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""What asnkit refuses in a name, where romancal writes it (docs/roman.md)."""


@attrs.frozen
class Outcome:
    """What one command did.

    Attributes:
        status: Its exit status.
        files: Every file of its folder afterwards, by relative path, ``code_version``
            blanked.
        warned: Which ignored flags it warned of: ``rule``, ``ruledefs``, ``id``.
        err: What it wrote on standard error.
    """

    status: int
    files: dict[str, bytes]
    warned: frozenset[str]
    err: str


def blank_version(data: bytes) -> bytes:
    """``data`` with its ``code_version`` value blanked."""
    return CODE_VERSION.sub(b'"code_version": ""', data)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with ``code_version`` blanked."""
    return {
        path.relative_to(folder).as_posix(): blank_version(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    """Run the block with ``folder`` as the current directory."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _status(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def run_romancal(main: Callable[[], object], folder: Path) -> Outcome:
    """Run romancal's ``main`` (its ``_cli``, with its arguments bound) in ``folder``."""
    out, err = io.StringIO(), io.StringIO()
    with (
        inside(folder),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        try:
            main()
            status = 0
        except SystemExit as stop:
            status = _status(stop.code)
        except Exception:  # noqa: BLE001 (a traceback: romancal failed)
            status = 1
    messages = " ".join(str(warning.message) for warning in caught)
    warned = {
        word
        for word, clue in (
            ("rule", "different rule"),
            ("ruledefs", "ruledefs"),
            ("id", "candidate id"),
        )
        if clue in messages
    }
    return Outcome(status, files_of(folder), frozenset(warned), err.getvalue())


def run_asnkit(main: Callable[[Sequence[str]], int], argv: Sequence[str], folder: Path) -> Outcome:
    """Run asnkit's ``main`` (``asnkit.cli._roman.from_list`` or ``multiband``) in ``folder``."""
    out, err = io.StringIO(), io.StringIO()
    with inside(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as stop:  # pragma: no cover (asnkit returns its status)
            status = _status(stop.code)
    text = err.getvalue()
    warned = {
        word
        for word, clue in (("rule", "-r/--rule "), ("ruledefs", "--ruledefs "), ("id", "-i/--id "))
        if f"warning: {clue}" in text
    }
    return Outcome(status, files_of(folder), frozenset(warned), text)
