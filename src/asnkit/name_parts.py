"""The one rule for a value that becomes part of a file name: what is refused, and why.

Pools, FITS headers, association files and command lines come from archives and
colleagues. Whatever of them becomes part of a name (an association's file name, a
product's name, after which the pipelines name their output files) must stay one plain
name: no path separator, no ``.`` or ``..`` component, no control or other non-printable
character, and not so long that the file system refuses the file. Every path that makes a
name from data asks :func:`name_part_problem` (or :func:`file_name_problem`,
:func:`product_name_problem` for a whole name), so that each refuses the same values with
the same words.

This module is on the start-up path of ``asn_from_list``: it imports nothing.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_FILE_NAME_BYTES",
    "MAX_PRODUCT_NAME_BYTES",
    "file_name_problem",
    "folder_problem",
    "name_part_problem",
    "product_name_length_problem",
    "product_name_problem",
]

MAX_FILE_NAME_BYTES: Final = 255
"""The longest file name (in UTF-8 bytes) the common file systems take (ext4, XFS, APFS...)."""

OUTPUT_ENDING_BYTES: Final = 32
"""The room a pipeline's output file needs after its product's name: ``_`` and a step
suffix (the longest jwst 3.0.0 knows, ``masterbackgroundmosstep``, has 23 characters) and
an extension (``.fits``, ``.ecsv``)."""

MAX_PRODUCT_NAME_BYTES: Final = MAX_FILE_NAME_BYTES - OUTPUT_ENDING_BYTES
"""The longest product name (UTF-8 bytes) whose output files the file system still takes."""

_SEPARATORS: Final = ("/", "\\")


def folder_problem(value: str) -> str | None:
    """What makes ``value`` name a folder, or climb out of one: a separator, ``.``, ``..``."""
    for separator in _SEPARATORS:
        if separator in value:
            return f"holds a path separator ({separator!r}): a name part names no folder"
    if value in (".", ".."):
        return f"is {value!r}, a path component: a name part names no folder"
    return None


def name_part_problem(value: str) -> str | None:
    """What makes ``value`` unfit to be part of a file name, or ``None`` when it is fit.

    The rule: no path separator (``/``, a backslash), not a ``.`` or ``..`` component
    (:func:`folder_problem`), no NUL, control or other non-printable character (line
    separators, bidirectional overrides, lone surrogates). The answer says which, in words
    that fit after "the value ...".
    """
    folder = folder_problem(value)
    if folder is not None or value.isprintable():
        return folder
    bad = next(character for character in value if not character.isprintable())
    what = "NUL" if bad == "\0" else "a control or non-printable character"
    return f"holds {what} ({bad!r} at {value.index(bad)}): a name holds none"


def _too_long(value: str, limit: int, what: str) -> str | None:
    size = len(value.encode("utf-8", errors="surrogatepass"))
    if size <= limit:
        return None
    return f"is {size:,} bytes long: {what} of at most {limit} bytes"


def file_name_problem(name: str) -> str | None:
    """What makes ``name`` unfit to be a file's name in the folder it is written to."""
    return name_part_problem(name) or _too_long(
        name, MAX_FILE_NAME_BYTES, "file systems take a file name"
    )


def product_name_problem(name: str) -> str | None:
    """What makes ``name`` unfit to name a product (the pipelines name their files after it)."""
    return name_part_problem(name) or product_name_length_problem(name)


def product_name_length_problem(name: str) -> str | None:
    """Whether ``name`` is too long for the pipeline's output files named after it."""
    return _too_long(
        name, MAX_PRODUCT_NAME_BYTES, "the pipeline's output files need a product name"
    )
