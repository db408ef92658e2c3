"""The generated schemas: fresh, and refusing what is not an association.

That they accept every document jwst's schemas accept: tests/compat/test_schemas_vs_jwst.py.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import schema_documents

from asnkit.schema import _compiled_level3, validator
from asnkit.schema._refusal import JsonSchemaValueException
from asnkit.schema.generate import association_schema, stale_files, streamlined

if TYPE_CHECKING:
    from collections.abc import Callable

    from asnkit.vocabulary import Stage

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


@functools.cache
def _fastjsonschema_own(stage: Stage) -> Callable[[object], object]:
    """The validator fastjsonschema compiles from the schema, not streamlined."""
    return fastjsonschema.compile(association_schema(stage))


def _verdict(check: Callable[[object], object], document: object) -> str | None:
    """``None`` when ``check`` accepts ``document``, else its message and where."""
    try:
        check(copy.deepcopy(document))
    except (JsonSchemaValueException, fastjsonschema.JsonSchemaValueException) as refusal:
        return f"{refusal.name}: {refusal.message} ({refusal.rule})"
    return None


@pytest.mark.skipif(
    fastjsonschema.VERSION != _compiled_level3.VERSION,
    reason="the validators were compiled by another fastjsonschema (tests_lowest's floor)",
)
@given(schema_documents, st.sampled_from(["level2b", "level3"]))
def test_the_streamlined_validator_agrees_with_fastjsonschemas_own(
    document: dict[str, Any], stage: Stage
) -> None:
    """The rewrites of generate.streamlined change no verdict and no message."""
    assert _verdict(validator(stage), document) == _verdict(_fastjsonschema_own(stage), document)


def test_streamlining_keeps_a_key_set_that_something_else_reads() -> None:
    code = (
        "    data_keys = set(data.keys())\n"
        '    if "a" in data_keys:\n'
        '        data_keys.remove("a")\n'
        "    if data_keys:\n"
        "        raise X\n"
    )
    assert streamlined(code) == code


def test_streamlining_drops_a_key_set_nothing_else_reads() -> None:
    code = (
        "from decimal import Decimal\n"
        "    data__missing_keys = set(['a', 'b']) - data.keys()\n"
        "    data_keys = set(data.keys())\n"
        '    if "a" in data_keys:\n'
        '        data_keys.remove("a")\n'
        "        x = 1\n"
    )
    assert streamlined(code) == (
        "    data__missing_keys = {'a', 'b'} - data.keys()\n    if \"a\" in data:\n        x = 1\n"
    )
