"""``asnkit gather`` as a command: asn_gather's flags through typer; -c refused.

What gathering does is tested in tests/edit/test_gather.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asnkit import Association, Member, Product, write
from asnkit.io import load
from cli.clirun import in_process, script

if TYPE_CHECKING:
    from pathlib import Path


def _association(tmp_path: Path) -> Path:
    source = tmp_path / "data"
    source.mkdir()
    members = (
        Member("a_cal.fits"),
        Member("bg_cal.fits", "background"),
        Member("psf_cal.fits", "psf"),
    )
    for member in members:
        (source / member.expname).write_text(member.expname, encoding="utf-8")
    path = source / "l3_asn.json"
    write(Association((Product(members, name="p"),), asn_rule="DMS_Level3_Base"), path)
    return path


@pytest.mark.parametrize(
    ("flags", "kept"),
    [
        ([], ["a_cal.fits", "bg_cal.fits", "psf_cal.fits"]),
        (["-t", "science,psf"], ["a_cal.fits", "psf_cal.fits"]),
        (["--exp-types", "science", "--exp-types", "background"], ["a_cal.fits", "bg_cal.fits"]),
        (["-x", "psf"], ["a_cal.fits", "bg_cal.fits"]),
        (["--exclude-types", "psf,background"], ["a_cal.fits"]),
    ],
)
def test_type_flags(
    flags: list[str], kept: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _association(tmp_path)
    destination = tmp_path / "gathered"
    result = in_process(capsys, "gather", str(path), str(destination), *flags)
    assert result.status == 0, result.err
    gathered = load(destination / "l3_asn.json")
    assert [m.expname for m in gathered.products[0].members] == kept
    assert sorted(p.name for p in destination.iterdir()) == sorted([*kept, "l3_asn.json"])


def test_source_and_verbose(tmp_path: Path) -> None:
    path = _association(tmp_path)
    moved = tmp_path / "elsewhere"
    (path.parent).rename(moved)
    destination = tmp_path / "gathered"
    asn = moved / "l3_asn.json"
    result = script("asnkit", "gather", str(asn), str(destination), "-s", str(moved), "-v")
    assert result.status == 0, result.err
    assert result.out.splitlines()[-1] == (
        f"wrote {destination / 'l3_asn.json'} (3 member file(s) copied)"
    )
    assert sum(line.startswith("copied ") for line in result.out.splitlines()) == 3


def test_cmd_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _association(tmp_path)
    result = in_process(capsys, "gather", str(path), str(tmp_path / "g"), "-c", "rsync")
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        "asnkit gather: error: -c/--cmd is not supported: asnkit copies files with Python, "
        "not a shell command; drop -c (see asnkit gather --help)\n"
    )
    assert not (tmp_path / "g").exists()
