"""The write path under faults: links, loops, full disks, read-only folders, odd names.

Every test looks at what is on disk afterwards, not only at what was raised or printed.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from faultkit import command, listing

from asnkit import asn_from_list, dumps, write
from asnkit.edit import add_members, edit_file
from asnkit.exceptions import LoadError
from asnkit.files import copy_file, update_text, write_text
from asnkit.io import load

if TYPE_CHECKING:
    from typing_extensions import Self

OLD = '{"old": true}'
NEW = dumps(asn_from_list(["a_cal.fits"], product_name="p"))


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)


# -- symbolic links ---------------------------------------------------------------------------


def test_write_goes_through_a_link_and_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "asn.json"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to("real/asn.json")
    write_text(link, NEW)
    assert link.is_symlink()
    assert str(link.readlink()) == "real/asn.json"
    assert target.read_text(encoding="utf-8") == NEW
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(listing(tmp_path)) == ["link.json", "real"]
    assert sorted(listing(tmp_path / "real")) == ["asn.json"]


def test_a_chain_of_links_is_followed_to_the_file(tmp_path: Path) -> None:
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")
    (tmp_path / "one.json").symlink_to("asn.json")
    (tmp_path / "two.json").symlink_to("one.json")
    write_text(tmp_path / "two.json", NEW)
    assert (tmp_path / "two.json").is_symlink()
    assert (tmp_path / "one.json").is_symlink()
    assert target.read_text(encoding="utf-8") == NEW


def test_the_temporary_file_is_made_beside_the_links_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "asn.json").write_text(OLD, encoding="utf-8")
    (tmp_path / "a" / "link.json").symlink_to(tmp_path / "b" / "asn.json")
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, destination: str) -> None:
        renames.append((os.path.dirname(source), destination))  # noqa: PTH120
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    write_text(tmp_path / "a" / "link.json", NEW)
    assert renames == [(str(tmp_path / "b"), str(tmp_path / "b" / "asn.json"))]


def test_a_dangling_link_is_refused_and_left_alone(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("nowhere/asn.json")
    with pytest.raises(FileNotFoundError) as caught:
        write_text(link, NEW)
    assert str(caught.value) == (
        f"[Errno 2] a symbolic link to a missing file (nowhere/asn.json): fix or remove the "
        f"link: '{link}'"
    )
    assert listing(tmp_path) == {"link.json": b"<dangling>"}
    assert str(link.readlink()) == "nowhere/asn.json"


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    with pytest.raises(OSError, match="a loop of symbolic links: fix or remove the link") as caught:
        write_text(tmp_path / "a.json", NEW)
    assert caught.value.errno == errno.ELOOP
    assert caught.value.filename == str(tmp_path / "a.json")
    assert sorted(listing(tmp_path)) == ["a.json", "b.json"]


def test_commands_write_through_links_and_refuse_broken_ones_in_one_line(tmp_path: Path) -> None:
    asnkit, from_list = command("asnkit"), command("asn_from_list")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "asn.json").write_text(OLD, encoding="utf-8")
    (tmp_path / "link.json").symlink_to("store/asn.json")
    made = _run([from_list, "-o", "link.json", "--product-name", "p", "a_cal.fits"], tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "link.json").is_symlink()
    edited = _run([asnkit, "edit", "link.json", "--add", "b_cal.fits"], tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert (tmp_path / "link.json").is_symlink()
    members = [m.expname for m in load(tmp_path / "store" / "asn.json").products[0].members]
    assert members == ["a_cal.fits", "b_cal.fits"]

    (tmp_path / "loop1.json").symlink_to("loop2.json")
    (tmp_path / "loop2.json").symlink_to("loop1.json")
    (tmp_path / "dangling.json").symlink_to("gone.json")
    before = listing(tmp_path)
    loop = _run([from_list, "-o", "loop1.json", "--product-name", "p", "a_cal.fits"], tmp_path)
    assert (loop.returncode, loop.stderr) == (
        1,
        "asn_from_list: error: cannot write loop1.json: a loop of symbolic links: fix or "
        "remove the link; nothing written\n",
    )
    dangling = _run([from_list, "-o", "dangling.json", "--product-name", "p", "a.fits"], tmp_path)
    assert (dangling.returncode, dangling.stderr) == (
        1,
        "asn_from_list: error: cannot write dangling.json: a symbolic link to a missing file "
        "(gone.json): fix or remove the link; nothing written\n",
    )
    assert listing(tmp_path) == before


def test_a_pipe_or_a_device_is_written_into_never_replaced(tmp_path: Path) -> None:
    import stat
    import threading

    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    (tmp_path / "link.json").symlink_to("pipe.json")
    received: list[bytes] = []
    for name in (pipe, tmp_path / "link.json"):
        received.clear()
        reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
        reader.start()
        write_text(name, NEW)
        reader.join(timeout=10)
        assert received == [NEW.encode()]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert (tmp_path / "link.json").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "pipe.json"]
    write_text("/dev/null", NEW)
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_an_edit_of_a_pipe_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="is not a regular file") as caught:
        edit_file(pipe, lambda asn: asn)
    assert caught.value.filename == str(pipe)


def test_the_command_writes_to_standard_output(tmp_path: Path) -> None:
    from_list = command("asn_from_list")
    result = _run([from_list, "-o", "/dev/stdout", "--product-name", "p", "a_cal.fits"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == NEW
    assert listing(tmp_path) == {}


# -- errors name the user's path, never the temporary file ----------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [(".", errno.EISDIR), ("missing-folder/asn.json", errno.ENOENT)],
)
def test_an_error_names_the_path_given(
    name: str, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OSError, match=r"(?i)directory") as caught:
        write_text(name, NEW)
    assert caught.value.errno == code
    assert caught.value.filename == name
    assert ".tmp" not in str(caught.value)
    assert listing(tmp_path) == {}


def test_association_write_to_a_folder_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IsADirectoryError, match=r"is a directory: give a file name: '\.'"):
        write(asn_from_list(["a_cal.fits"], product_name="p"), ".")
    assert listing(tmp_path) == {}


# -- a full disk, a failing write -----------------------------------------------------------


class _FullDisk:
    """A file object that takes half of the first write, then fails as a full disk does."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        self._stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        self._stream.flush()  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self._stream.close()  # type: ignore[attr-defined]


