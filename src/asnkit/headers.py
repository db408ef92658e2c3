"""Header-aware creation: what each file is, and how DMS names the product, from FITS headers.

Only the PRIMARY header of each file is read (never the data), with astropy, which is an
optional dependency (``pip install 'asnkit[fits]'``) imported when a header is first read.

Everything past the reading is pure: :func:`file_facts` turns one header (any mapping of
keyword to value) into a :class:`FileFacts`; :func:`plan` turns the facts of every file into a
:class:`HeaderPlan` (members with their types, ``program``/``target``/``asn_type``, the
candidate and the Stage 3 product name); :func:`plan_from_headers` reads and plans in one call.
The rules follow jwst 3.0.0's association generator (``asn_make_pool`` then ``asn_generate``)
where it reads the same keywords; docs/headers.md gives them keyword by keyword.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from asnkit.exceptions import HeaderError
from asnkit.models import ExpType
from asnkit.rules import ProductNaming, rule_for_stage
from asnkit.rules._common import in_role_order

if TYPE_CHECKING:
    from asnkit.models import Association, JSONValue
    from asnkit.vocabulary import Stage

__all__ = [
    "KEYWORDS",
    "FileFacts",
    "HeaderPlan",
    "asn_type_of",
    "association_from_headers",
    "classify",
    "file_facts",
    "plan",
    "plan_from_headers",
    "read_primary_header",
]


KEYWORDS: Final = (
    "PROGRAM",
    "OBSERVTN",
    "TARGNAME",
    "INSTRUME",
    "EXP_TYPE",
    "FILTER",
    "PUPIL",
    "GRATING",
    "FXD_SLIT",
    "SUBARRAY",
    "TSOVISIT",
    "IS_PSF",
    "IS_IMPRT",
    "BKGDTARG",
)
"""Every primary-header keyword asnkit reads, in the order ``asnkit inspect`` shows them."""

# The exposure types jwst's generator takes as target acquisitions (its EXPTYPE_MAP).
_TARGET_ACQUISITION: Final = frozenset(
    {
        "mir_tacq",
        "mir_taconfirm",
        "nis_tacq",
        "nis_taconfirm",
        "nrc_tacq",
        "nrc_taconfirm",
        "nrs_confirm",
        "nrs_msata",
        "nrs_tacq",
        "nrs_taconfirm",
        "nrs_taslit",
        "nrs_wata",
    }
)

# Science exposure types calibrated by calwebb_image2 / calwebb_spec2 (jwst's lists).
_IMAGING: Final = frozenset(
    {
        "fgs_image",
        "mir_4qpm",
        "mir_image",
        "mir_lyot",
        "nis_ami",
        "nis_image",
        "nrc_coron",
        "nrc_image",
        "nrc_tsimage",
        "nrs_mimf",
    }
)
_SPECTROSCOPY: Final = frozenset(
    {
        "mir_lrs-fixedslit",
        "mir_lrs-slitless",
        "mir_mrs",
        "mir_wfss",
        "nis_soss",
        "nis_wfss",
        "nrc_tsgrism",
        "nrc_wfss",
        "nrs_brightobj",
        "nrs_fixedslit",
        "nrs_ifu",
        "nrs_msaspec",
    }
)
_CORONAGRAPHY: Final = frozenset({"mir_4qpm", "mir_lyot", "nrc_coron"})
# Modes whose jwst Stage 3 rule does not constrain SUBARRAY, so it is not in the name.
_NAMED_WITHOUT_SUBARRAY: Final = frozenset({"nrs_ifu", "nrc_wfss", "nis_wfss", "mir_wfss"})
_ALWAYS_TSO: Final = frozenset({"nrc_tsimage", "nrc_tsgrism", "nrs_brightobj"})

# Flags that make a science exposure something else, strongest first (as jwst ranks them).
_ROLE_FLAGS: Final = (
    ("IS_PSF", ExpType.PSF),
    ("IS_IMPRT", ExpType.IMPRINT),
    ("BKGDTARG", ExpType.BACKGROUND),
)

# Values that mean "not set" in a header or a DMS pool (jwst's list, compared in lower case).
_EMPTY: Final = frozenset({"", "null", "--", "n", "f", "false", "n/a"})
_TRUE: Final = frozenset({"t", "true"})
_FALSE: Final = frozenset({"f", "false", ""})

# The calibration level a file's name says it holds, from its step suffix.
_LEVEL_OF_SUFFIX: Final = {
    "uncal": "1b",
    "rate": "2a",
    "rateints": "2a",
    "cal": "2b",
    "calints": "2b",
}
_SUFFIX = re.compile(r"_([a-z0-9]+)\.fits(?:\.gz)?\Z", re.IGNORECASE)
_PROGRAM = re.compile(r"[0-9A-Za-z]+\Z")
_OBSERVATION = re.compile(r"[0-9]{1,3}\Z")

# Member order of each stage: that of the rules' role keywords, so that a plan made from
# headers gives the same file as the role flags would.
_INSTALL_HINT: Final = "reading FITS headers needs astropy: pip install 'asnkit[fits]'"


@attrs.frozen
class FileFacts:
    """What one file's primary header says, as asnkit uses it.

    Text values are in lower case; a keyword the header lacks (or leaves empty) is ``None``.

    Attributes:
        path: The file, as given.
        program: ``PROGRAM``, e.g. ``"01234"``.
        observation: ``OBSERVTN``, three digits, e.g. ``"001"``.
        target_name: ``TARGNAME`` as written (targets are numbered by it).
        instrument: ``INSTRUME``, e.g. ``"nircam"``.
        exp_type: ``EXP_TYPE``, e.g. ``"nrc_image"``.
        filter: ``FILTER``.
        pupil: ``PUPIL``.
        grating: ``GRATING``.
        fixed_slit: ``FXD_SLIT``.
        subarray: ``SUBARRAY``, e.g. ``"full"``.
        tso: A time-series exposure: ``TSOVISIT`` is true or ``EXP_TYPE`` is always TSO.
        exptype: The member type the file gets (``science``, ``psf``, ...).
        decided_by: What gave ``exptype``: a keyword (``IS_PSF``, ``EXP_TYPE``, ...), ``given``
            (a role the caller gave) or ``default`` (science).
        level: The calibration level the file name's suffix says (``2a`` for ``_rate``,
            ``2b`` for ``_cal``, ...), or ``None`` for another suffix.
    """

    path: str
    program: str
    observation: str
    target_name: str
    instrument: str
    exp_type: str
    filter: str | None
    pupil: str | None
    grating: str | None
    fixed_slit: str | None
    subarray: str | None
    tso: bool
    exptype: str
    decided_by: str
    level: str | None


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@attrs.frozen
class HeaderPlan:
    """An association as the headers describe it, ready for a rule to build.

    Attributes:
        members: ``(expname, exptype)`` pairs, in the order the rule's role keywords use
            (science first), each role's files in the order given.
        meta: ``program``, ``target`` and ``asn_type``.
        acid: The candidate: ``o`` and the science files' ``OBSERVTN`` (``o001``).
        product_name: The DMS Stage 3 product name, or ``None`` (Stage 2b, or not asked for).
        files: The facts of every file, in the order given.
    """

    members: tuple[tuple[str, str], ...]
    meta: Mapping[str, str] = attrs.field(converter=_frozen)
    acid: str
    product_name: str | None
    files: tuple[FileFacts, ...]


def read_primary_header(path: str, *, every_keyword: bool = False) -> dict[str, object]:
    """The keywords asnkit uses (:data:`KEYWORDS`) from the primary header of ``path``.

    A keyword the header lacks is left out. Only the header is read, never the data.
    With ``every_keyword``, every card with a keyword (as ``asn_make_pool`` reads them).

    Raises:
        HeaderError: astropy is not installed, the file is missing or is not FITS.
    """
    try:
        from astropy.io import fits
    except ImportError:
        raise HeaderError(path, _INSTALL_HINT) from None
    try:
        header = fits.getheader(path, 0)
    except FileNotFoundError:
        raise HeaderError(path, "no such file") from None
    except IsADirectoryError:
        raise HeaderError(path, "is a directory, not a FITS file") from None
    except (OSError, ValueError, TypeError, IndexError) as error:
        # astropy's first clause says what is wrong ("No SIMPLE card found", "Empty or
        # corrupt FITS file"); the rest of its message is advice for FITS experts.
        detail = re.split(r"[,.;\n]", str(error), maxsplit=1)[0] or type(error).__name__
        msg = f"not a FITS file ({detail}); give FITS files such as _rate.fits or _cal.fits"
        raise HeaderError(path, msg) from None
    if every_keyword:
        return {k: v for k, v in header.items() if k not in ("", "COMMENT", "HISTORY")}
    found: dict[str, object] = {}
    for keyword in KEYWORDS:
        if keyword in header:
            found[keyword] = header[keyword]
    return found


def _text(header: Mapping[str, object], keyword: str, path: str) -> str | None:
    """``keyword`` as stripped text, or ``None`` when absent or empty."""
    value = header.get(keyword)
    if isinstance(value, bool):
        msg = f"{keyword} = {value!r} is a T/F flag; a text value was expected"
        raise HeaderError(path, msg)
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):  # astropy's Undefined: a card with no value
        return None
    text = value.strip()
    return None if text.lower() in _EMPTY else text


def _required(header: Mapping[str, object], keyword: str, path: str) -> str:
    text = _text(header, keyword, path)
    if text is None:
        msg = f"keyword {keyword} is missing or empty in the primary header"
        raise HeaderError(path, msg)
    return text


def _flag(header: Mapping[str, object], keyword: str, path: str) -> bool:
    """A T/F keyword; absent means false."""
    value = header.get(keyword)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        folded = value.strip().lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    if not isinstance(value, str | int | float):  # astropy's Undefined
        return False
    msg = f"{keyword} = {value!r} is neither T nor F"
    raise HeaderError(path, msg)


def _program(header: Mapping[str, object], path: str) -> str:
    value = header.get("PROGRAM")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:05d}"
    text = _required(header, "PROGRAM", path)
    if not _PROGRAM.match(text):
        msg = f"PROGRAM = {text!r} is not a program id (letters and digits, e.g. '01234')"
        raise HeaderError(path, msg)
    return text.lower()


def _observation(header: Mapping[str, object], path: str) -> str:
    value = header.get("OBSERVTN")
    text = _required(header, "OBSERVTN", path)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{3}", text):
        return text
    if _OBSERVATION.match(text) and not isinstance(value, str):
        return f"{int(text):03d}"
    msg = f"OBSERVTN = {value!r} is not an observation number (three digits, e.g. '001')"
    raise HeaderError(path, msg)


def _level(path: str) -> str | None:
    found = _SUFFIX.search(os.path.basename(path))  # noqa: PTH119 (a name, not a file)
    return None if found is None else _LEVEL_OF_SUFFIX.get(found.group(1).lower())


def classify(header: Mapping[str, object], path: str) -> tuple[str, str]:
    """The member type a header gives a file, and the keyword that decided it.

    A target-acquisition ``EXP_TYPE`` gives ``target_acquisition``; otherwise ``IS_PSF``,
    ``IS_IMPRT`` and ``BKGDTARG`` (in that order of precedence) give ``psf``, ``imprint``
    and ``background``; otherwise the file is ``science``.

    Raises:
        HeaderError: ``EXP_TYPE`` is missing, or a flag is neither T nor F.
    """
    exp_type = _required(header, "EXP_TYPE", path).lower()
    if exp_type in _TARGET_ACQUISITION:
        return ExpType.TARGET_ACQUISITION, "EXP_TYPE"
    for keyword, role in _ROLE_FLAGS:
        if _flag(header, keyword, path):
            return role, keyword
    return ExpType.SCIENCE, "default"


def file_facts(
    header: Mapping[str, object], path: str, *, given_role: str | None = None
) -> FileFacts:
    """What ``header`` (the primary header of ``path``) says about the file.

    Args:
        header: Keyword to value, as :func:`read_primary_header` returns.
        path: The file, as given; it names the file in errors and in the plan.
        given_role: A member type the caller chose; it wins over the header's.

    Raises:
        HeaderError: a keyword asnkit needs is missing or odd; the message names it.
    """
    if given_role is None:
        exptype, decided_by = classify(header, path)
    else:
        exptype, decided_by = given_role, "given"
    exp_type = _required(header, "EXP_TYPE", path).lower()
    tso = _flag(header, "TSOVISIT", path) or exp_type in _ALWAYS_TSO
    lowered = {
        keyword: (None if text is None else text.lower())
        for keyword in ("FILTER", "PUPIL", "GRATING", "FXD_SLIT", "SUBARRAY")
        for text in (_text(header, keyword, path),)
    }
    return FileFacts(
        path=path,
        program=_program(header, path),
        observation=_observation(header, path),
        target_name=_required(header, "TARGNAME", path),
        instrument=_required(header, "INSTRUME", path).lower(),
        exp_type=exp_type,
        filter=lowered["FILTER"],
        pupil=lowered["PUPIL"],
        grating=lowered["GRATING"],
        fixed_slit=lowered["FXD_SLIT"],
        subarray=lowered["SUBARRAY"],
        tso=tso,
        exptype=exptype,
        decided_by=decided_by,
        level=_level(path),
    )


def asn_type_of(facts: FileFacts, stage: Stage) -> str:
    """The ``asn_type`` a science file calls for at ``stage``.

    Stage 2b: ``image2`` or ``spec2`` by ``EXP_TYPE``, ``tso-image2``/``tso-spec2`` for a
    time series. Stage 3: ``tso3`` for a time series, else ``ami3`` (``NIS_AMI``), ``coron3``
    (``NRC_CORON``, ``MIR_4QPM``, ``MIR_LYOT``), ``image3`` or ``spec3``.

    Raises:
        HeaderError: ``EXP_TYPE`` is not a science type that a Stage 2b/3 pipeline takes.
    """
    exp_type = facts.exp_type
    if exp_type in _IMAGING:
        kind = "image"
    elif exp_type in _SPECTROSCOPY:
        kind = "spec"
    else:
        msg = (
            f"EXP_TYPE = {exp_type.upper()!r} is not a science exposure type of the Stage 2 "
            "or 3 pipelines; leave the file out or give its role (e.g. --member TYPE FILE)"
        )
        raise HeaderError(facts.path, msg)
    if stage == "level2b":
        return f"tso-{kind}2" if facts.tso else f"{kind}2"
    if facts.tso:
        return "tso3"
    if exp_type == "nis_ami":
        return "ami3"
    if exp_type in _CORONAGRAPHY:
        return "coron3"
    return f"{kind}3"


def _optical_elements(facts: FileFacts) -> str:
    """FILTER and PUPIL (or GRATING when PUPIL is unset), sorted, joined by ``-``.

    NIRSpec IFU products are named by the grating alone: one product takes every filter.
    """
    if facts.exp_type == "nrs_ifu":
        return facts.grating or "clear"
    second = facts.pupil if facts.pupil is not None else facts.grating
    elements = sorted(element for element in (facts.filter, second) if element is not None)
    return "-".join(elements) or "clear"


def _product_name(facts: FileFacts, *, acid: str, target: str) -> str:
    """The DMS Stage 3 product name of an association whose first science file is ``facts``."""
    subarray = "" if facts.subarray in {None, "full"} else f"-{facts.subarray}"
    if facts.exp_type in _NAMED_WITHOUT_SUBARRAY:
        subarray = ""
    head = f"jw{facts.program}-{acid}"
    optics = _optical_elements(facts)
    if facts.exp_type == "mir_mrs":  # one product over every channel: no optics in the name
        name = f"{head}_{target}_{facts.instrument}"
    elif facts.exp_type == "nrs_msaspec":  # the pipeline fills in each source
        name = f"{head}_{{source_id}}_{facts.instrument}_{optics}{subarray}"
    elif facts.exp_type == "nrs_fixedslit":  # the pipeline fills in each source and slit
        name = f"{head}_{target}-{{source_id}}_{facts.instrument}_{optics}-{{slit_name}}{subarray}"
    else:
        name = f"{head}_{target}_{facts.instrument}_{optics}{subarray}"
    return name.lower()


def _disagreement(
    files: Sequence[FileFacts], what: str, value_of: Mapping[str, str | None]
) -> HeaderError | None:
    """An error naming the files that disagree on ``what``, or ``None`` when all agree."""
    first_with: dict[str | None, str] = {}
    for facts in files:
        first_with.setdefault(value_of[facts.path], facts.path)
    if len(first_with) < 2:  # noqa: PLR2004 (two values are a disagreement)
        return None
    shown = ", ".join(f"{path} has {value!r}" for value, path in first_with.items())
    msg = f"files disagree on {what}: {shown}; give files that agree, or --force"
    return HeaderError(", ".join(first_with.values()), msg)


def plan(
    files: Sequence[FileFacts], *, stage: Stage, force: bool = False, name_product: bool = True
) -> HeaderPlan:
    """The association the files' facts describe.

    Args:
        files: The facts of every file, in the order the user gave the files.
        stage: ``level2b`` or ``level3``.
        force: Accept files that disagree; the association then takes the values of the
            first science file.
        name_product: At Stage 3, derive the product name (and check the keywords it is made
            of); ``False`` when the caller names the product itself.

    Raises:
        HeaderError: no science file; or, without ``force``, files that disagree on a
            keyword one association needs to be single-valued (the message names them).
    """
    if not files:
        source, msg = "(no files)", "no files were given"
        raise HeaderError(source, msg)
    science = [facts for facts in files if facts.exptype == ExpType.SCIENCE]
    if not science:
        msg = (
            "no file is science by its header (every one is a PSF, imprint, background or "
            "target acquisition); add the science exposures"
        )
        raise HeaderError(", ".join(facts.path for facts in files), msg)
    target_ids = _target_ids(files)
    asn_types = {facts.path: asn_type_of(facts, stage) for facts in science}
    checks: list[tuple[Sequence[FileFacts], str, Mapping[str, str | None]]] = [
        (files, "PROGRAM", {facts.path: facts.program for facts in files}),
        (files, "INSTRUME", {facts.path: facts.instrument for facts in files}),
        (science, "the association type (EXP_TYPE, TSOVISIT)", asn_types),
    ]
    if stage == "level3":
        levels = {facts.path: facts.level for facts in files if facts.level is not None}
        checks.append(
            (
                [facts for facts in files if facts.level is not None],
                "the calibration level (the file name's suffix: _rate, _cal, ...)",
                levels,
            )
        )
        if name_product:
            for keyword, attribute in (
                ("OBSERVTN", "observation"),
                ("TARGNAME", "target_name"),
                ("FILTER", "filter"),
                ("PUPIL", "pupil"),
                ("GRATING", "grating"),
                ("SUBARRAY", "subarray"),
            ):
                named = {facts.path: getattr(facts, attribute) for facts in science}
                checks.append((science, keyword, named))
    if not force:
        for group, what, values in checks:
            error = _disagreement(group, what, values)
            if error is not None:
                raise error
    first = science[0]
    acid = f"o{first.observation}"
    target_id = target_ids[first.target_name]
    if stage == "level3":
        target = f"t{target_id:03d}"
        product_name = _product_name(first, acid=acid, target=target) if name_product else None
    else:
        target, product_name = str(target_id), None
    meta = {"program": first.program, "target": target, "asn_type": asn_types[first.path]}
    return HeaderPlan(
        members=_ordered_members(files, stage),
        meta=meta,
        acid=acid,
        product_name=product_name,
        files=tuple(files),
    )


def _target_ids(files: Sequence[FileFacts]) -> dict[str, int]:
    """Targets numbered from 1 by first appearance of each TARGNAME, as jwst's pool does."""
    ids: dict[str, int] = {}
    for facts in files:
        ids.setdefault(facts.target_name, len(ids) + 1)
    return ids


