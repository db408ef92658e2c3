"""The rule registry is the one place that knows stages, role orders and rule names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from asnkit.models import Association, Member, Product
from asnkit.rules import (
    RULES,
    STAGE_NAMES,
    Level2bRule,
    Level3Rule,
    ProductNaming,
    Rule,
    get_rule,
    rule_for_stage,
    stage_of,
)
from asnkit.rules._common import in_role_order
from asnkit.vocabulary import STAGES, ExpType

SOURCE = Path(__file__).resolve().parents[2] / "src" / "asnkit"


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_declares_its_facts(rule: Rule) -> None:
    assert isinstance(rule, Rule)
    assert get_rule(rule.name) is rule
    assert rule.stage in STAGES
    assert STAGE_NAMES[rule.name] == rule.stage
    assert rule.role_order[0] == ExpType.SCIENCE
    assert len(set(rule.role_order)) == len(rule.role_order)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_has_its_rule(stage: str) -> None:
    assert rule_for_stage(stage).stage == stage  # type: ignore[arg-type]
    assert STAGE_NAMES[stage] == stage


def test_stage_of_asks_the_registry() -> None:
    # A registry rule wins over the other clues (an asn_type that says otherwise).
    document = {"asn_rule": Level2bRule.name, "asn_type": "image3", "products": [{}]}
    assert stage_of(document) == "level2b"
    assert stage_of({**document, "asn_rule": Level3Rule.name, "asn_type": "image2"}) == "level3"


def test_build_by_role_follows_the_rules_role_order() -> None:
    level3 = Level3Rule().build(
        ["sci"], product_name="p", psf=["ps"], imprint=["im"], background=["bg"]
    )
    assert [m.exptype for m in level3.products[0].members] == list(Level3Rule.role_order)
    # Stage 2b: science and PSF exposures are products of their own, the rest join each.
    level2 = Level2bRule().build(["sci"], psf=["ps"], imprint=["im"], background=["bg"])
    assert [p.members[0].expname for p in level2.products] == ["sci", "ps"]
    assert [m.exptype for m in level2.products[0].members[1:]] == ["background", "imprint"]
    assert Level2bRule.role_order == ("science", "psf", "background", "imprint")


def test_in_role_order_is_stable_and_puts_others_last() -> None:
    members = [("x", "selfcal"), ("b", "background"), ("a", "science"), ("c", "science")]
    ordered = in_role_order(members, Level3Rule.role_order)
    assert ordered == (("a", "science"), ("c", "science"), ("b", "background"), ("x", "selfcal"))


def test_naming_is_one_parameter_every_rule_reads() -> None:
    naming = ProductNaming(name="mosaic", func=lambda item, index: f"{item}{index}")
    level3 = Level3Rule().build_members([("a.fits", "science")], naming=naming)
    level2 = Level2bRule().build_members([("a.fits", "science")], naming=naming)
    assert level3.products[0].name == "mosaic"
    assert level2.products[0].name == "a.fits1"
    assert level3 == Association(
        products=(Product(members=(Member("a.fits"),), name="mosaic"),),
        asn_type=level3.asn_type,
        asn_rule="DMS_Level3_Base",
        version_id=None,
        code_version=level3.code_version,
        degraded_status=level3.degraded_status,
        program="noprogram",
        constraints="No constraints",
        asn_id="a3001",
        target="none",
        asn_pool="none",
    )


def test_no_rule_ignores_a_parameter_of_the_protocol() -> None:
    ignored = [
        f"{path.name}:{number}"
        for path in sorted((SOURCE / "rules").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "ARG002" in line
    ]
    assert ignored == []


def test_stage_is_defined_once() -> None:
    """Only vocabulary.py spells the stages as a type (it was written in three modules)."""
    found = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Literal"
        and "level2b" in ast.unparse(node.slice)
    ]
    assert found == ["vocabulary.py"]


def test_the_rule_says_which_roles_are_products_of_their_own() -> None:
    # Stage 2b calibrates each science and PSF exposure on its own; Stage 3 gathers them all.
    assert Level2bRule.own_product_roles == {"science", "psf"}
    assert Level3Rule.own_product_roles == frozenset()
    level2 = Level2bRule().build(["a_rate.fits"], psf=["p_rate.fits"], background=["b_rate.fits"])
    assert [(p.name, [m.exptype for m in p.members]) for p in level2.products] == [
        ("a", ["science", "background"]),
        ("p", ["science", "background"]),
    ]
