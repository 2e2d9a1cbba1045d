"""The project's ISO Schematron: what it runs, what it refuses, and that it compiles once."""

from __future__ import annotations

import random
import textwrap

import pytest
from lxml import etree

from edition.errors import SchemaError
from edition.validate import constraints, validate
from edition.validate.document import Document
from edition.validate.rules import RULES, RulePass
from edition.validate.schematron import compile_schematron
from edition.validate.schematron.compiler import to_xslt
from edition.validate.walk import tree_events
from edition.xmlio import XML_ID, parse_bytes, serialize, tei

from conftest import CASES, ROOT

SCH = "http://purl.oclc.org/dsdl/schematron"


def schema(body: str, **attrs: str) -> bytes:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return (
        f'<schema xmlns="{SCH}" xmlns:ed="urn:x-edition:functions" queryBinding="xslt2"{extra}>'
        f'<ns prefix="t" uri="urn:t"/>{body}</schema>'
    ).encode()


DOC = etree.ElementTree(
    etree.fromstring(
        textwrap.dedent("""\
    <a xmlns="urn:t">
      <b x="ok"/>
      <c><b x="bad"/></c>
      <b/>
    </a>""").encode()
    )
)


def run(body: str, phase: str | None = None, **attrs: str):
    return compile_schematron(schema(body, **attrs), phase=phase).run(DOC)


def test_assert_report_and_first_matching_rule():
    found = run("""<pattern id="P"><rule context="t:b[@x]"><assert test="@x = 'ok'">x is <value-of
        select="@x"/> on <name/></assert></rule><rule context="t:b"><report test="true()">no x
        </report></rule></pattern>""")
    assert [(f.kind, f.message, f.line, f.pattern) for f in found] == [
        ("assert", "x is bad on b", 3, "P"),
        ("report", "no x", 4, "P"),
    ]


def test_only_the_first_rule_of_a_pattern_fires_for_a_node():
    found = run("""<pattern><rule context="t:b"><report test="true()">first</report></rule>
        <rule context="t:b[@x]"><report test="true()">second</report></rule></pattern>
        <pattern><rule context="t:b[@x]"><report test="true()">other pattern</report></rule></pattern>""")
    assert sorted(f.message for f in found) == ["first"] * 3 + ["other pattern"] * 2


def test_lets_at_every_level_and_line_of():
    found = run("""<let name="n" value="count(//t:b)"/>
        <pattern><let name="m" value="$n * 2"/><rule context="t:c/t:b"><let name="y" value="@x"/>
        <report test="true()"><value-of select="$n, $m, $y"/>; first b on line <ed:line-of
        select="(//t:b)[1]"/></report></rule></pattern>""")
    assert [f.message for f in found] == ["3 6 bad; first b on line 2"]


def test_diagnostics_role_flag_and_ids():
    found = run("""<pattern id="P"><rule id="R" context="t:b[@x='bad']" role="warning">
        <assert id="A" flag="f" test="false()" diagnostics="d1 d2">bad</assert></rule></pattern>
        <diagnostics><diagnostic id="d1">use <emph>ok</emph></diagnostic>
        <diagnostic id="d2">x is <value-of select="@x"/></diagnostic></diagnostics>""")
    (f,) = found
    assert (f.id, f.rule, f.pattern, f.flag, f.role, f.severity) == ("A", "R", "P", "f", "warning", "warning")
    assert f.diagnostics == (("d1", "use ok"), ("d2", "x is bad")) and f.hint == "use ok; x is bad"


def test_attribute_contexts_and_subject():
    found = run("""<pattern><rule context="@x"><report test=". = 'bad'">attribute</report></rule></pattern>
        <pattern><rule context="t:c"><report test="true()" subject="t:b">about the child</report></rule></pattern>""")
    assert [(f.message, f.line, f.attribute, etree.QName(f.element).localname) for f in found] == [
        ("attribute", 3, "x", "b"),
        ("about the child", 3, None, "b"),
    ]


def test_abstract_rules_are_extended():
    found = run("""<pattern><rule abstract="true" id="has-x"><assert test="@x">no x</assert></rule>
        <rule context="t:b"><extends rule="has-x"/></rule></pattern>""")
    assert [(f.message, f.line) for f in found] == [("no x", 4)]


