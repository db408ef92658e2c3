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
from typing import Final, Literal

__all__ = ["PATH_POLICIES", "PathPolicy", "apply_path_policy"]

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
