"""What the report shows, as plain data: exposures, associations, findings.

Two sources: a pool (:func:`from_pool`: the associations ``asnkit generate`` makes, their
JSON as it would write it, and for each exposure the explanation ``--explain`` gives), or
association files (:func:`from_files`: the JSON exactly as written on disk). Every value is
kept as text; the HTML renderer escapes it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from asnkit.generate.pool import Pool
    from asnkit.models import Association, JSONValue
    from asnkit.validation import Report

__all__ = ["Entry", "Exposure", "Page", "exposure_key", "from_files", "from_pool"]

_NAME: Final = re.compile(r"jw(\d{5})(\d{3})(\d{3})_", re.IGNORECASE)
_SUFFIX: Final = re.compile(r"(\.fits)?$", re.IGNORECASE)


def exposure_key(name: str) -> str:
    """The exposure a file is of: its bare name without ``.fits`` and the last ``_suffix``.

    ``data/jw01234001001_01101_00001_nrca1_uncal.fits`` and ``..._cal.fits`` are both the
    exposure ``jw01234001001_01101_00001_nrca1``; a name with no ``_`` is kept whole.
    """
    bare = _SUFFIX.sub("", name.rpartition("/")[2], count=1)
    stem, underscore, _ = bare.rpartition("_")
    return stem if underscore and stem else bare


def _observation_visit(name: str) -> tuple[str, str]:
    match = _NAME.match(name)
    return (match.group(2), match.group(3)) if match else ("", "")


@attrs.frozen
class Exposure:
    """One exposure, a row of the map.

    Attributes:
        name: The exposure (:func:`exposure_key`).
        exp_type: Its EXP_TYPE from the pool, or ``""`` when unknown.
        observation: Its observation number (``001``), or ``""``.
        visit: Its visit number, or ``""``.
        explanation: What generate says became of it, one sentence each (empty from files).
    """

    name: str
    exp_type: str = ""
    observation: str = ""
    visit: str = ""
    explanation: tuple[str, ...] = ()


@attrs.frozen
class Entry:
    """One association, a column of the map.

    Attributes:
        file: Its file name (as written, or as generate would name it).
        asn_type: Its type (``image3``), or ``""``.
        stage: ``"2"``, ``"3"`` or ``""`` (from its rule's name).
        rule: Its ``asn_rule``.
        products: Its product names.
        members: ``(exposure, role, expname)`` for each member, in file order.
        text: Its JSON, exactly as written.
    """

    file: str
    asn_type: str
    stage: str
    rule: str
    products: tuple[str, ...]
    members: tuple[tuple[str, str, str], ...]
    text: str


@attrs.frozen
class Page:
    """Everything the report shows.

    Attributes:
        title: What the report is of (the pools' or files' names).
        programs: The programs, sorted.
        exposures: The exposures, by observation, visit, then name.
        entries: The associations, by stage, type, then file name.
        findings: ``(file, severity, pointer, message)``: errors first, then warnings.
        shared: ``(product name, files)`` for each name used by more than one association.
    """

    title: str
    programs: tuple[str, ...]
    exposures: tuple[Exposure, ...]
    entries: tuple[Entry, ...]
    findings: tuple[tuple[str, str, str, str], ...]
    shared: tuple[tuple[str, tuple[str, ...]], ...]

    def as_json(self) -> JSONValue:
        """The data the page's script reads (plain JSON values).

        Explanations repeat (a rule refuses thousands of exposures for one reason): each
        distinct sentence is written once, in ``lines``, and an exposure lists the places
        of its own there.
        """
        lines: dict[str, int] = {}
        exposures: list[JSONValue] = [
            [
                e.name,
                e.exp_type,
                e.observation,
                e.visit,
                [lines.setdefault(line, len(lines)) for line in e.explanation],
            ]
            for e in self.exposures
        ]
        return {
            "title": self.title,
            "lines": list(lines),
            "exposures": exposures,
            "entries": [
                {
                    "file": a.file,
                    "type": a.asn_type,
                    "stage": a.stage,
                    "rule": a.rule,
                    "products": list(a.products),
                    "members": [list(m) for m in a.members],
                    "text": a.text,
                }
                for a in self.entries
            ],
        }


_STAGE: Final = re.compile(r"l(?:evel|v)_?([23])", re.IGNORECASE)


def _stage(rule: str) -> str:
    """``"2"`` or ``"3"`` from a rule's name (``DMS_Level3_Base``, ``Asn_Lv2Image``), or ``""``."""
    match = _STAGE.search(rule)
    return match.group(1) if match else ""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _entry(file: str, asn: Association, text: str) -> Entry:
    members = tuple(
        (exposure_key(m.expname), m.exptype, m.expname) for p in asn.products for m in p.members
    )
    rule = _text(asn.asn_rule)
    return Entry(
        file=file,
        asn_type=_text(asn.asn_type),
        stage=_stage(rule),
        rule=rule,
        products=tuple(_text(p.name) for p in asn.products),
        members=members,
        text=text,
    )


def _findings(reports: Iterable[tuple[str, Report]]) -> tuple[tuple[str, str, str, str], ...]:
    found = [
        (file, f.severity, f.pointer, f.message)
        for file, report in reports
        for f in report.findings
    ]
    return tuple(sorted(found, key=lambda f: f[1] != "error"))  # stable: errors first


def _page(
    title: str,
    programs: Iterable[str],
    exposures: Iterable[Exposure],
    entries: Iterable[Entry],
    findings: tuple[tuple[str, str, str, str], ...],
) -> Page:
    ordered = tuple(sorted(entries, key=lambda a: (a.stage or "9", a.asn_type, a.file)))
    known = {e.name: e for e in exposures}
    for entry in ordered:  # a member that is no exposure of the pool is a row too
        for key, _, expname in entry.members:
            if key not in known:
                observation, visit = _observation_visit(expname.rpartition("/")[2])
                known[key] = Exposure(key, observation=observation, visit=visit)
    rows = tuple(sorted(known.values(), key=lambda e: (e.observation, e.visit, e.name)))
    users: dict[str, list[str]] = {}
    for entry in ordered:
        for name in dict.fromkeys(entry.products):
            if name:
                users.setdefault(name, []).append(entry.file)
    shared = tuple((name, tuple(files)) for name, files in sorted(users.items()) if len(files) > 1)
    return Page(
        title=title,
        programs=tuple(sorted({p for p in programs if p})),
        exposures=rows,
        entries=ordered,
        findings=findings,
        shared=shared,
    )


def from_pool(pools: Sequence[Pool]) -> Page:
    """The page of what ``asnkit generate`` makes of ``pools``, with its explanations.

    Raises:
        PoolError: a pool cannot be generated (as ``asnkit generate`` refuses it).
    """
    from asnkit.codec.emit import dumps
    from asnkit.generate import generate_files, rules
    from asnkit.generate.explain import explain_rows
    from asnkit.validation import validate

    exposures: list[Exposure] = []
    entries: list[Entry] = []
    reports: list[tuple[str, Report]] = []
    programs: list[str] = []
    for pool in pools:
        made = generate_files(pool)
        for file, asn in made:
            entries.append(_entry(file, asn, dumps(asn)))
            reports.append((file, validate(asn)))
            programs.append(_text(asn.program))
        why = dict(explain_rows(pool, pool.rows, rules=rules()))
        for row in pool.rows:
            name = row.get("filename", "")
            observation, visit = _observation_visit(name.rpartition("/")[2])
            exposures.append(
                Exposure(
                    name=exposure_key(name),
                    exp_type=row.get("exp_type", ""),
                    observation=observation or row.get("obs_num", ""),
                    visit=visit or row.get("visit", ""),
                    explanation=tuple(why.get(name, ())),
                )
            )
            programs.append(row.get("program", ""))
    title = ", ".join(pool.name for pool in pools)
    return _page(title, programs, exposures, entries, _findings(reports))


def association_files(paths: Sequence[str]) -> list[str]:
    """The files of ``paths``: a file as given, the ``*.json`` files under a folder (sorted).

    A folder is searched to any depth, as ``asnkit validate`` searches it; links to folders
    are not followed (no loop can hold the search).
    """
    import os

    found: list[str] = []
    for path in paths:
        if not Path(path).is_dir():
            found.append(path)
            continue
        below: list[str] = []
        for root, folders, names in os.walk(path):
            folders.sort()
            below.extend(
                os.path.join(root, name)  # noqa: PTH118
                for name in names
                if name.lower().endswith(".json") and os.path.isfile(os.path.join(root, name))  # noqa: PTH113, PTH118
            )
        found.extend(sorted(below))
    return found


def from_files(paths: Sequence[str]) -> Page:
    """The page of the association files ``paths`` (files, or folders of ``*.json``).

    A file that cannot be read as an association is no column: its findings say why.
    """
    from asnkit.codec.decode import to_text
    from asnkit.exceptions import LoadError
    from asnkit.files import read_limited
    from asnkit.io import load
    from asnkit.validation import validate

    entries: list[Entry] = []
    reports: list[tuple[str, Report]] = []
    programs: list[str] = []
    files = association_files(paths)
    for path in files:
        reports.append((path, validate(path)))
        try:
            data = read_limited(path)
            asn = load(data)
            text = to_text(data)
        except (LoadError, OSError, ValueError):
            continue  # validate's findings say why
        entries.append(_entry(path, asn, text))
        programs.append(_text(asn.program))
    return _page(", ".join(files), programs, [], entries, _findings(reports))


def counts(page: Page) -> list[tuple[str, str, int]]:
    """``(stage, type, how many)`` of the page's associations, in the page's order."""
    counted = Counter((a.stage, a.asn_type) for a in page.entries)
    return [(stage, kind, n) for (stage, kind), n in counted.items()]
