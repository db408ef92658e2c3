"""``asnkit from-list``: ``asn_from_list`` as an ``asnkit`` subcommand.

The same options as ``asn_from_list``, each declared once in
:mod:`asnkit.cli._from_list_options` (spellings, value name, default, help), read by typer
instead of argparse, handed to the same :func:`asnkit.cli._from_list.make`: what the two
check, build and write cannot drift apart. Two things only
argparse does: ``asn_from_list`` takes abbreviated flags (``--prod``), as jwst's does;
``asnkit from-list`` wants them whole, and lets options and files mix in any order.
"""

import enum
from typing import Annotated, Any, Final

import typer

from asnkit.cli._from_list_options import FILES, OPTIONS, ROLES, option
from asnkit.cli._typer import VersionOption, done, given_in_order, values_of

__all__ = ["ARITY", "PathPolicy", "command"]

ARITY: Final = {spec.flags[0]: 2 for spec in OPTIONS if spec.kind == "pair"}
"""The options that take several values (see asnkit.cli._typer.AsnkitCommand)."""

_PROG: Final = "asnkit from-list"
_ROLES: Final = {flag.removeprefix("--"): exptype for flag, exptype in ROLES.items()}
"""Role options (the parameter's name) -> the member type they give."""


def _option(flag: str) -> Any:  # noqa: ANN401 (typer's OptionInfo, typed Any by typer)
    """The typer option of ``flag``, from its one declaration (spellings, value, help)."""
    spec = option(flag)
    shown = spec.default is not None and spec.kind != "flag"
    return typer.Option(
        *sorted(spec.flags, key=lambda flag: not flag.startswith("--")),  # named by --long
        metavar=spec.metavar if spec.kind != "choice" else None,
        help=spec.help,
        show_default=shown,
    )


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
        list[str] | None, typer.Argument(metavar="FILE", help=FILES, show_default=False)
    ] = None,
    output_file: Annotated[str, _option("-o")],
    output_format: Annotated[str | None, _option("-f")] = None,
    product_name: Annotated[str | None, _option("--product-name")] = None,
    rule: Annotated[str, _option("-r")] = "DMS_Level3_Base",
    ruledefs: Annotated[list[str] | None, _option("--ruledefs")] = None,
    acid: Annotated[str | None, _option("-i")] = None,
    background: Annotated[list[str] | None, _option("--background")] = None,
    imprint: Annotated[list[str] | None, _option("--imprint")] = None,
    psf: Annotated[list[str] | None, _option("--psf")] = None,
    member: Annotated[list[str] | None, _option("--member")] = None,
    lists: Annotated[list[str] | None, _option("--list")] = None,
    asn_type: Annotated[str | None, _option("--asn-type")] = None,
    program: Annotated[str | None, _option("--program")] = None,
    target: Annotated[str | None, _option("--target")] = None,
    asn_pool: Annotated[str | None, _option("--pool")] = None,
    version_id: Annotated[str | None, _option("--version-id")] = None,
    paths: Annotated[PathPolicy, _option("--paths")] = PathPolicy.KEEP,
    from_headers: Annotated[bool, _option("--from-headers")] = False,
    force: Annotated[bool, _option("--force")] = False,
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
