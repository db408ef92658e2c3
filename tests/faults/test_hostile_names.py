"""Nothing read can steer where anything is written (#21): pools, FITS headers, names.

Property tests put arbitrary values (and the nasty ones: ``../``, ``/abs``, control
characters, 300 characters) in every pool column and header keyword that feeds a name,
and in the names of association files, and run the commands as a user does. Whatever the
value, each run:

- writes nothing outside the output folder it was given;
- ends with exit 0, 1 or 2, never a traceback, and a refusal is one line;
- on a refusal writes nothing at all, not even the good associations;
- writes only product names that pass the name-part rule, and files ``validate`` accepts.

Then the reproductions of the issue, one test each.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from typing import Final

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from requires import ASTROPY_MISSING

import asnkit
from asnkit.cli import run
from asnkit.generate import generate_files, read_pool
from asnkit.name_parts import product_name_problem

POOLS: Final = Path(__file__).resolve().parents[1] / "data" / "pools"
POOL: Final = POOLS / "jw87800_20180412T163456_pool.csv"
"""Ten NIRISS exposures: Stage 2b and Stage 3 associations, with and without candidates."""

NAME_COLUMNS: Final = (
    "PROGRAM",
    "ASN_CANDIDATE",
    "TARGETID",
    "INSTRUME",
    "FILTER",
    "PUPIL",
    "DETECTOR",
    "SUBARRAY",
    "FILENAME",
    "EXP_TYPE",
    "OBS_NUM",
)
"""The pool's columns whose values can become part of a file or product name (and two
that the rules only test, as a control)."""

NASTY: Final = (
    "x/../../escaped",
    "../../../escaped",
    "/../../../../tmp/x",
    "..",
    ".",
    "a/b",
    "a\\b",
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "nul\x00byte",
    "bidi\u202egnp.exe",
    "line\u2028break",
    "f" * 300,
    "[('../../escaped', 'observation')]",
    "[('o017', 'observation'), ('../x', 'background')]",
)

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters="|\n\r"),
        max_size=40,
    ),
)


def _pool_with(column: str, value: str, rows: str) -> str:
    """jw87800's pool with ``value`` in ``column`` of every row (``all``) or of the first."""
    head, *lines = POOL.read_text(encoding="utf-8").splitlines()
    index = head.split("|").index(column)
    changed = [head]
    for number, line in enumerate(lines):
        cells = line.split("|")
        if rows == "all" or number == 0:
            cells[index] = value
        changed.append("|".join(cells))
    return "\n".join(changed) + "\n"


def _files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = run(list(args))
    return status, out.getvalue(), err.getvalue()


def _assert_one_line_refusal(status: int, err: str) -> None:
    assert status in (0, 1, 2), err
    assert "Traceback" not in err
    if status:
        errors = [line for line in err.splitlines() if ": error: " in line]
        assert len(errors) == 1, err


