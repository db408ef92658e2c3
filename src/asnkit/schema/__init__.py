"""JSON Schemas of association documents, and validators compiled from them.

The schemas in the repository's ``schemas/`` folder are generated from the models by
:mod:`asnkit.schema.generate`; the validators in ``_compiled_*.py`` are compiled from those
schemas by fastjsonschema at development time, so checking a document costs no compile at
run time. A test fails when either is stale (``nox -s schemas`` regenerates them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from asnkit.vocabulary import Stage

__all__ = ["validator"]


def validator(stage: Stage) -> Callable[[object], object]:
    """The compiled validator of ``stage``.

    It returns the document, or raises
    :class:`asnkit.schema._refusal.JsonSchemaValueException` naming the failing place.
    """
    if stage == "level2b":
        from asnkit.schema._compiled_level2b import validate as validate_level2b

        return validate_level2b
    from asnkit.schema._compiled_level3 import validate as validate_level3

    return validate_level3
