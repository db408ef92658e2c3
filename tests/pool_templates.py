"""jwst's test pools as jwst's own tests read them: ``@!`` template cells expanded.

22 of the pools in ``tests/data/pools/`` hold cells such as ``@!fmt_fname(next(expnum))``
or ``@!fmt_cand([(obsnum.value, 'observation'), (acid.value + 1, 'background')])``: Python
expressions that jwst's tests evaluate, row by row and cell by cell, with
``jwst.associations.tests.helpers.combine_pools`` (three counters: ``expnum`` from 0,
``obsnum`` from 0, ``acid`` from 999). This module evaluates the same small language without
``eval`` and without jwst, so that the default test run can generate from the same rows as
the compat session; ``tests/compat/test_generate_vs_jwst.py`` checks, pool by pool and cell by cell,
that it agrees with ``combine_pools``.

As in jwst, a cell is read first (lower case, so ``'OBSERVATION'`` is ``'observation'``) and
evaluated after, and an expanded cell is cut to the width of its column as read (jwst stores
it in the column's fixed-width numpy string array).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Final

from testdata import POOLS

from asnkit.generate import Pool, read_pool

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MARK: Final = "@!"


def pool_paths() -> list[Path]:
    """Every pool of ``tests/data/pools/`` (jwst 3.0.0's, byte for byte), by name."""
    return sorted(POOLS.glob("*.csv"))


class _Counter:
    """jwst's ``Counter``: ``next()`` adds one and returns the new value."""

    def __init__(self, start: int) -> None:
        self.value = start

    def next(self) -> int:
        self.value += 1
        return self.value

    def set(self, value: int) -> int:
        self.value = value
        return value


def fmt_fname(number: int) -> str:
    """The file name jwst's tests give exposure ``number``."""
    return f"jw_{number:0>5d}_uncal.fits"


def fmt_cand(candidates: list[tuple[object, str]]) -> str:
    """A candidate list's text: ``o001`` for observations, ``c1000`` for 1000 to 2999."""
    made = []
    for cid, ctype in candidates:
        if isinstance(cid, int):
            if ctype == "observation" and cid < 1000:
                text = f"o{cid:0>3d}"
            elif 1000 <= cid < 3000:
                text = f"c{cid:0>4d}"
            else:
                text = f"r{cid:0>4d}"
        else:
            text = str(cid)
        made.append((text, ctype))
    return str(made)


class _Evaluator:
    """The expressions the pools use: calls, counters, ``+``, lists, tuples, literals."""

    def __init__(self) -> None:
        self.counters = {"expnum": _Counter(0), "obsnum": _Counter(0), "acid": _Counter(999)}
        self.functions: dict[str, Callable[..., object]] = {
            "fmt_fname": fmt_fname,
            "fmt_cand": fmt_cand,
            "next": lambda counter: counter.next(),
        }

    def __call__(self, node: ast.expr) -> object:  # noqa: PLR0911 (one case per node type)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.counters:
            return self.counters[node.id]
        if isinstance(node, ast.Attribute) and node.attr == "value":
            return self._counter(node.value).value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self(node.left), self(node.right)
            assert isinstance(left, int), ast.unparse(node)
            assert isinstance(right, int), ast.unparse(node)
            return left + right
        if isinstance(node, ast.List):
            return [self(item) for item in node.elts]
        if isinstance(node, ast.Tuple):
            return tuple(self(item) for item in node.elts)
        if isinstance(node, ast.Call):
            args = [self(arg) for arg in node.args]
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "set":
                value = args[0]
                assert isinstance(value, int), ast.unparse(node)
                return self._counter(func.value).set(value)
            if isinstance(func, ast.Name) and func.id in self.functions:
                return self.functions[func.id](*args)
        msg = f"not a pool template this module knows: {ast.unparse(node)}"
        raise ValueError(msg)

    def _counter(self, node: ast.expr) -> _Counter:
        counter = self(node)
        if not isinstance(counter, _Counter):
            msg = f"not a counter: {ast.unparse(node)}"
            raise ValueError(msg)  # noqa: TRY004 (a malformed template, not a wrong type)
        return counter

    def cell(self, text: str) -> str:
        if not text.startswith(MARK):
            return text
        return str(self(ast.parse(text[len(MARK) :], mode="eval").body))


def expanded_pool(path: Path) -> Pool:
    """The pool at ``path`` with its template cells expanded, as jwst's tests expand them."""
    pool = read_pool(path)
    if not any(MARK in cell for row in pool.rows for cell in row.values()):
        return pool
    widths = {column: max(len(row[column]) for row in pool.rows) for column in pool.columns}
    evaluate = _Evaluator()
    rows = tuple(
        {column: evaluate.cell(row[column])[: widths[column]] for column in pool.columns}
        for row in pool.rows
    )
    return Pool(name=pool.name, columns=pool.columns, rows=rows)
