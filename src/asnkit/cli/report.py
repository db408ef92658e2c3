"""``asnkit report POOL... -o report.html``: a program's associations on one HTML page.

From pools: what ``asnkit generate`` makes, with each exposure's explanation. From
association files or folders: the files as written. The page is one self-contained file
(:mod:`asnkit.report`), written atomically.
"""

from pathlib import Path
from typing import Annotated

import typer

from asnkit.cli._exit import ExitStatus, refuse, status_of
from asnkit.cli._typer import VersionOption, done

_PROG = "asnkit report"


def command(
    *,
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Pools (CSV files), or association files and folders of *.json files.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="The HTML file to write."),
    ],
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Write one HTML page showing a program's associations.

    Pools give what asnkit generate would make, and for each exposure why it went where it
    did; association files (or folders of *.json) give those files as written. The page
    shows a summary (programs, exposures, associations by stage and type, validate's
    findings, product names shared by several associations), the map of exposures by
    association (each cell the member's role, by colour and letter), and a panel for the
    association or exposure clicked; it has search and filters, and works from the keyboard
    (/ to search, arrows in the map, Enter to open, Escape to close). It needs no network.

    \b
    Examples:
      asnkit report jw01234_20240101t000000_pool.csv -o report.html
      asnkit report asns/ -o report.html
      asnkit report l3_asn.json l2_asn.json -o report.html

    Exit status: 0 written, 1 an input cannot be read or the page written, 2 bad usage
    or an input that is not there.
    """
    done(write_report(inputs, output))


def _is_association_input(path: str) -> bool:
    return Path(path).is_dir() or path.lower().endswith(".json")


def write_report(inputs: list[str], output: str) -> int:  # noqa: PLR0911 (one refusal each)
    """Build the page of ``inputs`` and write it to ``output``; the exit status."""
    from asnkit.exceptions import AsnkitError
    from asnkit.files import confined, write_text
    from asnkit.report import from_files, from_pool, render

    kinds = {_is_association_input(path) for path in inputs}
    if len(kinds) > 1:
        message = "give pools or association files, not both (run asnkit report once for each)"
        return refuse(_PROG, message, ExitStatus.USAGE)
    for path in inputs:
        if not Path(path).exists():
            message = f"{path}: no such file or folder; give an existing pool or association"
            return refuse(_PROG, message, ExitStatus.MISSING)
    try:
        target = confined(Path(output).parent, Path(output).name)
    except OSError as error:
        return refuse(_PROG, f"{output}: {error.strerror}", ExitStatus.USAGE)
    try:
        if kinds == {True}:
            page = from_files(inputs)
        else:
            from asnkit.generate import read_pool

            page = from_pool([read_pool(path) for path in inputs])
    except AsnkitError as error:
        return refuse(_PROG, str(error), status_of(error))
    except OSError as error:
        return refuse(_PROG, f"{error.filename or ''}: {error.strerror}", ExitStatus.INVALID)
    try:
        write_text(target, render(page))
    except OSError as error:
        return refuse(_PROG, f"{output}: {error.strerror}; nothing written", ExitStatus.INVALID)
    return ExitStatus.OK
