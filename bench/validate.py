"""Benchmark: ``asnkit validate`` over 5,000 files, whole process, against jwst's ``load_asn``.

Writes two sets of files into a temporary directory under /tmp: typical associations made by
``asn_from_list`` (half Stage 3 with 2 to 12 ``_cal`` members, half Stage 2b with 2 to 4
``_rate`` products), and copies of the JSON files of the repository's corpus
(tests/data/corpus). Then runs ``asnkit validate DIR`` as a new process, several times,
and reports the best CPU time (user + system) of the whole process, start-up included: on a
shared machine CPU time varies much less than wall time. With ``--jwst PYTHON`` it also runs,
once, a process that calls jwst's ``load_asn`` on each file of each set (slow: about a minute
a set).

    python bench/validate.py [--files 5000] [--repeat 7] [--jwst ~/jwst-venv/bin/python]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from asnkit import dumps

_JWST_LOOP = """
import glob, logging, sys, warnings
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
from jwst.associations import load_asn
for name in sorted(glob.glob(sys.argv[1] + "/*.json")):
    try:
        with open(name) as stream:
            load_asn(stream)
    except Exception:
        pass
"""


def write_typical(directory: Path, count: int) -> None:
    """``count`` files as asn_from_list writes them; the same files on every run."""
    import asnkit

    rng = random.Random(4)  # noqa: S311 (reproducible file sizes, not security)
    for index in range(count):
        size = rng.randint(2, 12)
        stem = f"jw0{rng.randint(1000, 9999)}00{rng.randint(1, 9)}001_0{rng.randint(1, 3)}101"
        if index % 2:
            names = [f"{stem}_{k:05d}_nrca{1 + k % 4}_cal.fits" for k in range(1, size + 1)]
            association = asnkit.asn_from_list(
                names, rule="DMS_Level3_Base", product_name=f"jw01234-o{index % 1000:03d}_t001"
            )
        else:
            names = [f"{stem}_{k:05d}_nrs1_rate.fits" for k in range(1, min(size, 4) + 1)]
            association = asnkit.asn_from_list(names, rule="DMSLevel2bBase")
        (directory / f"c{index:05d}_asn.json").write_text(dumps(association))


def write_corpus_copies(directory: Path, count: int, corpus: Path) -> None:
    """``count`` copies of the corpus files, in turn."""
    sources = sorted(corpus.rglob("*.json"))
    for index in range(count):
        shutil.copyfile(sources[index % len(sources)], directory / f"f{index:05d}_asn.json")


# The repository's corpus of real association files (tests/data/README.md says where from).
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def cpu_of(command: list[str]) -> tuple[float, float]:
    """The CPU seconds (user + system) and wall seconds of ``command``, run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> None:
    """Write the sets, time the command (and jwst), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--jwst", help="a Python that has jwst installed")
    args = parser.parse_args()
    asnkit_command = [sys.executable, "-c", "from asnkit.cli import main; main()"]
    with tempfile.TemporaryDirectory(prefix="asnkit-bench-validate-", dir="/tmp") as root:
        sets = {"typical (asn_from_list)": Path(root) / "typical"}
        sets["typical (asn_from_list)"].mkdir()
        write_typical(sets["typical (asn_from_list)"], args.files)
        sets["corpus copies"] = Path(root) / "corpus"
        sets["corpus copies"].mkdir()
        write_corpus_copies(sets["corpus copies"], args.files, CORPUS)
        for label, directory in sets.items():
            runs = [
                cpu_of([*asnkit_command, "validate", str(directory)]) for _ in range(args.repeat)
            ]
            best = min(cpu for cpu, _ in runs)
            wall = min(wall for _, wall in runs)
            print(
                f"{label}: asnkit validate, {args.files} files: best CPU {best:.2f} s "
                f"({best / args.files * 1e3:.3f} ms a file), median CPU "
                f"{sorted(cpu for cpu, _ in runs)[len(runs) // 2]:.2f} s, best wall {wall:.2f} s"
            )
            if args.jwst:
                cpu, wall = cpu_of([args.jwst, "-c", _JWST_LOOP, str(directory)])
                print(
                    f"{label}: jwst load_asn, {args.files} files: CPU {cpu:.1f} s "
                    f"({cpu / args.files * 1e3:.2f} ms a file), wall {wall:.1f} s; "
                    f"asnkit costs 1/{cpu / best:.0f}"
                )


if __name__ == "__main__":
    main()
