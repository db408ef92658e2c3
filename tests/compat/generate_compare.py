"""asnkit's generated associations against jwst's ``asn_generate``, document by document.

Run by hand (from the repository, with asnkit installed)::

    python tests/compat/generate_compare.py --jwst OUT [POOL.csv ...] [--details N] [--json F]

where ``OUT`` is what ``tests/compat/jwst_generate.py OUT`` wrote (one folder of
association files per pool and ``results.json``); without ``--jwst``, jwst is run first, in a
temporary folder (it must then be installed in this Python). With no POOL, every pool of
``tests/data/pools/``. ``tests/compat/test_generate_vs_jwst.py`` runs the same comparison in the
compat session.

For each pool, asnkit generates from the same rows jwst read (the ``@!`` templates expanded
as jwst's tests expand them, see ``tests/pool_templates.py``) and each file is matched by
name. A file is *identical* when its document is jwst's, key order included, and its text is
jwst's byte for byte, except ``code_version`` and ``constraints`` (asnkit says its own
version and its rule in its own words); *different* files report the first path where they
part (``products[0].name``), or the first line for a difference of layout alone;
*missing* files are jwst's that asnkit does not write, *extra* files asnkit's that jwst does
not write. The report counts them per pool and per ``asn_type`` (a missing file under jwst's
type, an extra one under asnkit's).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for pool_templates

from pool_templates import expanded_pool, pool_paths

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

IGNORED: Final = ("code_version", "constraints")
"""The keys whose values asnkit writes its own way (docs/differences.md)."""

COLUMNS: Final = ("jwst", "identical", "different", "missing", "extra")

FLOOR: Final = Path(__file__).with_name("generate_floor.json")
"""The ratchet the compat session holds asnkit to (see :func:`floor_shortfalls`)."""


@dataclass
class Outcome:
    """What one pool gave: counts per ``asn_type`` and the files behind them."""

    pool: str
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    different: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    jwst_error: str | None = None
    asnkit_error: str | None = None
    jwst_seconds: float | None = None
    asnkit_seconds: float = 0.0

    def add(self, asn_type: str, column: str) -> None:
        """Count one file under ``asn_type`` in ``column``."""
        self.counts.setdefault(asn_type, Counter())[column] += 1

    def total(self, column: str) -> int:
        """The pool's count in ``column``, every ``asn_type`` together."""
        return sum(c[column] for c in self.counts.values())


def first_difference(jwst: object, ours: object, where: str = "") -> str | None:
    """The first path where two documents part, in jwst's order; ``None`` when they agree."""
    if isinstance(jwst, dict) and isinstance(ours, dict):
        return _dict_difference(jwst, ours, where)
    if isinstance(jwst, list) and isinstance(ours, list):
        return _list_difference(jwst, ours, where)
    if jwst != ours or type(jwst) is not type(ours):
        return f"{where}: jwst {_short(jwst)}, asnkit {_short(ours)}"
    return None


def _dict_difference(jwst: dict[str, Any], ours: dict[str, Any], where: str) -> str | None:
    for index, (theirs_key, our_key) in enumerate(zip(jwst, ours, strict=False)):
        if theirs_key != our_key:
            return (
                f"{_join(where, theirs_key)} (key {index}: jwst {theirs_key!r}, asnkit {our_key!r})"
            )
        found = first_difference(jwst[theirs_key], ours[our_key], _join(where, theirs_key))
        if found is not None:
            return found
    if len(jwst) == len(ours):
        return None
    more = list(jwst)[len(ours) :] or list(ours)[len(jwst) :]
    side = "jwst" if len(jwst) > len(ours) else "asnkit"
    return f"{where or '(top)'}: only {side} has {', '.join(map(str, more))}"


def _list_difference(jwst: list[Any], ours: list[Any], where: str) -> str | None:
    for index, (theirs_item, our_item) in enumerate(zip(jwst, ours, strict=False)):
        found = first_difference(theirs_item, our_item, f"{where}[{index}]")
        if found is not None:
            return found
    if len(jwst) == len(ours):
        return None
    return f"{where}: {len(jwst)} items in jwst, {len(ours)} in asnkit"


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _short(value: object) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without the keys asnkit writes its own way (their place is kept)."""
    return {key: (None if key in IGNORED else value) for key, value in document.items()}


def text_difference(jwst: str, ours: str) -> str | None:
    """The first line where two files' texts part, but for the lines of :data:`IGNORED`."""
    ignored = tuple(f'    "{key}": ' for key in IGNORED)
    theirs_lines, our_lines = jwst.split("\n"), ours.split("\n")
    for number, (theirs, our) in enumerate(zip(theirs_lines, our_lines, strict=False), 1):
        if theirs != our and not (theirs.startswith(ignored) and our.startswith(ignored)):
            return f"bytes, line {number}: jwst {_short(theirs)}, asnkit {_short(our)}"
    if len(theirs_lines) != len(our_lines):
        return f"bytes: {len(theirs_lines)} lines in jwst, {len(our_lines)} in asnkit"
    return None


