"""The grammar gate (`validate/gate.py`) calls a document valid only when xmlschema does.

Its verdict decides whether xmlschema is asked at all, so a gate that passed a document xmlschema
would refuse would hide errors silently, in memory and in a stream alike (and the streamed and held
diagnostics would still agree). Each document here is judged both ways: by the gate, held and
streamed, and by xmlschema on the whole schema. The project's XSD (generated, XSD 1.0) states no
asserts; the ODD's E200 constraints, which the stream checks beside the gate
(`validate/cooccurrence.py`), must catch each broken co-occurrence as the held document's
Schematron does; the gate's own asserts (of another XSD 1.1) are tested at the end.
"""

from __future__ import annotations

import io

import pytest

from edition.validate import grammar, validate
from edition.validate.document import Document
from edition.validate.gate import GateCheck, gate_for
from edition.validate.rules import RulePass
from edition.validate.schemas import for_stream, resolve
from edition.xmlio import iterparse_safe, parse_bytes

from conftest import CASES, ROOT, SAMPLES

TEI = "http://www.tei-c.org/ns/1.0"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p>"
    "</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
)


def doc(body: str, header: str = HEADER) -> bytes:
    return f'<TEI xmlns="{TEI}">{header}<text><body>{body}</body></text></TEI>'.encode()


def people(*entries: str) -> str:
    """The header with a register of `entries`."""
    return HEADER.replace(
        "</teiHeader>",
        f"<profileDesc><particDesc><listPerson>{''.join(entries)}</listPerson></particDesc></profileDesc></teiHeader>",
    )


TURN = '<sp who="#a"><speaker>A:</speaker><p>Words.</p></sp>'
#: Each of the schema's asserts, broken; and the same places, whole.
CRAFTED = {
    "body of headings only": doc("<head>Only a heading</head>"),
    "turn of a speaker only": doc('<div type="session"><head>S</head><sp who="#a"><speaker>A:</speaker></sp></div>'),
    "gap counted without unit": doc(f'<div type="session"><head>S</head>{TURN}<gap reason="lost" quantity="2"/></div>'),
    "vote without subtype": doc(
        '<div type="session"><head>S</head><p><measure type="vote" quantity="3">3</measure></p></div>'
    ),
    "vote range reversed": doc(
        '<div type="session"><head>S</head><p><measure type="vote" subtype="for" '
        'min="10" max="9">9 or 10</measure></p></div>'
    ),
    "vote range as strings would pass": doc(
        '<div type="session"><head>S</head><p><measure type="vote" '
        'subtype="for" min="10" max="9.5">x</measure></p></div>'
    ),
    "vote range in order": doc(
        '<div type="session"><head>S</head><p><measure type="vote" subtype="for" '
        'min="9" max="10">9 or 10</measure></p></div>'
    ),
    "person without id": doc(TURN, people("<person><persName>A</persName></person>")),
    "repeated id": doc(f'<div type="session" xml:id="x"><head>S</head>{TURN}</div><div xml:id="x">{TURN}</div>'),
    "gap whole": doc(f'<div type="session"><head>S</head>{TURN}<gap reason="lost" unit="words" quantity="2"/></div>'),
}


#: Values at the edges of the schema's datatypes, where libxml2 (XSD 1.0) and xmlschema (XSD 1.1)
#: could part: dates, pointers (xs:anyURI), counts and decimals.
EDGES = {
    "when": [
        "1917-02-30",
        "1916-02-29",
        "0000",
        "-0001",
        "1917-13",
        "1917-03-29T24:00:00",
        "1917-03-29T23:59:60",
        "1917-03-29Z",
        "1917-03-29+14:01",
        "1917-3-29",
        " 1917-03-29",
        "99999",
        "1917-03-29T10:00",
    ],
    "who": ["# a", "#a%", "#a%zz", "http://[::1", "a b", "#a#b", "\\", "#\u00e9", "a\tb", "%", "[x]", "#a|b", ""],
    "quantity": ["-1", "+1", "1.0", "01", " 1", "1e3", ".5", "NaN", "", "1 2"],
}
for value in EDGES["when"]:
    CRAFTED[f"date {value!r}"] = doc(f'<div type="session"><head>S <date when="{value}">x</date></head>{TURN}</div>')
for value in EDGES["who"]:
    CRAFTED[f"who {value!r}"] = doc(f'<div type="session"><head>S</head><sp who="{value}"><p>x</p></sp></div>')
for value in EDGES["quantity"]:
    CRAFTED[f"gap quantity {value!r}"] = doc(
        f'<div type="session"><head>S</head>{TURN}<gap reason="lost" unit="words" quantity="{value}"/></div>'
    )
    CRAFTED[f"vote quantity {value!r}"] = doc(
        f'<div type="session"><head>S</head><p><measure type="vote" '
        f'subtype="for" quantity="{value}">x</measure></p></div>'
    )


def documents():
    for path in sorted(CASES.glob("*/*.xml")) + [
        ROOT / "tei" / "march-1917.xml",
        ROOT / "tei" / "march-1917-register.xml",
    ]:
        yield f"{path.parent.name}/{path.stem}", path.read_bytes()
    if SAMPLES.exists():
        for path in sorted(SAMPLES.glob("*.xml")):
            yield f"samples/{path.stem}", path.read_bytes()
    yield from CRAFTED.items()


DOCUMENTS = list(documents())


@pytest.fixture(scope="module")
def gate():
    found = gate_for(for_stream(resolve("edition")))
    assert found is not None, "the project's schema has a projection"
    return found


