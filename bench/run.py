"""The benchmark harness: asnkit against jwst 3.0.0, written to docs/benchmarks.md and .png.

Run it with ``nox -s bench`` (which installs asnkit, matplotlib and a jwst 3.0.0 venv), or
by hand from the repository root with a Python that has asnkit and matplotlib::

    python bench/run.py --jwst-python ~/jwst-venv/bin/python

It measures, with medians of repeated runs:

* start-up: a two-file ``asn_from_list``, whole process, asnkit's command against jwst's;
* scale: Stage 2 and Stage 3 build + dump at 10^2 ... 10^5 files, asnkit, jwst (each run
  stopped past a cap, and larger sizes then skipped) and the floor,
  ``json.dumps(document, indent=4)`` of the same document;
* validation: ``asnkit validate DIRECTORY`` over 5,000 files, whole process, against jwst's
  ``load_asn`` in a loop over the same files;
* peak memory (``ru_maxrss``) of a process making the largest association;
* generate: ``asnkit generate`` (API, and one process) against jwst's ``asn_generate`` over
  jwst's test pools, and asnkit alone on synthetic pools of 1,000 to 10,000 exposures;
* report: ``asnkit report``'s page of 10,000 exposures (with 2,000 and with all ~10,000
  associations): its bytes, and its load time in headless Chromium.

Every figure in the outputs comes from the run that wrote them.

The harness is one module per concern: results.py (what is measured), _process.py (running
workers and commands), one measure_*.py per benchmark, machine.py, report.py (the page and
the JSON) and plot.py (the figure). This module only parses the options and runs them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import measure_generate
import measure_memory
import measure_report
import measure_scale
import measure_startup
import measure_validation
from _process import ROOT, SLACK, progress, worker
from machine import load_average, machine_facts
from plot import render_plot
from report import render_markdown, spread_note, to_json
from results import Jwst, Results, Settings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

BUSY = 1.5
"""A 1-minute load average above this means work other than the benchmark's one process ran."""

MEASUREMENTS: tuple[Callable[[Results, Jwst, Path], None], ...] = (
    measure_startup.measure,
    measure_scale.measure,
    measure_memory.measure,  # after the scale: it skips what jwst did not finish there
    measure_validation.measure,
    measure_generate.measure,
    measure_report.measure,
)
"""The benchmarks, in the order they run. A new one is a bench/measure_NAME.py whose
``measure(results, jwst, scratch)`` fills a field of :class:`results.Results`, listed here,
with its table in report.SECTIONS."""


def find_jwst(python: str | None, reason: str | None) -> Jwst:
    """The jwst to compare with, checked by importing it."""
    if python is None:
        return Jwst(None, reason or "no jwst given (--jwst-python)")
    path = Path(python).expanduser()
    try:
        info = worker(path, "jwst_worker.py", ["info"], SLACK)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
        return Jwst(None, f"jwst could not be run with {path}: {error}")
    return Jwst(path, version=str(info["jwst"]), python_version=str(info["python"]))


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The harness's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jwst-python", help="the python of a venv with jwst 3.0.0")
    parser.add_argument("--no-jwst", metavar="REASON", help="measure asnkit only, saying why")
    parser.add_argument("--sizes", default="100,1000,10000,100000", help="numbers of files")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a jwst run stops")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of repeats a point")
    parser.add_argument("--max-runs", type=int, default=5, help="repeats of a point at most")
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--validate-files", type=int, default=5000)
    parser.add_argument(
        "--generate-sizes", default="1000,3000,10000", help="exposures of the synthetic pools"
    )
    parser.add_argument(
        "--generate-pools", default="", help="jwst's pools to generate from (stems; all)"
    )
    parser.add_argument(
        "--report-exposures", type=int, default=10_000, help="exposures of the report's pool"
    )
    parser.add_argument(
        "--report-associations", type=int, default=2_000, help="associations of the cut report"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs", help="where benchmarks.md/.png/.json go"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure everything, write the report; return the exit status."""
    arguments = parse_arguments(argv)
    settings = Settings(
        sizes=sorted({int(size) for size in arguments.sizes.split(",")}),
        cap=arguments.cap,
        budget=arguments.budget,
        max_runs=arguments.max_runs,
        startup_runs=arguments.startup_runs,
        validate_files=arguments.validate_files,
        generate_sizes=sorted({int(size) for size in arguments.generate_sizes.split(",")}),
        generate_pools=[name for name in arguments.generate_pools.split(",") if name],
        report_exposures=arguments.report_exposures,
        report_associations=arguments.report_associations,
    )
    jwst = find_jwst(None if arguments.no_jwst else arguments.jwst_python, arguments.no_jwst)
    if not jwst.available:
        progress(f"jwst: {jwst.reason}; measuring asnkit only")
    load_at_start = os.getloadavg()[0]
    started = time.perf_counter()
    results = Results(machine=machine_facts(jwst), settings=settings)
    with tempfile.TemporaryDirectory(prefix="asnkit-bench-") as scratch:
        for measure in MEASUREMENTS:
            measure(results, jwst, Path(scratch))
    for name, point in results.scale.items():
        if name.startswith("asnkit/") and not point.same_bytes:
            results.notes.append(f"{name}: json.dumps did not give asnkit's bytes")
    results.notes.append(spread_note(results))
    results.notes.append(f"Load average at the end: {load_average()}.")
    if max(load_at_start, os.getloadavg()[0]) > BUSY:
        results.notes.append(
            "Other work was running on this machine around this run (see the load averages): "
            "its figures are slower and noisier than a quiet machine's."
        )
    results.notes.append(f"The whole run took {time.perf_counter() - started:.0f} s.")

    arguments.out.mkdir(parents=True, exist_ok=True)
    (arguments.out / "benchmarks.md").write_text(render_markdown(results, jwst))
    (arguments.out / "benchmarks.json").write_text(to_json(results) + "\n")
    render_plot(results, jwst, arguments.out / "benchmarks.png")
    progress(f"written: {arguments.out / 'benchmarks.md'}, .json and .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
