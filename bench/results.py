"""What one run of the harness measures: its settings, the jwst it compares with, its figures.

A new benchmark adds its field to :class:`Results` (and to ``report.to_json``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

STAGES = (2, 3)

FROM_LIST = "asnkit from-list"
"""The start-up entry of ``asnkit from-list`` (the typer app), beside ``asn_from_list``'s."""

BASELINE = "python + attrs, argparse, json"
"""The start-up entry of ``python -c "import attrs, argparse, json"``: the floor of
``asn_from_list``'s, which is to stay within 20 ms of it."""


@dataclass
class Settings:
    """What to measure and how often."""

    sizes: list[int]
    cap: float
    budget: float
    max_runs: int
    startup_runs: int
    validate_files: int
    generate_sizes: list[int] = field(default_factory=lambda: [1000, 3000, 10_000])
    """The synthetic pools' numbers of exposures."""
    generate_pools: list[str] = field(default_factory=list)
    """The names (stems) of jwst's pools to generate from; none: every pool jwst can read."""
    report_exposures: int = 10_000
    """The exposures of the synthetic pool whose report is measured."""
    report_associations: int = 2_000
    """The associations of the report cut from it (issue 26's program)."""


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
    generate: dict[str, Any] = field(default_factory=dict)
    """measure_generate.py's figures: ``pools``, ``api``, ``process``, ``jwst``, ``synthetic``."""
    report: dict[str, Any] = field(default_factory=dict)
    """measure_report.py's figures: ``built``, ``programs`` (``whole``, ``cut``), ``skipped``."""
    notes: list[str] = field(default_factory=list)


def key(implementation: str, stage: int, size: int) -> str:
    """The name of a scale point in :attr:`Results.scale`."""
    return f"{implementation}/{stage}/{size}"
