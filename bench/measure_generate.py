"""Generate: ``asnkit generate`` against jwst 3.0.0's ``asn_generate`` over jwst's test pools.

The pools are those of ``tests/data/pools/`` that jwst can read (28 of 29), their ``@!``
templates expanded (``tests/pool_templates.py``) and written as plain pool files under their
own names, so that both tools read the same files, as a user's. Measured, each from the pool
files to the association files written:

* asnkit's API in this process: ``read_pool`` + ``generate_files`` + each file's text written,
  over every pool (after one warm-up pass; the median of repeated passes);
* one ``asnkit generate POOL... -o DIR`` process over every pool (whole process);
* jwst's ``asn_generate`` in process (``jwst_worker.py generate``: its entry point on each
  pool file with its defaults, after its modules and rules are loaded): one pass, it is slow
  (minutes: mega_pool alone takes most of it);
* asnkit's API alone on synthetic pools of 1,000, 3,000 and 10,000 exposures (copies of five
  of jwst's pools with fresh observation numbers and file names), for linearity; a run is
  stopped past :data:`CAP` seconds, and the larger pools are then skipped;
* whole processes at program scale against a floor (``measure_generate_scale.py``):
  ``--dry-run`` at 10,000 and 100,000 exposures, ``--explain``, ``explain_rows``, memory.

Run by ``bench/run.py`` (``nox -s bench``), or alone (``--jwst-python`` to include jwst;
``--only-scale`` for the program-scale processes alone)::

    python bench/measure_generate.py [--jwst-python PYTHON] [--json OUT.json]
    python bench/measure_generate.py --only-scale [--scale-sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from _common import timed_runs
from _process import ROOT, progress, worker
from measure_generate_scale import SIZES, measure_scale

sys.path.insert(0, str(ROOT / "tests"))  # pool_templates: jwst's pools, templates expanded

from pool_templates import expanded_pool, pool_paths

from asnkit.codec.emit import dumps
from asnkit.exceptions import PoolError
from asnkit.generate import generate_files, read_pool
from asnkit.generate.pool import format_pool

if TYPE_CHECKING:
    from results import Jwst, Results

SYNTHETIC_SOURCES: Final = (
    "pool_002_image_miri",
    "pool_003_image_nircam",
    "pool_006_spec_nirspec",
    "pool_019_niriss_wfss",
    "pool_024c_nirspec_fss_nods",
)
"""The pools a synthetic pool repeats: imaging and spectroscopy of four instruments."""

CAP: Final = 300.0
"""Seconds after which a run on a synthetic pool is stopped."""

JWST_TIMEOUT: Final = 4 * 3600.0
"""Seconds jwst may take over every pool before its worker is killed."""


def write_pools(directory: Path, names: list[str]) -> list[Path]:
    """The pools jwst can read (those ``names``, or all), templates expanded, as plain files."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for path in pool_paths():
        if names and path.stem not in names:
            continue
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
                if not row["filename"].endswith(".fits"):
                    continue  # the templates' "set acid" rows
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


def process_pass(paths: list[Path], out: Path, *, runs: int) -> dict[str, Any]:
    """One ``asnkit generate`` process over every pool; the median of ``runs`` runs."""
    command = [str(Path(sys.executable).parent / "asnkit"), "generate"]
    probe = subprocess.run([*command, "--help"], capture_output=True, check=False)
    if probe.returncode != 0:
        return {"skipped": "not measured: this asnkit has no `asnkit generate` command yet"}
    times = []
    written = 0
    for index in range(runs + 1):
        start = time.perf_counter()
        completed = subprocess.run(
            [*command, *map(str, paths), "-o", str(out / f"run{index}")],
            capture_output=True,
            check=False,
            text=True,
        )
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            tail = completed.stderr.strip().splitlines()[-1:] or ["no output"]
            return {"skipped": f"asnkit generate failed ({completed.returncode}): {tail[0]}"}
        # Each pool's line: "NAME: N associations written to DIR".
        written = sum(int(m) for m in re.findall(r": (\d+) associations", completed.stdout))
        if index:  # the first run is the warm-up (the page cache, the bytecode)
            times.append(elapsed)
    return {"times": times, "median": statistics.median(times), "files": written}


