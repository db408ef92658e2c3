"""The engine: every rule over a pool's rows, as jwst 3.0.0's ``asn_generate`` runs them.

The order of events is jwst's, because the associations depend on it: rows are offered, in
pool order, first to the associations made so far, then to every rule of the registry
(a rule whose association took the row does not start another); a condition that binds
(``unique``) takes its value from the first row; rows sent round again wait in queues by
kind (:class:`~asnkit.generate.constraints.Work`). This runs once per candidate (rows of
observation ``oNNN`` and candidates ``cNNNN``, under the ``candidate`` rule set), then once
over the whole pool without candidates (``discover``), then each stage completes its
associations and prunes duplicates and subsets.

The speed comes from doing the same work without jwst's objects: a rule's conditions are
compiled once into a flat list; an association's state is four short lists (values,
sources, whether bound, values taken) with an undo log instead of deep copies; trying a
rule on a row costs a few dictionary lookups.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from ast import literal_eval
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Final, Literal, cast

from asnkit.generate import dms
from asnkit.generate.constraints import (
    EMPTY,
    Attr,
    Check,
    Computed,
    FoundIn,
    Group,
    Work,
    meets,
)
from asnkit.generate.finish import finish, resequence
from asnkit.generate.refusals import EXACT, PRESENT, Recorder, RefusalTree

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from asnkit.generate.constraints import Node
    from asnkit.generate.rule import PoolRule

__all__ = ["GenAsn", "Registry", "run"]

CANDIDATE_RULESET: Final = "candidate"
DISCOVER_RULESET: Final = "discover"
DEGRADED_OK: Final = "No known degraded exposures in association."
DEGRADED_NOTOK: Final = (
    "One or more members have an error associated with them."
    "\nDetails can be found in the member.exposerr attribute."
)

_ATTR, _CHECK, _GROUP = 0, 1, 2

_ESCAPED: dict[str, str] = {}


def _escape(value: str) -> str:
    """``re.escape``, remembered (the same values come back on every row)."""
    known = _ESCAPED.get(value)
    if known is None:
        known = re.escape(value)
        if len(_ESCAPED) < 100_000:  # noqa: PLR2004 (a bound, not a figure)
            _ESCAPED[value] = known
    return known


_EVALUATED: dict[str, object] = {}


def _evaluate(value: str) -> object:
    """The cell read as a Python literal (a candidate list), else the cell; remembered.

    The result is shared: callers only read it.
    """
    known = _EVALUATED.get(value, _EVALUATED)
    if known is _EVALUATED:
        try:
            known = literal_eval(value)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            known = value
        if len(_EVALUATED) < 100_000:  # noqa: PLR2004 (a bound, not a figure)
            _EVALUATED[value] = known
    return known


def _iterable(value: object) -> bool:
    """Jwst's ``is_iterable``: a list, set or dict, not a string or tuple."""
    return not isinstance(value, (str, tuple)) and hasattr(value, "__iter__")


class _Learned:
    """The keywords a rule's computed conditions were seen to read (grows, never shrinks).

    A condition whose ``reads`` is not stated reads the row through a :class:`_Recorder`;
    the keywords it touches join :attr:`keys` and :attr:`version` moves on, so that
    refusals remembered under fewer keywords are not taken for refusals of the new key.

    The default rules are compiled once per process and shared by every run, in every
    thread: the version and the keywords are one immutable pair, replaced whole under a
    lock, so that a reader never sees a version without its keywords nor a set changing
    while it reads it, and two threads that learn a keyword each keep both.
    """

    __slots__ = ("_lock", "_seen", "state")

    def __init__(self) -> None:
        self.state: tuple[int, tuple[str, ...]] = (0, ())
        self._seen: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    @property
    def version(self) -> int:
        """How many keywords have been learned."""
        return self.state[0]

    def saw(self, key: str) -> None:
        if key in self._seen:
            return
        with self._lock:
            version, keys = self.state
            if key not in keys:
                self.state = (version + 1, (*keys, key))
                self._seen = frozenset(self.state[1])


class _Recorder(Mapping[str, str]):
    """A row that tells :class:`_Learned` which keywords are read from it."""

    __slots__ = ("_learned", "_row")

    def __init__(self, row: Mapping[str, str], learned: _Learned) -> None:
        self._row = row
        self._learned = learned

    def __getitem__(self, key: str) -> str:
        self._learned.saw(key)
        return self._row[key]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self._learned.saw(key)
        return self._row.get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._learned.saw(key)
        return key in self._row

    def __iter__(self) -> Iterator[str]:
        # Whoever walks every key reads every key.
        for key in self._row:
            self._learned.saw(key)
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


_ACIDS: dict[str, tuple[str, str] | None] = {}


def _acid_of(text: str) -> tuple[str, str] | None:
    """``('o001', 'observation')`` read from a candidate condition's value; remembered."""
    if text in _ACIDS:
        return _ACIDS[text]
    try:
        acid_id, acid_type = literal_eval(text)
    except (ValueError, SyntaxError, TypeError):
        acid = None
    else:
        acid = (str(acid_id), str(acid_type))
    if len(_ACIDS) < 100_000:  # noqa: PLR2004 (a bound, not a figure)
        _ACIDS[text] = acid
    return acid


class _C:
    """A compiled statement: its place in the association's state and its children."""

    __slots__ = ("children", "fn", "idx", "kind", "name", "stmt", "trial")

    fn: Callable[[GenAsn, Mapping[str, str]], tuple[bool, list[_PL]]]
    trial: Callable[[GenAsn, Mapping[str, str]], tuple[bool, list[_PL]]]
    """The same check on a fresh association, the row a :class:`Recorder` (see _TrialAsn)."""

    def __init__(self, kind: int, idx: int, stmt: Node, children: tuple[_C, ...]) -> None:
        self.kind = kind
        self.idx = idx
        self.stmt = stmt
        self.name = stmt.name
        self.children = children


class _PL:
    """Rows waiting to be offered (jwst's ``ProcessList``)."""

    __slots__ = ("items", "only_on_match", "rules", "work")

    def __init__(
        self,
        items: list[Mapping[str, str]],
        rules: tuple[CompiledRule, ...] | None,
        work: Work,
        only_on_match: bool,
    ) -> None:
        self.items = items
        self.rules = rules
        self.work = work
        self.only_on_match = only_on_match


class _Queue:
    """Waiting rows by kind, then by (rules, kind): jwst's ``ProcessQueueSorted``."""

    def __init__(self) -> None:
        self.queues: dict[Work, dict[tuple[object, ...], _PL]] = {work: {} for work in Work}

    def append(self, pl: _PL) -> None:
        """Queue ``pl``, merged with a waiting list of the same rules and kind.

        The waiting list grows in place (a list queued is the queue's own: nothing else
        holds it), so that a list many rows join one by one costs as many rows, not their
        square.
        """
        key = (pl.rules, pl.work, pl.only_on_match)
        queue = self.queues[pl.work]
        there = queue.get(key)
        if there is None:
            queue[key] = _PL(list(pl.items), pl.rules, pl.work, pl.only_on_match)
        else:
            there.items.extend(pl.items)

    def __iter__(self) -> Iterator[_PL]:
        while True:
            for work in Work:
                queue = self.queues[work]
                if queue:
                    key = next(iter(queue))
                    yield queue.pop(key)
                    break
            else:
                return


