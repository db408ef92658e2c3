"""The generated schemas: fresh, and refusing what is not an association.

That they accept every document jwst's schemas accept: tests/compat/test_schemas_vs_jwst.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from asnkit.schema import validator
from asnkit.schema._refusal import JsonSchemaValueException
from asnkit.schema.generate import stale_files

ROOT = Path(__file__).resolve().parents[2]


def test_schemas_and_compiled_validators_are_not_stale() -> None:
    assert stale_files(ROOT) == [], "run: nox -s schemas -- --write"


def test_a_stale_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "asn_level3.schema.json").write_text("{}", encoding="utf-8")
    stale = {path.name for path in stale_files(tmp_path)}
    assert stale == {
        "asn_level2b.schema.json",
        "asn_level3.schema.json",
        "_compiled_level2b.py",
        "_compiled_level3.py",
    }


@pytest.mark.parametrize("stage", ["level2b", "level3"])
def test_a_document_without_products_is_refused(stage: str) -> None:
    with pytest.raises(JsonSchemaValueException):
        validator(stage)({"asn_rule": "x"})  # type: ignore[arg-type]
