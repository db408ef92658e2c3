r"""The report as one self-contained HTML file: styles, script and data inline, no network.

The summary is written here, every value escaped (:func:`html.escape`); the map and the
panels are drawn by the page's script from the data, embedded as JSON in a
``<script type="application/json">`` with ``<``, ``>``, ``&`` and the line separators
written as ``\\u`` escapes, so that no value can end the script. The script sets names as
text (``textContent``), never as HTML. Same page, same bytes: nothing depends on the time.

A big page's data (over :data:`COMPRESS_ABOVE` characters of JSON: a program of thousands
of associations, whose JSON texts repeat each other) is embedded gzip'd, in base64
(``data-encoding='gzip+base64'``), and inflated by the browser's own
``DecompressionStream``: 10,000 associations make 34 MB of JSON and 1.4 MB of page.
"""

from __future__ import annotations

import base64
import gzip
import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Final

from asnkit.report.model import counts

if TYPE_CHECKING:
    from asnkit.report.model import Page

__all__ = ["COMPRESS_ABOVE", "embedded_data", "embedded_json", "render"]

COMPRESS_ABOVE: Final = 1_000_000
"""Characters of JSON above which :func:`render` embeds the data compressed."""

_JSON_ESCAPES: Final = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def embedded_json(value: object) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def embedded_data(value: object, *, compress: bool | None = None) -> tuple[str, str]:
    """``(attributes, content)`` of the ``<script>`` element holding ``value`` in a page.

    ``compress``: whether to gzip it (in base64); by default, when its JSON is longer than
    :data:`COMPRESS_ABOVE`. The gzip header carries no time: the same value, the same bytes.
    """
    text = embedded_json(value)
    if not (len(text) > COMPRESS_ABOVE if compress is None else compress):
        return "type='application/json' id='data'", text
    packed = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    return (
        "type='application/octet-stream' id='data' data-encoding='gzip+base64'",
        base64.b64encode(packed).decode("ascii"),
    )


def _summary(page: Page) -> str:
    e = escape
    parts = [
        "<dl>",
        f"<dt>Programs</dt><dd>{e(', '.join(page.programs) or '-')}</dd>",
        f"<dt>Exposures</dt><dd id='n-exposures'>{len(page.exposures)}</dd>",
        f"<dt>Associations</dt><dd id='n-entries'>{len(page.entries)}</dd>",
        "</dl><table class='counts'><tr><th>Stage</th><th>Type</th><th>Count</th></tr>",
    ]
    parts += [
        f"<tr><td>{e(stage or '?')}</td><td>{e(kind or '?')}</td><td>{n}</td></tr>"
        for stage, kind, n in counts(page)
    ]
    parts.append("</table>")
    errors = sum(1 for f in page.findings if f[1] == "error")
    parts.append(
        f"<h3>Findings ({errors} errors, {len(page.findings) - errors} warnings)</h3>"
        "<ul id='findings'>"
    )
    parts += [
        f"<li class='{e(severity)}'>{e(severity)}: {e(file)} {e(pointer)}: {e(message)}</li>"
        for file, severity, pointer, message in page.findings
    ]
    parts.append("</ul><h3>Product names of more than one association</h3><ul id='shared'>")
    parts += [f"<li><b>{e(name)}</b>: {e(', '.join(users))}</li>" for name, users in page.shared]
    parts.append("</ul>")
    return "".join(parts)


def render(page: Page, *, compress: bool | None = None) -> str:
    """The HTML of ``page``: the same page gives the same text.

    ``compress``: whether the data is embedded gzip'd (:func:`embedded_data`); by default,
    when it is big.
    """
    attributes, content = embedded_data(page.as_json(), compress=compress)
    here = Path(__file__).parent
    style = (here / "report.css").read_text(encoding="utf-8")
    script = (here / "report.js").read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>asnkit report: {escape(page.title)}</title><style>{style}</style></head>"
        f"<body><header><h1>asnkit report</h1><p class='source'>{escape(page.title)}</p></header>"
        f"<section id='summary' aria-label='Summary'>{_summary(page)}</section>"
        "<section id='controls' aria-label='Search and filter'>"
        "<label>Exposure <input id='search' type='search' placeholder='name (press /)'></label>"
        "<label>Type <select id='f-type'><option value=''>any</option></select></label>"
        "<label>Observation <select id='f-obs'><option value=''>any</option></select></label>"
        "<label>Role <select id='f-role'><option value=''>any</option></select></label>"
        "<span id='shown' aria-live='polite'></span></section>"
        "<main><div id='map' role='grid' aria-label='Exposures by association'></div>"
        "<aside id='panel' aria-live='polite' tabindex='-1'></aside></main>"
        f"<script {attributes}>{content}</script>"
        f"<script>{script}</script></body></html>\n"
    )
