"""A file's layout is read and kept: the whole corpus, and edits of files in other layouts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from asnkit import asn_from_list, dumps
from asnkit.codec.whitespace import JWST_WHITESPACE, Whitespace, detect, render
from asnkit.edit import set_metadata
from asnkit.io import load, read_with_whitespace

if TYPE_CHECKING:
    from pathlib import Path


def _corpus_texts(
    corpus_documents: list[tuple[Path, dict[str, object]]],
) -> list[tuple[Path, str]]:
    return [(path, path.read_bytes().decode("utf-8")) for path, _ in corpus_documents]


def test_corpus_keeps_its_layout(corpus_documents: list[tuple[Path, dict[str, object]]]) -> None:
    documents = _corpus_texts(corpus_documents)
    same_bytes = 0
    for path, text in documents:
        layout = detect(text)
        written = render(load(text), layout)
        # Always the same document, keys in the same order.
        assert json.dumps(json.loads(written)) == json.dumps(json.loads(text)), path.name
        if written == text:
            same_bytes += 1
        elif layout.indent is not None and layout.newline == "\n":
            # A hand-aligned file: rewritten as json.dumps would with its indent.
            expected = json.dumps(json.loads(text), indent=layout.indent) + layout.ending
            assert written == expected, path.name
    # The figure reported in the closing note: 195 documents, 178 byte for byte
    # (131 in jwst's layout, 39 with a final newline, 3 with two-space indents, 5 on one line).
    assert len(documents) == 195
    assert same_bytes == 178


def test_jwst_layout_takes_the_fast_writer() -> None:
    asn = asn_from_list(["a_cal.fits"], product_name="p")
    text = dumps(asn)
    assert detect(text) == JWST_WHITESPACE
    assert render(asn, detect(text)) == text


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ('{\n  "a": 1\n}\n', Whitespace(indent=2, ending="\n")),
        ('{\n\t"a": 1\n}', Whitespace(indent="\t")),
        ('{"a": 1}', Whitespace(indent=None)),
        ('{\r\n    "a": 1\r\n}\r\n', Whitespace(ending="\r\n", newline="\r\n")),
        ('{\n    "a": "\u00e9"\n}', Whitespace(ascii_only=False)),
        ("{}", JWST_WHITESPACE),
    ],
)
def test_detect(text: str, layout: Whitespace) -> None:
    assert detect(text) == layout


def test_edit_of_a_two_space_file_keeps_two_spaces(
    corpus_documents: list[tuple[Path, dict[str, object]]],
) -> None:
    # The one corpus file (romancal's test data) written with indent=2 and a final newline.
    path = next(
        p for p, text in _corpus_texts(corpus_documents) if detect(text) == Whitespace(2, "\n")
    )
    asn, layout = read_with_whitespace(path)
    edited = render(set_metadata(asn, "program", "99999"), layout)
    expected = json.loads(path.read_text(encoding="utf-8"))
    expected["program"] = "99999"
    assert edited == json.dumps(expected, indent=2) + "\n"


def test_edit_of_a_one_line_file_stays_on_one_line(
    corpus_documents: list[tuple[Path, dict[str, object]]],
) -> None:
    path = next(p for p, text in _corpus_texts(corpus_documents) if detect(text).indent is None)
    asn, layout = read_with_whitespace(path)
    edited = render(set_metadata(asn, "asn_pool", "other"), layout)
    assert "\n" not in edited
    assert json.loads(edited)["asn_pool"] == "other"


def test_crlf_file_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "asn.json"
    text = dumps(asn_from_list(["a_cal.fits"], product_name="p")).replace("\n", "\r\n")
    path.write_bytes((text + "\r\n").encode())
    asn, layout = read_with_whitespace(path)
    assert render(asn, layout) == text + "\r\n"
