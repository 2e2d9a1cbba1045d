"""Markdown export (CommonMark with footnotes, as GitHub, pandoc and most editors read it).

The edition's title is `#`, each session `##` (with its date), divisions inside it `###` and
deeper; each turn is a paragraph opened by its speaker's label in bold (`**STALIN:**`), a label
the source does not print in brackets (`**[Stalin]:**`); stage directions and events are in
italics, lacunae keep their marker (`[… speech breaks off]`), verse keeps its lines (hard breaks).
Notes are footnotes `[^n]`, anchored where the TEI has them and defined under the turn or passage
they belong to; `n` is the note's number in every export. The source's text is escaped, so a
bracket or an asterisk it prints stays a character, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from edition.export import ExportOptions
from edition.export.model import Division, Edition, load
from edition.export.text import blocks, heading, label, notes_of, paragraphs, shown
from edition.files import write_atomic

#: Characters that are Markdown syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~{}&])")
#: What is syntax at the start of a line: headings, quotes, list markers, rules, footnote labels.
_LINE_START = re.compile(r"^(#|>|[-+=]|\d+[.)])")


def write(tei: Path, out: Path, options: ExportOptions) -> None:
    edition = load(tei)
    write_atomic(out, render(edition, options.view).encode("utf-8"), inputs=(tei,))


def escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def footnote(n: int) -> str:
    return f"[^{n}]"


def render(edition: Edition, view: str = "reading") -> str:
    parts: list[str] = []
    if edition.title:
        parts.append("# " + escape(edition.title))
    for item in edition.flow:
        if isinstance(item, Division):
            if item.title is not None:
                parts.append("#" * min(item.level + 2, 6) + " " + heading(item, view, escape, footnote))
                parts.extend(definitions(edition, item.title.notes(), view))
            continue
        parts.extend(
            paragraphs(
                blocks(item),
                view,
                label(item, view),
                escape,
                footnote,
                line_break="\\\n",
                bold=lambda s: f"**{s}**",
                aside=lambda s: f"*{s}*",
            )
        )
        parts.extend(definitions(edition, notes_of(item), view))
    return "\n\n".join(parts) + "\n"


def definitions(edition: Edition, numbers: list[int], view: str) -> Iterator[str]:
    """Footnote definitions for the notes anchored in an item, and for notes inside those."""
    queue = list(numbers)
    while queue:
        note = edition.notes[queue.pop(0) - 1]
        yield f"[^{note.n}]: " + shown(note.block, view, escape, footnote)
        queue.extend(note.block.notes())
