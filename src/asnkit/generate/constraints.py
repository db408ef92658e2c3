"""The language the generation rules are written in: conditions on a pool row's keywords.

A rule's ``where`` is a tree of three kinds of statement, read as jwst 3.0.0's constraints
are read, so that the same rows make the same associations:

* :class:`Attr`: a keyword condition. The first of ``sources`` that the row has with a
  meaningful value (not one of :data:`EMPTY`) is compared with ``value`` (regular
  expressions, whole value, any case). With ``value=None`` any value matches, and with
  ``unique=True`` (the default) the first row an association takes *binds* the condition to
  its value: every later row must have the same. That is how "grouped by FILTER" is said.
* :class:`Check`: a computed condition (``test(value, source(row))``), for what a keyword
  regex cannot say (a NIRSpec detector valid for a grating and filter, ...).
* :class:`Group`: conditions combined by ``all``, ``any``, ``notany`` or ``notall``.

Every statement may carry a ``name``: names are how product names read the values an
association took (``opt_elem``, ``target``, ...) and how ``--explain`` reports a failure.

Some conditions, on success or failure, send the row round again (``reprocess``) to be
offered to associations made later; :class:`Work` says to which: jwst's ``ListCategory``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Literal, Protocol, TypeAlias, Union

import attrs

from asnkit.exposure_types import EMPTY

__all__ = [
    "EMPTY",
    "Attr",
    "Check",
    "Computed",
    "FoundIn",
    "Group",
    "Node",
    "Reduce",
    "RowView",
    "Work",
    "all_of",
    "any_of",
    "meets",
    "none_of",
    "not_all_of",
]


_PATTERNS: dict[str, re.Pattern[str]] = {}
_MEETS: dict[tuple[str, str], bool] = {}


def _pattern(condition: str) -> re.Pattern[str]:
    """``^condition$``, any case: jwst's whole-value match (without a group round it)."""
    found = _PATTERNS.get(condition)
    if found is None:
        found = _PATTERNS[condition] = re.compile(f"^{condition}$", re.IGNORECASE)
    return found


def meets(value: str, conditions: object) -> bool:
    """Whether ``value`` matches the condition, or one of a list of them (:class:`Attr`)."""
    if isinstance(conditions, str):
        key = (value, conditions)
        known = _MEETS.get(key)
        if known is None:
            known = _pattern(conditions).match(value) is not None
            if len(_MEETS) < 100_000:  # noqa: PLR2004 (a bound, not a figure)
                _MEETS[key] = known
        return known
    return any(_pattern(str(c)).match(value) is not None for c in conditions)  # type: ignore[attr-defined]


class Work(enum.Enum):
    """What a row sent round again is offered to (jwst's ``ListCategory``), in queue order."""

    RULES = 0
    """Only the rules, to start new associations."""
    BOTH = 1
    """The associations made so far, then the rules."""
    EXISTING = 2
    """Only the associations made so far."""
    NONSCIENCE = 3
    """Only the associations made so far, after every science row (acquisitions)."""


class RowView(Protocol):
    """What a computed condition may ask of the association it is deciding for."""

    def exposure_type(self, row: Mapping[str, str]) -> str:
        """The member type the association would give ``row`` (``science``, ``psf``...)."""
        ...

    def original_exposure_type(self) -> str:
        """Level 2b: the type the last :meth:`exposure_type` call saw before mapping."""
        ...

    def has_science(self) -> bool:
        """Whether the association's product already has a science member."""
        ...

    def bound(self, name: str) -> object:
        """The value the condition called ``name`` is bound to, or ``None``."""
        ...

    def found(self, name: str) -> list[str]:
        """The values the condition called ``name`` has taken, in the order taken."""
        ...


RowTest: TypeAlias = Callable[["Mapping[str, str]", RowView], bool]
"""A predicate on a row, asked for a given association."""


