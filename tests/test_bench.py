"""The benchmark harness's own logic: its names, its cap, its report (not speed: see bench/)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import asnkit

if TYPE_CHECKING:
    from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _bench_module(name: str) -> ModuleType:
    # bench/ is a folder of scripts, not a package: its modules import each other by name.
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


def test_file_names_are_distinct_and_of_the_stage() -> None:
    common = _bench_module("_common")
    stage2 = common.file_names(2000, 2)
    stage3 = common.file_names(2000, 3)
    assert len(set(stage2)) == len(stage2) == 2000
    assert all(name.endswith("_rate.fits") for name in stage2)
    assert all(name.endswith("_cal.fits") for name in stage3)
    assert not any("/" in name for name in stage2 + stage3)


def test_stage2_names_give_one_product_each() -> None:
    names = _bench_module("_common").file_names(300, 2)
    association = asnkit.asn_from_list(names, rule="DMSLevel2bBase")
    assert len({product.name for product in association.products}) == 300


def test_timed_runs_stops_a_run_past_the_cap() -> None:
    common = _bench_module("_common")

    def forever() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(0.005)

    times, stopped = common.timed_runs(forever, cap=0.05, budget=10.0, max_runs=3)
    assert stopped
    assert times == []


def test_timed_runs_repeats_up_to_max_runs_then_up_to_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    common = _bench_module("_common")
    calls: list[int] = []
    times, stopped = common.timed_runs(lambda: calls.append(1), cap=5, budget=10, max_runs=4)
    assert (len(times), len(calls), stopped) == (4, 4, False)

    # A clock that each run moves on by 0.03 s, whatever the machine's load: after two runs
    # (0.06 s) the 0.05 s budget is spent.
    clock = [0.0]
    monkeypatch.setattr(common.time, "perf_counter", lambda: clock[0])

    def run() -> None:
        clock[0] += 0.03

    times, stopped = common.timed_runs(run, cap=5, budget=0.05, max_runs=9)
    assert not stopped
    assert times == pytest.approx([0.03, 0.03])


def test_asnkit_worker_reports_times_and_a_floor_of_the_same_bytes() -> None:
    completed = subprocess.run(
        [sys.executable, str(BENCH / "asnkit_worker.py"), "scale", "3", "50", "--max-runs", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(completed.stdout)
    assert len(found["times"]) == len(found["floor_times"]) == 2
    assert found["same_bytes"] is True
    assert found["stopped"] is False


def test_a_failing_worker_raises_with_its_last_error_line() -> None:
    process = _bench_module("_process")
    with pytest.raises(RuntimeError, match=r"no_such_worker\.py .*failed \(2\): .*No such file"):
        process.worker(Path(sys.executable), "no_such_worker.py", [], 30)


def _results(model: ModuleType, *, asnkit_ratio: float) -> Any:
    settings = model.Settings(
        sizes=[100, 10_000, 100_000],
        cap=30.0,
        budget=10.0,
        max_runs=5,
        startup_runs=20,
        validate_files=5000,
    )
    results = model.Results(machine={"CPU": "test", "asnkit": "0"}, settings=settings)
    for stage in (2, 3):
        for size in settings.sizes:
            results.scale[model.key("asnkit", stage, size)] = model.Point(
                times=[asnkit_ratio * size * 1e-6], floor_times=[size * 1e-6]
            )
        results.scale[model.key("jwst", stage, 100)] = model.Point(times=[0.5])
        results.scale[model.key("jwst", stage, 10_000)] = model.Point(stopped=True)
        results.scale[model.key("jwst", stage, 100_000)] = model.Point(
            skipped="not run: 10,000 files already passed the cap"
        )
    results.startup = {
        "asnkit": {"median": 0.05, "runs": 20, "tool": "hyperfine"},
        "jwst": {"median": 1.0, "runs": 20, "tool": "hyperfine"},
    }
    results.validation = {
        "asnkit": {"skipped": "not measured: this asnkit has no `asnkit validate` command yet"},
        "jwst": {"per_file": 0.012, "runs": 1},
    }
    return results


def test_report_says_where_jwst_was_stopped_and_whether_targets_are_met() -> None:
    model, report = _bench_module("results"), _bench_module("report")
    jwst = model.Jwst(Path("python"), version="3.0.0", python_version="3.11")
    text = report.render_markdown(_results(model, asnkit_ratio=1.5), jwst)
    assert "| 100 | 2 | 150 µs | 100 µs | 1.50 | 500 ms | 3,333 |" in text
    assert "| 10,000 | 2 | 15 ms | 10 ms | 1.50 | > 30 s (stopped) | - |" in text
    assert "not run: 10,000 files already passed the cap" in text
    assert "at most 2x the floor: 1.50x, met." in text
    assert "1/20, met." in text
    assert "no `asnkit validate` command yet" in text

    slow = report.render_markdown(_results(model, asnkit_ratio=2.5), jwst)
    assert "at most 2x the floor: 2.50x, NOT met." in slow


def test_report_has_asnkit_from_list_start_up_against_a_sixth_of_jwsts() -> None:
    model, report = _bench_module("results"), _bench_module("report")
    jwst = model.Jwst(Path("python"), version="3.0.0", python_version="3.11")
    results = _results(model, asnkit_ratio=1.0)
    results.startup[model.FROM_LIST] = {"median": 0.1, "runs": 20, "tool": "hyperfine"}
    text = report.render_markdown(results, jwst)
    assert "| asnkit `asnkit from-list` | 100 ms | 20 | hyperfine |" in text
    assert "`asnkit from-list` start-up at most a sixth of jwst's: 100 ms against 1 s" in text
    assert "1/10.0, met." in text
    results.startup[model.FROM_LIST]["median"] = 0.2
    assert "1/5.0, NOT met." in report.render_markdown(results, jwst)


def test_report_has_asn_from_list_start_up_against_python_with_its_imports() -> None:
    model, report = _bench_module("results"), _bench_module("report")
    jwst = model.Jwst(Path("python"), version="3.0.0", python_version="3.11")
    results = _results(model, asnkit_ratio=1.0)
    results.startup[model.BASELINE] = {"median": 0.035, "runs": 20, "tool": "hyperfine"}
    text = report.render_markdown(results, jwst)
    floor = '`python -c "import attrs, argparse, json"`'
    assert f"| {floor} (the floor) | 35 ms | 20 | hyperfine |" in text
    assert f"- `asn_from_list` start-up within 20 ms of {floor}: 50 ms against 35 ms," in text
    assert "15.0 ms more, met." in text
    results.startup[model.BASELINE]["median"] = 0.025
    assert "25.0 ms more, NOT met." in report.render_markdown(results, jwst)


def test_report_without_jwst_says_why_in_every_table() -> None:
    model, report = _bench_module("results"), _bench_module("report")
    jwst = model.Jwst(None, reason="jwst 3.0.0 could not be installed")
    results = _results(model, asnkit_ratio=1.0)
    results.scale = {k: v for k, v in results.scale.items() if k.startswith("asnkit/")}
    del results.startup["jwst"]
    del results.validation["jwst"]
    text = report.render_markdown(results, jwst)
    assert "| jwst `asn_from_list` | not measured: jwst 3.0.0 could not be installed |" in text
    assert "| 100 | 3 | 100 µs | 100 µs | 1.00 | not measured | - |" in text
    assert "| jwst | 2 | not measured: jwst 3.0.0 could not be installed |" in text
    assert "| jwst load_asn | not measured: jwst 3.0.0 could not be installed |" in text


def test_spread_is_the_range_over_the_median() -> None:
    report = _bench_module("report")
    assert report.spread([1.0, 2.0, 4.0]) == "150%"
    assert report.spread([3.0]) == "one run"
    note = report.spread_note(_results(_bench_module("results"), asnkit_ratio=1.0))
    assert note.startswith("Spread of the runs at 100,000 files")
    assert "Stage 2: asnkit one run, floor one run" in note


def _fake_asnkit(tmp_path: Path, body: str) -> list[str]:
    script = tmp_path / "fake_asnkit.py"
    script.write_text(f"import sys\n{body}\n")
    return [sys.executable, str(script)]


def test_validation_row_is_measured_when_asnkit_validate_exists(tmp_path: Path) -> None:
    model, validation = _bench_module("results"), _bench_module("measure_validation")
    results = _results(model, asnkit_ratio=1.0)
    results.settings.validate_files = 10
    results.validation = {}
    # Exit 0 for --help and for the directory, as a validate that found every file valid.
    fake = _fake_asnkit(tmp_path, "sys.exit(0)")
    validation.measure(results, model.Jwst(None, reason="none"), tmp_path, fake)
    entry = results.validation["asnkit"]
    assert entry["runs"] == results.settings.max_runs
    assert entry["per_file"] > 0
    assert "note" not in entry
    assert len(list((tmp_path / "validate").glob("*_asn.json"))) == 10


def test_validation_row_notes_a_failing_exit_status(tmp_path: Path) -> None:
    model, validation = _bench_module("results"), _bench_module("measure_validation")
    results = _results(model, asnkit_ratio=1.0)
    results.settings.validate_files = 4
    fake = _fake_asnkit(tmp_path, "sys.exit(0 if '--help' in sys.argv else 1)")
    validation.measure(results, model.Jwst(None, reason="none"), tmp_path, fake)
    assert results.validation["asnkit"]["note"] == "exit status [1] on files that are all valid"


def test_validation_row_is_skipped_without_asnkit_validate(tmp_path: Path) -> None:
    model, validation = _bench_module("results"), _bench_module("measure_validation")
    results = _results(model, asnkit_ratio=1.0)
    results.settings.validate_files = 2
    results.validation = {}
    fake = _fake_asnkit(tmp_path, "sys.exit(2)")  # what typer does for an unknown command
    validation.measure(results, model.Jwst(None, reason="none"), tmp_path, fake)
    assert results.validation == {
        "asnkit": {"skipped": "not measured: this asnkit has no `asnkit validate` command yet"}
    }


def test_generated_validation_files_are_valid_associations(tmp_path: Path) -> None:
    _bench_module("measure_validation").make_validation_files(tmp_path, 4)
    loaded = [asnkit.load(path) for path in sorted(tmp_path.glob("*_asn.json"))]
    assert [asn.asn_rule for asn in loaded] == ["DMSLevel2bBase", "DMS_Level3_Base"] * 2
    assert [len(asn.products) for asn in loaded] == [3, 1, 3, 1]
    assert len(loaded[1].products[0].members) == 8


def test_start_up_runs_are_interleaved_and_the_warm_up_not_counted(tmp_path: Path) -> None:
    def appending(letter: str) -> list[str]:
        return [sys.executable, "-c", f"open('order.txt', 'a').write({letter!r})"]

    measured = _bench_module("_process").time_commands(
        {"a": appending("a"), "b": appending("b")}, 3, tmp_path
    )
    assert (tmp_path / "order.txt").read_text() == "ab" * 5
    assert measured["a"]["runs"] == measured["b"]["runs"] == 3


def test_a_failing_start_up_command_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="exit code 3"):
        _bench_module("_process").time_commands(
            {"bad": [sys.executable, "-c", "raise SystemExit(3)"]}, 1, tmp_path
        )


def test_a_small_run_writes_the_report_and_the_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every benchmark of run.MEASUREMENTS and every table of report.SECTIONS, at the smallest
    # sizes, asnkit alone; the plot (matplotlib, installed by nox -s bench only) is left out.
    run = _bench_module("run")
    plotted: list[Path] = []
    monkeypatch.setattr(run, "render_plot", lambda _results, _jwst, path: plotted.append(path))
    argv = ["--no-jwst", "a test", "--sizes", "10", "--max-runs", "1", "--startup-runs", "1"]
    argv += ["--generate-pools", "pool_002_image_miri", "--generate-sizes", "20"]
    argv += ["--report-exposures", "40", "--report-associations", "5"]
    assert run.main([*argv, "--validate-files", "2", "--out", str(tmp_path)]) == 0
    text = (tmp_path / "benchmarks.md").read_text()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Machine",
        "## Targets",
        "## Start-up",
        "## Build and dump against the number of files",
        "## Validation",
        "## Peak memory",
        "## Generate",
        "## Report",
        "## Notes",
    ]
    assert "| jwst `asn_from_list` | not measured: a test |" in text
    figures = json.loads((tmp_path / "benchmarks.json").read_text())
    assert set(figures["scale"]) == {"asnkit/2/10", "asnkit/3/10"}
    assert figures["validation"]["asnkit"]["runs"] == 1
    assert figures["generate"]["api"]["files"] == 9  # pool_002: 8 image2, 1 image3
    assert figures["generate"]["synthetic"]["20"]["files"] > 0
    assert figures["report"]["programs"]["cut"]["associations"] == 5
    assert figures["report"]["programs"]["whole"]["exposures"] >= 40
    assert plotted == [tmp_path / "benchmarks.png"]


def _generate_figures(*, api: float, synthetic: dict[str, Any]) -> dict[str, Any]:
    return {
        "pools": {"count": 28, "rows": 1646},
        "api": {"times": [api], "median": api, "files": 1731},
        "process": {"skipped": "not measured: this asnkit has no `asnkit generate` command yet"},
        "jwst": {"seconds": {}, "total": 500.0, "files": 1731},
        "synthetic": synthetic,
    }


def test_report_gives_generate_against_jwst_and_the_synthetic_pools() -> None:
    model, report = _bench_module("results"), _bench_module("report")
    jwst = model.Jwst(Path("python"), version="3.0.0", python_version="3.11")
    results = _results(model, asnkit_ratio=1.0)
    results.generate = _generate_figures(
        api=2.0,
        synthetic={
            "1000": {"times": [1.0], "median": 1.0, "files": 100},
            "10000": {"times": [8.0], "median": 8.0, "files": 1000},
        },
    )
    text = report.render_markdown(results, jwst)
    assert "| asnkit API, in process | 2 s | 1731 | 250 |" in text
    assert "at least 100x faster than jwst's asn_generate over its test pools: 250x, met." in text
    assert "| one `asnkit generate` | not measured: this asnkit has no" in text
    assert "10,000 exposures in under 10 s: 8 s, met; time per exposure 0.80x" in text

    results.generate = _generate_figures(
        api=10.0,
        synthetic={
            "1000": {"times": [20.0], "median": 20.0, "files": 100},
            "10000": {"skipped": "not run: 3,000 already passed the cap"},
        },
    )
    slow = report.render_markdown(results, jwst)
    assert "over its test pools: 50x, NOT met." in slow
    assert "| 10,000 | not run: 3,000 already passed the cap | | |" in slow
    assert "10,000 exposures in under 10 s: not run: 3,000 already passed the cap, NOT met." in slow


def test_a_synthetic_pool_has_its_size_and_fresh_names(tmp_path: Path) -> None:
    measure = _bench_module("measure_generate")
    from asnkit.generate import read_pool

    pool = read_pool(measure.synthetic_pool(500, tmp_path))
    assert len(pool) == 500
    assert len({row["filename"] for row in pool.rows}) == 500
    for row in pool.rows:
        assert f"('o{int(row['obs_num']):03d}', 'observation')" in row["asn_candidate"]


def test_long_durations_are_written_in_whole_seconds() -> None:
    report = _bench_module("report")
    assert report.seconds(1160.4) == "1,160 s"
    assert report.seconds(20.83) == "20.8 s"


def test_report_gives_the_report_pages_bytes_and_load_times_against_the_targets() -> None:
    model, report = _bench_module("results"), _bench_module("report")
    jwst = model.Jwst(None, "a test")
    results = _results(model, asnkit_ratio=1.0)
    whole = {"exposures": 10088, "associations": 10538, "bytes": 25_000_000, "rendered": 1.0}
    cut = {"exposures": 10088, "associations": 2000, "bytes": 700_000, "rendered": 0.5}
    results.report = {
        "built": 400.0,
        "programs": {
            "whole": whole | {"times": [2.5, 3.0], "median": 2.75},
            "cut": cut | {"times": [0.5], "median": 0.5},
        },
    }
    text = report.render_markdown(results, jwst)
    assert (
        "- The report of the cut program (10,088 exposures and 2,000 associations) opens in "
        "the browser in under 2 s: 500 ms, met; its file under 20 MB: 0.7 MB, met." in text
    )
    assert "in under 2 s: 2.75 s, NOT met; its file under 20 MB: 25.0 MB, NOT met." in text
    assert "| 10,088 exposures and 10,538 associations | 25.0 MB | 1 s | 2.75 s | 2 |" in text
    assert "explanation) took 400 s, once." in text
    results.report = {
        "built": 1.0,
        "programs": {"whole": whole, "cut": cut},
        "skipped": "not measured: no Chromium at /usr/bin/chromium (apt-get install chromium)",
    }
    skipped = report.render_markdown(results, jwst)
    assert "in under 2 s: not measured: no Chromium at /usr/bin/chromium" in skipped
    assert "| 0.7 MB | 500 ms | not measured: no Chromium" in skipped
