"""Five observations from a bare directory listing, no role given: the files asnkit writes.

Each case's FITS files are written with astropy; the association made from their headers is
pinned byte for byte (one snapshot file per case and stage).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from asnkit import dumps

pytest.importorskip("astropy", reason=ASTROPY_MISSING)

from fitscases import CASES, write_case

from asnkit.headers import association_from_headers, plan_from_headers

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
    asn = association_from_headers(listing, stage="level3" if stage == "level3" else "level2b")
    assert dumps(asn).encode() == snapshot_file


# What each case must give at Stage 3, stated here as well as in the snapshots: the DMS
# product name, the association type and every file's role.
EXPECTED = {
    "nircam_imaging": (
        "jw01234-o001_t001_nircam_clear-f200w",
        "image3",
        {"science": 3},
    ),
    "nirspec_ifu_imprint_background": (
        "jw01234-o001_t001_nirspec_g235h",
        "spec3",
        {"science": 2, "imprint": 1, "background": 2, "target_acquisition": 1},
    ),
    "nircam_coronagraphy_psf": (
        "jw01234-o001_t001_nircam_f335m-maskrnd-sub320a335r",
        "coron3",
        {"science": 2, "psf": 1, "target_acquisition": 1},
    ),
    "niriss_ami": (
        "jw01234-o001_t001_niriss_f480m-nrm-sub80",
        "ami3",
        {"science": 2, "psf": 1, "target_acquisition": 1},
    ),
    "nircam_tso": (
        "jw01234-o001_t001_nircam_f210m-wlp8-sub64p",
        "tso3",
        {"science": 2},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage3_plan(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case(case, tmp_path)
    plan = plan_from_headers(names, stage="level3")
    name, asn_type, roles = EXPECTED[case]
    assert plan.product_name == name
    assert plan.meta == {"program": "01234", "target": "t001", "asn_type": asn_type}
    assert plan.acid == "o001"
    counted: dict[str, int] = {}
    for _, exptype in plan.members:
        counted[exptype] = counted.get(exptype, 0) + 1
    assert counted == roles
    assert sorted(expname for expname, _ in plan.members) == sorted(names)


STAGE2_TYPES = {
    "nircam_imaging": "image2",
    "nirspec_ifu_imprint_background": "spec2",
    "nircam_coronagraphy_psf": "image2",
    "niriss_ami": "image2",
    "nircam_tso": "tso-image2",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_stage2_plan(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = write_case(case, tmp_path)
    plan = plan_from_headers(names, stage="level2b")
    assert plan.product_name is None
    assert plan.meta == {"program": "01234", "target": "1", "asn_type": STAGE2_TYPES[case]}
