"""The ParlaMint-style export: valid TEI P5, a round trip that keeps every turn, speaker, paragraph
and word, the mapping of stage directions, the speakers' roles, TEI others wrote, bad inputs."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.export import ExportOptions, export
from edition.xmlio import NS, XML_ID

from conftest import ROOT, SAMPLES, jing_errors, need_samples
from support.cli import refused_export
from support.words import words

SHOWCASE = ROOT / "tei" / "march-1917.xml"
PARLAMINT = SAMPLES / "ParlaMint-ES-CT_2015-10-26-0101.xml"
DRACOR = SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml"
EXEMPLAR = SAMPLES / "Parla-CLARIN-Exemplar.xml"

#: A small document with what the showcase lacks: a chair named in a persName, markup the
#: export unwraps, an item holding its own words and a nested list, a laughing audience, a
#: document read out that holds a turn of its own.
SMALL = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
  <titleStmt><title>Small sitting</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><p>Test</p></sourceDesc></fileDesc><profileDesc><particDesc><listPerson>
  <person xml:id="ann"><persName>Ann</persName></person><person xml:id="bob"><persName>Bob</persName></person>
  </listPerson></particDesc></profileDesc></teiHeader><text><body>
  <div type="sitting"><head>Sitting of <date when="1920-01-02">2 January</date></head>
  <p>In the chair: <persName ref="#ann" role="chair">Ann</persName>.</p>
  <sp who="#ann"><speaker>ANN:</speaker><p>Order, <hi rend="bold">order</hi>! <stage>(Laughter)</stage></p></sp>
  <sp who="#bob"><speaker>BOB:</speaker><p>Two points:</p><list><item>first, and
  <list><item>a sub-point</item></list></item><item>second.</item></list>
  <floatingText><body><sp><speaker>CLERK:</speaker><p>Read it.</p></sp></body></floatingText></sp>
  </div></body></text></TEI>"""


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> dict[str, Path]:
    """Every document the tests read, exported once."""
    folder = tmp_path_factory.mktemp("parla-clarin")
    small = folder / "small.xml"
    small.write_text(SMALL, encoding="utf-8")
    sources = {"showcase": SHOWCASE, "small": small}
    if SAMPLES.exists():
        sources.update(parlamint=PARLAMINT, dracor=DRACOR)
    results = {}
    for name, source in sources.items():
        results[name] = export(source, "parla-clarin", folder / f"{name}.parlamint.xml")
    return results


# --------------------------------------------------------------------------- reading both sides

#: In a turn, what the speaker did not say: the label, notes, events, lacunae, printed errors.
NOT_SAID = {
    f"{{{NS['tei']}}}{t}" for t in ("speaker", "note", "stage", "gap", "kinesic", "vocal", "incident", "desc", "fw")
}
PRINTED = {f"{{{NS['tei']}}}{t}" for t in ("sic", "orig", "abbr")}


def unsaid(el: etree._Element) -> bool:
    return (
        el.tag in NOT_SAID
        or (el.tag in PRINTED and el.getparent().tag == f"{{{NS['tei']}}}choice")
        or (el.tag == f"{{{NS['tei']}}}q" and el.get("type") == "interjection" and el.get("who"))
    )


def counts_of_edition(tree) -> dict:
    turns = tree.xpath("//tei:text//tei:sp", namespaces=NS)
    return {
        "turns": len(turns),
        "speakers": {w for sp in turns for w in sp.get("who", "").split()},
        "paragraphs": sum(
            len(
                sp.xpath(".//tei:p | .//tei:ab | .//tei:item | .//tei:l | .//tei:floatingText//tei:head", namespaces=NS)
            )
            for sp in turns
        ),
        "words": [words(sp, unsaid) for sp in turns],
    }


def counts_of_parlamint(tree) -> dict:
    turns = tree.xpath("//tei:text//tei:u", namespaces=NS)
    return {
        "turns": len(turns),
        "speakers": {w for u in turns for w in u.get("who", "").split()},
        "paragraphs": len(tree.xpath("//tei:u/tei:seg", namespaces=NS)),
        "words": [words(u, lambda el: el.tag in NOT_SAID) for u in turns],
    }


# --------------------------------------------------------------------------- validity


@pytest.mark.slow
def test_every_export_is_valid_tei_p5(out):
    assert jing_errors(*out.values()) == []


def test_the_same_input_gives_the_same_bytes(out, tmp_path):
    again = export(SHOWCASE, "parla-clarin", tmp_path / "again.xml")
    assert again.read_bytes() == out["showcase"].read_bytes()


# --------------------------------------------------------------------------- the round trip


def test_round_trip_keeps_turns_speakers_paragraphs_and_words(out):
    edition, parlamint = counts_of_edition(parse(SHOWCASE)), counts_of_parlamint(parse(out["showcase"]))
    assert parlamint["turns"] == edition["turns"] == 162
    assert parlamint["speakers"] == edition["speakers"]
    assert parlamint["paragraphs"] == edition["paragraphs"]
    for n, (said, kept) in enumerate(zip(edition["words"], parlamint["words"], strict=True), 1):
        assert kept == said, f"turn {n}"
    assert sum(map(len, parlamint["words"])) > 15_000


