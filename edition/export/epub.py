"""An EPUB 3 e-book of the HTML edition, for reading on e-readers and in library systems.

The book is the HTML edition itself (edition.render.html, rendered into a temporary folder), its
pages turned into XHTML content documents: what only a browser can use is left out (scripts,
the search, the reading/as-printed switch, the site header and pager), the corrected reading is
kept, and the popovers of notes, corrections and lacunae become EPUB footnotes (`aside
epub:type="footnote"`, referenced by `a epub:type="noteref"`). The package document takes its
metadata from the TEI header; the navigation document lists every page and, under it, its
sessions and sections.

Same input, same bytes: entries are written in a fixed order with fixed timestamps and modes,
and `dcterms:modified` is the header's latest date (or SOURCE_DATE_EPOCH), never the clock.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import tinycss2
import tinyhtml5
from lxml import etree
from lxml.builder import ElementMaker

from edition import resources
from edition.files import refuse_inputs, staged_file
from edition.render.html import render_html
from edition.xmlio import DECLARATION, NS, XML_ID, XML_LANG, parse_file, require_tei

XHTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
XH = {"h": XHTML_NS, "epub": EPUB_NS}

H = ElementMaker(namespace=XHTML_NS, nsmap={None: XHTML_NS, "epub": EPUB_NS})
OPF = ElementMaker(namespace=OPF_NS, nsmap={None: OPF_NS, "dc": DC_NS})
DC = ElementMaker(namespace=DC_NS, nsmap={"dc": DC_NS})

CONTENT = "OEBPS"
STYLESHEETS = ("assets/edition.css", "assets/epub.css")
#: The pages the HTML edition makes besides the text's own (xslt/html/edition.xsl, $reserved).
SITE_PAGES = {f"{name}.xhtml" for name in ("index", "about", "people", "notes", "front", "back")}
#: Zip entries carry this date: the zip format's own epoch, the same for every build.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write(tei: Path, out: Path, options) -> None:
    """Write the TEI file `tei` as an EPUB 3 book to `out` (the corrected reading: the `view`
    option does not apply)."""
    tree = parse_file(tei)
    require_tei(tree, str(tei))
    refuse_inputs(out, (tei,))
    meta = metadata(tree, os.environ.get("SOURCE_DATE_EPOCH"))
    with tempfile.TemporaryDirectory(prefix="edition-epub-") as tmp:
        book = assemble(render_html(tei, Path(tmp) / "site").folder, meta)
    with staged_file(out) as staged:
        book.save(staged)


# ============================================================ metadata from the TEI header


@dataclass(frozen=True)
class Metadata:
    title: str
    identifier: str
    language: str
    modified: str  # CCYY-MM-DDThh:mm:ssZ
    subtitle: str = ""
    creators: tuple[tuple[str, str], ...] = ()  # (name, MARC relator)
    contributors: tuple[str, ...] = ()
    publisher: str = ""
    date: str = ""
    rights: str = ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _first(tree, path: str) -> str:
    found = tree.xpath(path, namespaces=NS)
    return _text(found[0]) if found else ""


def metadata(tree: etree._ElementTree, source_date_epoch: str | None = None) -> Metadata:
    """The book's metadata, read off the TEI header (or teiCorpus header)."""
    stmt, pub = "/*/tei:teiHeader/tei:fileDesc/tei:titleStmt", "/*/tei:teiHeader/tei:fileDesc/tei:publicationStmt"
    title = _first(tree, f"{stmt}/tei:title[@type='main']") or _first(tree, f"{stmt}/tei:title") or "Untitled edition"
    when = [str(w) for w in tree.xpath(f"{pub}/tei:date/@when", namespaces=NS) if re.match(r"^\d{4}(-\d\d){0,2}$", w)]
    creators = [(_text(a), "aut") for a in tree.xpath(f"{stmt}/tei:author", namespaces=NS)] + [
        (_text(e), "edt") for e in tree.xpath(f"{stmt}/tei:editor", namespaces=NS)
    ]
    contributors = [_text(n) for n in tree.xpath(f"{stmt}/tei:respStmt/*[not(self::tei:resp)]", namespaces=NS)]
    return Metadata(
        title=title,
        subtitle=_first(tree, f"{stmt}/tei:title[@type='sub']"),
        identifier=_first(tree, f"{pub}/tei:idno") or _name_based_id(tree, title, when),
        language=_language(tree),
        modified=_modified(tree, source_date_epoch),
        creators=tuple(c for c in creators if c[0]),
        contributors=tuple(c for c in contributors if c),
        publisher=_first(tree, f"{pub}/*[self::tei:publisher or self::tei:authority or self::tei:distributor]"),
        date=when[0] if when else "",
        rights=_first(tree, f"{pub}/tei:availability"),
    )


