"""Check ``asnkit validate`` against the verdicts of a corpus's INDEX.md.

Usage: ``python tests/validate/corpus_verdicts.py CORPUS_DIR`` (what ``nox -s validate`` runs).
Runs the installed command once over the whole corpus (``--format json``), then prints every
file whose verdict differs from INDEX.md and exits 1 if there is any.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_COMMAND = "from asnkit.cli import main; main()"


def read_index(index: Path) -> dict[str, str]:
    """INDEX.md's table as ``{relative file: verdict}``, ``verdict`` valid or invalid."""
    return {name: verdict for name, (verdict, _) in read_index_rows(index).items()}


def read_index_rows(index: Path) -> dict[str, tuple[str, str]]:
    """INDEX.md's table as ``{relative file: (verdict, why)}``."""
    rows: dict[str, tuple[str, str]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 3 and cells[1].endswith(".json") and cells[2] in {"valid", "invalid"}:
            rows[cells[1]] = (cells[2], cells[3])
    return rows


def main(argv: list[str]) -> int:
    """Compare the command's verdicts over ``argv[0]`` with its INDEX.md; 0 when all agree."""
    corpus = Path(argv[0]).resolve()
    expected = read_index(corpus / "INDEX.md")
    result = subprocess.run(
        [sys.executable, "-c", _COMMAND, "validate", "--format", "json", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in {0, 1}:
        sys.stderr.write(result.stderr)
        return 2
    reports = json.loads(result.stdout)["files"]
    got = {
        Path(report["file"]).relative_to(corpus).as_posix(): (
            "valid" if report["valid"] else "invalid"
        )
        for report in reports
    }
    differing = sorted(
        name for name in expected.keys() | got.keys() if expected.get(name) != got.get(name)
    )
    for name in differing:
        print(f"{name}: INDEX.md says {expected.get(name)}, asnkit says {got.get(name)}")  # noqa: T201
    counts = {verdict: list(got.values()).count(verdict) for verdict in ("valid", "invalid")}
    print(  # noqa: T201
        f"{len(got)} files: {counts['valid']} valid, {counts['invalid']} invalid; "
        f"{len(differing)} verdict(s) differ from INDEX.md"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
