"""docs/benchmarks.png: the scale benchmark's times against the number of files, log-log.

Beside it, when measured, generate's times against the number of exposures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from results import STAGES, key

if TYPE_CHECKING:
    from pathlib import Path

    from results import Jwst, Results


def render_plot(results: Results, jwst: Jwst, path: Path) -> None:
    """docs/benchmarks.png: time against number of files, log-log."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results.settings.sizes
    if results.generate:
        figure, (axes, generate_axes) = plt.subplots(1, 2, figsize=(13, 5), dpi=110)
        _generate_panel(results, jwst, generate_axes)
    else:
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


def _generate_panel(results: Results, jwst: Jwst, axes: Any) -> None:  # noqa: ANN401 (matplotlib)
    """Generate: asnkit on the synthetic pools, and every tool over jwst's pools."""
    figures = results.generate
    synthetic = figures["synthetic"]
    measured = [(int(size), e["median"]) for size, e in synthetic.items() if "median" in e]
    axes.plot(
        [size for size, _ in measured],
        [t for _, t in measured],
        "o-",
        color="tab:green",
        label="asnkit API, synthetic pools",
    )
    rows = figures["pools"]["rows"]
    marks = (
        ("api", "D", "tab:green", "asnkit API, jwst's pools"),
        ("process", "v", "tab:olive", "one asnkit generate process, jwst's pools"),
    )
    for name, marker, colour, label in marks:
        if "median" in figures[name]:
            axes.plot([rows], [figures[name]["median"]], marker, color=colour, label=label)
    if "total" in figures["jwst"]:
        axes.plot(
            [rows],
            [figures["jwst"]["total"]],
            "s",
            color="tab:red",
            label=f"jwst {jwst.version} asn_generate, jwst's pools",
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("exposures in the pool(s)")
    axes.set_ylabel("generate + write, seconds")
    axes.set_title("generate: every association of a pool")
    axes.grid(visible=True, which="both", alpha=0.3)
    axes.legend(fontsize="small")


def _or_nan(value: float | None) -> float:
    """A figure to plot: matplotlib leaves a gap at NaN."""
    return float("nan") if value is None else value
