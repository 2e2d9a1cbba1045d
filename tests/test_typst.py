"""The print edition set by Typst, checked with poppler (pdftotext -bbox, pdffonts, pdfinfo)."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.render.pdf import PrintSettings
from edition.render.typst import render_typst, typst_source
from edition.xmlio import NS

from conftest import CASES, ROOT, SAMPLES, SHARED, need_samples
from test_pdf import lost_words, poppler

SHOWCASE = ROOT / "tei" / "march-1917.xml"
PLAY = "dracor-rus_blok-korol-na-ploschadi.xml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils is not installed (scripts/setup.sh installs it)"
    ),
]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("typst") / "march-1917.pdf"
    render_typst(SHOWCASE, out)
    return out


@pytest.fixture(scope="module")
def play(tmp_path_factory) -> Path:
    need_samples()
    out = tmp_path_factory.mktemp("typst") / "play.pdf"
    result = CliRunner().invoke(main, ["pdf", str(SAMPLES / PLAY), "-o", str(out)])  # the default engine
    assert result.exit_code == 0, result.output
    return out


# --------------------------------------------------------------------------- reading the pages


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", unicodedata.normalize("NFKC", text)).casefold()


def pages(pdf: Path) -> list[list[dict]]:
    """Every page's words with their boxes (pdftotext -bbox)."""
    out = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", poppler("pdftotext", "-bbox", str(pdf), "-"), re.S):
        words = []
        for x0, y0, x1, y1, text in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            words.append(
                {
                    "x0": float(x0),
                    "y0": float(y0),
                    "x1": float(x1),
                    "y1": float(y1),
                    "h": float(y1) - float(y0),
                    "text": _unescape(text),
                }
            )
        out.append(words)
    return out


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their top edge, top to bottom, each left to right."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for w in words:
        key = next((k for k in rows if abs(k - w["y0"]) < 1.5), w["y0"])
        rows[key].append(w)
    return [sorted(rows[k], key=lambda w: w["x0"]) for k in sorted(rows)]


def layout(words: list[dict]) -> dict:
    """A page's parts: margin numbers (number → top), the text's words (tables in 8.5 pt included),
    and the apparatus: the small lines (8.5 pt) at the foot, from the first that opens an entry."""
    rows = [
        r
        for r in lines([w for w in words if w["h"] >= 9])
        if not (len(r) == 1 and r[0]["text"].isdigit() and r[0]["y0"] > 760)
    ]
    start = len(rows)
    while start > 0 and all(w["h"] < 10.5 for w in rows[start - 1]):
        start -= 1
    opens = [
        i
        for i in range(start, len(rows))
        if re.match(r"(p\. \d+, )?\d+ [^\]]*\]", " ".join(w["text"] for w in rows[i]))
    ]
    start = opens[0] if opens else len(rows)
    body_rows, apparatus = rows[:start], rows[start:]
    body = [w for r in body_rows for w in r if w["y0"] > 60]  # below the running head
    left = min((w["x0"] for w in body), default=0)
    numbers = {int(w["text"]): w["y0"] for w in words if w["text"].isdigit() and w["h"] < 9 and w["x1"] < left}
    return {"numbers": numbers, "body": body, "apparatus": apparatus, "left": left}


#: One entry of the run-on apparatus: a line number, a lemma (no bracket, not opening with a
#: digit, holding no number between spaces: that would be the next entry's line) and its
#: bracket, and the reading, up to the next entry or the end of the series. An entry with no
#: lemma (an addition of a witness) has no bracket and is read as part of the one before it.
LEMMA = r"[^\]\d\s](?:(?!\s\d+\s)[^\]])*?"
ENTRY = re.compile(
    rf"(?:(?<=\s)|^)(?P<line>\d+)\s+(?P<lemma>{LEMMA})\]\s+(?P<reading>.*?)"
    rf"(?=\s+\d+\s+{LEMMA}\]|$)"
)