def _workover_filter(pl: _PL, work: Work) -> _PL | None:
    both = (Work.RULES, Work.BOTH)
    if pl.work in both:
        if work in both:
            pl.work = Work.BOTH
            return pl
        return None
    if work not in both:
        return None
    return pl


class CompiledRule:
    """A rule made ready to run: its conditions, wrapped as its stage and rule set need."""

    def __init__(self, rule: PoolRule, ruleset: str, acid_condition: Attr | None) -> None:
        self.rule = rule
        self.ruleset = ruleset
        self.asn_rule = f"{ruleset}_{rule.name}"
        root_stmt = _stage_conditions(rule, acid_condition)
        self.nodes: list[_C] = []
        self.learned = _Learned()
        self.root = self._compile(root_stmt)
        size = len(self.nodes)
        self.size = size
        self.init_values: list[object] = [None] * size
        self.init_sources: list[tuple[str, ...]] = [()] * size
        self.init_unique: list[bool] = [False] * size
        for node in self.nodes:
            stmt = node.stmt
            if isinstance(stmt, Attr):
                self.init_values[node.idx] = stmt.value
                self.init_sources[node.idx] = stmt.sources
                self.init_unique[node.idx] = stmt.unique
            elif isinstance(stmt, Check):
                self.init_values[node.idx] = stmt.value
                self.init_unique[node.idx] = stmt.unique
        # jwst's lookups by name: the first in tree order below the root.
        self.by_name: dict[str, _C] = {}
        for node in self.nodes[1:]:
            if node.name is not None:
                self.by_name.setdefault(node.name, node)
        self.acid_nodes = [n for n in self.nodes if isinstance(n.stmt, Attr) and n.stmt.is_acid]
        self.named_leaves = [n for n in self.nodes if n.kind != _GROUP and n.name is not None]
        self.force_match = self.by_name.get("force_match")
        self.memo_keys = self._memo_keys()
        self.sends_to_others = any(
            isinstance(n.stmt, (Check, Group)) and n.stmt.reprocess_rules is not None
            for n in self.nodes
        )
        self.gates = () if self.force_match is not None else tuple(self._gates(self.root))

    def _gates(self, node: _C) -> Iterator[int]:
        """The keyword conditions every row must meet, once bound, for the rule to take it.

        Those reached from the root through ``all`` groups only (that send nothing round
        on failure), required, binding, on every row: a row whose keyword differs from
        the value an association bound fails the whole check, sending nothing round.
        """
        stmt = node.stmt
        if isinstance(stmt, Group):
            if stmt.reduce == "all" and not stmt.reprocess_on_fail:
                for child in node.children:
                    yield from self._gates(child)
        elif (
            isinstance(stmt, Attr)
            and stmt.required
            and stmt.unique
            and stmt.value is None
            and not stmt.undefined
            and not stmt.evaluate
            and stmt.only_if is None
        ):
            yield node.idx

    def for_candidate(self, cid: str) -> CompiledRule:
        """This rule held to candidate ``cid``: the same statements, its own identity."""
        clone = copy.copy(self)
        clone.init_values = list(self.init_values)
        for node in self.acid_nodes:
            clone.init_values[node.idx] = acid_pattern(cid)
        return clone

    def _memo_keys(self) -> tuple[str, ...]:
        """The keywords the rule's conditions are stated to read (``asn_candidate`` aside)."""
        keys: dict[str, None] = {}
        for node in self.nodes:
            stmt = node.stmt
            if isinstance(stmt, Attr):
                keys.update(dict.fromkeys(stmt.sources))
                if stmt.only_if is not None and stmt.reads is not None:
                    keys.update(dict.fromkeys(stmt.reads))
            elif isinstance(stmt, Check) and stmt.reads is not None:
                keys.update(dict.fromkeys(stmt.reads))
        keys.pop("asn_candidate", None)
        return tuple(keys)

    def memo_key(self, row: Mapping[str, str], candidate: str | None) -> tuple[object, ...]:
        """What a refusal of ``row`` depends on: every keyword the rule reads, and more.

        The candidate (its type under a candidate, the row's list in discovery) and the
        version of the keywords learned (see :class:`_Learned`).
        """
        version, learned = self.learned.state
        get = row.get
        if learned:
            return (version, candidate, *map(get, self.memo_keys), *map(get, learned))
        return (version, candidate, *map(get, self.memo_keys))

    def _compile(self, stmt: Node) -> _C:
        idx = len(self.nodes)
        if isinstance(stmt, Group):
            node = _C(_GROUP, idx, stmt, ())
            self.nodes.append(node)
            node.children = tuple(self._compile(part) for part in stmt.parts)
            node.fn = _group_fn(node, trial=False)
            node.trial = _group_fn(node, trial=True)
            return node
        kind = _ATTR if isinstance(stmt, Attr) else _CHECK
        node = _C(kind, idx, stmt, ())
        self.nodes.append(node)
        learned = self.learned
        if kind == _ATTR:
            node.fn = _attr_fn(node, learned, trial=False)
            node.trial = _attr_fn(node, learned, trial=True)
        else:
            node.fn = node.trial = _check_fn(node, learned)
        return node

    def __repr__(self) -> str:
        return f"<{self.asn_rule}>"


def _stage_conditions(rule: PoolRule, acid_condition: Attr | None) -> Node:
    """The rule's conditions, and the candidate's."""
    root: Node = rule.where
    if acid_condition is not None:
        if not isinstance(root, Group) or root.reduce != "all":
            root = Group((root,), "all")
        root = Group(
            (*root.parts, acid_condition),
            root.reduce,
            name=root.name,
            label=root.label,
            reprocess_on_match=root.reprocess_on_match,
            reprocess_on_fail=root.reprocess_on_fail,
            work=root.work,
            reprocess_rules=root.reprocess_rules,
        )
    return root


_NOTHING: Final = object()


