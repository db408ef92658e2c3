"""A rule's refusals of fresh associations, remembered by what the check read of the row.

Checking a row is deterministic: two rows that read alike, keyword by keyword in the order
read, are checked alike. :class:`Recorder` notes, while a fresh association is tried on a
row, each keyword read and how its value counted; :class:`RefusalTree` files the refusal
under those readings, and finds it again for any row that reads alike.

How a value counts (its *mode*):

* :data:`EXACT`: the value itself (a computed condition read it, or it was bound and the
  check then read back what was bound);
* :data:`PRESENT`: whether it is set: a condition with no value to compare with only
  binds it, and a check that never reads back what it bound does the same for any value;
* a condition's value (a regular expression, or several): whether the value matches it.

A keyword read twice in different modes counts exactly; so does a keyword read by a
condition whose bound values the check reads back (:meth:`Recorder.read_back`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from asnkit.generate.constraints import EMPTY, meets

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asnkit.generate.constraints import Work

__all__ = ["EXACT", "PRESENT", "Recorder", "RefusalTree", "Replay", "reading"]

EXACT: Final = "\0exact"
"""The mode in which the value itself counts."""
PRESENT: Final = "\0present"
"""The mode in which only whether the value is set counts."""

_SET: Final = "\0set"
"""What any meaningful value reads as in :data:`PRESENT` mode."""

_CELLS: Final = 10_000
"""Cells a node remembers at most (a bound, not a figure)."""

CANDIDATE: Final = "asn_candidate"
"""Under a candidate, this column reads as the candidate's type (its id is its own)."""

Replay = list[tuple[bool, "Work", bool]]
"""What a refusal sent the row round for: (to this rule only, work, only on match)."""


def reading(value: object, mode: object) -> object:
    """How ``value`` counts in ``mode``: itself, set or not, or whether it matches."""
    if mode == EXACT:
        return value
    if value is None or value in EMPTY:
        return None
    if mode == PRESENT:
        return _SET
    return meets(value, mode)  # type: ignore[arg-type]


class Recorder(Mapping[str, str]):
    """A row that notes, in order, each keyword read from it and how its value counts.

    Reads through the mapping interface count exactly; :meth:`read` is for a keyword
    condition that says how its value counts, and which condition it is (``node``).
    """

    __slots__ = ("_candidate", "_loose", "_row", "path", "seen")

    def __init__(self, row: Mapping[str, str], candidate: str | None) -> None:
        self._row = row
        self._candidate = candidate
        self.path: list[tuple[str, object, object]] = []
        """Each keyword read: (keyword, value, mode)."""
        self.seen: dict[str, int] = {}
        self._loose: dict[int, list[int]] = {}

    def _note(self, key: str, mode: object, node: int) -> None:
        at = self.seen.get(key)
        if at is None:
            at = self.seen[key] = len(self.path)
            value = self._row.get(key)
            if key == CANDIDATE and self._candidate != value:
                # Under a candidate, the candidate column is the candidate's marker: its
                # type is what conditions can tell apart (the id is the candidate's own).
                self.path.append((key, self._candidate, EXACT))
                return
            self.path.append((key, value, mode))
        else:
            _, seen_value, was = self.path[at]
            if was == EXACT:
                return
            if was != mode:
                self.path[at] = (key, seen_value, EXACT)
                return
        if mode != EXACT:
            self._loose.setdefault(node, []).append(at)

    def read(self, key: str, mode: object, node: int) -> str | None:
        """The cell of ``key``, read by condition ``node``, counting in ``mode``."""
        self._note(key, mode, node)
        return self._row.get(key)

    def read_back(self, node: int) -> None:
        """The check read what condition ``node`` bound: its values count exactly."""
        for at in self._loose.pop(node, ()):
            key, value, _ = self.path[at]
            self.path[at] = (key, value, EXACT)

    def __getitem__(self, key: str) -> str:
        """The cell of ``key``, counting exactly (as every read but :meth:`read`)."""
        self._note(key, EXACT, -1)
        return self._row[key]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        """The cell of ``key``, or ``default``, counting exactly."""
        self._note(key, EXACT, -1)
        return self._row.get(key, default)

    def __contains__(self, key: object) -> bool:
        """Whether the row has ``key``: its value counts exactly."""
        if isinstance(key, str):
            self._note(key, EXACT, -1)
        return key in self._row

    def __iter__(self) -> Iterator[str]:
        """Every keyword: whoever walks them all reads them all, exactly."""
        for key in self._row:
            self._note(key, EXACT, -1)
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


class RefusalTree:
    """One rule's refusals, by the readings of the keywords read, in the order read.

    Each node holds the keyword read next and its mode; a leaf holds what the refusal sent
    the row round for. A node whose mode a later check contradicts (it read the value
    where the node counts less) starts again counting exactly, forgetting what was under it.
    """

    __slots__ = ("cells", "children", "key", "leaf", "mode")

    def __init__(self) -> None:
        self.key: str | None = None
        self.mode: object = EXACT
        self.children: dict[object, RefusalTree] = {}
        self.cells: dict[object, RefusalTree] = {}
        """The child each cell read leads to, as found (a cache of ``children``)."""
        self.leaf: Replay | None = None

    def find(self, row: Mapping[str, str], candidate: str | None) -> Replay | None:
        """What the refusal of a row that reads like ``row`` sent it round for, if known.

        Each node remembers, by the cell itself, the child its reading leads to (``cells``):
        the same cells come back on row after row, and are read (matched against a regular
        expression, tested for being set) once.
        """
        node = self
        while node.leaf is None:
            key = node.key
            if key is None:
                return None
            cell: object = candidate if key == CANDIDATE else row.get(key)
            child = node.cells.get(cell)
            if child is None:
                value = cell
                mode = node.mode
                # reading(value, mode), written out: this loop is the engine's busiest
                if mode != EXACT:
                    if value is None or value in EMPTY:
                        value = None
                    else:
                        value = _SET if mode == PRESENT else meets(value, mode)  # type: ignore[arg-type]
                child = node.children.get(value)
                if child is None:
                    return None
                if len(node.cells) < _CELLS:
                    node.cells[cell] = child
            node = child
        return node.leaf

    def insert(self, path: list[tuple[str, object, object]], leaf: Replay) -> None:
        """Remember ``leaf`` for the rows that read as ``path`` (a :class:`Recorder`'s)."""
        node = self
        for key, value, mode in path:
            if node.leaf is not None:
                return  # pragma: no cover (a shorter path already decides)
            if node.key is None:
                node.key = key
                node.mode = mode
            elif node.key != key:  # pragma: no cover (checks are deterministic)
                return
            elif node.mode not in (EXACT, mode):
                node.mode = EXACT
                node.children = {}
                node.cells = {}
            node = node.children.setdefault(reading(value, node.mode), RefusalTree())
        if node.key is None and not node.children:
            node.leaf = leaf
