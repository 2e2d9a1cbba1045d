"""Benchmark of the Typst print edition beside the FOP route, and its growth with length.

    .venv/bin/python bench/bench_typst.py [--tei-stylesheets DIR] [--only play ...]

Targets (issue 15): the showcase ≤ 1.5 s cold (a fresh process: imports, stylesheet compilation,
fonts); a 400-page book ≤ 10 s; time linear in the length; ≥ 5× faster than teitofo + FOP on the
same DraCor play, measured side by side in one run.

Every figure is fresh processes measured by the operating system (os.wait4): processor time
(user + system, the process and the processes it waited for, such as FOP's JVM) and wall time.
On a shared machine the processor time is the figure to compare.

The anchor of issue 15 is the TEI Stylesheets' `teitopdf` with FOP: `profiles/default/fo/to.xsl`
(what `teitofo` runs) on the project's saxonche, in one fresh process, then Debian's `fop` on that
FO in another, with no parameters and FOP's default configuration. The TEI Stylesheets
(github.com/TEIC/Stylesheets) are not on PyPI or in Debian, so the project does not install them;
give a checkout with --tei-stylesheets DIR (or $TEI_STYLESHEETS), otherwise the anchor row says it
was not measured. The project's own FO route (`--engine fop`) is measured beside it. FOP's
built-in Times has no Cyrillic, so the anchor is run twice: as teitopdf runs it, and with the
project's FOP font and configuration, which sets the play's text. Measured on 2026-12-05,
18:02–18:04 UTC (bench/RESULTS.md, "The Typst book at 5× teitofo + FOP"), five runs on a loaded
machine: Typst 0.36–0.40 s of processor time, 5.4–6.0× faster than the first (2.12–2.33 s),
7.9–8.5× than the second — ≥ 5× met.

The toolkit runs from compiled bytecode, as an installed copy does (`from_bytecode`).
"""

from __future__ import annotations

import argparse
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


#: The anchor's first half, teitofo: the TEI Stylesheets' FO profile on saxonche, one fresh process.
TEITOFO = """
import sys
from saxonche import PySaxonProcessor
proc = PySaxonProcessor(license=False)
exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=sys.argv[1])
for name, value in (arg.split("=", 1) for arg in sys.argv[4:]):
    exe.set_parameter(name, proc.make_string_value(value))
exe.transform_to_file(source_file=sys.argv[2], output_file=sys.argv[3])
"""


def run(*argv: str, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall and processor time of one fresh process and what it said last on stderr. The processor
    time comes from os.wait4: user + system of the process and of the children it waited for."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{argv[:3]}: exit {os.waitstatus_to_exitcode(status)}: {err.strip()[-500:]}")
    lines = err.strip().splitlines()
    return wall, usage.ru_utime + usage.ru_stime, lines[-1].split(": ", 1)[-1] if lines else ""


#: The environment of the toolkit's processes: Python reads and writes its bytecode in a folder of
#: the run (set by `main`), as an installed toolkit runs from the bytecode pip compiled.
TOOLKIT_ENV: dict[str, str] = dict(os.environ)


def cli(*args: str) -> tuple[float, float, str]:
    """One `edition` process, cold: nothing compiled or cached in memory but Python's bytecode."""
    return run(sys.executable, "-m", "edition", *args, env=TOOLKIT_ENV)


def from_bytecode(folder: Path, tei: Path) -> None:
    """Run the toolkit as an installed copy runs: from compiled bytecode. pip compiles a wheel's
    modules when it installs it (and FOP, the anchor, runs from compiled classes); where
    PYTHONDONTWRITEBYTECODE is set, as in some sandboxes, a checkout's modules were otherwise
    compiled from source by every process (about 0.03 s of the play's 0.4 s). The bytecode goes
    into `folder` (PYTHONPYCACHEPREFIX): the toolkit's modules compiled whole, then the other
    modules a book needs by one unmeasured run of the Typst route."""
    TOOLKIT_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    TOOLKIT_ENV["PYTHONPYCACHEPREFIX"] = str(folder)
    run(sys.executable, "-m", "compileall", "-q", str(ROOT / "edition"), env=TOOLKIT_ENV)
    cli("pdf", str(tei), "-o", str(folder / "warm-up.pdf"))