def _name_based_id(tree, title: str, when: list[str]) -> str:
    """Where the header gives no idno: a UUID made of the document's id, title and date, the same
    for every build of the same edition."""
    key = f"edition:{tree.getroot().get(XML_ID, '')}:{title}:{''.join(when[:1])}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _language(tree) -> str:
    lang = tree.getroot().get(XML_LANG) or next(
        iter(
            tree.xpath(
                "/*/tei:text/@xml:lang | /*/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident",
                namespaces=NS,
            )
        ),
        "",
    )
    return str(lang) or "und"


def _modified(tree, source_date_epoch: str | None) -> str:
    """SOURCE_DATE_EPOCH if given (reproducible builds), else the header's latest full date."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        return datetime.fromtimestamp(int(source_date_epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [d[:10] for d in tree.xpath("/*/tei:teiHeader//@when", namespaces=NS) if re.match(r"^\d{4}-\d\d-\d\d", d)]
    return f"{max(dates)}T00:00:00Z" if dates else "1980-01-01T00:00:00Z"


# ============================================================ the book


@dataclass
class Page:
    name: str  # e.g. session-1917-03-29.xhtml
    root: etree._Element
    label: str


@dataclass
class Book:
    meta: Metadata
    pages: list[Page]
    assets: dict[str, bytes] = field(default_factory=dict)

    def entries(self) -> list[tuple[str, bytes]]:
        """Every file of the book, in the order it is written (mimetype first)."""
        return [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", container_document()),
            (f"{CONTENT}/package.opf", package_document(self)),
            (f"{CONTENT}/nav.xhtml", xhtml_bytes(navigation_document(self))),
            *[(f"{CONTENT}/{p.name}", xhtml_bytes(p.root)) for p in self.pages],
            *[(f"{CONTENT}/{name}", data) for name, data in sorted(self.assets.items())],
        ]

    def save(self, target: Path) -> None:
        with zipfile.ZipFile(target, "w") as zf:
            for name, data in self.entries():
                info = zipfile.ZipInfo(name, ZIP_EPOCH)
                info.create_system = 3  # the same on every platform
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                zf.writestr(info, data, compresslevel=None if name == "mimetype" else 9)


def assemble(site: Path, meta: Metadata) -> Book:
    """The book made of a rendered site: its pages in reading order, as XHTML, and its CSS."""
    order = reading_order(site)
    pages = [_page(site, name, set(order)) for name in order]
    _resolve_fragments(pages)
    assets = {
        "assets/edition.css": book_css((site / "assets" / "edition.css").read_text("utf-8")),
        "assets/epub.css": resources.stylesheet("export/epub.css").read_bytes(),
    }
    return Book(meta, pages, assets)


def book_css(css: str) -> bytes:
    """The site's CSS without the rules of the reading/as-printed switch, which the book does not
    have (their `:has()` selectors are also beyond the CSS that EPUB 3 reading systems parse)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    kept = [
        r
        for r in rules
        if not (r.type == "qualified-rule" and ":has(" in tinycss2.serialize(r.prelude).replace(" ", ""))
    ]
    return tinycss2.serialize(kept).encode("utf-8")


def reading_order(site: Path) -> list[str]:
    """The site's pages in reading order: the title page, then its contents in order, then any
    page the contents do not list."""
    index = _parse_html((site / "index.html").read_bytes())
    listed = [
        href.split("#")[0]
        for href in index.xpath(
            "//h:nav[contains(concat(' ', @class, ' '), ' toc ')]/h:ol/h:li/h:a/@href", namespaces=XH
        )
    ]
    pages = sorted(p.name for p in site.glob("*.html") if p.name not in BROWSER_PAGES)
    order = ["index.html"] + [p for p in dict.fromkeys(listed) if p in pages and p != "index.html"]
    return order + [p for p in pages if p not in order]


def _page(site: Path, name: str, book_pages: set[str]) -> Page:
    root = _parse_html((site / name).read_bytes())
    for step in CLEANUP:
        step(root, book_pages)
    heading = next(root.iter(*(_x(f"h{i}") for i in range(1, 7))), None)
    return Page(_xhtml_name(name), root, _label(heading) or _text(root.find(f".//{_x('title')}")) or name)


def _xhtml_name(name: str) -> str:
    return re.sub(r"\.html$", ".xhtml", name)


