"""``asnkit.generate`` against jwst's ``asn_generate`` on every pool jwst ships, live.

jwst runs first, once for the session, on every pool of ``tests/data/pools/``
(``jwst_generate.py``: asn_generate's defaults, templates expanded as jwst's tests expand
them); asnkit then generates from the same rows and ``generate_compare.py`` matches the
files. The floor (``generate_floor.json``) records, per pool and ``asn_type``, how many of
jwst's associations asnkit writes identically (a count below it fails) and, per pool, how
many files asnkit writes that jwst does not (a count above it fails). It is a ratchet: when
rules improve, tighten it with ``python tests/compat/generate_compare.py --jwst OUT
--raise-floor``, which never loosens an entry; a deliberate step back is an edit of the
file, with its reason in the commit message.

jwst takes minutes over all pools (mega_pool alone, 1,437 rows, about eight); to compare
against a folder that ``jwst_generate.py`` already wrote, set ``ASNKIT_JWST_GENERATE_OUT``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import pytest
from generate_compare import (
    FLOOR,
    Outcome,
    compare_all,
    compare_pool,
    first_difference,
    floor_shortfalls,
    raised_floor,
    report,
    text_difference,
)
from jwst_generate import output_for_tests, run_pool
from pool_templates import expanded_pool, pool_paths

from asnkit.codec.emit import dumps
from asnkit.exceptions import PoolError
from asnkit.generate import generate_files
from asnkit.generate.pool import format_pool


@pytest.fixture(scope="module")
def jwst_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return output_for_tests(tmp_path_factory, pool_paths(), reuse="ASNKIT_JWST_GENERATE_OUT")


@pytest.fixture(scope="module")
def outcomes(jwst_out: Path) -> list[Outcome]:
    return compare_all(jwst_out, pool_paths())


def _records(jwst_out: Path) -> dict[str, dict[str, Any]]:
    records = json.loads((jwst_out / "results.json").read_text(encoding="utf-8"))
    return {r["pool"]: r for r in records}


def test_jwst_ran_on_every_pool(jwst_out: Path) -> None:
    records = _records(jwst_out)
    assert sorted(records) == [p.name for p in pool_paths()]
    failed = sorted(name for name, r in records.items() if r["error"])
    # The one pool jwst cannot read: it has no ASN_CANDIDATE column.
    assert failed == ["jw93060_20150312T160130_pool.csv"]
    assert all(r["files"] == r["associations"] for r in records.values())


def test_no_count_below_its_floor(outcomes: list[Outcome]) -> None:
    shortfalls = floor_shortfalls(outcomes, json.loads(FLOOR.read_text(encoding="utf-8")))
    assert not shortfalls, "\n".join(shortfalls) + "\n\n" + report(outcomes, details=5)


def test_asnkit_refuses_the_pools_jwst_cannot_read(jwst_out: Path) -> None:
    for name, record in _records(jwst_out).items():
        if record["error"]:
            with pytest.raises(PoolError):
                generate_files(expanded_pool(Path(pool_paths()[0].parent / name)))


@pytest.mark.parametrize("path", pool_paths(), ids=lambda p: p.stem)
def test_templates_expand_as_jwst_tests_expand_them(path: Path) -> None:
    from jwst.associations.tests.helpers import combine_pools
    from jwst_reference import quiet_jwst

    with quiet_jwst():
        table = combine_pools(str(path))
    ours = expanded_pool(path)
    assert ours.columns == tuple(table.colnames)
    theirs = [{c: str(row[c]) for c in table.colnames} for row in table]
    assert [dict(row) for row in ours.rows] == theirs


@pytest.mark.parametrize(
    ("flags", "discover"), [((), True), (("--discover",), "only")], ids=["default", "discover"]
)
def test_the_command_writes_the_files_the_api_makes(
    tmp_path: Path, flags: tuple[str, ...], discover: bool | Literal["only"]
) -> None:
    """So that the comparison of the API with jwst holds for ``asnkit generate`` too.

    In the default mode and with ``--discover`` (test_generate_discover_vs_jwst.py).
    """
    asnkit = Path(sys.executable).parent / "asnkit"
    for path in pool_paths():
        pool = expanded_pool(path)
        if "asn_candidate" not in pool.columns:
            continue
        plain = tmp_path / "pools" / path.name
        plain.parent.mkdir(exist_ok=True)
        plain.write_text(format_pool(pool.columns, pool.rows), encoding="utf-8")
        out = tmp_path / path.stem
        argv = [str(asnkit), "generate", *flags, str(plain), "-o", str(out)]
        run = subprocess.run(argv, check=False, capture_output=True, text=True)
        written = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.json")}
        made = generate_files(pool, discover=discover)
        assert written == {name: dumps(asn) for name, asn in made}, path.name
        # A run that makes nothing says why and exits 1 (docs/cli.md), as nothing to do.
        assert run.returncode == (0 if made else 1), (path.name, run.stderr)
        if not made:
            assert "no rule takes any of its" in run.stderr, run.stderr


# The comparison itself: what it calls identical, different, and how the floor moves.


def test_a_difference_is_found_where_it_is() -> None:
    jwst = {"asn_type": "image3", "products": [{"name": "a", "members": [1, 2]}]}
    assert first_difference(jwst, json.loads(json.dumps(jwst))) is None
    assert first_difference(jwst, {"asn_type": "image3", "products": [{"name": "b"}]}) == (
        'products[0].name: jwst "a", asnkit "b"'
    )
    moved = {"products": jwst["products"], "asn_type": "image3"}
    assert first_difference(jwst, moved) == ("asn_type (key 0: jwst 'asn_type', asnkit 'products')")
    shorter = {"asn_type": "image3", "products": [{"name": "a", "members": [1]}]}
    assert first_difference(jwst, shorter) == ("products[0].members: 2 items in jwst, 1 in asnkit")


def test_only_code_version_and_constraints_lines_may_differ() -> None:
    jwst = '{\n    "code_version": "3.0.0",\n    "constraints": "x",\n    "asn_id": "o001"\n}'
    ours = jwst.replace("3.0.0", "0.9").replace('"x"', '"Asn_Lv3Image: ..."')
    assert text_difference(jwst, ours) is None
    assert text_difference(jwst, ours.replace('": "o001"', '":  "o001"')) is not None
    assert text_difference(jwst, ours + "\n") is not None


def test_the_floor_only_tightens() -> None:
    outcome = Outcome(pool="p.csv", counts={"image3": Counter(identical=3)}, extra=["x"])
    floor = {"identical": {"p.csv": {"image3": 5, "spec3": 1}}, "extra": {"p.csv": 4}}
    assert floor_shortfalls([outcome], floor) == [
        "p.csv image3: 3 identical, the floor is 5",
        "p.csv spec3: 0 identical, the floor is 1",
    ]
    raised = raised_floor([outcome], floor)
    assert raised["identical"] == {"p.csv": {"image3": 5, "spec3": 1}}
    assert raised["extra"] == {"p.csv": 1}
    assert floor_shortfalls([outcome], {"identical": {}, "extra": {}}) == [
        "p.csv: 1 extra files, at most 0 allowed"
    ]


# asn_generate's options: candidates (-i) and a version tag, on pools that have candidates.

OPTIONS = [
    ("pool_001_candidates", ["-i", "o001"], {"candidates": ["o001"]}),
    ("pool_001_candidates", ["-i", "c1000"], {"candidates": ["c1000"]}),
    ("pool_001_candidates", ["-i", "o002", "c1001"], {"candidates": ["o002", "c1001"]}),
    ("pool_001_candidates", ["--version-id", "test01"], {"version_id": "test01"}),
    ("pool_013_coron_nircam", ["-i", "c1000", "o001"], {"candidates": ["c1000", "o001"]}),
    ("pool_010_spec_nirspec_lv2bkg", ["-i", "c1000"], {"candidates": ["c1000"]}),
    (
        "pool_021_tso",
        ["-i", "o002", "--version-id", "v2"],
        {"candidates": ["o002"], "version_id": "v2"},
    ),
    # --DMS: the ids' background candidates generated too, only the ids' associations kept.
    (
        "pool_010_spec_nirspec_lv2bkg",
        ["--DMS", "-i", "o001"],
        {"candidates": ["o001"], "dms": True},
    ),
    (
        "pool_001_candidates",
        ["--DMS", "-i", "o001", "o002"],
        {"candidates": ["o001", "o002"], "dms": True},
    ),
    ("mega_pool", ["--DMS", "-i", "o038", "o042"], {"candidates": ["o038", "o042"], "dms": True}),
    # --all-candidates alone: every candidate, nothing discovered.
    ("pool_001_candidates", ["--all-candidates"], {"discover": False}),
    ("pool_013_coron_nircam", ["--all-candidates"], {"discover": False}),
]


@pytest.mark.parametrize(
    ("stem", "argv", "options"), OPTIONS, ids=[f"{s}-{'_'.join(a)}" for s, a, _ in OPTIONS]
)
def test_options_give_jwst_files(
    stem: str, argv: list[str], options: dict[str, Any], tmp_path: Path
) -> None:
    path = next(p for p in pool_paths() if p.stem == stem)
    record = run_pool(path, tmp_path, argv)
    assert record["error"] is None
    assert record["files"] > 0
    outcome = compare_pool(path, tmp_path, record, **options)
    assert outcome.total("identical") == record["files"], report([outcome], details=5)
    assert not outcome.extra, report([outcome], details=5)
