"""asnkit's associations for every one of jwst's test pools, pinned (one snapshot per pool).

Each snapshot lists the files ``asnkit.generate.generate_files`` makes from the pool (its
``@!`` templates expanded as jwst's tests expand them, ``tests/pool_templates.py``), in order:
the file name, then the document with one-space indents (the layout of written files is
pinned elsewhere) and ``code_version`` left out, so that a release changes nothing here. A
pool asnkit refuses pins its one-line message. How these outputs compare with jwst's is the
compat session's business (``tests/compat/test_generate_vs_jwst.py``); a change here is reviewed in
the snapshot's diff and accepted with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from pool_templates import expanded_pool, pool_paths

from asnkit.codec.emit import dumps
from asnkit.exceptions import PoolError
from asnkit.generate import generate_files

if TYPE_CHECKING:
    from pathlib import Path

    from syrupy.assertion import SnapshotAssertion


def listing(path: Path) -> str:
    """The files asnkit generates from the pool, as the snapshot holds them."""
    try:
        made = generate_files(expanded_pool(path))
    except PoolError as error:
        return f"refused: {error}\n"
    parts = [f"{len(made)} associations\n"]
    for name, asn in made:
        document = json.loads(dumps(asn))
        del document["code_version"]
        parts.append(f"\n{name}\n{json.dumps(document, indent=1)}\n")
    return "".join(parts)


@pytest.mark.parametrize("path", pool_paths(), ids=lambda p: p.stem)
def test_pool(path: Path, snapshot_file: SnapshotAssertion) -> None:
    assert listing(path).encode() == snapshot_file


def test_every_pool_is_pinned() -> None:
    assert len(pool_paths()) == 29
