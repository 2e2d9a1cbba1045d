"""The text of ParlaMint component files: a Parla-CLARIN document (`parla_clarin.py`) cut into
sittings, each made into the flat, text-only shape ParlaMint's schema allows.

ParlaMint's `body` holds only `div`s, one level deep: a `debateSection` (headings, then comments
and at least one `u`) or a `commentSection` (headings and comments only). A `u` holds `seg`,
comments and `pb`; a `seg` holds text, comments and `pb`; a `note` holds text only; `head` and
`desc` one line of text. So, here:

* a sitting is a division the source calls a session and dates; divisions inside it become
  divisions of their own after it, in document order (a heading that stood alone goes to the
  division it heads); what stands outside every sitting joins the sitting beside it;
* every phrase element (names, dates, measures, quotations…) is unwrapped, its words kept;
* a note or a heading that holds an event or a lacuna is cut around it, so that each is its own
  comment, in order;
* a table becomes one note per row, cells separated by ` | `;
* events keep their type where ParlaMint's vocabulary has it (a `vocal` needs one: `noise`
  otherwise), a lacuna is a `gap` of reason `editorial`, `inaudible` or `foreign` with a `desc`.

No word is dropped: every text node of the input lands in one `seg`, `note`, `head` or `desc`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.errors import XMLInputError
from edition.xmlio import NS, XML_ID, tei

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EVENTS = {tei("kinesic"), tei("vocal"), tei("incident")}
COMMENTS = EVENTS | {tei("note"), tei("gap")}
SPEAKER_TYPES = ("#chair", "#regular", "#guest")
TOKENS = {tei("w"), tei("pc")}
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")

#: ParlaMint's fixed vocabularies (ParlaMint.rng: kinesicType.val, incidentType.val, vocalType.val).
TYPES = {
    tei("kinesic"): {
        "kinesic",
        "applause",
        "ringing",
        "signal",
        "playback",
        "gesture",
        "smiling",
        "laughter",
        "snapping",
        "noise",
    },
    tei("incident"): {"action", "incident", "leaving", "entering", "break", "pause", "sound", "editorial"},
    tei("vocal"): {
        "greeting",
        "question",
        "clarification",
        "speaking",
        "interruption",
        "exclamat",
        "laughter",
        "shouting",
        "murmuring",
        "noise",
        "signal",
    },
}
GAP_REASONS = {"inaudible": "inaudible", "illegible": "inaudible", "unclear": "inaudible", "foreign": "foreign"}


@dataclass
class Section:
    """One division of the result: its headings and what follows them."""

    heads: list[etree._Element] = field(default_factory=list)
    items: list[etree._Element] = field(default_factory=list)


@dataclass
class Sitting:
    id: str
    date: str
    label: str
    sections: list[Section] = field(default_factory=list)


# --------------------------------------------------------------------------- cutting into sittings


def cut_sittings(tree: etree._Element, corpus_id: str, default_date: str | None, name: str) -> list[Sitting]:
    """The sittings of a Parla-CLARIN document: its dated sessions, else the whole document on
    `default_date`."""
    dates = {
        s.get("corresp", "")[1:]: s.find("tei:date", NS).get("when")
        for s in tree.iterfind("tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting[@corresp]", NS)
        if s.find("tei:date[@when]", NS) is not None
    }
    marks = [
        d
        for part in _parts(tree)
        for d in part.iter(tei("div"))
        if d.get("subtype") == "session" and _day(_date_of(d, dates))
    ]
    if not marks:
        default_date = default_date or _day(
            tree.xpath("string((tei:teiHeader/tei:profileDesc/tei:settingDesc//tei:date/@when)[1])", namespaces=NS)
        )
        if default_date is None:
            raise XMLInputError(
                "says nowhere on which day it was held, and ParlaMint names files by date",
                file=name,
                kind="not-tei",
                hint="give --sitting-date YYYY-MM-DD, or a date in the file name",
            )
        sittings = [Sitting("", default_date, _title(tree) or default_date)]
        for part in _parts(tree):
            _walk(part, sittings[0], {}, [sittings[0]], [])
    else:
        sittings = [Sitting("", _day(_date_of(d, dates)), _head(d) or _day(_date_of(d, dates))) for d in marks]
        pending: list[Section] = []
        seen: list[Sitting] = []
        for part in _parts(tree):  # the front before the first sitting, the back after the last
            _walk(part, None, dict(zip(marks, sittings, strict=True)), seen, pending)
        sittings[0].sections[:0] = pending
    _name(sittings, corpus_id)
    return sittings


def _parts(tree: etree._Element) -> list[etree._Element]:
    return tree.xpath("tei:text/tei:front | tei:text/tei:body | tei:text/tei:back", namespaces=NS)


def _date_of(div: etree._Element, dates: dict[str, str]) -> str | None:
    """A session's date: its setting in the header, else the first date of its heading."""
    return dates.get(div.get(XML_ID, "")) or div.xpath("string((tei:head//tei:date/@when)[1])", namespaces=NS) or None


