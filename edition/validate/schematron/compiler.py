"""ISO Schematron (query binding xslt, xslt2, xslt3) compiled to one XSLT 3.0 stylesheet.

Each active pattern is a mode of its own, entered once at the document node: its lets are
evaluated there (the document root is their context, as ISO says) and passed down as tunnel
parameters; each rule is a template of the mode, its priority falling in document order so that
only the first rule whose context matches a node fires for it, as ISO requires. When every
rule's context is a plain path (`tei:sp`, `@who | @ref`), the mode is applied to just the nodes
those paths select from the root (`//tei:sp`), in document order; otherwise the mode walks the
document, a node no rule matches passed over and its attributes (when a context could match one)
and children visited. Schema and phase lets are global
variables. An assert that fails or a report that holds writes a `finding` element: its kind, ids,
role and flag, the place of its node as element positions from the root (`1/4/2/@who`, which
`locate` turns back into an lxml element, whose line lxml knows: Saxon-HE cannot tell lines), its
message and its diagnostics. Messages keep their text, `value-of` and `name`; `emph`, `dir` and
`span` give their text. One extension, in the project's namespace: `<ed:line-of select="node"/>`
in a message writes the line of that node (other processors leave it out).

Supported: schema, ns, let (schema, phase, pattern, rule), phase and active (#ALL, #DEFAULT),
pattern, rule (with abstract rules and `extends rule=`), assert and report (with `@subject`,
`@role`, `@flag`, `@diagnostics`), diagnostics and diagnostic, and `xsl:key` and `xsl:function`
as foreign elements. Refused with a message: other query bindings, abstract patterns, `include`,
`extends href=`, and anything `safety.py` forbids.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree
from lxml.builder import ElementMaker

from edition.errors import SchemaError
from edition.validate.schematron.safety import SCH_NS, XSL_NS, check_tree

RUN_NS = "urn:x-edition:schematron"  # the generated stylesheet's own functions and modes
ED_NS = "urn:x-edition:functions"  # the project's namespace: <ed:line-of/>

#: Query bindings whose expressions XSLT 3.0 evaluates as their authors meant; `xslt` (XSLT 1.0,
#: ISO's default) is run as XPath 3.1, which reads 1.0 expressions the same way except for
#: comparisons of mixed types, which are errors rather than conversions.
QUERY_BINDINGS = ("xslt", "xslt2", "xslt3")

#: Prefixes bound for every schema unless it binds them itself.
PREDECLARED = {
    "xs": "http://www.w3.org/2001/XMLSchema",
    "map": "http://www.w3.org/2005/xpath-functions/map",
    "array": "http://www.w3.org/2005/xpath-functions/array",
    "math": "http://www.w3.org/2005/xpath-functions/math",
}

X = ElementMaker(namespace=XSL_NS, nsmap={"xsl": XSL_NS})
_SCH = f"{{{SCH_NS}}}"


def sch(name: str) -> str:
    return _SCH + name


@dataclass(frozen=True)
class Generated:
    """The stylesheet made from a schema, and what it was made with."""

    xslt: str
    phase: str
    patterns: tuple[str, ...]  # the ids (or positions) of the active patterns


def to_xslt(schema: etree._Element, source: str = "<schematron>", phase: str | None = None) -> Generated:
    """The XSLT 3.0 stylesheet that checks a document against `schema` (an `sch:schema` element)."""
    if schema.tag != sch("schema"):
        raise SchemaError(
            f"{source}: not an ISO Schematron schema (the root is "
            f"<{etree.QName(schema).localname}> in "
            f"{etree.QName(schema).namespace or 'no namespace'})",
            hint=f'the root must be <schema xmlns="{SCH_NS}">',
        )
    binding = (schema.get("queryBinding") or "xslt").lower()
    if binding not in QUERY_BINDINGS:
        raise SchemaError(
            f"{source}: query binding {binding!r} is not supported", hint=f"use one of {', '.join(QUERY_BINDINGS)}"
        )
    check_tree(schema, source)
    return _Builder(schema, source).build(phase)


class _Builder:
    def __init__(self, schema: etree._Element, source: str) -> None:
        self.schema = schema
        self.source = source
        self.ns = dict(PREDECLARED)
        for ns in schema.iter(sch("ns")):
            self.ns[ns.get("prefix")] = ns.get("uri")
        self.diagnostics = {d.get("id"): d for d in schema.iter(sch("diagnostic"))}
        self.abstract = {r.get("id"): r for r in schema.iter(sch("rule")) if r.get("abstract") == "true"}

    def where(self, el: etree._Element) -> str:
        return f"{self.source}:{el.sourceline}" if el.sourceline else self.source

    # ------------------------------------------------------------------ the stylesheet

    def build(self, phase: str | None) -> Generated:
        patterns = [p for p in self.schema if p.tag == sch("pattern")]
        for p in patterns:
            if p.get("abstract") == "true" or p.get("is-a"):
                raise SchemaError(
                    f"{self.where(p)}: abstract patterns are not supported", hint="write the pattern out in full"
                )
        name, phase_el = self._phase(phase)
        if phase_el is not None:
            active = {a.get("pattern") for a in phase_el.iter(sch("active"))}
            unknown = active - {p.get("id") for p in patterns}
            if unknown:
                raise SchemaError(
                    f"{self.where(phase_el)}: phase {name!r} activates no such pattern: {', '.join(sorted(unknown))}"
                )
            patterns = [p for p in patterns if p.get("id") in active]
        nsmap = {"xsl": XSL_NS, "edsch": RUN_NS, **{k: v for k, v in self.ns.items() if k}}
        root = etree.Element(
            f"{{{XSL_NS}}}stylesheet", nsmap=nsmap, version="3.0", **{"exclude-result-prefixes": "#all"}
        )
        root.append(X.output(method="xml", indent="no"))
        for foreign in self.schema:
            if foreign.tag in (f"{{{XSL_NS}}}key", f"{{{XSL_NS}}}function"):
                root.append(copy.deepcopy(foreign))
        root.append(_location_function())
        lets = [let for let in self.schema if let.tag == sch("let")]
        if phase_el is not None:
            lets += [let for let in phase_el if let.tag == sch("let")]
        for let in lets:
            root.append(self._variable(let))
        entry = X.template(match="/")
        findings = etree.SubElement(entry, "findings")
        for i, pattern in enumerate(patterns, 1):
            etree.SubElement(findings, f"{{{XSL_NS}}}call-template", name=f"edsch:pattern-{i}")
            root.extend(self._pattern(i, pattern))
        root.append(entry)
        ids = tuple(p.get("id") or f"#{i}" for i, p in enumerate(patterns, 1))
        return Generated(etree.tostring(root, encoding="unicode"), name, ids)

    def _phase(self, phase: str | None) -> tuple[str, etree._Element | None]:
        name = phase or "#DEFAULT"
        if name == "#DEFAULT":
            name = self.schema.get("defaultPhase") or "#ALL"
        if name == "#ALL":
            return name, None
        for el in self.schema.iter(sch("phase")):
            if el.get("id") == name:
                return name, el
        known = [el.get("id") for el in self.schema.iter(sch("phase"))]
        raise SchemaError(
            f"{self.source}: no phase {name!r}",
            hint=f"the phases are #ALL, {', '.join(known)}" if known else "the schema has no phases: use #ALL",
        )

    def _variable(self, let: etree._Element, param: bool = False) -> etree._Element:
        name, value = let.get("name"), let.get("value")
        if not name or value is None:
            raise SchemaError(
                f"{self.where(let)}: <sch:let> needs @name and @value",
                hint="a let whose value is its content is not supported",
            )
        attrs = {"name": name, "select": value}
        if let.get("as"):
            attrs["as"] = let.get("as")
        return X.variable(**attrs)

    # ------------------------------------------------------------------ patterns and rules

    def _pattern(self, i: int, pattern: etree._Element) -> list[etree._Element]:
        mode = f"edsch:m{i}"
        lets = [let for let in pattern if let.tag == sch("let")]
        rules = [r for r in pattern if r.tag == sch("rule") and r.get("abstract") != "true"]
        contexts = [r.get("context", "") for r in rules]
        # The nodes the rules can match, found at once (`//tei:sp`), when every context says
        # plainly what it matches; otherwise the pattern walks the whole document.
        nodes = _candidates(contexts)
        visit = _children_to_visit(contexts) if nodes is None else None
        entry = X.template(name=f"edsch:pattern-{i}")
        for let in lets:
            entry.append(self._variable(let))
        apply = X("apply-templates", select=nodes or ".", mode=mode)
        for let in lets:
            apply.append(X("with-param", name=let.get("name"), select=f"${let.get('name')}", tunnel="yes"))
        entry.append(apply)
        out = [X.mode(name=mode, **{"on-no-match": "shallow-skip" if visit else "deep-skip"}), entry]
        if visit:
            out.append(
                X.template(
                    X("apply-templates", select=visit, mode=mode), match="document-node()|*", mode=mode, priority="-100"
                )
            )
        for j, rule in enumerate(rules):
            context = rule.get("context")
            if not context:
                raise SchemaError(f"{self.where(rule)}: <sch:rule> needs @context")
            template = X.template(match=context, mode=mode, priority=str(len(rules) - j))
            for let in lets:
                template.append(X.param(name=let.get("name"), tunnel="yes"))
            self._rule_body(template, rule, pattern, set())
            if visit:
                template.append(X("apply-templates", select=visit, mode=mode))
            out.append(template)
        return out

    def _rule_body(
        self, template: etree._Element, rule: etree._Element, pattern: etree._Element, seen: set[str]
    ) -> None:
        for child in rule:
            if child.tag == sch("let"):
                template.append(self._variable(child))
            elif child.tag in (sch("assert"), sch("report")):
                template.append(self._check(child, rule, pattern))
            elif child.tag == sch("extends"):
                target = child.get("rule")
                if target not in self.abstract or target in seen:
                    raise SchemaError(
                        f"{self.where(child)}: <sch:extends rule={target!r}> names no abstract rule"
                        if target not in self.abstract
                        else f"{self.where(child)}: abstract rule {target!r} extends itself"
                    )
                self._rule_body(template, self.abstract[target], pattern, seen | {target})

    def _check(self, check: etree._Element, rule: etree._Element, pattern: etree._Element) -> etree._Element:
        test = check.get("test")
        if not test:
            raise SchemaError(f"{self.where(check)}: <sch:{etree.QName(check).localname}> needs @test")
        kind = etree.QName(check).localname
        subject = check.get("subject") or rule.get("subject")
        finding = etree.Element(
            "finding",
            kind=kind,
            pattern=_literal(pattern.get("id") or ""),
            loc=f"{{edsch:loc(({subject})[1])}}" if subject else "{edsch:loc(.)}",
        )
        for attr, source in (("id", check), ("role", check), ("flag", check)):
            if source.get(attr):
                finding.set(attr, _literal(source.get(attr)))
        if not finding.get("role") and rule.get("role"):
            finding.set("role", _literal(rule.get("role")))
        if rule.get("id"):
            finding.set("rule", _literal(rule.get("id")))
        message = etree.SubElement(finding, "message")
        self._text(check, message)
        for ref in (check.get("diagnostics") or "").split():
            if ref not in self.diagnostics:
                raise SchemaError(f"{self.where(check)}: diagnostics={ref!r} names no <sch:diagnostic>")
            out = etree.SubElement(finding, "diagnostic", id=_literal(ref))
            self._text(self.diagnostics[ref], out)
        return X("if", finding, test=f"not({test})" if kind == "assert" else test)

    def _text(self, source: etree._Element, out: etree._Element) -> None:
        """The text of a message or diagnostic, with its value-of, name and line-of evaluated."""

        def text(value: str | None) -> None:
            if value:
                out.append(X.text(value))

        text(source.text)
        for child in source:
            if child.tag == sch("value-of"):
                out.append(X("value-of", select=child.get("select") or "."))
            elif child.tag == sch("name"):
                out.append(X("value-of", select=f"name({child.get('path') or '.'})"))
            elif child.tag == f"{{{ED_NS}}}line-of":
                etree.SubElement(out, "line", loc=f"{{edsch:loc(({child.get('select') or '.'})[1])}}")
            elif isinstance(child.tag, str):
                self._text(child, out)  # emph, dir, span, foreign: their text
            text(child.tail)


def _literal(value: str) -> str:
    """A literal attribute value of the generated stylesheet (its braces are not expressions)."""
    return value.replace("{", "{{").replace("}", "}}")


def _children_to_visit(contexts: list[str]) -> str:
    """What a pattern's walk visits below a node: elements, and attributes and other nodes only
    when a rule's context could match them (outside its predicates)."""
    bare = [_outside_predicates(c) for c in contexts]
    attributes = any("@" in b or re.search(r"attribute\s*(::|\()|node\s*\(", b) for b in bare)
    others = any(re.search(r"(text|node|comment|processing-instruction)\s*\(", b) for b in bare)
    return ("@*|" if attributes else "") + ("node()" if others else "*")


