"""The project's rules as its ODD states them: the Schematron of `schemas/edition.odd`.

Every document held in memory is checked by the ODD's Schematron (compiled once per process,
`schematron/`), so the rules an editor's own tools run from the ODD are the rules the toolkit
runs. A finding's code is the first of its assert's, rule's and pattern's ids that is a code
(`E305`; in the ODD, a pattern's id is its constraintSpec's ident) or a code and a name
(`E200-gap-unit`: ids are unique, and several constraints report a grammar error, E200); a
schema's finding that carries none is E310 (W310, I310 by its role). Its place is the element lxml knows the line of,
with the toolkit's path and column.

Documents too large to hold are streamed, and Saxon-HE cannot stream a schema whose rules look
across the document (ids, pointers, the register): the stream runs `rules.py`, the same rules in
Python over one pass. tests/test_validate_stream.py holds the two to the same diagnostics,
document by document.
"""

from __future__ import annotations

import re

from edition import resources
from edition.diagnostics import Diagnostic
from edition.validate.document import Document
from edition.validate.schematron import Compiled, Finding, compile_schematron
from edition.validate.walk import Where

#: The code of a finding whose schema gives it none, by severity.
UNCODED = {"error": "E310", "warning": "W310", "info": "I310"}
_CODE = re.compile(r"([EWI]\d{3})(?:-[\w.-]+)?")
#: The Schematron phases of schemas/edition.odd: the grammar's co-occurrences alone (E200), the
#: rules alone (E301–E309, W308, for documents validated against another schema).
GRAMMAR_PHASE = "grammar"
RULES_PHASE = "rules"


def project_rules(phase: str | None = None) -> Compiled:
    """The Schematron of the project's ODD, compiled (once per process): every pattern, or those
    of one phase (GRAMMAR_PHASE, RULES_PHASE)."""
    return compile_schematron(resources.schema_file("edition.odd"), phase=phase)


def code_of(finding: Finding) -> str:
    for ident in (finding.id, finding.rule, finding.pattern):
        m = _CODE.fullmatch(ident) if ident else None
        if m:
            return m[1]
    return UNCODED[finding.severity]


def check(doc: Document, compiled: Compiled | None = None) -> list[tuple[Diagnostic, Where | None]]:
    """The findings of the Schematron on a document in memory, as placed diagnostics."""
    compiled = compiled or project_rules()
    placed = []
    for f in compiled.run(doc.tree, doc.name, doc.text()):
        where = doc.where(f.element) if f.element is not None else None
        code = code_of(f)
        message = f.message if code not in UNCODED.values() or not f.id else f"[{f.id}] {f.message}"
        placed.append(
            (
                Diagnostic(
                    code,
                    f.severity,
                    message,
                    doc.name,
                    where.line if where else None,
                    None,
                    f.hint,
                    where.path if where else None,
                ),
                where,
            )
        )
    return placed
