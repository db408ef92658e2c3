"""Benchmark: make a Stage 3 association from the primary headers of 2,000 files.

Writes N small FITS files (a primary header of realistic size, ~300 cards as in real JWST
``_cal`` files, and a one-byte image) into a temporary directory under /tmp, then times
:func:`asnkit.headers.association_from_headers` over them: the whole call, header reading
and the generate engine included (``force``: the few background files, which no Stage 3
image association takes with the others, are left out).
The first run after writing is reported apart (the files are then in the page cache, as they
are in any run after the first; a truly cold disk is not measured). Needs astropy.

    python bench/headers.py [--files 2000] [--cards 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def write_files(directory: Path, count: int, cards: int) -> list[str]:
    """``count`` NIRCam F200W images of one observation; a few PSF and background files."""
    import numpy as np
    from astropy.io import fits

    names = []
    for index in range(count):
        header = fits.Header()
        header["TELESCOP"] = "JWST"
        header["PROGRAM"] = "01234"
        header["OBSERVTN"] = "001"
        header["TARGNAME"] = "NGC 1234"
        header["INSTRUME"] = "NIRCAM"
        header["EXP_TYPE"] = "NRC_IMAGE"
        header["FILTER"] = "F200W"
        header["PUPIL"] = "CLEAR"
        header["SUBARRAY"] = "FULL"
        header["TSOVISIT"] = False
        header["IS_PSF"] = index % 500 == 1
        header["BKGDTARG"] = index % 500 == 2  # noqa: PLR2004
        # Real primary headers hold some 300 cards; pad to that size with neutral ones.
        for card in range(max(0, cards - len(header))):
            header[f"PAD{card:05d}"] = (float(card), "padding to a realistic header size")
        name = f"jw01234001001_01101_{index:05d}_nrca1_cal.fits"
        fits.PrimaryHDU(data=np.zeros((1,), dtype=np.uint8), header=header).writeto(
            directory / name
        )
        names.append(name)
    return names


def main() -> None:
    """Write the files, time the making, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from asnkit.headers import association_from_headers

    with tempfile.TemporaryDirectory(prefix="asnkit-bench-headers-", dir="/tmp") as folder:
        directory = Path(folder)
        paths = [str(directory / name) for name in write_files(directory, args.files, args.cards)]
        size = Path(paths[0]).stat().st_size
        timings, plans = [], []
        for _ in range(args.repeat + 1):
            start = time.perf_counter()
            plan = association_from_headers(paths, stage="level3", force=True)
            timings.append(time.perf_counter() - start)
            plans.append(plan)
        made = plans[-1]
        first, rest = timings[0], timings[1:]
        best, median = min(rest), statistics.median(rest)
        print(f"files: {args.files} ({size} bytes each, {args.cards} header cards)")
        product = made.products[0]
        print(f"product: {product.name} ({len(product.members)} members)")
        print(f"first run: {first:.3f} s")
        print(
            f"next {args.repeat} runs: median {median:.3f} s, best {best:.3f} s "
            f"({median / args.files * 1e3:.3f} ms per file)"
        )


if __name__ == "__main__":
    main()
