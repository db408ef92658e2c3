"""Start-up: a two-file Stage 3 ``asn_from_list``, whole process, asnkit's command and jwst's.

asnkit's is measured twice: ``asn_from_list`` (argparse, a tenth of jwst's at most, and within
20 ms of ``python -c "import attrs, argparse, json"``, measured beside it) and ``asnkit
from-list`` (the typer app, a sixth at most), interleaved with jwst's.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from _process import time_commands
from results import BASELINE, FROM_LIST

if TYPE_CHECKING:
    from results import Jwst, Results


def measure(results: Results, jwst: Jwst, scratch: Path) -> None:
    """Whole-process time of a two-file Stage 3 ``asn_from_list``."""
    arguments = ["-o", "out_asn.json", "--product-name", "l3_results"]
    arguments += ["jw01234001001_02101_00001_nrca1_cal.fits"]
    arguments += ["jw01234001001_02101_00002_nrca1_cal.fits"]
    scripts = Path(sys.executable).parent
    commands = {
        "asnkit": [str(scripts / "asn_from_list"), *arguments],
        FROM_LIST: [str(scripts / "asnkit"), "from-list", *arguments],
        BASELINE: [sys.executable, "-c", "import attrs, argparse, json"],
    }
    if jwst.python is not None:
        commands["jwst"] = [str(jwst.python.parent / "asn_from_list"), *arguments]
    directory = scratch / "startup"
    directory.mkdir()
    results.startup = time_commands(commands, results.settings.startup_runs, directory)
