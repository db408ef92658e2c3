"""The meaning checks: what no pipeline can run (errors) and what is suspicious (warnings).

Each check is one function of a :class:`Document` that returns its findings (a list, most
often empty); :data:`CHECKS` lists them all, in the order they run. A new check is one
function here, one line in :data:`CHECKS` and one test. The checks see the decoded document
after the schema layer: values the schema types may still be of the wrong type (that is
reported there), so a check looks only at what has the type it needs.

Most documents have nothing to report, and thousands are checked a second: a check first
asks the :class:`Document` whether anything could be wrong (one search of every name at
once, a count), and looks member by member only when something could be.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final

import attrs

from asnkit._escape import quoted
from asnkit.codec.decode import json_type
from asnkit.name_parts import MAX_PRODUCT_NAME_BYTES, product_name_problem
from asnkit.rules import rule_for_stage
from asnkit.rules.candidate_ids import ASN_ID_FORMS, full_match
from asnkit.validation.report import Finding, error, warning
from asnkit.vocabulary import KNOWN_ASN_TYPES, KNOWN_EXPTYPES, STAGES, ExpType

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
        arrays: ``(index, members)`` for every such product whose ``members`` is an array.
        entries: How many members there are, objects or not, in those arrays.
        objects: How many of those members are objects (see :meth:`located` for them).
        expname_values: Every ``expname`` that is a string, in order (see :meth:`located`).
        exptype_values: The same for ``exptype``.
        product_names: Every product ``name`` that is a string, in order.
        names: :attr:`expname_values` joined into one string (no separator): a check can ask
            once whether any name holds a character.
    """

    __slots__ = (
        "arrays",
        "data",
        "entries",
        "expname_values",
        "exptype_values",
        "names",
        "objects",
        "product_names",
        "products",
        "stage",
    )

    def __init__(self, data: Mapping[str, object], stage: Stage) -> None:
        self.data = data
        self.stage = stage
        # One pass over products and members (the checks of thousands of files a second
        # start here): a comprehension for each list was slower.
        products: list[tuple[int, Mapping[str, object]]] = []
        arrays: list[tuple[int, Sequence[object]]] = []
        expnames: list[str] = []
        exptypes: list[str] = []
        names: list[str] = []
        entries = objects = 0
        listed = data.get("products")
        for p_index, product in enumerate(listed if isinstance(listed, (list, tuple)) else ()):
            if not isinstance(product, dict):
                continue
            products.append((p_index, product))
            if isinstance(name := product.get("name"), str):
                names.append(name)
            if not isinstance(entries_of := product.get("members"), (list, tuple)):
                continue
            arrays.append((p_index, entries_of))
            entries += len(entries_of)
            for member in entries_of:
                if isinstance(member, dict):
                    objects += 1
                    if isinstance(value := member.get("expname"), str):
                        expnames.append(value)
                    if isinstance(value := member.get("exptype"), str):
                        exptypes.append(value)
        self.products = products
        self.arrays = arrays
        self.entries = entries
        self.objects = objects
        self.expname_values = expnames
        self.exptype_values = exptypes
        self.product_names = names
        self.names = "".join(expnames)

    def located(self, key: str) -> list[tuple[int, int, str]]:
        """``(product index, member index, value)`` of every member whose ``key`` is a string."""
        return [
            (p_index, m_index, value)
            for p_index, m_index, member in self._objects()
            if isinstance(value := member.get(key), str)
        ]

    @property
    def expnames(self) -> list[tuple[int, int, str]]:
        """``(product index, member index, expname)`` of every member whose expname is a string."""
        return self.located("expname")

    def typed(self) -> list[tuple[int, int, str, str]]:
        """``(product index, member index, expname, exptype)`` where both are strings."""
        return [
            (p_index, m_index, expname, exptype)
            for p_index, m_index, member in self._objects()
            if isinstance(expname := member.get("expname"), str)
            and isinstance(exptype := member.get("exptype"), str)
        ]

    def _objects(self) -> Iterator[tuple[int, int, Mapping[str, object]]]:
        """``(product index, member index, member)`` of every member that is an object.

        Walked only when a check has found something to locate: most files need none.
        """
        for p_index, members in self.arrays:
            for m_index, member in enumerate(members):
                if isinstance(member, dict):
                    yield p_index, m_index, member


