"""The two routes agree: ``--from-headers`` over an association's members gives it back.

Every row of one of jwst's test pools (``tests/data/pools``, templates expanded) is written
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
name a pool repeats are left out. Needs astropy. tests/headers/test_views.py checks every
pool but the :data:`LARGE` ones, which ``nox -s compat`` checks
(tests/compat/test_views_large.py): the two hold 2,000 of the pools' rows, two thirds of
the files to write, and their modes are the other pools' modes.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Final

import pytest
from fitscases import write_file
from pool_templates import expanded_pool, pool_paths

from asnkit import dumps
from asnkit.generate.fits import read_headers
from asnkit.headers import association_from_headers, engine_view

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from asnkit.generate import Pool
    from asnkit.headers import Made
    from asnkit.models import Association
    from asnkit.vocabulary import Stage

LARGE: Final = frozenset({"mega_pool", "jw93060_20150312T160130_pool"})
"""The pools with the most rows (1,434 and 636): checked by ``nox -s compat`` only."""


def pools(*, large: bool) -> list[Path]:
    """The test pools, the :data:`LARGE` ones or the others."""
    return [path for path in pool_paths() if (path.stem in LARGE) == large]


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


def pool_files_fixture(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Path], tuple[Path, list[str]]]:
    """The files of a pool (written once for the module): their folder and names."""
    written: dict[Path, tuple[Path, list[str]]] = {}

    def files(path: Path) -> tuple[Path, list[str]]:
        if path not in written:
            directory = tmp_path_factory.mktemp(path.stem)
            written[path] = (directory, write_pool_files(expanded_pool(path), directory))
        return written[path]

    return files


def check_pool(path: Path, files: Callable[[Path], tuple[Path, list[str]]]) -> None:
    """Every sampled association of the pool's files, made again from its own files."""
    directory, names = files(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(directory)
        headers = read_headers(names)  # read once for both stages (as inspect does)
        checked = 0
        for stage in ("level2b", "level3"):
            view = engine_view(names, stage=stage, headers=headers)
            outcomes = {made.name: agreement(made, stage) for made in sample(view.associations)}
            expected = ("same", "target", "merged")
            assert {name: o for name, o in outcomes.items() if o not in expected} == {}
            checked += len(outcomes)
    assert checked > 0
