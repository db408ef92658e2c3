"""Member lists: one member a line, ``expname [exptype]``, for lists too long to type."""

from __future__ import annotations

from asnkit.exceptions import LoadError
from asnkit.models import ExpType

__all__ = ["parse_member_list"]


def parse_member_list(text: str, *, source: str = "<list>") -> list[tuple[str, str]]:
    r"""The ``(expname, exptype)`` pairs of a member list, in order.

    Each line holds a file name and, optionally, its type (science when omitted). Blank
    lines and lines starting with ``#`` are skipped, as is anything after `` #``.

    Raises:
        LoadError: a line has more than two fields; the message names the line.

    Example:
        >>> parse_member_list("a_cal.fits\\n# PSF reference\\nb_cal.fits psf\\n")
        [('a_cal.fits', 'science'), ('b_cal.fits', 'psf')]
    """
    members: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split(" #", 1)[0].strip()
        if not content or content.startswith("#"):
            continue
        fields = content.split()
        if len(fields) == 1:
            members.append((fields[0], ExpType.SCIENCE))
        elif len(fields) == 2:  # noqa: PLR2004
            members.append((fields[0], fields[1]))
        else:
            msg = f"line {number}: expected 'expname [exptype]', got {len(fields)} fields"
            raise LoadError(source, msg)
    return members
