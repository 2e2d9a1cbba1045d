"""The DraCor export: plays that DraCor's own RELAX NG and Schematron (compiled from its ODD, in
../shared/schemas/dracor/) accept with 0 errors — Shaw's Arms and the Man encoded by the toolkit
from the Gutenberg text, the other plays of the samples, and a DraCor play round-tripped — with
the shape DraCor reads (castList, acts as div, stage outside p) and no word lost."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition import api
from edition.cli import main
from edition.export import ExportOptions, export
from edition.settings import EncodeSettings, Metadata
from edition.xmlio import NS, XML_ID

from conftest import SAMPLES, SHARED, need_samples

SCHEMAS = SHARED / "schemas" / "dracor"
TRANSCRIPTS = SAMPLES / "transcripts"
SHAW = TRANSCRIPTS / "play-inline-caps-labels_shaw-arms-and-the-man.txt"
BLOK = SAMPLES / "dracor-rus_blok-korol-na-ploschadi.xml"
SHAW_METADATA = Metadata(
    title="Arms and the Man",
    author="George Bernard Shaw",
    source_bibl="George Bernard Shaw, Arms and the Man: A Pleasant Play (1894); Project Gutenberg EBook #3618",
    source_url="https://www.gutenberg.org/ebooks/3618",
)
T = f"{{{NS['tei']}}}"


def encode(source: Path, folder: Path, metadata: Metadata = Metadata()) -> Path:
    out = folder / f"{source.stem}.xml"
    out.write_bytes(api.encode(EncodeSettings(source=source, metadata=metadata)).to_bytes())
    return out


@pytest.fixture(scope="module")
def plays(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name → (the TEI given, its DraCor export)."""
    need_samples()
    base = tmp_path_factory.mktemp("dracor")
    shaw = encode(SHAW, base, SHAW_METADATA)
    return {
        "shaw": (shaw, export(shaw, "dracor", base / "shaw.dracor.xml")),
        "blok": (BLOK, export(BLOK, "dracor", base / "blok.dracor.xml")),
    }


def rng_errors(*files: Path) -> list[str]:
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (scripts/setup.sh installs it)")
    if not (SCHEMAS / "dracor.rng").exists():
        pytest.skip(f"{SCHEMAS} is absent: DraCor's schema lives in ../shared/schemas/dracor")
    run = subprocess.run(["jing", str(SCHEMAS / "dracor.rng"), *map(str, files)], capture_output=True, text=True)
    return [ln for ln in (run.stdout + run.stderr).splitlines() if ": error:" in ln]


def schematron(*files: Path) -> list[tuple[str, str]]:
    """(role, text) of every failed assert and successful report of DraCor's Schematron (SVRL)."""
    if not (SCHEMAS / "dracor-schematron.xsl").exists():
        pytest.skip(f"{SCHEMAS} is absent")
    from saxonche import PySaxonProcessor

    svrl = "{http://purl.oclc.org/dsdl/svrl}"
    found = []
    with PySaxonProcessor(license=False) as proc:
        proc.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
        exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(SCHEMAS / "dracor-schematron.xsl"))
        for f in files:
            report = etree.fromstring(exe.transform_to_string(source_file=str(f.resolve())).encode("utf-8"))
            role = None
            for el in report:
                if el.tag == f"{svrl}fired-rule":
                    role = el.get("role")
                elif el.tag in (f"{svrl}failed-assert", f"{svrl}successful-report"):
                    found.append((el.get("role") or role or "error", " ".join("".join(el.itertext()).split())))
    return found


def errors(messages: list[tuple[str, str]]) -> list[str]:
    """What DraCor counts as an error: a message whose role is not a warning or information."""
    return [text for role, text in messages if role not in ("warning", "info", "information", "nonfatal")]


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


# --------------------------------------------------------------------------- DraCor's own checks


@pytest.mark.slow
def test_dracors_schema_and_schematron_accept_both_plays(plays):
    exports = [out for _, out in plays.values()]
    assert rng_errors(*exports) == []
    assert errors(schematron(*exports)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["play-label-own-line_pinero-mind-the-paint-girl", "play-underscore-italic-labels_gay-beggars-opera"]
)
def test_the_other_plays_of_the_samples_are_accepted_too(tmp_path, name):
    need_samples()
    out = export(encode(TRANSCRIPTS / f"{name}.txt", tmp_path), "dracor", tmp_path / "play.dracor.xml")
    assert rng_errors(out) == []
    assert errors(schematron(out)) == []


@pytest.mark.slow
def test_the_checks_fail_on_what_dracor_refuses(plays, tmp_path):
    """The toolkit's own TEI of the play is refused (no original source; fw outside DraCor's
    subset), and so is the export with its original source taken out."""
    shaw, out = plays["shaw"]
    assert any("originalSource" in t for t in errors(schematron(shaw)))
    assert any('"fw" not allowed' in e for e in rng_errors(shaw))
    tree = etree.parse(str(out))
    for bibl in tree.xpath("//tei:bibl[@type='originalSource']", namespaces=NS):
        bibl.getparent().remove(bibl)
    broken = tmp_path / "broken.xml"
    tree.write(str(broken))
    assert any("originalSource" in t for t in errors(schematron(broken)))


# --------------------------------------------------------------------------- the shape DraCor reads


