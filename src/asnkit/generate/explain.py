"""Why an exposure is where it is: ``asnkit generate POOL --explain EXPOSURE``.

One line for each association that took the exposure (its file, rule and the role the
exposure plays), then one line for every other rule: the first of its conditions the
exposure failed, or, when the rule did take it, why that association was not written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, Literal

from asnkit.exceptions import PoolError
from asnkit.generate import missing_keyword
from asnkit.generate.constraints import EMPTY, Attr, Check, Computed, FoundIn, Group
from asnkit.generate.engine import (
    CompiledRule,
    GenAsn,
    Registry,
    _undo,  # the explanation replays the engine's checks step by step
    run,
)
from asnkit.generate.finish import MULTI_OBS_AC_TYPES, is_valid
from asnkit.generate.output import file_name

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asnkit.generate.engine import _C
    from asnkit.generate.pool import Pool
    from asnkit.generate.rule import PoolRule

__all__ = ["explain", "explain_rows", "find_rows"]


def find_rows(pool: Pool, exposure: str) -> list[Mapping[str, str]]:
    """The rows whose file name is ``exposure`` or starts with it (any case).

    A bare name finds a row whose file is in a folder (``jw..._uncal.fits`` finds
    ``data/jw..._uncal.fits``).

    Raises:
        PoolError: no row matches.
    """
    wanted = exposure.strip().lower()
    for suffix in (".fits", "_uncal", "_rate", "_cal", "_rateints", "_calints"):
        wanted = wanted.removesuffix(suffix)
    found = [
        row
        for row in pool.rows
        if (name := row.get("filename", "")).startswith(wanted)
        or ("/" not in wanted and name.rpartition("/")[2].startswith(wanted))
    ]
    if not found or not wanted:
        msg = f"no exposure {exposure!r} in the pool: give a FILENAME of the pool (or its start)"
        raise PoolError(pool.source, msg)
    return found


def explain(
    pool: Pool,
    exposure: str,
    *,
    rules: Sequence[PoolRule],
    candidates: Sequence[str] | None = None,
    discover: bool | Literal["only"] = True,
) -> list[str]:
    """The lines that say what became of ``exposure`` (see the module's description).

    ``candidates`` and ``discover`` choose what is made, as :func:`asnkit.generate.engine.run`
    takes them (``-i``, ``--discover``, ``--all-candidates``).

    Raises:
        PoolError: no row is ``exposure`` (:func:`find_rows`), or the rules read a keyword
            a row lacks.
    """
    rows = find_rows(pool, exposure)
    lines: list[str] = []
    for filename, reasons in explain_rows(
        pool, rows, rules=rules, candidates=candidates, discover=discover
    ):
        lines.append(f"{filename}:")
        lines.extend(f"  {reason}" for reason in reasons)
    return lines


def explain_rows(
    pool: Pool,
    rows: Sequence[Mapping[str, str]],
    *,
    rules: Sequence[PoolRule],
    candidates: Sequence[str] | None = None,
    discover: bool | Literal["only"] = True,
) -> list[tuple[str, list[str]]]:
    """For each of ``rows``, its file name and what became of it, from one run of the pool.

    Each reason is one sentence: ``taken by FILE (RULE), product NAME, as ROLE`` for each
    association that took it, then ``RULE: why not`` for every other rule (what
    :func:`explain` prints, indented, under the file name).

    Raises:
        PoolError: the rules read a keyword a row lacks.
    """
    registry = Registry(rules)
    made: list[GenAsn] = []
    try:
        written = run(
            pool.rows,
            registry,
            pool_name=pool.name,
            candidate_ids=candidates,
            discover=discover,
            record=made,
        )
    except LookupError as error:
        raise missing_keyword(pool, error) from None
    kept = {id(asn) for asn in written}
    takers: dict[str, list[tuple[str, str]]] = {}
    for asn in written:
        for name, members in asn.products:
            for member, member_row in members:
                reason = (
                    f"taken by {file_name(asn)} ({asn.crule.asn_rule}), "
                    f"product {name}, as {member['exptype']}"
                )
                takers.setdefault(member_row.get("filename", ""), []).append(
                    (asn.crule.rule.name, reason)
                )
    compiled = list(zip(registry.rules, registry.discover(), strict=True))
    unwritten = _first_unwritten(made, kept)
    failures: dict[CompiledRule, dict[tuple[object, ...], str | None]] = {}
    result: list[tuple[str, list[str]]] = []
    for row in rows:
        filename = row["filename"]
        taken = takers.get(filename, [])
        reasons = [reason for _, reason in taken]
        taken_rules = {rule for rule, _ in taken}
        for rule, crule in compiled:
            if rule.name in taken_rules:
                continue
            why = _why_not(rule, crule, row, unwritten, failures.setdefault(crule, {}))
            reasons.append(f"{rule.name}: {why}")
        result.append((filename, reasons))
    return result


def _first_unwritten(made: Sequence[GenAsn], kept: set[int]) -> dict[tuple[int, str], GenAsn]:
    """The first association made but not written, by its rule (``id``) and each file it took.

    Made once per run, so that each row and rule finds it in one lookup (looking through
    every association made for each row and rule was quadratic in the pool's size).
    """
    first: dict[tuple[int, str], GenAsn] = {}
    for asn in made:
        if id(asn) in kept:
            continue
        rule = id(asn.crule.rule)
        for filename in asn.filenames:
            first.setdefault((rule, filename), asn)
    return first


def _why_not(
    rule: PoolRule,
    crule: CompiledRule,
    row: Mapping[str, str],
    unwritten: Mapping[tuple[int, str], GenAsn],
    failures: dict[tuple[object, ...], str | None],
) -> str:
    filename = row["filename"]
    taker = unwritten.get((id(rule), filename))
    if taker is not None:
        return f"took it in {taker.asn_id}, but that association was not written: {_fate(taker)}"
    failure = _fresh_failure(crule, row, failures)
    if failure is None:
        return "takes it alone, but was not written with it (a candidate that is not its own)"
    return failure


def _fresh_failure(
    crule: CompiledRule, row: Mapping[str, str], failures: dict[tuple[object, ...], str | None]
) -> str | None:
    """Why a fresh association of ``crule`` refuses ``row``; remembered in ``failures``.

    The check of a fresh association, and what is said of it, read only the keywords the
    rule reads (stated, or learned as its computed conditions read them: the engine's
    memo key, :meth:`CompiledRule.memo_key`): rows alike in them fail alike. The key is
    taken again after the check, which may have taught the rule a keyword.
    """
    candidate = row.get("asn_candidate")
    known = failures.get(crule.memo_key(row, candidate), failures)
    if known is not failures:
        return known  # type: ignore[return-value]
    failure = _first_failure(crule.root, GenAsn(crule, "explain", None), dict(row))
    failures[crule.memo_key(row, candidate)] = failure
    return failure


def _fate(asn: GenAsn) -> str:
    if not is_valid(asn):
        missing = ["a science member"] if not asn.needs_met[0] else []
        needs = asn.crule.rule.needs
        missing += [need.name for k, need in enumerate(needs, start=1) if not asn.needs_met[k]]
        if asn.crule.rule.stage == "level2b" and not asn.needs_met[-1]:
            missing.append("an observation candidate (or a background member)")
        return "it lacks " + ", ".join(missing or ["what its rule needs"])
    acid_type = asn.acid[1].lower()
    if (
        asn.crule.rule.science
        and acid_type in MULTI_OBS_AC_TYPES
        and len(asn.found("obs_num")) <= 1
    ):
        return f"a {asn.acid[1]} candidate needs more than one observation"
    return "another association has the same members, or more of them under the same name"


_FALSE: Final = frozenset({"n", "f", "false"})
"""The "not set" cells (:data:`EMPTY`) that say no: a flag such as BKGDTARG set false."""

# Whether a failure says why (a keyword's value, a flag, a sentence of the rule's), or only
# that a computed condition does not hold.
_SAYS_WHY: Final = 1
_SAYS_NOTHING: Final = 0


def _first_failure(
    node: _C, asn: GenAsn, row: Mapping[str, str], context: str = "condition"
) -> str | None:
    """Why ``node`` refuses ``row``; ``None`` when it takes it. State as the engine leaves it.

    ``context`` names the nearest named group, for conditions that have no name.
    """
    failure = _failure(node, asn, row, context)
    return None if failure is None else failure[0]


def _failure(node: _C, asn: GenAsn, row: Mapping[str, str], context: str) -> tuple[str, int] | None:
    """:func:`_first_failure`, with whether it says why (``_SAYS_WHY``, ``_SAYS_NOTHING``)."""
    mark = len(asn.log)
    ok, _ = node.fn(asn, row)
    if ok:
        return None
    _undo(asn, mark)
    stmt = node.stmt
    if isinstance(stmt, Check) and not stmt.name and _is_sentence(stmt.label):
        return _check_failure(stmt, asn, row, context)  # the sentence says why, in context
    context = stmt.name or stmt.label or context
    if isinstance(stmt, Group):
        return _group_failure(node, stmt, asn, row, context)
    if isinstance(stmt, Attr):
        return _attr_failure(node, stmt, asn, row, context)
    return _check_failure(stmt, asn, row, context)


def _is_sentence(label: str) -> bool:
    """A label that says why (``not science, as this rule types it``), not a noun."""
    return "," in label or len(label.split()) > 3  # noqa: PLR2004 (a noun has a few words)


def _title(node: _C, context: str = "condition") -> str:
    stmt = node.stmt
    return stmt.name or stmt.label or context


def _group_failure(
    node: _C, stmt: Group, asn: GenAsn, row: Mapping[str, str], context: str
) -> tuple[str, int]:
    if stmt.reduce == "all":
        for child in node.children:
            mark = len(asn.log)
            ok, _ = child.fn(asn, row)
            if not ok:
                _undo(asn, mark)
                found = _failure(child, asn, row, context)
                return found or (_title(child, context), _SAYS_NOTHING)
        return _title(node, context), _SAYS_NOTHING
    if stmt.reduce in ("notany", "notall"):
        held = []
        for child in node.children:
            mark = len(asn.log)
            ok, _ = child.fn(asn, row)
            _undo(asn, mark)
            if ok:
                held.append(_describe_held(child, row))
        if not held:
            return f"{context}: does not hold", _SAYS_NOTHING
        return f"{context}: excludes {' and '.join(held)}", _SAYS_WHY
    return _any_failure(node, asn, row, context)


def _any_failure(node: _C, asn: GenAsn, row: Mapping[str, str], context: str) -> tuple[str, int]:
    """The failure of the alternative of an "any of" that tells the exposure's story best.

    Each alternative failed; the one named is the one that got furthest (it bound the most
    conditions before failing: the exposure is most nearly of that kind, e.g. an
    acquisition that only lacks an association of its observation); then one whose failure
    says why (a keyword's value, a flag, the rule's own sentence) over a computed condition
    that only "does not hold"; then the rule's science branch; then the last, since rules
    list the general alternative last (``TARGETID`` after the direct-image candidate of
    pure parallels: a pool without TARGETID is told so, not that its exposure is not in a
    direct-image candidate).
    """
    best_rank: tuple[int, int, int, int] | None = None
    best: tuple[str, int] = (_title(node, context), _SAYS_NOTHING)
    for order, child in enumerate(node.children):
        mark = len(asn.log)
        progress = _progress(child, asn, row)
        failure = _failure(child, asn, row, context) or (_title(child, context), _SAYS_NOTHING)
        _undo(asn, mark)
        rank = (progress, failure[1], 1 if child.name == "rule" else 0, order)
        if best_rank is None or rank > best_rank:
            best_rank, best = rank, failure
    return best


def _progress(node: _C, asn: GenAsn, row: Mapping[str, str]) -> int:
    """How many conditions ``node`` binds before it fails (how far it got)."""
    mark = len(asn.log)
    node.fn(asn, row)
    count = len(asn.log) - mark
    _undo(asn, mark)
    return count


def _describe_held(node: _C, row: Mapping[str, str]) -> str:
    stmt = node.stmt
    if isinstance(stmt, Attr):
        for source in stmt.sources:
            if source in row:
                return f"{source.upper()}={row[source]}"
    if isinstance(stmt, Group) and stmt.label:
        return stmt.label
    return _title(node)


def readable(pattern: str) -> str:
    r"""A rule's regular expression as a person reads it: ``c\d{4}`` is ``cNNNN``.

    ``\d{n}`` is n ``N``, ``\d+`` is ``N...``, ``.+`` and ``.*`` are ``...``; escapes go.
    """
    text = re.sub(r"\\d\{(\d+)\}", lambda m: "N" * int(m[1]), pattern)
    text = text.replace("\\d+", "N...").replace("\\d", "N")
    text = text.replace(".+", "...").replace(".*", "...")
    return text.replace("\\", "")


def _wanted(value: object, asn: GenAsn) -> str:
    if isinstance(value, FoundIn):
        return "|".join(asn.found(value.name)) or "nothing taken yet"
    if isinstance(value, Computed):
        return value.text
    if isinstance(value, tuple):
        return " or ".join(readable(v) for v in value)
    return readable(str(value))


def _attr_failure(  # noqa: PLR0911 (one sentence per way a keyword fails)
    node: _C, stmt: Attr, asn: GenAsn, row: Mapping[str, str], context: str
) -> tuple[str, int]:
    sources = asn.sources[node.idx]
    names = "/".join(source.upper() for source in sources)
    title = _title(node, context)
    present = [(s, row[s]) for s in sources if s in row]
    if stmt.undefined:
        source, cell = present[0] if present else (sources[0], "")
        return f"{title}: {source.upper()}={cell}, must not be set", _SAYS_WHY
    meaningful = [(s, c) for s, c in present if c not in EMPTY]
    if not meaningful:
        if not present:
            return f"{title}: the pool has no {names}", _SAYS_WHY
        cells = ", ".join(
            f"{s.upper()}={c} ({'false' if c.lower() in _FALSE else 'not set'})" for s, c in present
        )
        either = "one of them " if len(present) > 1 else ""
        if any(c.lower() in _FALSE for _, c in present):
            return f"{title}: {cells}, needs {either}true", _SAYS_WHY
        return f"{title}: {cells}, needs {either}a value", _SAYS_WHY
    source, cell = meaningful[0]
    value = asn.values[node.idx]
    if value is None:
        return f"{title}: {source.upper()}={cell} holds several values", _SAYS_WHY
    if isinstance(value, FoundIn) and not asn.found(value.name):
        joins = (
            f"{title}: {source.upper()}={cell}, needs the {value.name} of an association "
            "that has its science already (such an exposure joins one, never starts it)"
        )
        return joins, _SAYS_WHY
    return f"{title}: {source.upper()}={cell}, needs {_wanted(value, asn)}", _SAYS_WHY


def _check_failure(
    stmt: Check, asn: GenAsn, row: Mapping[str, str], context: str
) -> tuple[str, int]:
    if stmt.source is not None:
        got = stmt.source(row, asn)
        if not isinstance(got, bool):
            return f"{context}: is {got}, needs {stmt.value}", _SAYS_WHY
    if stmt.label and stmt.label != context:
        return f"{context}: {stmt.label}", _SAYS_WHY
    return f"{context}: does not hold", _SAYS_NOTHING
