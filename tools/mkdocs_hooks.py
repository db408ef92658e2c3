"""MkDocs hooks: the generated reference pages and the docstring check of ``nox -s docs``.

The API reference lists every name of ``asnkit.__all__`` and of each public subpackage's
``__all__`` (read by griffe, as mkdocstrings reads them); a public name without a docstring
fails the build. The CLI reference is written from the command declarations themselves: the
click tree typer makes of :mod:`asnkit.cli.app`, and the argparse parsers of
``asn_from_list`` and ``asnkit roman``. No option is described here by hand.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Final

import griffe
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from typer import _click as click

# asnkit and each of its public subpackages (a name without "_", with an ``__all__``) is
# public API and gets a page; the nav of mkdocs.yml must list each page (--strict).
API_PAGE: Final = "reference/api/{}.md"
CLI_PAGE: Final = "reference/cli.md"
# What the site shows of a CLI command: help reflowed at this width.
WIDTH: Final = 100


def public_names() -> dict[str, list[griffe.Object | griffe.Alias]]:
    """Each public package's exported objects, in ``__all__``'s order, as griffe reads them."""
    loader = griffe.GriffeLoader(search_paths=["src"], docstring_parser="google")
    root = loader.load("asnkit")
    loader.resolve_aliases(external=False, implicit=False)
    packages = [root, *(m for m in root.modules.values() if m.is_init_module)]
    found: dict[str, list[griffe.Object | griffe.Alias]] = {}
    for package in packages:
        if package.name.startswith("_") or package.exports is None:
            continue
        found[package.path] = [package.get_member(str(name)) for name in package.exports]
    return found


def missing_docstrings(found: dict[str, list[griffe.Object | griffe.Alias]]) -> list[str]:
    """``package.name (defined at path)`` for each public name, or public method, undocumented."""
    missing = []
    for package, objects in found.items():
        for obj in objects:
            target = _target(obj)
            where = f"{package}.{obj.name}"
            if not target.docstring:
                missing.append(f"{where} (defined at {target.path})")
            if target.is_class:
                missing.extend(
                    f"{where}.{name} (defined at {member.path})"
                    for name, member in target.members.items()
                    if not name.startswith("_")
                    and not member.is_alias
                    and member.is_function
                    and not member.docstring
                )
    return missing


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated reference pages; fail when a public name has no docstring."""
    found = public_names()
    missing = missing_docstrings(found)
    if missing:
        msg = "public names without a docstring: " + ", ".join(missing)
        raise PluginError(msg)
    # A name exported by asnkit and by its subpackage is documented once, on the subpackage's
    # page; asnkit's page links to it.
    home: dict[str, str] = {}
    for package in sorted(found, key=lambda p: p == "asnkit"):
        for obj in found[package]:
            home.setdefault(_target(obj).path, package)
    for package, objects in found.items():
        page = _api(package, objects, home)
        files.append(File.generated(config, API_PAGE.format(package), content=page))
    files.append(File.generated(config, CLI_PAGE, content=_cli()))
    return files


def _target(obj: griffe.Object | griffe.Alias) -> griffe.Object:
    return obj.final_target if isinstance(obj, griffe.Alias) else obj


def _api(package: str, objects: list[griffe.Object | griffe.Alias], home: dict[str, str]) -> str:
    lines = [f"# `{package}`", "", f"Every name of `{package}.__all__`, from its docstring.", ""]
    elsewhere = []
    for obj in objects:
        path = _target(obj).path
        if home[path] != package:
            elsewhere.append(f"- [`{package}.{obj.name}`][{path}] (from `{home[path]}`)")
            continue
        lines += [f"::: {path}", "    options:", f"      heading: {package}.{obj.name}", ""]
    if elsewhere:
        lines += ["## Documented with their subpackage", "", *elsewhere, ""]
    return "\n".join(lines)


