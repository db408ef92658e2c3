"""Benchmark: ``asnkit generate`` against jwst 3.0.0's ``asn_generate`` over jwst's test pools.

The pools are those of ``tests/data/pools/`` that jwst can read (28 of 29), their ``@!``
templates expanded (``tests/pool_templates.py``) and written as plain pool files under their
own names into a temporary folder, so that both tools read the same files, as a user's.
Measured, each from the pool files to the association files written:

* asnkit's API in this process: ``read_pool`` + ``generate_files`` + each file's text written,
  over every pool (after one warm-up pass; the median of repeated passes);
* one ``asnkit generate POOL... -o DIR`` process over every pool (whole process);
* jwst's ``asn_generate`` in process (``jwst_worker.py generate``: its entry point on each
  pool file with its defaults, after its modules and rules are loaded): one pass, it is slow;
* asnkit's API alone on synthetic pools of 1,000, 3,000 and 10,000 exposures (copies of five
  of jwst's pools with fresh observation numbers and file names), for linearity.

Run by ``bench/run.py`` (``nox -s bench``), or alone::

    python bench/generate.py [--jwst-python PYTHON] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))  # pool_templates: jwst's pools, templates expanded

from pool_templates import expanded_pool, pool_paths  # noqa: E402 (after the path is set)

from asnkit.codec.emit import dumps  # noqa: E402
from asnkit.exceptions import PoolError  # noqa: E402
from asnkit.generate import generate_files, read_pool  # noqa: E402
from asnkit.generate.pool import format_pool  # noqa: E402

SYNTHETIC_SIZES: Final = (1000, 3000, 10_000)
SYNTHETIC_SOURCES: Final = (
    "pool_002_image_miri",
    "pool_003_image_nircam",
    "pool_006_spec_nirspec",
    "pool_019_niriss_wfss",
    "pool_024c_nirspec_fss_nods",
)
"""The pools a synthetic pool repeats: imaging and spectroscopy of four instruments."""

TARGETS: Final = {"api": 100.0, "process": 50.0, "synthetic_seconds": 10.0}


def progress(message: str) -> None:
    """Say what is being measured, on stderr."""
    print(message, file=sys.stderr, flush=True)


def write_pools(directory: Path) -> list[Path]:
    """Every pool jwst can read, templates expanded, as a plain pool file of the same name."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for path in pool_paths():
        pool = expanded_pool(path)
        if "asn_candidate" not in pool.columns:
            continue  # jw93060: neither jwst nor asnkit can generate from it
        target = directory / path.name
        target.write_text(format_pool(pool.columns, pool.rows), encoding="utf-8")
        written.append(target)
    return written


def synthetic_pool(size: int, directory: Path) -> Path:
    """A pool of ``size`` exposures of one program: copies of the source pools, renumbered.

    Each copy of a source gets fresh observation numbers (its candidates follow) and each
    exposure a fresh file name, so that every copy makes its own associations.
    """
    sources = [expanded_pool(p) for p in pool_paths() if p.stem in SYNTHETIC_SOURCES]
    columns: dict[str, None] = {}
    for source in sources:
        columns.update(dict.fromkeys(source.columns))
    rows: list[dict[str, str]] = []
    observation = 0
    while len(rows) < size:
        for source in sources:
            renumbered: dict[str, str] = {}
            for row in source.rows:
                if len(rows) == size:
                    break
                old = row["obs_num"]
                if old not in renumbered:
                    observation += 1
                    renumbered[old] = str(observation)
                new = dict.fromkeys(columns, "null") | dict(row)
                new["program"] = "99009"
                new["obs_num"] = renumbered[old]
                number = len(rows) + 1
                new["filename"] = f"jw99009{observation:03d}001_01101_{number:05d}_uncal.fits"
                new["asn_candidate"] = re.sub(
                    r"'o\d+'", f"'o{observation:03d}'", row["asn_candidate"]
                )
                rows.append(new)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"jw99009_synthetic{size}_pool.csv"
    path.write_text(format_pool(tuple(columns), rows), encoding="utf-8")
    return path


