r"""The forms of DMS's association candidate ids, as regular expressions: written once.

``oNNN`` is an observation's candidate (``o001``), ``cNNNN`` a candidate the proposal
defines (``c1000``: a background, a WFSS direct image, ...). jwst's generator numbers the
associations it discovers ``aNNNN`` (and a list-made association is ``a3001``); ``rNNNN``
is the fourth form DMS writes. The patterns are strings, to be compiled or put in larger
patterns (``explain`` reads ``\d{4}`` as ``NNNN``).
"""

from __future__ import annotations

from typing import Final

__all__ = ["ASN_ID_FORMS", "CANDIDATE", "GIVEN_ID_FORMS", "OBSERVATION", "full_match"]

OBSERVATION: Final = r"o\d{3}"
"""An observation's candidate id: ``o001``."""

CANDIDATE: Final = r"c\d{4}"
"""A candidate id of the proposal's (background, direct image, ...): ``c1000``."""

GIVEN_ID_FORMS: Final = (OBSERVATION, CANDIDATE)
"""The ids a caller may give a list-made association (``asn_from_list --id``)."""

ASN_ID_FORMS: Final = (OBSERVATION, CANDIDATE, r"a\d{4}", r"r\d{4}")
"""Every form of ``asn_id`` DMS writes: the given ones, ``aNNNN`` and ``rNNNN``."""


def full_match(forms: tuple[str, ...]) -> str:
    r"""One pattern that matches a whole id of any of ``forms`` (``re.match``, ``\Z`` end)."""
    return "(?:" + "|".join(forms) + r")\Z"
