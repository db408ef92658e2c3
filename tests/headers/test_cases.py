"""Five observations from a bare directory listing, no role given: the files asnkit writes.

Each case's FITS files are written with astropy; the association made from their headers is
pinned byte for byte (one snapshot file per case and stage). The listing is given whole,
with ``force``: a file no association of the stage takes (a target acquisition at Stage 3)
is left out, and said so. Each snapshot is what jwst 3.0.0's ``asn_make_pool`` then
``asn_generate`` write for these files (the pool's flags as a DMS pool has them, see
docs/headers.md): at Stage 3 the document, at Stage 2 the products of its associations of
that type, in its order (tests/compat/test_headers_vs_jwst.py runs jwst to check it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from asnkit import dumps

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import CASES, write_case

from asnkit.headers import association_from_headers

if TYPE_CHECKING:
    from pathlib import Path

    from syrupy.assertion import SnapshotAssertion


@pytest.mark.parametrize("stage", ["level2b", "level3"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_association_from_a_directory_listing(
    case: str,
    stage: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    snapshot_file: SnapshotAssertion,
) -> None:
    monkeypatch.chdir(tmp_path)
    write_case(case, tmp_path)
    listing = sorted(path.name for path in tmp_path.iterdir())
    warned: list[str] = []
    asn = association_from_headers(
        listing,
        stage="level3" if stage == "level3" else "level2b",
        force=True,
        warn=warned.append,
    )
    assert dumps(asn).encode() == snapshot_file
    left_out = LEFT_OUT.get((case, stage), [])
    assert [name for name in listing if name in " ".join(warned)] == left_out


# The files of each listing that no association of the stage takes (with the others).
LEFT_OUT = {
    ("nircam_coronagraphy_psf", "level3"): ["jw01234001001_02101_00001_nrcalong_cal.fits"],
    ("niriss_ami", "level3"): ["jw01234001001_02101_00001_nis_cal.fits"],
    ("nirspec_ifu_imprint_background", "level3"): [
        "jw01234001001_02101_00001_nrs1_rate.fits",  # the acquisition
        "jw01234001001_04101_00001_nrs1_rate.fits",  # the imprint: Stage 2 only
    ],
    ("nirspec_ifu_imprint_background", "level2b"): [
        "jw01234001001_02101_00001_nrs1_rate.fits",  # an image2 of its own
    ],
}


# What each case must give at Stage 3, stated here as well as in the snapshots: the DMS
# product name, the association type and every member's role.
EXPECTED = {
    "nircam_imaging": ("jw01234-o001_t001_nircam_clear-f200w", "image3", {"science": 3}),
    "nirspec_ifu_imprint_background": (
        "jw01234-o001_t001_nirspec_g235h",
        "spec3",
        {"science": 2, "background": 2},
    ),
    "nircam_coronagraphy_psf": (
        "jw01234-o001_t001_nircam_f335m-maskrnd-sub320a335r",
        "coron3",
        {"science": 2, "psf": 1},
    ),
    "niriss_ami": ("jw01234-o001_t001_niriss_f480m-nrm-sub80", "ami3", {"science": 2, "psf": 1}),
    "nircam_tso": ("jw01234-o001_t001_nircam_f210m-wlp8-sub64p", "tso3", {"science": 2}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage3(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case(case, tmp_path)
    kept = [name for name in names if name not in LEFT_OUT.get((case, "level3"), [])]
    asn = association_from_headers(kept, stage="level3")
    name, asn_type, roles = EXPECTED[case]
    assert [product.name for product in asn.products] == [name]
    assert (asn.program, asn.target, asn.asn_type, asn.asn_id) == (
        "01234",
        "t001",
        asn_type,
        "o001",
    )
    counted: dict[str, int] = {}
    for member in asn.products[0].members:
        counted[member.exptype] = counted.get(member.exptype, 0) + 1
    assert counted == roles


STAGE2_TYPES = {
    "nircam_imaging": "image2",
    "nirspec_ifu_imprint_background": "spec2",
    "nircam_coronagraphy_psf": "image2",
    "niriss_ami": "image2",
    "nircam_tso": "tso-image2",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage2(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case(case, tmp_path)
    kept = [name for name in names if name not in LEFT_OUT.get((case, "level2b"), [])]
    asn = association_from_headers(kept, stage="level2b")
    assert (asn.program, asn.asn_type, asn.asn_id) == ("01234", STAGE2_TYPES[case], "o001")
    # One product per exposure, each named after its science member.
    science = [product.members[0].expname for product in asn.products]
    assert sorted(science) == sorted(kept)