def _label(heading) -> str:
    """The words of a heading, without its note references."""
    if heading is None:
        return ""
    return " ".join("".join(heading.xpath(".//text()[not(ancestor::*[@epub:type='noteref'])]", namespaces=XH)).split())


# ============================================================ HTML → XHTML


def _parse_html(data: bytes) -> etree._Element:
    """An HTML5 page parsed as a browser parses it (tinyhtml5), as an lxml tree in the XHTML and
    SVG namespaces."""
    return _to_lxml(tinyhtml5.parse(data))


def _to_lxml(el: ET.Element, parent: etree._Element | None = None) -> etree._Element:
    attrib = {
        k: v
        for k, v in el.attrib.items()
        if k != "xmlns" and not k.startswith(("xmlns:", "{http://www.w3.org/2000/xmlns/}"))
    }
    node = (
        etree.Element(el.tag, attrib, nsmap={None: XHTML_NS, "epub": EPUB_NS})
        if parent is None
        else etree.SubElement(parent, el.tag, attrib)
    )
    node.text = el.text
    for child in el:
        _to_lxml(child, node).tail = child.tail
    return node


def _x(tag: str) -> str:
    return f"{{{XHTML_NS}}}{tag}"


def _has_class(el, name: str) -> bool:
    return el is not None and name in (el.get("class") or "").split()


def _remove(el: etree._Element) -> None:
    """Take an element out, keeping the text that follows it."""
    parent, prev = el.getparent(), el.getprevious()
    if el.tail and prev is not None:
        prev.tail = (prev.tail or "") + el.tail
    elif el.tail:
        parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _noteref(target: str, text: str, **attrs) -> etree._Element:
    return H.a({EPUB_TYPE: "noteref", "href": f"#{target}", "role": "doc-noteref", **attrs}, text)


def _footnote(root, ident: str, classes: str, *content) -> None:
    """A footnote at the end of the page's main text."""
    main = root.find(f".//{_x('main')}")
    (main if main is not None else root.find(_x("body"))).append(
        H.aside({EPUB_TYPE: "footnote", "id": ident, "role": "doc-footnote", "class": classes}, *content)
    )


#: Pages of the site that only a browser can use (the search runs a script): not in the book.
BROWSER_PAGES = {"search.html"}

#: What only a browser can use, as (element, the class or name that marks it; None: every one).
BROWSER_ONLY = (
    ("script", None),
    ("form", None),
    ("fieldset", None),
    ("header", "site"),
    ("nav", "pager"),
    ("a", "skip"),
    ("a", "cite"),
    ("meta", "viewport"),
)


def _drop_browser_parts(root, pages) -> None:
    """Scripts, the site header (search, view switch), the pager, the skip link, the citation
    anchors, hidden parts, and the data the site's script reads."""

    def browser_only(el) -> bool:
        return el.get("hidden") is not None or any(
            el.tag == _x(tag) and (mark is None or _has_class(el, mark) or el.get("name") == mark)
            for tag, mark in BROWSER_ONLY
        )

    for el in [el for el in root.iter() if isinstance(el.tag, str) and browser_only(el)]:
        if el.getparent() is not None:
            _remove(el)
    body = root.find(_x("body"))
    for name in [n for n in body.attrib if n.startswith("data-")]:
        del body.attrib[name]


def _keep_reading(root, pages) -> None:
    """The corrected reading only: the printed form goes (its footnote still tells it)."""
    for sic in [el for el in root.iter(_x("span")) if _has_class(el, "sic")]:
        _remove(sic)


def _popovers_to_footnotes(root, pages) -> None:
    """Popovers of notes and corrections become footnotes, their buttons note references."""
    for button in [el for el in root.iter(_x("button")) if el.get("popovertarget")]:
        ref = _noteref(
            button.get("popovertarget"),
            button.text or "",
            **{k: button.get(k) for k in ("id", "class", "aria-label") if button.get(k)},
        )
        ref.tail = button.tail
        button.getparent().replace(button, ref)
    for pop in [el for el in root.iter() if el.get("popover") is not None]:
        content = [pop.text or "", *pop]
        _remove(pop)
        _footnote(root, pop.get("id", ""), pop.get("class", ""), *content)


def _lacunae_to_footnotes(root, pages) -> None:
    """A lacuna keeps its visible mark; what it is (the words the site gives screen readers)
    becomes a footnote referenced from the mark."""
    for gap in [el for el in root.iter(_x("span")) if _has_class(el, "gap") and el.get("id")]:
        label = next((c for c in gap if _has_class(c, "sr-only")), None)
        if label is not None:
            target = f"about-{gap.get('id')}"
            gap.replace(label, _noteref(target, "°", **{"class": "gap-ref editorial"}))
            _footnote(root, target, "gap-note editorial", _text(label))
            gap.attrib.pop("tabindex", None)
            for mark in gap:  # the mark is no longer doubled by words for the ear
                mark.attrib.pop("aria-hidden", None)


