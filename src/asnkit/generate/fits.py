"""A pool from FITS files, as jwst 3.0.0's ``asn_make_pool`` makes one.

Every keyword of each file's primary header is a column (lower case, sorted; for
generating, every keyword the engine can read: :func:`header_keywords`), with the
columns DMS adds: ``asn_candidate`` (the file's observation, ``[('oNNN', 'observation')]``),
``targetid`` (1, 2, ... in the order the files' TARGNAMEs first appear), ``pntgtype``
(``science``), ``is_imprt`` (``f``), ``dms_note``, ``mostilno`` and ``dithptin`` (``1``).
``filename`` is the path as given. Reading needs astropy (``pip install 'asnkit[fits]'``).

Two cells are written as a DMS pool has them, where ``asn_make_pool`` does not (see
docs/differences.md): the flags the rules read (``tsovisit``, ``is_psf``, ``is_imprt``,
``bkgdtarg``) are ``t``/``f`` where the header has a FITS logical (``asn_make_pool`` writes
``True``/``False``, which the rules do not take for ``t``), and ``is_imprt`` is the header's
``IS_IMPRT`` (``asn_make_pool`` writes ``f`` for every file, so that an imprint exposure is
taken for science). Every route from FITS files reads its rows here: ``asnkit pool``,
``asnkit generate FILES``, ``--from-headers`` and ``asnkit inspect``.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from asnkit.exceptions import HeaderError
from asnkit.generate.pool import NULL, Pool, pool_from_rows

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "FITS_SUFFIXES",
    "PoolOptions",
    "expand_inputs",
    "header_keywords",
    "pool_from_files",
    "pool_table",
    "read_headers",
]

FITS_SUFFIXES: Final = (".fits", ".fits.gz", ".fit", ".fts")
"""What a file name ends with to be read as FITS (any case)."""

NON_HEADER_COLUMNS: Final = {
    "asn_candidate": None,
    "dms_note": "",
    "is_imprt": "f",
    "pntgtype": "science",
    "targetid": "1",
    "mostilno": "1",
    "dithptin": "1",
}
"""The columns ``asn_make_pool`` adds to the headers' keywords, with its defaults."""

_CANDIDATE_ID: Final = re.compile(r"[oc]\d{3,4}\Z")
_CANDIDATE_TYPE: Final = re.compile(r"[a-z][a-z_]{0,39}\Z")


def _cell(value: str, option: str) -> str:
    if "|" in value or any(ord(character) < 32 or ord(character) == 127 for character in value):  # noqa: PLR2004
        msg = f"{option} must not hold '|' or a control character: a pool cell is one field"
        raise ValueError(msg)
    return value


def parse_candidates(text: str) -> tuple[tuple[str, str], ...]:
    """``"[('c1000', 'background')]"`` (``asn_make_pool --asn-candidate``) as pairs.

    Raises:
        ValueError: not a list of ``(id, type)`` pairs, an id not ``oNNN``/``cNNNN``, a
            type not lower-case letters and ``_``.
    """
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = None
    if not isinstance(value, (list, tuple)):  # text that is no list: a ValueError
        msg = "--asn-candidate must be a list of (id, type) pairs: \"[('c1000', 'background')]\""
        raise ValueError(msg)  # noqa: TRY004 (a bad option value, refused as usage)
    return _checked_candidates(value)


def _checked_candidates(value: Iterable[object]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for pair in value:
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):  # noqa: PLR2004
            msg = f"asn_candidate: each candidate is an (id, type) pair, not {pair!r:.40}"
            raise ValueError(msg)
        acid, kind = pair
        if not (isinstance(acid, str) and _CANDIDATE_ID.match(acid)):
            msg = f"asn_candidate: the id must be oNNN or cNNNN, not {acid!r:.40}"
            raise ValueError(msg)
        if not (isinstance(kind, str) and _CANDIDATE_TYPE.match(kind)):
            msg = f"asn_candidate: the type must be lower-case letters and _, not {kind!r:.40}"
            raise ValueError(msg)
        pairs.append((acid, kind))
    return tuple(pairs)


def _candidates(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        return parse_candidates(value)
    if not isinstance(value, (list, tuple)):
        msg = f"asn_candidate must be (id, type) pairs, not {type(value).__name__}"
        raise TypeError(msg)
    return _checked_candidates(value)


def _dms_note(value: str) -> str:
    return _cell(value, "--dms-note")


def _pntgtype(value: str) -> str:
    return _cell(value, "--pntgtype")


def _is_imprt(value: str | None) -> str | None:
    return None if value is None else _cell(value, "--is-imprt")


@attrs.frozen
class PoolOptions:
    """What ``asn_make_pool``'s options set in every row of a pool made from files.

    Raises ``ValueError`` (``TypeError``) when made from a value no pool cell can hold.

    Attributes:
        asn_candidate: Candidates added after each file's observation candidate
            (``--asn-candidate "[('c1000', 'background')]"``).
        dms_note: The ``dms_note`` column (``--dms-note``).
        is_imprt: The ``is_imprt`` column (``--is-imprt``); ``None``: the header's
            ``IS_IMPRT``, else ``f``.
        pntgtype: The ``pntgtype`` column (``--pntgtype``).
    """

    asn_candidate: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_candidates)
    dms_note: str = attrs.field(default="", converter=_dms_note)
    is_imprt: str | None = attrs.field(default=None, converter=_is_imprt)
    pntgtype: str = attrs.field(default="science", converter=_pntgtype)


FLAG_KEYWORDS: Final = ("TSOVISIT", "IS_PSF", "IS_IMPRT", "BKGDTARG")
"""The header flags the rules read, written ``t``/``f`` as a DMS pool has them."""


