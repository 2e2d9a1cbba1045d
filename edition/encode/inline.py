"""Inline encoding: one stretch of paragraph text + its spans → mixed content, losslessly.

Spans are found by the recognisers in `transcript.grammar` (brackets, stage remarks, votes,
lacunae), by the corrections file (OCR `choice`s) and by the register (names). They nest when
they nest in the text; a span that would cross another is dropped and reported. Every source
character lands in exactly one text node; line ends stay as they are, each marked by an `<lb/>`.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from edition.transcript import grammar as g
from edition.xmlio import tei

#: XML 1.0 forbids these characters; they are kept as <g type="control" n="U+XXXX"/>.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: What text cannot hold as it is: a line end (marked by <lb/>) or an illegal character.
_MARKED = re.compile("(\n|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff])")
_LB, _G = tei("lb"), tei("g")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    priority: int  # higher = outer when two spans coincide
    make: Callable[[etree._Element], etree._Element]  # appends the (empty) element to fill
    atomic: bool = False  # True: the element builds its own content
    #: Builds the element's content from its text. Whom the element refers to (@who, @ref) is
    #: said by `make` alone: a held block learns it without building anything (`encode.held`).
    fill: Callable[[etree._Element, str], None] | None = None
    placed: Callable[[], None] | None = None  # called once the span has found its place


class Maker:
    """Makes one element with fixed attributes inside its parent: one shared by every span of
    that element and attributes (a transcript with a million votes or remarks holds a million
    small spans, not a million closures). `refers`: the persons its @who and @ref point to."""

    __slots__ = ("tag", "attrib", "refers")

    def __init__(self, tag: str, attrib: dict[str, str]) -> None:
        self.tag, self.attrib = tag, attrib
        self.refers = frozenset(
            w.lstrip("#") for name in ("who", "ref") for w in attrib.get(name, "").split() if w.startswith("#")
        )

    def __call__(self, parent: etree._Element) -> etree._Element:
        return etree.SubElement(parent, self.tag, self.attrib)  # 3× faster than make + append


@lru_cache(maxsize=65536)
def maker(tag: str, attrs: tuple[tuple[str, str], ...] = ()) -> Maker:
    return Maker(tei(tag), dict(attrs))


def append_text(parent: etree._Element, text: str) -> None:
    """Append text at the end of `parent`'s content, marking line ends and illegal characters."""
    if not text:
        return
    if not _MARKED.search(text):
        append_raw(parent, text)
        return
    for piece in _MARKED.split(text):
        if not piece:
            continue
        if piece == "\n":
            append_raw(parent, "\n")
            etree.SubElement(parent, _LB)
        elif _ILLEGAL.fullmatch(piece):
            etree.SubElement(parent, _G, {"type": "control", "n": f"U+{ord(piece):04X}"})
        else:
            append_raw(parent, piece)


def last_child(parent: etree._Element) -> etree._Element | None:
    """The last child in constant time (lxml's len() walks every child: quadratic when appending)."""
    try:
        return parent[-1]
    except IndexError:
        return None


def append_raw(parent: etree._Element, text: str) -> None:
    """Append text at the end of `parent`'s content as it is (no <lb/>, no <g>)."""
    last = last_child(parent)
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def fill(
    parent: etree._Element, source: str, start: int, end: int, spans: Iterable[Span], report=None, flush=None
) -> None:
    """Fill `parent` with source[start:end] and the spans inside it. The text is sliced piece by
    piece from the source, never copied whole: a paragraph may be a 20 MB line.

    `spans` come in source order (by start), as `Spans` finds them. With `flush` they are read
    as they come, so a held block's million spans are never all made at once; `flush(parent, pos)`
    is called after each outermost span and each long stretch of text, with the offset reached:
    it may write out what `parent` holds and clear it (a held block made chunk by chunk)."""
    inside = (s for s in spans if start <= s.start and s.end <= end)
    ordered = in_fill_order(inside) if flush is not None else iter(sorted(inside, key=_fill_order))
    _fill(parent, source, start, end, _Lookahead(ordered), report, flush)


def in_fill_order(spans: Iterable[Span]) -> Iterator[Span]:
    """Spans in source order → the order they are placed in: by start, then the longer (the
    outer) first, then the higher priority; ties keep the order they came in. Only spans with
    one start are held at a time."""
    group: list[Span] = []
    for span in spans:
        if group and span.start != group[0].start:
            if span.start < group[0].start:
                raise ValueError("inline spans must come in source order")
            yield from sorted(group, key=_outer_first) if len(group) > 1 else group
            group = []
        group.append(span)
    yield from sorted(group, key=_outer_first) if len(group) > 1 else group