def measure(results: Results, jwst: Jwst, scratch: Path) -> None:
    """Fill ``results.generate``."""
    settings = results.settings
    figures: dict[str, Any] = {}
    paths = write_pools(scratch / "generate-pools", settings.generate_pools)
    rows = sum(len(read_pool(p)) for p in paths)
    figures["pools"] = {"count": len(paths), "rows": rows}

    progress(f"generate: asnkit API over {len(paths)} pools ({rows:,} exposures)")
    out = scratch / "generate-api"
    files = api_pass(paths, out)  # the warm-up
    times, stopped = timed_runs(
        lambda: api_pass(paths, out), cap=CAP, budget=settings.budget, max_runs=settings.max_runs
    )
    figures["api"] = {"times": times, "files": files, "stopped": stopped}
    if times:
        figures["api"]["median"] = statistics.median(times)

    progress("generate: one asnkit generate process over every pool")
    figures["process"] = process_pass(
        paths, scratch / "generate-cli", runs=max(1, min(settings.max_runs, 3))
    )

    if jwst.python is not None:
        progress("generate: jwst asn_generate in process over every pool (many minutes)")
        try:
            figures["jwst"] = worker(
                jwst.python,
                "jwst_worker.py",
                ["generate", str(scratch / "generate-pools"), str(scratch / "generate-jwst")],
                JWST_TIMEOUT,
            )
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            figures["jwst"] = {"skipped": f"not measured: {error}"}
    else:
        figures["jwst"] = {"skipped": f"not measured: {jwst.reason}"}

    synthetic: dict[str, Any] = {}
    passed_cap = 0
    for size in settings.generate_sizes:
        if passed_cap:
            synthetic[str(size)] = {"skipped": f"not run: {passed_cap:,} already passed the cap"}
            continue
        progress(f"generate: asnkit API, synthetic pool of {size:,} exposures")
        path = synthetic_pool(size, scratch / "generate-synthetic")
        target = scratch / f"generate-synthetic{size}"
        times, stopped = timed_runs(
            lambda p=path, t=target: api_pass([p], t),  # type: ignore[misc]
            cap=CAP,
            budget=settings.budget,
            max_runs=max(1, min(settings.max_runs, 3)),
        )
        entry: dict[str, Any] = {"times": times, "stopped": stopped}
        if times:
            entry["median"] = statistics.median(times)
            entry["files"] = sum(1 for _ in target.rglob("*.json"))
        if stopped:
            passed_cap = size
        synthetic[str(size)] = entry
    figures["synthetic"] = synthetic
    figures["scale"] = scale_figures(scratch, SIZES)
    results.generate = figures


def scale_figures(scratch: Path, sizes: tuple[int, ...]) -> dict[str, Any]:
    """The program-scale processes (``measure_generate_scale.py``) on synthetic pools."""
    pools = {size: synthetic_pool(size, scratch / "generate-scale") for size in sizes}
    return measure_scale(
        pools, asnkit=Path(sys.executable).parent / "asnkit", python=Path(sys.executable)
    )


def main(argv: list[str] | None = None) -> int:
    """Measure alone and print the section of docs/benchmarks.md."""
    from machine import machine_facts
    from report import generate_section, generate_targets
    from results import Results, Settings

    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--jwst-python", type=Path, help="the python of a jwst 3.0.0 venv")
    parser.add_argument("--max-runs", type=int, default=5, help="asnkit runs at most")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument(
        "--only-scale", action="store_true", help="only the program-scale processes"
    )
    parser.add_argument(
        "--scale-sizes", default=",".join(map(str, SIZES)), help="their pools' exposures"
    )
    args = parser.parse_args(argv)
    if args.only_scale:
        from report import scale_targets

        sizes = tuple(sorted(int(size) for size in args.scale_sizes.split(",")))
        with tempfile.TemporaryDirectory(prefix="asnkit-bench-generate-") as scratch:
            figures = {"scale": scale_figures(Path(scratch), sizes)}
        print("\n".join(scale_targets(figures)))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return 0
    from run import find_jwst

    jwst = find_jwst(None if args.jwst_python is None else str(args.jwst_python), None)
    settings = Settings(
        sizes=[], cap=CAP, budget=30.0, max_runs=args.max_runs, startup_runs=0, validate_files=0
    )
    results = Results(machine=machine_facts(jwst), settings=settings)
    with tempfile.TemporaryDirectory(prefix="asnkit-bench-generate-") as scratch:
        measure(results, jwst, Path(scratch))
    print("\n".join([*generate_targets(results), *generate_section(results, jwst)]))
    if args.json:
        args.json.write_text(json.dumps(results.generate, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
