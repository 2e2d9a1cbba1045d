"""One reader for every export: any TEI turned into a neutral model of who said what, where.

The exports (txt, md, json, csv) and `edition stats` all read TEI through `load`, so a DraCor play
(`sp` with `speaker`, `l`, `p`, `stage`), ParlaMint or Parla-CLARIN proceedings (`u` with `seg`,
the printed label as `note type="speaker"`, `kinesic`/`vocal`/`incident`), a `teiCorpus` of many
sittings and this toolkit's own editions all give the same model, and a format only decides how to
present it. Two things the best-known TEI-to-text stylesheets drop are data here: every turn keeps
its speaker, and every lacuna (`gap`) stays in the text as a visible marker.

Text is kept in two views at once. *Reading*: corrections applied (`corr`, `reg`, `expan`),
deletions left out. *Diplomatic*: as transcribed (`sic`, `orig`, `abbr`), the same division of
labour as `edition.text` (whose element sets it reuses). Notes never run into the text: each is
numbered, attached to its turn or passage, and its place kept as an anchor. Text that is shown but
not spoken by the turn's speaker (a stage direction, an event, a gap marker, someone else's
interjection) is an `Aside`, so word counts are of speech only.

A note standing between turns (ParlaMint's narrative notes, a printed footnote) is text of the
proceedings and becomes a passage; a note inside a turn or a paragraph is an annotation.

The document is read in one walk: every element is visited once, speaker labels and dates are
carried along rather than looked up, so reading is linear in the size of the document.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lxml import etree

from edition.export.records import (
    Aside,
    Block,
    Division,
    Edition,
    Gap,
    Note,
    NoteRef,
    Passage,
    Person,
    Piece,
    Speaker,
    Turn,
)
from edition.text import EDITORIAL, SOURCE_ONLY
from edition.xmlio import XML_ID, XML_LANG, parse_file, require_tei, tei


def load(path: str | Path) -> Edition:
    """Read a TEI file safely (no DTD, entities or XInclude) into the model."""
    tree = parse_file(path)
    require_tei(tree, str(path))
    return read(tree.getroot())


def read(root: etree._Element) -> Edition:
    return _Reader(root).edition()


# ------------------------------------------------------------------ what each element is

TURNS = {tei("sp"), tei("u")}
DIVISIONS = {tei("div")} | {tei(f"div{i}") for i in range(1, 8)}
DOCUMENTS = {tei("TEI"), tei("teiCorpus")}
#: Containers that are not divisions themselves.
TRANSPARENT = {tei(t) for t in ("text", "front", "body", "back", "group")}
#: Metadata, not text: skipped wherever it stands.
METADATA = {
    tei(t)
    for t in (
        "teiHeader",
        "standOff",
        "listEvent",
        "listPerson",
        "listOrg",
        "listPlace",
        "listRelation",
        "linkGrp",
        "spanGrp",
        "timeline",
        "fs",
        "fvLib",
        "fLib",
        "interpGrp",
        "join",
        "link",
        "alt",
    )
}
EVENTS = {tei(t) for t in ("kinesic", "vocal", "incident", "pause", "shift", "writing")}
#: Paragraph-like elements: everything inside is one block of text.
BLOCKS = {
    tei(t)
    for t in (
        "p",
        "ab",
        "l",
        "head",
        "item",
        "row",
        "seg",
        "trailer",
        "label",
        "castItem",
        "titlePart",
        "docAuthor",
        "docDate",
        "docImprint",
        "byline",
        "dateline",
        "salute",
        "signed",
        "argument",
        "bibl",
        "epigraph",
    )
}
READING_ONLY = EDITORIAL - {tei("gap")}  # corr, reg, desc: an editor's words
#: sic, orig, what was struck out, and running heads met inside a paragraph.
DIPLOMATIC_ONLY = SOURCE_ONLY | {tei("del"), tei("surplus"), tei("fw")}
SILENT = {tei(t) for t in ("pb", "cb", "milestone", "anchor", "ptr", "graphic", "media", "index")}
NOTE, GAP, HEAD, SPEAKER, STAGE, CELL, LB, G, CHOICE = (
    tei(t) for t in ("note", "gap", "head", "speaker", "stage", "cell", "lb", "g", "choice")
)

#: Lacuna reasons in words: the same labels as ed:gap-reasons in xslt/common/functions.xsl.
GAP_REASONS = {
    "lost": "lost",
    "missing": "missing from the source",
    "illegible": "illegible",
    "interrupted": "speech breaks off",
    "omitted": "omitted by the source’s editors",
    "inaudible": "inaudible",
    "damage": "damaged",
    "editorial": "left out by the editors",
}


def gap_marker(reason: str | None, quantity: str | None, unit: str | None) -> str:
    """The visible sign of a lacuna in every text export: "[…]", "[… speech breaks off]",
    "[… lost (2 sessions)]"."""
    said = GAP_REASONS.get(reason or "", reason or "")
    extent = f" ({quantity} {unit or 'units'})" if quantity else ""
    return f"[…{' ' + said if said else ''}{extent}]"


def _plain(el: etree._Element) -> str:
    """Reading text of a short element (a name, a title): corrections applied, notes left out."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        parts.append(e.text or "")
        for c in e:
            if isinstance(c.tag, str) and c.tag not in DIPLOMATIC_ONLY and c.tag != NOTE:
                walk(c)
            parts.append(c.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def _has_text(el: etree._Element) -> bool:
    """Whether an element holds text of its own (not only in its children)."""
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _next_element(el: etree._Element) -> etree._Element | None:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _ids(who: str | None) -> tuple[str, ...]:
    """Ids a pointer attribute names: '#a #b' → ('a', 'b'); 'people.xml#a' → ('a',)."""
    return tuple(tok.rsplit("#", 1)[-1] for tok in (who or "").split() if tok.rsplit("#", 1)[-1])


def _date(el: etree._Element) -> str | None:
    when = el.get("when") or el.get("when-iso")
    if when:
        return when
    start, end = el.get("from") or el.get("from-iso"), el.get("to") or el.get("to-iso")
    return f"{start or '..'}/{end or '..'}" if start or end else None


def _name(el: etree._Element) -> str | None:
    """The name of a person or an organisation: the regularised form first, as the HTML edition
    names them (ed:person-name)."""
    names = [c for c in el if c.tag in (tei("persName"), tei("orgName"), tei("name"))]
    names.sort(key=lambda c: c.get("type") != "reg")
    return next((text for c in names if (text := _plain(c))), None)


# ------------------------------------------------------------------ the reader


class _Reader:
    """One walk over the document; see the module's docstring for what becomes what."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.divisions: list[Division] = []
        self.turns: list[Turn] = []
        self.passages: list[Passage] = []
        self.notes: list[Note | None] = []
        self.gaps: list[Gap] = []
        self.flow: list[Division | Turn | Passage] = []
        self.open: list[Division] = []  # the divisions being read, outermost first
        self.label: Block | None = None  # a printed label (note type="speaker") for the next turn
        self.nested: list[etree._Element] = []  # turns met inside a turn, read after it
        self.owner: tuple[str, int] | None = None  # the turn or passage being read
        self.doc_date = self._header_date(root)
        self.register, self.orgs = self._register(root)
        self.names = {i: _name(el) or i for i, el in self.register.items()}
        self.labels: dict[str, str] = {}  # unregistered id → its first printed label

    # ---- the whole

    def edition(self) -> Edition:
        root = self.root
        self._structure(root, skip_heads=False)
        header = root.find(tei("teiHeader"))
        return Edition(
            title=self._title(header, root.get(XML_LANG)),
            language=root.get(XML_LANG),
            date=self.doc_date,
            root=etree.QName(root).localname,
            divisions=tuple(self.divisions),
            turns=tuple(self.turns),
            passages=tuple(self.passages),
            notes=tuple(self.notes),
            gaps=tuple(self.gaps),
            people=self._people(),
            flow=tuple(self.flow),
        )

    def _register(self, root) -> tuple[dict[str, etree._Element], dict[str, str]]:
        persons, orgs = {}, {}
        for el in root.iter(tei("person"), tei("personGrp"), tei("org")):
            if el.get(XML_ID):
                if el.tag == tei("org"):
                    orgs[el.get(XML_ID)] = _name(el) or el.get(XML_ID)
                else:
                    persons.setdefault(el.get(XML_ID), el)
        return persons, orgs

    def _person(self, el: etree._Element) -> Person:
        sex = el.get("sex") or next((s.get("value") or _plain(s) for s in el.iter(tei("sex"))), None)
        affiliations = []
        for a in el.iter(tei("affiliation")):
            refs = _ids(a.get("ref"))
            affiliations.append(_plain(a) or ", ".join(self.orgs.get(r, r) for r in refs))
        return Person(
            el.get(XML_ID), self.names[el.get(XML_ID)], el.get("role"), tuple(filter(None, affiliations)), sex, True
        )

    def _people(self) -> tuple[Person, ...]:
        people = [self._person(el) for el in self.register.values()]
        spoken = dict.fromkeys(i for t in self.turns for i in t.speaker.ids if i not in self.register)
        people += [Person(i, self.labels.get(i) or i, None, (), None, False) for i in spoken]
        return tuple(people)

    @staticmethod
    def _title(header: etree._Element | None, lang: str | None) -> str | None:
        """The main title(s) of a header in the document's language."""
        stmt = header.find(f"{tei('fileDesc')}/{tei('titleStmt')}") if header is not None else None
        if stmt is None:
            return None
        titles = [t for t in stmt.iterchildren(tei("title")) if t.get(XML_LANG) in (None, lang)] or list(
            stmt.iterchildren(tei("title"))
        )
        chosen = [t for t in titles if t.get("type") == "main"] or titles
        return " — ".join(filter(None, map(_plain, chosen))) or None

    def _header_date(self, doc: etree._Element) -> str | None:
        """When a document's proceedings took place: settingDesc's date, else front's docDate."""
        header = doc.find(tei("teiHeader"))
        places = [header.find(f"{tei('profileDesc')}/{tei('settingDesc')}")] if header is not None else []
        places.append(doc.find(f"{tei('text')}/{tei('front')}"))
        for place in filter(lambda p: p is not None, places):
            for d in place.iter(tei("date"), tei("docDate")):
                if _date(d):
                    return _date(d)
        return None

    # ---- structure: divisions, turns and the passages between them

    def _structure(self, container: etree._Element, skip_heads: bool = True) -> None:
        self._stray(container.text)
        for child in container:
            if isinstance(child.tag, str) and not (skip_heads and child.tag == HEAD):
                self._item(child)
            self._stray(child.tail)

    def _item(self, el: etree._Element) -> None:
        tag = el.tag
        if tag in TURNS:
            self._turn(el)
        elif tag in DIVISIONS or tag in DOCUMENTS or (tag == tei("text") and el.getparent().tag == tei("group")):
            self._division(el)
        elif tag in TRANSPARENT:
            self._structure(el, skip_heads=False)
        elif tag in METADATA:
            pass
        elif (
            tag == NOTE
            and el.get("type") == "speaker"
            and _next_element(el) is not None
            and _next_element(el).tag in TURNS
        ):
            self.label = self._block(el, "label")
        elif tag == GAP:
            self._passage(lambda: self._gap_block(el))
        elif tag in EVENTS:
            self._passage(lambda: self._event_block(el))
        elif tag in (STAGE, NOTE, tei("fw")):
            kind = {STAGE: "stage", NOTE: "note"}.get(tag, "furniture")
            self._passage(lambda: self._block(el, kind))
        elif tag in BLOCKS or _has_text(el):
            self._passage(lambda: self._block(el, "text"))
        else:  # a container of blocks: lists, tables, castList …
            self._structure(el, skip_heads=False)

    def _stray(self, text: str | None) -> None:
        """Text standing loose between blocks is kept as a passage of its own."""
        if text and text.strip():
            self._passage(lambda: Block("text", (text,), (text,)))

    def _division(self, el: etree._Element) -> None:
        parent = self.open[-1] if self.open else None
        n = len(self.divisions) + 1
        is_doc = el.tag in DOCUMENTS
        title, date = (self._doc_title(el), self._header_date(el)) if is_doc else self._head(el)
        inherited = parent.date if parent else self.doc_date
        kind = el.get("type") or (etree.QName(el).localname if is_doc else None)
        division = Division(
            n,
            el.get(XML_ID),
            kind,
            title,
            date or inherited,
            len(self.open),
            parent.n if parent else None,
            parent.session if parent else n,
        )
        self.divisions.append(division)
        self.flow.append(division)
        self.open.append(division)
        self._structure(el, skip_heads=not is_doc)
        self.open.pop()

    def _doc_title(self, doc: etree._Element) -> Block | None:
        title = self._title(doc.find(tei("teiHeader")), doc.get(XML_LANG) or self.root.get(XML_LANG))
        return Block("text", (title,), (title,)) if title else None

    def _head(self, div: etree._Element) -> tuple[Block | None, str | None]:
        """A division's title (its heads, joined) and its own date (in a head, or a date,
        docDate or dateline of its own)."""
        self.owner = None
        heads = [self._block(h, "text") for h in div.iterchildren(HEAD)]
        date = None
        for c in div.iterchildren(HEAD, tei("date"), tei("docDate"), tei("dateline")):
            date = date or next((_date(d) for d in c.iter(tei("date"), tei("docDate")) if _date(d)), None)
        if not heads:
            return None, date
        sep = (Aside(" — "),)
        return Block(
            "text", sum((h.reading + sep for h in heads), ())[:-1], sum((h.diplomatic + sep for h in heads), ())[:-1]
        ), date

    def _where(self) -> tuple[int | None, int | None, str | None]:
        division = self.open[-1] if self.open else None
        return (division.session, division.n, division.date) if division else (None, None, self.doc_date)

    def _passage(self, make) -> None:
        n = len(self.passages) + 1
        self.owner = ("passage", n)
        block = make()
        session, division, _ = self._where()
        passage = Passage(n, block, session, division, len(self.turns))
        self.passages.append(passage)
        self.flow.append(passage)
        self._read_nested()

    # ---- turns

    def _turn(self, el: etree._Element) -> None:
        n = len(self.turns) + 1
        self.owner = ("turn", n)
        noted, self.label = self.label, None
        printed = next(el.iterchildren(SPEAKER), None)
        label = self._block(printed, "label") if printed is not None else noted
        label, pending = _without_refs(label)  # a label's notes are anchored just after it
        blocks: list[Block] = []
        if _has_text(el):
            blocks.append(_with_refs(self._block(el, "text", skip=SPEAKER), pending, at_end=False))
            pending.clear()
        else:
            self._turn_blocks(el, blocks, pending, skip=printed)
        if pending:  # notes with no block after them
            if blocks:
                blocks[-1] = _with_refs(blocks[-1], pending, at_end=True)
            else:
                blocks.append(Block("text", tuple(pending), tuple(pending)))
        ids = _ids(el.get("who"))
        session, division, date = self._where()
        turn = Turn(n, el.get(XML_ID), self._speaker(ids, label), session, division, date, tuple(blocks))
        self.turns.append(turn)
        self.flow.append(turn)
        self._read_nested()

    def _turn_blocks(
        self, container, blocks: list[Block], pending: list[NoteRef], skip: etree._Element | None = None
    ) -> None:
        """The blocks of a turn (or of a container inside it), but its label (`skip`); a note
        between blocks is anchored at the end of the block before it."""
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag in METADATA or child is skip:
                continue
            block = None
            if tag == SPEAKER:  # a second label: kept, not spoken
                block = self._block(child, "label")
            elif tag == NOTE:
                ref = self._note(child)
                if blocks:
                    blocks[-1] = _with_refs(blocks[-1], [ref], at_end=True)
                else:
                    pending.append(ref)
            elif tag == GAP:
                block = self._gap_block(child)
            elif tag in EVENTS:
                block = self._event_block(child)
            elif tag == STAGE:
                block = self._block(child, "stage")
            elif tag in TURNS:
                self.nested.append(child)
            elif tag in BLOCKS or _has_text(child):
                block = self._block(child, "line" if tag == tei("l") else "text")
            else:
                self._turn_blocks(child, blocks, pending)
            if block is not None:
                blocks.append(_with_refs(block, pending, at_end=False) if pending else block)
                pending.clear()

    def _speaker(self, ids: tuple[str, ...], label: Block | None) -> Speaker:
        said = label.text().rstrip(":.").strip() if label is not None else ""
        for i in ids:
            if i not in self.register and said:
                self.labels.setdefault(i, said)
        names = [self.names.get(i) or self.labels.get(i, i) for i in ids]
        name = " & ".join(names) if names else (said or None)
        return Speaker(ids, name, label)

    def _read_nested(self) -> None:
        while self.nested:
            self._turn(self.nested.pop(0))

    # ---- blocks and inline text

    def _block(self, el: etree._Element, kind: str, skip: str | None = None) -> Block:
        r: list[Piece] = []
        d: list[Piece] = []
        self._inline(el, r, d, skip=skip)
        return Block(kind, tuple(r), tuple(d), el.get("type"))

    def _gap_block(self, el: etree._Element) -> Block:
        marker = Aside(self._gap(el))
        return Block("gap", (marker,), (marker,), el.get("reason"))

    def _event_block(self, el: etree._Element) -> Block:
        text = self._event(el)
        return Block("event", (Aside(text),), (Aside(text),), el.get("type"))

    def _event(self, el: etree._Element) -> str:
        """What a kinesic, vocal or incident describes (its desc), else its type."""
        desc = " ".join(_plain(x) for x in el.iterchildren(tei("desc"))).strip()
        return desc or el.get("type") or etree.QName(el).localname

    def _inline(self, el, r: list | None, d: list | None, aside: bool = False, skip: str | None = None) -> None:
        """The text of `el` into the reading (r) and diplomatic (d) lists; None = not in that view.

        Among tokens (ParlaMint's linguistically annotated `.ana` files: `w` and `pc`, one a line),
        whitespace is layout: each token is followed by a space unless it is joined to the next
        (`@join="right"`, or the next one's `"left"`), as ParlaMint's own text is made."""
        tokenized = any(c.tag in TOKENS for c in el)
        _add(_layout(el.text, tokenized), r, d, aside)
        in_choice = el.tag == CHOICE
        for child in el:
            if isinstance(child.tag, str) and child.tag != skip:
                if child.tag in TOKENS:
                    _add(_token(child), r, d, aside)
                else:
                    self._inline_child(child, r, d, aside, in_choice)
            _add(_layout(child.tail, tokenized), r, d, aside)

    def _inline_child(self, el, r, d, aside: bool, in_choice: bool) -> None:
        tag = el.tag
        if tag == GAP:
            _add(f" {self._gap(el)} ", r, d, True)
        elif tag == NOTE:
            ref = self._note(el)
            for out in (r, d):
                if out is not None:
                    out.append(ref)
        elif tag in EVENTS:
            _add(f" ({self._event(el)}) ", r, d, True)
        elif tag in TURNS:
            self.nested.append(el)
        elif tag == LB:
            _add("" if el.get("break") == "no" else " ", r, d, aside)
        elif tag == G and el.get("type") == "control":
            _add(" ", r, None, aside)
            _add(_control(el.get("n")), None, d, aside)
        elif tag not in SILENT and tag not in METADATA:
            if tag in READING_ONLY or el.get("type") == "editorial" or (in_choice and tag == tei("expan")):
                d = None
            elif tag in DIPLOMATIC_ONLY or (in_choice and tag == tei("abbr")):
                r = None
            if tag == CELL and el.getprevious() is not None:
                _add(" | ", r, d, True)
            spoken_by_other = (
                tag in (tei("q"), tei("said")) and el.get("who") and self.owner is not None and self.owner[0] == "turn"
            )
            self._inline(el, r, d, aside or tag == STAGE or bool(spoken_by_other))

    def _note(self, el: etree._Element) -> NoteRef:
        """Number an annotation (in document order, before the notes inside it) and read it."""
        self.notes.append(None)
        n = len(self.notes)
        owner = self.owner
        block = self._block(el, "text")
        session, _, _ = self._where()
        self.notes[n - 1] = Note(
            n,
            el.get("type"),
            block,
            owner[1] if owner and owner[0] == "turn" else None,
            owner[1] if owner and owner[0] == "passage" else None,
            session,
        )
        return NoteRef(n)

    def _gap(self, el: etree._Element) -> str:
        """Record a lacuna; return its marker."""
        quantity = el.get("quantity") or el.get("extent")
        marker = gap_marker(el.get("reason"), quantity, el.get("unit"))
        desc = " ".join(_plain(x) for x in el.iterchildren(tei("desc"))).strip() or None
        session, _, _ = self._where()
        owner = self.owner
        self.gaps.append(
            Gap(
                len(self.gaps) + 1,
                el.get("reason"),
                quantity,
                el.get("unit"),
                desc,
                marker,
                owner[1] if owner and owner[0] == "turn" else None,
                owner[1] if owner and owner[0] == "passage" else None,
                session,
            )
        )
        return marker


TOKENS = {tei("w"), tei("pc")}


def _layout(text: str | None, tokenized: bool) -> str | None:
    """Text between tokens that is only whitespace is layout, not a space of the text."""
    return None if tokenized and text is not None and not text.strip() else text


def _token(el: etree._Element) -> str:
    """A token's words (a contraction's too: `<w>del<w norm="de"/><w norm="el"/></w>`), and the
    space after it unless it is joined to the next token."""
    words = " ".join("".join(el.itertext()).split())
    nxt = _next_element(el)
    while nxt is not None and nxt.tag not in TOKENS and nxt.tag in METADATA:
        nxt = _next_element(nxt)
    joined = el.get("join") in ("right", "both") or (
        nxt is not None and nxt.tag in TOKENS and nxt.get("join") in ("left", "both")
    )
    return words if joined else words + " "


def _control(n: str | None) -> str:
    """The control character a <g type="control" n="U+0007"/> stands for (U+FFFD if unreadable)."""
    try:
        return chr(int((n or "").removeprefix("U+"), 16))
    except (ValueError, OverflowError):
        return "\ufffd"


def _add(text: str | None, r: list | None, d: list | None, aside: bool) -> None:
    if text:
        piece = Aside(text) if aside else text
        if r is not None:
            r.append(piece)
        if d is not None:
            d.append(piece)


def _without_refs(block: Block | None) -> tuple[Block | None, list[NoteRef]]:
    if block is None or not block.notes():
        return block, []
    refs = [p for p in block.reading if isinstance(p, NoteRef)]
    return replace(
        block,
        reading=tuple(p for p in block.reading if not isinstance(p, NoteRef)),
        diplomatic=tuple(p for p in block.diplomatic if not isinstance(p, NoteRef)),
    ), refs


def _with_refs(block: Block, refs: list[NoteRef], at_end: bool) -> Block:
    """A block with note anchors added at its end (notes after it) or start (notes before it)."""
    refs = tuple(refs)
    if at_end:
        return replace(block, reading=block.reading + refs, diplomatic=block.diplomatic + refs)
    return replace(block, reading=refs + block.reading, diplomatic=refs + block.diplomatic)
