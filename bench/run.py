"""The benchmark harness: asnkit against jwst 3.0.0, written to docs/benchmarks.md and .png.

Run it with ``nox -s bench`` (which installs asnkit, matplotlib and a jwst 3.0.0 venv), or
by hand from the repository root with a Python that has asnkit and matplotlib::

    python bench/run.py --jwst-python ~/jwst-venv/bin/python

It measures, with medians of repeated runs:

* start-up: a two-file ``asn_from_list``, whole process, asnkit's command against jwst's;
* scale: Stage 2 and Stage 3 build + dump at 10^2 ... 10^5 files, asnkit, jwst (each run
  stopped past a cap, and larger sizes then skipped) and the floor,
  ``json.dumps(document, indent=4)`` of the same document;
* validation: ``asnkit validate DIRECTORY`` over 5,000 files, whole process, against jwst's
  ``load_asn`` in a loop over the same files;
* peak memory (``ru_maxrss``) of a process making the largest association.

Every figure in the outputs comes from the run that wrote them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from asnkit import dumps

if TYPE_CHECKING:
    from collections.abc import Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = (2, 3)
BUSY = 1.5
"""A 1-minute load average above this means work other than the benchmark's one process ran."""
SLACK = 120.0
"""Seconds a worker may take beyond its own timed runs (imports, names) before it is killed."""


@dataclass
class Settings:
    """What to measure and how often."""

    sizes: list[int]
    cap: float
    budget: float
    max_runs: int
    startup_runs: int
    validate_files: int


@dataclass
class Jwst:
    """The jwst to compare with, or why there is none."""

    python: Path | None
    reason: str = ""
    version: str = ""
    python_version: str = ""

    @property
    def available(self) -> bool:
        """Whether jwst can be measured."""
        return self.python is not None


@dataclass
class Point:
    """One (implementation, stage, size) of the scale benchmark."""

    times: list[float] = field(default_factory=list)
    stopped: bool = False
    skipped: str = ""
    floor_times: list[float] = field(default_factory=list)
    same_bytes: bool = True

    @property
    def median(self) -> float | None:
        """The median time of the finished runs, if any."""
        return statistics.median(self.times) if self.times else None

    @property
    def floor(self) -> float | None:
        """The median time of the floor, if measured."""
        return statistics.median(self.floor_times) if self.floor_times else None


