"""The ODD compiler, feature by feature: small customisations of the bundled TEI P5, compiled and
held to documents they must accept and reject (lxml's RELAX NG validator is enough for schemas this
small), chained ODDs, Schematron extraction, errors, the CLI and the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.errors import OddError
from edition.odd import cached, compile_odd, write

TEI = "http://www.tei-c.org/ns/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"

MINI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:rng="http://relaxng.org/ns/structure/1.0"
     xmlns:sch="http://purl.oclc.org/dsdl/schematron">
<teiHeader><fileDesc><titleStmt><title>a customisation</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>born digital</p></sourceDesc></fileDesc></teiHeader>
<text><body><schemaSpec ident="mini" start="TEI" {attrs}>
  <moduleRef key="tei"/>
  <moduleRef key="core" include="p head title list item label hi"/>
  <moduleRef key="header" include="teiHeader fileDesc titleStmt publicationStmt sourceDesc"/>
  <moduleRef key="textstructure" include="TEI text body div"/>
  {specs}
</schemaSpec></body></text></TEI>"""

DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text></TEI>"""


def odd(tmp_path: Path, specs: str = "", attrs: str = "", name: str = "mini.odd") -> Path:
    path = tmp_path / name
    path.write_text(MINI.format(specs=specs, attrs=attrs), encoding="utf-8")
    return path


def schema(path: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.fromstring(compile_odd(path).rng))


def valid(rng: etree.RelaxNG, body: str) -> bool:
    return rng.validate(etree.fromstring(DOC.format(body=body)))


def test_modules_include_what_they_name(tmp_path):
    rng = schema(odd(tmp_path))
    assert valid(rng, "<div><head>h</head><p>a <hi>b</hi></p><list><item>i</item></list></div>")
    assert not valid(rng, "<p>a <name>left out</name></p>")  # core, not included
    assert not valid(rng, "<sp><p>drama is not in the schema</p></sp>")


def test_module_except_leaves_out_what_it_names(tmp_path):
    path = tmp_path / "except.odd"
    path.write_text(
        MINI.format(specs="", attrs="").replace(
            '<moduleRef key="core" include="p head title list item label hi"/>',
            '<moduleRef key="core" except="hi list"/>',
        ),
        encoding="utf-8",
    )
    rng = schema(path)
    assert valid(rng, "<p>a <name>in core</name> <emph>too</emph></p>")
    assert not valid(rng, "<p>a <hi>excepted</hi></p>")


def test_element_added_with_a_pure_odd_content_model(tmp_path):
    specs = """<elementSpec ident="vote" mode="add" ns="http://www.tei-c.org/ns/1.0">
      <classes><memberOf key="model.pLike"/><memberOf key="att.global"/></classes>
      <content><sequence>
        <elementRef key="head" minOccurs="0"/>
        <alternate minOccurs="1" maxOccurs="unbounded"><elementRef key="p"/><elementRef key="list"/></alternate>
        <elementRef key="label" minOccurs="2" maxOccurs="3"/>
      </sequence></content>
      <attList><attDef ident="result" usage="req"><valList type="closed">
        <valItem ident="carried"/><valItem ident="lost"/></valList></attDef></attList>
    </elementSpec>"""
    rng = schema(odd(tmp_path, specs))
    ok = '<vote result="carried" xml:id="v1"><head>h</head><p>x</p><label>a</label><label>b</label></vote>'
    assert valid(rng, ok)
    assert valid(rng, ok.replace("<label>b</label>", "<label>b</label><label>c</label>"))
    assert not valid(rng, ok.replace("<label>b</label>", "<label>b</label><label>c</label><label>d</label>"))
    assert not valid(rng, ok.replace("<label>b</label>", ""))  # fewer than minOccurs
    assert not valid(rng, ok.replace('result="carried"', 'result="maybe"'))  # closed list
    assert not valid(rng, ok.replace(' result="carried"', ""))  # required
    assert not valid(rng, ok.replace("<p>x</p>", ""))  # alternate min 1


def test_change_deletes_an_attribute_and_closes_a_value_list(tmp_path):
    specs = """<elementSpec ident="div" mode="change"><attList>
        <attDef ident="type" mode="change"><valList type="closed" mode="replace">
          <valItem ident="session"/></valList></attDef>
        <attDef ident="n" mode="delete"/>
      </attList></elementSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert valid(rng, '<div type="session"><p>x</p></div>')
    assert not valid(rng, '<div type="chapter"><p>x</p></div>')
    assert not valid(rng, '<div n="1"><p>x</p></div>')
    assert valid(rng, '<p n="1">n is deleted on div only</p>')