class GenAsn:
    """An association being built (internal; see :func:`asnkit.generate.generate`)."""

    __slots__ = (
        "_pool",
        "crule",
        "data_target",
        "degraded",
        "filenames",
        "fingerprint",
        "found_values",
        "log",
        "member_keys",
        "needs_met",
        "order",
        "original_exptype",
        "pool_name",
        "products",
        "program_value",
        "refused",
        "sequence",
        "sources",
        "started",
        "unique",
        "values",
        "version_id",
    )

    def __init__(self, crule: CompiledRule, pool_name: str, version_id: str | None) -> None:
        self.crule = crule
        self.values = list(crule.init_values)
        self.sources = list(crule.init_sources)
        self.unique = list(crule.init_unique)
        self.found_values: list[dict[object, None] | None] = [None] * crule.size
        self.log: list[tuple[int, object, tuple[str, ...], bool, object]] = []
        self.filenames: set[str] = set()
        self.member_keys: set[tuple[str, str]] = set()
        self.order = 0
        self.refused: dict[tuple[object, ...], list[tuple[bool, Work, bool]]] | None = None
        self.fingerprint: tuple[object, ...] | None = None
        self.products: list[tuple[str, list[tuple[dict[str, object], Mapping[str, str]]]]] = []
        self.started = False
        self.program_value = "noprogram"
        self.pool_name = "none"
        self._pool = pool_name
        self.version_id = version_id
        self.degraded = DEGRADED_OK
        self.data_target = "none"
        n_needs = 1 + len(crule.rule.needs) + (1 if crule.rule.stage == "level2b" else 0)
        self.needs_met = [False] * n_needs
        self.sequence = 0
        self.original_exptype = "science"

    # -- state reads (the RowView and AsnState protocols) --

    def found(self, name: str) -> list[str]:
        """The values the first condition called ``name`` took, in order."""
        node = self.crule.by_name.get(name)
        if node is None:
            raise KeyError(name)
        values = self.found_values[node.idx]
        return [str(v) for v in values] if values else []

    def has_name(self, name: str) -> bool:
        """Whether a condition is called ``name``."""
        return name in self.crule.by_name

    def bound(self, name: str) -> object:
        """The value the first condition called ``name`` is bound to, or ``None``."""
        node = self.crule.by_name.get(name)
        if node is None or node.kind == _GROUP:
            return None
        return self.values[node.idx]

    @property
    def program(self) -> str:
        """The program, five digits."""
        return self.program_value

    @property
    def acid(self) -> tuple[str, str]:
        """The candidate id and type; ``a3001`` (discovered) without a candidate."""
        for node in self.crule.acid_nodes:
            values = self.found_values[node.idx]
            text = "-".join(str(v) for v in values or ()).replace("\\", "")
            acid = _acid_of(text)
            if acid is not None:
                return acid
        return "a3001", "discovered"

    def member_count(self) -> int:
        """How many members the current product has."""
        return len(self.products[-1][1]) if self.products else 0

    def exposure_type(self, row: Mapping[str, str]) -> str:
        """The member type the rule gives ``row``."""
        roles = self.crule.rule.roles
        exptype = dms.exposure_type(row)
        if roles == "science_or_acquisition":
            return exptype if exptype == "target_acquisition" else "science"
        if roles == "psf_as_science" or self.crule.rule.stage == "level2b":
            self.original_exptype = exptype
            stage_type = "science" if exptype == "psf" else exptype
            member_type = self.crule.rule.member_type
            return stage_type if member_type is None else member_type(row, stage_type, self)
        return exptype

    def original_exposure_type(self) -> str:
        """The type :meth:`exposure_type` saw last, before a PSF became science."""
        return self.original_exptype

    def has_science(self) -> bool:
        """Whether the current product has a science member."""
        if not self.products:
            return False
        return any(m["exptype"] == "science" for m, _ in self.products[-1][1])

    # -- the name parts of jwst's DMS product names --

    def target(self) -> str:
        """``t`` and the target id, three digits (``t001``)."""
        for node in self.crule.nodes:
            if node.name == "target" and node.kind != _GROUP:
                values = self.found_values[node.idx]
                if values:
                    return "t" + "-".join(str(v) for v in values).rjust(3, "0")
        return "t000"

    def instrument(self) -> str:
        """The instrument taken."""
        return "-".join(self.found("instrument"))

    def opt_element(self) -> str:
        """The optical elements taken, sorted, joined by ``-``; ``clear`` for none."""
        parts = []
        for name in ("opt_elem", "opt_elem2"):
            if not self.has_name(name):
                continue
            values = sorted(self.found(name), key=str.lower)
            value = "-".join(values)
            if value not in EMPTY:
                parts.append(value)
        parts.sort(key=str.lower)
        return "-".join(parts) or "clear"

    def slit_name(self) -> str:
        """The fixed slits taken, sorted, joined by ``-``."""
        names: list[str] = []
        for name in ("fxd_slit", "fxd_slit2"):
            if not self.has_name(name):
                continue
            values = sorted(self.found(name), key=str.lower)
            value = "-".join(values)
            if value not in EMPTY and value not in names:
                names.append(value)
        names.sort(key=str.lower)
        return "-".join(names)

    def subarray(self) -> str:
        """The subarray taken, empty for full frame."""
        if not self.has_name("subarray"):
            return ""
        value = "-".join(self.found("subarray"))
        return "" if value == "full" else value

    def constraints_text(self) -> str:
        """What the association took, in asnkit's words (written as ``constraints``)."""
        parts = []
        for node in self.crule.named_leaves:
            values = self.found_values[node.idx]
            if values:
                shown = "|".join(str(v).replace("\\", "") for v in values)
                parts.append(f"{node.name}={shown}")
        return f"{self.crule.rule.name}: " + ", ".join(parts)

    @property
    def asn_id(self) -> str:
        """The candidate id written as ``asn_id``."""
        return self.acid[0]

    def __repr__(self) -> str:
        names = [p[0] for p in self.products]
        return f"<{self.crule.asn_rule} {self.asn_id} {names}>"


class _TrialAsn(GenAsn):
    """A fresh association tried on a row read through a :class:`Recorder`.

    What the check reads back of the association's state (the values its conditions
    bound), the recorder makes count exactly: a cell bound and never read back counts
    only as its condition read it.
    """

    __slots__ = ("recorder",)

    def __init__(
        self, crule: CompiledRule, pool_name: str, version_id: str | None, recorder: Recorder
    ) -> None:
        super().__init__(crule, pool_name, version_id)
        self.recorder = recorder

    def _read_back(self, nodes: Iterable[_C]) -> None:
        for node in nodes:
            self.recorder.read_back(node.idx)

    def found(self, name: str) -> list[str]:
        node = self.crule.by_name.get(name)
        if node is not None:
            self.recorder.read_back(node.idx)
        return super().found(name)

    def bound(self, name: str) -> object:
        node = self.crule.by_name.get(name)
        if node is not None:
            self.recorder.read_back(node.idx)
        return super().bound(name)

    @property
    def acid(self) -> tuple[str, str]:
        self._read_back(self.crule.acid_nodes)
        return super().acid

    def target(self) -> str:
        self._read_back(node for node in self.crule.nodes if node.name == "target")
        return super().target()

    def constraints_text(self) -> str:
        self._read_back(self.crule.named_leaves)
        return super().constraints_text()


# ---------------------------------------------------------------- checking a row


def _set(
    asn: GenAsn,
    i: int,
    value: object,
    sources: tuple[str, ...] | None,
    *,
    bind: bool,
    found: object,
) -> None:
    """Record a change of condition ``i`` in the undo log, then make it."""
    values = asn.found_values[i]
    if values is None:
        values = asn.found_values[i] = {}
    added = _NOTHING
    try:
        if found not in values:
            values[found] = None
            added = found
    except TypeError:  # an unhashable value: jwst fails there; keep going without it
        pass
    asn.log.append((i, asn.values[i], asn.sources[i], asn.unique[i], added))
    if bind:
        asn.values[i] = value
        if sources is not None:
            asn.sources[i] = sources
            asn.unique[i] = False


