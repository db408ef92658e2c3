"""The report of a pool and of association files, opened as a user opens it (file://).

What the map must hold is computed here from :func:`asnkit.generate.generate_files`, not
from the page's own data: a cell per (exposure, association), its letters the member's
roles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asnkit.codec.emit import dumps
from asnkit.generate import generate_files, read_pool
from asnkit.report import Page as ReportPage
from asnkit.report import from_files, from_pool, render
from asnkit.report.model import Entry, Exposure, exposure_key

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from asnkit.models import Association
    from browser.conftest import Seen

DATA = Path(__file__).resolve().parent.parent / "data"


def _header(pool: Path) -> list[str]:
    with pool.open(encoding="utf-8") as lines:
        first = next(line for line in lines if not line.startswith("#"))
    return [column.strip().lower() for column in first.split("|")]


POOLS = [  # jwst's test pools that generate reads (one is a table of another kind)
    pool for pool in sorted((DATA / "pools").glob("*.csv")) if "asn_candidate" in _header(pool)
]
POOL = DATA / "pools" / "jw87800_20180412T163456_pool.csv"
CORPUS = DATA / "corpus"
LETTERS = {
    "science": "S",
    "background": "B",
    "imprint": "I",
    "psf": "P",
    "target_acquisition": "T",
    "direct_image": "D",
    "sourcecat": "C",
    "segmap": "G",
    "selfcal": "L",
}


@cache
def _made(pool: Path) -> tuple[tuple[str, Association], ...]:
    return tuple(generate_files(read_pool(pool)))


def _open(page: Page, tmp_path: Path, html: str) -> None:
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("#map .row")


def _pool_page(page: Page, tmp_path: Path, pool: Path = POOL) -> None:
    _open(page, tmp_path, render(from_pool([read_pool(pool)])))


def test_the_map_has_a_cell_per_member_with_its_roles(
    page: tuple[Page, Seen], tmp_path: Path
) -> None:
    opened, _ = page
    _pool_page(opened, tmp_path)
    expected: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, asn in _made(POOL):
        for product in asn.products:
            for member in product.members:
                roles = expected[(exposure_key(member.expname), name)]
                if member.exptype not in roles:
                    roles.append(member.exptype)
    cells = opened.evaluate(
        """() => {
          const files = {};
          for (const b of document.querySelectorAll('.row.head button[data-c]'))
            files[b.dataset.c] = b.title;
          return [...document.querySelectorAll('.row[data-i]')].flatMap((row) =>
            [...row.querySelectorAll('.cell')].map((c) =>
              [row.querySelector('.name').title, files[c.dataset.c], c.textContent]));
        }"""
    )
    got = {(exposure, file): letters for exposure, file, letters in cells}
    assert len(got) == len(cells)
    assert got == {
        key: "".join(LETTERS.get(role, role[:1].upper()) for role in roles)
        for key, roles in expected.items()
    }
    assert opened.locator(".row.head button[data-c]").count() == len(_made(POOL))


def test_a_click_on_a_cell_shows_its_association_as_written(
    page: tuple[Page, Seen], tmp_path: Path
) -> None:
    opened, _ = page
    _pool_page(opened, tmp_path)
    cell = opened.locator(".cell").nth(3)
    file = cell.get_attribute("title").split(": ", 1)[1]  # type: ignore[union-attr]
    cell.click()
    assert opened.locator("#panel h2").text_content() == f"Association {file}"
    assert opened.locator("#panel pre.json").text_content() == dumps(dict(_made(POOL))[file])


def test_a_click_on_an_exposure_shows_why(page: tuple[Page, Seen], tmp_path: Path) -> None:
    opened, _ = page
    report = from_pool([read_pool(POOL)])
    _open(opened, tmp_path, render(report))
    exposure = next(e for e in report.exposures if e.explanation)
    opened.locator(f".name[title='{exposure.name}']").click()
    assert opened.locator("#panel h2").text_content() == f"Exposure {exposure.name}"
    assert opened.locator("#panel ul.why li").all_text_contents() == list(exposure.explanation)
    taken = {
        name
        for name, asn in _made(POOL)
        for p in asn.products
        for m in p.members
        if exposure_key(m.expname) == exposure.name
    }
    listed = opened.locator("#panel ul.in li").all_text_contents()
    assert {line.rsplit(": ", 1)[1] for line in listed} == taken


def test_search_and_filters_hide_the_other_rows(page: tuple[Page, Seen], tmp_path: Path) -> None:
    opened, _ = page
    report = from_pool([read_pool(POOL)])
    _open(opened, tmp_path, render(report))
    total = len(report.exposures)
    text = report.exposures[0].name[:16]
    opened.fill("#search", text.upper())  # case does not matter
    wanted = sum(1 for e in report.exposures if text in e.name)
    assert 0 < wanted < total
    assert opened.locator(".row[data-i]:visible").count() == wanted
    assert opened.locator("#shown").text_content() == f"{wanted} of {total} exposures shown"
    opened.fill("#search", "")
    kind = report.exposures[-1].exp_type
    opened.select_option("#f-type", kind)
    wanted = sum(1 for e in report.exposures if e.exp_type == kind)
    assert opened.locator(".row[data-i]:visible").count() == wanted
    opened.select_option("#f-type", "")
    roles = {role for entry in report.entries for _, role, _ in entry.members}
    role = min(roles - {"science"} or roles)
    opened.select_option("#f-role", role)
    taken = {key for entry in report.entries for key, kind, _ in entry.members if kind == role}
    wanted = sum(1 for e in report.exposures if e.name in taken)
    assert wanted > 0
    assert opened.locator(".row[data-i]:visible").count() == wanted


def test_the_keyboard_reaches_and_opens_each_panel(page: tuple[Page, Seen], tmp_path: Path) -> None:
    opened, _ = page
    _pool_page(opened, tmp_path)
    opened.keyboard.press("/")
    assert opened.evaluate("document.activeElement.id") == "search"
    first = opened.locator(".row[data-i] .name").first
    first.focus()
    opened.keyboard.press("Enter")
    assert opened.locator("#panel").get_attribute("data-kind") == "exposure"
    opened.keyboard.press("Escape")
    first.focus()
    opened.keyboard.press("ArrowRight")
    assert "cell" in (opened.evaluate("document.activeElement.className") or "")
    opened.keyboard.press("Enter")
    assert opened.locator("#panel").get_attribute("data-kind") == "association"
    opened.keyboard.press("Escape")
    assert opened.locator("#panel").get_attribute("data-kind") is None
    assert opened.evaluate("document.activeElement.id") == "search"


@pytest.mark.parametrize("pool", POOLS, ids=[pool.stem for pool in POOLS])
def test_every_pool_gives_a_page_with_a_column_per_association(
    pool: Path, page: tuple[Page, Seen], tmp_path: Path
) -> None:
    opened, _ = page
    _pool_page(opened, tmp_path, pool)
    assert opened.locator(".row.head button[data-c]").count() == len(_made(pool))


def test_the_corpus_gives_a_page_with_a_column_per_association_file(
    page: tuple[Page, Seen], tmp_path: Path
) -> None:
    opened, _ = page
    report = from_files([str(CORPUS)])
    _open(opened, tmp_path, render(report))
    files = {entry.file for entry in report.entries}
    assert len(files) > 100
    titles = opened.locator(".row.head button[data-c]").evaluate_all("bs => bs.map(b => b.title)")
    assert sorted(titles) == sorted(entry.file for entry in report.entries)


def _big() -> ReportPage:
    """A program of 3,000 exposures in 30 observations and 180 associations, built directly.

    Observation ``o`` has a Stage 3 association of its 100 exposures and five Stage 2 ones
    of 20 each (the first member science, the others background).
    """
    exposures, entries = [], []
    for o in range(1, 31):
        names = [f"jw01234{o:03d}001_01101_{n:05d}_nrca1" for n in range(1, 101)]
        exposures += [
            Exposure(name, "nrc_image", f"{o:03d}", "001", (f"taken by o{o:03d}", f"{name} seen"))
            for name in names
        ]
        for part in range(5):
            members = [
                (n, "science" if k == 0 else "background", f"{n}_cal.fits")
                for k, n in enumerate(names[part * 20 : part * 20 + 20])
            ]
            entries.append(_entry(f"o{o:03d}_image2_{part}_asn.json", "image2", "2", members))
        entries.append(
            _entry(
                f"o{o:03d}_image3_asn.json",
                "image3",
                "3",
                [(n, "science", f"{n}_cal.fits") for n in names],
            )
        )
    entries.sort(key=lambda e: (e.stage, e.asn_type, e.file))
    return ReportPage("big", ("01234",), tuple(exposures), tuple(entries), (), ())


def _entry(file: str, kind: str, stage: str, members: list[tuple[str, str, str]]) -> Entry:
    text = json.dumps({"asn_type": kind, "members": [m[2] for m in members]}, indent=4) + "\n"
    return Entry(file, kind, stage, f"Asn_Lv{stage}", (file,), tuple(members), text)


def _drawn(page: Page) -> list[str]:
    titles: list[str] = page.locator(".row[data-i] .name").evaluate_all(
        "ns => ns.map(n => n.title)"
    )
    return titles


def test_a_big_page_draws_the_rows_in_view_and_a_searched_one(
    page: tuple[Page, Seen], tmp_path: Path
) -> None:
    opened, _ = page
    report = _big()
    _open(opened, tmp_path, render(report, compress=True))
    assert opened.locator("#shown").text_content() == "3000 of 3000 exposures shown"
    drawn = _drawn(opened)
    assert 0 < len(drawn) < 100  # not the 3,000 rows
    assert drawn == [e.name for e in report.exposures[: len(drawn)]]
    far = report.exposures[2876]
    assert far.name not in drawn
    opened.fill("#search", far.name)
    assert _drawn(opened) == [far.name]
    cells = opened.locator(f".row[data-i]:has(.name[title='{far.name}']) .cell")
    wanted = [e for e in report.entries if any(m[0] == far.name for m in e.members)]
    assert cells.count() == len(wanted) == 2
    cells.first.click()
    file = cells.first.get_attribute("title").split(": ", 1)[1]  # type: ignore[union-attr]
    assert opened.locator("#panel h2").text_content() == f"Association {file}"
    entry = next(e for e in wanted if e.file == file)
    assert opened.locator("#panel pre.json").text_content() == entry.text
    opened.locator(f".name[title='{far.name}']").click()
    assert opened.locator("#panel ul.why li").all_text_contents() == list(far.explanation)


def test_a_big_page_draws_the_rows_scrolled_to_with_their_cells(
    page: tuple[Page, Seen], tmp_path: Path
) -> None:
    opened, _ = page
    report = _big()
    _open(opened, tmp_path, render(report, compress=True))
    opened.evaluate(
        "() => { const m = document.getElementById('map'); m.scrollTop = m.scrollHeight; }"
    )
    last = report.exposures[-1].name
    opened.locator(f".name[title='{last}']").wait_for(state="visible")
    drawn = _drawn(opened)
    assert 0 < len(drawn) < 100
    assert report.exposures[0].name not in drawn
    files = {str(j): e.file for j, e in enumerate(report.entries)}
    got = opened.evaluate(
        """() => [...document.querySelectorAll('.row[data-i]')].flatMap((row) =>
             [...row.querySelectorAll('.cell')].map((c) =>
               [row.querySelector('.name').title, c.dataset.c, c.textContent]))"""
    )
    expected = {
        (key, entry.file, LETTERS[role])
        for entry in report.entries
        for key, role, _ in entry.members
        if key in drawn
    }
    assert {(name, files[c], letters) for name, c, letters in got} == expected


def test_the_arrow_keys_go_past_the_rows_drawn(page: tuple[Page, Seen], tmp_path: Path) -> None:
    opened, _ = page
    report = _big()
    _open(opened, tmp_path, render(report))
    opened.locator(".row[data-i] .name").first.focus()
    steps = len(_drawn(opened)) + 40
    for _ in range(steps):
        opened.keyboard.press("ArrowDown")
    assert opened.evaluate("document.activeElement.title") == report.exposures[steps].name
    assert opened.evaluate("document.getElementById('map').scrollTop") > 0
    opened.keyboard.press("Enter")
    assert opened.locator("#panel h2").text_content() == f"Exposure {report.exposures[steps].name}"
    opened.locator(f".name[title='{report.exposures[steps].name}']").focus()  # from the panel
    for _ in range(steps):
        opened.keyboard.press("ArrowUp")
    assert opened.evaluate("document.activeElement.title") == report.exposures[0].name
