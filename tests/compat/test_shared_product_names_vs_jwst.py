"""Product names shared by associations of different members, as jwst 3.0.0 logs them.

On jwst's own ``jw00632_dups`` pool, ``asn_generate`` logs "Following associations have the
same product name but significant differences" and writes both. ``asnkit validate`` over
those files reports the same pair, located in each file: a warning, an error with
``--strict`` (issue 25, gap 4; jwst#8939).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ASNKIT = str(Path(sys.executable).parent / "asnkit")
_NAMED = re.compile(r"Association \d: (\S+) with")


def _jwst_generate(folder: Path) -> set[str]:
    """jwst's associations of the pool written in ``folder/out``; those its warning names."""
    from importlib.resources import files

    pool = files("jwst.associations.tests") / "data" / "jw00632_dups.csv"
    (folder / "out").mkdir()
    code = "import sys; from jwst.associations.main import main; sys.argv[0] = 'x'; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "-p", "out", str(pool)],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    log = done.stdout + done.stderr
    assert "same product name but significant differences" in log
    return {f"{name}.json" for name in _NAMED.findall(log)}


@pytest.mark.parametrize("strict", [False, True])
def test_validate_reports_what_jwst_logs(tmp_path: Path, *, strict: bool) -> None:
    named = _jwst_generate(tmp_path)
    assert len(named) == 2, named
    done = subprocess.run(
        [ASNKIT, "validate", "out", *(["--strict"] if strict else [])],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    severity = "error" if strict else "warning"
    shared = [line for line in done.stdout.splitlines() if "is also made by" in line]
    assert {line.split(":", 1)[0].removeprefix("out/") for line in shared} == named
    for line in shared:
        assert f":/products/0/name: {severity}: product name " in line
        other = next(name for name in named if not line.startswith(f"out/{name}"))
        assert f"'out/{other}'" in line
    assert done.returncode == (1 if strict else 0), done.stdout


def test_generate_warns_of_the_pair_jwst_logs(tmp_path: Path) -> None:
    from importlib.resources import files

    named = _jwst_generate(tmp_path)
    pool = files("jwst.associations.tests") / "data" / "jw00632_dups.csv"
    done = subprocess.run(
        [ASNKIT, "generate", str(pool), "-o", "asnkit"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shared = [line for line in done.stderr.splitlines() if "both make product" in line]
    assert len(shared) == 1, done.stderr
    assert shared[0].startswith("asnkit generate: warning: ")
    assert all(f"'{name}'" in shared[0] for name in named), (shared, named)
    assert sorted(path.name for path in (tmp_path / "asnkit").glob("*.json")) == sorted(
        path.name for path in (tmp_path / "out").glob("*.json")
    )
