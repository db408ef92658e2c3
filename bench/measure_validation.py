"""Validation: ``asnkit validate DIRECTORY`` (whole process) against jwst's ``load_asn``."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from _process import progress, worker

from asnkit import dumps

if TYPE_CHECKING:
    from collections.abc import Sequence

    from results import Jwst, Results


def make_validation_files(directory: Path, count: int, parts: int = 1) -> list[Path]:
    """``count`` valid association files, half Stage 2 (3 products), half Stage 3 (8 members).

    With ``parts`` above 1 they are dealt into that many subdirectories ``part0``, ...; the
    directories holding them are returned.
    """
    from _common import STAGE3_PRODUCT, file_names

    import asnkit

    stage2_names = file_names(3 * count, 2)
    stage3_names = file_names(8 * count, 3)
    for index in range(count):
        if index % 2:
            association = asnkit.asn_from_list(
                stage3_names[8 * index : 8 * index + 8],
                rule="DMS_Level3_Base",
                product_name=f"{STAGE3_PRODUCT}_{index:05d}",
            )
        else:
            association = asnkit.asn_from_list(
                stage2_names[3 * index : 3 * index + 3], rule="DMSLevel2bBase"
            )
        folder = directory / f"part{index % parts}" if parts > 1 else directory
        folder.mkdir(exist_ok=True)
        (folder / f"bench{index:05d}_asn.json").write_text(dumps(association))
    return sorted({directory / f"part{k}" for k in range(parts)}) if parts > 1 else [directory]


def measure(
    results: Results, jwst: Jwst, scratch: Path, asnkit_command: Sequence[str] = ()
) -> None:
    """Per-file time of ``asnkit validate`` (whole process) and of jwst's ``load_asn``.

    ``asnkit_command`` is the ``asnkit`` command to run; by default, the one beside this Python.
    """
    count = results.settings.validate_files
    rounds = max(1, results.settings.max_runs)
    directory = scratch / "validate"
    directory.mkdir()
    # jwst reads one part a round, between asnkit's runs over every file: the two are timed
    # in the same minutes, so the machine's drift does not enter their ratio.
    parts = make_validation_files(directory, count, parts=rounds if jwst.python else 1)

    command = [*(asnkit_command or [str(Path(sys.executable).parent / "asnkit")]), "validate"]
    probe = subprocess.run([*command, "--help"], capture_output=True, check=False)
    measure_asnkit = probe.returncode == 0
    if not measure_asnkit:
        results.validation["asnkit"] = {
            "skipped": "not measured: this asnkit has no `asnkit validate` command yet"
        }
    times: list[float] = []
    statuses: set[int] = set()
    jwst_seconds = 0.0
    failed = 0
    for round_index in range(rounds):
        if measure_asnkit:
            progress(f"validation: asnkit validate, {count} files (round {round_index + 1})")
            start = time.perf_counter()
            completed = subprocess.run([*command, str(directory)], capture_output=True, check=False)
            times.append(time.perf_counter() - start)
            statuses.add(completed.returncode)
        if jwst.python is not None and round_index < len(parts):
            progress(f"validation: jwst load_asn, part {round_index + 1} of {len(parts)}")
            found = worker(
                jwst.python, "jwst_worker.py", ["validate", str(parts[round_index])], 3600.0
            )
            jwst_seconds += float(str(found["seconds"]))
            failed += int(str(found["failed"]))
    if measure_asnkit:
        entry: dict[str, object] = {
            "per_file": statistics.median(times) / count,
            "runs": len(times),
        }
        if statuses != {0}:
            entry["note"] = f"exit status {sorted(statuses)} on files that are all valid"
        results.validation["asnkit"] = entry
    if jwst.python is None:
        return
    jwst_entry: dict[str, object] = {"per_file": jwst_seconds / count, "runs": 1}
    if failed:
        jwst_entry["note"] = f"load_asn refused {failed} of the {count} valid files"
    results.validation["jwst"] = jwst_entry
