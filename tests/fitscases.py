"""Five observations as small, real FITS files: primary header and a one-byte image.

Each case lists its files in the order a directory listing gives them (sorted by name),
with the keywords that make each what it is; every file also gets :data:`COMMON`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

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

_NIRCAM: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCA1",
    "EXP_TYPE": "NRC_IMAGE",
}
_NIRSPEC_IFU: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRSPEC",
    "DETECTOR": "NRS1",
    "EXP_TYPE": "NRS_IFU",
    "FILTER": "F170LP",
    "GRATING": "G235H",
    "PATTTYPE": "2-POINT-NOD",
}
_CORON: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCALONG",
    "EXP_TYPE": "NRC_CORON",
    "FILTER": "F335M",
    "PUPIL": "MASKRND",
    "SUBARRAY": "SUB320A335R",
}
_AMI: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRISS",
    "DETECTOR": "NIS",
    "EXP_TYPE": "NIS_AMI",
    "FILTER": "F480M",
    "PUPIL": "NRM",
    "SUBARRAY": "SUB80",
}
_TSO: Final[dict[str, HeaderValue]] = {
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCA3",
    "EXP_TYPE": "NRC_TSIMAGE",
    "FILTER": "F210M",
    "PUPIL": "WLP8",
    "SUBARRAY": "SUB64P",
    "TSOVISIT": True,
}

CASES: Final[Mapping[str, tuple[tuple[str, Mapping[str, HeaderValue]], ...]]] = {
    "nircam_imaging": tuple(
        (
            f"jw01234001001_01101_0000{n}_nrca1_cal.fits",
            {**_NIRCAM, "FILTER": "F200W", "PUPIL": "CLEAR"},
        )
        for n in (1, 2, 3)
    ),
    "nirspec_ifu_imprint_background": (
        ("jw01234001001_02101_00001_nrs1_rate.fits", {**_NIRSPEC_IFU, "EXP_TYPE": "NRS_WATA"}),
        ("jw01234001001_03101_00001_nrs1_rate.fits", _NIRSPEC_IFU),
        ("jw01234001001_03101_00002_nrs1_rate.fits", _NIRSPEC_IFU),
        ("jw01234001001_04101_00001_nrs1_rate.fits", {**_NIRSPEC_IFU, "IS_IMPRT": True}),
        (
            "jw01234001001_05101_00001_nrs1_rate.fits",
            {**_NIRSPEC_IFU, "BKGDTARG": True, "TARGNAME": "BACKGROUND FIELD"},
        ),
        (
            "jw01234001001_05101_00002_nrs1_rate.fits",
            {**_NIRSPEC_IFU, "BKGDTARG": True, "TARGNAME": "BACKGROUND FIELD"},
        ),
    ),
    "nircam_coronagraphy_psf": (
        ("jw01234001001_02101_00001_nrcalong_cal.fits", {**_CORON, "EXP_TYPE": "NRC_TACQ"}),
        ("jw01234001001_03101_00001_nrcalong_calints.fits", _CORON),
        ("jw01234001001_03101_00002_nrcalong_calints.fits", _CORON),
        (
            "jw01234001001_04101_00001_nrcalong_calints.fits",
            {**_CORON, "IS_PSF": True, "TARGNAME": "HD 12345"},
        ),
    ),
    "niriss_ami": (
        ("jw01234001001_02101_00001_nis_cal.fits", {**_AMI, "EXP_TYPE": "NIS_TACQ"}),
        ("jw01234001001_03101_00001_nis_calints.fits", _AMI),
        ("jw01234001001_03101_00002_nis_calints.fits", _AMI),
        (
            "jw01234001001_04101_00001_nis_calints.fits",
            {**_AMI, "IS_PSF": True, "TARGNAME": "HD 12345"},
        ),
    ),
    "nircam_tso": (
        ("jw01234001001_03101_00001-seg001_nrca3_calints.fits", _TSO),
        ("jw01234001001_03101_00001-seg002_nrca3_calints.fits", _TSO),
    ),
}
"""Each case: (file name, its own keywords), in name order."""


def write_case(case: str, directory: Path) -> list[str]:
    """Write the files of ``case`` into ``directory``; their names, in order."""
    names = []
    for name, own in CASES[case]:
        write_file(directory / name, {**COMMON, **own})
        names.append(name)
    return names


def write_file(path: Path, keywords: Mapping[str, HeaderValue]) -> None:
    """A small FITS file at ``path``: a primary header of ``keywords`` and a one-byte image.

    A keyword longer than 8 characters becomes a HIERARCH card (as a pool column such as
    ``asn_candidate`` must).
    """
    import warnings

    import numpy as np
    from astropy.io import fits

    header = fits.Header()
    with warnings.catch_warnings():
        # "Keyword name ... is greater than 8 characters ...; a HIERARCH card will be created"
        warnings.filterwarnings("ignore", message="Keyword name .* greater than 8 characters")
        for keyword, value in keywords.items():
            header[keyword] = value
    fits.PrimaryHDU(data=np.zeros((1,), dtype=np.uint8), header=header).writeto(path)


def as_dms_pool(pool: Path, directory: Path) -> None:
    """Rewrite ``pool`` (``asn_make_pool``'s, of files in ``directory``) as DMS writes pools.

    The flags the rules read (``tsovisit``, ``is_psf``, ``is_imprt``, ``bkgdtarg``) are
    ``t``/``f`` where the header has a FITS logical (``asn_make_pool`` writes ``True``), and
    ``is_imprt`` is the header's ``IS_IMPRT`` (``asn_make_pool`` writes ``f`` for every file):
    the two cells where asnkit's pools differ from ``asn_make_pool``'s (docs/headers.md).
    """
    from astropy.io import fits

    head, *rows = pool.read_text().splitlines()
    columns = head.split("|")
    fixed = [head]
    for row in rows:
        cells = row.split("|")
        header = fits.getheader(directory / cells[columns.index("filename")], 0)
        for keyword in ("TSOVISIT", "IS_PSF", "IS_IMPRT", "BKGDTARG"):
            value = header.get(keyword)
            if isinstance(value, bool):
                cells[columns.index(keyword.lower())] = "t" if value else "f"
        imprint = header.get("IS_IMPRT")
        if imprint is not None and not isinstance(imprint, bool):
            cells[columns.index("is_imprt")] = str(imprint)
        fixed.append("|".join(cells))
    pool.write_text("\n".join(fixed) + "\n")
