"""The one strict JSON reader: fast when the text is good, precise when it is not.

Every path that reads an association (:func:`asnkit.load`, :func:`asnkit.validate`, every
command) decodes its text here, so that they accept the same files and refuse the others
with the same one-line message, line and column.

A good file costs one ``bytes.decode`` and one ``json.loads`` (C code). Only when that fails,
or when one of the cheap hooks objects (a duplicate key, ``NaN``/``Infinity``, a number that
does not fit a double), a slower pure-Python scanner reads the text again to say where the
problem is, by line and column. The scanner keeps its own stack, stops at the first problem
and refuses nesting deeper than :data:`MAX_DEPTH`, so hostile input costs linear time and
bounded memory. (Files larger than a cap are refused before they are read, by
:func:`asnkit.files.read_limited`.)

Everything here is strict JSON (RFC 8259) in UTF-8: no byte-order mark, no UTF-16, no
comments, no trailing commas, no ``NaN``, no duplicate keys.
"""

from __future__ import annotations

import functools
import json
import json.scanner
import math
import re
from typing import Final

__all__ = ["MAX_DEPTH", "JSONProblemError", "decode", "decode_text", "json_type", "scan", "to_text"]

MAX_DEPTH: Final = 500
"""Deeper nesting is refused, wherever it is (a member's value too): the document itself is
level 1. An association nests 5 levels; Python's own decoder gives up near 1,000."""

_INT_DIGITS_LIMIT: Final = 4300  # Python's default int_max_str_digits


