r"""Text read from data, made safe for a terminal: the one rule every command prints by.

A name read from an association, a pool, a FITS header or the command line may hold a
character a terminal acts on instead of showing it: ESC and BEL (``\x1b]0;title\x07``
retitles the window, ``\x1b[2J`` clears it), the other C0 and C1 controls, DEL, the bidi
overrides (U+202A-U+202E, U+2066-U+2069) that show a name reversed, and every other
character Python does not call printable (:meth:`str.isprintable`: categories Cc, Cf, Cs,
Co, Cn, Zl, Zp, and Zs but the space). Each such character is written as its Python
escape, as :func:`repr` writes it (``\x1b``, ``\n``, ``\u202e``, ``\udcff`` for a byte
that was not UTF-8): :func:`escape` does so and leaves every other character as it is,
:func:`quoted` is the same in quotes, backslashes and quotes escaped too (exactly
``repr``), for a value inside a sentence.

Every command's text output and every one-line message goes through :func:`escape` (the
messages through :func:`asnkit.cli._exit.line`); ``--format json`` output is JSON, whose
``\u`` escapes are already safe. This module is on the start-up path of every command: it
imports nothing.
"""

from __future__ import annotations

__all__ = ["escape", "quoted"]


def escape(text: str) -> str:
    r"""``text`` with every character :meth:`str.isprintable` refuses written as its escape.

    Printable text (every ordinary name) comes back as it is, backslashes included, so
    that a message escaped twice is escaped once. ``escape("a\x1b[2Jb")`` is
    ``"a\\x1b[2Jb"``: the characters ``a \ x 1 b [ 2 J b``.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def quoted(text: str) -> str:
    r"""``text`` in quotes with its characters escaped as :func:`escape` does: ``repr(text)``.

    For a value in a sentence (``name 'a\x1b' holds ...``): backslashes and quotes are
    escaped too, so that the value can be read back exactly. Python's :func:`repr` of a
    string escapes exactly the characters :meth:`str.isprintable` refuses, the rule of
    :func:`escape` (tests/test_escape.py checks every code point).
    """
    return repr(text)
