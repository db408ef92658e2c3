"""``asnkit.generate`` against jwst's ``asn_generate`` on random pools, live.

``random_pools.py`` makes :data:`POOLS` seeded pools (programs mixing every instrument's
modes, target acquisitions, backgrounds, imprints, PSF references, time series, candidates
of every kind, and cells changed at random). They are written to a temporary folder, jwst
3.0.0's ``asn_generate`` runs on each with its defaults (``jwst_generate.py``, as for jwst's
own pools), and asnkit generates from the same files: every file jwst writes must be
written identically (``generate_compare.py``'s rule: the same document, key order and bytes
but ``code_version`` and ``constraints``), and asnkit must write no file jwst does not.

A difference is allowed only when listed below with its reason, which
``docs/differences.md`` explains; a listed difference that no longer happens fails too, so
that the list stays true. The pools are the same on every machine (one seed each), so a
failure names the pool to reproduce it with::

    python tests/compat/random_pools.py OUT SEED 1
    asn_generate OUT/jw01234_rSEED_pool.csv -p jwst-out; asnkit generate OUT/... -o asnkit-out
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import TYPE_CHECKING, Final

import pytest
from generate_compare import Outcome, compare_all, compare_pool, report
from jwst_generate import run_all, run_pool
from random_pools import pool_name, pool_text, rows_text

if TYPE_CHECKING:
    from pathlib import Path

POOLS: Final = 100
"""How many random pools the compat session compares (seeds 0 to POOLS - 1)."""

JWST_FAILS: Final = "jwst fails"
WFSS_DIRECT_IMAGE_WITHOUT_FILTER: Final = (
    "a WFSS exposure's direct image has no FILTER: jwst's Level 2b WFSS rules fail with a "
    "TypeError and asn_generate writes nothing for the pool (docs/differences.md, "
    "'Generating: the Stage 2b rules')"
)

KNOWN_JWST_FAILURES: Final[dict[int, str]] = {}
"""The seeds of the pools where jwst raises, and why: asnkit generates from them."""

KNOWN_DIFFERENCES: Final[dict[tuple[int, str], str]] = {}
"""(seed, file name) -> why asnkit's file differs, is missing or is extra."""

DIGEST: Final = "e31c471fb96ed8334a9dc42aae3a172ecc3c0d790c2f166ee802275f22536228"
"""sha256 of the texts of pools 0 to POOLS - 1: the pools are the same everywhere."""


def _seed(outcome: Outcome) -> int:
    return int(outcome.pool.removeprefix("jw01234_r").removesuffix("_pool.csv"))


