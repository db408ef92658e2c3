"""The white space of an association file's text, so that an edited file keeps it.

jwst writes ``json.dumps(data, indent=4)`` with no newline at the end, and that is what
:func:`asnkit.dumps` gives. Files written by hand or by other tools
use other layouts: two-space indents, tabs, a newline at the end, everything on one line.
:func:`detect` reads the white space of a file's text and :func:`render` writes an association
with it, so that rewriting a file (``asnkit edit``, ``asnkit gather``) changes what was edited
and not the whole file's look.

Only the layouts ``json.dumps`` can produce are reproduced exactly (indent, end of file,
non-ASCII characters escaped or not); a hand-aligned file is rewritten with its indent.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

import attrs

from asnkit.codec.emit import dumps
from asnkit.codec.structure import to_dict

if TYPE_CHECKING:
    from asnkit.models import Association

__all__ = ["JWST_WHITESPACE", "Whitespace", "detect", "render"]


@attrs.frozen
class Whitespace:
    r"""How a file's JSON text is laid out.

    Attributes:
        indent: The indent of one level: a number of spaces, a string of white space (tabs),
            or ``None`` for a document on one line.
        ending: The white space after the closing brace (``""`` or ``"\\n"``).
        ascii_only: Whether non-ASCII characters are written as ``\\uXXXX`` escapes.
        newline: The line break between lines (``"\\n"``, or ``"\\r\\n"`` for a file
            written on Windows).
    """

    indent: int | str | None = 4
    ending: str = ""
    ascii_only: bool = True
    newline: str = "\n"


JWST_WHITESPACE: Final = Whitespace()
"""jwst's layout: four spaces, no newline at the end, non-ASCII escaped."""

_WHITE = " \t\r\n"


def detect(text: str) -> Whitespace:
    """The layout of ``text``, a JSON object's text.

    The indent is the white space that begins the second line (the first key); a document
    with no line break inside it is on one line. Text that gives no clue gets jwst's layout.
    """
    body = text.rstrip(_WHITE)
    ending = text[len(body) :]
    ascii_only = text.isascii()
    first_break = body.find("\n")
    if first_break < 0:
        indent: int | str | None = None if len(body) > 2 else 4  # noqa: PLR2004 ("{}")
        return Whitespace(indent=indent, ending=ending, ascii_only=ascii_only)
    newline = "\r\n" if body[first_break - 1 : first_break] == "\r" else "\n"
    line = body[first_break + 1 :].split("\n", 1)[0]
    stripped = line.lstrip(" \t")
    white = line[: len(line) - len(stripped)]
    if not white:
        indent = 4
    elif white.strip(" ") == "":
        indent = len(white)
    else:
        indent = white
    return Whitespace(indent=indent, ending=ending, ascii_only=ascii_only, newline=newline)


def render(asn: Association, layout: Whitespace = JWST_WHITESPACE) -> str:
    """The text of ``asn`` in ``layout``; jwst's layout takes the fast writer."""
    if layout == JWST_WHITESPACE:
        return dumps(asn)
    text = json.dumps(to_dict(asn), indent=layout.indent, ensure_ascii=layout.ascii_only)
    if layout.newline != "\n":
        # JSON strings cannot hold a raw line break, so every one here is layout.
        text = text.replace("\n", layout.newline)
    return text + layout.ending
