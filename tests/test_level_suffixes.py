"""The step suffixes of product levels are written once (:mod:`asnkit.naming`).

A child process edits ``RATE`` in naming.py's source before asnkit is imported and sees
generate's Stage 2 member names, the Stage 3 rule's wrong science suffixes and validate's
warning follow.
"""

from __future__ import annotations

from pathlib import Path

from edited_source import run_edited

from asnkit import naming

_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from generate_pools import exposure, pool
from asnkit import asn_from_list, dumps
from asnkit.generate import generate_files
from asnkit.rules import Level3Rule
from asnkit.validation import validate

made = dict(generate_files(pool(exposure(1))))
image2 = made["jw01234-o001_image2_00001_asn.json"]
rate = [m.expname for m in image2.products[0].members]
listed = asn_from_list(["a_countrate.fits"], product_name="p")
warned = [f.message for f in validate(json.loads(dumps(listed))).findings if "suffix" in f.message]
print(json.dumps({"image2": rate, "wrong": sorted(Level3Rule.wrong_science_suffixes),
                  "warned": len(warned)}))
"""

_GENERATE_TESTS = str(Path(__file__).resolve().parent / "generate")
_COUNTRATE = ('RATE: Final = "rate"', 'RATE: Final = "countrate"')
"""The one edit: ``countrate`` for ``rate``."""


def test_generate_rules_and_validate_read_the_level_suffixes_from_naming() -> None:
    assert run_edited("asnkit.naming", None, _CHILD, _GENERATE_TESTS) == {
        "image2": ["jw01234001001_01101_00001_nrcb1_rate.fits"],
        "wrong": ["ramp", "rate", "rateints", "uncal"],
        "warned": 0,
    }
    assert run_edited("asnkit.naming", _COUNTRATE, _CHILD, _GENERATE_TESTS) == {
        "image2": ["jw01234001001_01101_00001_nrcb1_countrate.fits"],
        "wrong": ["countrate", "countrateints", "ramp", "uncal"],
        "warned": 1,
    }


def test_the_level_suffixes_are_step_suffixes_jwst_strips() -> None:
    levels = (naming.UNCALIBRATED, naming.RATE, naming.CALIBRATED, naming.SPECTRUM)
    suffixes = {*levels, *(level + naming.PER_INTEGRATION for level in levels[1:])}
    assert suffixes <= naming.known_suffixes()