@dataclass
class Results:
    """Everything one run of the harness measured."""

    machine: dict[str, str]
    settings: Settings
    startup: dict[str, dict[str, object]] = field(default_factory=dict)
    scale: dict[str, Point] = field(default_factory=dict)
    validation: dict[str, dict[str, object]] = field(default_factory=dict)
    memory: dict[str, dict[str, object]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def key(implementation: str, stage: int, size: int) -> str:
    """The name of a scale point in :attr:`Results.scale`."""
    return f"{implementation}/{stage}/{size}"


# --------------------------------------------------------------------------- running


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


def measure_startup(results: Results, jwst: Jwst, scratch: Path) -> None:
    """Whole-process time of a two-file Stage 3 ``asn_from_list``."""
    arguments = ["-o", "out_asn.json", "--product-name", "l3_results"]
    arguments += ["jw01234001001_02101_00001_nrca1_cal.fits"]
    arguments += ["jw01234001001_02101_00002_nrca1_cal.fits"]
    commands = {"asnkit": [str(Path(sys.executable).parent / "asn_from_list"), *arguments]}
    if jwst.python is not None:
        commands["jwst"] = [str(jwst.python.parent / "asn_from_list"), *arguments]
    directory = scratch / "startup"
    directory.mkdir()
    results.startup = time_commands(commands, results.settings.startup_runs, directory)


def measure_scale(results: Results, jwst: Jwst) -> None:
    """Build + dump at every size, both stages; jwst only while it stays under the cap."""
    settings = results.settings
    limits = [
        "--cap",
        str(settings.cap),
        "--budget",
        str(settings.budget),
        "--max-runs",
        str(settings.max_runs),
    ]
    timeout = settings.cap + settings.budget + SLACK
    for stage in STAGES:
        jwst_stopped_at = 0
        for size in settings.sizes:
            progress(f"scale: Stage {stage}, {size} files: asnkit")
            found = worker(
                Path(sys.executable),
                "asnkit_worker.py",
                ["scale", str(stage), str(size), *limits],
                timeout,
            )
            results.scale[key("asnkit", stage, size)] = Point(
                times=_floats(found["times"]),
                stopped=bool(found["stopped"]),
                floor_times=_floats(found["floor_times"]),
                same_bytes=bool(found["same_bytes"]),
            )
            if jwst.python is None:
                continue
            if jwst_stopped_at:
                results.scale[key("jwst", stage, size)] = Point(
                    skipped=f"not run: {jwst_stopped_at:,} files already passed the cap"
                )
                continue
            progress(f"scale: Stage {stage}, {size} files: jwst")
            found = worker(
                jwst.python, "jwst_worker.py", ["scale", str(stage), str(size), *limits], timeout
            )
            point = Point(times=_floats(found["times"]), stopped=bool(found["stopped"]))
            results.scale[key("jwst", stage, size)] = point
            if point.stopped:
                jwst_stopped_at = size


def _floats(value: object) -> list[float]:
    if not isinstance(value, list):
        msg = f"a worker reported {value!r} where a list of times belongs"
        raise TypeError(msg)
    return [float(item) for item in value]


def measure_memory(results: Results, jwst: Jwst) -> None:
    """Peak RSS of a process that makes the largest association, each stage."""
    size = max(results.settings.sizes)
    cap = results.settings.cap
    for stage in STAGES:
        progress(f"memory: Stage {stage}, {size} files: asnkit")
        found = worker(
            Path(sys.executable), "asnkit_worker.py", ["memory", str(stage), str(size)], SLACK
        )
        results.memory[key("asnkit", stage, size)] = found
        if jwst.python is None:
            continue
        scaled = results.scale.get(key("jwst", stage, size))
        if scaled is not None and (scaled.stopped or scaled.skipped):
            results.memory[key("jwst", stage, size)] = {
                "skipped": f"not measured: jwst does not finish {size:,} files within the cap"
            }
            continue
        progress(f"memory: Stage {stage}, {size} files: jwst")
        found = worker(
            jwst.python,
            "jwst_worker.py",
            ["memory", str(stage), str(size), "--cap", str(cap)],
            cap + SLACK,
        )
        if found.get("stopped"):
            found = {"skipped": f"not measured: stopped at the {cap:g} s cap"}
        results.memory[key("jwst", stage, size)] = found


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


def measure_validation(
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


# --------------------------------------------------------------------------- the machine


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


# --------------------------------------------------------------------------- the report


def seconds(value: float) -> str:
    """A duration with three significant figures in a readable unit."""
    if value < 1e-3:  # noqa: PLR2004
        return f"{value * 1e6:.3g} µs"
    if value < 1:
        return f"{value * 1e3:.3g} ms"
    return f"{value:.3g} s"


def mebibytes(value: object) -> str:
    """A size in bytes as MiB."""
    return f"{int(str(value)) / 2**20:.0f} MiB"


def verdict(met: bool) -> str:
    """The word for a target."""
    return "met" if met else "NOT met"


def jwst_cell(results: Results, stage: int, size: int, jwst: Jwst) -> str:
    """What the table says for jwst at one point."""
    if not jwst.available:
        return "not measured"
    point = results.scale[key("jwst", stage, size)]
    if point.skipped:
        return point.skipped
    if point.stopped or point.median is None:
        return f"> {results.settings.cap:g} s (stopped)"
    return seconds(point.median)


def render_markdown(results: Results, jwst: Jwst) -> str:
    """docs/benchmarks.md."""
    lines = [
        "# Benchmarks",
        "",
        "<!-- Written by bench/run.py (`nox -s bench`). Do not edit: rerun it. -->",
        "",
        (
            "asnkit against jwst 3.0.0 on one machine, in one run of `nox -s bench`. Times are "
            "medians of repeated runs. Rerun it to get your machine's figures."
        ),
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {value} |" for name, value in results.machine.items()]
    lines += ["", "## Targets", "", *targets(results, jwst)]
    lines += startup_section(results, jwst)
    lines += scale_section(results, jwst)
    lines += validation_section(results, jwst)
    lines += memory_section(results, jwst)
    if results.notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {note}" for note in results.notes]
    return "\n".join(lines) + "\n"


def startup_section(results: Results, jwst: Jwst) -> list[str]:
    """The start-up table."""
    lines = [
        "",
        "## Start-up",
        "",
        (
            "A two-file Stage 3 `asn_from_list -o out_asn.json --product-name l3_results A B`, "
            "the whole process, after two warm-up runs."
        ),
        "",
        "| command | median | runs | measured with |",
        "| --- | --- | --- | --- |",
    ]
    for name, entry in results.startup.items():
        lines.append(
            f"| {name} `asn_from_list` | {seconds(float(str(entry['median'])))} | "
            f"{entry['runs']} | {entry['tool']} |"
        )
    if not jwst.available:
        lines.append(f"| jwst `asn_from_list` | not measured: {jwst.reason} | | |")
    return lines


def times_faster(slow: float | None, fast: float | None) -> str:
    """``slow / fast``, rounded as a reader wants it, or a dash."""
    if slow is None or not fast:
        return "-"
    ratio = slow / fast
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"  # noqa: PLR2004


def scale_section(results: Results, jwst: Jwst) -> list[str]:
    """The build + dump table."""
    settings = results.settings
    lines = [
        "",
        "## Build and dump against the number of files",
        "",
        (
            "asnkit: `asnkit.dumps(asnkit.asn_from_list(names, rule=..., product_name=...))`; "
            "jwst: `asn_from_list(names, rule=..., product_name=...).dump()`, each in a process "
            "of its own, after the imports; the floor: `json.dumps(document, indent=4)` of the "
            f"same document. Each point is run up to {settings.max_runs} times (fewer once "
            f"{settings.budget:g} s are spent); a jwst run is stopped past {settings.cap:g} s, "
            "and larger sizes of that stage are then not run. asnkit / floor is asnkit's time "
            "in units of the floor's; jwst / asnkit is how many times faster asnkit is."
        ),
        "",
        "| files | stage | asnkit | floor | asnkit / floor | jwst | jwst / asnkit |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for stage in STAGES:
        for size in settings.sizes:
            point = results.scale[key("asnkit", stage, size)]
            mine, floor = point.median, point.floor
            ratio = f"{mine / floor:.2f}" if mine is not None and floor else "-"
            theirs = None
            if jwst.available:
                theirs = results.scale[key("jwst", stage, size)].median
            lines.append(
                f"| {size:,} | {stage} | {seconds(mine) if mine is not None else '-'} | "
                f"{seconds(floor) if floor is not None else '-'} | {ratio} | "
                f"{jwst_cell(results, stage, size, jwst)} | {times_faster(theirs, mine)} |"
            )
    lines += ["", "![Time against number of files, log-log](benchmarks.png)"]
    return lines


def validation_section(results: Results, jwst: Jwst) -> list[str]:
    """The validation table."""
    lines = [
        "",
        "## Validation",
        "",
        (
            f"{results.settings.validate_files:,} valid association files (half Stage 2 with "
            "three products, half Stage 3 with eight members). asnkit: `asnkit validate "
            "DIRECTORY`, the whole process, divided by the number of files (the median of its "
            "runs); jwst: `load_asn` of each file in a loop, after the imports, over one part of "
            "the files between two of asnkit's runs, so that both are timed in the same minutes; "
            "its per-file time is the sum over the parts."
        ),
        "",
        "| | per file | runs | note |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, label in (("asnkit", "asnkit validate"), ("jwst", "jwst load_asn")):
        entry = results.validation.get(name)
        if entry is None:
            lines.append(f"| {label} | not measured: {jwst.reason} | | |")
        elif "skipped" in entry:
            lines.append(f"| {label} | {entry['skipped']} | | |")
        else:
            lines.append(
                f"| {label} | {seconds(float(str(entry['per_file'])))} | {entry['runs']} | "
                f"{entry.get('note', '')} |"
            )
    return lines


def memory_section(results: Results, jwst: Jwst) -> list[str]:
    """The peak memory table."""
    size = max(results.settings.sizes)
    lines = [
        "",
        "## Peak memory",
        "",
        (
            f"Peak resident memory (`ru_maxrss`) of a process that builds and dumps {size:,} "
            "files once; the baseline is the same process after its imports and its list of "
            "names."
        ),
        "",
        "| | stage | peak | baseline |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in ("asnkit", "jwst"):
        for stage in STAGES:
            entry = results.memory.get(key(name, stage, size))
            if entry is None:
                lines.append(f"| {name} | {stage} | not measured: {jwst.reason} | |")
            elif "skipped" in entry:
                lines.append(f"| {name} | {stage} | {entry['skipped']} | |")
            else:
                lines.append(
                    f"| {name} | {stage} | {mebibytes(entry['peak_rss'])} | "
                    f"{mebibytes(entry['baseline_rss'])} |"
                )
    return lines


def targets(results: Results, jwst: Jwst) -> list[str]:
    """The projects' speed targets, each with its measured figure and whether it is met."""
    lines = []
    size = max(results.settings.sizes)
    for stage in STAGES:
        point = results.scale[key("asnkit", stage, size)]
        if point.median is not None and point.floor:
            ratio = point.median / point.floor
            lines.append(
                f"- Stage {stage} build + dump of {size:,} files at most 2x the floor: "
                f"{ratio:.2f}x, {verdict(ratio <= 2)}."  # noqa: PLR2004
            )
    if "jwst" in results.startup:
        mine = float(str(results.startup["asnkit"]["median"]))
        theirs = float(str(results.startup["jwst"]["median"]))
        lines.append(
            f"- Start-up at most a tenth of jwst's: {seconds(mine)} against {seconds(theirs)}, "
            f"1/{theirs / mine:.0f}, {verdict(mine * 10 <= theirs)}."
        )
    else:
        lines.append(f"- Start-up at most a tenth of jwst's: jwst not measured ({jwst.reason}).")
    mine_entry = results.validation.get("asnkit", {})
    theirs_entry = results.validation.get("jwst", {})
    if "per_file" in mine_entry and "per_file" in theirs_entry:
        mine = float(str(mine_entry["per_file"]))
        theirs = float(str(theirs_entry["per_file"]))
        lines.append(
            f"- Validation per file at most 1/200 of jwst's `load_asn`: {seconds(mine)} against "
            f"{seconds(theirs)}, 1/{theirs / mine:.0f}, {verdict(mine * 200 <= theirs)}."
        )
    else:
        lines.append(
            "- Validation per file at most 1/200 of jwst's `load_asn`: not measured (see below)."
        )
    return lines


def render_plot(results: Results, jwst: Jwst, path: Path) -> None:
    """docs/benchmarks.png: time against number of files, log-log."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results.settings.sizes
    figure, axes = plt.subplots(figsize=(7.5, 5), dpi=110)
    colours = {2: "tab:blue", 3: "tab:orange"}
    for stage in STAGES:
        points = [results.scale[key("asnkit", stage, size)] for size in sizes]
        axes.plot(
            sizes,
            [_or_nan(p.median) for p in points],
            "o-",
            color=colours[stage],
            label=f"asnkit, Stage {stage}",
        )
        axes.plot(
            sizes,
            [_or_nan(p.floor) for p in points],
            ":",
            color=colours[stage],
            label=f"floor (json.dumps), Stage {stage}",
        )
        if not jwst.available:
            continue
        medians = [results.scale[key("jwst", stage, size)].median for size in sizes]
        finished = [(size, t) for size, t in zip(sizes, medians, strict=True) if t is not None]
        stopped = [size for size in sizes if results.scale[key("jwst", stage, size)].stopped]
        axes.plot(
            [s for s, _ in finished],
            [t for _, t in finished],
            "s--",
            color=colours[stage],
            alpha=0.6,
            label=f"jwst 3.0.0, Stage {stage}",
        )
        if stopped:
            axes.plot(
                stopped,
                [results.settings.cap] * len(stopped),
                "^",
                color=colours[stage],
                alpha=0.6,
                markersize=9,
                label=f"jwst, Stage {stage}: stopped at {results.settings.cap:g} s",
            )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("files in the association")
    axes.set_ylabel("build + dump, seconds (median)")
    jwst_version = jwst.version or "(not measured)"
    axes.set_title(f"asnkit {results.machine['asnkit']} and jwst {jwst_version}")
    axes.grid(visible=True, which="both", alpha=0.3)
    axes.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)


def spread(times: list[float]) -> str:
    """How far apart the runs of a point are: (slowest - fastest) / median, in percent."""
    if len(times) < 2:  # noqa: PLR2004
        return "one run"
    return f"{(max(times) - min(times)) / statistics.median(times):.0%}"


def spread_note(results: Results) -> str:
    """A note on the spread of the runs at the largest size, where the targets are judged."""
    size = max(results.settings.sizes)
    parts = []
    for stage in STAGES:
        point = results.scale[key("asnkit", stage, size)]
        parts.append(
            f"Stage {stage}: asnkit {spread(point.times)}, floor {spread(point.floor_times)}"
        )
    return (
        f"Spread of the runs at {size:,} files, (slowest - fastest) / median: "
        f"{'; '.join(parts)}. Every run's time is in [benchmarks.json](benchmarks.json)."
    )


def _or_nan(value: float | None) -> float:
    """A figure to plot: matplotlib leaves a gap at NaN."""
    return float("nan") if value is None else value


def to_json(results: Results) -> str:
    """The raw figures, for whoever wants to compute something else from them."""

    def plain(point: Point) -> dict[str, object]:
        return {
            "times": point.times,
            "stopped": point.stopped,
            "skipped": point.skipped,
            "floor_times": point.floor_times,
        }

    return json.dumps(
        {
            "machine": results.machine,
            "settings": results.settings.__dict__,
            "startup": results.startup,
            "scale": {name: plain(point) for name, point in results.scale.items()},
            "validation": results.validation,
            "memory": results.memory,
            "notes": results.notes,
        },
        indent=2,
    )


# --------------------------------------------------------------------------- main


def find_jwst(python: str | None, reason: str | None) -> Jwst:
    """The jwst to compare with, checked by importing it."""
    if python is None:
        return Jwst(None, reason or "no jwst given (--jwst-python)")
    path = Path(python).expanduser()
    try:
        info = worker(path, "jwst_worker.py", ["info"], SLACK)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
        return Jwst(None, f"jwst could not be run with {path}: {error}")
    return Jwst(path, version=str(info["jwst"]), python_version=str(info["python"]))


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The harness's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jwst-python", help="the python of a venv with jwst 3.0.0")
    parser.add_argument("--no-jwst", metavar="REASON", help="measure asnkit only, saying why")
    parser.add_argument("--sizes", default="100,1000,10000,100000", help="numbers of files")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a jwst run stops")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of repeats a point")
    parser.add_argument("--max-runs", type=int, default=5, help="repeats of a point at most")
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--validate-files", type=int, default=5000)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs", help="where benchmarks.md/.png/.json go"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure everything, write the report; return the exit status."""
    arguments = parse_arguments(argv)
    settings = Settings(
        sizes=sorted({int(size) for size in arguments.sizes.split(",")}),
        cap=arguments.cap,
        budget=arguments.budget,
        max_runs=arguments.max_runs,
        startup_runs=arguments.startup_runs,
        validate_files=arguments.validate_files,
    )
    jwst = find_jwst(None if arguments.no_jwst else arguments.jwst_python, arguments.no_jwst)
    if not jwst.available:
        progress(f"jwst: {jwst.reason}; measuring asnkit only")
    load_at_start = os.getloadavg()[0]
    started = time.perf_counter()
    results = Results(machine=machine_facts(jwst), settings=settings)
    with tempfile.TemporaryDirectory(prefix="asnkit-bench-") as scratch:
        measure_startup(results, jwst, Path(scratch))
        measure_scale(results, jwst)
        measure_memory(results, jwst)
        measure_validation(results, jwst, Path(scratch))
    for name, point in results.scale.items():
        if name.startswith("asnkit/") and not point.same_bytes:
            results.notes.append(f"{name}: json.dumps did not give asnkit's bytes")
    results.notes.append(spread_note(results))
    results.notes.append(f"Load average at the end: {load_average()}.")
    if max(load_at_start, os.getloadavg()[0]) > BUSY:
        results.notes.append(
            "Other work was running on this machine around this run (see the load averages): "
            "its figures are slower and noisier than a quiet machine's."
        )
    results.notes.append(f"The whole run took {time.perf_counter() - started:.0f} s.")

    arguments.out.mkdir(parents=True, exist_ok=True)
    (arguments.out / "benchmarks.md").write_text(render_markdown(results, jwst))
    (arguments.out / "benchmarks.json").write_text(to_json(results) + "\n")
    render_plot(results, jwst, arguments.out / "benchmarks.png")
    progress(f"written: {arguments.out / 'benchmarks.md'}, .json and .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
