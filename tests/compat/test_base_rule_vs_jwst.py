"""jwst's base rule ``Association`` (``asn_from_list -r Association``), and asnkit's answer.

jwst 3.0.0 writes ``{"asn_type": "None", "asn_rule": "Association", ..., "members": [...]}``:
no products, which no pipeline reads. asnkit does not make it (docs/differences.md) and
says, in its refusal, what to use instead (issue 25, gap 3).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from jwst_reference import JWST_VERSION, quiet_jwst

import asnkit

if TYPE_CHECKING:
    from pathlib import Path

FILES = ["a_cal.fits", "b_cal.fits"]


def _jwst_document() -> dict[str, object]:
    from jwst.associations import Association
    from jwst.associations.asn_from_list import asn_from_list

    with quiet_jwst():
        _, text = asn_from_list(FILES, rule=Association, product_name="p").dump()
    document: dict[str, object] = json.loads(text)
    return document


def test_jwst_writes_members_and_no_products() -> None:
    assert _jwst_document() == {
        "asn_type": "None",
        "asn_rule": "Association",
        "version_id": None,
        "code_version": JWST_VERSION,
        "members": FILES,
    }


def test_the_api_refuses_and_says_what_to_use() -> None:
    with pytest.raises(asnkit.UnknownRuleError) as raised:
        asnkit.asn_from_list(FILES, rule="Association", product_name="p")
    message = str(raised.value)
    assert "not supported" in message
    assert "DMS_Level3_Base" in message
    assert "DMSLevel2bBase" in message


def test_the_command_refuses_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    # Not the venv's ``asn_from_list`` script: the compat venv installs jwst after asnkit,
    # and jwst's entry point of the same name then wins.
    command = [sys.executable, "-c", "from asnkit.cli.asn_from_list import main; main()"]
    done = subprocess.run(
        [*command, "-r", "Association", "-o", "out.json", "--product-name", "p", *FILES],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("asn_from_list: error: rule 'Association' is not supported")
    assert "use DMS_Level3_Base" in lines[0]
    assert "DMSLevel2bBase" in lines[0]
    assert not (tmp_path / "out.json").exists()


def test_validate_rejects_what_jwst_writes() -> None:
    text = json.dumps(_jwst_document()).encode("utf-8")
    report = asnkit.validate(text)
    assert any("products" in finding.message for finding in report.errors), report.errors


def test_validate_forced_to_the_base_rule_says_what_to_use() -> None:
    with pytest.raises(asnkit.UnknownRuleError, match=r"not supported: .*DMS_Level3_Base"):
        asnkit.validate(b"{}", rule="Association")
