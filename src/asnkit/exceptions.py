"""The errors asnkit raises. Each message is one line: what is wrong, where, how to fix it."""

from __future__ import annotations

__all__ = [
    "AsnkitError",
    "EditError",
    "GatherError",
    "HeaderError",
    "InvalidAssociationError",
    "LoadError",
    "PoolError",
    "UnknownRuleError",
]


class AsnkitError(Exception):
    """Base class of every error asnkit raises on purpose."""


class InvalidAssociationError(AsnkitError, ValueError):
    """The association asked for, or read, cannot be valid (the command exits 1)."""


class LoadError(AsnkitError):
    """A file or text could not be read as an association (the command exits 1).

    The message is ``SOURCE: REASON``; for text that is not strict JSON the reason is
    ``not valid JSON (line L, column C): ...``, the message :func:`asnkit.validate` reports.

    Attributes:
        source: The file name or ``<text>`` that failed.
        reason: What is wrong, without the source.
        line: The 1-based line of the problem, when the text is not valid JSON.
        column: The 1-based column (in characters) of the problem, likewise.
        missing: The file is not there (the commands exit 2, as for a name mistyped).
    """

    def __init__(
        self,
        source: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        missing: bool = False,
    ) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = message
        self.line = line
        self.column = column
        self.missing = missing


class UnknownRuleError(AsnkitError, LookupError):
    """No rule has the name asked for (the command exits 2: bad usage)."""

    def __init__(self, name: str, known: tuple[str, ...], instead: str = "") -> None:
        message = f"unknown rule {name!r}; known rules: {', '.join(known)}"
        if instead:
            message = f"rule {name!r} is not supported: {instead}"
        super().__init__(message)
        self.name = name
        self.known = known
        self.instead = instead


class EditError(AsnkitError, ValueError):
    """An edit cannot be made: a name that is not there, a clash, a wrong type (exit 1)."""


class GatherError(AsnkitError):
    """An association cannot be gathered: missing members, clashing names (exit 1).

    Attributes:
        missing: The members that could not be found, when that is the reason.
        usage: The command line asked for what cannot be (a misspelled type): exit 2.
    """

    def __init__(self, message: str, missing: tuple[str, ...] = (), *, usage: bool = False) -> None:
        super().__init__(message)
        self.missing = missing
        self.usage = usage


class HeaderError(AsnkitError):
    """A file's FITS header cannot say what the file is (the command exits 1).

    The message names the file and the keyword: a missing or odd keyword, a file that is not
    FITS, or files that disagree where one association needs them to agree.

    Attributes:
        source: The file (or files) the message is about.
        missing: The file is not there (the commands exit 2, as for a name mistyped).
    """

    def __init__(self, source: str, message: str, *, missing: bool = False) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.missing = missing


class PoolError(AsnkitError):
    """A pool cannot be read or used: no header, a row of the wrong width (exit 1).

    Attributes:
        source: The pool file (or ``<text>``) the message is about.
        missing: The file is not there (the commands exit 2, as for a name mistyped).
    """

    def __init__(self, source: str, message: str, *, missing: bool = False) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.missing = missing