def _streamed_verdict(gate, data: bytes) -> bool:
    check = GateCheck(gate)
    rule_pass = RulePass((), stream=True, also=(check,))
    try:
        rule_pass.walk.run(iterparse_safe(io.BytesIO(data), "doc.xml", schema=gate.projection))
    except Exception:  # noqa: BLE001 — any refusal is "not valid" here
        return False
    return not check.failed and not rule_pass.index.repeated


@pytest.mark.parametrize("name,data", DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_the_gate_passes_only_what_xmlschema_passes(gate, name, data, monkeypatch):
    monkeypatch.setattr(grammar, "MAX_ERRORS", 10**6)
    try:
        tree = parse_bytes(data, name)
    except Exception:  # noqa: BLE001 — refused before any grammar: nothing for the gate to judge
        assert not _streamed_verdict(gate, data)
        return
    xmlschema_valid = not list(grammar.check_xsd(for_stream(resolve("edition")), Document(name, data, tree)))
    held, streamed = gate.passes(tree), _streamed_verdict(gate, data)
    assert not held or xmlschema_valid, "the gate passed, in memory, what xmlschema refuses"
    assert not streamed or xmlschema_valid, "the gate passed, in a stream, what xmlschema refuses"
    assert held == streamed


def test_the_gate_passes_the_project_s_own_valid_documents(gate):
    """Else the gate would only cost time: the showcase and the valid cases pass it."""
    for path in [
        ROOT / "tei" / "march-1917.xml",
        ROOT / "tei" / "march-1917-register.xml",
        *sorted((CASES / "valid").glob("*.xml")),
    ]:
        data = path.read_bytes()
        assert gate.passes(parse_bytes(data, path.name)), path.name
        assert _streamed_verdict(gate, data), path.name


def _constraint(d) -> bool:
    """An E200 of the ODD's constraints (`<gap>: a gap with @quantity needs @unit …`), not of the
    grammar, which libxml2 and xmlschema word each their own way."""
    return d.code == "E200" and d.message.startswith("<") and d.message.partition(">")[2].startswith(": ")


def test_each_broken_constraint_is_caught_on_the_stream(tmp_path):
    """Each co-occurrence the grammar cannot state, broken, is an E200 of the ODD's constraints in
    a stream as in memory — same message, line and path — and whole, it is none."""
    for name, data in CRAFTED.items():
        if "'" in name or name == "repeated id":
            continue  # the edges of datatypes: judged against xmlschema above
        path = tmp_path / "doc.xml"
        path.write_bytes(data)
        held, streamed = (
            [d for d in validate([path], rules=False, stream_above=above).files[0].diagnostics if _constraint(d)]
            for above in (10**12, 0)
        )
        assert streamed == held, name
        if "whole" in name or "in order" in name:
            assert held == [], name
        else:
            assert held and all(d.path and d.line for d in held), name


def test_a_valid_document_is_never_given_to_xmlschema(tmp_path, monkeypatch):
    """What made a million turns take 25 minutes: xmlschema, in Python, on every element."""
    path = tmp_path / "doc.xml"
    path.write_bytes((ROOT / "tei" / "march-1917.xml").read_bytes())

    def refuse(*args, **kwargs):
        raise AssertionError("xmlschema was asked about a valid document")

    monkeypatch.setattr("edition.validate.check_xsd", refuse)
    monkeypatch.setattr("edition.validate.check_xsd_stream", refuse)
    for above in (10**12, 0):
        report = validate([path], stream_above=above)
        assert report.ok(), report.files[0].diagnostics


SCHEMA = (
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning" vc:minVersion="1.1">{}</xs:schema>'
)
#: Schemas the gate must leave to xmlschema alone: what it could not judge as xmlschema does.
NOT_PROJECTED = {
    "assert in a named type": '<xs:complexType name="t"><xs:sequence/><xs:attribute name="a"/>'
    '<xs:assert test="@a"/></xs:complexType><xs:element name="r" type="t"/>',
    "assertion facet": '<xs:element name="r"><xs:simpleType><xs:restriction base="xs:string">'
    "<xs:assertion test=\"$value != 'x'\"/></xs:restriction></xs:simpleType></xs:element>",
    "identity constraint": '<xs:element name="r"><xs:complexType><xs:sequence/><xs:attribute name="a"/>'
    '</xs:complexType><xs:unique name="u"><xs:selector xpath="."/><xs:field xpath="@a"/>'
    "</xs:unique></xs:element>",
    "IDREF": '<xs:element name="r"><xs:complexType><xs:attribute name="a" type="xs:IDREF"/></xs:complexType>'
    "</xs:element>",
    "include": '<xs:include schemaLocation="other.xsd"/><xs:element name="r"/>',
    "open content": '<xs:element name="r"><xs:complexType><xs:openContent><xs:any processContents="lax"/>'
    "</xs:openContent><xs:sequence/></xs:complexType></xs:element>",
}


@pytest.mark.parametrize("name", NOT_PROJECTED)
def test_a_schema_the_gate_cannot_judge_goes_to_xmlschema(tmp_path, monkeypatch, name):
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "other.xsd").write_text(SCHEMA.format(""))
    path = tmp_path / "s.xsd"
    path.write_text(SCHEMA.format(NOT_PROJECTED[name]))
    assert gate_for(resolve(str(path))) is None


def test_a_schema_with_asserts_in_anonymous_types_is_judged(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "s.xsd"
    path.write_text(
        SCHEMA.format(
            '<xs:element name="r"><xs:complexType><xs:sequence/>'
            '<xs:attribute name="a"/><xs:assert test="@a"/></xs:complexType></xs:element>'
        )
    )
    found = gate_for(resolve(str(path)))
    assert found is not None
    assert found.passes(parse_bytes(b'<r a="1"/>', "ok.xml"))
    assert not found.passes(parse_bytes(b"<r/>", "bad.xml"))
