"""Check association files: strict JSON, the stage's schema, and what the pipelines need.

Use::

    from asnkit.validation import validate

    report = validate("jw01234-o001_image3_00001_asn.json")
    if not report.valid:
        for finding in report.errors:
            print(finding.pointer, finding.message)

A file is read and checked in four layers, and every finding of a file is reported, not
only the first:

1. **JSON**: UTF-8 text holding one strict JSON object (no byte-order mark, no trailing comma,
   no ``NaN``, no duplicate key, not too large or too deep); a problem here is one error with
   its line and column, and nothing else is checked.
2. **Stage**: Stage 2b or Stage 3, from ``asn_rule``, then ``asn_type``, then the shape of
   the document; ``rule=`` forces it.
3. **Schema**: the stage's JSON Schema (jwst's, regenerated from asnkit's models), checked by
   its compiled validator.
4. **Meaning**: errors for what no pipeline can run (no product, a product with no member,
   a Stage 2b product without exactly one science member, a Stage 3 product without a science
   member); warnings for what is suspicious or not portable.

The JSON layer is :func:`asnkit.io.read_json`, the reader every command and
:func:`asnkit.load` use, so that they all accept and refuse the same files with the same
message. This path is built for speed (thousands of files a second): no model is built.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal

import attrs

from asnkit.codec.decode import json_type
from asnkit.exceptions import LoadError, UnknownRuleError
from asnkit.io import DEFAULT_MAX_BYTES, is_json_text, read_json
from asnkit.rules import STAGE_NAMES, stage_of
from asnkit.vocabulary import KNOWN_ASN_TYPES, KNOWN_EXPTYPES, ExpType, Stage

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from asnkit.models import Association

__all__ = ["RULE_NAMES", "Finding", "Report", "Severity", "validate"]

Severity = Literal["error", "warning"]

RULE_NAMES: Final = STAGE_NAMES
"""What ``rule=`` (``--rule``) accepts: a stage, or the name of an asnkit rule."""


_ASN_ID = re.compile(r"(?:o\d{3}|[car]\d{4})\Z")

# File suffixes (the last ``_word`` before ``.fits``) that say a science member is the wrong
# level of product for the stage: Stage 2b calibrates count-rate files; Stage 3 combines
# calibrated ones. Only FITS names: other formats (Roman's ASDF) have other levels.
_SUFFIXES_NOT_FOR: Final[Mapping[Stage, frozenset[str]]] = {
    "level2b": frozenset(
        {"cal", "calints", "crf", "crfints", "i2d", "s2d", "s3d", "x1d", "x1dints", "c1d"}
    ),
    "level3": frozenset({"uncal", "ramp", "rate", "rateints"}),
}

# The top-level keys each stage's schema types (the rest may be anything).
_STRING_KEYS: Final[Mapping[Stage, tuple[str, ...]]] = {
    "level2b": ("asn_type", "asn_rule", "program", "asn_pool"),
    "level3": ("asn_type", "asn_rule", "program", "asn_id", "target", "asn_pool"),
}
_NULLABLE_STRING_KEYS: Final[Mapping[Stage, tuple[str, ...]]] = {
    "level2b": (),
    "level3": ("version_id",),
}

_SCIENCE: Final = ExpType.SCIENCE

# The compiled schema validators, loaded on first use.
_VALIDATORS: dict[str, Callable[[object], object]] = {}


@attrs.frozen
class Finding:
    """One thing found wrong or suspicious in a document.

    Attributes:
        severity: ``"error"`` (the file is invalid) or ``"warning"``.
        pointer: Where, as a JSON pointer (``/products/0/members/2/exptype``); ``""`` is
            the whole document.
        message: What is wrong and how to fix it, one line.
        line: The 1-based line in the file, when known (JSON problems), else ``None``.
        column: The 1-based column (in characters), when known, else ``None``.
    """

    severity: Severity
    pointer: str
    message: str
    line: int | None = None
    column: int | None = None


@attrs.frozen
class Report:
    """What :func:`validate` found in one document.

    Attributes:
        source: The file name, or ``<text>``, ``<bytes>``, ``<document>``, ``<association>``.
        findings: Every finding, errors and warnings, in document order within each layer.
        stage: The stage the document was checked as, or ``None`` when it could not be read
            as a JSON object.
        strict: Whether warnings count as errors for :attr:`valid`.
    """

    source: str
    findings: tuple[Finding, ...]
    stage: Stage | None
    strict: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``"error"``."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``"warning"``."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def valid(self) -> bool:
        """No error (and, when ``strict``, no warning either)."""
        if self.strict:
            return not self.findings
        return all(f.severity != "error" for f in self.findings)


def validate(
    source: str | os.PathLike[str] | bytes | Mapping[str, object] | Association,
    *,
    rule: str | None = None,
    check_files: bool = False,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Check one association document and report every finding.

    Args:
        source: A path; JSON text (a string starting with ``{``); the bytes of a file; a
            decoded document (a mapping); or an :class:`~asnkit.models.Association`.
        rule: Check as this stage (``level2b``, ``level3``) or rule (``DMSLevel2bBase``,
            ``DMS_Level3_Base``) instead of detecting it.
        check_files: Also report members whose file does not exist, resolved from the
            association file's directory (the current directory for a source that is not
            a path).
        strict: Warnings make the document invalid too.
        max_bytes: Refuse a file larger than this without reading it.

    Returns:
        The report; it never raises for a bad document or an unreadable file.

    Raises:
        UnknownRuleError: ``rule`` is not one of :data:`RULE_NAMES`.
    """
    forced: Stage | None = None
    if rule is not None:
        try:
            forced = RULE_NAMES[rule]
        except KeyError:
            raise UnknownRuleError(rule, tuple(RULE_NAMES)) from None
    name, document, problem = _read(source, max_bytes)
    from_file = isinstance(source, os.PathLike) or (
        isinstance(source, str) and not is_json_text(source)
    )
    if problem is not None:
        return Report(source=name, findings=(problem,), stage=None, strict=strict)
    if not isinstance(document, dict):
        if isinstance(document, Mapping):
            document = dict(document)
        else:
            finding = _error("", f"an association is a JSON object, not {json_type(document)}")
            return Report(source=name, findings=(finding,), stage=None, strict=strict)
    stage = forced or stage_of(document)
    findings: list[Finding] = []
    _check_schema(document, stage, findings)
    _check_meaning(document, stage, findings)
    if check_files:
        base = os.path.dirname(name) if from_file else ""  # noqa: PTH120 (speed)
        _check_files(document, base, findings)
    return Report(source=name, findings=tuple(findings), stage=stage, strict=strict)


