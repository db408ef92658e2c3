"""Hypothesis strategies for file names, JSON values and whole associations."""

from __future__ import annotations

from hypothesis import strategies as st

from asnkit.models import (
    ABSENT,
    ASSOCIATION_KEYS,
    MEMBER_KEYS,
    PRODUCT_KEYS,
    Association,
    Member,
    Product,
)
from asnkit.naming import known_suffixes

_SUFFIXES = sorted(known_suffixes())

# Names as users write them: DMS-like stems, step suffixes, directories, odd characters.
_stem = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=0, max_size=12
)
_suffix = st.one_of(
    st.just(""),
    st.builds(lambda sep, s: sep + s, st.sampled_from("_-"), st.sampled_from(_SUFFIXES)),
)
_extension = st.sampled_from(["", ".fits", ".fits.gz", ".json", "."])
_directory = st.sampled_from(["", "./", "sub/", "../up/", "/abs/path/", "a//b/"])

file_names = st.builds(
    lambda d, stem, suffix, ext: d + stem + suffix + ext, _directory, _stem, _suffix, _extension
)
"""File names with and without step suffixes, directories and non-ASCII characters."""

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _extras(known: tuple[str, ...]) -> st.SearchStrategy[dict[str, object]]:
    keys = st.text(max_size=8).filter(lambda k: k not in known)
    return st.dictionaries(keys, json_values, max_size=2)


_text = st.text(max_size=10)
_optional_text = st.one_of(st.none(), _text)

members = st.builds(
    Member,
    expname=file_names,
    exptype=st.sampled_from(["science", "background", "imprint", "psf", "SCIENCE", "flat"]),
    exposerr=st.one_of(st.just(ABSENT), _optional_text),
    asn_candidate=st.one_of(st.just(ABSENT), _text),
    extra=_extras(MEMBER_KEYS),
)
products = st.builds(
    Product,
    members=st.lists(members, max_size=4).map(tuple),
    name=st.one_of(st.just(ABSENT), _text),
    extra=_extras(PRODUCT_KEYS),
)


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.just(ABSENT), strategy)


associations = st.builds(
    Association,
    products=st.lists(products, max_size=3).map(tuple),
    asn_type=_optional(_text),
    asn_rule=_optional(st.sampled_from(["DMSLevel2bBase", "DMS_Level3_Base"])),
    version_id=_optional(_optional_text),
    program=_optional(_text),
    asn_id=_optional(_text),
    target=_optional(_text),
    asn_pool=_optional(_text),
    extra=_extras(ASSOCIATION_KEYS),
)
"""Any association the models can hold, extra keys included."""


_schema_members = st.lists(
    st.one_of(
        st.fixed_dictionaries({"expname": st.one_of(st.text(max_size=3), json_values)}),
        st.fixed_dictionaries(
            {"expname": st.text(max_size=3), "exptype": st.sampled_from(["science", "psf"])}
        ),
        json_values,
    ),
    max_size=3,
)
schema_documents = st.one_of(
    st.fixed_dictionaries(
        {
            "products": st.lists(
                st.one_of(st.fixed_dictionaries({"members": _schema_members}), json_values)
            )
        },
        optional={
            "asn_type": json_values,
            "asn_id": json_values,
            "version_id": json_values,
            "target": json_values,
            "asn_pool": st.text(max_size=3),
        },
    ),
    st.dictionaries(st.text(max_size=8), json_values),
)
"""Documents near the schema's edge: keys of the right and the wrong types, any JSON."""
