"""Files on disk: read with a limit, JSON read strictly, written atomically by one writer at once.

The bytes-and-text layer under :mod:`asnkit.io` (which turns them into associations): what
is read here is decoded by :mod:`asnkit.codec.decode`, the one strict JSON reader, and
nothing here knows the models, so that :mod:`asnkit.validation` and the writers of every
command use it without loading them.
"""

# ruff: noqa: PTH101, PTH105, PTH108, PTH114, PTH115, PTH116, PTH118, PTH119, PTH120, PTH123
# (os.path, not pathlib: this module is on asn_from_list's path, whose start-up is measured)

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from typing import IO, TYPE_CHECKING, Final, NoReturn

from asnkit.codec.decode import JSONProblemError, decode_text
from asnkit.exceptions import LoadError

if sys.platform != "win32":  # elsewhere writers are not serialised (see docs/editing.md)
    import fcntl

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "DEFAULT_MAX_BYTES",
    "LOCK_TIMEOUT",
    "MAX_BYTES_VARIABLE",
    "confined",
    "copy_file",
    "is_json_text",
    "max_bytes",
    "parse_json",
    "read_json",
    "read_limited",
    "too_large",
    "update_text",
    "write_text",
]

_NO_LOCKS: Final = frozenset(
    {errno.ENOLCK, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP), errno.EINVAL}
)
"""What flock says on a file system that has no locks: the write goes on, unlocked."""

LOCK_TIMEOUT = 60.0
"""Seconds a writer waits for another writer of the same file before giving up."""

DEFAULT_MAX_BYTES: Final = 32 * 1024 * 1024
"""Files larger than this (32 MiB) are refused unread, unless :data:`MAX_BYTES_VARIABLE`
says otherwise. The largest real association files (tens of thousands of members) are a
few MiB; 32 MiB is some 200,000 members."""

MAX_BYTES_VARIABLE: Final = "ASNKIT_MAX_BYTES"
"""The environment variable that sets the size cap of every reader and writer.

A whole number of bytes, or one with a binary unit: ``64MiB`` (``M``, ``MiB``, ``K``,
``KiB``, ``G``, ``GiB``, any case). The readers (``validate``, ``show``, ``diff``, ``edit``,
``gather``, :func:`asnkit.load`) refuse a larger file unread, and the writers
(``from-list``, ``edit``, ``generate``, ``gather``, through :mod:`asnkit.write_check`)
refuse to write a larger association (``--force`` writes it anyway): what asnkit writes,
asnkit reads, with the same setting."""

_UNITS: Final = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


class _BadLimitError(ValueError):
    """:data:`MAX_BYTES_VARIABLE` holds something that is not a size (said in one line)."""


def max_bytes() -> int:
    """The size cap in force: :data:`MAX_BYTES_VARIABLE` when set, else 32 MiB.

    Raises:
        ValueError: the variable is set to something that is not a size; the message
            says what it holds and how to set it.
    """
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    digits = value.rstrip("BbIiKkMmGg")
    unit = value[len(digits) :].lower().removesuffix("b").removesuffix("i")
    try:
        number = int(digits.strip()) * _UNITS[unit]
    except (KeyError, ValueError):
        number = 0
    if number <= 0:
        msg = (
            f"{MAX_BYTES_VARIABLE}={value!r} is not a size: set it to a number of bytes "
            f"(such as {DEFAULT_MAX_BYTES * 2} or 64MiB), or unset it"
        )
        raise _BadLimitError(msg)
    return number


def too_large(size: int | None, limit: int) -> str:
    """Why ``size`` bytes (``None``: unknown, more than ``limit``) are refused, and how not to.

    The one sentence every reader and writer says of a file over the cap.
    """
    amount = f"more than {limit:,}" if size is None else f"{size:,}"
    wanted = f"{MAX_BYTES_VARIABLE}={size}" if size is not None else f"{MAX_BYTES_VARIABLE}"
    more = " or more" if size is not None else " higher"
    return (
        f"too large: {amount} bytes (asnkit reads at most {limit:,}; "
        f"set {wanted}{more} to read and write it)"
    )


