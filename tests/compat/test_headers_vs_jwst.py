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

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

pytest.importorskip("jwst", reason="the comparison runs jwst's association generator")
pytest.importorskip("astropy", reason="the files are written with astropy")

from asnkit.headers import plan_from_headers

HeaderValue = str | bool | int

COMMON: Final[Mapping[str, HeaderValue]] = {
    "TELESCOP": "JWST",
    "PROGRAM": "01234",
    "OBSERVTN": "001",
    "VISIT": "001",
    "TARGNAME": "NGC 1234",
    "SUBARRAY": "FULL",
    "TSOVISIT": False,
    "VISITYPE": "PRIME_TARGETED_FIXED",
}
NIRCAM: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCA1",
    "EXP_TYPE": "NRC_IMAGE",
}
IFU: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRSPEC",
    "DETECTOR": "NRS1",
    "EXP_TYPE": "NRS_IFU",
    "FILTER": "F170LP",
    "GRATING": "G235H",
    "PATTTYPE": "2-POINT-NOD",
}
CORON: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCALONG",
    "EXP_TYPE": "NRC_CORON",
    "FILTER": "F335M",
    "PUPIL": "MASKRND",
    "SUBARRAY": "SUB320A335R",
}
AMI: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRISS",
    "DETECTOR": "NIS",
    "EXP_TYPE": "NIS_AMI",
    "FILTER": "F480M",
    "PUPIL": "NRM",
    "SUBARRAY": "SUB80",
}
TSO: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCA3",
    "EXP_TYPE": "NRC_TSIMAGE",
    "FILTER": "F210M",
    "PUPIL": "WLP8",
    "SUBARRAY": "SUB64P",
    "TSOVISIT": True,
}
PSF_STAR: Final[dict[str, HeaderValue]] = {"IS_PSF": True, "TARGNAME": "HD 12345"}
BACKGROUND: Final[dict[str, HeaderValue]] = {"BKGDTARG": True, "TARGNAME": "BACKGROUND FIELD"}

CASES: Final[Mapping[str, tuple[tuple[str, Mapping[str, HeaderValue]], ...]]] = {
    "nircam_imaging": tuple(
        (
            f"jw01234001001_01101_0000{n}_nrca1_cal.fits",
            {**NIRCAM, "FILTER": "F200W", "PUPIL": "CLEAR"},
        )
        for n in (1, 2, 3)
    ),
    "nirspec_ifu_imprint_background": (
        ("jw01234001001_03101_00001_nrs1_rate.fits", IFU),
        ("jw01234001001_03101_00002_nrs1_rate.fits", IFU),
        ("jw01234001001_04101_00001_nrs1_rate.fits", {**IFU, "IS_IMPRT": True}),
        ("jw01234001001_05101_00001_nrs1_rate.fits", {**IFU, **BACKGROUND}),
        ("jw01234001001_05101_00002_nrs1_rate.fits", {**IFU, **BACKGROUND}),
    ),
    "nircam_coronagraphy_psf": (
        ("jw01234001001_03101_00001_nrcalong_calints.fits", CORON),
        ("jw01234001001_03101_00002_nrcalong_calints.fits", CORON),
        ("jw01234001001_04101_00001_nrcalong_calints.fits", {**CORON, **PSF_STAR}),
    ),
    "niriss_ami": (
        ("jw01234001001_03101_00001_nis_calints.fits", AMI),
        ("jw01234001001_03101_00002_nis_calints.fits", AMI),
        ("jw01234001001_04101_00001_nis_calints.fits", {**AMI, **PSF_STAR}),
    ),
    "nircam_tso": tuple(
        (f"jw01234001001_03101_00001-seg00{n}_nrca3_calints.fits", TSO) for n in (1, 2)
    ),
}

STAGE3_TYPES: Final = frozenset({"image3", "spec3", "coron3", "ami3", "tso3"})


def _write(case: str, directory: Path) -> list[str]:
    import numpy as np
    from astropy.io import fits

    names = []
    for name, own in CASES[case]:
        header = fits.Header()
        for keyword, value in {**COMMON, **own}.items():
            header[keyword] = value
        fits.PrimaryHDU(data=np.zeros((1,), dtype=np.uint8), header=header).writeto(
            directory / name
        )
        names.append(name)
    return names


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