_SCIENCE: Final = str(ExpType.SCIENCE)  # a plain string: compared with C's speed


def _member(p_index: int, m_index: int, key: str = "") -> str:
    pointer = f"/products/{p_index}/members/{m_index}"
    return f"{pointer}/{key}" if key else pointer


# -- the document ------------------------------------------------------------------------


def unknown_asn_type(doc: Document) -> list[Finding]:
    """Warn of an ``asn_type`` no JWST pipeline writes."""
    asn_type = doc.data.get("asn_type")
    if not isinstance(asn_type, str) or asn_type in KNOWN_ASN_TYPES:
        return []
    return [warning("/asn_type", _unknown_asn_type_message(asn_type))]


@functools.lru_cache(maxsize=256)
def _unknown_asn_type_message(asn_type: str) -> str:
    import difflib  # only for a file with an unknown asn_type

    close = difflib.get_close_matches(asn_type.lower(), sorted(KNOWN_ASN_TYPES), n=1, cutoff=0.8)
    if close and close[0] != asn_type:
        return f"unknown asn_type {asn_type!r}: misspelled? did you mean {close[0]!r}"
    return (
        f"unknown asn_type {asn_type!r}: JWST pipelines write image2, spec2, image3, "
        "spec3, ami3, coron3, tso3, ... (an old or foreign file?)"
    )


_ASN_ID: Final = re.compile(full_match(ASN_ID_FORMS))


def asn_id_form(doc: Document) -> list[Finding]:
    """Warn of an ``asn_id`` not of DMS's forms."""
    asn_id = doc.data.get("asn_id")
    if not isinstance(asn_id, str) or _ASN_ID.match(asn_id):
        return []
    return [warning("/asn_id", f"asn_id {asn_id!r} is not of the form oNNN, cNNNN, aNNNN or rNNNN")]


def no_product(doc: Document) -> list[Finding]:
    """An association needs a product."""
    if doc.data.get("products") not in ([], ()):
        return []
    return [error("/products", "no product: an association needs at least one")]


# -- products ----------------------------------------------------------------------------


def product_without_member(doc: Document) -> list[Finding]:
    """A product needs a member."""
    if len(doc.arrays) == len(doc.products) and all(map(len, [m for _, m in doc.arrays])):
        return []  # every product has members
    return [
        error(f"/products/{p_index}/members", "the product has no member")
        for p_index, product in doc.products
        if product.get("members") in ([], ())
    ]


def product_name_missing_or_empty(doc: Document) -> list[Finding]:
    """The pipelines name their outputs after the product: every product needs a name.

    Stage 2 reads each product's ``name`` for its output files, Stage 3 its product's.
    """
    if len(doc.product_names) == len(doc.products) and all(map(str.strip, doc.product_names)):
        return []  # every product has a name that is not blank
    found = []
    for p_index, product in doc.products:
        name = product.get("name")
        if isinstance(name, str) and name.strip():
            continue
        if "name" not in product:
            found.append(
                error(
                    f"/products/{p_index}",
                    "the product has no 'name': the pipeline names its output files after it",
                )
            )
        elif isinstance(name, str) and not name.strip():
            found.append(
                error(
                    f"/products/{p_index}/name",
                    "the product's name is empty: the pipeline names its output files after it",
                )
            )
    return found


