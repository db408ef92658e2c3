"""One reader: asnkit.load, the whitespace-keeping reader and validate refuse the same texts.

Each contradiction issue #11 listed is pinned here: before, ``load`` accepted duplicate keys,
NaN and a byte-order mark that ``validate`` refused, raised ``RecursionError`` on deep
nesting, and a member nested 600 deep was "valid" although the documented limit is 500.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hostile import ACCEPTED, ALL_REFUSED, write_case

import asnkit
from asnkit.codec.decode import MAX_DEPTH
from asnkit.exceptions import LoadError
from asnkit.io import load, read_with_whitespace


def _json_error(path: Path) -> asnkit.Finding:
    """The one finding of a file that validate refuses as it reads it."""
    report = asnkit.validate(path)
    assert report.stage is None, report.findings
    (finding,) = report.findings
    return finding


@pytest.mark.parametrize("name", ALL_REFUSED)
def test_load_refuses_what_validate_refuses_with_its_message(tmp_path: Path, name: str) -> None:
    path = write_case(tmp_path, name)
    finding = _json_error(path)
    for reader in (load, read_with_whitespace):
        with pytest.raises(LoadError) as caught:
            reader(path)
        assert str(caught.value) == f"{path}: {finding.message}"
        assert (caught.value.line, caught.value.column) == (finding.line, finding.column)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_load_accepts_what_validate_accepts(tmp_path: Path, name: str) -> None:
    path = write_case(tmp_path, name)
    assert asnkit.validate(path).valid
    asn = load(path)
    assert read_with_whitespace(path)[0] == asn
    # What was read is written back, and read again.
    assert load(asnkit.dumps(asn)) == asn


def test_duplicate_program_and_nan_are_refused_where_they_are(tmp_path: Path) -> None:
    # Before: load kept the second "program" and the NaN, and edit wrote both back.
    path = tmp_path / "asn.json"
    path.write_text('{"program": "1", "program": "2", "x": NaN, "products": []}', encoding="utf-8")
    with pytest.raises(LoadError, match=r"\(line 1, column 18\): duplicate key 'program'"):
        load(path)
    path.write_text('{"program": "1", "x": NaN, "products": []}', encoding="utf-8")
    with pytest.raises(LoadError, match=r"\(line 1, column 23\): NaN is not a JSON value"):
        load(path)


def test_deep_nesting_is_a_load_error_not_a_recursion_error() -> None:
    with pytest.raises(LoadError, match=rf"nested deeper than {MAX_DEPTH} levels"):
        load('{"a": ' * 100_000 + "1" + "}" * 100_000)


def test_the_depth_limit_holds_inside_a_member() -> None:
    member = '{"expname": "a_cal.fits", "exptype": "science", "x": ' + "[" * 600 + "]" * 600
    text = '{"products": [{"name": "p", "members": [' + member + "}]}]}"
    report = asnkit.validate(text)
    assert not report.valid
    assert f"nested deeper than {MAX_DEPTH} levels" in report.errors[0].message
    with pytest.raises(LoadError, match=f"nested deeper than {MAX_DEPTH} levels"):
        asnkit.from_json(text)


def test_a_byte_order_mark_is_refused_by_every_reader(tmp_path: Path) -> None:
    path = write_case(tmp_path, "utf8_bom")
    message = "the file starts with a UTF-8 byte-order mark, which JSON forbids; remove it"
    assert _json_error(path).message.endswith(message)
    for reader in (load, read_with_whitespace):
        with pytest.raises(LoadError, match=message):
            reader(path)
    with pytest.raises(LoadError, match=message):
        load(path.read_bytes())


def test_a_trailing_comma_is_named_by_load_as_by_validate() -> None:
    text = '{"products": [],}'
    with pytest.raises(LoadError) as caught:
        load(text)
    assert caught.value.reason == (
        "not valid JSON (line 1, column 16): trailing comma: JSON allows no comma before "
        "a closing '}' or ']'; remove it"
    )
    assert caught.value.reason == asnkit.validate(text).errors[0].message


def test_every_corpus_file_is_read_alike(corpus: Path) -> None:
    """Over the corpus: load refuses a file only where validate does, and with its words."""
    paths = sorted(corpus.glob("**/*.json"))
    refused = 0
    for path in paths:
        report = asnkit.validate(path)
        reason = _refusal(path)
        if reason is None:
            assert report.stage is not None, path.name
            assert read_with_whitespace(path)[0] == load(path), path.name
            continue
        refused += 1
        assert not report.valid, path.name
        if report.stage is None:  # a JSON error: the same message
            assert reason == report.findings[0].message, path.name
    assert len(paths) >= 200
    assert refused >= 1


def _refusal(path: Path) -> str | None:
    """Why load refuses ``path``, or ``None`` when it reads it."""
    try:
        load(path)
    except LoadError as error:
        return error.reason
    return None


SOURCE = Path(__file__).resolve().parent.parent / "src" / "asnkit"


def test_only_the_decoder_parses_json() -> None:
    """No module but codec/decode.py calls json.load(s) or builds a JSONDecoder."""
    found = [
        f"{path.relative_to(SOURCE)}:{node.lineno}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path != SOURCE / "codec" / "decode.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr in {"load", "loads", "JSONDecoder"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "json"
    ]
    assert found == []
