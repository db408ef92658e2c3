"""``asnkit validate`` and jwst's ``load_asn`` reach the same verdict on every corpus file.

Every file of the corpus (``tests/data/corpus/``) goes through both. Where they disagree,
the disagreement must be one that the "Validation" section of docs/differences.md lists:
either a kind of disagreement recognised below (with the phrase that section must use for
it), or the file's own name. Anything else fails, naming the file and both verdicts.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs
import pytest
from jwst.associations import load_asn
from jwst_reference import quiet_jwst

if TYPE_CHECKING:
    from types import ModuleType

DIFFERENCES: Final = Path(__file__).resolve().parents[2] / "docs" / "differences.md"

# Kinds of disagreement that are understood, and the phrase docs/differences.md's
# "Validation" section must contain for each.
YAML_FALLBACK: Final = "YAML"
"""jwst reads a ``.json`` file that is not JSON as YAML (with a DeprecationWarning)."""
STEERING: Final = "a product name that names a folder"
"""asnkit refuses a product name with a folder (the pipeline writes its outputs there)."""


@pytest.fixture(scope="module")
def asnkit_validate() -> ModuleType:
    import asnkit.validation

    return asnkit.validation


@attrs.frozen
class JwstVerdict:
    """What ``load_asn`` made of a file."""

    valid: bool
    read_as_yaml: bool
    error: str


def jwst_verdict(path: Path) -> JwstVerdict:
    """Load ``path`` as the pipeline does; note whether jwst fell back to YAML."""
    with quiet_jwst(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with path.open(encoding="utf-8") as stream:
                load_asn(stream)
        except Exception as error:  # noqa: BLE001 (any failure is jwst's "invalid")
            return JwstVerdict(valid=False, read_as_yaml=False, error=repr(error)[:200])
    read_as_yaml = any(
        "invalid JSON" in str(warning.message) and "YAML" in str(warning.message)
        for warning in caught
    )
    return JwstVerdict(valid=True, read_as_yaml=read_as_yaml, error="")


def validation_section() -> str:
    """The text of the "Validation" section of docs/differences.md ("" when there is none)."""
    text = DIFFERENCES.read_text(encoding="utf-8")
    match = re.search(
        r"^## [^\n]*[Vv]alidat[^\n]*\n(?P<body>.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL
    )
    return match["body"] if match else ""


def kind_of_disagreement(
    jwst: JwstVerdict, *, asnkit_valid: bool, asnkit_errors: frozenset[str] = frozenset()
) -> str | None:
    """The phrase that lists this kind of disagreement, or ``None`` for an unknown kind.

    ``asnkit_errors``: the checks whose errors made asnkit refuse the file.
    """
    if jwst.valid and jwst.read_as_yaml and not asnkit_valid:
        return YAML_FALLBACK
    if jwst.valid and not asnkit_valid and asnkit_errors == {"product_name_steers_writes"}:
        return STEERING
    return None


def test_jwst_reads_a_non_json_file_as_yaml(tmp_path: Path) -> None:
    # The one kind recognised above, seen happening: so that it cannot hide anything else.
    path = tmp_path / "asn.json"
    path.write_text(
        "{asn_id: a3001, asn_pool: none, products: [{name: p, members: "
        "[{expname: a_cal.fits, exptype: science}]}]}",
        encoding="utf-8",
    )
    verdict = jwst_verdict(path)
    assert verdict.valid
    assert verdict.read_as_yaml


def test_every_disagreement_is_listed(corpus: Path, asnkit_validate: ModuleType) -> None:
    files = sorted(p for p in corpus.rglob("*.json") if p.is_file())
    assert len(files) >= 200
    section = validation_section()
    unlisted: list[str] = []
    for path in files:
        jwst = jwst_verdict(path)
        report = asnkit_validate.validate(path)
        asnkit_valid = bool(report.valid)
        if jwst.valid == asnkit_valid:
            continue
        name = str(path.relative_to(corpus))
        errors = frozenset(finding.check for finding in report.errors)
        kind = kind_of_disagreement(jwst, asnkit_valid=asnkit_valid, asnkit_errors=errors)
        listed = (kind is not None and kind in section) or path.name in section
        if not listed:
            jwst_says = "accepts" if jwst.valid else f"refuses ({jwst.error})"
            asnkit_says = "accepts" if asnkit_valid else "refuses"
            unlisted.append(
                f"{name}: jwst {jwst_says}, asnkit {asnkit_says}; kind: {kind or 'unknown'}"
            )
    assert not unlisted, (
        "disagreements not listed in the Validation section of docs/differences.md:\n"
        + "\n".join(unlisted)
    )
