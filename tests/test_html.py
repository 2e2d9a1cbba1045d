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
    """Every non-blank text node under the TEI's <text> elements (front, body, back), but the
    furniture's (fw), which the edition does not publish as text."""
    tree = etree.parse(str(path))
    return [_norm(t) for t in tree.xpath("//tei:text//text()[not(ancestor::tei:fw)]", namespaces=NS) if t.strip()]


def html_text(folder: Path) -> str:
    return _norm(" ".join(" ".join(page.body.itertext()) for page in pages(folder).values()))


def render(tmp_path: Path, body: str, header_extra: str = "") -> dict[str, lhtml.HtmlElement]:
    """Render a small TEI document and return its pages."""
    tei = tmp_path / "doc.xml"
    tei.write_text(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
      <titleStmt><title>Fragment</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
      <sourceDesc><p>Test</p></sourceDesc></fileDesc>{header_extra}</teiHeader>
      <text><body>{body}</body></text></TEI>""",
        encoding="utf-8",
    )
    site = render_html(tei, tmp_path / "site")
    result = pages(tmp_path / "site")
    result["_diagnostics"] = site.diagnostics.items
    return result


# --------------------------------------------------------------------------- the showcase


def test_showcase_has_every_page(showcase_site):
    names = set(pages(showcase_site))
    assert {"index.html", "about.html", "people.html", "notes.html", "front.html", "back.html"} <= names
    assert {f"session-1917-{d}.html" for d in ("03-29", "03-30", "03-31", "04-01", "04-02", "04-04")} <= names
    for extra in (
        "march-1917.xml",
        "march-1917.txt",
        "search-index.js",
        "assets/edition.css",
        "assets/edition.js",
        MARKER,
    ):
        assert (showcase_site / extra).is_file(), extra


def broken_links(folder: Path) -> list[str]:
    """Links to a page or an anchor that is not there, and ids given twice on one page."""
    site = pages(folder)
    ids = {name: page.xpath("//@id") for name, page in site.items()}
    broken = [
        f"{name}: id {i!r} given twice"
        for name, found in ids.items()
        for i in sorted({i for i in found if found.count(i) > 1})
    ]
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
    assert stalin and stalin[0] == "person-stalin.html#stalin"  # the register entry's own page
    assert site["people.html"].xpath("//li[@id='stalin']/a/@href") == ["person-stalin.html#stalin"]
    entry = site["person-stalin.html"].xpath("//article[@id='stalin']")[0]
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


@pytest.mark.parametrize(
    "sample",
    ["dracor-rus_blok-korol-na-ploschadi.xml", "ParlaMint-ES-CT_2015-10-26-0101.xml", "Parla-CLARIN-Exemplar.xml"],
)
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


def test_a_turn_without_a_speaker_is_an_anonymous_voice(tmp_path):
    """A turn with neither @who nor a printed label (a voice the record does not name) is set as
    a turn without a label, searched and counted like any other; it never stops the build."""
    site = render(
        tmp_path,
        '<div><head>Session</head><sp who="#a"><speaker>A:</speaker><p>Named.</p></sp>'
        "<sp><p>A voice from the hall.</p></sp></div>",
        '<profileDesc><particDesc><listPerson><person xml:id="a"><persName>Anna</persName></person>'
        "</listPerson></particDesc></profileDesc>",
    )
    (page,) = [p for name, p in site.items() if name.startswith("part-") or name == "session.html"]
    (voice,) = page.xpath("//div[@class='sp'][not(.//p[@class='speaker'])]")
    assert _norm(voice.text_content()).startswith("A voice from the hall.")
    assert (tmp_path / "site" / "search-index.js").read_text(encoding="utf-8").count("A voice from the hall") == 1


def test_votes_gaps_corrections_notes(tmp_path):
    site = render(
        tmp_path,
        """<div type="session" xml:id="s1"><head>SESSION</head>
      <p ana="#vote">Adopted. <measure type="vote" subtype="for" quantity="38">For – 38</measure>
        <gap reason="lost" unit="words" quantity="3"><desc>Torn page.</desc></gap>
        The <choice><sic>Prasidium</sic><corr resp="#ed" type="char">Praesidium</corr></choice> meets.
        <note type="editorial">An editor's note.</note></p>
      <floatingText type="document"><body><head>RESOLUTION</head><p>Whereas.</p></body></floatingText>
      <table><row role="label"><cell>No.</cell><cell>Name</cell></row><row><cell>1)</cell><cell>Baku</cell></row></table>
      <stage type="event">(Applause.)</stage></div>""",
    )
    page = site["s1.html"]
    vote = page.xpath("//p[contains(@class, 'vote')]")[0]
    assert vote.xpath(".//data[@class='vote-count vote-for']/@value") == ["38"]
    gap = vote.xpath(".//span[contains(@class, 'gap')]")[0]
    mark = gap.xpath("button[contains(@class, 'mark')]")[0]  # a lacuna explains itself visibly
    assert "lost" in mark.get("aria-label") and "Torn page." in mark.get("aria-label")
    words = page.xpath(f"//*[@id='{mark.get('popovertarget')}']")[0]
    assert words.get("popover") == "auto" and "Torn page." in words.text_content() and "lost" in words.text_content()
    choice = vote.xpath(".//span[@class='choice']")[0]
    assert choice.xpath("string(span[@class='sic'])") == "Prasidium"
    assert choice.xpath("string(span[@class='corr'])") == "Praesidium"
    button = choice.xpath("button")[0]
    assert page.xpath(f"//*[@id='{button.get('popovertarget')}']/@popover") == ["auto"]
    assert "Prasidium" in button.get("aria-label") and "Praesidium" in button.get("aria-label")
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
    assert [s.get("src") for s in scripts] == [
        "assets/edition.js",
        "assets/notes.js",
        "assets/search.js",
        "assets/cite.js",
    ]
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


# --------------------------------------------------------------------------- the reading page


def test_marks_carry_their_words_and_never_sit_in_a_link(tmp_path):
    """Notes, corrections and lacunae are buttons with their words as a popover beside them; in a
    linked name the mark follows the link (a button may not go inside one)."""
    site = render(
        tmp_path,
        """<div type="session" xml:id="s1"><head>S</head>
      <p>Comrade <persName ref="#k"><choice><sic>Kanat chikoy</sic><corr>Kanatchikov</corr></choice><note>A delegate.</note></persName>
      spoke <gap reason="illegible" quantity="2" unit="words"/>.</p></div>""",
        header_extra="""<profileDesc><particDesc><listPerson><person xml:id="k"><persName>Kanatchikov</persName></person>
                  </listPerson></particDesc></profileDesc>""",
    )
    page = site["s1.html"]
    assert not page.xpath("//a//button | //button//a")
    link = page.xpath("//a[@href='person-k.html#k']")[0]
    after = link.xpath("following-sibling::*[position() <= 3]")
    assert after[0].get("class") == "choice-mark" and after[0].get("id") == "corr-1"  # the correction's anchor
    assert "corr-ref" in after[0].xpath("string(button/@class)")
    assert "note-ref" in after[1].get("class") and "note-pop" in after[2].get("class")  # the note: its mark, its words
    for mark in page.xpath("//button[contains(@class, 'mark')]"):
        words = page.xpath(f"//*[@id='{mark.get('popovertarget')}']")[0]
        assert words.get("popover") == "auto" and "side" in words.get("class").split() and words.text_content().strip()
    gap = page.xpath("//button[contains(@class, 'gap-ref')]")[0]
    assert "illegible (2 words)" in page.xpath(f"string(//*[@id='{gap.get('popovertarget')}'])")


def test_a_lacunas_extent_in_words_with_its_number(tmp_path):
    """A lacuna's extent says its unit in words, singular for one, and an unknown unit by its code."""
    gaps = {
        ("1", "leaf"): "1 leaf",
        ("2", "folios"): "2 leaves",
        ("1", "words"): "1 word",
        ("3", "words"): "3 words",
        ("1", ""): "1 unit",
        ("4", "column"): "4 columns",
        ("2", "cm"): "2 cm",
    }
    body = "".join(
        f'<gap reason="lost" quantity="{q}"{f" unit={chr(34)}{u}{chr(34)}" if u else ""}/> ' for q, u in gaps
    )
    page = render(tmp_path, f'<div type="session" xml:id="s1"><head>S</head><p>{body}</p></div>')["s1.html"]
    said = [
        page.xpath(f"string(//*[@id='{b.get('popovertarget')}'])")
        for b in page.xpath("//button[contains(@class, 'gap-ref')]")
    ]
    assert [f"({extent})" in words for words, extent in zip(said, gaps.values(), strict=True)] == [True] * len(gaps), (
        said
    )


