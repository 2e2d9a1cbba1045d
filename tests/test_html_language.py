"""The HTML edition speaks the document's language: every word of the interface the stylesheets
and scripts write (headings of the pages they make, labels, buttons, aria-labels, titles, the
words the scripts are handed) comes from the message table (xslt/common/messages.xml), in the
document's language, and no English message shows on a Russian or a Catalan page.

Checked on TEI others wrote (the DraCor Russian play, the ParlaMint Catalan sitting) and on a
small document in each language that uses every construct the interface has words for (kinds of
corrections, lacunae with their extent, votes, the register's roles and dates, a collation).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml
from test_messages import languages, table

from edition.render.html import render_html

from conftest import ROOT, SAMPLES

#: the samples, by the language of their interface
SAMPLE_BY_LANGUAGE = {
    "ru": SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml",
    "ca": SAMPLES / "ParlaMint-ES-CT_2015-10-26-0101.xml",
}
#: the pages the stylesheets make whole (their headings are the interface's, not the document's)
SITE_PAGES = ("index.html", "about.html", "notes.html", "people.html", "search.html")
#: attributes whose words are the interface's wherever they are
ATTRIBUTES = ("aria-label", "title", "alt", "data-found", "data-none", "data-all", "data-any-speaker",
              "data-any-session", "data-readings", "data-omitted")  # fmt: skip
#: elements whose words are the interface's on every page
ELEMENTS = (
    "//a[@class='skip'] | //header//nav//a | //legend | //label | //button[not(contains(@class, 'mark'))]"
    " | //summary | //caption | //th[@scope='col'] | //figcaption | //span[@class='badge'] | //noscript/p"
    " | //a[contains(@class, 'turn-cite')] | //*[contains(@class, 'editorial-head')] | //p[@class='witnesses-head']"
    " | //p[@class='apparatus-legend'] | //span[@class='lacuna-mark'] | //dl[@class='legend']/dd"
    " | //dl[@class='legend']//span[@class='corr'] | //p[@class='furniture-said'] | //a[@class='graphic']"
    " | //nav[@aria-label]/a[@href='index.html'] | //ol[@class='notes']/li/a[last()]"
    " | //article[contains(@class, 'unregistered')]/p[@class='person-note']"
)
#: elements whose words are the interface's on the pages the stylesheets make whole
SITE_ELEMENTS = (
    "//main/h1 | //h2[@id] | //nav[@class='toc']/ol/li/a[not(contains(@href, '-'))] | //span[@class='count']"
)


def pattern(message: str) -> re.Pattern:
    """A message as a pattern its uses match: each {n} stands for some words."""
    return re.compile(re.sub(r"\\\{\d\\\}", "(.+)", re.escape(message)), re.DOTALL)


@cache
def patterns(lang: str) -> dict[str, re.Pattern]:
    return {key: pattern(row[lang]) for key, row in table().items() if lang in row}


@cache
def english_only(lang: str) -> set[str]:
    """The English messages without placeholders that are no message of the language ('Text' is
    Catalan too); an English message with its placeholders filled is no message of the language
    either, which the first check finds."""
    own = {row.get(lang) for row in table().values()}
    return {row["en"] for row in table().values() if not re.search(r"\{\d\}", row["en"]) and row["en"] not in own}


def interface_strings(page: Path) -> list[str]:
    tree = lhtml.parse(str(page)).getroot()
    found = [value for name in ATTRIBUTES for value in tree.xpath(f"//@{name}")]
    nodes = tree.xpath(ELEMENTS) + (tree.xpath(SITE_ELEMENTS) if page.name in SITE_PAGES else [])
    for node in nodes:
        for count in node.xpath(".//span[@class='count']") if node.get("class") != "count" else []:
            count.drop_tree()  # a heading's count is said apart
        text = " ".join(t for t in node.xpath(".//text()[not(ancestor::select)]"))
        found.append(text)
    strings = []
    for text in found:
        text = re.sub(r"\s*\(\d+\)$", "", " ".join(text.split()))
        text = re.sub(r"^\((.*)\)$", r"\1", text)  # a count said in brackets
        if re.search(r"[^\W\d_]", text):  # numbers, marks and signs are no words
            strings.append(text)
    return strings


def words_of_scripts(page: Path) -> list[str]:
    """The words a page hands its scripts (the citation dialog's, as JSON)."""
    tree = lhtml.parse(str(page)).getroot()
    return [w for value in tree.xpath("//body/@data-cite-words") for w in json.loads(value).values()]


def not_the_languages(site: Path, lang: str) -> list[str]:
    """Every interface string of the site that is no message of `lang`, or is an English one."""
    wrong = []
    own, english = patterns(lang), english_only(lang)
    for page in sorted(site.glob("*.html")):
        for text in interface_strings(page) + words_of_scripts(page):
            if not any(p.fullmatch(text) for p in own.values()):
                wrong.append(f"{page.name}: {text!r} is no {lang} message")
            if text in english:
                wrong.append(f"{page.name}: {text!r} is English")
    return wrong


@pytest.mark.parametrize("lang", sorted(SAMPLE_BY_LANGUAGE))
def test_every_interface_string_of_a_sample_is_in_its_language(lang, tmp_path):
    tei = SAMPLE_BY_LANGUAGE[lang]
    if not tei.exists():
        pytest.skip(f"{tei} is absent: interoperability samples live in ../shared/samples")
    site = render_html(tei, tmp_path / "site").folder
    assert not_the_languages(site, lang) == []


def test_no_english_sentence_of_the_table_is_on_a_russian_or_catalan_page(tmp_path):
    """Beyond the places listed above: no English message of three words or more anywhere in
    the pages' text or attributes (the samples' own text never says 'Skip to the text')."""
    sentences = {row["en"] for row in table().values() if len(re.sub(r"\{\d\}", "", row["en"]).split()) >= 3}
    for lang, tei in SAMPLE_BY_LANGUAGE.items():
        if not tei.exists():
            pytest.skip(f"{tei} is absent: interoperability samples live in ../shared/samples")
        own = {row[lang] for row in table().values()}
        site = render_html(tei, tmp_path / lang).folder
        for page in sorted(site.glob("*.html")):
            root = lhtml.parse(str(page)).getroot()
            text = " ".join(" ".join(root.xpath("//text() | //@*")).split())
            for sentence in sentences - own:
                fixed = max(re.split(r"\{\d\}", sentence), key=len).strip()
                assert fixed not in text, f"{lang} {page.name}: {sentence!r}"


#: a document that uses every construct the interface has words for; {lang} is its language
KITCHEN = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>
<titleStmt><title>Probe</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc>
<encodingDesc><editorialDecl><p>x</p></editorialDecl></encodingDesc>
<profileDesc><particDesc><listPerson>
 <person xml:id="a" role="chair delegate mp"><persName>Anna</persName><birth when="1870"/>
  <idno type="wikidata">Q1</idno><idno type="lccn">n1</idno><idno type="uri">https://example.org/a</idno>
  <idno type="local">7</idno></person>
 <person xml:id="b" role="member"><persName>Boris</persName><death when="1936"/></person>
 <person xml:id="c"><persName>Clara</persName><floruit when="1917"/></person>
 <personGrp xml:id="v" role="voice"><name>Voices</name></personGrp>
</listPerson></particDesc></profileDesc>
<revisionDesc><change when="2024-01-01">x</change></revisionDesc></teiHeader>
<text><body><div type="act"><div type="scene">
<sp who="#a"><speaker>Anna</speaker><p>Wir <choice><sic>sagt</sic><corr type="word">sagen</corr></choice>
 <choice><sic>a b</sic><corr type="split">ab</corr></choice> <choice><sic>x</sic><corr>y</corr></choice>
 <gap reason="illegible" quantity="3" unit="words"/> <gap reason="lost" quantity="2" unit="chars"/>
 <gap quantity="1"/> <gap reason="lost" quantity="4" unit="leaves"/>
 <note>eine Anmerkung</note> <ellipsis/> <g>x</g> <persName ref="#b">Boris</persName>
 <pb n="2" facs="page2.png"/><fw type="header">Kopf</fw></p>
 <p ana="#vote"><num type="vote" subtype="for" quantity="12">12</num> <num type="vote" subtype="against" quantity="3">3</num>
 <num type="vote" subtype="abstain" quantity="1">1</num> <num type="vote" subtype="total" quantity="16">16</num>
 <num type="vote" quantity="2">2</num></p></sp>
<sp who="#nobody_here"><speaker>Nobody</speaker><p>Ja.</p></sp>
<sp who="#v"><speaker>Voices</speaker><p>Ja.</p></sp>
<lg><l>eins</l><l>zwei</l><l>drei</l><l>vier</l><l>fünf</l></lg>
<stage>Pause</stage><p><supplied>so</supplied> <graphic url="p.png"/></p>
</div></div></body></text></TEI>"""

COLLATION = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>
<titleStmt><title>Probe</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="A" n="A">first</witness><witness xml:id="B" n="B">second</witness>
<witness xml:id="C" n="C">third</witness></listWit></sourceDesc></fileDesc>
<encodingDesc><variantEncoding method="parallel-segmentation" location="internal"/></encodingDesc></teiHeader>
<text><body><div><p>Ein <app><lem wit="#A">Wort</lem><rdg wit="#B">Werk</rdg><rdg wit="#C"/></app> und
<app><lem wit="#A #B">hier</lem><rdg wit="#C">da</rdg></app> <app><rdg wit="#C"><lacunaStart/></rdg></app>
<app><rdg wit="#C"><witEnd/></rdg></app></p></div></body></text></TEI>"""


@pytest.mark.parametrize("lang", ["ru", "ca", "de", "fr", "es", "it"])
@pytest.mark.parametrize("document", ["kitchen", "collation"])
def test_every_interface_string_of_every_construct_is_in_the_documents_language(lang, document, tmp_path):
    tei = tmp_path / "probe.xml"
    tei.write_text((KITCHEN if document == "kitchen" else COLLATION).replace("{lang}", lang), encoding="utf-8")
    site = render_html(tei, tmp_path / "site").folder
    strings = [s for page in site.glob("*.html") for s in interface_strings(page)]
    assert len(strings) > (40 if document == "kitchen" else 15)  # the probe reaches the interface
    assert not_the_languages(site, lang) == []
    if document == "kitchen":
        register_in_words(site, lang)


def register_in_words(site: Path, lang: str) -> None:
    """The register's roles, life dates and authority files, which mix the table's words with the
    document's (dates, identifiers), in the document's language."""
    rows = table()
    pages = [lhtml.parse(str(site / f"person-{p}.html")).getroot() for p in "abc"]

    def said(xpath: str) -> str:
        return " ".join(" ".join(t for page in pages for t in page.xpath(xpath + "//text()")).split())

    def msg(key: str, *args: str) -> str:
        text = rows[key][lang]
        for i, arg in enumerate(args, 1):
            text = text.replace(f"{{{i}}}", arg)
        return text

    assert said("//article[@id='a']/p[@class='roles']") == ", ".join(
        msg("role." + c) for c in ("chair", "delegate", "mp")
    )
    assert said("//article[@id='a']//span[@class='life']") == f"({msg('life.born', '1870')})"
    assert said("//article[@id='b']//span[@class='life']") == f"({msg('life.died', '1936')})"
    assert said("//article[@id='c']//span[@class='life']") == f"({msg('life.active', '1917')})"
    authority = said("//article[@id='a']/p[@class='authority']")
    assert msg("authority.lccn") in authority and msg("authority.uri") in authority and "local 7" in authority
    assert msg("people.identifiers") in authority and "Identifier" not in authority


def test_the_check_finds_a_hard_coded_english_string(tmp_path):
    """The check can fail: an English label or heading put into a Russian page is reported, as
    is a word that is in no language of the table."""
    tei = tmp_path / "probe.xml"
    tei.write_text(KITCHEN.replace("{lang}", "ru"), encoding="utf-8")
    site = render_html(tei, tmp_path / "site").folder
    about = site / "about.html"
    text = about.read_text(encoding="utf-8")
    text = text.replace(table()["about.licence"]["ru"], "Licence", 1)
    text = text.replace('<main id="main" tabindex="-1">', '<main id="main" tabindex="-1"><button>Zap</button>', 1)
    about.write_text(text, encoding="utf-8")
    wrong = " ".join(not_the_languages(site, "ru"))
    assert "'Licence' is English" in wrong or "'Licence' is no ru message" in wrong
    assert "'Zap' is no ru message" in wrong


def test_every_message_is_in_every_language():
    """The table is complete: every row in every language it promises, none blank, the same
    placeholders in each."""
    promised = sorted(languages())
    for key, row in table().items():
        assert sorted(row) == promised, f"{key}: {sorted(row)}"
        assert all(text.strip() for text in row.values()), key
        assert len({tuple(sorted(re.findall(r"\{\d\}", text))) for text in row.values()}) == 1, key


def test_the_scripts_have_no_words_of_their_own():
    """The scripts take their words from the page: no English message is a string in a script."""
    english = {row["en"] for row in table().values() if re.search(r"[A-Za-z]{2}", row["en"])}
    for script in (ROOT / "xslt" / "html" / "assets").glob("*.js"):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.DOTALL)
        literals = set(re.findall(r'"((?:[^"\\\n]|\\.)*)"', code))
        assert not (literals & english), f"{script.name}: {sorted(literals & english)}"


def test_message_keys_the_stylesheets_make_from_data_are_in_the_table():
    """Keys made of a prefix and a code (roles, correction kinds, units, votes, collation marks)."""
    rows = table()
    made = {"role." + c for c in codes("xslt/common/people.xsl", "ed:role-codes")}
    made |= {"corr." + c for c in codes("xslt/common/functions.xsl", "ed:correction-kinds")}
    made |= {"vote." + c for c in codes("xslt/common/functions.xsl", "ed:vote-kinds")} | {"vote.other"}
    made |= {"unit." + u for u in ("chars", "words", "lines", "pages", "units")}
    made |= {"app." + m for m in ("witStart", "witEnd", "lacunaStart", "lacunaEnd", "variant-1", "variant-n")}
    assert made - set(rows) == set()


def codes(path: str, variable: str) -> list[str]:
    tree = etree.parse(str(ROOT / path))
    select = tree.xpath(f"//*[@name='{variable}']/@select")[0]
    return re.findall(r"'([\w-]+)'", select)
