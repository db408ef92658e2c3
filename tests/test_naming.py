from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import file_names

from asnkit.models import Association
from asnkit.naming import (
    known_suffixes,
    product_name_from_expname,
    strip_suffix,
    suggested_file_name,
)

if TYPE_CHECKING:
    from pathlib import Path


def test_the_suffix_list_is_jwst_3_0_0s(reference: Path) -> None:
    listed = (reference / "known_suffixes.txt").read_text(encoding="utf-8").split()
    assert known_suffixes() == frozenset(listed)
    assert len(known_suffixes()) == 159


def _jwst_pattern() -> re.Pattern[str]:
    # jwst's own pattern, built from the same list, as the oracle.
    return re.compile("^(?P<root>.+?)((?P<separator>_|-)(" + "|".join(known_suffixes()) + "))?$")


def _jwst_remove_suffix(name: str) -> str:
    match = _jwst_pattern().match(name)
    return name if match is None else match.group("root")


@settings(max_examples=1000)
@given(st.one_of(file_names, st.text(max_size=20)))
@example("a_rate\n")
@example("a\n_rate")
@example("x_ami-oi")
@example("_rate")
@example("")
def test_strip_suffix_agrees_with_jwsts_pattern(name: str) -> None:
    assert strip_suffix(name) == _jwst_remove_suffix(name)


@pytest.mark.parametrize(
    ("expname", "name"),
    [
        ("jw99999001001_011001_00001_nirspec_rate.fits", "jw99999001001_011001_00001_nirspec"),
        ("sub/x_rate.fits", "x"),
        ("../../x_rate.fits", "x"),
        ("/abs/dir/x_rate.fits", "x"),
        ("win\\dir\\x_rate.fits", "x"),
        ("sub/..", ".."),
        ("./y_cal.fits", "y"),
        ("z.fits", "z"),
        ("u_rate.fits.gz", "u_rate.fits"),
        ("_rate.fits", "_rate"),
        ("v-i2d.fits", "v"),
        ("w_calints.fits", "w"),
        ("a//b_rate.fits", "b"),
        ("x_RATE.fits", "x_RATE"),
    ],
)
def test_product_name_from_expname(expname: str, name: str) -> None:
    assert product_name_from_expname(expname) == name


def test_suggested_file_name_is_deterministic() -> None:
    asn = Association(products=(), program="01234", asn_id="o001", asn_type="Image3")
    assert suggested_file_name(asn) == "jw01234-o001_image3_00001_asn.json"
    assert suggested_file_name(asn) == suggested_file_name(asn)
    assert suggested_file_name(Association(products=())) == "jwnoprogram-a3001_none_00001_asn.json"


@settings(max_examples=1000)
@given(
    st.one_of(file_names, st.text(max_size=12), st.sampled_from(["", ".", "..", ".a", "a.", "..."]))
)
def test_product_name_is_the_files_stem_without_its_folder(expname: str) -> None:
    from pathlib import PurePosixPath

    base = expname.replace("\\", "/").rpartition("/")[2]
    name = product_name_from_expname(expname)
    assert "/" not in name
    assert "\\" not in name
    if base in (".", ".."):
        assert name == base
    else:
        assert name == strip_suffix(PurePosixPath(base).stem if base else "")
