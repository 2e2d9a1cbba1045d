"""Timestamps as data: where a transcript writes a time, and what time it writes.

A transcript of a recording or a mission writes times in a few places: alone on a line (a
subtitle cue's "00:00:06.140 --> 00:00:10.480", a mission clock "[00:00:00:03]"), first thing in
a paragraph ("[00:01:23] Name:", "0:00 Hello"), first thing in a speech ("**Name:** \\[04:21\\]
Yeah"), bracketed last thing in a paragraph ("**Break**: \\[28:36\\]"), or in the label itself
(Otter's "Name  00:10", "Speaker 1 (00:00:01):"). Each such time is an offset from a start the transcript does not date (the recording's, the lift-off's); the
encoder links the written time to a point of a TEI `timeline` (`edition.encode.timeline`).

A clock in running speech ("we met at 10:30") is a time of day the speaker says, not the
transcript's timing, and is left alone: only the places above are read, and those other than a
line of its own or a label only in a document that uses them (`COLUMN` times or more), since one
paragraph opening "10:30 is fine" proves nothing.

The written forms, as data: `FIELDS` says what a clock of two, three or four fields counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from edition.transcript.model import Unit

#: A written clock: an optional sign, two to four fields of digits, an optional fraction of a
#: second; brackets (Markdown-escaped or not) around it are the notation's, not part of the time.
CLOCK = re.compile(r"(?<![\w:.,])(?P<clock>-?\d{1,2}(?::\d{2}){1,3}(?:[.,]\d{1,3})?)(?![\w:]|[.,]\d)")
#: A clock first thing on a line or in a speech, bracketed or not ("[[00:00:07](url)]", a
#: Markdown link), then its closing bracket, a blank or the end.
LEADING = re.compile(r"(?:\\?\[){0,2}(?P<clock>-?\d{1,2}(?::\d{2}){1,3}(?:[.,]\d{1,3})?)(?=\\?\]|[ \t]|$)")
#: A bracketed clock last thing in a paragraph ("**Break**: \\[28:36\\]").
CLOSING = re.compile(r"\\?\[(?P<clock>-?\d{1,2}(?::\d{2}){1,3}(?:[.,]\d{1,3})?)\\?\][ \t]*$")
#: Where each line of a paragraph starts (a hard-wrapped paragraph's lines may each open with
#: a time), after its indent; only where a digit or a bracket follows.
_LINE_STARTS = re.compile(r"(?:^|(?<=\n))[ \t]*(?=\\?\[|-?\d)")
#: Every clock has a digit, a colon and two digits somewhere.
_ANY_CLOCK = re.compile(r"\d:\d\d")
#: What each field of a clock counts, by the number of fields (seconds in each unit):
#: "00:10" minutes and seconds (a recording's offset), "0:00:13.8" hours, minutes and seconds,
#: "[00:00:00:03]" days, hours, minutes and seconds (a mission's elapsed time, as Spacelog
#: writes it: "[-00:01:55:00]" is an hour and 55 minutes before lift-off).
FIELDS = {2: (60, 1), 3: (3600, 60, 1), 4: (86400, 3600, 60, 1)}
#: Clocks opening a line or a speech, or closing a paragraph, are data only in a document that
#: has this many of them.
COLUMN = 3


@dataclass(frozen=True)
class WrittenTime:
    start: int  # source offsets of the clock as written (brackets left outside)
    end: int
    seconds: Decimal  # the offset it writes, in seconds (negative before the origin)


def seconds(clock: str) -> Decimal:
    """The seconds a written clock counts: "00:00:06.140" → 6.140, "-00:01:55:00" → -6900."""
    negative = clock.startswith("-")
    fields = clock.lstrip("-").replace(",", ".").split(":")
    total = sum(Decimal(f) * unit for f, unit in zip(fields, FIELDS[len(fields)]))
    return -total if negative else total


def _clock(text: str, at: int, offset: int) -> WrittenTime | None:
    m = LEADING.match(text, at)
    return _written(m, offset) if m else None


def _in_label(text: str, end: int, offset: int) -> list[WrittenTime]:
    """Clocks in a speaker label and what separates it from the speech (`text[:end]`): outside brackets ("Name  00:10"), or in brackets when they
    count hours ("Speaker 1 (00:00:01):"); "(14:02)" after a member's name is the time of day
    the record notes, not the transcript's timing."""
    found = []
    for m in CLOCK.finditer(text, 0, end):
        bracketed = m.start() > 0 and text[m.start() - 1] == "(" and text[m.end() : m.end() + 1] == ")"
        if bracketed and m.group("clock").count(":") < 2:
            continue
        found.append(_written(m, offset))
    return found


def written_times(units: list[Unit]) -> dict[int, list[WrittenTime]]:
    """The times each paragraph writes (by paragraph index), in source order."""
    found: dict[int, list[WrittenTime]] = {}
    placed: dict[int, list[WrittenTime]] = {}  # opening a line or a speech, closing a paragraph
    column = 0  # times in those places, in a label or not
    for u in units:
        if u.kind == "furniture":
            continue
        text, offset = u.text, u.para.start
        if _ANY_CLOCK.search(text) is None:
            continue  # (most paragraphs: one scan in C, no line by line)
        if u.kind == "timestamp":
            found[u.para.index] = [_written(m, offset) for m in CLOCK.finditer(text)]
            continue
        label = _in_label(text, max(u.label_end, u.speech_start), offset) if u.kind == "turn" and u.label_end else []
        candidates = [_clock(text, line.end(), offset) for line in _LINE_STARTS.finditer(text)]
        if u.kind == "turn" and u.speech_start < len(text):
            candidates.append(_clock(text, u.speech_start, offset))
        last = CLOSING.search(text)
        candidates.append(_written(last, offset) if last else None)
        candidates = [c for c in candidates if c is not None]
        column += len(candidates)
        if label:
            found[u.para.index] = label
        if candidates:
            placed[u.para.index] = candidates
    if column >= COLUMN:
        for index, candidates in placed.items():
            by_start = {t.start: t for t in [*candidates, *found.get(index, [])]}
            found[index] = sorted(by_start.values(), key=lambda t: t.start)
    return found


def _written(m: re.Match[str], offset: int) -> WrittenTime:
    return WrittenTime(offset + m.start("clock"), offset + m.end("clock"), seconds(m.group("clock")))
