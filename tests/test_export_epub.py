"""The EPUB export: the validator's verdict, the zip structure, the package metadata, the
navigation, every speaker's words in the content, reproducible bytes, bad inputs."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.export import export
from edition.xmlio import NS, XML_ID

from conftest import ROOT, SAMPLES, need_samples
from support.cli import refused_export
from support.words import words

SHOWCASE = ROOT / "tei" / "march-1917.xml"

X = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return export(SHOWCASE, "epub", tmp_path_factory.mktemp("epub") / "march-1917.epub")


class Book:
    """An EPUB read back: its files, its package document, its content documents."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as zf:
            self.infos = zf.infolist()
            self.files = {i.filename: zf.read(i) for i in self.infos}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = container.xpath("string(//c:rootfile/@full-path)", namespaces=X)
        self.base = self.opf_path.rpartition("/")[0]
        self.opf = etree.fromstring(self.files[self.opf_path])

    def doc(self, href: str) -> etree._Element:
        return etree.fromstring(self.files[f"{self.base}/{href}"])

    @property
    def spine(self) -> list[str]:
        items = {i.get("id"): i.get("href") for i in self.opf.iterfind(".//opf:item", X)}
        return [items[r.get("idref")] for r in self.opf.iterfind(".//opf:itemref", X)]

    def nav(self) -> etree._Element:
        return self.doc(self.opf.xpath("string(//opf:item[contains(@properties, 'nav')]/@href)", namespaces=X))


@pytest.fixture(scope="module")
def read(book) -> Book:
    return Book(book)


# --------------------------------------------------------------------------- the validator


def epubcheck_command() -> list[str]:
    """epubcheck as Debian installs it: a jar on the PATH, run by java where binfmt is absent."""
    found = shutil.which("epubcheck")
    if found is None:
        pytest.skip("epubcheck is not installed (Debian package epubcheck; scripts/setup.sh)")
    with open(found, "rb") as fh:
        is_jar = fh.read(2) == b"PK"
    if is_jar and shutil.which("java") is None:
        pytest.skip("epubcheck needs java, which is not installed")
    return ["java", "-jar", found] if is_jar else [found]


def epubcheck(path: Path) -> str:
    run = subprocess.run([*epubcheck_command(), str(path)], capture_output=True, text=True, timeout=300, check=False)
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    return report


@pytest.mark.slow
def test_epubcheck_finds_no_errors(book):
    report = epubcheck(book)
    assert re.search(r"Messages: 0 fatals / 0 errors", report), report
    assert not re.search(r"^(ERROR|FATAL)", report, re.MULTILINE), report


@pytest.mark.parametrize("sample", ["dracor-rus_blok-korol-na-ploschadi.xml", "Parla-CLARIN-Exemplar.xml"])
@pytest.mark.slow
def test_epubcheck_finds_no_errors_in_tei_others_wrote(tmp_path, sample):
    """A Russian play (cast list, verse) and a Parla-CLARIN teiCorpus (u/seg, listEvent)."""
    need_samples()
    report = epubcheck(export(SAMPLES / sample, "epub", tmp_path / "other.epub"))
    assert re.search(r"Messages: 0 fatals / 0 errors", report), report


# --------------------------------------------------------------------------- the zip


def test_mimetype_comes_first_and_is_stored(book, read):
    first = read.infos[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert read.files["mimetype"] == b"application/epub+zip"
    raw = book.read_bytes()
    assert raw[30:38] == b"mimetype" and raw[38:58] == b"application/epub+zip", "no extra field"
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in read.infos[1:])


def test_the_manifest_lists_every_file_and_nothing_else(read):
    manifest = {f"{read.base}/{i.get('href')}" for i in read.opf.iterfind(".//opf:item", X)}
    packaged = set(read.files) - {"mimetype", "META-INF/container.xml", read.opf_path}
    assert manifest == packaged


@pytest.mark.slow
def test_the_same_input_gives_the_same_bytes(book, tmp_path):
    assert export(SHOWCASE, "epub", tmp_path / "again.epub").read_bytes() == book.read_bytes()
    assert {i.date_time for i in Book(book).infos} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.slow
def test_source_date_epoch_sets_the_modification_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    opf = Book(export(SHOWCASE, "epub", tmp_path / "b.epub")).opf
    assert opf.xpath("string(//opf:meta[@property='dcterms:modified'])", namespaces=X) == "2023-11-14T22:13:20Z"


# --------------------------------------------------------------------------- metadata and order


def test_metadata_comes_from_the_tei_header(read):
    tei = etree.parse(str(SHOWCASE))
    md = read.opf.find("opf:metadata", X)
    title = " ".join(tei.xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces=NS).split())
    assert md.findtext("dc:title", namespaces=X) == title
    assert md.findtext("dc:language", namespaces=X) == "en"
    identifier = md.find("dc:identifier", X)
    assert identifier.get("id") == read.opf.get("unique-identifier") and identifier.text.startswith("urn:uuid:")
    assert md.xpath("string(opf:meta[@property='dcterms:modified'])", namespaces=X) == "2026-11-25T00:00:00Z"
    creators = [c.text for c in md.iterfind("dc:creator", X)]
    assert creators == ["L. Trotsky (foreword and compilation)"]
    assert "The edition project" in [c.text for c in md.iterfind("dc:contributor", X)]


