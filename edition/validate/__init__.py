"""Validation of TEI documents: safe loading, grammar (RELAX NG or XSD), then the coded rules.

`validate(paths, schema)` is the one entry point; it never raises for a bad document — every
problem of a document is a Diagnostic in its FileReport — and raises SchemaError (a usage error)
only when the schema itself cannot be used. A document above `STREAM_ABOVE` is never held whole:
one streaming pass loads it safely and runs the rules, a second gives it to xmlschema one session
at a time, and a third reads back only the lines a diagnostic needs a column from.

The project's schema (`edition`) is its ODD: a document held in memory is checked against the
RELAX NG generated from it (`schemas/edition.rng`, by libxml2: `relaxng.py`) and the ODD's
Schematron, whose E200 constraints say what the grammar cannot (a gap's quantity needs a unit).
A streamed document is checked against `schemas/edition.xsd`, which says the same in XSD 1.1
(`schemas.for_stream`): xmlschema is asked only about documents the grammar gate (`gate.py`)
does not pass — libxml2 on the schema's XSD 1.0 projection, checked in the same pass as the
rules, plus the schema's asserts — so a valid document is read once.

The rules are the ODD's Schematron (`constraints.py`) on a document held in memory, and the same
rules in Python (`rules.py`) on a streamed one: Saxon-HE cannot stream rules that look across
the document (bench/RESULTS.md has the measurements).
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.errors import XMLInputError
from edition.validate import constraints, relaxng
from edition.validate import grammar as grammar_limits
from edition.validate.document import Document
from edition.validate.gate import GateCheck, gate_for
from edition.validate.grammar import check_rng, check_xsd, check_xsd_stream
from edition.validate.rules import RULES, RulePass
from edition.validate.schemas import Schema, SchemaError, for_stream, resolve
from edition.validate.walk import Where, columns
from edition.xmlio import TEI_NS, check_prolog, iterparse_safe, parse_bytes, parse_file

__all__ = [
    "LOAD_CODES",
    "RULES",
    "STREAM_ABOVE",
    "FileReport",
    "Report",
    "SchemaError",
    "expand",
    "validate",
    "validate_data",
]

#: Documents larger than this are validated as a stream, in memory bounded by their largest
#: session rather than their size; smaller ones are read whole, which is faster.
STREAM_ABOVE = 32 * 1024 * 1024

#: The code of each kind of document that cannot be loaded (meanings: docs/reference/diagnostics.md).
LOAD_CODES = {
    "unreadable": "E104",
    "empty": "E100",
    "malformed": "E100",
    "unsafe": "E101",
    "xinclude": "E102",
    "limit": "E105",
    "not-tei": "E103",
}


@dataclass
class FileReport:
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


@dataclass
class Report:
    schema: Schema
    rules: bool
    files: list[FileReport]

    def ok(self, strict: bool = False) -> bool:
        return all(f.ok(strict) for f in self.files)

    def summary(self, strict: bool = False) -> str:
        bad = sum(not f.ok(strict) for f in self.files)
        errors = sum(f.errors for f in self.files)
        warnings = sum(f.warnings for f in self.files)
        n = len(self.files)
        return (
            f"{n} file{'s' * (n != 1)} checked against {self.schema.name}"
            f"{' and the rules' if self.rules else ''}: {n - bad} valid, {bad} not valid; "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        )

    def as_dict(self, strict: bool = False) -> dict:
        return {
            "schema": {"name": self.schema.name, "language": self.schema.language, "path": str(self.schema.path)},
            "rules": self.rules,
            "valid": self.ok(strict),
            "files": [
                {
                    "file": f.file,
                    "valid": f.ok(strict),
                    "errors": f.errors,
                    "warnings": f.warnings,
                    "diagnostics": [d.__dict__ for d in f.diagnostics],
                }
                for f in self.files
            ],
            "summary": self.summary(strict),
        }


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given; a directory stands for every .xml file under it, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    return out


def validate(
    paths: list[str | Path], schema: str = "edition", rules: bool | None = None, stream_above: int = STREAM_ABOVE
) -> Report:
    """Validate every file; rules run by default with the project's schema only.

    Foreign TEI often points into files it does not contain (ParlaMint keeps its people apart),
    so the rules are an opt-in for other schemas.
    """
    return validate_data([(str(path), path) for path in expand(paths)], schema, rules, stream_above)


@dataclass
class _Source:
    """One document to validate: bytes already in memory, or a file read only as needed."""

    name: str
    content: bytes | Path | OSError

    @cached_property
    def size(self) -> int:
        return len(self.content) if isinstance(self.content, bytes) else self.content.stat().st_size

    def open(self) -> AbstractContextManager[BinaryIO]:
        if isinstance(self.content, bytes):
            return io.BytesIO(self.content)
        return self.content.open("rb")


def validate_data(
    items: Iterable[tuple[str, bytes | Path | OSError]],
    schema: str = "edition",
    rules: bool | None = None,
    stream_above: int = STREAM_ABOVE,
) -> Report:
    """Validate documents given as (name, bytes or path), e.g. a build's output before it is
    written; an OSError in place of the content is reported as a file that cannot be read."""
    target = resolve(schema)
    with_rules = (target.name == "edition") if rules is None else rules
    reports: dict[str, FileReport] = {}
    loaded: list[Document] = []
    streamed: list[_Source] = []
    for name, content in items:
        report = reports.setdefault(name, FileReport(name))
        source = _Source(name, content)
        try:
            if isinstance(content, OSError):
                raise content
            if source.size > stream_above:
                streamed.append(source)
                continue
            data = content if isinstance(content, bytes) else content.read_bytes()
        except OSError as exc:
            report.diagnostics.append(_unreadable(name, exc))
            continue
        doc = _load(name, data, report)
        if doc is not None:
            loaded.append(doc)
    rules_of = RULES if with_rules else ()
    for source in streamed:
        reports[source.name].diagnostics += _check_stream(source, for_stream(target), rules_of)
    own = target.name == "edition" and target.language == "rng"
    if target.language == "rng" and not own:
        for name, found in check_rng(target, loaded).items():
            reports[name].diagnostics += found
    gate = gate_for(target)
    # The project's Schematron: its E200 constraints complete the grammar of its own schema (the
    # phase "grammar"), its rules run when asked for (the phase "rules" with another schema).
    phase = (
        (None if with_rules else constraints.GRAMMAR_PHASE)
        if own
        else (constraints.RULES_PHASE if with_rules else False)
    )
    schematron = constraints.project_rules(phase) if phase is not False and loaded else None
    for doc in loaded:
        if own:
            placed = relaxng.check(target, doc, grammar_limits.MAX_ERRORS)
        else:
            placed = (
                list(check_xsd(target, doc))
                if target.language == "xsd" and not (gate is not None and gate.passes(doc.tree))
                else []
            )
        if with_rules and not doc.is_tei:
            placed.append((_not_tei(doc.name, doc.root.tag, doc.root.sourceline), None))
        elif schematron is not None and doc.is_tei:
            placed += constraints.check(doc, schematron)
        reports[doc.name].diagnostics += _with_columns(placed, doc.lines())
    for report in reports.values():
        report.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return Report(target, with_rules, list(reports.values()))


Placed = tuple[Diagnostic, "Where | None"]


def _rule_findings(name: str, rule_pass: RulePass) -> list[Placed]:
    """What the rules found in one document, or E103 when it is not TEI."""
    walk = rule_pass.walk
    if walk.root_tag != f"{{{TEI_NS}}}TEI":
        return [(_not_tei(name, walk.root_tag, walk.root_line), None)]
    return [
        (Diagnostic(rule.code, rule.severity, f.message, name, f.where.line, None, f.hint, f.where.path), f.where)
        for rule, f in rule_pass.findings()
    ]


def _check_stream(source: _Source, target: Schema, rules) -> list[Diagnostic]:
    """A document too large to hold: one pass that loads it, runs the rules and asks the grammar
    gate, when the schema has one; a valid document is done then. Otherwise: grammar (xmlschema),
    then load and rules, then columns, each a pass."""
    gate = gate_for(target)
    if gate is not None:
        check = GateCheck(gate)
        rule_pass = RulePass(rules, stream=True, also=check)
        try:
            with source.open() as fh:
                rule_pass.walk.run(iterparse_safe(fh, source.name, schema=gate.projection))
        except XMLInputError as exc:
            return [_refused(exc)]
        except OSError as exc:
            return [_unreadable(source.name, exc)]
        except etree.DocumentInvalid:
            check.failed = True
        # A stream's parser keeps no table of ids: a repeated xml:id (xs:ID) is the Index's to see.
        if not check.failed and not rule_pass.index.repeated:
            placed = _rule_findings(source.name, rule_pass) if rules else []
            with source.open() as fh:
                return _with_columns(placed, fh)
    return _check_stream_slowly(source, target, rules)


def _check_stream_slowly(source: _Source, target: Schema, rules) -> list[Diagnostic]:
    """Grammar, then load and rules, then columns, of a document too large to hold: each a pass."""
    # xmlschema is imported only here, where a streamed document has failed the gate: the import
    # alone costs a cold `edition validate` about 0.1 s of CPU.
    from xmlschema.exceptions import XMLSchemaException

    grammar: list[Placed] = []
    stopped = None
    try:
        with source.open() as fh:
            check_prolog(fh, source.name)  # before any parser reads it
            if target.language == "xsd":
                grammar = list(check_xsd_stream(target, fh, source.name))
    except XMLInputError as exc:
        return [_refused(exc)]
    except OSError as exc:
        return [_unreadable(source.name, exc)]
    except (etree.LxmlError, XMLSchemaException) as exc:
        stopped = exc  # malformed, most likely: the next pass, which reads it safely, says where
    rule_pass = RulePass(
        rules, stream=True, locate=[(w.line, w.path) for _, w in grammar if w is not None and w.line and w.path]
    )
    try:
        with source.open() as fh:
            rule_pass.walk.run(iterparse_safe(fh, source.name))
    except XMLInputError as exc:
        return [_refused(exc)]
    placed = [(d, rule_pass.walk.located.get((w.line, w.path), w) if w is not None else None) for d, w in grammar]
    if stopped is not None:
        placed.append((Diagnostic("E200", "error", f"the grammar check stopped: {stopped}", source.name), None))
    if target.language == "rng":
        placed += [(d, None) for d in check_rng(target, [_Lazy(source)])[source.name]]
    if rules:
        placed += _rule_findings(source.name, rule_pass)
    with source.open() as fh:
        return _with_columns(placed, fh)


@dataclass
class _Lazy:
    """A streamed document as the RELAX NG check sees it: jing reads the file by its name; the
    tree (for lxml's validator, small schemas only) is parsed only if asked for."""

    source: _Source

    @property
    def name(self) -> str:
        return self.source.name

    @cached_property
    def tree(self) -> etree._ElementTree:
        if isinstance(self.source.content, bytes):
            return parse_bytes(self.source.content, self.name)
        return parse_file(self.source.content)


def _with_columns(placed: list[Placed], lines: Iterable[bytes]) -> list[Diagnostic]:
    """The diagnostics, each given the column of its place, all found in one reading of the lines."""
    cols = columns(lines, [w for d, w in placed if w is not None and d.col is None])
    return [dataclasses.replace(d, col=cols.get(w)) if w is not None and d.col is None else d for d, w in placed]


def _not_tei(name: str, tag: str, line: int | None) -> Diagnostic:
    root = etree.QName(tag)
    where = f"in namespace {root.namespace}" if root.namespace else "in no namespace"
    return Diagnostic(
        "E103",
        "error",
        f"the root element is <{root.localname}> {where}, not a TEI document",
        name,
        line,
        hint='the root must be <TEI xmlns="http://www.tei-c.org/ns/1.0">',
    )


def _unreadable(name: str, exc: OSError) -> Diagnostic:
    why = (
        "is a directory"
        if isinstance(exc, IsADirectoryError)
        else "does not exist"
        if isinstance(exc, FileNotFoundError)
        else f"cannot be read: {exc.strerror}"
    )
    return Diagnostic("E104", "error", why, name)


def _refused(exc: XMLInputError) -> Diagnostic:
    return Diagnostic(LOAD_CODES[exc.kind], "error", exc.message, exc.file, exc.line, exc.col, exc.hint)


def _load(name: str, data: bytes, report: FileReport) -> Document | None:
    try:
        tree = parse_bytes(data, name)
    except XMLInputError as exc:
        report.diagnostics.append(_refused(exc))
        return None
    return Document(name, data, tree)
