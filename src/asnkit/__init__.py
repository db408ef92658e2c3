"""asnkit: create, validate and edit JWST association files.

The names below are imported on first use, so that ``import asnkit`` (and the commands)
start without loading what they do not need. Each lives in the module named in ``_WHERE``;
docs/api.md documents them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from asnkit._version import __version__ as __version__

if TYPE_CHECKING:
    # The static declaration of the names (each re-exported by its alias); at run time
    # ``_WHERE`` says where each is, and ``__all__`` is made from it (a test keeps the two
    # equal).
    from asnkit.codec.emit import dump as dump
    from asnkit.codec.emit import dumps as dumps
    from asnkit.codec.structure import from_dict as from_dict
    from asnkit.codec.structure import from_json as from_json
    from asnkit.codec.structure import to_dict as to_dict
    from asnkit.comparison import Difference as Difference
    from asnkit.comparison import DiffResult as DiffResult
    from asnkit.comparison import diff as diff
    from asnkit.exceptions import AsnkitError as AsnkitError
    from asnkit.exceptions import EditError as EditError
    from asnkit.exceptions import GatherError as GatherError
    from asnkit.exceptions import HeaderError as HeaderError
    from asnkit.exceptions import InvalidAssociationError as InvalidAssociationError
    from asnkit.exceptions import LoadError as LoadError
    from asnkit.exceptions import PoolError as PoolError
    from asnkit.exceptions import UnknownRuleError as UnknownRuleError
    from asnkit.files import write_text as write_text
    from asnkit.from_list import asn_from_list as asn_from_list
    from asnkit.gathering import GatherResult as GatherResult
    from asnkit.gathering import gather as gather
    from asnkit.generate import Pool as Pool
    from asnkit.generate import generate as generate
    from asnkit.generate import read_pool as read_pool
    from asnkit.io import load as load
    from asnkit.io import write as write
    from asnkit.models import ABSENT as ABSENT
    from asnkit.models import Absent as Absent
    from asnkit.models import Association as Association
    from asnkit.models import Member as Member
    from asnkit.models import Product as Product
    from asnkit.rules import Level2bRule as Level2bRule
    from asnkit.rules import Level3Rule as Level3Rule
    from asnkit.rules import ProductNaming as ProductNaming
    from asnkit.rules import Rule as Rule
    from asnkit.rules import get_rule as get_rule
    from asnkit.validation import Finding as Finding
    from asnkit.validation import Report as Report
    from asnkit.validation import validate as validate
    from asnkit.vocabulary import ExpType as ExpType
    from asnkit.vocabulary import Stage as Stage


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
"""Each public name (but ``__version__``) and the module it lives in."""

__all__ = sorted([*_WHERE, "__version__"])  # noqa: PLE0605 (a list, made from the one table)


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