def _undo(asn: GenAsn, mark: int) -> None:
    log = asn.log
    while len(log) > mark:
        i, value, sources, unique, added = log.pop()
        asn.values[i] = value
        asn.sources[i] = sources
        asn.unique[i] = unique
        if added is not _NOTHING:
            values = asn.found_values[i]
            if values is not None:
                values.pop(added, None)


def _multivalue(row: Mapping[str, str], source: str, values: Iterable[object]) -> _PL:
    items: list[Mapping[str, str]] = []
    for value in values:
        copy = dict(row)
        copy[source] = str(value)
        items.append(copy)
    return _PL(items, None, Work.BOTH, only_on_match=False)


def _trial_read(
    asn: GenAsn, row: Mapping[str, str], i: int, *, evaluate: bool
) -> tuple[str | None, str | None]:
    """The first keyword of condition ``i`` the row has set, and its cell, read in a trial.

    The :class:`Recorder` is told how the cell counts: a cell read as a literal counts
    itself; with nothing to compare with yet, whether it is set; with a value (or the
    values another condition took), whether it matches; a computed value, itself.
    """
    recorder = cast("Recorder", row)
    current = asn.values[i]
    mode: object
    if evaluate or isinstance(current, Computed):
        mode = EXACT
    elif current is None:
        mode = PRESENT
    elif isinstance(current, FoundIn):
        if current.name in asn.crule.by_name:
            mode = "(" + "|".join(asn.found(current.name)) + ")"
        else:
            mode = EXACT
    else:
        mode = current
    for name in asn.sources[i]:
        found = recorder.read(name, mode, i)
        if found is not None and found not in EMPTY:
            return name, found
    return None, None


def _attr_fn(  # noqa: C901, PLR0915 (jwst's AttrConstraint, branch by branch)
    node: _C, learned: _Learned, *, trial: bool
) -> Callable[[GenAsn, Mapping[str, str]], tuple[bool, list[_PL]]]:
    """The check of an :class:`Attr` (jwst's ``AttrConstraint.check_and_set``).

    ``trial``: the row is a :class:`Recorder`, told how each cell read counts: only
    whether it is set when there is nothing to compare it with yet, whether it matches
    when there is, the value itself when it is read as a literal.
    """
    stmt: Attr = node.stmt  # type: ignore[assignment]
    i = node.idx
    only_if = stmt.only_if
    stated = stmt.reads is not None
    again = stmt.reprocess
    only_on_match = stmt.only_on_match
    absent_ok = not stmt.required or stmt.undefined
    undefined = stmt.undefined
    evaluate = stmt.evaluate
    empty = EMPTY

    def check(asn: GenAsn, row: Mapping[str, str]) -> tuple[bool, list[_PL]]:  # noqa: C901, PLR0911, PLR0912
        if only_if is not None and not only_if(row if stated else _Recorder(row, learned), asn):
            if again is not None:
                return True, [_PL([row], None, again, only_on_match=only_on_match)]
            return True, []
        source = cell = None
        if trial:
            source, cell = _trial_read(asn, row, i, evaluate=evaluate)
        else:
            for name in asn.sources[i]:
                found = row.get(name)
                if found is not None and found not in empty:
                    source, cell = name, found
                    break
        if source is None or cell is None:
            return absent_ok, []
        if undefined:
            return False, []
        evaled: object = _evaluate(cell) if evaluate else cell
        current = asn.values[i]
        reprocess: list[_PL] = []
        if current is None:
            if _iterable(evaled):
                return False, [_multivalue(row, source, evaled)]  # type: ignore[arg-type]
            value = str(evaled)
        else:
            if isinstance(current, FoundIn):
                conditions: object = "(" + "|".join(asn.found(current.name)) + ")"
            elif isinstance(current, Computed):
                conditions = current.make(asn)
            else:
                conditions = current
            if isinstance(evaled, str):
                value = evaled
                if not meets(value, conditions):
                    return False, []
            else:
                candidates = evaled if _iterable(evaled) else [evaled]
                for item in candidates:  # type: ignore[attr-defined]
                    value = str(item)
                    if meets(value, conditions):
                        break
                else:
                    return False, []
                others = [other for other in candidates if other != item]  # type: ignore[attr-defined]
                if others:
                    reprocess.append(_multivalue(row, source, others))
        escaped = _escape(value)
        bind = asn.unique[i]
        _set(asn, i, escaped, (source,) if bind else None, bind=bind, found=escaped)
        if again is not None:
            reprocess.append(_PL([row], None, again, only_on_match=only_on_match))
        return True, reprocess

    return check


def _rules_of(names: tuple[str, ...] | None) -> tuple[CompiledRule, ...] | None:
    # () means every rule; the engine reads an empty tuple as such.
    if names is None:
        return None
    return ()


def _check_fn(
    node: _C, learned: _Learned
) -> Callable[[GenAsn, Mapping[str, str]], tuple[bool, list[_PL]]]:
    """The check of a :class:`Check` (jwst's ``SimpleConstraint.check_and_set``)."""
    stmt: Check = node.stmt  # type: ignore[assignment]
    i = node.idx
    source = stmt.source
    test = stmt.test
    stated = stmt.reads is not None
    unique = stmt.unique
    on_match = stmt.reprocess_on_match
    on_fail = stmt.reprocess_on_fail
    work = stmt.work
    rules_spec = stmt.reprocess_rules

    def check(asn: GenAsn, row: Mapping[str, str]) -> tuple[bool, list[_PL]]:
        seen = row if stated else _Recorder(row, learned)
        source_value: object = seen if source is None else source(seen, asn)
        current = asn.values[i]
        if current is None:
            matched = True
        elif test is None:
            matched = current == source_value
        else:
            matched = test(current, source_value)
        if matched:
            if unique:
                _set(asn, i, source_value, None, bind=True, found=source_value)
            else:
                _set(asn, i, current, None, bind=False, found=current)
        if (matched and on_match) or (not matched and on_fail):
            return matched, [_PL([row], _rules_of(rules_spec), work, only_on_match=False)]
        return matched, []

    return check