def _assert_written_files_are_safe(out: Path) -> None:
    for path in out.glob("*.json"):
        report = asnkit.validate(path)
        assert report.valid, (path.name, report.errors)
        for product in json.loads(path.read_bytes())["products"]:
            assert product_name_problem(product["name"]) is None, product["name"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(column=st.sampled_from(NAME_COLUMNS), value=values, rows=st.sampled_from(["all", "one"]))
@example(column="PROGRAM", value="x/../../escaped", rows="all")
@example(column="ASN_CANDIDATE", value="[('../../escaped', 'observation')]", rows="all")
@example(column="FILTER", value="/some/dir/x", rows="all")
def test_no_pool_value_steers_a_write(column: str, value: str, rows: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        out = root / "a" / "b" / "out"
        out.parent.mkdir(parents=True)
        pool = root / "a" / "b" / "jw87800_pool.csv"
        pool.write_text(_pool_with(column, value, rows), encoding="utf-8")
        before = _files(root)

        status, _, err = _run("generate", str(pool), "-o", str(out))

        _assert_one_line_refusal(status, err)
        after = _files(root)
        inside = {name for name in after - before if name.startswith("a/b/out")}
        assert after - before == inside, sorted(after - before - inside)
        if status != 0:
            assert not out.exists() or not any(out.iterdir())
            return
        _assert_written_files_are_safe(out)


@settings(max_examples=40, deadline=None)
@given(value=values)
@example(value="p/../../q")
@example(value="/abs/q")
def test_no_product_name_steers_from_list(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "l3.json"
        status, _, err = _run(
            "from-list", "-o", str(out), "--product-name", value, "a_cal.fits", "b_cal.fits"
        )
        _assert_one_line_refusal(status, err)
        assert _files(Path(folder)) <= {"l3.json"}
        if product_name_problem(value) is not None and status == 0:
            pytest.fail(f"from-list wrote the product name {value!r}")
        if status == 0:
            _assert_written_files_are_safe(Path(folder))


@settings(max_examples=40, deadline=None)
@given(value=values)
@example(value="../../q")
def test_no_rename_steers_edit(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "l3.json"
        asnkit.write(
            asnkit.asn_from_list(["a_cal.fits"], rule="DMS_Level3_Base", product_name="p"), path
        )
        before = path.read_bytes()
        status, _, err = _run("edit", str(path), "--rename-product", "p", value)
        _assert_one_line_refusal(status, err)
        if status != 0:
            assert path.read_bytes() == before
        else:
            _assert_written_files_are_safe(Path(folder))


@settings(max_examples=40, deadline=None)
@given(value=values)
@example(value="../../../gathered_escape.fits")
@example(value="sub/\x1b[2J.fits")
def test_no_member_name_steers_gather(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "in"
        source.mkdir()
        dest = root / "deep" / "er" / "dest"
        document = {
            "asn_type": "image3",
            "asn_rule": "DMS_Level3_Base",
            "products": [
                {
                    "name": "p",
                    "members": [
                        {"expname": "a_cal.fits", "exptype": "science"},
                        {"expname": value, "exptype": "science"},
                    ],
                }
            ],
        }
        (source / "asn.json").write_text(json.dumps(document), encoding="utf-8")
        (source / "a_cal.fits").write_bytes(b"a")
        with contextlib.suppress(OSError, ValueError):
            target = source / value
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"b")
        before = _files(root)
        status, _, err = _run("gather", str(source / "asn.json"), str(dest), "--skip-missing")
        _assert_one_line_refusal(status, err)
        new = _files(root) - before
        assert all(name.startswith("deep") for name in new), sorted(new)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    keyword=st.sampled_from(["PROGRAM", "FILTER", "PUPIL", "DETECTOR", "INSTRUME", "OBSERVTN"]),
    value=st.one_of(
        st.sampled_from(["../../../fits_escape", "/abs/x", "a/b", "..", ".", "a\\b", "f" * 60]),
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
    ),
)
@example(keyword="PROGRAM", value="../../../fits_escape")
def test_no_fits_header_steers_a_write(keyword: str, value: str) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import CASES, COMMON, write_file

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = root / "a" / "b" / "data"
        data.mkdir(parents=True)
        for name, own in CASES["nircam_imaging"]:
            write_file(data / name, {**COMMON, **own, keyword: value})
        out = root / "a" / "b" / "out"
        before = _files(root)

        status, _, err = _run("generate", str(data), "-o", str(out))

        _assert_one_line_refusal(status, err)
        new = _files(root) - before
        assert all(name.startswith("a/b/out") for name in new), sorted(new)
        if status != 0:
            assert not out.exists() or not any(out.iterdir())
            return
        _assert_written_files_are_safe(out)


# -- the reproductions of #21 --------------------------------------------------------------


def test_a_symbolic_link_in_the_output_folder_leading_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (out / "jw87800-o017_image2_00001_asn.json").symlink_to("../victim.txt")

    status, _, err = _run("generate", str(POOL), "-o", str(out))

    assert status == 1
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in out.iterdir()) == ["jw87800-o017_image2_00001_asn.json"]
    assert "a symbolic link to '../victim.txt', outside the folder" in err
    assert err.count("\n") == 1


def test_a_symbolic_link_inside_the_folder_is_written_through(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    (out / "keep" / "real.json").write_text("{}", encoding="utf-8")
    (out / "jw87800-o017_image2_00001_asn.json").symlink_to("keep/real.json")

    status, _, err = _run("generate", str(POOL), "-o", str(out))

    assert status == 0, err
    assert (out / "jw87800-o017_image2_00001_asn.json").is_symlink()
    assert asnkit.validate(out / "keep" / "real.json").valid


@pytest.mark.parametrize("tag", ["../../x", "a/b", "..", "\x1b[2J"])
def test_a_version_id_that_is_no_name_part_is_a_usage_error(tmp_path: Path, tag: str) -> None:
    status, _, err = _run("generate", str(POOL), "-o", str(tmp_path / "out"), "--version-id", tag)
    assert status == 2
    assert f"--version-id {tag!r}" in err
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="version-id"):
        generate_files(read_pool(POOL), version_id=tag)


def test_the_refusal_names_row_column_value_and_rule(tmp_path: Path) -> None:
    pool = tmp_path / "pool.csv"
    pool.write_text(_pool_with("PROGRAM", "x/../../escaped", "all"), encoding="utf-8")
    status, out, err = _run("generate", str(pool), "-o", str(tmp_path / "out"))
    assert status == 1
    assert out == ""
    assert err == (
        "asnkit generate: error: pool.csv: row 10 (jw87800017001_02102_00001_nis_uncal.fits), "
        "PROGRAM 'x/../../escaped' holds a path separator ('/'): a name part names no folder; "
        "it would make the file name 'jwx/../../escaped-o017_spec2_00001_asn.json': fix the "
        "value; nothing written\n"
    )


def test_a_product_name_part_is_refused_with_its_row(tmp_path: Path) -> None:
    pool = tmp_path / "pool.csv"
    pool.write_text(_pool_with("FILTER", "/some/dir/x", "all"), encoding="utf-8")
    status, _, err = _run("generate", str(pool), "-o", str(tmp_path / "out"))
    assert status == 1
    assert "row 1 (jw87800017001_02101_00001_nis_uncal.fits), FILTER '/some/dir/x'" in err
    assert "the product name 'jw87800-o017_t002_niriss_/some/dir/x-f200w'" in err
    assert not (tmp_path / "out").exists()


def test_a_fits_header_cannot_steer_a_write(tmp_path: Path) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import CASES, COMMON, write_case, write_file

    data = tmp_path / "work" / "data"
    data.mkdir(parents=True)
    names = write_case("nircam_imaging", data)
    first = data / names[0]
    first.unlink()
    own = dict(CASES["nircam_imaging"])[names[0]]
    write_file(first, {**COMMON, **own, "PROGRAM": "../../../x"})
    out = tmp_path / "work" / "out"
    before = _files(tmp_path)

    status, _, err = _run("generate", str(data), "-o", str(out))

    assert status == 1
    assert _files(tmp_path) == before
    assert f"{first}, keyword PROGRAM '../../../x' holds a path separator ('/')" in err


def test_generate_from_a_folder_writes_members_that_resolve_from_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from fitscases import write_case

    data = tmp_path / "nircam_imaging"
    data.mkdir()
    names = write_case("nircam_imaging", data)
    out = tmp_path / "asn"
    monkeypatch.chdir(tmp_path)
    status, stdout, err = _run("generate", "nircam_imaging/", "-o", "asn/")
    explained = _run("generate", "nircam_imaging/", "--explain", names[0])
    assert status == 0, err
    assert stdout.startswith(f"{len(names)} FITS files in nircam_imaging/: ")
    assert "pool.csv" not in stdout
    for path in sorted(out.glob("*.json")):
        document = json.loads(path.read_bytes())
        for product in document["products"]:
            assert "/" not in product["name"]
            for member in product["members"]:
                assert member["expname"].startswith("../nircam_imaging/")
        assert asnkit.validate(path).valid
    checked = _run("validate", "--check-files", str(out))
    assert checked[0] == 0, checked[1] + checked[2]
    assert explained[0] == 0, explained[2]
    assert names[0].removesuffix(".fits") in explained[1]
