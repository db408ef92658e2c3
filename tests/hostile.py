"""Hostile inputs: files every reader must accept or refuse exactly as ``validate`` does.

Shared by tests/test_one_reader.py (the library) and tests/faults/test_hostile_input.py (the
commands).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pathlib import Path

GOOD: Final[dict[str, object]] = {
    "asn_type": "image3",
    "asn_rule": "DMS_Level3_Base",
    "program": "noprogram",
    "asn_id": "a3001",
    "target": "none",
    "asn_pool": "none",
    "products": [{"name": "p", "members": [{"expname": "a_cal.fits", "exptype": "science"}]}],
}
_GOOD_TEXT: Final = json.dumps(GOOD, indent=4)


def _with_deep_member(levels: int) -> bytes:
    """The good document, its member holding an array nested ``levels`` deep."""
    document = json.loads(_GOOD_TEXT)
    document["products"][0]["members"][0]["x"] = "@"
    return json.dumps(document).replace('"@"', "[" * levels + "]" * levels).encode()


def _replace(old: str, new: str) -> bytes:
    assert old in _GOOD_TEXT
    return _GOOD_TEXT.replace(old, new, 1).encode()


# The document is level 1 and its member level 5: an array nested 495 deep in a member
# reaches level 500, the limit; 600 deep goes past it.
ACCEPTED: Final[dict[str, bytes]] = {
    "good": _GOOD_TEXT.encode(),
    "member_at_the_depth_limit": _with_deep_member(495),
}

REFUSED: Final[dict[str, bytes]] = {
    "binary": bytes(range(256)) * 4,
    "utf8_bom": b"\xef\xbb\xbf" + _GOOD_TEXT.encode(),
    "utf16_with_bom": _GOOD_TEXT.encode("utf-16"),
    "utf16_without_bom": _GOOD_TEXT.encode("utf-16-le"),
    "nan": _replace('"a3001"', "NaN"),
    "infinity": _replace('"a3001"', "-Infinity"),
    "duplicate_key": _replace('"program": "noprogram",', '"program": "1", "program": "2",'),
    "nested_200000_deep": b"[" * 200_000 + b"]" * 200_000,
    "member_600_deep": _with_deep_member(600),
    "truncated": _GOOD_TEXT.encode()[: len(_GOOD_TEXT) // 2],
    "trailing_comma": _replace('"science"\n', '"science",\n'),
    "empty": b"",
    "not_an_object": b"[1, 2]",
}

HUGE_SIZE: Final = 100 * 1024 * 1024
"""The size of the ``huge`` case: 100 MB, over the 32 MiB limit."""


def write_case(folder: Path, name: str) -> Path:
    """Write the case ``name`` (``huge`` is a sparse file: no disk, no time) into ``folder``."""
    path = folder / f"{name}.json"
    if name == "huge":
        with path.open("wb") as stream:
            stream.truncate(HUGE_SIZE)
    else:
        path.write_bytes({**ACCEPTED, **REFUSED}[name])
    (folder / "a_cal.fits").write_bytes(b"member")
    return path


ALL_REFUSED: Final = (*REFUSED, "huge")
