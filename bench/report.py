"""The report: docs/benchmarks.md and benchmarks.json, from the figures of one run.

Each table is a function of :class:`~results.Results`; :data:`SECTIONS` lists them in the
order of the page (a new benchmark adds its table there).
"""

from __future__ import annotations

import json
import statistics
from typing import TYPE_CHECKING, Any

from results import BASELINE, FROM_LIST, STAGES, key

if TYPE_CHECKING:
    from collections.abc import Callable

    from results import Jwst, Point, Results


def seconds(value: float) -> str:
    """A duration with three significant figures in a readable unit."""
    if value < 1e-3:  # noqa: PLR2004
        return f"{value * 1e6:.3g} µs"
    if value < 1:
        return f"{value * 1e3:.3g} ms"
    if value >= 1000:  # noqa: PLR2004
        return f"{value:,.0f} s"
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
    for section in SECTIONS:
        lines += section(results, jwst)
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
        label = {
            FROM_LIST: "asnkit `asnkit from-list`",
            BASELINE: '`python -c "import attrs, argparse, json"` (the floor)',
        }.get(name, f"{name} `asn_from_list`")
        lines.append(
            f"| {label} | {seconds(float(str(entry['median'])))} | "
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
    if BASELINE in results.startup and "asnkit" in results.startup:
        mine = float(str(results.startup["asnkit"]["median"]))
        floor = float(str(results.startup[BASELINE]["median"]))
        lines.append(
            f'- `asn_from_list` start-up within 20 ms of `python -c "import attrs, argparse, '
            f'json"`: {seconds(mine)} against {seconds(floor)}, {(mine - floor) * 1000:.1f} ms '
            f"more, {verdict(mine - floor <= 0.020)}."  # noqa: PLR2004
        )
    if "jwst" in results.startup:
        mine = float(str(results.startup["asnkit"]["median"]))
        theirs = float(str(results.startup["jwst"]["median"]))
        lines.append(
            f"- Start-up at most a tenth of jwst's: {seconds(mine)} against {seconds(theirs)}, "
            f"1/{theirs / mine:.0f}, {verdict(mine * 10 <= theirs)}."
        )
        if FROM_LIST in results.startup:
            typer_app = float(str(results.startup[FROM_LIST]["median"]))
            lines.append(
                f"- `asnkit from-list` start-up at most a sixth of jwst's: {seconds(typer_app)} "
                f"against {seconds(theirs)}, 1/{theirs / typer_app:.1f}, "
                f"{verdict(typer_app * 6 <= theirs)}."
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
    return lines + generate_targets(results) + report_targets(results)


def _times_faster(slow: dict[str, Any], fast: dict[str, Any]) -> float | None:
    """How many times ``fast`` is faster than jwst's total, when both were measured."""
    if "total" not in slow or "median" not in fast:
        return None
    return float(slow["total"]) / float(fast["median"])


GENERATE_TARGETS = (("api", "The API", 100.0), ("process", "One `asnkit generate` process", 50.0))
"""The issue's targets over every pool: times faster than jwst's asn_generate in process."""
SYNTHETIC_TARGET = 10.0
"""Seconds for the largest synthetic pool."""


def generate_targets(results: Results) -> list[str]:
    """The three speed targets of ``asnkit generate``, each with its figure."""
    figures = results.generate
    if not figures:
        return []
    lines = []
    for name, label, goal in GENERATE_TARGETS:
        ratio = _times_faster(figures["jwst"], figures[name])
        if ratio is None:
            lines.append(f"- {label} at least {goal:.0f}x faster than jwst: not measured.")
        else:
            lines.append(
                f"- {label} at least {goal:.0f}x faster than jwst's asn_generate over its test "
                f"pools: {ratio:.0f}x, {verdict(ratio >= goal)}."
            )
    synthetic = figures["synthetic"]
    sizes = sorted(int(size) for size in synthetic)
    largest, smallest = synthetic[str(sizes[-1])], synthetic[str(sizes[0])]
    if "median" in largest and "median" in smallest:
        growth = (largest["median"] / sizes[-1]) / (smallest["median"] / sizes[0])
        lines.append(
            f"- A synthetic pool of {sizes[-1]:,} exposures in under {SYNTHETIC_TARGET:.0f} s: "
            f"{seconds(largest['median'])}, {verdict(largest['median'] < SYNTHETIC_TARGET)}; "
            f"time per exposure {growth:.2f}x that at {sizes[0]:,} (1.00: linear)."
        )
    else:
        lines.append(
            f"- A synthetic pool of {sizes[-1]:,} exposures in under {SYNTHETIC_TARGET:.0f} s: "
            f"{largest.get('skipped') or 'stopped at the cap'}, NOT met."
        )
    return lines + scale_targets(figures)


def scale_targets(figures: dict[str, Any]) -> list[str]:
    """Issue 22's program-scale targets (``measure_generate_scale.py``), each with its figure."""
    from measure_generate_scale import targets

    scale = figures.get("scale")
    if not scale:
        return []
    lines = []
    for what, figure, goal, met in targets(scale):
        if figure is None:
            lines.append(f"- {what}: not measured (stopped at the cap, or not run), NOT met.")
        elif "MiB" in what:
            lines.append(f"- {what}: {figure:,.0f} MiB of {goal:,.0f}, {verdict(bool(met))}.")
        else:
            lines.append(f"- {what}: {figure:.1f}x (goal {goal:g}x), {verdict(bool(met))}.")
    return lines


def generate_section(results: Results, jwst: Jwst) -> list[str]:
    """The generate tables: every pool against jwst, and the synthetic pools."""
    figures = results.generate
    if not figures:
        return []
    pools = figures["pools"]
    api, process, theirs = figures["api"], figures["process"], figures["jwst"]
    lines = [
        "",
        "## Generate",
        "",
        (
            f"Every association of jwst's {pools['count']} test pools that it can read "
            f"({pools['rows']:,} exposures; templates expanded, written as plain pool files), "
            "from the pool files to the association files written. asnkit's API: `read_pool` "
            "+ `generate_files` + each file written, in process, median of repeated passes "
            "after a warm-up. One `asnkit generate` process: the whole command over every "
            "pool, start-up included (files of the same name from two pools are written "
            "once). jwst: `asn_generate`'s entry point on each pool file in one process, with "
            "its defaults, after its modules and rules are loaded; one pass."
        ),
        "",
        "| | time | associations | times faster than jwst |",
        "| --- | ---: | ---: | ---: |",
    ]
    if "total" in theirs:
        lines.append(
            f"| jwst {jwst.version} `asn_generate`, in process | {seconds(theirs['total'])} "
            f"| {theirs['files']} | 1 |"
        )
    else:
        lines.append(f"| jwst `asn_generate`, in process | {theirs['skipped']} | | |")
    for name, label in (("api", "asnkit API, in process"), ("process", "one `asnkit generate`")):
        entry = {"api": api, "process": process}[name]
        if "median" not in entry:
            why = entry.get("skipped") or "stopped at the cap"
            lines.append(f"| {label} | {why} | | |")
            continue
        ratio = _times_faster(theirs, entry)
        lines.append(
            f"| {label} | {seconds(entry['median'])} | {entry['files']} | "
            f"{'-' if ratio is None else f'{ratio:,.0f}'} |"
        )
    lines += [
        "",
        (
            "asnkit's API alone on synthetic pools of one program (copies of five of jwst's "
            "pools with fresh observation numbers and file names); read, generate, write. "
            "Every copy keeps its source's targets, so that in discovery each WFSS direct "
            "image matches the grism exposures of every copy: jwst builds those discovered "
            "Stage 2 associations (their work grows with the square of the pool) and then "
            "drops them all (a Stage 2 association needs an observation candidate); asnkit "
            "does not build them, and its work grows with the pool:"
        ),
        "",
        "| exposures | time | associations | per exposure |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for size, entry in figures["synthetic"].items():
        if "median" in entry:
            lines.append(
                f"| {int(size):,} | {seconds(entry['median'])} | {entry['files']} "
                f"| {seconds(entry['median'] / int(size))} |"
            )
        else:
            why = entry.get("skipped") or "stopped at the cap"
            lines.append(f"| {int(size):,} | {why} | | |")
    return lines + program_scale_section(figures.get("scale"))


def program_scale_section(scale: dict[str, Any] | None) -> list[str]:
    """The program-scale table: each process's time and peak memory, and the floor's."""
    if not scale:
        return []
    lines = [
        "",
        (
            "Whole processes at program scale, start-up included, on synthetic pools as "
            "above; peak memory is the process's own (`wait4`). The floor is one Python "
            "process reading the pool with `csv` and grouping its rows by observation and "
            "by candidate. `explain_rows` is the explanation of every row, as `asnkit "
            "report` asks for it, timed in its process."
        ),
        "",
        "| process | exposures | time | peak memory | times the floor |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    labels = {
        "floor": "floor: `csv` + group",
        "dry_run": "`asnkit generate --dry-run`",
        "explain": "`asnkit generate --explain EXPOSURE`",
        "explain_rows": "`explain_rows` over every row",
    }
    for kind, label in labels.items():
        for size, entry in scale.get(kind, {}).items():
            if "seconds" not in entry:
                lines.append(f"| {label} | {int(size):,} | stopped at the cap | | |")
                continue
            base = scale["floor"].get(size, {}).get("seconds")
            times = "-" if not base else f"{entry['seconds'] / base:.1f}"
            peak = entry.get("peak_bytes")
            memory = "-" if peak is None else mebibytes(peak)
            lines.append(
                f"| {label} | {int(size):,} | {seconds(entry['seconds'])} | {memory} | {times} |"
            )
    return lines


REPORT_SECONDS = 2.0
"""Issue 26: a big program's report opens in the browser in under this."""
REPORT_BYTES = 20_000_000
"""Issue 26: and its file stays under this."""
_REPORT_PROGRAMS = (("cut", "the cut program"), ("whole", "the whole synthetic pool"))


def _program(entry: dict[str, Any]) -> str:
    return f"{entry['exposures']:,} exposures and {entry['associations']:,} associations"


def report_targets(results: Results) -> list[str]:
    """Issue 26's targets for ``asnkit report``: each program's load time and bytes."""
    figures = results.report
    if not figures:
        return []
    lines = []
    for name, label in _REPORT_PROGRAMS:
        entry = figures["programs"][name]
        if "median" in entry:
            time = f"{seconds(entry['median'])}, {verdict(entry['median'] < REPORT_SECONDS)}"
        else:
            time = f"{figures.get('skipped', 'not measured')}, NOT met"
        size = entry["bytes"]
        lines.append(
            f"- The report of {label} ({_program(entry)}) opens in the browser in under "
            f"{REPORT_SECONDS:g} s: {time}; its file under {REPORT_BYTES / 1e6:.0f} MB: "
            f"{size / 1e6:.1f} MB, {verdict(size < REPORT_BYTES)}."
        )
    return lines


def report_section(results: Results, jwst: Jwst) -> list[str]:  # noqa: ARG001 (a section's signature)
    """The report table: each program's page bytes and load time."""
    figures = results.report
    if not figures:
        return []
    lines = [
        "",
        "## Report",
        "",
        (
            f"`asnkit report` of a synthetic pool of {results.settings.report_exposures:,} "
            "exposures (as those of Generate), and of the same page cut to "
            f"{results.settings.report_associations:,} associations evenly spaced (every "
            "exposure kept): "
            "the page's bytes, and its load time in headless Chromium (Playwright) from the "
            "navigation's start until the map is drawn and a frame painted, the median of "
            "fresh pages after a warm-up. Building the page (generate, and each exposure's "
            f"explanation) took {seconds(figures['built'])}, once."
        ),
        "",
        "| program | page | render | load (median) | loads |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, _ in _REPORT_PROGRAMS:
        entry = figures["programs"][name]
        load = seconds(entry["median"]) if "median" in entry else figures.get("skipped", "")
        lines.append(
            f"| {_program(entry)} | {entry['bytes'] / 1e6:.1f} MB | "
            f"{seconds(entry['rendered'])} | {load} | {len(entry.get('times', []))} |"
        )
    return lines


SECTIONS: tuple[Callable[[Results, Jwst], list[str]], ...] = (
    startup_section,
    scale_section,
    validation_section,
    memory_section,
    generate_section,
    report_section,
)
"""The tables of the page, in order: a new benchmark adds its own here."""


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
            "generate": results.generate,
            "report": results.report,
            "notes": results.notes,
        },
        indent=2,
    )
