"""Product names shared across files by associations of different members."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import asnkit
from asnkit.validation.across import shared_name_findings, shared_product_names

ASNKIT = str(Path(sys.executable).parent / "asnkit")


def _document(name: str, *files: str) -> object:
    import json

    return json.loads(asnkit.dumps(asnkit.asn_from_list(list(files), product_name=name)))


def test_other_members_share_a_name() -> None:
    documents = [
        ("one.json", _document("mosaic", "a_cal.fits", "b_cal.fits")),
        ("two.json", _document("mosaic", "a_cal.fits", "c_cal.fits")),
        ("three.json", _document("mosaic", "b_cal.fits", "a_cal.fits")),
        ("four.json", _document("other", "a_cal.fits")),
    ]
    assert shared_product_names(documents) == [
        ("two.json", 0, "one.json", 0, "mosaic"),
        ("three.json", 0, "two.json", 0, "mosaic"),
    ]


def test_the_same_members_or_one_file_are_not_reported() -> None:
    same = _document("mosaic", "a_cal.fits", "b_cal.fits")
    assert shared_product_names([("one.json", same), ("two.json", same)]) == []
    assert shared_product_names([("one.json", same)]) == []
    assert shared_product_names([("bad.json", [1]), ("x.json", {"products": 3})]) == []


def test_a_hostile_name_is_escaped() -> None:
    documents = [
        ("one\x1b[2J.json", _document("m\x1b]0;x\x07", "a_cal.fits")),
        ("two.json", _document("m\x1b]0;x\x07", "b_cal.fits")),
    ]
    found = shared_name_findings(documents, strict=True)
    messages = [finding.message for findings in found.values() for finding in findings]
    assert len(messages) == 2
    assert all(message.isprintable() for message in messages)
    assert all(f.severity == "error" for findings in found.values() for f in findings)


def test_the_command_reports_in_each_file(tmp_path: Path) -> None:
    for name, files in (("one_asn.json", ["a_cal.fits"]), ("two_asn.json", ["b_cal.fits"])):
        asn = asnkit.asn_from_list(files, product_name="mosaic")
        (tmp_path / name).write_text(asnkit.dumps(asn), encoding="utf-8")
    done = subprocess.run(
        [ASNKIT, "validate", "one_asn.json", "two_asn.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [
        "one_asn.json:/products/0/name: warning: product name 'mosaic' is also made by "
        "'two_asn.json' (/products/0) from other members: their outputs overwrite each "
        "other; rename one product",
        "two_asn.json:/products/0/name: warning: product name 'mosaic' is also made by "
        "'one_asn.json' (/products/0) from other members: their outputs overwrite each "
        "other; rename one product",
    ]
    alone = subprocess.run(
        [ASNKIT, "validate", "one_asn.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "also made by" not in alone.stdout
