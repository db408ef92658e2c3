"""The subcommands of ``asnkit``: a name, the module that defines it, a summary.

Adding a subcommand: a module under :mod:`asnkit.cli` defining ``command`` (a typer
function; ``ARITY``, ``GATHER``, ``OPTIONAL_VALUE``, ``REFUSED`` for options click cannot
say, see :class:`asnkit.cli._typer.AsnkitCommand`) and a line here.
"""

from __future__ import annotations

from typing import Final

__all__ = ["COMMANDS"]

COMMANDS: Final[dict[str, tuple[str, str]]] = {
    "from-list": (
        "asnkit.cli.from_list",
        "Create an association from a list of files (the asn_from_list command).",
    ),
    "validate": (
        "asnkit.cli.validate",
        "Check association files: strict JSON, the schema, what pipelines need.",
    ),
    "show": (
        "asnkit.cli.show",
        "Show an association: metadata, then products and members by type.",
    ),
    "edit": (
        "asnkit.cli.edit",
        "Add, remove or change members, products and metadata (asn_edit's flags work).",
    ),
    "gather": (
        "asnkit.cli.gather",
        "Copy an association and its members into one folder (jwst's asn_gather).",
    ),
    "diff": (
        "asnkit.cli.diff",
        "Show what differs between two associations; exit 0 same, 1 different.",
    ),
    "inspect": (
        "asnkit.cli.inspect",
        "Show the FITS header keywords asnkit reads and the role each file gets.",
    ),
    "generate": (
        "asnkit.cli.generate",
        "Make every association of a pool, as jwst's asn_generate (or from FITS files).",
    ),
    "pool": (
        "asnkit.cli.pool",
        "Write the pool jwst's asn_make_pool makes from FITS files.",
    ),
    "roman": (
        "asnkit.cli.roman",
        "Roman: romancal's asn_from_list and multiband_asn, byte for byte.",
    ),
    "report": (
        "asnkit.cli.report",
        "Write one HTML page of a program's associations (from pools or files).",
    ),
}
"""Every subcommand: name -> (module defining ``command``, one-line summary for --help)."""
