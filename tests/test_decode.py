"""The strict JSON reader: what it refuses, where it says the problem is, and its limits."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import json_values

from asnkit.codec.decode import MAX_DEPTH, JSONProblemError, decode, scan

# (input, words the message must contain, line, column)
REFUSED = {
    "empty": (b"", "empty file", 1, 1),
    "only white space": (b"  \n\t\n", "empty file", 1, 1),
    "utf-8 bom": (b'\xef\xbb\xbf{"products": []}', "byte-order mark", 1, 1),
    "utf-16 with bom": ('{"products": []}'.encode("utf-16"), "UTF-16", 1, 1),
    "utf-16 without bom": ('{"products": []}'.encode("utf-16-le"), "UTF-16", 1, 2),
    "utf-32 with bom": ('{"products": []}'.encode("utf-32"), "UTF-32", 1, 1),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", 3, 1),
    "invalid utf-8": (b'{\n "a": "caf\xe9"\n}', "not UTF-8", 2, 11),
    "truncated in an array": (b'{"products": [{"members": [', "truncated", 1, 28),
    "truncated in a string": (b'{"products": [{"name": "ab', "truncated", 1, 24),
    "trailing comma in object": (b'{\n  "a": 1,\n}', "trailing comma", 2, 9),
    "trailing comma in array": (b'{"a": [1, 2,\n ]}', "trailing comma", 1, 12),
    "duplicate key": (b'{"a": 1,\n "b": {"c": 1, "c": 2}}', "duplicate key 'c'", 2, 16),
    "NaN": (b'{"expname": NaN}', "NaN is not a JSON value", 1, 13),
    "Infinity": (b'{"a": [Infinity]}', "Infinity is not a JSON value", 1, 8),
    "-Infinity": (b'{"a": -Infinity}', "-Infinity is not a JSON value", 1, 7),
    "float overflow": (b'{"a": 1e999}', "too large for a double", 1, 7),
    "huge integer": (b'{"a": ' + b"9" * 5000 + b"}", "5,000 digits", 1, 7),
    "text after the document": (b'{"a": 1} {"b": 2}', "after the end", 1, 10),
    "single quotes": (b"{'a': 1}", "property name", 1, 2),
    "control character": (b'{"a": "x\ty"}', "control character", 1, 9),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_place(case: str) -> None:
    data, words, line, column = REFUSED[case]
    with pytest.raises(JSONProblemError) as raised:
        decode(data)
    assert words in raised.value.message
    assert (raised.value.line, raised.value.column) == (line, column)
    assert "\n" not in raised.value.message


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_refused_at_the_limit(opener: str) -> None:
    data = (opener * 200_000).encode()
    with pytest.raises(JSONProblemError) as raised:
        decode(data)
    assert f"nested deeper than {MAX_DEPTH} levels" in raised.value.message
    assert raised.value.line == 1
    assert raised.value.column == MAX_DEPTH * len(opener) + 1


def test_nesting_within_the_limit_is_read() -> None:
    depth = 50
    assert decode(b"[" * depth + b"]" * depth) is not None


@given(json_values)
def test_good_json_is_read_as_json_reads_it(value: object) -> None:
    text = json.dumps(value)
    assert decode(text.encode()) == json.loads(text)
    assert scan(text) is None


@given(st.dictionaries(st.text(max_size=4), st.integers(), min_size=1, max_size=4), st.data())
def test_scan_finds_any_repeated_key(document: dict[str, int], data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(document)))
    text = json.dumps(document)[:-1] + f", {json.dumps(key)}: 0}}"
    problem = scan(text)
    assert problem is not None
    assert "duplicate key" in problem.message
    assert problem.column == text.rindex(json.dumps(key) + ": 0") + 1