def _day(when: str | None) -> str | None:
    return when[:10] if when and re.match(r"^\d{4}-\d{2}-\d{2}", when) else None


def _name(sittings: list[Sitting], corpus_id: str) -> None:
    """`ParlaMint-XX_YYYY-MM-DD`, numbered `-1`, `-2`… where a day has more than one sitting."""
    per_day: dict[str, int] = {}
    for s in sittings:
        per_day[s.date] = per_day.get(s.date, 0) + 1
    seen: dict[str, int] = {}
    for s in sittings:
        seen[s.date] = seen.get(s.date, 0) + 1
        s.id = f"{corpus_id}_{s.date}" + (f"-{seen[s.date]}" if per_day[s.date] > 1 else "")


def _walk(
    div: etree._Element, sitting: Sitting | None, marks: dict, seen: list[Sitting], pending: list[Section]
) -> None:
    """Flatten `div` into sections of the sitting it belongs to (`seen[-1]` is the last sitting
    entered; what comes before the first is `pending`)."""
    section = Section()

    def close() -> None:
        if section.heads or section.items:
            owner = sitting or (seen[-1] if seen else None)
            (owner.sections if owner else pending).append(section)

    for child in div:
        if child.tag == tei("div"):
            close()
            inner = marks.get(child, sitting)
            if child in marks:
                seen.append(inner)
            _walk(child, inner, marks, seen, pending)
            section = Section()
        elif child.tag == tei("head") and not section.items:
            section.heads.append(child)
        elif isinstance(child.tag, str):
            section.items.append(child)
    close()


def _head(div: etree._Element) -> str:
    head = div.find("tei:head", NS)
    return one_line(head) if head is not None else ""


def _title(tree: etree._Element) -> str:
    title = tree.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS)
    return one_line(title) if title is not None else ""


