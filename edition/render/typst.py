"""The print edition set by Typst: TEI → Typst markup (XSLT 3.0, xslt/typst/) → PDF, in process.

The stylesheet writes one self-contained Typst source (the library xslt/typst/assets/book.typ and
the book); Typst compiles it from memory, with no file, package or network to read: the document's
text is only ever in string literals, and the fonts are those of FONT_DIRS (the system's other
fonts are ignored, so a book is set the same on every machine that has them). The layout is one
run: Typst iterates itself until line numbers, apparatus entries, the contents and the index
agree with the pages. The PDF is PDF/A-2b and tagged unless asked otherwise, and it is written
to a temporary file and renamed into place.
"""

from __future__ import annotations

import os
from pathlib import Path

from edition import resources
from edition.diagnostics import Reporter
from edition.errors import EngineError, InputError, OutputError
from edition.files import staged_file
from edition.render.pdf import Book, PrintSettings
from edition.render.saxon import report_messages, transform
from edition.xmlio import parse_bytes, require_tei

#: Paper names of the toolkit → Typst's.
PAPER = {"A4": "a4", "Letter": "us-letter", "A5": "a5"}
#: The PDF standards a book can be written to (Typst's names), by the toolkit's variant names.
STANDARDS = {"pdf/a-2b": ["a-2b"], "pdf/a-3b": ["a-3b"], "pdf/ua-1": ["ua-1"], "none": []}
DEFAULT_VARIANT = "pdf/a-2b"
#: Where the book's fonts are: Linux Libertine O (text), DejaVu Serif (signs such as ⟨…⟩), Noto
#: Serif (scripts Libertine lacks); scripts/setup.sh installs all three.
FONT_DIRS = (
    "/usr/share/fonts/opentype/linux-libertine",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
)
FONT = "Linux Libertine O"


def typst_source(xml: bytes, settings: PrintSettings, name: str = "<input>", reporter: Reporter | None = None) -> str:
    """The Typst source of a TEI document; the stylesheet's messages go to `reporter`."""
    if settings.paper not in PAPER:
        raise InputError(
            f"Typst sets the paper sizes {', '.join(PAPER)}; {settings.paper!r} is not one",
            hint="choose one of them, or --engine fop for any CSS size",
        )
    out = transform(resources.stylesheet("typst/edition.xsl"), xml, {"paper": PAPER[settings.paper]}, name=name)
    if reporter is not None:
        report_messages(out.messages, reporter)
    return out.main


def font_paths() -> list[str]:
    return [d for d in FONT_DIRS if os.path.isdir(d)]


def compile_pdf(
    source: str, variant: str | None = DEFAULT_VARIANT, name: str = "<input>", reporter: Reporter | None = None
) -> bytes:
    """The PDF of a Typst source, compiled in this process.

    The layout runs until line numbers, the apparatus and the indexes agree with the pages, at
    most five passes; a book that has not settled by then may key an entry by a line a pass
    behind, and `reporter` is told so (W503) rather than the book passing for right.
    """
    import typst

    standards = STANDARDS[variant or "none"]
    try:
        pdf, warnings = typst.compile_with_warnings(
            source.encode("utf-8"),
            font_paths=font_paths(),
            ignore_system_fonts=True,
            pdf_standards=standards,
            timestamp=_timestamp(),
        )
    except Exception as exc:  # noqa: BLE001 — typst raises its own TypstError with the diagnostics
        detail = " ".join(str(exc).split())
        raise EngineError(f"Typst could not set the book: {detail[:400]}", file=name) from None
    unsettled = [w for w in warnings if "did not converge" in str(getattr(w, "message", w))]
    if unsettled and reporter is not None:
        reporter.warning(
            "W503",
            "the layout did not settle in five passes: a line number or an apparatus entry may be a pass behind",
            hint="report the document; its details: " + "; ".join(str(getattr(w, "message", w)) for w in unsettled[:3]),
        )
    return pdf


#: The tagged PDF's mark information as Typst writes it, and the same without its default
#: `/Suspects false`, padded to the same length so that no offset in the file moves.
MARK_INFO = b"/MarkInfo<</Marked true/Suspects false>>"
MARK_INFO_QUIET = b"/MarkInfo<</Marked true>>".ljust(len(MARK_INFO), b" ")


def quiet_mark_info(pdf: bytes) -> bytes:
    """The PDF without the `/Suspects false` of its catalog's mark information.

    The key is valid PDF (and false is its default), but poppler before 25.12 reports any
    Suspects that is not true as "Syntax Error: Suspects object is wrong type (boolean)", so that
    pdfinfo, pdffonts and pdftotext complain of every book. The catalog is written uncompressed;
    the key is blanked with spaces in place (the cross-reference offsets stay right), and only
    where it appears exactly once: otherwise the PDF is left as Typst wrote it.
    """
    if pdf.count(MARK_INFO) != 1:
        return pdf
    return pdf.replace(MARK_INFO, MARK_INFO_QUIET)


def _timestamp() -> int:
    """The book's date: SOURCE_DATE_EPOCH when set, else a fixed one (no clock in any output)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 0


def render_typst(tei: Path, out: Path, settings: PrintSettings = PrintSettings()) -> Book:
    """Set the TEI file `tei` as a book with Typst and write it to `out`."""
    data = tei.read_bytes()
    tree = parse_bytes(data, str(tei))
    require_tei(tree, str(tei))
    if not out.parent.is_dir():
        raise OutputError("its directory does not exist", file=str(out))
    variant = settings.variant or DEFAULT_VARIANT
    if variant not in STANDARDS:
        raise InputError(f"unknown PDF variant {variant!r}", hint=f"one of {', '.join(STANDARDS)}")
    if settings.margins is not None:
        raise InputError(
            "the Typst book sets its own margins (a text block of 60–75 characters)",
            hint="leave out --margins, or use --engine fop",
        )
    reporter = Reporter(file=str(tei))
    if not any(Path(d).is_dir() for d in FONT_DIRS[:1]):
        reporter.warning(
            "W501",
            f"the font {FONT} is not installed; the PDF uses DejaVu or Noto Serif",
            hint="scripts/setup.sh installs fonts-linuxlibertine",
        )
    pdf = quiet_mark_info(compile_pdf(typst_source(data, settings, str(tei), reporter), variant, str(tei), reporter))
    with staged_file(out) as staged:
        Path(staged).write_bytes(pdf)
    return Book(out, _pages(pdf), reporter)


def _pages(pdf: bytes) -> int:
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    return max(counts) if counts else len(re.findall(rb"/Type\s*/Page\b", pdf))
