# fastjsonschema ships no type information before 2.22.3 (its py.typed came with it), and
# asnkit supports it from 2.22.1 (pyproject.toml; the compiled validators import
# JsonSchemaValuesException, new in 2.22.1). This stub states the API of 2.22.1 to 2.22.3.
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

VERSION: str

Definition: TypeAlias = dict[str, Any] | bool
Handlers: TypeAlias = Mapping[str, Callable[[str], Any]]
Formats: TypeAlias = Mapping[str, str | Callable[[Any], bool]]
Validator: TypeAlias = Callable[..., Any]

class JsonSchemaException(ValueError): ...

class JsonSchemaValueException(JsonSchemaException):
    message: str
    value: Any
    name: str | None
    definition: Any
    rule: str | None
    def __init__(
        self,
        message: str,
        value: Any = None,
        name: str | None = None,
        definition: Any = None,
        rule: str | None = None,
    ) -> None: ...
    @property
    def path(self) -> list[str]: ...
    @property
    def rule_definition(self) -> Any: ...

class JsonSchemaValuesException(JsonSchemaException):
    message: str
    errors: list[JsonSchemaValueException]
    def __init__(self, errors: list[JsonSchemaValueException]) -> None: ...

class JsonSchemaDefinitionException(JsonSchemaException): ...

def validate(
    definition: Definition,
    data: Any,
    handlers: Handlers = ...,
    formats: Formats = ...,
    use_default: bool = True,
    use_formats: bool = True,
    detailed_exceptions: bool = True,
    fast_fail: bool = True,
) -> Any: ...
def compile(
    definition: Definition,
    handlers: Handlers = ...,
    formats: Formats = ...,
    use_default: bool = True,
    use_formats: bool = True,
    detailed_exceptions: bool = True,
    fast_fail: bool = True,
) -> Validator: ...
def compile_to_code(
    definition: Definition,
    handlers: Handlers = ...,
    formats: Formats = ...,
    use_default: bool = True,
    use_formats: bool = True,
    detailed_exceptions: bool = True,
    fast_fail: bool = True,
) -> str: ...
