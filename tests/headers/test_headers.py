"""Header-aware creation as a view of the generate engine: which association, and refusals.

The files are small FITS files; what they make is the engine's, so these tests check the
choice among the engine's associations (exact, merged at Stage 2, refused), the caller's
overrides, the names as given, and the reading of headers.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from requires import ASTROPY_MISSING

from asnkit.exceptions import AsnkitError, HeaderError
from asnkit.headers import association_from_headers, engine_view, read_primary_header

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from fitscases import HeaderValue

    from asnkit.models import Association

NIRCAM_IMAGE: dict[str, HeaderValue] = {
    "PROGRAM": "01234",
    "OBSERVTN": "001",
    "TARGNAME": "NGC 1234",
    "INSTRUME": "NIRCAM",
    "DETECTOR": "NRCA1",
    "EXP_TYPE": "NRC_IMAGE",
    "FILTER": "F200W",
    "PUPIL": "CLEAR",
    "SUBARRAY": "FULL",
    "TSOVISIT": False,
}


def test_headers_error_is_an_asnkit_error() -> None:
    assert issubclass(HeaderError, AsnkitError)


def test_without_astropy_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "astropy", None)
    monkeypatch.setitem(sys.modules, "astropy.io", None)
    with pytest.raises(HeaderError, match=r"a.fits: .*pip install 'asnkit\[fits\]'"):
        read_primary_header("a.fits")
    with pytest.raises(HeaderError, match=r"a.fits: .*pip install 'asnkit\[fits\]'"):
        association_from_headers(["a.fits"], stage="level3")


def test_no_files() -> None:
    with pytest.raises(HeaderError, match=r"^\(no files\): no files were given$"):
        engine_view([], stage="level3")


class TestFiles:
    """Real files (astropy needed)."""

    @pytest.fixture(autouse=True)
    def _astropy(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        pytest.importorskip("astropy", reason=ASTROPY_MISSING)
        monkeypatch.chdir(tmp_path)

    @staticmethod
    def write(name: str, **changes: HeaderValue) -> str:
        from pathlib import Path

        from fitscases import write_file

        Path(name).parent.mkdir(parents=True, exist_ok=True)
        write_file(Path(name), {**NIRCAM_IMAGE, **changes})
        return name

    @staticmethod
    def members(asn: Association) -> list[list[tuple[str, str]]]:
        return [[(m.expname, m.exptype) for m in p.members] for p in asn.products]

    def test_only_the_keywords_used_are_returned(self) -> None:
        path = self.write("a_cal.fits", DATE="2026-01-01")
        assert read_primary_header(path) == NIRCAM_IMAGE

    def test_only_the_values_asked_for_are_parsed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from astropy.io import fits

        path = self.write("a_cal.fits", DATE="2026-01-01", PAD00001=15, PAD00002="x")
        parsed: list[str] = []
        value = fits.Card.value

        def counting(card: fits.Card) -> object:
            parsed.append(card.keyword)
            return value.fget(card)  # type: ignore[attr-defined]

        monkeypatch.setattr(fits.Card, "value", property(counting))
        assert read_primary_header(path, ("FILTER", "DATE", "NOPE")) == {
            "FILTER": "F200W",
            "DATE": "2026-01-01",
        }
        # astropy itself reads the structure (SIMPLE, BITPIX, NAXIS...); of the others,
        # only the values asked for are parsed.
        others = {"PAD00001", "PAD00002", *NIRCAM_IMAGE, "DATE"}
        assert [keyword for keyword in parsed if keyword in others] == ["FILTER", "DATE"]
        parsed.clear()
        every = read_primary_header(path, None)
        assert {"SIMPLE", *others} <= set(every)
        assert (every["PAD00001"], every["PAD00002"]) == (15, "x")
        assert others <= set(parsed)

    def test_the_pool_for_generating_has_the_columns_the_engine_reads(self) -> None:
        from asnkit.generate.fits import header_keywords, pool_from_files, pool_table
        from asnkit.generate.reads import columns_read

        path = self.write("a_cal.fits", DATE="2026-01-01", PATTTYPE="NONE")
        columns = set(pool_from_files([path]).columns)
        assert {"patttype", "exp_type", "filename", "asn_candidate"} <= columns
        assert "date" not in columns
        assert columns <= columns_read() | {keyword.lower() for keyword in header_keywords()}
        written, rows = pool_table([path])
        assert {"date", "patttype", "simple"} <= set(written)
        assert rows[0]["date"] == "2026-01-01"

    def test_a_file_that_is_not_fits_is_refused_with_its_name(self, tmp_path: Path) -> None:
        path = tmp_path / "notes_cal.fits"
        path.write_text("not a FITS file\n")
        with pytest.raises(HeaderError) as caught:
            association_from_headers([str(path)], stage="level3")
        text = str(caught.value)
        assert text.startswith(f"{path}: not a FITS file (")
        assert "\n" not in text

    def test_a_missing_file_and_a_directory(self, tmp_path: Path) -> None:
        with pytest.raises(HeaderError, match=r"nope.fits: no such file"):
            read_primary_header(str(tmp_path / "nope.fits"))
        with pytest.raises(HeaderError, match=r"is a directory, not a FITS file"):
            read_primary_header(str(tmp_path))

    def test_the_association_whose_members_are_the_files(self) -> None:
        files = [self.write(f"jw01234001001_01101_0000{n}_nrca1_cal.fits") for n in (1, 2, 3)]
        asn = association_from_headers(files, stage="level3")
        assert asn.asn_rule == "candidate_Asn_Lv3Image"
        assert (asn.asn_type, asn.asn_id, asn.target, asn.asn_pool) == (
            "image3",
            "o001",
            "t001",
            "none",
        )
        assert asn.products[0].name == "jw01234-o001_t001_nircam_clear-f200w"
        assert self.members(asn) == [[(name, "science") for name in files]]
        # Two of them: the association of those two (the pool holds only the files given).
        two = association_from_headers(files[1:], stage="level3")
        assert self.members(two) == [[(name, "science") for name in files[1:]]]

    def test_stage2_products_of_every_association_merged_in_the_order_generated(self) -> None:
        files = [self.write(f"jw01234001001_01101_0000{n}_nrca1_rate.fits") for n in (2, 1)]
        view = engine_view(files, stage="level2b")
        assert [made.name for made in view.associations] == [
            "jw01234-o001_image2_00001_asn.json",
            "jw01234-o001_image2_00002_asn.json",
        ]
        asn = association_from_headers(files, stage="level2b")
        assert asn.asn_rule == "candidate_Asn_Lv2Image"
        assert [p.name for p in asn.products] == [
            made.document.products[0].name for made in view.associations
        ]
        assert sorted(m for p in self.members(asn) for m in p) == sorted(
            (name, "science") for name in files
        )

    def test_a_file_no_association_takes_is_refused_in_one_line_with_why(self) -> None:
        science = self.write("jw01234001001_01101_00001_nrca1_cal.fits")
        acquisition = self.write("jw01234001001_02101_00001_nrca1_cal.fits", EXP_TYPE="NRC_TACQ")
        with pytest.raises(HeaderError) as caught:
            association_from_headers([acquisition, science], stage="level3")
        assert str(caught.value) == (
            f"{acquisition}: no Stage 3 association takes it (Asn_Lv3Image: exp_type: "
            "EXP_TYPE=nrc_tacq, needs nrc_image|mir_image|nis_image|fgs_image|nrs_mimf); "
            "leave it out, or --force"
        )
        warned: list[str] = []
        asn = association_from_headers(
            [acquisition, science], stage="level3", force=True, warn=warned.append
        )
        assert self.members(asn) == [[(science, "science")]]
        assert warned == [
            "--force: 1 file(s) left out, not in the Stage 3 association "
            f"jw01234-o001_image3_00001_asn.json: {acquisition}"
        ]

    def test_files_of_two_observations_make_the_discovered_association(self) -> None:
        first = [self.write(f"jw01234001001_01101_0000{n}_nrca1_cal.fits") for n in (1, 2)]
        other = self.write("jw01234002001_01101_00001_nrca1_cal.fits", OBSERVTN="002")
        asn = association_from_headers([*first, other], stage="level3")
        assert (asn.asn_id, asn.asn_rule) == ("a3001", "discover_Asn_Lv3Image")
        assert asn.products[0].name == "jw01234-a3001_t001_nircam_clear-f200w"

    def test_files_of_two_associations_are_refused_unless_forced(self) -> None:
        first = [self.write(f"jw01234001001_01101_0000{n}_nrca1_cal.fits") for n in (1, 2)]
        other = self.write(
            "jw01234002001_01101_00001_nrca1_cal.fits", OBSERVTN="002", FILTER="F150W"
        )
        with pytest.raises(HeaderError) as caught:
            association_from_headers([*first, other], stage="level3")
        assert str(caught.value) == (
            f"{first[0]}, {first[1]}, {other}: the files make 2 Stage 3 associations, none "
            f"takes them all (jw01234-o002_image3_00001_asn.json of {other}; "
            f"jw01234-o001_image3_00001_asn.json of {first[0]}, {first[1]}); "
            "give the files of one, or --force"
        )
        warned: list[str] = []
        asn = association_from_headers(
            [*first, other], stage="level3", force=True, warn=warned.append
        )
        assert asn.asn_id == "o001"
        assert warned == [
            "--force: 1 file(s) left out, not in the Stage 3 association "
            f"jw01234-o001_image3_00001_asn.json: {other}"
        ]

    def test_stage2_associations_of_two_types_are_refused(self, tmp_path: Path) -> None:
        from fitscases import write_case

        names = write_case("nirspec_ifu_imprint_background", tmp_path)
        with pytest.raises(HeaderError) as caught:
            association_from_headers(names, stage="level2b")
        acquisition, *spec = names
        assert str(caught.value) == (
            f"{acquisition}, {spec[0]}, {spec[1]}, ... (3 more): the files make 2 Stage 2b "
            f"associations, none takes them all (spec2 (o001) of {spec[4]}, {spec[3]}, ... "
            f"(3 more); image2 (o001) of {acquisition}); give the files of one, or --force"
        )

    def test_no_association_at_all(self) -> None:
        dark = self.write("jw01234001001_01101_00001_nrca1_dark.fits", EXP_TYPE="NRC_DARK")
        with pytest.raises(HeaderError) as caught:
            association_from_headers([dark], stage="level3")
        assert str(caught.value) == (
            f"{dark}: the files make no Stage 3 association ({dark}: no rule of the stage "
            "takes EXP_TYPE=NRC_DARK)"
        )

    def test_a_keyword_the_rules_need_is_missing(self) -> None:
        name = self.write("a_cal.fits")
        from pathlib import Path

        from fitscases import write_file

        Path(name).unlink()
        write_file(Path(name), {k: v for k, v in NIRCAM_IMAGE.items() if k != "OBSERVTN"})
        with pytest.raises(HeaderError, match=r"^a_cal.fits: no OBSERVTN keyword"):
            association_from_headers([name], stage="level3")

    def test_names_are_kept_as_given(self) -> None:
        given = [self.write(f"Data/jw01234001001_01101_0000{n}_nrca1_uncal.fits") for n in (1, 2)]
        asn = association_from_headers(given, stage="level3")
        assert [m.expname for m in asn.products[0].members] == [
            name.replace("_uncal", "_cal") for name in given
        ]
        stage2 = association_from_headers(given, stage="level2b")
        assert sorted(p.members[0].expname for p in stage2.products) == [
            name.replace("_uncal", "_rate") for name in given
        ]

    def test_what_the_caller_gives_wins(self) -> None:
        science = self.write("a_cal.fits")
        other = self.write("b_cal.fits", IS_PSF=True)
        asn = association_from_headers(
            [science, other],
            stage="level3",
            explicit_roles={other: "background"},
            product_name="mine",
            acid="o042",
            meta={"asn_type": "image3", "program": "99999"},
        )
        assert asn.products[0].name == "mine"
        assert asn.asn_id == "o042"
        assert (asn.program, asn.target, asn.asn_type) == ("99999", "t001", "image3")
        assert self.members(asn) == [[(science, "science"), (other, "background")]]

    def test_every_file_given_a_role(self) -> None:
        other = self.write("b_cal.fits")
        with pytest.raises(HeaderError, match="every file was given a role"):
            association_from_headers([other], stage="level3", explicit_roles={other: "psf"})

    def test_the_engine_view_says_why_per_file(self) -> None:
        science = self.write("jw01234001001_01101_00001_nrca1_cal.fits")
        dark = self.write("jw01234001001_01101_00002_nrca1_cal.fits", EXP_TYPE="NRC_DARK")
        view = engine_view([science, dark], stage="level3")
        taken = {file.path: [(t.asn_rule, t.role) for t in file.taken] for file in view.files}
        assert taken == {science: [("candidate_Asn_Lv3Image", "science")], dark: []}
        assert view.why_not(view.files[0]) is None
        # The rule of the association the others make says why it did not take it.
        assert view.why_not(view.files[1]) == (
            "Asn_Lv3Image: exp_type: EXP_TYPE=nrc_dark, needs "
            "nrc_image|mir_image|nis_image|fgs_image|nrs_mimf"
        )


@pytest.mark.parametrize(
    ("flags", "cells"),
    [
        ({"TSOVISIT": True, "IS_PSF": False}, {"tsovisit": "t", "is_psf": "f", "is_imprt": "f"}),
        ({"IS_IMPRT": True, "BKGDTARG": False}, {"is_imprt": "t", "bkgdtarg": "f"}),
        ({"IS_IMPRT": "T"}, {"is_imprt": "t"}),
    ],
)
def test_the_pool_has_the_flags_as_a_dms_pool_has_them(
    flags: Mapping[str, HeaderValue],
    cells: Mapping[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("astropy", reason=ASTROPY_MISSING)
    from pathlib import Path

    from fitscases import write_file

    from asnkit.generate.fits import pool_from_files

    monkeypatch.chdir(tmp_path)
    write_file(Path("a_cal.fits"), {**NIRCAM_IMAGE, **flags})
    row = pool_from_files(["a_cal.fits"]).rows[0]
    assert {key: row[key] for key in cells} == cells
