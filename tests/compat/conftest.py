"""jwst 3.0.0 as the reference: these tests need jwst itself, so ``nox -s compat`` runs them.

Where jwst cannot be imported (the plain ``tests`` session), the whole folder is skipped
here, before any test module is imported, with the reason in pytest's summary.
"""

from __future__ import annotations

import pytest

pytest.importorskip(
    "jwst",
    reason="jwst is not installed; the jwst compatibility tests run in `nox -s compat`",
)
