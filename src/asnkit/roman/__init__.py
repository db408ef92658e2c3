"""Roman: romancal 1.1.0's associations, made and written as romancal makes and writes them.

Use::

    from asnkit import roman

    asn = roman.asn_from_list(["a_cal.asdf", "b_cal.asdf"], product_name="mosaic")
    roman.write(asn, "mosaic_asn.json")

    for group in roman.multiband(["r00001_p_v01_270p65x70y49_f158_coadd.asdf"]):
        roman.write(group.association, group.file_name)

The associations are the typed :class:`~asnkit.models.Association` of the JWST API, built by
the Roman rule of the one registry (:class:`asnkit.rules.roman.RomanRule`,
``DMS_ELPP_Base``), in romancal's key order; :func:`dumps` gives romancal's bytes (but
``code_version``, asnkit's own). docs/roman.md has the commands and the differences.
"""

from __future__ import annotations

from asnkit.roman.from_list import asn_from_list, dump, dumps, suggested_file_name, write
from asnkit.roman.multiband import MultibandGroup, multiband, parse_coadd_name

__all__ = [
    "MultibandGroup",
    "asn_from_list",
    "dump",
    "dumps",
    "multiband",
    "parse_coadd_name",
    "suggested_file_name",
    "write",
]
