"""asnkit.validation: sources, stages, the schema layer and the meaning layer."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import json_values, schema_documents

import asnkit
from asnkit.exceptions import UnknownRuleError
from asnkit.models import KNOWN_EXPTYPES
from asnkit.rules import RULES, STAGE_NAMES, stage_of
from asnkit.schema import validator
from asnkit.schema._refusal import JsonSchemaValueException
from asnkit.validation import Finding, Report, validate
from asnkit.validation.shape import schema_walk

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def member(expname: str, exptype: str = "science") -> dict[str, Any]:
    return {"expname": expname, "exptype": exptype}


def level3(*members: dict[str, Any], **top: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "asn_type": "image3",
        "asn_rule": "DMS_Level3_Base",
        "asn_id": "a3001",
        "products": [{"name": "l3", "members": list(members)}],
    }
    document.update(top)
    return document


def level2b(*products: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "asn_type": "image2",
        "asn_rule": "DMSLevel2bBase",
        "products": [{"name": f"p{i}", "members": m} for i, m in enumerate(products)],
    }
    document.update(top)
    return document


GOOD3 = level3(member("a_cal.fits"), member("b_cal.fits"), member("bg_cal.fits", "background"))
GOOD2 = level2b([member("a_rate.fits"), member("bg_rate.fits", "background")])


def found(report: Report) -> list[tuple[str, str]]:
    return [(f.severity, f.pointer) for f in report.findings]


# -- sources ---------------------------------------------------------------------------


def test_every_kind_of_source_gives_the_same_findings(tmp_path: Path) -> None:
    document = level3(member("dir\\a_cal.fits"))
    text = json.dumps(document)
    path = tmp_path / "x_asn.json"
    path.write_text(text)
    association = asnkit.from_dict(document)
    reports = [
        validate(path),
        validate(str(path)),
        validate(text),
        validate("  \n" + text),
        validate(text.encode()),
        validate(document),
        validate(association),
    ]
    assert [r.source for r in reports] == [
        str(path),
        str(path),
        "<text>",
        "<text>",
        "<bytes>",
        "<document>",
        "<association>",
    ]
    assert {r.findings for r in reports} == {reports[0].findings}
    assert reports[0].findings == (
        Finding("warning", "/products/0/members/0/expname", reports[0].findings[0].message),
    )


def test_good_documents_have_no_finding() -> None:
    for document, stage in ((GOOD3, "level3"), (GOOD2, "level2b")):
        report = validate(document)
        assert report.findings == ()
        assert report.valid
        assert report.stage == stage


def test_a_missing_file_is_one_error(tmp_path: Path) -> None:
    report = validate(tmp_path / "missing.json")
    assert found(report) == [("error", "")]
    assert "cannot read the file" in report.findings[0].message
    assert report.stage is None
    assert not report.valid


def test_a_directory_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "x.json").mkdir()
    report = validate(tmp_path / "x.json")
    assert found(report) == [("error", "")]
    assert "directory" in report.findings[0].message.lower()


def test_the_size_cap_applies_to_every_source(tmp_path: Path) -> None:
    text = json.dumps(GOOD3)
    path = tmp_path / "a.json"
    path.write_text(text)
    for source in (path, text, text.encode()):
        report = validate(source, max_bytes=len(text) - 1)
        assert found(report) == [("error", "")]
        assert "too large" in report.findings[0].message
        assert validate(source, max_bytes=len(text)).valid


def test_a_json_error_has_its_place() -> None:
    report = validate(b'{"products": [\n  {"members": [],},\n]}')
    (finding,) = report.findings
    assert (finding.severity, finding.pointer, finding.line, finding.column) == ("error", "", 2, 17)
    assert finding.message.startswith("not valid JSON (line 2, column 17): trailing comma")


@pytest.mark.parametrize("document", [[], "text", 3, None])
def test_a_document_that_is_not_an_object(document: object) -> None:
    report = validate(json.dumps(document).encode())
    assert found(report) == [("error", "")]
    assert "JSON object" in report.findings[0].message


# -- stage -----------------------------------------------------------------------------

STAGES = [
    ({"asn_rule": "DMSLevel2bBase"}, "level2b"),
    ({"asn_rule": "candidate_Asn_Lv2Image", "asn_type": "image3"}, "level2b"),
    ({"asn_rule": "Asn_Lv2Spec"}, "level2b"),
    ({"asn_rule": "discover_Asn_Lv2WFSS"}, "level2b"),
    ({"asn_rule": "DMS_Level3_Base", "asn_type": "image2"}, "level3"),
    ({"asn_rule": "Asn_Lv3NRCCoron"}, "level3"),
    ({"asn_type": "tso-spec2"}, "level2b"),
    ({"asn_type": "nrslamp-spec2", "asn_rule": "CORON"}, "level2b"),
    ({"asn_type": "coron3", "asn_rule": "candidate_Asn_Coron"}, "level3"),
    ({"asn_rule": "DMS_ELPP_Base", "asn_type": "None"}, "level3"),
    ({"asn_rule": "Asn_Image", "asn_type": "image"}, "level3"),
    ({"asn_rule": 3, "asn_type": None}, "level3"),
]


@pytest.mark.parametrize(("top", "stage"), STAGES)
def test_stage_of(top: dict[str, object], stage: str) -> None:
    assert stage_of({**top, "products": [{}]}) == stage


def test_several_products_and_no_other_sign_are_stage_2b() -> None:
    assert stage_of({"asn_rule": "Asn_Image", "products": [{}, {}]}) == "level2b"
    assert stage_of({"products": [{}]}) == "level3"


@pytest.mark.parametrize("rule", sorted(STAGE_NAMES))
def test_rule_forces_the_stage(rule: str) -> None:
    two_science = level3(member("a_cal.fits"), member("b_cal.fits"))
    report = validate(two_science, rule=rule)
    assert report.stage == STAGE_NAMES[rule]
    assert report.valid == (STAGE_NAMES[rule] == "level3")


def test_rule_names_are_asnkit_rules() -> None:
    assert {name for name in STAGE_NAMES if name not in {"level2b", "level3"}} == set(RULES)


def test_an_unknown_rule_raises() -> None:
    with pytest.raises(UnknownRuleError, match="unknown rule 'Level2'"):
        validate(GOOD3, rule="Level2")


# -- schema layer ----------------------------------------------------------------------

SCHEMA_ERRORS = [
    ({"asn_type": 2}, "/asn_type", "asn_type must be a string, not a number"),
    ({"asn_id": True}, "/asn_id", "asn_id must be a string, not a boolean"),
    ({"version_id": 1}, "/version_id", "version_id must be a string or null, not a number"),
    ({"products": {}}, "/products", "products must be an array, not an object"),
    ({"products": [3]}, "/products/0", "a product must be an object, not a number"),
    ({"products": [{"name": "x"}]}, "/products/0", "the product has no 'members' key"),
    (
        {"products": [{"members": [{"expname": "a"}]}]},
        "/products/0/members/0",
        "the member has no 'exptype' key",
    ),
    (
        {"products": [{"name": None, "members": [member("a.fits")]}]},
        "/products/0/name",
        "name must be a string, not null",
    ),
]


@pytest.mark.parametrize(("change", "pointer", "message"), SCHEMA_ERRORS)
def test_schema_errors(change: dict[str, object], pointer: str, message: str) -> None:
    report = validate({**GOOD3, **change})
    assert ("error", pointer, message) in [
        (f.severity, f.pointer, f.message) for f in report.errors
    ]


def test_every_schema_error_is_reported_not_only_the_first() -> None:
    document = level3(
        {"expname": 1, "exptype": "science"},
        {"expname": "b.fits"},
        member("c_cal.fits"),
        asn_rule=None,
    )
    report = validate(document, rule="level3")
    assert found(report) == [
        ("error", "/asn_rule"),
        ("error", "/products/0/members/0/expname"),
        ("error", "/products/0/members/1"),
    ]


def test_no_products_key() -> None:
    report = validate({"asn_type": "background", "asn_rule": "Asn_MIRI_BkgChop"})
    assert ("error", "", "no 'products' key: an association lists its products") in [
        (f.severity, f.pointer, f.message) for f in report.findings
    ]


@pytest.mark.parametrize("stage", ["level2b", "level3"])
def test_every_key_the_schema_types_is_reported_where_it_is(stage: str) -> None:
    """The located findings come from the generated schema: each key it types is checked."""
    schema = json.loads((SCHEMAS / f"asn_{stage}.schema.json").read_text())
    typed = [key for key, value in schema["properties"].items() if key != "products"]
    assert typed
    for key in typed:
        expected = "a string or null" if "anyOf" in schema["properties"][key] else "a string"
        report = validate({**GOOD3, key: 5}, rule=stage)
        assert ("error", f"/{key}", f"{key} must be {expected}, not a number") in [
            (f.severity, f.pointer, f.message) for f in report.errors
        ], key


@given(schema_documents, st.sampled_from(["level2b", "level3"]))
def test_the_walk_agrees_with_the_compiled_validator(document: dict[str, Any], stage: Any) -> None:
    try:
        validator(stage)(copy.deepcopy(document))
    except JsonSchemaValueException:
        schema_valid = False
    else:
        schema_valid = True
    assert schema_valid == (not schema_walk(document, stage))


# -- meaning layer: errors -------------------------------------------------------------


def test_no_product() -> None:
    report = validate(level3(products=[]))
    assert found(report) == [("error", "/products")]


def test_a_product_with_no_member() -> None:
    report = validate(level3(products=[{"name": "x", "members": []}]))
    assert found(report) == [("error", "/products/0/members")]
    assert report.findings[0].message == "the product has no member"


@pytest.mark.parametrize("science", [0, 2, 3])
def test_stage_2b_needs_exactly_one_science_member(science: int) -> None:
    members = [member(f"s{i}_rate.fits") for i in range(science)]
    members.append(member("bg_rate.fits", "background"))
    report = validate(level2b([member("ok_rate.fits")], members))
    assert found(report) == [("error", "/products/1/members")]
    assert report.findings[0].message.endswith(f"exactly one science member; it has {science}")


def test_stage_3_needs_a_science_member() -> None:
    report = validate(level3(member("bg_cal.fits", "background")))
    assert found(report) == [("error", "/products/0/members")]
    assert "needs a science member" in report.findings[0].message


def test_science_compares_case_insensitively() -> None:
    report = validate(level2b([member("a_rate.fits", "SCIENCE")]))
    assert report.valid
    assert found(report) == [("warning", "/products/0/members/0/exptype")]


def test_a_member_that_is_not_an_object() -> None:
    report = validate(level3(member("a_cal.fits"), "b_cal.fits"))  # type: ignore[arg-type]
    assert found(report) == [("error", "/products/0/members/1")]


def test_every_error_of_a_file_is_reported() -> None:
    document = level2b(
        [member("a_rate.fits"), member("b_rate.fits")],
        [],
        [member("bg_rate.fits", "background")],
    )
    report = validate(document)
    assert found(report) == [
        ("error", "/products/0/members"),
        ("error", "/products/1/members"),
        ("error", "/products/2/members"),
    ]


# -- meaning layer: warnings -----------------------------------------------------------

WARNINGS = [
    (level3(member("a_cal.fits"), asn_type="dither"), "/asn_type", "unknown asn_type 'dither'"),
    (level3(member("a_cal.fits"), asn_id="o12"), "/asn_id", "asn_id 'o12' is not of the form"),
    (
        level3(member("a_cal.fits"), member("b_cal.fits", "target_acquistion")),
        "/products/0/members/1/exptype",
        "unknown exptype 'target_acquistion': misspelled? did you mean 'target_acquisition'",
    ),
    (
        level3(member("a_cal.fits"), member("b_rate.fits", "flat")),
        "/products/0/members/1/exptype",
        "unknown exptype 'flat': no pipeline step acts on it",
    ),
    (
        level3(member("a_cal.fits"), member("b_cal.fits", "Background")),
        "/products/0/members/1/exptype",
        "exptype 'Background' is not lower case; write 'background'",
    ),
    (
        level2b([member("../data/a_rate.fits")]),
        "/products/0/members/0/expname",
        "expname '../data/a_rate.fits' is relative with a directory: Stage 2 opens it from "
        "the directory it runs in",
    ),
    (
        level3(member("C:\\data\\a_cal.fits")),
        "/products/0/members/0/expname",
        "has a backslash: a directory separator only on Windows",
    ),
    (
        level3(member("a_cal.fits"), member("b_cal.fits"), member("a_cal.fits")),
        "/products/0/members/2",
        "the same member as member 0 of this product ('a_cal.fits', 'science')",
    ),
    (
        level2b([member("a_rate.fits")], [member("b_rate.fits")])
        | {
            "products": [
                {"name": "same", "members": [member("a_rate.fits")]},
                {"name": "same", "members": [member("b_rate.fits")]},
            ]
        },
        "/products/1/name",
        "product 1 has the same name as product 0 ('same')",
    ),
    (
        level2b([member("a_cal.fits")]),
        "/products/0/members/0/expname",
        "suffix '_cal' in a Stage 2b association",
    ),
    (
        level3(member("a_rateints.fits.gz")),
        "/products/0/members/0/expname",
        "suffix '_rateints' in a Stage 3 association",
    ),
]


@pytest.mark.parametrize(("document", "pointer", "words"), WARNINGS)
def test_warnings(document: dict[str, Any], pointer: str, words: str) -> None:
    report = validate(document)
    assert report.valid
    assert report.errors == ()
    (warning,) = report.warnings
    assert (warning.severity, warning.pointer) == ("warning", pointer)
    assert words in warning.message
    assert (warning.line, warning.column) == (None, None)
    strict = validate(document, strict=True)
    assert not strict.valid
    assert strict.findings == report.findings


def test_no_suffix_warning_for_other_members_or_formats() -> None:
    assert (
        validate(level2b([member("a_rate.fits"), member("b_x1d.fits", "background")])).findings
        == ()
    )
    assert validate(level3(member("r_uncal.asdf"))).findings == ()


def test_known_exptypes_and_asn_types_give_no_warning() -> None:
    members = [member("s_cal.fits")] + [
        member(f"m{i}_cal.fits", exptype) for i, exptype in enumerate(sorted(KNOWN_EXPTYPES))
    ]
    for asn_type in ("image3", "spec3", "None", "user_built", "wfs-image3"):
        assert validate(level3(*members, asn_type=asn_type)).findings == ()


@pytest.mark.parametrize("asn_id", ["o001", "c1000", "a3001", "r0042"])
def test_good_asn_ids(asn_id: str) -> None:
    assert validate(level3(member("a_cal.fits"), asn_id=asn_id)).findings == ()


# -- check_files -----------------------------------------------------------------------


def test_check_files_resolves_from_the_association_directory(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a_cal.fits").write_bytes(b"")
    (tmp_path / "b_cal.fits").write_bytes(b"")
    document = level3(member("a_cal.fits"), member("../b_cal.fits"), member("c_cal.fits"))
    path = tmp_path / "sub" / "x_asn.json"
    path.write_text(json.dumps(document))
    assert validate(path).errors == ()
    report = validate(path, check_files=True)
    assert [(f.pointer, f.message) for f in report.errors] == [
        (
            "/products/0/members/2/expname",
            f"member file not found: {tmp_path / 'sub' / 'c_cal.fits'}",
        )
    ]


def test_check_files_keeps_absolute_names(tmp_path: Path) -> None:
    (tmp_path / "a_cal.fits").write_bytes(b"")
    document = level3(member(str(tmp_path / "a_cal.fits")))
    report = validate(document, check_files=True)
    assert report.errors == ()


# -- the report ------------------------------------------------------------------------


def test_report_is_frozen_and_exported() -> None:
    report = validate(GOOD3)
    with pytest.raises(AttributeError):
        report.source = "x"  # type: ignore[misc]
    assert asnkit.Report is Report
    assert asnkit.Finding is Finding
    assert "Report" in dir(asnkit)
    assert "Finding" in dir(asnkit)


@given(
    st.one_of(
        schema_documents,
        st.fixed_dictionaries(
            {
                "asn_rule": st.sampled_from(["DMSLevel2bBase", "DMS_Level3_Base", "x"]),
                "products": st.lists(
                    st.fixed_dictionaries(
                        {
                            "members": st.lists(
                                st.dictionaries(
                                    st.sampled_from(["expname", "exptype"]), json_values
                                )
                            )
                        },
                        optional={"name": json_values},
                    ),
                    max_size=3,
                ),
            }
        ),
    ),
    st.booleans(),
)
def test_any_document_gives_a_report_whose_pointers_resolve(
    document: dict[str, Any], check_files: bool
) -> None:
    report = validate(document, check_files=check_files)
    assert report.valid == (not report.errors)
    for finding in report.findings:
        place: Any = document
        for token in finding.pointer.split("/")[1:]:
            place = place[int(token)] if isinstance(place, list) else place[token]


def test_check_files_from_text_looks_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_cal.fits").write_bytes(b"")
    assert validate(json.dumps(level3(member("a_cal.fits"))), check_files=True).errors == ()
    assert validate(json.dumps(level3(member("b_cal.fits"))), check_files=True).errors != ()


def test_a_mapping_with_tuples_is_checked_like_json() -> None:
    document = {
        "asn_rule": "DMSLevel2bBase",
        "products": ({"name": "a", "members": (member("a_rate.fits"),) * 2},),
    }
    report = validate(document)
    assert [(f.severity, f.pointer) for f in report.findings] == [
        ("error", "/products/0/members"),
        ("warning", "/products/0/members/1"),
    ]


# -- the checks of issue #13 -------------------------------------------------------------


@pytest.mark.parametrize("expname", ["", "   "])
def test_an_empty_expname_is_an_error(expname: str) -> None:
    report = validate(level3(member("a_cal.fits"), member(expname, "background")))
    assert found(report) == [("error", "/products/0/members/1/expname")]
    assert report.errors[0].message == "expname is empty: a member names its exposure's file"


@pytest.mark.parametrize("make", [level3, lambda m: level2b([m])])
def test_a_product_without_a_name_is_an_error(make: Any) -> None:
    document = make(member("a_rate.fits"))
    del document["products"][0]["name"]
    report = validate(document)
    assert ("error", "/products/0") in found(report)
    assert any("has no 'name'" in f.message for f in report.errors)


@pytest.mark.parametrize("name", ["", " "])
def test_an_empty_product_name_is_an_error(name: str) -> None:
    document = level3(member("a_cal.fits"))
    document["products"][0]["name"] = name
    report = validate(document)
    assert found(report) == [("error", "/products/0/name")]
    assert report.errors[0].message.startswith("the product's name is empty")


@pytest.mark.parametrize(
    ("expname", "character"),
    [("a\ncal.fits", "'\\n'"), ("a\tb.fits", "'\\t'"), ("a\x7f.fits", "'\\x7f'")],
)
def test_a_control_character_in_a_name_is_an_error(expname: str, character: str) -> None:
    report = validate(level3(member(expname)))
    assert ("error", "/products/0/members/0/expname") in found(report)
    assert any(character in f.message for f in report.errors)
    document = level3(member("a_cal.fits"))
    document["products"][0]["name"] = "out\r"
    assert found(validate(document)) == [("error", "/products/0/name")]


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (level3(member("/data/a_cal.fits")), "absolute, Stage 3"),
        (level3(member("../data/a_cal.fits")), "relative, Stage 3"),
        (level3(member("sub/a_cal.fits")), "relative, Stage 3"),
        (level2b([member("/data/a_rate.fits")]), "absolute, Stage 2b"),
    ],
)
def test_names_the_path_policies_write_are_not_warned_of(
    document: dict[str, Any], where: str
) -> None:
    """What --paths absolute and --paths relative write works where they say (docs)."""
    assert validate(document).findings == (), where


def test_every_check_is_listed_once_and_is_a_function_of_the_document() -> None:
    from asnkit.validation import checks

    named = [check.__name__ for check in checks.CHECKS]
    assert len(set(named)) == len(named)
    public = {
        name
        for name, value in vars(checks).items()
        if callable(value)
        and getattr(value, "__module__", "") == checks.__name__
        and not name.startswith("_")
        and name[0].islower()
        and name != "meaning_findings"
    }
    assert public == set(named)


def test_a_finding_names_the_check_that_found_it() -> None:
    from asnkit.validation import checks

    document = level3(member("dir\\a_rate.fits"), member("b_cal.fits", "flat"), asn_id="x")
    report = validate(document)
    assert [finding.check for finding in report.findings] == [
        "asn_id_form",
        "directory_in_expname",
        "suffix_for_stage",
        "exptype_spelling",
    ]
    assert {finding.check for finding in report.findings} <= {c.__name__ for c in checks.CHECKS}
    assert validate("{").findings[0].check == ""  # the JSON layer
    not_a_name: dict[str, Any] = {"expname": 1, "exptype": "science"}
    assert validate(level3(not_a_name)).findings[0].check == ""  # the schema layer
