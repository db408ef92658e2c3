"""``asnkit inspect`` as a command: --stage, --format json, usage errors.

The table itself and the roles are tested in tests/headers/test_inspect.py.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from cli.clirun import in_process

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def ami(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import write_case

    monkeypatch.chdir(tmp_path)
    return write_case("niriss_ami", tmp_path)[1:]  # without the target acquisition


def test_json(ami: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "inspect", *ami, "--format", "json")
    assert (result.status, result.err) == (0, "")
    document = json.loads(result.out)
    assert [entry["file"] for entry in document["files"]] == ami
    assert document["files"][-1]["taken"] == [
        {
            "association": "jw01234-o001_ami3_00001_asn.json",
            "asn_type": "ami3",
            "asn_rule": "candidate_Asn_Lv3AMI",
            "product": "jw01234-o001_t001_niriss_f480m-nrm-sub80",
            "role": "psf",
        }
    ]
    assert document["files"][-1]["why_not"] is None
    assert document["files"][-1]["keywords"]["IS_PSF"] is True
    assert document["stage"] == "level3"
    assert document["association"] == {
        "asn_type": "ami3",
        "asn_rule": "candidate_Asn_Lv3AMI",
        "candidate": "o001",
        "program": "01234",
        "target": "t001",
        "products": ["jw01234-o001_t001_niriss_f480m-nrm-sub80"],
    }


def test_json_of_files_that_make_no_association(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import write_case

    monkeypatch.chdir(tmp_path)
    names = write_case("niriss_ami", tmp_path)
    result = in_process(capsys, "inspect", names[-1], "--format", "json")  # the PSF alone
    assert result.status == 1
    document = json.loads(result.out)
    assert document["association"] is None
    assert document["files"][0]["taken"] == []
    assert document["files"][0]["why_not"] == (
        "Asn_Lv3AMI: took it in a3001, but that association was not written: it lacks a "
        "science member"
    )
    assert document["problem"] == (
        f"{names[-1]}: the files make no Stage 3 association ({names[-1]}: "
        f"{document['files'][0]['why_not']})"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "missing argument 'FILE'"),
        (["--stage", "level4", "a.fits"], "invalid value for '--stage': 'level4' is not one of"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = in_process(capsys, "inspect", *args)
    assert (result.status, result.out) == (2, "")
    assert result.err.startswith(f"asnkit inspect: error: {message}")
    assert result.err.endswith("(see asnkit inspect --help)\n")


def test_the_stage_choices_are_the_vocabularys() -> None:
    from typing import get_args

    from asnkit.cli.inspect import StageChoice
    from asnkit.vocabulary import Stage

    assert {stage.value for stage in StageChoice} == set(get_args(Stage))