@pytest.mark.parametrize(
    "phase,expected", [(None, ["one"]), ("#DEFAULT", ["one"]), ("#ALL", ["one", "two"]), ("second", ["two"])]
)
def test_phases(phase, expected):
    body = """<phase id="first"><active pattern="p1"/></phase><phase id="second"><active pattern="p2"/></phase>
        <pattern id="p1"><rule context="t:a"><report test="true()">one</report></rule></pattern>
        <pattern id="p2"><rule context="t:a"><report test="true()">two</report></rule></pattern>"""
    assert [f.message for f in run(body, phase, defaultPhase="first")] == expected


def test_an_unknown_phase_is_refused():
    with pytest.raises(SchemaError, match="no phase 'third'"):
        run("<pattern id='p'/>", "third")


def test_compiled_once_per_content(monkeypatch):
    body = "<pattern><rule context='t:a'><report test='true()'>x</report></rule></pattern>"
    first = compile_schematron(schema(body))
    assert compile_schematron(schema(body)) is first
    assert compile_schematron(schema(body.replace(">x<", ">y<"))) is not first


FILE_READERS = [
    "doc('/etc/passwd')",
    "fn:doc('/etc/passwd')",
    "unparsed-text('/etc/passwd')",
    "unparsed-text-lines('/etc/hostname')",
    "collection('/etc')",
    "document('x.xml')",
    "Q{http://www.w3.org/2005/xpath-functions}doc('/etc/passwd')",
    "doc#1('/etc/passwd')",
    "function-lookup(xs:QName('fn:doc'), 1)('/etc/passwd')",
    "json-doc('/x.json')",
    "environment-variable('HOME')",
    "doc-available('/etc/passwd')",
    "uri-collection('/etc')",
    "parse-xml('&lt;!DOCTYPE x SYSTEM &quot;/etc/passwd&quot;>&lt;x/>')",
    "transform(map{})",
]


@pytest.mark.parametrize("expr", FILE_READERS)
def test_expressions_that_read_files_are_refused(expr):
    for body in (
        f"<pattern><rule context='t:a'><assert test=\"{expr}\">x</assert></rule></pattern>",
        f"<let name='v' value=\"{expr}\"/>",
        (f"<pattern><rule context='t:a'><report test='true()'><value-of select=\"{expr}\"/></report></rule></pattern>"),
    ):
        with pytest.raises(SchemaError, match="refused"):
            compile_schematron(schema(body))


@pytest.mark.parametrize(
    "body,why",
    [
        ('<xsl:include xmlns:xsl="http://www.w3.org/1999/XSL/Transform" href="/etc/passwd"/>', "xsl:include"),
        (
            (
                '<xsl:function xmlns:xsl="http://www.w3.org/1999/XSL/Transform" name="t:f"><xsl:result-document '
                'href="/tmp/x"/></xsl:function>'
            ),
            "xsl:result-document",
        ),
        (
            '<xsl:function xmlns:xsl="http://www.w3.org/1999/XSL/Transform" name="t:f"><xsl:evaluate '
            "xpath=\"'1'\"/></xsl:function>",
            "xsl:evaluate",
        ),
        ('<include href="/etc/passwd"/>', "sch:include"),
        ('<extends href="other.sch"/>', "sch:extends"),
        ("<pattern documents=\"'/etc/passwd'\"/>", "documents"),
    ],
)
def test_elements_that_read_or_write_files_are_refused(body, why):
    with pytest.raises(SchemaError, match=why):
        compile_schematron(schema(body))


def test_only_xslt_query_bindings():
    with pytest.raises(SchemaError, match="query binding 'exslt'"):
        compile_schematron(schema("").replace(b'queryBinding="xslt2"', b'queryBinding="exslt"'))
    for binding in ("xslt", "xslt2", "xslt3"):
        to_xslt(etree.fromstring(schema("").replace(b"xslt2", binding.encode())))


def test_not_schematron_is_a_schema_error():
    with pytest.raises(SchemaError, match="not an ISO Schematron"):
        compile_schematron(b"<schema/>")


def test_saxon_reads_documents_with_many_escapes():
    """Saxon's parser refused more than 100,000 `&amp;` (JAXP's limits, lifted in render.saxon)."""
    root = etree.Element("a")
    root.text = "&<" * 60_000
    tree = etree.ElementTree(root)
    sch = schema("<pattern><rule context='a'><report test='string-length(.) = 120000'>all</report></rule></pattern>")
    assert [f.message for f in compile_schematron(sch).run(tree)] == ["all"]