def test_the_view_switch_only_where_something_was_printed_otherwise(tmp_path):
    site = render(
        tmp_path,
        """<div xml:id="a"><head>A</head><p>Plain.</p></div>
      <div xml:id="b"><head>B</head><p>A <choice><sic>mispint</sic><corr>misprint</corr></choice>.</p></div>""",
    )
    assert not site["a.html"].xpath("//fieldset[contains(@class, 'view-switch')]")
    assert site["b.html"].xpath("//fieldset[contains(@class, 'view-switch')]//input[@id='view-diplomatic']")


def _html_rule_names() -> list[str]:
    """Every TEI element a rule of mode html names (text.xsl, apparatus.xsl)."""
    names: set[str] = set()
    for sheet in ("text.xsl", "apparatus.xsl"):
        for pattern in re.findall(r'match="([^"]*)"\s+mode="html"', (ROOT / "xslt" / "html" / sheet).read_text()):
            names.update(re.findall(r"tei:(\w+)", pattern))
    return sorted(names)


def test_the_view_switch_asks_the_source_what_the_text_shows(tmp_path):
    """A part of the text decides its view switch from its source (ed:shows-readings), before its
    text is written: for a correction and a line break inside every element a rule names, the
    switch is there exactly when the rendered text shows a correction or a line break."""
    names = _html_rule_names()
    assert {"p", "gap", "fw", "app", "note", "choice"} <= set(names)
    who = {"sp": ' who="#s"', "u": ' who="#s"'}  # a turn without speaker or @who is another matter
    body = "".join(
        f'<div xml:id="c-{n}"><p>x <{n}{who.get(n, "")}><choice><sic>a</sic><corr>b</corr></choice></{n}></p></div>'
        f'<div xml:id="l-{n}"><p>x <{n}{who.get(n, "")}>y<lb/>z</{n}></p></div>'
        for n in names
    )
    site = render(tmp_path, body)
    hidden = []
    for n in names:
        for kind in ("c", "l"):
            page = site[f"{kind}-{n}.html"]
            shown = bool(page.xpath("//main//span[@class='choice'] | //main//br[@class='lb']"))
            switch = bool(page.xpath("//fieldset[contains(@class, 'view-switch')]"))
            assert switch == shown, (kind, n)
            hidden += [] if shown else [(kind, n)]
    # the elements that do not show their content as markup are there to be told apart
    assert ("c", "gap") in hidden and ("c", "fw") in hidden and ("c", "p") not in hidden


