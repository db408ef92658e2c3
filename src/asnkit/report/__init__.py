"""A program's associations on one page: ``asnkit report``.

>>> page = from_pool(read_pool("jw01234_pool.csv"))  # doctest: +SKIP
>>> html = render(page)  # doctest: +SKIP

:mod:`asnkit.report.model` gathers what the page shows (from a pool, as ``asnkit generate``
would make it, with its explanations; or from association files); :mod:`asnkit.report.html`
renders it as one self-contained HTML file (no network: styles, script and data inline).
"""

from __future__ import annotations

from asnkit.report.html import render
from asnkit.report.model import Entry, Exposure, Page, from_files, from_pool

__all__ = ["Entry", "Exposure", "Page", "from_files", "from_pool", "render"]
