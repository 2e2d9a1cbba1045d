"""A fast verdict on a document's grammar: valid for sure, or "ask xmlschema".

xmlschema validates in Python, about a millisecond an element: a million turns took 25 minutes. For
an XSD 1.0 schema (the project's own, generated from its RELAX NG), libxml2 gives that verdict
while the document is parsed. For an XSD 1.1 schema whose only 1.1 feature is xs:assert, the same verdict is had
from two cheaper checks: libxml2 validates the schema's XSD 1.0 *projection* (the schema with its
asserts taken out, made here at load time from the schema file itself, never kept by hand) while
the document is parsed, and each assert is then checked on the elements of the types that carry
it. Only a document both pass is called valid; any other — and any schema this cannot project —
goes to xmlschema, which gives the diagnostics, so what an editor reads never depends on this gate.

Asserts are checked two ways. One that only asks which children an element has and which
attributes (names, ``|``, ``and``, ``or``, ``not()``) is compiled by lxml and asked of a summary of
the element: its attributes and one empty child per child name, which a stream can give without
holding the children. Any other is evaluated by elementpath on the whole element, with the
schema's types, exactly as xmlschema does; the stream holds those elements until they end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.validate.schemas import XSD_NS, Schema, compiled_xsd
from edition.xmlio import XML_NS

VERSIONING_NS = "http://www.w3.org/2007/XMLSchema-versioning"

#: XSD 1.1 constructs other than xs:assert: a schema with any of them is not projected; nor one
#: with identity constraints, which this gate has not been shown to judge as xmlschema does.
_ONLY_IN_11 = ("assertion", "alternative", "openContent", "defaultOpenContent", "override", "key", "keyref", "unique")
#: Types whose checks span the document: only xs:ID, by xml:id (from xml.xsd), is allowed — a
#: stream's parser keeps no table of ids, so the validator's pass checks xml:id's uniqueness.
_DOCUMENT_WIDE = re.compile(r"(?:^|:)(?:ID|IDREFS?|ENTITY|ENTITIES|NOTATION)$")
_ONLY_IN_11_ATTRIBUTES = (
    "notQName",
    "notNamespace",
    "defaultAttributes",
    "inheritable",
    "targetNamespace",
)  # (@targetNamespace on a local declaration)

#: The tokens of an assert that asks only about children's and attributes' presence.
_EXISTENCE = re.compile(
    r"\s*(?:(?P<name>@?[A-Za-z_][\w.\-]*:[A-Za-z_][\w.\-]*|@[A-Za-z_][\w.\-]*)"
    r"|(?P<op>\||\(|\)|and\b|or\b|not(?=\s*\()))"
)


@dataclass(frozen=True)
class Assertion:
    """One xs:assert of the schema: its test, and how the gate asks it."""

    test: str
    summary: etree.XPath | None  # for existence-only tests; None: evaluated exactly
    exact: object  # xmlschema's XsdAssert, whose parsed XPath and schema are used

    def holds(self, el: etree._Element, children: Iterable[str] | None = None) -> bool:
        """Whether the test is true of `el`; `children` (names of its children) stands for the
        children a stream no longer holds, when the test only asks about their presence."""
        if self.summary is not None:
            target = el
            if children is not None:
                target = etree.Element(el.tag, dict(el.attrib))
                for tag in children:
                    etree.SubElement(target, tag)
            return _true(self.summary(target))
        from elementpath import XPathContext
        from elementpath.exceptions import ElementPathError

        try:
            return bool(
                self.exact.token.evaluate(XPathContext(root=el, fragment=True, schema=self.exact.parser.schema))
            )
        except ElementPathError:
            return False


@dataclass
class Gate:
    """libxml2's schema for the projection, and the asserts of each element (by Clark name)."""

    projection: etree.XMLSchema
    asserts: dict[str, tuple[Assertion, ...]] = field(default_factory=dict)

    @property
    def whole(self) -> frozenset[str]:
        """Elements a stream must hold whole until they end: those with an exact assert."""
        return frozenset(tag for tag, found in self.asserts.items() if any(a.summary is None for a in found))

    def passes(self, tree: etree._ElementTree) -> bool:
        """The verdict on a document held in memory."""
        if not self.projection.validate(tree):
            return False
        return (
            all(a.holds(el) for el in tree.getroot().iter(*self.asserts) for a in self.asserts[el.tag])
            if self.asserts
            else True
        )


