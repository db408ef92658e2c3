"""Every command refuses a hostile file as ``validate`` does: same message, one line, exit 1.

The inputs (tests/hostile.py): binary, UTF-8 byte-order mark, UTF-16 with and without a
byte-order mark, NaN, Infinity, a duplicate key, nesting 200,000 deep, a member nested 600
deep, truncated, a trailing comma, empty, not an object, and 100 MB (a sparse file). Before
one reader, ``show``, ``edit``, ``diff`` and ``gather`` accepted some of them, printed a
RecursionError traceback on others, and named a trailing comma with other words.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from hostile import ACCEPTED, ALL_REFUSED, write_case

import asnkit

if TYPE_CHECKING:
    from pathlib import Path

_MAIN = "from asnkit.cli import main; main()"


def _commands(path: Path, dest: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(path)],
        "show": ["show", str(path)],
        "edit": ["edit", str(path), "--set", "target", "t001"],
        "diff": ["diff", str(path), str(path)],
        "gather": ["gather", str(path), str(dest)],
    }


def _run_all(path: Path, dest: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", _MAIN, *argv],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    commands = _commands(path, dest)
    # The commands that only read run together; then edit (which rewrites the file) alone.
    readers = [name for name in commands if name != "edit"]
    with ThreadPoolExecutor(len(readers)) as pool:
        results = dict(zip(readers, pool.map(run, [commands[n] for n in readers]), strict=True))
    results["edit"] = run(commands["edit"])
    return results


@pytest.mark.parametrize("name", ALL_REFUSED)
def test_every_command_refuses_as_validate_does(tmp_path: Path, name: str) -> None:
    path = write_case(tmp_path, name)
    before = path.read_bytes() if name != "huge" else b""
    (finding,) = asnkit.validate(path).findings
    assert finding.severity == "error"
    dest = tmp_path / "gathered"
    results = _run_all(path, dest)
    for command, result in results.items():
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output)
        assert finding.message in output, (command, output)
        if command == "diff":
            assert result.returncode != 0, output  # diff's own statuses: 0 same, 1 differ
            continue
        assert result.returncode == 1, (command, output)
        if command != "validate":
            assert result.stderr.count("\n") == 1, (command, result.stderr)
            assert result.stderr.rstrip("\n").endswith(
                (f"{path}: {finding.message}", f"{path}: {finding.message}; nothing written")
            ), (command, result.stderr)
    # Nothing was written: the file is as it was, nothing was gathered.
    if name != "huge":
        assert path.read_bytes() == before
    assert not dest.exists() or not any(dest.iterdir())
    with pytest.raises(asnkit.LoadError) as caught:
        asnkit.load(path)
    assert caught.value.reason == finding.message


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_every_command_accepts_what_validate_accepts(tmp_path: Path, name: str) -> None:
    path = write_case(tmp_path, name)
    assert asnkit.validate(path).valid
    dest = tmp_path / "gathered"
    results = _run_all(path, dest)
    for command, result in results.items():
        assert result.returncode == 0, (command, result.stdout + result.stderr)
        assert "Traceback" not in result.stderr
    # gather copied the association and its member; edit wrote a file validate accepts.
    assert asnkit.validate(path).valid
    assert asnkit.load(path).target == "t001"
    assert sorted(p.name for p in dest.iterdir()) == sorted([path.name, "a_cal.fits"])
