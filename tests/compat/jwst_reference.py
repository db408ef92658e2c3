"""Running jwst 3.0.0's ``asn_from_list`` in this process, and the differences it may show.

The only differences allowed between jwst's files and asnkit's are those listed in
docs/differences.md; :func:`expected_asnkit_text` applies exactly those to jwst's text.

Cases stay independent although jwst keeps state in the process: its sequence counter
reaches only the suggested file name (never the file's text), and its warnings and log
records are silenced around each call rather than left to the next test.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import warnings
from typing import TYPE_CHECKING, Final

import asnkit

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

JWST_VERSION: Final = "3.0.0"
JWST_ASN_ID: Final = "a3001"
"""What jwst writes as ``asn_id`` in every association made from a list."""

CANDIDATE_ID: Final = re.compile(r"(?:o\d{3}|c\d{4})\Z")
"""The ids asnkit accepts (docs/differences.md, "-i values")."""


@contextlib.contextmanager
def quiet_jwst() -> Iterator[None]:
    """jwst's warnings and log lines, kept out of the test's output and each other's way."""
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


def run_jwst_command(argv: Sequence[str]) -> bool:
    """Run jwst's ``asn_from_list`` in process: ``True`` when it wrote its file.

    A failure is any exception, or argparse's ``SystemExit`` for usage errors: the outcome a
    user of jwst's command sees as a traceback or a usage message.
    """
    from jwst.associations.asn_from_list import main

    with quiet_jwst(), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(list(argv))
        except SystemExit:
            return False
        except Exception:  # noqa: BLE001 (every jwst failure is one outcome here: "refused")
            return False
    return True


def expected_asnkit_text(jwst_text: str, *, acid: str | None, named_by_files: bool = False) -> str:
    """jwst's file with the deliberate differences of docs/differences.md applied.

    ``code_version`` says asnkit's version; with ``-i``, ``asn_id`` is the id given. Each
    replacement must find its line exactly once, so a changed layout cannot hide here.
    ``named_by_files``: the products are named after their science files (not by a
    ``product_name_func``), whose folders asnkit leaves out.
    """
    text = _replace_once(
        jwst_text,
        f'    "code_version": "{JWST_VERSION}",\n',
        f'    "code_version": "{asnkit.__version__}",\n',
    )
    if acid is not None:
        text = _replace_once(
            text, f'    "asn_id": "{JWST_ASN_ID}",\n', f'    "asn_id": {json.dumps(acid)},\n'
        )
    return _no_folder_in_product_names(text) if named_by_files else text


def _name_of_file(expname: str) -> str:
    """The product name jwst gives the file ``expname`` without its folder.

    jwst's own suffix removal on the stem of the file's name (after its last ``/`` or
    ``\\``): asnkit names a Stage 2 product after its file, not its folder
    (docs/differences.md); ``.`` and ``..`` have no stem and stay as they are.
    """
    from pathlib import PurePosixPath

    from jwst.lib.suffix import remove_suffix

    base = expname.replace("\\", "/").rpartition("/")[2]
    if base in (".", ".."):
        return base
    return str(remove_suffix(PurePosixPath(base).stem if base else "")[0])


def _no_folder_in_product_names(text: str) -> str:
    """Each product named after its science file, without the folder jwst keeps."""
    done = []
    rest = text
    for product in json.loads(text)["products"]:
        name, expname = product["name"], product["members"][0]["expname"]
        old = f'            "name": {json.dumps(name)},\n'
        new = f'            "name": {json.dumps(_name_of_file(expname))},\n'
        before, found, rest = rest.partition(old)
        assert found, name
        done += [before, new]
    return "".join(done) + rest


def _replace_once(text: str, old: str, new: str) -> str:
    count = text.count(old)
    if count != 1:
        msg = f"expected the line {old!r} once in jwst's output, found it {count} times"
        raise AssertionError(msg)
    return text.replace(old, new)


def invalid_for_asnkit(jwst_text: str) -> bool:
    """Whether ``asnkit validate`` rejects jwst's result: asnkit never writes such a file.

    jwst writes an empty product name, an empty member name, or a name holding a control
    character; no pipeline can run them, and asnkit refuses them (docs/differences.md).
    """
    import asnkit

    return bool(asnkit.validate(jwst_text.encode("utf-8")).errors)


def clashing_products(jwst_text: str, *, named_by_files: bool = True) -> bool:
    """Whether jwst's Stage 2 result names two products alike for different exposures.

    Their outputs would overwrite each other; asnkit refuses such a list, naming both files
    (docs/differences.md).
    """
    seen: dict[str, str] = {}
    for product in json.loads(jwst_text)["products"]:
        science = product["members"][0]["expname"]
        # asnkit names the product without the member's folder (docs/differences.md).
        name = _name_of_file(science) if named_by_files else product["name"]
        if seen.setdefault(name, science) != science:
            return True
    return False
