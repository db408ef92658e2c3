"""Generate the JSON Schemas from the models, and compile their validators.

``python -m asnkit.schema.generate`` writes ``schemas/*.json`` and the compiled validator
modules; ``--check`` writes nothing and exits 1 when any of them is stale.

Types and required keys come from the models' fields. Each stage declares the top-level
keys that jwst 3.0.0's schema of that stage declares, and no member item is required to be
an object, so that every document jwst's schemas accept, these accept too; what a document
means (a product without science, a member that is not an object) is checked by
:mod:`asnkit.validation`, which can say where and why.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Final

import attrs

from asnkit.models import Absent, Association, Member, Product
from asnkit.vocabulary import Stage

_DRAFT: Final = "http://json-schema.org/draft-07/schema#"

_TITLES: Final[dict[Stage, str]] = {
    "level2b": "JWST association: Stage 2b (one product per science exposure)",
    "level3": "JWST association: Stage 3 (exposures combined into products)",
}

# The keys each of jwst 3.0.0's schemas declares at each level; the others are free there,
# so declaring them here would refuse documents that jwst accepts.
_DECLARED: Final[dict[Stage, dict[type, frozenset[str]]]] = {
    "level2b": {
        Association: frozenset({"asn_type", "asn_rule", "asn_pool", "program", "products"}),
        Product: frozenset({"name", "members"}),
        Member: frozenset({"expname", "exptype"}),
    },
    "level3": {
        Association: frozenset(
            {
                "asn_type",
                "asn_rule",
                "asn_id",
                "program",
                "target",
                "asn_pool",
                "version_id",
                "products",
            }
        ),
        Product: frozenset({"name", "members"}),
        Member: frozenset({"expname", "exptype"}),
    },
}

_DESCRIPTIONS: Final[dict[str, str]] = {
    "asn_type": "What kind of association this is (image2, spec3, coron3, ...).",
    "asn_rule": "The rule that made the association.",
    "version_id": "A version stamp, or null.",
    "code_version": "The version of the program that wrote the file.",
    "degraded_status": "A note on degraded exposures.",
    "program": "The observing program.",
    "constraints": "A description of the rule's constraints.",
    "asn_id": "The association candidate id.",
    "target": "The target id.",
    "asn_pool": "The pool the association was made from.",
    "products": "The outputs, each with the inputs that make it.",
    "name": "The output's name: the pipeline's output files begin with it.",
    "members": "The inputs of the product.",
    "expname": "The input's file name.",
    "exptype": "The input's role: science, background, imprint, psf, ...",
}

_JWST_TYPES: Final[dict[str, object]] = {"target": str}
"""Fields whose type in jwst's schemas is narrower than the model's: the model also holds
the ``null`` target of romancal's API (:mod:`asnkit.validation.roman` checks that)."""

SCHEMA_DIR: Final = Path("schemas")
COMPILED_DIR: Final = Path("src/asnkit/schema")
"""Where the generated files live, relative to the repository's root."""


def _type_schema(annotation: object, stage: Stage) -> dict[str, Any]:
    """The schema of one field's type."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not Absent]
        if len(options) == 1:
            return _type_schema(options[0], stage)
        return {"anyOf": [_type_schema(option, stage) for option in options]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(annotation)[0], stage)}
    if annotation is str:
        return {"type": "string"}
    if annotation is type(None):
        return {"type": "null"}
    if isinstance(annotation, type) and attrs.has(annotation):
        return _object_schema(annotation, stage)
    msg = f"no schema for the type {annotation!r}"
    raise TypeError(msg)


def _object_schema(cls: type, stage: Stage) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if field.name in ("extra", "key_order"):
            continue  # other keys are free; order is layout
        if field.name not in _DECLARED[stage][cls]:
            continue
        properties[field.name] = {
            "description": _DESCRIPTIONS[field.name],
            **_type_schema(_JWST_TYPES.get(field.name, hints[field.name]), stage),
        }
        if field.default is attrs.NOTHING or field.metadata.get("required_in_document"):
            required.append(field.name)
    schema: dict[str, Any] = {}
    # jwst's schemas do not require a member to be an object (only products and the whole
    # document): neither do these, so they accept everything jwst's accept.
    if cls is not Member:
        schema["type"] = "object"
    schema["required"] = required
    schema["properties"] = properties
    return schema


def association_schema(stage: Stage) -> dict[str, Any]:
    """The JSON Schema of a ``stage`` association document."""
    body = _object_schema(Association, stage)
    return {"$schema": _DRAFT, "title": _TITLES[stage], **body}


def _schema_text(stage: Stage) -> str:
    return json.dumps(association_schema(stage), indent=2) + "\n"


def _compiled_text(stage: Stage) -> str:
    import fastjsonschema

    code = fastjsonschema.compile_to_code(association_schema(stage))
    # The compiled code raises asnkit's copies of the two exceptions: importing
    # fastjsonschema itself at run time would cost more than the check (see _refusal).
    imported = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
    if code.count(imported) != 1:  # pragma: no cover (a fastjsonschema that writes otherwise)
        msg = f"fastjsonschema's compiled code no longer imports: {imported.strip()}"
        raise RuntimeError(msg)
    code = code.replace(imported, imported.replace("fastjsonschema", "asnkit.schema._refusal"))
    code = streamlined(code)
    header = (
        f'"""The compiled validator of schemas/asn_{stage}.schema.json.\n\n'
        "Generated by asnkit.schema.generate from the schema; do not edit.\n"
        '"""\n'
        "# ruff: noqa\n"
        "# mypy: ignore-errors\n"
    )
    return header + code.rstrip() + "\n"


