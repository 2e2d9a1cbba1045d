"""The print edition: TEI → paged HTML (XSLT 3.0) → PDF (WeasyPrint), with an index from the layout.

Layout runs twice. The first pass sets the book without its index and tells on which page every
turn landed (WeasyPrint reports each page's anchors); the index of speakers is made from those
pages and the book is set again with it. Everything before the index is identical in both passes,
so the pages the index gives are the pages the turns are on.

WeasyPrint may read the print stylesheet's own files (xslt/print/assets/) and nothing else: the
fetcher allows a resource by the path it resolves to (after decoding the URL and following links),
not by a pattern of its URL, and a refused resource stops the book with an error naming it (the
stylesheets make nothing that fetches, so a fetch the toolkit did not make is never silent).
The PDF is written to a temporary file and renamed into place.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from lxml import etree

from edition import resources
from edition.diagnostics import Reporter
from edition.errors import InputError, OutputError, XMLInputError
from edition.files import staged_file
from edition.render.saxon import report_messages, transform
from edition.xmlio import NS, TEI_NS, XML_ID, parse_bytes, require_tei

#: Paper sizes offered by name, with margins that suit them (top right bottom left).
PAPER = {
    "A4": ("A4", "22mm 20mm 24mm 20mm"),
    "Letter": ("letter", "0.85in 0.8in 0.95in 0.8in"),
    "A5": ("A5", "16mm 14mm 18mm 15mm"),
}
#: Archival variants WeasyPrint can write.
VARIANTS = ("pdf/a-2b", "pdf/a-3b", "pdf/ua-1")
FONT = "Linux Libertine O"


#: A page size or margins given as CSS: words, numbers, units and spaces only (it is written into
#: the book's <style> and the FO's attributes, so nothing that could end a declaration or an element).
CSS_VALUE = re.compile(r"[A-Za-z0-9.% -]{1,80}")


@dataclass(frozen=True)
class PrintSettings:
    paper: str = "A4"
    margins: str | None = None          # CSS margins; default: the paper's own
    variant: str | None = None          # None, or one of VARIANTS

    def __post_init__(self):
        for what, value in (("paper size", self.paper), ("margins", self.margins)):
            if value is not None and not CSS_VALUE.fullmatch(value):
                raise InputError(f"{what} {value!r} is not a CSS size",
                                 hint="e.g. --paper A4, --margins '20mm' or '22mm 20mm 24mm 20mm'")


@dataclass
class Book:
    path: Path
    pages: int
    diagnostics: Reporter = field(default_factory=Reporter)


def paged_html(xml: bytes, settings: PrintSettings, index: str = "", name: str = "<input>",
               reporter: Reporter | None = None) -> str:
    """The paged-media HTML of a TEI document (the input of any CSS paged-media engine); the
    stylesheet's messages go to `reporter` when one is given."""
    size, margins = PAPER.get(settings.paper, (settings.paper, PAPER["A4"][1]))
    params = {"page-size": size, "margins": settings.margins or margins, "index": index}
    out = transform(resources.stylesheet("print/edition.xsl"), xml, params, name=name)
    if reporter is not None:
        report_messages(out.messages, reporter)
    return out.main


