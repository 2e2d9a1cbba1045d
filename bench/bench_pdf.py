"""Benchmark of the print edition: WeasyPrint (paged HTML) beside FOP (XSL-FO), and growth with length.

    .venv/bin/python bench/bench_pdf.py

Targets (issue 5): the showcase PDF in < 10 s; time linear in the length of the text. Both routes
lay the book out twice (the speaker index takes its pages from the first layout).
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from edition.render.fo import render_fop
from edition.render.pdf import render_pdf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_html import synthetic  # noqa: E402 — the same synthetic editions as the HTML benchmark

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, *args) -> tuple[float, int]:
    t = time.perf_counter()
    book = fn(*args)
    return time.perf_counter() - t, book.pages


def main() -> None:
    showcase = ROOT / "tei" / "march-1917.xml"
    fop = shutil.which("fop") is not None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        render_pdf(showcase, tmp / "warm.pdf")                      # imports, fonts, compilation
        weasy = timed(render_pdf, showcase, tmp / "weasy.pdf")
        fo = timed(render_fop, showcase, tmp / "fop.pdf") if fop else None
        growth = {}
        for n in (500, 2_000):
            doc = tmp / f"synthetic-{n}.xml"
            doc.write_bytes(synthetic(n))
            growth[n] = (timed(render_pdf, doc, tmp / f"w{n}.pdf"),
                         timed(render_fop, doc, tmp / f"f{n}.pdf") if fop else None)
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print(f"showcase, WeasyPrint:  {weasy[0]:.2f} s, {weasy[1]} pages   (target < 10 s)")
    if fo:
        print(f"showcase, FOP (XSL-FO): {fo[0]:.2f} s, {fo[1]} pages")
    for n, (w, f) in growth.items():
        print(f"{n:>5} turns and notes: WeasyPrint {w[0]:.2f} s ({w[1]} pages)"
              + (f", FOP {f[0]:.2f} s ({f[1]} pages)" if f else ""))
    (w1, f1), (w4, f4) = growth[500], growth[2_000]
    print(f"4× the text: WeasyPrint {w4[0] / w1[0]:.1f}× the time"
          + (f", FOP {f4[0] / f1[0]:.1f}×" if f1 else ""))


if __name__ == "__main__":
    main()
