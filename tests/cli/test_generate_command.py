"""``asnkit generate`` and ``asnkit pool``: the files written, explain, and the refusals."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path  # noqa: TC003 (pytest reads the annotations)
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from requires import ASTROPY_MISSING
from testdata import POOLS

from asnkit.cli.generate import run_generate, run_pool
from cli.clirun import in_process

if TYPE_CHECKING:
    from asnkit.models import Association


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


_COLUMNS = (
    "FILENAME|PROGRAM|OBS_NUM|INSTRUME|DETECTOR|EXP_TYPE|FILTER|PUPIL|SUBARRAY|TARGETID|"
    "PNTGTYPE|BKGDTARG|TSOVISIT|ASN_CANDIDATE"
)
_OBSERVATION = "[('o001', 'OBSERVATION')]"


def _row(name: str, exp_type: str, filter_: str, pointing: str = "SCIENCE") -> str:
    cells = [f"jw01234001001_{name}_nrcb1_uncal.fits", "1234", "1", "NIRCAM", "NRCB1"]
    cells += [exp_type, filter_, "CLEAR", "FULL", "1", pointing, "F", "F", _OBSERVATION]
    return "|".join(cells)


POOL = "\n".join(
    [
        "# a small pool: two filters of one observation, a target acquisition",
        _COLUMNS,
        _row("01101_00001", "NRC_TACQ", "F200W", "TARGET_ACQUISITION"),
        _row("02101_00001", "NRC_IMAGE", "F200W"),
        _row("02101_00002", "NRC_IMAGE", "F200W"),
        _row("03101_00001", "NRC_IMAGE", "F150W"),
        "",
    ]
)


@pytest.fixture
def pool(tmp_path: Path) -> Path:
    path = tmp_path / "jw01234_20240101t000000_pool.csv"
    path.write_text(POOL)
    return path


def _asnkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from asnkit.cli import main; sys.argv[0] = 'asnkit'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_generate_writes_each_association_under_jwst_name(pool: Path, tmp_path: Path) -> None:
    result = _asnkit("generate", str(pool), "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{pool.name}: 6 associations written to out\n"
    names = _names(tmp_path / "out")
    # One Stage 2b association per exposure (the acquisition's too), one Stage 3 per filter.
    assert names == [
        *(f"jw01234-o001_image2_0000{n}_asn.json" for n in (1, 2, 3, 4)),
        "jw01234-o001_image3_00001_asn.json",
        "jw01234-o001_image3_00002_asn.json",
    ]
    first = json.loads((tmp_path / "out" / names[4]).read_text())
    assert first["products"][0]["name"] == "jw01234-o001_t001_nircam_clear-f150w"
    second = json.loads((tmp_path / "out" / names[5]).read_text())
    assert [m["exptype"] for m in second["products"][0]["members"]] == [
        "science",
        "science",
        "target_acquisition",
    ]


def test_version_id_alone_is_the_time_now(pool: Path, tmp_path: Path) -> None:
    result = _asnkit("generate", str(pool), "-o", "out", "--version-id", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = _names(tmp_path / "out")
    assert all(name.startswith("jw01234-o001_2") and "t" in name for name in names)


@pytest.mark.parametrize(
    ("args", "stamp"),
    [
        (("--version-id",), None),  # last: the time now
        (("--version-id", "--force"), None),  # before an option: the time now
        (("--version-id", "v1"), "v1"),
        (("--version-id=v1",), "v1"),
        (("--version-id", "now"), "now"),  # a tag, as asn_generate takes it
    ],
)
def test_version_id_takes_an_optional_tag(
    pool: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    stamp: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    result = in_process(capsys, "generate", str(pool), "-o", str(out), *args)
    assert result.status == 0, result.err
    names = _names(out)
    assert len(names) == 6
    if stamp is None:
        assert all(
            re.fullmatch(r"jw01234-o001_\d{8}t\d{6}_image[23]_0000\d_asn.json", n) for n in names
        )
    else:
        assert all(name.startswith(f"jw01234-o001_{stamp}_") for name in names)


# Two observations, so that -i can choose.
TWO = (
    POOL
    + _row("02101_00001", "NRC_IMAGE", "F200W")
    .replace("01234001001", "01234002001")
    .replace("'o001'", "'o002'")
    + "\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ("-i", "o001", "o002", "-o", "OUT"),  # asn_generate's spelling
        ("-i", "o001", "-i", "o002", "-o", "OUT"),
        ("--candidate", "o001", "o002", "-p", "OUT"),
        ("--ids", "o001", "o002", "--path", "OUT"),
        ("-o", "OUT", "--ids", "o001", "--candidate=o002"),
    ],
)
def test_candidate_ids_as_asn_generate_takes_them(
    tmp_path: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "jw01234_20240101t000000_pool.csv"
    path.write_text(TWO)
    out = tmp_path / "out"
    given = [str(out) if arg == "OUT" else arg for arg in args]
    # The pool before the options and after them: an id never eats the pool's name.
    for argv in (["generate", str(path), *given], ["generate", *given, str(path)]):
        result = in_process(capsys, *argv)
        assert (result.status, result.err) == (0, "")
        names = _names(out)
        assert "jw01234-o002_image2_00001_asn.json" in names
        assert sum(name.startswith("jw01234-o001_image2") for name in names) == 4
        for name in names:
            (out / name).unlink()


def test_only_the_candidates_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "jw01234_20240101t000000_pool.csv"
    path.write_text(TWO)
    result = in_process(capsys, "generate", "-i", "o002", str(path), "-o", str(tmp_path / "o"))
    assert result.status == 0, result.err
    assert _names(tmp_path / "o") == [f"jw01234-o002_image{n}_00001_asn.json" for n in (2, 3)]


@pytest.mark.parametrize(
    ("flag", "reason"),
    [
        ("--merge", "asnkit writes each association on its own"),
        ("--per-pool-algorithm", "asnkit runs asn_generate's default algorithm and rules only"),
        ("--no-finalize", "asnkit writes finished associations only"),
        ("-r", "asnkit has no rule files"),
        ("--rules=x.py", "asnkit has no rule files"),
        ("--ignore-default", "asnkit has no rule files"),
        ("--save-orphans", "asnkit writes no orphan table"),
        ("-D", "asnkit has no debug log"),
    ],
)
def test_asn_generate_flags_asnkit_does_not_offer_are_refused(
    pool: Path, tmp_path: Path, flag: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = in_process(capsys, "generate", str(pool), flag, "-o", str(tmp_path / "out"))
    spelling = flag.partition("=")[0]
    assert result.status == 2
    assert result.err.startswith(f"asnkit generate: error: {spelling} is not offered: {reason}")
    assert result.err.endswith(" (see asnkit generate --help)\n")
    assert result.err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_asn_generate_flags_asnkit_honours(
    pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "semicolons.csv"
    other.write_text(pool.read_text().replace("|", ";"))
    out = tmp_path / "out"
    args = ("-d", ";", "--no-merge", "--format", "json", "--pool-format", "ascii", "-v")
    result = in_process(capsys, "generate", str(other), "-p", str(out), *args)
    assert result.status == 0, result.err
    names = _names(out)
    assert len(names) == 6
    # -v names each file written, then the count.
    *files, last = result.out.splitlines()
    assert sorted(files) == [str(out / name) for name in names]
    assert last == f"semicolons.csv: 6 associations written to {out}"
    refused = in_process(capsys, "generate", str(pool), "--format", "yaml")
    assert (refused.status, refused.err) == (
        2,
        "asnkit generate: error: --format yaml is not offered: asnkit reads and writes json "
        "only (see asnkit generate --help)\n",
    )


def test_dry_run_writes_nothing(
    pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = in_process(capsys, "generate", str(pool), "--dry-run", "-o", str(tmp_path / "out"))
    assert result.status == 0, result.err
    assert result.out == f"{pool.name}: 6 associations (--dry-run: none written)\n"
    assert not (tmp_path / "out").exists()


def _with_a_bad_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """generate_files makes its second association (a Stage 2b one) with two science members."""
    package = importlib.import_module("asnkit.generate")
    real = package.generate_files

    def generate_files(*args: Any, **kwargs: Any) -> list[tuple[str, Association]]:
        made: list[tuple[str, Association]] = real(*args, **kwargs)
        name, asn = made[1]
        product = asn.products[0]
        doubled = attrs.evolve(product, members=(product.members[0], *product.members))
        made[1] = (name, attrs.evolve(asn, products=(doubled,)))
        return made

    monkeypatch.setattr(package, "generate_files", generate_files)


def test_an_invalid_association_is_refused_and_nothing_written(
    pool: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "jw01234-o001_image2_00001_asn.json").write_text("old\n")
    _with_a_bad_one(monkeypatch)
    result = in_process(capsys, "generate", str(pool), "-o", str(out))
    assert result.status == 1
    assert result.err == (
        "asnkit generate: error: jw01234-o001_image2_00002_asn.json (from "
        f"{pool.name}, candidate_Asn_Lv2Image) would make an invalid association: "
        "/products/0/members: a Stage 2b product needs exactly one science member; it has 2; "
        "nothing written (--force writes it anyway)\n"
    )
    assert result.out == ""
    # The folder as it was: the association before the bad one was not written either.
    assert _names(out) == ["jw01234-o001_image2_00001_asn.json"]
    assert (out / "jw01234-o001_image2_00001_asn.json").read_text() == "old\n"


def test_force_writes_an_invalid_association_with_a_warning(
    pool: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    _with_a_bad_one(monkeypatch)
    result = in_process(capsys, "generate", str(pool), "-o", str(out), "--force")
    assert result.status == 0
    assert result.err.startswith(
        "asnkit generate: warning: --force: jw01234-o001_image2_00002_asn.json (from "
        f"{pool.name}, candidate_Asn_Lv2Image) is an invalid association: /products/0/members: "
    )
    # Then what asnkit validate warns of in what was written, as every writer says it.
    assert result.err.count("\n") == 2
    assert result.err.splitlines()[1] == (
        "asnkit generate: warning: jw01234-o001_image2_00002_asn.json:/products/0/members/1: "
        "the same member as member 0 of this product "
        "('jw01234001001_02101_00002_nrcb1_rate.fits', 'science')"
    )
    assert len(_names(out)) == 6
    bad = json.loads((out / "jw01234-o001_image2_00002_asn.json").read_text())
    assert [m["exptype"] for m in bad["products"][0]["members"]] == ["science", "science"]


def test_a_pool_that_cannot_be_used_leaves_the_others_unwritten(
    pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("FILENAME|EXP_TYPE\na_uncal.fits|NRC_IMAGE\n")
    result = in_process(capsys, "generate", str(pool), str(bad), "-o", str(tmp_path / "out"))
    assert result.status == 1
    assert "bad.csv: no ASN_CANDIDATE column" in result.err
    assert not (tmp_path / "out").exists()


def test_candidate_option(pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert run_generate([str(pool)], output=str(out), candidates=["o009"]) == 1  # nothing to do
    assert not out.exists()
    err = capsys.readouterr().err
    assert "candidate o009 is not in the pool" in err
    assert err.endswith(
        f"asnkit generate: error: {pool.name}: no association of the candidates asked for "
        "(o009); nothing written\n"
    )


def test_explain_says_where_and_why(pool: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = run_generate([str(pool)], explain="jw01234001001_03101_00001_nrcb1")
    assert status == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{pool.name}:"
    assert lines[1] == "  jw01234001001_03101_00001_nrcb1_uncal.fits:"
    assert lines[2:4] == [
        "    taken by jw01234-o001_image2_00001_asn.json (candidate_Asn_Lv2Image), "
        "product jw01234001001_03101_00001_nrcb1, as science",
        "    taken by jw01234-o001_image3_00001_asn.json (candidate_Asn_Lv3Image), "
        "product jw01234-o001_t001_nircam_clear-f150w, as science",
    ]
    assert "    Asn_Lv3AMI: exp_type: EXP_TYPE=nrc_image, needs nis_ami" in lines
    assert "    Asn_Lv3WFSSNRC: exp_type: EXP_TYPE=nrc_image, needs nrc_wfss" in lines
    assert not any(line.startswith("    Asn_Lv3Image:") for line in lines)


def test_explain_of_an_acquisition(pool: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_generate([str(pool)], explain="jw01234001001_01101_00001_nrcb1_uncal.fits") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == (
        "    taken by jw01234-o001_image2_00004_asn.json (candidate_Asn_Lv2ImageNonScience), "
        "product jw01234001001_01101_00001_nrcb1, as science"
    )
    assert lines[3].endswith(
        "(candidate_Asn_Lv3Image), product "
        "jw01234-o001_t001_nircam_clear-f150w, as target_acquisition"
    )
    assert (
        "    Asn_Lv3ACQ_Reprocess: force_fail: an acquisition joins the associations of its "
        "observation, never starts one"
    ) in lines


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        ((), 2, "asnkit generate: error: give one or more pools, FITS files or folders"),
        (("missing.csv",), 2, "asnkit generate: error: missing.csv: cannot read:"),
        (
            ("POOL", "--explain", "nope"),
            1,
            "asnkit generate: error: no exposure 'nope' in the pools: give a FILENAME of a pool",
        ),
    ],
)
def test_refusals_are_one_line(
    pool: Path, args: tuple[str, ...], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = [str(pool) if arg == "POOL" else arg for arg in args if not arg.startswith("-")]
    explain = args[args.index("--explain") + 1] if "--explain" in args else None
    inputs = [arg for arg in inputs if arg != explain]
    assert run_generate(inputs, explain=explain) == status
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_a_pool_without_candidates_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("FILENAME|EXP_TYPE\na_uncal.fits|NRC_IMAGE\n")
    result = _asnkit("generate", str(bad), "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "asnkit generate: error: bad.csv: no ASN_CANDIDATE column: a pool names each "
        "exposure's file and candidates (asnkit pool FILES writes one)\n"
    )
    assert not (tmp_path / "out").exists() or _names(tmp_path / "out") == []


def test_pool_and_generate_from_fits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import write_case

    monkeypatch.chdir(tmp_path)
    files = write_case("nircam_imaging", tmp_path)
    assert run_pool(files, output=str(tmp_path / "pool.csv")) == 0
    text = (tmp_path / "pool.csv").read_text()
    header = text.splitlines()[0].split("|")
    assert header == sorted(header)
    assert {"asn_candidate", "filename", "targetid", "pntgtype"} <= set(header)
    assert run_generate([str(tmp_path / "pool.csv")], output=str(tmp_path / "a")) == 0
    assert run_generate(files, output=str(tmp_path / "b")) == 0
    assert _names(tmp_path / "a") == _names(tmp_path / "b")
    assert _names(tmp_path / "a")


def test_explain_of_a_pool_lacking_a_keyword_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(POOL.replace("|TARGETID", "").replace("|CLEAR|FULL|1|", "|CLEAR|FULL|"))
    result = in_process(capsys, "generate", str(path), "--explain", "jw01234001001_02101")
    assert result.status == 1
    assert result.err == (
        "asnkit generate: error: p.csv: a row has no TARGETID keyword, which the rules read: "
        "add the column\n"
    )


def test_dms_keeps_the_candidates_given_after_their_backgrounds_prune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # asn_generate --DMS -i o038 on jwst's mega_pool (jwst 3.0.0 writes these two files,
    # compared document by document when this was written): observation 38's rows are also
    # in background candidate c1007, whose spec2 association has the same members as
    # o038's; jwst prunes o038's as the duplicate, then keeps only o038's associations.
    pool = str(POOLS / "mega_pool.csv")
    dms = in_process(capsys, "generate", pool, "--DMS", "-i", "o038", "-o", str(tmp_path / "d"))
    assert (dms.status, dms.err) == (0, "")
    assert _names(tmp_path / "d") == [
        "jw99009-o038_image2_00001_asn.json",
        "jw99009-o038_spec3_00001_asn.json",
    ]
    plain = in_process(capsys, "generate", pool, "-i", "o038", "-o", str(tmp_path / "p"))
    assert (plain.status, plain.err) == (0, "")
    assert "jw99009-o038_spec2_00001_asn.json" in _names(tmp_path / "p")


def test_all_candidates_alone_is_every_candidate_and_nothing_discovered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # jwst's jw87800 pool: every association of its one observation (as -i o017), none
    # discovered.
    pool = str(POOLS / "jw87800_20180412T163456_pool.csv")
    alone = in_process(capsys, "generate", pool, "--all-candidates", "-o", str(tmp_path / "a"))
    assert (alone.status, alone.err) == (0, "")
    listed = in_process(capsys, "generate", pool, "-i", "o017", "-o", str(tmp_path / "i"))
    assert (listed.status, listed.err) == (0, "")
    assert _names(tmp_path / "a") == _names(tmp_path / "i")
    assert all("-o017_" in name for name in _names(tmp_path / "a"))


def test_discover_alone_is_the_discovered_associations_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # jwst's pool_duplicate: asn_generate --discover writes these two (jwst 3.0.0's output
    # when this was written); by default the first is pruned (it has a candidate's
    # members) and the second is numbered 00001.
    pool = str(POOLS / "pool_duplicate.csv")
    alone = in_process(capsys, "generate", pool, "--discover", "-p", str(tmp_path / "d"))
    assert (alone.status, alone.err) == (0, "")
    assert _names(tmp_path / "d") == [
        "jw87600-a3001_image3_00001_asn.json",
        "jw87600-a3001_image3_00002_asn.json",
    ]
    default = in_process(capsys, "generate", pool, "-o", str(tmp_path / "n"))
    assert (default.status, default.err) == (0, "")
    discovered = [name for name in _names(tmp_path / "n") if "-a3001_" in name]
    assert discovered == ["jw87600-a3001_image3_00001_asn.json"]
    assert (tmp_path / "n" / discovered[0]).read_text() == (
        tmp_path / "d" / "jw87600-a3001_image3_00002_asn.json"
    ).read_text()


_EXCLUDE = "exclude each other, as in asn_generate:"
_ONLY_GIVEN = "makes only the candidates given"
_ALL = "every candidate's and none discovered"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("-i", "o017", "--discover"),
            f"-i and --discover {_EXCLUDE} -i {_ONLY_GIVEN}, "
            "--discover only the discovered associations",
        ),
        (
            ("--discover", "--ids", "o017"),
            f"--ids and --discover {_EXCLUDE} --ids {_ONLY_GIVEN}, "
            "--discover only the discovered associations",
        ),
        (
            ("--candidate", "o017", "--all-candidates"),
            f"--candidate and --all-candidates {_EXCLUDE} --candidate {_ONLY_GIVEN}, "
            f"--all-candidates {_ALL}",
        ),
        (
            ("--candidate=o017", "--discover"),
            f"--candidate and --discover {_EXCLUDE} --candidate {_ONLY_GIVEN}, "
            "--discover only the discovered associations",
        ),
        (
            ("-io017", "--all-candidates"),
            f"-i and --all-candidates {_EXCLUDE} -i {_ONLY_GIVEN}, --all-candidates {_ALL}",
        ),
        (
            ("--all-candidates", "-i", "o017"),
            f"-i and --all-candidates {_EXCLUDE} -i {_ONLY_GIVEN}, --all-candidates {_ALL}",
        ),
        (
            ("--discover", "--all-candidates"),
            f"--discover and --all-candidates {_EXCLUDE} "
            f"--discover makes only the discovered associations, --all-candidates {_ALL}; "
            "give neither for both, the default",
        ),
        (
            ("-i", "o017", "--discover", "--all-candidates"),
            f"-i and --discover {_EXCLUDE} "
            f"-i {_ONLY_GIVEN}, --discover only the discovered associations",
        ),
    ],
)
def test_what_asn_generate_cannot_do_together_is_refused(
    tmp_path: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pool = str(POOLS / "jw87800_20180412T163456_pool.csv")
    result = in_process(capsys, "generate", pool, *args, "-o", str(tmp_path / "out"))
    assert (result.status, result.out) == (2, "")
    assert result.err == f"asnkit generate: error: {message} (see asnkit generate --help)\n"
    assert not (tmp_path / "out").exists()


def test_o_and_p_must_name_one_folder(
    pool: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    refused = in_process(capsys, "generate", str(pool), "-o", "a", "-p", "b")
    assert (refused.status, refused.out) == (2, "")
    assert refused.err == (
        "asnkit generate: error: -o a and -p b name different folders: give one "
        "(-p is asn_generate's spelling of -o) (see asnkit generate --help)\n"
    )
    assert _names(tmp_path) == [pool.name]
    same = in_process(capsys, "generate", str(pool), "-o", "a", "--path", str(tmp_path / "a/"))
    assert (same.status, same.err) == (0, "")
    assert _names(tmp_path) == ["a", pool.name]
    assert len(_names(tmp_path / "a")) == 6


def test_explain_says_what_the_mode_writes(capsys: pytest.CaptureFixture[str]) -> None:
    # jwst's pool_duplicate: by default observation 29's exposure is in o029's files (the
    # discovered image3 that has it is pruned); with --discover it is in a3001's first.
    pool = str(POOLS / "pool_duplicate.csv")
    exposure = "jw87600029001_02105_00001_nis"
    taken: dict[str, list[str]] = {}
    for mode in ("", "--discover", "--all-candidates"):
        flags = [mode] if mode else []
        result = in_process(capsys, "generate", pool, *flags, "--explain", exposure)
        assert (result.status, result.err) == (0, "")
        taken[mode] = re.findall(r"taken by (\S+)", result.out)
    assert (
        taken[""]
        == taken["--all-candidates"]
        == [
            "jw87600-o029_image2_00001_asn.json",
            "jw87600-o029_image3_00001_asn.json",
        ]
    )
    assert taken["--discover"] == ["jw87600-a3001_image3_00001_asn.json"]