# -- reading ---------------------------------------------------------------------------


def _read(
    source: str | os.PathLike[str] | bytes | Mapping[str, object] | Association,
    max_bytes: int,
) -> tuple[str, object, Finding | None]:
    """The source's name, its decoded document, and the finding that stopped reading."""
    if isinstance(source, (str, os.PathLike, bytes)):
        try:
            name, _, document = read_json(source, max_bytes=max_bytes)
        except LoadError as error:
            return error.source, None, Finding("error", "", error.reason, error.line, error.column)
        return name, document, None
    if isinstance(source, Mapping):
        return "<document>", source, None
    from asnkit.codec.structure import to_dict

    return "<association>", to_dict(source), None


# -- the schema layer ------------------------------------------------------------------


def _check_schema(document: dict[str, object], stage: Stage, findings: list[Finding]) -> None:
    """Check ``document`` against the stage's compiled schema; on failure, list every error.

    The compiled validator (fast, stops at the first error) decides; when it refuses, a walk
    that checks the same constraints reports all of them, and the validator's own error is
    kept if the walk somehow missed it.
    """
    check = _VALIDATORS.get(stage)
    if check is None:
        from asnkit.schema import validator

        check = _VALIDATORS[stage] = validator(stage)
    try:
        check(document)
    except Exception as error:
        from fastjsonschema import JsonSchemaValueException

        if not isinstance(error, JsonSchemaValueException):  # pragma: no cover
            raise
        found = _schema_errors(document, stage)
        pointer = _pointer_from_name(error.name or "data")
        if not any(f.pointer == pointer for f in found):  # pragma: no cover (walk is complete)
            found.append(_error(pointer, str(error.message)))
        findings.extend(found)


