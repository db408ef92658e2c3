"""What asnkit writes, asnkit reads: the writers' size cap is the readers'.

The largest association a writer writes (from-list here; edit, generate and gather check
through the same :mod:`asnkit.write_check`) is read back by ``validate``, ``show``, ``diff``
and ``edit``; one member more and the writer refuses, in one line saying how to lift the
cap (``ASNKIT_MAX_BYTES``), as each reader does for such a file. The documents are built in
the test's process: the commands run in it too, under a small cap (1 MiB) set by the
variable, and once at the default cap (32 MiB) for the two checks that decide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pytest

from asnkit import asn_from_list, validate
from asnkit.cli import run
from asnkit.codec.emit import dumps
from asnkit.files import DEFAULT_MAX_BYTES, MAX_BYTES_VARIABLE, max_bytes
from asnkit.write_check import check_before_write

if TYPE_CHECKING:
    from pathlib import Path

    from asnkit.models import Association

SMALL: Final = 1 << 20


_LONG: Final = "_" + "x" * 200
"""Long member names: fewer members make the 32 MiB document (faster to build and check)."""


def _names(count: int) -> list[str]:
    return [f"jw01234001001_02101_{i:06d}_nrca1{_LONG}_cal.fits" for i in range(count)]


def _largest(limit: int) -> tuple[Association, Association]:
    """The association of exactly ``limit`` bytes, and the same with one member more."""

    def made(count: int, pad: int = 0) -> Association:
        return asn_from_list(_names(count), product_name="p" + "x" * pad)

    one, two = len(dumps(made(1))), len(dumps(made(2)))
    count = (limit - one) // (two - one) + 1
    largest = made(count, limit - len(dumps(made(count))))
    assert len(dumps(largest).encode()) == limit
    product = largest.products[0].name
    more = asn_from_list(_names(count + 1), product_name=str(product))
    assert len(dumps(more).encode()) > limit
    return largest, more


def _from_list(tmp_path: Path, asn: Association, out: Path) -> int:
    names = [m.expname for m in asn.products[0].members]
    listed = tmp_path / "members.txt"
    listed.write_text("\n".join(names) + "\n")
    product = str(asn.products[0].name)
    return run(["from-list", "-o", str(out), "--product-name", product, "--list", str(listed)])


def test_the_largest_file_a_writer_writes_every_reader_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "1MiB")
    assert max_bytes() == SMALL
    largest, _ = _largest(SMALL)
    out = tmp_path / "largest_asn.json"
    assert _from_list(tmp_path, largest, out) == 0
    assert out.stat().st_size == SMALL
    assert out.read_text() == dumps(largest)
    assert run(["validate", str(out)]) == 0
    assert run(["show", str(out)]) == 0
    assert run(["diff", str(out), str(out)]) == 0
    assert run(["edit", str(out), "--set", "program", "noprogram"]) == 0
    assert out.stat().st_size == SMALL
    assert "error" not in capsys.readouterr().err


def test_one_member_more_is_refused_by_writers_and_readers_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(SMALL))
    _, more = _largest(SMALL)
    size = len(dumps(more))
    hint = f"set {MAX_BYTES_VARIABLE}={size} or more to read and write it"
    out = tmp_path / "more_asn.json"
    capsys.readouterr()
    assert _from_list(tmp_path, more, out) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"the association is too large: {size:,} bytes" in err
    assert hint in err
    assert not out.exists()
    # Written anyway (as --force would), each reader refuses it with the same hint.
    out.write_text(dumps(more))
    for args, status in (
        (["validate", str(out)], 1),
        (["show", str(out)], 1),
        (["diff", str(out), str(out)], 2),
        (["edit", str(out), "--set", "program", "x"], 1),
    ):
        capsys.readouterr()
        assert run(args) == status, args
        captured = capsys.readouterr()
        assert hint in captured.out + captured.err, args
    assert out.read_text() == dumps(more)  # edit wrote nothing
    # The cap lifted as the message says: written and read.
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(size))
    out.unlink()
    assert _from_list(tmp_path, more, out) == 0
    assert run(["validate", str(out)]) == 0
    assert run(["edit", str(out), "--set", "program", "noprogram"]) == 0


def test_at_the_default_cap_the_writers_check_and_validate_agree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(MAX_BYTES_VARIABLE, raising=False)
    largest, more = _largest(DEFAULT_MAX_BYTES)
    text = dumps(largest)
    assert check_before_write(text) == []
    assert validate(text.encode()).valid
    with pytest.raises(Exception, match=f"set {MAX_BYTES_VARIABLE}="):
        check_before_write(dumps(more))
    assert not validate(dumps(more).encode()).valid


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", DEFAULT_MAX_BYTES), ("1000", 1000), ("64MiB", 64 << 20), ("2g", 2 << 30), ("8k", 8192)],
)
def test_the_variable_takes_bytes_or_binary_units(
    value: str, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, value)
    assert max_bytes() == expected


@pytest.mark.parametrize("value", ["lots", "-5", "0", "12 parsecs", "1.5M"])
def test_a_bad_value_is_one_line_naming_it(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "asn.json"
    path.write_text(dumps(asn_from_list(["a_cal.fits"], product_name="p")))
    monkeypatch.setenv(MAX_BYTES_VARIABLE, value)
    written = str(tmp_path / "b.json")
    for args in (
        ["validate", str(path)],
        ["show", str(path)],
        ["from-list", "-o", written, "--product-name", "p", "a.fits"],
    ):
        capsys.readouterr()
        assert run(args) == 1, args
        captured = capsys.readouterr()
        said = captured.out + captured.err
        assert f"{MAX_BYTES_VARIABLE}={value!r} is not a size" in said, args


def test_edit_refuses_a_file_over_the_cap_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A 4 GiB file (sparse: no disk used) is refused after its size is asked, as every
    # reader refuses it: edit reads none of it (it read it whole before).
    import os

    path = tmp_path / "huge_asn.json"
    with path.open("wb") as stream:
        stream.truncate(4 << 30)
    read = 0
    real_read = os.read

    def counting(descriptor: int, size: int) -> bytes:
        nonlocal read
        data = real_read(descriptor, size)
        read += len(data)
        return data

    monkeypatch.delenv(MAX_BYTES_VARIABLE, raising=False)
    monkeypatch.setattr(os, "read", counting)
    assert run(["edit", str(path), "--set", "program", "x"]) == 1
    assert read == 0
    assert f"set {MAX_BYTES_VARIABLE}={4 << 30} or more" in capsys.readouterr().err
    assert path.stat().st_size == 4 << 30
