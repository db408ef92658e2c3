"""asnkit report's page in a real browser: headless Chromium driven by Playwright.

``nox -s browser`` runs these (it sets ``ASNKIT_BROWSER=1``, installs Playwright for Python
and, where it is missing, Debian's ``chromium``). Elsewhere they are not collected: the
unit sessions need no browser. In the browser session nothing is skipped: a missing
Playwright or Chromium fails. Chromium is ``$ASNKIT_CHROMIUM`` or ``/usr/bin/chromium``
(Playwright's own browser download is never used). Each test leaves a screenshot in
``artifacts/browser/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from chromium import ARGS, CHROMIUM

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page, Request, Route

WANTED = os.environ.get("ASNKIT_BROWSER") == "1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:  # noqa: ARG001 (pytest's hook signature)
    """Collected only in the browser session (``ASNKIT_BROWSER=1``)."""
    return None if WANTED or collection_path.suffix != ".py" else True


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set ASNKIT_CHROMIUM")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Seen:
    """What a page did that a test must hear of: console errors, page errors, requests out."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[Page, Seen]]:
    """A page of its own; after the test, its screenshot, and no error, no network."""
    seen = Seen()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: seen.errors.append(str(error)))

    def route(route: Route, asked: Request) -> None:
        if asked.url.startswith("file://"):
            route.continue_()
        else:
            seen.requests.append(asked.url)
            route.abort()

    opened.route("**/*", route)
    yield opened, seen
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    opened.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    context.close()
    assert seen.errors == [], "the page logged errors"
    assert seen.requests == [], "the page asked the network"