# CLI ------------------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _text(paragraph: str) -> str:
    """A paragraph of help as markdown text: one line, markdown's characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(paragraph.split()))


def _help_blocks(text: str) -> list[str]:
    r"""Help text as markdown: prose paragraphs, and click's \b blocks verbatim."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.lstrip().startswith("\b"):
            body = paragraph.lstrip()[1:].strip("\n")
            out.append("```text\n" + _dedent(body) + "\n```")
        else:
            out.append(_text(paragraph))
    return out


def _dedent(text: str) -> str:
    lines = text.splitlines()
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    return "\n".join(x[indent:] for x in lines)


def _cell(text: str) -> str:
    return _text(text).replace("\n", " ")


def _cli() -> str:
    import typer

    from asnkit.cli import app
    from asnkit.cli._commands import COMMANDS

    group = typer.main.get_command(app.build_app(COMMANDS))
    lines = [
        "# CLI reference",
        "",
        "Every command and option, written from the commands' own declarations (what",
        "`--help` prints). Exit statuses, errors and output are described in",
        "[The asnkit command](../cli.md).",
        "",
    ]
    lines += _asn_from_list()
    lines += _click_command(group, "asnkit", level=2)
    for name, command in _subcommands(group):
        if name == "roman":
            lines += _roman(command)
        else:
            lines += _click_command(command, f"asnkit {name}", level=2)
    return "\n".join(lines) + "\n"


def _subcommands(group: click.Command) -> list[tuple[str, click.Command]]:
    commands: dict[str, click.Command] = getattr(group, "commands", {})
    return list(commands.items())


def _click_command(command: click.Command, prog: str, level: int) -> list[str]:
    from typer import _click as click

    settings = {"max_content_width": WIDTH, **command.context_settings}
    ctx = click.Context(command, info_name=prog, terminal_width=WIDTH, **settings)
    usage = " ".join([prog, *command.collect_usage_pieces(ctx)])
    lines = [f"{'#' * level} `{prog}`", "", "```text", f"Usage: {usage}", "```", ""]
    for block in _help_blocks(command.help or command.short_help or ""):
        lines += [block, ""]
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:  # an argument: click gives it no help line
            names = param.human_readable_name
            help_text = str(getattr(param, "help", "") or "")
        else:
            names, help_text = record
        rows.append(f"| `{names}` | {_cell(help_text)} |")
    if rows:
        lines += ["| Option | Description |", "| --- | --- |", *rows, ""]
    if command.epilog:
        lines += [_text(command.epilog), ""]
    return lines


def _argparse_command(parser: argparse.ArgumentParser, level: int) -> list[str]:
    lines = [f"{'#' * level} `{parser.prog}`", "", "```text", parser.format_usage().strip(), "```"]
    lines += ["", _text(parser.description or ""), ""]
    formatter = parser._get_formatter()
    for group in parser._action_groups:
        actions = [a for a in group._group_actions if a.help is not argparse.SUPPRESS]
        if not actions:
            continue
        lines += [
            f"**{_text(group.title or '')}**",
            "",
            "| Option | Description |",
            "| --- | --- |",
        ]
        for action in actions:
            names = formatter._format_action_invocation(action)
            help_text = formatter._expand_help(action) if action.help else ""
            lines.append(f"| `{names}` | {_cell(help_text)} |")
        lines.append("")
    if parser.epilog:
        lines += ["```text", _dedent(parser.epilog).strip("\n"), "```", ""]
    return lines


def _asn_from_list() -> list[str]:
    from asnkit.cli.asn_from_list import build_parser

    return _argparse_command(build_parser(), level=2)


def _roman(command: click.Command) -> list[str]:
    from asnkit.cli._roman import build_from_list_parser, build_multiband_parser

    lines = _click_command(command, "asnkit roman", level=2)
    lines += _argparse_command(build_from_list_parser(), level=3)
    lines += _argparse_command(build_multiband_parser(), level=3)
    return lines
