"""``asnkit gather ASN DEST``: copy an association and its members into one folder.

The flags of jwst's ``asn_gather`` work too (``-s``, ``-t/--exp-types``,
``-x/--exclude-types``, ``-v``), except ``-c/--cmd``: asnkit copies with Python, never
through a shell command.
"""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from asnkit.cli._exit import ExitStatus, line, refuse, status_of, warn
from asnkit.cli._typer import VersionOption, done
from asnkit.cli._written import warn_as_validate_does

if TYPE_CHECKING:
    from asnkit.validation import Report

EXIT_OK = ExitStatus.OK
EXIT_INVALID = ExitStatus.INVALID
EXIT_USAGE = ExitStatus.USAGE
_PROG = "asnkit gather"


def command(
    *,
    association: Annotated[str, typer.Argument(metavar="ASN", help="The association to gather.")],
    destination: Annotated[
        str, typer.Argument(metavar="DEST", help="The folder to copy into (made if missing).")
    ],
    exptypes: Annotated[
        list[str] | None,
        typer.Option(
            "--exptypes",
            "-t",
            "--exp-types",
            metavar="T,...",
            help="Gather only members of these types (comma-separated; repeatable).",
            show_default=False,
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            "-x",
            "--exclude-types",
            metavar="T,...",
            help="Leave out members of these types (comma-separated; repeatable).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            metavar="DIR",
            help="The folder relative member names are found in (default: the association's).",
            show_default=False,
        ),
    ] = None,
    skip_missing: Annotated[
        bool,
        typer.Option(
            "--skip-missing", help="Leave out members that cannot be found instead of stopping."
        ),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose", "-v", count=True, help="List each file copied.", show_default=False
        ),
    ] = 0,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Gather even when the gathered association would be invalid (asnkit "
            "validate's check); a warning names the problems.",
        ),
    ] = False,
    shellcmd: Annotated[
        str | None,
        typer.Option(
            "--cmd",
            "-c",
            metavar="CMD",
            help="Not supported: asnkit copies with Python, never through a shell command.",
            show_default=False,
        ),
    ] = None,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Copy an association and its members into one folder.

    Relative member names are found from the association's folder (or --source).
    Members are copied first, each under its bare file name; the association, its
    members renamed to those names, is written last. A missing member stops the
    gathering before anything is copied (one line each on stderr), unless
    --skip-missing leaves it out. jwst's asn_gather flags work too (-s, -t, -x, -v),
    except -c.

    \b
    Examples:
      asnkit gather data/l3_asn.json gathered/
      asnkit gather l3_asn.json gathered/ --exptypes science,background
      asnkit gather l3_asn.json gathered/ --exclude psf --skip-missing

    Exit status: 0 gathered, 1 the association cannot be gathered, 2 bad usage.
    """
    if shellcmd is not None:
        sys.stderr.write(
            f"{_PROG}: error: -c/--cmd is not supported: asnkit copies files with Python, "
            f"not a shell command; drop -c (see {_PROG} --help)\n"
        )
        done(EXIT_USAGE)
    done(
        gather_files(
            association,
            destination,
            exptypes=_types(exptypes),
            exclude=_types(exclude),
            source=source,
            skip_missing=skip_missing,
            verbose=verbose,
            force=force,
        )
    )


def _types(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [t.strip() for value in values for t in value.split(",") if t.strip()]


def gather_files(
    association: str,
    destination: str,
    *,
    exptypes: list[str] | None,
    exclude: list[str] | None,
    source: str | None,
    skip_missing: bool,
    verbose: int,
    force: bool = False,
) -> int:
    """Gather, and say what was done in one line each; the exit status."""
    prog = _PROG
    from asnkit.exceptions import AsnkitError, GatherError, InvalidAssociationError
    from asnkit.gathering import gather

    reports: list[Report] = []
    try:
        result = gather(
            association,
            destination,
            exptypes=exptypes,
            exclude=exclude,
            source=source,
            skip_missing=skip_missing,
            force=force,
            on_report=reports.append,
        )
    except GatherError as error:
        for name in error.missing:
            sys.stderr.write(line(f"{prog}: missing: {name}"))
        sys.stderr.write(line(f"{prog}: error: {error}"))
        return status_of(error)
    except InvalidAssociationError as error:
        return refuse(prog, f"{error}; nothing copied (--force gathers it anyway)", EXIT_INVALID)
    except AsnkitError as error:
        sys.stderr.write(line(f"{prog}: error: {error}"))
        return status_of(error)
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        sys.stderr.write(
            line(
                f"{prog}: error: copy failed{where}: {error.strerror or error}; "
                "the association was not written"
            )
        )
        return EXIT_INVALID
    for name in result.missing:
        warn(prog, f"missing, left out: {name}")
    warn_as_validate_does(prog, [("", report) for report in reports[-1:]])
    if result.problems:
        from asnkit.write_check import summary

        warn(
            prog, f"--force: the gathered association is invalid: {summary(list(result.problems))}"
        )
    if verbose:
        for path in result.copied:
            sys.stdout.write(line(f"copied {path}"))
    copied = len(result.copied)
    sys.stdout.write(line(f"wrote {result.association} ({copied} member file(s) copied)"))
    return EXIT_OK