def product_name_steers_writes(doc: Document) -> list[Finding]:
    """A product's name names files, not folders: the name-part rule (:mod:`asnkit.name_parts`).

    The pipelines write their outputs as ``<product name>_<suffix>.fits`` in their output
    folder: ``../../x`` or ``/some/dir/x`` would steer those writes elsewhere, a name too
    long for the file system fails them, and a non-printable character (a bidirectional
    override) disguises them. A control character is :func:`control_characters`'s.
    """
    joined = "".join(doc.product_names)
    if (
        joined.isprintable()
        and "/" not in joined
        and "\\" not in joined
        and len(joined) <= MAX_PRODUCT_NAME_BYTES // 4  # no name can be too long
        and "." not in doc.product_names
        and ".." not in doc.product_names
    ):
        return []
    found = []
    for p_index, product in doc.products:
        name = product.get("name")
        if not isinstance(name, str) or _CONTROL.search(name):
            continue
        problem = product_name_problem(name)
        if problem is not None:
            shown = name if len(name) <= _SHOWN_NAME else name[:_SHOWN_NAME] + "..."
            found.append(
                error(
                    f"/products/{p_index}/name",
                    f"the product name {shown!r} {problem}; the pipeline names its output "
                    "files after it: give a plain name",
                )
            )
    return found


_SHOWN_NAME: Final = 60
"""The longest product name a finding quotes whole."""


def duplicate_product_name(doc: Document) -> list[Finding]:
    """Warn of two products of one name: their outputs would overwrite each other."""
    if len(set(doc.product_names)) == len(doc.product_names):
        return []  # no name twice
    found = []
    first: dict[str, int] = {}
    for p_index, product in doc.products:
        name = product.get("name")
        if isinstance(name, str) and first.setdefault(name, p_index) != p_index:
            found.append(
                warning(
                    f"/products/{p_index}/name",
                    f"product {p_index} has the same name as product {first[name]} ({name!r}): "
                    "their outputs would overwrite each other",
                )
            )
    return found


def science_count(doc: Document) -> list[Finding]:
    """Stage 2b: exactly one science member per product; Stage 3: at least one."""
    types = doc.exptype_values
    # When every member is science (most files), each product has as many as it has members.
    if (
        len(types) == doc.entries
        and types.count(_SCIENCE) == len(types)
        and (doc.stage == "level3" or all(len(members) <= 1 for _, members in doc.arrays))
    ):
        return []
    science: dict[int, int] = {}
    for p_index, _, exptype in doc.located("exptype"):
        if exptype == ExpType.SCIENCE or exptype.lower() == ExpType.SCIENCE:
            science[p_index] = science.get(p_index, 0) + 1
    found = []
    label = rule_for_stage(doc.stage).label
    for p_index, product in doc.products:
        members = product.get("members")
        if not isinstance(members, (list, tuple)) or not members:
            continue
        count = science.get(p_index, 0)
        if doc.stage == "level2b" and count != 1:
            found.append(
                error(
                    f"/products/{p_index}/members",
                    f"a {label} product needs exactly one science member; it has {count}",
                )
            )
        elif doc.stage == "level3" and count == 0:
            found.append(
                error(
                    f"/products/{p_index}/members",
                    f"a {label} product needs a science member; it has none",
                )
            )
    return found


# -- members -----------------------------------------------------------------------------


def member_not_an_object(doc: Document) -> list[Finding]:
    """A member is an object (jwst's schemas do not say so; its pipelines need it)."""
    if doc.objects == doc.entries:  # every member is an object
        return []
    found = []
    for p_index, product in doc.products:
        members = product.get("members")
        for m_index, member in enumerate(members if isinstance(members, (list, tuple)) else ()):
            if not isinstance(member, dict):
                found.append(
                    error(
                        _member(p_index, m_index),
                        f"a member is an object with expname and exptype, not {json_type(member)}",
                    )
                )
    return found


