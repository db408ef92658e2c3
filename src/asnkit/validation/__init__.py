"""Check association files: strict JSON, the stage's schema, and what the pipelines need.

Use::

    from asnkit import validate

    report = validate("jw01234-o001_image3_00001_asn.json")
    if not report.valid:
        for finding in report.errors:
            print(finding.pointer, finding.message)

A file is read and checked in four layers, and every finding of a file is reported, not
only the first:

1. **JSON**: UTF-8 text holding one strict JSON object (no byte-order mark, no trailing comma,
   no ``NaN``, no duplicate key, not too large or too deep); a problem here is one error with
   its line and column, and nothing else is checked. This layer is
   :func:`asnkit.files.read_json`, the reader every command and :func:`asnkit.load` use, so that
   they all accept and refuse the same files with the same message.
2. **Stage**: from the rule registry (:func:`asnkit.rules.stage_of`); ``rule=`` forces it.
3. **Schema** (:mod:`.shape`): the stage's generated JSON Schema, checked by its compiled
   validator; the errors are located by a walk driven by the same schema.
4. **Meaning** (:mod:`.checks`): small named checks, listed in
   :data:`asnkit.validation.checks.CHECKS`: errors for what no pipeline can run, warnings for
   what is suspicious or not portable.

This path is built for speed (thousands of files a second): no model is built.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from asnkit.codec.decode import json_type
from asnkit.exceptions import LoadError, UnknownRuleError
from asnkit.files import is_json_text, read_json
from asnkit.rules import RULES, STAGE_NAMES, UNSUPPORTED_RULES, mission_of, stage_of
from asnkit.validation.checks import meaning_findings
from asnkit.validation.report import Finding, Report, Severity, error
from asnkit.validation.shape import shape_findings

if TYPE_CHECKING:
    from asnkit.models import Association
    from asnkit.vocabulary import Stage

__all__ = ["Finding", "Report", "Severity", "validate"]


def validate(
    source: str | os.PathLike[str] | bytes | Mapping[str, object] | Association,
    *,
    rule: str | None = None,
    check_files: bool = False,
    strict: bool = False,
    max_bytes: int | None = None,
) -> Report:
    """Check one association document and report every finding.

    Args:
        source: A path; JSON text (a string starting with ``{``); the bytes of a file; a
            decoded document (a mapping); or an :class:`~asnkit.models.Association`.
        rule: Check as this stage (``level2b``, ``level3``) or rule (``DMSLevel2bBase``,
            ``DMS_Level3_Base``, Roman's ``DMS_ELPP_Base``) instead of detecting it. A Roman
            document (:func:`asnkit.rules.mission_of`) is checked with Roman's checks
            (:mod:`asnkit.validation.roman`).
        check_files: Also report members whose file does not exist, resolved from the
            association file's directory (the current directory for a source that is not
            a path); in a Roman document, members' ``tweakreg_catalog`` files too.
        strict: Warnings make the document invalid too.
        max_bytes: Refuse a file larger than this without reading it; ``None``, the
            default: the cap in force, 32 MiB unless ``ASNKIT_MAX_BYTES`` says otherwise
            (:func:`asnkit.files.max_bytes`).

    Returns:
        The report; it never raises for a bad document or an unreadable file.

    Raises:
        UnknownRuleError: ``rule`` is not one of :data:`asnkit.rules.STAGE_NAMES` (a stage, or
            the name of an asnkit rule).
    """
    forced: Stage | None = None
    forced_mission = None if rule is None or rule not in RULES else RULES[rule].mission
    if rule is not None:
        try:
            forced = STAGE_NAMES[rule]
        except KeyError:
            instead = UNSUPPORTED_RULES.get(rule, "")
            raise UnknownRuleError(rule, tuple(STAGE_NAMES), instead) from None
    name, document, problem = _read(source, max_bytes)
    if problem is not None:
        return Report(source=name, findings=(problem,), stage=None, strict=strict)
    if not isinstance(document, (dict, Mapping)):  # (a dict is asked no abstract class)
        finding = error("", f"an association is a JSON object, not {json_type(document)}")
        return Report(source=name, findings=(finding,), stage=None, strict=strict)
    stage = forced or stage_of(document)
    mission = mission_of(document) if rule is None else forced_mission
    if mission == "roman":
        # romancal's schema and checks (asnkit.validation.roman); JWST's never run on it.
        from asnkit.validation.roman import roman_findings

        findings = roman_findings(document)
    else:
        findings = shape_findings(document, stage) + meaning_findings(document, stage)
    if check_files:
        from_file = isinstance(source, os.PathLike) or (
            isinstance(source, str) and not is_json_text(source)
        )
        base = os.path.dirname(name) if from_file else ""  # noqa: PTH120 (speed)
        findings += _missing_files(document, base)
        if mission == "roman":
            from asnkit.validation.roman import missing_catalogs

            findings += missing_catalogs(document, base)
    return Report(source=name, findings=tuple(findings), stage=stage, strict=strict)


def _read(
    source: str | os.PathLike[str] | bytes | Mapping[str, object] | Association,
    max_bytes: int | None,
) -> tuple[str, object, Finding | None]:
    """The source's name, its decoded document, and the finding that stopped reading."""
    if isinstance(source, (str, os.PathLike, bytes)):
        try:
            name, _, document = read_json(source, max_bytes=max_bytes)
        except LoadError as refusal:
            problem = Finding("error", "", refusal.reason, refusal.line, refusal.column)
            return refusal.source, None, problem
        return name, document, None
    if isinstance(source, Mapping):
        return "<document>", source, None
    from asnkit.codec.structure import to_dict

    return "<association>", to_dict(source), None


def _missing_files(document: Mapping[str, object], base: str) -> list[Finding]:
    """An error for every member whose file is not where the pipeline will look."""
    from asnkit.validation.checks import Document

    found = []
    for p_index, m_index, expname in Document(document, "level3").expnames:
        path = os.path.join(base, expname)  # noqa: PTH118 (an absolute expname stays as it is)
        if not os.path.isfile(path):  # noqa: PTH113
            pointer = f"/products/{p_index}/members/{m_index}/expname"
            found.append(error(pointer, f"member file not found: {path}"))
    return found