Document = tuple[str, dict[str, Any]]
"""A file's text and its document."""


def jwst_documents(folder: Path) -> dict[str, Document]:
    """jwst's association files in ``folder``, by file name."""
    documents = {}
    for path in sorted(folder.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        documents[path.name] = (text, json.loads(text))
    return documents


def _asnkit_generator() -> Callable[..., list[tuple[str, str]]] | None:
    """asnkit's ``generate_files`` as (name, JSON text) pairs, or ``None`` before it exists."""
    try:
        from asnkit import dumps
        from asnkit.generate import generate_files
    except ImportError:
        return None

    def run(path: Path, **options: Any) -> list[tuple[str, str]]:
        made = generate_files(expanded_pool(path), **options)
        return [(name, dumps(asn)) for name, asn in made]

    return run


def asnkit_documents(path: Path, outcome: Outcome, **options: Any) -> dict[str, Document]:
    """asnkit's associations for the pool, by file name; an error is recorded in ``outcome``.

    ``options`` go to ``generate_files`` (``candidates``, ``version_id``).
    """
    generator = _asnkit_generator()
    if generator is None:
        outcome.asnkit_error = "asnkit.generate is not importable"
        return {}
    start = time.perf_counter()
    try:
        made = generator(path, **options)
    except Exception as error:  # noqa: BLE001 (a refusal or a crash: reported, not raised)
        outcome.asnkit_error = f"{type(error).__name__}: {error}"
        return {}
    finally:
        outcome.asnkit_seconds = time.perf_counter() - start
    documents: dict[str, Document] = {}
    for name, text in made:
        if name in documents:
            outcome.asnkit_error = f"two associations named {name}"
        documents[name] = (text, json.loads(text))
    return documents


def compare_pool(
    path: Path,
    jwst_out: Path,
    record: dict[str, Any] | None = None,
    **options: Any,
) -> Outcome:
    """One pool: asnkit's files against jwst's in ``jwst_out/<pool stem>/``.

    ``options`` go to asnkit's ``generate_files``: those that jwst's run was given.
    """
    outcome = Outcome(pool=path.name)
    if record is not None:
        outcome.jwst_error = record.get("error")
        outcome.jwst_seconds = record.get("seconds")
    theirs = jwst_documents(jwst_out / path.stem)
    ours = asnkit_documents(path, outcome, **options)
    for name, (text, document) in theirs.items():
        asn_type = str(document.get("asn_type"))
        outcome.add(asn_type, "jwst")
        if name not in ours:
            outcome.add(asn_type, "missing")
            outcome.missing.append(name)
            continue
        our_text, our_document = ours[name]
        where = first_difference(comparable(document), comparable(our_document))
        if where is None:
            where = text_difference(text, our_text)
        if where is None:
            outcome.add(asn_type, "identical")
        else:
            outcome.add(asn_type, "different")
            outcome.different.append((name, where))
    for name, (_, document) in ours.items():
        if name not in theirs:
            outcome.add(str(document.get("asn_type")), "extra")
            outcome.extra.append(name)
    return outcome


def compare_all(jwst_out: Path, paths: Iterable[Path]) -> list[Outcome]:
    """Every pool of ``paths`` against jwst's output in ``jwst_out``."""
    results_file = jwst_out / "results.json"
    records: dict[str, dict[str, Any]] = {}
    if results_file.is_file():
        records = {r["pool"]: r for r in json.loads(results_file.read_text(encoding="utf-8"))}
    return [compare_pool(path, jwst_out, records.get(path.name)) for path in paths]


def by_type(outcomes: Iterable[Outcome]) -> dict[str, Counter[str]]:
    """The counts per ``asn_type`` over every pool."""
    total: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        for asn_type, counts in outcome.counts.items():
            total.setdefault(asn_type, Counter()).update(counts)
    return dict(sorted(total.items()))


def report(outcomes: Sequence[Outcome], *, details: int = 0) -> str:
    """The per-pool and per-``asn_type`` tables (Markdown) and, with ``details``, the files."""
    head = "| {} | " + " | ".join(COLUMNS) + " |"
    rule = "|---|" + "---:|" * len(COLUMNS)
    lines = [head.format("pool") + " jwst s | asnkit s | note |", rule + "---:|---:|---|"]
    for o in outcomes:
        cells = " | ".join(str(o.total(c)) for c in COLUMNS)
        jwst_s = "" if o.jwst_seconds is None else f"{o.jwst_seconds:.2f}"
        note = "; ".join(
            f"{who} failed: {why.splitlines()[0][:100]}"
            for who, why in (("jwst", o.jwst_error), ("asnkit", o.asnkit_error))
            if why
        )
        lines.append(f"| {o.pool} | {cells} | {jwst_s} | {o.asnkit_seconds:.3f} | {note} |")
    totals = " | ".join(str(sum(o.total(c) for o in outcomes)) for c in COLUMNS)
    jwst_total = sum(o.jwst_seconds or 0.0 for o in outcomes)
    asnkit_total = sum(o.asnkit_seconds for o in outcomes)
    lines.append(f"| **all** | {totals} | {jwst_total:.1f} | {asnkit_total:.2f} | |")
    lines += ["", head.format("asn_type"), rule]
    for asn_type, counts in by_type(outcomes).items():
        lines.append(f"| {asn_type} | " + " | ".join(str(counts[c]) for c in COLUMNS) + " |")
    if details:
        for o in outcomes:
            listed = [
                *(f"  different {n}: {w}" for n, w in o.different),
                *(f"  missing {n}" for n in o.missing),
                *(f"  extra {n}" for n in o.extra),
            ]
            if listed:
                lines += ["", f"{o.pool}:", *listed[:details]]
                if len(listed) > details:
                    lines.append(f"  ... {len(listed) - details} more")
    return "\n".join(lines) + "\n"


def as_json(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """The outcomes as JSON-able records (the floor file and ``--json`` use them)."""
    return [
        {
            "pool": o.pool,
            "counts": {t: dict(c) for t, c in sorted(o.counts.items())},
            "different": o.different,
            "missing": o.missing,
            "extra": o.extra,
            "jwst_error": o.jwst_error,
            "asnkit_error": o.asnkit_error,
        }
        for o in outcomes
    ]


def floor_shortfalls(outcomes: Iterable[Outcome], floor: dict[str, Any]) -> list[str]:
    """Where asnkit falls behind the floor: one line per count.

    ``floor["identical"][pool][asn_type]`` is the least number of identical files;
    ``floor["extra"][pool]`` the most files asnkit may write that jwst does not (absent: 0).
    """
    lines = []
    for o in outcomes:
        for asn_type, least in floor["identical"].get(o.pool, {}).items():
            got = o.counts.get(asn_type, Counter())["identical"]
            if got < least:
                lines.append(f"{o.pool} {asn_type}: {got} identical, the floor is {least}")
        most = floor["extra"].get(o.pool, 0)
        if len(o.extra) > most:
            lines.append(f"{o.pool}: {len(o.extra)} extra files, at most {most} allowed")
    return lines


def raised_floor(outcomes: Iterable[Outcome], floor: dict[str, Any]) -> dict[str, Any]:
    """The floor tightened by ``outcomes``: each count at least as strict as before."""
    identical: dict[str, dict[str, int]] = {}
    extra: dict[str, int] = {}
    outcomes = list(outcomes)
    for o in outcomes:
        old = floor["identical"].get(o.pool, {})
        types = sorted(set(old) | {t for t, c in o.counts.items() if c["identical"]})
        entry = {t: max(old.get(t, 0), o.counts.get(t, Counter())["identical"]) for t in types}
        if entry:
            identical[o.pool] = entry
        most = min(floor["extra"].get(o.pool, len(o.extra)), len(o.extra))
        if most:
            extra[o.pool] = most
    seen = {o.pool for o in outcomes}
    identical.update({p: c for p, c in floor["identical"].items() if p not in seen})
    extra.update({p: n for p, n in floor["extra"].items() if p not in seen})
    return {
        "about": floor.get("about", ""),
        "identical": dict(sorted(identical.items())),
        "extra": dict(sorted(extra.items())),
    }


def main(argv: list[str] | None = None) -> int:
    """Compare and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("pools", nargs="*", type=Path, help="pool files (default: all)")
    parser.add_argument("--jwst", type=Path, help="jwst_generate.py's output (default: run it)")
    parser.add_argument("--details", type=int, default=0, help="list N files per pool")
    parser.add_argument("--json", type=Path, help="also write the outcomes as JSON here")
    parser.add_argument(
        "--raise-floor", action="store_true", help=f"tighten {FLOOR.name} to these results"
    )
    args = parser.parse_args(argv)
    paths = args.pools or pool_paths()
    with tempfile.TemporaryDirectory() as scratch:
        jwst_out = args.jwst
        if jwst_out is None:
            from jwst_generate import run_all

            jwst_out = Path(scratch)
            run_all(paths, jwst_out)
        outcomes = compare_all(jwst_out, paths)
    print(report(outcomes, details=args.details), end="")  # noqa: T201 (the tool's report)
    if args.json:
        args.json.write_text(json.dumps(as_json(outcomes), indent=1) + "\n", encoding="utf-8")
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    shortfalls = floor_shortfalls(outcomes, floor)
    for line in shortfalls:
        print(f"below the floor: {line}")  # noqa: T201
    if args.raise_floor:
        text = json.dumps(raised_floor(outcomes, floor), indent=1) + "\n"
        FLOOR.write_text(text, encoding="utf-8")
        print(f"{FLOOR.name} written")  # noqa: T201
    return 1 if shortfalls else 0


if __name__ == "__main__":
    sys.exit(main())
