"""The ParlaMint export: a corpus that ParlaMint's own schemas (jing, without XInclude, as
ParlaMint's Makefile runs them) and content checks (validate-parlamint.xsl) accept with 0 errors —
for the showcase, the Congressional Record sample encoded by the toolkit and a ParlaMint sitting
passed through — and that keeps every word, speaker and sitting."""

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
from edition.export.parlamint_header import words
from edition.settings import EncodeSettings
from edition.xmlio import NS, XML_ID

from conftest import ROOT, SAMPLES, SHARED, need_samples

SHOWCASE = ROOT / "tei" / "march-1917.xml"
ES_CT = SAMPLES / "ParlaMint-ES-CT_2015-10-26-0101.xml"
SCHEMAS = SHARED / "schemas" / "parlamint"
JING = Path("/usr/share/java/jing.jar")
CREC_OPTIONS = ExportOptions(
    country="US", corpus_name="American", source_url="https://www.govinfo.gov/app/collection/crec"
)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    """The three corpora, exported once: name → folder."""
    base = tmp_path_factory.mktemp("parlamint")
    out = {"showcase": export(SHOWCASE, "parlamint", base / "showcase")}
    if SAMPLES.exists():
        crec = next(SAMPLES.glob("CREC-*.txt"))
        tei = base / f"{crec.stem}.xml"  # its date is in its name, as the sample's is
        tei.write_bytes(api.encode(EncodeSettings(source=crec)).to_bytes())
        out["crec"] = export(tei, "parlamint", base / "crec", CREC_OPTIONS)
        out["es-ct"] = export(ES_CT, "parlamint", base / "es-ct")
    return out


def parts(folder: Path) -> tuple[Path, list[Path]]:
    """The root file and the component files of a corpus folder."""
    files = sorted(folder.glob("*.xml"))
    return [f for f in files if "_" not in f.name][0], [f for f in files if "_" in f.name]


def jing(schema: str, *files: Path) -> list[str]:
    """jing's errors, run as ParlaMint's README says (`java -jar`, so no XInclude is expanded)."""
    if not JING.exists() or shutil.which("java") is None:
        pytest.skip("jing (/usr/share/java/jing.jar) and java are needed: scripts/setup.sh installs them")
    if not (SCHEMAS / schema).exists():
        pytest.skip(f"{SCHEMAS} is absent: the official ParlaMint schemas live in ../shared/schemas")
    run = subprocess.run(
        ["java", "-jar", str(JING), str(SCHEMAS / schema), *map(str, files)], capture_output=True, text=True
    )
    return [ln for ln in (run.stdout + run.stderr).splitlines() if ln.strip()]


def content_checks(*files: Path) -> list[str]:
    """The messages of ParlaMint's validate-parlamint.xsl (ERROR and WARN), file by file."""
    if not (SCHEMAS / "validate-parlamint.xsl").exists():
        pytest.skip(f"{SCHEMAS} is absent")
    from saxonche import PySaxonProcessor

    messages = []
    with PySaxonProcessor(license=False) as proc:
        proc.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
        exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(SCHEMAS / "validate-parlamint.xsl"))
        for f in files:
            exe.set_save_xsl_message(True)
            exe.transform_to_string(source_file=str(f.resolve()))
            found = exe.get_xsl_messages()
            messages += [
                f"{f.name}: {found.item_at(i).string_value.strip()}"
                for i in range(found.size if found is not None else 0)
            ]
    return messages


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


# --------------------------------------------------------------------------- the official checks


@pytest.mark.slow
@pytest.mark.parametrize("name", ["showcase", "crec", "es-ct"])
def test_the_official_schemas_accept_the_corpus(corpora, name):
    if name not in corpora:
        need_samples()
    root, components = parts(corpora[name])
    assert jing("ParlaMint-teiCorpus.rng", root) == []
    assert jing("ParlaMint-TEI.rng", *components) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["showcase", "crec", "es-ct"])
def test_parlaMints_own_checks_report_nothing(corpora, name):
    if name not in corpora:
        need_samples()
    root, components = parts(corpora[name])
    assert content_checks(root, *components) == []


@pytest.mark.slow
def test_the_checks_do_fail_on_what_ParlaMint_refuses(corpora, tmp_path):
    """The same checks on broken copies: a name inside a seg (schema), a component under a wrong
    file name and a main title out of pattern (content checks)."""
    root, components = parts(corpora["showcase"])
    component = parse(components[0])
    seg = component.find(".//tei:seg", NS)
    etree.SubElement(seg, f"{{{NS['tei']}}}persName").text = "Stalin"
    broken = tmp_path / components[0].name
    broken.write_bytes(etree.tostring(component))
    assert any("persName" in e for e in jing("ParlaMint-TEI.rng", broken))

    renamed = tmp_path / "ParlaMint-XX_1900-01-01.xml"
    shutil.copy(components[0], renamed)
    assert any("does not match filename" in m for m in content_checks(renamed))
    retitled = tmp_path / components[0].name
    text = components[0].read_text(encoding="utf-8")
    retitled.write_text(text.replace("parliamentary corpus", "corpus", 1), encoding="utf-8")
    assert any("Bad main title" in m for m in content_checks(retitled))