def teitopdf(stylesheets: Path, tei: Path, out: Path, font: str = "") -> tuple[float, float, str]:
    """The anchor: teitofo (saxonche) then FOP, two fresh processes, their times added. As teitopdf
    runs it, FOP sets the text in its built-in Times, which has no Cyrillic (a Russian play comes
    out as '#'); with `font`, teitofo is told to use that family (bodyFont, divFont, sansFont) and
    FOP gets the project's own font configuration, so both FO routes embed the same fonts."""
    fo = out.with_suffix(".fo")
    params = [f"{name}={font}" for name in ("bodyFont", "divFont", "sansFont")] if font else []
    profile = stylesheets / "profiles" / "default" / "fo" / "to.xsl"
    to_fo = run(sys.executable, "-c", TEITOFO, str(profile), str(tei), str(fo), *params)
    config = []
    if font:
        from edition.render.fo import fop_config

        conf = out.with_suffix(".xconf")
        conf.write_text(fop_config(font))
        config = ["-c", str(conf)]
    fop = run(shutil.which("fop") or "fop", "-q", *config, "-fo", str(fo), "-pdf", str(out))
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(f"teitopdf: FOP wrote no PDF for {tei}")
    return (
        to_fo[0] + fop[0],
        to_fo[1] + fop[1],
        f"teitofo {to_fo[1]:.2f} s + FOP {fop[1]:.2f} s processor; {out.stat().st_size // 1024} KB",
    )


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

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tei-stylesheets",
        default=os.environ.get("TEI_STYLESHEETS", ""),
        help="a checkout of the TEI Stylesheets, for the teitofo + FOP anchor",
    )
    parser.add_argument("--only", choices=("showcase", "book", "linear", "play"), action="append")
    args = parser.parse_args()
    only = set(args.only or ("showcase", "book", "linear", "play"))
    stylesheets = Path(args.tei_stylesheets) if args.tei_stylesheets else None
    if stylesheets and not (stylesheets / "profiles" / "default" / "fo" / "to.xsl").is_file():
        sys.exit(f"{stylesheets}: no profiles/default/fo/to.xsl (give a checkout of the TEI Stylesheets)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(
            f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; the toolkit from compiled bytecode"
        )
        showcase = ROOT / "tei" / "march-1917.xml"
        (tmp / "bytecode").mkdir()
        from_bytecode(tmp / "bytecode", showcase)
        if "showcase" in only:
            show("showcase, Typst, cold", cli("pdf", str(showcase), "-o", str(tmp / "s.pdf")), "(target ≤ 1.5 s)")
        if "book" in only:
            book = tmp / "showcase-10x.xml"  # over 400 pages
            book.write_bytes(repeated(showcase, 10))
            show(
                "the showcase 10×, Typst", cli("pdf", str(book), "-o", str(tmp / "b.pdf")), "(target: 400 pages ≤ 10 s)"
            )
        if "linear" in only:
            sizes = {}
            for n in (1_000, 4_000):
                doc = tmp / f"synthetic-{n}.xml"
                doc.write_bytes(synthetic(n))
                sizes[n] = cli("pdf", str(doc), "-o", str(tmp / f"t{n}.pdf"))
                show(f"{n:>5} turns, each with a note, Typst", sizes[n])
            print(f"4× the text: {sizes[4_000][1] / sizes[1_000][1]:.1f}× the processor time")
        if "play" in only:
            play(tmp, stylesheets)


def play(tmp: Path, stylesheets: Path | None) -> None:
    """Issue 15's anchor comparison: one DraCor play set by Typst, by the project's FO route and
    by teitofo + FOP, one after the other in this run."""
    if not PLAY.exists():
        print(f"DraCor play: not measured — {PLAY} is absent (the shared samples are not here)")
        return
    typ = cli("pdf", str(PLAY), "-o", str(tmp / "play.pdf"))
    show(f"DraCor {PLAY.stem}, Typst", typ)
    if not shutil.which("fop"):
        print("XSL-FO + FOP: not measured — fop is not installed (apt install fop)")
        return
    fop = cli("pdf", str(PLAY), "-o", str(tmp / "play-fop.pdf"), "--engine", "fop")
    show(
        f"DraCor {PLAY.stem}, the project's XSL-FO + FOP",
        fop,
        f"({fop[0] / typ[0]:.1f}× Typst's wall time, {fop[1] / typ[1]:.1f}× its processor time)",
    )
    if stylesheets is None:
        print(
            "teitofo + FOP: not measured — the TEI Stylesheets are not installed here (not on PyPI or "
            "in Debian); give a checkout with --tei-stylesheets DIR"
        )
        return
    from edition.render.fo import FOP_FONT

    for label, font in (("as teitopdf runs it", ""), (f"with {FOP_FONT} as the project's FO route", FOP_FONT)):
        anchor = teitopdf(stylesheets, PLAY, tmp / f"play-teitopdf{'-font' if font else ''}.pdf", font)
        show(
            f"DraCor {PLAY.stem}, teitofo + FOP (TEI Stylesheets, {label})",
            anchor,
            f"({anchor[0] / typ[0]:.1f}× Typst's wall time, {anchor[1] / typ[1]:.1f}× its processor time; target ≥ 5×)",
        )


if __name__ == "__main__":
    main()