def _group_fn(  # noqa: C901 (jwst's four reductions)
    node: _C, *, trial: bool
) -> Callable[[GenAsn, Mapping[str, str]], tuple[bool, list[_PL]]]:
    """The check of a :class:`Group` (jwst's ``Constraint.check_and_set``)."""
    stmt: Group = node.stmt  # type: ignore[assignment]
    reduce = stmt.reduce
    children = tuple(child.trial if trial else child.fn for child in node.children)
    on_match = stmt.reprocess_on_match
    on_fail = stmt.reprocess_on_fail
    work = stmt.work
    rules_spec = stmt.reprocess_rules
    conjunction = reduce in ("all", "notall")
    negate = reduce in ("notall", "notany")

    def check(asn: GenAsn, row: Mapping[str, str]) -> tuple[bool, list[_PL]]:  # noqa: C901, PLR0912
        reprocess: list[_PL]
        if not children:
            matched, reprocess = False, []
        elif conjunction:
            all_match = True
            negative: list[_PL] | None = None
            positive: list[_PL] = []
            for child in children:
                ok, rep = child(asn, row)
                if ok:
                    if all_match and rep:
                        positive.extend(rep)
                else:
                    all_match = False
                    if not rep:
                        negative = None
                        break
                    if negative is None:
                        negative = rep
            reprocess = positive if all_match else (negative or [])
            matched = all_match != negate
        else:
            reprocess = []
            ok = False
            for child in children:
                ok, rep = child(asn, row)
                if ok:
                    reprocess = rep
                    break
                if rep:
                    reprocess.extend(rep)
            matched = ok != negate
        if (matched and on_match) or (not matched and on_fail):
            reprocess = [*reprocess, _PL([row], _rules_of(rules_spec), work, only_on_match=False)]
        return matched, reprocess

    return check


# ---------------------------------------------------------------- adding a row


def _add(asn: GenAsn, row: Mapping[str, str]) -> tuple[bool, list[_PL]]:
    """Jwst's ``Association.add``: check the conditions, then take the row."""
    if row["filename"] in asn.filenames:
        return True, []
    mark = len(asn.log)
    matched, reprocess = asn.crule.root.fn(asn, row)
    if not matched:
        if asn.started or asn.crule.force_match is not None:
            _undo(asn, mark)
        # else: a fresh association that refused its first row is dropped, state and all
    else:
        del asn.log[mark:]  # nothing to undo any more: keep the log short
    for pl in reprocess:
        if pl.rules is None:
            pl.rules = (asn.crule,)
    if matched:
        stage = _STAGES[asn.crule.rule.stage]
        if not asn.started:
            stage.init_hook(asn, row)
            asn.started = True
        stage.add(asn, row)
    force = asn.crule.force_match
    if force is not None and force.kind != _GROUP:
        value = asn.values[force.idx]
        if value is not None:
            matched = bool(value)
    return matched, reprocess


def _forced(asn: GenAsn) -> bool:
    """Whether the rule's ``force_match`` condition took a value (it then decides)."""
    force = asn.crule.force_match
    return force is not None and (force.kind == _GROUP or asn.values[force.idx] is not None)


class _Stage:
    """What a stage does when an association starts and when it takes a row."""

    def init_hook(self, asn: GenAsn, row: Mapping[str, str]) -> None:
        raise NotImplementedError

    def add(self, asn: GenAsn, row: Mapping[str, str]) -> None:
        raise NotImplementedError


def _needs_candidate(rule: PoolRule) -> bool:
    """Whether the rule writes only associations of an observation or background candidate.

    Level 2b's (but a rule written under any candidate): see :func:`_update_validity`.
    """
    return rule.stage == "level2b" and not rule.any_candidate


def never_written_when_discovered(crule: CompiledRule) -> bool:
    """Whether discovery can leave the rule out without changing any association written.

    Its discovered associations (candidate ``a3001``, of type ``discovered``) are never
    valid (:func:`_needs_candidate`), so never written; and what they do to the rest of
    the pass stays within the rule: a row they take stops only this rule from starting
    another, and a row they send round goes to this rule alone (none of its conditions
    sends rows to every rule, ``reprocess_rules``). The other rules then see the same rows
    in the same order with or without it (the queue's order among their waiting lists
    does not depend on lists of this rule's own). Building them is what jwst does, and
    on a pool with many observations of one target it is quadratic: each WFSS direct
    image joins (and is sent round by) every grism association of the pool.
    """
    return _needs_candidate(crule.rule) and not crule.acid_nodes and not crule.sends_to_others


def _update_validity(asn: GenAsn, member: Mapping[str, object]) -> None:
    needs = asn.crule.rule.needs
    met = asn.needs_met
    if not met[0]:
        met[0] = member["exptype"] == "science"
    for k, need in enumerate(needs, start=1):
        if not met[k]:
            met[k] = need.check(member, asn)
    if asn.crule.rule.stage == "level2b" and not met[-1]:
        acid_type = asn.acid[1].lower()
        ok = acid_type == "observation" or not _needs_candidate(asn.crule.rule)
        if acid_type == "background":
            ok = any(str(m["exptype"]).lower() == "background" for m, _ in asn.products[-1][1])
        met[-1] = ok


def _degraded(asn: GenAsn, member: Mapping[str, object] | None) -> None:
    """Jwst's degraded status: any member with an exposure error marks the association.

    jwst looks at every member on every addition; members are only ever added, so looking
    at the new one gives the same status without going over the others again.
    """
    if asn.degraded != DEGRADED_OK or member is None:
        return
    if "exposerr" in member and member["exposerr"] not in _EMPTY_ERR:
        asn.degraded = DEGRADED_NOTOK


_EMPTY_ERR: Final = frozenset({None, *EMPTY})


class _Level3(_Stage):
    """jwst's ``DMS_Level3_Base``: one product, named from what the association took."""

    def init_hook(self, asn: GenAsn, row: Mapping[str, str]) -> None:
        asn.products.append(("undefined", []))
        self.update(asn, row)

    def add(self, asn: GenAsn, row: Mapping[str, str]) -> None:
        rule = asn.crule.rule
        exptype = asn.exposure_type(row)
        integrations = (
            rule.integrations(row)
            if rule.integrations is not None
            else (dms.is_item_coron(row) or dms.is_item_ami(row) or dms.is_item_tso(row))
        )
        expname = dms.rename_to_level2(
            row["filename"],
            row["exp_type"],
            use_integrations=integrations,
            member_exptype=exptype,
        )
        members = asn.products[-1][1]
        if (expname, exptype) in asn.member_keys:
            return
        member: dict[str, object] = {
            "expname": expname,
            "exptype": exptype,
            "exposerr": row.get("exposerr"),
            "asn_candidate": row["asn_candidate"],
        }
        _update_validity(asn, member)
        members.append((member, row))
        asn.member_keys.add((expname, exptype))
        asn.filenames.add(row["filename"])
        self.update(asn, row, member)

    def update(
        self, asn: GenAsn, row: Mapping[str, str], member: Mapping[str, object] | None = None
    ) -> None:
        _degraded(asn, member)
        if asn.program_value == "noprogram":
            asn.program_value = row["program"].rjust(5, "0")
        if asn.pool_name == "none":
            asn.pool_name = asn._pool  # noqa: SLF001
        asn.data_target = asn.target()
        namer = asn.crule.rule.product_name
        name = "undefined" if namer is None else namer(asn)
        asn.products[-1] = (name, asn.products[-1][1])


