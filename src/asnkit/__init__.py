"""asnkit: create, validate and edit JWST association files.

The names below are imported on first use, so that ``import asnkit`` (and the commands)
start without loading what they do not need. Each lives in the module named in ``_WHERE``;
docs/api.md documents them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from asnkit._version import __version__

if TYPE_CHECKING:
    from asnkit.codec.emit import dump, dumps
    from asnkit.codec.structure import from_dict, from_json, to_dict
    from asnkit.comparison import Difference, DiffResult, diff
    from asnkit.exceptions import (
        AsnkitError,
        EditError,
        GatherError,
        HeaderError,
        InvalidAssociationError,
        LoadError,
        PoolError,
        UnknownRuleError,
    )
    from asnkit.files import write_text
    from asnkit.from_list import asn_from_list
    from asnkit.gathering import GatherResult, gather
    from asnkit.generate import Pool, generate, read_pool
    from asnkit.io import load, write
    from asnkit.models import ABSENT, Absent, Association, Member, Product
    from asnkit.rules import Level2bRule, Level3Rule, ProductNaming, Rule, get_rule
    from asnkit.validation import Finding, Report, validate
    from asnkit.vocabulary import ExpType, Stage

__all__ = [
    "ABSENT",
    "Absent",
    "AsnkitError",
    "Association",
    "DiffResult",
    "Difference",
    "EditError",
    "ExpType",
    "Finding",
    "GatherError",
    "GatherResult",
    "HeaderError",
    "InvalidAssociationError",
    "Level2bRule",
    "Level3Rule",
    "LoadError",
    "Member",
    "Pool",
    "PoolError",
    "Product",
    "ProductNaming",
    "Report",
    "Rule",
    "Stage",
    "UnknownRuleError",
    "__version__",
    "asn_from_list",
    "diff",
    "dump",
    "dumps",
    "from_dict",
    "from_json",
    "gather",
    "generate",
    "get_rule",
    "load",
    "read_pool",
    "to_dict",
    "validate",
    "write",
    "write_text",
]

_WHERE: Final[dict[str, str]] = {
    "dump": "asnkit.codec.emit",
    "dumps": "asnkit.codec.emit",
    "from_dict": "asnkit.codec.structure",
    "from_json": "asnkit.codec.structure",
    "to_dict": "asnkit.codec.structure",
    "DiffResult": "asnkit.comparison",
    "Difference": "asnkit.comparison",
    "diff": "asnkit.comparison",
    "AsnkitError": "asnkit.exceptions",
    "EditError": "asnkit.exceptions",
    "GatherError": "asnkit.exceptions",
    "HeaderError": "asnkit.exceptions",
    "InvalidAssociationError": "asnkit.exceptions",
    "LoadError": "asnkit.exceptions",
    "PoolError": "asnkit.exceptions",
    "UnknownRuleError": "asnkit.exceptions",
    "asn_from_list": "asnkit.from_list",
    "GatherResult": "asnkit.gathering",
    "Pool": "asnkit.generate",
    "generate": "asnkit.generate",
    "read_pool": "asnkit.generate",
    "gather": "asnkit.gathering",
    "load": "asnkit.io",
    "write": "asnkit.io",
    "write_text": "asnkit.files",
    "ABSENT": "asnkit.models",
    "Absent": "asnkit.models",
    "Association": "asnkit.models",
    "Member": "asnkit.models",
    "Product": "asnkit.models",
    "Level2bRule": "asnkit.rules",
    "Level3Rule": "asnkit.rules",
    "ProductNaming": "asnkit.rules",
    "Rule": "asnkit.rules",
    "get_rule": "asnkit.rules",
    "Finding": "asnkit.validation",
    "Report": "asnkit.validation",
    "validate": "asnkit.validation",
    "ExpType": "asnkit.vocabulary",
    "Stage": "asnkit.vocabulary",
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