def test_the_play_has_what_dracor_reads(plays):
    tei = parse(plays["shaw"][1])
    assert re.match(r"^[a-z]+[0-9]{6}$", tei.get(XML_ID)) and tei.get("type") == "dracor"
    assert tei.xpath("string(//tei:sourceDesc/tei:bibl[@type='originalSource'])", namespaces=NS).startswith(
        "George Bernard Shaw, Arms and the Man"
    )
    assert tei.xpath("//tei:sourceDesc/tei:bibl[@type='digitalSource']/tei:ref/@target", namespaces=NS) == [
        "https://www.gutenberg.org/ebooks/3618"
    ]
    cast = tei.xpath("//tei:front/tei:castList/tei:castItem/tei:role/@corresp", namespaces=NS)
    people = tei.xpath("//tei:particDesc//tei:person/@xml:id", namespaces=NS)
    assert cast == [f"#{p}" for p in people] and "#bluntschli" in cast
    assert {w for w in tei.xpath("//tei:sp/@who", namespaces=NS)} <= set(cast)
    assert [d.get("type") for d in tei.iterfind(".//tei:body/tei:div", NS)] == ["act"] * 3
    assert not tei.xpath("//tei:p//tei:stage | //tei:sp//tei:lb | //tei:fw", namespaces=NS)


def test_directions_leave_the_speeches(plays):
    tei = parse(plays["shaw"][1])
    first = tei.find(".//tei:sp", NS)
    assert [(etree.QName(c).localname, " ".join("".join(c.itertext()).split())) for c in first][:4] == [
        ("speaker", "CATHERINE."),
        ("stage", "(entering hastily, full of good news)"),
        ("p", "Raina--"),
        ("stage", "(she pronounces it Rah-eena, with the stress on the ee)"),
    ]
    setting = tei.find(".//tei:body/tei:div/tei:stage", NS)
    assert setting.text.startswith("Night. A lady's bedchamber in Bulgaria")


def test_no_word_of_the_play_is_lost(plays):
    """Every character of the body comes back (labels, speeches and directions, cut differently)."""
    shaw, out = plays["shaw"]

    def letters(body, skip):
        return Counter(
            c for t in body.xpath(".//text()[not(ancestor::tei:fw)]", namespaces=NS) for c in t if not c.isspace()
        )

    assert letters(parse(out).find("tei:text/tei:body", NS), "") == letters(
        parse(shaw).find("tei:text/tei:body", NS), ""
    )
    assert len(parse(out).findall(".//tei:sp", NS)) == len(parse(shaw).findall(".//tei:sp", NS)) == 748


def test_a_dracor_play_comes_back_as_it_was(plays):
    source, out = plays["blok"]
    result = parse(out)
    assert result.attrib.pop("type") == "dracor"
    assert etree.tostring(result, method="c14n2") == etree.tostring(parse(source), method="c14n2")
    assert out.read_text(encoding="utf-8").count("<?xml-model") == 1, "the prolog's xml-model is kept"


def test_the_register_gives_sex_in_dracors_values(tmp_path):
    src = tmp_path / "play.xml"
    src.write_text(PLAY, encoding="utf-8")
    tei = parse(export(src, "dracor", tmp_path / "out.xml", ExportOptions(play_id="test000001")))
    assert tei.get(XML_ID) == "test000001"
    assert {p.get(XML_ID): p.get("sex") for p in tei.iter(f"{T}person")} == {"ann": "FEMALE", "bob": "MALE", "cy": None}
    assert not tei.xpath("//tei:person/tei:sex", namespaces=NS)
    assert tei.xpath("string(//tei:bibl[@type='originalSource']/tei:title)", namespaces=NS) == "Small play"


PLAY = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
  <titleStmt><title>Small play</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><p>Test</p></sourceDesc></fileDesc><profileDesc><particDesc><listPerson>
  <person xml:id="ann"><persName>Ann</persName><sex value="f"/></person>
  <person xml:id="bob" sex="male"><persName>Bob</persName></person><person xml:id="cy"><persName>Cy</persName></person>
  </listPerson></particDesc></profileDesc></teiHeader><text><body><div type="act"><head>ACT I</head>
  <sp who="#ann"><speaker>ANN.</speaker><p>Hello <supplied>there</supplied>.</p></sp></div></body></text></TEI>"""


def test_what_is_not_a_play_is_refused(tmp_path):
    src = tmp_path / "prose.xml"
    src.write_text(
        PLAY.replace(
            '<sp who="#ann"><speaker>ANN.</speaker><p>Hello <supplied>there</supplied>.</p></sp>', "<p>Prose.</p>"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["export", str(src), "--to", "dracor", "-o", str(tmp_path / "out.xml")])
    assert result.exit_code == 3 and "not a play" in result.output
    assert not (tmp_path / "out.xml").exists()
    result = CliRunner().invoke(
        main, ["export", str(src).replace("prose", "x"), "--to", "dracor", "-o", str(tmp_path / "out.xml")]
    )
    assert result.exit_code == 3


def test_a_bad_play_id_is_refused(tmp_path):
    src = tmp_path / "play.xml"
    src.write_text(PLAY, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["export", str(src), "--to", "dracor", "-o", str(tmp_path / "out.xml"), "--play-id", "1 two"]
    )
    assert result.exit_code == 2 and "--play-id" in result.output
