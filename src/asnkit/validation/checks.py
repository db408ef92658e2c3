"""The meaning checks: what no pipeline can run (errors) and what is suspicious (warnings).

Each check is one function of a :class:`Document` that yields its findings; :data:`CHECKS`
lists them all, in the order they run. A new check is one function here, one line in
:data:`CHECKS` and one test. The checks see the decoded document after the schema layer:
values the schema types may still be of the wrong type (that is reported there), so a
check looks only at what has the type it needs.
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import TYPE_CHECKING, Final

from asnkit.codec.decode import json_type
from asnkit.validation.report import Finding, error, warning
from asnkit.vocabulary import KNOWN_ASN_TYPES, KNOWN_EXPTYPES, ExpType

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from asnkit.vocabulary import Stage

__all__ = ["CHECKS", "Document", "meaning_findings"]


class Document:
    """The document a check looks at, with its products and members found once.

    Attributes:
        data: The decoded document.
        stage: The stage it is checked as.
        products: ``(index, product)`` for every product that is an object.
        members: ``(product index, member index, member)`` for every member that is an
            object, in a product whose ``members`` is an array.
    """

    __slots__ = ("data", "expnames", "exptypes", "members", "products", "stage")

    def __init__(self, data: Mapping[str, object], stage: Stage) -> None:
        self.data = data
        self.stage = stage
        listed = data.get("products")
        products = listed if isinstance(listed, (list, tuple)) else ()
        self.products = [(i, p) for i, p in enumerate(products) if isinstance(p, dict)]
        self.members = [
            (p_index, m_index, member)
            for p_index, product in self.products
            if isinstance(members := product.get("members"), (list, tuple))
            for m_index, member in enumerate(members)
            if isinstance(member, dict)
        ]
        self.expnames = self.strings("expname")
        self.exptypes = self.strings("exptype")

    def strings(self, key: str) -> list[tuple[int, int, str]]:
        """``(product index, member index, value)`` of every member whose ``key`` is a string."""
        return [
            (p_index, m_index, value)
            for p_index, m_index, member in self.members
            if isinstance(value := member.get(key), str)
        ]


def _member(p_index: int, m_index: int, key: str = "") -> str:
    pointer = f"/products/{p_index}/members/{m_index}"
    return f"{pointer}/{key}" if key else pointer


# -- the document ------------------------------------------------------------------------


def unknown_asn_type(doc: Document) -> Iterator[Finding]:
    """Warn of an ``asn_type`` no JWST pipeline writes."""
    asn_type = doc.data.get("asn_type")
    if isinstance(asn_type, str) and asn_type not in KNOWN_ASN_TYPES:
        yield warning(
            "/asn_type",
            f"unknown asn_type {asn_type!r}: JWST pipelines write image2, spec2, image3, "
            "spec3, ami3, coron3, tso3, ... (an old or foreign file?)",
        )


_ASN_ID: Final = re.compile(r"(?:o\d{3}|[car]\d{4})\Z")


def asn_id_form(doc: Document) -> Iterator[Finding]:
    """Warn of an ``asn_id`` not of DMS's forms."""
    asn_id = doc.data.get("asn_id")
    if isinstance(asn_id, str) and not _ASN_ID.match(asn_id):
        yield warning(
            "/asn_id", f"asn_id {asn_id!r} is not of the form oNNN, cNNNN, aNNNN or rNNNN"
        )


def no_product(doc: Document) -> Iterator[Finding]:
    """An association needs a product."""
    if doc.data.get("products") in ([], ()):
        yield error("/products", "no product: an association needs at least one")


# -- products ----------------------------------------------------------------------------


def product_without_member(doc: Document) -> Iterator[Finding]:
    """A product needs a member."""
    for p_index, product in doc.products:
        if product.get("members") in ([], ()):
            yield error(f"/products/{p_index}/members", "the product has no member")


def product_name_missing_or_empty(doc: Document) -> Iterator[Finding]:
    """The pipelines name their outputs after the product: every product needs a name.

    Stage 2 reads each product's ``name`` for its output files, Stage 3 its product's.
    """
    for p_index, product in doc.products:
        name = product.get("name")
        if "name" not in product:
            yield error(
                f"/products/{p_index}",
                "the product has no 'name': the pipeline names its output files after it",
            )
        elif isinstance(name, str) and not name.strip():
            yield error(
                f"/products/{p_index}/name",
                "the product's name is empty: the pipeline names its output files after it",
            )


