from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest

from asnkit import asn_from_list, dumps, to_dict, write
from asnkit.exceptions import LoadError
from asnkit.io import load, write_text

if TYPE_CHECKING:
    from pathlib import Path


class BoomError(Exception):
    pass


def test_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "asn.json"
    target.write_text("old", encoding="utf-8")

    def fail(_fd: int) -> None:
        raise BoomError

    monkeypatch.setattr("os.fsync", fail)
    with pytest.raises(BoomError):
        write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["asn.json"]


def test_write_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "asn.json"
    target.write_text("x" * 1000, encoding="utf-8")
    write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def test_load_from_every_kind_of_source(tmp_path: Path) -> None:
    asn = asn_from_list(["a_cal.fits"], product_name="p")
    path = tmp_path / "asn.json"
    write(asn, path)
    text = dumps(asn)
    assert load(path) == asn
    assert load(str(path)) == asn
    assert load(text) == asn
    assert load(io.StringIO(text)) == asn
    assert load(io.BytesIO(text.encode())) == asn
    assert load(to_dict(asn)) == asn


def test_load_of_a_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(LoadError, match=rf"^{missing}: cannot read: No such file"):
        load(missing)


def test_corpus_round_trips_losslessly(
    corpus_documents: list[tuple[Path, dict[str, object]]],
) -> None:
    import json

    for path, document in corpus_documents:
        asn = load(path)
        assert json.dumps(to_dict(asn)) == json.dumps(document), path.name
        assert dumps(asn) == json.dumps(document, indent=4), path.name
    assert len(corpus_documents) == 195
