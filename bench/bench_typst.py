"""Benchmark of the Typst print edition beside the FOP route, and its growth with length.

    .venv/bin/python bench/bench_typst.py

Targets (issue 15): the showcase ≤ 1.5 s cold (a fresh process: imports, stylesheet compilation,
fonts); a 400-page book ≤ 10 s; time linear in the length; ≥ 5× faster than XSL-FO + FOP on the
same DraCor play, measured side by side in one run.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
PLAY = ROOT.parent / "shared" / "samples" / "dracor-rus_blok-korol-na-ploschadi.xml"


def cli(*args: str) -> tuple[float, str]:
    """Wall time of one `edition` process (cold: nothing compiled or cached in memory)."""
    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - t, run.stderr.strip().splitlines()[-1]


def main() -> None:
    from bench_html import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
              f"{os.cpu_count()} cores")
        cold, what = cli("pdf", str(ROOT / "tei" / "march-1917.xml"), "-o", str(tmp / "s.pdf"))
        print(f"showcase, Typst, cold process: {cold:.2f} s   {what}   (target ≤ 1.5 s)")
        sizes = {}
        for n in (1_000, 4_000):
            doc = tmp / f"synthetic-{n}.xml"
            doc.write_bytes(synthetic(n))
            sizes[n] = cli("pdf", str(doc), "-o", str(tmp / f"t{n}.pdf"))
            print(f"{n:>5} turns and notes, Typst: {sizes[n][0]:.2f} s   {sizes[n][1]}")
        print(f"4× the text: {sizes[4_000][0] / sizes[1_000][0]:.1f}× the time")
        if PLAY.exists():
            typ = cli("pdf", str(PLAY), "-o", str(tmp / "play.pdf"))
            line = f"DraCor play ({PLAY.name}): Typst {typ[0]:.2f} s"
            if shutil.which("fop"):
                fop = cli("pdf", str(PLAY), "-o", str(tmp / "play-fop.pdf"), "--engine", "fop")
                line += f", XSL-FO + FOP {fop[0]:.2f} s ({fop[0] / typ[0]:.1f}×)"
            print(line)


if __name__ == "__main__":
    main()
