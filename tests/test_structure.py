from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from strategies import associations

from asnkit import dumps
from asnkit.codec.structure import from_dict, from_json, to_dict
from asnkit.exceptions import LoadError
from asnkit.models import ABSENT, Association


@settings(max_examples=300)
@given(associations)
def test_load_of_dump_is_the_same_association(asn: Association) -> None:
    assert from_json(dumps(asn)) == asn


@settings(max_examples=200)
@given(associations)
def test_dump_of_load_is_the_same_text(asn: Association) -> None:
    text = dumps(asn)
    assert dumps(from_json(text)) == text


def test_key_order_and_unknown_keys_survive() -> None:
    document = {
        "zz_first": 1,
        "products": [{"members": [{"exptype": "psf", "group_id": 2, "expname": "a"}], "x": []}],
        "asn_rule": "DMS_Level3_Base",
        "version_id": None,
    }
    asn = from_dict(document)
    assert asn.version_id is None
    assert asn.program is ABSENT
    assert asn.products[0].members[0].extra == {"group_id": 2}
    assert json.dumps(to_dict(asn)) == json.dumps(document)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "<document>: an association is a JSON object, not an array"),
        ({}, "required key 'products' is missing @ $.products"),
        ({"products": 3}, "expected an array, got a number (3) @ $.products"),
        (
            {"products": [{"members": [{"expname": 1, "exptype": "science"}]}]},
            "expected a string, got a number (1) @ $.products[0].members[0].expname",
        ),
        (
            {"products": [{"members": [{"expname": "a"}]}]},
            "a member must have the key 'exptype' @ $.products[0].members[0]",
        ),
        (
            {"products": [], "version_id": 3},
            "expected a string or null, got a number (3) @ $.version_id",
        ),
        (
            {"products": [{"members": [7]}]},
            "a member must be an object, got a number (7) @ $.products[0].members[0]",
        ),
    ],
)
def test_errors_say_where(document: object, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        from_dict(document)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_every_error_of_a_document_is_reported() -> None:
    document = {"products": [{"members": [{"expname": 1, "exptype": 2}]}], "program": 5}
    with pytest.raises(LoadError) as caught:
        from_dict(document)
    text = str(caught.value)
    assert "members[0].expname" in text
    assert "members[0].exptype" in text
    assert "$.program" in text


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(
        LoadError, match=r"^x\.json: not valid JSON \(line 2, column 2\): "
    ) as caught:
        from_json('{"products": []\n,,}', source="x.json")
    assert (caught.value.line, caught.value.column) == (2, 2)
