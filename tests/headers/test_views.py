"""The two routes agree: ``--from-headers`` over an association's members gives it back.

Every row of each of jwst's test pools (``tests/data/pools``, templates expanded) is written
as a small FITS file whose primary header holds the row's cells (``OBSERVTN`` from
``OBS_NUM`` where the pool has none, as every real header has it; no ``ASN_CANDIDATE``,
which no real header has). ``asnkit generate`` over those files makes its associations; for
each of them (a sample of at most :data:`SAMPLE` per pool and stage),
:func:`asnkit.headers.association_from_headers` over that association's member files must
give that association's document: name, type, rule, candidate, members and roles, key for
key (but ``code_version``, and ``asn_pool``, which is ``none`` without a pool file).

One difference is expected, and checked to be the only one where it occurs: targets are
numbered over the files given (``TARGNAME`` in order of first appearance, as
``asn_make_pool`` numbers them), so an association of the second target of a pool, made
from its own files, is target 1 (``target``, the product name's ``tNNN``, ``constraints``).

Rows that are not files (the templates' ``set acid`` rows, with no observation) and a file
name a pool repeats are left out. Needs astropy.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Final

import pytest
from requires import ASTROPY_MISSING

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import write_file
from pool_templates import expanded_pool, pool_paths

from asnkit import dumps
from asnkit.headers import association_from_headers, engine_view

if TYPE_CHECKING:
    from pathlib import Path

    from asnkit.generate import Pool
    from asnkit.headers import Made
    from asnkit.models import Association
    from asnkit.vocabulary import Stage

SAMPLE: Final = 8
"""At most this many associations per pool and stage, spread over the pool's."""

_TARGET = re.compile(r"(?<=_t)\d{3}|(?<=target=)\d+")


def write_pool_files(pool: Pool, directory: Path) -> list[str]:
    """One FITS file per row of ``pool`` that is a file; their names, in the pool's order."""
    names: list[str] = []
    for row in pool.rows:
        name = row["filename"]
        if name in names or not row.get("obs_num", "").isdigit():
            continue
        # A real header has no ASN_CANDIDATE (the pool's reader names the observation's
        # candidate from OBSERVTN), and astropy before 6 cannot write one so long.
        keywords = {
            key.upper(): value
            for key, value in row.items()
            if key not in ("filename", "asn_candidate")
        }
        keywords.setdefault("OBSERVTN", f"{int(row['obs_num']):03d}")
        write_file(directory / name, keywords)
        names.append(name)
    return names


def document(asn: Association) -> dict[str, Any]:
    """The document as compared: all but ``code_version`` and ``asn_pool``."""
    loaded = json.loads(dumps(asn))
    assert isinstance(loaded, dict)
    return {k: v for k, v in loaded.items() if k not in ("code_version", "asn_pool")}


def without_targets(value: Any) -> Any:
    """``value`` with every target number blanked (``target``, ``_tNNN``, ``target=N``)."""
    if isinstance(value, dict):
        return {k: "t" if k == "target" else without_targets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_targets(item) for item in value]
    if isinstance(value, str):
        return _TARGET.sub("N", value)
    return value


def sample(associations: tuple[Made, ...]) -> list[Made]:
    """At most :data:`SAMPLE` of ``associations``, evenly spread, first and last included."""
    if len(associations) <= SAMPLE:
        return list(associations)
    step = (len(associations) - 1) / (SAMPLE - 1)
    return [associations[round(k * step)] for k in range(SAMPLE)]


def agreement(made: Made, stage: Stage) -> str:
    """``same``, ``target`` (only the target numbers differ), ``merged`` or what differs.

    ``merged``: at Stage 2, the files make other associations too (the nod positions of a
    dither, each the science of its own association and the background of the others'),
    whose products are merged with this one's; this one's are among them, in order, and
    the document is otherwise this one's (but for target numbers, as above).
    """
    ours = document(association_from_headers(list(made.files), stage=stage))
    theirs = document(made.document)
    if ours == theirs:
        return "same"
    if without_targets(ours) == without_targets(theirs):
        return "target"
    if stage == "level2b" and len(ours["products"]) > len(theirs["products"]):
        ours, theirs = without_targets(ours), without_targets(theirs)
        mine = [product for product in ours["products"] if product in theirs["products"]]
        rest = {k: v for k, v in ours.items() if k != "products"}
        if mine == theirs["products"] and rest == {
            k: v for k, v in theirs.items() if k != "products"
        }:
            return "merged"
    return ", ".join(key for key in theirs if ours.get(key) != theirs.get(key))


@pytest.mark.parametrize("path", pool_paths(), ids=lambda p: p.stem)
def test_from_headers_gives_back_each_generated_association(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_pool_files(expanded_pool(path), tmp_path)
    checked = 0
    for stage in ("level2b", "level3"):
        view = engine_view(names, stage=stage)
        outcomes = {made.name: agreement(made, stage) for made in sample(view.associations)}
        expected = ("same", "target", "merged")
        assert {name: o for name, o in outcomes.items() if o not in expected} == {}
        checked += len(outcomes)
    assert checked > 0


def test_target_numbers_are_the_one_expected_difference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pool_007 holds a target acquisition of target 1 and the MRS exposures of target 2:
    from the MRS files alone, the target is 1, and nothing else differs."""
    monkeypatch.chdir(tmp_path)
    pool = next(path for path in pool_paths() if path.stem == "pool_007_spec_miri")
    names = write_pool_files(expanded_pool(pool), tmp_path)
    view = engine_view(names, stage="level3")
    outcomes = [agreement(made, "level3") for made in view.associations]
    assert outcomes == ["target"] * len(outcomes)
    assert outcomes
