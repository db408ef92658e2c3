"""Reading association files (with limits), and writing files atomically."""

from __future__ import annotations

import contextlib
import os
from typing import IO, TYPE_CHECKING, Final

from asnkit.codec.decode import JSONProblemError
from asnkit.codec.emit import dumps
from asnkit.codec.structure import from_dict, from_json
from asnkit.codec.whitespace import Whitespace, detect
from asnkit.exceptions import LoadError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.models import Association

__all__ = [
    "DEFAULT_MAX_BYTES",
    "load",
    "read_limited",
    "read_with_whitespace",
    "write",
    "write_text",
]

DEFAULT_MAX_BYTES: Final = 32 * 1024 * 1024
"""Files larger than this (32 MiB) are refused unread. The largest real association files
(tens of thousands of members) are a few MiB."""


def read_limited(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at ``path``, refusing a file larger than ``max_bytes``.

    The size is checked on the open file before anything is read, and at most
    ``max_bytes + 1`` bytes are ever read (a file that grows, or a pipe).

    Raises:
        JSONProblemError: the file is larger than ``max_bytes``.
        OSError: the file cannot be opened or read (a directory, permissions, ...).
    """
    # os-level calls: no buffered file object to build, for thousands of files a second.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(descriptor).st_size
        if size > max_bytes:
            msg = f"file too large: {size:,} bytes (the limit is {max_bytes:,})"
            raise JSONProblemError(msg)
        # Ask for the stated size and one byte more (asking for the cap would allocate it).
        data = os.read(descriptor, size + 1)
        if len(data) > size or len(data) < size:  # grew, shrank, special (a pipe): loop
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
    if len(data) > max_bytes:
        msg = f"file too large: more than {max_bytes:,} bytes"
        raise JSONProblemError(msg)
    return data


def write(asn: Association, path: str | os.PathLike[str]) -> None:
    """Write ``asn`` to ``path`` atomically, in jwst's layout (see :func:`write_text`)."""
    write_text(path, dumps(asn))


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that ``path`` is either untouched or complete.

    The text goes to a temporary file in the same directory, is flushed to disk, then
    renamed over ``path`` (atomic on POSIX and Windows). An existing file keeps its
    permission bits. A failure at any point removes the temporary file and leaves ``path``
    as it was. (jwst opens the output for writing first, so a failure empties it.)
    """
    target = os.fspath(path)
    try:
        mode = os.stat(target).st_mode & 0o7777  # noqa: PTH116
    except FileNotFoundError:
        mode = 0o666  # a new file: the umask applies, as for open(path, "w")
    descriptor, temporary = _create_beside(target, mode)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode != 0o666:  # noqa: PLR2004
            os.chmod(temporary, mode)  # noqa: PTH101 (keep an existing file's bits, umask aside)
        os.replace(temporary, target)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)  # noqa: PTH108
        raise


def _create_beside(target: str | os.PathLike[str], mode: int) -> tuple[int, str]:
    """A new, exclusively created file next to ``target``: its descriptor and name.

    Like ``tempfile.mkstemp`` in the same directory, without importing tempfile (the
    command's start-up is a measured target).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    directory, base = os.path.split(os.fspath(target))
    for _ in range(100):
        name = os.path.join(directory, f".{base}.{os.urandom(6).hex()}.tmp")  # noqa: PTH118
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue
    msg = f"cannot create a temporary file beside {target}"
    raise FileExistsError(msg)


def load(
    source: str | os.PathLike[str] | IO[str] | IO[bytes] | Mapping[str, object],
) -> Association:
    """An association from a path, JSON text, an open file or a decoded object.

    A string that starts with ``{`` (after white space) is taken as JSON text; any other
    string is a path. Nothing is lost: unknown keys and the key order are kept, so
    ``dumps(load(f))`` gives back a file written in jwst's layout byte for byte.

    Raises:
        LoadError: the source cannot be read or is not an association; the message names
            the file and the place.
    """
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return from_json(source)
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        try:
            with open(name, "rb") as stream:  # noqa: PTH123
                data = stream.read()
        except OSError as error:
            raise LoadError(name, f"cannot read: {error.strerror or error}") from None
        return from_json(data, source=name)
    if hasattr(source, "read"):
        name = str(getattr(source, "name", "<stream>"))
        return from_json(source.read(), source=name)
    return from_dict(source)


def read_with_whitespace(path: str | os.PathLike[str]) -> tuple[Association, Whitespace]:
    """The association in the file ``path``, and the white space of the file's text.

    Raises:
        LoadError: the file cannot be read or is not an association; the message names it.
    """
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8", newline="") as stream:  # noqa: PTH123
            text = stream.read()
    except OSError as error:
        raise LoadError(name, f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise LoadError(name, f"not UTF-8 text: {error.reason} at byte {error.start}") from None
    return from_json(text, source=name), detect(text)
