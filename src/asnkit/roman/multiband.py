"""``multiband_asn``: one association per sky cell and prefix of ``*_coadd.asdf`` files.

romancal 1.1.0 groups the names of coadded images, ``<prefix><skycell>_<filter>_coadd.asdf``
(a sky cell such as ``270p65x70y49``, a filter such as ``f158``), by sky cell, and within a
sky cell by prefix (``r00001_p_v01001001001001_``: program, data release, product type);
each group is one association whose product is ``<prefix><skycell>`` and whose file is
``<prefix><skycell>_asn.json``, with the data release id read from the prefix. A name that
is not of that form is left out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from asnkit._types import names as _names
from asnkit.models import Association
from asnkit.roman.from_list import asn_from_list

if TYPE_CHECKING:
    from asnkit._types import Names

__all__ = ["CoaddName", "MultibandGroup", "group_coadds", "multiband", "parse_coadd_name"]

_COADD: Final = re.compile(
    r"(?P<prefix>.*_)(?P<skycell>[0-9]+[pm][0-9]*x[0-9]*y[0-9]*)_(?P<filter>f[0-9]+)_coadd\.asdf$"
)


@attrs.frozen
class CoaddName:
    """The parts of a coadded image's name.

    Attributes:
        prefix: Everything before the sky cell, its last underscore included (a folder too).
        skycell: The sky cell id (``270p65x70y49``).
        filter: The optical element (``f158``).
    """

    prefix: str
    skycell: str
    filter: str


def parse_coadd_name(name: str) -> CoaddName | None:
    """The parts of ``name`` when it is ``<prefix><skycell>_<filter>_coadd.asdf``, else ``None``.

    The prefix is as long as it can be, and holds no newline (romancal's pattern); a name
    may end with one newline after ``.asdf``, as that pattern lets it.
    """
    match = _COADD.match(name)
    if match is None:
        return None
    return CoaddName(match["prefix"], match["skycell"], match["filter"])


@attrs.frozen
class MultibandGroup:
    """One association ``multiband`` makes, and where it goes.

    Attributes:
        file_name: ``<prefix><skycell>_asn.json``, relative to where the command runs.
        product_name: ``<prefix><skycell>``.
        skycell: The sky cell id.
        data_release_id: The prefix's second ``_`` field (``r00001_p_...``: ``p``).
        files: The members, in the order given.
        association: The association.
    """

    file_name: str
    product_name: str
    skycell: str
    data_release_id: str
    files: tuple[str, ...]
    association: Association


def group_coadds(files: list[str]) -> list[tuple[str, str, list[str]]]:
    """``(skycell, prefix, members)`` of each group of ``files``, as romancal groups them.

    Sky cells in the order first seen, prefixes sorted. A group's members are the files of
    its sky cell whose name starts with ``prefix + skycell``, in the order given.
    """
    by_skycell: dict[str, list[str]] = {}
    prefixes: dict[str, set[str]] = {}
    for name in files:
        parsed = parse_coadd_name(name)
        if parsed is None:
            continue
        by_skycell.setdefault(parsed.skycell, []).append(name)
        prefixes.setdefault(parsed.skycell, set()).add(parsed.prefix)
    groups = []
    for skycell, names in by_skycell.items():
        for prefix in sorted(prefixes[skycell]):
            start = prefix + skycell
            groups.append((skycell, prefix, [name for name in names if name.startswith(start)]))
    return groups


def release_of(prefix: str) -> str:
    """The data release id in a prefix: its second ``_``-separated field."""
    return prefix.split("_")[1]


def multiband(
    files: Names, *, psf_match_reference_filter: str | None = None
) -> tuple[MultibandGroup, ...]:
    """The associations romancal 1.1.0's ``multiband_asn`` makes of ``files``.

    Args:
        files: File names; those not of the coadd form are left out.
        psf_match_reference_filter: Written in every association when given.

    Returns:
        One group per sky cell and prefix (empty when no name is a coadd's).
    """
    found = []
    for skycell, prefix, members in group_coadds(_names(files, "files")):
        product_name = prefix + skycell
        release = release_of(prefix)
        association = asn_from_list(
            members,
            product_name=product_name,
            data_release_id=release,
            psf_match_reference_filter=psf_match_reference_filter,
        )
        found.append(
            MultibandGroup(
                file_name=f"{product_name}_asn.json",
                product_name=product_name,
                skycell=skycell,
                data_release_id=release,
                files=tuple(members),
                association=association,
            )
        )
    return tuple(found)
