"""Every association of a program from its pool, as jwst 3.0.0's ``asn_generate`` makes them.

>>> pool = read_pool("jw01234_20240101t000000_pool.csv")  # doctest: +SKIP
>>> for name, asn in generate_files(pool):  # doctest: +SKIP
...     print(name, asn.asn_type)

The rules are statements (:mod:`asnkit.generate.level3`, :mod:`asnkit.generate.level2b`);
the engine (:mod:`asnkit.generate.engine`) runs them; :func:`generate` returns the
associations as :class:`asnkit.models.Association` values, written with the same layout
as every other association asnkit writes.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import TYPE_CHECKING, Literal

from asnkit.generate.pool import NULL, Pool, parse_pool, pool_from_rows, read_pool

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from asnkit.exceptions import PoolError
    from asnkit.generate.engine import GenAsn, Registry
    from asnkit.generate.rule import PoolRule
    from asnkit.models import Association

__all__ = [
    "NULL",
    "REQUIRED_COLUMNS",
    "Pool",
    "default_registry",
    "generate",
    "generate_files",
    "parse_pool",
    "pool_from_rows",
    "read_pool",
    "rules",
]


REQUIRED_COLUMNS = ("filename", "asn_candidate")
"""The columns every pool must have, as jwst's ``asn_generate`` needs them."""


def rules() -> tuple[PoolRule, ...]:
    """Every rule asnkit generates with, in jwst's registry order (Level 2b, then Level 3)."""
    from asnkit.generate.level2b import LEVEL2B_RULES
    from asnkit.generate.level3 import LEVEL3_RULES

    return (
        *sorted(LEVEL2B_RULES, key=lambda rule: rule.name),
        *sorted(LEVEL3_RULES, key=lambda rule: rule.name),
    )


@functools.cache
def default_registry() -> Registry:
    """The registry of :func:`rules`, compiled once for every run (in every thread).

    A run keeps its own state (queues, associations, remembered refusals); what it adds to
    the compiled rules is only which keywords their computed conditions read.
    """
    from asnkit.generate.engine import Registry

    return Registry(rules())


def _as_pool(pool_or_rows: Pool | Iterable[Mapping[str, object]]) -> Pool:
    if isinstance(pool_or_rows, Pool):
        return pool_or_rows
    return pool_from_rows(pool_or_rows)