def _ordered_members(files: Sequence[FileFacts], stage: Stage) -> tuple[tuple[str, str], ...]:
    """The files as members, in the order of roles the stage's rule gives."""
    members = [(facts.path, facts.exptype) for facts in files]
    return in_role_order(members, rule_for_stage(stage).role_order)


def plan_from_headers(
    paths: Sequence[str],
    *,
    stage: Stage,
    explicit_roles: Mapping[str, str] | None = None,
    force: bool = False,
    name_product: bool = True,
) -> HeaderPlan:
    """Read the primary header of every file and plan the association they describe.

    Args:
        paths: Every file of the association (science and others), in the user's order.
        stage: ``level2b`` or ``level3``.
        explicit_roles: ``{path: exptype}`` for files whose role the user gave; it wins
            over the header.
        force: Accept files that disagree (see :func:`plan`).
        name_product: At Stage 3, derive the product name (see :func:`plan`).

    Returns:
        The plan: members, ``program``/``target``/``asn_type``, candidate, product name.

    Raises:
        HeaderError: a file is missing, not FITS, lacks a keyword, or the files disagree.
    """
    roles = explicit_roles or {}
    facts = [
        file_facts(read_primary_header(path), path, given_role=roles.get(path)) for path in paths
    ]
    return plan(facts, stage=stage, force=force, name_product=name_product)


