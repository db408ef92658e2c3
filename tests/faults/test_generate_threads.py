"""``asnkit.generate`` called from several threads at once: each call as if it were alone.

The default rules are compiled once per process and shared by every call; what a call
adds to them (the keywords their computed conditions were seen to read) is learned while
other calls read it. Each trial starts from rules compiled afresh, so that the learning
happens while the threads run, with the interpreter switching threads as often as it can.

The trials run in a child process of their own (:func:`stress`, run by the test): a switch
interval of a microsecond is far from what CPython is usually run with, and whatever it
does to the interpreter stays out of the process that runs the rest of the suite. (One CI
run, on Python 3.11.7, crashed in the garbage collector two test files later in that
process; the crash was not reproduced here, and its cause is not known.)
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from pool_templates import expanded_pool, pool_paths

import asnkit
from asnkit.generate import default_registry, engine, rules

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asnkit.generate import Pool

POOLS = (
    "pool_006_spec_nirspec",
    "pool_010_spec_nirspec_lv2bkg",
    "pool_013_coron_nircam",
    "pool_018_all_exptypes",
    "pool_021_tso",
    "pool_024c_nirspec_fss_nods",
)
"""Pools whose rules learn keywords as they go (spectroscopy, nods, TSO, every exp_type)."""

TRIALS = 3


@contextlib.contextmanager
def _switching_often() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def _texts(pool: Pool) -> list[str]:
    return [asnkit.dumps(asn) for asn in asnkit.generate(pool)]


def _at_once(pools: dict[str, Pool]) -> dict[str, list[str]]:
    """Each pool generated in a thread of its own, all started together."""
    made: dict[str, list[str]] = {}
    failed: list[BaseException] = []
    start = threading.Barrier(len(pools))

    def work(name: str, pool: Pool) -> None:
        start.wait()
        try:
            made[name] = _texts(pool)
        except BaseException as error:  # noqa: BLE001 (reported below, in the main thread)
            failed.append(error)

    threads = [threading.Thread(target=work, args=item) for item in pools.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    return made


def stress() -> None:
    """The trials (in the child process): each raises AssertionError if a thread differs."""
    pools = {path.stem: expanded_pool(path) for path in pool_paths() if path.stem in POOLS}
    assert sorted(pools) == sorted(POOLS)
    default_registry.cache_clear()
    alone = {name: _texts(pool) for name, pool in pools.items()}
    assert all(alone.values())
    with _switching_often():
        for _ in range(TRIALS):
            default_registry.cache_clear()
            assert _at_once(pools) == alone
    default_registry.cache_clear()


def test_threads_make_what_one_call_alone_makes() -> None:
    here = Path(__file__).parent
    path = os.pathsep.join(
        filter(None, [str(here), str(here.parent), os.environ.get("PYTHONPATH")])
    )
    child = subprocess.run(
        [sys.executable, "-c", f"import {Path(__file__).stem} as t; t.stress()"],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert child.returncode == 0, child.stderr


class _Interleaved(dict[str, str]):
    """A row whose reads let another call learn a keyword meanwhile (a thread switch)."""

    def __init__(self, learned: engine._Learned, cells: dict[str, str]) -> None:
        super().__init__(cells)
        self.learned = learned

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.learned.saw(f"learned_while_reading_{key}")
        return super().get(key, default)


def test_a_keyword_learned_while_a_memo_key_is_made() -> None:
    (crule,) = engine.Registry([rule for rule in rules() if rule.name == "Asn_Lv2Spec"]).discover()
    crule.learned.saw("exp_type")
    version = crule.learned.version  # one keyword learned: version 1
    row = _Interleaved(crule.learned, {"exp_type": "nrs_msaspec"})
    key = crule.memo_key(row, None)
    # Made from one state: its version with its keywords, whatever was learned meanwhile.
    assert key[0] == version
    assert len(key) == 2 + len(crule.memo_keys) + version
    assert crule.learned.version > version
