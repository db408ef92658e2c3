"""The one converter between association models and plain JSON values.

Every hook is registered here, on one :mod:`cattrs` JSON converter. Structuring keeps what a
real file carries: unknown keys go to ``extra``, the key order to ``key_order``, a missing key
stays :data:`~asnkit.models.ABSENT`. Values are checked strictly (a number is not a string),
and a failure becomes one located message (``$.products[0].members[2].expname: ...``)
through :func:`cattrs.transform_error`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from asnkit.codec.decode import JSONProblemError, decode, json_type
from asnkit.codec.key_order import association_items, member_items, product_items
from asnkit.exceptions import LoadError
from asnkit.models import (
    ASSOCIATION_KEYS,
    MEMBER_KEYS,
    PRODUCT_KEYS,
    Absent,
    Association,
    JSONValue,
    Member,
    Product,
)

if TYPE_CHECKING:
    from cattrs.preconf.json import JsonConverter

__all__ = ["converter", "from_dict", "from_json", "to_dict"]

_T = TypeVar("_T")


def _strict(expected: type[_T], label: str) -> Any:  # noqa: ANN401 (a cattrs hook)
    def hook(value: object, _type: object) -> _T:
        # bool is an int in Python, never a string or a name in JSON terms.
        if isinstance(value, expected) and not isinstance(value, bool):
            return value
        msg = f"expected {label}, got {_json_type(value)}"
        raise TypeError(msg)

    return hook


def _array_of(conv: JsonConverter) -> Any:  # noqa: ANN401 (a cattrs hook)
    """Structure ``tuple[X, ...]`` from a JSON array only, noting each failing index."""
    from cattrs.errors import IterableValidationError

    def hook(value: object, type_: Any) -> tuple[object, ...]:  # noqa: ANN401
        # A tuple never comes from JSON: it is a key_order built by this module.
        if not isinstance(value, (list, tuple)):
            msg = f"expected an array, got {_json_type(value)}"
            raise TypeError(msg)
        element = type_.__args__[0]
        items: list[object] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(conv.structure(item, element))
            except Exception as error:  # noqa: BLE001, PERF203 (every failing index is reported)
                # cattrs reads the place from the notes; set, not add_note, for Python 3.10.
                notes = [*getattr(error, "__notes__", []), _index_note(index, element)]
                setattr(error, "__notes__", notes)  # noqa: B010
                errors.append(error)
        if errors:
            msg = f"While structuring {type_!r}"
            raise IterableValidationError(msg, errors, type_)
        return tuple(items)

    return hook


def _index_note(index: int, element: type) -> Any:  # noqa: ANN401
    from cattrs.errors import IterableValidationNote

    return IterableValidationNote(f"Structuring {element!r} @ index {index}", index, element)


def _str_or_null(value: object, _type: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    msg = f"expected a string or null, got {_json_type(value)}"
    raise TypeError(msg)


def _json_type(value: object) -> str:
    """:func:`json_type`, with the value of a number."""
    kind = json_type(value)
    return f"{kind} ({value!r})" if kind == "a number" else kind


def _split(
    document: object, known: tuple[str, ...], what: str
) -> tuple[dict[str, object], dict[str, JSONValue], tuple[str, ...]]:
    """The known keys, the other keys and the key order of a JSON object."""
    if not isinstance(document, Mapping):
        msg = f"{what} must be an object, got {_json_type(document)}"
        raise TypeError(msg)
    fields: dict[str, object] = {}
    extra: dict[str, JSONValue] = {}
    for key, value in document.items():
        if key in known:
            fields[key] = value
        else:
            extra[key] = value
    return fields, extra, tuple(document)


@cache
def converter() -> JsonConverter:
    """The converter, made on first use (importing cattrs costs start-up time)."""
    from cattrs.gen import make_dict_structure_fn
    from cattrs.preconf.json import make_converter

    conv = make_converter(forbid_extra_keys=True)
    # A key that is in the document has a value: ABSENT never comes from a file, so the
    # optional fields are checked as what they hold.
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook_func(lambda t: t == str | Absent, _strict(str, "a string"))
    conv.register_structure_hook_func(lambda t: t == str | Absent | None, _str_or_null)
    # ``extra`` (the only mapping in the models) holds plain JSON values, already checked by
    # the JSON parser: kept as they are.
    conv.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is Mapping, lambda value, _: value
    )
    conv.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is tuple, _array_of(conv)
    )

    for cls, known, what in (
        (Member, MEMBER_KEYS, "a member"),
        (Product, PRODUCT_KEYS, "a product"),
        (Association, ASSOCIATION_KEYS, "an association"),
    ):
        generated = make_dict_structure_fn(cls, conv)
        # Keys a document must have although the model has a default (a member's exptype).
        required = tuple(
            f.name for f in attrs.fields(cls) if f.metadata.get("required_in_document")
        )

        def structure(
            value: object,
            _type: object,
            generated: Any = generated,  # noqa: ANN401 (bound per class)
            known: tuple[str, ...] = known,
            what: str = what,
            required: tuple[str, ...] = required,
        ) -> Any:  # noqa: ANN401 (a cattrs hook)
            fields, extra, order = _split(value, known, what)
            for key in required:
                if key not in fields:
                    msg = f"{what} must have the key {key!r}"
                    raise ValueError(msg)
            return generated({**fields, "extra": extra, "key_order": order}, _type)

        conv.register_structure_hook(cls, structure)

    conv.register_unstructure_hook(Member, lambda m: _plain(member_items(m), conv))
    conv.register_unstructure_hook(Product, lambda p: _plain(product_items(p), conv))
    conv.register_unstructure_hook(Association, lambda a: _plain(association_items(a), conv))
    return conv


def _plain(items: list[tuple[str, object]], conv: JsonConverter) -> dict[str, JSONValue]:
    return {
        key: [conv.unstructure(v) for v in value] if isinstance(value, tuple) else value  # type: ignore[misc]
        for key, value in items
    }


def to_dict(asn: Association) -> dict[str, JSONValue]:
    """``asn`` as plain JSON values, keys in the order they are written."""
    result: dict[str, JSONValue] = converter().unstructure(asn)
    return result


def from_dict(document: object, *, source: str = "<document>") -> Association:
    """Structure a decoded JSON object into an :class:`~asnkit.models.Association`.

    Raises:
        LoadError: the value is not an association; the message names where
            (``$.products[0].members[1].expname: expected a string, got null``).
    """
    from cattrs import BaseValidationError, transform_error

    if not isinstance(document, Mapping):
        raise LoadError(source, f"an association is a JSON object, not {json_type(document)}")
    try:
        return converter().structure(document, Association)
    except BaseValidationError as error:
        messages = transform_error(error, path="$", format_exception=_describe)
        raise LoadError(source, "; ".join(messages)) from None
    except TypeError as error:
        raise LoadError(source, f"$: {error}") from None


def _describe(error: BaseException, _type: object) -> str:
    if isinstance(error, KeyError):
        return f"required key {error.args[0]!r} is missing"
    return str(error)


def from_json(text: str | bytes, *, source: str = "<text>") -> Association:
    """Parse JSON text (or its UTF-8 bytes) into an association.

    The text is read by the one strict reader (:func:`asnkit.codec.decode.decode`); no size
    limit applies here (:func:`asnkit.load` has one).

    Raises:
        LoadError: the text is not strict JSON (the message gives the line and column), or
            not an association (the message gives the key's path).
    """
    try:
        document = decode(text)
    except JSONProblemError as problem:
        raise LoadError(
            source, problem.describe(), line=problem.line, column=problem.column
        ) from None
    return from_dict(document, source=source)
