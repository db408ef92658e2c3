"""The one escaping rule of terminal output (asnkit._escape), over every code point."""

from __future__ import annotations

import ast
import sys

from hypothesis import given
from hypothesis import strategies as st

from asnkit._escape import escape, quoted
from asnkit.cli._exit import line

EVERY: str = "".join(map(chr, range(sys.maxunicode + 1)))
"""Every code point, lone surrogates included (as a file system's undecodable bytes)."""


def test_every_character_a_terminal_acts_on_is_escaped() -> None:
    controls = [
        *map(chr, range(0x20)),  # C0
        "\x7f",  # DEL
        *map(chr, range(0x80, 0xA0)),  # C1 (CSI is \x9b)
        *map(chr, range(0x202A, 0x202F)),  # bidi embeddings and overrides
        *map(chr, range(0x2066, 0x206A)),  # bidi isolates
        "\u200e",  # left-to-right mark
        "\u2028",  # line separator
        "\udcff",  # an undecodable byte
    ]
    for char in controls:
        shown = escape(char)
        assert shown.startswith("\\"), repr(char)
        assert shown.isascii(), repr(char)
        assert shown.isprintable(), repr(char)


def test_escape_is_repr_without_quotes_and_leaves_printable_text_alone() -> None:
    # One rule for both forms: what str.isprintable refuses, written as repr writes it
    # (repr escapes the backslash and its quote as well: left out here).
    text = EVERY.replace("\\", "").replace("'", "")
    assert escape(text) == repr(text)[1:-1]
    assert escape(text).isprintable()
    printable = "".join(char for char in EVERY if char.isprintable())
    assert escape(printable) is printable
    assert escape("a\\x1b [b]") == "a\\x1b [b]"  # printable: as it is, backslashes too


def test_quoted_is_repr_and_escapes_what_escape_does() -> None:
    for text in ("plain", "it's", "a\x1b[2Jb", "\u202etxt.exe", "back\\slash", "\udcff"):
        assert quoted(text) == repr(text)
        assert quoted(text).isprintable()


def test_a_message_line_is_one_printable_line() -> None:
    text = line("asnkit x: error: name 'a\nb' \x1b]0;t\x07 \udcff")
    assert text.endswith("\n")
    assert text[:-1].isprintable()
    assert text == "asnkit x: error: name 'a\\nb' \\x1b]0;t\\x07 \\udcff\n"


@given(st.text() | st.text(st.sampled_from("\x1b\x07\x9b\u202e\\[]a\n")))
def test_any_text_escaped_is_one_printable_line_that_reads_back(text: str) -> None:
    shown = escape(text)
    assert shown.isprintable()
    assert "\n" not in shown
    # Unambiguous once quoted: the escapes read back as the text.
    assert ast.literal_eval(quoted(text)) == text