def entries(page: dict) -> list[re.Match[str]]:
    """The apparatus entries of a page, read from its run-on rows (a series is one paragraph)."""
    text = " ".join(w["text"] for row in page["apparatus"] for w in row)
    return list(ENTRY.finditer(text))


def moved_on(m: re.Match[str]) -> bool:
    """An entry set on a later page than its line's, keyed by page and line ("p. 6, 35 lemma]")."""
    return re.search(r"p\.\s\d+,\s$", m.string[max(0, m.start() - 12) : m.start()]) is not None


def is_continuation(m: re.Match[str]) -> bool:
    """The rest of an entry continued from the page before: its head again and "(cont.)"."""
    return m["reading"].startswith("(cont.)")


def is_correction(m: re.Match[str]) -> bool:
    return m["reading"].endswith(" printed") or m["reading"] == "printed"


def misplaced_entries(book: Path, wanted=is_correction) -> tuple[int, list]:
    """Entries (corrections "N lemma] reading printed" unless told) whose lemma is not in the
    page's text between the margin numbers around N (5·⌊N/5⌋ and the next; the page's top or
    foot where none is printed): (entries checked, those misplaced). The rest of an entry
    continued from the page before is not an entry of its own (see `continued_entries`)."""
    checked, wrong = 0, []
    for number, words in enumerate(pages(book), start=1):
        page = layout(words)
        for m in entries(page):
            if not wanted(m) or is_continuation(m) or not re.search(r"\w{3}", m["lemma"]):
                continue
            if moved_on(m):
                wrong.append((number, m["line"], m["lemma"]))
                checked += 1
                continue
            n = int(m["line"])
            top = page["numbers"].get(n - n % 5, 0) - 6 if n >= 5 else 0  # a 7 pt number on an 11 pt line
            bottom = page["numbers"].get(n - n % 5 + 5, 10_000) + 2
            window = squash("".join(w["text"] for w in page["body"] if top <= w["y0"] <= bottom))
            lemma = squash(m["lemma"].split()[0])
            if lemma[:5] not in window and lemma[-3:] not in window:  # a lemma hyphenated over two lines
                wrong.append((number, n, m["lemma"]))
            checked += 1
    return checked, wrong


def test_every_correction_stands_on_the_page_of_its_line(book):
    checked, wrong = misplaced_entries(book)
    assert checked >= 100 and wrong == []  # of the showcase's 122 corrections


def overlaps(book: Path) -> list[tuple[int, str]]:
    """Pages whose apparatus runs into the text above it or into the folio below it."""
    found = []
    for number, words in enumerate(pages(book), start=1):
        page = layout(words)
        if not page["apparatus"]:
            continue
        top = min(w["y0"] for w in page["apparatus"][0])
        if not all(w["y1"] <= top + 1 for w in page["body"]):
            found.append((number, "the apparatus runs into the text"))
        folio = [w for w in words if w["y0"] > 780]
        bottom = max(w["y1"] for row in page["apparatus"] for w in row)
        if not all(bottom < w["y0"] for w in folio):
            found.append((number, "the apparatus runs into the folio"))
    return found


def test_the_apparatus_is_run_on_below_the_text_and_above_the_folio(book):
    """Entries follow one another in a series' paragraph (not one to a line), and the apparatus,
    set over the space its entries reserve, neither runs into the text nor into the folio."""
    shared_rows = 0
    for words in pages(book):
        page = layout(words)
        shared_rows += sum(1 for row in page["apparatus"] if len(ENTRY.findall(" ".join(w["text"] for w in row))) >= 2)
    assert overlaps(book) == []
    assert shared_rows >= 20


def test_line_numbers_every_fifth_line_restarting_on_each_page(book):
    numbered = [layout(words)["numbers"] for words in pages(book)]
    text_pages = [n for n in numbered if n]
    assert len(text_pages) >= 30
    for numbers in text_pages:
        assert min(numbers) == 5 and all(k % 5 == 0 for k in numbers), numbers
        assert sorted(numbers) == list(range(5, max(numbers) + 1, 5)), numbers
        assert all(numbers[a] < numbers[b] for a, b in zip(sorted(numbers), sorted(numbers)[1:]))


