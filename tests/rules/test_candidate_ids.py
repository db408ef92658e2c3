"""The candidate-id forms are written once (:mod:`asnkit.rules.candidate_ids`).

A child process edits the form of a ``cNNNN`` id in that module's source (``cNNNNN``)
before asnkit is imported, and sees from-list, validate and the generate rules (a WFSS
direct image's candidate) follow.
"""

from __future__ import annotations

from edited_source import run_edited

_CHILD = r"""
import json
from asnkit import asn_from_list, dumps
from asnkit.exceptions import InvalidAssociationError
from asnkit.generate import rules
from asnkit.generate.constraints import Attr, Group
from asnkit.validation import validate

def listed(acid):
    try:
        asn = asn_from_list(
            [("a_cal.fits", "science"), ("b_cal.fits", "background")],
            product_name="p", acid=acid, with_exptype=True,
        )
    except InvalidAssociationError:
        return "refused"
    return [f.message for f in validate(json.loads(dumps(asn))).findings if "asn_id" in f.message]

def patterns(node):
    if isinstance(node, Attr) and node.name == "acdirect":
        yield node.value
    elif isinstance(node, Group):
        for part in node.parts:
            yield from patterns(part)

found = sorted({p for rule in rules() for p in patterns(rule.where)})
print(json.dumps({"c1000": listed("c1000"), "c10000": listed("c10000"), "direct": found}))
"""

_MODULE = "asnkit.rules.candidate_ids"
_FIVE_DIGITS = ('r"c\\d{4}"', 'r"c\\d{5}"')
"""The one edit: ``cNNNNN`` for ``cNNNN``."""


def test_from_list_validate_and_generate_read_the_candidate_form_from_one_place() -> None:
    assert run_edited(_MODULE, None, _CHILD) == {
        "c1000": [],
        "c10000": "refused",
        "direct": [r"\[\('c\d{4}', 'direct_image'\)\]"],
    }
    assert run_edited(_MODULE, _FIVE_DIGITS, _CHILD) == {
        "c1000": "refused",
        "c10000": [],
        "direct": [r"\[\('c\d{5}', 'direct_image'\)\]"],
    }
