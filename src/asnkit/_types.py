"""Types the API's signatures share: a collection of names that a single string is not.

A ``str`` is an iterable of strings, so ``Iterable[str]`` takes ``"a_cal.fits"`` and makes
one member per character. :data:`Names` is what the API takes instead: a list, tuple, set
or iterator of names, and not a string, for mypy (``SequenceNotStr``: a ``str`` is not
one, because its ``__contains__`` takes only strings) and at run time (:func:`names`).
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, Protocol, SupportsIndex, TypeAlias, TypeVar, Union, overload

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["Names", "SequenceNotStr", "names"]
_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)


class SequenceNotStr(Protocol[_T_co]):
    """A sequence that is not a ``str`` (as in the ``useful_types`` package)."""

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> _T_co: ...
    @overload
    def __getitem__(self, index: slice, /) -> Sequence[_T_co]: ...
    def __contains__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[_T_co]: ...
    def index(self, value: Any, start: int = 0, stop: int = ..., /) -> int: ...  # noqa: ANN401
    def count(self, value: Any, /) -> int: ...  # noqa: ANN401
    def __reversed__(self) -> Iterator[_T_co]: ...


Names: TypeAlias = Union[SequenceNotStr[str], Iterator[str], AbstractSet[str]]  # noqa: UP007 (3.10 at run time)
"""File names: a list, tuple, set or iterator of strings; never one string."""


def names(value: Iterable[_T], what: str) -> list[_T]:
    """``value`` as a list, refusing a single string (or bytes) where several are wanted.

    Raises:
        TypeError: ``value`` is a ``str`` or ``bytes``; the message says how to pass one name.
    """
    if isinstance(value, (str, bytes)):
        msg = (
            f"{what} must be a list of names, not a single {type(value).__name__} "
            f"({value!r:.60}): write [{value!r:.60}]"
        )
        raise TypeError(msg)
    return list(value)
