"""The generated schemas: fresh, and accepting every document jwst 3.0.0's schemas accept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import json_values

from asnkit.schema import validator
from asnkit.schema.generate import stale_files

JWST_SCHEMAS = {"level2b": "asn_schema_jw_level2b.json", "level3": "asn_schema_jw_level3.json"}


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


def _jwst_validator(reference: Path, stage: str) -> Any:
    schema = json.loads((reference / JWST_SCHEMAS[stage]).read_text(encoding="utf-8"))
    return fastjsonschema.compile(schema)


def _accepts(check: Any, document: object) -> bool:
    try:
        check(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


# Documents near the schemas' edges: the declared keys with values of every JSON type.
_keys = st.sampled_from(
    ["asn_type", "asn_rule", "asn_id", "program", "target", "asn_pool", "version_id", "other"]
)
_members = st.lists(
    st.one_of(
        json_values,
        st.dictionaries(st.sampled_from(["expname", "exptype", "exposerr", "x"]), json_values),
        st.fixed_dictionaries({"expname": st.text(max_size=3), "exptype": st.text(max_size=3)}),
    ),
    max_size=3,
)
_products = st.lists(
    st.one_of(
        json_values,
        st.fixed_dictionaries({"members": _members}, optional={"name": json_values}),
    ),
    max_size=3,
)
documents = st.one_of(
    json_values,
    st.builds(
        lambda extra, products: {**extra, "products": products},
        st.dictionaries(_keys, st.one_of(json_values, st.text(max_size=3))),
        st.one_of(_products, json_values),
    ),
)


@pytest.mark.parametrize("stage", ["level2b", "level3"])
@settings(max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_every_document_jwst_accepts_is_accepted(
    stage: str, reference: Path, document: object
) -> None:
    jwst = _jwst_validator(reference, stage)
    ours = validator(stage)  # type: ignore[arg-type]
    if _accepts(jwst, document):
        assert _accepts(ours, document)


@pytest.mark.parametrize("stage", ["level2b", "level3"])
def test_a_document_without_products_is_refused(stage: str) -> None:
    assert not _accepts(validator(stage), {"asn_rule": "x"})  # type: ignore[arg-type]