def _run(
    pool: Pool,
    *,
    candidates: Sequence[str] | None,
    version_id: str | bool | None,
    rule_set: Sequence[PoolRule] | None,
    warn: Callable[[str], None] | None,
    dms: bool = False,
    discover: bool | Literal["only"] = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[GenAsn]:
    from asnkit.generate.engine import Registry, candidates_by_type, run

    registry = default_registry() if rule_set is None else Registry(rule_set)
    given = None if candidates is None else list(candidates)
    if dms and given is not None:
        # asn_generate --DMS -i: the background candidates of the rows of those given are
        # generated too (so that what they make is pruned as jwst prunes it), then only the
        # associations of the candidates given are kept.
        rows = [row for row in pool.rows if any(cid in row["asn_candidate"] for cid in given)]
        backgrounds = candidates_by_type(rows).get("background", {})
        candidates = [*given, *(cid for cid in backgrounds if cid not in given)]
    made = run(
        pool.rows,
        registry,
        pool_name=pool.name,
        candidate_ids=candidates,
        discover=discover,
        version_id=version_id,
        warn=warn,
        progress=progress,
    )
    if dms and given is not None:
        made = [asn for asn in made if any(cid in asn.asn_id for cid in given)]
    return made


def generate_files(
    pool_or_rows: Pool | Iterable[Mapping[str, object]],
    *,
    candidates: Sequence[str] | None = None,
    version_id: str | bool | None = None,
    rule_set: Sequence[PoolRule] | None = None,
    warn: Callable[[str], None] | None = None,
    dms: bool = False,
    discover: bool | Literal["only"] = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[str, Association]]:
    """Every association with the file name jwst's ``asn_generate`` gives it.

    Args:
        pool_or_rows: A :class:`Pool` (see :func:`read_pool`) or rows (mappings of
            keyword to value; names and values are lower-cased as a pool file's are).
        candidates: Only these candidates (``o001``, ``c1000``), and no discovered
            associations: ``asn_generate -i``.
        version_id: A version tag for file names and ``version_id``; ``True``: the time
            now (``asn_generate --version-id`` without a value).
        rule_set: The rules to run; ``None``: every rule of :func:`rules`.
        warn: Called with a one-line message for a candidate not in the pool.
        dms: ``asn_generate --DMS``: with ``candidates``, the background candidates of
            their rows are generated too, and only the associations of ``candidates``
            kept (those the background candidates' duplicate are pruned as jwst prunes
            them); without ``candidates``, no change.
        discover: ``True``: every candidate's associations and the discovered ones
            (``asn_generate``'s default); ``False``: every candidate's and no discovered
            ones (``asn_generate --all-candidates``); ``"only"``: the discovered ones
            alone, numbered and pruned among themselves (``asn_generate
            --discover``). With ``candidates`` nothing is discovered: ``"only"`` is then
            a ``ValueError``.
        progress: Called with ``(done, total)`` as each candidate, then the discovery,
            is done (``asnkit generate`` draws its progress bar with it).

    Raises:
        PoolError: the pool lacks a column the rules need, a row a keyword they read, or
            a file or product name made of its values would break the name-part rule
            (:mod:`asnkit.name_parts`: a folder, ``..``, a control character, too long);
            the message names the row, the column and the value.
        ValueError: ``version_id`` cannot be part of a file name.
    """
    from asnkit.exceptions import PoolError
    from asnkit.generate.finish import file_name, to_association
    from asnkit.generate.name_check import check_version_id, refuse_unsafe_names

    if isinstance(version_id, str):
        check_version_id(version_id)
    pool = _as_pool(pool_or_rows)
    if pool.rows:
        for needed in REQUIRED_COLUMNS:
            if needed not in pool.columns:
                msg = (
                    f"no {needed.upper()} column: a pool names each exposure's file and "
                    "candidates (asnkit pool FILES writes one)"
                )
                raise PoolError(pool.source, msg)
    try:
        made = _run(
            pool,
            candidates=candidates,
            version_id=version_id,
            rule_set=rule_set,
            warn=warn,
            dms=dms,
            discover=discover,
            progress=progress,
        )
    except LookupError as error:
        raise missing_keyword(pool, error) from None
    refuse_unsafe_names(pool, [(file_name(asn), asn) for asn in made])
    return [to_association(asn) for asn in made]


def missing_keyword(pool: Pool, error: LookupError) -> PoolError:
    """The refusal of ``pool`` when the rules read a keyword a row lacks (``error``)."""
    from asnkit.exceptions import PoolError

    if isinstance(error, KeyError):
        keyword = str(error.args[0]).upper()
        msg = f"a row has no {keyword} keyword, which the rules read: add the column"
    else:
        msg = "a row has no EXP_TYPE value, which the rules read: fill the column"
    return PoolError(pool.source, msg)


def generate(
    pool_or_rows: Pool | Iterable[Mapping[str, object]],
    *,
    candidates: Sequence[str] | None = None,
    version_id: str | bool | None = None,
    rule_set: Sequence[PoolRule] | None = None,
    warn: Callable[[str], None] | None = None,
    dms: bool = False,
    discover: bool | Literal["only"] = True,
) -> list[Association]:
    """Every association jwst's ``asn_generate`` makes from the pool, in its order.

    See :func:`generate_files` for the arguments; this drops the file names.
    """
    return [
        asn
        for _, asn in generate_files(
            pool_or_rows,
            candidates=candidates,
            version_id=version_id,
            rule_set=rule_set,
            warn=warn,
            dms=dms,
            discover=discover,
        )
    ]


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`generate`.

    ``asnkit.generate`` names both this package and the function: once the package is
    imported, Python binds the name on ``asnkit`` to the package, so the package answers
    the call.
    """

    __call__ = staticmethod(generate)


sys.modules[__name__].__class__ = _CallableModule
