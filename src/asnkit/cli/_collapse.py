"""The one rule for repeated findings in text output: the first few of a kind, then a count.

``asnkit validate`` (per file) and every writer (:mod:`asnkit.cli._written`) say the first
:data:`SHOWN_PER_KIND` findings of one kind in full and, where the next would be, one line
``... and 19,997 more like it``. JSON output is never collapsed. This module is on
``asn_from_list``'s start-up path: it imports nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterator, Sequence

    from asnkit.validation import Finding

__all__ = ["SHOWN_PER_KIND", "collapsed", "kind", "more_like_it"]

_Item = TypeVar("_Item")

SHOWN_PER_KIND: Final = 3
"""Findings of one kind said in full; the others are counted."""


def kind(finding: Finding) -> tuple[str, str]:
    """What makes two findings alike: their severity and their check.

    The JSON and schema findings, which have no check, are alike when their messages are.
    """
    return finding.severity, finding.check or finding.message


def collapsed(
    items: Sequence[_Item], key: Callable[[_Item], Hashable]
) -> Iterator[tuple[_Item, int]]:
    """``items`` in order, the first few of each kind (``key``) with ``0``, then one per kind.

    Where the next of a kind would be comes that item with how many of its kind are left
    (the line that stands for them all), and no more of that kind after it.
    """
    counts: dict[Hashable, int] = {}
    for item in items:
        counts[key(item)] = counts.get(key(item), 0) + 1
    seen: dict[Hashable, int] = {}
    for item in items:
        group = key(item)
        number = seen[group] = seen.get(group, 0) + 1
        if number <= SHOWN_PER_KIND:
            yield item, 0
        elif number == SHOWN_PER_KIND + 1:
            yield item, counts[group] - SHOWN_PER_KIND


def more_like_it(count: int, hint: str) -> str:
    """The line that stands for ``count`` findings left out: ``... and 19,997 more like it``."""
    return f"... and {count:,} more like it ({hint})"
