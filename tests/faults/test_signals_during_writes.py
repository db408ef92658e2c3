"""SIGTERM and SIGINT at random points of large writes: nothing left behind, no mixed file.

Each trial runs an installed command that rewrites a large association (``asn_from_list``
from a member list, or ``asnkit edit``) and signals it at a random moment: half of the
trials as soon as the temporary file appears plus a random part of the write, the other
half at a random time over the whole run. Afterwards the folder holds exactly what it held
before (no temporary file) and the destination is byte for byte the old file or the new
one. Trials run a few at a time, each in its own folder.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Final

import pytest
from faultkit import command, listing

from asnkit import asn_from_list, write

if TYPE_CHECKING:
    from pathlib import Path

TRIALS: Final = 10
"""Trials per signal and command: 20 per signal in all."""
MEMBERS: Final = 25_000
"""About 4 MB of JSON: a write long enough to be hit."""


def _names(count: int, prefix: str) -> list[str]:
    return [f"jw01234001001_02101_{i:05d}_{prefix}_cal.fits" for i in range(count)]


def _prepare(folder: Path, kind: str) -> tuple[list[str], bytes]:
    """Make the old files in ``folder``; the command's argv (from ``folder``) and the old bytes."""
    folder.mkdir()
    write(asn_from_list(_names(MEMBERS, "old"), product_name="old"), folder / "asn.json")
    if kind == "from-list":
        (folder / "members.txt").write_text("\n".join(_names(MEMBERS, "new")) + "\n")
        argv = [command("asn_from_list"), "-o", "asn.json", "--product-name", "new"]
        argv += ["--list", "members.txt"]
    else:
        argv = [command("asnkit"), "edit", "asn.json", "--set", "program", "01234"]
    return argv, (folder / "asn.json").read_bytes()


def _new_bytes(tmp_path: Path, kind: str) -> bytes:
    """What the command writes when it is not stopped."""
    argv, _ = _prepare(tmp_path / f"reference-{kind}", kind)
    result = subprocess.run(
        argv, cwd=tmp_path / f"reference-{kind}", check=False, capture_output=True
    )
    assert result.returncode == 0, result.stderr
    return (tmp_path / f"reference-{kind}" / "asn.json").read_bytes()


def _trial(folder: Path, kind: str, number: int, stop: signal.Signals) -> tuple[int, str, bool]:
    """Run, signal, wait: the exit status, standard error, and whether the write had begun."""
    argv, _ = _prepare(folder, kind)
    randomness = random.Random(f"{kind}-{stop.name}-{number}")  # noqa: S311 (not for secrets)
    process = subprocess.Popen(argv, cwd=folder, stderr=subprocess.PIPE, text=True)
    writing = False
    if number % 2 == 0:  # as the temporary file appears, then a random part of the write
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if any(name.endswith(".tmp") for name in os.listdir(folder)):  # noqa: PTH208
                writing = True
                break
            time.sleep(0.0005)
        time.sleep(randomness.uniform(0, 0.05))
    else:  # anywhere in the run
        time.sleep(randomness.uniform(0, 1.5))
    if process.poll() is None:
        process.send_signal(stop)
    _, err = process.communicate(timeout=120)
    return process.returncode, err, writing


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_signal_during_a_large_write_leaves_the_old_or_the_new_file_and_nothing_else(
    stop: signal.Signals, tmp_path: Path
) -> None:
    kinds = ("from-list", "edit")
    new = {kind: _new_bytes(tmp_path, kind) for kind in kinds}
    jobs = [(kind, number) for kind in kinds for number in range(TRIALS)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(
            pool.map(
                lambda job: _trial(tmp_path / f"{job[0]}-{job[1]}", job[0], job[1], stop), jobs
            )
        )

    status = 128 + stop.value
    word = "interrupted" if stop == signal.SIGINT else "terminated"
    left_behind = []
    for (kind, number), (code, err, _) in zip(jobs, outcomes, strict=True):
        folder = tmp_path / f"{kind}-{number}"
        files = listing(folder)
        expected = {"asn.json", "members.txt"} if kind == "from-list" else {"asn.json"}
        if set(files) != expected:
            left_behind.append((kind, number, sorted(set(files) - expected)))
        old = _prepare_old_bytes(kind)
        assert files.get("asn.json") in (old, new[kind]), (kind, number, code)
        # Stopped before the handler was set (a signal during start-up) the process dies
        # of it (-signal); otherwise the command says one line and exits 128 + signal.
        assert code in (0, status, -stop.value), (kind, number, code, err)
        if code == status:
            assert err.endswith(f": {word}\n"), err
            assert err.count("\n") == 1, err
    hit = sum(1 for *_, writing in outcomes if writing)
    print(  # noqa: T201 (the figures the closing note quotes; shown with -s)
        f"\n{stop.name}: {len(jobs)} trials, {hit} signalled during the write, "
        f"{sum(code == status for code, *_ in outcomes)} exited {status}, "
        f"{len(left_behind)} left anything behind"
    )
    assert left_behind == []
    assert hit >= 2  # some trials did hit the writes (how many depends on the machine's load)


_OLD: dict[str, bytes] = {}


def _prepare_old_bytes(kind: str) -> bytes:
    if kind not in _OLD:
        from asnkit import dumps

        _OLD[kind] = dumps(asn_from_list(_names(MEMBERS, "old"), product_name="old")).encode()
    return _OLD[kind]
