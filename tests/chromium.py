"""The Chromium that the browser tests (tests/browser) and the bench's report measure drive.

Debian's ``/usr/bin/chromium`` or ``$ASNKIT_CHROMIUM`` (Playwright's own browser download is
never used), with the flags this machine's closed network needs: no sandbox as root, no
background connections.
"""

from __future__ import annotations

import os
from typing import Final

CHROMIUM: Final = os.environ.get("ASNKIT_CHROMIUM", "/usr/bin/chromium")
ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
