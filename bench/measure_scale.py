"""Scale: Stage 2 and Stage 3 build + dump at every size, asnkit, its floor and jwst."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from _process import SLACK, progress, worker
from results import STAGES, Point, key

if TYPE_CHECKING:
    from results import Jwst, Results


def measure(results: Results, jwst: Jwst, _scratch: Path) -> None:
    """Build + dump at every size, both stages; jwst only while it stays under the cap."""
    settings = results.settings
    limits = [
        "--cap",
        str(settings.cap),
        "--budget",
        str(settings.budget),
        "--max-runs",
        str(settings.max_runs),
    ]
    timeout = settings.cap + settings.budget + SLACK
    for stage in STAGES:
        jwst_stopped_at = 0
        for size in settings.sizes:
            progress(f"scale: Stage {stage}, {size} files: asnkit")
            found = worker(
                Path(sys.executable),
                "asnkit_worker.py",
                ["scale", str(stage), str(size), *limits],
                timeout,
            )
            results.scale[key("asnkit", stage, size)] = Point(
                times=_floats(found["times"]),
                stopped=bool(found["stopped"]),
                floor_times=_floats(found["floor_times"]),
                same_bytes=bool(found["same_bytes"]),
            )
            if jwst.python is None:
                continue
            if jwst_stopped_at:
                results.scale[key("jwst", stage, size)] = Point(
                    skipped=f"not run: {jwst_stopped_at:,} files already passed the cap"
                )
                continue
            progress(f"scale: Stage {stage}, {size} files: jwst")
            found = worker(
                jwst.python, "jwst_worker.py", ["scale", str(stage), str(size), *limits], timeout
            )
            point = Point(times=_floats(found["times"]), stopped=bool(found["stopped"]))
            results.scale[key("jwst", stage, size)] = point
            if point.stopped:
                jwst_stopped_at = size


def _floats(value: object) -> list[float]:
    if not isinstance(value, list):
        msg = f"a worker reported {value!r} where a list of times belongs"
        raise TypeError(msg)
    return [float(item) for item in value]
