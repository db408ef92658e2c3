"""Where the tests' data is: ``tests/data/`` in the repository (its README says where from)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# Facts from jwst 3.0.0: asn_from_list's outputs for its page, the page's examples, suffixes.
REFERENCE = DATA / "jwst-3.0.0"
# Real association files from public repositories, with INDEX.md's sources and verdicts.
CORPUS = DATA / "corpus"
# jwst 3.0.0's association pools (tests/data/pools/README.md); tests/pool_templates.py reads them.
POOLS = DATA / "pools"