def test_the_table_of_signs_is_the_text_s_own(tmp_path):
    about = render(
        tmp_path,
        """<div xml:id="a"><head>A</head><sp who="#x"><speaker>X.</speaker>
      <p>Words <gap reason="lost"/>.</p></sp><fw type="header">RUNNING HEAD</fw></div>""",
    )["about.html"]
    signs = about.xpath("//dl[@class='legend']/dt")
    assert [dt.xpath("string()") for dt in signs] == ["⟨…⟩"]  # a lacuna only: no notes, votes, corrections
    assert "(1)" in about.xpath("string(//p[@class='furniture-said'])")


def test_furniture_is_not_published_as_text(tmp_path):
    site = render(tmp_path, """<div xml:id="a"><head>A</head><fw type="furniture">Join us</fw><p>Text.</p></div>""")
    assert "Join us" not in site["a.html"].text_content() and "Text." in site["a.html"].text_content()


def test_speakers_by_label_or_name_never_by_id(tmp_path):
    site = render(
        tmp_path,
        """<div xml:id="a"><head>A</head>
      <note type="speaker">El president (Joan Rigol)</note><u who="#RigolJoan"><seg>Bon dia.</seg></u>
      <u who="#GinerJoan"><seg>Gràcies.</seg></u>
      <sp who="#second_stranger"><speaker>Второй</speaker><p>Да.</p></sp>
      <sp who="#second_dandy"><speaker>Второй</speaker><p>Нет.</p></sp>
      <sp who="#worker_1"><speaker>Рабочий</speaker><p>Раз.</p></sp>
      <sp who="#worker_2"><speaker>Рабочий</speaker><p>Два.</p></sp></div>""",
        header_extra="""<profileDesc><particDesc><listPerson>
      <person xml:id="second_stranger"><persName>Второй</persName><persName xml:lang="en">Second</persName></person>
      <person xml:id="second_dandy"><persName>Второй</persName><persName xml:lang="en">Second dandy</persName></person>
      <person xml:id="worker_1"><persName>Рабочий</persName></person><person xml:id="worker_2"><persName>Рабочий</persName></person>
      </listPerson></particDesc></profileDesc>""",
    )
    page = site["a.html"]
    labels = [_norm(p.text_content()) for p in page.xpath("//p[contains(@class, 'speaker')]")]
    assert labels == [
        "El president (Joan Rigol)",
        "Giner Joan",
        "Второй (Second)",
        "Второй (Second dandy)",
        "Рабочий (1)",
        "Рабочий (2)",
    ]
    assert not [t for t in labels if "RigolJoan" in t or "GinerJoan" in t]