# --------------------------------------------------------------------------- the shape of the corpus


def test_one_component_per_sitting_named_by_ParlaMints_rules(corpora):
    root_file, components = parts(corpora["showcase"])
    assert root_file.name == "ParlaMint-XX.xml"
    names = [c.stem for c in components]
    assert names == [
        "ParlaMint-XX_1917-03-29",
        "ParlaMint-XX_1917-03-30-1",
        "ParlaMint-XX_1917-03-30-2",
        "ParlaMint-XX_1917-03-30-3",
        "ParlaMint-XX_1917-03-31",
        "ParlaMint-XX_1917-04-01",
        "ParlaMint-XX_1917-04-02",
        "ParlaMint-XX_1917-04-04",
    ]
    root = parse(root_file)
    assert root.tag == f"{{{NS['tei']}}}teiCorpus" and root.get(XML_ID) == "ParlaMint-XX"
    assert [i.get("href") for i in root.iter("{http://www.w3.org/2001/XInclude}include")] == [f"{n}.xml" for n in names]
    for c in components:
        tei = parse(c)
        assert tei.get(XML_ID) == c.stem and tei.get("ana") == "#parla.sitting #reference"
        date = c.stem.split("_")[1][:10]
        assert tei.xpath("string(.//tei:settingDesc/tei:setting/tei:date/@when)", namespaces=NS) == date
        assert tei.find(".//tei:titleStmt/tei:meeting", NS) is not None
        assert not tei.xpath(
            ".//tei:div//tei:div | .//tei:seg/*[not(self::tei:note or self::tei:kinesic or "
            "self::tei:vocal or self::tei:incident or self::tei:gap or self::tei:pb)]",
            namespaces=NS,
        ), "flat divisions, text-only segments"


@pytest.mark.slow
def test_every_turn_speaker_and_word_is_kept(corpora, tmp_path):
    """Against the one-file u/seg export (the first stage): the same utterances in the same
    order, the same speakers, the same words (segments, notes, headings, descriptions)."""
    spoken = parse(export(SHOWCASE, "parla-clarin", tmp_path / "spoken.xml")).find("tei:text", NS)
    _, components = parts(corpora["showcase"])
    texts = [parse(c).find("tei:text", NS) for c in components]
    said = [u.get("who", "").split()[:1] for u in spoken.iter(f"{{{NS['tei']}}}u")]
    kept = [[u.get("who")] for t in texts for u in t.iter(f"{{{NS['tei']}}}u")]
    assert kept == said and len(kept) == 162

    def letters(el):  # where a note is cut around an event, words may join differently
        return Counter(c for t in el.xpath(".//text()") for c in t if not c.isspace())

    added = Counter({"|": sum(len(r) - 1 for r in spoken.iter(f"{{{NS['tei']}}}row"))})  # cells of a row
    assert sum((letters(t) for t in texts), Counter()) == letters(spoken) + added


def test_the_root_knows_every_speaker_and_category(corpora):
    for name, folder in corpora.items():
        root_file, components = parts(folder)
        root = parse(root_file)
        ids = set(root.xpath("//@xml:id"))
        people = set(root.xpath("//tei:listPerson/tei:person/@xml:id", namespaces=NS))
        for c in components:
            tei = parse(c)
            assert {w[1:] for w in tei.xpath("//tei:u/@who", namespaces=NS)} <= people, name
            pointers = {p[1:] for a in tei.xpath("//@ana", namespaces=NS) for p in a.split()}
            assert pointers <= ids, name


def test_the_register_keeps_names_and_roles(corpora):
    root = parse(parts(corpora["showcase"])[0])
    abolin = root.xpath("//tei:person[@xml:id='abolin']/tei:persName", namespaces=NS)[0]
    assert (abolin.findtext("tei:forename", namespaces=NS), abolin.findtext("tei:surname", namespaces=NS)) == (
        "J.",
        "Abolin",
    )
    texts = [parse(c) for c in parts(corpora["showcase"])[1]]
    ana = Counter(u.get("ana") for t in texts for u in t.iter(f"{{{NS['tei']}}}u"))
    assert set(ana) == {"#chair", "#regular", "#guest"} and ana["#chair"] > 10


def test_the_extent_counts_the_segments(corpora):
    for c in parts(corpora["showcase"])[1]:
        tei = parse(c)
        segs = tei.xpath("//tei:seg", namespaces=NS)
        counted = sum(words(" ".join(s.xpath("text()"))) for s in segs)
        assert tei.xpath("number(//tei:extent/tei:measure[@unit='words']/@quantity)", namespaces=NS) == counted
        assert tei.xpath("number(//tei:extent/tei:measure[@unit='speeches']/@quantity)", namespaces=NS) == len(
            tei.xpath("//tei:u", namespaces=NS)
        )


