"""The Schematron of a TEI ODD: its `constraintSpec`s of scheme "schematron", as one schema.

Each constraintSpec becomes a pattern whose id is the constraintSpec's `@ident` (so a rule's
findings carry it, as the toolkit's codes do): a `sch:pattern` it holds is kept as it is (given
that id if it has none); `sch:rule`s and the `sch:let`s beside them are wrapped in one pattern;
bare `sch:assert`s and `sch:report`s are given a rule whose context is the element the enclosing
`elementSpec` describes. `sch:ns`, `sch:diagnostics`, `sch:phase`, `xsl:key` and `xsl:function`
wherever they stand are hoisted to the schema, where ISO Schematron wants them. The prefix `tei`
is always bound to the TEI namespace. This reads the constraints the ODD itself states; those TEI
P5 states for its own elements come with the ODD compiler, which resolves an ODD against P5.
"""

from __future__ import annotations

from lxml import etree

from edition.errors import SchemaError
from edition.validate.schematron.safety import SCH_NS, XSL_NS

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = f"{{{TEI_NS}}}"
_S = f"{{{SCH_NS}}}"
SCHEMES = ("schematron", "isoschematron")
#: Elements that belong to the whole schema wherever a constraint holds them.
HOISTED = (_S + "ns", _S + "diagnostics", _S + "phase", f"{{{XSL_NS}}}key", f"{{{XSL_NS}}}function")


def constraint_specs(odd: etree._Element) -> list[etree._Element]:
    return [c for c in odd.iter(_T + "constraintSpec") if c.get("scheme") in SCHEMES]


def from_odd(odd: etree._Element, source: str = "<odd>") -> etree._Element:
    """One `sch:schema` (query binding xslt3) made of the ODD's Schematron constraints."""
    # Every prefix a constraint binds with sch:ns is also declared on the schema, so that foreign
    # XSLT (xsl:function's name, its `as`) finds it, whichever processor reads the schema.
    declared = {"tei": TEI_NS}
    for spec in constraint_specs(odd):
        for ns in spec.iter(_S + "ns"):
            declared.setdefault(ns.get("prefix"), ns.get("uri"))
    schema = etree.Element(
        _S + "schema",
        nsmap={"sch": SCH_NS, **{k: v for k, v in declared.items() if k and k != "sch"}},
        queryBinding="xslt3",
    )
    etree.SubElement(schema, _S + "ns", prefix="tei", uri=TEI_NS)
    hoisted: list[etree._Element] = []
    patterns: list[etree._Element] = []
    for spec in constraint_specs(odd):
        ident = spec.get("ident")
        for constraint in spec.iter(_T + "constraint"):
            pattern = None
            for child in constraint:
                if not isinstance(child.tag, str):
                    continue
                node = _copy(child)
                if child.tag in HOISTED:
                    hoisted.append(node)
                elif child.tag == _S + "pattern":
                    node.set("id", node.get("id") or ident)
                    patterns.append(node)
                elif child.tag in (_S + "rule", _S + "let", _S + "assert", _S + "report"):
                    if pattern is None:
                        pattern = etree.Element(_S + "pattern", id=ident)
                        patterns.append(pattern)
                    if child.tag in (_S + "assert", _S + "report"):
                        rule = etree.SubElement(pattern, _S + "rule", context=_context_of(spec, source))
                        rule.append(node)
                    else:
                        pattern.append(node)
    for node in hoisted:
        if node.tag == _S + "ns":
            schema.append(node)
    schema.extend(n for n in hoisted if n.tag not in (_S + "ns", _S + "diagnostics", _S + "phase"))
    schema.extend(patterns)
    schema.extend(n for n in hoisted if n.tag == _S + "phase")
    diagnostics = [n for n in hoisted if n.tag == _S + "diagnostics"]
    if diagnostics:
        merged = etree.SubElement(schema, _S + "diagnostics")
        for d in diagnostics:
            merged.extend(list(d))
    return schema


def _copy(el: etree._Element) -> etree._Element:
    """A copy that keeps the line of the original, so that refusals can say where."""
    from copy import deepcopy

    node = deepcopy(el)
    for a, b in zip(el.iter(), node.iter()):
        b.sourceline = a.sourceline
    return node


def _context_of(spec: etree._Element, source: str) -> str:
    """The context of a bare assert: the element its elementSpec describes."""
    element = next(spec.iterancestors(_T + "elementSpec"), None)
    if element is None or not element.get("ident"):
        raise SchemaError(
            f"{source}:{spec.sourceline}: constraintSpec {spec.get('ident')!r} holds "
            "a bare assert or report outside an elementSpec, so it has no context",
            hint='wrap it in <sch:rule context="…">',
        )
    ns = element.get("ns", TEI_NS)
    return (
        f"tei:{element.get('ident')}"
        if ns == TEI_NS
        else f"*[local-name() = '{element.get('ident')}' and namespace-uri() = '{ns}']"
    )
