from __future__ import annotations

import contextlib
import io
import os
import threading
from typing import TYPE_CHECKING

import pytest

from asnkit import asn_from_list, dumps, to_dict, write
from asnkit.exceptions import LoadError
from asnkit.files import read_limited, write_text
from asnkit.io import load

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
    with pytest.raises(LoadError, match=rf"^{missing}: cannot read the file: No such file"):
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


def test_read_limited_refuses_a_file_over_the_cap_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as stream:  # sparse: costs no disk and no time
        stream.truncate(100 * 1024 * 1024 + 1)
    with pytest.raises(LoadError, match=r"file too large: 104,857,601 bytes"):
        read_limited(str(big))


def test_read_limited_at_and_over_a_small_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 10)
    assert read_limited(str(path), max_bytes=10) == b"x" * 10
    with pytest.raises(LoadError, match="too large"):
        read_limited(str(path), max_bytes=9)


def test_read_limited_caps_a_stream_that_says_nothing_of_its_size(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as stream:
            stream.write(b" " * 5000)  # fits the pipe's buffer: never blocks

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(LoadError, match="more than 1,000 bytes"):
            read_limited(str(fifo), max_bytes=1000)
    finally:
        writer.join()
