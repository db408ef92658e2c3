"""The one check every writer makes: what asnkit writes, its own ``validate`` accepts.

``from-list``, ``edit`` and ``gather`` (and their functions) call :func:`check_before_write`
with the text they are about to write; the check is :func:`asnkit.validate`'s errors,
nothing else, so that the writers and ``asnkit validate`` cannot disagree. The text, not
the model, is checked: it is what lands on disk (and checking it needs no cattrs, which the
``asn_from_list`` command's start-up does not pay for). ``force`` writes an invalid
association anyway: the problems are returned for the caller to warn about.

The size cap is the readers' (:func:`asnkit.files.max_bytes`, ``ASNKIT_MAX_BYTES``): a text
larger than ``asnkit validate`` would read is refused as any invalid one is, with the
sentence that says how to lift the cap, and its other problems are still found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from asnkit.exceptions import InvalidAssociationError
from asnkit.files import max_bytes, too_large
from asnkit.validation.report import Report, error

if TYPE_CHECKING:
    from asnkit.models import Association

__all__ = ["check_before_write", "checked_report", "problems_of", "report_of", "summary"]

_SHOWN: Final = 3
"""Problems named in a one-line refusal; the rest are counted."""


def report_of(source: Association | str) -> Report:
    """What ``asnkit validate`` reports for ``source``: its errors and its warnings.

    Args:
        source: An association, or the JSON text of one (what is about to be written).
    """
    from asnkit.validation import validate

    if isinstance(source, str):
        data = source.encode("utf-8")  # JSON text whatever its first character
        # Every finding of the text, whatever its size; then the readers' cap, which a
        # file asnkit writes must not exceed (asnkit validate would refuse it unread).
        report = validate(data, max_bytes=len(data) + 1)
        try:
            limit = max_bytes()
        except ValueError as bad:
            return attrs.evolve(report, findings=(error("", str(bad)), *report.findings))
        if len(data) > limit:
            size = error("", f"the association is {too_large(len(data), limit)}")
            return attrs.evolve(report, findings=(size, *report.findings))
        return report
    return validate(source)


def problems_of(source: Association | str | Report) -> list[str]:
    """The errors ``asnkit validate`` reports for ``source``, as ``pointer: message``.

    Args:
        source: An association, the JSON text of one (what is about to be written), or
            the report of either.
    """
    report = source if isinstance(source, Report) else report_of(source)
    return [f"{finding.pointer or '/'}: {finding.message}" for finding in report.errors]


def summary(problems: list[str]) -> str:
    """``problems`` in one line: the first few, then how many more."""
    shown = "; ".join(problems[:_SHOWN])
    if len(problems) > _SHOWN:
        shown += f"; ... ({len(problems) - _SHOWN} more)"
    return shown


def checked_report(source: Association | str, *, force: bool = False, what: str = "it") -> Report:
    """:func:`check_before_write`, answering the whole report (warnings too) when not refused.

    Raises:
        InvalidAssociationError: as :func:`check_before_write`.
    """
    report = report_of(source)
    if not report.valid and not force:
        msg = f"{what} would make an invalid association: {summary(problems_of(report))}"
        raise InvalidAssociationError(msg)
    return report


def check_before_write(
    source: Association | str, *, force: bool = False, what: str = "it"
) -> list[str]:
    """Refuse ``source`` if ``asnkit validate`` would reject it, unless ``force``.

    Args:
        source: What is about to be written: its JSON text (or the association).
        force: Write it anyway: the problems are returned instead of raised.
        what: What made ``asn``, for the message (``"the edit"``, ``"gathering"``).

    Returns:
        The problems (empty for a valid association) when not refused.

    Raises:
        InvalidAssociationError: ``source`` is invalid and ``force`` is false; the message
            is one line: ``<what> would make an invalid association: <problems>``.
    """
    return problems_of(checked_report(source, force=force, what=what))
