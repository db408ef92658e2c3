"""jwst's ``asn_from_list`` and asnkit's, side by side on generated command lines.

Each case is drawn from its own seeded generator (the case number is the seed), so every
run sees the same cases and a failing case is reproduced by its id alone. Both commands run
in this process. The files must be byte-identical once the differences listed in
docs/differences.md are applied; a command line jwst fails on must be refused by asnkit; and
asnkit may refuse what jwst writes only where that list says so.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Final

import attrs
import pytest
from jwst_reference import (
    CANDIDATE_ID,
    clashing_products,
    expected_asnkit_text,
    invalid_for_asnkit,
    run_jwst_command,
)

from asnkit.cli.asn_from_list import run
from asnkit.naming import known_suffixes

if TYPE_CHECKING:
    from pathlib import Path

CASES: Final = 400
STAGE2: Final = "DMSLevel2bBase"
STAGE3: Final = "DMS_Level3_Base"
PREVIOUS: Final = "a previous file, which a refused run must leave as it was\n"

_SUFFIXES: Final = sorted(known_suffixes())
_DIRECTORIES: Final = ("", "./", "sub/", "../up/", "/abs/path/", "a//b/", "d.v1/", "é/", "sub/./")
_EXTENSIONS: Final = (".fits", ".fits", ".fits", ".fits.gz", "", ".", ".json", ".FITS", ".x.fits")
_UNICODE: Final = (
    "éüßñø"  # Latin-1
    "αβγΩ"  # Greek
    "жЯ"  # Cyrillic
    "東京観測"  # CJK
    "שלום"  # right to left
    "\u0301\u200b\u2028\u2029\ufeff"  # combining accent, zero width space, separators, BOM
    "\U0001f52d\U0001d4d0"  # astral: telescope, mathematical script
    '"\\\t\x01\x1f\x7f'  # JSON escapes and control characters
    "\udcff"  # a lone surrogate: what Python makes of an undecodable byte in argv
)
_IDS: Final = ("o001", "o999", "c1000", "c1234", "o12", "o0011", "c123", "x", "", "O001", "a3001")


@attrs.frozen
class Case:
    """One command line, and what docs/differences.md says asnkit must do with it."""

    filelist: tuple[str, ...]
    rule: str | None
    product_name: str | None
    acid: str | None
    fmt: str | None
    long_flags: bool

    def argv(self, output: str) -> list[str]:
        """The command line, writing to ``output``."""
        args = ["--output-file" if self.long_flags else "-o", output]
        if self.rule is not None:
            args += ["--rule" if self.long_flags else "-r", self.rule]
        if self.product_name is not None:
            args += ["--product-name", self.product_name]
        if self.acid is not None:
            args += ["--id" if self.long_flags else "-i", self.acid]
        if self.fmt is not None:
            args += ["-f", self.fmt]
        if any(name.startswith("-") for name in self.filelist):
            args.append("--")
        return [*args, *self.filelist]

    @property
    def stage3(self) -> bool:
        return self.rule in {None, STAGE3}

    def jwst_fails(self) -> bool:
        """Whether jwst 3.0.0 fails (a traceback), as docs/differences.md describes it."""
        if self.fmt is not None and self.fmt not in {"json", "yaml"}:
            return True  # its writers are registered under these two names only
        if self.stage3:
            return self.product_name is None
        # Stage 2: an id that is not oXXX/cXXX is a ValueError; a cXXX id without a
        # background member makes the association invalid, and dumping it fails.
        return self.acid is not None and not self.acid.startswith("o")

    def asnkit_exit(self) -> int:
        """The exit status the listed differences give; 0 where the files must be the same."""
        if self.fmt is not None and self.fmt != "json":
            return 2  # -f/--format: only json, deprecated
        if self.stage3 and self.product_name is None:
            return 1  # jwst fails too: a Stage 3 association needs a product name
        if self.acid is not None and not CANDIDATE_ID.match(self.acid):
            return 1  # -i values: oNNN or cNNNN
        if self.acid is not None and self.acid.startswith("c"):
            return 1  # -i cNNNN: the command makes no background member
        return 0


def _stem(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return (
            f"jw{rng.randrange(10**5):05d}{rng.randrange(1, 1000):03d}{rng.randrange(1, 1000):03d}"
            f"_{rng.randrange(10**5):05d}_{rng.randrange(1, 10**5):05d}"
            f"_{rng.choice(['nrca1', 'nrcblong', 'mirimage', 'nis', 'nrs1', 'guider1'])}"
        )
    if kind < 0.8:
        alphabet = "abcxyz0189_-." + _UNICODE
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 10)))
    return rng.choice(["", "_", "-", "a", "a_b", "rate", "_rate", "x_cal_cal", "cal"])


def _suffix(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return ""
    suffix = rng.choice(["rate", "rateints", "cal", "calints", "i2d", "s2d", "x1d", "uncal"])
    if kind < 0.6:
        suffix = rng.choice(_SUFFIXES)
    if kind > 0.95:
        suffix = suffix.upper()  # not a step suffix: jwst's match is case-sensitive
    return rng.choice("__-") + suffix


def _name(rng: random.Random) -> str:
    directory = rng.choice(_DIRECTORIES) if rng.random() < 0.25 else ""
    name = directory + _stem(rng) + _suffix(rng)
    if rng.random() < 0.1:
        name += rng.choice("_-") + rng.choice(_SUFFIXES)  # two suffixes: only the last goes
    return name + rng.choice(_EXTENSIONS)


def _count(rng: random.Random, seed: int) -> int:
    if seed < 2:
        return (1, 500)[seed]  # both ends, always
    bucket = rng.random()
    if bucket < 0.15:
        return 1
    if bucket < 0.6:
        return rng.randrange(2, 11)
    if bucket < 0.85:
        return rng.randrange(11, 101)
    return rng.randrange(101, 501)


def make_case(seed: int) -> Case:
    """The case numbered ``seed``: the same on every run and every machine."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    names = [_name(rng) for _ in range(_count(rng, seed))]
    if rng.random() < 0.2:  # duplicates: some names again, anywhere in the list
        names += [rng.choice(names) for _ in range(rng.randrange(1, 4))]
        rng.shuffle(names)
    rule = rng.choice([STAGE2, STAGE3, None])
    product_name: str | None = None
    # Stage 3 mostly has one (else both refuse); Stage 2 sometimes has one (both ignore it).
    if rng.random() < (0.2 if rule == STAGE2 else 0.95):
        product_name = rng.choice(["l3_results", "mosaic", "", "jw01234-o001_t001_nircam_clear"])
        if rng.random() < 0.2:
            product_name += "".join(rng.choice(_UNICODE) for _ in range(3))
    acid = None
    if rng.random() < 0.35:  # mostly ids both accept; the others make refusals
        acid = f"o{rng.randrange(1000):03d}" if rng.random() < 0.5 else rng.choice(_IDS)
    fmt = rng.choice(["json", "JSON", "yaml"]) if rng.random() < 0.04 else None
    return Case(
        filelist=tuple(names),
        rule=rule,
        product_name=product_name,
        acid=acid,
        fmt=fmt,
        long_flags=rng.random() < 0.3,
    )


