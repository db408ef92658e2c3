"""The ``asnkit validate`` command: output, exit status, paths, and hostile input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING, TypeAlias

import pytest

from asnkit.cli import run
from asnkit.cli.validate import expand_paths
from cli.clirun import Result, in_process, on_a_terminal, script

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

GOOD = json.dumps(
    {
        "asn_type": "image3",
        "asn_rule": "DMS_Level3_Base",
        "products": [{"name": "l3", "members": [{"expname": "a_cal.fits", "exptype": "science"}]}],
    },
    indent=4,
)
# Its own product name: two files making "l3" of other members are a finding of their own.
WARNED = GOOD.replace('"a_cal.fits"', '"a_rate.fits"').replace('"l3"', '"l3_rate"')
INVALID = GOOD.replace('"science"', '"background"')


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


Invoke: TypeAlias = "Callable[..., Result]"


@pytest.fixture
def invoke(capsys: pytest.CaptureFixture[str]) -> Invoke:
    """``asnkit validate ARGS...`` in this process."""
    return lambda *args: in_process(capsys, "validate", *args)


def test_text_output_and_summary(invoke: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"good.json": GOOD, "warned.json": WARNED, "invalid.json": INVALID})
    code, out, err = invoke(str(tmp_path))
    assert code == 1
    assert err == ""
    assert out.splitlines() == [
        f"{tmp_path / 'invalid.json'}:/products/0/members: error: "
        "a Stage 3 product needs a science member; it has none",
        f"{tmp_path / 'warned.json'}:/products/0/members/0/expname: warning: "
        "a science member with suffix '_rate' in a Stage 3 association: Stage 3 combines "
        "calibrated (_cal, _calints, ...) files",
        "3 files: 2 valid, 1 invalid, 1 with warnings",
    ]


def test_all_valid_exits_0_and_strict_turns_warnings_into_errors(
    invoke: Invoke, tmp_path: Path
) -> None:
    write(tmp_path, {"good.json": GOOD, "warned.json": WARNED})
    assert invoke(str(tmp_path))[0] == 0
    code, out, _ = invoke("--strict", str(tmp_path))
    assert code == 1
    where = f"{tmp_path / 'warned.json'}:/products/0/members/0/expname"
    assert f"{where}: error: a science member" in out
    assert out.endswith("2 files: 1 valid, 1 invalid, 1 with warnings\n")


def test_a_document_level_error_has_an_empty_pointer(invoke: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"bad.json": GOOD[:-3]})
    code, out, _ = invoke(str(tmp_path / "bad.json"))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{tmp_path / 'bad.json'}:: error: not valid JSON (line 14, column 5): "
        "the file ends before the document does (truncated?)"
    )
    assert out.splitlines()[1] == "1 file: 0 valid, 1 invalid, 0 with warnings"


def test_json_format(invoke: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"a.json": GOOD, "b.json": '{"products": [],}'})
    code, out, _ = invoke("--format", "json", str(tmp_path))
    assert code == 1
    assert json.loads(out) == {
        "files": [
            {"file": str(tmp_path / "a.json"), "valid": True, "stage": "level3", "findings": []},
            {
                "file": str(tmp_path / "b.json"),
                "valid": False,
                "stage": None,
                "findings": [
                    {
                        "severity": "error",
                        "pointer": "",
                        "message": "not valid JSON (line 1, column 16): trailing comma: "
                        "JSON allows no comma before a closing '}' or ']'; remove it",
                        "line": 1,
                        "column": 16,
                    }
                ],
            },
        ],
        "summary": {"files": 2, "valid": 1, "invalid": 1, "with_warnings": 0},
    }


def test_rule_option(invoke: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"a.json": GOOD})
    assert invoke("--rule", "DMS_Level3_Base", str(tmp_path))[0] == 0
    code, out, _ = invoke("--rule", "level2b", str(tmp_path))
    assert code == 0  # one product with one science member is a good Stage 2b product too
    assert "1 valid" in out


def test_check_files_option(invoke: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"a.json": GOOD})
    assert invoke(str(tmp_path))[0] == 0
    code, out, _ = invoke("--check-files", str(tmp_path))
    assert code == 1
    assert "/products/0/members/0/expname: error: member file not found" in out
    (tmp_path / "a_cal.fits").write_bytes(b"")
    assert invoke("--check-files", str(tmp_path))[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "missing argument 'PATH'"),
        (("--rule", "Level9", "x.json"), "invalid value for '--rule': 'Level9' is not one of"),
        (("--format", "yaml", "x.json"), "invalid value for '--format': 'yaml' is not one of"),
        (("missing.json",), "no such file or directory: 'missing.json'"),
        (("nothing*.json",), "no file matches 'nothing*.json'"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    invoke: Invoke,
    args: tuple[str, ...],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert err.startswith(f"asnkit validate: error: {message}")
    assert err.count("\n") == 1


def test_paths_directories_and_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "b.json": GOOD,
            "a.json": GOOD,
            "notes.txt": "x",
            "sub/c.JSON": GOOD,
            "sub/deeper/d.json": GOOD,
        },
    )
    (tmp_path / "link").symlink_to(tmp_path / "sub")
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["."]) == ["./a.json", "./b.json", "./sub/c.JSON", "./sub/deeper/d.json"]
    assert expand_paths(["b.json", "*.json", "sub"]) == [
        "b.json",
        "a.json",
        "sub/c.JSON",
        "sub/deeper/d.json",
    ]
    # Neither a pattern's ** nor a directory search goes through a link to a folder.
    assert expand_paths(["**/d.json"]) == ["sub/deeper/d.json"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {f"f{i:03d}.json": GOOD for i in range(250)})
    assert run(["validate", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == "250 files: 250 valid, 0 invalid, 0 with warnings\n"


# -- hostile input: each is one finding, nothing crashes, the other files are still checked

HOSTILE: dict[str, str | bytes] = {
    "nesting.json": b"[" * 200_000,
    "nesting_objects.json": b'{"a":' * 200_000,
    "float.json": b'{"products": [], "x": 1e999}',
    "integer.json": b'{"x": ' + b"1" * 5001 + b"}",
    "binary.json": bytes(range(256)) * 4,
    "utf16.json": GOOD.encode("utf-16"),
    "bom.json": b"\xef\xbb\xbf" + GOOD.encode(),
    "truncated.json": GOOD.encode()[:60],
    "duplicate.json": GOOD.replace(
        '"asn_type": "image3",', '"asn_type": "image3", "asn_type": "x",'
    ),
    "nan.json": GOOD.replace('"a_cal.fits"', "NaN"),
    "empty.json": b"",
    "unrelated/package.json": '{"name": "x", "version": "1.0", "dependencies": {}}',
    "unrelated/list.json": "[1, 2, 3]",
    "unrelated/string.json": '"just text"',
    "unrelated/tsconfig.json": '{"compilerOptions": {"strict": true}, "include": ["src"]}',
}
EXPECTED_WORDS = {
    "nesting.json": "nested deeper than 500 levels",
    "nesting_objects.json": "nested deeper than 500 levels",
    "float.json": "too large for a double",
    "integer.json": "5,001 digits",
    "binary.json": "binary file",
    "utf16.json": "UTF-16",
    "bom.json": "byte-order mark",
    "truncated.json": "truncated",
    "duplicate.json": "duplicate key 'asn_type'",
    "nan.json": "NaN is not a JSON value",
    "empty.json": "empty file",
    "unrelated/package.json": "no 'products' key",
    "unrelated/list.json": "an association is a JSON object, not an array",
    "unrelated/string.json": "an association is a JSON object, not a string",
    "unrelated/tsconfig.json": "no 'products' key",
    "huge.json": "file too large: 104,857,601 bytes",
    "dir.json": "cannot read the file: Is a directory",
}


def test_hostile_input(tmp_path: Path) -> None:
    write(tmp_path, {**HOSTILE, "zz_good.json": GOOD})
    with (tmp_path / "huge.json").open("wb") as stream:  # 100 MB + 1 byte, sparse
        stream.truncate(100 * 1024 * 1024 + 1)
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "dir.json" / "inside.json").write_text(GOOD)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from asnkit.cli import main; main()",
            "validate",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    by_file: dict[str, list[str]] = {}
    for line in lines[:-1]:
        name = line.split(":", 1)[0]
        by_file.setdefault(os.path.relpath(name, tmp_path), []).append(line)
    for name, words in EXPECTED_WORDS.items():
        (line,) = by_file.pop(name)
        assert ":: error: " in line
        assert words in line, line
    assert by_file == {}  # zz_good.json gave nothing; dir.json is reported, not searched
    bad = len(EXPECTED_WORDS)
    assert lines[-1] == f"{bad + 1} files: 1 valid, {bad} invalid, 0 with warnings"


def test_an_unreadable_file_is_reported_and_the_others_checked(
    invoke: Invoke, tmp_path: Path
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file; test_hostile_input covers a directory named x.json")
    write(tmp_path, {"locked.json": GOOD, "open.json": GOOD})
    (tmp_path / "locked.json").chmod(0)
    try:
        code, out, _ = invoke(str(tmp_path))
    finally:
        (tmp_path / "locked.json").chmod(0o644)
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path / 'locked.json'}:: error: cannot read the file: Permission denied",
        "2 files: 1 valid, 1 invalid, 0 with warnings",
    ]


def test_a_file_whose_name_starts_with_a_brace(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"{a}.json": GOOD})
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("{a}.json")
    assert (code, out) == (0, "1 file: 1 valid, 0 invalid, 0 with warnings\n")


# -- discovery: nothing found is bad usage; links never loop; each real file once ---------


def test_an_empty_folder_or_a_folder_without_json_is_bad_usage(
    invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path, {"other/notes.txt": "x"})
    for folder in ("empty", "other"):
        code, out, err = invoke(str(tmp_path / folder))
        assert (code, out) == (2, "")
        assert err == (
            f"asnkit validate: error: no *.json file in the folder "
            f"{str(tmp_path / folder)!r} (see asnkit validate --help)\n"
        )


def test_a_pattern_or_path_that_matches_nothing_is_bad_usage(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"a.json": GOOD})
    for args, what in (
        (("a.json", "typo.json"), "no such file or directory: 'typo.json'"),
        (("a.json", "asns/**/*.json"), "no file matches 'asns/**/*.json'"),
    ):
        assert invoke(*args) == (
            2,
            "",
            f"asnkit validate: error: {what} (see asnkit validate --help)\n",
        )


def test_a_link_loop_is_not_followed(invoke: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"asns/a.json": GOOD, "asns/sub/b.json": GOOD})
    (tmp_path / "asns" / "sub" / "loop").symlink_to(tmp_path / "asns")
    (tmp_path / "asns" / "self").symlink_to(".")
    for path in (str(tmp_path / "asns"), str(tmp_path / "asns" / "**" / "*.json")):
        code, out, err = invoke(path)
        assert (code, err) == (0, "")
        assert out == "2 files: 2 valid, 0 invalid, 0 with warnings\n"


def test_each_real_file_is_checked_once(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"a.json": GOOD, "b.json": INVALID})
    (tmp_path / "also_a.json").symlink_to(tmp_path / "a.json")
    monkeypatch.chdir(tmp_path)
    assert expand_paths([".", "a.json", "./b.json", "*.json"]) == ["./a.json", "./b.json"]
    code, out, _ = invoke("a.json", ".", str(tmp_path / "b.json"))
    assert code == 1
    assert out.splitlines()[-1] == "2 files: 1 valid, 1 invalid, 0 with warnings"


def test_the_rule_choices_are_the_librarys() -> None:
    from asnkit.cli.validate import Rule
    from asnkit.rules import STAGE_NAMES

    assert [rule.value for rule in Rule] == list(STAGE_NAMES)


# -- `asnkit validate PATH...` without typer ----------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ("good.json",),
        ("good.json", "warned.json", "invalid.json"),
        ("folder",),
        ("*.json", "folder"),
        ("missing.json",),
        ("good.json", "nothing*.json"),
        ("",),
    ],
)
def test_paths_alone_print_what_the_typer_command_prints(
    names: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``asnkit validate PATH...`` skips typer (start-up); the typer command says the same."""
    from asnkit.cli.app import run_app

    write(tmp_path, {"good.json": GOOD, "warned.json": WARNED, "invalid.json": INVALID})
    write(tmp_path / "folder", {"a.json": GOOD, "b.json": "{"})
    monkeypatch.chdir(tmp_path)
    fast = in_process(capsys, "validate", *names)
    capsys.readouterr()
    status = run_app(["validate", *names])
    out, err = capsys.readouterr()
    assert (status, out, err) == tuple(fast)
    assert fast.out or fast.err


