"""A stage fact is one edit: from-list, generate, edit and validate read it from the rule.

Each test changes one fact on :class:`asnkit.rules.Level2bRule` (the Stage 2b product name,
the order of the document's keys) and sees every maker of Stage 2b associations follow.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from generate_pools import exposure, pool

from asnkit import asn_from_list
from asnkit.codec.emit import dumps
from asnkit.edit import add_members
from asnkit.generate import generate_files
from asnkit.rules import Level2bRule

if TYPE_CHECKING:
    from pathlib import Path

SCIENCE = "jw01234001001_01101_00001_nrcb1_rate.fits"
"""The Stage 2 member of the hand-made pool's exposure 1 (``generate_pools.exposure``)."""


def _generated_stage2b() -> dict[str, object]:
    made = dict(generate_files(pool(exposure(1))))
    return json.loads(dumps(made["jw01234-o001_image2_00001_asn.json"]))  # type: ignore[no-any-return]


def _listed_stage2b() -> dict[str, object]:
    return json.loads(dumps(asn_from_list([SCIENCE], rule="DMSLevel2bBase")))  # type: ignore[no-any-return]


def _product_names(document: dict[str, object]) -> list[str]:
    products = document["products"]
    assert isinstance(products, list)
    return [product["name"] for product in products]


def test_the_stage_2b_product_name_is_read_from_the_stage_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stem = "jw01234001001_01101_00001_nrcb1"
    assert _product_names(_listed_stage2b()) == [stem]
    assert _product_names(_generated_stage2b()) == [stem]

    monkeypatch.setattr(Level2bRule, "product_name", staticmethod(lambda name: f"renamed_{name}"))
    assert _product_names(_listed_stage2b()) == [f"renamed_{SCIENCE}"]
    assert _product_names(_generated_stage2b()) == [f"renamed_{SCIENCE}"]
    edited = add_members(asn_from_list([SCIENCE], rule="DMSLevel2bBase"), ["b_rate.fits"])
    assert [product.name for product in edited.products][-1] == "renamed_b_rate.fits"


def test_the_stage_2b_key_order_is_read_from_the_stage_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generated = _generated_stage2b()
    # jwst's Stage 2 rules set the target last: after asn_pool.
    assert list(generated).index("target") == list(generated).index("asn_pool") + 1
    assert list(_listed_stage2b())[:2] == ["asn_type", "asn_rule"]

    reordered = ("asn_rule", *(key for key in Level2bRule.key_order if key != "asn_rule"))
    monkeypatch.setattr(Level2bRule, "key_order", reordered)
    assert list(_generated_stage2b())[:2] == ["asn_rule", "asn_type"]
    assert list(_listed_stage2b())[:2] == ["asn_rule", "asn_type"]


_CHILD = """
import json, sys
from asnkit.rules import Level2bRule
if sys.argv[1] == "changed":
    Level2bRule.wrong_science_suffixes = frozenset({"rate"})
from asnkit.validation import validate
document = json.loads(sys.argv[2])
print(json.dumps([f.message for f in validate(document).findings if "suffix" in f.message]))
"""


def test_validate_reads_each_stages_wrong_suffixes_from_its_rule() -> None:
    # In a child process: the checks read the rule once, when they are imported.
    from edited_source import run_edited

    document = dumps(asn_from_list([SCIENCE], rule="DMSLevel2bBase"))

    def suffix_findings(how: str) -> list[str]:
        found = run_edited("asnkit", None, _CHILD, how, document)
        assert isinstance(found, list)
        return found

    assert suffix_findings("as-is") == []
    [message] = suffix_findings("changed")
    assert "'_rate'" in message
    assert Level2bRule.suffix_hint in message


def test_the_stage_label_is_read_from_the_stage_object(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """from-list's refusals, validate's findings and header-aware creation's refusals."""
    from fitscases import write_case

    from asnkit.exceptions import HeaderError, InvalidAssociationError
    from asnkit.headers import association_from_headers
    from asnkit.validation import validate

    monkeypatch.setattr(Level2bRule, "label", "Stage Two-B")
    with pytest.raises(InvalidAssociationError, match="a Stage Two-B association needs"):
        asn_from_list([("b_rate.fits", "background")], rule="DMSLevel2bBase", with_exptype=True)
    two_science = {
        "asn_rule": "DMSLevel2bBase",
        "products": [
            {
                "name": "a",
                "members": [{"expname": f"{n}_rate.fits", "exptype": "science"} for n in "ab"],
            }
        ],
    }
    messages = [finding.message for finding in validate(two_science).findings]
    assert "a Stage Two-B product needs exactly one science member; it has 2" in messages
    names = write_case("nirspec_ifu_imprint_background", tmp_path)
    with pytest.raises(HeaderError, match="the files make 2 Stage Two-B associations"):
        association_from_headers([str(tmp_path / name) for name in names], stage="level2b")


def test_asnkit_inspect_names_the_stages_as_their_rules_do() -> None:
    from asnkit.cli.inspect import _STAGES
    from asnkit.rules import rule_for_stage
    from asnkit.vocabulary import STAGES

    assert {stage: rule_for_stage(stage).label for stage in STAGES} == _STAGES


def test_the_file_name_pattern_is_read_from_naming(monkeypatch: pytest.MonkeyPatch) -> None:
    """generate's file names and from-list's suggested name: one pattern, in asnkit.naming."""
    import asnkit.naming
    from asnkit.naming import suggested_file_name

    generated = dict(generate_files(pool(exposure(1))))
    image3 = generated["jw01234-o001_image3_00001_asn.json"]
    assert suggested_file_name(image3) == "jw01234-o001_image3_00001_asn.json"

    def renamed(program: str, asn_id: str, asn_type: str, **_: object) -> str:
        return f"{asn_type}-{asn_id}-{program}.json"

    monkeypatch.setattr(asnkit.naming, "association_file_name", renamed)
    assert sorted(name for name, _ in generate_files(pool(exposure(1)))) == [
        "image2-o001-01234.json",
        "image3-o001-01234.json",
    ]
    assert suggested_file_name(image3) == "image3-o001-01234.json"


def test_each_generate_rule_points_at_its_stage_object() -> None:
    from asnkit.generate import rules
    from asnkit.rules import RULES, Level3Rule

    made = rules()
    assert {type(rule.base_rule) for rule in made} == {Level2bRule, Level3Rule}
    for rule in made:
        assert rule.base_rule is RULES[rule.base_rule.name]
        assert rule.base_rule.stage == rule.stage
