"""Shared fixtures. ``tests/`` is on sys.path, so test modules import ``strategies``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from testdata import CORPUS, REFERENCE

if TYPE_CHECKING:
    from pathlib import Path

    from syrupy.assertion import SnapshotAssertion


@pytest.fixture
def reference() -> Path:
    """Facts from jwst 3.0.0: its asn_from_list's outputs for the page, its suffix list."""
    return REFERENCE


@pytest.fixture
def page_products() -> tuple[object, object]:
    """The ``products`` of the two example documents of jwst's asn_from_list page (Stage 2, 3)."""
    import json

    stage2, stage3 = (
        json.loads(
            (REFERENCE / "examples" / f"page-stage{n}-products.json").read_text(encoding="utf-8")
        )
        for n in (2, 3)
    )
    return stage2["products"], stage3["products"]


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
    return CORPUS


class ExactBytesSnapshot(SingleFileSnapshotExtension):
    """A snapshot stored as the exact bytes of an output file, one file per snapshot."""

    _write_mode = WriteMode.BINARY


@pytest.fixture
def snapshot_file(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Compare bytes with a stored file: ``assert path.read_bytes() == snapshot_file``."""
    return snapshot.use_extension(ExactBytesSnapshot)