def test_no_letters_or_numbers_call_the_apparatus_in_the_text(book, tmp_path):
    source = typst_source(SHOWCASE.read_bytes(), PrintSettings())
    assert source.count("#app(") == 122 + 4 + 5  # corrections, notes, lacunae
    assert 'footnote(numbering: _ => ""' in source and "super(" not in source.split("------ the book")[-1]


def test_a_note_is_keyed_by_the_word_it_follows():
    source = typst_source(SHOWCASE.read_bytes(), PrintSettings())
    lemmas = [m for m in re.findall(r'#app\("note", "([^"]*)"', source) if m != "⟨…⟩"]
    assert lemmas == ["Kutuzov", "CC", "Goloschekin", "a.m"]  # "…of the Finnish CC" ¹, "Time: 3:30 a.m." ²


# --------------------------------------------------------------------------- verse


def test_verse_lines_are_kept_one_to_a_line(play):
    tei = etree.parse(str(SAMPLES / PLAY))
    verse = [squash(" ".join("".join(line.itertext()).split())) for line in tei.iterfind(".//tei:text//tei:l", NS)]
    verse = [v for v in verse if len(v) >= 6]
    starts = set()
    for words in pages(play):
        page = layout(words)
        for row in lines(page["body"]):
            starts.add(squash("".join(w["text"] for w in row if w["x0"] >= page["left"] - 1))[:12])
    kept = [v for v in verse if v[:12] in starts]
    assert len(verse) > 150 and len(kept) / len(verse) >= 0.98, [v for v in verse if v[:12] not in starts][:5]


def test_the_play_has_line_numbers_speakers_and_stage_directions(play):
    numbered = [p for p in (layout(w)["numbers"] for w in pages(play)) if p]
    assert len(numbered) >= 10
    fonts = poppler("pdffonts", str(play))
    assert "LinLibertineOI" in fonts  # stage directions in italics


# --------------------------------------------------------------------------- the book


def test_fonts_embedded_pdfa_tagged_and_metadata(book):
    rows = poppler("pdffonts", str(book)).splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows
    assert any("Libertine" in row for row in rows)
    meta = poppler("pdfinfo", "-meta", str(book))
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    info = poppler("pdfinfo", str(book))
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+The March 1917 Party Conference", info, re.M)
    assert re.search(r"^Author:\s+L\. Trotsky", info, re.M)


def test_poppler_reads_the_book_without_a_complaint(book):
    """Typst's `/Suspects false` made poppler (before 25.12) print "Suspects object is wrong type
    (boolean)" for every book; the key is blanked in place and the PDF stays tagged."""
    run = subprocess.run(["pdfinfo", str(book)], capture_output=True, text=True, check=True)
    assert run.stderr == "" and re.search(r"^Tagged:\s+yes", run.stdout, re.M)
    assert b"/MarkInfo<</Marked true>>" in book.read_bytes()


def test_pages_left_blank_before_a_part_carry_no_running_head_and_no_folio(book):
    texts = [" ".join(t.split()) for t in poppler("pdftotext", str(book), "-").split("\f")[:-1]]
    furniture_only = [
        (n, t) for n, t in enumerate(texts, start=1) if re.fullmatch(r"(The March 1917 Party Conference )?\d+", t)
    ]
    assert furniture_only == []
    blank = [n for n, t in enumerate(texts, start=1) if t == ""]
    assert len(blank) >= 3 and all(n % 2 == 0 for n in blank), blank  # left-hand pages
    headed = [n for n, t in enumerate(texts, start=1) if t.startswith("The March 1917 Party Conference")]
    assert len(headed) >= 15  # the other left-hand pages


def test_no_furniture_is_printed(book):
    text = " ".join(poppler("pdftotext", str(book), "-").split())
    assert "Join us" not in text and "fill in this form" not in text
    assert "[Classics] The Stalin School" not in text


