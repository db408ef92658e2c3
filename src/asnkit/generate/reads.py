"""Which pool columns the generate engine can ever read, for a set of rules.

A pool row made from a FITS header needs the values of these columns only: the others are
never read by the rules, the engine or the product names, so their values cannot change
what is generated (``asnkit.generate.fits`` parses only these values of a header, most of
the cost of reading one). The columns come from the rules' own statements (every
:class:`~asnkit.generate.constraints.Attr`'s ``sources`` and the ``reads`` that
:class:`~asnkit.generate.constraints.Attr` and :class:`~asnkit.generate.constraints.Check`
state) and from the keywords :mod:`asnkit.generate.dms` says its tests read, with the few
columns the engine and the stages' code read by name (:data:`CODE_COLUMNS`).
tests/generate/test_reads.py checks, over every pool of the tests, that a pool cut down to
these columns generates exactly what the whole pool does.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

from asnkit.generate import dms
from asnkit.generate.constraints import Attr, Check, Group

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from asnkit.generate.constraints import Node
    from asnkit.generate.rule import PoolRule

__all__ = ["CODE_COLUMNS", "columns_read"]

CODE_COLUMNS: Final = (
    # engine.py: members, candidates, program and target of an association
    "filename",
    "asn_candidate",
    "exp_type",
    "exposerr",
    "program",
    "targetid",
    # level2b.py: backgrounds, imprints, dithers and nods of a Level 2b association
    "bkgdtarg",
    "dithptin",
    "patt_num",
    "fxd_slit",
    # dms.py: the exposure's kind, the NIRSpec, NIRCam and NIRISS optical paths
    *dms.EXPOSURE_KEYS,
    *dms.NRSFSS_KEYS,
    *dms.NRSIFU_KEYS,
    "instrume",
    "detector",
    "subarray",
    "pupil",
    "filter",
    "tsovisit",
)
"""The columns the engine's and the stages' code read by name, not through a statement."""


def _statement_columns(node: Node) -> Iterator[str]:
    if isinstance(node, Group):
        for part in node.parts:
            yield from _statement_columns(part)
    elif isinstance(node, Attr):
        yield from node.sources
        yield from node.reads or ()
    elif isinstance(node, Check):
        yield from node.reads or ()


def columns_read(rules: Iterable[PoolRule] | None = None) -> frozenset[str]:
    """Every pool column (lower case) the engine can read when it runs ``rules``.

    ``None``: every rule of :func:`asnkit.generate.rules` (worked out once).
    """
    if rules is None:
        return _default_columns()
    found = set(CODE_COLUMNS)
    for rule in rules:
        found.update(_statement_columns(rule.where))
    return frozenset(found)


@functools.cache
def _default_columns() -> frozenset[str]:
    from asnkit.generate import rules

    return columns_read(rules())
