"""The register: an index (people.html) and a page per entry, with readable roles, life dates,
authority identifiers linked, turns by session and date, mentions, voices apart from persons, and
foreign TEI (DraCor, ParlaMint); an old link people.html#id still finds its entry."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

from edition.render.html import render_html
from edition.xmlio import NS

from conftest import ROOT, SAMPLES, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"
#: an entry's turns (not the places that mention it)
TURN_LINKS = ".//details[contains(@class, 'turns')]//ol[@class='turns']/li/a"


class Register:
    """The register of a site: its index and, through the index's links, each entry's page."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = lhtml.parse(str(folder / "people.html")).getroot()

    def ids(self, kind: str) -> list[str]:
        return self.index.xpath(f"//section[contains(@class, 'register-{kind}')]//li/@id")

    def names(self, kind: str = "") -> list[str]:
        return [words(a) for a in self.index.xpath(f"//section[contains(@class, 'register-{kind}')]//li/a")]

    def page(self, anchor: str) -> lhtml.HtmlElement:
        href = self.index.xpath(f"//li[@id='{anchor}']/a/@href")[0]
        assert href.endswith("#" + anchor)
        return lhtml.parse(str(self.folder / href.split("#")[0])).getroot()

    def article(self, anchor: str) -> lhtml.HtmlElement:
        return self.page(anchor).xpath(f"//article[@id='{anchor}']")[0]

    def article_named(self, name: str) -> lhtml.HtmlElement:
        anchor = self.index.xpath("//li[a=$name]/@id", name=name)[0]
        return self.article(anchor)


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> Register:
    folder = tmp_path_factory.mktemp("register") / "html"
    render_html(SHOWCASE, folder)
    return Register(folder)


