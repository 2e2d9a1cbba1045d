"""The Schematron of a customisation: every `constraintSpec` written in ISO Schematron, in one schema.

Constraints travel with what they constrain: those of an element, a class or an attribute that is
not in the schema are left out (a class no element uses is not in the schema). A constraint given
as bare `assert`s or `report`s gets the rule context its place implies — its element, its
element's attribute, or (in a class) any element with the attribute.
"""

from __future__ import annotations

import copy

from lxml import etree
from lxml.builder import ElementMaker

from edition.odd.resolve import Resolved
from edition.odd.source import SCH, TEI, t

S = ElementMaker(namespace=SCH, nsmap={None: SCH})

#: Namespaces every TEI Schematron can use (as the Consortium's schemas declare them).
BASE_NAMESPACES = (
    ("tei", TEI),
    ("xs", "http://www.w3.org/2001/XMLSchema"),
    ("rng", "http://relaxng.org/ns/structure/1.0"),
    ("rna", "http://relaxng.org/ns/compatibility/annotations/1.0"),
    ("sch", SCH),
    ("sch1x", "http://www.ascc.net/xml/schematron"),
)

SCHEMES = ("schematron", "isoschematron")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sch(name: str) -> str:
    return f"{{{SCH}}}{name}"


def schematron(resolved: Resolved) -> etree._Element:
    """The ISO Schematron schema (query binding xslt2) of the customisation's constraints."""
    root = S.schema(S.title(f"ISO Schematron rules of {resolved.ident}"), queryBinding="xslt2")
    namespaces = dict(BASE_NAMESPACES)
    patterns: list[etree._Element] = []
    needed = needed_specs(resolved)
    for el in resolved.schema_spec.iter(sch("ns")):
        namespaces.setdefault(el.get("prefix"), el.get("uri"))
    ordered = sorted(needed, key=lambda i: resolved.order.get(i, 1 << 30))
    languages = documentation_languages(resolved.schema_spec)
    for ident in ordered:
        spec = resolved.specs[ident]
        for constraint_spec in spec.iter(t("constraintSpec")):
            if (
                constraint_spec.get("scheme") not in SCHEMES
                or constraint_spec.get("mode") == "delete"
                or not in_language(constraint_spec, languages)
            ):
                continue
            constraint = constraint_spec.find(t("constraint"))
            if constraint is None:
                continue
            for el in constraint.iter(sch("ns")):
                namespaces.setdefault(el.get("prefix"), el.get("uri"))
            patterns += _patterns(constraint, constraint_spec, spec, resolved.ident, len(patterns))
    for ident in ordered:
        patterns += _deprecations(resolved.specs[ident])
    for ident in ordered:
        patterns += _parameter_lists(resolved.specs[ident])
    for constraint_spec in resolved.schema_spec.findall(t("constraintSpec")):
        constraint = constraint_spec.find(t("constraint"))
        if (
            constraint_spec.get("scheme") in SCHEMES
            and constraint is not None
            and in_language(constraint_spec, languages)
        ):
            patterns += _patterns(constraint, constraint_spec, None, resolved.ident, len(patterns))
    for prefix, uri in namespaces.items():
        if prefix and uri:
            root.append(S.ns(prefix=prefix, uri=uri))
    root.extend(patterns)
    return root


def documentation_languages(schema_spec: etree._Element) -> frozenset[str]:
    """The languages the schema is documented in (`schemaSpec/@docLang`; English by default), as
    primary language subtags."""
    return frozenset(lang.split("-")[0].lower() for lang in (schema_spec.get("docLang") or "en").split())


def in_language(constraint_spec: etree._Element, languages: frozenset[str]) -> bool:
    """Whether a constraint belongs in the schema by its language: one without `xml:lang`
    always; one with it only in a documentation language. TEI P5 states a few constraints twice,
    in English and in French (`addSpan-requires-spanTo-fr`, `xml:lang="fr"`): a translation, as
    the Consortium's processor treats it, not a second rule that would report everything twice."""
    lang = constraint_spec.get(XML_LANG)
    return lang is None or lang.split("-")[0].lower() in languages


def _patterns(constraint, constraint_spec, spec, schema_ident: str, count: int) -> list[etree._Element]:
    owner = spec.get("ident") if spec is not None else schema_ident
    base = f"schematron-constraint-{schema_ident}-{owner}-{constraint_spec.get('ident') or 'constraint'}"
    out: list[etree._Element] = []
    kids = [c for c in constraint if isinstance(c.tag, str) and etree.QName(c).namespace == SCH]
    rules = [c for c in kids if c.tag == sch("rule")]
    checks = [c for c in kids if c.tag in (sch("assert"), sch("report"))]
    for el in kids:
        if el.tag == sch("pattern"):
            pattern = _copy(el)
            pattern.set("id", pattern.get("id") or f"{base}-{count + len(out) + 1}")
            out.append(pattern)
    if rules:
        out.append(S.pattern(*[_copy(r) for r in rules], id=f"{base}-{count + len(out) + 1}"))
    if checks:
        lets = [c for c in kids if c.tag == sch("let")]
        rule = S.rule(*[_copy(c) for c in lets + checks], context=_context(constraint_spec, spec))
        out.append(S.pattern(rule, id=f"{base}-{count + len(out) + 1}"))
    return out