def test_the_congressional_record_is_dated_by_its_file_name(corpora):
    need_samples()
    root_file, components = parts(corpora["crec"])
    assert root_file.name == "ParlaMint-US.xml" and [c.name for c in components] == ["ParlaMint-US_2005-07-20.xml"]
    tei = parse(components[0])
    assert (
        tei.xpath("string(//tei:title[@type='main'])", namespaces=NS)
        == "American parliamentary corpus ParlaMint-US, 2005-07-20 [ParlaMint]"
    )
    assert len(tei.xpath("//tei:u", namespaces=NS)) == 18


def test_a_ParlaMint_sitting_passes_through(corpora):
    """Its header and text come back as they were, but for the ids on kinesic and incident, which
    the schemas in use do not allow (ParlaMint 4.0 data has them)."""
    need_samples()
    _, components = parts(corpora["es-ct"])
    assert [c.name for c in components] == [ES_CT.name]
    source, result = parse(ES_CT), parse(components[0])
    for el in source.xpath("//tei:kinesic | //tei:incident | //tei:vocal | //tei:gap", namespaces=NS):
        el.attrib.pop(XML_ID, None)
    assert etree.tostring(result, method="c14n2", strip_text=True) == etree.tostring(
        source, method="c14n2", strip_text=True
    )


@pytest.mark.slow
def test_the_same_input_gives_the_same_bytes(corpora, tmp_path):
    again = export(SHOWCASE, "parlamint", tmp_path / "again")
    for f in corpora["showcase"].glob("*.xml"):
        assert (again / f.name).read_bytes() == f.read_bytes()


# --------------------------------------------------------------------------- options and refusals


@pytest.mark.slow
def test_the_cli_writes_a_folder_with_the_options(tmp_path):
    target = tmp_path / "corpus"
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(SHOWCASE),
            "--to",
            "parlamint",
            "-o",
            str(target),
            "--country",
            "RU",
            "--corpus-name",
            "Bolshevik",
        ],
    )
    assert result.exit_code == 0, result.output
    root = parse(target / "ParlaMint-RU.xml")
    assert (
        root.xpath("string(//tei:title[@type='main'])", namespaces=NS)
        == "Bolshevik parliamentary corpus ParlaMint-RU [ParlaMint]"
    )
    assert len(list(target.glob("ParlaMint-RU_*.xml"))) == 8


@pytest.mark.parametrize(
    "args, message",
    [
        (["--country", "Russia"], "not an ISO 3166 code"),
        (["--corpus-name", "A very long name"], "one or two words"),
        (["--source-url", "ftp://x"], "not an http(s) address"),
    ],
)
def test_bad_options_are_refused(tmp_path, args, message):
    result = CliRunner().invoke(main, ["export", str(SHOWCASE), "--to", "parlamint", "-o", str(tmp_path / "c"), *args])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "c").exists()


UNDATED = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
  <titleStmt><title>Small sitting</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><p>Test</p></sourceDesc></fileDesc>{licence}</teiHeader><text><body><div>
  <sp who="#ann"><speaker>ANN:</speaker><p>Order, <hi>order</hi>!</p></sp></div></body></text></TEI>"""


def test_an_undated_document_needs_a_date(tmp_path):
    src = tmp_path / "small.xml"
    src.write_text(UNDATED.format(licence=""), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(src), "--to", "parlamint", "-o", str(tmp_path / "c")])
    assert result.exit_code == 3 and "--sitting-date" in result.output
    result = CliRunner().invoke(
        main, ["export", str(src), "--to", "parlamint", "-o", str(tmp_path / "c"), "--sitting-date", "2021-03-04"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / "ParlaMint-XX_2021-03-04.xml").exists()
    person = parse(tmp_path / "c" / "ParlaMint-XX.xml").xpath("//tei:person[@xml:id='ann']", namespaces=NS)
    assert person and person[0].xpath("string(tei:persName/tei:term)", namespaces=NS) == "ANN"


def test_another_licence_is_not_relicensed(tmp_path):
    src = tmp_path / "2021-03-04.xml"
    src.write_text(
        UNDATED.format(licence="").replace(
            "<p>Test</p></publicationStmt>",
            "<availability><licence>All rights reserved</licence></availability></publicationStmt>",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["export", str(src), "--to", "parlamint", "-o", str(tmp_path / "c")])
    assert result.exit_code == 2 and "CC BY 4.0" in result.output
    assert re.search(r"not CC BY 4\.0", result.output)


def test_a_session_dated_in_its_heading_is_a_sitting(tmp_path):
    """A session without an id (so without a setting in the header) is dated by its heading."""
    corpus = export(ROOT / "tests" / "cases" / "valid" / "minimal.xml", "parlamint", tmp_path / "c")
    assert sorted(p.name for p in corpus.iterdir()) == ["ParlaMint-XX.xml", "ParlaMint-XX_1917-03-29.xml"]