def association_from_headers(
    paths: Sequence[str],
    *,
    stage: Stage,
    explicit_roles: Mapping[str, str] | None = None,
    force: bool = False,
    product_name: str | None = None,
    acid: str | None = None,
    meta: Mapping[str, JSONValue] | None = None,
) -> Association:
    """The association the files' primary headers describe, built by the stage's rule.

    What the caller gives wins over the headers: ``explicit_roles`` over each file's type,
    ``product_name`` over the DMS name, ``acid`` over the candidate, ``meta`` over
    ``program``/``target``/``asn_type``.

    Raises:
        HeaderError: see :func:`plan_from_headers`.
        InvalidAssociationError: the result could not be valid (see the rules).

    Example:
        >>> asn = association_from_headers(files, stage="level3")  # doctest: +SKIP
        >>> asn.products[0].name  # doctest: +SKIP
        'jw01234-o001_t001_nircam_clear-f200w'
    """
    header_plan = plan_from_headers(
        paths,
        stage=stage,
        explicit_roles=explicit_roles,
        force=force,
        name_product=stage == "level3" and product_name is None,
    )
    merged: dict[str, JSONValue] = {**header_plan.meta, **(meta or {})}
    return rule_for_stage(stage).build_members(
        header_plan.members,
        naming=ProductNaming(
            name=product_name if product_name is not None else header_plan.product_name
        ),
        acid=acid if acid is not None else header_plan.acid,
        meta=merged,
    )