#: The first step of a pattern that matches nodes by their name or kind on the child or attribute
#: axis: such a pattern P matches exactly the nodes of `//P` (or of P itself when it starts at /).
_PLAIN_STEP = re.compile(
    r"""\s*(?:@|\*|(?:child|attribute)::|(?:text|node|comment)\(\)|
                             (?:processing-instruction|element|attribute)\(|
                             [A-Za-z_][\w.\-]*(?::(?:[A-Za-z_][\w.\-]*|\*))?\s*(?:\[|/|$))""",
    re.VERBOSE,
)


def _candidates(contexts: list[str]) -> str | None:
    """An expression, evaluated at the document node, for every node the contexts can match (in
    document order), or None when a context is not a union of plain paths (a function, a
    variable, a parenthesised or rooted-elsewhere pattern: the pattern then walks)."""
    branches = []
    for context in contexts:
        for branch in _split_union(context):
            if branch is None:
                return None
            if branch.startswith("/"):
                branches.append(f"({branch})")
            elif _PLAIN_STEP.match(branch):
                branches.append(f"(//{branch})")
            else:
                return None
    return " | ".join(branches) or None


def top_level_branches(expression: str) -> list[str]:
    """The branches of an expression's top-level `|` (not inside brackets, braces or quotes)."""
    parts, depth, quote, start = [], 0, None, 0
    for n, ch in enumerate(expression):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(expression[start:n])
            start = n + 1
    return [*parts, expression[start:]]


