"""What the harness and both workers share: the file names, the cap, the repeat policy.

This module runs in two interpreters, the benchmark's (with asnkit) and jwst's, so it uses
the standard library only.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
import time
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

STAGE3_PRODUCT = "l3_results"
"""The product name of every Stage 3 association of the benchmark."""


def file_names(count: int, stage: int) -> list[str]:
    """``count`` distinct, realistic exposure names: ``_rate`` files for Stage 2, ``_cal`` for 3.

    The names vary in program, observation, visit, exposure and detector, as a real list does,
    so that nothing in either implementation can profit from repeated strings.
    """
    suffix = "rate" if stage == 2 else "cal"  # noqa: PLR2004 (the stage number)
    detectors = ("nrca1", "nrca2", "nrca3", "nrca4", "nrcb1", "nrcb2", "nrcb3", "nrcb4")
    names = []
    for index in range(count):
        program = 1000 + index // 100_000
        observation = 1 + (index // 1000) % 100
        visit = 1 + (index // 100) % 10
        exposure = 1 + index % 100
        detector = detectors[(index // 10) % len(detectors)]
        names.append(
            f"jw{program:05d}{observation:03d}{visit:03d}_02101_{exposure:05d}_{index:06d}"
            f"_{detector}_{suffix}.fits"
        )
    return names


class CapReachedError(Exception):
    """One run took longer than the time cap and was stopped."""


def _on_alarm(signum: int, frame: FrameType | None) -> NoReturn:
    del signum, frame
    raise CapReachedError


def timed_runs(
    run: Callable[[], object], *, cap: float, budget: float, max_runs: int
) -> tuple[list[float], bool]:
    """Time ``run`` until ``max_runs`` runs or ``budget`` seconds are spent, at least once.

    Each run is stopped (by SIGALRM, between two bytecodes) once it passes ``cap`` seconds.

    Returns:
        The seconds each finished run took, and whether a run was stopped at the cap.
    """
    signal.signal(signal.SIGALRM, _on_alarm)
    times: list[float] = []
    while len(times) < max_runs and (not times or sum(times) < budget):
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, cap)
        try:
            run()
        except CapReachedError:
            return times, True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
    return times, False


def peak_rss_bytes() -> int:
    """This process's peak resident set size so far (``ru_maxrss``), in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts kibibytes, macOS bytes.
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024


def report(result: dict[str, object]) -> None:
    """Hand a worker's result to the harness: one JSON line on stdout."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