@pytest.fixture(scope="module")
def pools(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("random-pools")
    paths = []
    for seed in range(POOLS):
        path = folder / pool_name(seed)
        path.write_text(pool_text(seed), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def jwst_out(pools: list[Path]) -> Path:
    out = pools[0].parent / "jwst"
    run_all(pools, out, jobs=os.cpu_count() or 1)
    return out


@pytest.fixture(scope="module")
def outcomes(pools: list[Path], jwst_out: Path) -> list[Outcome]:
    return compare_all(jwst_out, pools)


def _differences(outcomes: list[Outcome]) -> dict[tuple[int, str], str]:
    """Every file that is not identical, by (seed, file name): how it differs."""
    found = {}
    for outcome in outcomes:
        if outcome.jwst_error is not None:
            continue
        seed = _seed(outcome)
        if outcome.asnkit_error is not None:
            found[seed, "(pool)"] = f"asnkit failed: {outcome.asnkit_error}"
        found.update({(seed, name): f"different: {where}" for name, where in outcome.different})
        found.update({(seed, name): "missing" for name in outcome.missing})
        found.update({(seed, name): "extra" for name in outcome.extra})
    return found


def test_random_pools_are_the_same_everywhere() -> None:
    texts = "".join(pool_text(seed) for seed in range(POOLS))
    assert pool_text(7) == pool_text(7)
    assert hashlib.sha256(texts.encode()).hexdigest() == DIGEST


def test_jwst_fails_only_where_known(outcomes: list[Outcome]) -> None:
    failed = {_seed(o): o.jwst_error for o in outcomes if o.jwst_error is not None}
    assert sorted(failed) == sorted(KNOWN_JWST_FAILURES), failed
    for outcome in outcomes:
        if outcome.jwst_error is not None:
            assert outcome.asnkit_error is None, outcome.pool
            assert outcome.extra, f"{outcome.pool}: asnkit wrote nothing either"


def test_asnkit_writes_what_jwst_writes(outcomes: list[Outcome]) -> None:
    found = _differences(outcomes)
    unknown = {key: how for key, how in found.items() if key not in KNOWN_DIFFERENCES}
    checked = [o for o in outcomes if o.jwst_error is None]
    lines = [f"seed {seed} {name}: {how}" for (seed, name), how in sorted(unknown.items())]
    assert not unknown, "\n".join(lines) + "\n\n" + report(checked, details=5)


def test_every_known_difference_still_happens(outcomes: list[Outcome]) -> None:
    found = _differences(outcomes)
    assert sorted(set(KNOWN_DIFFERENCES) - set(found)) == []


def test_random_pools_cover_nearly_every_rule(jwst_out: Path) -> None:
    """The pools are worth comparing: jwst writes under 40 of the 44 rules of its registry."""
    from asnkit.generate.level2b import LEVEL2B_RULES
    from asnkit.generate.level3 import LEVEL3_RULES

    documents = (json.loads(p.read_text(encoding="utf-8")) for p in jwst_out.glob("*/*.json"))
    written = {document["asn_rule"].split("_", 1)[1] for document in documents}
    stated = {rule.name for rule in (*LEVEL2B_RULES, *LEVEL3_RULES)}
    # Target acquisitions never make an association of their own; the three others need
    # set-ups these pools seldom make (a NIRCam coronagraphic PSF on the masked detector, an
    # IFU background observation, a lamp through an opaque filter on a lit detector), and
    # the hand-made pools of tests/generate/test_rules_level*.py have them.
    assert stated - written == {
        "Asn_Lv3ACQ_Reprocess",
        "Asn_Lv3NRCCoron",
        "Asn_Lv3NRSIFUBackground",
        "Asn_Lv2NRSLAMPSpectral",
    }


JWST_FAILURES: Final = {
    # A direct image without FILTER: jwst's TypeError naming its catalog.
    "no_filter": ({"filter": "gr150r"}, {"filter": "null"}, "TypeError"),
    # An EXPSPCIN that is no number: jwst's ValueError choosing the closest direct image.
    "expspcin_none": ({"filter": "gr150r", "expspcin": "1"}, {"expspcin": "none"}, "ValueError"),
}


@pytest.mark.parametrize("case", sorted(JWST_FAILURES))
def test_jwst_fails_where_asnkit_writes_the_pool(case: str, tmp_path: Path) -> None:
    """What random pools met: docs/differences.md, Stage 2b (jwst writes nothing at all)."""
    grism, direct, error = JWST_FAILURES[case]
    niriss = {"program": "1234", "obs_num": "1", "instrume": "niriss", "detector": "nis"}
    niriss |= {"subarray": "full", "targetid": "1", "pntgtype": "science", "pupil": "f150w"}
    niriss |= {"asn_candidate": "[('o001', 'observation')]", "expspcin": "2"}
    rows = [
        niriss
        | {"filename": "jw01234001001_01101_00001_nis_uncal.fits", "exp_type": "nis_wfss"}
        | grism,
        niriss
        | {"filename": "jw01234001001_01101_00002_nis_uncal.fits", "exp_type": "nis_image"}
        | direct,
    ]
    path = tmp_path / "jw01234_20240101t000000_pool.csv"
    path.write_text(rows_text(rows), encoding="utf-8")
    record = run_pool(path, tmp_path / "jwst")
    assert str(record["error"]).startswith(error)
    assert record["files"] == 0
    outcome = compare_pool(path, tmp_path / "jwst", record)
    assert outcome.asnkit_error is None
    assert "jw01234-o001_spec2_00001_asn.json" in outcome.extra
