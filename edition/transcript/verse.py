"""Verse in a speech: lines of a song or of verse drama kept as lines (`l`), not run into prose.

A speech is set in verse where a run of its lines, each a line of its own in the source, looks
unlike the document's prose: the lines are short beside the width the prose is wrapped to, each
opens with a capital, each is indented where the prose is not, and there are several of them.
The run may span several paragraphs (a wrapped transcript splits a song wherever a line is
indented further than the one before) as long as they follow one another with no blank line
and belong to one turn.

Every test is a row of `TESTS`, with its threshold; a run is verse only when it passes them all,
so where the layout leaves a doubt the speech stays prose. Unindented verse (a play whose verse
and prose both start at the margin) is such a doubt: short capitalised lines alone do not tell
verse from a prose speech of short sentences, and it stays prose.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from edition.transcript.labels import all_caps
from edition.transcript.model import Unit
from edition.transcript.segment import lines_of

#: The fewest lines a run of verse has.
MIN_LINES = 4
#: A verse line is at most this share of the width the document's prose is wrapped to (the
#: 90th percentile of its line lengths), and at most `LONGEST` characters.
SHORT = 0.85
LONGEST = 72
#: A paragraph longer than this holds no verse line (a stanza is a few hundred characters).
LONGEST_PARAGRAPH = 4000
#: The share of the run's lines that must open with a capital (after quotes or an apostrophe:
#: "'Tis Woman …", "(A Rope …").
CAPITALS = 0.9
#: The share of the document's lines the prose must have at the margin for indentation to
#: set verse apart.
PROSE_AT_MARGIN = 0.5
#: What a line opens with, before its first letter, that does not count against its capital
#: (a direction "[_He goes._" or a numbered item "1. …" opens with none).
_OPENING = re.compile(r"[\"'‘’“(¡¿]*")


@dataclass(frozen=True)
class Run:
    """A run of lines read as verse: (unit index, [(start, end) of each line, source offsets])."""

    units: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]


def _speech_lines(u: Unit) -> list[tuple[int, int, str]]:
    """(start, end, indent) of each line of a unit's speech, in source offsets."""
    if u.para.end - u.para.start > LONGEST_PARAGRAPH:
        return []  # a page of prose, not a stanza (and not copied to find out)
    text, base = u.text, u.para.start
    at = u.speech_start if u.kind == "turn" else 0
    if at >= len(text):
        return []
    lines = []
    indent = u.para.indent if at == 0 else _indent_before(u, at)
    for i, piece in enumerate(text[at:].split("\n")):
        lead = len(piece) - len(piece.lstrip(" \t"))
        if i:
            indent = piece[:lead]
        stripped = piece.strip(" \t")
        if stripped:
            start = base + at + lead
            lines.append((start, start + len(stripped), indent))
        at += len(piece) + 1
    return lines


def _opens_indented(u: Unit) -> bool:
    """Whether the unit's speech opens on an indented line (verse is indented; a quick test
    that spares the document's prose being cut into lines)."""
    if u.para.indent:
        return True
    gap = u.text[u.label_end : u.speech_start] if u.kind == "turn" else ""
    return "\n" in gap and gap[-1:] in (" ", "\t")


def _indent_before(u: Unit, at: int) -> str:
    """The indent of the line a speech after a label starts on: that of the label's line."""
    line_start = u.text.rfind("\n", 0, at) + 1
    if line_start == 0:
        return u.para.indent
    line = u.text[line_start:at]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _width(text: str) -> tuple[int, float]:
    """(the 90th percentile of line lengths, the share of non-blank lines at the margin)."""
    lengths, margin = array("I"), 0
    for line in lines_of(text):
        stripped = line.rstrip(" \t\r")
        if stripped.strip():
            lengths.append(len(stripped))
            margin += not stripped[0].isspace()
    if not lengths:
        return 0, 0.0
    ordered = sorted(lengths)
    return ordered[int(0.9 * (len(ordered) - 1))], margin / len(ordered)


def _capital(line: str) -> bool:
    rest = line[_OPENING.match(line).end() :]
    return rest[:1].isupper()


#: The tests a run passes to be verse: (name, what it asks, test(lines, width)).
TESTS = (
    ("several", f"at least {MIN_LINES} lines", lambda lines, width: len(lines) >= MIN_LINES),
    (
        "short",
        f"every line at most {SHORT:.0%} of the prose's width and {LONGEST} characters",
        lambda lines, width: all(len(t) <= min(SHORT * width, LONGEST) for t, _ in lines),
    ),
    (
        "capitals",
        f"{CAPITALS:.0%} of the lines open with a capital",
        lambda lines, width: sum(_capital(t) for t, _ in lines) >= CAPITALS * len(lines),
    ),
    (
        "indented",
        "every line indented (the prose starts at the margin)",
        lambda lines, width: all(ind for _, ind in lines),
    ),
    (
        "not titles",
        "fewer than half the lines all in capitals (a list of titles is not verse)",
        lambda lines, width: 2 * sum(all_caps(t) for t, _ in lines) < len(lines),
    ),
)


def find_verse(units: list[Unit], source: str) -> list[Run]:
    """The runs of verse in the turns of a document (see the module's account)."""
    width, at_margin = _width(source)
    if not width or at_margin < PROSE_AT_MARGIN:
        return []  # no prose at the margin to set indented verse apart from
    runs: list[Run] = []
    group: list[tuple[int, list[tuple[int, int, str]]]] = []

    def close() -> None:
        lines = [(source[s:e], ind) for _, found in group for s, e, ind in found]
        if lines and all(test(lines, width) for _, _, test in TESTS):
            runs.append(Run(tuple((i, tuple((s, e) for s, e, _ in found)) for i, found in group)))
        group.clear()

    prev: Unit | None = None
    for i, u in enumerate(units):
        in_turn = u.kind in ("turn", "speech", "reported") and bool(u.who)
        lines = _speech_lines(u) if in_turn and _opens_indented(u) else []
        follows = (
            prev is not None
            and group
            and u.kind in ("speech", "reported")
            and u.who == prev.who
            and source.count("\n", prev.para.end, u.para.start) == 1
        )
        if not follows:
            close()
        if lines:
            group.append((i, lines))
        prev = u if lines else None
    close()
    return runs
