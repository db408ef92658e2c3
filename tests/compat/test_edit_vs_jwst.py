"""``asnkit edit`` with jwst's ``asn_edit`` spellings writes the bytes jwst's command writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from asnkit import asn_from_list, write
from asnkit.cli import run as run_asnkit

# jwst's command, installed with jwst beside this Python (nox -s compat).
JWST_ASN_EDIT = Path(sys.executable).parent / "asn_edit"


def _stage3(folder: Path) -> Path:
    path = folder / "l3_asn.json"
    write(asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic"), path)
    return path


@pytest.mark.parametrize(
    "argv",
    [["-a", "{asn}", "c_cal.fits", "-t", "background"], ["-r", "-i", "{asn}", "a_rate.fits"]],
)
def test_same_bytes_as_jwst_asn_edit(argv: list[str], tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for folder in (ours, theirs):
        folder.mkdir()
        _stage3(folder)
        (folder / "c_cal.fits").touch()
    assert run_asnkit(["edit", *(a.replace("{asn}", str(ours / "l3_asn.json")) for a in argv)]) == 0
    jwst_argv = [a.replace("{asn}", "l3_asn.json") for a in argv]
    subprocess.run([str(JWST_ASN_EDIT), *jwst_argv], cwd=theirs, capture_output=True, check=True)
    assert (ours / "l3_asn.json").read_bytes() == (theirs / "l3_asn.json").read_bytes()
