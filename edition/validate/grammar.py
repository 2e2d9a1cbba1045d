"""Grammar validation: a document against an XSD (xmlschema) or a RELAX NG schema (jing).

Every error becomes a Diagnostic with code E200, the element's line, column and path, and the
validator's reason. Assertions of the project's XSD carry their own explanation in an
xs:annotation, which is shown instead of the bare "assertion test is false".
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.validate.document import Document
from edition.validate.schemas import Schema, SchemaError, compiled_xsd, jing

#: A document with more grammar errors than this is cut short; the first ones are what to fix.
MAX_ERRORS = 200

#: lxml's RELAX NG compiler does not finish on schemas of TEI size; without jing only small ones.
LXML_RNG_LIMIT = 256 * 1024

_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|fatal): (?P<msg>.*)$")


def check_xsd(schema: Schema, doc: Document) -> Iterator[Diagnostic]:
    import xmlschema

    xsd = compiled_xsd(schema)
    # The tree is parsed already (safely); allow="none" keeps xmlschema from reading anything else.
    source = xmlschema.XMLResource(doc.tree, allow="none")
    for count, error in enumerate(xsd.iter_errors(source), start=1):
        if count > MAX_ERRORS:
            yield Diagnostic("E200", "info", f"more than {MAX_ERRORS} grammar errors; the rest are "
                             "not shown", doc.name)
            return
        el = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
        yield Diagnostic(
            "E200", "error", _xsd_message(error, el), doc.name,
            line=getattr(error, "sourceline", None) or (el.sourceline if el is not None else None),
            col=doc.column(el) if el is not None else None,
            path=doc.path(el) if el is not None else None)


def _xsd_message(error, el) -> str:
    name = f"<{etree.QName(el).localname}>" if el is not None else "the document"
    explanation = _assert_explanation(error)
    if explanation:
        return f"{name}: {explanation}"
    reason = (error.reason or error.message or "is not valid").strip()
    for pattern, replacement in _PLAIN_WORDS:
        reason = pattern.sub(replacement, reason)
    reason = reason.strip()
    return f"{name} {reason}" if reason.startswith("is ") else f"{name}: {reason}"


#: xmlschema's reasons, reworded for editors (namespace noise and particle jargon removed).
_PLAIN_WORDS = [(re.compile(p), r) for p, r in (
    (r"\{http://www\.tei-c\.org/ns/1\.0\}|tei:", ""),
    (r"\{http://www\.w3\.org/XML/1998/namespace\}", "xml:"),
    (r"\s+", " "),
    (r"The particle .*? occurs \d+ times but the minimum is \d+\.\s*", ""),
    (r"The content of element '[^']+' is not complete\.", "is not complete;"),
    (r"Unexpected child with tag '([^']+)' at position (\d+)\.", r"<\1> is not allowed here (child \2);"),
    (r"Tag \(([^)]*)\) expected\.", lambda m: "expected one of " + ", ".join(
        "<" + t.strip(" '") + ">" for t in m.group(1).split("|")) + "."),
    (r"Tag '([^']+)' expected\.", r"expected <\1>."),
    (r";\s*$", "."),
)]


def _assert_explanation(error) -> str | None:
    validator = getattr(error, "validator", None)
    if type(validator).__name__ != "XsdAssert":
        return None
    annotation = getattr(validator, "annotation", None)
    text = str(annotation).strip() if annotation is not None else ""
    return re.sub(r"\s+", " ", text) or f"the rule {validator.path!r} does not hold"


def check_rng(schema: Schema, docs: list[Document]) -> dict[str, list[Diagnostic]]:
    """Validate many documents against one RELAX NG schema; jing is started once for all of them."""
    if not docs:
        return {}
    program = jing()
    if program is None:
        if schema.path.stat().st_size > LXML_RNG_LIMIT:
            raise SchemaError(f"{schema.path}: validating against a RELAX NG schema this large needs "
                              "jing", hint="install it (Debian: apt install jing) or use an XSD")
        rng = _lxml_rng(schema)
        return {doc.name: list(_lxml_rng_errors(rng, doc)) for doc in docs}
    return _jing(program, schema, docs)


def _jing(program: str, schema: Schema, docs: list[Document]) -> dict[str, list[Diagnostic]]:
    by_path = {str(Path(doc.name).resolve()): doc for doc in docs}
    try:
        run = subprocess.run([program, str(schema.path), *by_path], capture_output=True, text=True,
                             timeout=600, check=False)
    except subprocess.TimeoutExpired:
        raise SchemaError("jing did not finish in 10 minutes") from None
    found: dict[str, list[Diagnostic]] = {doc.name: [] for doc in docs}
    for raw in run.stdout.splitlines():
        m = _JING_LINE.match(raw)
        if not m:
            continue
        doc = by_path.get(m["file"]) or by_path.get(str(Path(m["file"]).resolve()))
        if doc is None:  # an error in the schema itself
            raise SchemaError(f"{schema.path}: jing cannot use this schema: {m['msg']}")
        found[doc.name].append(Diagnostic("E200", "warning" if m["sev"] == "warning" else "error",
                                          m["msg"], doc.name, int(m["line"]), int(m["col"])))
    if run.returncode not in (0, 1) or (run.returncode == 1 and not any(found.values())):
        detail = (run.stdout + run.stderr).strip().splitlines()
        raise SchemaError(f"jing failed on {schema.path}: {detail[-1] if detail else run.returncode}")
    return found


def _lxml_rng(schema: Schema) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(etree.parse(str(schema.path)))
    except (etree.RelaxNGParseError, etree.XMLSyntaxError) as exc:
        raise SchemaError(f"{schema.path}: not a usable RELAX NG schema: {exc}") from None


def _lxml_rng_errors(rng: etree.RelaxNG, doc: Document) -> Iterable[Diagnostic]:
    if rng.validate(doc.tree):
        return
    for entry in rng.error_log:
        yield Diagnostic("E200", "error", entry.message, doc.name, entry.line or None,
                         entry.column or None)