def _fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")
    _fill_disk(monkeypatch)
    with pytest.raises(OSError, match="No space left on device") as caught:
        write_text(target, NEW * 1000)
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(target))
    assert listing(tmp_path) == {"asn.json": OLD.encode()}


def test_a_full_disk_during_an_edit_leaves_the_file_and_its_backup_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "asn.json"
    target.write_text(NEW, encoding="utf-8")
    _fill_disk(monkeypatch)
    with pytest.raises(OSError, match="No space left on device") as caught:
        edit_file(target, lambda asn: add_members(asn, ["b_cal.fits"]), backup=True)
    assert caught.value.filename == str(target)
    assert listing(tmp_path) == {"asn.json": NEW.encode()}


def test_a_failing_fsync_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")

    def fail(_descriptor: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="Input/output error"):
        write_text(target, NEW)
    assert listing(tmp_path) == {"asn.json": OLD.encode()}


def test_a_failed_copy_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    (tmp_path / "src.fits").write_bytes(b"data")
    (tmp_path / "out").mkdir()

    def fail(_source: object, destination: str, **_: object) -> None:
        with open(destination, "wb") as stream:  # noqa: PTH123
            stream.write(b"da")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copy2", fail)
    with pytest.raises(OSError, match="No space left"):
        copy_file(tmp_path / "src.fits", tmp_path / "out" / "src.fits")
    assert listing(tmp_path / "out") == {}