def test_no_word_is_lost_or_invented_anywhere(out):
    """Outside turns too: narration, documents, votes, labels, events and lacunae keep their
    words (page furniture and the title page, left out by design, excepted)."""

    def edition_skip(el):
        return el.tag in {f"{{{NS['tei']}}}fw", f"{{{NS['tei']}}}titlePage"} or (
            el.tag in PRINTED and el.getparent().tag == f"{{{NS['tei']}}}choice"
        )

    source = parse(SHOWCASE).find("tei:text", NS)
    result = parse(out["showcase"]).find("tei:text", NS)
    assert Counter(words(result, lambda el: False)) == Counter(words(source, edition_skip))


def test_corrections_keep_the_reading_only(out):
    text = "".join(parse(out["showcase"]).find("tei:text", NS).itertext())
    assert "mobilizes" in text and "mobi!izes" not in text
    assert not parse(out["showcase"]).xpath("//tei:text//tei:choice | //tei:text//tei:sic", namespaces=NS)


def test_the_header_counts_and_describes(out):
    tree = parse(out["showcase"])
    header = tree.find("tei:teiHeader", NS)
    speeches = header.find(".//tei:extent/tei:measure[@unit='speeches']", NS)
    assert int(speeches.get("quantity")) == len(tree.xpath("//tei:u", namespaces=NS))
    segs = tree.xpath("//tei:u/tei:seg", namespaces=NS)
    seg_words = sum(xpath_words("".join(seg_text(s))) for s in segs)
    assert int(header.find(".//tei:extent/tei:measure[@unit='words']", NS).get("quantity")) == seg_words
    usage = {t.get("gi"): int(t.get("occurs")) for t in header.iterfind(".//tei:tagUsage", NS)}
    assert usage["u"] == 162 and usage["seg"] == len(segs)
    decl = "".join(header.find("tei:encodingDesc/tei:editorialDecl", NS).itertext())
    assert "kinesic" in decl and "corrected reading" in decl
    assert tree.getroot().get(XML_ID) == "march-1917"


def xpath_words(text: str) -> int:
    """Words as the stylesheets count them (xslt/common/functions.xsl, ed:words): tokens between
    XML whitespace that hold a character other than punctuation, separator or control."""
    return sum(
        1 for token in re.split(r"[ \t\n\r]+", text) if any(unicodedata.category(c)[0] not in "PZC" for c in token)
    )


def seg_text(seg: etree._Element) -> list[str]:
    """The text of a seg as the header's word count reads it (notes and events left out)."""
    return [
        t
        for t in seg.xpath(".//text()[not(ancestor::tei:note | ancestor::tei:desc | ancestor::tei:gap)]", namespaces=NS)
    ]


def test_people_and_sessions_are_in_the_header(out):
    tree = parse(out["showcase"])
    people = set(tree.xpath("//tei:particDesc/tei:listPerson/tei:person/@xml:id", namespaces=NS))
    who = {w[1:] for w in tree.xpath("//tei:u/@who", namespaces=NS) for w in w.split()}
    assert who and who <= people
    settings = {
        s.get("corresp"): s.find("tei:date", NS).get("when")
        for s in tree.iterfind(".//tei:settingDesc/tei:setting", NS)
    }
    for div in parse(SHOWCASE).iterfind(".//tei:body//tei:div[@type='session']", NS):
        assert settings[f"#{div.get(XML_ID)}"] == div.find(".//tei:date", NS).get("when")
    sessions = tree.xpath("//tei:body//tei:div[@subtype='session']", namespaces=NS)
    assert len(sessions) == 8 and {d.get("type") for d in sessions} == {"debateSection"}


# --------------------------------------------------------------------------- events and roles


def event(tree, kind: str, desc: str) -> etree._Element:
    found = tree.xpath(f"//tei:{kind}[normalize-space(tei:desc) = $d]", namespaces=NS, d=desc)
    assert found, f"no <{kind}> with desc {desc!r}"
    return found[0]


