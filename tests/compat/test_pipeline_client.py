"""jwst's own loaders read the files asnkit writes, and open every member with its role.

The loaders are those the pipeline runs: ``load_asn`` with the default registry (every
Stage 3 pipeline, through ``ModelLibrary`` or ``ModelContainer``), ``LoadAsLevel2Asn.load``
(calwebb_image2 and calwebb_spec2), and ``ModelLibrary`` / ``ModelContainer`` themselves,
over small real datamodel files made here.
"""

from __future__ import annotations

import json
import warnings
from typing import TYPE_CHECKING, Any

import pytest
from jwst.associations import AssociationNotValidError, load_asn
from jwst.associations.load_as_asn import LoadAsLevel2Asn
from jwst.datamodels import ModelContainer, ModelLibrary
from jwst_reference import quiet_jwst
from pipeline_inputs import (
    BACKGROUND,
    IMPRINT,
    IN_SUBDIRECTORY,
    SCIENCE,
    borrowed,
    expected_models,
    exposures,
    level2,
    level3,
    marker,
    opened_models,
)
from stdatamodels.jwst import datamodels

from asnkit import to_dict, write
from asnkit.cli.asn_from_list import run

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["exposures"]  # the fixture, from pipeline_inputs


def _members(document: Any) -> list[tuple[str, str]]:
    """``(expname, exptype)`` of every member of every product, in order."""
    return [
        (str(member["expname"]), str(member["exptype"]))
        for product in document["products"]
        for member in product["members"]
    ]


def _load_asn(path: Path) -> Any:
    """``load_asn`` as the pipeline calls it, failing on any deprecation warning.

    jwst reads a ``.json`` file that is not JSON as YAML, with a DeprecationWarning; no
    such fallback may be needed for asnkit's files.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        with path.open(encoding="utf-8") as stream:
            return load_asn(stream)


# -- load_asn, the default registry -------------------------------------------------------


@pytest.mark.parametrize("stage", ["level2b", "level2b_background_candidate", "level3"])
def test_load_asn_reads_what_asnkit_writes(stage: str, tmp_path: Path) -> None:
    association = {
        "level2b": level2(),
        "level2b_background_candidate": level2(acid="c1000"),
        "level3": level3(),
    }[stage]
    path = tmp_path / "asn.json"
    write(association, path)
    with quiet_jwst():
        loaded = _load_asn(path)
    assert json.loads(json.dumps(dict(loaded))) == to_dict(association)


def test_load_asn_refuses_a_broken_file(tmp_path: Path) -> None:
    # The negative control: the loader does validate, so the tests above mean something.
    document = to_dict(level3())
    del document["products"]
    path = tmp_path / "asn.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with quiet_jwst(), pytest.raises(AssociationNotValidError):
        _load_asn(path)


def test_load_asn_reads_asn_from_list_output(tmp_path: Path) -> None:
    path = tmp_path / "l2_asn.json"
    assert run(["-o", str(path), "-r", "DMSLevel2bBase", "-i", "o001", *SCIENCE]) == 0
    with quiet_jwst():
        loaded = _load_asn(path)
    assert loaded["asn_id"] == "o001"
    assert [product["name"] for product in loaded["products"]] == [
        name.removesuffix("_cal.fits") for name in SCIENCE
    ]


# -- LoadAsLevel2Asn: what calwebb_image2 and calwebb_spec2 call --------------------------


@pytest.mark.parametrize("acid", [None, "o001", "c1000"])
def test_stage2_pipelines_load_it_as_a_level2_association(
    acid: str | None, exposures: Path
) -> None:
    association = level2(acid)
    path = exposures / "l2_asn.json"
    write(association, path)
    with quiet_jwst():
        loaded = LoadAsLevel2Asn.load(str(path))
    # On a file it cannot load, LoadAsLevel2Asn silently makes a one-member association of
    # the path itself, named "singleton": that must not be what happened.
    assert loaded.filename == str(path)
    assert type(loaded).__name__ == "DMSLevel2bBase"
    assert _members(loaded) == _members(to_dict(association))
    assert [p["name"] for p in loaded["products"]] == [p.name for p in association.products]
    # Each product is what calwebb_image2/spec2 run: its science, then the others by role.
    for product in loaded["products"]:
        roles = [member["exptype"] for member in product["members"]]
        assert roles[0] == "science"
        assert roles[1:] == ["background", "imprint"]
        for member in product["members"]:
            with datamodels.open(str(exposures / member["expname"])) as model:
                assert float(model.data[0, 0]) == marker(member["expname"])


def test_stage2_pipelines_load_the_command_output_with_roles(exposures: Path) -> None:
    path = exposures / "l2_asn.json"
    argv = ["-o", str(path), "-r", "DMSLevel2bBase", "-i", "c1000", *SCIENCE]
    argv += ["--background", BACKGROUND[0], "--imprint", IMPRINT[0]]
    assert run(argv) == 0
    with quiet_jwst():
        loaded = LoadAsLevel2Asn.load(str(path))
    assert loaded.filename == str(path)
    assert [p["name"] for p in loaded["products"]] == [
        name.removesuffix("_cal.fits") for name in SCIENCE
    ]
    for product, science in zip(loaded["products"], SCIENCE, strict=True):
        assert [(m["expname"], m["exptype"]) for m in product["members"]] == [
            (science, "science"),
            (BACKGROUND[0], "background"),
            (IMPRINT[0], "imprint"),
        ]


# -- ModelLibrary and ModelContainer: what Stage 3 pipelines open -------------------------


def test_model_library_opens_every_member_with_its_role(exposures: Path) -> None:
    association = level3()
    path = exposures / "l3_asn.json"
    write(association, path)
    with quiet_jwst():
        library = ModelLibrary(str(path))
        with library:
            opened = opened_models(borrowed(library))
    assert opened == expected_models(association)
    assert library.indices_for_exptype("science") == [0, 1, 2, 3]
    assert library.indices_for_exptype("background") == [4]
    assert library.indices_for_exptype("imprint") == [5]
    assert library.indices_for_exptype("psf") == [6]


def test_model_library_selects_members_by_role(exposures: Path) -> None:
    path = exposures / "l3_asn.json"
    write(level3(), path)
    with quiet_jwst():
        library = ModelLibrary(str(path), asn_exptypes=["science"])
        with library:
            opened = opened_models(borrowed(library))
    assert [name for name, _, _ in opened] == [
        name.rsplit("/", 1)[-1] for name in (*SCIENCE, IN_SUBDIRECTORY)
    ]
    assert {exptype for _, exptype, _ in opened} == {"science"}


def test_model_container_opens_every_member_with_its_role(exposures: Path) -> None:
    association = level3()
    path = exposures / "l3_asn.json"
    write(association, path)
    with quiet_jwst(), ModelContainer(str(path)) as container:
        assert opened_models(iter(container)) == expected_models(association)
        assert container.asn_table_name == "l3_asn.json"
        assert container.asn_pool_name == "none"


def test_model_library_reads_asn_from_list_output(exposures: Path) -> None:
    path = exposures / "l3_asn.json"
    argv = ["-o", str(path), "--product-name", "mosaic", *SCIENCE, IN_SUBDIRECTORY]
    assert run(argv) == 0
    with quiet_jwst():
        library = ModelLibrary(str(path))
        with library:
            opened = opened_models(borrowed(library))
    assert [(name, exptype) for name, exptype, _ in opened] == [
        (name.rsplit("/", 1)[-1], "science") for name in (*SCIENCE, IN_SUBDIRECTORY)
    ]
