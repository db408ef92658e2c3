"""The public API: ``asnkit.generate`` and ``asnkit.read_pool``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from generate_pools import exposure
from testdata import POOLS

import asnkit

if TYPE_CHECKING:
    from pathlib import Path


def test_generate_takes_plain_rows_and_returns_associations() -> None:
    made = asnkit.generate([exposure(1), exposure(2)])
    assert all(type(asn) is asnkit.Association for asn in made)
    assert [(asn.asn_type, asn.asn_rule) for asn in made] == [
        ("image2", "candidate_Asn_Lv2Image"),
        ("image2", "candidate_Asn_Lv2Image"),
        ("image3", "candidate_Asn_Lv3Image"),
    ]


def test_generate_stays_callable_after_the_package_is_imported() -> None:
    import asnkit.generate.engine

    made = asnkit.generate([exposure(1)], candidates=["o001"])
    assert [(asn.asn_id, asn.asn_type) for asn in made] == [("o001", "image2"), ("o001", "image3")]


def test_read_pool(tmp_path: Path) -> None:
    path = tmp_path / "jw01234_20240101t000000_pool.csv"
    columns = list(exposure(1))
    path.write_text(
        "|".join(c.upper() for c in columns)
        + "\n"
        + "|".join(exposure(1)[c].upper() for c in columns)
        + "\n"
    )
    pool = asnkit.read_pool(path)
    assert isinstance(pool, asnkit.Pool)
    assert pool.name == path.name
    assert pool.rows[0]["exp_type"] == "nrc_image"
    made = asnkit.generate(pool)
    assert {asn.asn_pool for asn in made} == {path.name}


def _products(made: list[tuple[str, asnkit.Association]]) -> list[tuple[str, object, list[str]]]:
    return [
        (name, product.name, [member.expname for member in product.members])
        for name, asn in made
        for product in asn.products
    ]


def test_discover_only_is_the_discovered_associations_numbered_among_themselves() -> None:
    from asnkit.generate import generate_files

    # What jwst 3.0.0's asn_generate --discover writes from these pools (file names,
    # product names, members: read from its output when this was written).
    dups = asnkit.read_pool(POOLS / "jw00632_dups.csv")
    product = "jw00632-a3001_t001_nircam_f212n-wlp8-nrca1_{suffix}-05"
    assert _products(generate_files(dups, discover="only")) == [
        (
            "jw00632-a3001_wfs-image3_00001_asn.json",
            product,
            [f"jw00632003002_03105_0000{n}_nrca1_cal.fits" for n in (1, 2)],
        ),
        (
            "jw00632-a3001_wfs-image3_00002_asn.json",
            product,
            [f"jw00632003001_03105_0000{n}_nrca1_cal.fits" for n in (1, 2)],
        ),
    ]
    # By default both are pruned: each has the members of a candidate's association.
    assert not [name for name, _ in generate_files(dups) if "-a3001_" in name]

    duplicate = asnkit.read_pool(POOLS / "pool_duplicate.csv")
    only = _products(generate_files(duplicate, discover="only"))
    assert only == [
        (
            "jw87600-a3001_image3_00001_asn.json",
            "jw87600-a3001_t001_niriss_clearp-f430m-sub80",
            ["jw87600029001_02105_00001_nis_cal.fits"],
        ),
        (
            "jw87600-a3001_image3_00002_asn.json",
            "jw87600-a3001_t001_niriss_clearp-f430m",
            ["jw87600007001_02101_00001_nis_cal.fits"],
        ),
    ]
    # By default the first is pruned and the second, numbered after it, becomes 00001.
    default = [(n, p, m) for n, p, m in _products(generate_files(duplicate)) if "-a3001" in n]
    assert default == [("jw87600-a3001_image3_00001_asn.json", *only[1][1:])]


def test_discover_only_takes_no_candidates() -> None:
    with pytest.raises(ValueError, match='discover="only" takes no candidates'):
        asnkit.generate([exposure(1)], candidates=["o001"], discover="only")