def duplicate_product_name(doc: Document) -> Iterator[Finding]:
    """Warn of two products of one name: their outputs would overwrite each other."""
    first: dict[str, int] = {}
    for p_index, product in doc.products:
        name = product.get("name")
        if isinstance(name, str) and first.setdefault(name, p_index) != p_index:
            yield warning(
                f"/products/{p_index}/name",
                f"product {p_index} has the same name as product {first[name]} ({name!r}): "
                "their outputs would overwrite each other",
            )


def science_count(doc: Document) -> Iterator[Finding]:
    """Stage 2b: exactly one science member per product; Stage 3: at least one."""
    for p_index, product in doc.products:
        members = product.get("members")
        if not isinstance(members, (list, tuple)) or not members:
            continue
        science = sum(
            1
            for member in members
            if isinstance(member, dict)
            and isinstance(exptype := member.get("exptype"), str)
            and exptype.lower() == ExpType.SCIENCE
        )
        if doc.stage == "level2b" and science != 1:
            yield error(
                f"/products/{p_index}/members",
                f"a Stage 2b product needs exactly one science member; it has {science}",
            )
        elif doc.stage == "level3" and science == 0:
            yield error(
                f"/products/{p_index}/members",
                "a Stage 3 product needs a science member; it has none",
            )


# -- members -----------------------------------------------------------------------------


def member_not_an_object(doc: Document) -> Iterator[Finding]:
    """A member is an object (jwst's schemas do not say so; its pipelines need it)."""
    for p_index, product in doc.products:
        members = product.get("members")
        for m_index, member in enumerate(members if isinstance(members, (list, tuple)) else ()):
            if not isinstance(member, dict):
                yield error(
                    _member(p_index, m_index),
                    f"a member is an object with expname and exptype, not {json_type(member)}",
                )


def empty_expname(doc: Document) -> Iterator[Finding]:
    """A member names a file: an empty (or blank) ``expname`` names none."""
    for p_index, m_index, expname in doc.expnames:
        if not expname.strip():
            yield error(
                _member(p_index, m_index, "expname"),
                "expname is empty: a member names its exposure's file",
            )


_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def control_characters(doc: Document) -> Iterator[Finding]:
    """No file or product name holds a control character (a newline, a tab, ...)."""
    for p_index, m_index, expname in doc.expnames:
        # isprintable (C) passes every ordinary name; only the others are searched.
        if not expname.isprintable() and (found := _CONTROL.search(expname)):
            pointer = _member(p_index, m_index, "expname")
            yield error(pointer, _control_message("expname", expname, found))
    for p_index, product in doc.products:
        name = product.get("name")
        if isinstance(name, str) and not name.isprintable() and (found := _CONTROL.search(name)):
            yield error(f"/products/{p_index}/name", _control_message("name", name, found))


def _control_message(key: str, value: str, found: re.Match[str]) -> str:
    return (
        f"{key} {value!r} holds a control character ({found.group()!r} at {found.start()}): "
        "no file name has one; remove it"
    )


def exptype_spelling(doc: Document) -> Iterator[Finding]:
    """Warn of an ``exptype`` no pipeline acts on, or not in lower case."""
    for p_index, m_index, exptype in doc.exptypes:
        if exptype == ExpType.SCIENCE:  # most members: one comparison
            continue
        folded = exptype.lower()
        pointer = _member(p_index, m_index, "exptype")
        if folded not in KNOWN_EXPTYPES:
            yield warning(pointer, _unknown_exptype_message(exptype))
        elif folded != exptype:
            yield warning(pointer, f"exptype {exptype!r} is not lower case; write {folded!r}")


@functools.lru_cache(maxsize=256)
def _unknown_exptype_message(exptype: str) -> str:
    known = sorted(KNOWN_EXPTYPES)
    close = difflib.get_close_matches(exptype.lower(), known, n=1, cutoff=0.85)
    if close:
        hint = f"misspelled? did you mean {close[0]!r}"
    else:
        hint = "no pipeline step acts on it (known: " + ", ".join(known) + ")"
    return f"unknown exptype {exptype!r}: {hint}"


def duplicate_member(doc: Document) -> Iterator[Finding]:
    """Warn of the same file with the same role twice in one product."""
    first: dict[tuple[int, str, str], int] = {}
    for p_index, m_index, member in doc.members:
        expname, exptype = member.get("expname"), member.get("exptype")
        if not (isinstance(expname, str) and isinstance(exptype, str)):
            continue
        key = (p_index, expname, exptype.lower())
        if first.setdefault(key, m_index) != m_index:
            yield warning(
                _member(p_index, m_index),
                f"the same member as member {first[key]} of this product "
                f"({expname!r}, {exptype.lower()!r})",
            )