@attrs.frozen
class FoundIn:
    """A value made when needed: any of the values the condition ``name`` has taken.

    Attributes:
        name: The condition whose taken values are alternatives (``obs_num``).
    """

    name: str


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _nodes(value: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(value)


@attrs.frozen
class Computed:
    """A value made when needed from what the association has taken.

    Attributes:
        make: From the association (a :class:`RowView`), the regular expression.
        text: How documents and explain show it.
    """

    make: Callable[[RowView], str]
    text: str = "computed"


@attrs.frozen
class Attr:
    """A condition on a keyword (jwst's ``DMSAttrConstraint``).

    Attributes:
        sources: The keywords to read, first one set wins.
        value: Regular expression(s) the value must match in full, any case; ``None``
            takes any value; :class:`FoundIn` takes what another condition took.
        name: How product names, ``--explain`` and other conditions refer to it.
        unique: Bind to the first value taken (then every row must match it).
        required: A row without any of ``sources`` fails (else it passes untouched).
        undefined: Pass only rows that do *not* have any of ``sources``.
        evaluate: Read the cell as a Python literal (lists of candidates).
        only_if: Apply only to rows this predicate accepts; others pass untouched.
        reprocess: Send the row round again, to this :class:`Work`, when it passes.
        only_on_match: With ``reprocess``: the row is offered only where it matches.
        is_acid: This condition holds the candidate the association is for.
        label: A word for documents and explain (jwst's class name when it has one).
        reads: The keywords ``only_if`` reads (``None``: unknown); the engine remembers
            a rule's verdict on rows alike in every keyword the rule reads.
    """

    sources: tuple[str, ...] = attrs.field(converter=_strings)
    value: str | tuple[str, ...] | FoundIn | Computed | None = None
    name: str | None = None
    unique: bool = True
    required: bool = True
    undefined: bool = False
    evaluate: bool = False
    only_if: RowTest | None = None
    reprocess: Work | None = None
    only_on_match: bool = False
    is_acid: bool = False
    label: str = ""
    reads: tuple[str, ...] | None = None


@attrs.frozen
class Check:
    """A computed condition (jwst's ``SimpleConstraint``): ``test(value, source(row))``.

    Attributes:
        source: What to compare, from the row and the association; ``None``: the row.
        value: What it must be; ``None`` takes anything (and binds when ``unique``).
        test: The comparison, ``value == source`` when ``None``.
        name: How product names and ``--explain`` refer to it.
        unique: Bind ``value`` to the first source value taken.
        reprocess_on_match: Send the row round again when it passes.
        reprocess_on_fail: Send the row round again when it fails.
        work: Where a row sent round goes.
        reprocess_rules: The rules a row sent round is offered to; ``()`` every rule,
            ``None`` the rule that sent it.
        label: A word for documents and explain.
        reads: The keywords ``source`` and ``test`` read (``None``: unknown, every row
            is checked afresh).
    """

    source: Callable[[Mapping[str, str], RowView], object] | None = None
    value: object = None
    test: Callable[[object, object], bool] | None = None
    name: str | None = None
    unique: bool = True
    reprocess_on_match: bool = False
    reprocess_on_fail: bool = False
    work: Work = Work.BOTH
    reprocess_rules: tuple[str, ...] | None = None
    label: str = ""
    reads: tuple[str, ...] | None = None


Reduce: TypeAlias = Literal["all", "any", "notany", "notall"]


@attrs.frozen
class Group:
    """Conditions combined (jwst's ``Constraint``).

    Attributes:
        parts: The conditions, tried in order.
        reduce: ``all`` (stop at the first failure), ``any`` (stop at the first success),
            ``notany``, ``notall``.
        name: How ``--explain`` and other conditions refer to it.
        reprocess_on_match, reprocess_on_fail, work, reprocess_rules: as for :class:`Check`.
        label: A word for documents and explain.
    """

    parts: tuple[Node, ...] = attrs.field(converter=_nodes)
    reduce: Reduce = "all"
    name: str | None = None
    reprocess_on_match: bool = False
    reprocess_on_fail: bool = False
    work: Work = Work.BOTH
    reprocess_rules: tuple[str, ...] | None = None
    label: str = ""


Node: TypeAlias = Union[Attr, Check, Group]  # noqa: UP007 (recursive alias)
"""Any statement of the language."""


def all_of(*parts: Node, name: str | None = None, label: str = "") -> Group:
    """Every part must hold."""
    return Group(parts, "all", name=name, label=label)


def any_of(*parts: Node, name: str | None = None, label: str = "") -> Group:
    """One part must hold (the first that does is the one that counts)."""
    return Group(parts, "any", name=name, label=label)


def none_of(*parts: Node, name: str | None = None, label: str = "") -> Group:
    """No part may hold."""
    return Group(parts, "notany", name=name, label=label)


def not_all_of(*parts: Node, name: str | None = None, label: str = "") -> Group:
    """Not every part may hold."""
    return Group(parts, "notall", name=name, label=label)
