"""What validation reports: findings, located by JSON pointer, gathered in a report."""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from asnkit.vocabulary import Stage

__all__ = ["Finding", "Report", "Severity", "error", "warning"]

Severity: TypeAlias = Literal["error", "warning"]
"""How grave a finding is: an ``"error"`` makes a document invalid, a ``"warning"`` does not."""


@attrs.frozen
class Finding:
    """One thing found wrong or suspicious in a document.

    Attributes:
        severity: ``"error"`` (the file is invalid) or ``"warning"``.
        pointer: Where, as a JSON pointer (``/products/0/members/2/exptype``); ``""`` is
            the whole document.
        message: What is wrong and how to fix it, one line.
        line: The 1-based line in the file, when known (JSON problems), else ``None``.
        column: The 1-based column (in characters), when known, else ``None``.
        check: The name of the meaning check that found it (one of
            :data:`asnkit.validation.checks.CHECKS`), or ``""`` for the JSON and schema
            layers and for missing files. Where a finding comes from, not what it is: two
            findings that differ only here are equal.
    """

    severity: Severity
    pointer: str
    message: str
    line: int | None = None
    column: int | None = None
    check: str = attrs.field(default="", eq=False)


@attrs.frozen
class Report:
    """What :func:`asnkit.validate` found in one document.

    Attributes:
        source: The file name, or ``<text>``, ``<bytes>``, ``<document>``, ``<association>``.
        findings: Every finding, errors and warnings, in document order within each layer.
        stage: The stage the document was checked as, or ``None`` when it could not be read
            as a JSON object.
        strict: Whether warnings count as errors for :attr:`valid`.
    """

    source: str
    findings: tuple[Finding, ...]
    stage: Stage | None
    strict: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``"error"``."""
        if not self.findings:
            return ()
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``"warning"``."""
        if not self.findings:
            return ()
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def valid(self) -> bool:
        """No error (and, when ``strict``, no warning either)."""
        if self.strict or not self.findings:
            return not self.findings
        return all(f.severity != "error" for f in self.findings)


def error(pointer: str, message: str) -> Finding:
    """An error at ``pointer``."""
    return Finding("error", pointer, message)


def warning(pointer: str, message: str) -> Finding:
    """A warning at ``pointer``."""
    return Finding("warning", pointer, message)
