"""The structure builder: classified units → `<text>` (front, body, back).

A cursor keeps the open elements; whitespace between paragraphs is carried as `pending` and
placed, verbatim, right before the next element wherever it opens — so structure never moves a
source character. Every decision about *what* a paragraph is was made by the classifier; this
module only decides *where* it goes in TEI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.encode.inline import append_text, fill, last_child
from edition.transcript.model import Unit
from edition.xmlio import XML_ID, T, tei

PARTS = ("front", "body", "back")


@dataclass
class Frame:
    el: etree._Element
    kind: str  # part, div, sp, doc, list, table, row …
    level: int = 0


@dataclass
class BodyBuilder:
    text_el: etree._Element
    source: str
    spans_for: object  # callable(start, end) -> spans in source order; may `hold` (Spans)
    report_cross: object = None
    ids: dict[str, int] = field(default_factory=dict)
    stack: list[Frame] = field(default_factory=list)
    pending: str = ""
    part: str = ""

    # ------------------------------------------------------------------ cursor

    def top(self) -> etree._Element:
        return self.stack[-1].el

    def attach(self, el: etree._Element) -> etree._Element:
        parent = self.top()
        if _ws_only(self.pending):
            _put_ws(parent, self.pending)
        else:
            append_text(parent, self.pending)
        self.pending = ""
        parent.append(el)
        return el

    def open(self, el: etree._Element, kind: str, level: int = 0) -> etree._Element:
        self.attach(el)
        self.stack.append(Frame(el, kind, level))
        return el

    def close_while(self, kinds: tuple[str, ...]) -> None:
        while self.stack[-1].kind in kinds:
            self.stack.pop()

    def close_containers(self) -> None:
        self.close_while(("sp", "doc", "docbody", "list", "item", "table", "castGroup", "castList"))

    def inline(self, el: etree._Element, start: int, end: int) -> etree._Element:
        fill(el, self.source, start, end, self.spans_for(start, end), self.report_cross)
        return el

    def block(self, el: etree._Element, start: int, end: int) -> etree._Element:
        """A block's inline content: a large one is held, made only while the document is
        written (`encode.held`), when `spans_for` can hold it."""
        hold = getattr(self.spans_for, "hold", None)
        if hold is None or not hold(el, start, end):
            self.inline(el, start, end)
        return el

    def new_id(self, base: str) -> str:
        n = self.ids.get(base, 0) + 1
        self.ids[base] = n
        return base if n == 1 else f"{base}-{n}"

    # ------------------------------------------------------------------ parts and divisions

    def enter_part(self, part: str) -> None:
        if self.part and PARTS.index(part) <= PARTS.index(self.part):
            return
        self.stack = self.stack[:1]
        self.part = part
        self.open(T(part), "part")

    def ensure_part(self, part: str) -> None:
        if not self.part:
            self.enter_part(part)
        elif PARTS.index(part) > PARTS.index(self.part):
            self.enter_part(part)

    def open_div(self, unit: Unit) -> etree._Element:
        self.close_containers()
        while self.stack[-1].kind == "div" and self.stack[-1].level >= unit.level:
            self.stack.pop()
        attrs = {"type": unit.div_type or "section"}
        if unit.subtype:
            attrs["subtype"] = unit.subtype
        base = f"{unit.div_type}-{unit.when}" if unit.when else f"{unit.div_type}-{_slug(unit.text)}"
        attrs[XML_ID] = self.new_id(base)
        div = self.open(T.div(**attrs), "div", unit.level)
        head = self.attach(T.head())
        self.inline(head, unit.para.start, unit.para.end)
        if unit.when:
            _date_in_head(head, unit.when)
        return div

    # ------------------------------------------------------------------ blocks

    def container(self, kinds: tuple[str, ...]) -> Frame | None:
        for frame in reversed(self.stack):
            if frame.kind in kinds:
                return frame
            if frame.kind in ("div", "part"):
                return None
        return None

    def paragraph(self, unit: Unit, tag: str = "p", start: int | None = None, **attrs) -> etree._Element:
        el = self.attach(T(tag, **attrs))
        return self.block(el, unit.para.start if start is None else start, unit.para.end)

    def open_turn(self, unit: Unit) -> etree._Element:
        self.close_containers()
        attrs = {"who": " ".join(f"#{w}" for w in unit.who)}
        if unit.reported:
            attrs["ana"] = "#reported"
        sp = self.open(T.sp(**attrs), "sp")
        start = unit.para.start
        if unit.label_end:
            speaker = self.attach(T.speaker())
            sep = self.source[start + unit.label_end : start + unit.speech_start]
            # a separator that is not XML whitespace (a no-break space) stays inside the label
            label_end = unit.label_end if _ws_only(sep) else unit.speech_start
            self.inline(speaker, start, start + label_end)
            self.pending = self.source[start + label_end : start + unit.speech_start]
            if unit.lines:
                self.verse(unit)
            elif unit.speech_start < len(unit.text):
                rest_start = start + unit.speech_start
                p = self.attach(T.p())
                self.block(p, rest_start, unit.para.end)
        else:
            self.paragraph(unit)
        return sp

    def verse(self, unit: Unit) -> None:
        """A speech set in verse (`transcript.verse`): an `l` a line, the line ends and indents
        between them kept as they are, between the elements."""
        end = None
        for start, stop in unit.lines:
            if end is not None:
                self.pending += self.source[end:start]
            self.inline(self.attach(T.l()), start, stop)
            end = stop

    def quote(self, unit: Unit, head: bool = False) -> None:
        doc = self.container(("docbody",))
        if doc is None or head:
            self.close_while(("list", "item", "docbody", "doc"))
            if self.stack[-1].kind not in ("sp", "div", "part"):
                self.close_containers()
            self.open(T.floatingText(type="document"), "doc")
            self.open(T.body(), "docbody")
        else:
            self.close_while(("list", "item"))
        if head:
            self.paragraph(unit, "head")
        elif unit.n:
            if self.stack[-1].kind != "list":
                self.open(T.list(type="ordered"), "list")
            self.paragraph(unit, "item", n=unit.n)
        else:
            self.paragraph(unit)

    def item(self, unit: Unit) -> None:
        if self.container(("docbody",)):
            self.close_while(("doc", "docbody"))
        depth = unit.depth
        lists = [f for f in self.stack if f.kind == "list"]
        while lists and lists[-1].level > depth:
            self.close_while(("item",))
            self.stack.pop()
            lists.pop()
        if not lists or lists[-1].level < depth:
            if lists:  # a nested list goes inside the last item
                last_item = last_child(self.top())
                if last_item is not None and last_item.tag == tei("item"):
                    self.stack.append(Frame(last_item, "item"))
            self.open(T.list(type="ordered"), "list", depth)
        else:
            self.close_while(("item",))
        self.paragraph(unit, "item", n=unit.n)

    def table_rows(self, units: list[Unit], org_match, person_spans) -> None:
        """One table from header/row/continuation units; cells split by number, place, names."""
        self.close_containers()
        table = self.open(T.table(**{XML_ID: self.new_id("table")}), "table")
        expected = None
        prev_end = None
        for row_units in _group_rows(units):
            first, last = row_units[0], row_units[-1]
            start, end = first.para.start, last.para.end
            if prev_end is not None:
                self.pending += self.source[prev_end:start]
            prev_end = end
            if first.kind == "row-head":
                row = self.attach(T.row(role="label"))
                cell = row.makeelement(tei("cell"))
                row.append(cell)
                self.inline(cell, start, end)
                continue
            n = int(first.n)
            if expected is not None and n > expected:
                gap_row = self.attach(
                    T.row(
                        T.cell(
                            T.gap(
                                T.desc(
                                    f"Row{'s' if n - expected > 1 else ''} {expected}"
                                    f"{'–' + str(n - 1) if n - expected > 1 else ''} missing from the source."
                                ),
                                reason="missing",
                                unit="rows",
                                quantity=str(n - expected),
                                resp="#ed",
                            )
                        )
                    )
                )
                gap_row.set("n", str(expected))
            expected = n + 1
            row = self.attach(T.row(n=str(n)))
            self._cells(row, start, end, org_match)
        self.stack.pop()
        return table

    def _cells(self, row: etree._Element, start: int, end: int, org_match) -> None:
        text = self.source[start:end]
        m = re.match(r"\d+\)", text)
        bounds = [(start, start + m.end())]
        rest = start + m.end()
        ws = re.match(r"\s*", self.source[rest:end]).end()
        org = org_match(self.source, rest + ws, end)
        if org:
            org_end, org_id = org
            bounds.append((rest + ws, org_end))
            rest = org_end
        ws2 = re.match(r"\s*", self.source[rest:end]).end()
        cells = []
        prev_end = start
        for i, (s, e) in enumerate(bounds + [(rest + ws2, end)]):
            if s >= e:
                continue
            sep = self.source[prev_end:s]
            cell = T.cell()
            if cells:
                if _ws_only(sep):
                    _put_ws(row, sep)
                else:
                    append_text(row, sep)
            row.append(cell)
            if org and i == 1:
                cell.set("role", "label")
                holder = T.orgName(ref=f"#{org[1]}")
                cell.append(holder)
                fill(holder, self.source, s, e, self.spans_for(s, e), self.report_cross)
            else:
                self.inline(cell, s, e)
            cells.append(cell)
            prev_end = e


def _group_rows(units: list[Unit]) -> list[list[Unit]]:
    groups: list[list[Unit]] = []
    for u in units:
        if u.kind == "row-cont" and groups:
            groups[-1].append(u)
        else:
            groups.append([u])
    return groups


def _ws_only(text: str) -> bool:
    return all(c in " \t\n" for c in text)


def _put_ws(parent: etree._Element, ws: str) -> None:
    """Whitespace between elements goes in as it is (no <lb/>: it separates, it is not a line)."""
    if not ws:
        return
    last = last_child(parent)
    if last is not None:
        last.tail = (last.tail or "") + ws
    else:
        parent.text = (parent.text or "") + ws


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "div"


_MONTH_DATE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)[ ]+\d{1,2}(?:,?[ ]+\d{4})?|\d{1,2}[ ]+(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December)"
    r"(?:,?[ ]+\d{4})?",
    re.I,
)


def _date_in_head(head: etree._Element, when: str) -> None:
    """Wrap the printed date in <date when>; where the heading has none, add an empty one."""
    for node in [head, *head.iterdescendants()]:
        for attr in ("text", "tail"):
            if node is head and attr == "tail":
                continue
            value = getattr(node, attr)
            m = _MONTH_DATE.search(value or "")
            if not m:
                continue
            date = T.date(m.group(0), when=when)
            date.tail = value[m.end() :]
            setattr(node, attr, value[: m.start()])
            if attr == "text":
                node.insert(0, date)
            else:
                node.addnext(date)
            return
    head.append(T.date(when=when, type="inferred"))
