"""Plain text out of the TEI: the *diplomatic* text (the transcript exactly as it was) and the
*reading* text (corrections applied, layout normalised, speakers and lacunae kept).

The diplomatic text is the lossless invariant of every encoding this toolkit writes: all text
under `<text>`, minus what an editor added (`corr`, `reg`, gap descriptions, editorial notes).
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from edition.xmlio import NS, tei

#: Elements whose content an editor added: never part of the diplomatic text.
EDITORIAL = {tei("corr"), tei("reg"), tei("gap"), tei("desc")}
#: ... and their counterparts, left out of the reading text.
SOURCE_ONLY = {tei("sic"), tei("orig")}


def _text_element(root: etree._Element) -> etree._Element:
    el = root if root.tag == tei("text") else root.find("tei:text", NS)
    if el is None:
        raise ValueError("no <text> element")
    return el


def diplomatic(root: etree._Element) -> str:
    return "".join(iter_diplomatic(root))


def iter_diplomatic(root: etree._Element):
    """The diplomatic text piece by piece, in document order (iteratively: any depth)."""
    return iter_content(_text_element(root))


def iter_content(el: etree._Element, held: Mapping[etree._Element, tuple[int, int]] | None = None):
    """The diplomatic text of an element's content: its text, its children, their tails.

    With `held` (a held block → its source range), a held block's content, which is not in the
    tree, stands as its range: a `(start, end)` tuple among the pieces."""
    if held and el in held:
        yield held[el]
    if el.text:
        yield el.text
    stack = [(el, iter(el))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:  # a descended element is done: its tail
            stack.pop()
            if stack and parent.tail:
                yield parent.tail
            continue
        if not isinstance(child.tag, str):  # comments, processing instructions
            pass
        elif child.tag == tei("g") and child.get("type") == "control":
            yield chr(int(child.get("n", "U+FFFD")[2:], 16))
        elif child.tag not in EDITORIAL and child.get("type") != "editorial":
            if held and child in held:
                yield held[child]
            if child.text:
                yield child.text
            stack.append((child, iter(child)))
            continue
        if child.tail:
            yield child.tail


class Departure(Exception):
    """The diplomatic text departs from the source at `offset`."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class Follower:
    """Follows the source while diplomatic text comes piece by piece, from `pos`: the lossless
    check of a document written in chunks, none of which is held once written."""

    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = pos

    def take(self, piece: str) -> None:
        """The next piece; `Departure` where it differs from the source."""
        if not self.text.startswith(piece, self.pos):
            raise Departure(_departure(self.text, self.pos, piece))
        self.pos += len(piece)

    def reached(self, end: int) -> None:
        """The pieces must have covered the source up to `end`, no less."""
        if self.pos != end:
            raise Departure(self.pos)


def _departure(text: str, pos: int, piece: str) -> int:
    """Where `piece`, read at `pos`, first differs from `text`."""
    return pos + next(
        (i for i, (a, b) in enumerate(zip(piece, text[pos : pos + len(piece)])) if a != b),
        min(len(piece), len(text) - pos),
    )


def first_difference(
    root: etree._Element, text: str, held: Mapping[etree._Element, tuple[int, int]] | None = None
) -> int | None:
    """Where the diplomatic text first departs from `text` (None if identical), without
    building the diplomatic text: the lossless check of a 50 MB transcript costs no memory.

    A held block's content (`held`: block → source range) is checked while it is written; here
    it must only stand where the text has got to."""
    pos = 0
    for piece in iter_content(_text_element(root), held):
        if type(piece) is tuple:
            if piece[0] != pos:
                return min(piece[0], pos)
            pos = piece[1]
        elif text.startswith(piece, pos):
            pos += len(piece)
        else:
            return _departure(text, pos, piece)
    return None if pos == len(text) else pos


_BLOCKS = {tei(t) for t in ("p", "ab", "head", "speaker", "item", "row", "fw", "stage", "note", "titlePart", "l")}
#: Stage directions and notes are blocks of their own only outside another block.
_BLOCKS_OUTSIDE_BLOCKS = {tei("stage"), tei("note")}
_SPEAKER, _GAP, _G, _CELL = tei("speaker"), tei("gap"), tei("g"), tei("cell")


def reading(root: etree._Element) -> str:
    """Corrected text, one block a paragraph, speakers and lacunae visible. (The names it compares
    with are made once, above: the HTML edition reads the text of a 15 MB TEI through here.)"""
    blocks: list[str] = []
    current: list[str] = []
    append = current.append

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if tag in _BLOCKS_OUTSIDE_BLOCKS:
            block = el.getparent().tag not in _BLOCKS
        else:
            block = tag in _BLOCKS
        if block and tag != _SPEAKER:
            previous = el.getprevious()
            if previous is None or previous.tag != _SPEAKER:
                flush()
        if el.text:
            append(el.text)
        for child in el:
            ctag = child.tag
            if not isinstance(ctag, str) or ctag in SOURCE_ONLY:
                pass
            elif ctag == _GAP:
                append(" […] ")
            elif ctag == _G and child.get("type") == "control":
                append(" ")
            elif ctag == _CELL:
                append(" ")
                walk(child)
            else:
                walk(child)
            if child.tail:
                append(child.tail)
        if block and tag == _SPEAKER:
            append(" ")
        elif block:
            flush()

    walk(_text_element(root))
    flush()
    return "\n\n".join(blocks) + "\n"