def test_stage_directions_become_kinesic_vocal_or_incident(out):
    tree = parse(out["showcase"])
    applause = event(tree, "kinesic", "Applause")
    assert applause.get("type") == "applause" and applause.get("subtype") == "event"
    assert not (applause.getprevious() is None and (applause.getparent().text or "").rstrip().endswith("["))
    assert not (applause.tail or "").lstrip().startswith("]"), "the printed brackets are left out"
    assert event(tree, "vocal", "Commotion in the hall. Shouts.").get("type") == "shouting"
    interjection = event(tree, "vocal", "KAMENEV:\u00a0Against!")
    assert (interjection.get("type"), interjection.get("who")) == ("interruption", "#kamenev")
    assert event(tree, "incident", "Special announcement.").get("type") == "action"
    vote = tree.xpath("//tei:note[@type='vote'][tei:measure[@quantity='38']]", namespaces=NS)
    assert vote and vote[0].xpath("string(tei:measure[@subtype='against']/@quantity)", namespaces=NS) == "26"
    assert not tree.xpath("//tei:text//tei:stage", namespaces=NS)
    source = parse(SHOWCASE)
    events = source.xpath(
        "//tei:text//tei:stage[not(@type='vote')][not(tei:stage)] | //tei:text//tei:q[@type='interjection'][@who]",
        namespaces=NS,
    )
    assert len(events) == len(tree.xpath("//tei:kinesic | //tei:vocal | //tei:incident", namespaces=NS))


def test_turns_carry_the_speakers_role(out):
    tree = parse(out["showcase"])
    roles: dict[tuple[str, bool], set[str]] = {}
    for u in tree.iterfind(".//tei:u", NS):
        joint = bool(u.xpath("ancestor::tei:div[@xml:id='session-1917-03-30-2']", namespaces=NS))
        roles.setdefault((u.get("who"), joint), set()).add(u.get("ana", "").split()[0])
    assert roles[("#nogin", False)] == {"#chair"}, "Nogin chairs the sessions of his party"
    assert roles[("#nogin", True)] == {"#regular"}, "... but not the joint session"
    assert roles[("#khinchuk", True)] == {"#chair"}, "whom the joint session labels CHAIRMAN"
    assert roles[("#stalin", False)] == {"#regular"}
    assert set().union(*roles.values()) == {"#chair", "#regular", "#guest"}
    ids = set(tree.xpath("//@xml:id"))
    pointers = {p[1:] for a in tree.xpath("//tei:u/@ana", namespaces=NS) for p in a.split()}
    assert pointers <= ids, "every role and analysis points at a category"


def test_small_document(out):
    tree = parse(out["small"])
    ann, bob = tree.xpath("//tei:u", namespaces=NS)
    assert ann.get("ana") == "#chair" and bob.get("ana") == "#regular"
    assert [said(s) for s in ann.iterfind("tei:seg", NS)] == ["Order, order!"]
    assert ann.find("tei:seg/tei:vocal", NS).get("type") == "laughter"
    assert [said(s) for s in bob.iterfind("tei:seg", NS)] == [
        "Two points:",
        "first, and",
        "a sub-point",
        "second.",
        "CLERK:",
        "Read it.",
    ]
    assert tree.xpath("string(//tei:setting/tei:date/@when)", namespaces=NS) == "1920-01-02"
    note = tree.find(".//tei:div/tei:note", NS)
    assert note.get("type") == "narrative" and normalize(note) == "In the chair: Ann."


def normalize(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def said(seg: etree._Element) -> str:
    return " ".join("".join(seg.xpath(".//text()[not(ancestor::tei:desc)]", namespaces=NS)).split())


# --------------------------------------------------------------------------- TEI others wrote


def test_parlamint_comes_back_as_it_was(out):
    """A ParlaMint sitting goes through unchanged: its u, seg, notes and events, ids included."""
    need_samples()

    def canonical(path):
        text = copy.deepcopy(parse(path).find("tei:text", NS))
        return etree.tostring(etree.ElementTree(text), method="c14n2", strip_text=True)

    assert canonical(out["parlamint"]) == canonical(PARLAMINT)


def test_a_play_gets_no_invented_roles(out):
    need_samples()
    tree = parse(out["dracor"])
    edition, parlamint = counts_of_edition(parse(DRACOR)), counts_of_parlamint(tree)
    assert parlamint["turns"] == edition["turns"] > 200
    assert parlamint["speakers"] == edition["speakers"]
    assert not tree.xpath("//tei:u[@ana]", namespaces=NS), "a play says nothing of chairs"


# --------------------------------------------------------------------------- bad inputs

BAD = {
    "malformed.xml": (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "malformed XML"),
    "not-tei.xml": (b"<html><body><p>Hello</p></body></html>", "not a TEI document"),
    "no-body.xml": (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></TEI>", "nothing to export"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path, name):
    data, message = BAD[name]
    src = tmp_path / name
    src.write_bytes(data)
    assert message in refused_export(src, "parla-clarin", tmp_path / "out.xml")


def test_a_tei_corpus_is_refused(tmp_path):
    need_samples()
    target = tmp_path / "out.xml"
    result = CliRunner().invoke(main, ["export", str(EXEMPLAR), "--to", "parla-clarin", "-o", str(target)])
    assert result.exit_code == 3 and "teiCorpus" in result.output
    assert not target.exists()


def test_the_view_option_changes_nothing(out, tmp_path):
    diplomatic = export(SHOWCASE, "parla-clarin", tmp_path / "d.xml", ExportOptions(view="diplomatic"))
    assert diplomatic.read_bytes() == out["showcase"].read_bytes()
