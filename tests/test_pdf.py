"""The print edition (Typst, the default engine; FOP through XSL-FO), checked with poppler
(pdfinfo, pdffonts, pdftotext, pdftohtml). tests/test_typst.py checks the Typst book's own
typography: line numbers, the apparatus, verse, the indexes."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.render.pdf import PrintSettings
from edition.render.typst import render_typst
from edition.xmlio import NS, XML_ID

from conftest import CASES, ROOT, SAMPLES, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"

pytestmark = [
    pytest.mark.slow,  # every test runs a PDF engine (FOP's JVM: up to 13 s)
    pytest.mark.skipif(
        shutil.which("pdfinfo") is None, reason="poppler-utils is not installed (scripts/setup.sh installs it)"
    ),
]


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def info(pdf: Path) -> dict[str, str]:
    return dict(re.findall(r"^([^:\n]+):\s*(.*)$", poppler("pdfinfo", str(pdf)), re.M))


def page_texts(pdf: Path) -> list[str]:
    return poppler("pdftotext", "-enc", "UTF-8", str(pdf), "-").split("\f")[:-1]


def squash(text: str) -> str:
    """Text with layout undone: no whitespace, no hyphens (line-end or not), ligatures resolved."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", unicodedata.normalize("NFKC", text))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold()))


def _letters(n: int) -> str:
    return chr(96 + n) if n <= 26 else _letters((n - 1) // 26) + chr(97 + (n - 1) % 26)


#: Footnote calls as pdftotext reads them: glued to the word before (“revolutionab”).
MARKS = {str(n) for n in range(1, 1000)} | {_letters(n) for n in range(1, 1000)}


def lost_words(tei: etree._ElementTree, pdf: Path) -> list[str]:
    """Words of the TEI's text (but its furniture) that the PDF does not contain, even split by hyphenation.

    Page breaks put running heads and footnotes inside a paragraph's text, so text is compared
    word by word; a word the layout hyphenated counts as present when its two parts are, and a
    word followed by its footnote call when the two are glued together.
    """
    raw = unicodedata.normalize("NFKC", " ".join(page_texts(pdf))).casefold()
    raw = re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", raw)  # hyphenated within a page
    present = words(raw)
    heads = set(re.findall(r"(\w+)[-\u2010\u00ad]\s*$", raw, re.M))  # first halves at a page foot
    # the furniture (fw: running heads, a web page's boilerplate) is not the text and is not printed
    wanted = set().union(*(words(t) for t in tei.xpath("//tei:text//text()[not(ancestor::tei:fw)]", namespaces=NS)))

    def found(w: str) -> bool:
        return (
            w in present
            or any(w[:i] in heads and w[i:] in present for i in range(2, len(w) - 1))
            or any(w + m in present for m in MARKS if len(m) <= 3)
            or any(w[:i] in heads and any(w[i:] + m in present for m in MARKS) for i in range(2, len(w) - 1))
        )

    return sorted(w for w in wanted if not found(w))


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "march-1917.pdf"
    render_typst(SHOWCASE, out)
    return out


@pytest.fixture(scope="module")
def tei():
    return etree.parse(str(SHOWCASE))


def test_fonts_are_embedded(book):
    rows = poppler("pdffonts", str(book)).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows
    assert any("Libertine" in row for row in rows)


def test_metadata(book):
    meta = info(book)
    assert meta["Title"].startswith("The March 1917 Party Conference")
    assert meta["Author"] == "L. Trotsky (foreword and compilation)"
    assert meta["Subject"] and "session" in meta["Keywords"]
    assert meta["Page size"].endswith("(A4)") and int(meta["Pages"]) > 30


def test_outline_lists_every_session(book, tei):
    outline = poppler("pdftohtml", "-xml", "-i", "-stdout", "-q", str(book))
    entries = [re.sub(r"\s+", " ", e).strip() for e in re.findall(r"<item[^>]*>(.*?)</item>", outline, re.S)]
    sessions = [
        re.sub(r"\s+", " ", "".join(h.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NS))).strip()
        for h in tei.xpath("//tei:body/tei:div[@type='session']/tei:head", namespaces=NS)
    ]
    assert len(sessions) == 6 and all(s in entries for s in sessions), (sessions, entries)


