"""The text writer must give json.dumps(indent=4) of the document, byte for byte."""

from __future__ import annotations

import json

from hypothesis import given, settings
from strategies import associations

from asnkit import dumps
from asnkit.codec.structure import to_dict
from asnkit.models import Association, Member, Product


@settings(max_examples=300)
@given(associations)
def test_text_is_json_dumps_indent_4_of_the_document(asn: Association) -> None:
    assert dumps(asn) == json.dumps(to_dict(asn), indent=4)


def test_member_with_extra_keys_keeps_their_order_after_the_known_ones() -> None:
    member = Member("a.fits", exposerr=None, extra={"z": 1, "a": [1, {"b": None}]})
    product = Product(members=(member,), name="p")
    text = dumps(Association(products=(product,)))
    assert text == json.dumps(
        {
            "products": [
                {
                    "name": "p",
                    "members": [
                        {
                            "expname": "a.fits",
                            "exptype": "science",
                            "exposerr": None,
                            "z": 1,
                            "a": [1, {"b": None}],
                        }
                    ],
                }
            ]
        },
        indent=4,
    )


def test_non_ascii_is_escaped_and_there_is_no_trailing_newline() -> None:
    text = dumps(Association(products=(Product(members=(Member("é_cal.fits"),), name="é"),)))
    assert "\\u00e9" in text
    assert text.isascii()
    assert not text.endswith("\n")


def test_empty_containers() -> None:
    text = dumps(Association(products=(Product(members=()),), extra={"e": {}, "l": []}))
    assert text == json.dumps({"products": [{"members": []}], "e": {}, "l": []}, indent=4)
