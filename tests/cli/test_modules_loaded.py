"""What each command loads: every ``asnkit`` subcommand (and ``asn_from_list``) run in a
child process, the modules it imported listed at exit and held to what it uses.

docs/design.md ("What each command loads") says the same in words; change both together.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING, Final

import pytest
from testdata import POOLS

if TYPE_CHECKING:
    from pathlib import Path

_LISTED: Final = (
    "import json, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "if sys.argv[0] == 'asn_from_list':\n"
    "    from asnkit.cli.asn_from_list import main\n"
    "else:\n"
    "    from asnkit.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as stop:\n"
    "    status = stop.code\n"
    "else:\n"
    "    status = 0\n"
    "print(json.dumps([status, sorted(sys.modules)]), file=sys.__stdout__)\n"
)

_THIRD_PARTY: Final = ("typer", "click", "rich", "cattrs", "fastjsonschema", "astropy", "numpy")

# Per command line: the packages it loads (of _THIRD_PARTY, and argparse), then the
# asnkit packages it must not load.
_CASES: Final[dict[str, tuple[list[str], set[str], set[str]]]] = {
    "validate": (["asnkit", "validate", "a_asn.json"], set(), {"asnkit.io", "asnkit.generate"}),
    "show": (
        ["asnkit", "show", "a_asn.json"],
        {"typer", "cattrs"},
        {"asnkit.validation", "asnkit.generate", "asnkit.rules"},
    ),
    "diff": (
        ["asnkit", "diff", "a_asn.json", "b_asn.json"],
        {"typer", "cattrs"},
        {"asnkit.validation", "asnkit.generate", "asnkit.rules"},
    ),
    "edit": (
        ["asnkit", "edit", "a_asn.json", "-o", "e_asn.json", "--add", "w_cal.fits"],
        {"typer", "cattrs"},
        {"asnkit.generate", "asnkit.headers"},
    ),
    "gather": (
        ["asnkit", "gather", "a_asn.json", "gathered"],
        {"typer", "cattrs"},
        {"asnkit.generate", "asnkit.headers"},
    ),
    "from-list": (
        ["asnkit", "from-list", "-o", "f_asn.json", "--product-name", "l3", "x_cal.fits"],
        {"typer"},
        {"asnkit.generate", "asnkit.headers", "asnkit.io", "asnkit.codec.structure"},
    ),
    "generate": (
        ["asnkit", "generate", "p_pool.csv", "-o", "generated"],
        {"typer"},
        {"asnkit.headers", "asnkit.io", "asnkit.codec.structure"},
    ),
    "asn_from_list": (
        ["asn_from_list", "-o", "g_asn.json", "--product-name", "l3", "x_cal.fits"],
        {"argparse"},
        {"asnkit.generate", "asnkit.io", "asnkit.codec.structure"},
    ),
    "roman": (
        ["asnkit", "roman", "asn_from_list", "-o", "r_asn.json", "--product-name", "p", "x.asdf"],
        {"argparse"},
        {"asnkit.generate", "asnkit.io"},
    ),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("loaded")
    (here / "p_pool.csv").write_bytes((POOLS / "pool_001_candidates.csv").read_bytes())
    for name, other in (("a_asn.json", "y_cal.fits"), ("b_asn.json", "z_cal.fits")):
        members = [{"expname": f, "exptype": "science"} for f in ("x_cal.fits", other)]
        document = {
            "asn_type": "image3",
            "asn_rule": "DMS_Level3_Base",
            "asn_pool": "none",
            "program": "noprogram",
            "products": [{"name": "l3", "members": members}],
        }
        (here / name).write_text(json.dumps(document), encoding="utf-8")
    for name in ("x_cal.fits", "y_cal.fits", "w_cal.fits"):
        (here / name).write_bytes(b"")
    return here


def _loaded(folder: Path, argv: list[str]) -> tuple[int, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", _LISTED, *argv],
        capture_output=True,
        text=True,
        cwd=folder,
        check=False,
        env={"PATH": "", "PYTHONPATH": ":".join(sys.path)},
    )
    status, modules = json.loads(result.stdout.splitlines()[-1])
    return status, set(modules)


@pytest.mark.parametrize("case", list(_CASES))
def test_each_command_loads_only_what_it_uses(folder: Path, case: str) -> None:
    argv, packages, unused = _CASES[case]
    status, modules = _loaded(folder, argv)
    assert status in ((0, 1) if case == "diff" else (0, None)), (case, status)  # diff: 1 differ
    tops = {name.partition(".")[0] for name in modules}
    assert tops & {*_THIRD_PARTY, "argparse"} == packages
    assert sorted(unused & modules) == []