class _Level2b(_Stage):
    """jwst's ``DMSLevel2bBase``: one product per science exposure, named after it."""

    def init_hook(self, asn: GenAsn, row: Mapping[str, str]) -> None:
        asn.data_target = row["targetid"]
        asn.program_value = row["program"].rjust(5, "0")
        asn.pool_name = asn._pool  # noqa: SLF001
        asn.products.append((self.product_name(asn), []))

    def add(self, asn: GenAsn, row: Mapping[str, str]) -> None:
        rule = asn.crule.rule
        integrations = (
            rule.integrations(row)
            if rule.integrations is not None
            else (
                dms.is_item_coron(row)
                or dms.is_item_ami(row)
                or dms.is_item_tso(row, bound_tso=asn.bound("is_tso") == "t")
            )
        )
        member: dict[str, object] = {
            "expname": dms.rename_to_level2a(row["filename"], use_integrations=integrations),
            "exptype": asn.exposure_type(row),
            "exposerr": row.get("exposerr"),
        }
        members = asn.products[-1][1]
        if (member["expname"], member["exptype"]) in asn.member_keys:
            return
        members.append((member, row))
        asn.member_keys.add((str(member["expname"]), str(member["exptype"])))
        asn.filenames.add(row["filename"])
        _update_validity(asn, member)
        _degraded(asn, member)
        asn.products[-1] = (self.product_name(asn), members)

    @staticmethod
    def product_name(asn: GenAsn) -> str:
        namer = asn.crule.rule.product_name
        if namer is not None:
            return namer(asn)
        return level2b_product_name(asn)


def level2b_product_name(asn: GenAsn) -> str:
    """A Stage 2 product's name: its first science member's file name without suffix."""
    from asnkit.rules import Level2bRule

    if not asn.products:
        return "undefined"
    for member, _ in asn.products[-1][1]:
        if member["exptype"] == "science":
            return Level2bRule.product_name(str(member["expname"]))
    return "undefined"


_STAGES: dict[str, _Stage] = {"level3": _Level3(), "level2b": _Level2b()}


# ---------------------------------------------------------------- a pass over rows


_Refusals = dict[tuple[object, ...], list[tuple[bool, Work, bool]]]


_Place = tuple[tuple[tuple[str, str], ...], tuple[object, ...]]
"""Where an association is filed: its gate values and its state."""

_ByValues = dict[tuple[str, ...], dict[tuple[object, ...], dict[int, "GenAsn"]]]
"""Associations of one rule and gate keywords: by their bound values, by state, by order."""


def _gate_values(row: Mapping[str, str], sources: tuple[str, ...]) -> tuple[str, ...] | None:
    """The row's values of a gate's keywords, as a bound value reads them; ``None``: one unset.

    A row fits a gate when these are the gate's bound values (each escaped, any case).
    """
    values = []
    for source in sources:
        cell = row.get(source)
        if cell is None or cell in EMPTY:
            return None
        values.append(_escape(cell).lower())
    return tuple(values)


class _Index:
    """The associations made so far, found by the values they bound, grouped by state.

    A row is offered, in the order the associations were made, only to those whose bound
    gate values (see ``CompiledRule._gates``) it has, and to those with no gate: every other
    would refuse it, sending nothing round. An association the row is already a member of
    only takes it again, doing nothing: its rule is found in ``by_filename`` (the rules of
    the associations each file is a member of), without offering the row to each one (a
    direct image sent round is a member of every grism association of its kind: offering it
    to each, every time round, was quadratic in the pool's size).

    Associations of one rule in the same state (bound values, values taken, whether they
    have a science member...) answer a row alike: they share their remembered refusals
    (``shared``), and a group that refuses a row kind outright is passed over whole.
    """

    def __init__(self) -> None:
        self.count = 0
        self.groups: dict[
            CompiledRule,
            dict[
                tuple[str, ...], dict[tuple[str, ...], dict[tuple[object, ...], dict[int, GenAsn]]]
            ],
        ] = {}
        """By rule, by the gate's keywords, by their bound values, by state: the associations.

        A row finds the associations whose gate it fits in one lookup per rule and gate
        keywords (the keywords a rule binds its gate from are few), whatever their number.
        """
        self.by_filename: dict[str, set[CompiledRule]] = {}
        self.shared: dict[tuple[str, tuple[object, ...]], _Refusals] = {}
        self.where: dict[int, _Place] = {}

    def _gate(self, asn: GenAsn) -> tuple[tuple[str, str], ...]:
        gates = asn.crule.gates
        if not gates:
            return ()
        return tuple((asn.sources[idx][0], str(asn.values[idx]).lower()) for idx in gates)

    def _state(self, asn: GenAsn) -> tuple[object, ...]:
        """What a check can read of the association: its conditions' state and members."""
        if asn.fingerprint is None:
            found = tuple(tuple(values) if values else () for values in asn.found_values)
            fingerprint: tuple[object, ...] = (
                tuple(asn.values),
                tuple(asn.sources),
                tuple(asn.unique),
                found,
                asn.has_science(),
                asn.member_count(),
            )
            try:
                hash(fingerprint)
            except TypeError:  # an unhashable bound value: the association stands alone
                fingerprint = (id(asn),)
            asn.fingerprint = fingerprint
            asn.refused = self.shared.setdefault((asn.crule.rule.name, fingerprint), {})
        return asn.fingerprint

    def add(self, asn: GenAsn) -> None:
        asn.order = self.count
        self.count += 1
        self._place(asn)

    def _place(self, asn: GenAsn) -> None:
        gate = self._gate(asn)
        state = self._state(asn)
        sources = tuple(source for source, _ in gate)
        values = tuple(value for _, value in gate)
        by_sources = self.groups.setdefault(asn.crule, {}).setdefault(sources, {})
        by_sources.setdefault(values, {}).setdefault(state, {})[asn.order] = asn
        self.where[id(asn)] = (gate, state)

    def changed(self, asn: GenAsn) -> None:
        """The association took a row: its state, and so its group, may differ."""
        gate, state = self.where[id(asn)]
        by_sources = self.groups[asn.crule][tuple(source for source, _ in gate)]
        values = tuple(value for _, value in gate)
        by_state = by_sources[values]
        group = by_state[state]
        del group[asn.order]
        if not group:
            del by_state[state]
            if not by_state:
                del by_sources[values]
        asn.fingerprint = None
        self._place(asn)

    def member(self, filename: str, asn: GenAsn) -> None:
        """The association took ``filename`` (an association never gives a file back)."""
        self.by_filename.setdefault(filename, set()).add(asn.crule)

    def taken(
        self, filename: str, allowed: set[CompiledRule], *, every_rule: bool
    ) -> set[CompiledRule]:
        """The rules (of those allowed) with an association that has ``filename``."""
        rules = self.by_filename.get(filename)
        if not rules:
            return set()
        return set(rules) if every_rule else rules & allowed

    def offered(
        self,
        row: Mapping[str, str],
        allowed: set[CompiledRule],
        keys: Callable[[CompiledRule], tuple[object, ...]],
        *,
        every_rule: bool,
    ) -> list[GenAsn]:
        found: dict[int, GenAsn] = {}
        for crule, by_gate in self.groups.items():
            if not every_rule and crule not in allowed:
                continue
            key = None
            for sources, by_values in by_gate.items():
                values = _gate_values(row, sources) if sources else ()
                if values is None:
                    continue
                by_state = by_values.get(values)
                if by_state is None:
                    continue
                if key is None:
                    key = keys(crule)
                for state, members in by_state.items():
                    refused = self.shared.get((crule.rule.name, state))
                    if refused is not None and refused.get(key) == []:
                        continue
                    found.update(members)
        return [found[order] for order in sorted(found)]


