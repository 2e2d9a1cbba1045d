"""Stage 2, *segment*: the normalised text → paragraphs with exact source offsets.

Whatever lies between two paragraphs is XML whitespace only (spaces, tabs, line ends), so the
encoder can keep it verbatim between elements; everything else belongs to some paragraph. That is
the first half of the lossless promise.

Two layouts are recognised: one paragraph per line (the showcase, most web text), and
hard-wrapped text where a paragraph runs over several lines and a new one starts after a blank
line, at a speaker label, or at a line indented further than the one before (a first-line
indent); lines at the same indent or less go on with their paragraph, so a screenplay's dialogue
or a transcript's continuation lines set in a column stay one paragraph.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

_BLANK = re.compile(r"[ \t]*")


@dataclass
class Para:
    index: int
    start: int  # offset of the first character in the source text
    end: int  # offset after the last character
    source: str = field(repr=False)  # the whole source text (shared, never copied)
    line: int = 0  # 1-based line of the first character
    indent: str = ""  # the spaces and tabs before it on its first line

    @property
    def text(self) -> str:
        """source[start:end]; may contain line ends in wrapped layout. Sliced when asked for, so
        the paragraphs of a 50 MB transcript do not hold a second copy of it."""
        return self.source[self.start : self.end]


def detect_layout(text: str) -> str:
    """ "lines" when each line is a paragraph, "wrapped" for hard-wrapped prose."""
    lengths = array("I", (len(ln) for ln in lines_of(text) if ln.strip(" \t")))
    if not lengths:
        return "lines"
    long_lines = sum(1 for n in lengths if n > 90)
    if long_lines >= 0.15 * len(lengths):
        return "lines"
    width = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    blanks = text.count("\n") + 1 - len(lengths)
    if blanks >= 0.8 * len(lengths) and width < 60 and _continued(text) < 0.1 * len(lengths):
        return "lines"  # short lines, each followed by a blank line: one per line
    return "wrapped"  # (short lines set in blocks: a screenplay's cue and dialogue)


def _continued(text: str) -> int:
    """Lines that follow a line of text directly (not after a blank line)."""
    count, prev_blank = 0, True
    for line in lines_of(text):
        blank = not line.strip(" \t")
        if not blank and not prev_blank:
            count += 1
        prev_blank = blank
    return count


def lines_of(text: str):
    """The lines of `text` one at a time (text.split would hold them all at once)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def segment(text: str, layout: str, starts_paragraph=None, split=None) -> list[Para]:
    """Split into paragraphs. `starts_paragraph(line)` tells wrapped layout where turns begin;
    `split(paragraph text)` gives offsets inside a paragraph where another one begins (an answer
    printed on its question's line), each after blanks only, so nothing lies between but space."""
    paras: list[Para] = []
    offset = 0
    current: list[tuple[int, str, int]] = []  # (offset, line, line number) being gathered

    def flush() -> None:
        if not current:
            return
        first_off, first, first_no = current[0]
        last_off, last, _ = current[-1]
        lead = len(first) - len(first.lstrip(" \t"))
        start = first_off + lead
        end = last_off + len(last.rstrip(" \t"))
        cuts = split(text[start:end]) if split else ()
        for cut in cuts:
            head = text[start : start + cut].rstrip(" \t\n")
            paras.append(Para(len(paras), start, start + len(head), text, first_no, first[:lead]))
            first_no += text.count("\n", start, start + cut)
            start, lead = start + cut, 0
        paras.append(Para(len(paras), start, end, text, first_no, first[:lead]))
        current.clear()

    for number, line in enumerate(lines_of(text), start=1):
        blank = _BLANK.fullmatch(line) is not None
        if blank:
            flush()
        elif layout == "lines":
            current.append((offset, line, number))
            flush()
        else:
            indent = len(line) - len(line.lstrip(" \t"))
            if current and (indent > _indent(current[-1][1]) or (starts_paragraph and starts_paragraph(line))):
                flush()
            current.append((offset, line, number))
        offset += len(line) + 1
    flush()
    return paras
