"""Names made from a pool's values: every one passes the one name-part rule, or the pool is refused.

The file name of an association is made of its program and candidate, a product's name of
the program, candidate, target, instrument, optical elements, slit and subarray (or, at
Stage 2b, of its science exposure's file name). Whatever a pool holds, no name made of it
may name a folder, climb out of one, hold a control character or be too long for the file
system (:mod:`asnkit.name_parts`). A name that breaks the rule is traced back to the cell
it came from: the refusal names the pool, the row (its exposure), the column and the value.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from asnkit.exceptions import PoolError
from asnkit.name_parts import file_name_problem, name_part_problem, product_name_problem
from asnkit.rules import Level2bRule

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from asnkit.generate.engine import GenAsn
    from asnkit.generate.pool import Pool

__all__ = ["check_version_id", "refuse_unsafe_names"]

_TOKENS: Final = re.compile(r"[\[\]()',\s]+")
"""What separates the words of a cell (ASN_CANDIDATE is a list of tuples: each id counts)."""

_SHOWN: Final = 80
"""The longest value a message quotes whole."""


def check_version_id(version_id: str) -> None:
    """Refuse a version tag that cannot be part of a file name.

    Raises:
        ValueError: the tag breaks the name-part rule; the message says how.
    """
    problem = name_part_problem(version_id)
    if problem is not None:
        msg = f"--version-id {version_id!r} {problem}: give letters, digits and '_' or '-'"
        raise ValueError(msg)


def refuse_unsafe_names(pool: Pool, made: Iterable[tuple[str, GenAsn]]) -> None:
    """Refuse the pool if a file or product name made from it breaks the name-part rule.

    Raises:
        PoolError: the first such name, traced back to its row, column and value.
    """
    for file_name, asn in made:
        problem = file_name_problem(file_name)
        if problem is not None:
            raise _refusal(pool, asn, "the file name", problem, file_name)
        for name, _ in asn.products:
            problem = product_name_problem(name)
            if problem is not None:
                raise _refusal(pool, asn, "the product name", problem, name)


def _refusal(pool: Pool, asn: GenAsn, what: str, problem: str, name: str) -> PoolError:
    rows = [row for _, members in asn.products for _, row in members]
    found = _source(rows, name)
    if found is None:
        message = (
            f"{what} {_shown(name)} {problem} (made by {asn.crule.rule.name}): fix the "
            "pool's values; nothing written"
        )
        return PoolError(pool.source, message)
    row, column, why = found
    which = "" if why is not None else f", which {problem}"
    why = why or f"is {len(row[column]):,} characters long"
    message = (
        f"{_place(pool, row)}{column.upper()} {_shown(row[column])} {why}; it would make "
        f"{what} {_shown(name)}{which}: fix the value; nothing written"
    )
    return PoolError(pool.source, message)


def _source(
    rows: list[Mapping[str, str]], name: str
) -> tuple[Mapping[str, str], str, str | None] | None:
    """The row and column a bad ``name`` came from, and what is wrong with the value.

    The cell whose value (or one of whose words) breaks the rule and stands in ``name``,
    else the longest cell that stands in it (a name too long: no rule said, ``None``);
    ``None`` when no cell does.
    """
    folded = name.lower()
    longest: tuple[Mapping[str, str], str] | None = None
    for row in rows:
        for column, cell in row.items():
            if column == "filename":  # a folder is allowed; its file's stem names products
                word = Level2bRule.product_name(cell)
                words = [word] if word.lower() in folded else []
            else:
                words = [cell, *_TOKENS.split(cell)] if name_part_problem(cell) else [cell]
            for word in words:
                why = name_part_problem(word) if word else None
                if why is not None and word.lower() in folded:
                    return row, column, why
            if cell.lower() in folded and (
                longest is None or len(cell) > len(longest[0][longest[1]])
            ):
                longest = (row, column)
    if longest is None:
        return None
    return (*longest, None)


def _shown(text: str) -> str:
    """``text`` quoted and escaped for a one-line message, its middle cut when long."""
    if len(text) > _SHOWN:
        return repr(text[: _SHOWN // 2]) + "..." + repr(text[-_SHOWN // 2 :])
    return repr(text)


def _place(pool: Pool, row: Mapping[str, str]) -> str:
    """Where ``row`` is, before its column's name: ``row 3 (FILE), `` or ``FILE, keyword ``."""
    filename = row.get("filename", "")
    shown = filename if filename.isprintable() else repr(filename)
    if pool.from_files:
        return f"{shown}, keyword "
    for number, other in enumerate(pool.rows, start=1):
        if other.get("filename") == filename:
            return f"row {number} ({shown}), "
    return f"the row of {shown}, "
