"""mypy checks this file: the public API's types are part of what asnkit promises."""

from __future__ import annotations

from typing_extensions import assert_type

import asnkit
from asnkit import ABSENT, Absent, Association, Member, Product, dump, dumps
from asnkit.edit import add_members, remove_members

asn = asnkit.asn_from_list(["a_cal.fits"], rule="DMS_Level3_Base", product_name="out")
assert_type(asn, Association)
assert_type(asn.products, tuple[Product, ...])
assert_type(asn.products[0].members[0], Member)
assert_type(asn.program, str | Absent)
assert_type(asn.version_id, str | Absent | None)
assert_type(dump(asn), tuple[str, str])
assert_type(dumps(asn), str)
assert_type(asnkit.load("x.json"), Association)
assert_type(asnkit.write(asn, "x.json"), None)
assert_type(asnkit.validate("x.json"), asnkit.Report)
assert_type(asnkit.diff(asn, asn), asnkit.DiffResult)
assert_type(asnkit.gather("x.json", "out"), asnkit.GatherResult)
assert_type(asnkit.get_rule("DMSLevel2bBase"), asnkit.Rule)

if asn.program is not ABSENT:
    assert_type(asn.program, str)

level2 = asnkit.Level2bRule().build(["a_rate.fits"], background=["b_rate.fits"])
assert_type(level2, Association)

# A single string where names are expected is a type error (a TypeError at run time too):
asnkit.asn_from_list("a_cal.fits", product_name="out")  # type: ignore[arg-type]
asnkit.asn_from_list(("a_cal.fits",), product_name="out")
asnkit.asn_from_list({"a_cal.fits"}, product_name="out")
asnkit.asn_from_list(iter(["a_cal.fits"]), product_name="out")
asnkit.asn_from_list([("a_cal.fits", "science")], with_exptype=True, product_name="out")

add_members(asn, "b_cal.fits")  # type: ignore[arg-type]
remove_members(asn, "a_cal.fits")  # type: ignore[arg-type]
assert_type(add_members(asn, ["b_cal.fits"]), Association)
assert_type(asnkit.diff("a.json", asn), asnkit.DiffResult)
