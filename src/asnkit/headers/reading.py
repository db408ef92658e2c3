"""Reading FITS primary headers: the one place that opens a file's header (with astropy).

astropy is an optional dependency (``pip install 'asnkit[fits]'``), imported when a header is
first read; only the primary header is read, never the data.
"""

from __future__ import annotations

import re
from typing import Final

from asnkit.exceptions import HeaderError

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
reads have every keyword of the header: :func:`asnkit.generate.fits.pool_table`.)"""


_INSTALL_HINT: Final = "reading FITS headers needs astropy: pip install 'asnkit[fits]'"


def read_primary_header(path: str, *, every_keyword: bool = False) -> dict[str, object]:
    """The keywords of :data:`KEYWORDS` from the primary header of ``path``.

    A keyword the header lacks is left out. Only the header is read, never the data.
    With ``every_keyword``, every card with a keyword (as ``asn_make_pool`` reads them).

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
        raise HeaderError(path, "no such file") from None
    except IsADirectoryError:
        raise HeaderError(path, "is a directory, not a FITS file") from None
    except (OSError, ValueError, TypeError, IndexError) as error:
        # astropy's first clause says what is wrong ("No SIMPLE card found", "Empty or
        # corrupt FITS file"); the rest of its message is advice for FITS experts.
        detail = re.split(r"[,.;\n]", str(error), maxsplit=1)[0] or type(error).__name__
        msg = f"not a FITS file ({detail}); give FITS files such as _rate.fits or _cal.fits"
        raise HeaderError(path, msg) from None
    if every_keyword:
        return {k: v for k, v in header.items() if k not in ("", "COMMENT", "HISTORY")}
    found: dict[str, object] = {}
    for keyword in KEYWORDS:
        if keyword in header:
            found[keyword] = header[keyword]
    return found
