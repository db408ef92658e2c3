"""Associations in and out of files: load one from anything, write one, read a file's layout.

The bytes and the text come and go through :mod:`asnkit.files` (size limits, the strict
JSON reader, atomic writes under a lock); here they become associations and back.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

from asnkit.codec.emit import dumps
from asnkit.codec.structure import from_dict
from asnkit.codec.whitespace import Whitespace, detect
from asnkit.files import parse_json, read_json, write_text

if TYPE_CHECKING:
    from asnkit.models import Association

__all__ = ["load", "parse_with_whitespace", "read_with_whitespace", "write"]


def write(asn: Association, path: str | os.PathLike[str]) -> None:
    """Write ``asn`` to ``path`` atomically, in jwst's layout (see :func:`write_text`)."""
    write_text(path, dumps(asn))


def load(
    source: str | os.PathLike[str] | bytes | IO[str] | IO[bytes] | Mapping[str, object],
) -> Association:
    """An association from a path, JSON text, its bytes, an open file or a decoded object.

    A string that starts with ``{`` (after white space) is taken as JSON text; any other
    string is a path. Text is read by :func:`read_json`: strict JSON, with the limits
    :func:`asnkit.validate` has. Nothing is lost: unknown keys and the key order are kept,
    so ``dumps(load(f))`` gives back a file written in jwst's layout byte for byte.

    Raises:
        LoadError: the source cannot be read or is not an association; the message names
            the file and the place (line and column for JSON, the key's path otherwise).
    """
    if isinstance(source, Mapping):
        return from_dict(source)
    name, _, document = read_json(source)
    return from_dict(document, source=name)


def read_with_whitespace(path: str | os.PathLike[str]) -> tuple[Association, Whitespace]:
    """The association in the file ``path``, and the white space of the file's text.

    Raises:
        LoadError: the file cannot be read or is not an association; the message names it.
    """
    name, text, document = read_json(os.fspath(path))
    return from_dict(document, source=name), detect(text)


def parse_with_whitespace(data: bytes, *, source: str) -> tuple[Association, Whitespace]:
    """The association in a file's bytes ``data``, and the white space of its text.

    The bytes are read as :func:`read_json` reads a file: the same limits and messages.

    Raises:
        LoadError: ``data`` is too large, not strict JSON or not an association; the message
            names ``source``.
    """
    text, document = parse_json(data, source=source)
    return from_dict(document, source=source), detect(text)