def test_no_text_is_lost(book):
    tei = copy.deepcopy(etree.parse(str(SHOWCASE)))
    for fw in tei.iterfind(".//tei:fw", NS):  # furniture is never printed
        fw.getparent().remove(fw)
    assert lost_words(tei, book) == []


def test_play_loses_no_text(play):
    assert lost_words(etree.parse(str(SAMPLES / PLAY)), play) == []


def test_speaker_index_surname_first_voices_apart(book):
    text = poppler("pdftotext", str(book), "-")
    index = text[text.rindex("Index of speakers") :]
    flat = " ".join(index.split())
    assert re.search(r"Eliava, Shalva Zurab \d", flat)
    assert "Groups and anonymous voices" in flat
    voices = flat[flat.index("Groups and anonymous voices") :]
    assert "DELEGATE" in voices and "QUESTION" in voices and "DELEGATE" not in flat[: flat.index("Groups")]


def test_signs_are_those_the_document_uses(book, play):
    def intro(pdf):
        text = " ".join(poppler("pdftotext", "-l", "6", str(pdf), "-").split())
        return text[text.index("Signs used in this edition") :]

    assert "lacuna" in intro(book) and "square brackets" in intro(book) and "misprint" in intro(book)
    assert "lacuna" not in intro(play) and "square brackets" not in intro(play) and "misprint" not in intro(play)
    assert "(cont.)" not in intro(book) and "(cont.)" not in intro(play)  # no entry of theirs is continued


def test_title_page_and_imprint_from_the_header(book):
    first = poppler("pdftotext", "-l", "2", str(book), "-")
    flat = " ".join(first.split())
    assert "TEI encoding, corrections and register: The edition project" in flat
    assert "CC BY 4.0" in flat and "How to cite" in flat and "Source" in flat


# --------------------------------------------------------------------------- markup safety


def test_document_text_is_never_typst_markup(tmp_path):
    hostile = '#set page(width: 1cm) ] [ \\ " $x^2$ <lbl> @ref = * _ ` // /* #read("/etc/passwd")'
    tei = tmp_path / "hostile.xml"
    tei.write_bytes(
        (CASES / "valid" / "minimal.xml")
        .read_bytes()
        .replace(
            b"<p>We shall",
            b"<p>" + hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode() + b" We shall",
        )
    )
    out = tmp_path / "hostile.pdf"
    render_typst(tei, out)
    text = " ".join(poppler("pdftotext", str(out), "-").split())
    assert squash(hostile) in squash(text)
    assert "595.276 x 841.89" in poppler("pdfinfo", str(out))  # still A4


def test_element_without_a_rule_is_reported(tmp_path):
    tei = tmp_path / "odd.xml"
    tei.write_bytes(
        (CASES / "valid" / "minimal.xml").read_bytes().replace(b"<p>We shall", b"<p><zzz>Kept</zzz> We shall")
    )
    made = render_typst(tei, tmp_path / "odd.pdf")
    assert [(d.code, d.message.split(" (")[0]) for d in made.diagnostics.items] == [("W401", "no Typst rule for <zzz>")]
    assert "Kept" in poppler("pdftotext", str(tmp_path / "odd.pdf"), "-")


@pytest.mark.parametrize("paper, size", [("A5", "419.528 x 595.276"), ("Letter", "612 x 792")])
def test_paper_sizes(tmp_path, paper, size):
    out = tmp_path / "small.pdf"
    render_typst(CASES / "valid" / "minimal.xml", out, PrintSettings(paper=paper))
    assert size in poppler("pdfinfo", str(out))


