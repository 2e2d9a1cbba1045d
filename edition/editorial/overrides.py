"""Overrides: the editor's word where the heuristics are wrong, and editorial additions.

    [furniture]            patterns = ["^\\[Classics\\]"]   # regexes for non-work paragraphs
    [[paragraph]]          starts = "Comrade Saveliev moves"  kind = "reported"  who = "saveliev"
    [[session]]            heading = "THE JOINT SESSION …"    chair = "khinchuk"
    [[gap]]                after = "…which."  reason = "interrupted"  desc = "…"
    [[note]]               after = "3:30 a.m."  text = "…"

Paragraphs are found by their opening words, additions by the exact text they follow, so the
file stays valid when paragraphs are added or removed elsewhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from edition.errors import DataError
from edition.transcript.model import KINDS


@dataclass(frozen=True)
class ParagraphOverride:
    starts: str
    kind: str | None = None
    who: tuple[str, ...] | None = None
    reported: bool | None = None


@dataclass(frozen=True)
class Addition:
    element: str          # "gap" or "note"
    after: str            # exact source text the addition follows
    attrs: dict
    text: str             # desc of a gap, content of a note
    block: bool = False   # True: placed as a block before the paragraph holding `after`


@dataclass
class Overrides:
    furniture: list[re.Pattern[str]] = field(default_factory=list)
    paragraphs: list[ParagraphOverride] = field(default_factory=list)
    chairs: dict[str, str] = field(default_factory=dict)      # heading text → person id
    additions: list[Addition] = field(default_factory=list)


def load_overrides(path: str | Path | None) -> Overrides:
    if path is None:
        return Overrides()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError("no such overrides file", file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"overrides are not valid TOML: {exc}", file=str(path)) from None
    out = Overrides()
    try:
        out.furniture = [re.compile(p) for p in data.get("furniture", {}).get("patterns", [])]
    except re.error as exc:
        raise DataError(f"bad furniture pattern: {exc}", file=str(path)) from None
    for row in _tables(data, "paragraph", ("starts",), path):
        kind = row.get("kind")
        if kind is not None and kind not in KINDS:
            raise DataError(f"unknown paragraph kind {kind!r} (one of {', '.join(KINDS)})", file=str(path))
        who = row.get("who")
        out.paragraphs.append(ParagraphOverride(
            row["starts"], kind, tuple(who.split()) if isinstance(who, str) else None, row.get("reported")))
    for row in _tables(data, "session", ("heading", "chair"), path):
        out.chairs[row["heading"]] = row["chair"]
    for element in ("gap", "note"):
        for row in _tables(data, element, ("after",), path):
            attrs = {k: str(v) for k, v in row.items() if k not in ("after", "desc", "text", "block")}
            out.additions.append(Addition(element, row["after"], attrs,
                                          row.get("desc") or row.get("text", ""), bool(row.get("block"))))
    return out


def _tables(data: dict, name: str, required: tuple[str, ...], path: Path) -> list[dict]:
    """The [[name]] tables of the file, each refused, by number, if it lacks a required key."""
    rows = data.get(name, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise DataError(f"[[{name}]] must be a list of tables", file=str(path))
    for n, row in enumerate(rows, start=1):
        missing = [key for key in required if key not in row]
        if missing:
            raise DataError(f"[[{name}]] number {n} lacks {', '.join(missing)}", file=str(path),
                            hint=f"each [[{name}]] needs {', '.join(required)}")
    return rows