def test_class_change_removes_an_attribute_everywhere(tmp_path):
    specs = """<classSpec ident="att.global" type="atts" mode="change"><attList>
        <attDef ident="n" mode="delete"/></attList></classSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert not valid(rng, '<p n="1">x</p>')
    assert valid(rng, '<p xml:id="p1">x</p>')


def test_class_membership_deleted_and_added(tmp_path):
    specs = """<elementSpec ident="list" mode="change"><classes mode="change">
        <memberOf key="model.listLike" mode="delete"/></classes></elementSpec>
      <elementSpec ident="hi" mode="change"><classes mode="change">
        <memberOf key="model.pLike" mode="add"/></classes></elementSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert not valid(rng, "<div><list><item>i</item></list></div>")
    assert valid(rng, "<div><hi>now a paragraph-like element</hi></div>")


def test_element_deleted_and_a_class_attribute_given_a_semi_open_value_list(tmp_path):
    specs = """<elementSpec ident="label" mode="delete"/>
      <elementSpec ident="hi" mode="change"><attList><attDef ident="rend" mode="change">
        <datatype><dataRef key="teidata.enumerated"/></datatype>
        <valList type="semi"><valItem ident="bold"/></valList></attDef></attList></elementSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert not valid(rng, "<list><label>l</label><item>i</item></list>")
    assert valid(rng, '<p><hi rend="bold">b</hi> <hi rend="other">o</hi></p>')
    assert not valid(rng, '<p><hi rend="two words">b</hi></p>')  # semi: still a teidata.enumerated


def test_content_replaced_with_embedded_relax_ng_and_a_macro_replaced(tmp_path):
    specs = """<elementSpec ident="item" mode="change"><content>
        <rng:oneOrMore><rng:ref name="p"/></rng:oneOrMore></content></elementSpec>
      <macroSpec ident="macro.paraContent" mode="replace"><content><textNode/></content></macroSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert valid(rng, "<list><item><p>para</p></item></list>")
    assert not valid(rng, "<list><item>bare text</item></list>")
    assert not valid(rng, "<p>text <hi>no longer</hi></p>")


def test_chained_odd_builds_on_its_source(tmp_path):
    (tmp_path / "base").mkdir()
    odd(tmp_path / "base", """<elementSpec ident="hi" mode="delete"/>""")
    child = tmp_path / "child.odd"
    child.write_text(
        MINI.format(specs='<elementSpec ident="list" mode="delete"/>', attrs='source="base/mini.odd"').replace(
            '<moduleRef key="core" include="p head title list item label hi"/>', '<moduleRef key="core"/>'
        ),
        encoding="utf-8",
    )
    rng = schema(child)
    assert valid(rng, "<p>text</p>")
    assert not valid(rng, "<p>a <hi>deleted by the parent</hi></p>")
    assert not valid(rng, "<list><item>deleted by the child</item></list>")
    assert not valid(rng, "<p>a <name>never in the parent</name></p>")


@pytest.mark.parametrize(
    "source, words",
    [
        ("https://tei-c.org/Vault/P5/current/xml/tei/odd/p5subset.xml", "remote"),
        ("ftp://example.org/p5subset.xml", "remote"),
        ("no-such-file.xml", "no such file"),
    ],
)
def test_a_source_that_is_not_a_local_file_is_refused(tmp_path, source, words):
    with pytest.raises(OddError, match=words) as caught:
        compile_odd(odd(tmp_path, attrs=f'source="{source}"'))
    assert caught.value.code == "E202" and caught.value.exit_code == 2


def test_a_circular_chain_is_refused(tmp_path):
    path = odd(tmp_path, attrs='source="mini.odd"')
    with pytest.raises(OddError, match="circular"):
        compile_odd(path)