def _outer_first(span: Span) -> tuple[int, int]:
    return -(span.end - span.start), -span.priority


def _fill_order(span: Span) -> tuple[int, int, int]:
    """The order of `in_fill_order` as a sort key (a block filled at once is sorted at once)."""
    return span.start, -(span.end - span.start), -span.priority


class _Lookahead:
    """An iterator of spans that can show the next one without taking it."""

    __slots__ = ("_it", "_next")

    def __init__(self, spans: Iterator[Span]) -> None:
        self._it = spans
        self._next = next(spans, None)

    def __iter__(self) -> _Lookahead:
        return self

    def __next__(self) -> Span:
        span = self._next
        if span is None:
            raise StopIteration
        self._next = next(self._it, None)
        return span

    def peek(self) -> Span | None:
        return self._next


#: A held block's text goes in at most this many characters at a time, so that a chunk stays
#: small even where a stretch without spans is megabytes long (or all line ends).
TEXT_PIECE = 1 << 16


def place(
    source: str, start: int, end: int, spans: Iterable[Span], report=None, visit: Callable[[Span], None] | None = None
) -> None:
    """Decide where the spans of source[start:end] go, as `fill` does, building nothing: the
    crossing spans are reported, each span placed is told (`placed`) and given to `visit`, in
    order. What holding a block learns from (`encode.held`)."""
    inside = (s for s in spans if start <= s.start and s.end <= end)
    _fill(None, source, start, end, _Lookahead(in_fill_order(inside)), report, None, visit)


def _fill(parent, source, pos, end, spans: _Lookahead, report, flush=None, visit=None) -> None:
    """Fill `parent`; with no parent, place the spans only."""
    build = parent is not None
    for span in spans:
        if span.start < pos:  # crosses a span already placed
            if report:
                report(span)
            continue
        if build:
            _text(parent, source, pos, span.start, flush)
            el = span.make(parent)
        else:
            el = None
        children = []
        while (after := spans.peek()) is not None and after.start < span.end:
            next(spans)
            if after.end <= span.end:
                children.append(after)
            elif report:
                report(after)
        if span.placed is not None:
            span.placed()
        if visit is not None:
            visit(span)
        if span.fill is not None:
            if build:
                span.fill(el, source[span.start : span.end])
            for child in children:  # a span that builds its own content takes no spans inside
                if report:
                    report(child)
        elif children and not span.atomic:
            _fill(el, source, span.start, span.end, _Lookahead(iter(children)), report, None, visit)
        elif not span.atomic and build:
            append_text(el, source[span.start : span.end])
        pos = span.end
        if flush is not None:
            flush(parent, pos)
    if build:
        _text(parent, source, pos, end, flush)


def _text(parent, source, start, end, flush) -> None:
    if flush is None or end - start <= TEXT_PIECE:
        append_text(parent, source[start:end])
        return
    for at in range(start, end, TEXT_PIECE):
        stop = min(at + TEXT_PIECE, end)
        append_text(parent, source[at:stop])
        flush(parent, stop)


# --------------------------------------------------------------------------- recognisers

#: Priority of the typed content of square brackets: outermost where it coincides with a name or a
#: correction (a name or a <choice> may stand in a <stage> or <supplied>, not the other way round).
BRACKETED = 9


def bracket_spans(text: str, offset: int, resolve_name) -> Iterator[Span]:
    """Typed square-bracket additions; the brackets themselves stay plain source text."""
    for m in g.BRACKET.finditer(text):
        body = m.group("body")
        kind = next(
            (
                k
                for k, p in g.BRACKET_KINDS
                if p.match(body)
                and not (k == "interjection" and g.FORMULA.fullmatch(" ".join(p.match(body).group("names").split())))
            ),
            "supplied",
        )  # "[RESOLVED: …]" quotes a resolution: no one interjects
        s, e = offset + m.start("body"), offset + m.end("body")
        if kind == "interjection":
            names = g.BRACKET_KINDS[0][1].match(body).group("names")
            who = resolve_name(names)
            yield Span(s, e, BRACKETED, maker("q", (("type", "interjection"), ("who", f"#{who}"))))
        elif kind == "xref":
            page = g.BRACKET_KINDS[1][1].match(body).group("page")
            yield Span(s, e, BRACKETED, maker("ref", (("type", "page"), ("n", page))))
        elif kind == "event":
            yield Span(s, e, BRACKETED, maker("stage", (("type", "event"),)))
        else:
            yield Span(s, e, BRACKETED, maker("supplied", (("reason", "clarification"), ("resp", "#source-editors"))))


