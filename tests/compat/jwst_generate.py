"""jwst 3.0.0's ``asn_generate``, with its defaults, on each of jwst's test pools.

Run with a Python that has jwst (the compat session's, or any jwst 3.0.0 venv); it needs only
the standard library and jwst, and asnkit is not imported::

    python tests/compat/jwst_generate.py OUT [POOL.csv ...] [--jobs N] [--summary]

Each pool's associations go to ``OUT/<pool stem>/`` as ``asn_generate -p OUT/<stem> POOL``
writes them, and ``OUT/results.json`` records, per pool, the number of associations, the
seconds jwst took in process (reading the pool, generating, writing the files) and jwst's
error if it failed. ``--summary`` also writes ``OUT/SUMMARY.md`` (counts per pool and per
``asn_type``, timings). With no POOL, every ``*.csv`` of ``tests/data/pools/``.

How a pool is read. 22 of the 29 pools hold ``@!`` cells: Python templates that jwst's own
tests expand with ``jwst.associations.tests.helpers.combine_pools`` (file names
``jw_00001_uncal.fits``..., observation numbers, candidate lists). ``asn_generate`` cannot read
those pools raw: every row of such a pool has the same literal ``@!fmt_fname(...)`` file name
and ``@!fmt_cand(...)`` candidate, so it writes at most one association (0 for pool_004_wfs).
Such a pool is therefore expanded with ``combine_pools``, as jwst's tests do, and handed to
``asn_generate``'s entry point (``jwst.associations.main.Main.cli``, the command's code) in
process; a pool without templates is given to the same entry point by its path, exactly as
the command reads it. Either way every other option is asn_generate's default. jwst's
modules and its default rules are loaded once before the first pool is timed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import sys
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for testdata

from testdata import POOLS

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pytest

TEMPLATE_MARK = "@!"


def has_templates(path: Path) -> bool:
    """Whether the pool holds ``@!`` cells that jwst's tests expand."""
    return TEMPLATE_MARK in path.read_text(encoding="utf-8")


def warm_up() -> None:
    """Import what jwst's first run would otherwise import inside its timed region."""
    from jwst.associations import AssociationRegistry
    from jwst.associations.generator import generate_per_candidate
    from jwst.associations.main import Main
    from jwst.associations.tests import helpers

    del generate_per_candidate, Main, helpers
    logging.disable(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        AssociationRegistry()


def run_pool(path: Path, out: Path, options: Sequence[str] = ()) -> dict[str, Any]:
    """``asn_generate [OPTIONS]`` on one pool, in this process; its outcome as a record."""
    from jwst.associations.main import Main

    folder = out / path.stem
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    expanded = has_templates(path)
    logging.disable(logging.CRITICAL)
    start = time.perf_counter()
    error = None
    count = 0
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        try:
            if expanded:
                from jwst.associations.tests.helpers import combine_pools

                made = Main.cli(["-p", str(folder), *options], pool=combine_pools(str(path)))
            else:
                made = Main.cli([str(path), "-p", str(folder), *options])
            count = len(made.associations)
        except Exception as exc:  # noqa: BLE001 (every jwst failure is one outcome: recorded)
            error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    types = Counter(
        json.loads(p.read_text(encoding="utf-8"))["asn_type"] for p in folder.glob("*.json")
    )
    return {
        "pool": path.name,
        "expanded": expanded,
        "associations": count,
        "files": sum(types.values()),
        "asn_types": dict(sorted(types.items())),
        "seconds": round(seconds, 3),
        "error": error,
    }


def output_for_tests(
    factory: pytest.TempPathFactory,
    paths: list[Path],
    *,
    reuse: str,
    options: Sequence[str] = (),
) -> Path:
    """asn_generate's files for ``paths``, for a test module: run once, or reused.

    ``reuse``: the environment variable that names a folder already written in this layout
    (by a run with the same ``options``), to compare against instead of running jwst.
    """
    given = os.environ.get(reuse)
    if given:
        return Path(given)
    out = factory.mktemp("jwst-generate")
    run_all(paths, out, jobs=os.cpu_count() or 1, options=options)
    return out


def run_all(
    paths: list[Path], out: Path, *, jobs: int = 1, options: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Every pool, in order (``jobs`` processes at once: the timings then overlap).

    ``options``: asn_generate's, the same for every pool (``--discover``).
    """
    out.mkdir(parents=True, exist_ok=True)
    warm_up()
    if jobs <= 1:
        records = [run_pool(path, out, options) for path in paths]
    else:
        # The largest pools first, so that the slowest (mega_pool) does not start last.
        order = sorted(paths, key=lambda p: p.stat().st_size, reverse=True)
        with ProcessPoolExecutor(jobs) as executor:
            made = executor.map(run_pool, order, [out] * len(order), [options] * len(order))
            done = dict(zip(order, made, strict=True))
        records = [done[path] for path in paths]
    (out / "results.json").write_text(json.dumps(records, indent=1) + "\n", encoding="utf-8")
    return records


def summary(records: list[dict[str, Any]], *, jobs: int) -> str:
    """The counts per pool and per ``asn_type``, and the timings, as Markdown."""
    import os
    import platform

    import jwst

    total = sum(r["associations"] for r in records)
    seconds = sum(r["seconds"] for r in records)
    ok = [r for r in records if r["error"] is None]
    lines = [
        "# jwst 3.0.0 asn_generate on jwst's test pools",
        "",
        f"Written by tests/compat/jwst_generate.py (jwst {jwst.__version__}, "
        f"Python {platform.python_version()}, {jobs} process(es), {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end).",
        f"{len(records)} pools, {len(ok)} read by jwst, {total} associations, "
        f"{seconds:.1f} s in process in all (reading, generating, writing).",
        "",
        "| pool | templates expanded | associations | seconds | jwst error |",
        "|---|---|---:|---:|---|",
    ]
    lines += [
        f"| {r['pool']} | {'yes' if r['expanded'] else 'no'} | {r['associations']} "
        f"| {r['seconds']:.2f} | {r['error'] or ''} |"
        for r in records
    ]
    by_type: Counter[str] = Counter()
    for r in records:
        by_type.update(r["asn_types"])
    lines += ["", "| asn_type | associations |", "|---|---:|"]
    lines += [f"| {t} | {n} |" for t, n in sorted(by_type.items())]
    lines += ["", "Per pool and asn_type:", ""]
    lines += [
        f"- {r['pool']}: " + ", ".join(f"{t} {n}" for t, n in r["asn_types"].items())
        for r in records
        if r["asn_types"]
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run jwst, report one line per pool."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("out", type=Path, help="folder for the associations, one per pool")
    parser.add_argument("pools", nargs="*", type=Path, help="pool files (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="pools run at once (default 1)")
    parser.add_argument("--summary", action="store_true", help="also write OUT/SUMMARY.md")
    args = parser.parse_args(argv)
    paths = args.pools or sorted(POOLS.glob("*.csv"))
    records = run_all(paths, args.out, jobs=args.jobs)
    for r in records:
        print(  # noqa: T201 (the script's report)
            f"{r['pool']:45} {r['associations']:5d} {r['seconds']:8.2f} s  {r['error'] or ''}"
        )
    if args.summary:
        (args.out / "SUMMARY.md").write_text(summary(records, jobs=args.jobs), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
