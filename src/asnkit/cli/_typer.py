"""What the typer commands share: options, the command class, and the order of options.

Every ``asnkit`` subcommand module defines ``command`` (a typer function) and
``SUMMARY``; :mod:`asnkit.cli.app` registers them. The pieces here keep the commands
alike: ``-h``/``--help`` and ``--version`` everywhere, ``--format text|json`` where a
command reports, and the order in which options were given (typer, like click, keeps
each option's values apart; jwst's flags and ``--background a --psf b`` need the order).
"""

from __future__ import annotations

import enum
import re
import sys
from typing import TYPE_CHECKING, Annotated, Any, Final, NoReturn

import typer

# typer 0.26 to 0.28 carry their own copy of click (pyproject.toml says why those): its
# usage error is caught to be said in one line, its context and formatter are typed.
from typer._click.exceptions import UsageError
from typer.core import TyperCommand

from asnkit._version import __version__

if TYPE_CHECKING:
    from typer import _click as click

__all__ = [
    "CONTEXT",
    "AsnkitCommand",
    "OutputFormat",
    "UsageError",
    "VersionOption",
    "done",
    "given_in_order",
    "spelling_used",
    "usage_error",
    "values_of",
]

CONTEXT: Final[dict[str, Any]] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""The context settings of the app and every command."""

_RAW: Final = "asnkit.raw_args"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"asnkit {__version__}")
        raise typer.Exit


VersionOption = Annotated[
    bool,
    typer.Option(
        "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
    ),
]
"""``--version`` on a command: ``version: VersionOption = False``."""


class OutputFormat(str, enum.Enum):
    """What a reporting command prints: lines for people, or one JSON document."""

    TEXT = "text"
    JSON = "json"


_JOIN: Final = "\0"
"""Joins the values of an option that takes several (no argument can hold a NUL byte)."""


class AsnkitCommand(TyperCommand):
    """A typer command with options of several values, that remembers its arguments.

    click has no option of several values given once (``--set KEY VALUE``) nor of a
    variable number of them (asn_generate's ``-i o001 o002``), and none with an optional
    value; the command line is rewritten into what click parses before it does:

    * :attr:`arity`: a repeatable ``list[str]`` option whose values are joined, and split
      again by :func:`values_of`;
    * :attr:`gather`: a repeatable option whose first value is the next word, as always,
      and whose further values are the words that follow while they match the option's
      pattern in full (``-i o001 o002`` becomes ``-i o001 -i o002``); a word that does not
      match (a file name) ends them. ``-i=o001`` and ``-io001`` take one value;
    * :attr:`optional`: an option whose value may be left out (the last word, or one
      before an option): the stated value is given;
    * :attr:`refused`: options the command does not offer (another program's), each
      refused as a usage error with the reason.

    The arguments as given are kept for :func:`given_in_order`.
    """

    arity: dict[str, int] = {}  # noqa: RUF012 (set per command by with_arity)
    """Option spelling -> how many values it takes, when more than one."""
    gather: dict[str, re.Pattern[str]] = {}  # noqa: RUF012 (set per command by with_arity)
    """Option spelling -> what its further values look like."""
    optional: dict[str, str] = {}  # noqa: RUF012 (set per command by with_arity)
    """Option spelling -> its value when none is given."""
    refused: dict[str, str] = {}  # noqa: RUF012 (set per command by with_arity)
    """Option spelling -> why the command refuses it."""

    @classmethod
    def with_arity(
        cls,
        arity: dict[str, int],
        *,
        gather: dict[str, str] | None = None,
        optional: dict[str, str] | None = None,
        refused: dict[str, str] | None = None,
    ) -> type[AsnkitCommand]:
        """This class, for a command with the options of several values above."""
        if not (arity or gather or optional or refused):
            return cls
        patterns = {spelling: re.compile(text) for spelling, text in (gather or {}).items()}
        attributes = {
            "arity": dict(arity),
            "gather": patterns,
            "optional": dict(optional or {}),
            "refused": dict(refused or {}),
        }
        return type("AsnkitCommandWithArity", (cls,), attributes)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """``[OPTIONS] PATH...``: an argument as its metavar says, ``[...]`` if optional."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = param.metavar or (param.name or "").upper()
            if param.nargs != 1 and "..." not in name:
                name += "..."
            pieces.append(name if param.required or name.startswith("[") else f"[{name}]")
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Arguments, then options, as click lays them out; no ``<list[str]>`` types."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                sections["Arguments"].append((name, text))
            else:
                sections["Options"].append((name, text))
        for title, records in sections.items():
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rewritten = self._rewrite(ctx, args) if self._rewrites() else list(args)
        ctx.meta[_RAW] = list(rewritten)  # click consumes the list it parses
        return super().parse_args(ctx, rewritten)

    def _rewrites(self) -> bool:
        return bool(self.arity or self.gather or self.optional or self.refused)

    def _rewrite(self, ctx: click.Context, args: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(args):
            word = args[index]
            index += 1
            if word == "--":
                out += [word, *args[index:]]
                break
            spelling, equals, first = word.partition("=")
            if spelling in self.refused and word.startswith("-"):
                msg = f"{spelling} is not offered: {self.refused[spelling]}"
                raise UsageError(msg, ctx)
            if word in self.optional:
                following = args[index] if index < len(args) else None
                out.append(word)
                if following is None or following.startswith("-"):
                    out.append(self.optional[word])
                continue
            if word in self.gather and index < len(args):
                out += [word, args[index]]
                index += 1
                while index < len(args) and self.gather[word].fullmatch(args[index]):
                    out += [word, args[index]]
                    index += 1
                continue
            if spelling not in self.arity or (word != spelling and not equals):
                out.append(word)
                continue
            needed = self.arity[spelling] - (1 if equals else 0)
            values = ([first] if equals else []) + args[index : index + needed]
            index += needed
            if len(values) < self.arity[spelling] or _JOIN in "".join(values):
                msg = f"option {spelling} takes {self.arity[spelling]} values"
                raise UsageError(msg, ctx)
            out += [spelling, _JOIN.join(values)]
        return out


def values_of(joined: str) -> list[str]:
    """The values of one use of an option of several values (see :class:`AsnkitCommand`)."""
    return joined.split(_JOIN)


def given_in_order(ctx: typer.Context) -> list[tuple[str | None, list[str]]]:
    """Each option as given on the command line, in order, with its values.

    Arguments (positional) come as ``(None, [value])``. The command line has been parsed
    by click already (it is well-formed); this only recovers the order click drops.
    """
    arity: dict[str, tuple[str, int]] = {}
    for param in ctx.command.params:
        if param.param_type_name != "option" or param.name is None:
            continue
        takes = 0 if getattr(param, "is_flag", False) or getattr(param, "count", False) else 1
        takes *= max(param.nargs, 1)
        for spelling in (*param.opts, *param.secondary_opts):
            arity[spelling] = (param.name, takes)
    tokens: list[str] = ctx.meta.get(_RAW, [])
    given: list[tuple[str | None, list[str]]] = []
    index = 0
    while index < len(tokens):
        word = tokens[index]
        index += 1
        if word == "--":
            given += [(None, [rest]) for rest in tokens[index:]]
            break
        if word.startswith("--") and "=" in word:
            spelling, _, value = word.partition("=")
            given.append((arity[spelling][0], [value]) if spelling in arity else (None, [word]))
        elif word in arity:
            name, takes = arity[word]
            given.append((name, tokens[index : index + takes]))
            index += takes
        elif word.startswith("-") and not word.startswith("--") and len(word) > 2:  # noqa: PLR2004
            index = _cluster(word, tokens, index, arity, given)
        else:
            given.append((None, [word]))
    return given


def spelling_used(ctx: typer.Context, *spellings: str) -> str | None:
    """Which of ``spellings`` (one option's) the command line used first, or ``None``.

    ``--name``, ``--name=VALUE``, ``-x`` and ``-xVALUE`` count; so that a message names an
    option as the user wrote it (``--ids``, not ``-i``).
    """
    for word in ctx.meta.get(_RAW, []):
        if word == "--":
            break
        for spelling in spellings:
            if word == spelling:
                return spelling
            if spelling.startswith("--"):
                if word.startswith(f"{spelling}="):
                    return spelling
            elif not word.startswith("--") and word.startswith(spelling):
                return spelling
    return None


def _cluster(
    word: str,
    tokens: list[str],
    index: int,
    arity: dict[str, tuple[str, int]],
    given: list[tuple[str | None, list[str]]],
) -> int:
    """Short options run together (``-ri``, ``-oout.json``); the index after their values."""
    for position, letter in enumerate(word[1:], start=2):
        if f"-{letter}" not in arity:
            given.append((None, [word]))  # not options after all (click said it parsed)
            return index
        name, takes = arity[f"-{letter}"]
        if takes == 0:
            given.append((name, []))
            continue
        attached = word[position:]
        values = [attached] if attached else []
        needed = takes - len(values)
        given.append((name, [*values, *tokens[index : index + needed]]))
        return index + needed
    return index


def done(status: int) -> NoReturn:
    """End the command with ``status`` (typer's way, so that the app returns it)."""
    raise typer.Exit(int(status))


def usage_error(error: UsageError, command: str = "asnkit") -> int:
    """Write a usage error as one line, ``asnkit CMD: error: ... (see asnkit CMD --help)``.

    ``command`` names the command where the error has no context of its own (click's parser
    raises some option errors without one).
    """
    from asnkit.cli._exit import ExitStatus, line

    context = error.ctx
    where = context.command_path if context is not None else command
    if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
        # ``asnkit`` alone: its help, on stderr as click does, and the usage status.
        sys.stderr.write(context.get_help() + "\n")
        return ExitStatus.USAGE
    message = error.format_message().strip().rstrip(".").replace("Value error, ", "")
    message = message[:1].lower() + message[1:]
    sys.stderr.write(line(f"{where}: error: {message} (see {where} --help)"))
    return ExitStatus.USAGE
