"""The engine's work grows with the pool, not with its square (issue #15's speed row).

Work is counted, not timed: the rows taken off the engine's queue, the associations a row
is offered to, and the checks of a row against an association or a rule, over the whole
generation (every candidate, then discovery) of the benchmark's synthetic pool of one
program (copies of five of jwst's pools under fresh observation numbers), at n and 2n
exposures. Twice the exposures make twice the associations; the work must about double.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pool_templates import expanded_pool, pool_paths

from asnkit.codec.emit import dumps
from asnkit.generate import engine, read_pool, rules
from asnkit.generate.finish import to_association
from asnkit.generate.refusals import Recorder

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from asnkit.generate import Pool

BENCH = Path(__file__).resolve().parents[2] / "bench"

SIZE = 600
"""The smaller pool: about four copies of each source pool."""

GROWTH = 2.25
"""At most this much more work for twice the exposures (2.00: linear)."""


def _synthetic_rows(size: int, directory: Path) -> Sequence[Mapping[str, str]]:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # bench/ is a folder of scripts (see test_bench.py)
    measure = importlib.import_module("measure_generate")
    return read_pool(measure.synthetic_pool(size, directory)).rows


def _work(rows: Sequence[Mapping[str, str]], monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """What the engine does to generate every association of ``rows``."""
    counts: Counter[str] = Counter()
    queue_iter = engine._Queue.__iter__
    offered = engine._Index.offered
    add = engine._add

    def counted_iter(self: engine._Queue) -> Iterator[engine._PL]:
        for waiting in queue_iter(self):
            counts["rows taken off the queue"] += len(waiting.items)
            yield waiting

    def counted_offered(self: engine._Index, *args: object, **kwargs: object) -> list[object]:
        found = offered(self, *args, **kwargs)  # type: ignore[arg-type]
        counts["associations offered a row"] += len(found)
        return found  # type: ignore[return-value]

    def counted_add(*args: object) -> object:
        counts["checks"] += 1
        return add(*args)  # type: ignore[arg-type]

    class CountedRecorder(Recorder):
        """A fresh association's trial on a row: one check."""

        def __init__(self, row: Mapping[str, str], candidate: str | None) -> None:
            counts["checks"] += 1
            super().__init__(row, candidate)

    with monkeypatch.context() as patch:
        patch.setattr(engine._Queue, "__iter__", counted_iter)
        patch.setattr(engine._Index, "offered", counted_offered)
        patch.setattr(engine, "_add", counted_add)
        patch.setattr(engine, "Recorder", CountedRecorder)
        made = engine.run(rows, engine.Registry(rules()), pool_name="synthetic")
    counts["associations written"] = len(made)
    return counts


def test_twice_the_exposures_is_twice_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _work(_synthetic_rows(SIZE, tmp_path), monkeypatch)
    large = _work(_synthetic_rows(2 * SIZE, tmp_path), monkeypatch)
    growth = {kind: large[kind] / small[kind] for kind in small}
    assert set(growth) == {
        "rows taken off the queue",
        "associations offered a row",
        "checks",
        "associations written",
    }
    assert 1.8 < growth["associations written"] < GROWTH  # the pools are alike, twice as big
    assert all(ratio < GROWTH for ratio in growth.values()), (growth, small, large)


def _written(pool: Pool, *, everything: bool) -> list[str]:
    """The documents written, building every discovered association or not."""
    made = engine.run(
        pool.rows,
        engine.Registry(rules()),
        pool_name=pool.name,
        record=[] if everything else None,
    )
    documents = []
    for asn in made:
        name, association = to_association(asn)
        documents.append(f"{name}\n{dumps(association)}")
    return documents


def _with_candidates() -> list[Path]:
    """The pools with an ``ASN_CANDIDATE`` column (jw93060 has none: nothing is made)."""
    return [path for path in pool_paths() if "asn_candidate" in read_pool(path).columns]


@pytest.mark.parametrize("path", _with_candidates(), ids=lambda p: p.stem)
def test_rules_left_out_of_discovery_change_nothing_written(path: Path) -> None:
    # --explain (record=) builds every discovered association, as jwst does; generate
    # leaves out those never written (engine.never_written_when_discovered).
    pool = expanded_pool(path)
    assert _written(pool, everything=False) == _written(pool, everything=True)


def test_discovery_leaves_out_the_rules_that_need_an_observation() -> None:
    left_out = {
        crule.rule.name
        for crule in engine.Registry(rules()).discover()
        if engine.never_written_when_discovered(crule)
    }
    level2b = {rule.name for rule in rules() if rule.stage == "level2b"}
    # Level 2b writes only observation (or background) candidates' associations, but for
    # pure-parallel WFSS, written under any candidate; Level 3 writes discovered ones.
    assert left_out == level2b - {"Asn_Lv2WFSSParallel"}
    assert {"Asn_Lv2WFSSNIS", "Asn_Lv2WFSSNRC", "Asn_Lv2WFSSMIR"} <= left_out
