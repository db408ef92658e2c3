"""Program-scale ``asnkit generate``: whole processes on synthetic programs, against a floor.

Issue 22's targets, each a ratio of figures from the same run, on the synthetic pools of
``measure_generate.synthetic_pool`` (copies of five of jwst's pools, renumbered):

* the *floor*: one Python process that reads the pool with ``csv`` and groups its rows by
  observation and by candidate (``python bench/measure_generate_scale.py floor POOL``);
* one ``asnkit generate --dry-run POOL`` process at 10,000 exposures: at most 20x the floor;
  at 100,000: at most 12x its own time at 10,000 (linear), peak memory under 1 GB;
* one ``asnkit generate --explain EXPOSURE POOL`` process at 10,000: at most 20x the floor;
* ``asnkit.generate.explain.explain_rows`` over every row (what ``asnkit report`` asks),
  in a process of its own (``... explain-rows POOL``): its time, for how it grows.

Each process is timed whole (start-up included) and its peak resident memory read from
the kernel's accounting of that child (``wait4``); a process past the cap is stopped.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Final

SIZES: Final = (10_000, 100_000)
"""Exposures of the pools the dry run is measured on (the first is the floor's too)."""

EXPLAIN_SIZE: Final = 10_000
"""Exposures of the pool ``--explain`` and ``explain_rows`` are measured on (when measured;
else the smallest)."""

CAP: Final = 600.0
"""Seconds after which a process is stopped."""

RUNS: Final = 3
"""Runs of the quick processes (the floor, the smaller dry run): their median is kept."""

FLOOR_TIMES: Final = 20.0
LINEAR_TIMES: Final = 12.0
MEMORY_LIMIT: Final = 2**30
"""The targets: times the floor, times the smaller pool's time, bytes of peak memory."""


def floor(path: Path) -> int:
    """The floor's work: read the pool with ``csv``, group its rows by observation and candidate.

    Returns the number of groups (printed, so that the work cannot be skipped).
    """
    by_observation: dict[str, list[dict[str, str]]] = {}
    by_candidate: dict[str, list[dict[str, str]]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader((line for line in handle if not line.startswith("#")), delimiter="|")
        header = [name.lower() for name in next(reader)]
        for cells in reader:
            row = dict(zip(header, cells, strict=False))
            by_observation.setdefault(row["obs_num"], []).append(row)
            for candidate in re.findall(r"'([a-z]\d+)'", row["asn_candidate"]):
                by_candidate.setdefault(candidate, []).append(row)
    return len(by_observation) + len(by_candidate)


def explain_rows_seconds(path: Path) -> dict[str, Any]:
    """``explain_rows`` over every row of the pool, timed in this process."""
    from asnkit.generate import read_pool, rules
    from asnkit.generate.explain import explain_rows

    pool = read_pool(path)
    start = time.perf_counter()
    explained = explain_rows(pool, pool.rows, rules=rules())
    return {"seconds": time.perf_counter() - start, "rows": len(explained)}


def timed_process(command: list[str], cap: float = CAP) -> dict[str, Any]:
    """One process, whole: its seconds, peak memory (bytes) and status; stopped past ``cap``."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True
    )
    assert child.stdout is not None  # noqa: S101 (asked for above)
    os.set_blocking(child.stdout.fileno(), False)
    output = b""
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        output += child.stdout.read() or b""
        if pid:
            break
        if time.perf_counter() - start > cap:
            os.killpg(child.pid, signal.SIGKILL)
            os.wait4(child.pid, 0)
            return {"stopped": True, "cap": cap}
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    found: dict[str, Any] = {
        "seconds": elapsed,
        "peak_bytes": usage.ru_maxrss * 1024,  # Linux counts kibibytes
        "status": child.returncode,
        "stdout": output.decode("utf-8", "replace")[-2000:],
    }
    return found


def _median_of(command: list[str], runs: int) -> dict[str, Any]:
    """The run of median time of ``runs`` (after a warm-up), its times listed."""
    timed_process(command)  # the warm-up: the page cache, the bytecode
    found = [timed_process(command) for _ in range(runs)]
    if any(run.get("stopped") for run in found):
        return found[0]
    times = [run["seconds"] for run in found]
    middle = statistics.median(times)
    best = min(found, key=lambda run: abs(run["seconds"] - middle))
    return {**best, "seconds": middle, "times": times}


def measure_scale(
    pools: dict[int, Path],
    *,
    asnkit: Path,
    python: Path,
    explain_size: int | None = None,
    runs: int = RUNS,
    cap: float = CAP,
) -> dict[str, Any]:
    """The figures of the module's description, over ``pools`` (by size)."""
    from _process import progress

    here = str(Path(__file__).resolve())
    sizes = sorted(pools)
    figures: dict[str, Any] = {"floor": {}, "dry_run": {}, "explain": {}, "explain_rows": {}}
    for size in sizes:
        quick = runs if size == sizes[0] else 1
        progress(f"generate at scale: the floor, {size:,} exposures")
        figures["floor"][str(size)] = _median_of(
            [str(python), here, "floor", str(pools[size])], quick
        )
        progress(f"generate at scale: asnkit generate --dry-run, {size:,} exposures")
        command = [str(asnkit), "generate", "--dry-run", str(pools[size])]
        figures["dry_run"][str(size)] = (
            _median_of(command, quick) if quick > 1 else timed_process(command, cap)
        )
    if explain_size is None:
        explain_size = EXPLAIN_SIZE if EXPLAIN_SIZE in pools else sizes[0]
    if explain_size in pools:
        pool = pools[explain_size]
        exposure = _first_exposure(pool)
        progress(f"generate at scale: asnkit generate --explain, {explain_size:,} exposures")
        figures["explain"][str(explain_size)] = timed_process(
            [str(asnkit), "generate", "--explain", exposure, str(pool)], cap
        )
        progress(f"generate at scale: explain_rows over every row, {explain_size:,} exposures")
        run = timed_process([str(python), here, "explain-rows", str(pool)], cap)
        if "stdout" in run and run.get("status") == 0:
            run.update(json.loads(run["stdout"]))
        figures["explain_rows"][str(explain_size)] = run
    for kind in figures.values():
        for entry in kind.values():
            entry.pop("stdout", None)
    return figures


def _first_exposure(pool: Path) -> str:
    """The file name of the pool's first exposure (what ``--explain`` is asked about)."""
    with pool.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#") and not line.lower().startswith("filename"):
                return line.split("|", 1)[0]
    msg = f"{pool}: no exposure"
    raise ValueError(msg)


def targets(figures: dict[str, Any]) -> list[tuple[str, float | None, float, bool | None]]:
    """Each target: (what, the figure or ``None`` when not measured, the goal, met)."""
    floors, dry, explain = figures["floor"], figures["dry_run"], figures["explain"]
    sizes = sorted(int(size) for size in dry)
    found: list[tuple[str, float | None, float, bool | None]] = []

    def ratio(slow: dict[str, Any] | None, fast: dict[str, Any] | None) -> float | None:
        if not slow or not fast or "seconds" not in slow or "seconds" not in fast:
            return None
        if slow.get("status") or fast.get("status"):
            return None  # a process that failed measures nothing
        return float(slow["seconds"]) / float(fast["seconds"])

    small = str(sizes[0]) if sizes else ""
    times_floor = ratio(dry.get(small), floors.get(small))
    found.append(
        (
            (
                f"One `asnkit generate --dry-run` process on {int(small or 0):,} exposures "
                "at most 20x the floor (csv read + group by observation and candidate)"
            ),
            times_floor,
            FLOOR_TIMES,
            None if times_floor is None else times_floor <= FLOOR_TIMES,
        )
    )
    if len(sizes) > 1:
        large = str(sizes[-1])
        growth = ratio(dry.get(large), dry.get(small))
        found.append(
            (
                f"{int(large):,} exposures at most 12x the time of {int(small):,} (linear)",
                growth,
                LINEAR_TIMES,
                None if growth is None else growth <= LINEAR_TIMES,
            )
        )
        peak = dry.get(large, {}).get("peak_bytes")
        found.append(
            (
                f"Peak memory of the {int(large):,}-exposure dry run under 1 GB (MiB)",
                None if peak is None else peak / 2**20,
                MEMORY_LIMIT / 2**20,
                None if peak is None else peak < MEMORY_LIMIT,
            )
        )
    for size, entry in explain.items():
        times = ratio(entry, floors.get(size))
        found.append(
            (
                (
                    f"One `asnkit generate --explain EXPOSURE` process on {int(size):,} "
                    "exposures at most 20x the floor"
                ),
                times,
                FLOOR_TIMES,
                None if times is None else times <= FLOOR_TIMES,
            )
        )
    return found


def main(argv: list[str]) -> int:
    """``floor POOL`` or ``explain-rows POOL``: the work measured in a process of its own."""
    if len(argv) == 2 and argv[0] == "floor":  # noqa: PLR2004 (a command and its pool)
        print(floor(Path(argv[1])))
        return 0
    if len(argv) == 2 and argv[0] == "explain-rows":  # noqa: PLR2004
        print(json.dumps(explain_rows_seconds(Path(argv[1]))))
        return 0
    print(f"usage: {Path(__file__).name} floor|explain-rows POOL", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