def empty_expname(doc: Document) -> list[Finding]:
    """A member names a file: an empty (or blank) ``expname`` names none."""
    if all(map(str.strip, doc.expname_values)):
        return []
    return [
        error(
            _member(p_index, m_index, "expname"),
            "expname is empty: a member names its exposure's file",
        )
        for p_index, m_index, expname in doc.expnames
        if not expname.strip()
    ]


_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def control_characters(doc: Document) -> list[Finding]:
    """No file or product name holds a control character (a newline, a tab, ...)."""
    # isprintable (C) passes every ordinary name, all of them at once; only the others
    # are searched.
    if doc.names.isprintable() and "".join(doc.product_names).isprintable():
        return []
    found = []
    if not doc.names.isprintable():
        for p_index, m_index, expname in doc.expnames:
            if not expname.isprintable() and (control := _CONTROL.search(expname)):
                pointer = _member(p_index, m_index, "expname")
                found.append(error(pointer, _control_message("expname", expname, control)))
    for p_index, product in doc.products:
        name = product.get("name")
        if isinstance(name, str) and not name.isprintable() and (control := _CONTROL.search(name)):
            found.append(
                error(f"/products/{p_index}/name", _control_message("name", name, control))
            )
    return found


def _control_message(key: str, value: str, found: re.Match[str]) -> str:
    return (
        f"{key} {quoted(value)} holds a control character "
        f"({quoted(found.group())} at {found.start()}): "
        "no file name has one; remove it"
    )


def exptype_spelling(doc: Document) -> list[Finding]:
    """Warn of an ``exptype`` no pipeline acts on, or not in lower case."""
    types = doc.exptype_values
    if types.count(_SCIENCE) == len(types):
        return []  # every one is "science" (most files)
    found = []
    for p_index, m_index, exptype in doc.located("exptype"):
        if exptype == ExpType.SCIENCE:  # most members: one comparison
            continue
        folded = exptype.lower()
        pointer = _member(p_index, m_index, "exptype")
        if folded not in KNOWN_EXPTYPES:
            found.append(warning(pointer, _unknown_exptype_message(exptype)))
        elif folded != exptype:
            found.append(
                warning(pointer, f"exptype {exptype!r} is not lower case; write {folded!r}")
            )
    return found


@functools.lru_cache(maxsize=256)
def _unknown_exptype_message(exptype: str) -> str:
    import difflib  # only for a file with an unknown exptype

    known = sorted(KNOWN_EXPTYPES)
    close = difflib.get_close_matches(exptype.lower(), known, n=1, cutoff=0.85)
    if close:
        hint = f"misspelled? did you mean {close[0]!r}"
    else:
        hint = "no pipeline step acts on it (known: " + ", ".join(known) + ")"
    return f"unknown exptype {exptype!r}: {hint}"


def duplicate_member(doc: Document) -> list[Finding]:
    """Warn of the same file with the same role twice in one product."""
    if len(set(doc.expname_values)) == len(doc.expname_values):
        return []  # no name twice, in any product
    found = []
    first: dict[tuple[int, str, str], int] = {}
    for p_index, m_index, expname, exptype in doc.typed():
        key = (p_index, expname, exptype.lower())
        if first.setdefault(key, m_index) != m_index:
            found.append(
                warning(
                    _member(p_index, m_index),
                    f"the same member as member {first[key]} of this product "
                    f"({expname!r}, {exptype.lower()!r})",
                )
            )
    return found