def paren_spans(text: str, offset: int) -> Iterator[Span]:
    """Parenthesised remarks of the secretary: "(Shouts: …)", "(For – 38; against – 26.)"."""
    for m in g.PAREN.finditer(text):
        body = m.group("body")
        if g.STAGE_REMARK.fullmatch(m.group(0)):
            kind = "interjection" if re.match(r"shouts?|voices?|cries", body, re.I) else "event"
        elif (
            g.VOTE_COUNT.search(body)
            or g.VOTE_AGAINST_WORDS.search(body)
            or re.search(r"majority in favou?r", body, re.I)
        ):
            kind = "vote"
        else:
            continue
        yield Span(offset + m.start(), offset + m.end(), 6, maker("stage", (("type", kind),)))


def ellipsis_spans(text: str, offset: int) -> Iterator[Span]:
    return (
        Span(offset + m.start(), offset + m.end(), 4, _ellipsis, fill=_fill_metamark) for m in g.ELLIPSIS.finditer(text)
    )


_ellipsis = maker("ellipsis")
_METAMARK = tei("metamark")


def _fill_metamark(el: etree._Element, text: str) -> None:
    append_text(etree.SubElement(el, _METAMARK, {"function": "omission"}), text)


def vote_spans(text: str, offset: int) -> Iterator[Span]:
    """Vote counts as structured numbers: <measure type="vote" subtype="for" quantity="38">;
    in source order, a count before an "against" word where both start at one place."""
    return heapq.merge(_vote_counts(text, offset), _votes_against(text, offset), key=start_of)


def start_of(span: Span) -> int:
    return span.start


def _vote_counts(text: str, offset: int) -> Iterator[Span]:
    for m in g.VOTE_COUNT.finditer(text):
        cat = m.group("cat").lower()
        cat = "abstain" if cat.startswith("abstain") else cat
        n1 = _number(m.group("n"))
        n2 = m.group("n2") and _number(m.group("n2"))
        if n1 is None:
            continue
        attrs = (("type", "vote"), ("subtype", cat), ("unit", "votes"))
        if n2 is not None:
            attrs += (("min", str(min(n1, n2))), ("max", str(max(n1, n2))))
        else:
            attrs += (("quantity", str(n1)),)
        yield Span(offset + m.start(), offset + m.end(), 3, maker("measure", attrs))


def _votes_against(text: str, offset: int) -> Iterator[Span]:
    for m in g.VOTE_AGAINST_WORDS.finditer(text):
        n = _number(m.group("n"))
        if n is None:
            continue
        s = offset + m.group(0).lower().rfind("against") + m.start()
        yield Span(
            s,
            offset + m.end(),
            3,
            maker("measure", (("type", "vote"), ("subtype", "against"), ("unit", "votes"), ("quantity", str(n)))),
        )


def find_names(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""The matches of a register's names (`spans._name_pattern`) that start a word: what
    `finditer` gives for the pattern with `(?<![\w-])` before it, found about five times faster.
    A pattern that opens with a look-behind gives the regex engine no first character to skip
    to, so it tries every name at every position; without it, the engine jumps to the letters
    names begin with, and the one character before a match is checked here."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if m.start() and _WORD_OR_HYPHEN.match(text, m.start() - 1):
            pos = m.start() + 1  # inside a word: as the look-behind would, the next position
            continue
        yield m
        pos = m.end()


_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _number(token: str) -> int | None:
    token = token.strip().lower()
    if token in g.NUMBER_WORDS:
        return g.NUMBER_WORDS[token]
    return int(token) if token.isdigit() else None


def name_spans(text: str, offset: int, pattern: re.Pattern[str] | None, lookup) -> Iterator[Span]:
    """Mentions of registered people: <persName ref="#id">."""
    if pattern is None:
        return
    for m in find_names(pattern, text):
        pid = lookup(m.group(0))
        if pid:
            yield Span(
                offset + m.start(),
                offset + m.end(),
                8,  # outside a coinciding choice
                maker("persName", (("ref", f"#{pid}"),)),
            )
