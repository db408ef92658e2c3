"""``asnkit report``: the page's data, its HTML (escaped, the same bytes each time), the command.

What the page does in a browser is tested in tests/browser/.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import attrs
import pytest
from cli.clirun import in_process

from asnkit import Association, Member, Product, write
from asnkit.generate import generate_files, read_pool
from asnkit.report import from_files, from_pool, render
from asnkit.report.html import COMPRESS_ABOVE, embedded_json
from asnkit.report.model import Page, exposure_key

POOLS = Path(__file__).resolve().parent.parent / "data" / "pools"
POOL = POOLS / "jw87800_20180412T163456_pool.csv"
HOSTILE = "</script><img src=x onerror=alert(1)>&amp;\u2028<!--"


def _data(html: str) -> object:
    """The data a page embeds, decoded here (as JSON, or gzip'd in base64)."""
    found = re.search(r"<script type='([\w/-]+)' id='data'([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert found is not None
    kind, attributes, content = found.groups()
    if kind == "application/json":
        assert attributes == ""
        return json.loads(content)
    assert (kind, attributes) == ("application/octet-stream", " data-encoding='gzip+base64'")
    return json.loads(gzip.decompress(base64.b64decode(content, validate=True)).decode("utf-8"))


def test_exposure_key() -> None:
    assert exposure_key("data/jw01234001001_01101_00001_nrca1_uncal.fits") == (
        "jw01234001001_01101_00001_nrca1"
    )
    assert exposure_key("jw01234001001_01101_00001_nrca1_cal.fits") == (
        "jw01234001001_01101_00001_nrca1"
    )
    assert exposure_key("plain.fits") == "plain"


def test_a_pool_gives_what_generate_makes() -> None:
    pool = read_pool(POOL)
    made = generate_files(pool)
    page = from_pool([pool])
    assert sorted(e.file for e in page.entries) == sorted(name for name, _ in made)
    assert page.programs == ("87800",)
    expected = {
        (name, exposure_key(m.expname), m.exptype)
        for name, asn in made
        for p in asn.products
        for m in p.members
    }
    got = {(e.file, key, role) for e in page.entries for key, role, _ in e.members}
    assert got == expected
    stages = [e.stage for e in page.entries]
    assert stages == sorted(stages)  # Stage 2 first
    assert set(stages) == {"2", "3"}
    row = next(e for e in page.exposures if e.name == "jw87800017001_02101_00001_nis")
    assert row.exp_type == "nis_image"
    assert (row.observation, row.visit) == ("017", "001")
    assert any(line.startswith("taken by jw87800-o017_image2_") for line in row.explanation)
    assert any(": " in line and not line.startswith("taken by") for line in row.explanation)
    # the product names used by several associations: the spec2 ones' direct images share none
    assert all(len(users) > 1 for _, users in page.shared)


def test_files_keep_their_text_and_shared_names(tmp_path: Path) -> None:
    members = (Member("jw01234001001_01101_00001_nrca1_cal.fits"),)
    for n in (1, 2):
        write(
            Association((Product(members, name="same"),), asn_rule="DMS_Level3_Base"),
            tmp_path / f"a{n}_asn.json",
        )
    text = (tmp_path / "a1_asn.json").read_text(encoding="utf-8")
    (tmp_path / "a1_asn.json").write_text(text.replace("{\n", "{\n\n", 1), encoding="utf-8")
    (tmp_path / "broken_asn.json").write_text("{", encoding="utf-8")
    page = from_files([str(tmp_path)])
    assert [Path(e.file).name for e in page.entries] == ["a1_asn.json", "a2_asn.json"]
    assert page.entries[0].text == (tmp_path / "a1_asn.json").read_text(encoding="utf-8")
    assert page.shared == (("same", tuple(e.file for e in page.entries)),)
    assert page.findings[0][1] == "error"
    assert Path(page.findings[0][0]).name == "broken_asn.json"
    assert [(e.observation, e.visit) for e in page.exposures] == [("001", "001")]


def test_a_folder_is_searched_to_any_depth_as_validate_searches_it(tmp_path: Path) -> None:
    members = (Member("jw01234001001_01101_00001_nrca1_cal.fits"),)
    asn = Association((Product(members, name="p"),), asn_rule="DMS_Level3_Base")
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    for where in ("b/deeper/x_asn.json", "a/y_asn.json", "z_asn.json"):
        write(asn, tmp_path / where)
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # not followed
    found = [
        Path(e.file).relative_to(tmp_path).as_posix() for e in from_files([str(tmp_path)]).entries
    ]
    assert found == ["a/y_asn.json", "b/deeper/x_asn.json", "z_asn.json"]


def _hostile(tmp_path: Path) -> Page:
    member = Member(HOSTILE + ".fits", HOSTILE)
    asn = Association(
        (Product((member,), name=HOSTILE),), asn_rule="DMS_Level3_Base", program=HOSTILE
    )
    write(asn, tmp_path / "h_asn.json")
    write(asn, tmp_path / "i_asn.json")
    return from_files([str(tmp_path)])


def test_no_value_escapes_into_the_html(tmp_path: Path) -> None:
    page = _hostile(tmp_path)
    html = render(page)
    assert "<img" not in html
    assert "<!--" not in html
    assert html.count("</script>") == 2  # the data's and the script's own
    raw = html.partition("id='data'>")[2].partition("</script>")[0]
    assert "\u2028" not in raw  # a line separator ends a line in older scripts
    assert "<" not in raw
    data = _data(html)
    assert isinstance(data, dict)
    assert data["entries"][0]["products"] == [HOSTILE]
    assert data["entries"][0]["members"][0][1] == HOSTILE
    assert "&lt;/script&gt;&lt;img" in html  # the summary shows it, escaped


@pytest.mark.parametrize("compress", [False, True])
def test_the_embedded_data_round_trips(tmp_path: Path, compress: bool) -> None:
    for page in (from_pool([read_pool(POOL)]), _hostile(tmp_path)):
        html = render(page, compress=compress)
        assert ("data-encoding='gzip+base64'" in html) is compress
        assert _data(html) == json.loads(json.dumps(page.as_json()))
        assert render(page, compress=compress) == html  # no time in the gzip header


def test_a_big_page_is_compressed_a_small_one_not() -> None:
    page = from_pool([read_pool(POOL)])
    assert "data-encoding" not in render(page)
    entry = page.entries[0]
    repeated = tuple(
        attrs.evolve(entry, file=f"{n}_asn.json")
        for n in range(COMPRESS_ABOVE // len(entry.text) + 1)
    )
    big = attrs.evolve(page, entries=page.entries + repeated)
    html = render(big)
    assert "data-encoding='gzip+base64'" in html
    assert len(html) < COMPRESS_ABOVE / 10
    assert _data(html) == json.loads(json.dumps(big.as_json()))


def test_embedded_json_is_json() -> None:
    value = {"a": ["</script>", "&", "\u2029"]}
    text = embedded_json(value)
    assert "<" not in text
    assert json.loads(text) == value


def test_the_same_input_gives_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert in_process(capsys, "report", str(POOL), "-o", str(out / "a.html")).status == 0
    assert in_process(capsys, "report", str(POOL), "-o", str(out / "b.html")).status == 0
    first = (out / "a.html").read_bytes()
    assert first == (out / "b.html").read_bytes()
    assert b"http://" not in first
    assert b"https://" not in first
    assert b"src=" not in first.replace(b"img-src", b"")


def test_the_command_refuses_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = in_process(
        capsys, "report", str(tmp_path / "none.csv"), "-o", str(tmp_path / "r.html")
    )
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert result.err.startswith("asnkit report: error: ")
    asn = tmp_path / "a_asn.json"
    write(Association((Product((Member("a_cal.fits"),), name="p"),)), asn)
    mixed = in_process(capsys, "report", str(POOL), str(asn), "-o", str(tmp_path / "r.html"))
    assert mixed.status == 2
    assert mixed.err.count("\n") == 1
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("name", ["..", "bad\nname.html"])
def test_the_output_is_a_plain_file_name(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = in_process(capsys, "report", str(POOL), "-o", str(tmp_path / name))
    assert result.status == 2
    assert result.err.count("\n") == 1
