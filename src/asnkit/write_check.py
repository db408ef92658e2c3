"""The one check every writer makes: what asnkit writes, its own ``validate`` accepts.

``from-list``, ``edit`` and ``gather`` (and their functions) call :func:`check_before_write`
with what they are about to write; the check is :func:`asnkit.validate`'s errors,
nothing else, so that the writers and ``asnkit validate`` cannot disagree. ``force`` writes
an invalid association anyway: the problems are returned for the caller to warn about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit.exceptions import InvalidAssociationError

if TYPE_CHECKING:
    from asnkit.models import Association

__all__ = ["check_before_write", "problems_of"]

_SHOWN: Final = 3
"""Problems named in a one-line refusal; the rest are counted."""


def problems_of(asn: Association) -> list[str]:
    """The errors ``asnkit validate`` would report for ``asn``, as ``pointer: message``."""
    from asnkit.validation import validate

    return [f"{finding.pointer or '/'}: {finding.message}" for finding in validate(asn).errors]


def summary(problems: list[str]) -> str:
    """``problems`` in one line: the first few, then how many more."""
    shown = "; ".join(problems[:_SHOWN])
    if len(problems) > _SHOWN:
        shown += f"; ... ({len(problems) - _SHOWN} more)"
    return shown


def check_before_write(asn: Association, *, force: bool = False, what: str = "it") -> list[str]:
    """Refuse ``asn`` if ``asnkit validate`` would reject it, unless ``force``.

    Args:
        asn: What is about to be written.
        force: Write it anyway: the problems are returned instead of raised.
        what: What made ``asn``, for the message (``"the edit"``, ``"gathering"``).

    Returns:
        The problems (empty for a valid association) when not refused.

    Raises:
        InvalidAssociationError: ``asn`` is invalid and ``force`` is false; the message is
            one line: ``<what> would make an invalid association: <problems>``.
    """
    problems = problems_of(asn)
    if problems and not force:
        msg = f"{what} would make an invalid association: {summary(problems)}"
        raise InvalidAssociationError(msg)
    return problems