class GateCheck:
    """The gate's asserts over one streamed document, as a watcher of the rules' pass (`walk.py`):
    told of each element that carries asserts as it ends; `failed` once one does not hold."""

    def __init__(self, gate: Gate) -> None:
        self.asserts = gate.asserts
        self.watch = tuple(gate.asserts)
        self.hold = gate.whole
        self.failed = False

    def end(self, el: etree._Element, walk) -> None:
        if self.failed:
            return
        children = walk.child_tags()
        for a in self.asserts[el.tag]:
            if not a.holds(el, children if a.summary is not None else None):
                self.failed = True
                return


def _true(result) -> bool:
    """XPath's effective boolean value of what lxml returns."""
    if isinstance(result, float):
        return result == result and result != 0
    return bool(result)


_gates: dict[tuple[Path, int, int], Gate | None] = {}


def gate_for(schema: Schema) -> Gate | None:
    """The gate of an XSD, built once a process; None when the schema cannot be projected."""
    if schema.language != "xsd":
        return None
    stat = schema.path.stat()
    key = (schema.path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _gates:
        _gates[key] = _build(schema)
    return _gates[key]


def _build(schema: Schema) -> Gate | None:
    projection = _projection(schema.path)
    if projection is None:
        return None
    asserts = _assertions(schema)
    return None if asserts is None else Gate(projection, asserts)


def _projection(path: Path) -> etree.XMLSchema | None:
    """libxml2's schema for the XSD at `path` without its asserts, or None when the schema uses
    more of XSD 1.1 than asserts, includes other files, or libxml2 refuses it."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        doc = etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError):
        return None
    root = doc.getroot()
    if next(root.iter(*(f"{{{XSD_NS}}}{name}" for name in _ONLY_IN_11)), None) is not None:
        return None
    for el in root.iter(f"{{{XSD_NS}}}*"):
        if el is not root and (
            any(a in el.attrib for a in _ONLY_IN_11_ATTRIBUTES)
            or any(a.startswith(f"{{{VERSIONING_NS}}}") for a in el.attrib)
        ):
            return None
        if any(_DOCUMENT_WIDE.search(el.get(a, "")) for a in ("type", "base", "itemType")):
            return None
        if el.tag in (f"{{{XSD_NS}}}include", f"{{{XSD_NS}}}redefine"):
            return None
        if el.tag == f"{{{XSD_NS}}}import":
            if el.get("namespace") != XML_NS:
                return None
            el.set("schemaLocation", _xml_xsd().as_uri())
    for a in list(root.iter(f"{{{XSD_NS}}}assert")):
        a.getparent().remove(a)
    for name in list(root.attrib):
        if name.startswith(f"{{{VERSIONING_NS}}}"):
            del root.attrib[name]
    try:
        return etree.XMLSchema(doc)
    except etree.XMLSchemaParseError:
        return None


def _xml_xsd() -> Path:
    """The schema of the xml: namespace that xmlschema itself uses."""
    import xmlschema

    return Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"


def _assertions(schema: Schema) -> dict[str, tuple[Assertion, ...]] | None:
    """Every element name whose declared type (in any context) carries asserts, with all of them:
    an element declared in two places is checked against the asserts of both (stricter, never
    looser, than xmlschema; at worst the document goes to xmlschema).

    None when an assert sits in a named type: a document could then give that type to any
    element by xsi:type, out of reach of a table by element name."""
    from xmlschema.validators import XsdAssert, XsdElement

    xsd = compiled_xsd(schema)
    if any(a.parent.name is not None for a in xsd.iter_components(XsdAssert)):
        return None
    found: dict[str, dict[str, Assertion]] = {}
    for decl in xsd.iter_components(XsdElement):
        for xsd_assert in getattr(decl.type, "assertions", ()) or ():
            key = f"{xsd_assert.path}\x00{xsd_assert.xpath_default_namespace}"
            found.setdefault(decl.name, {}).setdefault(
                key, Assertion(xsd_assert.path, _summary_xpath(xsd_assert), xsd_assert)
            )
    return {tag: tuple(by_test.values()) for tag, by_test in found.items()}


def _summary_xpath(xsd_assert) -> etree.XPath | None:
    """lxml's compiled test, when it asks only about the presence of prefixed children and of
    attributes (so that a summary of the element answers it as the element would)."""
    test, pos = xsd_assert.path, 0
    namespaces = {p: u for p, u in (getattr(xsd_assert, "namespaces", None) or {}).items() if p}
    while pos < len(test.rstrip()):
        m = _EXISTENCE.match(test, pos)
        if m is None:
            return None
        name = m.group("name")
        if name and ":" in name and name.lstrip("@").split(":")[0] not in namespaces:
            return None
        pos = m.end()
    try:
        return etree.XPath(test, namespaces=namespaces)
    except etree.XPathSyntaxError:
        return None
