"""Peak memory (``ru_maxrss``) of a process making the largest association, each stage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from _process import SLACK, progress, worker
from results import STAGES, key

if TYPE_CHECKING:
    from results import Jwst, Results


def measure(results: Results, jwst: Jwst, _scratch: Path) -> None:
    """Peak RSS of a process that makes the largest association, each stage."""
    size = max(results.settings.sizes)
    cap = results.settings.cap
    for stage in STAGES:
        progress(f"memory: Stage {stage}, {size} files: asnkit")
        found = worker(
            Path(sys.executable), "asnkit_worker.py", ["memory", str(stage), str(size)], SLACK
        )
        results.memory[key("asnkit", stage, size)] = found
        if jwst.python is None:
            continue
        scaled = results.scale.get(key("jwst", stage, size))
        if scaled is not None and (scaled.stopped or scaled.skipped):
            results.memory[key("jwst", stage, size)] = {
                "skipped": f"not measured: jwst does not finish {size:,} files within the cap"
            }
            continue
        progress(f"memory: Stage {stage}, {size} files: jwst")
        found = worker(
            jwst.python,
            "jwst_worker.py",
            ["memory", str(stage), str(size), "--cap", str(cap)],
            cap + SLACK,
        )
        if found.get("stopped"):
            found = {"skipped": f"not measured: stopped at the {cap:g} s cap"}
        results.memory[key("jwst", stage, size)] = found
