"""The ODD's E200 constraints on a document too large to hold, checked element by element.

What the project's grammar cannot state — a gap's quantity needs a unit, a vote's @min is not
above its @max, a turn needs a block after its speaker — the ODD states as Schematron
(`constraintSpec`s whose ident is `E200-…`, the phase "grammar"), and nowhere else: the XSD the
stream is checked against is generated from the RELAX NG (`scripts/gen_schemas.py`) and knows
none of it. A held document is checked by the ODD's Schematron run by saxonche
(`constraints.py`); a streamed one by this module, which reads the same rules from the ODD and
asks each of them of an element when it ends, so that both say the same thing, word for word, at
the same place (tests/test_validate_stream.py).

Only what a stream can answer is accepted, and the ODD's rules are held to it (a SchemaError
otherwise, which tests/test_validate_stream.py would show at once): a rule's context is a union
of TEI element names, each with an optional predicate (`tei:measure[@min and @max]`); a pattern
has no `let`. A test (or predicate) that asks only which attributes and which children an element
has is answered by lxml from a summary of the element (its attributes, one empty child per child
name), which the stream can give after letting the children go; any other is evaluated by
elementpath on the whole element, which the stream then holds until it ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from edition import resources
from edition.diagnostics import Diagnostic
from edition.errors import SchemaError
from edition.validate.schemas import Schema
from edition.validate.schematron import SCH_NS, Finding, severity_of
from edition.validate.schematron.compiler import top_level_branches
from edition.validate.schematron.odd import TEI_NS, from_odd
from edition.validate.walk import Walk, Where

_S = f"{{{SCH_NS}}}"
_WS = re.compile(r"\s+")

#: A branch of a rule context a stream can match: a prefixed element name and an optional predicate.
_CONTEXT = re.compile(r"\s*(?P<prefix>[A-Za-z_][\w.\-]*):(?P<local>[A-Za-z_][\w.\-]*)\s*(?:\[(?P<pred>.*)\])?\s*")

#: The tokens of a test that asks only about children's and attributes' presence.
_EXISTENCE = re.compile(
    r"\s*(?:(?P<name>@?[A-Za-z_][\w.\-]*:[A-Za-z_][\w.\-]*|@[A-Za-z_][\w.\-]*)"
    r"|(?P<op>\||\(|\)|and\b|or\b|not(?=\s*\()))"
)


@dataclass(frozen=True)
class Expression:
    """A test or predicate: lxml on a summary of the element, or elementpath on the element."""

    text: str
    summary: etree.XPath | None  # existence-only; None: evaluated exactly
    exact: object | None  # elementpath's parsed expression

    def holds(self, el: etree._Element, children) -> bool:
        if self.summary is not None:
            target = etree.Element(el.tag, dict(el.attrib))
            for tag in children:
                etree.SubElement(target, tag)
            result = self.summary(target)
            return result == result and result != 0 if isinstance(result, float) else bool(result)
        return _effective_boolean(_evaluate(self.exact, el))


@dataclass(frozen=True)
class Check:
    """An assert or report of a rule, with what its message is made of."""

    kind: str  # "assert" | "report"
    test: Expression
    message: tuple[str | object, ...]  # text, or a parsed expression whose value is written
    id: str | None
    role: str | None


@dataclass(frozen=True)
class Rule:
    tags: dict[str, Expression | None]  # Clark name → its predicate
    checks: tuple[Check, ...]
    id: str | None


@dataclass(frozen=True)
class Pattern:
    id: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Constraints:
    """The ODD's constraints of one phase, as a stream checks them."""

    patterns: tuple[Pattern, ...]

    @property
    def watch(self) -> frozenset[str]:
        return frozenset(tag for p in self.patterns for r in p.rules for tag in r.tags)

    @property
    def hold(self) -> frozenset[str]:
        """Elements whose subtree an exact test reads: the stream keeps them whole until they end."""
        exact = set()
        for p in self.patterns:
            for r in p.rules:
                expressions = [c.test for c in r.checks] + [pred for pred in r.tags.values() if pred]
                if any(e.summary is None for e in expressions):
                    exact |= set(r.tags)
        return frozenset(exact)


def for_stream(schema: Schema, phase: str) -> Constraints | None:
    """The constraints a streamed document is checked by: the project ODD's, of `phase`, for the
    project's schema (`edition`); None for any other schema, whose grammar is its own affair."""
    own = schema.name == "edition" and schema.path == resources.schema_file("edition.rng")
    return project_constraints(phase) if own else None


@lru_cache(maxsize=4)
def project_constraints(phase: str) -> Constraints:
    """The phase's patterns of the project's ODD, read once a process."""
    from edition.xmlio import parse_file

    odd = resources.schema_file("edition.odd")
    return read(from_odd(parse_file(odd).getroot(), str(odd)), phase, str(odd))


def read(schema: etree._Element, phase: str, source: str = "<schematron>") -> Constraints:
    """The patterns a phase of an ISO Schematron schema activates, as a stream checks them."""
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iter(_S + "ns")}
    namespaces.setdefault("tei", TEI_NS)
    phase_el = next((p for p in schema.iter(_S + "phase") if p.get("id") == phase), None)
    if phase_el is None:
        raise SchemaError(f"{source}: no Schematron phase {phase!r} for the stream to check")
    active = [a.get("pattern") for a in phase_el.iter(_S + "active")]
    by_id = {p.get("id"): p for p in schema.iter(_S + "pattern")}
    patterns = []
    for ident in active:
        if ident not in by_id:
            raise SchemaError(f"{source}: phase {phase!r} activates no such pattern: {ident}")
        patterns.append(_pattern(by_id[ident], namespaces, source))
    return Constraints(tuple(patterns))