def words(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def test_turns_are_listed_by_session_and_date_with_their_opening_words(people):
    tei = etree.parse(str(SHOWCASE))
    stalin = people.article("stalin")
    sessions = stalin.xpath(".//details[contains(@class, 'turns')]/ul[@class='sessions']/li")
    assert len(sessions) >= 3
    first = sessions[0]
    assert first.xpath("a[@class='session']/@href") == ["session-1917-03-29.html"]
    assert words(first.xpath("a[@class='session']")[0]) == "Session of March 29, 1917"  # not in capitals
    assert first.xpath("time/@datetime") == ["1917-03-29"] and words(first.xpath("time")[0]) == "29 March 1917"
    links = stalin.xpath(".//details[contains(@class, 'turns')]//ol[@class='turns']/li/a")
    assert len(links) == len(tei.xpath("//tei:sp[@who='#stalin']", namespaces=NS))
    assert all(not words(a).isdigit() and len(words(a).split()) >= 3 for a in links)
    assert all(re.fullmatch(r"session-[\w-]+\.html#turn-\d+", a.get("href")) for a in links)


def test_mentions_are_listed_apart_from_turns(people):
    tei = etree.parse(str(SHOWCASE))
    named = tei.xpath("//tei:text//tei:persName[@ref='#stalin'][not(ancestor::tei:speaker)]", namespaces=NS)
    stalin = people.article("stalin")
    mentions = stalin.xpath(".//details[contains(@class, 'mentions')]//ol[@class='turns']/li/a")
    assert named and len(mentions) == len(named)


def test_roles_are_words_and_voices_stand_apart(people):
    akimov = words(people.article("akimov").xpath("p[@class='roles']")[0])
    assert akimov.startswith("delegate, delegate to the Soviet conference")
    assert "soviet-delegate" not in akimov and "delegate soviet delegate" not in words(people.index)
    persons, voices = people.ids("persons"), people.ids("voices")
    assert "anon-another-delegate" in voices and "anon-another-delegate" not in persons
    assert "stalin" in persons and "stalin" not in voices
    assert not set(persons) & set(voices)


REGISTER = """<profileDesc><particDesc><listPerson>
  <person xml:id="lenin" role="chair speaker"><persName type="reg"><forename>Vladimir</forename> <surname>Lenin</surname></persName>
    <birth when="1870-04-22"/><death when="1924-01-21"/>
    <idno type="wikidata">Q1394</idno><idno type="VIAF">101787139</idno><idno type="GND">118640445</idno>
    <idno type="URI">javascript:alert(1)</idno></person>
  <person xml:id="b"><persName><surname>Baker</surname><forename>Bob</forename></persName><birth when="1941"/></person>
  <personGrp xml:id="voices"><name>VOICES</name></personGrp>
</listPerson></particDesc></profileDesc>"""


def render(tmp_path: Path, body: str, header_extra: str = REGISTER) -> Register:
    tei = tmp_path / "doc.xml"
    tei.write_text(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
      <titleStmt><title>Fragment</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
      <sourceDesc><p>Test</p></sourceDesc></fileDesc>{header_extra}</teiHeader>
      <text><body>{body}</body></text></TEI>""",
        encoding="utf-8",
    )
    render_html(tei, tmp_path / "site")
    return Register(tmp_path / "site")


def test_life_dates_and_authority_identifiers_are_linked(tmp_path):
    page = render(
        tmp_path,
        '<div><head>Day one</head><sp who="#lenin"><speaker>LENIN:</speaker><p>Comrades.</p></sp>'
        '<sp who="#voices"><p>Hear!</p></sp></div>',
    )
    lenin = page.article("lenin")
    assert words(lenin.xpath("h1")[0]) == "Vladimir Lenin (1870–1924)"
    assert words(lenin.xpath("p[@class='roles']")[0]) == "chair"
    hrefs = lenin.xpath("p[@class='authority']/a/@href")
    assert hrefs == [
        "https://www.wikidata.org/wiki/Q1394",
        "https://viaf.org/viaf/101787139",
        "https://d-nb.info/gnd/118640445",
    ]
    assert "javascript:" not in "".join(page.page("lenin").xpath("//a/@href"))
    assert words(page.article("b").xpath("h1")[0]) == "Bob Baker (born 1941)"
    assert page.ids("voices") == ["voices"]


def test_dracor_characters_of_one_name_are_told_apart(tmp_path):
    need_samples()
    render_html(SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml", tmp_path / "site")
    register = Register(tmp_path / "site")
    names = register.names()
    assert len(names) == len(set(names)) == 29
    assert "Голоса в толпе" in register.names("voices")
    assert [words(h) for h in register.article_named("Голоса в толпе").xpath("h1")] == ["Голоса в толпе"]


def test_parlamint_speakers_without_register_are_named_not_shown_as_ids(tmp_path):
    need_samples()
    render_html(SAMPLES / "ParlaMint-ES-CT_2015-10-26-0101.xml", tmp_path / "site")
    register = Register(tmp_path / "site")
    names = register.names()
    assert "Bayona Antoni" in names and "De Jòdar Julià" in names and "BayonaAntoni" not in names
    assert register.article_named("De Jòdar Julià").xpath(".//time/@datetime")[0] == "2015-10-26"


def test_a_site_url_that_is_not_a_web_address_is_refused(tmp_path):
    from click.testing import CliRunner

    from edition.cli import main

    result = CliRunner().invoke(
        main, ["html", str(SHOWCASE), "-o", str(tmp_path / "site"), "--site-url", "javascript:alert(1)"]
    )
    assert result.exit_code == 2 and "is not a web address" in result.output
    assert not (tmp_path / "site").exists()


def test_every_entry_has_a_page_and_keeps_its_anchor_on_the_index(people):
    """people.html#id, the link of every entry before each had its own page, still finds the
    entry: its line on the index keeps the id and names the page (the script follows it there)."""
    tei = etree.parse(str(SHOWCASE))
    ids = tei.xpath("//tei:listPerson//*[self::tei:person or self::tei:personGrp]/@xml:id", namespaces=NS)
    assert len(ids) > 50
    for anchor in ids:
        line = people.index.xpath(f"//li[@id='{anchor}']")
        assert line, f"people.html#{anchor} finds nothing"
        assert line[0].get("data-page") == line[0].xpath("a/@href")[0] == f"person-{anchor}.html#{anchor}"
        assert words(people.article(anchor).xpath("h1")[0]).startswith(words(line[0].xpath("a")[0]))
    assert not people.index.xpath("//details")  # the turns are on the entries' pages


def test_entry_pages_lead_to_one_another_and_back_to_the_index(people):
    order = people.index.xpath("//section[contains(@class, 'register-')]//li/a/@href")
    first, second = (people.folder / href.split("#")[0] for href in order[:2])
    page = lhtml.parse(str(first)).getroot()
    assert page.xpath("//nav[@class='pager']/a[@rel='next']/@href")[0] == second.name
    assert "people.html" in page.xpath("//nav[@class='pager']/a/@href")
    assert not page.xpath("//nav[@class='pager']/a[@rel='prev']")


def test_the_index_does_not_grow_with_the_text(tmp_path):
    """The register's index is as long as the register, not as the text: on the showcase with
    its text four times over it is the same size, while an entry's page grows with its turns."""
    spec = importlib.util.spec_from_file_location("big_tei", ROOT / "bench" / "big_tei.py")
    big_tei = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(big_tei)
    (tmp_path / "x4.xml").write_bytes(big_tei.scaled_showcase(4))
    sizes, turns = {}, {}
    for name, tei in (("x1", SHOWCASE), ("x4", tmp_path / "x4.xml")):
        render_html(tei, tmp_path / name)
        sizes[name] = (tmp_path / name / "people.html").stat().st_size
        turns[name] = len(Register(tmp_path / name).article("stalin").xpath(TURN_LINKS))
    assert sizes["x4"] < 1.05 * sizes["x1"]
    assert turns["x4"] == 4 * turns["x1"] > 0


def test_entry_page_names_never_clash_with_the_sites_pages(tmp_path):
    """An entry whose id makes the name of another page (a division's, or an entry's that differs
    only in case) gets a page of its own all the same."""
    register = """<profileDesc><particDesc><listPerson>
      <person xml:id="x"><persName>Ex</persName></person><person xml:id="X"><persName>Big Ex</persName></person>
    </listPerson></particDesc></profileDesc>"""
    page = render(
        tmp_path,
        '<div xml:id="person-x"><head>Day</head><sp who="#x"><p>One.</p></sp><sp who="#X"><p>Two.</p></sp></div>',
        register,
    )
    files = page.index.xpath("//li/a/@href")
    assert sorted(f.split("#")[0].lower() for f in files) == sorted({f.split("#")[0].lower() for f in files})
    assert "person-x.html" not in [f.split("#")[0] for f in files]  # the division has it
    assert words(page.article("x").xpath("h1")[0]) == "Ex" and words(page.article("X").xpath("h1")[0]) == "Big Ex"
