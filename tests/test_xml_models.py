"""The TEI the toolkit writes names its schemas (xml-model), and a build publishes them beside it."""

from __future__ import annotations

import re

from click.testing import CliRunner
from lxml import etree

import edition
from edition import resources
from edition.cli import main
from edition.errors import XMLInputError
from edition.validate import constraints
from edition.validate.document import Document
from edition.validate.publish import publish, schematron
from edition.validate.schematron import compile_schematron
from edition.xmlio import XML_MODELS, parse_bytes

from conftest import CASES, ROOT

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
PI = re.compile(
    rb'<\?xml-model href="(?P<href>[^"]+)" type="application/xml" '
    rb'schematypens="(?P<ns>[^"]+)"\?>\n'
)


def _models(data: bytes) -> list[tuple[str, str]]:
    head = data[: data.index(b"<TEI")]
    return [(m["href"].decode(), m["ns"].decode()) for m in PI.finditer(head)]


def test_the_models_are_the_rng_and_the_schematron():
    assert XML_MODELS == (("edition.rng", RNG_NS), ("edition.sch", SCH_NS))


def test_encoded_tei_names_its_schemas(tmp_path):
    (tmp_path / "t.txt").write_text("SMITH: We agree.\n\nJONES: We do not.\n")
    result = CliRunner().invoke(main, ["encode", str(tmp_path / "t.txt"), "-o", str(tmp_path / "t.xml")])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "t.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model ')
    assert _models(data) == list(XML_MODELS)
    assert _models(edition.encode("SMITH: Yes.\n").to_bytes()) == list(XML_MODELS)


def test_the_showcase_names_its_schemas_and_they_stand_beside_it():
    data = (ROOT / "tei" / "march-1917.xml").read_bytes()
    assert _models(data) == list(XML_MODELS)
    assert (ROOT / "tei" / "edition.sch").read_bytes() == schematron()
    assert (ROOT / "tei" / "edition.rng").read_bytes() == (ROOT / "schemas" / "edition.rng").read_bytes()


def test_loading_keeps_what_the_prolog_said():
    own = ROOT / "tei" / "march-1917.xml"
    assert edition.load(own).to_bytes() == own.read_bytes()
    foreign = edition.load(CASES / "valid" / "minimal.xml").to_bytes()
    assert b"xml-model" not in foreign


def test_build_publishes_the_schemas_beside_the_tei(tmp_path):
    (tmp_path / "t.txt").write_text("SESSION OF MARCH 29, 1917\n\nSMITH: We agree.\n\nJONES: We do not.\n")
    (tmp_path / "edition.toml").write_text('[edition]\nid = "t"\nsource = "t.txt"\noutput = "out/t.xml"\n')
    result = CliRunner().invoke(main, ["build", "-c", str(tmp_path / "edition.toml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "edition.sch").read_bytes() == schematron()
    assert (tmp_path / "out" / "edition.rng").read_bytes() == resources.schema_file("edition.rng").read_bytes()
    assert "edition.sch: a schema the TEI names" in result.output
    assert "edition.rng: a schema the TEI names" in result.output


def test_the_published_schematron_is_the_odds(tmp_path):
    """Run from the published file, the rules find what they find run from the ODD."""
    published = compile_schematron(schematron(), name="edition.sch")
    for path in sorted((CASES / "invalid").glob("*.xml")):
        try:
            tree = parse_bytes(path.read_bytes())
        except XMLInputError:
            continue  # the catalogue's unreadable cases
        doc = Document(path.name, path.read_bytes(), tree)
        assert constraints.check(doc, published) == constraints.check(doc), path.name
    assert etree.fromstring(schematron()).tag == f"{{{SCH_NS}}}schema"


def test_the_rng_is_published_when_the_installation_has_it(tmp_path, monkeypatch):
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "edition.odd").write_bytes(resources.schema_file("edition.odd").read_bytes())
    (schemas / "edition.rng").write_bytes(b'<grammar xmlns="http://relaxng.org/ns/structure/1.0"/>\n')
    monkeypatch.setattr(resources, "data_dir", lambda name: schemas)
    out = tmp_path / "out"
    out.mkdir()
    assert sorted(p.name for p in publish(out)) == ["edition.rng", "edition.sch"]
    assert (out / "edition.rng").read_bytes() == (schemas / "edition.rng").read_bytes()
    before = (out / "edition.sch").stat().st_mtime_ns
    publish(out)  # up to date: not written again
    assert (out / "edition.sch").stat().st_mtime_ns == before
