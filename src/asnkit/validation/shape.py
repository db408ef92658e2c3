"""The schema layer: the stage's generated JSON Schema decides, and says where.

The compiled validator (fast; it stops at the first error) accepts a good document. When it
refuses one, :func:`shape_findings` walks the document with the same generated schema
(:func:`asnkit.schema.generate.association_schema`, the single statement of the document's
shape) and reports every violation, located. Nothing here restates the schema: a key, a type
or a required key added to the models reaches both.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final

from asnkit.codec.decode import json_type
from asnkit.validation.report import Finding, error

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from asnkit.vocabulary import Stage

__all__ = ["schema_walk", "shape_findings"]

_JSON_TYPES: Final = {
    "string": (str,),
    "array": (list, tuple),
    "object": (dict,),
    "null": (type(None),),
}
_NAMES: Final = {"string": "a string", "array": "an array", "object": "an object", "null": "null"}


@functools.cache
def _compiled(stage: Stage) -> Callable[[object], object]:
    from asnkit.schema import validator

    return validator(stage)


@functools.cache
def _schema(stage: Stage) -> dict[str, Any]:
    from asnkit.schema.generate import association_schema

    return association_schema(stage)


def shape_findings(document: Mapping[str, object], stage: Stage) -> list[Finding]:
    """Every violation of the stage's schema in ``document``, located; none when it conforms."""
    try:
        _compiled(stage)(document)
    except Exception as refusal:
        from asnkit.schema._refusal import JsonSchemaValueException

        if not isinstance(refusal, JsonSchemaValueException):  # pragma: no cover
            raise
        found = schema_walk(document, stage)
        if not found:  # pragma: no cover (the walk reads the schema the validator compiles)
            found.append(error("", str(refusal.message)))
        return found
    return []


def schema_walk(document: object, stage: Stage) -> list[Finding]:
    """Every violation of the stage's generated schema in ``document``, by walking it."""
    found: list[Finding] = []
    _walk(document, _schema(stage), found, pointer="", noun="association", label="it")
    return found


def _walk(
    value: object,
    schema: Mapping[str, Any],
    found: list[Finding],
    *,
    pointer: str,
    noun: str,
    label: str,
) -> None:
    """Check ``value`` against ``schema``; ``noun`` names an object, ``label`` the value."""
    options = schema.get("anyOf")
    kinds: list[str] = [option["type"] for option in options] if options else []
    if not options and "type" in schema:
        kinds = [schema["type"]]
    if kinds and not any(isinstance(value, _JSON_TYPES[kind]) for kind in kinds):
        expected = " or ".join(_NAMES[kind] for kind in kinds)
        found.append(error(pointer, f"{label} must be {expected}, not {json_type(value)}"))
        return
    if isinstance(value, dict):
        found.extend(
            error(pointer, _missing(noun, key))
            for key in schema.get("required", ())
            if key not in value
        )
        properties = schema.get("properties", {})
        for key, item in value.items():  # document order
            if key in properties:
                where = f"{pointer}/{_escape(key)}"
                _walk(item, properties[key], found, pointer=where, noun=key, label=key)
    items = schema.get("items")
    if items is not None and isinstance(value, (list, tuple)):
        # The items of "products" are products, of "members" members.
        singular = noun.removesuffix("s")
        for index, item in enumerate(value):
            where = f"{pointer}/{index}"
            _walk(item, items, found, pointer=where, noun=singular, label=f"a {singular}")


def _missing(noun: str, key: str) -> str:
    if noun == "association":
        return f"no {key!r} key: an association lists its {key}"
    return f"the {noun} has no {key!r} key"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
