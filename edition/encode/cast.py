"""A play's list of persons → `castList`: a heading, groups (`castGroup` with their heading), and
a `castItem` a line, its names `role` and its description `roleDesc`.

What the lines say was read by `transcript.cast`; here each character of the paragraph is put
where it belongs, in order: the blanks and line ends between two lines stand between their
items, a description carried to the next line ("(_Formerly, as Dolly Ensor …_)") stays in its
item after an `<lb/>`, and braces, commas and brackets stay as text inside the item.
"""

from __future__ import annotations

from edition.encode.body import BodyBuilder
from edition.encode.inline import append_text, last_child
from edition.transcript.cast import Line
from edition.transcript.model import Unit
from edition.xmlio import T

#: The builder's frame kinds for the list and its groups.
LIST, GROUP = "castList", "castGroup"


def cast_unit(b: BodyBuilder, u: Unit, lines: list[Line]) -> None:
    """Place one paragraph of a cast list (`u.subtype`: head, group or items)."""
    if u.subtype == "head":
        b.close_containers()
        b.open(T.castList(), LIST)
        b.paragraph(u, "head")
        return
    if b.container((LIST,)) is None:
        b.close_containers()
        b.open(T.castList(), LIST)
    if u.subtype == "group":
        b.close_while((GROUP,))
        b.open(T.castGroup(), GROUP)
        b.paragraph(u, "head")
        return
    group = b.stack[-1]
    if group.kind == GROUP and group.el.find(T.castItem().tag) is not None and lines and not lines[0].continues:
        b.stack.pop()  # a group is its heading and the paragraph of lines after it
    _items(b, u, lines)


def _items(b: BodyBuilder, u: Unit, lines: list[Line]) -> None:
    source, base = b.source, u.para.start
    item = last_child(b.top())
    if item is None or item.tag != T.castItem().tag:
        item = None
    pos = base
    for line in lines:
        start, end = base + line.start, base + line.end
        first = start + len(source[start:end]) - len(source[start:end].lstrip(" \t"))
        if line.continues and item is not None:
            append_text(item, b.pending + source[pos:first])  # the line before may end a paragraph
            b.pending = ""
        else:
            b.pending += source[pos:first]
            item = b.attach(T.castItem())
        pos = first
        parts = [(s, "role") for s, _ in line.roles] + ([(line.desc[0], "roleDesc")] if line.desc else [])
        ends = [e for _, e in line.roles] + ([line.desc[1]] if line.desc else [])
        for (s, tag), e in zip(parts, ends):
            append_text(item, source[pos : base + s])
            el = item.makeelement(T(tag).tag)
            item.append(el)
            b.inline(el, base + s, base + e)
            pos = base + e
        append_text(item, source[pos:end])
        pos = end