def test_the_cases_cover_what_the_issue_asks() -> None:
    cases = [make_case(seed) for seed in range(CASES)]
    counts = [len(case.filelist) for case in cases]
    names = [name for case in cases for name in case.filelist]
    suffixes = {f"{sep}{s}" for s in _SUFFIXES for sep in "_-"}
    assert min(counts) == 1
    assert max(counts) == 500
    assert {case.rule for case in cases} == {STAGE2, STAGE3, None}
    assert any(len(set(case.filelist)) < len(case.filelist) for case in cases)
    assert any("/" in name for name in names)
    assert any(not name.isascii() for name in names)
    assert any(any(s in name for s in suffixes) for name in names)
    assert any(not any(s in name for s in suffixes) for name in names)
    assert {case.acid for case in cases} >= set(_IDS)
    assert sum(case.asnkit_exit() == 0 for case in cases) >= 300
    assert sum(case.jwst_fails() for case in cases) >= 10
    # asnkit refuses every command line that jwst fails on.
    assert all(case.asnkit_exit() != 0 for case in cases if case.jwst_fails())


@pytest.mark.parametrize("seed", range(CASES))
def test_same_file_as_jwst(seed: int, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    case = make_case(seed)
    jwst_output = tmp_path / "jwst_asn.json"
    ours = tmp_path / "asnkit_asn.json"
    ours.write_text(PREVIOUS, encoding="utf-8")

    jwst_wrote = run_jwst_command(case.argv(str(jwst_output)))
    status = run(case.argv(str(ours)))
    stderr = capfd.readouterr().err
    reproduce = f"asn_from_list {case.argv('out.json')!r}"

    assert jwst_wrote != case.jwst_fails(), reproduce
    expected_status = case.asnkit_exit()
    if expected_status == 0 and (
        (not case.stage3 and clashing_products(jwst_output.read_text("utf-8")))
        or invalid_for_asnkit(
            expected_asnkit_text(
                jwst_output.read_text("utf-8"), acid=case.acid, named_by_files=not case.stage3
            )
        )
    ):
        # Two files, one product name; or a name no pipeline can run: refused
        # (docs/differences.md).
        expected_status = 1
    assert status == expected_status, reproduce
    assert "Traceback" not in stderr
    if status != 0:
        assert ours.read_text(encoding="utf-8") == PREVIOUS, reproduce
        errors = [line for line in stderr.splitlines() if ": error: " in line]
        assert len(errors) == 1, stderr
        return
    expected = expected_asnkit_text(
        jwst_output.read_text(encoding="utf-8"), acid=case.acid, named_by_files=not case.stage3
    )
    assert ours.read_bytes() == expected.encode("utf-8"), reproduce
