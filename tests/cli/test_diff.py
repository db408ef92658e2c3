"""``asnkit diff`` as a command: exit 0 same, 1 different, 2 trouble; --format json."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from asnkit import asn_from_list, write
from asnkit.edit import set_exptype
from cli.clirun import in_process

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _pair(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "a_asn.json", tmp_path / "b_asn.json"
    first = asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic")
    write(first, a)
    write(set_exptype(first, "b_cal.fits", "psf"), b)
    return str(a), str(b)


def test_same_different_and_trouble(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _pair(tmp_path)
    assert in_process(capsys, "diff", a, a) == (0, "", "")
    assert in_process(capsys, "diff", a, b) == (
        1,
        'exptype: product mosaic, member b_cal.fits: "science" (A) != "psf" (B)\n',
        "",
    )
    missing = str(tmp_path / "none.json")
    result = in_process(capsys, "diff", a, missing)
    assert (result.status, result.out) == (2, "")
    assert result.err.startswith(f"asnkit diff: error: {missing}")
    assert result.err.count("\n") == 1


def test_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _pair(tmp_path)
    result = in_process(capsys, "diff", a, b, "--format", "json")
    assert result.status == 1
    assert json.loads(result.out) == {
        "a": a,
        "b": b,
        "equal": False,
        "differences": [
            {
                "category": "exptype",
                "where": "product mosaic, member b_cal.fits",
                "a": "science",
                "b": "psf",
                "in_a": True,
                "in_b": True,
            }
        ],
    }
    assert json.loads(in_process(capsys, "diff", a, a, "--format", "json").out)["equal"]
