"""The reading text: the source with its corrections applied once, and the map between the two.

The recognisers (label grammars, segmentation, the classifier's rules, the inline recognisers)
read this text, so that an OCR slip the corrections file mends ("Secretarie8:", "against – l3",
"[Comotion …]") is read as what it means and no grammar has to tolerate the slip. The encoder
still writes the source: whatever the recognisers find is carried back to source offsets with
`source_start` / `source_end`, and each correction stays in the TEI as `choice` (sic, corr), so
the diplomatic text reproduces the source exactly.

A correction never holds a line end (a corrections row is one line of a TSV), so the reading
text has the source's lines, line for line: line numbers, blank lines and indents are the same
in both. Where no correction applies the reading text *is* the source (no copy, no mapping).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from edition.editorial.corrections import Located
from edition.transcript.model import Unit
from edition.transcript.segment import Para


@dataclass(frozen=True)
class _Side:
    """The starts and ends of the corrected stretches on one side (source or reading), in order."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Shared:
    """How many characters each correction's sic and corr have in common at the start and at the
    end ("SMITH: Helo" → "SMITH: Hello": 10 and 1): inside those, an offset has an exact
    counterpart."""

    head: list[int] = field(default_factory=list)
    tail: list[int] = field(default_factory=list)


def _carry(offset: int, here: _Side, there: _Side, shared: _Shared, end: bool, exact: bool) -> int:
    """`offset` on one side → the offset on the other. Outside a corrected stretch the text is the
    same on both sides, so the offset moves by the difference in length of the stretches before
    it; so it does, when `exact`, inside the characters a sic and its corr share at either end.
    Elsewhere inside a stretch there is no counterpart: a place where something *ends* goes to
    the stretch's end (the whole correction stays inside what ends there), a place where
    something *starts* to its start. An empty stretch (a deletion) at the offset counts as
    inside it."""
    if not here.starts:
        return offset
    if end:
        k = bisect.bisect_right(here.starts, offset) - 1
        while k >= 0 and here.starts[k] == offset and here.ends[k] > offset:
            k -= 1  # a stretch that begins where something ends: after it
    else:
        k = bisect.bisect_left(here.starts, offset) - 1
    if k < 0:
        return offset
    if offset >= here.ends[k]:
        return there.ends[k] + offset - here.ends[k]
    if exact and offset - here.starts[k] <= shared.head[k]:
        return there.starts[k] + offset - here.starts[k]
    if exact and here.ends[k] - offset <= shared.tail[k]:
        return there.ends[k] - (here.ends[k] - offset)
    return there.ends[k] if end else there.starts[k]


def _common(a: str, b: str) -> tuple[int, int]:
    """The lengths of the longest common start and (in what is left) end of two strings."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


@dataclass(frozen=True)
class Reading:
    """The reading text of one source and the map between their offsets."""

    text: str
    source: str
    _src: _Side = field(default_factory=_Side, repr=False)
    _read: _Side = field(default_factory=_Side, repr=False)
    _shared: _Shared = field(default_factory=_Shared, repr=False)

    @classmethod
    def of(cls, source: str, corrections: Located) -> Reading:
        """Apply every located correction (they never overlap, and they are in text order)."""
        if not len(corrections):
            return cls(source, source)
        pieces: list[str] = []
        src, read, shared = _Side(), _Side(), _Shared()
        pos = length = 0
        for m in corrections:
            if "\n" in m.correction.corr:
                continue  # cannot come from a TSV row; never let it move a line
            pieces.append(source[pos : m.start])
            length += m.start - pos
            src.starts.append(m.start)
            src.ends.append(m.end)
            read.starts.append(length)
            pieces.append(m.correction.corr)
            length += len(m.correction.corr)
            read.ends.append(length)
            head, tail = _common(source[m.start : m.end], m.correction.corr)
            shared.head.append(head)
            shared.tail.append(tail)
            pos = m.end
        pieces.append(source[pos:])
        return cls("".join(pieces), source, src, read, shared)

    @property
    def changed(self) -> bool:
        """Whether any correction applies (else the reading text is the source itself)."""
        return bool(self._src.starts)

    def source_start(self, offset: int, exact: bool = True) -> int:
        """The source offset where something that starts at reading `offset` starts. Inside a
        correction, `exact` keeps to the characters its sic and corr share ("SMITH:" of
        "SMITH: Helo" → "SMITH: Hello" is a label of its own); without it the whole correction
        is taken in (a name or a vote count keeps the correction it holds)."""
        return _carry(offset, self._read, self._src, self._shared, False, exact)

    def source_end(self, offset: int, exact: bool = True) -> int:
        """The source offset where something that ends at reading `offset` ends (see
        `source_start`)."""
        return _carry(offset, self._read, self._src, self._shared, True, exact)

    def reading_start(self, offset: int) -> int:
        """The reading offset of source `offset`, for a start."""
        return _carry(offset, self._src, self._read, self._shared, False, True)

    def reading_end(self, offset: int) -> int:
        """The reading offset of source `offset`, for an end."""
        return _carry(offset, self._src, self._read, self._shared, True, True)


def on_source(units: list[Unit], reading: Reading) -> list[Para]:
    """Carry the classified paragraphs back to the source, in place: each unit's paragraph becomes
    the source stretch it was read from, its label end and speech start offsets in that stretch.
    Returns the new paragraphs. A paragraph never starts before the one above it ends, even where
    a correction straddles the place where two were cut apart (that correction then crosses
    their boundary, and the encoder reports that it could not place it)."""
    paras: list[Para] = []
    if not reading.changed:
        return [u.para for u in units]  # read from the source itself: nothing to carry
    floor = 0
    for u in units:
        read = u.para
        start = max(reading.source_start(read.start), floor)
        end = max(reading.source_end(read.end), start)
        if u.label_end:
            u.label_end = min(reading.source_end(read.start + u.label_end), end) - start
        if u.speech_start:
            u.speech_start = max(min(reading.source_start(read.start + u.speech_start), end) - start, u.label_end)
        u.para = Para(read.index, start, end, reading.source, read.line, read.indent)
        paras.append(u.para)
        floor = end
    return paras
