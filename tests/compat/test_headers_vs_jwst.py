"""Header-aware creation against jwst itself: ``asn_make_pool`` + ``asn_generate``.

For five observations written as small FITS files, jwst 3.0.0's generator (``mkpool`` then
``generate``, the functions behind the two commands) and :func:`asnkit.headers.plan_from_headers`
must agree on the Stage 3 product name, ``asn_type``, candidate, program, target, and the
type of every member jwst puts in its Stage 3 association; and at Stage 2b on the
``asn_type`` of each science exposure.

One input is adjusted for jwst: ``mkpool`` writes ``is_imprt = 'f'`` for every file whatever
its header says (its ``--is-imprt`` flag sets one value for all), so the pool's ``is_imprt``
column is set from each file's ``IS_IMPRT`` before ``generate``, as a DMS pool has it.

Self-contained: it builds its own files and needs jwst (skipped without it) and astropy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any, Final

import pytest
from requires import ASTROPY_MISSING, JWST_MISSING

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("jwst", reason=JWST_MISSING)
pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import CASES, write_case

from asnkit.headers import plan_from_headers

_TA = ("_TACQ", "_WATA")

STAGE3_TYPES: Final = frozenset({"image3", "spec3", "coron3", "ami3", "tso3"})


def _write(case: str, directory: Path) -> list[str]:
    """The case's files (fitscases.py, shared with tests/headers) without its target
    acquisitions: jwst's generator makes no Stage 3 member of them, and asnkit's
    difference there is documented.
    """
    names = write_case(case, directory)
    acquisitions = {name for name, own in CASES[case] if str(own["EXP_TYPE"]).endswith(_TA)}
    return [name for name in names if name not in acquisitions]


def _jwst_associations(names: list[str], directory: Path) -> list[dict[str, Any]]:
    """What jwst's ``asn_make_pool`` + ``asn_generate`` write for the files in ``directory``.

    Both commands run as they do from a shell (their entry points, in this interpreter).
    """
    from astropy.io import fits

    def command(entry: str, *args: str) -> None:
        module, function = entry.split(":")
        code = f"import sys; from {module} import {function}; sys.argv[0] = 'x'; {function}()"
        subprocess.run(
            [sys.executable, "-c", code, *args], cwd=directory, check=True, capture_output=True
        )

    command("jwst.scripts.asn_make_pool:main", "pool.csv", *names)
    pool = directory / "pool.csv"
    header, *rows = pool.read_text().splitlines()
    column = header.split("|").index("is_imprt")
    filename = header.split("|").index("filename")
    fixed = [header]
    for row in rows:
        cells = row.split("|")
        imprint = fits.getheader(directory / cells[filename], 0).get("IS_IMPRT", False)
        cells[column] = "t" if imprint else "f"
        fixed.append("|".join(cells))
    pool.write_text("\n".join(fixed) + "\n")
    (directory / "out").mkdir()
    command("jwst.associations.main:main", "-p", "out", "pool.csv")
    return [json.loads(path.read_text()) for path in sorted((directory / "out").glob("*.json"))]


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage3_matches_jwst(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = _write(case, tmp_path)
    theirs = [a for a in _jwst_associations(names, tmp_path) if a["asn_type"] in STAGE3_TYPES]
    assert len(theirs) == 1, [a["asn_type"] for a in theirs]
    their = theirs[0]
    products = their["products"]
    assert isinstance(products, list)
    assert len(products) == 1
    their_members = {m["expname"]: m["exptype"] for m in products[0]["members"]}

    ours = plan_from_headers(names, stage="level3")
    assert ours.product_name == products[0]["name"]
    assert ours.meta["asn_type"] == their["asn_type"]
    assert ours.acid == their["asn_id"]
    assert ours.meta["program"] == their["program"]
    assert ours.meta["target"] == their["target"]
    our_members = dict(ours.members)
    assert {name: our_members[name] for name in their_members} == their_members


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage2_types_match_jwst(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    names = _write(case, tmp_path)
    their_type_of_science: dict[str, str] = {}
    for asn in _jwst_associations(names, tmp_path):
        asn_type = asn["asn_type"]
        if not isinstance(asn_type, str) or asn_type in STAGE3_TYPES:
            continue
        products = asn["products"]
        assert isinstance(products, list)
        for product in products:
            for member in product["members"]:
                if member["exptype"] == "science":
                    their_type_of_science[os.path.basename(member["expname"])] = asn_type  # noqa: PTH119

    ours = plan_from_headers(names, stage="level2b")
    science = [name for name, exptype in ours.members if exptype == "science"]
    assert science
    assert {name: their_type_of_science[name] for name in science} == dict.fromkeys(
        science, ours.meta["asn_type"]
    )