@pytest.mark.parametrize(
    "specs, attrs, words",
    [
        ('<moduleRef key="nosuchmodule"/>', "", "no such module"),
        ('<elementRef key="nosuchelement"/>', "", "not found"),
        ("", 'start="sp"', "names no element"),
    ],
)
def test_bad_references_are_named(tmp_path, specs, attrs, words):
    path = odd(tmp_path, specs, attrs)
    path.write_text(path.read_text().replace('start="TEI" start="sp"', 'start="sp"'))
    with pytest.raises(OddError, match=words):
        compile_odd(path)


def test_schematron_is_extracted_with_contexts_and_namespaces(tmp_path):
    specs = """<elementSpec ident="div" mode="change">
      <constraintSpec ident="div-head" scheme="schematron"><constraint>
        <sch:ns prefix="ed" uri="https://example.org/ed"/>
        <sch:assert test="tei:head">a div has a head</sch:assert></constraint></constraintSpec>
      <constraintSpec ident="div-rule" scheme="schematron"><constraint>
        <sch:rule context="tei:div[@type='session']"><sch:report test="not(@n)">no n</sch:report></sch:rule>
      </constraint></constraintSpec>
      <constraintSpec ident="prose" scheme="other"><constraint><p>said in words only</p></constraint></constraintSpec>
      </elementSpec>"""
    sch = etree.fromstring(compile_odd(odd(tmp_path, specs)).sch)
    n = {"s": SCH}
    assert sch.get("queryBinding") == "xslt2"
    assert sch.xpath("s:ns[@prefix='ed']/@uri", namespaces=n) == ["https://example.org/ed"]
    assert sch.xpath("s:ns[@prefix='tei']/@uri", namespaces=n) == [TEI]
    contexts = sch.xpath("s:pattern/s:rule/@context", namespaces=n)
    assert "tei:div" in contexts and "tei:div[@type='session']" in contexts
    assert not sch.xpath("//*[contains(., 'said in words only')]")
    # constraints of the TEI's own specs in the schema travel too (p's abstract-model rules)
    assert sch.xpath("s:pattern/s:rule[@context='tei:p']", namespaces=n)


def test_output_is_deterministic_and_names_its_source(tmp_path):
    path = odd(tmp_path)
    first, second = compile_odd(path), compile_odd(path)
    assert first.rng == second.rng and first.sch == second.sch
    assert b"TEI P5 Version 4.8.0" in first.rng and b"CC BY 3.0" in first.rng


