"""``asnkit from-list``: ``asn_from_list`` as an ``asnkit`` subcommand.

The same options as ``asn_from_list`` (see :mod:`asnkit.cli.asn_from_list`), read by typer
instead of argparse, handed to the same :func:`asnkit.cli._from_list.make`: what the two
check, build and write cannot drift apart (a test compares their options). Two things only
argparse does: ``asn_from_list`` takes abbreviated flags (``--prod``), as jwst's does;
``asnkit from-list`` wants them whole, and lets options and files mix in any order.
"""

import enum
from typing import Annotated, Final

import typer

from asnkit.cli._typer import VersionOption, done, given_in_order, values_of

__all__ = ["ARITY", "PathPolicy", "command"]

ARITY: Final = {"--member": 2}
"""The options that take several values (see asnkit.cli._typer.AsnkitCommand)."""

_PROG: Final = "asnkit from-list"
_ROLES: Final = {"background": "background", "imprint": "imprint", "psf": "psf"}
"""Role options (the parameter's name) -> the member type they give."""


class PathPolicy(str, enum.Enum):
    """How member names are written (``--paths``): asnkit.paths.PATH_POLICIES."""

    KEEP = "keep"
    NAME = "name"
    ABSOLUTE = "absolute"
    RELATIVE = "relative"


def command(
    *,
    ctx: typer.Context,
    filelist: Annotated[
        list[str] | None,
        typer.Argument(metavar="FILE", help="The science files.", show_default=False),
    ] = None,
    output_file: Annotated[
        str,
        typer.Option(
            "--output-file", "-o", metavar="FILE", help="The file to write the association to."
        ),
    ],
    product_name: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The product name of a Stage 3 association (required there).",
            show_default=False,
        ),
    ] = None,
    rule: Annotated[
        str,
        typer.Option(
            "--rule",
            "-r",
            metavar="RULE",
            help="DMS_Level3_Base (Stage 3) or DMSLevel2bBase (Stage 2).",
        ),
    ] = "DMS_Level3_Base",
    acid: Annotated[
        str | None,
        typer.Option(
            "--id",
            "-i",
            metavar="ID",
            help="The candidate id, oNNN or cNNNN (cNNNN needs a background member), "
            "written as asn_id (default: jwst's a3001).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="json",
            help="Deprecated: association files are always JSON (accepted with a warning).",
            show_default=False,
        ),
    ] = None,
    ruledefs: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE",
            help="Rule definition files: not supported (asnkit has no rule plugins yet).",
            show_default=False,
        ),
    ] = None,
    background: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE",
            help="An off-target background exposure; repeatable.",
            show_default=False,
        ),
    ] = None,
    imprint: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE",
            help="A NIRSpec imprint (leakcal) exposure; repeatable.",
            show_default=False,
        ),
    ] = None,
    psf: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE",
            help="A PSF reference exposure (coronagraphy, AMI); repeatable.",
            show_default=False,
        ),
    ] = None,
    member: Annotated[
        list[str] | None,
        typer.Option(
            metavar="EXPTYPE FILE",
            help="A member of any other type (sourcecat, segmap, direct_image, "
            "target_acquisition, ...); repeatable.",
            show_default=False,
        ),
    ] = None,
    lists: Annotated[
        list[str] | None,
        typer.Option(
            "--list",
            metavar="FILE",
            help='Read members from FILE ("-": standard input), one "expname [exptype]" '
            "a line; repeatable.",
            show_default=False,
        ),
    ] = None,
    asn_type: Annotated[
        str | None,
        typer.Option(metavar="TYPE", help="asn_type: image3, spec2, ...", show_default=False),
    ] = None,
    program: Annotated[
        str | None,
        typer.Option(metavar="NNNNN", help="program (digits are padded to 5).", show_default=False),
    ] = None,
    target: Annotated[
        str | None, typer.Option(metavar="TNNN", help="target, e.g. t001.", show_default=False)
    ] = None,
    asn_pool: Annotated[
        str | None,
        typer.Option(
            "--pool", metavar="NAME", help="asn_pool: the pool's name.", show_default=False
        ),
    ] = None,
    version_id: Annotated[
        str | None, typer.Option(metavar="ID", help="version_id.", show_default=False)
    ] = None,
    paths: Annotated[
        PathPolicy,
        typer.Option(
            help="How member names are written: as given, without directories, absolute, "
            "or relative to the output file's folder."
        ),
    ] = PathPolicy.KEEP,
    from_headers: Annotated[
        bool,
        typer.Option(
            "--from-headers",
            help="Make the association asnkit generate makes of these files from their "
            "FITS headers (needs asnkit[fits]): the one whose members are exactly the "
            "files; at Stage 2 every association's products, merged. The flags given win.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write even an association asnkit validate would reject (a warning names "
            "the problems); with --from-headers, also when the files are not one "
            "association: the one that takes most of them (a warning names the others).",
        ),
    ] = False,
    version: VersionOption = False,  # noqa: ARG001 (handled by its callback)
) -> None:
    """Create an association from a list of files (asn_from_list's options).

    Stage 2: each science (and PSF) file is its own product, and every other member
    joins every product. Stage 3: one product, science first, then the others in
    the order given. A value with *, ? or [ that the shell did not expand is
    expanded here (sorted); a pattern matching nothing is refused.

    \b
    Examples:
      asnkit from-list -o l2_asn.json -r DMSLevel2bBase *_rate.fits
      asnkit from-list -o l3_asn.json --product-name l3_results *_cal.fits
      asnkit from-list -o l2_asn.json -r DMSLevel2bBase \\
          --background bkg_rate.fits sci_rate.fits
      asnkit from-list -o l3_asn.json --product-name mosaic --list members.txt

    Exit status: 0 written, 1 the association could not be valid or not written,
    2 bad usage. An existing output file is replaced only by a complete new one.
    """
    from asnkit.cli._from_list import Request, make

    roles: list[tuple[str, str]] = []
    for name, values in given_in_order(ctx):
        if name in _ROLES:
            roles.append((_ROLES[name], values[0]))
        elif name == "member":
            exptype, file = values_of(values[0])
            roles.append((exptype, file))
    del background, imprint, psf, member  # read in command-line order above
    request = Request(
        output_file=output_file,
        filelist=filelist or [],
        product_name=product_name,
        rule=rule,
        acid=acid,
        format=output_format,
        ruledefs=ruledefs,
        roles=roles or None,
        lists=lists,
        asn_type=asn_type,
        program=program,
        target=target,
        asn_pool=asn_pool,
        version_id=version_id,
        paths=paths.value,
        from_headers=from_headers,
        force=force,
        expand=True,
    )
    done(make(request, _PROG))
