"""``--explain``: what it says of real exposures of jwst's test pools, pinned (snapshots).

Each snapshot is the explanation of one exposure, one line per rule, as
``asnkit generate POOL --explain EXPOSURE`` prints it; a change of wording is reviewed in the
snapshot's diff. The tests beside them pin the choices behind the lines: which alternative
of an "any of" condition is named, how a flag set false or a keyword left empty is said, how
a rule's regular expression reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pool_templates import expanded_pool
from testdata import POOLS

from asnkit.exceptions import PoolError
from asnkit.generate import parse_pool, rules
from asnkit.generate.constraints import Attr, Check, any_of
from asnkit.generate.explain import explain, readable
from asnkit.generate.rule import PoolRule

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

CASES = {
    # A NIRISS direct image of a WFSS observation: taken as science at both stages.
    "niriss_direct_image": ("jw87800_20180412T163456_pool.csv", "jw87800017001_02101_00001_nis"),
    # Its grism exposure.
    "niriss_grism": ("jw87800_20180412T163456_pool.csv", "jw87800017001_02102_00008_nis"),
    # A NIRISS target acquisition of a SOSS time series (the pool's templates expanded).
    "niriss_acquisition": ("pool_005_spec_niriss.csv", "jw_00003_uncal.fits"),
    # A NIRCam acquisition of a wavefront-sensing visit.
    "nircam_wfs_acquisition": ("pool_033_wfs_jitter.csv", "jw01439001001_02102_00001_nrca3"),
}


def _explain(pool_name: str, exposure: str) -> list[str]:
    return explain(expanded_pool(POOLS / pool_name), exposure, rules=rules())


@pytest.mark.parametrize("case", list(CASES))
def test_explain_of_real_exposures(case: str, snapshot: SnapshotAssertion) -> None:
    assert "\n".join(_explain(*CASES[case])) + "\n" == snapshot


def test_a_flag_set_false_is_said_so() -> None:
    lines = _explain(*CASES["niriss_direct_image"])
    assert "  Asn_Lv3ImageBackground: bkgdtarg: BKGDTARG=f (false), needs true" in lines
    assert (
        "  Asn_Lv2ImageSpecial: is_special: BKGDTARG=f (false), IS_PSF=null (not set), "
        "needs one of them true"
    ) in lines
    assert "  Asn_Lv3WFSCMB: patttype: PATTTYPE=null (not set), needs a value" in lines


def test_a_pattern_reads_as_a_person_reads_it() -> None:
    assert readable(r"\[\('c\d{4}', 'direct_image'\)\]") == "[('cNNNN', 'direct_image')]"
    assert readable(".+wfsc.+") == "...wfsc..."
    assert readable(r"o\d+|c\d") == "oN...|cN"
    lines = _explain(*CASES["niriss_direct_image"])
    assert (
        "  Asn_Lv2WFSSParallel: acdirect: ASN_CANDIDATE=[('o017', 'observation')], "
        "needs [('cNNNN', 'direct_image')]"
    ) in lines
    assert "  Asn_Lv2WFSC: wfsc: VISITYPE=prime_targeted_fixed, needs ...wfsc..." in lines


def test_any_of_names_the_alternative_that_got_furthest() -> None:
    # Asn_Lv3NRSFSS takes science, or an acquisition of an observation it already has: an
    # acquisition gets further down the second alternative, which is the one named.
    lines = _explain(*CASES["nircam_wfs_acquisition"])
    assert (
        "  Asn_Lv3NRSFSS: acq_obsnum: OBS_NUM=1, needs the obs_num of an association that "
        "has its science already (such an exposure joins one, never starts it)"
    ) in lines


def _one_row(target: str | None) -> str:
    """A pool of one NIRCam image; ``target``: its TARGETID (``None``: no such column)."""
    header = "FILENAME|PROGRAM|OBS_NUM|INSTRUME|DETECTOR|EXP_TYPE|FILTER|PUPIL|SUBARRAY|PNTGTYPE"
    row = "jw01234001001_02101_00001_nrcb1_uncal.fits|1234|1|NIRCAM|NRCB1|NRC_IMAGE|F200W|CLEAR"
    row += "|FULL|SCIENCE"
    if target is not None:
        header, row = f"{header}|TARGETID", f"{row}|{target}"
    return f"{header}|ASN_CANDIDATE\n{row}|[('o001', 'OBSERVATION')]\n"


def test_any_of_names_the_general_alternative_last_on_a_tie() -> None:
    # Grouped by target: a direct-image candidate (pure parallels), or TARGETID. An
    # observation's image without a TARGETID is told so, not that it is not in a
    # direct-image candidate.
    lines = explain(parse_pool(_one_row("NULL"), name="p.csv"), "jw01234001", rules=rules())
    assert "  Asn_Lv3Image: target: TARGETID=null (not set), needs a value" in lines


def test_a_keyword_the_rules_read_and_the_pool_lacks_is_refused() -> None:
    text = _one_row(None)
    with pytest.raises(PoolError, match=r"^p\.csv: a row has no TARGETID keyword, which the rules"):
        explain(parse_pool(text, name="p.csv"), "jw01234001", rules=rules())


def test_any_of_names_a_reason_before_a_bare_does_not_hold() -> None:
    # The first alternative only "does not hold" (a computed condition without words); the
    # second says why: it is named, though it comes first neither in order nor in progress.
    silent = Check(source=lambda _row, _asn: False, value=True, unique=False)
    rule = PoolRule(
        name="Asn_Test",
        stage="level3",
        asn_type="image3",
        where=any_of(Attr(("exp_type",), "nrc_wfss", name="exp_type"), silent),
        doc="A test rule.",
        science=False,
    )
    pool = parse_pool("FILENAME|EXP_TYPE|ASN_CANDIDATE\na_uncal.fits|NRC_IMAGE|o001\n")
    lines = explain(pool, "a", rules=[rule])
    assert lines == ["a_uncal.fits:", "  Asn_Test: exp_type: EXP_TYPE=nrc_image, needs nrc_wfss"]


def test_a_computed_condition_says_why_in_the_rules_words() -> None:
    lines = _explain(*CASES["niriss_acquisition"])
    assert "  Asn_Lv2FGS: Single_Science: not science, as this rule types it" in lines
    assert not any("is False, needs True" in line for line in lines)
