"""The print edition through XSL-FO: for Apache FOP (`--engine fop`) or any commercial FO engine.

`xsl_fo` gives the FO document; `render_fop` runs FOP on it when `fop` is installed, with a font
configuration that finds the system's fonts (FOP's built-in fonts have no Cyrillic), and writes
the PDF atomically.

FOP (or any FO engine) fetches what an FO document names: external graphics, colour profiles,
url() in properties, SVG's links. The stylesheet makes none of these, and every FO document is
checked before it is handed out or to FOP (`fetches`): one that names a resource is refused, so no
engine reads a local file because a TEI document said so.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from edition import resources
from edition.diagnostics import Reporter
from edition.errors import EngineError, OutputError, XMLInputError
from edition.files import staged_file
from edition.render.pdf import PAPER, Book, PrintSettings
from edition.render.saxon import report_messages, transform
from edition.xmlio import lxml_iterparse, parse_bytes, require_tei

#: Page sizes in FO terms.
SIZES = {"A4": ("210mm", "297mm"), "Letter": ("8.5in", "11in"), "A5": ("148mm", "210mm")}

#: FOP's font: a TrueType family, which FOP embeds as a subset with a Unicode map (it embeds the
#: print route's OpenType/CFF Libertine whole and without one, so its text could not be copied).
FOP_FONT = "Noto Serif"

#: The faces FOP needs named explicitly (its auto-detection mislabels some families).
FACES = (
    ("Regular", "normal", "normal"),
    ("Italic", "italic", "normal"),
    ("Bold", "normal", "bold"),
    ("Bold Italic", "italic", "bold"),
)


def fop_config(family: str = FOP_FONT) -> str:
    """A FOP configuration: the family's four faces by file (found with fc-match), then the rest."""
    fonts = []
    if shutil.which("fc-match"):
        for style, slant, weight in FACES:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}|%{family}", f"{family}:style={style}"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            path, _, got = found.partition("|")
            if path and family in got:
                fonts.append(
                    f'<font embed-url="{Path(path).as_uri()}" kerning="yes" embedding-mode="subset">'
                    f'<font-triplet name="{family}" style="{slant}" weight="{weight}"/></font>'
                )
    return (
        '<?xml version="1.0"?>\n<fop version="1.0"><renderers><renderer mime="application/pdf">'
        f"<fonts>{''.join(fonts)}<auto-detect/></fonts></renderer></renderers></fop>\n"
    )


def xsl_fo(xml: bytes, settings: PrintSettings, name: str = "<input>") -> bytes:
    """The XSL-FO of a TEI document, after the same safety checks as every other input."""
    require_tei(parse_bytes(xml, name), name)  # refuse unsafe input before Saxon sees it
    return _fo(xml, settings, name)


def _fo(xml: bytes, settings: PrintSettings, name: str, index: str = "", reporter: Reporter | None = None) -> bytes:
    """The transformation alone, for a document already checked; its messages go to `reporter`."""
    width, height = SIZES.get(settings.paper, SIZES["A4"])
    top, right, bottom, left = _box((settings.margins or PAPER.get(settings.paper, PAPER["A4"])[1]).split())
    params = {
        "page-width": width,
        "page-height": height,
        "margin-top": top,
        "margin-right": right,
        "margin-bottom": bottom,
        "margin-left": left,
        "index": index,
        "font-family": f"{FOP_FONT}, DejaVu Serif, serif",
    }  # DejaVu: the signs Noto lacks (⟨…⟩)
    out = transform(resources.stylesheet("fo/edition.xsl"), xml, params, name=name)
    if reporter is not None:
        report_messages(out.messages, reporter)
    data = out.main.encode("utf-8")
    found = fetches(data)
    if found:
        raise XMLInputError(
            f"the FO would make the engine read {found[0]!r}; the print edition reads "
            "nothing but its own files, and no FO was made",
            kind="unsafe",
            file=name,
            hint="the document names a file or URL to fetch; remove it",
        )
    return data


#: FO (and SVG) that make an engine fetch something: elements, and attributes by name.
_FETCHING_ELEMENTS = {"external-graphic", "color-profile", "external-document", "instream-foreign-object"}
_FETCHING_ATTRIBUTES = {
    "src",
    "external-destination",
    "background-image",
    "{http://www.w3.org/1999/xlink}href",
    "{http://www.w3.org/XML/1998/namespace}base",
}
#: Attributes that name places in the book, never a resource (an id may hold anything).
_NAMES = {"id", "ref-id", "internal-destination", "marker-class-name", "retrieve-class-name"}


