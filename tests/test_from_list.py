from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import file_names

from asnkit import asn_from_list, dumps, to_dict
from asnkit.codec.structure import from_json
from asnkit.exceptions import InvalidAssociationError, UnknownRuleError
from asnkit.naming import product_name_from_expname
from asnkit.rules import Level2bRule
from asnkit.schema import validator

if TYPE_CHECKING:
    from pathlib import Path

    from asnkit.vocabulary import Stage


def _as_jwst(text: str) -> str:
    return text.replace('"code_version": "0.1.0"', '"code_version": "3.0.0"')


def test_the_pages_stage_2_example_is_jwsts_output(reference: Path) -> None:
    names = [f"jw99999001001_011001_0000{i}_nirspec_rate.fits" for i in (1, 2, 3)]
    asn = asn_from_list(names, rule="DMSLevel2bBase")
    expected = (reference / "examples" / "seed-l2.json").read_text(encoding="utf-8")
    assert _as_jwst(dumps(asn)) == expected


def test_the_pages_stage_3_example_is_jwsts_output(reference: Path) -> None:
    names = [f"jw99999001001_011001_0000{i}_nircam_cal.fits" for i in (1, 2)]
    asn = asn_from_list(names, product_name="l3_results")
    expected = (reference / "examples" / "seed-l3.json").read_text(encoding="utf-8")
    assert _as_jwst(dumps(asn)) == expected


def test_rule_may_be_an_object() -> None:
    asn = asn_from_list(["a_rate.fits"], rule=Level2bRule())
    assert asn.asn_rule == "DMSLevel2bBase"


def test_unknown_rule_lists_the_known_ones() -> None:
    with pytest.raises(UnknownRuleError, match="known rules: DMSLevel2bBase, DMS_Level3_Base"):
        asn_from_list(["a"], rule="Nope")


def test_with_exptype_pairs() -> None:
    asn = asn_from_list(
        [("a_cal.fits", "science"), ("p_cal.fits", "psf"), ("b_cal.fits", "")],
        product_name="out",
        with_exptype=True,
    )
    assert [(m.expname, m.exptype) for m in asn.products[0].members] == [
        ("a_cal.fits", "science"),
        ("p_cal.fits", "psf"),
        ("b_cal.fits", "science"),
    ]


def test_acid_is_written_as_asn_id() -> None:
    assert asn_from_list(["a"], product_name="p", acid="o123").asn_id == "o123"
    assert asn_from_list(["a"], product_name="p").asn_id == "a3001"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"items": []}, "no files"),
        ({"items": ["a"], "with_exptype": True}, "pair"),
        ({"items": [3]}, "must be strings"),
        ({"items": ["a"], "meta": {"program": 5}}, "program"),
    ],
)
def test_refusals(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidAssociationError, match=message):
        asn_from_list(product_name="p", **kwargs)  # type: ignore[arg-type]


@settings(max_examples=200)
@given(
    st.lists(file_names, min_size=1, max_size=20),
    st.sampled_from(["DMSLevel2bBase", "DMS_Level3_Base"]),
)
def test_any_list_of_names_gives_a_schema_valid_document_that_loads_back(
    names: list[str], rule: str
) -> None:
    if rule == "DMSLevel2bBase":
        made: dict[str, str] = {}
        if any(made.setdefault(product_name_from_expname(n), n) != n for n in names):
            # Two different files, one product name: refused, their outputs would clash.
            with pytest.raises(InvalidAssociationError, match="would both make product"):
                asn_from_list(names, rule=rule)
            return
    asn = asn_from_list(names, rule=rule, product_name="p")
    stage: Stage = "level2b" if rule == "DMSLevel2bBase" else "level3"
    validator(stage)(to_dict(asn))
    assert from_json(dumps(asn)) == asn


# -- #13: the API refuses wrong types when the association is built ---------------------------


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"product_name": 5}, r"product_name must be a string, not int \(5\)"),
        ({"product_name": "p", "acid": 1}, r"acid must be a string, not int \(1\)"),
        ({"product_name": "p", "meta": {"x": object()}}, r"meta\['x'\] is not a JSON value"),
        ({"product_name": "p", "meta": {1: "x"}}, r"meta keys must be strings, not int \(1\)"),
        ({"product_name": "p", "meta": ["program"]}, r"meta must be a mapping"),
    ],
)
def test_arguments_of_the_wrong_type_fail_when_built(
    keywords: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        asn_from_list(["a_cal.fits"], **keywords)  # type: ignore[arg-type]


def test_a_product_name_function_giving_a_number_fails_when_built() -> None:
    with pytest.raises(TypeError, match=r"product_name_func must return a string, not int"):
        asn_from_list(["a_rate.fits"], rule="DMSLevel2bBase", product_name_func=lambda _i, n: n)  # type: ignore[arg-type,return-value]


def test_a_string_of_names_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"items must be a list of names, not a single str"):
        asn_from_list("a_cal.fits", product_name="p")  # type: ignore[arg-type]
    # Any other collection of names is fine.
    for items in (("a_cal.fits",), {"a_cal.fits"}, iter(["a_cal.fits"]), {"a_cal.fits": 1}.keys()):
        assert asn_from_list(items, product_name="p").products[0].members[0].expname == "a_cal.fits"


def test_two_stage2_files_making_one_product_name_are_refused_naming_both() -> None:
    with pytest.raises(InvalidAssociationError) as caught:
        asn_from_list(["a_rate.fits", "a_cal.fits"], rule="DMSLevel2bBase")
    assert str(caught.value) == (
        "a_rate.fits and a_cal.fits would both make product 'a': their outputs would overwrite "
        "each other; rename one, or give them other names"
    )
    # The same file twice is jwst's behaviour (the command warns of it).
    same = asn_from_list(["a_rate.fits", "a_rate.fits"], rule="DMSLevel2bBase")
    assert [p.name for p in same.products] == ["a", "a"]
