"""Concurrent writers of one association: every edit lands, or says it did not."""

from __future__ import annotations

import subprocess
import threading
from typing import TYPE_CHECKING

from faultkit import command, listing

from asnkit import asn_from_list, dumps, write
from asnkit.edit import add_members, edit_file
from asnkit.files import write_text
from asnkit.io import load

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

EDITS = 20


def _start_together(argvs: list[list[str]], cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run every command at once (all started before any is waited for)."""
    processes = [
        subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for argv in argvs
    ]
    results = []
    for argv, process in zip(argvs, processes, strict=True):
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(argv, process.returncode, out, err))
    return results


def test_twenty_concurrent_edits_all_land(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    write(asn_from_list(["a_cal.fits", "b_cal.fits"], product_name="p"), path)
    added = [f"m{index:02d}_cal.fits" for index in range(EDITS)]
    for name in added:
        (tmp_path / name).touch()
    asnkit = command("asnkit")
    results = _start_together([[asnkit, "edit", "c.json", "--add", n] for n in added], tmp_path)

    started = len(results)
    succeeded = [r for r in results if r.returncode == 0]
    failed = [r for r in results if r.returncode != 0]
    members = [m.expname for m in load(path).products[0].members]
    # Each edit either landed (exit 0) or said it did not (exit 1, one line).
    for result in failed:
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
    assert started == EDITS
    assert len(members) == 2 + len(succeeded)
    assert sorted(members[2:]) == sorted(r.args[-1] for r in succeeded)
    # Serialised, none of them has a reason to fail.
    assert len(succeeded) == EDITS, [r.stderr for r in failed]
    assert not [name for name in listing(tmp_path) if name.startswith(".")]


def test_two_concurrent_edits_keep_both_ten_times(tmp_path: Path) -> None:
    asnkit = command("asnkit")
    for trial in range(10):
        folder = tmp_path / str(trial)
        folder.mkdir()
        write(asn_from_list(["a_cal.fits"], product_name="p"), folder / "c.json")
        results = _start_together(
            [[asnkit, "edit", "c.json", "--add", f"{n}_cal.fits"] for n in ("x", "y")], folder
        )
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        members = sorted(m.expname for m in load(folder / "c.json").products[0].members)
        assert members == ["a_cal.fits", "x_cal.fits", "y_cal.fits"]


def test_edits_from_threads_of_one_process_all_land(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    write(asn_from_list(["a_cal.fits"], product_name="p"), path)
    names = [f"t{index:02d}_cal.fits" for index in range(EDITS)]
    errors: list[BaseException] = []

    def add(name: str) -> None:
        try:
            edit_file(path, lambda asn: add_members(asn, [name]))
        except BaseException as error:  # noqa: BLE001 (collected for the assertion)
            errors.append(error)

    threads = [threading.Thread(target=add, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    members = [m.expname for m in load(path).products[0].members]
    assert sorted(members) == sorted(["a_cal.fits", *names])


def test_a_whole_file_write_waits_for_an_edit_in_progress(tmp_path: Path) -> None:
    """A writer that replaces the file does not slip in between an edit's read and write."""
    path = tmp_path / "c.json"
    write(asn_from_list(["a_cal.fits"], product_name="p"), path)
    replacement = asn_from_list(["z_cal.fits"], product_name="q")
    reading = threading.Event()
    writer_done = threading.Event()

    def slow_edit(asn: object) -> object:
        reading.set()
        # The other writer is started now; it must wait for this edit to be written.
        assert not writer_done.wait(0.3)
        return add_members(asn, ["b_cal.fits"])  # type: ignore[arg-type]

    def write_other() -> None:
        reading.wait()
        write_text(path, dumps(replacement))
        writer_done.set()

    other = threading.Thread(target=write_other)
    other.start()
    edit_file(path, slow_edit)  # type: ignore[arg-type]
    other.join()
    # Serialised: the edit was written first, then replaced whole by the other writer.
    assert load(path) == replacement


def test_a_writer_that_waits_too_long_gives_up_in_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    import asnkit.files
    from asnkit.cli import run

    path = tmp_path / "c.json"
    write(asn_from_list(["a_cal.fits"], product_name="p"), path)
    before = listing(tmp_path)
    monkeypatch.setattr(asnkit.files, "LOCK_TIMEOUT", 0.2)
    with path.open("rb") as held:  # another writer, in the middle of its edit
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        capsys.readouterr()
        status = run(["edit", str(path), "--add", "b_cal.fits"])
        err = capsys.readouterr().err
    assert (status, err) == (
        1,
        f"asnkit edit: error: cannot write {path}: another program has been writing it for "
        "0.2 s: try again when it is done; nothing written\n",
    )
    assert listing(tmp_path) == before
