"""Validation of TEI documents: safe loading, grammar (XSD or RELAX NG), then the coded rules.

`validate(paths, schema)` is the one entry point; it never raises for a bad document — every
problem of a document is a Diagnostic in its FileReport — and raises SchemaError (a usage error)
only when the schema itself cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.errors import XMLInputError
from edition.validate.document import Document
from edition.validate.grammar import check_rng, check_xsd
from edition.validate.rules import RULES, check_rules
from edition.validate.schemas import Schema, SchemaError, resolve
from edition.xmlio import parse_bytes

__all__ = ["FileReport", "Report", "SchemaError", "validate", "validate_data", "expand", "RULES",
           "LOAD_CODES"]

#: The code of each kind of document that cannot be loaded (meanings: schemas/README.md).
LOAD_CODES = {"unreadable": "E104", "empty": "E100", "malformed": "E100", "unsafe": "E101",
              "xinclude": "E102", "limit": "E105", "not-tei": "E103"}


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
        return (f"{n} file{'s' * (n != 1)} checked against {self.schema.name}"
                f"{' and the rules' if self.rules else ''}: {n - bad} valid, {bad} not valid; "
                f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")

    def as_dict(self, strict: bool = False) -> dict:
        return {
            "schema": {"name": self.schema.name, "language": self.schema.language,
                       "path": str(self.schema.path)},
            "rules": self.rules,
            "valid": self.ok(strict),
            "files": [{"file": f.file, "valid": f.ok(strict), "errors": f.errors,
                       "warnings": f.warnings,
                       "diagnostics": [d.__dict__ for d in f.diagnostics]} for f in self.files],
            "summary": self.summary(strict),
        }


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given; a directory stands for every .xml file under it, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    return out


def validate(paths: list[str | Path], schema: str = "edition", rules: bool | None = None) -> Report:
    """Validate every file; rules run by default with the project's schema only.

    Foreign TEI often points into files it does not contain (ParlaMint keeps its people apart),
    so the rules are an opt-in for other schemas.
    """
    items = []
    for path in expand(paths):
        try:
            items.append((str(path), path.read_bytes()))
        except OSError as exc:
            items.append((str(path), exc))
    return validate_data(items, schema, rules)


def validate_data(items: list[tuple[str, bytes | OSError]], schema: str = "edition",
                  rules: bool | None = None) -> Report:
    """Validate documents given as (name, bytes), e.g. a build's output before it is written."""
    target = resolve(schema)
    with_rules = (target.name == "edition") if rules is None else rules
    reports: dict[str, FileReport] = {}
    loaded: list[Document] = []
    for name, data in items:
        report = reports.setdefault(name, FileReport(name))
        doc = _load(name, data, report)
        if doc is not None:
            loaded.append(doc)
    if target.language == "rng":
        for name, found in check_rng(target, loaded).items():
            reports[name].diagnostics += found
    for doc in loaded:
        report = reports[doc.name]
        if target.language == "xsd":
            report.diagnostics += check_xsd(target, doc)
        if with_rules:
            report.diagnostics += _rules_or_refusal(doc)
        report.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0, d.code))
    return Report(target, with_rules, list(reports.values()))


def _rules_or_refusal(doc: Document) -> list[Diagnostic]:
    if doc.is_tei:
        return list(check_rules(doc))
    root = etree.QName(doc.root)
    where = f"in namespace {root.namespace}" if root.namespace else "in no namespace"
    return [Diagnostic("E103", "error", f"the root element is <{root.localname}> {where}, "
                       "not a TEI document", doc.name, doc.root.sourceline,
                       hint="the root must be <TEI xmlns=\"http://www.tei-c.org/ns/1.0\">")]


def _load(name: str, data: bytes | OSError, report: FileReport) -> Document | None:
    if isinstance(data, OSError):
        why = "is a directory" if isinstance(data, IsADirectoryError) else \
            f"cannot be read: {data.strerror}"
        report.diagnostics.append(Diagnostic("E104", "error", why, name))
        return None
    try:
        tree = parse_bytes(data, name)
    except XMLInputError as exc:
        report.diagnostics.append(Diagnostic(LOAD_CODES[exc.kind], "error", exc.message, name,
                                             exc.line, exc.col, exc.hint))
        return None
    return Document(name, data, tree)
