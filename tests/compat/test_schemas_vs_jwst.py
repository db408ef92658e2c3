"""asnkit's generated schemas accept every document that jwst 3.0.0's schemas accept.

jwst's two association schemas are read from the installed jwst package, not from a copy.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import fastjsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import json_values

from asnkit.schema import validator

# jwst/associations/lib/asn_schema_jw_level*.json, located without importing jwst.associations.
_JWST_LIB = files("jwst") / "associations" / "lib"
JWST_SCHEMAS = {stage: _JWST_LIB / f"asn_schema_jw_{stage}.json" for stage in ("level2b", "level3")}


def _jwst_validator(stage: str) -> Any:
    schema = json.loads(JWST_SCHEMAS[stage].read_text(encoding="utf-8"))
    return fastjsonschema.compile(schema)


def _accepts(check: Any, document: object) -> bool:
    try:
        check(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


# Documents near the schemas' edges: the declared keys with values of every JSON type.
_keys = st.sampled_from(
    ["asn_type", "asn_rule", "asn_id", "program", "target", "asn_pool", "version_id", "other"]
)
_members = st.lists(
    st.one_of(
        json_values,
        st.dictionaries(st.sampled_from(["expname", "exptype", "exposerr", "x"]), json_values),
        st.fixed_dictionaries({"expname": st.text(max_size=3), "exptype": st.text(max_size=3)}),
    ),
    max_size=3,
)
_products = st.lists(
    st.one_of(
        json_values,
        st.fixed_dictionaries({"members": _members}, optional={"name": json_values}),
    ),
    max_size=3,
)
documents = st.one_of(
    json_values,
    st.builds(
        lambda extra, products: {**extra, "products": products},
        st.dictionaries(_keys, st.one_of(json_values, st.text(max_size=3))),
        st.one_of(_products, json_values),
    ),
)


@pytest.mark.parametrize("stage", ["level2b", "level3"])
@settings(max_examples=500)
@given(document=documents)
def test_every_document_jwst_accepts_is_accepted(stage: str, document: object) -> None:
    jwst = _jwst_validator(stage)
    ours = validator(stage)  # type: ignore[arg-type]
    if _accepts(jwst, document):
        assert _accepts(ours, document)