def test_paths_alone_do_not_import_typer(tmp_path: Path) -> None:
    """What ``asnkit validate DIR`` imports: not typer, rich, cattrs or fastjsonschema."""
    write(tmp_path, {"good.json": GOOD, "warned.json": WARNED})
    code = (
        "import sys\n"
        "from asnkit.cli import main\n"
        f"sys.argv = ['asnkit', 'validate', {str(tmp_path)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = {'typer', 'click', 'rich', 'cattrs', 'astropy', 'fastjsonschema', 'difflib'}\n"
        "print(sorted(heavy & {name.partition('.')[0] for name in sys.modules}))\n"
        "unused = {'asnkit.io', 'asnkit.codec.structure', 'asnkit.codec.emit',\n"
        "          'asnkit.codec.whitespace'}\n"
        "print(sorted(unused & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    # Nor what turns documents into models or text: validation reads plain documents.
    assert result.stdout.splitlines()[-2:] == ["[]", "[]"], result.stderr


# -- colour ------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def test_a_terminal_gets_the_same_lines_in_colour(tmp_path: Path) -> None:
    write(tmp_path, {"good.json": GOOD, "warned.json": WARNED, "invalid.json": INVALID})
    piped = script("asnkit", "validate", str(tmp_path))
    shown = on_a_terminal("asnkit", "validate", str(tmp_path), columns=60)
    assert (shown.status, shown.err) == (piped.status, piped.err) == (1, "")
    assert _ESCAPE.sub("", shown.out) == piped.out  # the same words, no line folded
    assert "\x1b[" not in piped.out
    lines = shown.out.splitlines()
    assert len(lines) == len(piped.out.splitlines()) == 3
    assert "\x1b[1;31merror\x1b[0m" in lines[0]
    assert "\x1b[33mwarning\x1b[0m" in lines[1]
    assert "\x1b[32m2 valid\x1b[0m" in lines[2]
    assert "\x1b[1;31m1 invalid\x1b[0m" in lines[2]


@pytest.mark.parametrize(
    ("args", "env"),
    [((), {"NO_COLOR": "1"}), (("--format", "json"), {}), (("--strict",), {"NO_COLOR": "x"})],
)
def test_no_color_and_json_are_plain_on_a_terminal(
    args: tuple[str, ...], env: dict[str, str], tmp_path: Path
) -> None:
    write(tmp_path, {"warned.json": WARNED})
    shown = on_a_terminal("asnkit", "validate", str(tmp_path), *args, env=env)
    piped = script("asnkit", "validate", str(tmp_path), *args)
    assert "\x1b[" not in shown.out
    assert shown == piped


def test_a_pipe_does_not_load_rich(tmp_path: Path) -> None:
    """Colour costs the piped path nothing: rich is imported only for a terminal."""
    write(tmp_path, {"warned.json": WARNED, "invalid.json": INVALID})
    code = (
        "import sys\n"
        "from asnkit.cli import run\n"
        f"status = run(['validate', {str(tmp_path)!r}])\n"
        "print('rich' in sys.modules, status, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr == "False 1\n"
