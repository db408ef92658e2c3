"""The options of ``asn_from_list`` and ``asnkit from-list``, declared once.

Each option's spellings, value name, default, group and help live here, and nowhere else:
:func:`asnkit.cli.asn_from_list.build_parser` makes jwst's argparse parser of them and
:mod:`asnkit.cli.from_list` takes each typer option's spellings, value name and help from
them. What differs between the two commands is how values are read, and only that:
``asn_from_list`` takes abbreviated flags as jwst's does; ``asnkit from-list`` wants them
whole and lets options and files mix in any order.
"""

from __future__ import annotations

from typing import Final, Literal

import attrs

from asnkit.paths import PATH_POLICIES
from asnkit.vocabulary import ASN_TYPES

__all__ = ["FILES", "GROUPS", "OPTIONS", "ROLES", "Option", "option"]

Kind = Literal["value", "append", "role", "pair", "choice", "flag"]
"""How an option reads its values: one value; one value, repeatable; a member of a role
(repeatable, into one ordered list with the other roles); two values (``--member TYPE
FILE``); one of ``choices``; no value (a switch)."""


@attrs.frozen
class Option:
    """One option of the command.

    Attributes:
        dest: The field of :class:`asnkit.cli._from_list.Request` it fills (the typer
            parameter has this name too).
        flags: Its spellings, as jwst's ``asn_from_list`` has them.
        help: What it does, one text for both commands' ``--help``.
        metavar: The name of its value in help (``EXPTYPE FILE`` for a pair).
        kind: How it reads its values (see :data:`Kind`).
        default: Its value when not given.
        exptype: For a role option, the member type it gives.
        choices: For a choice option, the values it takes.
        group: The heading it is listed under in ``asn_from_list --help`` (a key of
            :data:`GROUPS`), or ``None`` for the command's own options.
        required: Whether the command needs it.
    """

    dest: str
    flags: tuple[str, ...]
    help: str
    metavar: str | None = None
    kind: Kind = "value"
    default: str | bool | None = None
    exptype: str | None = None
    choices: tuple[str, ...] = ()
    group: str | None = None
    required: bool = False


GROUPS: Final = {
    "roles": (
        "member roles",
        (
            "Stage 2: each science (and PSF) file is its own product, and every other member "
            "joins every product, after its science member. Stage 3: one product, science "
            "first, then the others in the order given. A value with *, ? or [ that the "
            "shell did not expand is expanded here (sorted); a pattern matching nothing is "
            "refused."
        ),
    ),
    "meta": ("association metadata (jwst's keys, in jwst's order)", None),
    "headers": (
        "from FITS headers (needs astropy: pip install 'asnkit[fits]'; see docs/headers.md)",
        None,
    ),
}
"""Group key -> (heading, description) of ``asn_from_list --help``."""

FILES: Final = "The science files (one or more)."
"""The help of the file arguments."""

OPTIONS: Final = (
    Option(
        "output_file",
        ("-o", "--output-file"),
        "The file to write the association to.",
        metavar="FILE",
        required=True,
    ),
    Option(
        "format",
        ("-f", "--format"),
        "Deprecated: association files are always JSON (accepted with a warning).",
        metavar="json",
    ),
    Option(
        "product_name",
        ("--product-name",),
        "The product name of a Stage 3 association (required there).",
        metavar="NAME",
    ),
    Option(
        "rule",
        ("-r", "--rule"),
        "The rule: DMS_Level3_Base (Stage 3, the default) or DMSLevel2bBase (Stage 2).",
        metavar="RULE",
        default="DMS_Level3_Base",
    ),
    Option(
        "ruledefs",
        ("--ruledefs",),
        "Rule definition files: not supported (asnkit has no rule plugins yet).",
        metavar="FILE",
        kind="append",
    ),
    Option(
        "acid",
        ("-i", "--id"),
        "The association candidate id, oNNN or cNNNN (cNNNN needs a background member), "
        "written as asn_id (default: jwst's a3001).",
        metavar="ID",
    ),
    Option(
        "roles",
        ("--background",),
        "An off-target background exposure; repeatable.",
        metavar="FILE",
        kind="role",
        exptype="background",
        group="roles",
    ),
    Option(
        "roles",
        ("--imprint",),
        "A NIRSpec imprint (leakcal) exposure; repeatable.",
        metavar="FILE",
        kind="role",
        exptype="imprint",
        group="roles",
    ),
    Option(
        "roles",
        ("--psf",),
        "A PSF reference exposure (coronagraphy, AMI); repeatable.",
        metavar="FILE",
        kind="role",
        exptype="psf",
        group="roles",
    ),
    Option(
        "roles",
        ("--member",),
        "A member of any other type (sourcecat, segmap, direct_image, "
        "target_acquisition, ...); repeatable.",
        metavar="EXPTYPE FILE",
        kind="pair",
        group="roles",
    ),
    Option(
        "lists",
        ("--list",),
        'Read members from FILE ("-" for standard input): one "expname [exptype]" a line, '
        "blank lines and # comments skipped; repeatable.",
        metavar="FILE",
        kind="append",
        group="roles",
    ),
    Option(
        "asn_type",
        ("--asn-type",),
        f"asn_type: {', '.join(ASN_TYPES)} (another value: warned).",
        metavar="TYPE",
        group="meta",
    ),
    Option(
        "program",
        ("--program",),
        "program, e.g. 01234 (digits are padded to 5).",
        metavar="NNNNN",
        group="meta",
    ),
    Option("target", ("--target",), "target, e.g. t001.", metavar="TNNN", group="meta"),
    Option("asn_pool", ("--pool",), "asn_pool: the pool's name.", metavar="NAME", group="meta"),
    Option("version_id", ("--version-id",), "version_id.", metavar="ID", group="meta"),
    Option(
        "paths",
        ("--paths",),
        "How member names are written: keep (as given, the default), name (no "
        "directories), absolute, relative (to the output file's folder).",
        kind="choice",
        default="keep",
        choices=PATH_POLICIES,
        group="meta",
    ),
    Option(
        "from_headers",
        ("--from-headers",),
        "Make the association asnkit generate makes of these files from their primary "
        "headers (the one whose members are exactly the files; at Stage 2 the products of "
        "every association merged), refused in one line when they are not one association; "
        "role flags, --product-name, -i and the metadata flags win over it.",
        kind="flag",
        default=False,
        group="headers",
    ),
    Option(
        "force",
        ("--force",),
        "Write even an association asnkit validate would reject (a warning names the "
        "problems); with --from-headers, also write when the files are not one association: "
        "the one that takes the most of them, a warning naming the files left out.",
        kind="flag",
        default=False,
        group="headers",
    ),
)
"""Every option, in the order of ``--help``."""

ROLES: Final = {spec.flags[0]: spec.exptype or "" for spec in OPTIONS if spec.kind == "role"}
"""Role option spelling -> the member type it gives."""


def option(flag: str) -> Option:
    """The option spelled ``flag`` (its first spelling, or any other)."""
    for spec in OPTIONS:
        if flag in spec.flags:
            return spec
    msg = f"no option {flag!r}"
    raise KeyError(msg)