def _deprecations(spec: etree._Element) -> list[etree._Element]:
    """Warnings (role nonfatal) for an element or an element's attribute the TEI will remove."""
    if spec.tag != t("elementSpec"):
        return []
    ident = spec.get("ident")
    out = []
    if spec.get("validUntil"):
        report = S.report(
            "WARNING: use of deprecated element — The ",
            S.name(),
            f" element will be removed from the TEI on {spec.get('validUntil')}.",
            test="true()",
            role="nonfatal",
        )
        out.append(S.pattern(S.rule(report, context=f"tei:{ident}")))
    for att in spec.iter(t("attDef")):
        if att.get("validUntil") and att.get("mode") != "delete":
            name = att.get("ident")
            report = S.report(
                f"WARNING: use of deprecated attribute — @{name} of the {ident} element "
                f"will be removed from the TEI on {att.get('validUntil')}.",
                test=f"@{name}",
                role="nonfatal",
            )
            out.append(S.pattern(S.rule(report, context=f"tei:{ident}")))
    return out


def _parameter_lists(spec: etree._Element) -> list[etree._Element]:
    """The TEI processing model: the `param`s a `valItem`'s `paramList` allows, checked by name."""
    if spec.tag != t("elementSpec"):
        return []
    out = []
    for att in spec.iter(t("attDef")):
        for item in att.iter(t("valItem")):
            names = [p.get("ident") for p in item.iter(t("paramSpec")) if p.get("ident")]
            if not names:
                continue
            test = " or ".join(f"@name='{n}'" for n in names)
            context = f"tei:param[parent::tei:{spec.get('ident')}/@{att.get('ident')}='{item.get('ident')}']"
            assert_ = S(
                "assert",
                "Parameter name '",
                S("value-of", select="@name"),
                "' (on ",
                S("value-of", select="ancestor::tei:elementSpec/@ident"),
                f") not allowed. Must be drawn from the list: {', '.join(names)}",
                test=test,
                role="error",
            )
            out.append(
                S.pattern(S.rule(assert_, context=context), id=f"teipm-{spec.get('ident')}-paramList-{len(out) + 1}")
            )
    return out


def _context(constraint_spec: etree._Element, spec) -> str:
    """The rule context a bare assert or report implies by where its constraintSpec is."""
    att = next((a for a in constraint_spec.iterancestors(t("attDef"))), None)
    if spec is None:
        return "/"
    prefix = "tei:"
    if spec.tag == t("elementSpec"):
        return f"{prefix}{spec.get('ident')}" + (f"/@{att.get('ident')}" if att is not None else "")
    return f"@{att.get('ident')}" if att is not None else "*"


def _copy(el: etree._Element) -> etree._Element:
    """A Schematron element in the Schematron namespace as default, its prefixes kept for XPath."""
    return copy.deepcopy(el)


def needed_specs(resolved: Resolved) -> list[str]:
    """The specs a schema keeps: elements, macros, datatypes, and the classes something uses."""
    specs = resolved.specs
    element_members = {m.get("key") for s in specs.values() if s.tag == t("elementSpec") for m in s.iter(t("memberOf"))}
    referenced = {
        r.get("key")
        for s in specs.values()
        for r in s.iter(t("classRef"), t("elementRef"), t("macroRef"), t("dataRef"))
    }
    referenced |= {r.get("name") for s in specs.values() for r in s.iter(f"{{{RNG_NS}}}ref")}
    referenced |= {r.get("class") for s in specs.values() for r in s.iter(t("attRef"))}
    class_members: dict[str, list[str]] = {}
    for s in specs.values():
        if s.tag == t("classSpec"):
            for m in s.iter(t("memberOf")):
                class_members.setdefault(m.get("key"), []).append(s.get("ident"))
    memo: dict[str, bool] = {}

    def needed(ident: str, trail: frozenset = frozenset()) -> bool:
        if ident in memo:
            return memo[ident]
        if ident in trail:
            return False
        spec = specs[ident]
        trail = trail | {ident}
        if spec.get("type") == "model":
            answer = ident in referenced or any(
                needed(m.get("key"), trail) for m in spec.iter(t("memberOf")) if m.get("key") in specs
            )
        else:
            answer = (
                ident in element_members
                or ident in referenced
                or any(needed(c, trail) for c in class_members.get(ident, []))
            )
        memo[ident] = answer
        return answer

    return [i for i, s in specs.items() if s.tag != t("classSpec") or needed(i)]


RNG_NS = "http://relaxng.org/ns/structure/1.0"
