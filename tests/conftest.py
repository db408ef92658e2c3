"""Shared fixtures. ``tests/`` is on sys.path, so test modules import ``strategies``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

_HERE = Path(__file__).resolve()
# The shared folder sits beside the checkout (/work/main -> /work/shared); from a worktree
# one level deeper (/work/wt/NAME) it is found further up.
SHARED = next(
    (p / "shared" for p in _HERE.parents[2:] if (p / "shared" / "corpus").is_dir()),
    _HERE.parents[1].parent / "shared",
)
REFERENCE = SHARED / "reference" / "jwst-3.0.0"
CORPUS = SHARED / "corpus"
SEED_PAGE = SHARED / "seed" / "asn_from_list.rst.txt"


@pytest.fixture
def reference() -> Path:
    """jwst 3.0.0's schemas, suffix list and outputs, as the project was given them."""
    if not REFERENCE.is_dir():
        pytest.skip(f"the shared reference folder is not here: {REFERENCE}")
    return REFERENCE


@pytest.fixture
def seed_page() -> str:
    """The text of jwst's asn_from_list documentation page, which started the project."""
    if not SEED_PAGE.is_file():
        pytest.skip(f"the seed page is not here: {SEED_PAGE}")
    return SEED_PAGE.read_text(encoding="utf-8")


@pytest.fixture
def corpus_documents(corpus: Path) -> list[tuple[Path, dict[str, object]]]:
    """Every corpus file that is a JSON object with ``products``, decoded: 195 of them."""
    import json

    documents = []
    for path in sorted(corpus.glob("*/*.json")):
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue
        if isinstance(document, dict) and "products" in document:
            documents.append((path, document))
    return documents


@pytest.fixture
def corpus() -> Path:
    """Real association files from public repositories, with INDEX.md's verdicts."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus folder is not here: {CORPUS}")
    return CORPUS


class ExactBytesSnapshot(SingleFileSnapshotExtension):
    """A snapshot stored as the exact bytes of an output file, one file per snapshot."""

    _write_mode = WriteMode.BINARY


@pytest.fixture
def snapshot_file(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Compare bytes with a stored file: ``assert path.read_bytes() == snapshot_file``."""
    return snapshot.use_extension(ExactBytesSnapshot)
