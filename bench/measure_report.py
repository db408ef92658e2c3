"""Report: the size of ``asnkit report``'s page of a big program, and its load time in a browser.

Issue 26's target: 10,000 exposures and 2,000 associations open in the browser in under
2 s, and the file stays under 20 MB. Two programs, both from the synthetic pool of 10,000
exposures of measure_generate.py (:func:`measure_generate.synthetic_pool`):

* the whole pool: every exposure and every association generate makes of it (about ten
  thousand of each);
* the same page cut to 2,000 associations, evenly spaced in the page's order (every
  exposure stays a row; those of the associations left out have no cell): the issue's
  10,000 exposures and 2,000 associations.

The page is built once (``from_pool``: generate and each exposure's explanation; its time is
reported, it is not a target) and rendered for each program. Measured: the page's bytes, and
in headless Chromium (Debian's ``/usr/bin/chromium`` or ``$ASNKIT_CHROMIUM``, driven by
Playwright for Python) the time from the navigation's start until the map's first rows are
drawn and a frame painted, each load in a fresh page of one browser, after a warm-up load;
the median of ``--max-runs`` loads. Without Playwright or Chromium the load time is skipped,
saying why. ``bench/run.py``'s ``--report-exposures`` and ``--report-associations`` set the
sizes.

Run by ``bench/run.py`` (``nox -s bench``), or alone::

    python bench/measure_report.py [--max-runs N] [--exposures N] [--associations N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
from _process import progress
from chromium import ARGS, CHROMIUM
from measure_generate import synthetic_pool  # puts tests/ on the path

from asnkit.generate import read_pool
from asnkit.report import from_pool, render

if TYPE_CHECKING:
    from results import Jwst, Results

    from asnkit.report import Page

DRAWN: Final = """() => new Promise((done) => requestAnimationFrame(() =>
  setTimeout(() => done(performance.now()))))"""
"""The page's clock (ms since its navigation began) once a frame is painted."""


def cut(page: Page, keep: int) -> Page:
    """``page`` with ``keep`` of its associations, evenly spaced; every exposure kept."""
    if keep >= len(page.entries):
        return page
    step = len(page.entries) / keep
    return attrs.evolve(page, entries=tuple(page.entries[int(k * step)] for k in range(keep)))


def why_no_browser() -> str:
    """Why the load time cannot be measured here, or ``""``."""
    try:
        import playwright.sync_api  # noqa: F401 (only whether it is there)
    except ImportError:
        return "not measured: Playwright for Python is not installed in this Python"
    if not Path(CHROMIUM).exists():
        return f"not measured: no Chromium at {CHROMIUM} (apt-get install chromium)"
    return ""


def load_times(paths: list[Path], loads: int) -> list[list[float]]:
    """For each page, the seconds of ``loads`` loads until its map is drawn (after a warm-up)."""
    from playwright.sync_api import sync_playwright

    found: list[list[float]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for path in paths:
                times = []
                for index in range(loads + 1):
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    errors: list[str] = []
                    page.on("pageerror", lambda error: errors.append(str(error)))  # noqa: B023 (used in this pass)
                    page.goto(path.as_uri(), wait_until="load", timeout=120_000)
                    page.wait_for_selector("#map .row[data-i]", timeout=120_000)
                    drawn = float(page.evaluate(DRAWN)) / 1000
                    page.close()
                    if errors:
                        message = f"{path.name}: the page failed: {errors[0]}"
                        raise RuntimeError(message)
                    if index:
                        times.append(drawn)
                found.append(times)
        finally:
            browser.close()
    return found


def measure(results: Results, jwst: Jwst, scratch: Path) -> None:  # noqa: ARG001 (the harness's signature)
    """Fill ``results.report``."""
    settings = results.settings
    size, loads = settings.report_exposures, max(1, settings.max_runs)
    progress(f"report: the page of a synthetic pool of {size:,} exposures (minutes)")
    pool = read_pool(synthetic_pool(size, scratch / "report-synthetic"))
    start = time.perf_counter()
    whole = from_pool([pool])
    built = time.perf_counter() - start
    figures: dict[str, Any] = {"built": built, "programs": {}}
    paths = []
    for name, page in (("whole", whole), ("cut", cut(whole, settings.report_associations))):
        path = scratch / f"report-{name}.html"
        start = time.perf_counter()
        path.write_text(render(page), encoding="utf-8")
        figures["programs"][name] = {
            "exposures": len(page.exposures),
            "associations": len(page.entries),
            "bytes": path.stat().st_size,
            "rendered": time.perf_counter() - start,
        }
        paths.append(path)
    reason = why_no_browser()
    if reason:
        figures["skipped"] = reason
    else:
        progress(f"report: {loads} loads of each page in headless Chromium")
        for name, times in zip(("whole", "cut"), load_times(paths, loads), strict=True):
            figures["programs"][name] |= {"times": times, "median": statistics.median(times)}
    results.report = figures


def main(argv: list[str] | None = None) -> int:
    """Measure alone and print the section of docs/benchmarks.md."""
    from machine import machine_facts
    from report import report_section, report_targets
    from results import Results, Settings
    from run import find_jwst

    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--max-runs", type=int, default=5, help="timed loads of each page")
    parser.add_argument("--exposures", type=int, default=10_000, help="the pool's exposures")
    parser.add_argument("--associations", type=int, default=2_000, help="those of the cut")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    jwst = find_jwst(None, "not needed")
    settings = Settings(
        sizes=[],
        cap=0.0,
        budget=0.0,
        max_runs=args.max_runs,
        startup_runs=0,
        validate_files=0,
        report_exposures=args.exposures,
        report_associations=args.associations,
    )
    results = Results(machine=machine_facts(jwst), settings=settings)
    with tempfile.TemporaryDirectory(prefix="asnkit-bench-report-") as scratch:
        measure(results, jwst, Path(scratch))
    print("\n".join([*report_targets(results), *report_section(results, jwst)]))
    if args.json:
        args.json.write_text(json.dumps(results.report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
