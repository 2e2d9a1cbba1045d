"""Benchmark of the Typst print edition beside the FOP route, and its growth with length.

    .venv/bin/python bench/bench_typst.py

Targets (issue 15): the showcase ≤ 1.5 s cold (a fresh process: imports, stylesheet compilation,
fonts); a 400-page book ≤ 10 s; time linear in the length; ≥ 5× faster than XSL-FO + FOP on the
same DraCor play, measured side by side in one run.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
PLAY = ROOT.parent / "shared" / "samples" / "dracor-rus_blok-korol-na-ploschadi.xml"


def cli(*args: str) -> tuple[float, float, str]:
    """Wall and processor time of one `edition` process (cold: nothing compiled or cached in
    memory); on a shared machine the processor time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, run.stderr.strip().splitlines()[-1].split(": ", 1)[-1]


def repeated(tei: Path, times: int) -> bytes:
    """The showcase's text `times` over (ids made unique): 10 times is a book of over 400 pages."""
    from lxml import etree

    from edition.xmlio import NS, XML_ID

    tree = etree.parse(str(tei))
    body = tree.find(".//tei:text/tei:body", NS)
    divs = list(body)
    for n in range(2, times + 1):
        for div in divs:
            copy = etree.fromstring(etree.tostring(div))
            for el in copy.iter():
                if el.get(XML_ID):
                    el.set(XML_ID, f"{el.get(XML_ID)}-{n}")
            body.append(copy)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def show(what: str, figures: tuple[float, float, str], note: str = "") -> None:
    wall, cpu, made = figures
    print(f"{what}: {wall:.2f} s wall, {cpu:.2f} s processor   {made}   {note}".rstrip())


def main() -> None:
    from bench_html import synthetic

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(
            f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        )
        showcase = ROOT / "tei" / "march-1917.xml"
        show("showcase, Typst, cold", cli("pdf", str(showcase), "-o", str(tmp / "s.pdf")), "(target ≤ 1.5 s)")
        book = tmp / "showcase-10x.xml"  # over 400 pages
        book.write_bytes(repeated(showcase, 10))
        show("the showcase 10×, Typst", cli("pdf", str(book), "-o", str(tmp / "b.pdf")), "(target: 400 pages ≤ 10 s)")
        sizes = {}
        for n in (1_000, 4_000):
            doc = tmp / f"synthetic-{n}.xml"
            doc.write_bytes(synthetic(n))
            sizes[n] = cli("pdf", str(doc), "-o", str(tmp / f"t{n}.pdf"))
            show(f"{n:>5} turns, each with a note, Typst", sizes[n])
        print(f"4× the text: {sizes[4_000][1] / sizes[1_000][1]:.1f}× the processor time")
        if PLAY.exists():
            typ = cli("pdf", str(PLAY), "-o", str(tmp / "play.pdf"))
            show(f"DraCor {PLAY.stem}, Typst", typ)
            if shutil.which("fop"):
                fop = cli("pdf", str(PLAY), "-o", str(tmp / "play-fop.pdf"), "--engine", "fop")
                show(
                    f"DraCor {PLAY.stem}, XSL-FO + FOP",
                    fop,
                    f"({fop[0] / typ[0]:.1f}× the wall time, {fop[1] / typ[1]:.1f}× the processor time)",
                )


if __name__ == "__main__":
    main()
