"""What every writer says of what it wrote: ``asnkit validate``'s warnings of it, collapsed.

``from-list``, ``edit``, ``gather`` and ``generate`` check what they write as ``asnkit
validate`` checks a file (:mod:`asnkit.write_check`) and say its warnings in validation's
words, so that no writer and ``validate`` can disagree: the first few of each check, with
where they are, then how many more. This module is on ``asn_from_list``'s start-up path: it
imports nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit.cli._collapse import collapsed, kind, more_like_it
from asnkit.cli._exit import warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from asnkit.validation import Finding, Report

__all__ = ["warn_as_validate_does"]


def warn_as_validate_does(prog: str, reports: Iterable[tuple[str, Report]]) -> None:
    """Say what ``asnkit validate`` would warn of in the files written (they are kept so).

    The warnings are grouped by kind and collapsed by the one rule of
    :mod:`asnkit.cli._collapse` (the first few of a kind, then how many more), across the
    files written.

    Args:
        prog: The command, for the lines.
        reports: ``(where, report)`` for each file written; ``where`` (a file name, or
            ``""`` for the one file a command writes) stands before each finding's place.
    """
    by_kind: dict[tuple[str, str], list[tuple[str, Finding]]] = {}
    for where, report in reports:
        for finding in report.warnings:
            by_kind.setdefault(kind(finding), []).append((where, finding))
    ordered = [pair for pairs in by_kind.values() for pair in pairs]
    for (where, finding), more in collapsed(ordered, lambda pair: kind(pair[1])):
        if more:
            warn(prog, more_like_it(more, "asnkit validate --all lists each"))
            continue
        place = f"{where}:{finding.pointer or '/'}" if where else finding.pointer or "/"
        warn(prog, f"{place}: {finding.message}")