def test_untitled_scenes_are_numbered(tmp_path):
    site = render(
        tmp_path,
        """<div type="act" xml:id="act1"><head>ACT ONE</head>
      <div type="configuration"><sp><speaker>A</speaker><p>x</p></sp></div>
      <div type="configuration"><sp><speaker>B</speaker><p>y</p></sp></div></div>""",
    )
    contents = [_norm(a.text_content()) for a in site["index.html"].xpath("//nav[@class='toc']//ol/li/ol/li/a")]
    assert contents == ["Scene 1", "Scene 2"]
    assert [_norm(h.text_content()) for h in site["act1.html"].xpath("//h2")] == ["Scene 1", "Scene 2"]


def test_verse_numbered_every_fifth_line(tmp_path):
    lines = "".join(f"<l>line {i}</l>" for i in range(1, 12))
    site = render(
        tmp_path,
        f"""<div xml:id="a"><head>A</head><lg>{lines}</lg>
      <lg><l n="20">twenty</l><l n="21">twenty-one</l><l n="25">twenty-five</l><l n="12a">odd</l></lg></div>""",
    )
    numbers = site["a.html"].xpath("//span[@class='l-n']/text()")
    assert numbers == ["5", "10", "20", "25"]


def test_page_images_linked_safely(tmp_path):
    """An image beside the site is shown beside its page; an http(s) one only linked; a path out
    of the site or another scheme is dropped. Nothing is read by the toolkit."""
    tei = tmp_path / "facs.xml"
    tei.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>F</title></titleStmt>
      <publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
      <facsimile><surface xml:id="s2"><graphic url="img/p2.png"/></surface><graphic xml:id="g6" url="/etc/passwd"/></facsimile>
      <text><body><div xml:id="a"><head>A</head><pb n="1" facs="img/p1.png"/><p>One.</p>
      <pb n="2" facs="#s2"/><p>Two.</p><pb n="3" facs="https://example.org/p3.jpg"/><p>Three.</p>
      <pb n="4" facs="../../../etc/passwd"/><pb n="5" facs="file:///etc/passwd"/><pb n="6" facs="#g6"/><p>Four.</p></div>
      </body></text></TEI>""",
        encoding="utf-8",
    )
    render_html(tei, tmp_path / "site")
    page = lhtml.parse(str(tmp_path / "site" / "a.html")).getroot()
    assert page.xpath("//a[contains(@class, 'facs-link')]/@href") == [
        "img/p1.png",
        "img/p2.png",
        "https://example.org/p3.jpg",
    ]
    assert page.xpath("//img/@src") == ["img/p1.png", "img/p2.png"]  # the http image is linked, never loaded
    assert not [h for h in page.xpath("//@href | //@src") if "passwd" in h]
    assert len(page.xpath("//span[@class='pb']")) == 3  # pages 4–6: their number, no link
    assert not (tmp_path / "site" / "img").exists()


def test_the_interface_speaks_the_document_s_language(tmp_path):
    for lang, contents, lacuna in [
        ("ru", "Содержание", "Лакуна"),
        ("ca-ES", "Índex", "Llacuna"),
        ("de", "Inhalt", "Lücke"),
        ("fr", "Sommaire", "Lacune"),
        ("es", "Índice", "Laguna"),
        ("it", "Indice", "Lacuna"),
        ("xx", "Contents", "Lacuna"),
    ]:
        tei = tmp_path / f"{lang}.xml"
        tei.write_text(
            f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>
          <titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>
          </fileDesc></teiHeader><text><body><div xml:id="a"><head>A</head><p>x <gap reason="lost"/></p></div></body></text></TEI>""",
            encoding="utf-8",
        )
        render_html(tei, tmp_path / lang)
        page = lhtml.parse(str(tmp_path / lang / "a.html")).getroot()
        assert page.get("lang") == lang
        assert page.xpath("string(//nav[@class='pager']/a[@href='index.html'])") == contents, lang
        assert page.xpath("string(//button[contains(@class, 'gap-ref')]/@aria-label)").startswith(lacuna), lang