# -- read-only folders ----------------------------------------------------------------------


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes into a read-only folder: the injected case below covers it",
)
def test_a_read_only_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "asn.json").write_text(OLD, encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError) as caught:
            write_text(folder / "asn.json", NEW)
        assert caught.value.filename == str(folder / "asn.json")
        assert listing(folder) == {"asn.json": OLD.encode()}
    finally:
        folder.chmod(0o755)


def test_a_folder_that_refuses_new_files_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Injected: the folder refuses the temporary file (EACCES), as a read-only one does."""
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")
    real_open = os.open

    def refuse_new(path: str, flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_new)
    with pytest.raises(PermissionError) as caught:
        write_text(target, NEW)
    assert caught.value.filename == str(target)
    assert listing(tmp_path) == {"asn.json": OLD.encode()}


def test_a_read_only_file_system_through_the_command(tmp_path: Path) -> None:
    """/proc/self is not writable, even by root: the refusal names the path given."""
    from_list = command("asn_from_list")
    target = "/proc/self/asn.json"
    result = _run([from_list, "-o", target, "--product-name", "p", "a.fits"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"asn_from_list: error: cannot write {target}: ")
    assert result.stderr.count("\n") == 1
    assert ".tmp" not in result.stderr
    assert listing(tmp_path) == {}


# -- mode and owner -------------------------------------------------------------------------


def test_mode_and_set_id_bits_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o2640)
    write_text(target, NEW)
    assert target.stat().st_mode & 0o7777 == 0o2640


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away"
)
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")
    os.chown(target, 4321, 8765)
    target.chmod(0o640)
    write_text(target, NEW)
    status = target.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (4321, 8765, 0o640)


# -- reading and rewriting -------------------------------------------------------------------


def test_update_of_a_missing_file_is_a_load_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read the file: No such file"):
        update_text(tmp_path / "nope.json", lambda data: data.decode())
    assert listing(tmp_path) == {}


def test_a_refused_change_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "asn.json"
    target.write_text(OLD, encoding="utf-8")

    def refuse(_data: bytes) -> str:
        raise ValueError

    with pytest.raises(ValueError):  # noqa: PT011
        update_text(target, refuse, backup=True)
    assert listing(tmp_path) == {"asn.json": OLD.encode()}


# -- names with awkward characters -----------------------------------------------------------

AWKWARD = [
    "with space.json",
    "-leading-dash.json",
    "new\nline.json",
    "tab\there.json",
    "quote'and\"double.json",
    "glob[1]*?.json",
    "ünïcødé ✓.json",
    "back\\slash.json",
    ".hidden.json",
    "semi;colon&amp.json",
]


@pytest.mark.parametrize("name", AWKWARD)
def test_awkward_file_names_are_written_edited_and_linked(name: str, tmp_path: Path) -> None:
    asnkit, from_list = command("asnkit"), command("asn_from_list")
    # A member's name may not hold a control character (validate refuses it, #13): the
    # association's own file name does.
    member = "my " + name.replace(".json", "_cal.fits").replace("\n", " ").replace("\t", " ")
    made = _run([from_list, f"--output-file={name}", "--product-name", "p", "--", member], tmp_path)
    assert made.returncode == 0, made.stderr
    edited = _run([asnkit, "edit", f"./{name}", "--add", "b_cal.fits"], tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert sorted(listing(tmp_path)) == sorted([name])
    members = [m.expname for m in load(tmp_path / name).products[0].members]
    assert members == [member, "b_cal.fits"]
    link = tmp_path / ("link " + name)
    link.symlink_to(name)
    write_text(link, NEW)
    assert link.is_symlink()
    assert (tmp_path / name).read_text(encoding="utf-8") == NEW


def test_a_file_system_without_locks_is_written_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_locks(_descriptor: int, _operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    target = tmp_path / "asn.json"
    target.write_text(NEW, encoding="utf-8")
    edit_file(target, lambda asn: add_members(asn, ["b_cal.fits"]))
    assert [m.expname for m in load(target).products[0].members] == ["a_cal.fits", "b_cal.fits"]
    assert sorted(listing(tmp_path)) == ["asn.json"]