def one_line(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


# --------------------------------------------------------------------------- the text of a sitting


def build_component(sitting: Sitting, ana: str) -> etree._Element:
    """`<text ana><body>` of one sitting: its sections as flat divisions."""
    text = etree.Element(tei("text"), {"ana": ana})
    body = etree.SubElement(text, tei("body"))
    carried: list[etree._Element] = []
    for section in sitting.sections:
        heads = carried + [h for head in section.heads for h in _heading(head)]
        items = [out for item in section.items for out in block(item)]
        if not items:
            carried = heads  # a heading alone heads what follows
            continue
        carried = []
        div = etree.SubElement(
            body, tei("div"), type="debateSection" if any(i.tag == tei("u") for i in items) else "commentSection"
        )
        div.extend(heads + items)
    if carried:  # headings at the very end: kept as notes
        div = etree.SubElement(body, tei("div"), type="commentSection")
        div.extend(_note([h.text], "head", None) for h in carried)
    if not len(body):
        raise XMLInputError(f"the sitting {sitting.id} holds no text", kind="not-tei")
    return text


def _heading(head: etree._Element) -> list[etree._Element]:
    words = one_line(head)
    if not words:
        return []
    out = etree.Element(tei("head"))
    _copy_id(head, out)
    out.text = words
    return [out]


def block(el: etree._Element) -> list[etree._Element]:
    """What one element of a division becomes: comments, an utterance, or notes."""
    if el.tag == tei("u"):
        return utterance(el)
    if el.tag in COMMENTS or el.tag == tei("pb"):
        return comment(el)
    if el.tag == tei("head"):
        return notes(parts(el), "head", el)
    if el.tag == tei("table"):
        return [n for row in el.iterfind("tei:row", NS) for n in notes(_row(row), "table", row)]
    return notes(parts(el), None, el)


def _row(row: etree._Element) -> list:
    out: list = []
    for n, cell in enumerate(row.iterfind("tei:cell", NS)):
        if n:
            out.append(" | ")
        out.extend(parts(cell))
    return out


def utterance(u: etree._Element) -> list[etree._Element]:
    out = etree.Element(tei("u"))
    _copy_id(u, out)
    who = (u.get("who") or "").split()
    if who and who[0].startswith("#") and NCNAME.match(who[0][1:]):
        out.set("who", who[0])
    types = [a for a in (u.get("ana") or "").split() if a in SPEAKER_TYPES]
    out.set("ana", types[0] if types else "#regular")
    if u.get(XML_LANG):
        out.set(XML_LANG, u.get(XML_LANG))
    for child in u:
        if not isinstance(child.tag, str):
            continue
        out.extend(comment(child) if child.tag in COMMENTS or child.tag == tei("pb") else segment(child))
    return [out] if len(out) else []


def segment(el: etree._Element) -> list[etree._Element]:
    seg = etree.Element(tei("seg"))
    _copy_id(el, seg)
    _fill(seg, parts(el))
    return [seg] if (seg.text or len(seg)) else []


def comment(el: etree._Element) -> list[etree._Element]:
    """A note (cut around what it holds), an event, a lacuna or a page break, ParlaMint's way."""
    if el.tag == tei("note"):
        return notes(parts(el), el.get("type"), el)
    if el.tag == tei("pb"):
        pb = etree.Element(tei("pb"))
        _copy_id(el, pb)
        if el.get("n"):
            pb.set("n", el.get("n"))
        return [pb]
    if el.tag == tei("gap"):
        out = etree.Element(tei("gap"), reason=GAP_REASONS.get(el.get("reason", ""), "editorial"))
        described = " ".join(one_line(d) for d in el.iterfind("tei:desc", NS)).strip()
        fallback = " ".join(x for x in (el.get("quantity"), el.get("unit"), el.get("reason")) if x)
        etree.SubElement(out, tei("desc")).text = described or (f"lacuna: {fallback}" if fallback else "lacuna")
        return [out]
    out = etree.Element(el.tag)
    kind = el.get("type")
    if kind in TYPES[el.tag]:
        out.set("type", kind)
    elif el.tag == tei("vocal"):
        out.set("type", "noise")
    who = (el.get("who") or "").split()
    if who and who[0].startswith("#"):
        out.set("who", who[0])
    words = " ".join(one_line(d) for d in el.iterfind("tei:desc", NS)).strip() or one_line(el)
    etree.SubElement(out, tei("desc")).text = words or kind or etree.QName(el).localname
    return [out]


def parts(el: etree._Element) -> list:
    """The content of `el` as strings and ParlaMint comments, phrase markup unwrapped. Tokens
    (`w`, `pc` of a linguistically annotated file) are spaced by their `@join`, the whitespace
    between them being layout; the syntax (`linkGrp`) is left out with the rest of the annotation."""
    tokenized = any(c.tag in TOKENS for c in el)

    def layout(text: str | None) -> str:
        return "" if tokenized and not (text or "").strip() else (text or "")

    out: list = [layout(el.text)]
    for child in el:
        if isinstance(child.tag, str):
            if child.tag in COMMENTS or child.tag == tei("pb"):
                out.extend(comment(child))
            elif child.tag in TOKENS:
                out.append(_token(child))
            elif child.tag == tei("linkGrp"):
                pass
            elif child.tag != tei("desc"):
                out.extend(parts(child))
            else:
                out.append(one_line(child))
        out.append(layout(child.tail))
    return out


def _token(el: etree._Element) -> str:
    """A token's words and the space after it, unless it is joined to the next token."""
    nxt = el.getnext()
    while nxt is not None and not (isinstance(nxt.tag, str) and nxt.tag in TOKENS) and nxt.tag != tei("name"):
        nxt = nxt.getnext()
    if nxt is not None and nxt.tag == tei("name"):
        nxt = nxt.find(".//tei:w", NS)
    joined = el.get("join") in ("right", "both") or (nxt is not None and nxt.get("join") in ("left", "both"))
    return one_line(el) + ("" if joined else " ")


def notes(content: list, kind: str | None, source: etree._Element | None) -> list[etree._Element]:
    """Notes of the strings in `content`, cut around the comments it holds (kept in order)."""
    out: list[etree._Element] = []
    words: list[str] = []

    def flush() -> None:
        line = " ".join("".join(words).split())
        words.clear()
        if line:
            note = _note([line], kind, source if not any(o.tag == tei("note") for o in out) else None)
            out.append(note)

    for part in content:
        if isinstance(part, str):
            words.append(part)
        elif part.tag == tei("note"):
            flush()
            out.append(part)
        else:
            flush()
            out.append(part)
    flush()
    return out


def _note(text: list[str], kind: str | None, source: etree._Element | None) -> etree._Element:
    note = etree.Element(tei("note"))
    if source is not None:
        _copy_id(source, note)
    if kind and NCNAME.match(kind) and ":" not in kind:
        note.set("type", kind)
    note.text = " ".join(text)
    return note


def _fill(seg: etree._Element, content: list) -> None:
    """Strings and comments into `seg`: whitespace collapsed, none at either end."""
    last: etree._Element | None = None
    for part in content:
        if isinstance(part, str):
            if last is None:
                seg.text = (seg.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        else:
            seg.append(part)
            last = part
    seg.text = re.sub(r"\s+", " ", seg.text or "").lstrip() or None
    for child in seg:
        child.tail = re.sub(r"\s+", " ", child.tail or "") or None
    end = seg[-1] if len(seg) else None
    if end is None:
        seg.text = (seg.text or "").rstrip() or None
    else:
        end.tail = (end.tail or "").rstrip() or None


def _copy_id(src: etree._Element, dst: etree._Element) -> None:
    if NCNAME.match(src.get(XML_ID, "")):
        dst.set(XML_ID, src.get(XML_ID))