def test_the_spine_is_in_reading_order(read):
    spine = read.spine
    sessions = [
        f"{d.get(XML_ID)}.xhtml"
        for d in etree.parse(str(SHOWCASE)).xpath("//tei:body/tei:div[@type='session']", namespaces=NS)
    ]
    assert spine[0] == "index.xhtml"
    assert [p for p in spine if p.startswith("session-")] == sessions
    assert (
        spine.index("front.xhtml") < spine.index(sessions[0]) < spine.index("back.xhtml") < spine.index("notes.xhtml")
    )


def test_every_session_is_in_the_navigation(read):
    toc = read.nav().find(".//h:nav[@epub:type='toc']", X)
    reached = set()
    for href in toc.xpath(".//h:a/@href", namespaces=X):
        page, _, fragment = href.partition("#")
        doc = read.doc(page)
        first = doc.find(".//h:main//h:section[@id]", X)
        reached.add(fragment or (first.get("id") if first is not None else page))
        assert not fragment or doc.xpath("//*[@id=$f]", f=fragment), f"{href} does not resolve"
    sessions = etree.parse(str(SHOWCASE)).xpath("//tei:div[@type='session']/@xml:id", namespaces=NS)
    assert len(sessions) == 8 and set(sessions) <= reached


# --------------------------------------------------------------------------- the content

TEI = f"{{{NS['tei']}}}"


def not_read_in_tei(el) -> bool:
    """The speaker's label, notes and lacunae (their own places in the book) and printed errors."""
    return el.tag in {TEI + "speaker", TEI + "note", TEI + "gap"} or (
        el.tag in {TEI + "sic", TEI + "orig", TEI + "abbr"} and el.getparent().tag == TEI + "choice"
    )


def not_read_in_xhtml(el) -> bool:
    """The label, note references and the marks of a lacuna."""
    classes = set((el.get("class") or "").split())
    return bool(classes & {"speaker", "gap"}) or el.get(f"{{{X['epub']}}}type") == "noteref"


def test_every_speakers_words_are_in_the_book(read):
    turns = {}
    for page in read.spine:
        for div in read.doc(page).xpath("//h:div[starts-with(@id, 'turn-')]", namespaces=X):
            turns[div.get("id")] = div
    tei_turns = etree.parse(str(SHOWCASE)).xpath("//tei:text//tei:sp", namespaces=NS)
    assert len(turns) == len(tei_turns) == 162
    for n, sp in enumerate(tei_turns, 1):
        div = turns[f"turn-{n}"]
        assert words(div, not_read_in_xhtml) == words(sp, not_read_in_tei), f"turn {n}"
        assert div.get("data-who") == " ".join(w[1:] for w in sp.get("who").split())


def test_notes_and_corrections_are_footnotes(read):
    refs = footnotes = 0
    for page in read.spine:
        doc = read.doc(page)
        assert not doc.xpath("//h:script | //h:button | //h:input | //h:form | //*[@popover]", namespaces=X)
        ids = {a.get("id"): a for a in doc.xpath("//h:aside[@epub:type='footnote']", namespaces=X)}
        targets = [h[1:] for h in doc.xpath("//h:a[@epub:type='noteref']/@href", namespaces=X)]
        assert set(targets) == set(ids), f"{page}: every note reference has its footnote and back"
        refs, footnotes = refs + len(targets), footnotes + len(ids)
        assert not doc.xpath("//h:span[contains(concat(' ', @class, ' '), ' sic ')]", namespaces=X)
    tei = etree.parse(str(SHOWCASE))
    choices = len(
        tei.xpath("//tei:text//tei:choice[not(ancestor::tei:persName | ancestor::tei:orgName)]", namespaces=NS)
    )
    assert footnotes >= choices > 100
    printed = read.doc("session-1917-03-29.xhtml")
    assert any(
        "Printed “mobi!izes”, read “mobilizes”" in "".join(a.itertext()) for a in printed.iterfind(".//h:aside", X)
    )


def test_nothing_points_outside_the_book(read):
    spine = set(read.spine)
    for page in read.spine:
        for href in read.doc(page).xpath("//h:a/@href | //h:link/@href", namespaces=X):
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            assert f"{read.base}/{href.partition('#')[0]}" in read.files, f"{page}: {href}"
            assert not href.endswith((".xml", ".txt", ".pdf", ".html")), href
    assert "index.xhtml" in spine


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "malformed XML"),
        (b"<html><body><p>Hello</p></body></html>", "not a TEI document"),
        (b"", "is empty"),
    ],
)
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path, data, message):
    src = tmp_path / "input.xml"
    src.write_bytes(data)
    assert message in refused_export(src, "epub", tmp_path / "book.epub")


def test_the_book_never_replaces_its_input(tmp_path):
    src = tmp_path / "march.xml"
    src.write_bytes(SHOWCASE.read_bytes())
    result = CliRunner().invoke(main, ["export", str(src), "--to", "epub", "-o", str(src)])
    assert result.exit_code == 5 and src.read_bytes() == SHOWCASE.read_bytes()