#: The key of signs on the about page, said for a book (the site's speaks of hover and buttons).
LEGEND = {
    "gap": "a lacuna: text that is lost, missing or breaks off; its footnote (°) gives the reason.",
    "corr": "an OCR error corrected by the editors; its footnote (°) gives the printed reading.",
    "note-ref": "a note: its number leads to it; all notes are also listed on the notes page.",
}


def _book_legend(root, pages) -> None:
    for dt in root.xpath("//h:dl[contains(concat(' ', @class, ' '), ' legend ')]/h:dt[*]", namespaces=XH):
        said = next((LEGEND[c] for c in (dt[0].get("class") or "").split() if c in LEGEND), None)
        meaning = dt.getnext()
        if said and meaning is not None and meaning.tag == _x("dd"):
            meaning.text, meaning[:] = said, []


def _buttons_to_spans(root, pages) -> None:
    """A button left over (the sample of a sign) is shown, not pressed."""
    for button in list(root.iter(_x("button"))):
        button.tag = _x("span")
        for name in ("type", "disabled"):
            button.attrib.pop(name, None)


def _book_links(root, pages) -> None:
    """Links between pages point at their XHTML; links to files outside the book (the TEI and
    text downloads) are left out, their words kept."""
    for para in [p for p in root.iter(_x("p")) if _has_class(p, "downloads")]:
        _remove(para)
    for a in root.iter(_x("a")):
        target, hash_, fragment = a.get("href", "").partition("#")
        if not target or re.match(r"^[a-z][a-z0-9+.\-]*:", target, re.IGNORECASE):
            continue
        if target in pages:
            a.set("href", _xhtml_name(target) + hash_ + fragment)
        else:
            a.tag = _x("span")
            for name in ("href", "download", "rel"):
                a.attrib.pop(name, None)


def _lists_hold_items(root, pages) -> None:
    """A list the site nests straight in a list (a register's relations) goes into an item."""
    for inner in root.xpath("//h:ul/h:ul | //h:ul/h:ol | //h:ol/h:ul | //h:ol/h:ol", namespaces=XH):
        item = H.li()
        inner.addprevious(item)
        item.append(inner)  # its tail moves with it, still after the list


def _unique_ids(root, pages) -> None:
    """An id the site repeats on one page keeps its first place only (links land there)."""
    seen: set[str] = set()
    for el in root.iter():
        ident = el.get("id") if isinstance(el.tag, str) else None
        if ident in seen:
            del el.attrib["id"]
        elif ident:
            seen.add(ident)


def _stylesheets(root, pages) -> None:
    """The edition's CSS and the book's own, in that order; the language for XML readers too."""
    head = root.find(_x("head"))
    for link in [el for el in head.iter(_x("link")) if el.get("rel") == "stylesheet"]:
        head.remove(link)
    head.extend(H.link(rel="stylesheet", type="text/css", href=sheet) for sheet in STYLESHEETS)
    if root.get("lang"):
        root.set(XML_LANG, root.get("lang"))


#: The steps that make a page of the site a content document of the book, in order.
CLEANUP = (
    _drop_browser_parts,
    _keep_reading,
    _popovers_to_footnotes,
    _lacunae_to_footnotes,
    _book_legend,
    _buttons_to_spans,
    _book_links,
    _lists_hold_items,
    _unique_ids,
    _stylesheets,
)


def _resolve_fragments(pages: list[Page]) -> None:
    """A link to a place the site never made (a person its people page does not list) points at
    the page instead, or nowhere if it is this page."""
    ids = {p.name: set(p.root.xpath("//@id")) for p in pages}
    for page in pages:
        for a in page.root.iter(_x("a")):
            target, hash_, fragment = a.get("href", "").partition("#")
            if hash_ and fragment not in ids.get(target or page.name, {fragment}):
                if target:
                    a.set("href", target)
                else:
                    del a.attrib["href"]


def xhtml_bytes(root: etree._Element) -> bytes:
    return DECLARATION + b"<!DOCTYPE html>\n" + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n"


# ============================================================ navigation and package


def _heading(section: etree._Element) -> str:
    return _label(next((c for c in section if c.tag in {_x(f"h{i}") for i in range(1, 7)}), None))


