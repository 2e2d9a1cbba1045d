"""Overrides: the editor's word where the heuristics are wrong, and editorial additions.

    [furniture]            patterns = ["^\\[Classics\\]"]   # regexes for non-work paragraphs
    [narration]            patterns = ["The faction proceeds"]   # this text's own narration
    [[paragraph]]          starts = "Comrade Saveliev moves"  kind = "reported"  who = "saveliev"
    [[session]]            heading = "THE JOINT SESSION …"    chair = "khinchuk"
    [[gap]]                after = "…which."  reason = "interrupted"  desc = "…"
    [[note]]               after = "3:30 a.m."  text = "…"

Paragraphs are found by their opening words, additions by the exact text they follow, so the
file stays valid when paragraphs are added or removed elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from edition.editorial.schema import TomlLines, overrides_schema, read_toml
from edition.errors import DataError


@dataclass(frozen=True)
class ParagraphOverride:
    starts: str
    kind: str | None = None
    who: tuple[str, ...] | None = None
    reported: bool | None = None


@dataclass(frozen=True)
class Addition:
    element: str  # "gap" or "note"
    after: str  # exact source text the addition follows
    attrs: dict
    text: str  # desc of a gap, content of a note
    block: bool = False  # True: placed as a block before the paragraph holding `after`


@dataclass
class Overrides:
    furniture: list[re.Pattern[str]] = field(default_factory=list)
    narration: list[re.Pattern[str]] = field(default_factory=list)
    paragraphs: list[ParagraphOverride] = field(default_factory=list)
    chairs: dict[str, str] = field(default_factory=dict)  # heading text → person id
    additions: list[Addition] = field(default_factory=list)


def load_overrides(path: str | Path | None) -> Overrides:
    """Read an overrides file, held to its schema (edition.editorial.schema) before use."""
    if path is None:
        return Overrides()
    path = Path(path)
    data, text = read_toml(path, "overrides", overrides_schema(), "overrides are")
    lines = TomlLines(text)
    out = Overrides()
    out.furniture = [re.compile(p) for p in data.get("furniture", {}).get("patterns", [])]
    out.narration = [re.compile(p) for p in data.get("narration", {}).get("patterns", [])]
    starts: dict[str, tuple[int, dict]] = {}
    for n, row in enumerate(data.get("paragraph", [])):
        if row["starts"] in starts and starts[row["starts"]][1] != row:
            _contradiction(path, lines, "paragraph", "starts", row["starts"], starts[row["starts"]][0], n)
        starts[row["starts"]] = (n, row)
        who = row.get("who")
        out.paragraphs.append(
            ParagraphOverride(
                row["starts"],
                row.get("kind"),
                tuple(w.lstrip("#") for w in who.split()) if who else None,
                row.get("reported"),
            )
        )
    headings: dict[str, int] = {}
    for n, row in enumerate(data.get("session", [])):
        heading = row["heading"]
        if heading in headings and out.chairs[heading] != row["chair"]:
            _contradiction(path, lines, "session", "heading", heading, headings[heading], n)
        headings[heading] = n
        out.chairs[heading] = row["chair"]
    for element in ("gap", "note"):
        for row in data.get(element, []):
            attrs = {k: _attribute(v) for k, v in row.items() if k not in ("after", "desc", "text", "block")}
            out.additions.append(
                Addition(element, row["after"], attrs, row.get("desc") or row.get("text", ""), bool(row.get("block")))
            )
    return out


def _attribute(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _contradiction(path: Path, lines, table: str, key: str, value: str, first: int, second: int) -> None:
    raise DataError(
        f"[[{table}]] number {first + 1} (line {lines.find(table, None, first) or '?'}) and "
        f"number {second + 1} have the same {key} {value!r} but say different things",
        file=str(path),
        line=lines.find(table, key, second),
        hint="keep one of them",
    )
