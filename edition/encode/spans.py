"""Every inline span of a document: what the recognisers, the corrections file, the register
and the overrides' inline additions mark in the paragraphs, found by source range.

Spans are made lazily, in source order: the recognisers (`re.finditer`) run over one paragraph
when a range inside it is asked for, and their matches are merged by start with the corrections
and additions of the range. A paragraph's spans are listed (a few hundred) while the builder
works in it; those of a paragraph too large to list (`HOLD_ABOVE` characters) are read
as they come, every time they are asked for, so no more than a chunk of them exists at once;
a block that large is held (`encode.held`).

The order is the one a stable sort by start of every span gives: a paragraph's recognisers in
the order below, then corrections, then additions (in the overrides' order).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import chain

from lxml import etree

from edition.diagnostics import Reporter
from edition.editorial.corrections import Located, Match
from edition.editorial.overrides import Addition, Overrides
from edition.editorial.register import Register
from edition.encode.additions import addition_element
from edition.encode.held import Held
from edition.encode.inline import (
    Span,
    append_text,
    bracket_spans,
    ellipsis_spans,
    find_names,
    maker,
    name_spans,
    paren_spans,
    start_of,
    vote_spans,
)
from edition.encode.timeline import time_span
from edition.transcript.classify import person_of_label
from edition.transcript.model import Unit
from edition.transcript.read import LineFinder
from edition.transcript.reading import Reading
from edition.transcript.timestamps import WrittenTime
from edition.xmlio import T

#: A paragraph of at least this many characters is read lazily, and a block that large is held:
#: built as its element alone, its inline content made only while the document is written.
#: Far above any paragraph of the showcase (3,500 characters), so ordinary texts are built whole.
HOLD_ABOVE = 100_000

#: How many paragraphs' span lists are kept: the builder asks for a few ranges of one paragraph
#: (a label, a speech, a table's cells over a row and its continuation lines) before moving on.
LISTED = 8


class Spans:
    """Every inline span of the document, made when a range of it is asked for.

    Called with (start, end), the builder's `spans_for`: the spans of that range; `hold` holds a
    large block instead of filling it."""

    def __init__(
        self,
        text: str,
        units: list[Unit],
        corrections: Located,
        register: Register,
        editor_id: str,
        reporter: Reporter,
        reading: Reading | None = None,
        times: dict[int, list[WrittenTime]] | None = None,
    ) -> None:
        self.reporter = reporter
        self.times = times or {}  # the times each paragraph writes (`transcript.timestamps`)
        self.text = text
        self.reading = reading if reading is not None and reading.changed else None
        self.register = register
        self.corrections = corrections
        self.units = [u for u in units if u.kind != "furniture"]
        self._ends = [u.para.end for u in self.units]
        self._names = _name_pattern(register)
        self._listed: OrderedDict[int, list[Span]] = OrderedDict()
        self._found: dict[int, dict[str, str | None]] = {}  # a large paragraph's names, resolved
        self._choices: list[Span] = [
            Span(
                c.start,
                c.end,
                7,
                maker("choice"),
                fill=_choice_filler(c, editor_id),
                placed=partial(corrections.mark_placed, c),
            )
            for c in corrections
        ]
        self._choice_starts = [sp.start for sp in self._choices]
        self._additions: list[Span] = []
        self._addition_starts: list[int] = []
        self._lines = LineFinder(text)
        self.held = Held(text, self.between, self.report_cross)

    def __call__(self, start: int, end: int) -> Iterable[Span]:
        return self.between(start, end)

    def hold(self, el: etree._Element, start: int, end: int) -> bool:
        """Hold a block of `HOLD_ABOVE` characters or more (see `encode.held`); whether it was."""
        if end - start < HOLD_ABOVE:
            return False
        self.held.hold(el, start, end)
        return True

    def between(self, start: int, end: int) -> Iterable[Span]:
        """The spans with start in [start, end] and end at most `end`, in source order."""
        first = bisect.bisect_left(self._ends, start)
        last = first
        while last < len(self.units) and self.units[last].para.start <= end:
            last += 1
        extra = [
            stream
            for spans, starts in ((self._choices, self._choice_starts), (self._additions, self._addition_starts))
            if (stream := _from(spans, starts, start, end)) is not None
        ]
        if last == first + 1 and not extra and self._is_listed(first):  # the common case
            return [sp for sp in self._of_unit(first) if start <= sp.start <= end and sp.end <= end]
        found = chain.from_iterable(self._of_unit(i) for i in range(first, last))
        return _within(heapq.merge(found, *extra, key=start_of) if extra else found, start, end)

    def _is_listed(self, i: int) -> bool:
        return self.units[i].para.end - self.units[i].para.start < HOLD_ABOVE

    def _of_unit(self, i: int) -> Iterable[Span]:
        """One paragraph's spans in source order: listed, or read as they come when it is large."""
        u = self.units[i]
        if not self._is_listed(i):
            return self._recognised(u, self._large_lookup(i))
        if i in self._listed:
            self._listed.move_to_end(i)
        else:  # each recogniser in turn (the register learns interjections' speakers first)
            self._listed[i] = sorted(chain(*self._recognisers(u, self.register.by_name)), key=start_of)
            if len(self._listed) > LISTED:
                self._listed.popitem(last=False)
        return self._listed[i]

    def _recognised(self, u: Unit, lookup) -> Iterator[Span]:
        return merged(self._recognisers(u, lookup))

    def _recognisers(self, u: Unit, lookup) -> list[Iterator[Span]]:
        """Each recogniser's spans over one paragraph, each in source order. They read the
        paragraph as corrected (the reading text) and their spans are carried to the source."""
        s, t = self._read(u)
        streams = [bracket_spans(t, s, self._person), paren_spans(t, s), ellipsis_spans(t, s)]
        if u.kind in ("vote", "stage", "narration", "meta") or "(" in t:
            streams.append(vote_spans(t, s))
        streams.append(name_spans(t, s, self._names, lookup))
        if self.reading is not None:
            streams = [self._on_source(stream) for stream in streams]
        times = self.times.get(u.para.index)  # written times are found on the source
        if times:  # "[00:00:00:03]": the brackets are the clock's, nothing supplied
            streams[0] = (b for b in streams[0] if not _a_clock(self.text, b, times))
            streams.append(iter([time_span(w) for w in times]))
        return streams

    def _read(self, u: Unit) -> tuple[int, str]:
        """(offset, text) of what the recognisers read of a paragraph: its text after the label
        (a label holds no remarks), as corrected, at its offset in the reading text."""
        start = u.para.start + (u.label_end if u.kind == "turn" else 0)
        if self.reading is None:
            return start, self.text[start : u.para.end]
        s, e = self.reading.reading_start(start), self.reading.reading_end(u.para.end)
        return s, self.reading.text[s:e]

    def _on_source(self, spans: Iterator[Span]) -> Iterator[Span]:
        for span in spans:
            span.start = self.reading.source_start(span.start, exact=False)
            span.end = max(self.reading.source_end(span.end, exact=False), span.start)
            yield span

    def _large_lookup(self, i: int):
        """The names of a large paragraph, resolved once, when it is first asked for, as a
        listed one is: after its bracketed interjections have added their speakers to the
        register (a lookup made later, after other paragraphs added theirs, could differ)."""
        found = self._found.get(i)
        if found is None:
            s, t = self._read(self.units[i])
            for _ in bracket_spans(t, s, self._person):
                pass
            found = self._found[i] = {}
            if self._names is not None:
                for m in find_names(self._names, t):
                    if m.group(0) not in found:
                        found[m.group(0)] = self.register.by_name(m.group(0))
        return found.get

    def _person(self, label: str) -> str:
        return person_of_label(self.register, label)

    def add_inline_additions(self, overrides: Overrides) -> None:
        for add in overrides.additions:
            if add.block:
                continue
            pos = self.text.find(add.after)
            if pos < 0:
                self.reporter.warning("W302", f"{add.element} after {add.after!r}: text not found")
                continue
            at = pos + len(add.after)
            self._additions.append(Span(at, at, 9, partial(_append_addition, add), atomic=True))
        self._additions.sort(key=start_of)
        self._addition_starts = [sp.start for sp in self._additions]

    def report_cross(self, span: Span) -> None:
        self.reporter.info("I401", "an inline span crosses another and was left out", line=self.line_of(span.start))

    def line_of(self, offset: int) -> int:
        """The 1-based line of a source offset."""
        return self._lines.line_of(offset)


