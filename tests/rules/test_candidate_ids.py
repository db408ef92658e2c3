"""The candidate-id forms are written once (:mod:`asnkit.rules.candidate_ids`).

A child process edits the form of a ``cNNNN`` id in that module's source (``cNNNNN``)
before asnkit is imported, and sees from-list, validate and the generate rules (a WFSS
direct image's candidate) follow.
"""

from __future__ import annotations

import json
import subprocess
import sys

_CHILD = r"""
import importlib.util, json, sys, types
if sys.argv[1] == "changed":
    # The one edit: candidate_ids.py with cNNNNN for cNNNN, in place of the module.
    spec = importlib.util.find_spec("asnkit")
    path = spec.submodule_search_locations[0] + "/rules/candidate_ids.py"
    source = open(path, encoding="utf-8").read()
    assert source.count('r"c\\d{4}"') == 1
    module = types.ModuleType("asnkit.rules.candidate_ids")
    exec(source.replace('r"c\\d{4}"', 'r"c\\d{5}"'), module.__dict__)
    sys.modules[module.__name__] = module
from asnkit import asn_from_list, dumps
from asnkit.exceptions import InvalidAssociationError
from asnkit.generate import rules
from asnkit.generate.constraints import Attr, Check, Group
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


def _child(how: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, how], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def test_from_list_validate_and_generate_read_the_candidate_form_from_one_place() -> None:
    assert _child("as-is") == {
        "c1000": [],
        "c10000": "refused",
        "direct": [r"\[\('c\d{4}', 'direct_image'\)\]"],
    }
    assert _child("changed") == {
        "c1000": "refused",
        "c10000": [],
        "direct": [r"\[\('c\d{5}', 'direct_image'\)\]"],
    }