def directory_in_expname(doc: Document) -> list[Finding]:
    """Warn of a name that works only from one directory, or only on Windows.

    Absolute names work from anywhere (``--paths absolute``), and so do relative names at
    Stage 3, which resolves them from the association's directory (``--paths relative``):
    neither is warned of. Stage 2 opens a relative name with a directory part from the
    directory it runs in; and a backslash is a directory only on Windows.
    """
    level2b = doc.stage == "level2b"
    if "\\" not in doc.names and not (level2b and "/" in doc.names):
        return []  # no name has a directory that could be warned of
    found = []
    for p_index, m_index, expname in doc.expnames:
        pointer = _member(p_index, m_index, "expname")
        if "\\" in expname:
            found.append(
                warning(
                    pointer,
                    f"expname {expname!r} has a backslash: a directory separator only on "
                    "Windows; write '/'",
                )
            )
        elif level2b and "/" in expname and not expname.startswith("/"):
            found.append(
                warning(
                    pointer,
                    f"expname {expname!r} is relative with a directory: Stage 2 opens it from "
                    "the directory it runs in, not the association's; run it there, or write "
                    "the name bare (--paths name) or absolute (--paths absolute)",
                )
            )
    return found


# File suffixes (the last ``_word`` before ``.fits``) that say a science member is the wrong
# level of product for the stage: each JWST stage's rule says its own. Only FITS names:
# other formats (Roman's ASDF) have other levels.
_SUFFIXES_NOT_FOR: Final[Mapping[Stage, frozenset[str]]] = {
    stage: rule_for_stage(stage).wrong_science_suffixes for stage in STAGES
}
_FITS_EXTENSIONS: Final = (".fits", ".fits.gz")
# The same as the names that end so (lower-cased): ``_word.fits`` and ``word.fits`` alone.
_BAD_ENDINGS: Final[Mapping[Stage, tuple[str, ...]]] = {
    stage: tuple(f"_{word}{extension}" for word in words for extension in _FITS_EXTENSIONS)
    for stage, words in _SUFFIXES_NOT_FOR.items()
}
_BAD_NAMES: Final[Mapping[Stage, frozenset[str]]] = {
    stage: frozenset(f"{word}{extension}" for word in words for extension in _FITS_EXTENSIONS)
    for stage, words in _SUFFIXES_NOT_FOR.items()
}
# What each of those names holds: a few searches of all the names at once find none in most
# files.
_BAD_PARTS: Final[Mapping[Stage, tuple[str, ...]]] = {
    stage: tuple(f"{word}.fits" for word in sorted(words))
    for stage, words in _SUFFIXES_NOT_FOR.items()
}
_SUFFIX_HINT: Final[Mapping[Stage, str]] = {
    stage: rule_for_stage(stage).suffix_hint for stage in STAGES
}


def suffix_for_stage(doc: Document) -> list[Finding]:
    """Warn of a science file of the wrong level for the stage (``_cal`` at Stage 2b, ...)."""
    names = doc.names.lower()
    for part in _BAD_PARTS[doc.stage]:
        if part in names:
            break
    else:
        return []
    endings, bad_names = _BAD_ENDINGS[doc.stage], _BAD_NAMES[doc.stage]
    found = []
    for p_index, m_index, expname, exptype in doc.typed():
        if exptype != ExpType.SCIENCE and exptype.lower() != ExpType.SCIENCE:
            continue
        name = expname.lower()
        if name.endswith(endings) or name in bad_names:
            suffix = name[name.rfind("_") + 1 :].partition(".")[0]
            found.append(
                warning(
                    _member(p_index, m_index, "expname"),
                    f"a science member with suffix '_{suffix}' in {_SUFFIX_HINT[doc.stage]}",
                )
            )
    return found


CHECKS: Final[Sequence[Callable[[Document], list[Finding]]]] = (
    unknown_asn_type,
    asn_id_form,
    no_product,
    product_without_member,
    product_name_missing_or_empty,
    product_name_steers_writes,
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
    found: list[Finding] = []
    for check in CHECKS:
        findings = check(doc)
        if findings:  # (most documents: none)
            found += [attrs.evolve(finding, check=check.__name__) for finding in findings]
    if len(found) > 1:
        found.sort(key=lambda finding: _place(finding.pointer))
    return found


def _place(pointer: str) -> tuple[int, ...]:
    """A sort key putting findings in the order of products and members."""
    return tuple(int(token) for token in pointer.split("/") if token.isdigit())
