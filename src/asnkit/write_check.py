"""The one check every writer makes: what asnkit writes, its own ``validate`` accepts.

``from-list``, ``edit`` and ``gather`` (and their functions) call :func:`check_before_write`
with the text they are about to write; the check is :func:`asnkit.validate`'s errors,
nothing else, so that the writers and ``asnkit validate`` cannot disagree. The text, not
the model, is checked: it is what lands on disk (and checking it needs no cattrs, which the
``asn_from_list`` command's start-up does not pay for). ``force`` writes an invalid
association anyway: the problems are returned for the caller to warn about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from asnkit.exceptions import InvalidAssociationError

if TYPE_CHECKING:
    from asnkit.models import Association

__all__ = ["check_before_write", "problems_of"]

_SHOWN: Final = 3
"""Problems named in a one-line refusal; the rest are counted."""


def problems_of(source: Association | str) -> list[str]:
    """The errors ``asnkit validate`` reports for ``source``, as ``pointer: message``.

    Args:
        source: An association, or the JSON text of one (what is about to be written).
    """
    from asnkit.validation import validate

    if isinstance(source, str):
        data = source.encode("utf-8")  # JSON text whatever its first character
        # asnkit's own text: the size limit for files read does not apply.
        report = validate(data, max_bytes=len(data) + 1)
    else:
        report = validate(source)
    return [f"{finding.pointer or '/'}: {finding.message}" for finding in report.errors]


def summary(problems: list[str]) -> str:
    """``problems`` in one line: the first few, then how many more."""
    shown = "; ".join(problems[:_SHOWN])
    if len(problems) > _SHOWN:
        shown += f"; ... ({len(problems) - _SHOWN} more)"
    return shown


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
    problems = problems_of(source)
    if problems and not force:
        msg = f"{what} would make an invalid association: {summary(problems)}"
        raise InvalidAssociationError(msg)
    return problems
