"""The public API: ``asnkit.generate`` and ``asnkit.read_pool``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generate_pools import exposure

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