def _schema_errors(document: Mapping[str, object], stage: Stage) -> list[Finding]:  # noqa: C901, PLR0912 (one walk over the schema's few rules)
    """Every violation of the stage's schema in ``document`` (a JSON object)."""
    found = [
        _type_error(f"/{key}", key, document[key], "a string")
        for key in _STRING_KEYS[stage]
        if key in document and not isinstance(document[key], str)
    ]
    for key in _NULLABLE_STRING_KEYS[stage]:
        value = document.get(key)
        if key in document and value is not None and not isinstance(value, str):
            found.append(_type_error(f"/{key}", key, value, "a string or null"))
    if "products" not in document:
        found.append(_error("", "no 'products' key: an association lists its products"))
        return found
    products = document["products"]
    if not isinstance(products, (list, tuple)):
        found.append(_type_error("/products", "products", products, "an array"))
        return found
    for p_index, product in enumerate(products):
        where = f"/products/{p_index}"
        if not isinstance(product, dict):
            found.append(_type_error(where, "a product", product, "an object"))
            continue
        if "name" in product and not isinstance(product["name"], str):
            found.append(_type_error(f"{where}/name", "name", product["name"], "a string"))
        if "members" not in product:
            found.append(_error(where, "the product has no 'members' key"))
            continue
        members = product["members"]
        if not isinstance(members, (list, tuple)):
            found.append(_type_error(f"{where}/members", "members", members, "an array"))
            continue
        for m_index, member in enumerate(members):
            if not isinstance(member, dict):
                continue  # the schema does not type members; the meaning layer refuses it
            at = f"{where}/members/{m_index}"
            for key in ("expname", "exptype"):
                if key not in member:
                    found.append(_error(at, f"the member has no '{key}' key"))
                elif not isinstance(member[key], str):
                    found.append(_type_error(f"{at}/{key}", key, member[key], "a string"))
    return found


def _pointer_from_name(name: str) -> str:
    """The JSON pointer of a fastjsonschema name: ``data.products[0]`` is ``/products/0``."""
    rest = name.removeprefix("data")
    parts = re.findall(r"\.([^.\[]+)|\[(\d+)\]", rest)
    return "".join("/" + _escape(key or index) for key, index in parts)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


# -- the meaning layer -----------------------------------------------------------------


def _check_meaning(document: Mapping[str, object], stage: Stage, findings: list[Finding]) -> None:  # noqa: C901, PLR0912, PLR0915 (one pass over every member, for speed)
    """Errors for what no pipeline can run; warnings for the suspicious and the unportable.

    This loop runs for every member of every file: pointers and messages are only built
    for a finding, never for a good member.
    """
    asn_type = document.get("asn_type")
    if isinstance(asn_type, str) and asn_type not in KNOWN_ASN_TYPES:
        findings.append(
            _warning(
                "/asn_type",
                f"unknown asn_type {asn_type!r}: JWST pipelines write image2, spec2, image3, "
                "spec3, ami3, coron3, tso3, ... (an old or foreign file?)",
            )
        )
    asn_id = document.get("asn_id")
    if isinstance(asn_id, str) and not _ASN_ID.match(asn_id):
        findings.append(
            _warning("/asn_id", f"asn_id {asn_id!r} is not of the form oNNN, cNNNN, aNNNN or rNNNN")
        )
    products = document.get("products")
    if not isinstance(products, (list, tuple)):
        return
    if not products:
        findings.append(_error("/products", "no product: an association needs at least one"))
        return
    product_names: dict[str, int] = {}
    bad_suffixes = _SUFFIXES_NOT_FOR[stage]
    known = KNOWN_EXPTYPES
    for p_index, product in enumerate(products):
        if not isinstance(product, dict):
            continue
        name = product.get("name")
        if isinstance(name, str):
            first = product_names.setdefault(name, p_index)
            if first != p_index:
                findings.append(
                    _warning(
                        f"/products/{p_index}/name",
                        f"product {p_index} has the same name as product {first} ({name!r}): "
                        "their outputs would overwrite each other",
                    )
                )
        members = product.get("members")
        if not isinstance(members, (list, tuple)):
            continue
        if not members:
            findings.append(_error(f"/products/{p_index}/members", "the product has no member"))
            continue
        science = 0
        seen: set[tuple[str, str]] = set()
        for m_index, member in enumerate(members):
            if type(member) is not dict and not isinstance(member, dict):
                findings.append(_not_an_object(p_index, m_index, member))
                continue
            exptype = member.get("exptype")
            if type(exptype) is not str:
                continue
            expname = member.get("expname")
            if exptype == _SCIENCE:
                science += 1
                folded = exptype
            else:
                folded = exptype.lower()
                if folded not in known:
                    findings.append(_unknown_exptype(p_index, m_index, exptype))
                elif folded == _SCIENCE:
                    science += 1
                    findings.append(_upper_case_exptype(p_index, m_index, exptype))
                elif folded != exptype:
                    findings.append(_upper_case_exptype(p_index, m_index, exptype))
            if type(expname) is not str:
                continue
            pair = (expname, folded)
            if pair in seen:
                findings.append(_duplicate_member(members, p_index, m_index, pair))
            else:
                seen.add(pair)
            if "/" in expname or "\\" in expname:
                findings.append(_path_in_expname(p_index, m_index, expname))
            if folded == _SCIENCE:
                suffix = _fits_suffix(expname, bad_suffixes)
                if suffix is not None:
                    findings.append(_suffix_warning(p_index, m_index, stage, suffix))
        if stage == "level2b":
            if science != 1:
                findings.append(
                    _error(
                        f"/products/{p_index}/members",
                        f"a Stage 2b product needs exactly one science member; it has {science}",
                    )
                )
        elif science == 0:
            findings.append(
                _error(
                    f"/products/{p_index}/members",
                    "a Stage 3 product needs a science member; it has none",
                )
            )


