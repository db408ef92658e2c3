"""The machine, the versions and the date, as the report states them."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from _process import ROOT

if TYPE_CHECKING:
    from results import Jwst


def machine_facts(jwst: Jwst) -> dict[str, str]:
    """The machine, the versions and the date, as they go into the report."""
    import asnkit

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} logical",
        "memory": f"{memory / 2**30:.1f} GiB",
        "system": platform.platform(),
        "Python (asnkit)": platform.python_version(),
        "Python (jwst)": jwst.python_version or "-",
        "asnkit": f"{asnkit.__version__} ({commit})" if commit else asnkit.__version__,
        "jwst": jwst.version or f"not measured: {jwst.reason}",
        "start-up timer": "subprocess + perf_counter, the commands' runs interleaved",
        "load average at the start": load_average(),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: how busy the machine was with other work."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg()) + " (1, 5, 15 min)"