def _pattern(pattern: etree._Element, namespaces: dict[str, str], source: str) -> Pattern:
    ident = pattern.get("id")
    if pattern.find(_S + "let") is not None or pattern.find(f"{_S}rule/{_S}let") is not None:
        raise SchemaError(f"{source}: pattern {ident}: a stream cannot check a pattern with <sch:let>")
    rules = []
    for rule in pattern.iter(_S + "rule"):
        tags: dict[str, Expression | None] = {}
        for branch in top_level_branches(rule.get("context", "")):
            m = _CONTEXT.fullmatch(branch)
            if m is None or m["prefix"] not in namespaces:
                raise SchemaError(
                    f"{source}: pattern {ident}: a stream cannot match the rule context {rule.get('context')!r}",
                    hint="a context for the stream is a union of prefixed element names, each with an optional predicate",
                )
            pred = _expression(m["pred"], namespaces) if m["pred"] else None
            tags[f"{{{namespaces[m['prefix']]}}}{m['local']}"] = pred
        if any(c.get("diagnostics") for c in rule):
            raise SchemaError(f"{source}: pattern {ident}: a stream does not give an assert's <sch:diagnostics>")
        checks = tuple(
            Check(
                etree.QName(c).localname,
                _expression(c.get("test", ""), namespaces),
                _message(c, namespaces),
                c.get("id"),
                c.get("role") or rule.get("role"),
            )
            for c in rule
            if c.tag in (_S + "assert", _S + "report")
        )
        rules.append(Rule(tags, checks, rule.get("id")))
    return Pattern(ident, tuple(rules))


def _expression(text: str, namespaces: dict[str, str]) -> Expression:
    if _existence_only(text, namespaces):
        return Expression(text, etree.XPath(text, namespaces=namespaces), None)
    return Expression(text, None, _parse(text, namespaces))


def _existence_only(test: str, namespaces: dict[str, str]) -> bool:
    pos = 0
    while pos < len(test.rstrip()):
        m = _EXISTENCE.match(test, pos)
        if m is None:
            return False
        name = m.group("name")
        if name and ":" in name and name.lstrip("@").split(":")[0] not in (*namespaces, "xml"):
            return False
        pos = m.end()
    return bool(test.strip())


def _message(check: etree._Element, namespaces: dict[str, str]) -> tuple:
    """The parts of a message: its text, and the expressions of its value-of and name."""
    parts: list = [check.text or ""]
    for child in check:
        if child.tag == _S + "value-of":
            parts.append(_parse(child.get("select") or ".", namespaces))
        elif child.tag == _S + "name":
            parts.append(_parse(f"name({child.get('path') or '.'})", namespaces))
        elif isinstance(child.tag, str):
            parts.append(" ".join(child.itertext()))
        parts.append(child.tail or "")
    return tuple(parts)


def _parse(text: str, namespaces: dict[str, str]):
    from elementpath.exceptions import ElementPathError
    from elementpath.xpath3 import XPath3Parser

    try:
        return XPath3Parser(namespaces=namespaces).parse(text)
    except ElementPathError as exc:
        raise SchemaError(f"the ODD's constraint {text!r} cannot be read: {exc}") from None


def _evaluate(token, el: etree._Element):
    from elementpath import XPathContext
    from elementpath.exceptions import ElementPathError

    try:
        return token.evaluate(XPathContext(root=el, fragment=True))
    except ElementPathError:
        return None  # a type error: as Saxon's would stop the document, the check does not hold


def _effective_boolean(value) -> bool:
    if isinstance(value, list):
        return bool(value) and (
            not isinstance(value[0], (bool, int, float, str)) or len(value) > 1 or _effective_boolean(value[0])
        )
    if isinstance(value, float):
        return value == value and value != 0
    return bool(value)


def _text(value) -> str:
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    if isinstance(value, etree._Element):
        return "".join(value.itertext())
    return "" if value is None else str(value)


class StreamCheck:
    """The constraints over one streamed document, as a watcher of the rules' pass (`walk.py`):
    told of each element a rule's context names as it ends; `findings` once the pass is done."""

    def __init__(self, constraints: Constraints) -> None:
        self.patterns = constraints.patterns
        self.watch = tuple(sorted(constraints.watch))
        self.hold = constraints.hold
        self.found: list[tuple[Finding, Where]] = []

    def end(self, el: etree._Element, walk: Walk) -> None:
        children = list(walk.child_tags())
        for pattern in self.patterns:
            for rule in pattern.rules:
                if el.tag not in rule.tags:
                    continue
                pred = rule.tags[el.tag]
                if pred is not None and not pred.holds(el, children):
                    continue
                for check in rule.checks:
                    if check.test.holds(el, children) == (check.kind == "report"):
                        message = "".join(p if isinstance(p, str) else _text(_evaluate(p, el)) for p in check.message)
                        finding = Finding(
                            check.kind,
                            _WS.sub(" ", message).strip(),
                            None,
                            None,
                            check.id,
                            check.role,
                            None,
                            pattern.id,
                            rule.id,
                        )
                        self.found.append((finding, walk.where()))
                break  # ISO: only the first rule of a pattern whose context matches fires

    def diagnostics(self, name: str) -> list[tuple[Diagnostic, Where]]:
        """The findings as the held document's Schematron gives them (`constraints.check`)."""
        from edition.validate.constraints import UNCODED, code_of

        out = []
        for f, w in self.found:
            code = code_of(f)
            message = f.message if code not in UNCODED.values() or not f.id else f"[{f.id}] {f.message}"
            out.append((Diagnostic(code, severity_of(f.role), message, name, w.line, None, None, w.path), w))
        return out
