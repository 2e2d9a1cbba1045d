"""Plain-text export: the proceedings as a reader wants them, from any TEI.

Layout (UTF-8, LF, one blank line between paragraphs)::

    TITLE OF THE EDITION
    ====================

    SESSION OF MARCH 29, 1917 (1917-03-29)      a session: the title, its date, a = underline
    --------------------------------------      a division inside it: a - underline

    STALIN: The Russian Revolution …            every turn opens with its speaker's label
    [Stalin]: Comrade Stalin reads …            a label the source does not print, in brackets
    (Commotion in the hall.)                    stage directions and events in parentheses
    [… speech breaks off]                       every lacuna, with its reason

        [1] So printed. The joint session …     notes: after the turn (or passage) they belong to

The reading view (default) applies corrections; the diplomatic view gives the text as transcribed.
Notes are not run into the text, so the text can be searched and counted as it stands; each is
listed under its turn with the number it has in the Markdown and JSON exports. Verse keeps one
line a line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from edition.export import ExportOptions
from edition.export.model import Block, Division, Edition, Passage, Speaker, Turn, load
from edition.files import write_atomic

#: Punctuation that already closes a printed speaker label ("STALIN:", "Шут.").
_LABEL_END = (":", ".", "：")


def write(tei: Path, out: Path, options: ExportOptions) -> None:
    edition = load(tei)
    write_atomic(out, render(edition, options.view).encode("utf-8"), inputs=(tei,))


def render(edition: Edition, view: str = "reading") -> str:
    parts: list[str] = []
    if edition.title:
        parts.append(underline(edition.title, "="))
    for item in edition.flow:
        if isinstance(item, Division):
            if item.title is not None:
                parts.append(underline(heading(item, view), "=" if item.level == 0 else "-"))
                parts.extend(note_lines(edition, item.title.notes(), view))
        else:
            parts.extend(paragraphs(blocks(item), view, label=label(item, view)))
            parts.extend(note_lines(edition, notes_of(item), view))
    return "\n\n".join(parts) + "\n"


def underline(text: str, rule: str) -> str:
    return f"{text}\n{rule * len(text)}"


def heading(division: Division, view: str, escape: Callable[[str], str] = str, mark=None) -> str:
    """A division's title; a session's with its date."""
    title = shown(division.title, view, escape, mark) if division.title is not None else ""
    return f"{title} ({division.date})" if division.level == 0 and division.date else title


def label(item: Turn | Passage, view: str) -> str | None:
    return speaker_label(item.speaker, view) if isinstance(item, Turn) else None


def speaker_label(speaker: Speaker, view: str) -> str:
    """The label as printed (closed by a colon where the print has no punctuation), else the
    speaker's name in square brackets: supplied by this export, not by the source."""
    printed = speaker.label.text(view) if speaker.label is not None else ""
    if printed:
        return printed if printed.endswith(_LABEL_END) else printed + ":"
    return f"[{speaker.name or 'unattributed'}]:"


def blocks(item: Turn | Passage) -> tuple[Block, ...]:
    return item.blocks if isinstance(item, Turn) else (item.block,)


def notes_of(item: Turn | Passage) -> list[int]:
    return [n for b in blocks(item) for n in b.notes()]


def shown(
    block: Block, view: str, escape: Callable[[str], str] = str, mark=None, aside: Callable[[str], str] = str
) -> str:
    """A block as shown: stage directions and events set in parentheses unless the source has
    brackets of its own (and set off by `aside`)."""
    text = block.text(view, mark and (lambda n: f"\x00{n}\x00"))
    if block.kind in ("stage", "event") and text:
        text = aside(escape(text if text.startswith(("(", "[")) else f"({text})"))
    else:
        text = escape(text)
    return _marks(text, mark) if mark else text


def _marks(text: str, mark) -> str:
    """Note anchors are placed after escaping, so that their own syntax is not escaped."""
    pieces = text.split("\x00")
    return "".join(mark(int(p)) if i % 2 else p for i, p in enumerate(pieces))


def paragraphs(
    items: tuple[Block, ...],
    view: str,
    label: str | None = None,
    escape: Callable[[str], str] = str,
    mark=None,
    line_break: str = "\n",
    bold: Callable[[str], str] = str,
    aside: Callable[[str], str] = str,
) -> Iterator[str]:
    """Paragraphs of a turn or a passage: consecutive verse lines make one stanza, the label
    opens the first paragraph."""
    stanza: list[str] = []
    first = True
    for i, block in enumerate(items):
        text = shown(block, view, escape, mark, aside)
        if not text:
            continue
        if first and label is not None:
            text = f"{bold(escape(label))} {text}"
        first = False
        if block.kind == "line":
            stanza.append(text)
            if i + 1 < len(items) and items[i + 1].kind == "line":
                continue
            text, stanza = line_break.join(stanza), []
        yield text
    if first and label is not None:  # a turn with no words: its label alone
        yield bold(escape(label))


def note_lines(edition: Edition, numbers: list[int], view: str) -> Iterator[str]:
    """The notes of a turn or passage, one a line, indented under it."""
    if numbers:
        yield "\n".join(f"    [{n}] {edition.notes[n - 1].block.text(view)}" for n in numbers)
