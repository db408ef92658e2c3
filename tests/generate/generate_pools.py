"""Small hand-made pools: one row per exposure, with jwst's defaults for what is not said."""

from __future__ import annotations

from typing import Final

from asnkit.generate import Pool, pool_from_rows

DEFAULTS: Final = {
    "program": "1234",
    "obs_num": "1",
    "instrume": "nircam",
    "detector": "nrcb1",
    "channel": "short",
    "exp_type": "nrc_image",
    "filter": "f200w",
    "pupil": "clear",
    "grating": "null",
    "fxd_slit": "null",
    "subarray": "full",
    "targetid": "1",
    "pntgtype": "science",
    "bkgdtarg": "f",
    "tsovisit": "f",
    "is_imprt": "f",
    "is_psf": "f",
    "visitype": "prime_targeted_fixed",
    "patttype": "null",
    "exposerr": "null",
    "asn_candidate": "[('o001', 'observation')]",
}


def exposure(number: int, **keywords: str) -> dict[str, str]:
    """A row: ``jw01234001001_01101_{number:05d}_nrcb1_uncal.fits`` with the defaults."""
    row = dict(DEFAULTS)
    row["filename"] = f"jw01234001001_01101_{number:05d}_nrcb1_uncal.fits"
    row.update(keywords)
    return row


def pool(*rows: dict[str, str], name: str = "jw01234_20240101t000000_pool.csv") -> Pool:
    """A pool of ``rows``, written as ``asn_pool`` under ``name``."""
    made = pool_from_rows(rows)
    return Pool(name=name, columns=made.columns, rows=made.rows)
