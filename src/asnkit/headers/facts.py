"""Classifying a file from its header: what it is (its role, its mode, its level).

Pure functions of a header (any mapping of keyword to value): :func:`file_facts` gives a
:class:`FileFacts`, :func:`classify` a file's member type and kind, :func:`asn_type_of` the
association type it makes at a stage. The rules follow jwst 3.0.0's association generator
where it reads the same keywords; docs/headers.md gives them keyword by keyword.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Final

import attrs

from asnkit.exceptions import HeaderError
from asnkit.exposure_types import (
    CORON_EXP_TYPES,
    EMPTY,
    IMAGE2_SCIENCE_EXP_TYPES,
    SPEC2_SCIENCE_EXP_TYPES,
    SPECIAL_EXPOSURE_MODIFIERS,
    TARGET_ACQUISITION_EXP_TYPES,
    TSO_EXP_TYPES,
)
from asnkit.models import ExpType

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asnkit.vocabulary import Stage

__all__ = ["FileFacts", "asn_type_of", "classify", "file_facts"]


# Flags that make a science exposure something else, strongest first (as jwst ranks them).
_ROLE_FLAGS: Final = tuple(
    (keyword.upper(), role) for role, keywords in SPECIAL_EXPOSURE_MODIFIERS for keyword in keywords
)


# Values that mean "not set" in a header or a DMS pool (jwst's list, compared in lower case).
_EMPTY: Final = frozenset(value.lower() for value in EMPTY)


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
    if exp_type in TARGET_ACQUISITION_EXP_TYPES:
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
    tso = _flag(header, "TSOVISIT", path) or exp_type in TSO_EXP_TYPES
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
    if exp_type in IMAGE2_SCIENCE_EXP_TYPES:
        kind = "image"
    elif exp_type in SPEC2_SCIENCE_EXP_TYPES:
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
    if exp_type in CORON_EXP_TYPES:
        return "coron3"
    return f"{kind}3"