def api_pass(paths: list[Path], out: Path) -> int:
    """The API over the pools: read, generate, write each file; the number written."""
    count = 0
    for path in paths:
        folder = out / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        try:
            made = generate_files(read_pool(path))
        except PoolError:
            continue
        for name, asn in made:
            (folder / name).write_text(dumps(asn), encoding="utf-8")
            count += 1
    return count


def timed(run: Any, *, runs: int, budget: float) -> tuple[list[float], Any]:  # noqa: ANN401
    """``run()`` once to warm up, then timed up to ``runs`` times or ``budget`` seconds."""
    result = run()
    times: list[float] = []
    while len(times) < runs and (not times or sum(times) < budget):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times, result


def process_pass(paths: list[Path], out: Path, *, runs: int) -> dict[str, Any]:
    """One ``asnkit generate`` process over every pool; the median of ``runs`` runs."""
    command = [str(Path(sys.executable).parent / "asnkit"), "generate"]
    probe = subprocess.run([*command, "--help"], capture_output=True, check=False)
    if probe.returncode != 0:
        return {"skipped": "not measured: this asnkit has no `asnkit generate` command yet"}
    times = []
    for index in range(runs + 1):
        target = out / f"process{index}"
        start = time.perf_counter()
        completed = subprocess.run(
            [*command, *map(str, paths), "-o", str(target)], capture_output=True, check=False
        )
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            tail = completed.stderr.decode(errors="replace").strip().splitlines()[-1:]
            return {"skipped": f"asnkit generate failed ({completed.returncode}): {tail}"}
        if index:  # the first run warms the page cache
            times.append(elapsed)
    files = sum(1 for _ in (out / f"process{runs}").rglob("*.json"))
    return {"times": times, "median": statistics.median(times), "files": files}


