"""Random pools, seeded: programs that mix every mode ``asn_generate`` has a rule for.

A pool is a program of one to four observations. Each observation follows one *template*
(NIRCam imaging, WFSS, coronagraphy, time series, wavefront sensing; NIRSpec MSA, fixed
slit, IFU, bright objects, lamps; NIRISS imaging, WFSS, SOSS, AMI; MIRI imaging, LRS, MRS,
coronagraphy, WFSS; FGS) and makes its exposures as APT lays them out: dithers and nods,
detectors, target acquisitions, imprints, PSF references and background observations. On
top of that, candidates (``cNNNN``: background, mosaic, group, coronagraphy, direct image)
join observations, and a few cells of a few rows are then changed at random (a flag set, a
keyword emptied, an exposure type from another template), so that rules meet rows no
template makes.

The same seed gives the same pool, byte for byte, on any machine and Python 3.10+: only
:class:`random.Random` with an integer seed is used, and nothing is read from outside. It
needs only the standard library, so that jwst's Python can import it too::

    python tests/compat/random_pools.py OUT FIRST_SEED COUNT

writes ``OUT/jw0NNNN_rSEED_pool.csv`` for each seed.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Final

__all__ = ["COLUMNS", "pool_name", "pool_text", "random_rows", "rows_text"]

COLUMNS: Final = (
    "filename",
    "program",
    "obs_num",
    "obs_id",
    "act_id",
    "visitype",
    "instrume",
    "detector",
    "channel",
    "band",
    "exp_type",
    "filter",
    "pupil",
    "grating",
    "fxd_slit",
    "subarray",
    "targetid",
    "pntgtype",
    "bkgdtarg",
    "tsovisit",
    "is_imprt",
    "is_psf",
    "patttype",
    "patt_num",
    "numdthpt",
    "subpxpts",
    "subpxpns",
    "expspcin",
    "dithptin",
    "mostilno",
    "msametfl",
    "msastate",
    "opmode",
    "lamp",
    "nints",
    "dms_note",
    "exposerr",
    "asn_candidate",
)
"""The columns of every random pool: each keyword a rule of jwst 3.0.0 reads."""

Row = dict[str, str]

NULL: Final = "null"

# ------------------------------------------------------------------ instruments

NRC_SHORT: Final = ("nrca1", "nrca2", "nrca3", "nrca4", "nrcb1", "nrcb2", "nrcb3", "nrcb4")
NRC_LONG: Final = ("nrcalong", "nrcblong")
NRS_PATHS: Final = (
    ("prism", "clear"),
    ("g140m", "f070lp"),
    ("g140m", "f100lp"),
    ("g140h", "f100lp"),
    ("g235m", "f170lp"),
    ("g235h", "f170lp"),
    ("g395m", "f290lp"),
    ("g395h", "f290lp"),
)
"""NIRSpec gratings and filters that go together."""

NRS_SLITS: Final = ("s200a1", "s200a2", "s400a1", "s1600a1", "s200b1")
NRS_TA: Final = ("nrs_msata", "nrs_wata", "nrs_taconfirm", "nrs_tacq", "nrs_taslit", "nrs_confirm")
NOD_PATTERNS: Final = ("2-point-nod", "3-point-nod", "5-point-nod", "along-slit-nod", "4-point-nod")
DITHER_PATTERNS: Final = ("null", "full", "intramodule", "4-point-dither", "cycling", "none")
FLAG_TRUE: Final = ("t", "t", "t", "true", "y")
FLAG_FALSE: Final = ("f", "f", "f", "n", "false", NULL)
EXP_TYPES: Final = (
    "fgs_focus",
    "fgs_image",
    "mir_4qpm",
    "mir_coroncal",
    "mir_flatmrs",
    "mir_image",
    "mir_lrs-fixedslit",
    "mir_lrs-slitless",
    "mir_lyot",
    "mir_mrs",
    "mir_tacq",
    "mir_taconfirm",
    "mir_wfss",
    "nis_ami",
    "nis_dark",
    "nis_image",
    "nis_soss",
    "nis_taconfirm",
    "nis_tacq",
    "nis_wfss",
    "nrc_coron",
    "nrc_dark",
    "nrc_image",
    "nrc_taconfirm",
    "nrc_tacq",
    "nrc_tsgrism",
    "nrc_tsimage",
    "nrc_wfss",
    "nrs_autoflat",
    "nrs_autowave",
    "nrs_brightobj",
    "nrs_confirm",
    "nrs_fixedslit",
    "nrs_ifu",
    "nrs_imprint",
    "nrs_lamp",
    "nrs_mimf",
    "nrs_msaspec",
    "nrs_msata",
    "nrs_taconfirm",
    "nrs_wata",
)
"""Every exposure type a random change may give a row (those of the templates and more)."""

CANDIDATE_TYPES: Final = (
    "background",
    "mosaic",
    "group",
    "coronagraphy",
    "direct_image",
    "psf",
)

# A random change: the column and the values it may take.
CHANGES: Final = {
    "bkgdtarg": (*FLAG_TRUE, *FLAG_FALSE),
    "is_psf": (*FLAG_TRUE, *FLAG_FALSE),
    "is_imprt": (*FLAG_TRUE, *FLAG_FALSE),
    "tsovisit": (*FLAG_TRUE, *FLAG_FALSE),
    "pntgtype": ("science", "target_acquisition", "wavefront"),
    "exp_type": EXP_TYPES,
    "targetid": ("1", "2", "3"),
    "subarray": ("full", "sub64p", "subs200a1", "substrip256", "mask1065", "subprism", NULL),
    "patttype": (*NOD_PATTERNS, *DITHER_PATTERNS, "wfsc"),
    "filter": ("f200w", "f444w", "clear", "f290lp", "p750l", "gr150r", "f480m", NULL),
    "pupil": ("clear", "grismr", "maskrnd", "maskbar", "nrm", "gr700xd", "f150w", NULL),
    "grating": ("prism", "g140m", "g395h", "mirror", NULL),
    "fxd_slit": (*NRS_SLITS, NULL),
    "detector": ("nrca2", "nrcalong", "nrs1", "nrs2", "nis", "mirimage", "mirifushort"),
    "visitype": ("prime_targeted_fixed", "prime_wfsc_sensing_control", "parallel_pure"),
    "msametfl": ("jw01234001001_01_msa.fits", NULL),
    "nints": ("1", "10"),
    "dms_note": ("wfsc_los_jitter", NULL),
    "exposerr": ("dropped", "not_in_pool", NULL),
    "obs_num": ("1", "2", "3"),
    "program": ("1234", "2345"),
    "instrume": ("nircam", "nirspec", "niriss", "miri", "fgs"),
}

EMPTIED: Final = tuple(c for c in COLUMNS if c not in ("filename", "asn_candidate", "exp_type"))
"""The columns a random change may empty."""
EMPTY_CELLS: Final = (NULL, NULL, "--", "n/a", "none")
"""Empty values as pools write them (``none`` is not one of jwst's: it is a value)."""


# ------------------------------------------------------------------ templates
#
# A template makes the science exposures of one observation, as rows holding only what
# differs from the observation's defaults; the generator numbers them and fills the rest.


def _dithers(rng: random.Random, most: int = 4) -> list[Row]:
    """Dither positions: ``patt_num`` 1..n of ``numdthpt`` n."""
    count = rng.randint(1, most)
    pattern = rng.choice(DITHER_PATTERNS)
    return [
        {"patttype": pattern, "patt_num": str(i), "numdthpt": str(count)}
        for i in range(1, count + 1)
    ]


def _nods(rng: random.Random, pattern: str = "") -> list[Row]:
    """Nod positions: ``patt_num`` 1..n of a nod pattern (sometimes sub-pixel dithered)."""
    pattern = pattern or rng.choice(NOD_PATTERNS)
    count = {"2-point-nod": 2, "3-point-nod": 3, "5-point-nod": 5}.get(pattern, rng.choice((2, 4)))
    subpixel = rng.choice(("1", "1", "2"))
    return [
        {
            "patttype": pattern,
            "patt_num": str(i),
            "numdthpt": str(count),
            "subpxpts": subpixel,
            "subpxpns": subpixel,
        }
        for i in range(1, count + 1)
    ]


def _nrc_image(rng: random.Random) -> list[Row]:
    sw, lw = rng.choice((("f070w", "f277w"), ("f150w", "f444w"), ("f200w", "f356w")))
    subarray = rng.choice(("full", "full", "sub160", "sub400p"))
    detectors = rng.sample(NRC_SHORT, rng.randint(1, 2))
    rows = []
    for position in _dithers(rng, 3):
        rows += [
            {**position, "detector": detector, "channel": "short", "filter": sw}
            for detector in detectors
        ]
        rows.append({**position, "detector": "nrcalong", "channel": "long", "filter": lw})
    for row in rows:
        row.update(exp_type="nrc_image", pupil="clear", subarray=subarray)
    return rows


def _nrc_wfss(rng: random.Random) -> list[Row]:
    grism = rng.choice(("grismr", "grismc"))
    lw = rng.choice(("f322w2", "f444w", "f356w"))
    rows: list[Row] = []
    for position in _dithers(rng, 2):
        rows.append(
            {**position, "exp_type": "nrc_wfss", "detector": "nrcalong", "channel": "long"}
            | {"filter": lw, "pupil": grism}
        )
        rows.append(
            {**position, "exp_type": "nrc_image", "detector": "nrca1", "channel": "short"}
            | {"filter": "f200w", "pupil": "clear"}
        )
    if rng.random() < 0.7:  # the direct image after the grism exposures
        rows.append(
            {"exp_type": "nrc_image", "detector": "nrcalong", "channel": "long"}
            | {"filter": lw, "pupil": "clear", "patttype": "none"}
        )
    return rows


def _nrc_coron(rng: random.Random) -> list[Row]:
    mask = rng.choice(("maskrnd", "maskbar"))
    full = rng.random() < 0.5
    sw = {"detector": rng.choice(("nrca2", "nrca4", "nrcb1")), "channel": "short"}
    lw = {"detector": "nrcalong", "channel": "long"}
    rows = []
    for number in range(1, rng.randint(1, 3) + 1):
        for where, element in ((sw, "f210m"), (lw, "f335m")):
            subarray = "full" if full else f"sub320a{element[1:4]}{mask[4]}"
            rows.append(
                {**where, "exp_type": "nrc_coron", "filter": element, "pupil": mask}
                | {"subarray": subarray, "patt_num": str(number)}
            )
    return rows


def _nrc_tso(rng: random.Random) -> list[Row]:
    if rng.random() < 0.5:
        return [
            {"exp_type": "nrc_tsimage", "detector": "nrca3", "channel": "short"}
            | {"filter": "f210m", "pupil": rng.choice(("wlp8", "clear")), "subarray": "sub64p"}
        ]
    return [
        {"exp_type": "nrc_tsgrism", "detector": rng.choice(NRC_LONG), "channel": "long"}
        | {"filter": "f322w2", "pupil": rng.choice(("grismr", "clear"))}
        | {"subarray": rng.choice(("subgrism64", "sub41stripe1_dhs"))},
        {"exp_type": "nrc_tsimage", "detector": "nrca1", "channel": "short"}
        | {"filter": "f210m", "pupil": "wlp8", "subarray": "subgrism64"},
    ]


def _nrc_wfsc(rng: random.Random) -> list[Row]:
    """Wavefront sensing: per activity, a pair of dithers on each detector, one lens."""
    rows = []
    for activity in range(1, rng.randint(1, 3) + 1):
        pupil = rng.choice(("wlp8", "wlm8"))
        for detector in rng.sample(("nrca3", "nrcb4"), rng.randint(1, 2)):
            rows += [
                {"exp_type": "nrc_image", "detector": detector, "channel": "short"}
                | {"filter": "f212n", "pupil": pupil, "patttype": "wfsc", "patt_num": str(n)}
                | {"visitype": "prime_wfsc_sensing_control", "act_id": f"{activity:02d}"}
                | {"dms_note": rng.choice((NULL, NULL, "wfsc_los_jitter"))}
                for n in (1, 2)
            ]
    return rows


def _nrs_msa(rng: random.Random) -> list[Row]:
    grating, nrs_filter = rng.choice(NRS_PATHS)
    rows = [
        {**position, "exp_type": "nrs_msaspec", "detector": detector}
        | {"grating": grating, "filter": nrs_filter}
        | {"msametfl": "jw01234001001_01_msa.fits", "msastate": "primarypointing"}
        for position in _nods(rng)
        for detector in ("nrs1", "nrs2")
    ]
    if rng.random() < 0.4:
        rows.append({"exp_type": "nrs_msaspec", "is_imprt": "t", "detector": "nrs1"})
    if rng.random() < 0.3:
        rows.append({"exp_type": rng.choice(("nrs_autowave", "nrs_autoflat")), "detector": "nrs1"})
    for row in rows:
        row.setdefault("grating", grating)
        row.setdefault("filter", nrs_filter)
        row.update(opmode="msaspec")
    return rows


def _nrs_fixed_slit(rng: random.Random) -> list[Row]:
    grating, nrs_filter = rng.choice(NRS_PATHS)
    slit = rng.choice(NRS_SLITS)
    subarray = rng.choice(("full", f"sub{slit[1:]}" if slit != "s1600a1" else "sub2048"))
    rows = [
        {**position, "detector": detector, "fxd_slit": slit}
        for position in _nods(rng)
        for detector in rng.sample(("nrs1", "nrs2"), rng.randint(1, 2))
    ]
    if rng.random() < 0.3:
        rows.append({"exp_type": "nrs_autowave", "detector": "nrs1", "fxd_slit": slit})
    for row in rows:
        row.setdefault("exp_type", "nrs_fixedslit")
        row.update(grating=grating, filter=nrs_filter, subarray=subarray, opmode="fixedslit")
    return rows


def _nrs_ifu(rng: random.Random) -> list[Row]:
    grating, nrs_filter = rng.choice(NRS_PATHS)
    positions = _nods(rng) if rng.random() < 0.4 else _dithers(rng)
    rows = [
        {**position, "detector": detector}
        for position in positions
        for detector in ("nrs1", "nrs2")
    ]
    if rng.random() < 0.5:
        rows.append({"detector": "nrs1", "is_imprt": "t", "patttype": positions[0]["patttype"]})
    for row in rows:
        row.update(exp_type="nrs_ifu", grating=grating, filter=nrs_filter, opmode="ifu")
    return rows


def _nrs_bots(rng: random.Random) -> list[Row]:
    grating, nrs_filter = rng.choice(NRS_PATHS)
    return [
        {"exp_type": "nrs_brightobj", "detector": detector, "fxd_slit": "s1600a1"}
        | {"grating": grating, "filter": nrs_filter, "subarray": "sub2048"}
        for detector in rng.sample(("nrs1", "nrs2"), rng.randint(1, 2))
    ]


def _nrs_lamp(rng: random.Random) -> list[Row]:
    if rng.random() < 0.3:  # an image through the mirror
        grating, nrs_filter, opmode = "mirror", rng.choice(("opaque", "clear")), "image"
    else:
        grating = rng.choice(("prism", "g140h", "g235m", "g395h", "mirror"))
        nrs_filter = rng.choice(("opaque", "opaque", "clear"))
        opmode = rng.choice(("fixedslit", "ifu", "msaspec", "grating-only"))
    return [
        {"exp_type": rng.choice(("nrs_lamp", "nrs_lamp", "nrs_autowave")), "detector": detector}
        | {"grating": grating, "filter": nrs_filter, "opmode": opmode}
        | {"lamp": rng.choice(("line1", "flat4", "nolamp", NULL)), "fxd_slit": NULL}
        | {"msametfl": rng.choice(("jw01234001001_01_msa.fits", NULL))}
        for detector in ("nrs1", "nrs2")
    ]


def _nis_image(rng: random.Random) -> list[Row]:
    return [
        {**position, "exp_type": "nis_image", "filter": "clear"}
        | {"pupil": rng.choice(("f150w", "f200w"))}
        for position in _dithers(rng)
    ]


def _nis_wfss(rng: random.Random) -> list[Row]:
    pupil = rng.choice(("f150w", "f200w"))
    rows: list[Row] = [{"exp_type": "nis_image", "filter": "clear", "pupil": pupil}]
    for grism in rng.sample(("gr150r", "gr150c"), rng.randint(1, 2)):
        rows += [
            {**position, "exp_type": "nis_wfss", "filter": grism, "pupil": pupil}
            for position in _dithers(rng, 2)
        ]
        rows.append({"exp_type": "nis_image", "filter": "clear", "pupil": pupil})
    return rows


def _nis_soss(rng: random.Random) -> list[Row]:
    return [
        {"exp_type": "nis_soss", "filter": rng.choice(("clear", "f277w")), "pupil": "gr700xd"}
        | {"subarray": rng.choice(("substrip256", "substrip96", "full"))}
        | {"nints": rng.choice(("1", "20")), "patttype": rng.choice((NULL, "2-point-nod"))}
    ]


def _nis_ami(rng: random.Random) -> list[Row]:
    return [
        {**position, "exp_type": "nis_ami", "filter": rng.choice(("f480m", "f380m"))}
        | {"pupil": "nrm", "subarray": "sub80"}
        for position in _dithers(rng, 2)
    ]


def _mir_image(rng: random.Random) -> list[Row]:
    filters = rng.sample(("f560w", "f770w", "f1000w", "f2100w"), rng.randint(1, 2))
    subarray = rng.choice(("full", "full", "sub128"))
    return [
        {**position, "exp_type": "mir_image", "filter": element, "subarray": subarray}
        for element in filters
        for position in _dithers(rng, 3)
    ]


def _mir_lrs(rng: random.Random) -> list[Row]:
    if rng.random() < 0.5:
        return [
            {**position, "exp_type": "mir_lrs-fixedslit", "filter": "p750l", "subarray": "full"}
            for position in _nods(rng, rng.choice(("along-slit-nod", "along-slit-nod", "")))
        ]
    return [
        {"exp_type": "mir_lrs-slitless", "filter": "p750l", "subarray": "slitlessprism"}
        | {"tsovisit": rng.choice(("t", "f"))}
    ]


def _mir_mrs(rng: random.Random) -> list[Row]:
    rows = []
    for band in rng.sample(("short", "medium", "long"), rng.randint(1, 3)):
        for position in _dithers(rng, 2):
            rows.append({**position, "detector": "mirifushort", "channel": "12", "band": band})
            rows.append({**position, "detector": "mirifulong", "channel": "34", "band": band})
    for row in rows:
        row.update(exp_type="mir_mrs", filter=NULL)
    if rng.random() < 0.4:  # the imager's simultaneous exposure
        rows.append({"exp_type": "mir_image", "filter": "f770w", "detector": "mirimage"})
    return rows


def _mir_coron(rng: random.Random) -> list[Row]:
    kind, element, subarray = rng.choice(
        (
            ("mir_4qpm", "f1065c", "mask1065"),
            ("mir_4qpm", "f1550c", "mask1550"),
            ("mir_lyot", "f2300c", "masklyot"),
        )
    )
    return [
        {**position, "exp_type": kind, "filter": element, "subarray": subarray}
        for position in _dithers(rng, 2)
    ]


def _mir_wfss(rng: random.Random) -> list[Row]:
    direct = {"exp_type": "mir_image", "filter": "f770w", "patttype": NULL}
    rows = [{**direct}] if rng.random() < 0.7 else []
    rows += [
        {**position, "exp_type": "mir_wfss", "filter": rng.choice(("p750l", "p750l", "f770w"))}
        for position in _dithers(rng, 2)
    ]
    if rng.random() < 0.5:
        rows.append({**direct})
    return rows


def _fgs(rng: random.Random) -> list[Row]:
    kind = rng.choice(("fgs_image", "fgs_image", "fgs_focus"))
    return [
        {**position, "exp_type": kind, "detector": rng.choice(("guider1", "guider2"))}
        for position in _dithers(rng, 2)
    ]


INSTRUMENT: Final = {
    "nrc": "nircam",
    "nrs": "nirspec",
    "nis": "niriss",
    "mir": "miri",
    "fgs": "fgs",
}
DEFAULTS: Final = {
    "nircam": {"detector": "nrca1", "channel": "short", "filter": "f200w", "pupil": "clear"},
    "nirspec": {"detector": "nrs1", "filter": "f290lp", "grating": "g395h"},
    "niriss": {"detector": "nis", "filter": "clear", "pupil": "f150w"},
    "miri": {"detector": "mirimage", "filter": "f770w"},
    "fgs": {"detector": "guider1"},
}
PSF_TEMPLATES: Final = frozenset({"_nrc_coron", "_nis_ami", "_mir_coron"})
"""The templates whose programs observe PSF references (often, in observations of their own)."""

TEMPLATES: Final = (
    ("nrc", _nrc_image, ("nrc_tacq",)),
    ("nrc", _nrc_wfss, ()),
    ("nrc", _nrc_coron, ("nrc_tacq", "nrc_taconfirm")),
    ("nrc", _nrc_tso, ("nrc_tacq",)),
    ("nrc", _nrc_wfsc, ()),
    ("nrs", _nrs_msa, ("nrs_msata", "nrs_wata", "nrs_confirm")),
    ("nrs", _nrs_fixed_slit, ("nrs_taslit", "nrs_wata", "nrs_taconfirm")),
    ("nrs", _nrs_ifu, ("nrs_msata", "nrs_wata", "nrs_taconfirm")),
    ("nrs", _nrs_bots, ("nrs_wata",)),
    ("nrs", _nrs_lamp, ()),
    ("nis", _nis_image, ()),
    ("nis", _nis_wfss, ()),
    ("nis", _nis_soss, ("nis_tacq",)),
    ("nis", _nis_ami, ("nis_tacq", "nis_taconfirm")),
    ("mir", _mir_image, ()),
    ("mir", _mir_lrs, ("mir_tacq",)),
    ("mir", _mir_mrs, ("mir_tacq",)),
    ("mir", _mir_coron, ("mir_tacq", "mir_taconfirm")),
    ("mir", _mir_wfss, ()),
    ("fgs", _fgs, ()),
)
"""Each template: its instrument's prefix, its science rows, its target acquisitions."""


# ------------------------------------------------------------------ the pool


def _observation(rng: random.Random, obs: int, template: int, target: str) -> list[Row]:
    """One observation's rows, target acquisitions first, in exposure order."""
    prefix, science, acquisitions = TEMPLATES[template]
    instrument = INSTRUMENT[prefix]
    base = dict.fromkeys(COLUMNS, NULL)
    base.update(
        program="1234",
        obs_num=str(obs),
        obs_id=f"v01234{obs:03d}001",
        act_id="01",
        visitype="prime_targeted_fixed",
        instrume=instrument,
        subarray="full",
        targetid=target,
        pntgtype="science",
        bkgdtarg="f",
        tsovisit="f",
        is_imprt="f",
        is_psf="f",
        expspcin=str(rng.randint(1, 3)),
        dithptin="1",
        mostilno="1",
        nints="10",
    )
    base.update(DEFAULTS[instrument])
    rows = [{**base, **made} for made in science(rng)]
    if acquisitions and rng.random() < 0.6:
        acquisition = {**rows[0], "exp_type": rng.choice(acquisitions), "patttype": NULL}
        acquisition.update(pntgtype=rng.choice(("target_acquisition", "science")))
        rows.insert(0, acquisition)
    if rng.random() < 0.15:
        for row in rows:
            row["tsovisit"] = rng.choice(FLAG_TRUE)
    if rng.random() < 0.15:
        for row in rows:
            row["is_psf"] = rng.choice(FLAG_TRUE)
    return rows


def _program(rng: random.Random, first: int) -> dict[int, list[Row]]:
    """The observations of a program, by number, with their rows; ``first``: its template."""
    observations = rng.randint(1, 5)
    by_obs: dict[int, list[Row]] = {}
    for obs in range(1, observations + 1):
        # Most programs repeat a template (a mosaic, a background, a PSF reference...).
        kind = first if rng.random() < 0.6 else rng.randrange(len(TEMPLATES))
        target = "1" if obs == 1 else rng.choice(("1", "1", "2", "3"))
        by_obs[obs] = _observation(rng, obs, kind, target)
        if kind == first and obs > 1 and rng.random() < 0.5:
            # The first observation's set-up again (a mosaic tile, a background, a PSF).
            again = {"obs_num": str(obs), "obs_id": f"v01234{obs:03d}001", "targetid": target}
            by_obs[obs] = [{**row, **again} for row in by_obs[1]]
        role = rng.random()
        if TEMPLATES[kind][1].__name__ in PSF_TEMPLATES:
            role = 0.2 + role * 0.3  # a PSF reference one time in two
        if obs > 1 and role < 0.35:  # below 0.2 a background, then a PSF
            flag = "bkgdtarg" if role < 0.2 else "is_psf"
            for row in by_obs[obs]:
                row[flag] = rng.choice(FLAG_TRUE)
    return by_obs


def _candidates(rng: random.Random, observations: int) -> dict[int, list[tuple[str, str]]]:
    """Each observation's candidates: its own, and the ``cNNNN`` that join several."""
    candidates = {obs: [(f"o{obs:03d}", "observation")] for obs in range(1, observations + 1)}
    for number in range(rng.choice((0, 0, 1, 1, 2, 3))):
        kind = rng.choice(CANDIDATE_TYPES)
        members = rng.sample(sorted(candidates), rng.randint(min(2, observations), observations))
        for obs in members:
            candidates[obs].append((f"c{1000 + number}", kind))
    return candidates


def _change_cells(rng: random.Random, rows: list[Row]) -> None:
    """Change a few cells of a few rows (none, one row in ten, in five, or more)."""
    change = rng.choice((0.0, 0.1, 0.2, 0.4))
    for row in rows:
        while rng.random() < change:
            if rng.random() < 0.2:  # a keyword emptied, as pools say it
                row[rng.choice(EMPTIED)] = rng.choice(EMPTY_CELLS)
            else:
                column = rng.choice(sorted(CHANGES))
                row[column] = rng.choice(CHANGES[column])


def random_rows(seed: int) -> list[Row]:
    """The rows of random pool ``seed``: the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    by_obs = _program(rng, seed % len(TEMPLATES))  # every template leads in turn
    candidates = _candidates(rng, len(by_obs))
    rows: list[Row] = []
    for obs, made in by_obs.items():
        cell = candidates[obs][:]
        if rng.random() < 0.3:  # candidates listed in another order
            rng.shuffle(cell)
        for row in made:
            exposure = len(rows) + 1
            detector = row["detector"] if row["detector"] != NULL else "nis"
            visit = f"jw01234{obs:03d}001_0{row['act_id']}01"
            row["filename"] = f"{visit}_{exposure:05d}_{detector}_uncal.fits"
            row["asn_candidate"] = str(cell)
            rows.append(row)
    _change_cells(rng, rows)
    if rng.random() < 0.2:  # rows out of exposure order
        rng.shuffle(rows)
    return rows


def pool_name(seed: int) -> str:
    """The file name of random pool ``seed`` (written as ``asn_pool``)."""
    return f"jw01234_r{seed:05d}_pool.csv"


def pool_text(seed: int) -> str:
    """The text of random pool ``seed``, in jwst's pool format (``|``-separated)."""
    return rows_text(random_rows(seed))


def rows_text(rows: list[Row]) -> str:
    """Rows as a pool file's text: :data:`COLUMNS`, a row's missing cells ``null``."""
    lines = ["|".join(column.upper() for column in COLUMNS)]
    lines += ["|".join(row.get(column, NULL) for column in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """``OUT FIRST COUNT``: write pools ``FIRST`` .. ``FIRST + COUNT - 1`` to ``OUT``."""
    out, first, count = Path(argv[0]), int(argv[1]), int(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for seed in range(first, first + count):
        (out / pool_name(seed)).write_text(pool_text(seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