def render_pdf(tei: Path, out: Path, settings: PrintSettings = PrintSettings()) -> Book:
    """Set the TEI file `tei` as a book and write it to `out`."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    data = tei.read_bytes()
    tree = parse_bytes(data, str(tei))
    require_tei(tree, str(tei))
    if not out.parent.is_dir():                              # say so before the long layout
        raise OutputError("its directory does not exist", file=str(out))
    if settings.variant and settings.variant not in VARIANTS:
        raise InputError(f"unknown PDF variant {settings.variant!r}", hint=f"one of {', '.join(VARIANTS)}")
    reporter = Reporter(file=str(tei))
    if not _font_installed(FONT):
        reporter.warning("W501", f"the font {FONT} is not installed; the PDF uses Noto Serif or the "
                         "system's serif font", hint="scripts/setup.sh installs fonts-linuxlibertine")
    fetch = _fetcher(resources.stylesheet("print/assets"))
    base = f"{fetch.folder.as_uri()}/"
    try:
        first = HTML(string=paged_html(data, settings, name=str(tei)), base_url=base,
                     url_fetcher=fetch).render()
        index = speaker_index(tree.getroot(), _anchor_pages(first))
        book = HTML(string=paged_html(data, settings, index, str(tei), reporter), base_url=base,
                    url_fetcher=fetch).render()
    except FatalURLFetchingError as refused:
        url = getattr(refused, "url", str(refused))
        raise XMLInputError(f"the print edition would read {url!r}; it reads nothing but its "
                            "own stylesheet, and no PDF was written", kind="unsafe", file=str(tei),
                            hint="the document (or a stylesheet of the toolkit) names a file or URL "
                                 "to fetch; remove it") from None
    _write(book, out, settings.variant)
    return Book(out, len(book.pages), reporter)


def _anchor_pages(document) -> dict[str, int]:
    pages = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def speaker_index(root: etree._Element, pages: dict[str, int]) -> str:
    """The index as XML for the stylesheet: each speaker, the pages of their turns, in order."""
    people = {p.get(XML_ID): p for p in root.iterfind(".//tei:listPerson/tei:person", NS)}
    found: dict[str, dict[int, str]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for number, turn in enumerate(root.iter(f"{{{TEI_NS}}}sp", f"{{{TEI_NS}}}u"), start=1):
        anchor = turn.get(XML_ID) or f"turn-{number}"
        who = [w[1:] for w in (turn.get("who") or "").split() if w.startswith("#")]
        if not who or anchor not in pages:
            continue
        found[who[0]].setdefault(pages[anchor], anchor)
        speaker = turn.find("tei:speaker", NS)
        if speaker is not None:
            labels.setdefault(who[0], re.sub(r"\s+", " ", "".join(speaker.itertext())).strip(" :."))
    index = etree.Element("index")
    for pid, by_page in found.items():
        name, sort = _names(people.get(pid), labels.get(pid) or pid)
        person = etree.SubElement(index, "person", id=pid, name=name, sort=sort)
        for page in sorted(by_page):
            etree.SubElement(person, "page", n=str(page), anchor=by_page[page])
    return etree.tostring(index, encoding="unicode")


def _names(person: etree._Element | None, fallback: str) -> tuple[str, str]:
    if person is None:
        return fallback, fallback
    names = person.findall("tei:persName", NS)
    reg = next((n for n in names if n.get("type") == "reg"), names[0] if names else None)
    if reg is None:
        return fallback, fallback
    name = re.sub(r"\s+", " ", "".join(reg.itertext())).strip()
    surname = reg.find("tei:surname", NS)
    sort = "".join(surname.itertext()).strip() if surname is not None else name
    return name or fallback, sort or fallback


def _fetcher(assets: Path):
    """A WeasyPrint URL fetcher that reads the files of `assets` and nothing else; a refused URL
    raises a FatalURLFetchingError (with the URL as `url`), which stops the layout."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Refused(FatalURLFetchingError):
        def __init__(self, url: str):
            super().__init__(f"refused {url!r}")
            self.url = url

    class AssetsOnly(URLFetcher):
        def __init__(self, folder: Path):
            super().__init__(allowed_protocols=("file",))
            self.folder = folder.resolve()
            self.allowed = allowed_files(self.folder)

        def fetch(self, url, headers=None):
            path = allowed_path(url, self.allowed)
            if path is None:
                raise Refused(url)
            return super().fetch(path.as_uri(), headers)

    return AssetsOnly(assets)


def allowed_files(folder: Path) -> frozenset[Path]:
    """The files of `folder` (not below it) that really are there: resolved, and still inside it."""
    folder = folder.resolve()
    return frozenset(p.resolve() for p in folder.iterdir()
                     if p.is_file() and p.resolve().parent == folder)


def allowed_path(url: str, allowed: frozenset[Path]) -> Path | None:
    """The file a URL names, if it is one of `allowed`: a file: URL only, percent-decoded, '..' and
    links resolved; anything else (another scheme, data:, a query, a host) gives None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost") or parts.query:
        return None
    try:
        path = Path(os.path.realpath(url2pathname(parts.path)))
    except (ValueError, OSError):
        return None
    return path if path in allowed else None


def _write(document, out: Path, variant: str | None) -> None:
    options = {"pdf_variant": variant} if variant else {}
    with staged_file(out) as staged:
        document.write_pdf(staged, **options)


def _font_installed(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    run = subprocess.run(["fc-list", family], capture_output=True, text=True, check=False)
    return bool(run.stdout.strip())
