"""``explain_rows`` over many rows says of each what it says of that row alone.

Over every row of a pool (``asnkit report`` asks that) the explanation remembers what it
found: the unwritten association that took each file, and a fresh association's failure
for rows alike in the keywords a rule reads. What it remembers must never change what is
said: each row's reasons are those of the row explained by itself.
"""

from __future__ import annotations

import pytest
from pool_templates import expanded_pool
from testdata import POOLS

from asnkit.generate import rules
from asnkit.generate.explain import explain_rows

# Pools with discovered associations never written (WFSS), with rows alike but for their
# observation or exposure number, and with acquisitions and backgrounds.
PICKED = ("pool_019_niriss_wfss.csv", "pool_002_image_miri.csv", "pool_005_spec_niriss.csv")


@pytest.mark.parametrize("name", PICKED)
def test_each_row_is_explained_as_alone(name: str) -> None:
    pool = expanded_pool(POOLS / name)
    together = explain_rows(pool, pool.rows, rules=rules())
    alone = [explain_rows(pool, [row], rules=rules())[0] for row in pool.rows]
    assert [filename for filename, _ in together] == [row["filename"] for row in pool.rows]
    assert together == alone
    # The pool says something of each rule for each row: the check is not of empty lists.
    assert all(len(reasons) >= len(rules()) for _, reasons in together)


def test_an_unwritten_association_that_took_a_file_is_named() -> None:
    pool = expanded_pool(POOLS / "pool_019_niriss_wfss.csv")
    reasons = [
        reason for _, found in explain_rows(pool, pool.rows, rules=rules()) for reason in found
    ]
    unwritten = [r for r in reasons if "but that association was not written" in r]
    assert unwritten  # the discovered Stage 2 WFSS associations
    assert all(r.split(":")[0].startswith("Asn_") for r in unwritten)
