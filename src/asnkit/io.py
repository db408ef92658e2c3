"""Reading association files, and writing any file atomically."""

from __future__ import annotations

import contextlib
import os
from typing import IO, TYPE_CHECKING

from asnkit.exceptions import LoadError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.models import Association

__all__ = ["load", "write_text"]


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that ``path`` is either untouched or complete.

    The text goes to a temporary file in the same directory, is flushed to disk, then
    renamed over ``path`` (atomic on POSIX and Windows). An existing file keeps its
    permission bits. A failure at any point removes the temporary file and leaves ``path``
    as it was. (jwst opens the output for writing first, so a failure empties it.)
    """
    # os.path, not pathlib: this is on the command's path, and pathlib costs start-up time.
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
    ``load(f).to_json()`` gives back a file written in jwst's layout byte for byte.

    Raises:
        LoadError: the source cannot be read or is not an association; the message names
            the file and the place.
    """
    from asnkit.convert import from_dict, from_json

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
