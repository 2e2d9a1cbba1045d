"""Held blocks: paragraphs too large to build whole, kept as their element alone, their inline
content made only while the document is written.

A 20 MB transcript on one line with a vote count or an ellipsis every few words is millions of
inline elements, at 0.7–1.5 KB each in an lxml tree: gigabytes. A block whose source range
reaches `spans.HOLD_ABOVE` characters is therefore *held*: the builder makes its element with
its attributes and nothing inside, and its content is made chunk by chunk into a scratch
element, passed on, and cleared, so that at most one chunk exists at a time.

Holding places the spans once, at once, over the whole range, building nothing, for what the
rest of the encoding needs to know: the crossing spans are reported then (in document order, as
for any block), the corrections placed, the persons referred to collected for the header.
Writing (`encode.write`) makes the content, chunk by chunk, as it writes it. `materialise` builds
it into the tree for callers that want a tree (`EncodeResult.root`): memory is then the tree's,
as for any document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from edition.encode.inline import Maker, Span, append_raw, fill, place
from edition.text import Follower, iter_content
from edition.xmlio import T

#: A chunk is passed on after this many outermost spans or this many source characters,
#: whichever comes first (about 1–5 MB of lxml elements).
SPANS_PER_CHUNK = 4096
CHARS_PER_CHUNK = 1 << 18

#: A character that puts a word in a block: not white space, not a control character (which
#: is kept as an empty <g type="control"/>).
_WORD_CHARACTER = re.compile(r"[^\s\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Held:
    """The held blocks of one document, each with its source range."""

    def __init__(self, source: str, spans_for: Callable[[int, int], Iterable[Span]], report) -> None:
        self.source = source
        self.spans_for = spans_for
        self.report = report
        self.blocks: dict[etree._Element, tuple[int, int]] = {}
        self.referred: set[str] = set()  # persons referred to (@who, @ref) in held content

    def __bool__(self) -> bool:
        return bool(self.blocks)

    def hold(self, el: etree._Element, start: int, end: int) -> None:
        """Hold `el` (empty yet) for the content of source[start:end]; learn what its content
        tells the rest of the encoding, keeping none of it."""
        if el.text is not None or len(el):
            raise ValueError("only an empty block can be held")
        self.blocks[el] = (start, end)
        place(self.source, start, end, self.spans_for(start, end), self.report, self._learn)

    def _learn(self, span: Span) -> None:
        """What a span placed in a held block tells: whom its element refers to."""
        if isinstance(span.make, Maker):
            if span.make.refers:
                self.referred.update(span.make.refers)
        else:  # an element that builds itself (an editor's addition)
            scratch = T.p()
            self.referred.update(persons_referred(span.make(scratch)))

    def write_content(self, el: etree._Element, sink: Callable[[etree._Element], None]) -> None:
        """Make a held block's content chunk by chunk, checking each chunk's diplomatic text
        against the source where it stands (`text.Departure` where it differs): `sink` gets a
        scratch element holding the chunk (its text, children and their tails), cleared as soon
        as `sink` returns."""
        start, end = self.blocks[el]
        follower = Follower(self.source, start)

        def checked(chunk: etree._Element) -> None:
            follower.take("".join(iter_content(chunk)))  # one comparison a chunk
            sink(chunk)

        self._make(start, end, checked)
        follower.reached(end)

    def has_words(self, el: etree._Element) -> bool | None:
        """Whether a held block's content has a word, from its source; None if only its spans can
        tell (a block of white space and control characters, with a gap or a note in it)."""
        start, end = self.blocks[el]
        return True if _WORD_CHARACTER.search(self.source, start, end) else None

    def materialise(self, el: etree._Element) -> None:
        """Build a held block's content into the tree, checked against the source (it is no
        longer held). What was put in the block while it was held (the builder nests a list in
        the last item) stays after the content."""
        start, end = self.blocks.pop(el)
        later_text, later = el.text, list(el)
        el.text = None
        for child in later:
            el.remove(child)  # with its tail
        fill(el, self.source, start, end, self.spans_for(start, end), None)
        follower = Follower(self.source, start)
        for piece in iter_content(el):
            follower.take(piece)
        follower.reached(end)
        if later_text:
            append_raw(el, later_text)
        for child in later:
            el.append(child)

    def materialise_all(self) -> None:
        for el in list(self.blocks):
            self.materialise(el)

    def _make(self, start: int, end: int, sink) -> None:
        """The content, chunk by chunk, into `sink` (crossings were reported when it was held)."""
        scratch = T.p()
        chunks = _Chunks(scratch, start, sink)
        fill(scratch, self.source, start, end, self.spans_for(start, end), None, chunks)
        chunks.flush_rest()


class _Chunks:
    """Called by the filler after each outermost span or stretch of text: passes the scratch
    element on when it holds a chunk's worth, then clears it."""

    __slots__ = ("scratch", "sink", "spans", "since")

    def __init__(self, scratch: etree._Element, start: int, sink) -> None:
        self.scratch, self.sink, self.spans, self.since = scratch, sink, 0, start

    def __call__(self, parent: etree._Element, pos: int) -> None:
        self.spans += 1
        if self.spans >= SPANS_PER_CHUNK or pos - self.since >= CHARS_PER_CHUNK:
            self.flush_rest()
            self.spans, self.since = 0, pos

    def flush_rest(self) -> None:
        if self.scratch.text is not None or len(self.scratch):
            self.sink(self.scratch)
            self.scratch.clear()


def persons_referred(el: etree._Element) -> set[str]:
    """The ids that @who and @ref point to in a subtree (`#id` pointers only).

    A walk over the elements, not an XPath: libxml2 merges the attributes each element yields
    into its result by comparing them with those already found, so `descendant-or-self::*/@who`
    grows faster than the tree (the union `…/@who | …/@ref`, used before, with its square: 2 s of
    a 10 MB transcript's 7)."""
    found: set[str] = set()
    for node in el.iter(etree.Element):  # elements only: not comments or PIs
        for name in _POINTERS:
            value = node.get(name)
            if value:
                found.update(w.lstrip("#") for w in value.split() if w.startswith("#"))
    return found


_POINTERS = ("who", "ref")
