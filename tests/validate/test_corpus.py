"""The corpus (tests/data/corpus): every verdict of INDEX.md, and its warnings."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest
from corpus_verdicts import main, read_index, read_index_rows
from testdata import CORPUS

from asnkit.rules import mission_of
from asnkit.validation import Report, validate

if TYPE_CHECKING:
    from pathlib import Path

# Warnings asnkit gives that INDEX.md's "why" column does not list, and why they are right:
# these two Stage 3 (spec3) associations of jwst's old test data list count-rate files as
# science members; calwebb_spec3 combines calibrated (_cal) files.
EXTRA_WARNINGS = {
    "jwst/spacetelescope__jwst@0.9.2__jwst__associations__tests__data__asn_standards__"
    "pool_019_niriss_wfss-o001_spec3_001_asn.json": {"suffix '_rate'"},
    "jwst/spacetelescope__jwst__jwst__associations__tests__data__sdp__asns__"
    "jw87600_20171108T042226_pool-a3001_spec3_001_asn.json": {"suffix '_rate'"},
}


# INDEX.md's warnings that are JWST's: a Roman file is checked with Roman's checks, and
# romancal writes asn_types of its own ("image", in its skycell tests).
JWST_ONLY = re.compile(r"asn_type '")


def _rows() -> dict[str, tuple[str, str]]:
    return read_index_rows(CORPUS / "INDEX.md")


def _kinds(report: Report) -> set[str]:
    """The warnings of ``report`` named as INDEX.md's "why" column names them."""
    kinds = set()
    for warning in report.warnings:
        message = warning.message
        if "is relative with a directory" in message or "has a backslash" in message:
            kinds.add("path in expname")
        elif match := re.match(r"(?:unknown )?exptype ('[^']*')", message):
            kinds.add(f"exptype {match.group(1)}")
        elif match := re.match(r"unknown asn_type ('[^']*')", message):
            kinds.add(f"asn_type {match.group(1)}")
        elif message.startswith("the same member"):
            kinds.add("duplicate member")
        elif match := re.search(r"suffix '_\w+'", message):
            kinds.add(match.group())
        else:  # pragma: no cover (a new kind of warning: name it here)
            kinds.add(message)
    return kinds


def test_index_lists_every_file() -> None:
    listed = set(read_index(CORPUS / "INDEX.md"))
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.json")}
    assert listed == on_disk
    assert len(listed) == 205


@pytest.mark.parametrize("name", sorted(_rows()))
def test_verdict_and_warnings(name: str) -> None:
    verdict, why = _rows()[name]
    report = validate(CORPUS / name)
    assert ("valid" if report.valid else "invalid") == verdict, report.findings
    if verdict == "invalid":
        assert report.errors
        return
    expected = {item.strip() for item in why.split(";") if item.strip()}
    if report.stage == "level3" or not _relative_with_directory(CORPUS / name):
        # Issue #13: an absolute name is not warned of, nor a name with a directory at
        # Stage 3, which resolves it from the association's directory (what --paths absolute
        # and --paths relative write); INDEX.md's "path in expname" was written for the old
        # warning, which named every "/".
        expected.discard("path in expname")
    if mission_of(json.loads((CORPUS / name).read_bytes())) == "roman":
        expected = {kind for kind in expected if not JWST_ONLY.match(kind)}
    assert _kinds(report) == expected | EXTRA_WARNINGS.get(name, set())


def _relative_with_directory(path: Path) -> bool:
    document = json.loads(path.read_bytes())
    return any(
        "/" in member["expname"] and not member["expname"].startswith("/")
        for product in document["products"]
        for member in product["members"]
    )


def test_the_nox_check_reports_a_differing_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    member = '{"expname": "a_cal.fits", "exptype": "science"}'
    good = '{"products": [{"name": "p", "members": [' + member + "]}]}"
    (tmp_path / "a.json").write_text(good)
    (tmp_path / "b.json").write_text(good[:-1])
    table = "| file | verdict | why |\n|---|---|---|\n"
    (tmp_path / "INDEX.md").write_text(table + "| a.json | valid |  |\n| b.json | valid |  |\n")
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "b.json: INDEX.md says valid, asnkit says invalid" in out
    assert "a.json:" not in out
    (tmp_path / "INDEX.md").write_text(table + "| a.json | valid |  |\n| b.json | invalid | x |\n")
    assert main([str(tmp_path)]) == 0