def test_same_input_same_bytes(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_typst(CASES / "valid" / "minimal.xml", a)
    render_typst(CASES / "valid" / "minimal.xml", b)
    assert a.read_bytes() == b.read_bytes()


def test_archival_none_and_fop_route_kept(tmp_path):
    out = tmp_path / "plain.pdf"
    result = CliRunner().invoke(
        main, ["pdf", str(CASES / "valid" / "minimal.xml"), "-o", str(out), "--archival", "none"]
    )
    assert result.exit_code == 0, result.output
    assert "(typst)" in result.output and "pdfaid" not in poppler("pdfinfo", "-meta", str(out))


def test_foreign_tei_sets_every_element_and_loses_no_text(tmp_path):
    need_samples()
    sample = SAMPLES / "Parla-CLARIN-Exemplar.xml"
    made = render_typst(sample, tmp_path / "parla.pdf")
    assert made.diagnostics.items == []
    assert lost_words(etree.parse(str(sample)), tmp_path / "parla.pdf") == []


def test_persons_mentioned_are_a_second_index_with_the_pages_they_are_named_on(book):
    texts = poppler("pdftotext", str(book), "-").split("\f")
    start = next(i for i, t in enumerate(texts) if t.lstrip().startswith("Index of persons mentioned"))
    flat = " ".join(" ".join(texts[start:]).split())
    entries = re.findall(r"([A-Z][\w’'\-]+), [^\d]*? (\d+(?:, \d+)*)", flat[flat.index("Index of persons mentioned") :])
    checked, missing = 0, []
    for surname, numbers in entries:
        for n in map(int, numbers.split(", ")):
            if squash(surname)[-5:] not in squash(texts[n - 1]):  # the text may spell a name otherwise
                missing.append((surname, n))  # ("Karovaikova" in a table)
            checked += 1
    assert checked >= 100 and len(missing) <= checked // 50, missing


def test_outline_lists_every_session_and_index(book):
    outline = poppler("pdftohtml", "-xml", "-i", "-stdout", "-q", str(book))
    entries = [" ".join(e.split()) for e in re.findall(r"<item[^>]*>(.*?)</item>", outline, re.S)]
    tei = etree.parse(str(SHOWCASE))
    sessions = [
        " ".join("".join(h.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NS)).split())
        for h in tei.xpath("//tei:body/tei:div[@type='session']/tei:head", namespaces=NS)
    ]
    assert len(sessions) == 6 and all(s in entries for s in sessions), (sessions, entries)
    assert "Index of speakers" in entries and "Index of persons mentioned" in entries


# --------------------------------------------------------------------------- a collation's apparatus


