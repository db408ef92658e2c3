"""An association handed to the pipeline without a file opens as its file does.

jwst's ``ModelLibrary`` takes any mutable mapping and ``ModelContainer`` any ``dict`` that
has ``asn_id`` and ``asn_pool``; ``asnkit.to_dict(asn)`` is such a dict. Member names are
then resolved from the working directory (from the file's directory when a file is given),
so each test works in the folder of its exposures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from jwst.datamodels import ModelContainer, ModelLibrary
from jwst_reference import quiet_jwst
from pipeline_inputs import borrowed, exposures, level3, opened_models

import asnkit
from asnkit import to_dict, write

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["exposures"]  # the fixture, from pipeline_inputs


def _library_view(init: Any) -> tuple[list[tuple[str, str, float]], list[dict[str, Any]]]:
    """The models a ModelLibrary opens from ``init``, and the members it records."""
    with quiet_jwst():
        library = ModelLibrary(init)
        with library:
            opened = opened_models(borrowed(library))
    members = [dict(member) for member in library.asn["products"][0]["members"]]
    return opened, members


@pytest.fixture
def in_exposures(exposures: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(exposures)
    return exposures


def test_model_library_from_to_dict_is_the_library_from_the_file(in_exposures: Path) -> None:
    association = level3()
    path = in_exposures / "l3_asn.json"
    write(association, path)
    from_file = _library_view(str(path))
    from_memory = _library_view(to_dict(association))
    assert from_memory == from_file
    assert len(from_memory[0]) == 7


def test_model_library_from_a_loaded_association(in_exposures: Path) -> None:
    path = in_exposures / "l3_asn.json"
    write(level3(), path)
    assert _library_view(to_dict(asnkit.load(path))) == _library_view(str(path))


def test_model_container_from_to_dict_is_the_container_from_the_file(in_exposures: Path) -> None:
    association = level3()
    path = in_exposures / "l3_asn.json"
    write(association, path)
    with quiet_jwst():
        with ModelContainer(str(path)) as container:
            from_file = opened_models(iter(container))
            table_from_file = container.asn_table
        with ModelContainer(to_dict(association)) as container:
            from_memory = opened_models(iter(container))
            table_from_memory = container.asn_table
    assert from_memory == from_file
    assert len(from_memory) == 7
    assert table_from_memory == table_from_file == to_dict(association)
