"""A document held in memory against a RELAX NG schema, by libxml2 (lxml), with editors' diagnostics.

libxml2 checks the project's RELAX NG (generated from the ODD, `schemas/edition.rng`) in
milliseconds a megabyte, where xmlschema took most of a second for the showcase alone. Its
messages are terse ("Element gap failed to validate attributes") and it places them by a
positional path (`/*/*[2]/*`); this module turns each into the toolkit's diagnostic: code E200,
the element's line, column and path, a message that names what is wrong, and a hint.

What the message cannot say, the schema can: for an attribute libxml2 refuses, the attribute is
found by asking the validator again without each attribute of the element in turn (a few
validations of an invalid document, PROBE_BUDGET at most), and its allowed values and the element's required
attributes are read off the grammar's definition of the element (`Attributes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.validate.document import Document
from edition.validate.schemas import RNG_NS, Schema, SchemaError
from edition.validate.walk import Where

_R = f"{{{RNG_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: An element with more attributes than this is not probed attribute by attribute.
PROBE_LIMIT = 12
#: At most this many validations of a document are spent on probing (each reads the whole
#: tree): the first errors get the attribute named, the rest what the grammar alone tells.
PROBE_BUDGET = 24

#: libxml2's messages (relaxng.c), each with the toolkit's wording: {el} is the element the error
#: is about, the groups are libxml2's. Unknown messages are shown as libxml2 gives them.
MESSAGES: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(p), message, hint)
    for p, message, hint in (
        (
            r"^Did not expect element (?P<name>\S+) there$",
            "<{name}> is not allowed here, in <{parent}>",
            "the encoding manual (docs/encoding.md) says what <{parent}> may contain",
        ),
        (
            r"^Expecting an element (?P<name>\S+), got nothing$",
            "<{el}> is not complete: <{name}> is missing at its end",
            None,
        ),
        (
            r"^Expecting an element\s*, got nothing$",
            "<{el}> is not complete: an element is missing at its end",
            "the encoding manual (docs/encoding.md) says what <{el}> must contain",
        ),
        (
            r"^Expecting element (?P<want>\S+), got (?P<got>\S+)$",
            "<{got}> is not allowed here, in <{parent}>: <{want}> is expected",
            None,
        ),
        (
            r"^Invalid attribute (?P<att>\S+) for element (?P<name>\S+)$",
            "<{el}>: attribute {att} is not allowed here",
            "{allowed}",
        ),
        (
            r"^Element (?P<name>\S+) has extra content: (?P<what>.*)$",
            "<{el}> has content it may not have: {what}",
            None,
        ),
        (r"^Expecting an element got text$", "<{el}> may not hold text here", None),
        (r"^Element (?P<name>\S+) failed to validate content$", "<{el}>: its content is not valid", None),
        (r"^Datatype element (?P<name>\S+) has child elements$", "<{el}> may hold only text", None),
        (
            r"^Element (?P<name>\S+) has wrong namespace: expecting (?P<ns>\S+)$",
            "<{el}> is in the wrong namespace",
            "it belongs in {ns}",
        ),
        (r"^Expecting element (?P<name>\S+) to have no namespace$", "<{el}> must be in no namespace", None),
        (r"^Expecting no namespace for element (?P<name>\S+)$", "<{el}> must be in no namespace", None),
        (
            r"^(?:Type (?P<type>\S+) doesn't allow value '(?P<value>.*)'|Error validating value.*"
            r"|Error validating datatype.*)$",
            "<{el}>: its text is not a valid value",
            None,
        ),
    )
)


@dataclass(frozen=True)
class Attributes:
    """What the grammar says of an element's attributes: the allowed values of each attribute
    that has a closed list, and the attributes it must have."""

    values: dict[str, tuple[str, ...]]
    required: tuple[str, ...]


class Grammar:
    """One RELAX NG schema: libxml2's validator and the schema's tree, read once a process."""

    def __init__(self, path: Path) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            self.tree = etree.parse(str(path), parser)
            self.validator = etree.RelaxNG(self.tree)
        except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
            raise SchemaError(f"{path}: not a usable RELAX NG schema: {exc}") from None
        self._attributes: dict[str, Attributes] = {}

    @cached_property
    def _defines(self) -> dict[str, etree._Element]:
        return {d.get("name"): d for d in self.tree.getroot().iter(_R + "define")}

    def attributes(self, local: str) -> Attributes:
        """Every definition of the element `local` (in any namespace), its attributes merged."""
        if local not in self._attributes:
            values: dict[str, list[str]] = {}
            required: list[str] = []
            for element in self.tree.getroot().iter(_R + "element"):
                if element.get("name") == local:
                    for att, optional in self._attributes_of(element, False, set()):
                        name = att.get("name")
                        if name is None:
                            continue
                        found = [v.text or "" for v in att.iter(_R + "value")]
                        if found:
                            values.setdefault(name, [])
                            values[name] += [v for v in found if v not in values[name]]
                        if not optional and name not in required:
                            required.append(name)
            self._attributes[local] = Attributes({k: tuple(v) for k, v in values.items()}, tuple(required))
        return self._attributes[local]

    def _attributes_of(
        self, node: etree._Element, optional: bool, seen: set[str]
    ) -> Iterator[tuple[etree._Element, bool]]:
        for child in node:
            if not isinstance(child.tag, str) or child.tag == _R + "element":
                continue  # another element's attributes are its own
            if child.tag == _R + "attribute":
                yield child, optional
            elif child.tag == _R + "ref":
                name = child.get("name")
                target = self._defines.get(name)
                if target is not None and name not in seen and target.find(_R + "element") is None:
                    yield from self._attributes_of(target, optional, seen | {name})
            else:
                yield from self._attributes_of(
                    child, optional or child.tag in (_R + "optional", _R + "zeroOrMore", _R + "choice"), seen
                )


_grammars: dict[tuple[Path, int, int], Grammar] = {}


def grammar_of(schema: Schema) -> Grammar:
    """The schema's Grammar, built once a process (and again if the file changes)."""
    stat = schema.path.stat()
    key = (schema.path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _grammars:
        _grammars[key] = Grammar(schema.path)
    return _grammars[key]


def check(schema: Schema, doc: Document, limit: int) -> list[tuple[Diagnostic, Where | None]]:
    """The grammar errors of a document in memory (at most `limit`, then a note that there are
    more), each with its place."""
    grammar = grammar_of(schema)
    if grammar.validator.validate(doc.tree):
        return []
    entries = [(entry, _element(doc.tree, entry.path)) for entry in grammar.validator.error_log]
    # libxml2 may announce an element's error twice, once with no place ("Element gap failed to
    # validate attributes") and once on the element ("Invalid attribute reason for element gap"):
    # an entry that names no place is shown only when none does.
    if any(el is not None for _, el in entries):
        entries = [(entry, el) for entry, el in entries if el is not None]
    placed = []
    budget = [PROBE_BUDGET]
    for entry, el in entries[:limit]:
        where = doc.where(el) if el is not None else None
        message, hint = _explain(entry.message, el, grammar, doc, budget)
        found = Diagnostic(
            "E200",
            "error",
            message,
            doc.name,
            where.line if where else (entry.line or None),
            None,
            hint,
            where.path if where else None,
        )
        if all(found != d for d, _ in placed):  # two of libxml2's entries can read the same
            placed.append((found, where))
    if len(entries) > limit:
        placed.append(
            (Diagnostic("E200", "info", f"more than {limit} grammar errors; the rest are not shown", doc.name), None)
        )
    return placed


def _element(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    """The element libxml2's positional path names (`/*/*[2]/*`), if it names one."""
    if not path or not path.startswith("/"):
        return None
    try:
        found = tree.xpath(path)
    except etree.XPathError:
        return None
    return (
        next((n for n in found if isinstance(n, etree._Element) and isinstance(n.tag, str)), None)
        if isinstance(found, list)
        else None
    )


def _local(el: etree._Element | None) -> str:
    return etree.QName(el).localname if el is not None else "?"


def _explain(
    raw: str, el: etree._Element | None, grammar: Grammar, doc: Document, budget: list[int]
) -> tuple[str, str | None]:
    """An editor's message and hint for one of libxml2's messages about `el`."""
    raw = raw.strip()
    m = re.fullmatch(r"Element (?P<name>\S+) failed to validate attributes", raw)
    if m and el is not None:
        return _attribute_error(el, grammar, doc, budget)
    m = re.fullmatch(r"Invalid attribute (?P<att>\S+) for element (?P<name>\S+)", raw)
    if m and el is not None:
        value_error = _bad_value(el, grammar.attributes(_local(el)), m["att"])
        if value_error is not None:
            return value_error
    parent = el.getparent() if el is not None else None
    if el is not None and parent is None and raw.startswith(("Did not expect element", "Expecting element")):
        return (
            f"<{_local(el)}>: '{_local(el)}' is not an element of the schema, or not in its namespace",
            'the root must be <TEI xmlns="http://www.tei-c.org/ns/1.0">',
        )
    for pattern, message, hint in MESSAGES:
        m = pattern.match(raw)
        if m:
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            fields.update(el=_local(el), parent=_local(parent))
            if "att" in fields:
                fields["allowed"] = _allowed(grammar.attributes(_local(el)), fields["att"])
            shown = hint.format(**fields) if hint else ""
            return message.format(**fields), shown if shown and shown != "None" else None
    return f"<{_local(el)}>: {raw}", None


def _attribute_error(el: etree._Element, grammar: Grammar, doc: Document, budget: list[int]) -> tuple[str, str | None]:
    """Which attribute of `el` the validator refuses: the first whose absence it accepts; else one
    the element must have and lacks; else the attributes together."""
    local = _local(el)
    known = grammar.attributes(local)
    items = list(el.attrib.items())
    value_error = _bad_value(el, known)
    if value_error is not None:
        return value_error
    if len(items) <= PROBE_LIMIT and budget[0] >= len(items):
        budget[0] -= len(items)
        path = doc.tree.getpath(el)
        for name, value in items:
            del el.attrib[name]
            try:
                grammar.validator.validate(doc.tree)
                fixed = not any(e.path == path and "attribute" in e.message for e in grammar.validator.error_log)
            finally:
                el.attrib.clear()
                el.attrib.update(items)
            if fixed:
                att = _shown(name)
                return (
                    f"<{local}>: attribute {att}={value!r} is not allowed here, or not this value",
                    _allowed(known, att),
                )
    missing = _missing(el, known)
    if missing is not None:
        return missing
    # libxml2 sometimes blames a child for its parent's attributes (a <choice> in a <stage>
    # without its type): say what the nearest ancestor lacks, if one does
    for ancestor in el.iterancestors():
        anc = grammar.attributes(_local(ancestor))
        found = _bad_value(ancestor, anc) or _missing(ancestor, anc)
        if found is not None:
            return f"{found[0]} (the validator stopped at <{local}> inside it)", found[1]
    return f"<{local}>: its attributes are not valid together", None


def _missing(el: etree._Element, known: Attributes) -> tuple[str, str | None] | None:
    """The required attributes `el` lacks, as a message and hint; None when it has them all."""
    missing = [a for a in known.required if _clark(a) not in el.attrib]
    if not missing:
        return None
    listed = ", ".join(missing)
    return (
        f"<{_local(el)}>: missing required attribute{'s' * (len(missing) > 1)} {listed}",
        _allowed(known, missing[0]),
    )


def _bad_value(el: etree._Element, known: Attributes, local_name: str | None = None) -> tuple[str, str | None] | None:
    """The first attribute of `el` (named `local_name`, if given) whose value is not in its closed
    list, as a message and hint; or a repeated xml:id."""
    for name, value in el.attrib.items():
        shown = _shown(name)
        if local_name is not None and etree.QName(name).localname != local_name:
            continue
        if shown == "xml:id" and _repeated(el, value):
            return (f"<{_local(el)}> repeats xml:id {value!r}", "ids must be unique")
        values = known.values.get(shown)
        if values and value not in values and not set(value.split()) <= set(values):
            return (
                f"<{_local(el)}>: attribute {shown}={value!r}: the value is not one the schema allows",
                _allowed(known, shown),
            )
    return None


def _repeated(el: etree._Element, value: str) -> bool:
    """Whether an element before `el` has the same xml:id."""
    for other in el.getroottree().iter(etree.Element):
        if other is el:
            return False
        if other.get(XML_ID) == value:
            return True
    return False


def _allowed(known: Attributes, att: str) -> str | None:
    values = known.values.get(att)
    return f"{att} takes one of: {', '.join(values)}" if values else None


def _shown(name: str) -> str:
    return name.replace("{http://www.w3.org/XML/1998/namespace}", "xml:")


def _clark(name: str) -> str:
    return name.replace("xml:", "{http://www.w3.org/XML/1998/namespace}", 1)
