"""How member file names are written: as given, bare, absolute, or relative to the file.

The two stages of jwst 3.0.0 find members differently:

- Stage 3 (``ModelLibrary``) joins every relative ``expname`` to the association file's
  directory.
- Stage 2 (``calwebb_image2``/``calwebb_spec2``) joins a *bare* name to the directory of
  its input (the association file's), but opens a name with a directory part as it is,
  relative to the current directory.

So bare names with the association beside its members (``name``), and absolute names
(``absolute``), work for both stages from anywhere; names relative to the association's
directory (``relative``) work for Stage 3 from anywhere and for Stage 2 when it runs in
that directory; names as given (``keep``, jwst's behaviour) work when everything runs
from the directory the association was made in.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final, Literal

from asnkit.exceptions import InvalidAssociationError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["PATH_POLICIES", "PathPolicy", "apply_path_policy", "expand_pattern", "rewrite_names"]

PathPolicy = Literal["keep", "name", "absolute", "relative"]
PATH_POLICIES: Final[tuple[PathPolicy, ...]] = ("keep", "name", "absolute", "relative")


def apply_path_policy(expname: str, policy: PathPolicy, *, association_dir: str = ".") -> str:
    """``expname`` rewritten by ``policy``.

    Args:
        expname: The file name as given (relative names are relative to the current
            directory).
        policy: ``keep`` (as given, jwst's behaviour), ``name`` (directories dropped),
            ``absolute`` (made absolute and normalised; links are not followed), or
            ``relative`` (relative to ``association_dir``).
        association_dir: The directory the association file will be written to.
    """
    if policy == "keep":
        return expname
    if policy == "name":
        return os.path.basename(expname)  # noqa: PTH119
    absolute = os.path.abspath(expname)  # noqa: PTH100
    if policy == "absolute":
        return absolute
    return os.path.relpath(absolute, os.path.abspath(association_dir))  # noqa: PTH100


def rewrite_names(
    members: Sequence[tuple[str, str]], policy: PathPolicy, *, association_dir: str = "."
) -> list[tuple[str, str]]:
    """``(expname, exptype)`` pairs with each name rewritten by ``policy``.

    Raises:
        InvalidAssociationError: two different files would get the same name (``x/b_cal.fits``
            and ``y/b_cal.fits`` under ``name``); the message names both. The same file
            given twice is not refused (it is a repeat, which the command warns about).
    """
    if policy == "keep":
        return list(members)
    written: dict[str, str] = {}
    rewritten = []
    for expname, exptype in members:
        name = apply_path_policy(expname, policy, association_dir=association_dir)
        other = written.setdefault(name, expname)
        if other != expname and not _same_file(other, expname):
            msg = (
                f"{other} and {expname} would both be written as {name} (--paths {policy}): "
                "rename one, or use --paths relative or absolute"
            )
            raise InvalidAssociationError(msg)
        rewritten.append((name, exptype))
    return rewritten


def _same_file(a: str, b: str) -> bool:
    if os.path.abspath(a) == os.path.abspath(b):  # noqa: PTH100
        return True
    try:
        return os.path.samefile(a, b)  # noqa: PTH121
    except OSError:
        return False


GLOB_CHARACTERS: Final = frozenset("*?[")


def expand_pattern(pattern: str) -> list[str]:
    """``pattern`` itself, or, when it holds ``*``, ``?`` or ``[``, the files it matches, sorted.

    As a shell expands an unquoted word, relative to the current directory; a name that
    exists as it is stays as it is (a file may have ``[`` in its name).

    Raises:
        InvalidAssociationError: the pattern matches no file.
    """
    if not GLOB_CHARACTERS.intersection(pattern) or os.path.exists(pattern):  # noqa: PTH110
        return [pattern]
    import glob

    matches = sorted(glob.glob(pattern))  # noqa: PTH207
    if not matches:
        msg = (
            f"no file matches {pattern!r}: check the pattern (a name with *, ? or [ is "
            "taken as it is only when that file exists)"
        )
        raise InvalidAssociationError(msg)
    return matches
