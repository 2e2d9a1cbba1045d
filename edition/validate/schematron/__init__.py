"""The project's ISO Schematron: a schema compiled to XSLT 3.0 once per process, run by saxonche.

    compiled = compile_schematron("rules.sch")          # or an ODD, an lxml tree, bytes
    for finding in compiled.run(tree):                  # an lxml tree of the document
        print(finding.line, finding.code, finding.message, finding.hint)

`compile_schematron` accepts a Schematron schema or a TEI ODD (its `constraintSpec`s of scheme
"schematron" are gathered into one schema: `odd.py`); compiled schemas are kept for the life of
the process, keyed by their content and phase, and each thread compiles the stylesheet once
(saxonche's executables are not shared between threads). A schema that cannot be used — not
Schematron, an unsupported query binding, an expression that would read a file — is a
SchemaError, before any document is read.

A finding carries what the schema said (kind, ids, role, flag, message, diagnostics) and the lxml
element it is about (an attribute's element, with the attribute's name), so the caller places it
with lxml's line numbers and the toolkit's paths; Saxon-HE knows no lines.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.errors import SchemaError, TransformError, XMLInputError
from edition.validate.schematron.compiler import ED_NS, Generated, to_xslt
from edition.validate.schematron.odd import TEI_NS, from_odd
from edition.validate.schematron.safety import SCH_NS

__all__ = ["ED_NS", "SCH_NS", "Compiled", "Finding", "compile_schematron", "severity_of"]

#: A role (ISO leaves its values open) as one of the toolkit's severities; any other role, and
#: none, is an error.
SEVERITIES = {
    "fatal": "error",
    "error": "error",
    "warning": "warning",
    "warn": "warning",
    "info": "info",
    "information": "info",
}

_WS = re.compile(r"\s+")


def severity_of(role: str | None) -> str:
    return SEVERITIES.get((role or "error").strip().lower(), "error")


@dataclass(frozen=True)
class Finding:
    """An assert that failed or a report that held, about `element` (or its `attribute`)."""

    kind: str  # "assert" | "report"
    message: str  # whitespace collapsed, as a diagnostic prints it
    element: etree._Element | None
    attribute: str | None = None  # Clark name, when the node was an attribute
    id: str | None = None
    role: str | None = None
    flag: str | None = None
    pattern: str | None = None
    rule: str | None = None
    diagnostics: tuple[tuple[str, str], ...] = ()  # (id, text) in the order @diagnostics names them

    @property
    def severity(self) -> str:
        return severity_of(self.role)

    @property
    def line(self) -> int | None:
        return self.element.sourceline if self.element is not None else None

    @property
    def hint(self) -> str | None:
        return "; ".join(text for _, text in self.diagnostics if text) or None


@dataclass(frozen=True)
class Compiled:
    """A schema compiled for one phase: `run(tree)` checks a document."""

    digest: str
    generated: Generated
    source: str

    @property
    def xslt(self) -> str:
        return self.generated.xslt

    def run(
        self, doc: etree._ElementTree | etree._Element, name: str = "<document>", text: str | None = None
    ) -> list[Finding]:
        """Every finding on the document, in the order of the active patterns, then of the
        document. A document the schema's expressions fail on is a TransformError naming it.

        `text` is the document as lxml read it, when the caller has it (decoded, no DOCTYPE):
        Saxon then parses those characters rather than a serialisation of the tree, which
        costs a validation about half a millisecond of the showcase's 20. Findings are placed
        by counting elements, which the two readings hold alike."""
        from edition.render.saxon import processor

        tree = doc if isinstance(doc, etree._ElementTree) else doc.getroottree()
        proc = processor()
        exe = self._executable()
        try:
            node = proc.parse_xml(xml_text=text if text is not None else etree.tostring(tree, encoding="unicode"))
        except Exception as exc:  # noqa: BLE001 — saxonche raises bare exceptions
            raise XMLInputError(f"the XSLT processor cannot read it: {_flat(exc)}", file=name) from None
        try:
            exe.set_global_context_item(xdm_item=node)
            out = exe.transform_to_string(xdm_node=node)
        except Exception as exc:  # noqa: BLE001
            raise TransformError(
                f"the Schematron {self.source} failed on the document: {_flat(exc)}",
                file=name,
                hint="a test of the schema does not fit this document (a type error, most often)",
            ) from None
        return _findings(etree.fromstring(out.encode("utf-8")), tree.getroot())

    def _executable(self):
        from edition.render.saxon import processor

        cache = _local.__dict__.setdefault("executables", {})
        if self.digest not in cache:
            try:
                cache[self.digest] = (
                    processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=self.generated.xslt)
                )
            except Exception as exc:  # noqa: BLE001
                raise SchemaError(
                    f"{self.source}: the Schematron does not compile: {_flat(exc)}",
                    hint="an expression of the schema is not XPath 3.1, or names an "
                    "undeclared prefix (declare it with <sch:ns>)",
                ) from None
        return cache[self.digest]


_compiled: dict[tuple[str, str | None], Compiled] = {}
_lock = threading.Lock()
_local = threading.local()


def compile_schematron(
    source: str | Path | bytes | etree._Element | etree._ElementTree, phase: str | None = None, name: str | None = None
) -> Compiled:
    """Compile a Schematron schema, or the Schematron of a TEI ODD, once per process."""
    schema, label = _schema_of(source, name)
    digest = hashlib.sha256(etree.tostring(schema, method="c14n")).hexdigest()
    key = (digest, phase)
    with _lock:
        if key not in _compiled:
            generated = to_xslt(schema, label, phase)
            compiled = Compiled(hashlib.sha256(generated.xslt.encode()).hexdigest(), generated, label)
            compiled._executable()  # a stylesheet that does not compile fails here, not later
            _compiled[key] = compiled
        return _compiled[key]


def _schema_of(source, name: str | None) -> tuple[etree._Element, str]:
    from edition.xmlio import parse_bytes, parse_file

    try:
        if isinstance(source, etree._ElementTree):
            root, label = source.getroot(), name or "<schematron>"
        elif isinstance(source, etree._Element):
            root, label = source, name or "<schematron>"
        elif isinstance(source, bytes):
            label = name or "<schematron>"
            root = parse_bytes(source, label).getroot()
        else:
            label = name or str(source)
            root = parse_file(source).getroot()
    except XMLInputError as exc:
        raise SchemaError(f"the Schematron cannot be read: {exc}") from None
    if root.tag == f"{{{TEI_NS}}}TEI":
        return from_odd(root, label), label
    return root, label


def _findings(result: etree._Element, root: etree._Element) -> list[Finding]:
    children: dict[etree._Element, list[etree._Element]] = {}
    out = []
    for f in result:
        element, attribute = _locate(f.get("loc", ""), root, children)
        out.append(
            Finding(
                f.get("kind"),
                _message(f.find("message"), root, children),
                element,
                attribute,
                f.get("id"),
                f.get("role"),
                f.get("flag"),
                f.get("pattern") or None,
                f.get("rule"),
                tuple((d.get("id"), _message(d, root, children)) for d in f.findall("diagnostic")),
            )
        )
    return out


def _message(el: etree._Element | None, root, children) -> str:
    """The text of a message, each <line loc> replaced by that node's line ('?' if unknown)."""
    if el is None:
        return ""
    parts = [el.text or ""]
    for line in el:
        found, _ = _locate(line.get("loc", ""), root, children)
        parts.append(str(found.sourceline) if found is not None and found.sourceline else "?")
        parts.append(line.tail or "")
    return _WS.sub(" ", "".join(parts)).strip()


def _locate(loc: str, root: etree._Element, children) -> tuple[etree._Element | None, str | None]:
    """The element a location names (`1/4/2`, `1/4/2/@Q{}who`), and the attribute's Clark name."""
    if not loc:
        return None, None
    path, _, attribute = loc.partition("/@")
    steps = path.split("/")
    el = root
    for step in steps[1:]:
        kids = children.get(el)
        if kids is None:
            kids = children[el] = [c for c in el if isinstance(c.tag, str)]
        el = kids[int(step) - 1]
    if attribute:
        m = re.fullmatch(r"Q\{([^}]*)\}(.+)", attribute)
        attribute = f"{{{m[1]}}}{m[2]}" if m and m[1] else (m[2] if m else attribute)
    return el, attribute or None


def _flat(exc: Exception) -> str:
    return _WS.sub(" ", str(exc)).strip()