def test_cli_compile_writes_both_files(tmp_path):
    path = odd(tmp_path)
    run = CliRunner().invoke(main, ["odd", "compile", str(path), "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "out" / "mini.rng").is_file() and (tmp_path / "out" / "mini.sch").is_file()


def test_cli_compile_of_a_bad_odd_exits_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.odd"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>")
    run = CliRunner().invoke(main, ["odd", "compile", str(bad), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2 and "E202" in run.output and "no schemaSpec" in run.output
    assert not (tmp_path / "out").exists()


def test_validate_with_odd_compiles_once(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))
    path = odd(tmp_path)
    doc = tmp_path / "doc.xml"
    doc.write_text(DOC.format(body="<p>fine</p>"))
    bad = tmp_path / "bad.xml"
    bad.write_text(DOC.format(body="<sp>not here</sp>"))
    run = CliRunner().invoke(main, ["validate", "--odd", str(path), str(doc), str(bad)])
    assert run.exit_code == 1, run.output
    assert "bad.xml:3:" in run.output and "E200" in run.output and "sp" in run.output
    rng, _ = cached(path)
    stamp = rng.stat().st_mtime_ns
    assert cached(path)[0] == rng and rng.stat().st_mtime_ns == stamp  # from the cache
    path.write_text(path.read_text().replace('hi"/>', 'hi name"/>'))
    assert cached(path)[0] != rng  # the ODD changed


def test_validate_refuses_odd_and_schema_together(tmp_path):
    path = odd(tmp_path)
    run = CliRunner().invoke(main, ["validate", "--odd", str(path), "--schema", "tei-all", str(path)])
    assert run.exit_code == 2 and "give one" in run.output


def test_write_is_atomic_per_file(tmp_path):
    compiled = compile_odd(odd(tmp_path))
    rng, sch = write(compiled, tmp_path / "x")
    assert rng.read_bytes() == compiled.rng and sch.read_bytes() == compiled.sch
    assert not list((tmp_path / "x").glob(".tmp-*"))


def test_module_ref_url_embeds_a_local_grammar_and_refuses_a_remote_one(tmp_path):
    (tmp_path / "ext.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="https://example.org/ext">'
        '<start><ref name="thing"/></start>'
        '<define name="thing"><element name="thing"><text/></element></define></grammar>'
    )
    specs = """<moduleRef url="ext.rng" prefix="ext_"/>
      <elementSpec ident="item" mode="change"><content>
        <rng:choice><rng:ref name="ext_thing"/><rng:text/></rng:choice></content></elementSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert valid(rng, '<list><item><thing xmlns="https://example.org/ext">x</thing></item></list>')
    assert not valid(rng, "<list><item><thing>in the TEI namespace</thing></item></list>")
    remote = odd(tmp_path, '<moduleRef url="https://example.org/ext.rng"/>', name="remote.odd")
    with pytest.raises(OddError, match="remote"):
        compile_odd(remote)


def test_replace_an_element_an_attribute_and_a_datatype_and_add_a_class(tmp_path):
    specs = """<elementSpec ident="label" mode="replace" module="core">
        <classes><memberOf key="att.edition.coded"/></classes>
        <content><textNode/></content></elementSpec>
      <classSpec ident="att.edition.coded" type="atts" mode="add"><attList>
        <attDef ident="code" usage="req"><datatype><dataRef key="teidata.count"/></datatype></attDef>
      </attList></classSpec>
      <elementSpec ident="list" mode="change"><attList>
        <attDef ident="type" mode="replace"><datatype><dataRef name="integer"/></datatype></attDef>
      </attList></elementSpec>
      <dataSpec ident="teidata.count" mode="change"><content><dataRef name="nonNegativeInteger"
        restriction="[0-9]{1,2}"/></content></dataSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert valid(rng, '<list type="3"><label code="12">l</label><item>i</item></list>')
    assert not valid(rng, '<list type="ordered"><item>i</item></list>')  # the replaced @type
    assert not valid(rng, "<list><label>no code</label><item>i</item></list>")
    assert not valid(rng, '<list><label code="123">three digits</label><item>i</item></list>')
    assert not valid(rng, '<list><label code="1" xml:id="l1">replaced: no att.global</label><item>i</item></list>')
    assert not valid(rng, '<list><label code="1"><hi>text only</hi></label><item>i</item></list>')


def test_any_element_unordered_sequence_and_open_value_list(tmp_path):
    specs = """<elementSpec ident="foreignBlock" mode="add" ns="http://www.tei-c.org/ns/1.0">
        <classes><memberOf key="model.pLike"/></classes>
        <content><anyElement minOccurs="1" maxOccurs="unbounded"/></content></elementSpec>
      <elementSpec ident="pair" mode="add" ns="http://www.tei-c.org/ns/1.0">
        <classes><memberOf key="model.pLike"/></classes>
        <content><sequence preserveOrder="false"><elementRef key="head"/><elementRef key="label"/></sequence></content>
        <attList><attDef ident="kind"><datatype><dataRef key="teidata.enumerated"/></datatype>
          <valList type="open"><valItem ident="suggested"/></valList></attDef></attList></elementSpec>"""
    rng = schema(odd(tmp_path, specs))
    assert valid(rng, '<foreignBlock><svg xmlns="http://www.w3.org/2000/svg"><g a="1"/></svg></foreignBlock>')
    assert not valid(rng, "<foreignBlock><p>TEI is excluded from anyElement</p></foreignBlock>")
    assert not valid(rng, "<foreignBlock/>")
    assert valid(rng, '<pair kind="anything"><label>l</label><head>h</head></pair>')  # any order
    assert valid(rng, "<pair><head>h</head><label>l</label></pair>")
    assert not valid(rng, "<pair><head>h</head></pair>")
    assert not valid(rng, '<pair kind="two words"><head>h</head><label>l</label></pair>')
