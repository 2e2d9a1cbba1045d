"""Settle the built text into shapes TEI allows, without moving a character of the source.

The structure builder reads a transcript paragraph by paragraph, and a few transcripts end where
TEI cannot: a label with nothing after it, a document heading with no document, a quoted
document in the front matter, narration after a subdivision has closed. Each pass below repairs
one such shape in a single walk, keeping every text node in document order, so the diplomatic
text is unchanged (the encoder checks that after this pass, as after every other).
"""

from __future__ import annotations

from lxml import etree

from edition.encode.held import Held
from edition.encode.inline import last_child
from edition.xmlio import T, tei

_GLOBAL = {tei(n) for n in ("note", "gap", "fw", "lb", "metamark", "ellipsis", "timeline")}
_BLOCKS = {tei(n) for n in ("p", "ab", "sp", "stage", "list", "table", "floatingText", "q")}
#: What front and back matter may hold before their divisions (besides model.global).
_MATTER = {tei(n) for n in ("titlePage", "p", "ab", "castList")}
_DIV = tei("div")
#: What may follow subdivisions in their container (front matter may end with a title page).
_AFTER_DIVS = _GLOBAL | {tei("titlePage"), tei("castList")}


def settle(text_el: etree._Element, editor: str, held: Held | None = None) -> list[tuple[str, str]]:
    """Run every pass over a <text> element, in place; return (code, message) for each repair.

    Held blocks (`encode.held`) are moved as elements; whether one has words is read from its
    source."""
    notes: list[tuple[str, str]] = []
    for doc in list(text_el.iter(tei("floatingText"))):
        if _document_without_content(doc):
            notes.append(("W204", "a document heading with no document after it is encoded as a subheading"))
    for part in (text_el.find(tei("front")), text_el.find(tei("back"))):
        if part is not None and _wrap_loose_blocks(part):
            notes.append(
                (
                    "W205",
                    f"turns or documents in the {etree.QName(part).localname} "
                    "matter are put in a division of their own",
                )
            )
    containers = [
        text_el.find(tei("front")),
        text_el.find(tei("body")),
        text_el.find(tei("back")),
        *text_el.iter(_DIV),
        *text_el.iter(tei("body")),
    ]
    for container in containers:
        if container is not None:
            _blocks_after_divisions(container)
    for sp in text_el.iter(tei("sp")):
        if _turn_without_words(sp, editor, held):
            label = "".join(sp.findtext(tei("speaker")) or sp.get("who", "")).strip()
            notes.append(("W203", f"the label {label!r} has no words after it; the turn records a gap"))
    return notes


def _document_without_content(doc: etree._Element) -> bool:
    """A document heading that no document follows is a subheading where it stands."""
    body = doc.find(tei("body"))
    if body is None or any(c.tag in _BLOCKS or c.tag == _DIV for c in body):
        return False
    for head in body.iterchildren(tei("head")):
        head.tag = tei("ab")
        head.set("type", "subheading")
    _unwrap(body)
    _unwrap(doc)
    return True


def _wrap_loose_blocks(part: etree._Element) -> bool:
    """Turns, tables or documents standing in front or back matter go into a division."""
    runs: list[list[etree._Element]] = [[]]
    for child in list(part):
        if isinstance(child.tag, str) and child.tag not in _MATTER | _GLOBAL | {_DIV}:
            runs[-1].append(child)
        elif runs[-1]:
            runs.append([])
    for run in filter(None, runs):
        _wrap(run, "section")
    return bool(runs[0])


def _blocks_after_divisions(container: etree._Element) -> None:
    """TEI puts subdivisions after a division's own blocks; later blocks join the last one.

    A block joins the division only together with whatever stands between them, so no text
    changes place: milestones and notes (allowed in a division) go in with it; a title page
    (not allowed there) stays, and a block after it opens a division of its own."""
    last_div = None
    between: list[etree._Element] = []  # siblings after last_div that stayed where they were
    for child in list(container):
        if child.tag == _DIV:
            last_div, between = child, []
        elif last_div is None:
            continue
        elif not isinstance(child.tag, str) or child.tag in _AFTER_DIVS:
            between.append(child)
        elif all(not isinstance(b.tag, str) or b.tag in _GLOBAL for b in between):
            for el in [*between, child]:
                _move_into_end(el, last_div)
            between = []
        else:
            last_div, between = _wrap([child], "section"), []


def _turn_without_words(sp: etree._Element, editor: str, held: Held | None = None) -> bool:
    """A label with no words after it: the edition says so, with a gap in the turn."""
    speech = [c for c in sp if isinstance(c.tag, str) and c.tag != tei("speaker")]
    if held and _held_words(speech, held):
        return False
    if any(piece.strip() for c in speech for piece in c.itertext()) or any(
        True for c in speech for _ in c.iter(tei("gap"), tei("ellipsis"))
    ):
        return False
    gap = T.gap(T.desc("No words follow the speaker's label in the source."), reason="missing", resp=f"#{editor}")
    target = next((c for c in reversed(speech) if c.tag == tei("p")), None)
    if target is None:
        target = T.p()
        sp.append(target)
    target.append(gap)
    return True


def _held_words(speech: list[etree._Element], held: Held) -> bool:
    """Whether a held block in a turn has a word, as its source says; one whose source cannot
    say (white space and control characters only) is built, for the tree to tell."""
    blocks = [el for c in speech for el in c.iter() if el in held.blocks]
    for el in blocks:
        if held.has_words(el):
            return True
    for el in blocks:
        held.materialise(el)
    return False


# --------------------------------------------------------------------------- order-keeping moves


def _unwrap(el: etree._Element) -> None:
    """Replace `el` by its content, keeping its text, children and tail in order."""
    parent = el.getparent()
    index = parent.index(el)
    _append_before(el, el.text or "")
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)  # a child moves with its tail
    tail = el.tail or ""
    el.tail = None
    parent.remove(el)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif tail:
        _append_text_at(parent, index, tail)


def _wrap(run: list[etree._Element], div_type: str) -> etree._Element:
    """Put consecutive siblings into a new division, in place of the first."""
    first = run[0]
    div = T.div(type=div_type)
    first.addprevious(div)
    for i, el in enumerate(run):
        if i < len(run) - 1:
            div.append(el)
        else:  # the last keeps the text after it outside
            tail, el.tail = el.tail, None
            div.append(el)
            div.tail = tail
    return div


def _move_into_end(el: etree._Element, div: etree._Element) -> None:
    """Move `el` (and whatever text lies between `div` and it) to the end of `div`."""
    between = div.tail or ""
    div.tail = None
    last = last_child(div)
    if last is not None:
        last.tail = (last.tail or "") + between
    else:
        div.text = (div.text or "") + between
    div.append(el)


def _append_before(el: etree._Element, text: str) -> None:
    if not text:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def _append_text_at(parent: etree._Element, index: int, text: str) -> None:
    if index > 0:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
