"""What every writer says of what it wrote: ``asnkit validate``'s warnings of it, collapsed.

``from-list``, ``edit``, ``gather`` and ``generate`` check what they write as ``asnkit
validate`` checks a file (:mod:`asnkit.write_check`) and say its warnings in validation's
words, so that no writer and ``validate`` can disagree: the first few of each check, with
where they are, then how many more. This module is on ``asn_from_list``'s start-up path: it
imports nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit.cli._exit import warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from asnkit.validation import Finding, Report

__all__ = ["SHOWN_PER_CHECK", "warn_as_validate_does"]

SHOWN_PER_CHECK: Final = 3
"""Findings of one check said in full; the others are counted."""


def warn_as_validate_does(prog: str, reports: Iterable[tuple[str, Report]]) -> None:
    """Say what ``asnkit validate`` would warn of in the files written (they are kept so).

    Args:
        prog: The command, for the lines.
        reports: ``(where, report)`` for each file written; ``where`` (a file name, or
            ``""`` for the one file a command writes) stands before each finding's place.
    """
    by_check: dict[str, list[tuple[str, Finding]]] = {}
    for where, report in reports:
        for finding in report.warnings:
            by_check.setdefault(finding.check, []).append((where, finding))
    for findings in by_check.values():
        for where, finding in findings[:SHOWN_PER_CHECK]:
            place = f"{where}:{finding.pointer or '/'}" if where else finding.pointer or "/"
            warn(prog, f"{place}: {finding.message}")
        if len(findings) > SHOWN_PER_CHECK:
            more = len(findings) - SHOWN_PER_CHECK
            warn(prog, f"... and {more} more like it (asnkit validate lists them all)")
