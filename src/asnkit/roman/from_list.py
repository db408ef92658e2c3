"""``asn_from_list`` for Roman: one product of every file, as romancal 1.1.0 makes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asnkit._types import names as _names
from asnkit.codec.emit import dumps as _dumps
from asnkit.from_list import member_pair
from asnkit.io import write as _write
from asnkit.models import ABSENT
from asnkit.rules.roman import DEFAULT_DATA_RELEASE_ID, DEFAULT_TARGET, RomanRule

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from asnkit._types import Names
    from asnkit.models import Association

__all__ = ["asn_from_list", "dump", "dumps", "suggested_file_name", "write"]

_RULE = RomanRule()


def asn_from_list(
    items: Names | Iterable[tuple[str, str]],
    *,
    product_name: str,
    target: str = DEFAULT_TARGET,
    data_release_id: str = DEFAULT_DATA_RELEASE_ID,
    psf_match_reference_filter: str | None = None,
    tweakreg_catalogs: bool = False,
    with_exptype: bool = False,
) -> Association:
    """The association romancal 1.1.0's ``asn_from_list`` command makes of ``items``.

    Args:
        items: File names, all science, in order (a list: a single string is a
            ``TypeError``); or, with ``with_exptype``, ``(expname, exptype)`` pairs.
        product_name: The one product's name (required, as romancal's command requires it).
        target: ``target``; romancal's command writes ``"None"`` without ``-t``.
        data_release_id: ``data_release_id`` (``p`` by default).
        psf_match_reference_filter: The filter MultibandCatalogStep matches PSFs to,
            written after ``products`` when given.
        tweakreg_catalogs: Give each member a ``tweakreg_catalog``: ``x_cal.asdf`` ->
            ``x_cat.parquet`` (romancal's ``--_tweakreg-catalogs``).
        with_exptype: ``items`` are ``(expname, exptype)`` pairs.

    Raises:
        TypeError: ``items`` is a single string, or an argument is not a string.
        InvalidAssociationError: no item, an item of the wrong shape, or (with
            ``tweakreg_catalogs``) a name with no file part.

    Examples:
        >>> asn = asn_from_list(["a_cal.asdf"], product_name="mosaic", tweakreg_catalogs=True)
        >>> asn.products[0].members[0].extra["tweakreg_catalog"]
        'a_cat.parquet'
    """
    listed = _names(items, "items")
    given: dict[str, object] = {
        "product_name": product_name,
        "target": target,
        "data_release_id": data_release_id,
        "psf_match_reference_filter": psf_match_reference_filter,
    }
    for label, value in given.items():
        if not isinstance(value, str) and not (label.startswith("psf") and value is None):
            msg = f"{label} must be a string, not {type(value).__name__} ({value!r:.40})"
            raise TypeError(msg)
    members = [
        member_pair(item, with_exptype=with_exptype, blank_is_science=False) for item in listed
    ]
    return _RULE.build(
        members,
        product_name=product_name,
        target=target,
        data_release_id=data_release_id,
        psf_match_reference_filter=psf_match_reference_filter,
        tweakreg_catalogs=tweakreg_catalogs,
    )


def dumps(asn: Association) -> str:
    """The JSON text romancal writes: indent 4, ASCII only, no final newline."""
    return _dumps(asn)


def suggested_file_name(asn: Association) -> str:
    """The file name romancal suggests, ``r{program}-a3001[_{version_id}]_{asn_type}_001_asn.json``.

    In lower case; the id is always ``a3001`` and the sequence 1, as romancal 1.1.0 names it.
    """
    program = "noprogram" if asn.program is ABSENT else asn.program
    asn_type = "None" if asn.asn_type is ABSENT else asn.asn_type
    stamp = asn.version_id if isinstance(asn.version_id, str) and asn.version_id else None
    middle = f"a3001_{stamp}" if stamp else "a3001"
    return f"r{program}-{middle}_{asn_type}_001_asn.json".lower()


def dump(asn: Association) -> tuple[str, str]:
    """The suggested file name and the JSON text, as romancal's ``Association.dump``."""
    return suggested_file_name(asn), dumps(asn)


def write(asn: Association, path: str | os.PathLike[str]) -> None:
    """Write ``asn`` to ``path`` atomically, in romancal's layout."""
    _write(asn, path)
