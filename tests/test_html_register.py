"""The people page as a register: readable roles, life dates, authority identifiers linked, turns
by session and date, mentions, voices apart from persons, and foreign TEI (DraCor, ParlaMint)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

from edition.render.html import render_html
from edition.xmlio import NS

from conftest import ROOT, SAMPLES, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> lhtml.HtmlElement:
    folder = tmp_path_factory.mktemp("register") / "html"
    render_html(SHOWCASE, folder)
    return lhtml.parse(str(folder / "people.html")).getroot()


def words(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def test_turns_are_listed_by_session_and_date_with_their_opening_words(people):
    tei = etree.parse(str(SHOWCASE))
    stalin = people.xpath("//article[@id='stalin']")[0]
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
    stalin = people.xpath("//article[@id='stalin']")[0]
    mentions = stalin.xpath(".//details[contains(@class, 'mentions')]//ol[@class='turns']/li/a")
    assert named and len(mentions) == len(named)


def test_roles_are_words_and_voices_stand_apart(people):
    akimov = words(people.xpath("//article[@id='akimov']/p[@class='roles']")[0])
    assert akimov.startswith("delegate, delegate to the Soviet conference")
    assert "soviet-delegate" not in akimov and "delegate soviet delegate" not in words(people)
    persons = people.xpath("//section[contains(@class, 'register-persons')]//article/@id")
    voices = people.xpath("//section[contains(@class, 'register-voices')]//article/@id")
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


def render(tmp_path: Path, body: str, header_extra: str = REGISTER) -> lhtml.HtmlElement:
    tei = tmp_path / "doc.xml"
    tei.write_text(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
      <titleStmt><title>Fragment</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
      <sourceDesc><p>Test</p></sourceDesc></fileDesc>{header_extra}</teiHeader>
      <text><body>{body}</body></text></TEI>""",
        encoding="utf-8",
    )
    render_html(tei, tmp_path / "site")
    return lhtml.parse(str(tmp_path / "site" / "people.html")).getroot()


def test_life_dates_and_authority_identifiers_are_linked(tmp_path):
    page = render(
        tmp_path,
        '<div><head>Day one</head><sp who="#lenin"><speaker>LENIN:</speaker><p>Comrades.</p></sp>'
        '<sp who="#voices"><p>Hear!</p></sp></div>',
    )
    lenin = page.xpath("//article[@id='lenin']")[0]
    assert words(lenin.xpath("h3")[0]) == "Vladimir Lenin (1870–1924)"
    assert words(lenin.xpath("p[@class='roles']")[0]) == "chair"
    hrefs = lenin.xpath("p[@class='authority']/a/@href")
    assert hrefs == [
        "https://www.wikidata.org/wiki/Q1394",
        "https://viaf.org/viaf/101787139",
        "https://d-nb.info/gnd/118640445",
    ]
    assert "javascript:" not in "".join(page.xpath("//a/@href"))
    assert words(page.xpath("//article[@id='b']/h3")[0]) == "Bob Baker (born 1941)"
    assert page.xpath("//section[contains(@class, 'register-voices')]//article/@id") == ["voices"]


def test_dracor_characters_of_one_name_are_told_apart(tmp_path):
    need_samples()
    render_html(SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml", tmp_path / "site")
    page = lhtml.parse(str(tmp_path / "site" / "people.html")).getroot()
    names = [words(h) for h in page.xpath("//article/h3")]
    assert len(names) == len(set(names)) == 29
    assert "Голоса в толпе" in [words(h) for h in page.xpath("//section[contains(@class, 'register-voices')]//h3")]


def test_parlamint_speakers_without_register_are_named_not_shown_as_ids(tmp_path):
    need_samples()
    render_html(SAMPLES / "ParlaMint-ES-CT_2015-10-26-0101.xml", tmp_path / "site")
    page = lhtml.parse(str(tmp_path / "site" / "people.html")).getroot()
    names = [words(h) for h in page.xpath("//article/h3")]
    assert "Bayona Antoni" in names and "De Jòdar Julià" in names and "BayonaAntoni" not in names
    assert page.xpath("//article[h3='De Jòdar Julià']//time/@datetime")[0] == "2015-10-26"


def test_a_site_url_that_is_not_a_web_address_is_refused(tmp_path):
    from click.testing import CliRunner

    from edition.cli import main

    result = CliRunner().invoke(
        main, ["html", str(SHOWCASE), "-o", str(tmp_path / "site"), "--site-url", "javascript:alert(1)"]
    )
    assert result.exit_code == 2 and "is not a web address" in result.output
    assert not (tmp_path / "site").exists()
