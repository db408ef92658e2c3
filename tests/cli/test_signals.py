"""Ctrl-C (SIGINT) and SIGTERM end every command in one line, exit 130/143, nothing left.

Each command is started on a named pipe as its input, so that it is certainly running
(past its start-up, blocked reading) when the signal comes (``asnkit edit``, which refuses
a pipe, waiting for the lock another program holds on its file); then what it printed, its exit
status and what is on disk are checked. The atomic writer's cleanup is checked by a signal
raised in the middle of a write, in this process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from asnkit import asn_from_list, write
from asnkit.cli._exit import ExitStatus, handle_signals
from cli.clirun import SCRIPTS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from asnkit.cli._exit import Stopped  # noqa: F401 (named in the docstrings)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and named pipes")

SIGNALS = {
    "SIGINT": (signal.SIGINT, ExitStatus.INTERRUPTED, "interrupted"),
    "SIGTERM": (signal.SIGTERM, ExitStatus.TERMINATED, "terminated"),
}

# Each command, given the named pipe ``{in}`` to read, ``{out}`` to write, a folder ``{dir}``.
COMMANDS: dict[str, list[str]] = {
    "asn_from_list": ["asn_from_list", "-o", "{out}", "--product-name", "p", "--list", "{in}"],
    "from-list": ["asnkit", "from-list", "-o", "{out}", "--product-name", "p", "--list", "{in}"],
    "validate": ["asnkit", "validate", "{in}"],
    "show": ["asnkit", "show", "{in}"],
    "gather": ["asnkit", "gather", "{in}", "{dir}"],
    "diff": ["asnkit", "diff", "{in}", "{out}"],
    "inspect": ["asnkit", "inspect", "{in}"],
}


def _open_writer(fifo: Path, process: subprocess.Popen[str]) -> int:
    """Open ``fifo`` for writing once the command has opened it for reading."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
        if process.poll() is not None:
            pytest.fail(f"the command ended before reading: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the command never opened its input")
        time.sleep(0.005)


@pytest.mark.parametrize("which", sorted(SIGNALS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_signal_ends_the_command_in_one_line(command: str, which: str, tmp_path: Path) -> None:
    if command == "inspect":
        pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    number, status, word = SIGNALS[which]
    fifo = tmp_path / "input.json"
    os.mkfifo(fifo)
    out = tmp_path / "out_asn.json"
    names = {"{in}": str(fifo), "{out}": str(out), "{dir}": str(tmp_path / "gathered")}
    argv = [names.get(arg, arg) for arg in COMMANDS[command]]
    process = subprocess.Popen(
        [str(SCRIPTS / argv[0]), *argv[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    writer = _open_writer(fifo, process)
    try:
        time.sleep(0.05)  # into the read
        process.send_signal(number)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        os.close(writer)
    prog = "asn_from_list" if command == "asn_from_list" else f"asnkit {command}"
    assert (process.returncode, stdout, stderr) == (status, "", f"{prog}: {word}\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["input.json"]


def _wait_until_open(process: subprocess.Popen[str], path: Path) -> None:
    """Wait until the command has ``path`` open (Linux: its /proc/PID/fd)."""
    folder = Path(f"/proc/{process.pid}/fd")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if any(fd.readlink() == path for fd in folder.iterdir()):
                return
        if process.poll() is not None:
            pytest.fail(f"the command ended before waiting: {process.communicate()}")
        time.sleep(0.005)
    process.kill()
    pytest.fail(f"the command never opened {path}")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("which", sorted(SIGNALS))
def test_a_signal_ends_an_edit_waiting_for_its_lock(which: str, tmp_path: Path) -> None:
    """asnkit edit waits while another program writes the file; a signal ends the wait."""
    import fcntl

    number, status, word = SIGNALS[which]
    path = tmp_path / "l3_asn.json"
    write(asn_from_list(["a_cal.fits"], product_name="p"), path)
    before = _files(tmp_path)
    with path.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        process = subprocess.Popen(
            [str(SCRIPTS / "asnkit"), "edit", str(path), "--set", "program", "01234"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _wait_until_open(process, path)
        process.send_signal(number)
        stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr) == (status, "", f"asnkit edit: {word}\n")
    assert _files(tmp_path) == before


@pytest.fixture
def handlers() -> Iterator[None]:
    """The commands' signal handlers, in this process, for one test."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    handle_signals()
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def _signal_during_fsync(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """Make the next fsync (the writer's, on its temporary file) bring ``number`` first."""
    real = os.fsync

    def fsync(descriptor: int) -> None:
        monkeypatch.setattr(os, "fsync", real)
        os.kill(os.getpid(), number)
        real(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.usefixtures("handlers")
@pytest.mark.parametrize("which", sorted(SIGNALS))
@pytest.mark.parametrize(
    "command",
    [
        lambda out: ["from-list", "-o", out, "--product-name", "new", "b_cal.fits"],
        lambda out: ["edit", out, "--set", "program", "01234"],
    ],
    ids=["from-list", "edit"],
)
def test_a_signal_during_a_write_leaves_the_old_file_and_no_temporary(
    command: Callable[[str], list[str]],
    which: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from asnkit.cli import run

    number, status, word = SIGNALS[which]
    out = tmp_path / "l3_asn.json"
    write(asn_from_list(["a_cal.fits"], product_name="old"), out)
    before = _files(tmp_path)
    _signal_during_fsync(monkeypatch, number)
    argv = command(str(out))
    assert run(argv) == status
    assert capsys.readouterr() == ("", f"asnkit {argv[0]}: {word}\n")
    assert _files(tmp_path) == before


@pytest.mark.usefixtures("handlers")
def test_asn_from_list_during_a_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from asnkit.cli._exit import run_guarded
    from asnkit.cli.asn_from_list import run

    _signal_during_fsync(monkeypatch, signal.SIGTERM)
    out = tmp_path / "l3_asn.json"
    argv = ["-o", str(out), "--product-name", "p", "a_cal.fits"]
    assert run_guarded("asn_from_list", lambda: run(argv)) == 143
    assert capsys.readouterr() == ("", "asn_from_list: terminated\n")
    assert list(tmp_path.iterdir()) == []


def test_a_second_signal_does_not_cut_the_cleanup_short(tmp_path: Path) -> None:
    """After the first signal the command ignores others until it has cleaned up."""
    code = (
        "import os, signal\n"
        "from asnkit.cli._exit import handle_signals, run_guarded\n"
        "def body():\n"
        "    try:\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    finally:\n"
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
        "        open('cleaned', 'w').close()\n"
        "    return 0\n"
        "handle_signals()\n"
        "raise SystemExit(run_guarded('asnkit x', body))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert (result.returncode, result.stderr) == (130, "asnkit x: interrupted\n")
    assert (tmp_path / "cleaned").exists()


def test_an_ignored_signal_stays_ignored() -> None:
    saved = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with contextlib.ExitStack() as stack:
            stack.callback(signal.signal, signal.SIGINT, signal.getsignal(signal.SIGINT))
            handle_signals()
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGINT) not in {signal.SIG_IGN, signal.SIG_DFL}
    finally:
        signal.signal(signal.SIGTERM, saved)
