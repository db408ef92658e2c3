"""Time jwst in a process of its own; run by ``bench/run.py`` with jwst's Python.

It needs only the standard library and jwst. Modes (one JSON line on stdout each):

* ``info``: jwst's and Python's versions;
* ``scale STAGE COUNT``: build + dump of COUNT files with jwst's ``asn_from_list``, repeated,
  each run stopped past ``--cap`` seconds;
* ``memory STAGE COUNT``: one build + dump (stopped past the cap), then the peak memory;
* ``validate DIRECTORY``: ``load_asn`` of every ``*.json`` file there, in one loop;
* ``generate POOLS OUT``: ``asn_generate``'s entry point, with its defaults, on every
  ``*.csv`` pool of POOLS in turn (files into ``OUT/<pool>/``), after one warm-up load of
  its rules; the seconds per pool and in all.
"""

from __future__ import annotations

import argparse
import logging
import platform
import time
from pathlib import Path
from typing import Any

from _common import (
    STAGE3_PRODUCT,
    CapReachedError,
    file_names,
    peak_rss_bytes,
    report,
    timed_runs,
)


def _rule(stage: int) -> Any:  # noqa: ANN401 (jwst is untyped)
    if stage == 2:  # noqa: PLR2004 (the stage number)
        from jwst.associations.lib.rules_level2_base import (
            DMSLevel2bBase,
        )

        return DMSLevel2bBase
    from jwst.associations.lib.rules_level3_base import (
        DMS_Level3_Base,
    )

    return DMS_Level3_Base


def build_and_dump(names: list[str], stage: int) -> str:
    """What a user of jwst's API does: make the association, then its JSON text."""
    from jwst.associations.asn_from_list import (
        asn_from_list,
    )

    if stage == 2:  # noqa: PLR2004 (the stage number)
        association = asn_from_list(names, rule=_rule(stage))
    else:
        association = asn_from_list(names, rule=_rule(stage), product_name=STAGE3_PRODUCT)
    _, text = association.dump()
    return str(text)


def _validate(directory: Path) -> dict[str, object]:
    from jwst.associations import load_asn

    paths = sorted(directory.glob("*.json"))
    failed = 0
    start = time.perf_counter()
    for path in paths:
        with path.open() as stream:
            try:
                load_asn(stream)
            except Exception:  # noqa: BLE001 (any refusal counts as a failed file)
                failed += 1
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "files": len(paths), "failed": failed}


def _generate(pools: Path, out: Path) -> dict[str, object]:
    import warnings

    from jwst.associations import AssociationRegistry
    from jwst.associations.main import Main

    warnings.simplefilter("ignore")
    AssociationRegistry()  # the default rules, loaded once outside the timed region
    seconds: dict[str, float] = {}
    files = 0
    for path in sorted(pools.glob("*.csv")):
        folder = out / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        made = Main.cli([str(path), "-p", str(folder)])
        seconds[path.name] = time.perf_counter() - start
        files += len(made.associations)
    return {"seconds": seconds, "total": sum(seconds.values()), "files": files}


def main() -> None:
    """Parse the arguments, run the mode, report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["info", "scale", "memory", "validate", "generate"])
    parser.add_argument("operands", nargs="*")
    parser.add_argument("--cap", type=float, default=30.0)
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--max-runs", type=int, default=5)
    args = parser.parse_args()
    # jwst logs every association it makes; the harness reads stdout only, but stay quiet.
    logging.disable(logging.CRITICAL)

    if args.mode == "info":
        import jwst

        report({"jwst": str(jwst.__version__), "python": platform.python_version()})
        return
    if args.mode == "validate":
        report(_validate(Path(args.operands[0])))
        return
    if args.mode == "generate":
        report(_generate(Path(args.operands[0]), Path(args.operands[1])))
        return

    stage, count = int(args.operands[0]), int(args.operands[1])
    names = file_names(count, stage)
    # Import what the first run would otherwise import inside the timed region.
    build_and_dump(names[:2], stage)
    if args.mode == "memory":
        baseline = peak_rss_bytes()
        times, stopped = timed_runs(
            lambda: build_and_dump(names, stage), cap=args.cap, budget=0.0, max_runs=1
        )
        report({"baseline_rss": baseline, "peak_rss": peak_rss_bytes(), "stopped": stopped})
        return
    times, stopped = timed_runs(
        lambda: build_and_dump(names, stage),
        cap=args.cap,
        budget=args.budget,
        max_runs=args.max_runs,
    )
    report({"times": times, "stopped": stopped})


if __name__ == "__main__":
    try:
        main()
    except CapReachedError:  # an alarm that fired between a run and its disarming
        report({"times": [], "stopped": True})