def is_fits_name(path: str) -> bool:
    """Whether ``path`` names a FITS file by its suffix."""
    return path.lower().endswith(FITS_SUFFIXES)


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """Directories replaced by the FITS files in them (sorted, not recursive)."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):  # noqa: PTH112
            names = sorted(name for name in os.listdir(path) if is_fits_name(name))  # noqa: PTH208
            found.extend(os.path.join(path, name) for name in names)  # noqa: PTH118
        else:
            found.append(path)
    return found


def _text(value: object) -> str:
    return "" if value is None else str(value)


def header_keywords() -> frozenset[str]:
    """The header keywords a pool row for generating needs: the only values parsed.

    Every column the engine can read (:func:`asnkit.generate.reads.columns_read`), the
    keywords ``asn_make_pool``'s added columns are made from (``OBSERVTN``, ``TARGNAME``)
    and those ``asnkit inspect`` shows (:data:`asnkit.fits_header.KEYWORDS`).
    """
    return _header_keywords()


@functools.cache
def _header_keywords() -> frozenset[str]:
    from asnkit.fits_header import KEYWORDS
    from asnkit.generate.reads import columns_read

    columns = {column.upper() for column in columns_read()}
    return frozenset({*columns, "OBSERVTN", "TARGNAME", *FLAG_KEYWORDS, *KEYWORDS})


Headers: TypeAlias = Sequence[tuple[str, Mapping[str, object]]]
"""Each file as given and its primary header's keywords (:func:`read_headers`)."""


def read_headers(paths: Iterable[str], *, every_keyword: bool = False) -> Headers:
    """The primary header of each of ``paths``: :func:`header_keywords` (or every keyword).

    Raises:
        HeaderError: a file cannot be read as FITS; astropy is missing.
    """
    from asnkit.fits_header import read_primary_header

    keywords = None if every_keyword else header_keywords()
    return [(path, read_primary_header(path, keywords)) for path in paths]


def pool_from_files(
    paths: Sequence[str],
    *,
    name: str = "pool.csv",
    headers: Headers | None = None,
    options: PoolOptions | None = None,
) -> Pool:
    """The pool ``asn_make_pool`` writes for ``paths``, as ``asn_generate`` reads it back.

    Only the columns the engine can read with the default rules (:func:`header_keywords`):
    what it generates from them is what it generates from every column (for rules of one's
    own that read other keywords, ``pool_from_rows(pool_table(paths)[1])`` has them all).
    ``headers``: the files' headers, already read by :func:`read_headers` (else they are
    read here). ``options``: what ``asn_make_pool``'s options set (:class:`PoolOptions`).

    Raises:
        HeaderError: a file cannot be read as FITS, or has no OBSERVTN keyword (which
            names its observation candidate); astropy is missing.
    """
    if headers is None:
        headers = read_headers(paths)
    columns, rows = _table(headers, options or PoolOptions())
    made = pool_from_rows(rows, name=name)
    return Pool(
        name=name, columns=columns, rows=made.rows, origin=describe_files(paths), from_files=True
    )


def describe_files(paths: Sequence[str]) -> str:
    """``3 FITS files in data/`` (or ``... in data/, raw/``; one file: its name)."""
    if len(paths) == 1:
        return paths[0]
    folders = list(dict.fromkeys(os.path.dirname(path) or "." for path in paths))  # noqa: PTH120
    shown = ", ".join(folder if folder == "." else folder + "/" for folder in folders[:3])
    more = f" and {len(folders) - 3} more folders" if len(folders) > 3 else ""  # noqa: PLR2004
    return f"{len(paths)} FITS files in {shown}{more}"


def pool_table(
    paths: Sequence[str], *, options: PoolOptions | None = None
) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The columns and rows ``asn_make_pool`` writes for ``paths``, in the headers' case.

    Every keyword of each header is a column (``asnkit pool`` writes them all).
    ``options``: what ``asn_make_pool``'s options set (:class:`PoolOptions`).

    Raises:
        HeaderError: as :func:`pool_from_files`.
    """
    return _table(read_headers(paths, every_keyword=True), options or PoolOptions())


def _table(headers: Headers, options: PoolOptions) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    columns = {keyword.lower() for _, header in headers for keyword in header}
    columns.update(NON_HEADER_COLUMNS)
    columns.add("filename")
    ordered = sorted(columns)
    rows: list[dict[str, str]] = []
    targets: list[str] = []
    for path, header in headers:
        row = dict.fromkeys(ordered, NULL.upper())
        row.update({keyword.lower(): _text(value) for keyword, value in header.items()})
        row.update({k: v for k, v in NON_HEADER_COLUMNS.items() if v is not None})
        row.update({"dms_note": options.dms_note, "pntgtype": options.pntgtype})
        for keyword in FLAG_KEYWORDS:
            value = header.get(keyword)
            if isinstance(value, bool):
                row[keyword.lower()] = "t" if value else "f"
            elif keyword == "IS_IMPRT" and value is not None:
                row["is_imprt"] = _text(value)
        if options.is_imprt is not None:
            row["is_imprt"] = options.is_imprt  # what was asked, over the header (as jwst)
        row["filename"] = path
        if "OBSERVTN" not in header:
            msg = "no OBSERVTN keyword: asn_make_pool names the observation candidate from it"
            raise HeaderError(path, msg)
        observation = (f"o{header['OBSERVTN']}", "observation")
        row["asn_candidate"] = str([observation, *options.asn_candidate])
        target = _text(header.get("TARGNAME"))
        if target not in targets:
            targets.append(target)
        row["targetid"] = str(len(targets))
        rows.append(row)
    return tuple(ordered), rows