def jwst_pass(python: Path, pools: Path, out: Path) -> dict[str, Any]:
    """The ``asn_generate`` of jwst in process over every pool file, in its own interpreter."""
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    completed = subprocess.run(
        [str(python), str(HERE / "jwst_worker.py"), "generate", str(pools), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        tail = completed.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"skipped": f"jwst failed ({completed.returncode}): {tail[0]}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def measure(jwst_python: Path | None, *, runs: int = 5, budget: float = 30.0) -> dict[str, Any]:
    """Every figure of this benchmark, as a JSON-able record."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="asnkit-bench-generate-") as scratch_name:
        scratch = Path(scratch_name)
        paths = write_pools(scratch / "pools")
        rows = sum(len(read_pool(p)) for p in paths)
        results["pools"] = {"count": len(paths), "rows": rows}
        progress(f"generate: asnkit API over {len(paths)} pools ({rows} rows)")
        times, files = timed(lambda: api_pass(paths, scratch / "api"), runs=runs, budget=budget)
        results["api"] = {"times": times, "median": statistics.median(times), "files": files}
        progress("generate: one asnkit generate process over every pool")
        results["process"] = process_pass(paths, scratch / "cli", runs=min(runs, 3))
        if jwst_python is not None:
            progress("generate: jwst asn_generate in process over every pool (minutes)")
            results["jwst"] = jwst_pass(jwst_python, scratch / "pools", scratch / "jwst")
        else:
            results["jwst"] = {"skipped": "not measured: no jwst given"}
        synthetic: dict[str, Any] = {}
        for size in SYNTHETIC_SIZES:
            progress(f"generate: asnkit API, synthetic pool of {size:,} exposures")
            path = synthetic_pool(size, scratch / "synthetic")
            out = scratch / f"synthetic{size}"
            times, files = timed(lambda p=path, o=out: api_pass([p], o), runs=3, budget=budget)
            synthetic[str(size)] = {
                "times": times,
                "median": statistics.median(times),
                "files": files,
            }
        results["synthetic"] = synthetic
    return results


def _ratio(slow: dict[str, Any], fast: dict[str, Any]) -> float | None:
    if "median" not in fast:
        return None
    if "total" in slow:
        return float(slow["total"]) / float(fast["median"])
    return None


def section(results: dict[str, Any]) -> list[str]:
    """The Markdown section of docs/benchmarks.md for these figures."""
    pools = results["pools"]
    api, process, jwst = results["api"], results["process"], results["jwst"]
    lines = [
        "",
        "## Generating every association of a pool",
        "",
        (
            f"jwst's {pools['count']} test pools that it can read ({pools['rows']:,} exposures; "
            "templates expanded, written as plain pool files), from the pool files to the "
            "association files written. asnkit's API: `read_pool` + `generate_files` + each "
            "file written, in process, median of repeated passes after a warm-up. One "
            "`asnkit generate` process: the whole command over every pool, start-up included. "
            "jwst: `asn_generate`'s entry point on each pool in one process with its defaults, "
            "after its modules and rules are loaded, one pass."
        ),
        "",
        "| | time | files | times faster than jwst in process |",
        "| --- | ---: | ---: | ---: |",
    ]
    jwst_cell = f"{jwst['total']:.1f} s" if "total" in jwst else jwst.get("skipped", "not measured")
    jwst_files = jwst.get("files", "")
    lines.append(f"| jwst asn_generate, in process | {jwst_cell} | {jwst_files} | 1 |")
    ratio = _ratio(jwst, api)
    lines.append(
        f"| asnkit API, in process | {api['median']:.2f} s | {api['files']} | "
        f"{'' if ratio is None else f'{ratio:.0f}x'} |"
    )
    if "median" in process:
        ratio = _ratio(jwst, process)
        lines.append(
            f"| one `asnkit generate` process | {process['median']:.2f} s | {process['files']} | "
            f"{'' if ratio is None else f'{ratio:.0f}x'} |"
        )
    else:
        lines.append(f"| one `asnkit generate` process | {process['skipped']} | | |")
    lines += [
        "",
        "asnkit's API alone on synthetic pools (copies of five of jwst's pools, renumbered):",
        "",
        "| exposures | time | files | per exposure |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for size, entry in results["synthetic"].items():
        lines.append(
            f"| {int(size):,} | {entry['median']:.2f} s | {entry['files']} | "
            f"{entry['median'] / int(size) * 1e3:.2f} ms |"
        )
    return lines


def targets(results: dict[str, Any]) -> list[str]:
    """The issue's three speed targets, each with its figure and whether it is met."""
    jwst = results["jwst"]
    lines = []
    for name, label in (("api", "The API"), ("process", "One `asnkit generate` process")):
        ratio = _ratio(jwst, results[name])
        goal = TARGETS[name]
        if ratio is None:
            lines.append(f"- {label} at least {goal:.0f}x faster than jwst: not measured.")
        else:
            met = "met" if ratio >= goal else "NOT met"
            lines.append(f"- {label} at least {goal:.0f}x faster than jwst: {ratio:.0f}x, {met}.")
    largest = results["synthetic"][str(max(SYNTHETIC_SIZES))]["median"]
    smallest = results["synthetic"][str(min(SYNTHETIC_SIZES))]["median"]
    growth = (largest / max(SYNTHETIC_SIZES)) / (smallest / min(SYNTHETIC_SIZES))
    met = "met" if largest < TARGETS["synthetic_seconds"] else "NOT met"
    lines.append(
        f"- {max(SYNTHETIC_SIZES):,} exposures in under 10 s: {largest:.2f} s, {met}; "
        f"time per exposure at {max(SYNTHETIC_SIZES):,} is {growth:.2f}x that at "
        f"{min(SYNTHETIC_SIZES):,} (1.00 is linear)."
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Measure and print the section (and the JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--jwst-python", type=Path, help="the python of a jwst 3.0.0 venv")
    parser.add_argument("--runs", type=int, default=5, help="asnkit passes at most")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    results = measure(args.jwst_python, runs=args.runs)
    print("\n".join([*section(results), "", *targets(results)]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
