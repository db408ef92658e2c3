r"""Run code in a child process where one asnkit module's source has one edit.

A fact written once is one edit: the tests make that edit in the module's source (before
anything of asnkit is imported, so that every user reads the edited module) and see each
user of the fact follow. The child prints its result as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys

__all__ = ["run_edited"]

_PRELUDE = r"""
import importlib.util, json, sys, types
module_name, old, new = sys.argv[1:4]
if old:
    # The package's folder without importing any package of it.
    root = importlib.util.find_spec("asnkit").submodule_search_locations[0]
    path = root + "/" + "/".join(module_name.split(".")[1:]) + ".py"
    with open(path, encoding="utf-8") as stream:
        source = stream.read()
    assert source.count(old) == 1, (path, old)
    module = types.ModuleType(module_name)
    module.__file__ = path
    exec(source.replace(old, new), module.__dict__)
    sys.modules[module_name] = module
sys.argv[1:4] = []
"""


def run_edited(module: str, edit: tuple[str, str] | None, code: str, *args: str) -> object:
    """What ``code`` prints (JSON), run with ``module``'s source edited (``old``, ``new``).

    ``edit`` ``None``: the module as it is. ``args`` follow in ``sys.argv[1:]``.
    """
    old, new = edit or ("", "")
    out = subprocess.run(
        [sys.executable, "-c", _PRELUDE + code, module, old, new, *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)
