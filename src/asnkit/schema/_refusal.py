"""The exceptions the compiled validators raise, without importing fastjsonschema.

fastjsonschema compiles the validators at development time (:mod:`asnkit.schema.generate`);
the code it writes imports its two exception classes from the fastjsonschema package, whose
import (its compiler, its URL resolver) costs every command's start-up more than checking a
document does. The generator points the compiled code here instead: the same names, the
same attributes, nothing else imported.
"""

from __future__ import annotations

__all__ = ["JsonSchemaValueException", "JsonSchemaValuesException"]


class JsonSchemaValueException(ValueError):  # noqa: N818 (fastjsonschema's name, kept)
    """A document breaks the schema: fastjsonschema's exception of the same name.

    Attributes:
        message: What is wrong, as ``data.products[0] must be object``.
        value: The offending value.
        name: Where, as ``data.products[0]``.
        definition: The part of the schema broken.
        rule: The keyword broken (``type``, ``required``, ...).
    """

    def __init__(
        self,
        message: str,
        value: object = None,
        name: str | None = None,
        definition: object = None,
        rule: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.value = value
        self.name = name
        self.definition = definition
        self.rule = rule


class JsonSchemaValuesException(ValueError):  # noqa: N818 (fastjsonschema's name, kept)
    """Several violations at once (fastjsonschema's, raised only without fast_fail).

    Attributes:
        errors: Each violation.
        message: Their messages, joined.
    """

    def __init__(self, errors: list[JsonSchemaValueException]) -> None:
        self.message = "; ".join(error.message for error in errors)
        super().__init__(self.message)
        self.errors = errors
