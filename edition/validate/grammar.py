"""Grammar validation: a document against an XSD (xmlschema) or a RELAX NG schema (jing).

Every error becomes a Diagnostic with code E200, the element's line, column and path, and the
validator's reason. Assertions of the project's XSD carry their own explanation in an
xs:annotation, which is shown instead of the bare "assertion test is false".
"""

from __future__ import annotations

import gc
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.validate.document import Document
from edition.validate.schemas import Schema, SchemaError, compiled_xsd, jing
from edition.validate.walk import Where, qualified
from edition.xmlio import lxml_iterparse

#: A document with more grammar errors than this is cut short; the first ones are what to fix.
MAX_ERRORS = 200

#: lxml's RELAX NG compiler does not finish on schemas of TEI size; without jing only small ones.
LXML_RNG_LIMIT = 256 * 1024

_JING_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|fatal): (?P<msg>.*)$")


#: In a streamed document, the depth whose elements xmlschema validates one whole subtree at a
#: time: 3 is a child of <body>, <front> or <back> — a session — or of the header's parts.
LAZY_DEPTH = 3


def check_xsd(schema: Schema, doc: Document) -> Iterator[tuple[Diagnostic, Where | None]]:
    """Grammar errors of a document in memory, each with its place (its column is found later)."""
    import xmlschema

    # The tree is parsed already (safely); allow="none" keeps xmlschema from reading anything else.
    source = xmlschema.XMLResource(doc.tree, allow="none")
    for error in _capped(compiled_xsd(schema).iter_errors(source), doc.name):
        if isinstance(error, Diagnostic):
            yield error, None
            continue
        el = _element(error)
        where = doc.where(el) if el is not None else None
        yield _diagnostic(error, _local(el), doc.name, where), where


def check_xsd_stream(schema: Schema, fh: BinaryIO, name: str) -> Iterator[tuple[Diagnostic, Where | None]]:
    """Grammar errors of a document read in pieces from `fh`, one session at a time.

    Refuse a DOCTYPE first (`xmlio.check_prolog`); the parser given to xmlschema neither loads
    DTDs nor expands entities, but refuses nothing. Validated lazily, xmlschema lets each subtree
    go once checked and may no longer know the element of an attribute's error: an element's place
    is then its line and the validator's path, completed by the streaming rules pass."""
    import xmlschema

    xsd = compiled_xsd(schema)
    root = _root(fh)
    if root is not None and xsd.maps.elements.get(root.tag) is None:
        # Lazily, xmlschema would go on to validate the root's subtrees; in memory it stops here.
        local = etree.QName(root).localname
        where = Where(root.sourceline, f"/{local}", qualified(root), 0)
        yield (
            Diagnostic(
                "E200",
                "error",
                f"<{local}>: '{local}' is not an element of the schema",
                name,
                where.line,
                path=where.path,
            ),
            where,
        )
        return
    source = xmlschema.XMLResource(
        fh, allow="none", defuse="never", lazy=LAZY_DEPTH, thin_lazy=True, iterparse=lxml_iterparse
    )
    errors = xsd.iter_errors(source)
    try:
        for error in _capped(errors, name):
            if isinstance(error, Diagnostic):
                yield error, None
                continue
            el = _element(error)
            path = _own_path(error.path, el)
            local = _local(el) or (re.sub(r"\[\d+\]$", "", path.rpartition("/")[2]) if path else None)
            line = el.sourceline if el is not None else getattr(error, "sourceline", None)
            where = Where(line, path, qualified(el) if el is not None else local)
            yield _diagnostic(error, local, name, where), where
    finally:
        # Stopped early, xmlschema's generators form a cycle that the garbage collector would
        # close later, after the file: close them now, while it is open.
        errors.close()
        gc.collect()


def _root(fh: BinaryIO) -> etree._Element | None:
    """The root element of an open file (read no further), the file left at its start."""
    try:
        root = next((el for event, el in lxml_iterparse(fh, ("start",))), None)
    finally:
        fh.seek(0)
    return root


def _capped(errors: Iterable, name: str) -> Iterator:
    """The first MAX_ERRORS errors, then one note that there are more."""
    for count, error in enumerate(errors, start=1):
        if count > MAX_ERRORS:
            yield Diagnostic("E200", "info", f"more than {MAX_ERRORS} grammar errors; the rest are not shown", name)
            return
        yield error


