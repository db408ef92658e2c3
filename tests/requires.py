"""Why a test that needs an optional install is skipped, said the same way everywhere."""

from __future__ import annotations

from typing import Final

JWST_MISSING: Final = "jwst is not installed; run nox -s compat"
"""jwst 3.0.0 is installed by the compat session only (tests/compat/)."""

ASTROPY_MISSING: Final = "astropy is not installed; pip install 'asnkit[fits]'"
"""astropy comes with asnkit's ``fits`` extra (and the test dependency group)."""

ROMANCAL_MISSING: Final = "romancal is not installed; run nox -s compat_roman"
"""romancal 1.1.0 is installed by the compat_roman session only (tests/compat_roman/)."""