_KEY_SET: Final = re.compile(r"^[ \t]*(\w+)_keys = set\(\1\.keys\(\)\)\n", re.MULTILINE)
_REQUIRED: Final = re.compile(r"set\(\[('[^'\]]*'(?:, '[^'\]]*')*)\]\) - (\w+)\.keys\(\)")
_MISSING: Final = re.compile(
    r"^([ \t]*)(\w+)__missing_keys = (\{'[^'}]*'(?:, '[^'}]*')*\}) - \2\.keys\(\)\n"
    r"\1if \2__missing_keys:\n",
    re.MULTILINE,
)


def streamlined(code: str) -> str:
    """The compiled ``code`` of fastjsonschema, doing the same with less work per object.

    Three rewrites that change no result, for thousands of documents a second:

    - For every object with ``properties``, fastjsonschema copies its keys into a set and
      removes each known key from it, for ``additionalProperties`` to look at what is left;
      these schemas have no ``additionalProperties``, so nothing looks: a key is looked up in
      the object itself (``if "name" in data__x:``) and no set is built. Done only for an
      object whose set nothing else reads.
    - The required keys are a set display (``{'expname', 'exptype'} - item.keys()``), not a
      list made into a set on every call, and that set is made only when a key is missing:
      an object that has them all is asked ``'expname' in item and 'exptype' in item``.
    - ``decimal`` is imported only if the code uses it (it costs every command's start-up).

    tests/schema/test_schemas.py holds the result to fastjsonschema's own compiled validator
    (the same verdicts and messages) over generated documents.
    """
    for variable in _KEY_SET.findall(code):
        keys = f"{variable}_keys"
        made = re.compile(rf"^[ \t]*{keys} = set\({variable}\.keys\(\)\)\n", re.MULTILINE)
        removed = re.compile(rf'^[ \t]*{keys}\.remove\("[^"]*"\)\n', re.MULTILINE)
        tested = re.compile(rf'if ("[^"]*") in {keys}:')
        uses = len(made.findall(code)) + len(removed.findall(code)) + len(tested.findall(code))
        if code.count(keys) != uses:
            continue  # something else reads the set: keep it
        code = tested.sub(rf"if \1 in {variable}:", removed.sub("", made.sub("", code)))
    code = _MISSING.sub(_missing_only_then, _REQUIRED.sub(r"{\1} - \2.keys()", code))
    decimal = "from decimal import Decimal\n"
    if code.count("Decimal") == 1 and decimal in code:
        code = code.replace(decimal, "")
    return code


def _missing_only_then(match: re.Match[str]) -> str:
    """The missing keys computed only once a required key is found missing."""
    indent, variable, keys = match.groups()
    present = " and ".join(f"{key.strip()} in {variable}" for key in keys[1:-1].split(","))
    return (
        f"{indent}if not ({present}):\n"
        f"{indent}    {variable}__missing_keys = {keys} - {variable}.keys()\n"
    )


def expected_files(root: Path) -> dict[Path, str]:
    """Every generated file under the repository ``root``, with the text it must have."""
    files: dict[Path, str] = {}
    for stage in typing.get_args(Stage):
        files[root / SCHEMA_DIR / f"asn_{stage}.schema.json"] = _schema_text(stage)
        files[root / COMPILED_DIR / f"_compiled_{stage}.py"] = _compiled_text(stage)
    return files


def stale_files(root: Path) -> list[Path]:
    """The generated files under ``root`` that are missing or differ from the models'."""
    stale = []
    for path, text in expected_files(root).items():
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            stale.append(path)
    return stale


def main(argv: list[str] | None = None) -> int:
    """Write the generated files, or with ``--check`` report the stale ones."""
    parser = argparse.ArgumentParser(prog="python -m asnkit.schema.generate")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument(
        "--root", type=Path, default=Path(), help="the repository's root (default: here)"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.root)
        for path in stale:
            sys.stderr.write(f"stale: {path} (run: nox -s schemas)\n")
        return 1 if stale else 0
    for path, text in expected_files(args.root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