def _collated(tmp_path: Path, *texts: str) -> Path:
    paths = []
    for year, text in zip(("1859", "1860", "1872"), texts):
        paths.append(tmp_path / f"w-{year}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    out = tmp_path / "collation.xml"
    run = CliRunner().invoke(main, ["collate", *map(str, paths), "-o", str(out)])
    assert run.exit_code == 0, run.output
    return out


def test_a_collation_prints_its_base_text_and_the_variants_as_an_apparatus(tmp_path):
    base = "The variability of our domestic productions is great.\n\nWe see much variety in the plants.\n"
    other = "The variability of our domestic races is great.\n\nWe see variety in the plants.\n"
    tei = _collated(tmp_path, base, other)
    pdf = tmp_path / "collation.pdf"
    made = render_typst(tei, pdf)
    assert not [d for d in made.diagnostics.items if d.code == "W401"]  # lem and rdg have rules
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    body = text[: text.index("productions]")]
    assert "our domestic productions is great" in " ".join(body.split())  # the base text, clean
    assert "races" not in body
    apparatus = text[text.rindex("\n", 0, text.index("productions]")) :].split("\n\n")[0]  # to the folio
    found = [" ".join(m.group().split()) for m in ENTRY.finditer(" ".join(apparatus.split()))]
    assert any(re.fullmatch(r"\d+ productions\] races 1860", e) for e in found), found
    assert any(re.fullmatch(r"\d+ much\] om\. 1860", e) for e in found), found


def test_an_addition_is_keyed_by_the_word_before_it(tmp_path):
    """A reading with no lemma (what a witness adds) is keyed as critical editions key it: by the
    word before it, repeated in the reading ("see] see much 1860"); at the start of a paragraph,
    by the word after it."""
    base = "We see variety in the plants.\n\nThe variability is great.\n"
    other = "We see much variety in the plants.\n\nCauses. The variability is great.\n"
    pdf = tmp_path / "addition.pdf"
    render_typst(_collated(tmp_path, base, other), pdf)
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    found = [" ".join(m.group().split()) for m in ENTRY.finditer(text[text.index("see]") - 4 :])]
    assert any(re.fullmatch(r"\d+ see\] see much 1860", e) for e in found), found
    assert any(re.match(r"\d+ The\] Causes\. The 1860\b", e) for e in found), found  # (the folio may follow)


def test_variants_stand_on_the_page_of_their_line(tmp_path):
    """The Darwin chapter, 1859 against 1872 (604 variant sites, readings up to a paragraph long,
    up to five entries on a line; long lemmas cited by their first and last words): every entry
    is on the page of its line. The engine keeps only the first footnote of a line with it, so
    each line's entries reserve their space as one footnote: a line whose apparatus does not fit
    goes on to the next page with it, and no entry is set on a later page ("p. 6, 35 lemma]")."""
    darwin = SHARED / "samples" / "witnesses" / "darwin"
    if not darwin.exists():
        pytest.skip(f"{darwin} is absent: the Darwin witnesses live in ../shared/samples")
    tei = _collated(tmp_path, *[(darwin / f"origin-ch1-{y}.txt").read_text(encoding="utf-8") for y in ("1859", "1872")])
    pdf = tmp_path / "darwin.pdf"
    render_typst(tei, pdf)
    checked, wrong = misplaced_entries(pdf, lambda m: True)
    assert checked >= 500 and wrong == [], (checked, wrong[:10])
    text = poppler("pdftotext", str(pdf), "-")
    assert not re.search(r"p\.\s\d+,\s\d+\s", text)  # no entry keyed by an earlier page


# --------------------------------------------------------------------------- an entry longer than a page


def _long_addition(tmp_path: Path, sentences: int) -> tuple[Path, str]:
    """A collation of fifteen paragraphs whose second witness adds `sentences` sentences, each told
    apart by its number, after "We see variety" in the first line, and reads two words otherwise
    in later paragraphs: (the TEI, the added reading)."""
    paragraph = "Paragraph {} says that the breeds of the pigeon vary much under domestication, and that the variety of their forms is great. "
    base = "\n\n".join(["We see variety in the plants."] + [paragraph.format(k) * 3 for k in range(14)]) + "\n"
    other = base.replace("Paragraph 5 says", "Paragraph 5 holds").replace("Paragraph 9 says", "Paragraph 9 tells")
    placeholder = "A sentence a later edition added. " * 20  # the collator pairs the paragraphs by their words
    tei = _collated(tmp_path, base, other.replace("variety in", "variety " + placeholder + "in"))
    tree = etree.parse(str(tei))
    colours = ("grey", "white", "black", "red", "blue")
    added = " ".join(
        f"Sentence {i} tells of the {colours[i % 5]} pigeons and their tumbling." for i in range(sentences)
    )
    (rdg,) = [r for r in tree.iterfind(".//tei:rdg", NS) if "later edition" in (r.text or "")]
    rdg.text = added + " "
    tree.write(str(tei), encoding="utf-8", xml_declaration=True)
    return tei, added


def continued_entries(book: Path) -> list[tuple[int, re.Match[str]]]:
    """The parts of entries set on more than one page, in order: (page, the entry's match), the
    first part where it begins, then each rest ("N lemma] (cont.) …")."""
    found = []
    for number, words in enumerate(pages(book), start=1):
        page = layout(words)
        here = entries(page)
        for i, m in enumerate(here):
            if is_continuation(m):
                assert i == 0, f"p. {number}: the rest of an entry is not the first of its page's apparatus"
                before = found[-1][1] if found and found[-1][0] == number - 1 else None
                if before is None:  # the first part: the last entry of the page before with its head
                    previous = entries(layout(pages(book)[number - 2]))
                    assert previous, f"p. {number}: a continuation with no entry on the page before"
                    before = previous[-1]
                    found.append((number - 1, before))
                assert (before["line"], before["lemma"]) == (m["line"], m["lemma"]), (number, m.group()[:60])
                found.append((number, m))
    return found


@pytest.mark.parametrize("sentences, pages_at_least", [(160, 2), (520, 5)])
def test_an_entry_longer_than_a_page_of_the_apparatus_continues_on_the_next_pages(tmp_path, sentences, pages_at_least):
    """An addition of 9,300 characters (160 sentences), and one of 30,000 (five pages of the
    apparatus): the entry begins at the foot of the page of its line, after that page's other
    entries, and goes on at the head of the next pages' apparatus, each part opened by its head
    again and "(cont.)"; every word of it is printed, in order, nothing runs into the text or the
    folio, the other entries stand on the pages of their lines, and the table of signs explains
    the mark. The book no longer warns (W400: an entry set whole ran off its page)."""
    tei, added = _long_addition(tmp_path, sentences)
    assert len(added) >= (9_300 if sentences == 160 else 30_000)
    pdf = tmp_path / "long.pdf"
    made = render_typst(tei, pdf)
    assert made.diagnostics.items == []
    parts = continued_entries(pdf)
    assert len({page for page, _ in parts}) >= pages_at_least, [(page, m.group()[:40]) for page, m in parts]
    first_page, first = parts[0]
    assert first["lemma"] == "variety" and first["reading"].startswith("variety Sentence 0 tells")
    assert [page for page, _ in parts] == list(range(first_page, first_page + len(parts)))
    # every word, in order: the parts' readings (each rest without its mark) are the reading
    read = " ".join([first["reading"]] + [m["reading"].removeprefix("(cont.)") for _, m in parts[1:]])
    assert squash(read) == squash(f"variety {added} 1860")
    checked, wrong = misplaced_entries(pdf, lambda m: True)
    assert checked == 1 + 6 and wrong == []  # the addition and "says] holds", "says] tells" three times each
    assert overlaps(pdf) == []
    assert lost_words(etree.parse(str(tei)), pdf) == []
    signs = " ".join(poppler("pdftotext", "-l", "4", str(pdf), "-").split())
    assert "12 word] (cont.)" in signs and "the rest of an apparatus entry too long for the page of its line" in signs


def test_a_lines_second_entry_set_after_the_first_has_gone_on_is_keyed_by_the_page_of_its_line(tmp_path):
    """Two long additions on one line: the first begins on the page of its line and goes on; the
    second then begins on a later page, and is keyed by the page of its line too ("p. 5, 17
    plants.]"), never by a line number the reader would look for on the page it is set on."""
    tei, _ = _long_addition(tmp_path, 160)
    tree = etree.parse(str(tei))
    (first,) = [a for a in tree.iterfind(".//tei:app", NS) if "Sentence 0 " in "".join(a.itertext())]
    second = copy.deepcopy(first)
    second.find("tei:rdg", NS).text = " ".join(f"Addition {i} speaks of the fowls." for i in range(120)) + " "
    first.addnext(second)  # after "in the plants.", the tail of the first
    tree.write(str(tei), encoding="utf-8", xml_declaration=True)
    pdf = tmp_path / "two.pdf"
    assert render_typst(tei, pdf).diagnostics.items == []
    parts = continued_entries(pdf)
    first_page, head = parts[0]
    assert head["lemma"] == "variety" and len(parts) >= 2
    text = " ".join(poppler("pdftotext", "-f", str(parts[1][0]), "-l", str(parts[1][0]), str(pdf), "-").split())
    keyed = re.search(r"p\. (\d+), (\d+) plants\.\] plants\. Addition 0 speaks", text)
    assert keyed and (int(keyed[1]), keyed[2]) == (first_page, head["line"]), text[:300]
    assert overlaps(pdf) == [] and lost_words(etree.parse(str(tei)), pdf) == []
