"""Running the workers and the commands: the only place the harness starts processes to time."""

from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SLACK = 120.0
"""Seconds a worker may take beyond its own timed runs (imports, names) before it is killed."""


def worker(
    python: Path, script: str, arguments: Sequence[str], timeout: float
) -> dict[str, object]:
    """Run a worker script with ``python``; return the JSON line it printed last."""
    environment = dict(os.environ)
    # jwst's venv may be a read-only reference install: never write bytecode into it.
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    completed = subprocess.run(
        [str(python), str(HERE / script), *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=environment,
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        tail = completed.stderr.strip().splitlines()[-1:] or ["no output"]
        msg = f"{script} {' '.join(arguments)} failed ({completed.returncode}): {tail[0]}"
        raise RuntimeError(msg)
    result: dict[str, object] = json.loads(lines[-1])
    return result


def progress(message: str) -> None:
    """Say what is being measured, on stderr."""
    print(message, file=sys.stderr, flush=True)


def time_commands(
    commands: dict[str, list[str]], runs: int, directory: Path
) -> dict[str, dict[str, object]]:
    """Median whole-process time of each command, the commands' runs interleaved.

    One round runs every command once; two warm-up rounds are not counted. Interleaving
    matters more than the timer: on a shared or throttled machine the speed drifts within
    seconds, and timing one command's runs after the other's would put the drift into the
    ratio between them.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_index in range(runs + 2):
        for name, command in commands.items():
            if round_index == 0:
                progress(f"start-up: {name} ({runs} runs, interleaved)")
            start = time.perf_counter()
            completed = subprocess.run(command, cwd=directory, check=False, capture_output=True)
            elapsed = time.perf_counter() - start
            if completed.returncode != 0:
                msg = f"{name}: {shlex.join(command)} failed (exit code {completed.returncode})"
                raise RuntimeError(msg)
            if round_index >= 2:  # the first two rounds are the warm-up  # noqa: PLR2004
                times[name].append(elapsed)
    return {
        name: {
            "median": statistics.median(measured),
            "runs": len(measured),
            "tool": "subprocess + perf_counter, interleaved",
        }
        for name, measured in times.items()
    }