def test_an_odd_bare_assert_takes_its_element_as_context():
    odd = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:sch="{SCH}"><text><body><schemaSpec ident="x">
      <elementSpec ident="p" mode="change"><constraintSpec ident="E399" scheme="schematron"><constraint>
        <sch:assert test="normalize-space()">an empty paragraph</sch:assert></constraint></constraintSpec>
      </elementSpec></schemaSpec></body></text></TEI>""".encode()
    doc = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p> </p><p>w</p></body></text></TEI>')
    (f,) = compile_schematron(odd).run(doc)
    assert (f.pattern, f.message, constraints.code_of(f)) == ("E399", "an empty paragraph", "E399")


# --------------------------------------------------------------------------- the project's rules


def _python(doc: Document) -> list[tuple]:
    rule_pass = RulePass(RULES)
    rule_pass.walk.run(tree_events(doc.root))
    return sorted((r.code, f.where.line, f.where.path, f.message, f.hint) for r, f in rule_pass.findings())


def _schematron(doc: Document) -> list[tuple]:
    # The rules alone: the ODD's E200 constraints are the grammar's, which the stream's XSD checks.
    rules = constraints.project_rules(constraints.RULES_PHASE)
    return sorted((d.code, d.line, d.path, d.message, d.hint) for d, _ in constraints.check(doc, rules))


def _mutants(tree: etree._ElementTree, n: int, seed: int):
    """Copies of an edition broken the ways the rules are about: ids repeated, pointers bent,
    counts changed, readings, headings, words and names taken away or repeated."""
    rnd = random.Random(seed)
    root = tree.getroot()
    for _ in range(n):
        copy = etree.fromstring(etree.tostring(root))
        els = list(copy.iter(etree.Element))
        for _ in range(rnd.randint(1, 3)):
            el = rnd.choice(els)
            kind = rnd.randrange(7)
            ids = [e for e in els if e.get(XML_ID)]
            if kind == 0 and ids:
                el.set(XML_ID, rnd.choice(ids).get(XML_ID))
            elif kind == 1:
                for attr in ("who", "ref", "ana", "corresp"):
                    if el.get(attr):
                        el.set(attr, el.get(attr) + rnd.choice(["x", " #nowhere", "", "#"])[: rnd.randint(0, 9)])
            elif kind == 2:
                for m in copy.iter(tei("measure")):
                    if rnd.random() < 0.3:
                        m.set("quantity", rnd.choice(["7", "12", "1.5", "", "x", "007"]))
            elif (
                kind == 3
                and el.getparent() is not None
                and el.tag in (tei("sic"), tei("corr"), tei("head"), tei("p"), tei("date"), tei("persName"))
            ):
                el.getparent().remove(el)
            elif kind == 4 and el.tag == tei("person") and el.getparent() is not None:
                el.addnext(etree.fromstring(etree.tostring(el)))
            elif kind == 5 and el.tag == tei("date"):
                el.attrib.pop("when", None)
            elif kind == 6 and el.tag == tei("sp"):
                for c in list(el)[1:]:
                    el.remove(c)
        data = serialize(etree.ElementTree(copy))
        yield Document("mutant.xml", data, parse_bytes(data))


@pytest.mark.slow
def test_schematron_and_python_rules_agree_on_mutants():
    """The stream's Python rules and the ODD's Schematron give the same findings on 100 broken
    editions (the catalogue and the showcase are compared in test_validate_stream.py)."""
    found = 0
    for path, n in ((ROOT / "tei" / "march-1917.xml", 60), (CASES / "valid" / "minimal.xml", 40)):
        tree = parse_bytes(path.read_bytes())
        for doc in _mutants(tree, n, seed=17):
            py, sch = _python(doc), _schematron(doc)
            assert sch == py
            found += len(sch)
    assert found > 100


def test_validate_runs_the_odds_schematron(monkeypatch):
    """Held documents are checked by the Schematron, not the Python rules."""
    monkeypatch.setattr(
        "edition.validate.rules.RulePass.findings",
        lambda self: (_ for _ in ()).throw(AssertionError("the Python rules ran")),
    )
    report = validate([CASES / "invalid" / "vote-total-mismatch.xml"])
    assert [d.code for d in report.files[0].diagnostics] == ["E305"]


def test_contexts_found_at_once_or_by_walking():
    """Plain contexts are looked up (`//t:b`), others make the pattern walk: the same findings."""
    found = run("""<let name="bs" value="//t:b"/>
        <pattern><rule context="/"><report test="true()">the document</report></rule></pattern>
        <pattern><rule context="t:c | t:a/t:b"><report test="true()"><name/></report></rule></pattern>
        <pattern><rule context="$bs[@x]"><report test="true()">b by variable</report></rule></pattern>""")
    assert [(f.message, f.line) for f in found] == [
        ("the document", None),
        ("b", 2),
        ("c", 3),
        ("b", 4),
        ("b by variable", 2),
        ("b by variable", 3),
    ]
    assert (
        "(//t:c) | (//t:a/t:b)"
        in to_xslt(
            etree.fromstring(
                schema("<pattern><rule context='t:c | t:a/t:b'><report test='1'>x</report></rule></pattern>")
            )
        ).xslt
    )


def test_a_test_that_fails_on_the_document_names_it():
    from edition.errors import TransformError

    compiled = compile_schematron(
        schema("<pattern><rule context='t:b[@x]'><assert test='xs:integer(@x) gt 0'>x</assert></rule></pattern>")
    )
    with pytest.raises(TransformError, match="failed on the document") as caught:
        compiled.run(DOC, "d.xml")
    assert caught.value.file == "d.xml"


def test_e309s_quick_name_key_is_the_regular_expressions_key():
    """ed:name-key takes a road without `replace` for names of letters, digits, white space and
    ASCII punctuation; on every printable ASCII character, other marks and spaces, scripts and
    combining accents it gives the key the one regular expression gives."""
    from edition.render.saxon import processor

    xsl = "http://www.w3.org/1999/XSL/Transform"
    odd = etree.parse(str(ROOT / "schemas" / "edition.odd"))
    functions = odd.xpath(
        "//tei:constraintSpec[@ident = 'edition-functions']//xsl:function",
        namespaces={"tei": "http://www.tei-c.org/ns/1.0", "xsl": xsl},
    )
    assert any(f.get("name") == "ed:name-key" for f in functions)
    stylesheet = etree.fromstring(
        f'<xsl:stylesheet xmlns:xsl="{xsl}" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:map="http://www.w3.org/2005/xpath-functions/map" xmlns:tei="http://www.tei-c.org/ns/1.0" '
        'xmlns:ed="urn:x-edition:functions" version="3.0"><xsl:template match="/"><keys>'
        '<xsl:for-each select="//tei:person"><k quick="{ed:name-key(.)}" slow="{lower-case(normalize-space('
        "replace(string(tei:persName), '[^\\p{L}\\p{N}_]+', ' ')))}\"/></xsl:for-each></keys></xsl:template>"
        "</xsl:stylesheet>"
    )
    stylesheet[:0] = functions
    names = [
        "".join(map(chr, range(0x20, 0x7F))),  # every printable ASCII character
        *(f"Ivan{chr(c)}Petrov{chr(c)}" for c in range(0x20, 0x7F)),
        "  V. I.\tLenin\n",
        "Lenin (Ulyanov)",
        "O'Brien-Smith",
        "snake_case_name",
        "N2 Agent 007",
        "Керенский, А. Ф.",
        "Jörg Müller",
        "Jo\u0308rg",
        "Ivan\u00a0Petrov",
        "Ivan\u2014Petrov",
        "«Ivan»",
        "Ἀριστοτέλης",
        "…",
        "",
        "   ",
        "İstanbul",
    ]
    tei_ns = "http://www.tei-c.org/ns/1.0"
    doc = etree.Element(f"{{{tei_ns}}}listPerson")
    for name in names:
        etree.SubElement(etree.SubElement(doc, f"{{{tei_ns}}}person"), f"{{{tei_ns}}}persName").text = name
    proc = processor()
    exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=etree.tostring(stylesheet, encoding="unicode"))
    node = proc.parse_xml(xml_text=etree.tostring(doc, encoding="unicode"))
    keys = etree.fromstring(exe.transform_to_string(xdm_node=node).encode())
    pairs = [(k.get("quick"), k.get("slow")) for k in keys]
    assert len(pairs) == len(names)
    assert [quick for quick, _ in pairs] == [slow for _, slow in pairs]
    assert pairs[names.index("  V. I.\tLenin\n")][0] == "v i lenin"
