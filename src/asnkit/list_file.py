r"""Member lists: one member a line, for lists too long to type (``--list FILE``).

The format, in full:

- One member a line: its file name, then, optionally, its type after white space (a space
  or a tab): ``a_cal.fits`` (science), ``bg_cal.fits background``.
- A name with spaces is quoted, with ``"..."`` or ``'...'``: ``"my file_cal.fits" psf``.
  Quotes count only at the start of a name; there are no backslash escapes, so Windows
  paths are written as they are.
- A type is a word of letters, digits and underscores (``science``, ``target_acquisition``);
  so ``my file_cal.fits`` is refused ("quote a name with spaces"), never read as the
  member ``my`` of type ``file_cal.fits``.
- Blank lines are skipped; ``#`` starts a comment at the start of a line or after white
  space (``a#1.fits`` is a name).
- A UTF-8 byte-order mark and Windows line ends (CRLF) are read as if absent.
- An unquoted name with ``*``, ``?`` or ``[`` that is not a file is a pattern: the command
  expands it as the shell would (sorted), and refuses a pattern matching nothing. A
  quoted name is always taken as written.

jwst has no member-list format (its ``asn_from_list`` takes names on the command line);
this one is asnkit's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from asnkit.exceptions import AsnkitError, LoadError
from asnkit.models import ExpType

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["parse_member_list"]

_GLOB_CHARACTERS: Final = frozenset("*?[")
"""Characters that make an unquoted name a pattern."""

_TYPE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_BLANK: Final = " \t"


def parse_member_list(
    text: str,
    *,
    source: str = "<list>",
    expand: Callable[[str], list[str]] | None = None,
) -> list[tuple[str, str]]:
    r"""The ``(expname, exptype)`` pairs of a member list, in order (see the module's note).

    Args:
        text: The list's text.
        source: Its name, for messages.
        expand: Called with each unquoted name holding ``*``, ``?`` or ``[``; its result
            (the files a pattern matches) replaces the name. ``None`` refuses such names
            rather than write a pattern as a member.

    Raises:
        LoadError: a line cannot be read (too many fields, a type that is not a word, an
            unclosed quote, a pattern with no ``expand``); the message names the line.

    Examples:
        >>> parse_member_list('a_cal.fits\n# PSF reference\n"b 1_cal.fits"\tpsf\n')
        [('a_cal.fits', 'science'), ('b 1_cal.fits', 'psf')]
    """
    members: list[tuple[str, str]] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        try:
            fields = _fields(line)
        except ValueError as error:
            raise LoadError(source, f"line {number}: {error}") from None
        if not fields:
            continue
        if len(fields) > 2:  # noqa: PLR2004
            words = " ".join(text for text, _ in fields)
            msg = (
                f"line {number}: expected 'expname [exptype]', got {len(fields)} fields "
                f"({words}): quote a name with spaces"
            )
            raise LoadError(source, msg)
        name, quoted = fields[0]
        exptype = fields[1][0] if len(fields) == 2 else ExpType.SCIENCE  # noqa: PLR2004
        if not _TYPE.match(exptype):
            msg = (
                f"line {number}: {exptype!r} is not a member type ({line.strip()}): quote "
                "a name with spaces"
            )
            raise LoadError(source, msg)
        if not name:
            msg = f"line {number}: an empty name cannot be a member"
            raise LoadError(source, msg)
        if not quoted and _GLOB_CHARACTERS.intersection(name):
            if expand is None:
                msg = (
                    f"line {number}: {name!r} is a pattern: list the files, or quote the "
                    "name if it is one"
                )
                raise LoadError(source, msg)
            try:
                matches = expand(name)
            except AsnkitError as error:
                raise LoadError(source, f"line {number}: {error}") from None
            members.extend((match, exptype) for match in matches)
            continue
        members.append((name, exptype))
    return members


def _fields(line: str) -> list[tuple[str, bool]]:
    """The fields of one line, each with whether it was quoted; ``[]`` for nothing."""
    fields: list[tuple[str, bool]] = []
    index, end = 0, len(line)
    while index < end:
        character = line[index]
        if character in _BLANK:
            index += 1
            continue
        if character == "#":
            break
        if character in "\"'":
            close = line.find(character, index + 1)
            if close < 0:
                msg = f"the quote {character} at column {index + 1} is not closed"
                raise ValueError(msg)
            fields.append((line[index + 1 : close], True))
            index = close + 1
            if index < end and line[index] not in _BLANK:
                msg = f"text right after the closing quote at column {index}"
                raise ValueError(msg)
            continue
        start = index
        while index < end and line[index] not in _BLANK:
            index += 1
        fields.append((line[start:index], False))
    return fields
