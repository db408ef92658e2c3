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
from typing import TYPE_CHECKING, NoReturn

from asnkit._version import __version__
from asnkit.cli._argparse import Formatter, Parser
from asnkit.cli._exit import guard_streams, handle_signals, run_guarded
from asnkit.cli._from_list import Request, make
from asnkit.paths import PATH_POLICIES
from asnkit.vocabulary import ASN_TYPES

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
    """The command's parser: jwst 3.0.0's flags, with the same names and defaults."""
    parser = Parser(
        prog=prog,
        description="Create an association from a list of files.",
        usage=f"{prog} -o mosaic_asn.json --product-name my_mosaic *.fits",
        epilog=_EXAMPLES,
        formatter_class=Formatter,
    )
    parser.add_argument(
        "-o", "--output-file", required=True, help="file to write the association to"
    )
    parser.add_argument(
        "-f",
        "--format",
        default=None,
        help="deprecated: association files are always JSON (accepted with a warning)",
    )
    parser.add_argument(
        "--product-name", help="the product name of a Stage 3 association (required there)"
    )
    parser.add_argument(
        "-r",
        "--rule",
        default="DMS_Level3_Base",
        help='the rule: "DMS_Level3_Base" (Stage 3, the default) or "DMSLevel2bBase" (Stage 2)',
    )
    parser.add_argument(
        "--ruledefs",
        action="append",
        help="rule definition files: not supported (asnkit has no rule plugins yet)",
    )
    parser.add_argument(
        "-i",
        "--id",
        dest="acid",
        default=None,
        help="the association candidate id, oNNN or cNNNN (cNNNN needs a background "
        'member), written as asn_id (default: jwst\'s "a3001")',
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s (asnkit) {__version__}")
    parser.add_argument("filelist", nargs="*", help="the science files (one or more)")

    roles = parser.add_argument_group(
        "member roles",
        "Stage 2: each science (and PSF) file is its own product, and every other member "
        "joins every product, after its science member. Stage 3: one product, science "
        "first, then the others in the order given. A value with *, ? or [ that the shell "
        "did not expand is expanded here (sorted); a pattern matching nothing is refused.",
    )
    for flag, exptype, what in (
        ("--background", "background", "an off-target background exposure"),
        ("--imprint", "imprint", "a NIRSpec imprint (leakcal) exposure"),
        ("--psf", "psf", "a PSF reference exposure (coronagraphy, AMI)"),
    ):
        roles.add_argument(
            flag,
            dest="roles",
            action=_Role,
            const=exptype,
            metavar="FILE",
            help=f"{what}; repeatable",
        )
    roles.add_argument(
        "--member",
        dest="roles",
        action=_Role,
        nargs=2,
        metavar=("EXPTYPE", "FILE"),
        help="a member of any other type (sourcecat, segmap, direct_image, "
        "target_acquisition, ...); repeatable",
    )
    roles.add_argument(
        "--list",
        dest="lists",
        action="append",
        metavar="FILE",
        help='read members from FILE ("-" for standard input): one "expname [exptype]" a '
        "line, blank lines and # comments skipped; repeatable",
    )

    meta = parser.add_argument_group("association metadata (jwst's keys, in jwst's order)")
    meta.add_argument(
        "--asn-type", help=f"asn_type: {', '.join(ASN_TYPES)} (another value: warned)"
    )
    meta.add_argument("--program", help="program, e.g. 01234 (digits are padded to 5)")
    meta.add_argument("--target", help="target, e.g. t001")
    meta.add_argument("--pool", dest="asn_pool", help="asn_pool: the pool's name")
    meta.add_argument("--version-id", help="version_id")
    meta.add_argument(
        "--paths",
        choices=PATH_POLICIES,
        default="keep",
        help="how member names are written: keep (as given, the default), name (no "
        "directories), absolute, relative (to the output file's directory)",
    )

    headers = parser.add_argument_group(
        "from FITS headers (needs astropy: pip install 'asnkit[fits]'; see docs/headers.md)"
    )
    headers.add_argument(
        "--from-headers",
        action="store_true",
        help="make the association asnkit generate makes of these files from their primary "
        "headers (the one whose members are exactly the files; at Stage 2 the products of "
        "every association merged), refused in one line when they are not one association; "
        "role flags, --product-name, -i and the metadata flags win over it",
    )
    headers.add_argument(
        "--force",
        action="store_true",
        help="write even an association asnkit validate would reject (a warning names the "
        "problems); with --from-headers, also write when the files are not one association: "
        "the one that takes the most of them, a warning naming the files left out",
    )
    # jwst's command takes every file argument as a name; asnkit from-list expands them.
    parser.set_defaults(expand=False)
    return parser


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
