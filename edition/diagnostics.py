"""Diagnostics are data: stages report them, the CLI prints them.

Printed as ``file:line:col: severity[CODE] message (hint)`` so editors and CI can jump to the spot.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    file: str | None = None
    line: int | None = None
    col: int | None = None
    hint: str | None = None
    path: str | None = None  # the element's XPath, for diagnostics about an XML document

    def format(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.col) if p is not None)
        text = f"{self.severity}[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.path:
            text += f" at {self.path}"
        return f"{where}: {text}" if where else text


@dataclass
class Reporter:
    """Collects diagnostics from every stage of one run."""

    file: str | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def report(
        self,
        code: str,
        severity: str,
        message: str,
        *,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
        file: str | None = None,
        path: str | None = None,
    ) -> None:
        self.items.append(Diagnostic(code, severity, message, file or self.file, line, col, hint, path))

    def warning(self, code: str, message: str, **where) -> None:
        self.report(code, "warning", message, **where)

    def info(self, code: str, message: str, **where) -> None:
        self.report(code, "info", message, **where)

    def error(self, code: str, message: str, **where) -> None:
        self.report(code, "error", message, **where)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def as_json(self) -> str:
        return json.dumps([asdict(d) for d in self.items], ensure_ascii=False, indent=2)
