"""A reader that goes away (``| head -1``) ends the listing, never the writes.

Each test runs an installed command with its standard output (or error) a real pipe,
reads a line or nothing, closes the pipe, and waits: every file the command writes is
still written, the exit status is the one the work has (docs/cli.md, "Closed output"),
and nothing is said on standard error (no "Exception ignored", no traceback).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Final

from faultkit import command

from asnkit import asn_from_list, load, validate, write

if TYPE_CHECKING:
    from collections.abc import Sequence

MEGA_POOL: Final = Path(__file__).resolve().parent.parent / "data" / "pools" / "mega_pool.csv"
MEGA_ASSOCIATIONS: Final = 858
"""The associations of mega_pool.csv (as jwst 3.0.0's asn_generate makes them)."""


def _closed_after_one_line(
    argv: Sequence[str], cwd: Path, *, merged: bool = False
) -> tuple[bytes, int, bytes]:
    """Run ``argv``, read one line of its output, close the pipe; line, status, stderr."""
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merged else subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.close()  # the reader goes away, as head does
    err = b"" if process.stderr is None else process.stderr.read()
    status = process.wait(timeout=300)
    return first, status, err


def _names(count: int) -> list[str]:
    return [f"jw01234001001_02101_{i:05d}_nrca1_cal.fits" for i in range(count)]


def test_generate_writes_every_association_when_its_listing_is_cut(tmp_path: Path) -> None:
    first, status, err = _closed_after_one_line(
        [command("asnkit"), "generate", str(MEGA_POOL), "-o", "g", "-v"], tmp_path
    )
    assert first.startswith(b"g/jw")
    assert status == 0
    # What validate warns of in what is written (unknown exptypes, ...), nothing else.
    lines = err.decode().splitlines()
    assert all(line.startswith("asnkit generate: warning: ") for line in lines), lines
    written = sorted((tmp_path / "g").iterdir())
    assert len(written) == MEGA_ASSOCIATIONS
    assert [path.name for path in written if not validate(path).valid] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g"]  # no temporary file left


def test_gather_copies_every_member_when_its_listing_is_cut(tmp_path: Path) -> None:
    # 1,500 "copied ..." lines (78 kB): more than a pipe holds, so the writer meets the closed end.
    names = _names(1500)
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    write(asn_from_list(names, product_name="p"), tmp_path / "asn.json")
    first, status, err = _closed_after_one_line(
        [command("asnkit"), "gather", "asn.json", "out", "-v"], tmp_path
    )
    assert first.startswith(b"copied out")
    assert (status, err) == (0, b"")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*names, "asn.json"])
    assert [m.expname for m in load(tmp_path / "out" / "asn.json").products[0].members] == names


def test_show_and_validate_end_with_the_status_of_their_work(tmp_path: Path) -> None:
    write(asn_from_list(_names(20_000), product_name="p"), tmp_path / "big_asn.json")
    first, status, err = _closed_after_one_line(
        [command("asnkit"), "show", "big_asn.json"], tmp_path
    )
    assert first.startswith(b"file")
    assert (status, err) == (0, b"")
    folder = tmp_path / "asns"
    folder.mkdir()
    bad = b'{"asn_type": "image3", "products": []}'  # each: a few lines of findings
    for index in range(2000):  # 160 kB of findings: more than a pipe holds
        (folder / f"{index:04d}_asn.json").write_bytes(bad)
    first, status, err = _closed_after_one_line([command("asnkit"), "validate", "asns"], tmp_path)
    assert first.startswith(b"asns/0000_asn.json:")
    assert (status, err) == (1, b"")  # invalid files: 1, whoever stopped reading
    first, status, _ = _closed_after_one_line(
        [command("asnkit"), "validate", "asns"], tmp_path, merged=True
    )
    assert status == 1


def test_a_closed_standard_error_does_not_stop_a_write(tmp_path: Path) -> None:
    # asn_from_list warns (-f is deprecated) before it writes; nobody reads standard error.
    process = subprocess.Popen(
        [command("asn_from_list"), "-o", "asn.json", "-f", "json", "--product-name", "p", "a.fits"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert [m.expname for m in load(tmp_path / "asn.json").products[0].members] == ["a.fits"]
