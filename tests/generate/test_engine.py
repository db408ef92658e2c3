"""The engine: candidates, discovery, grouping, pruning, numbering, file names."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from generate_pools import exposure, pool

from asnkit.codec.emit import dumps
from asnkit.exceptions import PoolError
from asnkit.generate import generate as generate_all
from asnkit.generate import generate_files as generate_all_files
from asnkit.generate import parse_pool, read_pool
from asnkit.generate.level3 import LEVEL3_RULES

if TYPE_CHECKING:
    from asnkit.models import Association

# These tests pin the engine with the Stage 3 rules only; the Stage 2b associations the
# same pools make are pinned in test_rules_level2b.py.


def generate_files(*args: Any, **kwargs: Any) -> list[tuple[str, Association]]:
    return generate_all_files(*args, rule_set=LEVEL3_RULES, **kwargs)


def generate(*args: Any, **kwargs: Any) -> list[Association]:
    return generate_all(*args, rule_set=LEVEL3_RULES, **kwargs)


def _documents(made: list[tuple[str, Association]]) -> dict[str, dict[str, object]]:
    return {name: json.loads(dumps(asn)) for name, asn in made}


def test_one_observation_makes_one_image3_named_as_jwst_names_it() -> None:
    made = generate_files(pool(exposure(1), exposure(2)))
    assert [name for name, _ in made] == ["jw01234-o001_image3_00001_asn.json"]
    document = _documents(made)["jw01234-o001_image3_00001_asn.json"]
    assert list(document) == [
        "asn_type", "asn_rule", "version_id", "code_version", "degraded_status", "program",
        "constraints", "asn_id", "target", "asn_pool", "products",
    ]  # fmt: skip
    assert document["asn_rule"] == "candidate_Asn_Lv3Image"
    assert document["program"] == "01234"
    assert document["target"] == "t001"
    assert document["asn_pool"] == "jw01234_20240101t000000_pool.csv"
    product = document["products"][0]  # type: ignore[index]
    assert product["name"] == "jw01234-o001_t001_nircam_clear-f200w"
    assert [m["expname"] for m in product["members"]] == [
        "jw01234001001_01101_00001_nrcb1_cal.fits",
        "jw01234001001_01101_00002_nrcb1_cal.fits",
    ]
    assert product["members"][0] == {
        "expname": "jw01234001001_01101_00001_nrcb1_cal.fits",
        "exptype": "science",
        "exposerr": "null",
        "asn_candidate": "[('o001', 'observation')]",
    }


def test_each_filter_is_its_own_association_numbered_in_order() -> None:
    made = generate_files(pool(exposure(1), exposure(2, filter="f150w"), exposure(3)))
    names = {name: asn.products[0].name for name, asn in made}
    assert names == {
        "jw01234-o001_image3_00001_asn.json": "jw01234-o001_t001_nircam_clear-f150w",
        "jw01234-o001_image3_00002_asn.json": "jw01234-o001_t001_nircam_clear-f200w",
    }


def test_two_targets_in_one_observation_are_two_associations() -> None:
    made = generate(pool(exposure(1), exposure(2, targetid="2")))
    assert sorted(str(asn.target) for asn in made) == ["t001", "t002"]


def test_a_candidate_spanning_observations_also_gets_its_association() -> None:
    both = "[('o001', 'observation'), ('c1000', 'mosaic')]"
    rows = [
        exposure(1, asn_candidate=both),
        exposure(2, obs_num="2", asn_candidate="[('o002', 'observation'), ('c1000', 'mosaic')]"),
    ]
    made = generate_files(pool(*rows))
    assert sorted(name for name, _ in made) == [
        "jw01234-c1000_image3_00001_asn.json",
        "jw01234-o001_image3_00001_asn.json",
        "jw01234-o002_image3_00001_asn.json",
    ]


def test_a_mosaic_of_one_observation_is_not_written() -> None:
    rows = [exposure(1, asn_candidate="[('o001', 'observation'), ('c1000', 'mosaic')]")]
    assert [asn.asn_id for asn in generate(pool(*rows))] == ["o001"]


def test_rows_without_candidates_are_discovered_as_a3001() -> None:
    rows = [exposure(1, asn_candidate="null"), exposure(2, asn_candidate="null")]
    made = generate_files(pool(*rows))
    assert [name for name, _ in made] == ["jw01234-a3001_image3_00001_asn.json"]
    assert made[0][1].asn_rule == "discover_Asn_Lv3Image"


def test_a_discovered_duplicate_of_a_candidate_association_is_pruned() -> None:
    # The discovered association has the same members as o001's: jwst keeps o001's.
    made = generate(pool(exposure(1), exposure(2)))
    assert [asn.asn_id for asn in made] == ["o001"]


def test_candidates_option_keeps_only_those_and_no_discovered() -> None:
    rows = [exposure(1), exposure(2, obs_num="2", asn_candidate="[('o002', 'observation')]")]
    assert [asn.asn_id for asn in generate(pool(*rows), candidates=["o002"])] == ["o002"]
    warned: list[str] = []
    assert generate(pool(*rows), candidates=["o009"], warn=warned.append) == []
    assert warned == ["candidate o009 is not in the pool"]


def test_version_id_tags_the_file_name_and_document() -> None:
    ((name, asn),) = generate_files(pool(exposure(1)), version_id="20240101t000000")
    assert name == "jw01234-o001_20240101t000000_image3_00001_asn.json"
    assert asn.version_id == "20240101t000000"


def test_target_acquisition_of_the_observation_joins_as_such() -> None:
    rows = [exposure(1, exp_type="nrc_tacq"), exposure(2)]
    (asn,) = generate(pool(*rows))
    assert [(m.expname, m.exptype) for m in asn.products[0].members] == [
        ("jw01234001001_01101_00002_nrcb1_cal.fits", "science"),
        ("jw01234001001_01101_00001_nrcb1_cal.fits", "target_acquisition"),
    ]


def test_an_exposure_error_marks_the_association_degraded() -> None:
    (asn,) = generate(pool(exposure(1, exposerr="saturated")))
    assert asn.degraded_status.startswith("One or more members have an error")  # type: ignore[union-attr]


def test_rows_are_accepted_as_plain_mappings() -> None:
    rows = [{**exposure(1), "FILTER": "F200W"}]
    rows[0].pop("filter")
    (asn,) = generate(rows)
    assert asn.asn_pool == "in-memory"
    assert asn.products[0].name == "jw01234-o001_t001_nircam_clear-f200w"


def test_a_pool_without_candidates_column_is_refused_in_one_line() -> None:
    rows = [exposure(1)]
    rows[0].pop("asn_candidate")
    with pytest.raises(PoolError, match=r"no ASN_CANDIDATE column") as caught:
        generate(pool(*rows))
    assert "\n" not in str(caught.value)


def test_read_pool_reads_jwst_format() -> None:
    text = "# comment\n\nFILENAME|Exp_Type| FILTER \nA_uncal.fits|NRC_IMAGE|\n"
    parsed = parse_pool(text)
    assert parsed.columns == ("filename", "exp_type", "filter")
    assert parsed.rows == ({"filename": "a_uncal.fits", "exp_type": "nrc_image", "filter": "null"},)


def test_read_pool_refusals_are_one_line(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.csv"
    path.write_text("A|B\n1|2|3\n")
    with pytest.raises(PoolError, match=r"bad.csv: line 2: 3 cells where the header has 2"):
        read_pool(path)
    with pytest.raises(PoolError, match=r"cannot read"):
        read_pool(Path(str(tmp_path)) / "missing.csv")
    empty = Path(str(tmp_path)) / "empty.csv"
    empty.write_text("# only a comment\n")
    with pytest.raises(PoolError, match=r"no header line"):
        read_pool(empty)
