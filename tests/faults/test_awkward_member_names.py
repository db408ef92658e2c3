"""Member names with any character: written faithfully and valid, or refused in one line.

Whatever names ``asn_from_list`` is given (spaces, quotes, control characters, non-ASCII,
lone surrogates from the file system, empty), it either writes a file that ``asnkit
validate`` accepts and that holds exactly those names, or refuses in one line and writes
nothing. It never writes what its own ``validate`` rejects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asnkit import load, validate
from asnkit.cli.asn_from_list import run

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

AWKWARD = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]) | st.sampled_from(" \t\n\r\"'\\[]*?#$;&|<>`"),
    max_size=12,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(AWKWARD, min_size=1, max_size=4, unique=True))
def test_any_member_names_are_written_faithfully_or_refused(
    names: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "asn.json"
    out.unlink(missing_ok=True)
    capsys.readouterr()
    # "--" so that a name starting with "-" is a name; no glob expansion applies to
    # positional names (the shell's job), only to role flags and lists.
    status = run(["-o", str(out), "--product-name", "p", "--", *names])
    err = capsys.readouterr().err
    if status == 0:
        assert validate(out).valid, validate(out).errors
        assert [m.expname for m in load(out).products[0].members] == names
    else:
        assert status == 1, err
        assert err.count("\n") == 1, err
        assert err.startswith("asn_from_list: error: ")
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["asn.json"])


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# After --add, a word that starts with "-" is an option (``--add -h`` prints the help, as any
# command does); such a file is added as ./-name.
@given(
    names=st.lists(
        AWKWARD.filter(lambda name: not name.startswith("-")), min_size=1, max_size=3, unique=True
    )
)
def test_any_names_added_by_edit_are_written_faithfully_or_refused(
    names: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from asnkit import asn_from_list, write
    from asnkit.cli import run as asnkit

    path = tmp_path / "asn.json"
    write(asn_from_list(["a_cal.fits"], product_name="p"), path)
    before = path.read_bytes()
    capsys.readouterr()
    status = asnkit(["edit", str(path), "--add", *names])
    err = capsys.readouterr().err
    if status == 0:
        assert validate(path).valid, validate(path).errors
        members = [m.expname for m in load(path).products[0].members]
        assert members[0] == "a_cal.fits"
        assert len(members) == 1 + len(names)
    else:
        assert status in (1, 2), err
        assert err.count("\n") == 1, err
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["asn.json"]