def _sections(el: etree._Element) -> list[etree._Element]:
    """The headed sections under `el` that are not inside another such section."""
    found = []
    for child in (c for c in el if isinstance(c.tag, str)):
        found += [child] if child.tag == _x("section") and child.get("id") and _heading(child) else _sections(child)
    return found


def _nav_list(page: Page, sections: list[etree._Element]) -> list[etree._Element]:
    """An `ol` of the sections with theirs nested under them (nothing if there are none)."""
    return (
        [
            H.ol(
                *[
                    H.li(H.a(_heading(s), href=f"{page.name}#{s.get('id')}"), *_nav_list(page, _sections(s)))
                    for s in sections
                ]
            )
        ]
        if sections
        else []
    )


def navigation_document(book: Book) -> etree._Element:
    """The EPUB navigation document: every page, and under it its sessions and sections."""
    entries = []
    for page in book.pages:
        main = page.root.find(f".//{_x('main')}")
        sections = _sections(main if main is not None else page.root)
        if len(sections) == 1 and _heading(sections[0]) == page.label:  # the page is that section
            sections = _sections(sections[0])
        entries.append(H.li(H.a(page.label, href=page.name), *_nav_list(page, sections)))
    first_text = next((p.name for p in book.pages if p.name not in SITE_PAGES), book.pages[0].name)
    root = H.html(
        H.head(
            H.meta(charset="UTF-8"),
            H.title(book.meta.title),
            *[H.link(rel="stylesheet", type="text/css", href=s) for s in STYLESHEETS],
        ),
        H.body(
            H.nav({EPUB_TYPE: "toc", "id": "toc"}, H.h1("Contents"), H.ol(*entries)),
            H.nav(
                {EPUB_TYPE: "landmarks", "hidden": "hidden"},
                H.h2("Landmarks"),
                H.ol(
                    H.li(H.a({EPUB_TYPE: "titlepage"}, "Title page", href=book.pages[0].name)),
                    H.li(H.a({EPUB_TYPE: "bodymatter"}, "The text", href=first_text)),
                ),
            ),
        ),
        lang=book.meta.language,
    )
    root.set(XML_LANG, book.meta.language)
    return root


def _item(href: str, media_type: str, **attrs) -> etree._Element:
    return OPF.item(id="x-" + re.sub(r"[^A-Za-z0-9_.\-]", "-", href), href=href, **{"media-type": media_type, **attrs})


def package_document(book: Book) -> bytes:
    """The OPF package: metadata from the TEI header, a manifest of every file, the spine."""
    meta = book.meta
    md = OPF.metadata(
        DC.identifier(meta.identifier, id="book-id"),
        DC.title(meta.title, id="title"),
        OPF.meta("main", refines="#title", property="title-type"),
    )
    if meta.subtitle:
        md.extend(
            [DC.title(meta.subtitle, id="subtitle"), OPF.meta("subtitle", refines="#subtitle", property="title-type")]
        )
    md.append(DC.language(meta.language))
    for n, (name, role) in enumerate(meta.creators, 1):
        md.extend(
            [
                DC.creator(name, id=f"creator-{n}"),
                OPF.meta(role, refines=f"#creator-{n}", property="role", scheme="marc:relators"),
            ]
        )
    md.extend(DC.contributor(name) for name in meta.contributors)
    md.extend(
        make(value)
        for make, value in ((DC.publisher, meta.publisher), (DC.date, meta.date), (DC.rights, meta.rights))
        if value
    )
    md.append(OPF.meta(meta.modified, property="dcterms:modified"))
    pages = [
        _item(
            p.name,
            "application/xhtml+xml",
            **({"properties": "svg"} if next(p.root.iter(f"{{{SVG_NS}}}svg"), None) is not None else {}),
        )
        for p in book.pages
    ]
    manifest = OPF.manifest(
        _item("nav.xhtml", "application/xhtml+xml", properties="nav"),
        *pages,
        *[_item(name, "text/css") for name in sorted(book.assets)],
    )
    spine = OPF.spine(*[OPF.itemref(idref=item.get("id")) for item in pages])
    package = OPF.package(md, manifest, spine, version="3.0", **{"unique-identifier": "book-id"})
    package.set(XML_LANG, meta.language)
    return DECLARATION + etree.tostring(package, encoding="UTF-8", xml_declaration=False) + b"\n"


def container_document() -> bytes:
    C = ElementMaker(namespace=CONTAINER_NS, nsmap={None: CONTAINER_NS})
    root = C.container(
        C.rootfiles(C.rootfile({"full-path": f"{CONTENT}/package.opf", "media-type": "application/oebps-package+xml"})),
        version="1.0",
    )
    return DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False) + b"\n"