def _split_union(context: str) -> list[str | None]:
    """The branches of a pattern's top-level `|` (None for a branch that uses `union`, `except`
    or `intersect` at the top level, which are not split here)."""
    out: list[str | None] = []
    for part in (p.strip() for p in top_level_branches(context)):
        bare = _outside_predicates(part)
        out.append(None if not part or re.search(r"\b(union|except|intersect)\b", bare) else part)
    return out


def _outside_predicates(context: str) -> str:
    outside, depth = [], 0
    for ch in context:
        depth += ch == "["
        if depth == 0:
            outside.append(ch)
        depth -= ch == "]" and depth > 0
    return "".join(outside)


def _location_function() -> etree._Element:
    """edsch:loc(node): the place of a node as element positions from the root, `1/4/2`, an
    attribute's name after its element's (`1/4/2/@Q{}who`); '' for no node."""
    f = X.function(name="edsch:loc", **{"as": "Q{http://www.w3.org/2001/XMLSchema}string"})
    f.append(X.param(name="node", **{"as": "node()?"}))
    f.append(
        X.sequence(
            select=(
                "if (empty($node)) then '' else "
                "string-join(($node/ancestor-or-self::*) ! string(count(preceding-sibling::*) + 1), '/') "
                "|| (if ($node instance of attribute()) then '/@' || "
                "'Q{' || namespace-uri($node) || '}' || local-name($node) else '')"
            )
        )
    )
    return f