def _fits_suffix(expname: str, bad_suffixes: frozenset[str]) -> str | None:
    """The step suffix of ``..._word.fits`` (or ``.fits.gz``) if ``bad_suffixes`` has it."""
    tail = expname[expname.rfind("_") + 1 :].lower()  # "cal.fits": one slice, no regex
    for extension in (".fits", ".fits.gz"):
        if tail.endswith(extension):
            word = tail[: -len(extension)]
            return word if word in bad_suffixes else None
    return None


def _member_pointer(p_index: int, m_index: int) -> str:
    return f"/products/{p_index}/members/{m_index}"


def _not_an_object(p_index: int, m_index: int, member: object) -> Finding:
    return _error(
        _member_pointer(p_index, m_index),
        f"a member is an object with expname and exptype, not {json_type(member)}",
    )


def _upper_case_exptype(p_index: int, m_index: int, exptype: str) -> Finding:
    return _warning(
        _member_pointer(p_index, m_index) + "/exptype",
        f"exptype {exptype!r} is not lower case; write {exptype.lower()!r}",
    )


def _unknown_exptype(p_index: int, m_index: int, exptype: str) -> Finding:
    return _warning(
        _member_pointer(p_index, m_index) + "/exptype", _unknown_exptype_message(exptype)
    )


@functools.lru_cache(maxsize=256)
def _unknown_exptype_message(exptype: str) -> str:
    import difflib

    close = difflib.get_close_matches(exptype.lower(), sorted(KNOWN_EXPTYPES), n=1, cutoff=0.85)
    if close:
        hint = f"misspelled? did you mean {close[0]!r}"
    else:
        hint = "no pipeline step acts on it (known: " + ", ".join(sorted(KNOWN_EXPTYPES)) + ")"
    return f"unknown exptype {exptype!r}: {hint}"


def _duplicate_member(
    members: Sequence[object], p_index: int, m_index: int, pair: tuple[str, str]
) -> Finding:
    first = next(
        index
        for index, member in enumerate(members)
        if isinstance(member, dict)
        and isinstance(member.get("exptype"), str)
        and (member.get("expname"), member["exptype"].lower()) == pair
    )
    return _warning(
        _member_pointer(p_index, m_index),
        f"the same member as member {first} of this product ({pair[0]!r}, {pair[1]!r})",
    )


def _path_in_expname(p_index: int, m_index: int, expname: str) -> Finding:
    return _warning(
        _member_pointer(p_index, m_index) + "/expname",
        f"expname {expname!r} has a directory: the association only works where that path "
        "exists; keep the files beside it",
    )


def _suffix_warning(p_index: int, m_index: int, stage: Stage, suffix: str) -> Finding:
    if stage == "level2b":
        message = (
            f"a science member with suffix '_{suffix}' in a Stage 2b association: "
            "Stage 2 calibrates _rate/_rateints files"
        )
    else:
        message = (
            f"a science member with suffix '_{suffix}' in a Stage 3 association: "
            "Stage 3 combines calibrated (_cal, _calints, ...) files"
        )
    return _warning(_member_pointer(p_index, m_index) + "/expname", message)


def _check_files(document: Mapping[str, object], base: str, findings: list[Finding]) -> None:
    """An error for every member whose file is not where the pipeline will look."""
    products = document.get("products")
    if not isinstance(products, (list, tuple)):
        return
    for p_index, product in enumerate(products):
        members = product.get("members") if isinstance(product, dict) else None
        if not isinstance(members, (list, tuple)):
            continue
        for m_index, member in enumerate(members):
            expname = member.get("expname") if isinstance(member, dict) else None
            if not isinstance(expname, str):
                continue
            path = os.path.join(base, expname)  # noqa: PTH118 (an absolute expname stays as it is)
            if not os.path.isfile(path):  # noqa: PTH113
                findings.append(
                    _error(
                        f"/products/{p_index}/members/{m_index}/expname",
                        f"member file not found: {path}",
                    )
                )


# -- small helpers ---------------------------------------------------------------------


def _error(pointer: str, message: str) -> Finding:
    return Finding("error", pointer, message)


def _warning(pointer: str, message: str) -> Finding:
    return Finding("warning", pointer, message)


def _type_error(pointer: str, what: str, value: object, expected: str) -> Finding:
    return _error(pointer, f"{what} must be {expected}, not {json_type(value)}")
