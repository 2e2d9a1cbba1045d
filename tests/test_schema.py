"""The customisation: the ODD and the XSD generated from it agree, and the XSD is a restriction of TEI P5.

The XSD (schemas/edition.xsd) is trang's translation of the RELAX NG the ODD compiles to
(scripts/gen_schemas.py; tests/test_odd_edition.py holds it current): these tests keep the whole
chain honest — the ODD's elements and closed lists reach it, its E200 constraints are checked on
the stream, and what it and the constraints accept is TEI P5."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from edition.validate import RULES
from edition.validate.schemas import compiled_xsd, for_stream, resolve
from edition.xmlio import TEI_NS, XML_NS, serialize

from conftest import CASES, ROOT, TEI_ALL, jing_errors
from support.teirng import TeiGrammar

ODD = ROOT / "schemas" / "edition.odd"
XSD = ROOT / "schemas" / "edition.xsd"
N = {"t": TEI_NS}


@pytest.fixture(scope="module")
def xsd():
    return compiled_xsd(for_stream(resolve("edition")))


@pytest.fixture(scope="module")
def odd():
    return etree.parse(str(ODD))


@pytest.fixture(scope="module")
def tei():
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} is absent: TEI P5 conformance needs ../shared/tei-p5")
    return TeiGrammar(TEI_ALL)


def _attr_name(qname: str) -> str:
    return qname.replace(f"{{{XML_NS}}}", "xml:")


def _enumeration(simple_type) -> set[str] | None:
    if simple_type is None:
        return None
    if getattr(simple_type, "enumeration", None):
        return set(simple_type.enumeration)
    item = getattr(simple_type, "item_type", None) or getattr(simple_type, "base_type", None)
    if item is not None and item is not simple_type:
        return _enumeration(item)
    return None


def _xsd_closed_lists(xsd) -> dict[tuple[str, str], set[str]]:
    found = {}
    for el in xsd.elements.values():
        for qname, attr in el.attributes.items():
            values = _enumeration(attr.type)
            if values:
                found[(el.local_name, _attr_name(qname))] = values
    return found


def _odd_closed_lists(odd) -> dict[tuple[str, str], set[str]]:
    found = {}
    for att in odd.iterfind(".//t:elementSpec/t:attList/t:attDef", N):
        vals = att.find("t:valList[@type='closed']", N)
        if vals is not None:
            spec = att.getparent().getparent()
            found[(spec.get("ident"), att.get("ident"))] = {v.get("ident") for v in vals.iterfind("t:valItem", N)}
    return found


@pytest.mark.slow
def test_odd_is_valid_tei():
    assert jing_errors(ODD) == []


def test_odd_and_xsd_declare_the_same_elements(xsd, odd):
    included = set()
    for ref in odd.iterfind(".//t:schemaSpec/t:moduleRef[@include]", N):
        included |= set(ref.get("include").split())
    assert included == {el.local_name for el in xsd.elements.values()}


def test_odd_and_xsd_close_the_same_value_lists(xsd, odd):
    assert _odd_closed_lists(odd) == _xsd_closed_lists(xsd)


def test_odd_states_every_rule_as_schematron(odd):
    """Each rule of the stream (rules.py) is a constraintSpec of the ODD in Schematron, of the same
    severity; the ODD states no rule the stream lacks."""
    sch = {**N, "sch": "http://purl.oclc.org/dsdl/schematron"}
    specs = {
        c.get("ident"): c
        for c in odd.iterfind(".//t:constraintSpec", N)
        if c.find(".//sch:rule", sch) is not None and not c.get("ident").startswith("E200-")
    }
    assert all(c.get("scheme") == "schematron" for c in odd.iterfind(".//t:constraintSpec", N))
    assert set(specs) == {r.code for r in RULES}
    for rule in RULES:
        roles = {a.get("role", "error") for a in specs[rule.code].iterfind(".//sch:assert", sch)}
        assert roles == {rule.severity}, rule.code


def test_the_stream_checks_every_e200_constraint_of_the_odd(odd):
    """The co-occurrences the grammar cannot state are the ODD's E200 constraints and nowhere
    else: the XSD has no xs:assert, and the stream reads every one of them from the ODD
    (validate/cooccurrence.py), with the elements its rule is about."""
    from edition.validate import constraints, cooccurrence

    sch = {**N, "sch": "http://purl.oclc.org/dsdl/schematron", "xs": "http://www.w3.org/2001/XMLSchema"}
    assert etree.parse(str(XSD)).find(".//xs:assert", sch) is None
    stated = {}
    for spec in odd.iterfind(".//t:constraintSpec", N):
        if spec.get("ident").startswith("E200-"):
            for rule in spec.iterfind(".//sch:rule", sch):
                names = {step.strip().split("[")[0].removeprefix("tei:") for step in rule.get("context").split("|")}
                stated[spec.get("ident")] = stated.get(spec.get("ident"), set()) | names
    streamed = {
        p.id: {etree.QName(tag).localname for rule in p.rules for tag in rule.tags}
        for p in cooccurrence.project_constraints(constraints.GRAMMAR_PHASE).patterns
    }
    assert len(stated) >= 9
    assert streamed == stated


def test_xsd_allows_nothing_tei_forbids(xsd, tei):
    """Every child and attribute the XSD allows is one TEI P5 allows on the same element."""
    problems = []
    for el in xsd.elements.values():
        name = el.local_name
        content = getattr(el.type, "content", None)
        children = {c.local_name for c in content.iter_elements()} if hasattr(content, "iter_elements") else set()
        attributes = {_attr_name(q) for q in el.attributes}
        problems += [f"<{c}> in <{name}>" for c in sorted(children - tei.children(name))]
        problems += [f"@{a} on <{name}>" for a in sorted(attributes - tei.attributes(name))]
    assert problems == []


# --------------------------------------------------------------------------- mutation


def _base() -> etree._Element:
    """The showcase cut small: its header, a few people and table rows, the first session."""
    root = etree.parse(str(ROOT / "tei" / "march-1917.xml")).getroot()
    for container, child, keep in (
        ("t:text/t:body", "t:div", 1),
        (".//t:listPerson", "t:person", 6),
        (".//t:listOrg", "t:org", 3),
        (".//t:table", "t:row", 6),
    ):
        for parent in root.iterfind(container, N):
            for extra in parent.findall(child, N)[keep:]:
                parent.remove(extra)
    return root


def _mutate(root: etree._Element, rng: random.Random, names: list[str]) -> None:
    elements = [e for e in root.iter(etree.Element) if e is not root]
    el = rng.choice(elements)
    kind = rng.randrange(5)
    parent = el.getparent()
    if kind == 0:  # move an element somewhere else
        target = rng.choice(elements)
        if target is el or el in target.iterancestors():
            return
        parent.remove(el)
        target.insert(rng.randint(0, len(target)), el)
    elif kind == 1:  # delete it
        parent.remove(el)
    elif kind == 2:  # rename it
        el.tag = f"{{{TEI_NS}}}{rng.choice(names)}"
    elif kind == 3 and el.attrib:  # drop an attribute
        del el.attrib[rng.choice(list(el.attrib))]
    else:  # copy an attribute from elsewhere
        donor = rng.choice([e for e in elements if e.attrib] or [el])
        if donor.attrib:
            key = rng.choice(list(donor.attrib))
            el.set(key, donor.get(key))


@pytest.mark.slow
def test_documents_the_xsd_accepts_are_valid_tei(xsd, tmp_path):
    """Mutants of an edition: whichever the project's schema accepts (the XSD, and the ODD's E200
    constraints: a body of headings only passes a grammar and fails a constraint), TEI P5 must
    accept too."""
    from edition.validate import constraints

    e200 = constraints.project_rules(constraints.GRAMMAR_PHASE)
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} is absent")
    base = _base()
    names = sorted(el.local_name for el in xsd.elements.values())
    rng = random.Random(1917)
    accepted: list[Path] = []
    for i in range(160):
        mutant = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            _mutate(mutant, rng, names)
        tree = etree.ElementTree(mutant)
        if xsd.is_valid(xmlschema.XMLResource(tree, allow="none")) and not e200.run(tree):
            path = tmp_path / f"mutant-{i:03}.xml"
            path.write_bytes(serialize(mutant))
            accepted.append(path)
    assert len(accepted) >= 25, "too few mutants accepted for the test to mean anything"
    assert jing_errors(*accepted) == []


@pytest.mark.slow
def test_every_valid_case_is_valid_tei():
    assert jing_errors(*sorted((CASES / "valid").glob("*.xml"))) == []