def directory_in_expname(doc: Document) -> Iterator[Finding]:
    """Warn of a name that works only from one directory, or only on Windows.

    Absolute names work from anywhere (``--paths absolute``), and so do relative names at
    Stage 3, which resolves them from the association's directory (``--paths relative``):
    neither is warned of. Stage 2 opens a relative name with a directory part from the
    directory it runs in; and a backslash is a directory only on Windows.
    """
    for p_index, m_index, expname in doc.expnames:
        pointer = _member(p_index, m_index, "expname")
        if "\\" in expname:
            yield warning(
                pointer,
                f"expname {expname!r} has a backslash: a directory separator only on "
                "Windows; write '/'",
            )
        elif doc.stage == "level2b" and "/" in expname and not expname.startswith("/"):
            yield warning(
                pointer,
                f"expname {expname!r} is relative with a directory: Stage 2 opens it from "
                "the directory it runs in, not the association's; run it there, or write "
                "the name bare (--paths name) or absolute (--paths absolute)",
            )


# File suffixes (the last ``_word`` before ``.fits``) that say a science member is the wrong
# level of product for the stage: Stage 2b calibrates count-rate files; Stage 3 combines
# calibrated ones. Only FITS names: other formats (Roman's ASDF) have other levels.
_SUFFIXES_NOT_FOR: Final[Mapping[Stage, frozenset[str]]] = {
    "level2b": frozenset(
        {"cal", "calints", "crf", "crfints", "i2d", "s2d", "s3d", "x1d", "x1dints", "c1d"}
    ),
    "level3": frozenset({"uncal", "ramp", "rate", "rateints"}),
}
_SUFFIX_HINT: Final[Mapping[Stage, str]] = {
    "level2b": "a Stage 2b association: Stage 2 calibrates _rate/_rateints files",
    "level3": "a Stage 3 association: Stage 3 combines calibrated (_cal, _calints, ...) files",
}


def suffix_for_stage(doc: Document) -> Iterator[Finding]:
    """Warn of a science file of the wrong level for the stage (``_cal`` at Stage 2b, ...)."""
    bad = _SUFFIXES_NOT_FOR[doc.stage]
    for p_index, m_index, member in doc.members:
        expname, exptype = member.get("expname"), member.get("exptype")
        if not (isinstance(expname, str) and isinstance(exptype, str)):
            continue
        if exptype.lower() != ExpType.SCIENCE:
            continue
        suffix = _fits_suffix(expname, bad)
        if suffix is not None:
            yield warning(
                _member(p_index, m_index, "expname"),
                f"a science member with suffix '_{suffix}' in {_SUFFIX_HINT[doc.stage]}",
            )


def _fits_suffix(expname: str, bad_suffixes: frozenset[str]) -> str | None:
    """The step suffix of ``..._word.fits`` (or ``.fits.gz``) if ``bad_suffixes`` has it."""
    tail = expname[expname.rfind("_") + 1 :].lower()  # "cal.fits": one slice, no regex
    for extension in (".fits", ".fits.gz"):
        if tail.endswith(extension):
            word = tail[: -len(extension)]
            return word if word in bad_suffixes else None
    return None


CHECKS: Final[Sequence[Callable[[Document], Iterator[Finding]]]] = (
    unknown_asn_type,
    asn_id_form,
    no_product,
    product_without_member,
    product_name_missing_or_empty,
    duplicate_product_name,
    science_count,
    member_not_an_object,
    empty_expname,
    control_characters,
    exptype_spelling,
    duplicate_member,
    directory_in_expname,
    suffix_for_stage,
)
"""Every meaning check, in the order it runs."""


def meaning_findings(document: Mapping[str, object], stage: Stage) -> list[Finding]:
    """The findings of every check, in document order (a place's findings in check order)."""
    doc = Document(document, stage)
    found = [finding for check in CHECKS for finding in check(doc)]
    if len(found) > 1:
        found.sort(key=lambda finding: _place(finding.pointer))
    return found


def _place(pointer: str) -> tuple[int, ...]:
    """A sort key putting findings in the order of products and members."""
    return tuple(int(token) for token in pointer.split("/") if token.isdigit())