def test_each_session_opens_a_right_hand_page_and_heads_the_pages_after_it(book, tei):
    pages = page_texts(book)
    titles = [
        re.sub(r"\s+", " ", "".join(head.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NS))).strip()
        for head in tei.xpath("//tei:body/tei:div[@type='session']/tei:head", namespaces=NS)
    ]
    openings = [next(i for i, p in enumerate(pages) if title in p.strip().splitlines()[:3]) for title in titles]
    assert len(titles) == 6 and all(i % 2 == 0 for i in openings), openings  # odd page numbers
    for title, start, end in zip(titles, openings, openings[1:] + [openings[-1] + 8]):
        right_hand = [i for i in range(start + 2, end, 2) if pages[i].strip()]
        assert all(title in [ln.strip() for ln in pages[i].splitlines()] for i in right_hand), title


def test_a_footnote_stands_on_the_page_of_its_mark(book, tei):
    """For every note and lacuna: the words just before its mark are on the page of its text."""
    pages = [squash(p) for p in page_texts(book)]
    checked = 0
    for el in tei.xpath("//tei:text//tei:gap[ancestor::tei:p] | //tei:text//tei:note[ancestor::tei:p]", namespaces=NS):
        before = "".join(
            el.xpath("preceding::text()[ancestor::tei:text][not(ancestor::tei:sic)][position() <= 3]", namespaces=NS)
        )
        anchor = squash(" ".join(before.split()[-3:]))
        body = squash(" ".join(el.xpath(".//text()", namespaces=NS)))
        if len(anchor) < 8 or len(body) < 12:
            continue
        on = [i for i, p in enumerate(pages) if body[:40] in p]
        assert on, body
        assert any(anchor in pages[i] for i in on), (anchor, body)
        checked += 1
    assert checked >= 4


def test_the_index_points_at_pages_with_the_speakers_turns(book, tei):
    pages = page_texts(book)
    start = next(
        i
        for i, p in enumerate(pages)
        if p.lstrip().startswith("Index of speakers") or "\nIndex of speakers\n" in p[:200]
    )
    lines = "\n".join(pages[start:]).split("Index of persons mentioned")[0].splitlines()
    joined: list[str] = []
    for line in lines:
        if joined and re.match(r"^\d", line.strip()):
            joined[-1] += " " + line.strip()
        elif line.strip():
            joined.append(line.strip())
    starts: dict[str, set[str]] = {}  # how each speaker's turns begin, squashed
    names: dict[str, str] = {}
    for person in tei.xpath("//tei:listPerson/tei:person", namespaces=NS):
        reg = person.xpath("tei:persName[@type='reg']", namespaces=NS) or person.xpath("tei:persName", namespaces=NS)
        if reg:
            names[re.sub(r"\s+", " ", "".join(reg[0].itertext())).strip()] = person.get(XML_ID)
            surname = " ".join("".join(reg[0].xpath("tei:surname//text()", namespaces=NS)).split())
            others = " ".join(
                " ".join(reg[0].xpath("(tei:forename | tei:addName | tei:roleName)//text()", namespaces=NS)).split()
            )
            if surname:  # indexed "Surname, Forename"
                names[f"{surname}, {others}" if others else surname] = person.get(XML_ID)
    for sp in tei.xpath("//tei:sp[@who]", namespaces=NS):
        pid = sp.get("who").split()[0][1:]
        for part in ("tei:speaker", "*[not(self::tei:speaker)]"):
            text = "".join(
                sp.xpath(
                    f"{part}//text()[not(ancestor::tei:sic or ancestor::tei:note or ancestor::tei:desc)]", namespaces=NS
                )
            )
            if squash(text):
                starts.setdefault(pid, set()).add(squash(text)[:24])
    checked = 0
    for line in joined:
        m = re.match(r"^(.*?)\s+(\d+(?:,\s*\d+)*)$", line)
        if not m or m.group(1) not in names:
            continue
        pid = names[m.group(1)]
        for n in map(int, m.group(2).split(",")):
            page = squash(pages[n - 1])
            assert any(start in page for start in starts[pid]), (m.group(1), n)
            checked += 1
    assert checked >= 100


