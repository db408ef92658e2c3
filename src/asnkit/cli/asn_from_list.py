"""The ``asn_from_list`` command: jwst's flags, jwst's files, none of its failures.

This command is parsed with :mod:`argparse`, like jwst's: its flags, abbreviations and
usage errors stay the same, and its start-up (a measured target: a tenth of jwst's) does
not pay for typer or cattrs. ``asnkit from-list`` hands its arguments to :func:`run`.

Beyond jwst's flags, members can be given their roles (``--background``, ``--imprint``,
``--psf``, ``--member TYPE FILE``, ``--list``), the metadata keys can be filled
(``--asn-type``, ``--program``, ...) and member paths rewritten (``--paths``). Without any
of these the output is jwst's, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from asnkit._version import __version__
from asnkit.cli._argparse import Formatter, Parser
from asnkit.cli._exit import guard_streams, handle_signals, run_guarded
from asnkit.cli._from_list import Request, make
from asnkit.cli._from_list_options import FILES, GROUPS, OPTIONS, Option

if TYPE_CHECKING:
    from collections.abc import Sequence

_EXAMPLES = """\
examples:
  Stage 2 (one product per exposure, named after its file):
    asn_from_list -o l2_asn.json -r DMSLevel2bBase *.fits

  Stage 3 (one product; the pipeline's outputs begin with l3_results):
    asn_from_list -o l3_asn.json --product-name l3_results *.fits

  Stage 2 with a background and an imprint exposure for the science exposure:
    asn_from_list -o l2_asn.json -r DMSLevel2bBase --background bkg_rate.fits \\
        --imprint imprint_rate.fits sci_rate.fits

  Stage 3 coronagraphy with a PSF reference:
    asn_from_list -o coron3_asn.json --product-name target --asn-type coron3 \\
        --psf psf_calints.fits sci1_calints.fits sci2_calints.fits

  A list too long for the command line (one "expname [exptype]" a line):
    asn_from_list -o l3_asn.json --product-name mosaic --list members.txt

exit status: 0 written, 1 the association could not be valid or not written,
2 bad usage. An existing output file is replaced only by a complete new one.
"""


class _Role(argparse.Action):
    """Collect the ``(exptype, file)`` pairs of every role flag in one list.

    One list, in command-line order, so that members keep the order they were given in
    across flags.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,  # noqa: ARG002 (argparse's signature)
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,  # noqa: ARG002 (argparse's signature)
    ) -> None:
        pairs: list[tuple[str, str]] = getattr(namespace, self.dest) or []
        if isinstance(values, list):  # --member EXPTYPE FILE
            exptype, name = (str(value) for value in values)
        else:
            exptype, name = str(self.const), str(values)
        pairs.append((exptype, name))
        setattr(namespace, self.dest, pairs)


def build_parser(prog: str = "asn_from_list") -> argparse.ArgumentParser:
    """The command's parser: jwst 3.0.0's flags, with the same names and defaults.

    Every option is made from its declaration in :mod:`asnkit.cli._from_list_options`.
    """
    parser = Parser(
        prog=prog,
        description="Create an association from a list of files.",
        usage=f"{prog} -o mosaic_asn.json --product-name my_mosaic *.fits",
        epilog=_EXAMPLES,
        formatter_class=Formatter,
    )
    groups = {
        key: parser.add_argument_group(title, description)
        for key, (title, description) in GROUPS.items()
    }
    for spec in OPTIONS:
        _add(groups[spec.group] if spec.group else parser, spec)
        if spec.dest == "acid":
            parser.add_argument(
                "--version", action="version", version=f"%(prog)s (asnkit) {__version__}"
            )
    parser.add_argument("filelist", nargs="*", help=FILES)
    # jwst's command takes every file argument as a name; asnkit from-list expands them.
    parser.set_defaults(expand=False)
    return parser


def _add(where: argparse._ActionsContainer, spec: Option) -> None:
    """Add the option ``spec`` to a parser or one of its groups."""
    common: dict[str, Any] = {"dest": spec.dest, "help": spec.help}
    if spec.kind == "flag":
        where.add_argument(*spec.flags, action="store_true", **common)
        return
    common["metavar"] = spec.metavar
    if spec.kind == "role":
        where.add_argument(*spec.flags, action=_Role, const=spec.exptype, **common)
    elif spec.kind == "pair":
        common["metavar"] = tuple((spec.metavar or "").split())
        where.add_argument(*spec.flags, action=_Role, nargs=2, **common)
    elif spec.kind == "append":
        where.add_argument(*spec.flags, action="append", **common)
    elif spec.kind == "choice":
        del common["metavar"]
        where.add_argument(*spec.flags, choices=spec.choices, default=spec.default, **common)
    else:
        where.add_argument(*spec.flags, default=spec.default, required=spec.required, **common)


def run(argv: Sequence[str] | None = None, prog: str = "asn_from_list") -> int:
    """Run the command with ``argv`` (``sys.argv[1:]`` when ``None``); return its exit status."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return int(stop.code or 0)
    request = Request(**{field: getattr(args, field) for field in Request._fields})
    return make(request, prog)


def main() -> NoReturn:
    """Console entry point of ``asn_from_list``."""
    handle_signals()
    guard_streams()
    sys.exit(run_guarded("asn_from_list", run))