def _refusal(
    rep: list[_PL], row: Mapping[str, str], crule: CompiledRule, *, fresh: bool = False
) -> list[tuple[bool, Work, bool]] | None:
    """What a refusal sent the row round for, to replay; ``None`` when it cannot be replayed."""
    for p in rep:
        rules = (crule,) if fresh and p.rules is None else p.rules
        if len(p.items) != 1 or p.items[0] is not row or rules not in ((crule,), ()):
            return None
    return [(p.rules != (), p.work, p.only_on_match) for p in rep]


def _replay(
    refused: list[tuple[bool, Work, bool]], row: Mapping[str, str], crule: CompiledRule
) -> list[_PL]:
    return [
        _PL([row], (crule,) if own else (), work, only_on_match=only) for own, work, only in refused
    ]


def _row_key(
    row_keys: dict[CompiledRule, tuple[object, ...]],
    row: Mapping[str, str],
    candidate: str | None,
    crule: CompiledRule,
) -> tuple[object, ...]:
    """The row's memo key for ``crule``, computed once per row (and per learned version)."""
    key = row_keys.get(crule)
    if key is None or key[0] != crule.learned.version:
        key = row_keys[crule] = crule.memo_key(row, candidate)
    return key


def _remember_refusal(
    store: _Refusals,
    rep: list[_PL],
    row: Mapping[str, str],
    crule: CompiledRule,
    *,
    row_keys: dict[CompiledRule, tuple[object, ...]],
    candidate: str | None,
) -> None:
    """Record in ``store``, under the row's memo key, what a replayable refusal sent round."""
    template = _refusal(rep, row, crule)
    if template is not None:
        store[_row_key(row_keys, row, candidate, crule)] = template


def _generate(  # noqa: C901, PLR0912, PLR0915 (jwst's generate loop, kept whole to be read against it)
    rows: Sequence[Mapping[str, str]],
    *,
    crules: Sequence[CompiledRule],
    pool_name: str,
    version_id: str | None,
    memos: dict[str, _Refusals],
    candidate_type: str | None,
    left_out: frozenset[CompiledRule] = frozenset(),
) -> list[GenAsn]:
    """Jwst's ``generate`` without finalizing: every row to the associations and rules.

    A rule, or an association, that refuses a row refuses every row alike in the keywords
    the rule reads, until the association takes a row: ``memos`` (per rule, for new
    associations) and each association's ``refused`` remember the refusals and what the
    row was sent round for, so that alike rows cost one dictionary lookup. The rules
    ``left_out`` start no association (see :func:`never_written_when_discovered`).
    """
    associations: list[GenAsn] = []
    index = _Index()
    queue = _Queue()
    queue.append(_PL(list(rows), tuple(crules), Work.BOTH, only_on_match=False))
    existing_work = (Work.BOTH, Work.EXISTING, Work.NONSCIENCE)
    rules_work = (Work.BOTH, Work.RULES)
    rule_memos = {crule: memos.setdefault(crule.rule.name, {}) for crule in crules}
    trees = cast("dict[str, RefusalTree]", memos.setdefault("\0paths", {}))
    for pl in queue:
        allowed = set(pl.rules) if pl.rules else set(crules)
        every_rule = len(allowed) == len(crules)
        work = pl.work
        for row in pl.items:
            reprocess: list[_PL] = []
            taken_by: set[CompiledRule] = set()
            candidate = row.get("asn_candidate") if candidate_type is None else candidate_type
            row_keys: dict[CompiledRule, tuple[object, ...]] = {}
            filename = row["filename"]
            if work in existing_work:
                taken_by = index.taken(filename, allowed, every_rule=every_rule)
                row_key = functools.partial(_row_key, row_keys, row, candidate)
                for asn in index.offered(row, allowed, row_key, every_rule=every_rule):
                    crule = asn.crule
                    if filename in asn.filenames:
                        taken_by.add(crule)
                        continue
                    key = _row_key(row_keys, row, candidate, crule)
                    if asn.refused is None:
                        index.changed(asn)
                    refused = asn.refused.get(key)  # type: ignore[union-attr]
                    if refused is not None:
                        if refused:
                            reprocess.extend(_replay(refused, row, crule))
                        continue
                    matched, rep = _add(asn, row)
                    reprocess.extend(rep)
                    if matched:
                        taken_by.add(crule)
                        index.changed(asn)
                        if filename in asn.filenames:
                            index.member(filename, asn)
                    else:
                        refusals = asn.refused
                        assert refusals is not None  # index.changed(asn) made it  # noqa: S101
                        _remember_refusal(
                            refusals, rep, row, crule, row_keys=row_keys, candidate=candidate
                        )
            if work in rules_work:
                for crule in crules:
                    if crule in taken_by or crule not in allowed or crule in left_out:
                        continue
                    tree = trees.get(crule.rule.name)
                    if tree is None:
                        tree = trees[crule.rule.name] = RefusalTree()
                    refused = tree.find(row, candidate)
                    if refused is not None:
                        if refused:
                            reprocess.extend(_replay(refused, row, crule))
                        continue
                    # A fresh association's check depends only on the values it reads:
                    # record them, and a refusal holds for every row that reads alike.
                    recorder = Recorder(row, candidate)
                    tried = _TrialAsn(crule, pool_name, version_id, recorder)
                    ok, tried_rep = crule.root.trial(tried, recorder)
                    if not ok and not _forced(tried):
                        template = _refusal(tried_rep, recorder, crule, fresh=True)
                        if template is not None:
                            tree.insert(recorder.path, template)
                            if template:
                                reprocess.extend(_replay(template, row, crule))
                            continue
                    asn = GenAsn(crule, pool_name, version_id)
                    matched, rep = _add(asn, row)
                    reprocess.extend(rep)
                    if matched:
                        associations.append(asn)
                        index.add(asn)
                        if filename in asn.filenames:
                            index.member(filename, asn)
                    else:
                        _remember_refusal(
                            rule_memos[crule],
                            rep,
                            row,
                            crule,
                            row_keys=row_keys,
                            candidate=candidate,
                        )
            for next_pl in reprocess:
                kept = _workover_filter(next_pl, work)
                if kept is not None:
                    queue.append(kept)
    return associations


# ---------------------------------------------------------------- candidates


def candidates_by_type(rows: Iterable[Mapping[str, str]]) -> dict[str, dict[str, int]]:
    """The pool's candidates, by type, in the order they first appear (jwst's)."""
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        evaled = _evaluate(row["asn_candidate"])
        if isinstance(evaled, int) and not isinstance(evaled, bool):
            bucket = found.setdefault("unknown", {})
            bucket[str(evaled)] = bucket.get(str(evaled), 0) + 1
            continue
        try:
            for cand_id, ctype in evaled:  # type: ignore[attr-defined]
                bucket = found.setdefault(ctype, {})
                bucket[cand_id] = bucket.get(cand_id, 0) + 1
        except (ValueError, TypeError):
            continue
    return found


