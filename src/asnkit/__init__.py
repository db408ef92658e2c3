"""asnkit: create, validate and edit JWST association files.

The names below are imported on first use, so that ``import asnkit`` (and the commands)
start without loading what they do not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asnkit._version import __version__

if TYPE_CHECKING:
    from asnkit.convert import from_dict, from_json, to_dict
    from asnkit.exceptions import (
        AsnkitError,
        EditError,
        GatherError,
        InvalidAssociationError,
        LoadError,
        UnknownRuleError,
    )
    from asnkit.from_list import asn_from_list
    from asnkit.io import load, write_text
    from asnkit.models import ABSENT, Absent, Association, ExpType, Member, Product
    from asnkit.rules import Level2bRule, Level3Rule, Rule, get_rule
    from asnkit.validate import Finding, Report

__all__ = [
    "ABSENT",
    "Absent",
    "AsnkitError",
    "Association",
    "EditError",
    "ExpType",
    "Finding",
    "GatherError",
    "InvalidAssociationError",
    "Level2bRule",
    "Level3Rule",
    "LoadError",
    "Member",
    "Product",
    "Report",
    "Rule",
    "UnknownRuleError",
    "__version__",
    "asn_from_list",
    "from_dict",
    "from_json",
    "get_rule",
    "load",
    "to_dict",
    "write_text",
]

_WHERE = {
    "ABSENT": "asnkit.models",
    "Absent": "asnkit.models",
    "Association": "asnkit.models",
    "ExpType": "asnkit.models",
    "Member": "asnkit.models",
    "Product": "asnkit.models",
    "AsnkitError": "asnkit.exceptions",
    "EditError": "asnkit.exceptions",
    "GatherError": "asnkit.exceptions",
    "InvalidAssociationError": "asnkit.exceptions",
    "LoadError": "asnkit.exceptions",
    "UnknownRuleError": "asnkit.exceptions",
    "Level2bRule": "asnkit.rules",
    "Level3Rule": "asnkit.rules",
    "Rule": "asnkit.rules",
    "get_rule": "asnkit.rules",
    "asn_from_list": "asnkit.from_list",
    "from_dict": "asnkit.convert",
    "from_json": "asnkit.convert",
    "to_dict": "asnkit.convert",
    "load": "asnkit.io",
    "write_text": "asnkit.io",
    "Finding": "asnkit.validate",
    "Report": "asnkit.validate",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 (module attributes of every kind)
    try:
        module = _WHERE[name]
    except KeyError:
        msg = f"module 'asnkit' has no attribute {name!r}"
        raise AttributeError(msg) from None
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