def _element(error) -> etree._Element | None:
    """The element an error is about (for an attribute's error, the element that carries it)."""
    for el in (getattr(error, "obj", None), getattr(error, "elem", None)):
        if isinstance(el, etree._Element):
            return el
    return None


def _local(el: etree._Element | None) -> str | None:
    return etree.QName(el).localname if el is not None else None


def _diagnostic(error, local: str | None, name: str, where: Where | None) -> Diagnostic:
    return Diagnostic(
        "E200",
        "error",
        _xsd_message(error, local),
        name,
        line=where.line if where else getattr(error, "sourceline", None),
        path=where.path if where else None,
    )


def _own_path(path: str | None, el: etree._Element | None) -> str | None:
    """xmlschema's path of an error, cut back to the element the error is about (in a lazy
    resource it can run on to the child where the validator stopped), in the toolkit's own
    convention: no prefixes, no position [1]."""
    if not path:
        return None
    steps = re.sub(r"\{[^}]*\}|\w+:(?=\w)|\[1\](?=/|$)", "", path).split("/")
    if el is not None:
        local = etree.QName(el).localname
        while len(steps) > 2 and re.sub(r"\[\d+\]$", "", steps[-1]) != local:
            steps.pop()
    return "/".join(steps)


def _xsd_message(error, local: str | None) -> str:
    name = f"<{local}>" if local else "the document"
    explanation = _assert_explanation(error)
    if explanation:
        return f"{name}: {explanation}"
    reason = (error.reason or error.message or "is not valid").strip()
    for pattern, replacement in _PLAIN_WORDS:
        reason = pattern.sub(replacement, reason)
    reason = reason.strip()
    return f"{name} {reason}" if reason.startswith("is ") else f"{name}: {reason}"


#: xmlschema's reasons, reworded for editors (namespace noise and particle jargon removed).
_PLAIN_WORDS = [
    (re.compile(p), r)
    for p, r in (
        (r"\{http://www\.tei-c\.org/ns/1\.0\}|tei:", ""),
        (r"\{http://www\.w3\.org/XML/1998/namespace\}", "xml:"),
        (r"\s+", " "),
        (r"The particle .*? occurs \d+ times but the minimum is \d+\.\s*", ""),
        (r"The content of element '[^']+' is not complete\.", "is not complete;"),
        (r"Unexpected child with tag '([^']+)' at position (\d+)\.", r"<\1> is not allowed here (child \2);"),
        (
            r"Tag \(([^)]*)\) expected\.",
            lambda m: "expected one of " + ", ".join(f"<{_plain_name(t)}>" for t in m.group(1).split("|")) + ".",
        ),
        (r"Tag '([^']+)' expected\.", lambda m: f"expected <{_plain_name(m.group(1))}>."),
        (r";\s*$", "."),
    )
]


def _plain_name(tag: str) -> str:
    """An element name as the document's editor writes it: the schema's own prefix for the TEI
    namespace (trang names it `ns1`) left out, `xml:` kept."""
    prefix, _, local = tag.strip(" '").rpartition(":")
    return f"{prefix}:{local}" if prefix == "xml" else local


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
            raise SchemaError(
                f"{schema.path}: validating against a RELAX NG schema this large needs jing",
                hint="install it (Debian: apt install jing) or use an XSD",
            )
        rng = _lxml_rng(schema)
        return {doc.name: list(_lxml_rng_errors(rng, doc)) for doc in docs}
    return _jing(program, schema, docs)


def _jing(program: str, schema: Schema, docs: list[Document]) -> dict[str, list[Diagnostic]]:
    by_path = {str(Path(doc.name).resolve()): doc for doc in docs}
    try:
        run = subprocess.run(
            [program, str(schema.path), *by_path], capture_output=True, text=True, timeout=600, check=False
        )
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
        found[doc.name].append(
            Diagnostic(
                "E200",
                "warning" if m["sev"] == "warning" else "error",
                m["msg"],
                doc.name,
                int(m["line"]),
                int(m["col"]),
            )
        )
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
        yield Diagnostic("E200", "error", entry.message, doc.name, entry.line or None, entry.column or None)
