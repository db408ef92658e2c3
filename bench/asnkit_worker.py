"""Time asnkit in a process of its own; run by ``bench/run.py`` with the benchmark's Python.

Modes (one JSON line on stdout each):

* ``scale STAGE COUNT``: build + dump of COUNT files, repeated, and the floor,
  ``json.dumps(document, indent=4)`` of the same document, repeated the same way;
* ``memory STAGE COUNT``: one build + dump, then this process's peak memory.
"""

from __future__ import annotations

import argparse
import gc
import json

from _common import STAGE3_PRODUCT, file_names, peak_rss_bytes, report, timed_runs

import asnkit
from asnkit import dumps, to_dict

RULES = {2: "DMSLevel2bBase", 3: "DMS_Level3_Base"}


def build(names: list[str], stage: int) -> asnkit.Association:
    """The association of ``names``, as a user of the API makes it."""
    product_name = STAGE3_PRODUCT if stage == 3 else None  # noqa: PLR2004 (the stage number)
    return asnkit.asn_from_list(names, rule=RULES[stage], product_name=product_name)


def build_and_dump(names: list[str], stage: int) -> str:
    """What a user of the API does: make the association, then its JSON text."""
    return dumps(build(names, stage))


def main() -> None:
    """Parse the arguments, run the mode, report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["scale", "memory"])
    parser.add_argument("stage", type=int, choices=sorted(RULES))
    parser.add_argument("count", type=int)
    parser.add_argument("--cap", type=float, default=600.0)
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--max-runs", type=int, default=5)
    args = parser.parse_args()

    names = file_names(args.count, args.stage)
    # Import what the first run would otherwise import inside the timed region.
    build_and_dump(names[:2], args.stage)
    gc.collect()
    if args.mode == "memory":
        baseline = peak_rss_bytes()
        build_and_dump(names, args.stage)
        report({"baseline_rss": baseline, "peak_rss": peak_rss_bytes()})
        return

    times, stopped = timed_runs(
        lambda: build_and_dump(names, args.stage),
        cap=args.cap,
        budget=args.budget,
        max_runs=args.max_runs,
    )
    association = build(names, args.stage)
    text = dumps(association)
    document = to_dict(association)
    floor_times, _ = timed_runs(
        lambda: json.dumps(document, indent=4),
        cap=args.cap,
        budget=args.budget,
        max_runs=args.max_runs,
    )
    report(
        {
            "times": times,
            "stopped": stopped,
            "floor_times": floor_times,
            # The floor is only a floor if it writes the very same bytes.
            "same_bytes": json.dumps(document, indent=4) == text,
        }
    )


if __name__ == "__main__":
    main()
