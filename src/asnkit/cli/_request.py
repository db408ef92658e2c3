"""What a command line asks ``asn_from_list`` or ``asnkit from-list`` to make.

Both parsers fill a :class:`Request`; :func:`asnkit.cli._from_list.make` does the rest.

This module is on the start-up path of ``asn_from_list`` and its annotations are evaluated
(no ``from __future__ import annotations``): :class:`typing.NamedTuple` turns an annotation
given as a string into a :class:`typing.ForwardRef`, compiling each, which cost the command
about a millisecond at every start.
"""

from collections.abc import Sequence
from typing import NamedTuple

from asnkit.paths import PathPolicy

__all__ = ["Request"]


class Request(NamedTuple):
    """Everything the command line says, whichever parser read it.

    Attributes:
        output_file: ``-o/--output-file``.
        filelist: The science files given as arguments.
        product_name: ``--product-name``.
        rule: ``-r/--rule``.
        acid: ``-i/--id``.
        format: ``-f/--format`` (deprecated; ``None`` when not given).
        ruledefs: ``--ruledefs`` (refused when given).
        roles: ``(exptype, file)`` of every role flag, in command-line order.
        lists: ``--list`` files.
        asn_type: ``--asn-type``.
        program: ``--program``.
        target: ``--target``.
        asn_pool: ``--pool``.
        version_id: ``--version-id``.
        paths: ``--paths``: one of :data:`PATH_POLICIES`.
        from_headers: ``--from-headers``.
        force: ``--force``.
    """

    output_file: str
    filelist: Sequence[str] = ()
    product_name: str | None = None
    rule: str = "DMS_Level3_Base"
    acid: str | None = None
    format: str | None = None
    ruledefs: Sequence[str] | None = None
    roles: Sequence[tuple[str, str]] | None = None
    lists: Sequence[str] | None = None
    asn_type: str | None = None
    program: str | None = None
    target: str | None = None
    asn_pool: str | None = None
    version_id: str | None = None
    paths: PathPolicy = "keep"
    from_headers: bool = False
    force: bool = False
