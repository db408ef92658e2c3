"""Stage 2 lists of ``(name, type)`` pairs without ``with_exptype``, through both functions.

jwst takes each pair's first element as the file and makes every member science, whatever
the second says; ``product_name_func`` is handed the pair. asnkit must write the same file
(issue 25, gap 2).
"""

from __future__ import annotations

from typing import Final

import pytest
from jwst_reference import expected_asnkit_text, quiet_jwst

import asnkit
from asnkit import dump

CASES: Final = (
    (("a_rate.fits", "science"),),
    (("a_rate.fits", "background"), ("b_rate.fits", "")),
    (("a_rate.fits", "imprint"), ("b_rate.fits", "psf"), ("c_rate.fits", "SCIENCE")),
    (("jw01234001001_01101_00001_nrca1_rate.fits", "whatever"),),
)


def _named(item: object, index: int) -> str:
    assert isinstance(item, tuple), item
    return f"p{index}_{item[1] or 'none'}"


def _jwst_text(items: tuple[tuple[str, str], ...], **keywords: object) -> str:
    from jwst.associations.asn_from_list import asn_from_list
    from jwst.associations.lib.rules_level2_base import DMSLevel2bBase

    with quiet_jwst():
        _, text = asn_from_list(list(items), rule=DMSLevel2bBase, **keywords).dump()
    return str(text)


@pytest.mark.parametrize("items", CASES)
def test_pairs_are_science_files_as_in_jwst(items: tuple[tuple[str, str], ...]) -> None:
    jwst = _jwst_text(items)
    _, text = dump(asnkit.asn_from_list(items, rule="DMSLevel2bBase"))
    assert text == expected_asnkit_text(jwst, acid=None, named_by_files=True)


@pytest.mark.parametrize("items", CASES)
def test_product_name_func_is_handed_the_pair(items: tuple[tuple[str, str], ...]) -> None:
    jwst = _jwst_text(items, product_name_func=_named)
    built = asnkit.asn_from_list(items, rule="DMSLevel2bBase", product_name_func=_named)
    assert dump(built)[1] == expected_asnkit_text(jwst, acid=None)
    assert [p.name for p in built.products] == [
        _named(item, index) for index, item in enumerate(items, start=1)
    ]


def test_pairs_at_stage3_are_still_refused() -> None:
    # jwst fails at Stage 3 (it takes the pair as the expname); asnkit refuses it.
    with pytest.raises(asnkit.InvalidAssociationError):
        asnkit.asn_from_list([("a_cal.fits", "science")], product_name="p")