@pytest.mark.parametrize("paper, size", [("A5", "419.528 x 595.276"), ("Letter", "612 x 792")])
def test_paper_sizes(tmp_path, paper, size):
    out = tmp_path / "small.pdf"
    render_typst(CASES / "valid" / "minimal.xml", out, PrintSettings(paper=paper))
    assert info(out)["Page size"].startswith(size)


def test_archival_pdf(tmp_path):
    out = tmp_path / "archive.pdf"
    result = CliRunner().invoke(
        main, ["pdf", str(CASES / "valid" / "minimal.xml"), "-o", str(out), "--archival", "pdf/a-3b"]
    )
    assert result.exit_code == 0, result.output
    assert "pdfaid" in poppler("pdfinfo", "-meta", str(out))


@pytest.mark.parametrize(
    "sample",
    ["dracor-rus_blok-korol-na-ploschadi.xml", "ParlaMint-ES-CT_2015-10-26-0101.xml", "Parla-CLARIN-Exemplar.xml"],
)
def test_samples_print_without_losing_text(tmp_path, sample):
    need_samples()
    out = tmp_path / "sample.pdf"
    render_typst(SAMPLES / sample, out)
    assert lost_words(etree.parse(str(SAMPLES / sample)), out) == []


# --------------------------------------------------------------------------- the FO route


@pytest.fixture(scope="module")
def fop_book(tmp_path_factory) -> Path:
    if shutil.which("fop") is None:
        pytest.skip("Apache FOP is not installed (scripts/setup.sh installs it)")
    out = tmp_path_factory.mktemp("fop") / "march-1917-fop.pdf"
    result = CliRunner().invoke(main, ["pdf", str(SHOWCASE), "-o", str(out), "--engine", "fop"])
    assert result.exit_code == 0, result.output
    return out


def test_fop_book_fonts_outline_metadata_text(fop_book, tei):
    rows = poppler("pdffonts", str(fop_book)).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)
    assert info(fop_book)["Title"].startswith("The March 1917 Party Conference")
    outline = poppler("pdftohtml", "-xml", "-i", "-stdout", "-q", str(fop_book))
    assert outline.count("SESSION OF") + outline.count("Session of") >= 6
    assert lost_words(tei, fop_book) == []


def test_fo_is_written(tmp_path):
    out = tmp_path / "book.fo"
    result = CliRunner().invoke(main, ["fo", str(CASES / "valid" / "minimal.xml"), "-o", str(out), "--paper", "Letter"])
    assert result.exit_code == 0, result.output
    fo = etree.parse(str(out))
    master = fo.find(".//{http://www.w3.org/1999/XSL/Format}simple-page-master")
    assert master.get("page-width") == "8.5in" and fo.find(".//{http://www.w3.org/1999/XSL/Format}footnote") is None


def test_bad_input_writes_no_pdf(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><text>")
    result = CliRunner().invoke(main, ["pdf", str(bad), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 3 and not (tmp_path / "x.pdf").exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_fo_to_standard_output():
    result = CliRunner().invoke(main, ["fo", str(CASES / "valid" / "minimal.xml")])
    assert result.exit_code == 0 and "<fo:root" in result.output[:400]


def test_an_element_without_a_rule_is_reported_by_both_print_routes(tmp_path):
    """The print edition reports its fallback as the HTML edition does: once per element (W401)."""
    tei = tmp_path / "odd.xml"
    tei.write_bytes(
        (CASES / "valid" / "minimal.xml").read_bytes().replace(b"<p>We shall", b"<p><zzz>Kept</zzz> We shall")
    )
    book = render_typst(tei, tmp_path / "odd.pdf")
    assert [(d.code, d.message.split(" (")[0]) for d in book.diagnostics.items] == [("W401", "no Typst rule for <zzz>")]
    if shutil.which("fop"):
        from edition.render.fo import render_fop

        fop = render_fop(tei, tmp_path / "odd-fop.pdf")
        assert ("W401", "no FO rule for <zzz>") in [
            (d.code, d.message.split(";")[0].split(" (")[0]) for d in fop.diagnostics.items
        ]