class JSONProblemError(ValueError):
    """The bytes are not one strict JSON document in UTF-8.

    Attributes:
        message: What is wrong and, where it helps, how to fix it (one line).
        line: The 1-based line of the problem, or ``None`` (e.g. a file too large).
        column: The 1-based column (in characters) of the problem, or ``None``.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def describe(self) -> str:
        """The one-line message every reader gives: ``not valid JSON (line L, column C): ...``."""
        if self.line is None:
            return self.message
        return f"not valid JSON (line {self.line}, column {self.column}): {self.message}"


class _HookRefusalError(ValueError):
    """A decoding hook refused a value; the scanner finds where."""


def _unique_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _HookRefusalError
    return document


def _refuse_constant(_name: str) -> float:
    raise _HookRefusalError


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _HookRefusalError
    return value


# One decoder, built once: json.loads with hooks would build a new one for every file.
_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_unique_object,
    parse_constant=_refuse_constant,
    parse_float=_finite_float,
)


# The decoder's C scanner, called straight: JSONDecoder.decode is two Python calls and a
# regular expression around it, a good part of the cost of a small file.
_SCAN: Final = json.scanner.make_scanner(_DECODER)  # type: ignore[arg-type]
_JSON_WHITESPACE: Final = " \t\n\r"


def _decoded(text: str) -> object:
    """``_DECODER.decode(text)``: the same value, or the same exception."""
    try:
        value, end = _SCAN(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return _DECODER.decode(text)  # white space first, or a problem: raised as decode does
    if end != len(text) and text[end:].strip(_JSON_WHITESPACE):
        return _DECODER.decode(text)  # text after the value: raised as decode does
    return value


def decode(data: bytes | str) -> object:
    """The JSON value in ``data`` (UTF-8 bytes or text), strictly.

    Raises:
        JSONProblemError: with the first problem and its line and column.
    """
    return decode_text(data)[1]


def decode_text(data: bytes | str) -> tuple[str, object]:
    """The text of ``data`` (UTF-8 bytes or text) and its JSON value, strictly.

    Raises:
        JSONProblemError: with the first problem and its line and column.
    """
    text = to_text(data) if isinstance(data, bytes) else data
    if not text or text.isspace():  # (isspace stops at the first "{"; strip would copy)
        msg = "empty file: an association is a JSON object ({...})"
        raise JSONProblemError(msg, 1, 1)
    try:
        value = _decoded(text)
    except json.JSONDecodeError as error:
        raise _explained(text, error) from None
    except (ValueError, RecursionError):
        # A hook refused, an integer is longer than Python converts, or too deep: find it.
        raise _scanned(text) from None
    # Python's decoder nests up to its recursion limit: the limit here is lower. Only a text
    # with more brackets than the limit (an opening and a closing one a level) can break
    # it, and only then is the value walked. (Bytes are counted faster than text.)
    if len(text) > 2 * MAX_DEPTH and _brackets(data) > MAX_DEPTH and _deeper_than(value, MAX_DEPTH):
        raise _scanned(text)
    return text, value


def _brackets(data: bytes | str) -> int:
    """How many ``[`` and ``{`` ``data`` holds (strings included)."""
    if isinstance(data, bytes):
        return data.count(b"[") + data.count(b"{")
    return data.count("[") + data.count("{")


def _scanned(text: str) -> JSONProblemError:
    problem = scan(text)
    if problem is None:  # pragma: no cover (the scanner finds what the hooks refused)
        return JSONProblemError("not valid JSON", 1, 1)
    return problem


def _deeper_than(value: object, limit: int) -> bool:
    """Whether ``value`` nests more than ``limit`` arrays and objects (itself counted)."""
    stack: list[tuple[dict[str, object] | list[object], int]] = []
    if isinstance(value, (dict, list)):
        stack.append((value, 1))
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def to_text(data: bytes) -> str:
    """``data`` decoded as UTF-8, naming what it is when it is not UTF-8 text."""
    if data[:1] in _MARK_STARTS:  # (a JSON file starts with "{" or white space: one test)
        _refuse_byte_order_mark(data)
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _position_of_byte(data, nul)
        if _looks_like_utf16(data):
            msg = "the file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8"
        else:
            msg = "binary file: it holds a NUL byte, which JSON text never does"
        raise JSONProblemError(msg, line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_byte(data, error.start)
        byte = data[error.start]
        msg = f"not UTF-8 text: byte 0x{byte:02x} cannot start or continue a character"
        raise JSONProblemError(msg, line, column) from None


_MARK_STARTS: Final = frozenset({b"\xff", b"\xfe", b"\x00", b"\xef"})
"""The first bytes of the byte-order marks of UTF-32, UTF-16 and UTF-8."""


def _refuse_byte_order_mark(data: bytes) -> None:
    """Refuse ``data`` if it starts with a byte-order mark, naming the encoding."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        msg = "the file is UTF-32 (it starts with a byte-order mark); save it as UTF-8"
        raise JSONProblemError(msg, 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = "the file is UTF-16 (it starts with a byte-order mark); save it as UTF-8"
        raise JSONProblemError(msg, 1, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        msg = "the file starts with a UTF-8 byte-order mark, which JSON forbids; remove it"
        raise JSONProblemError(msg, 1, 1)


def _looks_like_utf16(data: bytes) -> bool:
    """Whether ``data`` starts like UTF-16 (or UTF-32) JSON: an ASCII character beside a NUL."""
    if len(data) < 2:  # noqa: PLR2004
        return False
    first, second = data[0], data[1]
    return (second == 0 and 0x09 <= first < 0x80) or (first == 0 and 0x09 <= second < 0x80)  # noqa: PLR2004


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based; the column counts decodable characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of a character offset."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


_TRAILING_COMMA: Final = (
    "trailing comma: JSON allows no comma before a closing '}' or ']'; remove it"
)


def _explained(text: str, error: json.JSONDecodeError) -> JSONProblemError:
    """The decoder's error, in plain words, with hints for the usual causes."""
    offset = error.pos
    end = len(text.rstrip())
    before = text[:offset].rstrip()
    message = error.msg
    if offset >= end and not message.startswith("Extra data"):
        message = "the file ends before the document does (truncated?)"
    elif message.startswith("Unterminated string") and text.find('"', offset + 1) == -1:
        message = "a string is not closed before the end of the file (truncated?)"
    elif before.endswith(",") and text[offset : offset + 1] in {"}", "]"}:
        offset = len(before) - 1
        message = _TRAILING_COMMA
    elif message.startswith("Illegal trailing comma"):  # Python 3.13 names it, at the comma
        message = _TRAILING_COMMA
    elif message.startswith("Extra data"):
        message = "text after the end of the JSON document"
    elif message.startswith("Invalid control character"):
        message = "a raw control character (tab, newline, ...) inside a string; escape it"
    else:
        message = message[0].lower() + message[1:]
    line, column = _position(text, offset)
    return JSONProblemError(message, line, column)


# The scanner's patterns, as text: compiled on the first scan (a good file never needs them).
_WHITESPACE_PATTERN: Final = r"[ \t\n\r]*"
_STRING_PATTERN: Final = r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"'
_NUMBER_PATTERN: Final = r"-?(?:0|[1-9][0-9]*)((?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _skip_whitespace(text: str, position: int) -> int:
    """The offset of the first character at or after ``position`` that is not white space."""
    return _pattern(_WHITESPACE_PATTERN).match(text, position).end()  # type: ignore[union-attr]


_LITERALS: Final = ("true", "false", "null")
_NOT_JSON: Final = ("NaN", "-Infinity", "Infinity")


def scan(text: str, max_depth: int = MAX_DEPTH) -> JSONProblemError | None:  # noqa: C901, PLR0911, PLR0912, PLR0915 (one state machine)
    """The first problem of ``text`` as strict JSON, or ``None`` when there is none.

    Iterative (its own stack), linear in the length of the text, stops at the first
    problem: safe on any input. Besides syntax it finds duplicate keys, ``NaN`` and
    ``Infinity``, numbers too large for a double or for Python's integer conversion, and
    nesting deeper than ``max_depth``.
    """
    # Each open container: the set of keys seen (an object) or None (an array).
    stack: list[set[str] | None] = []
    size = len(text)
    position = _skip_whitespace(text, 0)
    expecting_value = True

    while True:
        if expecting_value:
            char = text[position : position + 1]
            if char in {"{", "["}:
                if len(stack) >= max_depth:
                    return _problem(text, position, f"nested deeper than {max_depth} levels")
                position = _skip_whitespace(text, position + 1)
                closer = "}" if char == "{" else "]"
                if text[position : position + 1] == closer:
                    position += 1
                    expecting_value = False
                    continue
                if char == "[":
                    stack.append(None)
                    continue
                stack.append(set())
                # An object: read its first key.
                key_problem, position = _read_key(text, position, stack[-1])
                if key_problem is not None:
                    return key_problem
                continue
            if char == '"':
                match = _pattern(_STRING_PATTERN).match(text, position)
                if match is None:
                    return _problem(
                        text,
                        position,
                        "invalid string (unclosed, a raw control character or a bad escape)",
                    )
                position = match.end()
            elif match := _pattern(_NUMBER_PATTERN).match(text, position):
                digits = match.group()
                if match.group(1):
                    if math.isinf(float(digits)):
                        return _problem(
                            text, position, f"number {_short(digits)} is too large for a double"
                        )
                elif (length := len(digits.lstrip("-"))) > _INT_DIGITS_LIMIT:
                    message = f"integer of {length:,} digits (more than {_INT_DIGITS_LIMIT:,})"
                    return _problem(text, position, message)
                position = match.end()
            elif text.startswith(_LITERALS, position):
                position += 4 if text.startswith(("true", "null"), position) else 5
            elif text.startswith(_NOT_JSON, position):
                word = next(word for word in _NOT_JSON if text.startswith(word, position))
                return _problem(text, position, f"{word} is not a JSON value; use a number or null")
            elif position >= size:
                return _problem(
                    text, position, "the file ends before the document does (truncated?)"
                )
            else:
                return _problem(text, position, f"expecting a value, found {text[position]!r}")
            expecting_value = False
            continue
        # After a value: a separator, a closer, or the end.
        position = _skip_whitespace(text, position)
        if not stack:
            if position < size:
                return _problem(text, position, "text after the end of the JSON document")
            return None
        top = stack[-1]
        char = text[position : position + 1]
        closer = "]" if top is None else "}"
        if char == closer:
            stack.pop()
            position += 1
            continue
        if char != ",":
            if position >= size:
                return _problem(
                    text, position, "the file ends before the document does (truncated?)"
                )
            return _problem(text, position, f"expecting ',' or {closer!r}, found {char!r}")
        comma = position
        position = _skip_whitespace(text, position + 1)
        if text[position : position + 1] in {"}", "]"}:
            return _problem(
                text,
                comma,
                _TRAILING_COMMA,
            )
        if top is None:
            expecting_value = True
            continue
        key_problem, position = _read_key(text, position, top)
        if key_problem is not None:
            return key_problem
        expecting_value = True


def _read_key(
    text: str,
    position: int,
    seen: set[str] | None,
) -> tuple[JSONProblemError | None, int]:
    """Read ``"key" :`` at ``position``; a problem, or the offset of the value after it."""
    match = _pattern(_STRING_PATTERN).match(text, position)
    if match is None:
        if position >= len(text):
            return _problem(
                text, position, "the file ends before the document does (truncated?)"
            ), position
        return _problem(text, position, "expecting a key in double quotes"), position
    key = json.loads(match.group())
    if seen is not None:
        if key in seen:
            return _problem(text, position, f"duplicate key {key!r} in the same object"), position
        seen.add(key)
    position = _skip_whitespace(text, match.end())
    if text[position : position + 1] != ":":
        return _problem(text, position, "expecting ':' after a key"), position
    position = _skip_whitespace(text, position + 1)
    return None, position


def _problem(text: str, offset: int, message: str) -> JSONProblemError:
    line, column = _position(text, offset)
    return JSONProblemError(message, line, column)


def _short(text: str) -> str:
    return text if len(text) <= 20 else f"{text[:17]}..."  # noqa: PLR2004


def json_type(value: object) -> str:
    """The JSON name of ``value``'s type, with an article (``an array``, ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    return "an object"
