"""Association pools: jwst's ``|``-separated table of header keywords, one row per exposure.

A pool is read as jwst 3.0.0's ``AssociationPool.read`` reads it: lines starting with ``#``
(after blanks) are comments, the first other line names the columns, every cell is a string
in lower case with the blanks around it removed, an empty cell is ``"null"``, and the
column names are lower case too. Nothing here needs astropy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import attrs

from asnkit.exceptions import PoolError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["NULL", "Pool", "Row", "pool_from_rows", "read_pool"]

NULL: Final = "null"
"""What an empty cell reads as (jwst fills masked cells with it)."""

Row = dict[str, str]
"""One exposure of a pool: lower-case column name -> lower-case cell text."""


@attrs.frozen
class Pool:
    """A pool: its rows, its columns, and the file name written as ``asn_pool``.

    Attributes:
        name: The pool's file name without its directory (``jw01234_..._pool.csv``), or
            ``in-memory`` for rows made in a program.
        columns: The column names, lower case, in file order.
        rows: The exposures, in file order; each maps every column to its text.
        origin: What the rows were read from, as messages name it when that is not a pool
            file of :attr:`name`: the FITS files (``3 FITS files in data/``).
        from_files: Whether each row is a FITS file's primary header (its columns are the
            header's keywords).
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]
    origin: str = ""
    from_files: bool = False

    @property
    def source(self) -> str:
        """What the rows were read from, for messages (:attr:`origin`, else :attr:`name`)."""
        return self.origin or self.name

    def __len__(self) -> int:
        return len(self.rows)


def read_pool(path: str | os.PathLike[str], *, delimiter: str = "|") -> Pool:
    """Read a pool file as jwst's ``asn_generate`` reads it.

    Raises:
        PoolError: the file cannot be read, has no header, or a row has more cells than the
            header has columns (the message names the file and the line).
    """
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8", newline="") as stream:  # noqa: PTH123
            text = stream.read()
    except UnicodeDecodeError as error:
        msg = f"not a text pool ({error.reason} at byte {error.start}): give a pool file"
        raise PoolError(name, msg) from None
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        raise PoolError(name, message, missing=isinstance(error, FileNotFoundError)) from None
    return parse_pool(text, name=os.path.basename(name), source=name, delimiter=delimiter)  # noqa: PTH119


def parse_pool(
    text: str, *, name: str = "in-memory", source: str = "<text>", delimiter: str = "|"
) -> Pool:
    """A pool from its text; ``name`` is written as ``asn_pool``, ``source`` in errors."""
    columns: tuple[str, ...] | None = None
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cells = [cell.strip() for cell in stripped.split(delimiter)]
        if columns is None:
            columns = tuple(cell.lower() for cell in cells)
            if len(set(columns)) != len(columns):
                seen: set[str] = set()
                dup = next(c for c in columns if c in seen or seen.add(c))  # type: ignore[func-returns-value]
                msg = f"line {number}: column {dup!r} appears twice: keep one"
                raise PoolError(source, msg)
            continue
        if len(cells) != len(columns):
            msg = (
                f"line {number}: {len(cells)} cells where the header has {len(columns)} "
                f"columns: separate the cells with {delimiter!r}"
            )
            raise PoolError(source, msg)
        rows.append({key: (cell.lower() or NULL) for key, cell in zip(columns, cells, strict=True)})
    if columns is None:
        raise PoolError(
            source, "no header line: the first line that is not a comment names the columns"
        )
    return Pool(name=name, columns=columns, rows=tuple(rows))


def pool_from_rows(rows: Iterable[Mapping[str, object]], *, name: str = "in-memory") -> Pool:
    """A pool from rows made in a program: names and cells are lower-cased as a file's are.

    A cell that is ``None`` or empty reads as ``"null"``; any other value as its text.
    """
    made: list[Row] = []
    columns: dict[str, None] = {}
    for row in rows:
        cells: Row = {}
        for key, value in row.items():
            text = "" if value is None else str(value).strip()
            cells[key.lower()] = text.lower() or NULL
            columns.setdefault(key.lower())
        made.append(cells)
    return Pool(name=name, columns=tuple(columns), rows=tuple(made))


def format_pool(
    columns: Sequence[str], rows: Iterable[Mapping[str, str]], *, upper: bool = True
) -> str:
    """The text of a pool file with ``columns`` (``upper``: names in upper case)."""
    lines = ["|".join(column.upper() if upper else column for column in columns)]
    lines += ["|".join(row.get(column, NULL) for column in columns) for row in rows]
    return "\n".join(lines) + "\n"