def fetches(fo: bytes) -> list[str]:
    """What an FO document would make its engine read: fetching elements, URI attributes, url()."""
    from lxml import etree

    found = []
    for _, el in lxml_iterparse(io.BytesIO(fo), ("end",)):
        if etree.QName(el).localname in _FETCHING_ELEMENTS:
            found.append(f"<{etree.QName(el).localname}>")
        for key, value in el.attrib.items():
            if key in _FETCHING_ATTRIBUTES or (key not in _NAMES and "url(" in value.lower()):
                found.append(f"{etree.QName(key).localname}={value[:200]}")
        el.clear(keep_tail=True)  # a book's FO may be large: keep none of it
        while el.getprevious() is not None:
            del el.getparent()[0]
    return found


def _box(values: list[str]) -> tuple[str, str, str, str]:
    """CSS shorthand of one to four values → (top, right, bottom, left)."""
    top = values[0]
    right = values[1] if len(values) > 1 else top
    bottom = values[2] if len(values) > 2 else top
    return top, right, bottom, values[3] if len(values) > 3 else right


def render_fop(tei: Path, out: Path, settings: PrintSettings = PrintSettings()) -> Book:
    """Two FOP runs: the first (to FOP's intermediate format) tells on which
    page each turn is; the index is made from that, and the second run writes the PDF."""
    from edition.render.pdf import speaker_index

    fop = shutil.which("fop")
    if fop is None:
        raise EngineError(
            "Apache FOP is not installed", hint="apt install fop, or leave out --engine fop (Typst, the default)"
        )
    data = tei.read_bytes()
    tree = parse_bytes(data, str(tei))
    require_tei(tree, str(tei))
    out = out.resolve()
    if not out.parent.is_dir():
        raise OutputError("its directory does not exist", file=str(out))
    reporter = Reporter(file=str(tei))
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "fop.xconf"
        conf.write_text(fop_config())
        first = Path(tmp) / "first.fo"
        first.write_bytes(_fo(data, settings, str(tei)))
        layout = Path(tmp) / "first.if.xml"
        _fop(fop, conf, first, ["-if", "application/pdf", str(layout)], tei, reporter)
        final = Path(tmp) / "book.fo"
        final.write_bytes(_fo(data, settings, str(tei), speaker_index(tree.getroot(), _id_pages(layout)), reporter))
        profile = ["-pdfprofile", "PDF/A-1b"] if settings.variant in ("pdf/a-2b", "pdf/a-3b") else []
        with staged_file(out) as staged:
            _fop(fop, conf, final, [*profile, "-pdf", str(staged)], tei, reporter)
    return Book(out, _page_count(out), reporter)


def _fop(fop: str, conf: Path, fo: Path, output: list[str], tei: Path, reporter: Reporter) -> None:
    run = subprocess.run(
        [fop, "-q", "-c", str(conf), "-fo", str(fo), *output], capture_output=True, text=True, timeout=900, check=False
    )
    if run.returncode != 0:
        detail = [ln for ln in (run.stderr + run.stdout).splitlines() if "SEVERE" in ln or "Exception" in ln]
        raise EngineError(f"FOP failed: {(detail or [run.stderr.strip()[-300:]])[0]}", file=str(tei))
    for line in run.stderr.splitlines():
        if "WARNING" in line and "font" in line.lower() and not reporter.items:
            reporter.warning("W502", f"FOP: {line.split('WARNING:')[-1].strip()}")


def _id_pages(intermediate: Path) -> dict[str, int]:
    """id → page number, read from FOP's intermediate format (pages in order, ids within them)."""
    from lxml import etree

    pages: dict[str, int] = {}
    page = 0
    for _event, el in etree.iterparse(
        str(intermediate), events=("start",), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    ):
        local = etree.QName(el).localname
        if local == "page":
            page = int(el.get("index", "0")) + 1
        elif local == "id" and el.get("name"):
            pages.setdefault(el.get("name"), page)
    return pages


def _page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
        m = re.search(r"^Pages:\s+(\d+)", info, re.M)
        if m:
            return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
