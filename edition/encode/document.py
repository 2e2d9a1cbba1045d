"""Units → the `<text>` element: dispatch each kind of unit to the builder."""

from __future__ import annotations

from lxml import etree

from edition.encode.body import BodyBuilder, Frame, _put_ws
from edition.encode.cast import cast_unit
from edition.transcript.cast import Cast
from edition.transcript.model import Unit
from edition.xmlio import T


def build_text(
    units: list[Unit], source: str, spans_for, org_match, inserts, report_cross, cast: Cast | None = None
) -> etree._Element:
    if not _reaches_body(units):
        for u in units:  # nothing but front or back matter: it is the body (TEI requires one)
            u.part = "body"
            if u.kind == "title":
                u.kind = "narration"
    text_el = T.text()
    b = BodyBuilder(text_el, source, spans_for, report_cross)
    b.stack.append(Frame(text_el, "text"))
    i = 0
    seen_body = False
    while i < len(units):
        u = units[i]
        b.pending += source[units[i - 1].para.end if i else 0 : u.para.start]
        for block in inserts.get(u.para.index, []):
            b.ensure_part(_part_of(u, seen_body))
            b.close_containers()
            b.attach(block)
        part = _part_of(u, seen_body)
        if u.kind == "furniture":
            if b.part and (b.part != "front" or seen_body):
                b.enter_part("back" if seen_body else b.part)
            else:
                b.ensure_part("front")
            b.close_containers()
            while b.stack[-1].kind == "div":
                b.stack.pop()
            b.paragraph(u, "fw", type="furniture")
            i += 1
            continue
        if part == "body":
            seen_body = True
        b.ensure_part(part)
        kind = u.kind
        if kind == "title":
            b.close_containers()
            tp = b.attach(T.titlePage())
            title = T.titlePart()
            tp.append(T.docTitle(title))
            b.inline(title, u.para.start, u.para.end)
        elif kind == "heading" and u.doc_head:
            b.quote(u, head=True)
        elif kind == "heading":
            b.open_div(u)
        elif kind == "turn":
            b.open_turn(u)
        elif kind in ("speech", "reported", "subheading"):
            if b.container(("sp",)) is None:
                b.open_turn(Unit(u.para, "turn", who=u.who))
            else:
                b.close_while(("doc", "docbody", "list", "item"))
                if kind == "subheading":
                    b.paragraph(u, "ab", type="subheading")
                elif u.lines:
                    b.verse(u)
                elif kind == "reported":
                    b.paragraph(u, ana="#reported")
                else:
                    b.paragraph(u)
        elif kind == "quote":
            if not u.who and b.container(("docbody",)) is None:
                b.close_while(("sp",))
            b.quote(u)
        elif kind == "item":
            if not u.who and b.container(("sp",)) is not None and b.container(("list",)) is None:
                b.close_containers()
            b.item(u)
        elif kind in ("row", "row-head", "row-cont"):
            j = i
            while j < len(units) and units[j].kind in ("row", "row-head", "row-cont"):
                j += 1
            b.table_rows(units[i:j], org_match, None)
            i = j
            continue
        elif kind == "footnote":
            b.close_containers()
            b.paragraph(u, "note", type="footnote", n=u.text[:1], place="bottom")
        elif kind == "timestamp":
            _place_in_turn(b, u)  # between turns; a time inside a speech stays in it
            b.paragraph(u, "ab", type="timestamp")
        elif kind == "cast":
            cast_unit(b, u, cast.items.get(u.para.index, []) if cast else [])
        elif kind == "separator":
            b.close_containers()
            b.paragraph(u, "ab", type="separator")
        elif kind == "stage":
            _place_in_turn(b, u)  # between turns; a direction inside a speech stays in it
            b.paragraph(u, "stage", type="remark")
        elif kind == "vote":
            b.close_containers()
            b.paragraph(u, ana="#vote")
        elif kind == "meta":
            b.close_containers()
            b.paragraph(u, ana=f"#session.{u.subtype}")
        else:  # narration
            b.close_containers()
            b.paragraph(u)
        i += 1
    # whatever follows the last paragraph (the final line end) closes the text
    end = units[-1].para.end if units else 0
    trailing = source[end:]
    if len(b.stack) > 1 and not trailing.strip(" \t\n"):
        _put_ws(b.stack[1].el, trailing)
    return text_el


def _place_in_turn(b: BodyBuilder, u: Unit) -> None:
    """Close what a block may not stand in: inside the turn that goes on after it (the classifier
    gave it the turn's speaker), only the turn's lists and quoted documents; else the turn too."""
    if u.who and b.container(("sp",)) is not None:
        b.close_while(("doc", "docbody", "list", "item"))
    else:
        b.close_containers()


def _reaches_body(units: list[Unit]) -> bool:
    """Whether some paragraph lands in the body: parts only go forward (front, body, back), so a
    paragraph of the body after back matter stays in the back."""
    for u in units:
        if u.kind != "furniture" and u.part != "front":
            return u.part == "body"
    return False


def _part_of(u: Unit, seen_body: bool) -> str:
    if seen_body and u.part == "front":
        return "body"
    return u.part