#: The stretch of source whose spans `merged` sorts at once.
WINDOW = 1 << 14


def merged(streams: list[Iterator[Span]]) -> Iterator[Span]:
    """Spans of streams each in source order, merged by start; where starts are equal, the
    earlier stream's first (as `heapq.merge`, or a stable sort of the streams one after the
    other). The spans of one window of source are gathered and sorted at once, which costs a
    fraction of a heap step per span."""
    heads = [next(stream, None) for stream in streams]
    while True:
        present = [h.start for h in heads if h is not None]
        if not present:
            return
        limit = min(present) + WINDOW
        batch: list[Span] = []
        for i, stream in enumerate(streams):
            head = heads[i]
            while head is not None and head.start < limit:
                batch.append(head)
                head = next(stream, None)
            heads[i] = head
        batch.sort(key=start_of)
        yield from batch


def _within(spans: Iterator[Span], start: int, end: int) -> Iterator[Span]:
    for span in spans:
        if span.start > end:
            return
        if span.start >= start and span.end <= end:
            yield span


def _from(spans: list[Span], starts: list[int], start: int, end: int) -> Iterator[Span] | None:
    """The spans of a sorted list from the first that starts at `start` or later, None if none
    starts in [start, end] (not a copy of the rest of the list: a corrections file may have
    thousands of rows)."""
    i = bisect.bisect_left(starts, start)
    if i == len(starts) or starts[i] > end:
        return None
    return (spans[k] for k in range(i, len(spans)))


def _a_clock(text: str, span: Span, times: list[WrittenTime]) -> bool:
    """Whether a bracketed span holds a written time and nothing else ("[00:00:00:03]", Markdown's
    escaped "\\[28:36\\]")."""
    inside = text[span.start : span.end].strip(" \\")
    return any(span.start <= w.start and w.end <= span.end and text[w.start : w.end] == inside for w in times)


def _append_addition(add: Addition, parent: etree._Element) -> etree._Element:
    el = addition_element(add)
    parent.append(el)
    return el


def _choice_filler(c: Match, editor_id: str):
    def fill(el: etree._Element, text: str) -> None:
        sic = T.sic()
        append_text(sic, text)
        attrs = {"resp": f"#{c.correction.resp or editor_id}"}
        if c.correction.type:
            attrs["type"] = c.correction.type
        el.append(sic)
        el.append(T.corr(c.correction.corr, **attrs))

    return fill


def _name_pattern(register: Register) -> re.Pattern[str] | None:
    forms = set()
    for person in register.persons.values():
        for name in [person.name, *person.variants]:
            if len(name) >= 3 and not name.isupper() and name[0].isupper() and register.by_name(name):
                forms.add(name)
    if not forms:
        return None
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?![\w-])")  # a word's start: `inline.find_names`
