"""Small real exposures and the associations over them, for the pipeline-client tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import pytest
from jwst.datamodels import ImageModel

import asnkit

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = [
    "ALL_FILES",
    "BACKGROUND",
    "IMPRINT",
    "IN_SUBDIRECTORY",
    "PSF",
    "SCIENCE",
    "borrowed",
    "expected_models",
    "exposures",
    "level2",
    "level3",
    "marker",
    "opened_models",
]

# Each exposure's pixels hold its own number, so a test can tell which file was opened.
SCIENCE: Final = tuple(f"jw01234001001_01101_0000{i}_nrca1_cal.fits" for i in (1, 2, 3))
BACKGROUND: Final = ("jw01234002001_01101_00001_nrca1_cal.fits",)
IMPRINT: Final = ("jw01234003001_01101_00001_nrca1_cal.fits",)
PSF: Final = ("jw01234004001_01101_00001_nrca1_cal.fits",)
IN_SUBDIRECTORY: Final = "sub/jw01234005001_01101_00001_nrca1_cal.fits"
ALL_FILES: Final = (*SCIENCE, *BACKGROUND, *IMPRINT, *PSF, IN_SUBDIRECTORY)


def marker(name: str) -> float:
    return float(ALL_FILES.index(name) + 1)


@pytest.fixture
def exposures(tmp_path: Path) -> Path:
    """A folder of tiny ImageModel files, one per name of ``ALL_FILES``."""
    for name in ALL_FILES:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with ImageModel((2, 2)) as model:
            model.data[...] = marker(name)
            model.save(str(path))
    return tmp_path


def level3(product_name: str = "jw01234-o001_t001_nircam_clear") -> asnkit.Association:
    return asnkit.Level3Rule().build(
        [*SCIENCE, IN_SUBDIRECTORY],
        background=BACKGROUND,
        imprint=IMPRINT,
        psf=PSF,
        product_name=product_name,
        meta={"asn_type": "image3", "program": "01234"},
    )


def level2(acid: str | None = None) -> asnkit.Association:
    return asnkit.Level2bRule().build(
        science=SCIENCE, background=BACKGROUND, imprint=IMPRINT, psf=PSF, acid=acid
    )


def borrowed(library: Any) -> Iterator[Any]:
    """Each model of an open ``ModelLibrary``, shelved again unchanged after use."""
    for index in range(len(library)):
        model = library.borrow(index)
        try:
            yield model
        finally:
            library.shelve(model, index, modify=False)


def opened_models(models: Iterator[Any]) -> list[tuple[str, str, float]]:
    """``(file name, meta.asn.exptype, pixel marker)`` of each model."""
    return [
        (str(model.meta.filename), str(model.meta.asn.exptype), float(model.data[0, 0]))
        for model in models
    ]


def expected_models(association: asnkit.Association) -> list[tuple[str, str, float]]:
    return [
        (member.expname.rsplit("/", 1)[-1], member.exptype, marker(member.expname))
        for member in association.products[0].members
    ]