def acid_pattern(cid: str) -> str:
    """What a candidate cell holding ``cid`` matches: the id escaped.

    A pool's cell is data, never a pattern: jwst puts the id in as it is, and a cell such
    as ``[('o(', 'observation')]`` ends its run with a traceback.
    """
    return f".+({re.escape(cid)}).+"


def acid_condition(cid: str | None) -> Attr:
    """The condition that holds an association to candidate ``cid`` (jwst's global one)."""
    return Attr(
        ("asn_candidate",),
        None if cid is None else acid_pattern(cid),
        name="asn_candidate",
        unique=True,
        is_acid=True,
        evaluate=True,
        label="candidate",
    )


def _rows_by_candidate(
    rows: Sequence[Mapping[str, str]], ids: Sequence[str]
) -> dict[str, list[Mapping[str, str]]]:
    """The rows of each candidate, in pool order: those whose candidate cell has its id.

    Jwst's test is the id as a substring of the cell's text (``o001`` is in ``o0012``'s
    cell too); here each distinct cell is cut once into its pieces of the ids' lengths,
    so that the cost grows with the rows, not with rows times candidates.
    """
    wanted = set(ids)
    lengths = sorted({len(cid) for cid in wanted})
    found: dict[str, list[Mapping[str, str]]] = {cid: [] for cid in ids}
    of_cell: dict[str, tuple[str, ...]] = {}
    for row in rows:
        cell = row["asn_candidate"]
        cids = of_cell.get(cell)
        if cids is None:
            inside = {
                cell[start : start + length]
                for length in lengths
                for start in range(len(cell) - length + 1)
            }
            cids = of_cell[cell] = tuple(wanted & inside)
        for cid in cids:
            found[cid].append(row)
    return found


class Registry:
    """The rules, in jwst's registry order, compiled for each rule set as needed.

    One registry serves every run of a process, in any thread: each rule set is compiled
    once, under a lock.
    """

    def __init__(self, rules: Sequence[PoolRule]) -> None:
        self.rules = tuple(rules)
        self._discover: list[CompiledRule] | None = None
        self._candidate: list[CompiledRule] | None = None
        self._lock = threading.Lock()

    def candidate(self, cid: str) -> list[CompiledRule]:
        """The rules held to candidate ``cid`` (compiled once, the candidate's id set)."""
        templates = self._candidate
        if templates is None:
            with self._lock:
                if self._candidate is None:
                    condition = acid_condition("")
                    self._candidate = [
                        CompiledRule(r, CANDIDATE_RULESET, condition) for r in self.rules
                    ]
                templates = self._candidate
        return [template.for_candidate(cid) for template in templates]

    def discover(self) -> list[CompiledRule]:
        """The rules without a candidate."""
        compiled = self._discover
        if compiled is None:
            with self._lock:
                if self._discover is None:
                    self._discover = [CompiledRule(r, DISCOVER_RULESET, None) for r in self.rules]
                compiled = self._discover
        return compiled


def _chosen(
    by_type: Mapping[str, Mapping[str, int]],
    candidate_ids: Sequence[str] | None,
    warn: Callable[[str], None] | None,
) -> list[tuple[str, str]]:
    """The candidates to generate, with their types: those given, else every one."""
    if candidate_ids is None:
        return [(cid, ctype) for ctype, ids in by_type.items() for cid in ids]
    chosen = []
    for cid in candidate_ids:
        for ctype, ids in by_type.items():
            if cid in ids:
                chosen.append((cid, ctype))
                break
        else:
            if warn is not None:
                warn(f"candidate {cid} is not in the pool")
    return chosen


def run(
    rows: Sequence[Mapping[str, str]],
    registry: Registry,
    *,
    pool_name: str,
    candidate_ids: Sequence[str] | None = None,
    discover: bool | Literal["only"] = True,
    version_id: str | bool | None = None,
    warn: Callable[[str], None] | None = None,
    record: list[GenAsn] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[GenAsn]:
    """Jwst's per-candidate generation: candidates, discovery, then each stage's finish.

    What is made is one of asn_generate's modes: ``candidate_ids`` given (``-i``), those
    candidates' associations; else by ``discover``: ``True``, every candidate's and the
    discovered ones (the default); ``False``, every candidate's (``--all-candidates``);
    ``"only"``, the discovered ones alone, numbered and finished (pruned) among themselves
    (``--discover``; with ``candidate_ids``, a ``ValueError``). ``record``, when given,
    receives every association made, before the stages complete and prune them
    (``--explain`` tells what became of each). ``progress``, when given, is called with
    ``(done, total)`` as each candidate, then the discovery, is done (a few hundred calls
    for the biggest pools: nothing the run would feel).
    """
    if discover == "only" and candidate_ids is not None:
        msg = 'discover="only" takes no candidates: the candidates given are not discovered'
        raise ValueError(msg)
    if version_id is True:
        version_id = datetime.now(timezone.utc).strftime("%Y%m%dt%H%M%S")
    version = version_id if isinstance(version_id, str) else None
    # --discover makes no candidate: jwst makes every candidate's associations, then keeps
    # the discovered ones that differ from each of them, which is all of them (below).
    chosen = [] if discover == "only" else _chosen(candidates_by_type(rows), candidate_ids, warn)
    associations: list[GenAsn] = []
    memos: dict[str, _Refusals] = {}
    rows_of = _rows_by_candidate(rows, [cid for cid, _ in chosen])
    discovering = candidate_ids is None and bool(discover)
    steps = len(chosen) + discovering
    for done, (cid, ctype) in enumerate(chosen, start=1):
        marker = f"[('{cid}', '{ctype}')]"
        cid_rows = []
        for row in rows_of[cid]:
            copy = dict(row)
            copy["asn_candidate"] = marker
            cid_rows.append(copy)
        associations.extend(
            _generate(
                cid_rows,
                crules=registry.candidate(cid),
                pool_name=pool_name,
                version_id=version,
                memos=memos,
                candidate_type=ctype,
            )
        )
        if progress is not None:
            progress(done, steps)
    if discovering:
        crules = registry.discover()
        # What is never written is not built, unless the caller wants to see it all.
        left_out = frozenset(
            () if record is not None else filter(never_written_when_discovered, crules)
        )
        discovered = _generate(
            rows,
            crules=crules,
            pool_name=pool_name,
            version_id=version,
            memos={},
            candidate_type=None,
            left_out=left_out,
        )
        if progress is not None:
            progress(steps, steps)
        # jwst drops a discovered association equal to a candidate one; its equality
        # compares the candidate level (a/o/c) too, so none ever is: keep all, discovered
        # first (and with --discover, the candidates' are not made at all).
        associations = discovered + associations
        resequence(associations)
    if record is not None:
        record.extend(associations)
    return finish(associations)
