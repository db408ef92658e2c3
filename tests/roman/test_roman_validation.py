"""``asnkit validate`` on Roman documents: romancal's schema, Roman's checks, never JWST's."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
from testdata import CORPUS, DATA

import asnkit
from asnkit import roman
from asnkit.validation import validate

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SKYCELL = json.loads(
    (
        CORPUS / "roman" / "spacetelescope__romancal__romancal__skycell__tests__data__"
        "L3_mosaic_wcs_info_asn.json"
    ).read_bytes()
)
ALL_FLAGS = json.loads((DATA / "roman" / "from_list_all_flags_asn.json").read_bytes())
# Without its last member, which repeats the first (a warning of its own).
WRITTEN = copy.deepcopy(ALL_FLAGS)
del WRITTEN["products"][0]["members"][-1]


def _found(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    report = validate(document)
    return [(f.severity, f.pointer, f.message) for f in report.findings]


@pytest.mark.parametrize(
    "path", sorted((CORPUS / "roman").glob("*.json")), ids=lambda p: p.name[:50]
)
def test_romans_real_files_are_valid_without_a_warning(path: object) -> None:
    report = validate(path)  # type: ignore[arg-type]
    assert report.findings == ()


def test_what_asnkit_and_romancal_write_is_valid() -> None:
    assert validate(WRITTEN).findings == ()
    assert [f.check for f in validate(ALL_FLAGS).findings] == ["duplicate_member"]
    for path in (DATA / "roman" / "mb").iterdir():
        assert validate(path).findings == ()


def _with(document: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    copied = copy.deepcopy(document)
    change(copied)
    return copied


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            _with(SKYCELL, lambda d: d["skycell_wcs_info"].pop("nx")),
            [("error", "/skycell_wcs_info", "skycell_wcs_info has no nx")],
        ),
        (
            _with(SKYCELL, lambda d: d["skycell_wcs_info"].update(ny="5000", name=1)),
            [
                ("error", "/skycell_wcs_info/name", "name must be a string, not a number"),
                ("error", "/skycell_wcs_info/ny", "ny must be a number, not a string"),
            ],
        ),
        (
            _with(SKYCELL, lambda d: d.update(skycell_wcs_info="None")),
            [
                (
                    "error",
                    "/skycell_wcs_info",
                    "skycell_wcs_info must be 'none' or an object of the sky cell's WCS, "
                    "not 'None'",
                )
            ],
        ),
        (
            _with(WRITTEN, lambda d: d.update(target=7, asn_pool=None)),
            [
                ("error", "/target", "target must be a string or null, not a number"),
                ("error", "/asn_pool", "asn_pool must be a string, not null"),
            ],
        ),
        (
            _with(WRITTEN, lambda d: d.update(target=None, version_id=None)),
            [],
        ),
        (
            _with(WRITTEN, lambda d: d.update(data_release_id=1)),
            [
                (
                    "error",
                    "/data_release_id",
                    "data_release_id must be a string (p, dr1, ...), not a number",
                )
            ],
        ),
        (
            _with(WRITTEN, lambda d: d.update(data_release_id="p")),
            [
                (
                    "warning",
                    "/products/0/name",
                    "product 'r00001_dr1_v01001001001001_270p65x70y49_f158' is of data release "
                    "'dr1', the association of 'p' (data_release_id): one of them is wrong",
                )
            ],
        ),
        (
            _with(WRITTEN, lambda d: d["products"][0]["members"][2].update(tweakreg_catalog=3)),
            [
                (
                    "error",
                    "/products/0/members/2/tweakreg_catalog",
                    "tweakreg_catalog must be a string (a file name), not a number",
                )
            ],
        ),
        (
            _with(
                WRITTEN,
                lambda d: d["products"][0]["members"][2].update(tweakreg_catalog="b_cat.parquet"),
            ),
            [
                (
                    "warning",
                    "/products/0/members/2/tweakreg_catalog",
                    "tweakreg_catalog 'b_cat.parquet' is not 'c.asdf''s catalog 'c_cat.parquet' "
                    "(romancal's pairing); is it the right one?",
                )
            ],
        ),
        (
            _with(WRITTEN, lambda d: d["products"][0]["members"][1].pop("tweakreg_catalog")),
            [
                (
                    "warning",
                    "/products",
                    "3 of 4 members have a tweakreg_catalog: tweakreg needs one for every "
                    "member, or none (then it finds sources itself)",
                )
            ],
        ),
        (
            _with(WRITTEN, lambda d: d["products"][0]["members"][1].pop("exptype")),
            [("error", "/products/0/members/1", "the member has no 'exptype' key")],
        ),
        (
            _with(WRITTEN, lambda d: d["products"][0].update(name="")),
            [
                (
                    "error",
                    "/products/0/name",
                    "the product's name is empty: the pipeline names its output files after it",
                )
            ],
        ),
        (
            _with(WRITTEN, lambda d: d["products"][0].update(name="../../x")),
            [
                (
                    "error",
                    "/products/0/name",
                    "the product name '../../x' holds a path separator ('/'): a name part "
                    "names no folder; the pipeline names its output files after it: give a "
                    "plain name",
                )
            ],
        ),
    ],
    ids=[
        "skycell key missing",
        "skycell types",
        "skycell not none",
        "types",
        "null target",
        "release type",
        "release of product",
        "catalog type",
        "catalog pairing",
        "catalogs for some",
        "no exptype",
        "empty name",
        "name steers writes",
    ],
)
def test_broken_roman_documents_get_located_findings(
    document: dict[str, Any], expected: list[tuple[str, str, str]]
) -> None:
    assert _found(document) == expected


def test_jwsts_suffix_and_type_checks_never_fire_on_a_roman_file() -> None:
    document = _with(
        WRITTEN,
        lambda d: d.update(
            asn_type="image",
            products=[
                {
                    "name": "p",
                    "members": [
                        {"expname": "a_rate.fits", "exptype": "science"},
                        {"expname": "b_cal.asdf", "exptype": "science"},
                    ],
                }
            ],
        ),
    )
    # As JWST's (forced): the _rate suffix at Stage 3 and the unknown asn_type.
    jwst = [f.check for f in validate(document, rule="level3").findings]
    assert jwst == ["unknown_asn_type", "suffix_for_stage"]
    # As Roman's (detected): only that a_rate.fits is not ASDF.
    assert [(f.check, f.pointer) for f in validate(document).findings] == [
        ("asdf_members", "/products/0/members/0/expname")
    ]
    assert [f.check for f in validate(document, rule="DMS_ELPP_Base").findings] == ["asdf_members"]


def test_the_command_checks_roman_files(capsys: pytest.CaptureFixture[str]) -> None:
    from cli.clirun import in_process

    result = in_process(capsys, "validate", str(CORPUS / "roman"))
    assert result.status == 0
    lines = (result.out + result.err).splitlines()
    # Two notebooks of the corpus make one product name of other members: validated
    # together, each is told of the other (asnkit.validation.across); nothing else is found.
    assert lines[-1] == "13 files: 13 valid, 0 invalid, 2 with warnings"
    assert len(lines) == 3
    assert all(
        ": warning: product name " in line and "is also made by" in line for line in lines[:2]
    )


def test_check_files_looks_for_the_catalogs_too(tmp_path: Path) -> None:
    path = tmp_path / "asn.json"
    path.write_text(json.dumps(WRITTEN), encoding="utf-8")
    for name in ("sub/a_cal.asdf", "b-cal.asdf", "c.asdf", "é_cal.asdf", "b-cat.parquet"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    report = validate(path, check_files=True)
    assert [(f.pointer, f.message) for f in report.errors] == [
        (
            f"/products/0/members/{index}/tweakreg_catalog",
            f"tweakreg catalog not found: {tmp_path / name}",
        )
        for index, name in ((0, "sub/a_cat.parquet"), (2, "c_cat.parquet"), (3, "é_cat.parquet"))
    ]


def test_romancals_null_target_loads_and_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # romancal's API writes "target": null without a target (romancal 1.1.0's
    # asn_from_list(["a_cal.asdf", "b_cal.asdf"], product_name="p").dump()): asnkit.load
    # refused it ("expected a string, got null"), so show, diff and edit did too.
    path = DATA / "roman" / "api_no_target_asn.json"
    association = asnkit.load(path)
    assert association.target is None
    assert roman.dumps(association).encode() == path.read_bytes()
    assert _found(json.loads(path.read_bytes())) == []
    from cli.clirun import in_process

    shown = in_process(capsys, "show", str(path))
    assert shown.status == 0, shown.err
    renamed = tmp_path / "renamed_asn.json"
    edited = in_process(capsys, "edit", str(path), "--rename-product", "p", "q", "-o", str(renamed))
    assert edited.status == 0, edited.err
    assert json.loads(renamed.read_bytes())["target"] is None