def _limit(name: str, given: int | None) -> int:
    """``given``, or the cap in force; a :class:`LoadError` naming ``name`` if it is bad."""
    if given is not None:
        return given
    try:
        return max_bytes()
    except _BadLimitError as error:
        raise LoadError(name, str(error)) from None


def read_limited(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of the file at ``path``, refusing a file larger than ``max_bytes``.

    The size is checked on the open file before anything is read, and at most
    ``max_bytes + 1`` bytes are ever read (a file that grows, or a pipe). ``None``: the
    cap in force (:func:`max_bytes`).

    Raises:
        LoadError: the file is larger than ``max_bytes``, or cannot be opened or read (a
            directory, permissions, ...).
    """
    limit = _limit(path, max_bytes)
    try:
        size, data = _read_at_most(path, limit)
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise LoadError(path, message, missing=error.errno == errno.ENOENT) from None
    if data is None:
        raise LoadError(path, f"file {too_large(size, limit)}")
    if len(data) > limit:
        raise LoadError(path, f"file {too_large(None, limit)}")
    return data


def _read_at_most(path: str, max_bytes: int) -> tuple[int, bytes | None]:
    """The file's stated size, and at most ``max_bytes + 1`` of its bytes.

    The bytes are ``None`` when the stated size is over the limit: nothing is read then.
    """
    # os-level calls: no buffered file object to build, for thousands of files a second.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(descriptor).st_size
        if size > max_bytes:
            return size, None
        # Ask for the stated size and one byte more (asking for the cap would allocate it).
        data = os.read(descriptor, size + 1)
        if len(data) != size:  # grew, shrank, special (a pipe): loop
            chunks = [data]
            total = len(data)
            while total <= max_bytes:
                chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
    finally:
        os.close(descriptor)
    return size, data


def is_json_text(source: str) -> bool:
    """Whether a string source is JSON text (it starts with ``{``) rather than a path."""
    return source[:1] == "{" or source.lstrip()[:1] == "{"


def read_json(
    source: str | os.PathLike[str] | bytes | IO[str] | IO[bytes],
    *,
    max_bytes: int | None = None,
) -> tuple[str, str, object]:
    """The name, the text and the strictly decoded JSON value of ``source``.

    The one way asnkit reads an association's JSON: every command and function goes through
    here, so that each accepts and refuses the same texts with the same message.

    Args:
        source: A path; JSON text (a string starting with ``{``); the bytes of a file; or an
            open file (text or binary).
        max_bytes: Refuse more than this many bytes (a file is refused without being
            read); ``None``, the default: the cap in force (:func:`max_bytes`).

    Raises:
        LoadError: the source cannot be read, is too large, or is not one strict JSON
            value in UTF-8 (then with the line and column of the problem).
    """
    if isinstance(source, str) and is_json_text(source):
        name = "<text>"
        limit = _limit(name, max_bytes)
        size = len(source.encode("utf-8", errors="surrogatepass"))
        if size > limit:
            raise LoadError(name, f"text {too_large(size, limit)}")
        data: str | bytes = source
    elif isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        data = read_limited(name, max_bytes)
    elif isinstance(source, bytes):
        name = "<bytes>"
        limit = _limit(name, max_bytes)
        if len(source) > limit:
            raise LoadError(name, too_large(len(source), limit))
        data = source
    else:
        name = str(getattr(source, "name", "<stream>"))
        limit = _limit(name, max_bytes)
        data = source.read(limit + 1)
        if len(data) > limit:
            raise LoadError(name, too_large(None, limit))
    text, value = _decoded(name, data)
    return name, text, value


def parse_json(data: bytes, *, source: str, max_bytes: int | None = None) -> tuple[str, object]:
    """The text of a file's bytes ``data`` and its strictly decoded value, as :func:`read_json`.

    Raises:
        LoadError: ``data`` is larger than ``max_bytes`` or not strict JSON; the message
            names ``source``.
    """
    limit = _limit(source, max_bytes)
    if len(data) > limit:
        raise LoadError(source, f"file {too_large(len(data), limit)}")
    return _decoded(source, data)


def _decoded(name: str, data: str | bytes) -> tuple[str, object]:
    """The text of ``data`` and its strictly decoded value; a :class:`LoadError` if not JSON."""
    try:
        return decode_text(data)
    except JSONProblemError as problem:
        raise LoadError(
            name, problem.describe(), line=problem.line, column=problem.column
        ) from None


def confined(folder: str | os.PathLike[str], name: str) -> str:
    """The path a writer that must stay in ``folder`` writes the file ``name`` to.

    ``name`` is a plain file name (:func:`asnkit.name_parts.file_name_problem`: no folder,
    no ``..``, no control character, not too long), so that the path is in ``folder``
    whatever ``name`` came from; a symbolic link already there is followed only when the
    file it leads to is in ``folder`` too (any depth below it), every link on the way
    resolved, none collapsed away. Nothing is written here: a writer checks every file of a
    run first, then writes.

    Raises:
        OSError: ``name`` is not a plain file name, or the path is a link that leads
            outside ``folder``; the error names the path and says how to fix it.
    """
    from asnkit.name_parts import file_name_problem

    directory = os.fspath(folder)
    path = os.path.join(directory, name)
    problem = file_name_problem(name)
    if problem is not None:
        message = f"the file name {name!r} {problem}; nothing written"
        raise OSError(errno.EINVAL, message, path)
    if os.path.islink(path):
        inside = os.path.realpath(directory)
        target = os.path.realpath(path)
        if os.path.commonpath([inside, target]) != inside or target == inside:
            message = (
                f"a symbolic link to {os.readlink(path)!r}, outside the folder: a writer "
                "stays in the folder it is given; remove the link"
            )
            raise OSError(errno.EXDEV, message, path)
    return path


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that ``path`` is either untouched or complete.

    The text goes to a temporary file beside the file, is flushed to disk, then renamed over
    it (atomic on POSIX and Windows). A character device or a named pipe (``-o
    /dev/stdout``) is written into, as jwst writes; nothing is renamed over it. A symbolic
    link is written through: the file it points to is replaced and the link stays (a link
    to nothing, or a loop of links, is refused).
    An existing file keeps its permission bits and, where the writer may set them, its
    owner and group. Writers of one file take turns: each waits for the one before it
    (:data:`LOCK_TIMEOUT` at most). A failure at any point, a signal included, removes the
    temporary file and leaves ``path`` as it was.

    Raises:
        OSError: the file cannot be written; the error names ``path`` (not the temporary
            file) and says why.
    """
    name = os.fspath(path)
    try:
        real = _real_target(name, streams=True)
        if _is_stream(real):  # /dev/stdout, /dev/null, a named pipe: written straight in
            with open(real, "wb") as stream:
                stream.write(text.encode("utf-8"))
            return
        with _locked(real, name):
            _replace(real, lambda stream: stream.write(text.encode("utf-8")))
    except OSError as error:
        raise _naming(error, name) from None


def _is_stream(real: str) -> bool:
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def update_text(
    path: str | os.PathLike[str],
    change: Callable[[bytes], str],
    *,
    output: str | os.PathLike[str] | None = None,
    backup: bool = False,
    max_bytes: int | None = None,
) -> None:
    """Rewrite the file ``path`` as ``change`` says, with no other writer in between.

    ``path`` is locked (as :func:`write_text` locks it), read, and ``change(content)`` gives
    the new text, which is written atomically over ``path`` (or to ``output``) before the
    lock is released: two updates of one file run one after the other, and neither loses
    the other's change. ``change`` may raise to write nothing.

    Args:
        path: The file to read (and, without ``output``, to rewrite).
        change: The new text from the bytes read.
        output: Write here instead (``path`` is only read).
        backup: First keep the file being replaced as ``<file>.bak``.
        max_bytes: Refuse a larger file (``None``: the cap in force, :func:`max_bytes`);
            at most this many bytes and one are read.

    Raises:
        LoadError: ``path`` cannot be read, or is larger than ``max_bytes``.
        OSError: the result cannot be written; the error names the user's path.
    """
    name = os.fspath(path)
    out = name if output is None else os.fspath(output)
    limit = _limit(name, max_bytes)
    try:
        real = _real_target(name)
        with _locked(real, name) as descriptor:
            if descriptor is None:  # not there, or not readable: say why
                try:
                    with open(real, "rb") as stream:
                        data = stream.read(limit + 1)
                except OSError as error:
                    message = f"cannot read the file: {error.strerror or error}"
                    missing = isinstance(error, FileNotFoundError)
                    raise LoadError(name, message, missing=missing) from None
            else:
                size = os.fstat(descriptor).st_size
                if size > limit:  # refused unread, as every reader refuses it
                    raise LoadError(name, f"file {too_large(size, limit)}")
                data = _read_all(descriptor, limit + 1)
            if len(data) > limit:
                raise LoadError(name, f"file {too_large(None, limit)}")
            text = change(data)
            real_out = real if output is None else _real_target(out)
            if real_out == real:
                if backup:
                    _replace(_real_target(name + ".bak"), lambda stream: stream.write(data))
                _replace(real, lambda stream: stream.write(text.encode("utf-8")))
                return
    except OSError as error:
        raise _naming(error, out if error.filename == out else name) from None
    if backup:
        with contextlib.suppress(FileNotFoundError):
            copy_file(out, out + ".bak")
    write_text(out, text)


def copy_file(
    source: str | os.PathLike[str], target: str | os.PathLike[str], *, follow: bool = True
) -> None:
    """Copy ``source`` to ``target`` atomically, keeping the copy's times and permissions.

    Args:
        source: The file to copy.
        target: Where to copy it; an existing file is replaced only by a complete copy.
        follow: Write through a symbolic link at ``target`` (as :func:`write_text`); when
            false, a link at ``target`` is replaced by the copy.

    Raises:
        OSError: naming ``source`` or ``target``.
    """
    import shutil

    name = os.fspath(target)
    try:
        real = (
            _real_target(name)
            if follow
            else os.path.join(
                os.path.realpath(os.path.dirname(name) or "."),
                os.path.basename(name),
            )
        )
        with _locked(real, name):
            _replace(real, None, copy_from=os.fspath(source))
    except shutil.SameFileError:
        return
    except OSError as error:
        if error.filename is not None and os.fspath(error.filename) == os.fspath(source):
            raise
        raise _naming(error, name) from None


# -- the parts ------------------------------------------------------------------------------


def _naming(error: OSError, name: str) -> OSError:
    """``error`` naming ``name``, the user's path, instead of a temporary or resolved one."""
    if error.errno is None:
        return error
    wrapped = OSError(error.errno, error.strerror, name)
    wrapped.__cause__ = None
    return wrapped


def _real_target(name: str, *, streams: bool = False) -> str:
    """The file a write to ``name`` replaces: ``name`` with every symbolic link resolved.

    Args:
        name: The path given.
        streams: Accept a character device or a named pipe (``/dev/stdout``,
            ``/dev/null``): :func:`write_text` writes into it; nothing replaces it.

    Raises:
        OSError: ``name`` is a link to nothing, a loop of links, a directory, or another
            kind of file that is not a regular one (a socket, a block device; a device or
            a pipe unless ``streams``).
    """
    if os.path.islink(name):
        try:
            real = os.path.realpath(name, strict=True)
        except FileNotFoundError:
            if streams and _is_stream(name):  # /dev/stdout -> /proc/self/fd/1 -> pipe:[...]
                return name
            points = os.readlink(name)
            message = f"a symbolic link to a missing file ({points}): fix or remove the link"
            raise OSError(errno.ENOENT, message, name) from None
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise
            raise OSError(
                errno.ELOOP, "a loop of symbolic links: fix or remove the link", name
            ) from None
    else:
        real = os.path.realpath(name)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return real  # not there yet (or not reachable: the write says why)
    if stat.S_ISDIR(mode):
        raise OSError(errno.EISDIR, "is a directory: give a file name", name)
    if streams and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        return real
    if not stat.S_ISREG(mode):
        message = "is not a regular file (a device, a pipe, a socket): give a file name"
        raise OSError(errno.EINVAL, message, name)
    return real


@contextlib.contextmanager
def _locked(real: str, name: str) -> Iterator[int | None]:
    """Hold an exclusive lock on the file ``real`` while the block runs.

    The lock is taken on the file itself (no lock file is left behind): after a writer's
    rename, the name holds another file, so a waiter that wakes up on the old file checks
    that it still is the file at ``real`` and otherwise locks the new one. Yields the
    locked file's descriptor (open for reading), or ``None`` when there is no file yet (or
    it cannot be opened for reading), in which case there is nothing to lock.
    """
    deadline = time.monotonic() + LOCK_TIMEOUT
    pause = 0.001
    while True:
        try:
            # O_NONBLOCK: opening a pipe for reading would wait for a writer.
            flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
            descriptor = os.open(real, flags)
        except OSError:
            descriptor = -1
        if descriptor < 0:
            yield None
            return
        try:
            if _take(descriptor, real, name, deadline):
                yield descriptor
                return
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        finally:
            os.close(descriptor)  # releases the lock


def _take(descriptor: int, real: str, name: str, deadline: float) -> bool:
    """Lock the open file ``descriptor`` if it is free and still the file at its path."""
    if sys.platform == "win32":  # pragma: no cover
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if time.monotonic() > deadline:
            message = (
                f"another program has been writing it for {LOCK_TIMEOUT:g} s: "
                "try again when it is done"
            )
            raise OSError(errno.EAGAIN, message, name) from None
        return False
    except OSError as error:
        if error.errno in _NO_LOCKS:
            return True  # a file system without locks (some network ones): write unlocked
        raise
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(real))
    except FileNotFoundError:
        return False


def _read_all(descriptor: int, most: int) -> bytes:
    """The bytes of ``descriptor``, ``most`` at most."""
    chunks = []
    total = 0
    while total < most and (chunk := os.read(descriptor, min(1 << 20, most - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _replace(
    real: str,
    write: Callable[[IO[bytes]], object] | None,
    *,
    copy_from: str | None = None,
) -> None:
    """Fill a new file beside ``real`` (by ``write``, or as a copy), then rename it over ``real``.

    The temporary file is removed on any failure, a signal's exception included.
    """
    try:
        before = os.stat(real)
    except FileNotFoundError:
        before = None
    directory, base = os.path.split(real)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # ``temporary`` is named before the file is made, so that a signal arriving the moment
    # os.open returns still finds the file to remove; the 48 random bits make a clash with a
    # file that is not ours (other than the one os.open just refused) out of the question.
    temporary = ""
    try:
        for _ in range(100):
            temporary = os.path.join(directory, f".{base}.{os.urandom(6).hex()}.tmp")
            try:
                descriptor = os.open(temporary, flags, 0o666)
                break
            except FileExistsError:
                temporary = ""
        else:
            _no_temporary(real)
        if copy_from is not None:
            import shutil

            os.close(descriptor)
            shutil.copy2(copy_from, temporary)
        else:
            with os.fdopen(descriptor, "wb") as stream:
                assert write is not None  # noqa: S101
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
        if before is not None:
            _keep_owner_and_mode(temporary, before)
        os.replace(temporary, real)
    except BaseException:
        if temporary:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise


def _no_temporary(real: str) -> NoReturn:
    raise OSError(errno.EEXIST, "cannot create a temporary file beside it", real)


def _keep_owner_and_mode(temporary: str, before: os.stat_result) -> None:
    """Give the new file the old one's permission bits and, where allowed, owner and group."""
    os.chmod(temporary, before.st_mode & 0o7777)
    chown = getattr(os, "chown", None)
    if chown is None:  # pragma: no cover (Windows)
        return
    now = os.stat(temporary)
    if (now.st_uid, now.st_gid) != (before.st_uid, before.st_gid):
        with contextlib.suppress(PermissionError):
            chown(temporary, before.st_uid, before.st_gid)
        # chown clears the set-id bits: set them again.
        os.chmod(temporary, before.st_mode & 0o7777)
