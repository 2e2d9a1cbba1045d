"""The HTML edition without a browser: pages, links, text kept, fallback, safety, fragments."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from lxml import etree
from lxml import html as lhtml

from edition.cli import main
from edition.errors import OutputError
from edition.render.html import MARKER, render_html
from edition.xmlio import NS

from conftest import ROOT, SAMPLES, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"


@pytest.fixture(scope="module")
def showcase_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "html"
    render_html(SHOWCASE, folder)
    return folder


def pages(folder: Path) -> dict[str, lhtml.HtmlElement]:
    return {p.name: lhtml.parse(str(p)).getroot() for p in sorted(folder.glob("*.html"))}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def tei_text_nodes(path: Path) -> list[str]:
    """Every non-blank text node under the TEI's <text> elements (front, body, back)."""
    tree = etree.parse(str(path))
    return [_norm(t) for text in tree.iterfind(".//tei:text", NS) for t in text.itertext() if t.strip()]


def html_text(folder: Path) -> str:
    return _norm(" ".join(" ".join(page.body.itertext()) for page in pages(folder).values()))


def render(tmp_path: Path, body: str, header_extra: str = "") -> dict[str, lhtml.HtmlElement]:
    """Render a small TEI document and return its pages."""
    tei = tmp_path / "doc.xml"
    tei.write_text(f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
      <titleStmt><title>Fragment</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
      <sourceDesc><p>Test</p></sourceDesc></fileDesc>{header_extra}</teiHeader>
      <text><body>{body}</body></text></TEI>""", encoding="utf-8")
    site = render_html(tei, tmp_path / "site")
    result = pages(tmp_path / "site")
    result["_diagnostics"] = site.diagnostics.items
    return result


# --------------------------------------------------------------------------- the showcase

def test_showcase_has_every_page(showcase_site):
    names = set(pages(showcase_site))
    assert {"index.html", "about.html", "people.html", "notes.html", "front.html", "back.html"} <= names
    assert {f"session-1917-{d}.html" for d in ("03-29", "03-30", "03-31", "04-01", "04-02", "04-04")} <= names
    for extra in ("march-1917.xml", "march-1917.txt", "search-index.js", "assets/edition.css",
                  "assets/edition.js", MARKER):
        assert (showcase_site / extra).is_file(), extra


def broken_links(folder: Path) -> list[str]:
    """Links to a page or an anchor that is not there, and ids given twice on one page."""
    site = pages(folder)
    ids = {name: page.xpath("//@id") for name, page in site.items()}
    broken = [f"{name}: id {i!r} given twice" for name, found in ids.items()
              for i in sorted({i for i in found if found.count(i) > 1})]
    for name, page in site.items():
        for href in page.xpath("//a/@href | //link/@href | //script/@src"):
            if re.match(r"^[a-z]+:", href):
                continue
            target, _, anchor = href.partition("#")
            target = target or name
            if not (folder / target).exists():
                broken.append(f"{name}: {href}")
            elif anchor and target.endswith(".html") and unquote(anchor) not in ids[target]:
                broken.append(f"{name}: {href}")
    return broken


def test_every_internal_link_resolves(showcase_site):
    assert broken_links(showcase_site) == []


def test_no_text_of_the_tei_is_lost(showcase_site):
    text = html_text(showcase_site)
    missing = [t for t in tei_text_nodes(SHOWCASE) if t not in text]
    assert missing == []


def test_turns_paragraphs_and_people(showcase_site):
    site = pages(showcase_site)
    session = site["session-1917-03-29.html"]
    turns = session.xpath("//div[contains(@class, 'sp')]")
    assert turns and all(t.get("id").startswith("turn-") for t in turns)
    assert all(t.xpath("a[contains(@class, 'turn-cite')]") for t in turns)
    stalin = session.xpath("//div[@data-who='stalin']/p[@class='speaker']/a/@href")
    assert stalin and stalin[0] == "people.html#stalin"
    entry = site["people.html"].xpath("//article[@id='stalin']")[0]
    count = len(etree.parse(str(SHOWCASE)).xpath("//tei:sp[@who='#stalin']", namespaces=NS))
    assert len(entry.xpath(".//details[contains(@class, 'turns')]//ol[@class='turns']/li/a")) == count


def test_session_pages_chain_and_chart(showcase_site):
    site = pages(showcase_site)
    first = site["session-1917-03-29.html"]
    assert first.xpath("//nav[@class='pager']/a[@rel='next']/@href")[0] == "session-1917-03-30.html"
    assert first.xpath("//nav[@class='pager']/a[@rel='prev']/@href")[0] == "front.html"
    chart = first.xpath("//figure[@class='speaker-chart']")[0]
    assert chart.xpath(".//*[local-name()='svg']/@role") == ["img"]
    assert chart.xpath(".//table//th[@scope='row']")


def test_search_index_is_offline_data(showcase_site):
    script = (showcase_site / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.EDITION_SEARCH = {")
    index = json.loads(script.removeprefix("window.EDITION_SEARCH = ").rstrip().removesuffix(";"))
    files = [p[0] for p in index["pages"]]
    assert ["session-1917-03-29.html", "Session of March 29, 1917", "1917-03-29"] in index["pages"]
    assert ["stalin", "Stalin"] in index["speakers"]
    assert all(0 <= e[0] < len(files) and -1 <= e[2] < len(index["speakers"]) for e in index["entries"])
    turns = [e for e in index["entries"] if e[1].startswith("turn-")]
    assert len(turns) == len(etree.parse(str(SHOWCASE)).xpath("//tei:sp", namespaces=NS))
    assert "attitude to the Provisional Government" in script


def test_rendering_is_deterministic(showcase_site, tmp_path):
    render_html(SHOWCASE, tmp_path / "again")
    for page in showcase_site.rglob("*"):
        if page.is_file():
            assert page.read_bytes() == (tmp_path / "again" / page.relative_to(showcase_site)).read_bytes(), page


# --------------------------------------------------------------------------- any TEI

@pytest.mark.parametrize("sample", ["dracor-rus_blok-korol-na-ploschadi.xml",
                                    "ParlaMint-ES-CT_2015-10-26-0101.xml", "Parla-CLARIN-Exemplar.xml"])
def test_samples_render_without_losing_text(tmp_path, sample):
    need_samples()
    site = render_html(SAMPLES / sample, tmp_path / "site")
    assert "index.html" in site.pages and len(site.pages) >= 5
    text = html_text(tmp_path / "site")
    missing = [t for t in tei_text_nodes(SAMPLES / sample) if t not in text]
    assert missing == []
    assert broken_links(tmp_path / "site") == []  # group speakers, cast lists: found by the EPUB export


def test_unknown_elements_go_through_the_one_fallback(tmp_path):
    site = render(tmp_path, '<p>Before <zzz type="x">inside <yyy>deep</yyy></zzz> after.</p>')
    span = site["part-1.html"].xpath("//span[@data-tei='zzz']")[0]
    assert "inside deep" in _norm(span.text_content()) and span.get("class") == "tei-unknown"
    codes = {(d.code, d.message.split(" (")[0]) for d in site["_diagnostics"]}
    assert ("W401", "no HTML rule for <zzz>") in codes and ("W401", "no HTML rule for <yyy>") in codes


# --------------------------------------------------------------------------- fragments

def test_votes_gaps_corrections_notes(tmp_path):
    site = render(tmp_path, """<div type="session" xml:id="s1"><head>SESSION</head>
      <p ana="#vote">Adopted. <measure type="vote" subtype="for" quantity="38">For – 38</measure>
        <gap reason="lost" unit="words" quantity="3"><desc>Torn page.</desc></gap>
        The <choice><sic>Prasidium</sic><corr resp="#ed" type="char">Praesidium</corr></choice> meets.
        <note type="editorial">An editor's note.</note></p>
      <floatingText type="document"><body><head>RESOLUTION</head><p>Whereas.</p></body></floatingText>
      <table><row role="label"><cell>No.</cell><cell>Name</cell></row><row><cell>1)</cell><cell>Baku</cell></row></table>
      <stage type="event">(Applause.)</stage></div>""")
    page = site["s1.html"]
    vote = page.xpath("//p[contains(@class, 'vote')]")[0]
    assert vote.xpath(".//data[@class='vote-count vote-for']/@value") == ["38"]
    gap = vote.xpath(".//span[contains(@class, 'gap')]")[0]
    assert "lost" in gap.get("title") and "Torn page." in gap.get("title") and gap.get("tabindex") == "0"
    assert "Torn page." in gap.xpath("string(span[@class='sr-only'])")
    choice = vote.xpath(".//span[@class='choice']")[0]
    assert choice.xpath("string(span[@class='sic'])") == "Prasidium"
    assert choice.xpath("string(span[@class='corr'])") == "Praesidium"
    button = choice.xpath("button")[0]
    assert page.xpath(f"//*[@id='{button.get('popovertarget')}']/@popover") == ["auto"]
    note_button = vote.xpath(".//button[contains(@class, 'note-ref')]")[0]
    pop = page.xpath(f"//*[@id='{note_button.get('popovertarget')}']")[0]
    assert pop.get("role") == "note" and "An editor's note." in pop.text_content()
    assert page.xpath("//blockquote[contains(@class, 'document')]//p[contains(@class, 'head')]")
    assert page.xpath("//table//th[.='Name']") and page.xpath("//table//td[.='Baku']")
    assert page.xpath("//p[contains(@class, 'stage-event')]")
    notes = site["notes.html"]
    assert notes.xpath("//ol[@class='corrections']/li/a[contains(., 'Prasidium')]/@href") == ["s1.html#corr-1"]


# --------------------------------------------------------------------------- safety

HOSTILE = """<div type="session" xml:id="s1"><head>S</head>
  <p>Click <ref target="javascript:alert(1)">here</ref> or <ref target="data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;">there</ref>
  or <ref target="JaVaScRiPt:alert(3)">again</ref> or <ref target="//evil.example/x">far</ref>
  or <ref target="https://example.org/ok">fine</ref>. &lt;script&gt;alert(4)&lt;/script&gt;
  <graphic url="javascript:alert(5)"/> <ptr target="vbscript:x"/>
  <hi rend="italic" style="background:url(javascript:alert(6))" onclick="alert(7)">text</hi></p></div>"""


def test_hostile_tei_stays_inert(tmp_path):
    site = render(tmp_path, HOSTILE)
    page = site["s1.html"]
    scripts = page.xpath("//script")
    assert [s.get("src") for s in scripts] == ["assets/edition.js", "assets/search.js", "assets/cite.js"]
    assert all(not s.text for s in scripts)
    hrefs = page.xpath("//@href | //@src")
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.I) or h.startswith("//")]
    assert "https://example.org/ok" in hrefs
    assert not page.xpath("//@*[starts-with(name(), 'on')] | //@style")
    assert "<script>alert(4)</script>" in page.text_content()


# --------------------------------------------------------------------------- the folder

def test_a_folder_that_is_not_a_site_is_left_alone(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("precious")
    with pytest.raises(OutputError):
        render_html(SHOWCASE, folder)
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]


def test_a_site_being_swapped_by_another_writer_is_still_a_site(tmp_path):
    """While other writers swap their site into the folder (threads of a corpus build), the check
    that the folder holds a site of ours never mistakes it for someone else's."""
    import threading

    from edition import files
    from edition.render import html as site_writer

    folder, done, refused = tmp_path / "site", threading.Event(), []
    folder.mkdir()
    (folder / site_writer.MARKER).write_text("x")
    (folder / "index.html").write_text("x")

    def swap():
        while not done.is_set():
            with files.staged_folder(folder) as staged:
                (staged / "index.html").write_text("x")
                (staged / site_writer.MARKER).write_text("x")

    writers = [threading.Thread(target=swap) for _ in range(3)]
    for w in writers:
        w.start()
    try:
        for _ in range(3000):
            try:
                site_writer._check_target(folder)
            except OutputError as exc:
                refused.append(exc)
    finally:
        done.set()
        for w in writers:
            w.join()
    assert refused == []


def test_a_previous_site_is_replaced_whole(tmp_path):
    folder = tmp_path / "site"
    render_html(SHOWCASE, folder)
    (folder / "stale.html").write_text("old")
    render_html(SHOWCASE, folder)
    assert not (folder / "stale.html").exists() and (folder / "index.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_cli_html(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["html", str(SHOWCASE), "-o", str(tmp_path / "s")])
    assert ok.exit_code == 0 and (tmp_path / "s" / "index.html").exists()
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><text>")
    result = runner.invoke(main, ["html", str(bad), "-o", str(tmp_path / "b")])
    assert result.exit_code == 3 and "malformed" in result.output and not (tmp_path / "b").exists()
    assert runner.invoke(main, ["html", str(tmp_path / "none.xml"), "-o", str(tmp_path / "c")]).exit_code == 2


def test_the_site_is_readable_by_others(tmp_path):
    """Staged privately, published with the ordinary modes (umask 022: 755 folders, 644 files)."""
    import os
    old = os.umask(0o022)
    try:
        render_html(SHOWCASE, tmp_path / "site")
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "site" / "assets").stat().st_mode & 0o777 == 0o755
