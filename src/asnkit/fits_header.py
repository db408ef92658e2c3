"""Reading FITS primary headers: the one place that opens a file's header (with astropy).

Below :mod:`asnkit.generate` (which makes pools of headers) and :mod:`asnkit.headers`
(which makes associations of files by their headers), so that neither imports the other
to read a file.

astropy is an optional dependency (``pip install 'asnkit[fits]'``), imported when a header is
first read; only the primary header is read, never the data.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from asnkit.exceptions import HeaderError

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["KEYWORDS", "read_primary_header"]


KEYWORDS: Final = (
    "PROGRAM",
    "OBSERVTN",
    "TARGNAME",
    "INSTRUME",
    "DETECTOR",
    "EXP_TYPE",
    "FILTER",
    "PUPIL",
    "GRATING",
    "FXD_SLIT",
    "SUBARRAY",
    "TSOVISIT",
    "IS_PSF",
    "IS_IMPRT",
    "BKGDTARG",
)
"""The keywords ``asnkit inspect`` shows, in its order: those that most often decide which
rule takes a file, in which role, and how its product is named. (The pool rows the engine
reads have every keyword it can read: :func:`asnkit.generate.fits.header_keywords`.)"""


_NOT_KEYWORDS: Final = frozenset({"", "COMMENT", "HISTORY"})
"""Cards without a keyword of their own (commentary), which no pool has a column for."""

_INSTALL_HINT: Final = "reading FITS headers needs astropy: pip install 'asnkit[fits]'"


def read_primary_header(
    path: str, keywords: Collection[str] | None = KEYWORDS
) -> dict[str, object]:
    """The keywords of ``keywords`` that the primary header of ``path`` has, with their values.

    ``keywords=None``: every card with a keyword (as ``asn_make_pool`` reads them). A
    keyword the header lacks is left out; one it has twice has its last value (as
    ``asn_make_pool`` reads it). Only the header is read, never the data, and only the
    values asked for are parsed: astropy parses a card's value when it is asked for it,
    the most of the cost of reading a header of a few hundred cards.

    Raises:
        HeaderError: astropy is not installed, the file is missing or is not FITS.
    """
    try:
        from astropy.io import fits
    except ImportError:
        raise HeaderError(path, _INSTALL_HINT) from None
    try:
        header = fits.getheader(path, 0)
    except FileNotFoundError:
        raise HeaderError(path, "no such file", missing=True) from None
    except IsADirectoryError:
        raise HeaderError(path, "is a directory, not a FITS file") from None
    except (OSError, ValueError, TypeError, IndexError) as error:
        # astropy's first clause says what is wrong ("No SIMPLE card found", "Empty or
        # corrupt FITS file"); the rest of its message is advice for FITS experts.
        detail = re.split(r"[,.;\n]", str(error), maxsplit=1)[0] or type(error).__name__
        msg = f"not a FITS file ({detail}); give FITS files such as _rate.fits or _cal.fits"
        raise HeaderError(path, msg) from None
    found: dict[str, object] = {}
    for card in header.cards:
        keyword = card.keyword
        if keywords is None:
            if keyword in _NOT_KEYWORDS:
                continue
        elif keyword not in keywords:
            continue
        value = card.value  # parsed here, the one costly step
        # Header.items() and header[keyword] read an undefined value as None.
        found[keyword] = None if isinstance(value, fits.Undefined) else value
    return found
